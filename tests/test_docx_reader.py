"""Tests for the .docx reader: text contract, effective formatting, structure, safety."""

from __future__ import annotations

import contextlib
import io
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from doclint.errors import UnreadableDocument
from doclint.model import docx_reader, style_sheets
from doclint.model.document import Document, Story
from doclint.model.docx_reader import read_docx, sniff
from doclint.model.styles import StyleResolver, index_styles
from docx_builder import DocxBuilder, rewrite_members, run, zip_bytes
from fixtures import FIXTURES


def _codes(data: bytes) -> str:
    with pytest.raises(UnreadableDocument) as info:
        read_docx(data)
    return info.value.code


# -- text contract -----------------------------------------------------------------------------


def test_text_and_run_offsets_match_python_docx() -> None:
    """Paragraph text equals python-docx's Paragraph.text and runs tile it exactly."""
    b = DocxBuilder()
    b.add_paragraph("第一段", run("含\t制表符", bold=True), run("换\n行"))
    p = b.add_paragraph("见")
    b.add_hyperlink(p, "链接文字")
    b.add_paragraph(run("尾"), "")
    b.add_paragraph()
    data = b.to_bytes()
    expected = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    doc = read_docx(data)
    assert [p.text for p in doc.paragraphs] == expected
    assert expected[0] == "第一段含\t制表符换\n行"
    assert expected[1] == "见链接文字"
    for para in doc.paragraphs:
        assert "".join(r.text for r in para.runs) == para.text
        pos = 0
        for r in para.runs:
            assert (r.start, r.end) == (pos, pos + len(r.text))
            assert para.text[r.start:r.end] == r.text
            pos = r.end
    assert [p.index for p in doc.paragraphs] == list(range(len(expected)))
    assert doc.paragraphs[0].runs[1].format.bold


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.text(alphabet=st.sampled_from(list("ab Z9,.公文通知第一，。《》\t\n")) |
                                 st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=12),
                         max_size=4), min_size=1, max_size=5))
def test_roundtrip_random_texts(paragraphs: list[list[str]]) -> None:
    """Random CJK/ASCII/tab run texts written by python-docx read back with identical text."""
    d = docx.Document()
    for runs in paragraphs:
        p = d.add_paragraph()
        for text in runs:
            p.add_run(text)
    buf = io.BytesIO()
    d.save(buf)
    data = buf.getvalue()
    expected = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    doc = read_docx(data)
    assert [p.text for p in doc.paragraphs] == expected
    for para in doc.paragraphs:
        assert "".join(r.text for r in para.runs) == para.text


# -- effective run formatting ------------------------------------------------------------------


def test_style_inheritance_chain_to_doc_defaults() -> None:
    """A style basedOn Normal inherits Normal's size and the docDefaults font."""
    b = DocxBuilder()
    b.set_doc_defaults(east_asia="仿宋_GB2312", size_pt=16)
    b.set_style("Normal", size_pt=15)
    b.set_style("Body", name="正文样式", based_on="Normal", bold=True)
    b.add_paragraph("正文", style="Body")
    b.add_paragraph("默认")
    p_body, p_default = read_docx(b.to_bytes()).paragraphs
    assert p_body.style == "正文样式"
    assert p_body.runs[0].format.east_asia_font == "仿宋_GB2312"
    assert p_body.runs[0].format.size_pt == 15
    assert p_body.runs[0].format.bold
    assert p_default.style == "Normal"
    assert p_default.runs[0].format.size_pt == 15
    assert not p_default.runs[0].format.bold


def test_character_style_applies_between_direct_and_paragraph_style() -> None:
    """A character style (and its basedOn) overrides the paragraph style, direct props override both."""
    b = DocxBuilder()
    b.set_doc_defaults(east_asia="仿宋_GB2312", size_pt=16)
    b.set_style("BaseChar", kind="character", color="FF0000")
    b.set_style("Emph", kind="character", based_on="BaseChar", east_asia="黑体", bold=True)
    b.add_paragraph(run("甲", style="Emph"), run("乙", style="Emph", east_asia="楷体_GB2312"), "丙")
    a, bb, c = read_docx(b.to_bytes()).paragraphs[0].runs
    assert (a.format.east_asia_font, a.format.bold, a.format.color, a.format.size_pt) == ("黑体", True, "FF0000", 16)
    assert bb.format.east_asia_font == "楷体_GB2312"
    assert (c.format.east_asia_font, c.format.bold, c.format.color) == ("仿宋_GB2312", False, None)


