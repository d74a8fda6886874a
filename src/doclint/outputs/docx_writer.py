"""Short official documents (the return slip, the review digest) as blocks, written three ways.

One block model renders to a .docx laid out per GB/T 9704—2012 (here), to Markdown and to a
self-contained HTML page (``markup_writer``), so the slip and the digest share all formatting code.

The .docx: A4 portrait; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (§5.2.1);
title 方正小标宋简体 2号 (22pt) centred (§7.3.1); body 仿宋_GB2312 3号 (16pt), first line
indented two characters, exact 28.95pt line spacing on a 22-line grid (§5.2.2, §5.2.3,
§7.3.3); headings 一、 黑体 and （一） 楷体_GB2312 (§7.3.3); signature and date placed per
§7.3.5.2; page numbers “— N —” in 4号 (14pt) 宋体 from a PAGE field, odd pages right and
even pages left with a one-character indent (§7.5). Zip entries carry a fixed date, so the
same blocks give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import zipfile
from collections.abc import Sequence
from typing import Any, Literal

import msgspec

__all__ = [
    "Block",
    "Figure",
    "Gongwen",
    "HeadingBlock",
    "Para",
    "Recipient",
    "Signature",
    "TableBlock",
    "chinese_date",
    "render",
    "to_docx",
]

# -- fonts and sizes (points) ---------------------------------------------------------------
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEI_FONT = "黑体"
KAI_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
TITLE_PT = 22.0
BODY_PT = 16.0
TABLE_PT = 14.0
PAGE_PT = 14.0

# -- geometry -------------------------------------------------------------------------------
MARGINS_MM = {"top": 37.0, "bottom": 35.0, "left": 28.0, "right": 26.0}
HEADER_MM = 15.0
FOOTER_MM = 23.0  # page number ≈ 7 mm below the 版心 (§7.5)
LINE_TWIPS = 579  # 28.95pt: 22 lines in the 225 mm 版心
TABLE_LINE_TWIPS = 400  # 20pt lines in tables (no grid snapping)
TEXT_WIDTH_TWIPS = round(156 / 25.4 * 1440)  # 版心 width 156 mm
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)

Align = Literal["left", "center", "right"]


# -- blocks ---------------------------------------------------------------------------------


class Recipient(msgspec.Struct, frozen=True):
    """The 主送机关 line, flush left, ending in a full-width colon."""

    text: str


class Para(msgspec.Struct, frozen=True):
    """A body paragraph, first line indented two characters."""

    text: str


class HeadingBlock(msgspec.Struct, frozen=True):
    """A numbered heading: level 1 “一、” in 黑体, level 2 “（一）” in 楷体."""

    text: str
    level: Literal[1, 2] = 1


class TableBlock(msgspec.Struct, frozen=True):
    """A ruled table; ``widths`` are relative column weights, ``align`` per column."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...] | None = None
    align: tuple[Align, ...] | None = None

    def column_align(self, i: int) -> Align:
        """Alignment of body cells in column ``i``."""
        return self.align[i] if self.align is not None and i < len(self.align) else "left"


class Figure(msgspec.Struct, frozen=True):
    """An inline SVG shown in HTML only (the .docx and Markdown carry the same data as a table)."""

    svg: str
    caption: str


class Signature(msgspec.Struct, frozen=True):
    """署名 and 成文日期 at the end (no seal: §7.3.5.2)."""

    name: str
    date: str


Block = Recipient | Para | HeadingBlock | TableBlock | Figure | Signature


class Gongwen(msgspec.Struct, frozen=True):
    """A short document: title, blocks, and the metadata written into the file."""

    title: str
    blocks: tuple[Block, ...]
    author: str = ""
    date: dt.date = dt.date(2000, 1, 1)


def chinese_date(d: dt.date) -> str:
    """2024年5月6日: Arabic numerals, no leading zeros (GB/T 9704—2012 7.3.5.1)."""
    return f"{d.year}年{d.month}月{d.day}日"


def _width_chars(text: str) -> float:
    """Width in character cells: CJK and full-width count 1, others ½."""
    return sum(1.0 if unicodedata.east_asian_width(c) in "WF" else 0.5 for c in text)


