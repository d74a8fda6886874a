"""退文告知单: content, grouping, GB/T 9704 form, and doclint's own checks on the slip."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from doclint.config import Config
from doclint.findings import Category, FileError, FileReport, Finding, Location, Severity
from doclint.linter import Linter
from doclint.model.docx_reader import read_docx
from doclint.model.text_reader import document_from_string
from doclint.outputs.slip import CLOSING, GROUPS, build_slip, needs_slip, place_label, sender_for, slip_for, title_for
from docx_builder import DocxBuilder, run

OFFICE = "市人民政府办公室"
DATE = dt.date(2024, 5, 6)
FS = "仿宋_GB2312"


def _draft(extra: str = "") -> bytes:
    """A 请示 with wording faults, no date and no 附注, in Word's default layout."""
    b = DocxBuilder()
    b.add_paragraph(run("市财政局关于购置办公设备的请示", east_asia="宋体", size_pt=18, bold=True), jc="center")
    b.add_paragraph(run("市人民政府：", east_asia=FS, size_pt=16))
    b.add_paragraph(run("截止目前，我局现有办公设备大多已使用十年以上，其它设备也已老化。" + extra, east_asia=FS, size_pt=16))
    b.add_paragraph(run("妥否，请批示。", east_asia=FS, size_pt=16))
    b.add_paragraph(run("市财政局", east_asia=FS, size_pt=16))
    return b.to_bytes()


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


@pytest.fixture(scope="module")
def report(linter: Linter) -> FileReport:
    r = linter.check_bytes(_draft(), "市财政局/关于购置办公设备的请示.docx")
    assert r.verdict == "return"
    return r


def _slip_docx(report: FileReport) -> bytes:
    return build_slip(report, office=OFFICE, title="市财政局关于购置办公设备的请示", sender="市财政局", date=DATE)


def _body(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]


def _cells(data: bytes) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in docx.Document(io.BytesIO(data)).tables]


def test_groups_cover_every_category_once() -> None:
    """格式方面 / 内容方面 / 其他 partition the eight categories."""
    seen = [c for _, cats in GROUPS for c in cats]
    assert sorted(seen) == sorted(Category) and len(seen) == len(set(seen))
    assert [name for name, _ in GROUPS] == ["格式方面", "内容方面", "其他"]


def test_docx_slip_content(report: FileReport) -> None:
    """Heading with the office; a head table (sender, file, title, opinion); one reasons table, 格式 before 内容,
    repeats of one fault in one row; signature and date."""
    data = _slip_docx(report)
    body = _body(data)
    assert body[0] == f"{OFFICE}退文告知单"
    assert body[-2:] == [OFFICE, "2024年5月6日"]
    head, reasons = _cells(data)
    assert head[0] == ["来文单位", "市财政局", "文件", "关于购置办公设备的请示.docx"]
    assert head[1][:2] == ["标题", "市财政局关于购置办公设备的请示"]
    assert head[1][2] == "审核意见" and head[1][3].startswith(CLOSING)
    assert reasons[0] == ["序号", "位置", "存在问题", "修改意见"]
    rows = reasons[1:]
    kept = [f for f in report.findings if f.severity.rank >= Severity.WARNING.rank]
    assert 0 < len(rows) <= len(kept)
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(rows) + 1)]
    jiezhi = next(r for r in rows if "截至" in r[2])
    assert jiezhi[1] == "第3段" and jiezhi[3] == "改为“截至”"
    assert rows.index(jiezhi) > next(i for i, r in enumerate(rows) if "成文日期" in r[2])  # 格式 first
    assert not any("（依据：" in r[2] or "→" in r[2] for r in rows)  # the how-to goes to 修改意见


def test_repeated_faults_share_a_row_and_the_slip_fits_one_page(linter: Linter) -> None:
    """The same fault in paragraphs 4, 6 and 9 is one row “第4、6、9段”; 15 findings take one page of rows."""
    from doclint.outputs.slip import fit_widths, slip_rows

    b = DocxBuilder()
    b.add_paragraph(run("市财政局关于购置办公设备的请示", east_asia="宋体", size_pt=18), jc="center")
    b.add_paragraph(run("市人民政府：", east_asia=FS, size_pt=16))
    texts = ("拟按装设备。", "一是加强管理。", "二是按装监控。", "三是落实经费。", "四是按装门禁。", "妥否，请批示。", "市财政局")
    for text in texts:
        b.add_paragraph(run(text, east_asia=FS, size_pt=16))
    report = linter.check_bytes(b.to_bytes(), "请示.docx")
    rows = slip_rows(report)
    typo = [r for r in rows if "按装" in r[2]]
    assert len(typo) == 1 and typo[0][1] == "第3、5、7段"
    widths = fit_widths(("序号", "位置", "存在问题", "修改意见"), rows)
    assert sum(widths) <= 42 and widths[2] > widths[1]