def test_theme_fonts_resolve_from_theme_part() -> None:
    """minorEastAsia/majorEastAsia resolve to the theme's Hans fonts; a theme attribute beats the name."""
    b = DocxBuilder()
    b.set_theme_fonts(minor_hans="仿宋", major_hans="黑体", minor_latin="Times New Roman")
    b.add_paragraph("默认")  # docDefaults of the template: eastAsiaTheme=minorEastAsia, asciiTheme=minorHAnsi
    b.add_paragraph(run("标题", east_asia_theme="majorEastAsia"))
    p = b.add_paragraph("同级")
    rfonts = OxmlElement("w:rFonts", attrs={qn("w:eastAsia"): "宋体", qn("w:eastAsiaTheme"): "minorEastAsia"})
    p.runs[0]._r.get_or_add_rPr().append(rfonts)
    doc = read_docx(b.to_bytes())
    assert doc.paragraphs[0].runs[0].format.east_asia_font == "仿宋"
    assert doc.paragraphs[0].runs[0].format.ascii_font == "Times New Roman"
    assert doc.paragraphs[1].runs[0].format.east_asia_font == "黑体"
    assert doc.paragraphs[2].runs[0].format.east_asia_font == "仿宋"


def test_theme_falls_back_to_ea_typeface_without_hans() -> None:
    """Without a script="Hans" font the theme's a:ea typeface is used."""
    b = DocxBuilder()
    b.set_theme_fonts(drop_hans=True, minor_ea="楷体")
    b.add_paragraph("字")
    assert read_docx(b.to_bytes()).paragraphs[0].runs[0].format.east_asia_font == "楷体"


def test_east_asia_font_kept_apart_from_ascii() -> None:
    """Setting only eastAsia or only ascii leaves the other slot inherited."""
    b = DocxBuilder()
    b.set_doc_defaults(east_asia="仿宋_GB2312", ascii="Times New Roman")
    b.add_paragraph(run("中", east_asia="黑体"), run("A", ascii="Arial"))
    ea_only, ascii_only = read_docx(b.to_bytes()).paragraphs[0].runs
    assert (ea_only.format.east_asia_font, ea_only.format.ascii_font) == ("黑体", "Times New Roman")
    assert (ascii_only.format.east_asia_font, ascii_only.format.ascii_font) == ("仿宋_GB2312", "Arial")


def test_half_point_sizes() -> None:
    """w:sz is in half-points: 21 → 10.5 pt, 32 → 16 pt."""
    b = DocxBuilder()
    b.add_paragraph(run("五号", size_pt=10.5), run("三号", size_pt=16))
    sizes = [r.format.size_pt for r in read_docx(b.to_bytes()).paragraphs[0].runs]
    assert sizes == [10.5, 16.0]


def test_direct_props_override_wrong_normal_style() -> None:
    """Direct run props win over a wrong Normal style; mark_format shows the style level."""
    b = DocxBuilder()
    b.set_style("Normal", east_asia="宋体", size_pt=12, color="0000FF")
    b.add_paragraph(run("正文", east_asia="仿宋_GB2312", size_pt=16, color="auto"))
    b.add_paragraph()
    full, empty = read_docx(b.to_bytes()).paragraphs
    fmt = full.runs[0].format
    assert (fmt.east_asia_font, fmt.size_pt, fmt.color) == ("仿宋_GB2312", 16, "auto")
    assert (full.mark_format.east_asia_font, full.mark_format.size_pt) == ("宋体", 12)
    assert empty.runs == ()
    assert (empty.mark_format.east_asia_font, empty.mark_format.color) == ("宋体", "0000FF")


def test_toggles_off_and_hidden() -> None:
    """w:b w:val="0" turns bold off against a bold style; w:vanish marks hidden text."""
    b = DocxBuilder()
    b.set_style("Normal", bold=True)
    b.add_paragraph(run("不粗", bold=False), run("隐藏", hidden=True), run("粗"))
    off, hidden, on = read_docx(b.to_bytes()).paragraphs[0].runs
    assert (off.format.bold, hidden.format.hidden, on.format.bold, on.format.hidden) == (False, True, True, False)


# -- paragraph formatting ----------------------------------------------------------------------


def test_paragraph_format_and_outline() -> None:
    """jc, indents (twips and chars), spacing rules and outline levels resolve through styles."""
    b = DocxBuilder()
    b.set_style("Normal", ind={"firstLineChars": "200", "firstLine": "640"},
                spacing={"line": "560", "lineRule": "exact", "before": "0", "after": "0"})
    b.add_paragraph("正文")
    b.add_paragraph("标题", style="Heading1", jc="center", ind={"firstLine": "0", "firstLineChars": "0"})
    b.add_paragraph("悬挂", jc="start", ind={"hanging": "420", "left": "420"}, spacing={"line": "360"})
    b.add_paragraph("大纲", outline=1, jc="end", ind={"rightChars": "150", "right": "480"})
    body, heading, hanging, outline = read_docx(b.to_bytes()).paragraphs
    f = body.format
    assert (f.first_line_indent_chars, f.first_line_indent_pt) == (2.0, 32.0)
    assert (f.line_spacing, f.line_spacing_rule, f.space_before_pt, f.space_after_pt) == (28.0, "exact", 0.0, 0.0)
    assert body.outline_level is None
    assert heading.style == "Heading 1" and heading.outline_level == 0
    assert heading.format.alignment == "center"
    assert (heading.format.first_line_indent_pt, heading.format.first_line_indent_chars) == (0.0, None)
    h = hanging.format
    assert (h.alignment, h.hanging_indent_pt, h.first_line_indent_pt, h.left_indent_pt) == ("left", 21.0, None, 21.0)
    assert (h.line_spacing, h.line_spacing_rule) == (1.5, "auto")
    assert outline.outline_level == 1
    assert (outline.format.alignment, outline.format.right_indent_chars, outline.format.right_indent_pt) == (
        "right", 1.5, 24.0)