def signature_indents(name: str, date: str) -> tuple[float, float]:
    """Right indents (in characters) of the signature and date lines, per GB/T 9704 7.3.5.2.

    The signature sits two characters from the right; the date's first character is two
    characters right of the signature's; a date longer than that gets two characters and
    the signature moves left instead.
    """
    name_w, date_w = _width_chars(name), _width_chars(date)
    name_right = 2.0
    date_right = name_right + name_w - 2.0 - date_w
    if date_right < 2.0:
        date_right = 2.0
        name_right = date_right + date_w + 2.0 - name_w
    return name_right, date_right


# -- .docx ----------------------------------------------------------------------------------


def _qn(tag: str) -> str:
    from docx.oxml.ns import qn

    return str(qn(tag))


def _el(tag: str, **attrs: str) -> Any:
    from docx.oxml import OxmlElement

    return OxmlElement(tag, attrs={_qn(f"w:{k}"): v for k, v in attrs.items()})


def _rpr(font: str, size_pt: float, *, ascii_font: str | None = None) -> Any:
    """A ``w:rPr`` with fonts and size, children in schema order."""
    rpr = _el("w:rPr")
    latin = ascii_font or font
    rpr.append(_el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=font, cs=latin, hint="eastAsia"))
    rpr.append(_el("w:color", val="000000"))
    half = str(round(size_pt * 2))
    rpr.append(_el("w:sz", val=half))
    rpr.append(_el("w:szCs", val=half))
    rpr.append(_el("w:lang", val="en-US", eastAsia="zh-CN"))
    return rpr


