"""Every story and the text a reader sees: numbering, content controls, revisions, fields, wrappers,
text boxes, notes, headers, Strict OOXML and malformed numbers (issue 15)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

import story_fixtures as sf
from doclint import Linter
from doclint.findings import FileReport, Finding, Location, Severity
from doclint.model.document import Story
from doclint.model.docx_reader import read_docx
from doclint.model.numbering import Numbering, format_number
from doclint.outputs.annotate import annotate
from docx_builder import rewrite_members
from fixtures import numbered_heading_style
from libreoffice import accept_all_macro


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


# Findings a clean twin may carry because of what it is, not because of a misreading.
_EXPECTED_CLEAN = {"tracked-changes": {"residue.tracked-changes"}, "deleted-mark": {"residue.tracked-changes"}}


@pytest.mark.parametrize("name", sorted(sf.FEATURES))
def test_clean_twin_passes(linter: Linter, name: str) -> None:
    """The correct draft using the feature gets no finding the plain clean draft does not get."""
    report = linter.check_bytes(sf.FEATURES[name](False), f"{name}.docx")
    assert report.error is None
    assert {f.rule for f in report.findings} <= _EXPECTED_CLEAN.get(name, set()), report.findings


@pytest.mark.parametrize("name", sorted(sf.FEATURES))
def test_planted_error_found_at_readers_offset(linter: Linter, name: str) -> None:
    """The error inside the feature is reported in its story, at the offsets a reader sees."""
    data = sf.FEATURES[name](True)
    report = linter.check_bytes(data, f"{name}.docx")
    hits = [f for f in report.findings if f.rule == sf.RULE]
    assert len(hits) == 1, report.findings
    loc = hits[0].location
    part, paragraph, start = sf.EXPECTED[name]
    assert (loc.part, loc.paragraph, loc.start, loc.end) == (part, paragraph, start, start + 2)
    doc = read_docx(data)
    story = doc.headers[0].paragraphs if part == "header" else doc.story(Story(part))
    assert story[paragraph].text[start:start + 2] == "截止"


# -- numbering ------------------------------------------------------------------------------------


def test_numbered_headings_read_their_numbers() -> None:
    """numPr headings carry the number Word shows (the 3rd reads 三、); the text does not include it."""
    doc = read_docx(sf.numbered_headings(False))
    numbered = [(p.index, p.number, p.text) for p in doc.paragraphs if p.number]
    assert numbered == [(3, "一、", "购置内容"), (5, "二、", "经费来源"), (7, "三、", "采购方式")]


def test_numbered_heading_judged_as_heading(linter: Linter) -> None:
    """A numbered heading in the wrong font is a heading-font fault on the whole paragraph, not body-font."""
    report = linter.check_bytes(sf.numbered_headings(False, heading_font="仿宋_GB2312"), "x.docx")
    assert [(f.rule, f.location.paragraph, f.location.start) for f in report.findings] == [
        ("layout.heading-fonts", 7, None)]


def test_heading_number_from_paragraph_style(linter: Linter) -> None:
    """A heading style with numPr numbers its paragraphs (level from the style's numPr): it is a heading
    in sequence after the typed 一、, judged by the heading rules (the template's 14pt blue Heading 1)."""
    # the fixture's typed “一、” heading comes first: the list starts at 二
    first = '<w:lvl w:ilvl="0"><w:start w:val="1"/>'
    numbering = sf.NUMBERING.replace('w:numId="7"', 'w:numId="1"').replace(first, first.replace('"1"', '"2"'))
    data = rewrite_members(numbered_heading_style(),
                           lambda n, c: numbering.encode() if n == "word/numbering.xml" else c)
    doc = read_docx(data)
    assert [(p.number, p.text) for p in doc.paragraphs if p.number] == [("二、", "加强组织领导")]
    found = {(f.rule, f.location.paragraph) for f in linter.check_bytes(data, "x.docx").findings}
    assert found == {("layout.heading-fonts", 5), ("layout.text-color", 5)}


_LEVELS = """<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
<w:abstractNum w:abstractNumId="3">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/><w:lvlText w:val="%1、"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="0"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%3"/>
</w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="3"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="3"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>
<w:num w:numId="9"><w:abstractNumId w:val="42"/></w:num>
</w:numbering>"""


def test_counters_restart_and_override() -> None:
    """Lower levels restart under a higher one, lvlRestart 0 never restarts, startOverride restarts a list."""
    n = Numbering(etree.fromstring(_LEVELS))
    seq = [n.next("1", lvl) for lvl in (0, 1, 1, 2, 0, 1, 2)]
    assert seq == ["一、", "（一）", "（二）", "一.1", "二、", "（一）", "二.2"]
    assert n.next("2", 0) == "五、"  # a new instance with a startOverride
    assert n.next("1", 0) == "六、"  # instances of one abstract list continue each other
    assert n.next("9", 0) is None  # an instance of a missing definition numbers nothing
    assert n.next("1", 12) is None


@pytest.mark.parametrize(("n", "fmt", "shown"), [
    (3, "chineseCounting", "三"), (10, "chineseCounting", "十"), (12, "chineseCountingThousand", "十二"),
    (20, "chineseCounting", "二十"), (105, "chineseCounting", "一百零五"), (110, "chineseCounting", "一百一十"),
    (3, "ideographTraditional", "丙"), (11, "ideographTraditional", "11"), (3, "decimalEnclosedCircle", "③"),
    (21, "decimalEnclosedCircle", "㉑"), (50, "decimalEnclosedCircle", "㊿"), (51, "decimalEnclosedCircle", "51"),
    (2, "lowerLetter", "b"), (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"),
    (14, "upperRoman", "XIV"), (7, "decimal", "7"), (3, "decimalZero", "03"), (2, "decimalEnclosedParen", "⑵"),
    (12, "chineseLegalSimplified", "壹拾贰"), (10, "ideographDigital", "十"), (3, "someFutureFormat", "3"),
])
def test_number_formats(n: int, fmt: str, shown: str) -> None:
    """Each numFmt renders as Word and WPS show it."""
    assert format_number(n, fmt) == shown


# -- content controls, python-docx's count ---------------------------------------------------------


def test_content_control_paragraphs_counted_unlike_python_docx() -> None:
    """A body wrapped in a content control: python-docx sees no paragraph, the contract counts them all."""
    data = sf.body_in_one_control(False)
    assert docx.Document(io.BytesIO(data)).paragraphs == []
    assert len(read_docx(data).paragraphs) == 9


def test_deleted_mark_joins_the_next_paragraph() -> None:
    """A paragraph whose mark is a tracked deletion is one paragraph with the next, as Word shows it: the
    offsets run on across the two ``w:p``, the style and indent are the surviving mark's."""
    doc = read_docx(sf.deleted_mark(True))
    plain = read_docx(rewrite_members(sf.deleted_mark(True), lambda n, c: c.replace(b"<w:del ", b"<w:ignored ")
                                      if n == "word/document.xml" else c))  # nothing but the merge differs
    assert len(doc.paragraphs) == len(plain.paragraphs) - 1
    merged = doc.paragraphs[2]
    assert merged.text == sf._P2 + "截止目前，设备已全部到位。"
    assert [(r.start, r.end) for r in merged.runs] == [(0, len(sf._P2) + 1), (len(sf._P2) + 1, len(merged.text))]
    assert merged.format == plain.paragraphs[3].format
    assert [p.text for p in doc.paragraphs[3:]] == [p.text for p in plain.paragraphs[4:]]


def test_fix_leaves_a_merged_paragraph_alone(linter: Linter) -> None:
    """The fixer edits one ``w:p``: a paragraph merged from two is skipped, never edited at wrong offsets."""
    from doclint.outputs.fix import fix_docx

    data = sf.deleted_mark(True)
    report = linter.check_bytes(data, "x.docx")
    (finding,) = [f for f in report.findings if f.rule == sf.RULE]
    if not finding.fix:
        pytest.skip("the rule offers no fix")
    result = fix_docx(data, [finding], document=read_docx(data))
    assert finding in result.skipped
    assert [p.text for p in read_docx(result.data).paragraphs] == [p.text for p in read_docx(data).paragraphs]


def test_deleted_paragraph_not_counted() -> None:
    """A paragraph whose mark and text are tracked deletions is not a paragraph a reader sees."""
    data = sf.tracked_changes(False)

    def edit(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        deleted = ('<w:p><w:pPr><w:rPr><w:del w:id="5" w:author="a" w:date="2024-01-01T00:00:00Z"/></w:rPr></w:pPr>'
                   '<w:del w:id="6" w:author="a" w:date="2024-01-01T00:00:00Z"><w:r><w:delText>旧段</w:delText>'
                   '</w:r></w:del></w:p>')
        return content.replace(b"<w:body>", b"<w:body>" + deleted.encode(), 1)

    doc = read_docx(rewrite_members(data, edit))
    assert doc.paragraphs[0].text == "包头市财政局关于购置办公设备的请示"


# -- malformed numbers -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NaN", "1e400", "-4", "", "inf"])
def test_malformed_size_read_as_absent(linter: Linter, value: str) -> None:
    """w:sz of NaN/1e400/negative/empty reads as not set: no rule is skipped, a wrong font is still found."""
    clean = linter.check_bytes(sf.malformed_sizes(False, value), "x.docx")
    assert clean.findings == ()
    wrong = linter.check_bytes(sf.malformed_sizes(True, value), "x.docx")
    assert [(f.rule, f.location.paragraph) for f in wrong.findings] == [("layout.body-font", 2)]


# -- annotate --------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n, (part, _, _) in sf.EXPECTED.items() if part == "body" and n != "strict"])
def test_annotate_anchors_on_the_flagged_text(linter: Linter, name: str) -> None:
    """The Word comment covers exactly the flagged characters, in controls, insertions and fields too."""
    data = sf.FEATURES[name](True)
    report = linter.check_bytes(data, f"{name}.docx")
    out = annotate(data, report)
    before = [p.text for p in read_docx(data).paragraphs]
    after = read_docx(out)
    assert [p.text for p in after.paragraphs] == before
    (finding,) = [f for f in report.findings if f.rule == sf.RULE]
    (mark,) = [c for c in after.comments if sf.RULE in c.text]
    loc = finding.location
    assert (mark.paragraph, mark.start, mark.end_paragraph, mark.end) == (loc.paragraph, loc.start, loc.paragraph, loc.end)


def test_annotate_text_box_finding_in_the_box(linter: Linter) -> None:
    """A finding in a text box is anchored inside the box (the body's own paragraphs are unchanged)."""
    data = sf.text_box(True)
    out = annotate(data, linter.check_bytes(data, "x.docx"))
    xml = zipfile.ZipFile(io.BytesIO(out)).read("word/document.xml").decode()
    box = xml[xml.index("<w:txbxContent>"):xml.index("</w:txbxContent>")]
    assert "commentRangeStart" in box
    assert [p.text for p in read_docx(out).textboxes] == [p.text for p in read_docx(data).textboxes]


def test_annotate_automatic_number_anchors_on_paragraph() -> None:
    """A finding on a number that exists only in numbering.xml (no offsets) covers its paragraph."""
    data = sf.numbered_headings(False)
    finding = Finding(rule="structure.heading-form", category="structure", severity=Severity.WARNING,
                      message="标题序号有误", location=Location(part="body", paragraph=7), excerpt=None)
    out = annotate(data, FileReport(path="x.docx", verdict="pass", findings=(finding,)))
    (mark,) = read_docx(out).comments
    assert (mark.paragraph, mark.start, mark.end_paragraph, mark.end) == (7, 0, 7, len("采购方式"))


@pytest.mark.parametrize(("build", "kind", "label"), [(sf.notes, "footnote", "脚注"), (sf.endnotes, "endnote", "尾注")])
def test_annotate_note_finding_on_its_reference_mark(linter: Linter, build: Any, kind: str, label: str) -> None:
    """A finding in a note is a comment of its own on the note's reference mark, naming and quoting the
    note; the notes part is left as it was (LibreOffice refuses a comment reference inside a note)."""
    data = build(True)
    out = annotate(data, linter.check_bytes(data, "x.docx"))
    with zipfile.ZipFile(io.BytesIO(data)) as before, zipfile.ZipFile(io.BytesIO(out)) as after:
        assert after.read(f"word/{kind}s.xml") == before.read(f"word/{kind}s.xml")
        xml = after.read("word/document.xml").decode()
    (mark,) = read_docx(out).comments
    assert mark.text.startswith(f"{label} 第1段 第2字“截止目前，设备已全部到位。”：【错误】")
    assert sf.RULE in mark.text
    start, ref, end = (xml.index(t) for t in ("<w:commentRangeStart", f"<w:{kind}Reference", "<w:commentRangeEnd"))
    assert start < ref < end
    assert [c.text for c in docx.Document(io.BytesIO(out)).comments] == [mark.text]


def test_annotate_header_finding_on_first_body_paragraph(linter: Linter) -> None:
    """Word has no comments in headers: a header finding is its own comment on the first body paragraph,
    its text starting with the story (页眉) and the quoted header text."""
    data = sf.header_text(True)
    out = annotate(data, linter.check_bytes(data, "x.docx"))
    doc = read_docx(out)
    (mark,) = doc.comments
    assert mark.text.startswith("页眉 第1段 第1字“截止目前，设备已全部到位。”：【错误】")
    assert (mark.paragraph, mark.start, mark.end) == (0, 0, len(doc.paragraphs[0].text))
    assert [p.text for p in doc.headers[0].paragraphs] == [p.text for p in read_docx(data).headers[0].paragraphs]


def test_libreoffice_shows_note_and_header_comments(linter: Linter, tmp_path: Path) -> None:
    """LibreOffice loads the annotated notes and header fixtures and shows each comment (its .odt export
    holds the annotation, around the note's citation for a note)."""
    if _SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    builds = {"footnotes": sf.notes, "endnotes": sf.endnotes, "header": sf.header_text}
    for name, build in builds.items():
        data = build(True)
        (tmp_path / f"{name}.docx").write_bytes(annotate(data, linter.check_bytes(data, f"{name}.docx")))
    cmd = [_SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
           "--convert-to", "odt", "--outdir", str(tmp_path / "odt"), *sorted(str(tmp_path / f"{n}.docx") for n in builds)]
    subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    for name in builds:
        content = zipfile.ZipFile(tmp_path / "odt" / f"{name}.odt").read("content.xml").decode()
        annotation = content[content.index("<office:annotation "):content.index("<office:annotation-end")]
        assert sf.RULE in annotation
        if name != "header":
            assert "<text:note " in annotation  # the range covers the note's citation


# -- LibreOffice -----------------------------------------------------------------------------------

_SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# What LibreOffice's text export shows that the contract leaves out: deleted text (shown as a change),
# and a footnote's reference mark in the body.
_LO_EXTRA = {"tracked-changes": ("截止目前", ""), "footnotes": ("列支。1", "列支。"), "endnotes": ("列支。i", "列支。")}


# Fixtures whose text is compared with LibreOffice's after it accepts every tracked change, as Word shows
# a draft in its final view: a deleted paragraph mark joins two paragraphs there.
_LO_ACCEPTED = ("deleted-mark", "tracked-changes")
_ACCEPT_MACRO = accept_all_macro("Text (encoded)")


@pytest.mark.parametrize("name", _LO_ACCEPTED)
def test_text_equals_libreoffice_with_changes_accepted(tmp_path: Path, name: str) -> None:
    """doclint's body text equals LibreOffice's once LibreOffice accepts all tracked changes (a Basic macro
    in a throw-away profile): insertions in, deletions out, a deleted paragraph mark joins two paragraphs."""
    if _SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    profile = tmp_path / "profile"
    base = [_SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}"]
    subprocess.run([*base, "--terminate_after_init"], capture_output=True, timeout=120, check=False)
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    if not module.parent.is_dir():
        pytest.skip("LibreOffice made no Basic library in its profile")
    module.write_text(_ACCEPT_MACRO, encoding="utf-8")
    src, dst = tmp_path / f"{name}.docx", tmp_path / f"{name}.txt"
    data = sf.FEATURES[name](True)
    src.write_bytes(data)
    subprocess.run([*base, f'macro:///Standard.Module1.AcceptAll("{src}","{dst}")'], capture_output=True,
                   timeout=120, check=False)
    assert dst.exists(), "the macro wrote nothing"
    doc = read_docx(data)
    ours = _lines("\n".join((p.number or "") + p.text.replace("\n", " ") for p in doc.paragraphs))
    assert ours == _lines(dst.read_text(encoding="utf-8-sig"))


@pytest.fixture(scope="module")
def lo_texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    if _SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: its text export cannot be compared")
    work = tmp_path_factory.mktemp("lo")
    for name, build in sf.FEATURES.items():
        (work / f"{name}.docx").write_bytes(build(True))
    (work / "formats.docx").write_bytes(sf.numbering_formats())
    profile = work / "profile"
    cmd = [_SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(work / "txt"),
           *sorted(str(p) for p in work.glob("*.docx"))]
    subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    out = {}
    for name in [*sf.FEATURES, "formats"]:
        path = work / "txt" / f"{name}.txt"
        if path.exists():
            out[name] = _lines(path.read_text(encoding="utf-8-sig"))
    return out


def _lines(text: str) -> list[str]:
    return [line for line in ("".join(raw.split()) for raw in text.splitlines()) if line]


@pytest.mark.parametrize("name", sorted(sf.FEATURES))
def test_body_text_equals_libreoffice(lo_texts: dict[str, list[str]], name: str) -> None:
    """doclint's body text (automatic number, then text) equals LibreOffice's text export, line by line."""
    if name not in lo_texts:
        pytest.skip(f"LibreOffice did not convert {name}")
    doc = read_docx(sf.FEATURES[name](True))
    ours = _lines("\n".join((p.number or "") + p.text.replace("\n", " ") for p in doc.paragraphs))
    if name in _LO_ACCEPTED:
        pytest.skip("LibreOffice shows the changes unaccepted: compared with them accepted below")
    theirs = lo_texts[name]
    if name in _LO_EXTRA:
        old, new = _LO_EXTRA[name]
        theirs = [line.replace(old, new, 1) for line in theirs]
    assert ours == theirs


_OTHER_STORIES = {"text-box": "textboxes", "footnotes": "footnotes", "endnotes": "endnotes", "header": "headers"}


@pytest.fixture(scope="module")
def lo_html(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """LibreOffice's HTML export (its text export leaves out text boxes, notes and headers), as text."""
    if _SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed: its HTML export cannot be compared")
    import lxml.html

    work = tmp_path_factory.mktemp("lo-html")
    for name in _OTHER_STORIES:
        (work / f"{name}.docx").write_bytes(sf.FEATURES[name](True))
    cmd = [_SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(work / 'profile').as_uri()}",
           "--convert-to", "html", "--outdir", str(work / "html"), *sorted(str(p) for p in work.glob("*.docx"))]
    subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    out = {}
    for name in _OTHER_STORIES:
        path = work / "html" / f"{name}.html"
        if path.exists():
            root = lxml.html.parse(str(path)).getroot()
            for style in root.iter("style"):
                style.drop_tree()
            out[name] = "".join(root.text_content().split())
    return out


@pytest.mark.parametrize("name", sorted(_OTHER_STORIES))
def test_other_stories_shown_by_libreoffice(lo_html: dict[str, str], name: str) -> None:
    """Text boxes, notes and headers: every paragraph doclint reads is in LibreOffice's HTML export, and the
    planted sentence is shown as many times as doclint reads it (a text box with its VML fallback: once)."""
    if name not in lo_html:
        pytest.skip(f"LibreOffice did not convert {name}")
    doc = read_docx(sf.FEATURES[name](True))
    story = getattr(doc, _OTHER_STORIES[name])
    paragraphs = [p for hf in story for p in hf.paragraphs] if name == "header" else list(story)
    texts = ["".join(p.text.split()) for p in paragraphs if p.text.strip()]
    assert texts and all(t in lo_html[name] for t in texts)
    planted = "".join(sf.ERROR.split())
    assert lo_html[name].count(planted) == sum(t.count(planted) for t in texts) == 1


def test_number_formats_equal_libreoffice(lo_texts: dict[str, list[str]]) -> None:
    """Every numFmt doclint renders shows as LibreOffice shows it, for the first 112 numbers of each list."""
    if "formats" not in lo_texts:
        pytest.skip("LibreOffice did not convert the formats document")
    ours = [p.number for p in read_docx(sf.numbering_formats()).paragraphs if p.number]
    theirs = [line[:-1] for line in lo_texts["formats"] if line.endswith("|x")]
    assert len(ours) == len(sf.FORMATS) * sf.FORMAT_COUNT
    assert ours == theirs


def test_fixtures_written_for_inspection(tmp_path: Path) -> None:
    """Every fixture is a zip python-docx can open (Word-shaped parts, nothing python-docx rejects)."""
    for name, build in sf.FEATURES.items():
        if name == "strict":
            continue  # python-docx reads Transitional only
        for error in (False, True):
            docx.Document(io.BytesIO(build(error)))


_VALUES = st.sampled_from(["1", "0", "-3", "5", "NaN", "1e400", "", "99999999999", "x", "8", "9"])
_FMTS = st.sampled_from(["decimal", "chineseCounting", "ideographTraditional", "decimalEnclosedCircle", "lowerLetter",
                         "upperRoman", "bullet", "none", "chineseLegalSimplified", "", "??"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(levels=st.lists(st.tuples(_VALUES, _VALUES, _FMTS, st.text(alphabet="%0123456789、.（）", max_size=8),
                                 _VALUES), max_size=5),
       uses=st.lists(st.tuples(st.sampled_from(["1", "2", "3"]), st.integers(-2, 10)), max_size=30))
def test_any_numbering_definition_never_crashes(levels: list[tuple[str, str, str, str, str]],
                                                uses: list[tuple[str, int]]) -> None:
    """Hostile level numbers, starts, formats, placeholders and restarts give a string or None, never an error."""
    lvls = "".join(
        f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/><w:lvlRestart w:val="{restart}"/></w:lvl>'
        for ilvl, start, fmt, text, restart in levels)
    xml = (f'<w:numbering xmlns:w="{sf.W}"><w:abstractNum w:abstractNumId="0">{lvls}</w:abstractNum>'
           '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
           '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="NaN"/>'
           '</w:lvlOverride></w:num></w:numbering>')
    n = Numbering(etree.fromstring(xml))
    for num_id, ilvl in uses:
        out = n.next(num_id, ilvl)
        assert out is None or isinstance(out, str)


_WRAPPERS = ("hyperlink", "ins", "del", "sdt", "smartTag", "customXml", "fldSimple")


@st.composite
def _content(draw: st.DrawFn, depth: int = 0) -> tuple[str, str]:
    """(XML of paragraph content, the text a reader sees in it)."""
    parts: list[tuple[str, str]] = []
    for _ in range(draw(st.integers(1, 3))):
        if depth < 3 and draw(st.booleans()):
            kind = draw(st.sampled_from(_WRAPPERS))
            xml, text = draw(_content(depth + 1))
            if kind == "del":
                xml = xml.replace("<w:t ", "<w:delText ").replace("</w:t>", "</w:delText>")
                parts.append((f'<w:del w:id="1" w:author="a">{xml}</w:del>', ""))
            elif kind == "sdt":
                parts.append((f"<w:sdt><w:sdtPr/><w:sdtContent>{xml}</w:sdtContent></w:sdt>", text))
            elif kind == "fldSimple":
                parts.append((f'<w:fldSimple w:instr=" DATE ">{xml}</w:fldSimple>', text))
            else:
                parts.append((f"<w:{kind}>{xml}</w:{kind}>", text))
        else:
            text = draw(st.text(alphabet="截止目前甲乙，。ab 1", min_size=1, max_size=6))
            parts.append((f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>', text))
    return "".join(x for x, _ in parts), "".join(t for _, t in parts)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(content=_content(), cut=st.tuples(st.floats(0, 1), st.floats(0, 1)))
def test_nested_wrappers_read_and_anchor_as_a_reader_sees(content: tuple[str, str],
                                                          cut: tuple[float, float]) -> None:
    """Any nesting of links, insertions, deletions, controls, smart tags, custom XML and fields: the text is
    what a reader sees, and a comment on any span of it anchors on exactly that span."""
    from docx_builder import DocxBuilder

    xml, text = content
    b = DocxBuilder()
    b.add_paragraph("标题")
    b.doc.element.body.insert(1, etree.fromstring(f'<w:p xmlns:w="{sf.W}">{xml}</w:p>'))
    data = b.to_bytes()
    assert read_docx(data).paragraphs[1].text == text
    if not text:
        return
    start, end = sorted(round(c * len(text)) for c in cut)
    if start == end:
        return
    finding = Finding(rule="wording.x", category="wording", severity=Severity.ERROR, message="m",
                      location=Location(part="body", paragraph=1, start=start, end=end), excerpt=None)
    out = annotate(data, FileReport(path="x.docx", verdict="return", findings=(finding,)))
    after = read_docx(out)
    assert after.paragraphs[1].text == text
    (mark,) = after.comments
    assert (mark.paragraph, mark.start, mark.end_paragraph, mark.end) == (1, start, 1, end)


def test_hidden_text_in_a_footnote_is_residue(linter: Linter) -> None:
    """Hidden text is looked for in every story a reader could be shown, footnotes included."""
    hidden = sf.RPR.replace("<w:rPr>", "<w:rPr><w:vanish/>")
    data = rewrite_members(sf.notes(False), lambda n, c: c.replace(sf.RPR.encode(), hidden.encode())
                           if n == "word/footnotes.xml" else c)
    found = [(f.rule, f.location.part, f.location.paragraph) for f in linter.check_bytes(data, "x.docx").findings]
    assert found == [("residue.hidden-text", "footnote", 0)]


def test_mutated_fixtures_never_break_check_or_annotate(linter: Linter) -> None:
    """Hostile values, duplicated or missing tags and stray wrappers in any part of these fixtures: check
    never skips a rule nor fails inside, and annotate refuses exactly what check finds unreadable."""
    import random

    from doclint.errors import UnreadableDocument

    rng = random.Random(15)
    seeds = [build(error) for build in sf.FEATURES.values() for error in (False, True)]
    for _ in range(60):
        data = sf.mutate(rng.choice(seeds), rng)
        report = linter.check_bytes(data, "mutant.docx")
        assert report.error is None or report.error.code != "internal-error", report.error
        assert not [f.message for f in report.findings if "已跳过该规则" in f.message]
        try:
            annotate(data, report)
        except UnreadableDocument:
            assert report.verdict == "unreadable"


def test_libreoffice_opens_every_annotated_fixture(linter: Linter, tmp_path: Path) -> None:
    """The annotated copy of each fixture (comments in controls, insertions, fields, text boxes, Strict)
    is a file LibreOffice loads."""
    if _SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    for name, build in sf.FEATURES.items():
        data = build(True)
        (tmp_path / f"{name}.docx").write_bytes(annotate(data, linter.check_bytes(data, f"{name}.docx")))
    cmd = [_SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
           "--convert-to", "txt:Text (encoded):UTF8", "--outdir", str(tmp_path / "txt"),
           *sorted(str(p) for p in tmp_path.glob("*.docx"))]
    subprocess.run(cmd, capture_output=True, timeout=300, check=False)
    assert sorted(p.stem for p in (tmp_path / "txt").glob("*.txt")) == sorted(sf.FEATURES)


def test_broken_notes_part_is_read_as_absent(linter: Linter) -> None:
    """A footnotes.xml that is not well-formed: the notes are not read, the draft is still checked."""
    data = rewrite_members(sf.notes(True), lambda n, c: c.replace(b"</w:footnotes>", b"<w:x></w:y>")
                           if n == "word/footnotes.xml" else c)
    report = linter.check_bytes(data, "x.docx")
    assert report.verdict == "pass" and read_docx(data).footnotes == ()