# -- structure ---------------------------------------------------------------------------------


def test_tables_with_merged_cells() -> None:
    """Horizontally merged cells appear once and vertical continuations are skipped."""
    b = DocxBuilder()
    b.add_paragraph("表前")
    t = b.doc.add_table(rows=3, cols=3)
    for r in range(3):
        for c in range(3):
            t.cell(r, c).text = f"{r}{c}"
    t.cell(0, 0).merge(t.cell(0, 1))
    t.cell(1, 2).merge(t.cell(2, 2))
    doc = read_docx(b.to_bytes())
    assert [p.text for p in doc.paragraphs] == ["表前"]
    (table,) = doc.tables
    assert [len(row) for row in table.rows] == [2, 3, 2]
    assert table.rows[0][0][0].text.startswith("00")
    assert table.rows[1][2][0].text == "12"
    cell = table.rows[1][1][0]
    assert (cell.part, cell.table, cell.row, cell.cell, cell.text) == (Story.TABLE, 0, 1, 1, "11")
    assert all(p.part is Story.TABLE for p in doc.table_paragraphs())


def test_sections_and_margins_in_mm() -> None:
    """Page size, margins and doc grid of every section are read in mm / pt."""
    b = DocxBuilder()
    b.set_margins(top=37, bottom=35, left=28, right=26, header=15, footer=28, page=(210, 297))
    b.set_doc_grid(line_pitch=579, char_space=0)
    b.add_paragraph("第一节")
    b.doc.add_section()
    b.set_margins(left=20, section=1)
    doc = read_docx(b.to_bytes())
    s0, s1 = doc.sections
    for got, want in ((s0.page_width_mm, 210), (s0.page_height_mm, 297), (s0.top_mm, 37), (s0.bottom_mm, 35),
                      (s0.left_mm, 28), (s0.right_mm, 26), (s0.header_mm, 15), (s0.footer_mm, 28),
                      (s1.left_mm, 20)):
        assert got == pytest.approx(want, abs=0.05)
    assert s0.orientation == "portrait"
    assert (s0.grid_type, s0.grid_line_pitch_pt, s0.grid_char_space) == ("lines", 28.95, 0)
    assert (s0.index, s1.index) == (0, 1)


@pytest.mark.parametrize("form", ["simple", "complex"])
def test_footer_page_field(form: str) -> None:
    """A PAGE field is detected in both the fldSimple and the fldChar/instrText forms."""
    b = DocxBuilder()
    b.add_paragraph("正文")
    b.add_page_footer(form=form)
    b.add_header_text("页眉")
    doc = read_docx(b.to_bytes())
    (footer,) = doc.footers
    assert (footer.section, footer.kind, footer.has_page_field) == (0, "default", True)
    assert footer.paragraphs[0].part is Story.FOOTER
    assert footer.paragraphs[0].text == "— 1 —"  # fldSimple result included in headers/footers
    (header,) = doc.headers
    assert (header.has_page_field, header.paragraphs[0].text, header.paragraphs[0].part) == (False, "页眉", Story.HEADER)


def test_numpages_only_is_not_a_page_field() -> None:
    """NUMPAGES alone does not count as a page-number field."""
    b = DocxBuilder()
    b.add_page_footer(form="complex", instr=" NUMPAGES ")
    assert not read_docx(b.to_bytes()).footers[0].has_page_field


def test_first_and_even_footers_and_even_and_odd_setting() -> None:
    """First/even footers are read as their own kinds and evenAndOddHeaders is reported."""
    plain = DocxBuilder()
    plain.add_paragraph("x")
    assert read_docx(plain.to_bytes()).even_and_odd_headers is False
    b = DocxBuilder()
    b.add_page_footer(form="simple", kind="default")
    b.add_page_footer(form="complex", kind="even")
    b.add_page_footer(form="simple", kind="first", instr=" NUMPAGES ")
    doc = read_docx(b.to_bytes())
    assert doc.even_and_odd_headers is True
    assert {(f.kind, f.has_page_field) for f in doc.footers} == {("default", True), ("even", True), ("first", False)}
    assert doc.sections[0].title_page


