"""Annotated copies: Word comments on exactly the flagged text, the draft untouched."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from doclint.errors import OutputExistsError, UnreadableDocument
from doclint.findings import Category, FileReport, Finding, Location, Severity
from doclint.model.docx_reader import read_docx
from doclint.outputs.annotate import AUTHOR, annotate, annotate_file, annotated_path, comment_text
from docx_builder import DocxBuilder, run

TITLE = "关于购置办公设备的请示"
P1 = ("为保障工作需要，", "我局拟购置办公设备一批，", "所需经费从年度预算中列支。")


def _draft() -> bytes:
    """A draft with split runs, a bold run, a hyperlink, a tab, a line break and a table."""
    b = DocxBuilder()
    b.add_paragraph(run(TITLE, east_asia="方正小标宋简体", size_pt=22), jc="center")
    b.add_paragraph("市人民政府：")
    b.add_paragraph(run(P1[0], east_asia="仿宋_GB2312", size_pt=16),
                    run(P1[1], east_asia="仿宋_GB2312", size_pt=16, bold=True),
                    run(P1[2], east_asia="仿宋_GB2312", size_pt=16))
    para = b.add_paragraph(run("详见网站", east_asia="仿宋_GB2312"))
    b.add_hyperlink(para, "www.example.com网址", "https://www.example.com")
    para._p.append(_run_el("，联系\t电话\n稍后告知。"))
    b.add_paragraph("")
    b.add_paragraph(run("截止目前，其它事项另行报告。", east_asia="仿宋_GB2312", color="FF0000"))
    table = b.doc.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(1, 1).text = "台式电脑XX台"
    return b.to_bytes()


def _run_el(text: str) -> object:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    r.text = text  # python-docx writes \t as w:tab and \n as w:br
    return r


def _finding(rule: str, paragraph: int | None, start: int | None, end: int | None, *,
             part: str = "body", category: Category = Category.WORDING, **cell: int) -> Finding:
    return Finding(rule=rule, category=category, severity=Severity.ERROR, message=f"{rule} 的说明",
                   suggestion="改正后的写法", location=Location(part=part, paragraph=paragraph, start=start, end=end, **cell))


def _report(findings: list[Finding]) -> FileReport:
    return FileReport(path="draft.docx", verdict="return", findings=tuple(findings))


FINDINGS = [
    _finding("wording.a", 2, 4, 12),  # crosses two runs, ends inside the bold one
    _finding("wording.b", 2, 8, 10),  # overlaps the first, wholly inside the bold run
    _finding("wording.c", 3, 2, 6),  # plain run into the hyperlink
    _finding("wording.d", 3, 21, 29),  # after the hyperlink, across the tab and the line break
    _finding("wording.m", 3, 10, 20),  # starts and ends inside the hyperlink
    _finding("wording.e", 5, 0, 2),  # first characters of a paragraph
    _finding("wording.f", 5, 7, 9),
    _finding("structure.g", 1, None, None, category=Category.STRUCTURE),  # whole paragraph
    _finding("length.h", None, None, None, part="document", category=Category.LENGTH),
    _finding("element.i", None, None, None, part="document", category=Category.ELEMENT),
    _finding("residue.j", 0, 4, 6, part="table", category=Category.RESIDUE, table=0, row=1, cell=1),
    _finding("layout.k", 0, None, None, part="footer", category=Category.LAYOUT),
    _finding("wording.l", 40, 0, 2),  # stale: no such paragraph
]


def _anchored(data: bytes) -> dict[str, str]:
    """Comment id → the text between its range marks, read back from the document XML."""
    d = docx.Document(io.BytesIO(data))
    out: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in d.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(el.get(qn("w:id")))
            out.setdefault(el.get(qn("w:id")), "")
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(el.get(qn("w:id")))
        elif el.tag in (qn("w:t"), qn("w:tab"), qn("w:br"), qn("w:cr")) and el.getparent().tag == qn("w:r"):
            for cid in open_ids:
                out[cid] += str(el)
    return out


def _comments(data: bytes) -> dict[str, tuple[str, str, str | None]]:
    """Comment id → (text, author, initials) through python-docx 1.2's comments API."""
    d = docx.Document(io.BytesIO(data))
    return {str(c.comment_id): (c.text, c.author, c.initials) for c in d.comments}


