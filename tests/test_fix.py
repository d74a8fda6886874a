"""``doclint fix``: fixes in the report, tracked changes in a .docx copy, layout fixes, CLI and service."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import shutil
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest
from click.testing import CliRunner
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint import Linter
from doclint.cli import main
from doclint.findings import Edit, Finding, Location, Severity
from doclint.model.docx_reader import read_docx
from doclint.outputs.fix import accept_all
from doclint.pipeline.edits import apply_to_lines
from doclint.pipeline.steps import settle_fixes
from docx_builder import DocxBuilder, run
from libreoffice import accept_all_macro

ROOT = Path(__file__).resolve().parent.parent
LINTER = Linter()
WHEN = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _draft() -> bytes:
    b = DocxBuilder()
    b.add_paragraph(run("截止目前,已完成"), run("80％的任务", bold=True, east_asia="黑体"), run("，荣获”中国奖“。"))
    b.add_paragraph(run("国发[2024]5号文件要求其它事项。"))
    return b.to_bytes()


FIXED = ["截至目前，已完成80%的任务，荣获“中国奖”。", "国发〔2024〕5号文件要求其他事项。"]


def _texts(data: bytes) -> list[str]:
    return [p.text for p in read_docx(data).paragraphs]


def _reject_all(data: bytes) -> bytes:
    """What Word's 拒绝所有修订 gives: insertions dropped, deletions restored."""
    d = docx.Document(io.BytesIO(data))
    body = d.element.body
    for ins in list(body.iter(qn("w:ins"))):
        ins.getparent().remove(ins)
    for dele in list(body.iter(qn("w:del"))):
        for r in list(dele):
            for t in r.iter(qn("w:delText")):
                t.tag = qn("w:t")
            dele.addprevious(r)
        dele.getparent().remove(dele)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


# -- fixes in the report --------------------------------------------------------------------


def test_fix_is_minimal_and_in_location_coordinates() -> None:
    """A finding's fix edits only the characters that change, inside its flagged span."""
    report = LINTER.check_text("截止目前,已完成任务。")
    fixes = {f.rule: f.fix for f in report.findings if f.fix}
    assert fixes["wording.jiezhi-jiezhi"] == (Edit(part="body", paragraph=0, start=1, end=2, replacement="至"),)
    assert fixes["punctuation.halfwidth-in-cjk"] == (Edit(part="body", paragraph=0, start=4, end=5, replacement="，"),)


def test_ambiguous_findings_carry_no_fix() -> None:
    """An unclosed quote or a bracket left open has no single correction: no fix."""
    report = LINTER.check_text("全面推行“一网通办，提升效率。\n各处室（含二级单位要按时报送。")
    flagged = [f for f in report.findings if f.rule in ("punctuation.quote-pairing", "punctuation.bracket-pairing")]
    assert flagged and all(f.fix is None for f in flagged)


def _finding(rule: str, start: int, end: int, replacement: str, severity: Severity = Severity.ERROR) -> Finding:
    return Finding(rule=rule, category="punctuation", severity=severity, message="m",
                   location=Location(part="body", paragraph=0, start=start, end=end),
                   fix=(Edit(part="body", paragraph=0, start=start, end=end, replacement=replacement),))


def test_overlapping_fixes_keep_the_safer_one() -> None:
    """Of two overlapping fixes the narrower keeps its fix; the other finding stays, without one."""
    wide = _finding("punctuation.b", 0, 5, "（abc）")
    narrow = _finding("punctuation.a", 4, 5, "）", Severity.WARNING)
    apart = _finding("punctuation.c", 6, 7, "，")
    out = {f.rule: f for f in settle_fixes((wide, narrow, apart))}
    assert out["punctuation.b"].fix is None
    assert out["punctuation.a"].fix and out["punctuation.c"].fix
    touching = _finding("punctuation.d", 5, 5, "x")  # an insertion at the edge of another edit
    assert sorted(f.fix is None for f in settle_fixes((narrow, touching))) == [False, True]


def test_no_fix_overlaps_on_the_corpus() -> None:
    """On every corpus draft the fixes of one file are disjoint."""
    for path in sorted((ROOT / "corpus").rglob("*.txt")):
        spans: dict[int, list[tuple[int, int]]] = {}
        for f in LINTER.check_path(path).findings:
            for e in f.fix or ():
                for s, t in spans.get(e.paragraph, []):
                    assert not (max(s, e.start) < min(t, e.end)), (path.name, f.rule)
                spans.setdefault(e.paragraph, []).append((e.start, e.end))