def test_revisions_and_comments_counted() -> None:
    """Tracked insertions, deletions, format changes and comments are counted with authors."""
    b = DocxBuilder()
    p = b.add_paragraph("原文")
    b.add_tracked_insertion(p, "插入", author="张三")
    b.add_tracked_deletion(p, "删除", author="李四")
    b.add_comment(p, "请核实", author="王五")
    rpr = p.runs[0]._r.get_or_add_rPr()
    rpr.append(OxmlElement("w:rPrChange", attrs={qn("w:id"): "77", qn("w:author"): "张三"}))
    doc = read_docx(b.to_bytes())
    rev = doc.revisions
    assert (rev.insertions, rev.deletions, rev.format_changes, rev.comments) == (1, 1, 1, 1)
    assert set(rev.authors) == {"张三", "李四", "王五"}
    assert rev.tracked == 3
    assert doc.paragraphs[0].text == "原文插入"  # the insertion is read, the deletion is not


def test_content_control_paragraphs_are_body_paragraphs() -> None:
    """Paragraphs in a block-level content control are body paragraphs, counted in reading order."""
    b = DocxBuilder()
    b.add_paragraph("正文")
    sdt = OxmlElement("w:sdt")
    content = OxmlElement("w:sdtContent")
    p = OxmlElement("w:p")
    r = OxmlElement("w:r")
    r.text = "控件里的字"
    p.append(r)
    content.append(p)
    sdt.append(content)
    b.doc.element.body.insert(0, sdt)
    doc = read_docx(b.to_bytes())
    assert [p.text for p in doc.paragraphs] == ["控件里的字", "正文"]
    assert [p.index for p in doc.paragraphs] == [0, 1]


_TEXT_BOX_RUN = (
    '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
    ' xmlns:v="urn:schemas-microsoft-com:vml">'
    '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
    '<w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
    '<mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
    '<w:p><w:r><w:t>框内文字</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>'
    '</mc:AlternateContent></w:r>'
)


def test_text_box_is_its_own_story_read_once() -> None:
    """Text-box text is the textbox story (once, ignoring the VML fallback copy), not body text."""
    b = DocxBuilder()
    p = b.add_paragraph("正文")
    p._p.append(parse_xml(_TEXT_BOX_RUN))
    doc = read_docx(b.to_bytes())
    assert [p.text for p in doc.paragraphs] == ["正文"]
    assert [(p.part, p.index, p.text) for p in doc.textboxes] == [(Story.TEXTBOX, 0, "框内文字")]


def test_footer_page_number_inside_content_control() -> None:
    """Word's "Insert Page Number" wraps the field in a w:sdt; its paragraph and field are still read."""
    b = DocxBuilder()
    footer = b.doc.sections[0].footer
    footer.paragraphs[0].text = ""
    sdt = parse_xml(
        '<w:sdt xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:sdtContent>'
        '<w:p><w:r><w:t xml:space="preserve">— </w:t></w:r><w:fldSimple w:instr=" PAGE ">'
        '<w:r><w:t>1</w:t></w:r></w:fldSimple><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    )
    footer._element.append(sdt)
    (f,) = read_docx(b.to_bytes()).footers
    assert f.has_page_field
    assert [p.text for p in f.paragraphs] == ["", "— 1 —"]
    assert [p.index for p in f.paragraphs] == [0, 1]


def test_core_properties() -> None:
    """Title, author and dates come from docProps/core.xml."""
    b = DocxBuilder()
    b.doc.core_properties.title = "关于开展检查的通知"
    b.doc.core_properties.author = "办公室"
    core = read_docx(b.to_bytes()).core
    assert (core.title, core.author) == ("关于开展检查的通知", "办公室")
    assert core.created is not None and core.created.startswith("20")


# -- bad inputs --------------------------------------------------------------------------------

_OLE = docx_reader.OLE_MAGIC + bytes(504)


@pytest.mark.parametrize(("data", "code"), [
    (b"", "empty"),
    (_OLE + "EncryptedPackage".encode("utf-16-le"), "encrypted"),
    (_OLE + "WordDocument".encode("utf-16-le"), "legacy-doc"),
    (_OLE + "WpsCustomData".encode("utf-16-le"), "legacy-wps"),
    (b"just some text, not a document", "not-zip"),
    (b"PK\x03\x04" + bytes(100), "corrupt"),
    (zip_bytes({"hello.txt": b"hi"}), "not-word"),
    (zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}), "not-word"),
])
def test_bad_inputs_give_stable_codes(data: bytes, code: str) -> None:
    """Each kind of unreadable input raises UnreadableDocument with its stable code."""
    assert _codes(data) == code


def test_sniff() -> None:
    """sniff classifies bytes without parsing."""
    assert [sniff(b""), sniff(_OLE), sniff(b"PK\x03\x04"), sniff(b"{\\rtf1")] == ["empty", "ole", "zip", "other"]