def _texts(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def test_every_comment_is_anchored_on_the_flagged_text() -> None:
    """Each located finding's comment covers exactly paragraph.text[start:end]; the text itself is unchanged."""
    source = _draft()
    out = annotate(source, _report(FINDINGS))
    texts = _texts(source)
    assert _texts(out) == texts
    comments = _comments(out)
    anchored = _anchored(out)
    by_rule = {text.split("（规则：")[-1].rstrip("）"): cid for cid, (text, _, _) in comments.items()
               if "（规则：" in text and not text.startswith("全文问题")}
    for f in FINDINGS[:8]:
        loc = f.location
        para = texts[loc.paragraph or 0]
        expected = para if loc.start is None else para[loc.start : loc.end]
        assert anchored[by_rule[f.rule]] == expected, f.rule
    cell_text = docx.Document(io.BytesIO(out)).tables[0].cell(1, 1).paragraphs[0].text
    assert cell_text == "台式电脑XX台"
    assert anchored[by_rule["residue.j"]] == "XX"
    for text, author, initials in comments.values():
        assert (author, initials) == (AUTHOR, "DL")
        assert text


def test_document_level_findings_share_one_comment_on_the_title() -> None:
    """Length, missing elements and stale findings are listed in a single comment anchored on the title;
    a footer finding (Word has no comments in footers) is a comment of its own on the title, naming the story."""
    out = annotate(_draft(), _report(FINDINGS))
    notes = [(cid, text) for cid, (text, _, _) in _comments(out).items() if text.startswith("全文问题")]
    assert len(notes) == 1
    cid, text = notes[0]
    assert _anchored(out)[cid] == TITLE
    for rule in ("length.h", "element.i", "wording.l"):
        assert f"（规则：{rule}）" in text
    (footer,) = [(cid, text) for cid, (text, _, _) in _comments(out).items() if text.startswith("页脚")]
    assert "（规则：layout.k）" in footer[1]
    assert _anchored(out)[footer[0]] == TITLE
    assert len(_comments(out)) == 11  # 9 placed + the footer's + 1 note


def test_comment_text_has_message_suggestion_and_rule() -> None:
    """The comment reads severity, message, 建议 and the rule id."""
    f = _finding("wording.jiezhi-jiezhi", 0, 0, 2)
    assert comment_text(f) == "【错误】wording.jiezhi-jiezhi 的说明。建议：改正后的写法（规则：wording.jiezhi-jiezhi）"


def _comment_links(data: bytes) -> dict[str, list[tuple[str, str]]]:
    """Comment id → (linked text, external target) of each w:hyperlink in it, via python-docx."""
    d = docx.Document(io.BytesIO(data))
    part = next(p for p in d.part.package.iter_parts() if str(p.partname).startswith("/word/comments"))
    out: dict[str, list[tuple[str, str]]] = {}
    for c in part.element.iter(qn("w:comment")):
        links = out.setdefault(c.get(qn("w:id")), [])
        for link in c.iter(qn("w:hyperlink")):
            rel = part.rels[link.get(qn("r:id"))]
            assert rel.is_external and rel.reltype.endswith("/hyperlink")
            links.append(("".join(t.text for t in link.iter(qn("w:t"))), rel.target_ref))
    return out


def test_each_comment_links_its_rule_to_the_reference() -> None:
    """The rule id in each comment is a hyperlink to its anchor in the rules reference; the note on
    the title links every rule it lists; one relationship per rule; the text stays as written."""
    from doclint.rules.docs import help_uri

    out = annotate(_draft(), _report(FINDINGS))
    links = _comment_links(out)
    texts = {cid: text for cid, (text, _, _) in _comments(out).items()}
    for cid, found in links.items():
        assert found, texts[cid]
        for label, target in found:
            assert f"（规则：{label}）" in texts[cid]
            assert target == help_uri(label) and target.endswith("#" + label)
    note = next(cid for cid, text in texts.items() if text.startswith("全文问题"))
    assert {label for label, _ in links[note]} == {"length.h", "element.i", "wording.l"}
    # the footer's finding is a comment of its own (Word has none in footers), linked the same way
    assert any(label == "layout.k" for cid, found in links.items() if cid != note for label, _ in found)
    import zipfile

    rels = zipfile.ZipFile(io.BytesIO(out)).read("word/_rels/comments.xml.rels").decode()
    assert rels.count('TargetMode="External"') == len({f.rule for f in FINDINGS})


def test_split_runs_keep_their_formatting() -> None:
    """Every character keeps the effective run format it had before annotation."""
    source = _draft()
    out = annotate(source, _report(FINDINGS))
    before, after = read_docx(source), read_docx(out)
    for p_before, p_after in zip(before.paragraphs, after.paragraphs, strict=True):
        assert p_before.text == p_after.text

        def formats(p: object) -> list[object]:
            return [r.format for r in p.runs for _ in r.text]  # type: ignore[attr-defined]

        assert formats(p_before) == formats(p_after)
    bold = [r for r in after.paragraphs[2].runs if r.format.bold]
    assert "".join(r.text for r in bold) == P1[1]
    assert len(after.paragraphs[2].runs) > len(before.paragraphs[2].runs)  # runs were split
    red = after.paragraphs[5].runs
    assert all(r.format.color == "FF0000" for r in red)


def test_doclint_reads_its_own_comments_back() -> None:
    """doclint's reader sees the new comments with their anchors (paragraph, offsets)."""
    out = annotate(_draft(), _report(FINDINGS[:2]))
    marks = read_docx(out).comments
    assert [(m.paragraph, m.start, m.end, m.author) for m in marks] == [(2, 4, 12, AUTHOR), (2, 8, 10, AUTHOR)]


def test_the_draft_is_never_modified(tmp_path: Path) -> None:
    """The input bytes and the input file hash the same before and after; the output is new."""
    source = _draft()
    digest = hashlib.sha256(source).hexdigest()
    draft = tmp_path / "draft.docx"
    draft.write_bytes(source)
    annotate(source, _report(FINDINGS))
    assert hashlib.sha256(source).hexdigest() == digest
    out = annotate_file(draft, _report(FINDINGS), tmp_path / "out.docx")
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest
    assert out.read_bytes() != source


def test_existing_output_needs_force_and_the_draft_is_never_the_output(tmp_path: Path) -> None:
    """An existing output is kept without force; the draft itself is refused even with force; no temp files remain."""
    draft = tmp_path / "draft.docx"
    draft.write_bytes(_draft())
    out = tmp_path / "out.docx"
    out.write_bytes(b"keep me")
    with pytest.raises(OutputExistsError, match="--force"):
        annotate_file(draft, _report(FINDINGS), out)
    assert out.read_bytes() == b"keep me"
    annotate_file(draft, _report(FINDINGS), out, force=True)
    assert out.read_bytes().startswith(b"PK")
    with pytest.raises(OutputExistsError, match="原稿"):
        annotate_file(draft, _report(FINDINGS), draft, force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["draft.docx", "out.docx"]
    assert annotated_path(draft, tmp_path / "批注").name == "draft（批注）.docx"


def test_unreadable_input_raises_a_typed_error() -> None:
    """A file that is not a .docx gives UnreadableDocument, not a traceback."""
    with pytest.raises(UnreadableDocument):
        annotate(b"not a word file", _report([]))


def test_a_clean_report_gives_a_copy_without_comments() -> None:
    """No findings: the copy has the same text and no comments."""
    source = _draft()
    out = annotate(source, _report([]))
    assert _texts(out) == _texts(source)
    assert _comments(out) == {}


def test_real_findings_round_trip() -> None:
    """Findings from doclint itself anchor on the text the report flags."""
    from doclint.linter import Linter

    source = _draft()
    try:
        report = Linter().check_bytes(source, "draft.docx")
    except Exception as exc:  # rule packs are being edited concurrently
        pytest.skip(f"规则加载失败：{exc}")
    out = annotate(source, report)
    texts = _texts(source)
    comments = _comments(out)
    anchored = _anchored(out)
    located = [f for f in report.findings if f.location.part == "body" and f.location.start is not None]
    assert located, "the draft should trigger some located findings"
    for f in located:
        flagged = texts[f.location.paragraph or 0][f.location.start : f.location.end]
        hits = [cid for cid, (text, _, _) in comments.items() if text == comment_text(f) and anchored.get(cid) == flagged]
        assert hits, f.rule


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_libreoffice_opens_the_annotated_copy(tmp_path: Path) -> None:
    """LibreOffice converts the annotated copy to PDF (proof that it is a valid document)."""
    office = _soffice()
    if office is None:
        pytest.skip("LibreOffice 未安装：无法做往返转换（Debian：apt-get install libreoffice-writer-nogui）")
    out = tmp_path / "annotated.docx"
    out.write_bytes(annotate(_draft(), _report(FINDINGS)))
    env = {**os.environ, "HOME": str(tmp_path)}  # a private LibreOffice profile
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env=env)
    pdf = tmp_path / "annotated.pdf"
    assert pdf.is_file()
    assert pdf.read_bytes().startswith(b"%PDF")
    # LibreOffice keeps the rule links inside its comments (office:annotation > text:a).
    import re
    import zipfile

    subprocess.run([office, "--headless", "--convert-to", "odt", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env=env)
    content = zipfile.ZipFile(tmp_path / "annotated.odt").read("content.xml").decode()
    notes = re.findall(r"<office:annotation .*?</office:annotation>", content, re.S)
    assert any(re.search(r'<text:a xlink:href="[^"]*rules\.md#wording\.a"', n) for n in notes)


def test_write_atomic_writes_text_and_leaves_no_temp_file(tmp_path: Path) -> None:
    """Text is written as UTF-8 into new folders; an existing file needs force; nothing else is left behind."""
    from doclint.outputs.atomic import write_atomic

    out = write_atomic(tmp_path / "新建" / "摘要.md", "# 核文摘要\n")
    assert out.read_text(encoding="utf-8") == "# 核文摘要\n"
    with pytest.raises(OutputExistsError):
        write_atomic(out, "again")
    write_atomic(out, b"bytes", force=True)
    assert out.read_bytes() == b"bytes"
    assert [p.name for p in out.parent.iterdir()] == ["摘要.md"]
    assert out.stat().st_mode & 0o777 == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("broken", [b"<w:x></w:y>", b"<w:x>&nbsp;</w:x>"])
def test_check_and_annotate_share_one_reading(broken: bytes) -> None:
    """A styles.xml broken only in a style no paragraph uses: check gives a verdict and annotate a copy."""
    from doclint import Linter
    from test_docx_reader import _into_unused_style, _styled_draft, _styles_xml, _with_styles_xml

    data = _styled_draft()
    data = _with_styles_xml(data, _into_unused_style(broken)(_styles_xml(data)))
    report = Linter().check_bytes(data, "draft.docx")
    assert report.verdict != "unreadable"
    out = annotate(data, report)
    assert [p.text for p in read_docx(out).paragraphs] == [p.text for p in read_docx(data).paragraphs]


def test_unreadable_for_check_is_unreadable_for_annotate() -> None:
    """What check cannot read, annotate refuses with the same code."""
    from doclint import Linter
    from docx_builder import rewrite_members

    data = rewrite_members(_draft(), lambda n, c: c.replace(b"</w:body>", b"<w:x></w:y></w:body>")
                           if n == "word/document.xml" else c)
    report = Linter().check_bytes(data, "draft.docx")
    assert report.verdict == "unreadable" and report.error is not None
    with pytest.raises(UnreadableDocument) as info:
        annotate(data, _report([]))
    assert info.value.code == report.error.code


def test_existing_comments_are_kept_and_ids_stay_unique() -> None:
    """A reviewer's comment stays; doclint's comments take the next free ids."""
    b = DocxBuilder()
    b.add_paragraph(TITLE)
    para = b.add_paragraph("截止目前，其它事项另行报告。")
    b.add_comment(para, "请核实", author="王五")
    out = annotate(b.to_bytes(), _report([_finding("wording.a", 1, 0, 2)]))
    comments = _comments(out)
    assert len(comments) == 2 and ("请核实", "王五", "W") in comments.values()
    marks = {c.author: c for c in read_docx(out).comments}
    assert (marks[AUTHOR].paragraph, marks[AUTHOR].start, marks[AUTHOR].end) == (1, 0, 2)


def test_strict_draft_annotated_in_strict() -> None:
    """A Strict (ISO 29500) draft is annotated and stays Strict; doclint reads the comments back."""
    import zipfile

    import story_fixtures as sf

    data = sf.strict(True)
    from doclint import Linter

    out = annotate(data, Linter().check_bytes(data, "draft.docx"))
    z = zipfile.ZipFile(io.BytesIO(out))
    assert b"purl.oclc.org/ooxml/wordprocessingml/main" in z.read("word/document.xml")
    assert b"schemas.openxmlformats.org/wordprocessingml" not in z.read("word/comments.xml")
    marks = read_docx(out).comments
    assert [(m.paragraph, m.start, m.end) for m in marks if "截止" in m.text or "jiezhi" in m.text] == [(2, 0, 2)]
    rels = z.read("word/_rels/comments.xml.rels")
    assert b"purl.oclc.org/ooxml/officeDocument/relationships/hyperlink" in rels


def test_annotating_an_annotated_copy_keeps_both_sets_of_links() -> None:
    """The comments part's own relationships are kept; new link ids do not clash with them."""
    once = annotate(_draft(), _report([_finding("wording.a", 2, 4, 12)]))
    twice = annotate(once, _report([_finding("wording.b", 5, 0, 2)]))
    links = sorted(label for found in _comment_links(twice).values() for label, _ in found)
    assert links == ["wording.a", "wording.b"]