# -- the .docx writer -----------------------------------------------------------------------


def test_tracked_changes_accept_to_the_fixed_text_and_reject_to_the_draft() -> None:
    """Each fix is a w:del + w:ins by doclint; accepting gives the fixed text, rejecting the draft."""
    data = _draft()
    result = LINTER.fix(data, "a.docx", when=WHEN)
    body = docx.Document(io.BytesIO(result.data)).element.body
    ins, dels = list(body.iter(qn("w:ins"))), list(body.iter(qn("w:del")))
    assert len(ins) == len(dels) == sum(len(f.fix or ()) for f in result.applied) == 8
    assert {el.get(qn("w:author")) for el in ins + dels} == {"doclint"}
    assert {el.get(qn("w:date")) for el in ins + dels} == {"2026-01-02T03:04:05Z"}
    ids = [el.get(qn("w:id")) for el in ins + dels]
    assert len(set(ids)) == len(ids)
    assert _texts(accept_all(result.data)) == FIXED
    assert _texts(_reject_all(result.data)) == _texts(data)


def test_run_formatting_survives_on_both_sides_of_a_split() -> None:
    """The bold 黑体 run split around ％ keeps its properties in the head, the tail and the insertion."""
    result = LINTER.fix(_draft(), "a.docx")
    accepted = docx.Document(io.BytesIO(accept_all(result.data)))
    runs = [(r.text, r.bold, r._r.rPr.rFonts.get(qn("w:eastAsia")) if r._r.rPr is not None and
             r._r.rPr.rFonts is not None else None) for r in accepted.paragraphs[0].runs]
    assert ("80", True, "黑体") in runs and ("%", True, "黑体") in runs and ("的任务", True, "黑体") in runs


def test_no_track_applies_directly_and_input_is_untouched() -> None:
    """--no-track leaves no revision marks; the input bytes are never changed."""
    data = _draft()
    before = hashlib.sha256(data).hexdigest()
    result = LINTER.fix(data, "a.docx", track=False)
    xml = docx.Document(io.BytesIO(result.data)).element.body.xml
    assert "w:ins " not in xml and "w:del " not in xml
    assert _texts(result.data) == FIXED
    assert hashlib.sha256(data).hexdigest() == before


def test_select_and_ignore_choose_the_rules() -> None:
    """--select/--ignore name the rules whose fixes apply (by id or prefix)."""
    only = LINTER.fix(_draft(), "a.docx", select=["wording"])
    assert {f.rule for f in only.applied} == {"wording.jiezhi-jiezhi", "wording.qita"}
    rest = LINTER.fix(_draft(), "a.docx", ignore=["wording", "punctuation.quote"])
    assert "wording.qita" not in {f.rule for f in rest.applied}
    assert "punctuation.quote-pairing" not in {f.rule for f in rest.applied}


def test_comments_revisions_fields_tables_and_numbering_survive() -> None:
    """A reviewer's comment, an earlier tracked insertion, a field, a list number and a table stay."""
    b = DocxBuilder()
    p = b.add_paragraph(run("截止目前,已完成任务。"))
    b.add_comment(b.doc.paragraphs[0], "请核实")
    b.add_tracked_insertion(b.doc.paragraphs[0], "（已补充）")
    b.add_hyperlink(b.doc.paragraphs[0], "其它链接")
    b.add_page_footer(form="simple")
    num = b.add_paragraph(run("第一项工作,按时完成。"))
    ppr = num._p.get_or_add_pPr()
    numpr = ppr._add_numPr()
    numpr._add_ilvl().val = 0
    numpr._add_numId().val = 1
    table = b.doc.add_table(rows=1, cols=2)
    table.cell(0, 1).text = "截止6月30日,已报送"
    data = b.to_bytes()
    assert p is not None
    result = LINTER.fix(data, "a.docx")
    out = docx.Document(io.BytesIO(result.data))
    assert [c.text for c in out.comments] == ["请核实"]
    body = out.element.body
    authors = Counter(el.get(qn("w:author")) for el in body.iter(qn("w:ins")))
    assert authors["张三"] == 1 and authors["doclint"] >= 3
    assert out.paragraphs[1]._p.pPr.numPr is not None
    assert [f.get(qn("w:instr")) for f in out.sections[0].footer._element.iter(qn("w:fldSimple"))] == [" PAGE "]
    accepted = docx.Document(io.BytesIO(accept_all(result.data)))
    assert accepted.tables[0].cell(0, 1).text == "截至6月30日，已报送"
    assert accepted.paragraphs[0].text.startswith("截至目前，已完成任务。")
    assert "其他链接" in accepted.paragraphs[0].text