def test_truncated_docx_is_corrupt() -> None:
    """A .docx cut in half is reported as corrupt."""
    b = DocxBuilder()
    b.add_paragraph("x")
    data = b.to_bytes()
    assert _codes(data[: len(data) // 2]) == "corrupt"


def test_malformed_document_xml_is_corrupt() -> None:
    """Broken XML in document.xml is reported as corrupt, not as an lxml exception."""
    data = rewrite_members(DocxBuilder().to_bytes(),
                           lambda name, content: b"<w:document" if name == "word/document.xml" else content)
    assert _codes(data) == "corrupt"


def test_zip_without_document_xml_is_not_word() -> None:
    """A Word-like package missing word/document.xml is refused as not-word."""
    data = rewrite_members(DocxBuilder().to_bytes(),
                           lambda name, content: None if name.startswith("word/") else content)
    assert _codes(data) == "not-word"


def test_billion_laughs_doctype_is_refused() -> None:
    """A DOCTYPE with nested entities in document.xml is refused before parsing."""
    laughs = (b'<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
              + b"".join(b' <!ENTITY lol%d "%s">\n' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
                         for i in range(1, 10))
              + b"]>\n")

    def edit(name: str, content: bytes) -> bytes:
        if name != "word/document.xml":
            return content
        return laughs + content[content.index(b"<w:document"):].replace(b"</w:body>", b"<w:p><w:r><w:t>&lol9;</w:t>"
                                                                          b"</w:r></w:p></w:body>")

    assert _codes(rewrite_members(DocxBuilder().to_bytes(), edit)) == "unsafe-xml"


def test_doctype_after_long_comment_is_refused() -> None:
    """A DOCTYPE hidden behind a long prolog comment in styles.xml is still found."""
    def edit(name: str, content: bytes) -> bytes:
        if name != "word/styles.xml":
            return content
        body = content[content.index(b"<w:styles"):]
        return b"<?xml version='1.0'?><!--" + b"x" * 20000 + b'--><!DOCTYPE s [<!ENTITY e "e">]>' + body

    assert _codes(rewrite_members(DocxBuilder().to_bytes(), edit)) == "unsafe-xml"


@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """A zip whose document.xml declares 300 MB of zeros (compressed ~1.4 MB)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        with zf.open("word/document.xml", "w", force_zip64=True) as fh:
            chunk = bytes(1 << 20)
            for _ in range(300):
                fh.write(chunk)
    return buf.getvalue()


def test_zip_bomb_refused_before_inflating(zip_bomb: bytes) -> None:
    """A highly compressed huge member is refused from the central directory alone."""
    with pytest.raises(UnreadableDocument) as info:
        read_docx(zip_bomb)
    assert info.value.code == "zip-bomb"
    assert "300.0 MB" in info.value.message


def test_total_uncompressed_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sum of declared member sizes is limited (too-large)."""
    monkeypatch.setattr(docx_reader, "MAX_TOTAL_UNCOMPRESSED", 10_000)
    assert _codes(DocxBuilder().to_bytes()) == "too-large"


def test_compressed_input_limit() -> None:
    """Input bigger than the compressed-size limit is refused (too-large)."""
    from doclint.model import budget

    with budget.active(budget.Limits(file_bytes=1000)):
        assert _codes(DocxBuilder().to_bytes()) == "too-large"


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_random_corruption_never_leaks_other_exceptions(data: st.DataObject) -> None:
    """Flipping bytes of a valid .docx yields a Document or UnreadableDocument, nothing else."""
    original = _valid_docx()
    raw = bytearray(original)
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    with contextlib.suppress(UnreadableDocument):
        read_docx(bytes(raw))


_VALID: list[bytes] = []


def _valid_docx() -> bytes:
    if not _VALID:
        b = DocxBuilder()
        b.add_paragraph(run("正文", east_asia="仿宋_GB2312", size_pt=16))
        b.add_page_footer()
        _VALID.append(b.to_bytes())
    return _VALID[0]


def test_texts_equal_python_docx_on_real_files() -> None:
    """On every .docx of corpus/ (and the shared real templates when present), body and cell
    paragraph texts are exactly python-docx's Paragraph.text: the contract's offsets index them."""
    import io as _io
    from pathlib import Path as _Path

    import docx as _docx

    root = _Path(__file__).resolve().parent.parent
    files = sorted((root / "corpus").rglob("*.docx")) + sorted((root.parent / "shared" / "corpus-real").glob("*.docx"))
    assert len(files) >= 20
    for f in files:
        data = f.read_bytes()
        ours = read_docx(data)
        theirs = _docx.Document(_io.BytesIO(data))
        assert [p.text for p in ours.paragraphs] == [p.text for p in theirs.paragraphs], f.name


def test_a_read_leaves_nothing_for_the_cycle_collector() -> None:
    """The package is closed after reading: parsed trees are freed at once, not piled up until a GC pass."""
    import gc

    data = FIXTURES[next(iter(FIXTURES))]()
    read_docx(data)
    gc.collect()
    gc.disable()
    try:
        read_docx(data)
        assert gc.collect() == 0
    finally:
        gc.enable()


# -- selective styles.xml parsing ----------------------------------------------------------------

_REPO = Path(__file__).resolve().parent.parent


def _real_docx_files() -> list[Path]:
    shared = _REPO.parent / "shared" / "corpus-real"
    return sorted((_REPO / "corpus").rglob("*.docx")) + (sorted(shared.rglob("*.docx")) if shared.is_dir() else [])


def _styles_xml(data: bytes) -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


def _with_styles_xml(data: bytes, blob: bytes) -> bytes:
    return rewrite_members(data, lambda name, content: blob if name == "word/styles.xml" else content)


def _read_both_ways(data: bytes) -> Document | tuple[str, str]:
    """The selective reading (a Document, or the refusal's code and message), checked against the full parse:
    equal whenever the full parse reads the draft. When the full parse refuses, the selective reading may read
    past a fault that lies only in styles it never parses (that is its point), but never crashes."""
    outcomes: list[Document | tuple[str, str]] = []
    for selective in (True, False):
        try:
            outcomes.append(read_docx(data, selective_styles=selective))
        except UnreadableDocument as exc:
            outcomes.append((exc.code, exc.message))
    if isinstance(outcomes[1], Document):
        assert outcomes[0] == outcomes[1]
    return outcomes[0]


def _styled_draft() -> bytes:
    """A python-docx draft (350 KB styles.xml) using a custom style, a character style and a heading."""
    b = DocxBuilder()
    b.set_doc_defaults(east_asia="仿宋_GB2312", size_pt=16)
    b.set_style("Body", name="正文样式", based_on="Normal", bold=True, ind={"firstLineChars": "200"})
    b.set_style("Emph", kind="character", east_asia="黑体")
    b.add_paragraph("标题", style="Heading1", jc="center")
    b.add_paragraph(run("甲", style="Emph"), "乙", style="Body")
    b.add_paragraph("默认")
    return b.to_bytes()


def test_selective_styles_read_the_same_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    """Corpus, shared real files and every fixture read to the same Document whether styles.xml is indexed or
    parsed whole, and all of them (python-docx and Word files) can take the indexed path."""
    monkeypatch.setattr(style_sheets, "MIN_INDEXED_BYTES", 0)  # Word's own small styles.xml too
    inputs = {p.name: p.read_bytes() for p in _real_docx_files()} | {name: build() for name, build in FIXTURES.items()}
    assert len(inputs) >= 60
    for name, data in inputs.items():
        assert read_docx(data) == read_docx(data, selective_styles=False), name
        assert index_styles(_styles_xml(data)) is not None, name


def test_only_the_styles_used_are_parsed() -> None:
    """Resolving a style parses its chain and names, not the other 160 styles of the template."""
    sheet = index_styles(_styles_xml(_styled_draft()))
    assert sheet is not None
    resolver = StyleResolver(sheet)
    body = resolver.paragraph_style_id("Body")
    assert (body, resolver.paragraph_style_id("Missing")) == ("Body", "Normal")
    assert resolver.run_format(body, {}).bold
    assert resolver.paragraph_format(body, {})[0].first_line_indent_chars == 2
    assert (resolver.style_name(body), resolver.style_name("Heading1")) == ("正文样式", "Heading 1")
    assert len(sheet._elements) == 4  # docDefaults, Body, Normal, Heading1


def test_the_layout_of_a_repeated_styles_xml_is_reused_not_its_elements() -> None:
    """Drafts from one template share styles.xml: equal bytes reuse the index, each read parses its own styles."""
    blob = _styles_xml(_styled_draft())
    first, again = index_styles(blob), index_styles(bytes(bytearray(blob)))  # equal bytes, another object
    assert first is not None and again is not None and first is not again
    assert again.ids is first.ids
    assert again.element("Body") is not first.element("Body")
    edited = index_styles(blob.replace(b'w:styleId="Body"', b'w:styleId="Bodz"', 1))
    assert edited is not None and "Bodz" in edited.ids and "Bodz" not in first.ids


def _replace(old: bytes, new: bytes, count: int = 1) -> Callable[[bytes], bytes]:
    def edit(blob: bytes) -> bytes:
        assert old in blob
        return blob.replace(old, new, count)

    return edit


_NORMAL_TAG = b'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
_BODY_TAG = b'<w:style w:type="paragraph" w:styleId="Body">'
_END_OF_UNUSED = b"</w:style>" + _BODY_TAG  # the end of the template's last table style, which nothing uses


def _into_unused_style(content: bytes) -> Callable[[bytes], bytes]:
    return _replace(_END_OF_UNUSED, content + _END_OF_UNUSED)


def _move_defaults_last(blob: bytes) -> bytes:
    start, end = blob.index(b"<w:docDefaults>"), blob.index(b"</w:docDefaults>") + len(b"</w:docDefaults>")
    return blob[:start] + blob[end:].replace(b"</w:styles>", blob[start:end] + b"</w:styles>")


def _wrap_body_style(blob: bytes) -> bytes:
    start = blob.index(_BODY_TAG)
    end = blob.index(b"</w:style>", start) + len(b"</w:style>")
    return blob[:start] + b"<w:group>" + blob[start:end] + b"</w:group>" + blob[end:]


def _rename_prefix(blob: bytes) -> bytes:
    for old, new in ((b"<w:", b"<ns0:"), (b"</w:", b"</ns0:"), (b" w:", b" ns0:"), (b"xmlns:w=", b"xmlns:ns0=")):
        blob = blob.replace(old, new)
    return blob


def _empty_defaults(blob: bytes) -> bytes:
    start, end = blob.index(b"<w:docDefaults>"), blob.index(b"</w:docDefaults>") + len(b"</w:docDefaults>")
    return blob[:start] + b"<w:docDefaults/>" + blob[end:]


def _preserve_space(blob: bytes) -> bytes:
    blob = blob.replace(b"<w:styles ", b'<w:styles xml:space="preserve" ', 1)
    return blob.replace(_BODY_TAG, _BODY_TAG + b"\n  ")


@pytest.mark.parametrize(("case", "edit"), [
    ("comment in a style", _replace(_BODY_TAG, _BODY_TAG + b"<!-- note -->")),
    ("CDATA in a style", _replace(_BODY_TAG, _BODY_TAG + b"<w:x><![CDATA[</w:style>]]></w:x>")),
    ("processing instruction", _replace(_BODY_TAG, _BODY_TAG + b"<?pi </w:style>?>")),
    ("main namespace under another prefix", _rename_prefix),
    ("second prefix for the main namespace",
     _replace(b"xmlns:w=", b'xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w=')),
    ("w: redeclared on a style", _replace(_BODY_TAG, _BODY_TAG.replace(b"<w:style ", b'<w:style xmlns:w="urn:other" '))),
    ("empty style element", _replace(b"</w:styles>", b'<w:style w:type="paragraph" w:styleId="Body"/></w:styles>')),
    ("single quotes", _replace(b'w:styleId="Body"', b"w:styleId='Body'")),
    ("character reference in an id", _replace(b'w:styleId="Body"', b'w:styleId="&#66;ody"')),
    ("newline in a style tag", _replace(_BODY_TAG, _BODY_TAG.replace(b"<w:style ", b"<w:style\n "))),
    ("nested style", _replace(_BODY_TAG, _BODY_TAG + b'<w:style w:styleId="In"><w:name w:val="x"/></w:style>')),
    ("style inside another element", _wrap_body_style),
    ("docDefaults after the styles", _move_defaults_last),
    ("xml:id", _replace(_NORMAL_TAG, _NORMAL_TAG.replace(b">", b' xml:id="n1">'))),
    ("Latin-1 declaration", _replace(b"encoding='UTF-8'", b"encoding='ISO-8859-1'")),
    ("deep nesting", _into_unused_style(b"<a>" * 251 + b"</a>" * 251)),
    ("'>' in a value between styles", _replace(b"</w:style><w:style ", b'</w:style><w:x a="/>"/><w:style ')),
])
def test_unsafe_styles_xml_falls_back_to_the_full_parse(case: str, edit: Callable[[bytes], bytes]) -> None:
    """Whatever the byte index cannot prove right is parsed whole, and reads exactly as before."""
    data = _styled_draft()
    blob = edit(_styles_xml(data))
    assert index_styles(blob) is None, case
    _read_both_ways(_with_styles_xml(data, blob))


@pytest.mark.parametrize(("case", "edit"), [
    ("blanks and elements between styles", _replace(b"</w:style><w:style ", b'</w:style>\n <w:x a="1"/><w:y></w:y><w:style ', 5)),
    ("empty docDefaults", _empty_defaults),
    ("xml:space on the root, blanks in a used style", _preserve_space),
    ("duplicate id, the name from the second",
     _replace(b"</w:styles>", _BODY_TAG + b'<w:name w:val="heading 2"/></w:style></w:styles>')),
    ("no default paragraph style", _replace(_NORMAL_TAG, _NORMAL_TAG.replace(b' w:default="1"', b""))),
    ("default flag spelt true", _replace(_BODY_TAG, _BODY_TAG.replace(b"<w:style ", b'<w:style w:default="true" '))),
])
def test_odd_but_indexable_styles_xml_reads_the_same(case: str, edit: Callable[[bytes], bytes]) -> None:
    """Edits the index handles itself still give the full parse's Document."""
    data = _styled_draft()
    blob = edit(_styles_xml(data))
    assert index_styles(blob) is not None, case
    assert isinstance(_read_both_ways(_with_styles_xml(data, blob)), Document)


@pytest.mark.parametrize("broken", [
    b"<w:x></w:y>",  # mismatched end tag
    b"<w:x>&nbsp;</w:x>",  # undeclared entity
    b"<x:y/>",  # undeclared prefix
])
def test_broken_unused_style_is_read_past(broken: bytes) -> None:
    """A fault only inside a style no paragraph uses is never parsed: the draft reads as if the style were sound.
    (Word would refuse such a file; doclint checks the text and the formatting it actually uses.)"""
    data = _styled_draft()
    outcome = _read_both_ways(_with_styles_xml(data, _into_unused_style(broken)(_styles_xml(data))))
    assert isinstance(outcome, Document)
    assert outcome == read_docx(data, selective_styles=False)


@pytest.mark.parametrize("broken", [
    b'<w:x xml:id="a"/><w:y xml:id="a"/>',  # xml:id anywhere: the index is not used
    b"<a>" * 255 + b"</a>" * 255,  # 257 levels: too deep to index, and over the tree's depth limit
])
def test_unindexable_broken_styles_are_refused_by_the_full_parse(broken: bytes) -> None:
    data = _styled_draft()
    blob = _into_unused_style(broken)(_styles_xml(data))
    assert index_styles(blob) is None
    outcome = _read_both_ways(_with_styles_xml(data, blob))
    assert isinstance(outcome, tuple) and outcome[0] == "corrupt"


def test_broken_used_style_is_unreadable() -> None:
    """A fault inside a style a paragraph uses is parsed, and the draft is refused as corrupt."""
    data = _styled_draft()
    blob = _styles_xml(data).replace(_BODY_TAG, _BODY_TAG + b"<w:x>&nbsp;</w:x>", 1)
    assert blob != _styles_xml(data)
    outcome = _read_both_ways(_with_styles_xml(data, blob))
    assert isinstance(outcome, tuple) and outcome[0] == "corrupt"


@pytest.mark.parametrize("depth", [200, 250, 254, 255, 256])
def test_nesting_limit_is_that_of_the_full_parse(depth: int) -> None:
    """Nesting up to libxml2's depth limit (256 levels) in an unused style reads as with the full parse."""
    data = _styled_draft()
    nested = b"<a>" * depth + b"</a>" * depth
    outcome = _read_both_ways(_with_styles_xml(data, _into_unused_style(nested)(_styles_xml(data))))
    if depth + 2 <= 256:  # the root and the style are two levels: the full parse reads it, and so does this
        assert isinstance(outcome, Document)


_SNIPPETS = [
    b"<!-- c -->", b"<![CDATA[x]]>", b"<?pi?>", _NORMAL_TAG, b"</w:style>", b"/>", b'<w:style w:styleId="Z"/>', b"&amp;",
    b"&foo;", b' xml:id="a"', b' xmlns:w="urn:x"', b"'", b'"', b">", b"<", b" ", b"\n", b"<w:docDefaults>",
    b"</w:docDefaults>", b'<w:name w:val="heading 1"/>', b'<w:basedOn w:val="Body"/>', b' w:default="1"', b' w:styleId="Body"',
    b"<a>" * 255 + b"</a>" * 255, b'<w:rPr><w:b w:val="0"/></w:rPr>', b"\xff",
]


@pytest.mark.slow  # 60 generated styles.xml edits, each read twice: 4-6 s
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_random_styles_xml_edits_read_the_same_both_ways(data: st.DataObject) -> None:
    """Splicing XML bits into styles.xml near style tags, or cutting bytes out, never makes the indexed reading
    differ from the full parse where the full parse reads the draft, and never crashes."""
    draft = _styled_draft()
    blob = _styles_xml(draft)
    starts = [i for i in range(len(blob)) if blob.startswith(b"<w:style", i)]
    for _ in range(data.draw(st.integers(1, 3))):
        pos = min(len(blob), data.draw(st.sampled_from(starts)) + data.draw(st.integers(-3, 120)))
        if data.draw(st.booleans()):
            blob = blob[:pos] + data.draw(st.sampled_from(_SNIPPETS)) + blob[pos:]
        else:
            blob = blob[:pos] + blob[pos + data.draw(st.integers(1, 12)):]
    _read_both_ways(_with_styles_xml(draft, blob))


def _zip_with(large: bytes, other: bytes) -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/styles.xml": large, "word/other.xml": other})


def test_a_large_part_equal_to_one_read_lately_is_not_inflated_again() -> None:
    """Drafts of one template share styles.xml: the same stored bytes give the same bytes object back."""
    from doclint.model import package as opc

    large = b"<w:styles>" + b"".join(b'<w:style w:styleId="S%d"/>' % i for i in range(5000)) + b"</w:styles>"
    assert len(large) >= opc.SHARED_MIN_BYTES

    def read(data: bytes) -> bytes:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return opc.Package(zf, data).read("word/styles.xml")

    first = read(_zip_with(large, b"<a/>"))
    again = read(_zip_with(large, b"<b/>"))  # another archive, same stored styles.xml
    assert first == large and again is first
    edited = read(_zip_with(large.replace(b"S4999", b"T4999"), b"<a/>"))
    assert edited is not first and b"T4999" in edited
    # Same stored bytes under a wrong CRC: not served from memory, so the damage is reported.
    good = _zip_with(large, b"<c/>")
    crc = struct.pack("<I", zipfile.crc32(large))
    with pytest.raises(UnreadableDocument) as err:
        read(good.replace(crc, struct.pack("<I", zipfile.crc32(large) ^ 1)))
    assert err.value.code == "corrupt"