def test_docx_slip_follows_gbt9704(report: FileReport) -> None:
    """A4, 37/35/28/26 mm margins, 小标宋 22pt centred title, 仿宋 16pt body, 黑体 headings, PAGE footers."""
    doc = read_docx(_slip_docx(report))
    sec = doc.sections[0]
    assert (round(sec.page_width_mm or 0), round(sec.page_height_mm or 0)) == (210, 297)
    assert [round(v or 0) for v in (sec.top_mm, sec.bottom_mm, sec.left_mm, sec.right_mm)] == [37, 35, 28, 26]
    title = doc.paragraphs[0]
    assert title.format.alignment == "center"
    assert {(r.format.east_asia_font, r.format.size_pt) for r in title.runs} == {("方正小标宋简体", 22.0)}
    body = next(p for p in doc.paragraphs if p.text == OFFICE)
    assert {(r.format.east_asia_font, r.format.size_pt) for r in body.runs} == {(FS, 16.0)}
    assert body.format.line_spacing_rule == "exact" and body.format.line_spacing == pytest.approx(28.95)
    assert doc.even_and_odd_headers
    footers = {f.kind: f for f in doc.footers}
    assert footers["default"].has_page_field and footers["even"].has_page_field
    assert footers["default"].paragraphs[0].text == "— 1 —"
    assert footers["default"].paragraphs[0].format.alignment == "right"
    assert footers["even"].paragraphs[0].format.alignment == "left"


def _own_residue(slip: FileReport) -> list[Finding]:
    """Residue in the slip's own text: anything but the quoted columns (excerpt, message and fix) of the reasons tables."""
    return [f for f in slip.findings if f.category is Category.RESIDUE
            and not (f.location.part == "table" and (f.location.cell or 0) >= 2)]


def test_doclint_finds_no_layout_or_residue_problem_in_the_slip(report: FileReport, linter: Linter) -> None:
    """doclint's own layout rules pass on the slip, and its own text carries no residue (comments, metadata, placeholders).

    Text quoted from the draft or from a rule's suggestion (e.g. “李××” in element.fuzhu-contact's) is what it is.
    """
    slip = linter.check_bytes(_slip_docx(report), "slip.docx")
    assert [f.message for f in slip.findings if f.category is Category.LAYOUT] == []
    assert _own_residue(slip) == []


def test_quoted_residue_stays_inside_the_quotes(linter: Linter) -> None:
    """A draft's placeholder quoted on the slip is flagged only inside the reasons table, never in the slip's own text."""
    report = linter.check_bytes(_draft("拟购置台式电脑XX台。"), "请示.docx")
    assert any(f.category is Category.RESIDUE for f in report.findings)
    slip = linter.check_bytes(_slip_docx(report), "slip.docx")
    assert any(f.category is Category.RESIDUE and "XX" in (f.excerpt or "") for f in slip.findings)
    assert _own_residue(slip) == []


def test_markdown_and_html_slips(report: FileReport) -> None:
    """The same content as Markdown and as one self-contained HTML page."""
    md = build_slip(report, office=OFFICE, title="关于购置办公设备的请示", sender=None, fmt="md", date=DATE)
    assert md.startswith(f"# {OFFICE}退文告知单\n")
    assert "| 来文单位 | （未注明） | 文件 | 关于购置办公设备的请示.docx |" in md
    assert "| 序号 | 位置 | 存在问题 | 修改意见 |" in md
    assert CLOSING in md and md.rstrip().endswith("2024年5月6日")
    page = build_slip(report, office="<办公室>", title="关于购置办公设备的请示", sender="市财政局", fmt="html", date=DATE)
    assert page.startswith("<!DOCTYPE html>") and "&lt;办公室&gt;退文告知单" in page
    assert "<script" not in page and "http" not in page.replace("http://www.w3.org", "")
    assert page.count("<table") == 2 and CLOSING in page and ">来文单位</td>" in page
    assert 'style="font-size:10.5pt"' in page