def test_stale_report_is_not_applied() -> None:
    """Fixes for a paragraph whose text differs from the report's are skipped, not misplaced."""
    from doclint.outputs.fix import fix_docx

    report = LINTER.check_bytes(_draft(), "a.docx")
    other = DocxBuilder()
    other.add_paragraph(run("完全不同的一段文字,共计若干字"))
    other.add_paragraph(run("国发[2024]5号文件要求其它事项。"))
    doc = read_docx(other.to_bytes())
    result = fix_docx(other.to_bytes(), report.findings, document=doc)
    assert {f.location.paragraph for f in result.skipped} == {0}
    assert _texts(accept_all(result.data))[1] == FIXED[1]


# -- re-checking fixed copies ---------------------------------------------------------------


def _key(f: Finding) -> tuple[object, ...]:
    loc = f.location
    return f.rule, loc.part, loc.paragraph, loc.table, loc.row, loc.cell


@pytest.mark.parametrize("path", sorted((ROOT / "corpus").rglob("*.txt"))[::3] + sorted(
    (ROOT / "corpus" / "docx").glob("err-*.docx")), ids=lambda p: p.name)
def test_fixed_copy_rechecks_without_the_fixed_findings_and_nothing_new(path: Path) -> None:
    """Accepted, the fixed copy has no new finding, and its text is the draft's with exactly the fixes applied."""
    data = path.read_bytes()
    before = LINTER.check_bytes(data, path.name)
    result = LINTER.fix(data, path.name)
    fixed = accept_all(result.data) if path.suffix == ".docx" else result.data
    after = LINTER.check_bytes(fixed, path.name)
    expected_left = Counter(_key(f) for f in before.active) - Counter(_key(f) for f in result.applied)
    assert not Counter(_key(f) for f in after.active) - expected_left
    assert not [f for f in after.active if f.fix]  # nothing left to fix
    from doclint.model.reader import read_bytes

    want = apply_to_lines([p.text for p in read_bytes(data, path.name).paragraphs], result.applied)
    assert [p.text for p in read_bytes(fixed, path.name).paragraphs] == want


def test_correct_prose_gets_no_fix() -> None:
    """The 18 published State Council documents are correct prose: no finding on them carries a fix."""
    texts = sorted(Path("/work/shared/real-texts").glob("*.txt")) if Path("/work/shared/real-texts").is_dir() else []
    if not texts:
        pytest.skip("../shared/real-texts 不在本机")
    for path in texts:
        assert not [f.rule for f in LINTER.check_path(path).findings if f.fix], path.name


# -- layout ---------------------------------------------------------------------------------

LAYOUT_DEFECTIVE = [p for p in sorted((ROOT / "corpus" / "docx").glob("*.docx"))
                    if any(f.category.value == "layout" for f in LINTER.check_path(p).findings)]


@pytest.mark.parametrize("path", LAYOUT_DEFECTIVE, ids=lambda p: p.name)
def test_layout_fixed_copy_passes_every_layout_rule(path: Path) -> None:
    """--layout: accepted, the copy has no layout finding, and its text is unchanged (spaces typed
    in place of an indent aside, which go as tracked deletions)."""
    data = path.read_bytes()
    result = LINTER.fix(data, path.name, layout=True, select=["layout"])
    assert result.layout
    fixed = accept_all(result.data)
    left = [f.rule for f in LINTER.check_bytes(fixed, path.name).findings if f.category.value == "layout"]
    assert left == []
    spaces = " \u3000\u00a0\t"
    assert [t.strip(spaces) for t in _texts(fixed)] == [t.strip(spaces) for t in _texts(data)]
    if [t.strip(spaces) for t in _texts(data)] == _texts(data):
        assert _texts(fixed) == _texts(data)


