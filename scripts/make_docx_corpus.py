"""Build the labelled .docx corpus: ``corpus/docx/<name>.docx`` and ``<name>.expected.yaml``.

Usage::

    python scripts/make_docx_corpus.py            # (re)write corpus/docx/
    python scripts/make_docx_corpus.py --check    # exit 1 when corpus/docx/ differs from what the script builds
    python scripts/make_docx_corpus.py --out DIR  # write elsewhere

Each draft is a realistic Word draft of a 公文 built with python-docx + lxml. About half are
laid out as GB/T 9704—2012 asks, each getting there a different way (fonts in the Normal
style; direct run formatting over Word's 宋体 Normal; the theme's minorEastAsia font set to
仿宋; document defaults), with different font aliases (仿宋_GB2312, 仿宋, FangSong, 方正仿宋_GBK …)
and “— 1 —” page numbers in odd/even footers. The others carry the layout faults drafters
make (Word defaults, 宋体 titles, pasted 宋体 runs, wrong heading fonts, 1.5 line spacing,
indents typed with spaces, “-1-” or “第1页” page numbers, coloured text, Letter paper, a second
section with Word's margins) and a few content faults.

The labels are written from what each builder plants, never from doclint's output:
``paragraph`` is the 0-based index of the body paragraph (``w:body/w:p`` here: these drafts have no content controls; tables not
counted) the fault is in; faults of the whole document or of a style that many paragraphs
share carry no paragraph. The output is deterministic: fixed core-property dates and zip
timestamps, so re-running the script rewrites identical files.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections.abc import Callable, Iterable
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "corpus" / "docx"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
ZIP_TIME = (2024, 5, 6, 9, 0, 0)
MAX_BYTES = 40 * 1024

# Fonts as drafters' templates name them.
FS = "仿宋_GB2312"
XBS = "方正小标宋简体"
HEI = "黑体"
KAI = "楷体_GB2312"
SONG = "宋体"
TNR = "Times New Roman"

EXACT = {"before": "0", "after": "0", "line": "579", "lineRule": "exact"}  # 28.95 pt: 22 lines a page
SINGLE = {"before": "0", "after": "0", "line": "240", "lineRule": "auto"}
ONE_HALF = {"before": "0", "after": "0", "line": "360", "lineRule": "auto"}
INDENT2 = {"firstLineChars": "200", "firstLine": "640"}
NO_INDENT = {"firstLineChars": "0", "firstLine": "0"}
GB_MARGINS = (37.0, 35.0, 28.0, 26.0)  # top, bottom, left, right (mm), GB/T 9704—2012 5.2.1
WORD_MARGINS = (25.4, 25.4, 31.8, 31.8)  # Word's 普通 page setup
A4 = (210.0, 297.0)
LETTER = (215.9, 279.4)

# Schema order of the pPr / rPr children written here.
_PPR_ORDER = ("pStyle", "keepNext", "pageBreakBefore", "pBdr", "spacing", "ind", "jc", "rPr", "sectPr")
_RPR_ORDER = ("rFonts", "b", "bCs", "color", "kern", "sz", "szCs", "lang")


# --------------------------------------------------------------------------- XML helpers


def el(tag: str, **attrs: str) -> Any:
    """``w:tag`` with ``w:`` attributes."""
    return OxmlElement(f"w:{tag}", attrs={qn(f"w:{k}"): v for k, v in attrs.items()})


def child(parent: Any, tag: str, order: tuple[str, ...]) -> Any:
    """Get or insert ``w:tag`` under ``parent`` in schema order."""
    found = parent.find(qn(f"w:{tag}"))
    if found is not None:
        return found
    new = el(tag)
    later = {qn(f"w:{t}") for t in order[order.index(tag) + 1:]}
    for sib in parent:
        if sib.tag in later:
            sib.addprevious(new)
            return new
    parent.append(new)
    return new


def set_rpr(rpr: Any, *, ea: str | None = None, ascii: str | None = None, ea_theme: str | None = None,
            size: float | None = None, bold: bool | None = None, color: str | None = None) -> Any:
    """Write run properties (only those given) into a ``w:rPr``."""
    if ea is not None or ascii is not None or ea_theme is not None:
        rf = child(rpr, "rFonts", _RPR_ORDER)
        if ascii is not None:
            rf.set(qn("w:ascii"), ascii)
            rf.set(qn("w:hAnsi"), ascii)
        if ea is not None:
            rf.set(qn("w:eastAsia"), ea)
        if ea_theme is not None:
            rf.set(qn("w:eastAsiaTheme"), ea_theme)
    if bold is not None:
        child(rpr, "b", _RPR_ORDER).set(qn("w:val"), "1" if bold else "0")
    if color is not None:
        child(rpr, "color", _RPR_ORDER).set(qn("w:val"), color)
    if size is not None:
        half = str(round(size * 2))
        child(rpr, "sz", _RPR_ORDER).set(qn("w:val"), half)
        child(rpr, "szCs", _RPR_ORDER).set(qn("w:val"), half)
    return rpr


def set_ppr(ppr: Any, *, style: str | None = None, page_break: bool = False, border: str | None = None,
            spacing: dict[str, str] | None = None, ind: dict[str, str] | None = None, jc: str | None = None) -> Any:
    """Write paragraph properties (only those given) into a ``w:pPr``."""
    if style is not None:
        child(ppr, "pStyle", _PPR_ORDER).set(qn("w:val"), style)
    if page_break:
        child(ppr, "pageBreakBefore", _PPR_ORDER)
    if border is not None:  # "top:COLOR:SZ" or "bottom:COLOR:SZ": 版头/版记 rules
        side, color, sz = border.split(":")
        child(ppr, "pBdr", _PPR_ORDER).append(el(side, val="single", sz=sz, space="1", color=color))
    for tag, attrs in (("spacing", spacing), ("ind", ind)):
        if attrs:
            node = child(ppr, tag, _PPR_ORDER)
            for k, v in attrs.items():
                node.set(qn(f"w:{k}"), v)
    if jc is not None:
        child(ppr, "jc", _PPR_ORDER).set(qn("w:val"), jc)
    return ppr


def run_el(text: str, props: dict[str, Any]) -> Any:
    r = el("r")
    if props:
        r.append(set_rpr(el("rPr"), **props))
    for k, piece in enumerate(text.split("\n")):
        if k:
            r.append(el("br"))  # Shift+Enter: a line break inside the paragraph
        t = el("t")
        t.text = piece
        if piece != piece.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        r.append(t)
    return r


def text_width(text: str) -> float:
    """Width in characters: CJK and full-width 1, digits and Latin 0.5."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def chars(n: float, size: float = 16) -> dict[str, str]:
    """``rightChars``-style hundredths plus the twips Word writes beside them."""
    return {"c": str(round(n * 100)), "tw": str(round(n * size * 20))}


# --------------------------------------------------------------------------- drafts


Run = tuple[str, dict[str, Any]]


@dataclass(frozen=True)
class Look:
    """How a draft gets its formatting.

    ``via``: ``normal`` (fonts and spacing in the Normal style), ``direct`` (Normal left as
    Word's 宋体 五号 single spacing, every run and paragraph formatted directly), ``theme``
    (docDefaults use minorEastAsia, the theme's Hans font is 仿宋), ``defaults`` (docDefaults
    carry the font, size and spacing), ``word`` (Word's defaults: Normal 宋体 小四, single spacing).
    ``indent``: where the 2-character first-line indent comes from (``none``: nowhere).
    """

    via: str = "normal"
    body: str = FS
    title: str = XBS
    h1: str = HEI
    h2: str = KAI
    spacing: dict[str, str] | None = field(default_factory=lambda: dict(EXACT))
    indent: str = "direct"  # direct (on each paragraph) | normal (in the Normal style) | none (forgotten)
    grid: tuple[str, int, int | None] | None = ("lines", 579, None)


@dataclass
class Label:
    rule: str
    paragraph: int | None = None
    text: str | None = None
    optional: bool = False