def _ppr(*, jc: str | None = None, first_chars: int | None = None, right_chars: int | None = None,
         left_chars: int | None = None, line: int = LINE_TWIPS, grid: bool = True,
         keep_next: bool = False, outline: int | None = None, size_pt: float = BODY_PT) -> Any:
    """A ``w:pPr``: spacing, indents (in hundredths of a character) and alignment."""
    ppr = _el("w:pPr")
    if keep_next:
        ppr.append(_el("w:keepNext"))
    if not grid:
        ppr.append(_el("w:snapToGrid", val="0"))
    ppr.append(_el("w:spacing", before="0", after="0", line=str(line), lineRule="exact"))
    char = round(size_pt * 20)  # one character in twips, for readers that ignore *Chars
    ind: dict[str, str] = {}
    if left_chars is not None:
        ind.update(leftChars=str(left_chars), left=str(char * left_chars // 100))
    if right_chars is not None:
        ind.update(rightChars=str(right_chars), right=str(char * right_chars // 100))
    if first_chars is not None:
        ind.update(firstLineChars=str(first_chars), firstLine=str(char * first_chars // 100))
    if ind:
        ppr.append(_el("w:ind", **ind))
    if jc is not None:
        ppr.append(_el("w:jc", val=jc))
    if outline is not None:
        ppr.append(_el("w:outlineLvl", val=str(outline)))
    return ppr


# Characters XML 1.0 cannot hold (control characters from a pasted draft or report).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _run(text: str, font: str, size_pt: float, *, ascii_font: str | None = None) -> Any:
    r = _el("w:r")
    r.append(_rpr(font, size_pt, ascii_font=ascii_font))
    t = _el("w:t")
    t.text = _XML_INVALID.sub("", text)
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    r.append(t)
    return r


class _DocxWriter:
    def __init__(self, doc: Gongwen) -> None:
        import docx

        self.model = doc
        self.doc = docx.Document()
        self.body = self.doc.element.body
        self.sect_pr = self.body.find(_qn("w:sectPr"))

    def _para(self, ppr: Any, *runs: Any) -> Any:
        p = _el("w:p")
        p.append(ppr)
        for r in runs:
            p.append(r)
        self.sect_pr.addprevious(p)
        return p

    def _blank(self) -> None:
        self._para(_ppr())

    # -- setup -----------------------------------------------------------------------------

    def _styles(self) -> None:
        styles = self.doc.styles.element
        defaults = styles.find(_qn("w:docDefaults"))
        if defaults is not None:
            styles.remove(defaults)
        defaults = _el("w:docDefaults")
        rpr_default = _el("w:rPrDefault")
        rpr_default.append(_rpr(BODY_FONT, BODY_PT))
        defaults.append(rpr_default)
        ppr_default = _el("w:pPrDefault")
        ppr_default.append(_ppr())
        defaults.append(ppr_default)
        styles.insert(0, defaults)
        for st in styles.iterchildren(_qn("w:style")):
            if st.get(_qn("w:styleId")) == "Normal":
                for child in st.findall(_qn("w:rPr")) + st.findall(_qn("w:pPr")):
                    st.remove(child)
                st.append(_ppr())
                st.append(_rpr(BODY_FONT, BODY_PT))
        settings = self.doc.settings.element
        lang = settings.find(_qn("w:themeFontLang"))
        if lang is None:
            lang = _el("w:themeFontLang")
            settings.append(lang)
        lang.set(_qn("w:eastAsia"), "zh-CN")
        self.doc.settings.odd_and_even_pages_header_footer = True

    def _section(self) -> None:
        from docx.shared import Mm

        sec = self.doc.sections[0]
        sec.page_width, sec.page_height = Mm(210), Mm(297)
        sec.top_margin, sec.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
        sec.left_margin, sec.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
        sec.header_distance, sec.footer_distance = Mm(HEADER_MM), Mm(FOOTER_MM)
        sec.gutter = Mm(0)
        grid = self.sect_pr.find(_qn("w:docGrid"))
        if grid is None:
            grid = _el("w:docGrid")
            self.sect_pr.append(grid)
        for key in list(grid.attrib):
            del grid.attrib[key]
        grid.set(_qn("w:type"), "lines")
        grid.set(_qn("w:linePitch"), str(LINE_TWIPS))
        self._page_number(sec.footer, odd=True)
        self._page_number(sec.even_page_footer, odd=False)

    def _page_number(self, footer: Any, *, odd: bool) -> None:
        footer.is_linked_to_previous = False
        p = footer.paragraphs[0]._p
        for child in list(p):
            p.remove(child)
        one_char = round(PAGE_PT * 20)
        ppr = _el("w:pPr")
        ppr.append(_el("w:spacing", before="0", after="0", line="240", lineRule="auto"))
        side = "right" if odd else "left"
        ppr.append(_el("w:ind", **{side: str(one_char)}))
        ppr.append(_el("w:jc", val=side))
        p.append(ppr)
        p.append(_run("— ", PAGE_FONT, PAGE_PT))
        for piece in ("begin", " PAGE ", "separate", "1", "end"):
            r = _el("w:r")
            r.append(_rpr(PAGE_FONT, PAGE_PT))
            if piece in ("begin", "separate", "end"):
                r.append(_el("w:fldChar", fldCharType=piece))
            elif piece == " PAGE ":
                instr = _el("w:instrText")
                instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                instr.text = piece
                r.append(instr)
            else:
                t = _el("w:t")
                t.text = piece
                r.append(t)
            p.append(r)
        p.append(_run(" —", PAGE_FONT, PAGE_PT))

    def _core(self) -> None:
        cp = self.doc.core_properties
        when = dt.datetime(self.model.date.year, self.model.date.month, self.model.date.day)
        cp.title = _XML_INVALID.sub("", self.model.title)
        cp.author = self.model.author
        cp.last_modified_by = self.model.author
        cp.comments = ""
        cp.subject = ""
        cp.keywords = ""
        cp.category = ""
        cp.revision = 1
        cp.created = when
        cp.modified = when
        cp.last_printed = when

    # -- blocks ----------------------------------------------------------------------------

    def write(self) -> bytes:
        self._styles()
        self._section()
        self._core()
        self._para(_ppr(jc="center"), _run(self.model.title, TITLE_FONT, TITLE_PT))
        blocks = self.model.blocks
        self._blank()  # one blank line between the title and what follows (§7.3.2)
        for i, block in enumerate(blocks):
            self._block(block, blocks[i + 1] if i + 1 < len(blocks) else None)
        buf = io.BytesIO()
        self.doc.save(buf)
        return _fixed_zip(buf.getvalue())

    def _block(self, block: Block, following: Block | None) -> None:
        if isinstance(block, Recipient):
            self._para(_ppr(), _run(block.text, BODY_FONT, BODY_PT))
        elif isinstance(block, Para):
            self._para(_ppr(first_chars=200, jc="both"), _run(block.text, BODY_FONT, BODY_PT))
        elif isinstance(block, HeadingBlock):
            font = HEI_FONT if block.level == 1 else KAI_FONT
            self._para(_ppr(first_chars=200, jc="both", keep_next=True, outline=block.level - 1),
                       _run(block.text, font, BODY_PT))
        elif isinstance(block, TableBlock):
            self._table(block)
            if following is not None and not isinstance(following, HeadingBlock | Signature):
                self._blank()
        elif isinstance(block, Signature):
            self._blank()
            name_right, date_right = signature_indents(block.name, block.date)
            self._para(_ppr(jc="right", right_chars=round(name_right * 100)),
                       _run(block.name, BODY_FONT, BODY_PT))
            self._para(_ppr(jc="right", right_chars=round(date_right * 100)),
                       _run(block.date, BODY_FONT, BODY_PT))
        # Figure: HTML only.

    def _table(self, table: TableBlock) -> None:
        cols = len(table.header)
        weights = table.widths or (1,) * cols
        total = sum(weights)
        widths = [TEXT_WIDTH_TWIPS * w // total for w in weights]
        tbl = _el("w:tbl")
        tbl_pr = _el("w:tblPr")
        tbl_pr.append(_el("w:tblW", w=str(sum(widths)), type="dxa"))
        tbl_pr.append(_el("w:jc", val="center"))
        borders = _el("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            borders.append(_el(f"w:{side}", val="single", sz="4", space="0", color="000000"))
        tbl_pr.append(borders)
        tbl_pr.append(_el("w:tblLayout", type="fixed"))
        margins = _el("w:tblCellMar")
        margins.append(_el("w:left", w="85", type="dxa"))
        margins.append(_el("w:right", w="85", type="dxa"))
        tbl_pr.append(margins)
        tbl.append(tbl_pr)
        grid = _el("w:tblGrid")
        for w in widths:
            grid.append(_el("w:gridCol", w=str(w)))
        tbl.append(grid)
        tbl.append(self._row(table.header, widths, header=True, table=table))
        for row in table.rows:
            tbl.append(self._row(row, widths, header=False, table=table))
        self.sect_pr.addprevious(tbl)

    def _row(self, cells: Sequence[str], widths: list[int], *, header: bool, table: TableBlock) -> Any:
        tr = _el("w:tr")
        tr_pr = _el("w:trPr")
        tr_pr.append(_el("w:cantSplit"))
        if header:
            tr_pr.append(_el("w:tblHeader"))
        tr.append(tr_pr)
        for i, width in enumerate(widths):
            text = cells[i] if i < len(cells) else ""
            tc = _el("w:tc")
            tc_pr = _el("w:tcPr")
            tc_pr.append(_el("w:tcW", w=str(width), type="dxa"))
            tc_pr.append(_el("w:vAlign", val="center"))
            tc.append(tc_pr)
            align = "center" if header else table.column_align(i)
            jc = {"left": "left", "center": "center", "right": "right"}[align]
            font = HEI_FONT if header else BODY_FONT
            lines = text.split("\n") or [""]
            for line in lines:
                p = _el("w:p")
                p.append(_ppr(jc=jc, line=TABLE_LINE_TWIPS, grid=False, size_pt=TABLE_PT))
                if line:
                    p.append(_run(line, font, TABLE_PT))
                tc.append(p)
            tr.append(tc)
        return tr


def _fixed_zip(data: bytes) -> bytes:
    """The same archive with every entry dated 1980-01-01, so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_ZIP_DATE)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def to_docx(doc: Gongwen) -> bytes:
    """The document as .docx bytes laid out per GB/T 9704—2012."""
    return _DocxWriter(doc).write()


def render(doc: Gongwen, fmt: str) -> bytes | str:
    """The document as .docx bytes, or Markdown / HTML text."""
    if fmt == "docx":
        return to_docx(doc)
    from doclint.outputs.markup_writer import to_html, to_markdown

    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    raise ValueError(f"未知格式：{fmt}")