def test_layout_changes_are_tracked_formatting_changes() -> None:
    """Page setup, run and paragraph properties record their old values for 审阅."""
    path = ROOT / "corpus" / "docx" / "err-layout-songti.docx"
    result = LINTER.fix(path.read_bytes(), path.name, layout=True, when=WHEN)
    d = docx.Document(io.BytesIO(result.data))
    body = d.element.body
    for tag in ("w:sectPrChange", "w:rPrChange", "w:pPrChange"):
        marks = list(body.iter(qn(tag)))
        assert marks, tag
        assert all(m.get(qn("w:author")) == "doclint" for m in marks)
    assert d.settings.odd_and_even_pages_header_footer
    odd = "".join(t.text or "" for t in d.sections[0].footer._element.iter(qn("w:t")))
    assert odd.replace(" ", "") == "—1—"
    accepted = docx.Document(io.BytesIO(accept_all(result.data)))
    opening = accepted.paragraphs[2]  # 截止→截至, then the body font: the inserted 至 is body-sized too
    assert opening.text.startswith("截至") and {r.font.size for r in opening.runs} == {docx.shared.Pt(16)}


def test_local_profile_drives_the_layout_fixer(tmp_path: Path) -> None:
    """A profile extending gbt9704 with other margins gives those margins."""
    from doclint.config import Config

    prof = tmp_path / "local.yaml"
    prof.write_text("name: 本地规范\nextends: gbt9704\nmargins: {top_mm: 30, bottom_mm: 30, left_mm: 30, right_mm: 30}\n",
                    encoding="utf-8")
    linter = Linter(Config.model_validate({"profile": str(prof)}))
    path = ROOT / "corpus" / "docx" / "err-margins-footer.docx"
    result = linter.fix(path.read_bytes(), path.name, layout=True, track=False)
    section = docx.Document(io.BytesIO(result.data)).sections[0]
    assert round(section.top_margin.mm) == 30 and round(section.left_margin.mm) == 30


# -- command line ---------------------------------------------------------------------------