class Draft:
    """A draft under construction: python-docx Document plus the labels of planted faults."""

    def __init__(self, name: str, summary: str, look: Look, *, verdict: str, author: str = "Administrator",
                 created: datetime = datetime(2024, 5, 6, 8, 30)) -> None:
        self.name = name
        self.summary = summary
        self.look = look
        self.verdict = verdict
        self.labels: list[Label] = []
        self.doc = docx.Document()
        self._strip_template_extras()
        self._setup_styles()
        cp = self.doc.core_properties
        cp.author = author
        cp.last_modified_by = author
        cp.title = ""
        cp.comments = ""
        cp.created = created
        cp.modified = created.replace(hour=created.hour + 2)
        cp.revision = 3
        settings = self.doc.settings.element
        settings.find(qn("w:themeFontLang")).set(qn("w:eastAsia"), "zh-CN")
        self.page(A4, GB_MARGINS)
        if look.grid is not None:
            self.grid(*look.grid)

    # -- package and styles ------------------------------------------------------------------

    def _strip_template_extras(self) -> None:
        """Drop python-docx template parts a fresh Word file does not need (keeps files small)."""
        drop = {"http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects", RT.CUSTOM_XML}
        rels = self.doc.part.rels
        for rid in [k for k, r in rels.items() if r.reltype in drop]:
            rels.pop(rid)
        pkg_rels = self.doc.part.package.rels
        for rid in [k for k, r in pkg_rels.items() if r.reltype == RT.THUMBNAIL]:
            pkg_rels.pop(rid)

    def _style(self, style_id: str) -> Any:
        for st in self.doc.styles.element.iterchildren(qn("w:style")):
            if st.get(qn("w:styleId")) == style_id:
                return st
        return None

    def _style_props(self, style_id: str, *, ppr: dict[str, Any] | None = None, rpr: dict[str, Any] | None = None) -> None:
        st = self._style(style_id)
        if ppr:
            node = st.find(qn("w:pPr"))
            if node is None:
                node = el("pPr")
                rnode = st.find(qn("w:rPr"))
                if rnode is not None:
                    rnode.addprevious(node)
                else:
                    st.append(node)
            set_ppr(node, **ppr)
        if rpr:
            node = st.find(qn("w:rPr"))
            if node is None:
                node = el("rPr")
                st.append(node)
            set_rpr(node, **rpr)

    def add_style(self, style_id: str, name: str, **rpr: Any) -> str:
        """A custom paragraph style based on Normal (e.g. a template's 一级标题)."""
        st = el("style", type="paragraph", customStyle="1", styleId=style_id)
        st.append(el("name", val=name))
        st.append(el("basedOn", val="Normal"))
        st.append(el("qFormat"))
        st.append(set_rpr(el("rPr"), **rpr))
        self.doc.styles.element.append(st)
        return style_id

    def _setup_styles(self) -> None:
        look = self.look
        styles = self.doc.styles.element
        old = styles.find(qn("w:docDefaults"))
        defaults = el("docDefaults")
        rpr = el("rPr")
        ppr = el("pPr")
        if look.via == "defaults":
            set_rpr(rpr, ea=look.body, ascii=TNR, size=16)
            set_ppr(ppr, spacing=look.spacing)
        elif look.via == "theme":
            set_rpr(rpr, ea_theme="minorEastAsia", size=16)
            rpr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "minorHAnsi")
            self._theme_hans(look.body)
        else:  # Chinese Word's own defaults: theme fonts (宋体), 五号, single spacing
            set_rpr(rpr, ea_theme="minorEastAsia", size=10.5)
            rpr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "minorHAnsi")
        rpr.append(el("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
        defaults.append(el("rPrDefault"))
        defaults[0].append(rpr)
        defaults.append(el("pPrDefault"))
        defaults[1].append(ppr)
        old.addprevious(defaults)
        styles.remove(old)
        if look.via == "normal":
            self._style_props("Normal", ppr={"spacing": look.spacing, "jc": "both",
                                             "ind": INDENT2 if look.indent == "normal" else None},
                              rpr={"ea": look.body, "ascii": TNR, "size": 16})
        elif look.via == "word":
            self._style_props("Normal", ppr={"spacing": SINGLE}, rpr={"ea": SONG, "ascii": TNR, "size": 12})
        elif look.via == "theme":
            self._style_props("Normal", ppr={"spacing": look.spacing, "jc": "both"})

    def _theme_hans(self, font: str) -> None:
        part = self.doc.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob)
        for f in root.iter(f"{{{A_NS}}}font"):
            parent = f.getparent()
            if f.get("script") == "Hans" and parent is not None and parent.tag == f"{{{A_NS}}}minorFont":
                f.set("typeface", font)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

    # -- page --------------------------------------------------------------------------------

    def page(self, size: tuple[float, float], margins: tuple[float, float, float, float], section: int = 0) -> None:
        sec = self.doc.sections[section]
        sec.page_width, sec.page_height = Mm(size[0]), Mm(size[1])
        sec.top_margin, sec.bottom_margin, sec.left_margin, sec.right_margin = (Mm(m) for m in margins)
        sec.gutter = Mm(0)
        sec.header_distance, sec.footer_distance = Mm(15), Mm(28)

    def grid(self, kind: str, pitch: int, char_space: int | None, section: int = 0) -> None:
        grid = self.doc.sections[section]._sectPr.find(qn("w:docGrid"))
        assert grid is not None  # python-docx's template has one
        grid.set(qn("w:type"), kind)
        grid.set(qn("w:linePitch"), str(pitch))
        if char_space is not None:
            grid.set(qn("w:charSpace"), str(char_space))

    def section_break(self, paragraph: int) -> None:
        """End section 1 at ``paragraph`` (its pPr gets a copy of the page setup): Word's 下一页分节符."""
        body = self.doc.element.body
        p = body.findall(qn("w:p"))[paragraph]
        sect = deepcopy(body.sectPr)
        ppr = p.find(qn("w:pPr"))
        if ppr is None:
            ppr = el("pPr")
            p.insert(0, ppr)
        ppr.append(sect)

    def footer(self, form: str = "complex", *, before: str = "— ", after: str = " —", evenodd: bool = True,
               jc: str = "right", font: str = SONG, size: float = 14, gallery: bool = False,
               even_number: bool = True, title_page: bool = False) -> None:
        """Page-number footers: odd right and even left (indented one character), or one footer.

        ``gallery``: wrapped in the content control Word's 插入→页码 gallery leaves, plus an empty paragraph;
        ``even_number=False``: 奇偶页不同 is on but the even-page footer was left empty; ``title_page``:
        首页不同 is on and the first-page footer left empty.
        """
        kinds = [("default", jc)] + ([("even", "left")] if evenodd else [])
        if evenodd:
            self.doc.settings.odd_and_even_pages_header_footer = True
        sec = self.doc.sections[0]
        if title_page:
            sec.different_first_page_header_footer = True
            sec.first_page_footer.is_linked_to_previous = False  # an empty first-page footer part
        for kind, align in kinds:
            hf = sec.footer if kind == "default" else sec.even_page_footer
            root = hf._element
            for p in root.findall(qn("w:p")):
                root.remove(p)
            if kind == "even" and not even_number:
                root.append(set_ppr(el("p"), style="Footer"))
                continue
            p = el("p")
            ind = None
            if evenodd and align == "right":
                ind = {"rightChars": "100", "right": "280"}
            elif evenodd and align == "left":
                ind = {"leftChars": "100", "left": "280"}
            p.append(set_ppr(el("pPr"), style="Footer", ind=ind, jc=align))
            props: dict[str, Any] = {"ea": font, "ascii": font, "size": size}
            if before:
                p.append(run_el(before, props))
            if form == "simple":
                fld = el("fldSimple", instr=" PAGE   \\* MERGEFORMAT ")
                fld.append(run_el("1", props))
                p.append(fld)
            else:
                for piece in ("begin", " PAGE   \\* MERGEFORMAT ", "separate", "1", "end"):
                    r = el("r")
                    r.append(set_rpr(el("rPr"), **props))
                    if piece in ("begin", "separate", "end"):
                        r.append(el("fldChar", fldCharType=piece))
                    elif piece.startswith(" "):
                        it = el("instrText")
                        it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                        it.text = piece
                        r.append(it)
                    else:
                        t = el("t")
                        t.text = piece
                        r.append(t)
                    p.append(r)
            if after:
                p.append(run_el(after, props))
            if gallery:
                sdt = el("sdt")
                pr = el("sdtPr")
                pr.append(el("id", val=str(1500000 + len(kind))))
                obj = el("docPartObj")
                obj.append(el("docPartGallery", val="Page Numbers (Bottom of Page)"))
                obj.append(el("docPartUnique"))
                pr.append(obj)
                content = el("sdtContent")
                content.append(p)
                sdt.append(pr)
                sdt.append(content)
                root.append(sdt)
                root.append(el("p"))
            else:
                root.append(p)

    # -- paragraphs --------------------------------------------------------------------------

    def _text_props(self, **extra: Any) -> dict[str, Any]:
        """Run props body text needs under this look (direct formatting sets them on every run)."""
        props: dict[str, Any] = {}
        if self.look.via == "direct":
            props = {"ea": self.look.body, "ascii": TNR, "size": 16}
        props.update({k: v for k, v in extra.items() if v is not None})
        return props

    def _para_props(self, spacing: dict[str, str] | None = None, **ppr: Any) -> dict[str, Any]:
        if spacing is None and self.look.via == "direct":
            spacing = self.look.spacing
        return {"spacing": spacing, **ppr}

    def add(self, runs: Iterable[Run | str], **ppr: Any) -> int:
        """Append a body paragraph of runs; returns its 0-based index among body paragraphs."""
        body = self.doc.element.body
        p = el("p")
        props = {k: v for k, v in ppr.items() if v is not None and v is not False}
        if props:
            p.append(set_ppr(el("pPr"), **props))
        for item in runs:
            text, rp = (item, self._text_props()) if isinstance(item, str) else item
            p.append(run_el(text, rp))
        body.sectPr.addprevious(p)
        return len(body.findall(qn("w:p"))) - 1

    def blank(self) -> int:
        return self.add([], **self._para_props())

    def text(self, *runs: Run | str, indent: dict[str, str] | None = None, spacing: dict[str, str] | None = None,
             jc: str | None = None, page_break: bool = False) -> int:
        """A body paragraph (首行缩进2字符 unless the Normal style has it or ``indent`` says otherwise)."""
        if indent is None and self.look.indent == "direct":
            indent = INDENT2
        return self.add(runs, **self._para_props(spacing, ind=indent, jc=jc, page_break=page_break))

    def _flush(self) -> dict[str, str] | None:
        """Indent for lines that start at the margin (title, 主送机关) when the Normal style indents."""
        return NO_INDENT if self.look.indent == "normal" else None

    def _heading_indent(self) -> dict[str, str] | None:
        return INDENT2 if self.look.indent == "direct" else None

    def run(self, text: str, **props: Any) -> Run:
        """A body-text run with extra properties (a pasted 宋体 run, a coloured phrase …)."""
        return text, self._text_props(**props)

    def title(self, text: str, *, font: str | None = None, size: float = 22, bold: bool | None = None,
              jc: str | None = "center") -> int:
        props = {"ea": font or self.look.title, "ascii": TNR, "size": size, "bold": bold}
        return self.add([(text, {k: v for k, v in props.items() if v is not None})],
                        **self._para_props(ind=self._flush(), jc=jc))

    def recipient(self, text: str) -> int:
        return self.add([text], **self._para_props(ind=self._flush()))

    def h1(self, text: str, *, font: str | None = None, style: str | None = None, **props: Any) -> int:
        """A 一、 heading on its own line (黑体 unless ``font`` plants another)."""
        rp = self._text_props(ea=font or (None if style else self.look.h1), **props)
        return self.add([(text, rp)], **self._para_props(ind=self._heading_indent(), style=style))

    def h2(self, head: str, rest: str = "", *, font: str | None = None, style: str | None = None) -> int:
        """A （一） heading: on its own line, or run in (``rest`` is the body text after it)."""
        runs: list[Run | str] = [(head, self._text_props(ea=font or (None if style else self.look.h2)))]
        if rest:
            runs.append(rest)
        return self.add(runs, **self._para_props(ind=self._heading_indent(), style=style))

    def signature(self, organ: str, date: str, *, mode: str = "sealed") -> tuple[int, int]:
        """署名 and 成文日期 (GB/T 9704—2012 7.3.5).

        ``sealed``: date right-indented four characters, organ centred over it (right alignment and
        right indents); ``unsealed``: organ right two characters, date one line below starting two
        characters further right (right two characters when it is the longer); ``spaces``: the sealed
        positions typed with full-width spaces; ``flush``: both pressed to the right margin (Ctrl+R).
        """
        if mode == "flush":
            return (self.add([organ], **self._para_props(jc="right", ind=NO_INDENT)),
                    self.add([date], **self._para_props(jc="right", ind=NO_INDENT)))
        wo, wd = text_width(organ), text_width(date)
        if mode == "spaces":
            line = 28
            start = line - 4 - wd
            lead = start + (wd - wo) / 2
            return (self.add(["\u3000" * round(lead) + organ], **self._para_props(ind=NO_INDENT)),
                    self.add(["\u3000" * round(start) + date], **self._para_props(ind=NO_INDENT)))
        if mode == "unsealed":
            right_date = max(2.0, 2 + wo - 2 - wd)
            d, s = chars(right_date), chars(right_date + wd + 2 - wo)
        else:
            d, s = chars(4), chars(max(0.0, 4 + (wd - wo) / 2))
        sig = self.add([organ], **self._para_props(jc="right", ind={"rightChars": s["c"], "right": s["tw"],
                                                                   "firstLineChars": "0", "firstLine": "0"}))
        day = self.add([date], **self._para_props(jc="right", ind={"rightChars": d["c"], "right": d["tw"],
                                                                  "firstLineChars": "0", "firstLine": "0"}))
        return sig, day

    def fuzhu(self, text: str) -> int:
        return self.text(text)

    def banji(self, cc: str, printer: str, date: str) -> tuple[int, int]:
        """版记: 抄送 and 印发 lines in 4号仿宋, indented one character, between two rules."""
        props = {"ea": self.look.body, "ascii": TNR, "size": 14}
        ind = {"leftChars": "100", "left": "280", "rightChars": "100", "right": "280", "firstLineChars": "0",
               "firstLine": "0"}
        a = self.add([(cc, props)], **self._para_props(ind=ind, border="top:000000:8"))
        gap = "\u3000" * max(2, round(26 - text_width(printer) - text_width(date)))
        b = self.add([(printer + gap + date, props)], **self._para_props(ind=ind, border="bottom:000000:8"))
        return a, b

    def table(self, rows: list[list[str]], *, size: float = 14, header_font: str = HEI) -> None:
        """A bordered table (cells centred, header row in 黑体)."""
        tbl = self.doc.add_table(rows=len(rows), cols=len(rows[0]))
        tbl.style = self.doc.styles["Table Grid"]
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                p = tbl.cell(r, c).paragraphs[0]._p
                p.append(set_ppr(el("pPr"), spacing=SINGLE, ind=NO_INDENT, jc="center"))
                if value:
                    font = header_font if r == 0 else self.look.body
                    p.append(run_el(value, {"ea": font, "ascii": TNR, "size": size}))

    def expect(self, rule: str, paragraph: int | None = None, text: str | None = None, *, optional: bool = False) -> None:
        self.labels.append(Label(rule, paragraph, text, optional))

    # -- output ------------------------------------------------------------------------------

    def docx_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_zip(buf.getvalue())

    def expected_yaml(self) -> str:
        lines = ["# Generated by scripts/make_docx_corpus.py: change the script and re-run it, do not edit.",
                 *(f"# {s}" for s in self.summary.strip().splitlines()),
                 f"verdict: {self.verdict}"]
        if not self.labels:
            return "\n".join([*lines, "findings: []", ""])
        lines.append("findings:")
        for lab in self.labels:
            parts = [f"rule: {lab.rule}"]
            if lab.paragraph is not None:
                parts.append(f"paragraph: {lab.paragraph}")
            if lab.text is not None:
                parts.append(f"text: {json.dumps(lab.text, ensure_ascii=False)}")
            if lab.optional:
                parts.append("optional: true")
            lines.append("  - {" + ", ".join(parts) + "}")
        return "\n".join([*lines, ""])


def normalise_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps and attributes, so builds are byte-for-byte repeatable."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            zi = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.create_system = 0
            zi.external_attr = 0
            dst.writestr(zi, src.read(info), compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    return out.getvalue()


# --------------------------------------------------------------------------- clean drafts


def clean_qingshi_gbt9704() -> Draft:
    d = Draft("clean-qingshi-gbt9704", "请示 with a 版头 (发文机关标志, 发文字号, 签发人): fonts in the Normal style "
              "(仿宋_GB2312 三号, fixed 28.95 pt), the title in two centred paragraphs, 黑体 headings, odd/even "
              "“— 1 —” footers (complex field).",
              Look(), verdict="pass", author="陈晓峰")
    d.add([("青河市财政局文件", {"ea": XBS, "ascii": TNR, "size": 36, "color": "FF0000"})], jc="center",
          spacing={"before": "0", "after": "0", "line": "960", "lineRule": "exact"})
    d.blank()
    d.add(["青财呈〔2024〕15号" + "\u3000" * 8 + "签发人：王建军"], ind={"leftChars": "100", "left": "320"},
          border="bottom:FF0000:12")
    d.blank()
    d.title("青河市财政局关于申请追加城乡居民")  # a long title set as two centred paragraphs
    d.title("基本医疗保险财政补助资金的请示")
    d.blank()
    d.recipient("青河市人民政府：")
    d.text("根据国家医保局、财政部、国家税务总局关于做好2024年城乡居民基本医疗保障工作的有关要求，今年城乡居民基本医疗保险"
           "人均财政补助标准提高30元，达到每人每年670元。按照市与旗县区分担办法测算，市本级需新增补助资金2860万元，"
           "年初预算安排的资金已不足以支付。现将有关情况请示如下。")
    d.h1("一、资金需求测算")
    d.text("全市参加城乡居民基本医疗保险人数为95.3万人，其中由市本级承担补助的市直管区参保人员和困难群体共19.1万人。"
           "按照新标准，市本级全年应安排补助资金12797万元，年初预算已安排9937万元，缺口2860万元。")
    d.h1("二、资金来源")
    d.text("经测算，拟从市本级预算预备费中安排1500万元，其余1360万元通过调减部分项目年度支出预算解决，不新增财政赤字。")
    d.h1("三、下一步工作")
    d.text("资金下达后，我局将会同市医疗保障局加强资金监管，确保补助资金足额及时到位，保障参保群众待遇按时兑现。")
    d.text("妥否，请批示。")
    d.blank()
    d.signature("青河市财政局", "2024年5月6日")
    d.fuzhu("（联系人：陈晓峰，联系电话：0472-5163207）")
    d.footer("complex")
    return d


def clean_baogao_direct() -> Draft:
    d = Draft("clean-baogao-direct", "报告 whose Normal style is Chinese Word's 宋体 五号 single spacing, but every run is "
              "set to 仿宋 三号 and every paragraph to fixed 28.95 pt directly (select all, format); 黑体/楷体 headings "
              "run in; no document grid; page numbers from Word's 页码 gallery (a content control).",
              Look(via="direct", body="仿宋", h2="楷体", grid=None), verdict="pass", author="李红梅")
    d.title("云溪县应急管理局关于2024年汛前安全检查情况的报告")
    d.recipient("云溪县人民政府：")
    d.text("按照《云溪县2024年防汛抗旱工作方案》安排，4月8日至26日，我局会同县水利局、县自然资源局、县住房和城乡建设局"
           "组成4个检查组，对全县12个乡镇的防汛重点部位开展了汛前安全检查。现将检查情况报告如下。")
    d.h1("一、检查基本情况")
    d.text("此次共检查小型水库18座、山洪灾害危险区43处、地质灾害隐患点27处、在建工程工地15个，发现各类隐患61处，"
           "已现场整改39处，其余22处已下发整改通知书，明确了整改时限和责任人。")
    d.h1("二、发现的主要问题")
    d.h2("（一）部分防汛物资储备不足。", "3个乡镇的编织袋、救生衣储备未达到定额标准，个别物资存放地点离重点部位较远。")
    d.h2("（二）预警设施维护不到位。", "部分山洪灾害监测站点设备老化，有2处简易雨量站数据上传不稳定。")
    d.h2("（三）应急演练针对性不强。", "个别乡镇演练流于形式，群众参与度不高，转移路线标识不清。")
    d.h1("三、下一步工作打算")
    d.text("我局将督促各乡镇和有关部门于5月20日前完成全部隐患整改，逐项对账销号；5月底前补齐防汛物资储备，"
           "组织开展1次全县防汛应急综合演练，切实做好安全度汛各项准备工作。")
    d.text("特此报告。")
    d.blank()
    d.signature("云溪县应急管理局", "2024年5月8日")
    d.footer("simple", gallery=True)
    return d


def clean_tongzhi_theme() -> Draft:
    d = Draft("clean-tongzhi-theme", "通知 with no font names in the body: docDefaults use the theme's minorEastAsia "
              "font and the theme's Hans font is 仿宋; 小标宋体 title, SimHei/KaiTi headings, a table in the body.",
              Look(via="theme", body="仿宋", title="小标宋体", h1="SimHei", h2="KaiTi"), verdict="pass", author="刘洋")
    d.title("青河市教育局关于做好2024年普通高中学业水平考试考务工作的通知")
    d.recipient("各旗县区教育局，市直各学校：")
    d.text("2024年普通高中学业水平合格性考试定于6月20日至22日举行。为确保考试安全平稳有序，现就做好考务工作有关事项"
           "通知如下。")
    d.h1("一、考试时间安排")
    d.text("各科目考试时间安排见下表。")
    d.table([["日期", "上午", "下午"],
             ["6月20日", "语文（9:00—10:30）", "物理（14:30—15:30）"],
             ["6月21日", "数学（9:00—10:30）", "化学（14:30—15:30）"],
             ["6月22日", "英语（9:00—10:30）", "生物学（14:30—15:30）"]])
    d.h1("二、工作要求")
    d.h2("（一）严格考点管理。", "各考点要落实考场视频监控、身份验证和无线电信号屏蔽措施，考前对考场设施逐一检查。")
    d.h2("（二）加强试卷保管。", "试卷运送、保管和分发实行专人负责、全程监控，严防失密泄密。")
    d.h2("（三）做好考生服务。", "各学校要提前告知考生考试纪律和注意事项，为残疾考生提供必要的便利。")
    d.text("特此通知。")
    d.blank()
    d.signature("青河市教育局", "2024年5月10日")
    d.footer("complex")
    return d


def clean_han_docdefaults() -> Draft:
    d = Draft("clean-han-docdefaults", "函 whose font (FangSong 三号) and fixed spacing live in the document defaults; "
              "方正小标宋_GBK title; Normal style untouched.",
              Look(via="defaults", body="FangSong", title="方正小标宋_GBK"), verdict="pass", author="马丽娜")
    d.title("青河市自然资源局关于商请提供2023年度林草湿调查数据的函")
    d.recipient("青河市林业和草原局：")
    d.text("为做好2024年度国土变更调查工作，按照自治区自然资源厅统一部署，我局需将林草湿调查成果与国土调查数据进行"
           "对接融合。请贵局于2024年5月31日前提供2023年度林草湿调查数据库及有关技术报告，数据以光盘形式报送。")
    d.text("数据使用过程中，我局将严格按照保密有关规定管理，仅用于国土变更调查工作。")
    d.text("请予支持为盼。")
    d.blank()
    d.signature("青河市自然资源局", "2024年5月13日")
    d.fuzhu("（联系人：马丽娜，联系电话：0472-5187362）")
    d.footer("simple")
    return d


def clean_jiyao_meeting() -> Draft:
    d = Draft("clean-jiyao-meeting", "纪要 in 方正仿宋_GBK via the Normal style; the 出席/请假/列席 labels in 3号黑体 as "
              "GB/T 9704—2012 10.3 asks (names in 仿宋; the wrapped 列席 line aligned after the colon).",
              Look(body="方正仿宋_GBK", h2="方正楷体_GBK"), verdict="pass", author="办公室")
    d.title("青河市人民政府第23次常务会议纪要")
    d.blank()
    d.text("2024年5月9日，市长李志刚主持召开市人民政府第23次常务会议。会议听取了有关部门的工作汇报，研究部署了相关工作。"
           "现纪要如下。")
    d.h1("一、听取全市一季度经济运行情况汇报")
    d.text("会议指出，一季度全市地区生产总值同比增长5.8%，经济运行总体平稳、稳中有进。会议要求，各地各部门要紧盯"
           "全年目标任务，加快重大项目建设，全力稳住工业、投资和消费基本盘。")
    d.h1("二、研究《青河市城市生活垃圾分类管理办法（草案）》")
    d.text("会议原则通过《青河市城市生活垃圾分类管理办法（草案）》，由市司法局会同市城市管理综合执法局根据会议意见"
           "修改完善后，按程序报请市委审定。")
    d.h1("三、研究城区老旧小区改造有关事项")
    d.text("会议同意将2024年城区老旧小区改造计划由36个小区调整为42个小区，新增部分所需资金由市财政局会同市住房和"
           "城乡建设局研究提出解决方案。")
    d.blank()
    label = {"ea": HEI}
    d.text(("出席：", label), "李志刚　王建华　赵丽萍　孙国强　刘海涛")
    d.text(("请假：", label), "周文斌（出差）")
    d.text(("列席：", label), "市政府办公室、市发展和改革委员会、市财政局、市司法局、市住房和城乡建设局、"
           "市城市管理综合执法局负责同志",  # wraps: 回行时与冒号后的首字对齐 (a hanging indent)
           indent={"leftChars": "500", "left": "1600", "hangingChars": "300", "hanging": "960"})
    d.footer("complex")
    return d


def clean_tongbao() -> Draft:
    d = Draft("clean-tongbao", "通报 (表扬) in 仿宋 via the Normal style, with 附件说明 and an attachment page "
              "(附件 label in 黑体, list of units); 署名 and date placed with full-width spaces; simple PAGE field.",
              Look(body="仿宋", h2="楷体"), verdict="pass", author="赵丽萍")
    d.title("青河市人民政府办公室关于表扬2023年度政务服务工作先进单位的通报")
    d.recipient("各旗县区人民政府，市直各部门：")
    d.text("2023年，全市各地各部门深入推进政务服务标准化、规范化、便利化建设，“一网通办”“一窗受理”改革取得明显成效，"
           "涌现出一批工作成效突出的先进单位。为表扬先进、激励担当，经市人民政府同意，决定对青河市行政审批和政务服务局"
           "等10个单位予以通报表扬。")
    d.text("希望受到表扬的单位珍惜荣誉、再接再厉，在优化营商环境工作中继续发挥示范带动作用。各地各部门要以先进为榜样，"
           "进一步提升政务服务效能，为推动全市经济社会高质量发展作出新的更大贡献。")
    d.blank()
    d.text("附件：2023年度政务服务工作先进单位名单")
    d.blank()
    d.signature("青河市人民政府办公室", "2024年5月7日", mode="spaces")
    d.add([("附件", {"ea": HEI})], page_break=True)
    d.blank()
    d.title("2023年度政务服务工作先进单位名单")
    d.blank()
    for unit in ("青河市行政审批和政务服务局", "青河市市场监督管理局", "青河市公安局", "青河市人力资源和社会保障局",
                 "青河市不动产登记中心", "云溪县人民政府", "青山区人民政府", "东河区行政审批和政务服务局",
                 "石门旗人民政府", "白云矿区人民政府"):
        d.text(unit)
    d.footer("simple")
    return d


def clean_pifu() -> Draft:
    d = Draft("clean-pifu", "批复 formatted directly (FangSong_GB2312 on every run) over Word's Normal; odd/even footers.",
              Look(via="direct", body="FangSong_GB2312"), verdict="pass", author="王建华")
    d.title("青河市人民政府关于同意设立青河市东河区第三中学的批复")
    d.recipient("东河区人民政府：")
    d.text("你区《关于设立东河区第三中学的请示》（东政呈〔2024〕9号）收悉。经研究，同意设立青河市东河区第三中学，"
           "为区教育局所属公益一类事业单位，办学层次为初级中学，办学规模为36个教学班，所需人员编制在区内统筹调剂解决。")
    d.text("学校建设和运行所需经费由你区按规定统筹安排。你区要按照义务教育学校办学标准加快建设进度，配齐配强师资力量，"
           "确保学校于2025年9月如期招生。")
    d.text("此复。")
    d.blank()
    d.signature("青河市人民政府", "2024年5月14日")
    d.footer("complex")
    return d


def clean_yijian_long() -> Draft:
    d = Draft("clean-yijian-long", "意见 with four heading levels through the template's own paragraph styles "
              "(“公文一级标题” 黑体, “公文二级标题” 楷体_GB2312), 1. headings in 仿宋, a 28×22 document grid "
              "(linesAndChars), first-line indents in the Normal style, a manual line break in the title.",
              Look(indent="normal", grid=("linesAndChars", 579, -849)), verdict="pass", author="孙国强")
    s1 = d.add_style("a1", "公文一级标题", ea=HEI)
    s2 = d.add_style("a2", "公文二级标题", ea=KAI)
    d.title("青河市人民政府关于加快发展\n银发经济的实施意见")  # Shift+Enter in the title
    d.recipient("各旗县区人民政府，市直各部门：")
    d.text("为积极应对人口老龄化，培育经济发展新动能，提高人民生活品质，根据国家和自治区有关部署，结合我市实际，"
           "现就加快发展银发经济提出如下实施意见。")
    d.h1("一、总体要求", style=s1)
    d.text("坚持以人民为中心的发展思想，坚持政府引导、市场主导、社会参与，聚焦老年人急难愁盼问题，扩大老年产品和服务"
           "有效供给。到2027年，全市培育银发经济龙头企业10家以上，建成老年助餐点300个以上，每千名老年人拥有养老机构"
           "床位数达到35张。")
    d.h1("二、重点任务", style=s1)
    d.h2("（一）扩大民生事业供给", style=s2)
    d.text("1.发展老年助餐服务。依托社区综合服务设施、养老服务机构和餐饮企业布局老年助餐点，对低保、分散供养特困等"
           "老年人给予助餐补贴。")
    d.text("2.拓展居家助老服务。支持养老服务机构开展上门助浴、助洁、助医等服务，2024年底前实现城区社区居家养老服务"
           "全覆盖。")
    d.h2("（二）培育潜力产业", style=s2)
    d.text("1.发展康复辅助器具产业。支持本地企业研发生产适老化康复辅具，在城区设立康复辅具租赁服务点。")
    d.text("2.推进适老化改造。对特殊困难老年人家庭实施居家适老化改造，重点改造以下内容：")
    d.text("（1）地面防滑处理、卫生间和通道加装扶手；")
    d.text("（2）配置适老化座椅、护理床等辅助器具；")
    d.text("（3）安装紧急呼叫和烟雾报警装置。")
    d.text("每户补助标准不超过5000元，所需资金由市、旗县区两级财政按比例分担。")
    d.h2("（三）优化发展环境", style=s2)
    d.text("加强养老服务人才队伍建设，将养老护理员纳入职业技能培训补贴范围。落实养老服务机构用地、用电、用水、用气等"
           "优惠政策，简化审批流程，优化营商环境。")
    d.h1("三、保障措施", style=s1)
    d.text("各地各部门要把发展银发经济纳入经济社会发展总体规划，明确责任分工，强化协调联动。市民政局要会同有关部门"
           "加强跟踪督导，及时总结推广经验做法，确保各项任务落到实处。")
    d.blank()
    d.signature("青河市人民政府", "2024年5月15日")
    d.fuzhu("（此件公开发布）")
    d.footer("complex")
    return d


def clean_baogao_banji() -> Draft:
    d = Draft("clean-baogao-banji", "报告 with 发文字号 and 签发人 (no 发文机关标志 yet) and a 版记 (抄送, 印发) in 4号仿宋 "
              "between two rules; 方正仿宋简体 body.",
              Look(body="方正仿宋简体", h1="方正黑体_GBK"), verdict="pass", author="张宏伟")
    d.add(["青环呈〔2024〕21号" + "\u3000" * 8 + "签发人：张宏伟"], ind={"leftChars": "100", "left": "320"})
    d.blank()
    d.title("青河市生态环境局关于2024年第一季度环境空气质量情况的报告")
    d.recipient("青河市人民政府：")
    d.text("现将2024年第一季度全市环境空气质量情况报告如下。")
    d.h1("一、总体情况")
    d.text("一季度，全市环境空气质量优良天数比例为81.3%，同比提高2.1个百分点；细颗粒物（PM2.5）平均浓度为38微克/立方米，"
           "同比下降7.3%。")
    d.h1("二、主要问题")
    d.text("一是冬春季节燃煤取暖排放叠加不利气象条件，1月份出现2次重污染天气过程；二是城区道路扬尘和建筑工地扬尘管控"
           "仍有薄弱环节；三是部分企业无组织排放问题反复出现。")
    d.h1("三、下一步工作")
    d.text("我局将持续推进清洁取暖改造，严格落实施工工地“六个百分之百”扬尘管控要求，加大重点企业执法检查力度，"
           "确保完成全年空气质量改善目标。")
    d.text("特此报告。")
    d.blank()
    d.signature("青河市生态环境局", "2024年5月16日")
    d.blank()
    d.blank()
    d.banji("抄送：市委办公室，市人大常委会办公室，市政协办公室。", "青河市生态环境局办公室", "2024年5月16日印发")
    d.footer("complex")
    return d


def clean_tongzhi_meeting() -> Draft:
    d = Draft("clean-tongzhi-meeting", "下行文 通知 with 发文机关标志 and a centred 发文字号, defaults-based 仿宋_GB2312, "
              "bold 黑体 headings, 附件说明 and an attachment page holding a 回执 table.",
              Look(via="defaults"), verdict="pass", author="韩雪")
    d.add([("青河市发展和改革委员会文件", {"ea": XBS, "ascii": TNR, "size": 36, "color": "FF0000"})], jc="center",
          spacing={"before": "0", "after": "0", "line": "960", "lineRule": "exact"})
    d.blank()
    d.add(["青发改投资〔2024〕56号"], jc="center", border="bottom:FF0000:12")
    d.blank()
    d.title("青河市发展和改革委员会关于召开2024年重大项目建设推进会的通知")
    d.recipient("各旗县区发展和改革委员会，市直有关部门：")
    d.text("为加快推进全市重大项目建设，经市人民政府同意，定于近期召开2024年重大项目建设推进会。现将有关事项通知如下。")
    d.h1("一、会议时间", bold=True)
    d.text("2024年5月23日（星期四）上午9:00，会期半天。")
    d.h1("二、会议地点", bold=True)
    d.text("青河市人民政府第一会议室（市政务服务中心A座3楼）。")
    d.h1("三、参会人员", bold=True)
    d.text("各旗县区发展和改革委员会主要负责同志，市直有关部门分管负责同志。")
    d.h1("四、有关要求", bold=True)
    d.text("请各单位于5月20日前将参会回执报送市发展和改革委员会投资科，并按要求准备书面汇报材料，汇报时间不超过5分钟。")
    d.blank()
    d.text("附件：参会回执")
    d.blank()
    d.signature("青河市发展和改革委员会", "2024年5月15日")
    d.fuzhu("（联系人：韩雪，联系电话：0472-5121896）")
    d.add([("附件", {"ea": HEI})], page_break=True)
    d.blank()
    d.title("参会回执")
    d.blank()
    d.table([["单位", "姓名", "职务", "联系电话"], ["", "", "", ""], ["", "", "", ""], ["", "", "", ""]])
    d.footer("simple")
    return d


def clean_han_reply() -> Draft:
    d = Draft("clean-han-reply", "复函, short, 方正仿宋_GB2312 set directly on every run over Word's Normal; "
              "署名 and date in the unsealed form (7.3.5.2).",
              Look(via="direct", body="方正仿宋_GB2312", title="方正小标宋_GB2312"), verdict="pass", author="王磊")
    d.title("青河市财政局关于追加青河大剧院维修经费的复函")
    d.recipient("市文化旅游体育局：")
    d.text("你局《关于申请追加青河大剧院维修经费的函》（青文旅函〔2024〕17号）收悉。经研究，现函复如下。")
    d.text("同意追加青河大剧院屋面防水和消防设施维修经费86万元，从市本级预算预备费中安排。请你局严格按照政府采购"
           "有关规定组织实施，加强资金使用管理，项目完工后及时办理竣工验收和财务决算。")
    d.text("特此函复。")
    d.blank()
    d.signature("青河市财政局", "2024年5月22日", mode="unsealed")
    d.footer("simple")
    return d


# --------------------------------------------------------------------------- drafts with faults


def err_layout_songti() -> Draft:
    d = Draft("err-layout-songti", "请示 typed in Word's defaults: Normal 宋体 小四, single spacing, 25.4/31.8 mm margins, "
              "no page number; title 宋体 三号 bold; 一、 headings in the same 宋体; date flush right; "
              "content: 截止目前 (should be 截至).",
              Look(via="word", grid=None), verdict="return", author="高建军")
    d.page(A4, WORD_MARGINS)
    d.expect("layout.margins")
    d.expect("layout.body-font")  # Normal style: every body paragraph, reported once
    d.expect("layout.grid")  # single spacing from the Normal style
    d.expect("layout.page-number")  # no footer at all
    t = d.title("青河市交通运输局关于申请拨付农村公路养护补助资金的请示", font=SONG, size=16, bold=True)
    d.expect("layout.title-font", t)
    d.recipient("青河市人民政府：")
    p = d.text("截止目前，我局已完成2023年度全市农村公路养护工作考核，考核结果为优良的路段占全部里程的82.6%。根据"
               "《青河市农村公路养护资金管理办法》规定，市级养护补助资金按考核结果分配。现将有关事项请示如下。")
    d.expect("wording.jiezhi-jiezhi", p, "截止")
    for head, body in (("一、资金需求", "全市列养农村公路共3268公里，按照每公里每年2000元的市级补助标准，2024年需市级"
                                        "补助资金653.6万元。"),
                       ("二、资金使用", "补助资金将全部用于农村公路日常养护和小修保养，不得用于人员工资和办公经费支出。"
                                        "我局将会同市财政局加强资金使用监管，确保专款专用。")):
        h = d.text((head, {"bold": True}))
        d.expect("layout.heading-fonts", h)
        d.text(body)
    d.text("妥否，请批示。")
    _, day = d.signature("青河市交通运输局", "2024年5月6日", mode="flush")
    d.expect("layout.signature-block", day)
    d.fuzhu("（联系人：高建军，联系电话：0472-5236918）")
    return d


def err_title_songti_bold() -> Draft:
    d = Draft("err-title-songti-bold", "通知 correct but for the title: 宋体 小二 (18 pt) bold; content: 再接再励.",
              Look(), verdict="return", author="Administrator")
    t = d.title("青河市卫生健康委员会关于开展2024年爱国卫生月活动的通知", font=SONG, size=18, bold=True)
    d.expect("layout.title-font", t)
    d.recipient("各旗县区卫生健康委员会，委属各单位：")
    d.text("今年4月是第36个爱国卫生月。为深入开展爱国卫生运动，巩固国家卫生城市创建成果，现就开展2024年爱国卫生月活动"
           "有关事项通知如下。")
    d.h1("一、重点活动")
    d.h2("（一）开展城乡环境卫生整治。", "各地要以城乡接合部、农贸市场、老旧小区、背街小巷为重点，集中清理卫生死角和"
         "积存垃圾。")
    d.h2("（二）开展病媒生物防制。", "结合春季病媒生物活动特点，组织开展鼠、蚊、蝇、蟑螂统一防制活动。")
    d.h2("（三）开展健康科普宣传。", "利用广播电视、政务新媒体等渠道，普及传染病防控、合理膳食和控烟限酒等健康知识。")
    d.h1("二、工作要求")
    p = d.text("各地各单位要高度重视，精心组织，再接再励巩固创建成果，并于4月30日前将活动开展情况报送市爱国卫生运动"
               "委员会办公室。")
    d.expect("wording.typo-lexicon", p, "再接再励")
    d.text("特此通知。")
    d.blank()
    d.signature("青河市卫生健康委员会", "2024年3月25日")
    d.footer("complex")
    return d


def err_title_left_heading_fonts() -> Draft:
    d = Draft("err-title-left-heading-fonts", "报告: title in 小标宋 but left-aligned; 一、 headings left in the body's 仿宋 "
              "(no 黑体); （一） headings in 黑体 instead of 楷体; content: 23年底.",
              Look(), verdict="return", author="民政局")
    t = d.title("青河市民政局关于2024年一季度社会救助工作情况的报告", jc=None)
    d.expect("layout.title-font", t)
    d.recipient("青河市人民政府：")
    d.text("按照市人民政府工作部署，我局扎实推进社会救助各项工作。现将2024年一季度工作情况报告如下。")
    h = d.h1("一、主要工作情况", font=FS)
    d.expect("layout.heading-fonts", h)
    h = d.h2("（一）低保保障水平稳步提高", font=HEI)
    d.expect("layout.heading-fonts", h)
    p = d.text("自2024年1月起，城市低保标准由每人每月780元提高到815元，农村低保标准由每人每年7860元提高到8280元。截至"
               "3月底，全市共有城乡低保对象2.36万人，比23年底增加412人。")
    d.expect("number.year-abbrev", p, "23年底")
    h = d.h2("（二）临时救助及时有效", font=HEI)
    d.expect("layout.heading-fonts", h)
    d.text("一季度共实施临时救助1276人次，支出救助资金193.5万元，对遭遇急难情况的困难群众做到了“先行救助、事后说明”。")
    h = d.h1("二、存在的问题", font=FS)
    d.expect("layout.heading-fonts", h)
    d.text("部分乡镇（街道）经办人员变动频繁，业务能力不足；低收入人口动态监测信息平台与有关部门数据共享还不够及时。")
    h = d.h1("三、下一步工作", font=FS)
    d.expect("layout.heading-fonts", h)
    d.text("我局将加强基层经办人员业务培训，推动与人力资源社会保障、医疗保障、残联等部门数据实时共享，及时发现和救助"
           "困难群众。")
    d.text("特此报告。")
    d.blank()
    d.signature("青河市民政局", "2024年4月12日")
    d.footer("complex")
    return d


def err_pasted_songti_color() -> Draft:
    d = Draft("err-pasted-songti-color", "通报 (仿宋 via Normal) with a phrase pasted from a web page in 宋体 小四 "
              "(#333333, near-black: fine), a phrase left blue (#0070C0) for emphasis; content: half-width comma.",
              Look(), verdict="return", author="Administrator")
    d.title("青河市应急管理局关于2024年一季度全市安全生产执法检查情况的通报")
    d.recipient("各旗县区应急管理局，市安全生产委员会有关成员单位：")
    d.text("一季度，全市各级应急管理部门共检查生产经营单位1862家次，发现并督促整改一般事故隐患4315项，立案查处违法行为"
           "87起，罚款326.4万元。现将有关情况通报如下。")
    d.h1("一、检查基本情况")
    pasted = "“四不两直”、明查暗访"
    p = d.text("各地结合春节、全国两会等重要时段，聚焦危险化学品、非煤矿山、工贸等重点行业领域，采取",
               d.run(pasted, ea=SONG, size=12, color="333333"),
               "等方式开展执法检查。其中，东河区、云溪县检查覆盖面广、执法力度大，查处违法行为数量居全市前列。")
    d.expect("layout.mixed-font", p, pasted)
    d.h1("二、存在的主要问题")
    p = d.text("检查中发现,部分企业安全生产主体责任落实不到位，隐患排查治理流于形式；个别企业特种作业人员无证上岗，"
               "应急预案未按规定组织演练。")
    d.expect("punctuation.halfwidth-in-cjk", p, ",")
    d.h1("三、下一步工作要求")
    blue = "依法从严处罚"
    p = d.text("各地要对检查发现的问题隐患建立台账、跟踪督办，确保整改到位。对拒不整改、屡查屡犯的企业，要",
               d.run(blue, color="0070C0"), "，并按规定纳入安全生产失信惩戒名单。")
    d.expect("layout.text-color", p, blue)
    d.blank()
    d.signature("青河市应急管理局", "2024年4月18日")
    d.footer("complex")
    return d


def err_spacing_15() -> Draft:
    d = Draft("err-spacing-15", "函 whose Normal style has 1.5 line spacing and no first-line indent anywhere "
              "(fonts right); content: 布署.",
              Look(spacing=dict(ONE_HALF), indent="none", grid=None), verdict="return", author="杨帆")
    d.expect("layout.grid")  # the Normal style's 1.5 spacing, reported once
    d.expect("layout.indent")  # the Normal style has no first-line indent: every body paragraph
    d.title("青河市住房和城乡建设局关于征求《青河市物业服务收费管理办法（征求意见稿）》意见的函")
    d.recipient("市发展和改革委员会、市市场监督管理局，各旗县区住房和城乡建设局：")
    d.text("为规范物业服务收费行为，维护业主和物业服务企业的合法权益，我局起草了《青河市物业服务收费管理办法"
           "（征求意见稿）》，现征求你们的意见。请于2024年5月24日前将书面意见反馈我局，逾期未反馈的视为无意见。")
    p = d.text("各旗县区住房和城乡建设局要认真组织布署，广泛听取辖区内物业服务企业和业主委员会的意见建议，汇总后一并反馈。")
    d.expect("wording.typo-lexicon", p, "布署")
    d.blank()
    d.signature("青河市住房和城乡建设局", "2024年5月10日")
    d.fuzhu("（联系人：杨帆，联系电话：0472-5139027）")
    d.footer("simple")
    return d


def err_indent_spaces() -> Draft:
    d = Draft("err-indent-spaces", "意见: two paragraphs pasted from an old file are indented with four half-width spaces "
              "instead of a first-line indent; the footer reads “-1-” (ASCII hyphens) in odd/even footers.",
              Look(via="direct", body="仿宋_GB2312"), verdict="return", author="Administrator")
    d.expect("layout.page-number")  # “-1-”
    d.title("云溪县人民政府办公室关于加强农村集体经济组织财务管理的意见")
    d.recipient("各乡镇人民政府，县直有关部门：")
    p = d.text("    为进一步规范农村集体经济组织财务管理，保障农村集体经济组织及其成员的合法权益，经县人民政府同意，"
               "现提出如下意见。", indent=NO_INDENT)
    d.expect("layout.indent", p)
    d.h1("一、健全财务管理制度")
    p = d.text("    各乡镇要指导农村集体经济组织建立健全财务预决算、收支审批、财务公开等制度，实行村级会计委托代理服务，"
               "做到账目清楚、手续完备。", indent=NO_INDENT)
    d.expect("layout.indent", p)
    d.h1("二、规范资金资产管理")
    d.text("农村集体经济组织的资金实行银行账户统一管理，严禁公款私存、坐收坐支。集体资产出租、出借和发包应当进行公开"
           "协商或者招标投标，合同期限一般不超过5年。")
    d.h1("三、加强监督检查")
    d.text("县农业农村局要会同县财政局、县审计局每年对农村集体经济组织财务管理情况开展抽查，对发现的问题督促限期整改；"
           "涉嫌违纪违法的，及时移送有关部门处理。")
    d.blank()
    d.signature("云溪县人民政府办公室", "2024年5月9日")
    d.fuzhu("（此件公开发布）")
    d.footer("complex", before="-", after="-")
    return d


def err_page_letter() -> Draft:
    d = Draft("err-page-letter", "报告 on Letter paper (python-docx's and US Word's default), page number written "
              "“第1页” in one centred footer; content: 其它.",
              Look(), verdict="return", author="统计局")
    d.page(LETTER, GB_MARGINS)
    d.expect("layout.page-size")
    d.expect("layout.page-number")  # “第1页”
    d.expect("layout.page-number")  # centred, no odd/even footers
    d.title("青河市统计局关于2024年一季度全市居民收入情况的报告")
    d.recipient("青河市人民政府：")
    d.text("根据城乡住户调查结果，现将2024年一季度全市居民收入情况报告如下。")
    d.h1("一、居民收入稳定增长")
    d.text("一季度，全市居民人均可支配收入13268元，同比增长5.6%。其中，城镇居民人均可支配收入16427元，增长5.1%；"
           "农村居民人均可支配收入6815元，增长7.2%。")
    d.h1("二、收入结构持续优化")
    p = d.text("从收入来源看，工资性收入、经营净收入、财产净收入和转移净收入分别增长5.8%、6.3%、3.2%和5.1%，"
               "工资性收入占可支配收入的比重为57.4%，其它各项收入保持稳定。")
    d.expect("wording.qita", p, "其它")
    d.h1("三、需要关注的问题")
    d.text("城乡居民收入差距虽有所缩小，但城镇居民人均可支配收入仍是农村居民的2.41倍；部分农村低收入群体增收渠道较窄，"
           "持续增收压力较大。")
    d.text("特此报告。")
    d.blank()
    d.signature("青河市统计局", "2024年4月22日")
    d.footer("simple", before="第", after="页", evenodd=False, jc="center")
    return d


def err_second_section() -> Draft:
    d = Draft("err-second-section", "通知 laid out correctly, but its attachment (a table) was pasted from another file "
              "as a second section that kept Word's 25.4/31.8 mm margins; content: 。。",
              Look(), verdict="return", author="Administrator")
    d.expect("layout.margins")  # section 2 only
    d.title("青河市人力资源和社会保障局关于做好2024年高校毕业生就业服务工作的通知")
    d.recipient("各旗县区人力资源和社会保障局，市公共就业服务中心：")
    d.text("为做好2024年高校毕业生就业服务工作，促进高校毕业生多渠道就业创业，现就有关事项通知如下。")
    d.h1("一、开展离校未就业毕业生实名服务")
    p = d.text("各地要及时接收离校未就业高校毕业生实名信息，逐一联系、摸清需求，为每名有就业意愿的毕业生至少提供1次"
               "职业指导、3次岗位推荐和1次职业培训或就业见习机会。。")
    d.expect("punctuation.repeated", p, "。。")
    d.h1("二、组织专场招聘活动")
    d.text("5月至8月，各地要结合本地产业特点，每月至少举办1场高校毕业生专场招聘会，活动安排于每月5日前报市公共就业"
           "服务中心汇总发布。")
    d.h1("三、按时报送工作进展")
    d.text("各地要按月填报高校毕业生就业服务进展情况统计表，于次月5日前报送我局就业促进和失业保险科。")
    d.blank()
    d.text("附件：高校毕业生就业服务进展情况统计表")
    d.blank()
    _, day = d.signature("青河市人力资源和社会保障局", "2024年5月17日")
    d.section_break(day)
    d.add([("附件", {"ea": HEI})])
    d.blank()
    d.title("高校毕业生就业服务进展情况统计表", size=18)
    d.blank()
    d.table([["旗县区", "离校未就业人数", "已联系人数", "已就业人数", "提供岗位数"],
             ["东河区", "", "", "", ""], ["青山区", "", "", "", ""], ["云溪县", "", "", "", ""],
             ["石门旗", "", "", "", ""], ["合计", "", "", "", ""]], size=12)
    d.page(A4, WORD_MARGINS, section=1)
    d.footer("complex")
    return d


def err_content_only() -> Draft:
    d = Draft("err-content-only", "请示 laid out correctly (fonts in the document defaults) with content faults only: "
              "half-width brackets in the 发文字号, 按装, an unclosed （ inside a 《》 title.",
              Look(via="defaults"), verdict="return", author="白志华")
    p = d.add(["青林呈[2024]8号" + "\u3000" * 8 + "签发人：赵永强"], ind={"leftChars": "100", "left": "320"})
    d.expect("element.doc-number-format", p, "青林呈[2024]8号")
    d.expect("punctuation.doc-number-brackets", p, "[2024]")
    d.blank()
    d.title("青河市林业和草原局关于实施2024年森林防火视频监控系统建设项目的请示")
    d.recipient("青河市人民政府：")
    d.text("我市林地面积大、分布广，森林防火任务繁重。目前，全市重点林区仅有视频监控点位36个，覆盖率不足40%，难以满足"
           "火情早发现、早处置的要求。为提升森林火灾预警监测能力，我局拟实施森林防火视频监控系统建设项目。现将有关事项"
           "请示如下。")
    d.h1("一、建设内容")
    p = d.text("项目计划在重点林区新建视频监控点位48个，按装高清热成像双光谱摄像机，并对现有36个点位进行升级改造，建设"
               "市级森林防火监控指挥平台1个。")
    d.expect("wording.typo-lexicon", p, "按装")
    d.h1("二、资金需求")
    p = d.text("项目总投资1860万元。根据《青河市森林防灭火规划（2024—2026年》，拟申请市级财政资金1200万元，其余660万元"
               "由我局从中央林业改革发展资金中统筹解决。")
    d.expect("punctuation.bracket-pairing", p, "（2024—2026年")
    d.h1("三、实施计划")
    d.text("项目计划于2024年7月开工，11月底前完成建设并投入使用，确保在今冬明春森林防火期发挥作用。")
    d.text("妥否，请批示。")
    d.blank()
    d.signature("青河市林业和草原局", "2024年5月20日")
    d.fuzhu("（联系人：白志华，联系电话：0472-5176430）")
    d.footer("simple")
    return d


def err_margins_footer() -> Draft:
    d = Draft("err-margins-footer", "报告 built on a blank Word document: fonts right, but Word's 25.4/31.8 mm margins, "
              "one centred “— 1 —” footer (no odd/even pages), date flush right.",
              Look(via="theme", body="仿宋"), verdict="return", author="审计局")
    d.page(A4, WORD_MARGINS)
    d.expect("layout.margins")
    d.expect("layout.page-number")  # centred, no odd/even footers
    d.title("青河市审计局关于2023年度市本级预算执行审计发现问题整改情况的报告")
    d.recipient("青河市人民政府：")
    d.text("根据《中华人民共和国审计法》和市人民政府工作安排，我局对2023年度市本级预算执行情况进行了审计，并督促有关"
           "部门单位对审计发现的问题进行整改。现将整改情况报告如下。")
    d.h1("一、审计发现问题总体整改情况")
    d.text("审计共发现问题47个，涉及金额3.86亿元。截至2024年4月底，已整改到位问题39个，整改金额3.12亿元，制定完善"
           "规章制度16项；其余8个问题正在按计划推进整改。")
    d.h1("二、尚未完成整改的问题及原因")
    d.text("未完成整改的问题主要涉及历史遗留的债权债务清理和部分项目资金结转结余，需要多部门协调或经过法定程序处理，"
           "整改周期较长。")
    d.h1("三、下一步工作")
    d.text("我局将继续跟踪督促有关部门单位推进整改，对整改不力、虚假整改的严肃追责问责，整改结果按规定向社会公告。")
    d.text("特此报告。")
    d.blank()
    _, day = d.signature("青河市审计局", "2024年5月21日", mode="flush")
    d.expect("layout.signature-block", day)
    d.footer("complex", evenodd=False, jc="center")
    return d


def err_jiyao_pasted() -> Draft:
    d = Draft("err-jiyao-pasted", "纪要 (仿宋_GB2312 via Normal) with one paragraph pasted keeping its source formatting: "
              "宋体 小四, 1.5 line spacing; content: 签定.",
              Look(), verdict="return", author="办公室")
    d.title("青河市城市管理综合执法局局长办公会议纪要")
    d.blank()
    d.text("2024年5月13日，局长刘建平主持召开局长办公会议，研究城区市容环境整治和共享单车停放管理有关工作。现将会议"
           "议定事项纪要如下。")
    d.h1("一、关于城区市容环境整治")
    d.text("会议同意自5月20日起在城区开展为期3个月的市容环境集中整治，重点整治占道经营、乱贴乱画和沿街门店环境卫生"
           "等问题。由市容环境卫生科牵头制定实施方案，各执法大队分片包干，每周报送整治进展。")
    d.h1("二、关于共享单车停放管理")
    p = d.text(d.run("会议要求，运营企业要按照投放总量控制要求规范车辆投放，在主次干道和公交站点周边施划停放区域，及时清运"
                     "违规停放和损坏车辆。与运营企业签定的管理协议应明确违约责任。", ea=SONG, ascii="Calibri", size=12),
               spacing=ONE_HALF)
    d.expect("layout.body-font", p)
    d.expect("layout.grid", p)
    d.expect("wording.typo-lexicon", p, "签定")
    d.text("由市政公用设施管理科负责与运营企业对接，6月底前完成停放区域施划。")
    d.blank()
    label = {"ea": HEI}
    d.text(("出席：", label), "刘建平　李红梅　张海军　王志远")
    d.text(("列席：", label), "办公室、法制科、市容环境卫生科、市政公用设施管理科负责同志")
    d.footer("complex")
    return d


def err_warnings_headings() -> Draft:
    d = Draft("err-warnings-headings", "通知 with warnings only: two （一） headings in 黑体 instead of 楷体, one body "
              "paragraph without its first-line indent. A reviewer asks for fixes but passes it.",
              Look(via="direct", body="仿宋"), verdict="pass", author="Administrator")
    d.title("青河市市场监督管理局关于开展2024年“守护消费”食品安全专项检查的通知")
    d.recipient("各旗县区市场监督管理局：")
    d.text("为进一步加强食品安全监管，切实保障人民群众“舌尖上的安全”，市局决定于2024年6月至9月在全市开展“守护消费”"
           "食品安全专项检查。现将有关事项通知如下。")
    d.h1("一、检查重点")
    h = d.h2("（一）校园及周边食品安全", font=HEI)
    d.expect("layout.heading-fonts", h)
    d.text("重点检查学校食堂原料进货查验、加工制作过程控制和校外供餐单位资质情况。")
    h = d.h2("（二）农村集体聚餐", font=HEI)
    d.expect("layout.heading-fonts", h)
    p = d.text("重点检查农村集体聚餐备案报告、厨师健康证明和食品留样制度落实情况。", indent=NO_INDENT)
    d.expect("layout.indent", p)
    d.h1("二、工作要求")
    d.text("各地要制定具体实施方案，明确检查任务和责任人，于每月5日前报送上月检查情况，9月30日前报送专项检查工作总结。")
    d.text("特此通知。")
    d.blank()
    d.signature("青河市市场监督管理局", "2024年5月27日")
    d.footer("complex")
    return d


def err_title_zhongsong_even() -> Draft:
    d = Draft("err-title-zhongsong-even", "专项报告 from a template without 小标宋: title in 华文中宋 (a substitute, warning); "
              "奇偶页不同 on but no number in the even-page footer; one run-in （一） paragraph set wholly in 楷体.",
              Look(via="direct", h2="楷体"), verdict="return", author="农业农村局")
    t = d.title("云溪县农业农村局关于2024年春耕备耕工作情况的报告", font="华文中宋")
    d.expect("layout.title-font", t)
    d.expect("layout.page-number")  # even pages
    d.recipient("云溪县人民政府：")
    d.text("按照县委、县政府安排部署，我局提早谋划、统筹推进春耕备耕各项工作。现将有关情况报告如下。")
    d.h1("一、主要工作开展情况")
    kai = d._text_props(ea="楷体")
    p = d.add([("（一）农资储备充足。", kai), ("全县已储备各类种子186万公斤、化肥3.2万吨、农药126吨，能够满足春耕"
                                              "生产需要。", kai)], **d._para_props(ind=INDENT2))
    d.expect("layout.body-font", p)  # the text after the run-in heading is body text: 仿宋
    d.h2("（二）农机准备到位。", "全县检修各类农机具4860台（套），组织农机手培训班12期，培训农机手630人次。")
    d.h2("（三）技术服务有力。", "组织42名农技人员组成12个科技服务小分队，深入田间地头开展技术指导。")
    d.h1("二、存在的困难")
    d.text("部分农资价格同比上涨，农民种植成本增加；农村青壮年劳动力外出务工较多，部分地块存在耕种不及时的风险。")
    d.h1("三、下一步工作")
    d.text("我局将加强农资市场监管，严厉打击制售假劣农资行为；组织农机合作社开展代耕代种服务，确保不误农时。")
    d.text("特此报告。")
    d.blank()
    d.signature("云溪县农业农村局", "2024年4月3日")
    d.footer("complex", even_number=False)
    return d


def err_xiaosan_26pt() -> Draft:
    d = Draft("err-xiaosan-26pt", "通知 from a local template: Normal 仿宋_GB2312 小三 (15 pt) with fixed 26 pt spacing "
              "(24 lines a page); 一、 headings in 黑体 but inheriting 小三; 首页不同 on with an empty first-page footer.",
              Look(spacing={"before": "0", "after": "0", "line": "520", "lineRule": "exact"}, grid=None),
              verdict="return", author="Administrator")
    d._style_props("Normal", rpr={"size": 15})
    d.expect("layout.body-font")  # the Normal style's 小三
    d.expect("layout.grid")  # the Normal style's 26 pt
    d.expect("layout.page-number")  # first page
    d.title("青河市文化旅游体育局关于做好2024年“五一”假期文化和旅游市场安全工作的通知")
    d.recipient("各旗县区文化旅游体育局，市直有关单位：")
    d.text("“五一”假期临近，为确保假期全市文化和旅游市场安全有序，现就有关工作通知如下。")
    h = d.h1("一、全面开展安全隐患排查")
    d.expect("layout.heading-fonts", h)
    d.text("各地要组织对A级旅游景区、星级饭店、文化娱乐场所等开展全面检查，重点排查消防设施、游乐设施和临水临崖区域"
           "安全防护情况，发现隐患立即整改。")
    h = d.h1("二、严格落实值班值守制度")
    d.expect("layout.heading-fonts", h)
    d.text("假期期间，各地各单位要严格执行领导带班和24小时值班制度，保持通讯畅通，遇有突发事件按规定及时报告。")
    d.text("特此通知。")
    d.blank()
    d.signature("青河市文化旅游体育局", "2024年4月24日")
    d.footer("complex", title_page=True)
    return d


BUILDERS: tuple[Callable[[], Draft], ...] = (
    clean_qingshi_gbt9704, clean_baogao_direct, clean_tongzhi_theme, clean_han_docdefaults, clean_jiyao_meeting,
    clean_tongbao, clean_pifu, clean_yijian_long, clean_baogao_banji, clean_tongzhi_meeting, clean_han_reply,
    err_layout_songti, err_title_songti_bold, err_title_left_heading_fonts, err_pasted_songti_color, err_spacing_15,
    err_indent_spaces, err_page_letter, err_second_section, err_content_only, err_margins_footer, err_jiyao_pasted,
    err_warnings_headings, err_title_zhongsong_even, err_xiaosan_26pt,
)


def _format_builders() -> tuple[Callable[[], Draft], ...]:
    """The special-format and published-order drafts of ``docx_formats.py`` (next to this script)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("doclint_docx_formats", Path(__file__).with_name("docx_formats.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return tuple(module.builders(sys.modules[__name__]))


def build_all() -> dict[str, bytes]:
    """Every corpus file by name (``<name>.docx`` and ``<name>.expected.yaml``)."""
    files: dict[str, bytes] = {}
    for build in BUILDERS + _format_builders():
        d = build()
        data = d.docx_bytes()
        if len(data) >= MAX_BYTES:
            raise SystemExit(f"{d.name}.docx is {len(data)} bytes (limit {MAX_BYTES})")
        files[f"{d.name}.docx"] = data
        files[f"{d.name}.expected.yaml"] = d.expected_yaml().encode("utf-8")
    return files


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the labelled .docx corpus.")
    parser.add_argument("--out", type=Path, default=OUT, help="output folder (default: corpus/docx/)")
    parser.add_argument("--check", action="store_true", help="only compare with the folder; exit 1 when it differs")
    args = parser.parse_args(argv)
    out: Path = args.out
    files = build_all()
    if args.check:
        stale = [name for name, data in files.items() if not (out / name).is_file() or (out / name).read_bytes() != data]
        extra = sorted(p.name for p in out.glob("*") if p.name not in files) if out.is_dir() else []
        for name in stale:
            print(f"differs: {out / name}", file=sys.stderr)
        for name in extra:
            print(f"not built by this script: {out / name}", file=sys.stderr)
        return 1 if stale or extra else 0
    out.mkdir(parents=True, exist_ok=True)
    for name, data in files.items():
        (out / name).write_bytes(data)
    print(f"wrote {len(files) // 2} drafts to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