def test_passing_draft_gets_no_slip(linter: Linter) -> None:
    """slip_for returns None for a passing draft."""
    clean = FileReport(path="ok.docx", verdict="pass")
    assert not needs_slip(clean)
    assert slip_for(clean, office=OFFICE, title=None, sender=None) is None


def test_unreadable_draft_gets_a_slip_saying_so() -> None:
    """A file that cannot be read is returned with that reason under 其他."""
    bad = FileReport(path="旧格式.doc", verdict="unreadable",
                     error=FileError(code="legacy-doc", message="这是旧版 Word 97-2003 (.doc) 文件"))
    md = slip_for(bad, office=OFFICE, title=None, sender="市财政局", fmt="md", date=DATE)
    assert isinstance(md, str)
    assert "文件无法读取：这是旧版 Word 97-2003 (.doc) 文件（legacy-doc）" in md
    assert "| 标题 | 旧格式 | 审核意见 | 文稿无法读取" in md


def test_place_labels_are_for_people() -> None:
    """第N段 counts from 1; tables, footers and whole-document findings are named."""
    def f(**loc: object) -> Finding:
        return Finding(rule="wording.x", category=Category.WORDING, severity=Severity.ERROR, message="m",
                       location=Location(**loc))  # type: ignore[arg-type]

    assert place_label(f(part="body", paragraph=17, start=52, end=61)) == "第18段"
    assert place_label(f(part="table", paragraph=0, table=0, row=1, cell=2)) == "第1个表格第2行第3列"
    assert place_label(f(part="footer", paragraph=0)) == "页脚"
    assert place_label(f(part="document")) == "全文"


def test_sender_comes_from_config_then_author_then_folder(tmp_path: Path) -> None:
    """Config units win; an author naming an organisation is next; then the folder; a person's name is ignored."""
    path = tmp_path / "教育局" / "请示.docx"
    b = DocxBuilder()
    b.add_paragraph("关于购置办公设备的请示")
    b.doc.core_properties.author = "市发展和改革委员会"
    doc = read_docx(b.to_bytes())
    config = Config(units={"*教育*": "市教育局"})
    assert sender_for(path, doc, config) == "市教育局"
    assert sender_for(path, doc, Config()) == "市发展和改革委员会"
    b.doc.core_properties.author = "Administrator"
    assert sender_for(path, read_docx(b.to_bytes()), None) == "教育局"
    assert sender_for(Path("drafts/请示.docx"), None, None) is None


def test_sender_the_draft_names_comes_first(linter: Linter) -> None:
    """The 署名 (the report's unit) beats config, author and folder; the digest uses it too."""
    from doclint.outputs.digest import default_unit_of

    text = "青河市财政局关于购置办公设备的请示\n市人民政府：\n拟购置办公设备一批。\n妥否，请批示。\n青河市财政局\n2024年5月6日"
    report = linter.check_text(text, "docx/请示.txt")
    assert report.unit == "青河市财政局"
    config = Config(unit="市教育局")
    assert sender_for("docx/请示.txt", None, config, report) == "青河市财政局"
    assert sender_for("docx/请示.txt", document_from_string(text), config) == "青河市财政局"
    assert default_unit_of(config)(report) == "青河市财政局"
    assert default_unit_of(config)(report.model_copy(update={"unit": None})) == "市教育局"


def test_title_comes_from_the_draft() -> None:
    """The located title, else the file name."""
    doc = document_from_string("市财政局关于购置办公设备的请示\n市人民政府：\n正文。\n")
    assert title_for(doc, "x.txt") == "市财政局关于购置办公设备的请示"
    assert title_for(None, "folder/草稿一.docx") == "草稿一"


def test_libreoffice_opens_the_slip(tmp_path: Path, report: FileReport) -> None:
    """LibreOffice converts the slip to PDF."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice 未安装：无法做往返转换（Debian：apt-get install libreoffice-writer-nogui）")
    out = tmp_path / "slip.docx"
    out.write_bytes(_slip_docx(report))
    subprocess.run([office, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)})
    assert (tmp_path / "slip.pdf").read_bytes().startswith(b"%PDF")