def test_cli_writes_atomically_and_never_overwrites(tmp_path: Path) -> None:
    """doclint fix writes -o, refuses an existing output without --force and never the draft."""
    draft = tmp_path / "稿.docx"
    draft.write_bytes(_draft())
    digest = hashlib.sha256(draft.read_bytes()).hexdigest()
    out = tmp_path / "修订版.docx"
    runner = CliRunner()
    r = runner.invoke(main, ["fix", str(draft), "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "修订 8 处" in r.stderr
    assert _texts(accept_all(out.read_bytes())) == FIXED
    assert runner.invoke(main, ["fix", str(draft), "-o", str(out)]).exit_code == 2
    assert runner.invoke(main, ["fix", str(draft), "-o", str(out), "--force", "--no-track"]).exit_code == 0
    assert _texts(out.read_bytes()) == FIXED
    assert runner.invoke(main, ["fix", str(draft), "-o", str(draft), "--force"]).exit_code == 2
    assert hashlib.sha256(draft.read_bytes()).hexdigest() == digest
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_cli_text_input_and_diff(tmp_path: Path) -> None:
    """.txt: the corrected text in its own encoding, or a unified diff on stdout."""
    draft = tmp_path / "稿.txt"
    draft.write_bytes("截止目前,已完成任务。\r\n第二行。\r\n".encode("gb18030"))
    runner = CliRunner()
    r = runner.invoke(main, ["fix", str(draft), "--diff"])
    assert r.exit_code == 0
    assert "-截止目前,已完成任务。" in r.stdout and "+截至目前，已完成任务。" in r.stdout
    out = tmp_path / "改.txt"
    assert runner.invoke(main, ["fix", str(draft), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == "截至目前，已完成任务。\r\n第二行。\r\n".encode("gb18030")
    assert runner.invoke(main, ["fix", str(draft), "-o", str(tmp_path / "x.txt"), "--layout"]).exit_code == 2
    assert runner.invoke(main, ["fix", str(tmp_path / "无.docx"), "-o", str(out)]).exit_code == 2


def test_cli_unreadable_draft_exits_1(tmp_path: Path) -> None:
    """A broken .docx is reported and exits 1, like doclint check."""
    bad = tmp_path / "坏.docx"
    bad.write_bytes(b"PK\x03\x04 broken")
    r = CliRunner().invoke(main, ["fix", str(bad), "-o", str(tmp_path / "o.docx")])
    assert r.exit_code == 1 and "错误" in r.stderr


# -- service --------------------------------------------------------------------------------


def test_service_fix_route() -> None:
    """POST /v1/fix returns the tracked copy of a .docx, corrected text for JSON text."""
    pytest.importorskip("fastapi")
    pytest.importorskip("httpx")
    import warnings

    with warnings.catch_warnings():  # Starlette asks for httpx2 when only httpx is installed
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    from doclint.server import create_app

    with TestClient(create_app()) as client:
        r = client.post("/v1/fix", files={"file": ("稿.docx", _draft())})
        assert r.status_code == 200, r.text
        assert r.headers["x-doclint-fixes"] == "8"
        assert _texts(accept_all(r.content)) == FIXED
        r = client.post("/v1/fix?track=false", json={"text": "截止目前,已完成任务。"})
        assert r.status_code == 200 and r.text == "截至目前，已完成任务。"
        assert client.post("/v1/fix?layout=true", json={"text": "x"}).status_code == 400
        assert client.post("/v1/fix", files={"file": ("坏.docx", b"PK\x03\x04 broken")}).status_code == 422
        page = client.get("/").text
        assert "下载修订版" in page


# -- LibreOffice round trip -----------------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

_MACRO = accept_all_macro("MS Word 2007 XML")


def _soffice(profile: Path, *args: str, cwd: Path) -> None:
    subprocess.run([str(SOFFICE), "--headless", f"-env:UserInstallation={profile.as_uri()}", *args],
                   cwd=cwd, check=True, capture_output=True, timeout=180)


@pytest.fixture(scope="module")
def lo_profile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A LibreOffice user profile holding a Basic macro that accepts all tracked changes."""
    if SOFFICE is None:
        pytest.skip("LibreOffice（soffice）未安装：跳过往返测试")
    root = tmp_path_factory.mktemp("lo")
    profile = root / "profile"
    seed = root / "seed.txt"
    seed.write_text("x", encoding="utf-8")
    _soffice(profile, "--convert-to", "pdf", str(seed), cwd=root)  # creates the profile
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    module.write_text(_MACRO, encoding="utf-8")
    return profile


def _changed_regions(profile: Path, path: Path) -> int:
    _soffice(profile, "--convert-to", "fodt", str(path), cwd=path.parent)
    return path.with_suffix(".fodt").read_text(encoding="utf-8").count("<text:changed-region")


def test_libreoffice_lists_the_tracked_changes_and_accepts_them(lo_profile: Path, tmp_path: Path) -> None:
    """LibreOffice opens the fixed copy, lists one change per w:ins and w:del, and once it accepts
    them the draft re-checks with none of the fixed findings."""
    data = _draft()
    result = LINTER.fix(data, "a.docx")
    fixed = tmp_path / "fixed.docx"
    fixed.write_bytes(result.data)
    assert _changed_regions(lo_profile, fixed) == 2 * sum(len(f.fix or ()) for f in result.applied)
    accepted = tmp_path / "accepted.docx"
    _soffice(lo_profile, f"macro:///Standard.Module1.AcceptAll(\"{fixed}\",\"{accepted}\")", cwd=tmp_path)
    assert _texts(accepted.read_bytes()) == FIXED
    again = LINTER.check_bytes(accepted.read_bytes(), "a.docx")
    assert not {f.rule for f in again.findings} & {f.rule for f in result.applied}


def _lo_opens(profile: Path, path: Path) -> Any:
    _soffice(profile, "--convert-to", "txt:Text (encoded):UTF8", str(path), cwd=path.parent)
    return path.with_suffix(".txt").read_text(encoding="utf-8-sig")


def test_layout_fixed_copy_opens_in_libreoffice(lo_profile: Path, tmp_path: Path) -> None:
    """The layout-fixed copy of a corpus draft opens in LibreOffice with its text."""
    path = ROOT / "corpus" / "docx" / "err-layout-songti.docx"
    fixed = tmp_path / "layout.docx"
    fixed.write_bytes(LINTER.fix(path.read_bytes(), path.name, layout=True).data)
    text = _lo_opens(lo_profile, fixed)
    assert _texts(path.read_bytes())[0].strip() in text


def test_text_inside_a_field_is_left_to_the_drafter() -> None:
    """A fix that falls in a field's code or result is skipped: Word rebuilds field results."""
    from docx.oxml import OxmlElement

    b = DocxBuilder()
    para = b.add_paragraph(run("截止目前,"))
    p = para._p
    for piece in ("begin", " DATE ", "separate", "其它", "end"):
        r = OxmlElement("w:r")
        if piece in ("begin", "separate", "end"):
            r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): piece}))
        elif piece == " DATE ":
            instr = OxmlElement("w:instrText")
            instr.text = piece
            r.append(instr)
        else:
            t = OxmlElement("w:t")
            t.text = piece
            r.append(t)
        p.append(r)
    result = LINTER.fix(b.to_bytes(), "a.docx")
    assert {f.rule for f in result.skipped} == {"wording.qita"}
    assert _texts(accept_all(result.data)) == ["截至目前，其它"]


_MESSY = st.text(alphabet="截止至目前其它布署”“‘’《》〈〉（）()[]〔〕,.;:?!\"％０１２3…。、等国发年号 \u3000甲乙丙丁",
                 max_size=40)


@settings(max_examples=80, deadline=None)
@given(st.lists(_MESSY, min_size=1, max_size=4))
def test_fixes_on_any_text_are_disjoint_and_stay_in_their_paragraph(lines: list[str]) -> None:
    """On any text: every edit lies in its paragraph, edits never overlap, and the .docx writer, accepted,
    gives exactly the text the edits give."""
    report = LINTER.check_text("\n".join(lines))
    fixes = [f for f in report.findings if f.fix]
    seen: dict[int, list[tuple[int, int]]] = {}
    for f in fixes:
        for e in f.fix or ():
            assert 0 <= e.start <= e.end <= len(lines[e.paragraph])
            for s, t in seen.get(e.paragraph, []):
                lo, hi = max(s, e.start), min(t, e.end)
                assert not (lo < hi or (lo == hi and (s == t or e.start == e.end)))
            seen.setdefault(e.paragraph, []).append((e.start, e.end))
    if not fixes:
        return
    b = DocxBuilder()
    for line in lines:
        b.add_paragraph(*[run(ch) for ch in line])  # one run per character: every edit splits runs
    data = b.to_bytes()
    result = LINTER.fix(data, "a.docx")
    assert _texts(accept_all(result.data)) == apply_to_lines(_texts(data), result.applied)
    assert _texts(_reject_all(result.data)) == _texts(data)


def _fixtures() -> list[str]:
    from fixtures import FIXTURES

    return sorted(FIXTURES)


@pytest.mark.parametrize("name", _fixtures())
def test_layout_fix_on_every_built_fixture(name: str) -> None:
    """Every .docx the layout tests build (styles, themes, sections, footers, revisions, comments):
    the layout-fixed copy opens, passes every layout rule once accepted, and keeps its text."""
    from fixtures import FIXTURES

    data = FIXTURES[name]()
    result = LINTER.fix(data, f"{name}.docx", layout=True, select=["layout"])
    docx.Document(io.BytesIO(result.data))
    accepted = accept_all(result.data)
    left = [f.rule for f in LINTER.check_bytes(accepted, f"{name}.docx").findings
            if f.category.value == "layout" and f.rule != "layout.not-checked"]
    assert left == []
    spaces = " \u3000\u00a0\t"
    before = read_docx(data)
    if before.revisions.insertions == 0:  # accepting someone else's insertion changes the text, rightly
        assert [t.strip(spaces) for t in _texts(accepted)] == [p.text.strip(spaces) for p in before.paragraphs]


def test_a_dedicated_style_is_fixed_in_the_style() -> None:
    """Body paragraphs in their own 正文 style: the style gets the font and size (a tracked change in
    styles.xml) and their runs no direct formatting; Normal, shared with everything, is never changed."""
    b = DocxBuilder()
    b.set_style("ZhengWen", name="正文文字", based_on="Normal", east_asia="宋体", size_pt=12)
    b.add_paragraph(run("关于做好秋季开学工作的通知", east_asia="方正小标宋简体", size_pt=22), jc="center")
    b.add_paragraph(run("各学校："), style="ZhengWen")
    for text in ("为做好今年秋季开学工作，现将有关事项通知如下。", "请各校认真落实。"):
        b.add_paragraph(run(text), style="ZhengWen", ind={"firstLineChars": "200"})
    data = b.to_bytes()
    assert "layout.body-font" in {f.rule for f in LINTER.check_bytes(data, "a.docx").findings}
    result = LINTER.fix(data, "a.docx", layout=True)
    d = docx.Document(io.BytesIO(result.data))
    style = d.styles["正文文字"].element
    assert style.find(f"{W}rPr/{W}rPrChange") is not None
    assert all(r._r.rPr is None for p in d.paragraphs[1:] for r in p.runs)
    assert d.styles["Normal"].element.find(f"{W}rPr/{W}rPrChange") is None
    accepted = accept_all(result.data)
    assert not [f.rule for f in LINTER.check_bytes(accepted, "a.docx").findings if f.category.value == "layout"]
