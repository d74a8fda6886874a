"""Build .docx fixtures in code: styles, theme fonts, direct run props, margins, fields, revisions.

Usage::

    b = DocxBuilder()                                   # python-docx default template, zh-CN
    b.set_doc_defaults(east_asia="仿宋_GB2312", size_pt=16)
    b.set_style("Normal", east_asia="宋体")
    b.add_paragraph(run("标题", east_asia="方正小标宋简体", size_pt=22), jc="center")
    b.set_margins(top=37, bottom=35, left=28, right=26)
    b.add_page_footer(form="simple")
    data = b.to_bytes()

Sizes are in points (written as half-points), margins in millimetres; ``ind``/``spacing``
take raw OOXML attribute dicts (twips / hundredths), e.g. ``ind={"firstLineChars": "200"}``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm
from lxml import etree

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"

# Schema order of the children we write (CT_RPr / CT_PPr), so Word would accept the files too.
_RPR_ORDER = ["w:rStyle", "w:rFonts", "w:b", "w:i", "w:vanish", "w:color", "w:sz", "w:szCs"]
_PPR_ORDER = [
    "w:pStyle", "w:keepNext", "w:spacing", "w:ind", "w:jc", "w:outlineLvl", "w:rPr", "w:sectPr",
    "w:pPrChange",
]


@dataclass(frozen=True)
class RunSpec:
    """One run to add: text plus direct properties (None = not set)."""

    text: str
    east_asia: str | None = None
    ascii: str | None = None
    east_asia_theme: str | None = None
    ascii_theme: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    color: str | None = None
    hidden: bool | None = None
    style: str | None = None  # character style id


def run(text: str, **props: Any) -> RunSpec:
    """Shorthand for :class:`RunSpec`."""
    return RunSpec(text, **props)


def _child(parent: Any, tag: str, order: list[str]) -> Any:
    """Get or insert ``tag`` under ``parent``, keeping ``order`` among known siblings."""
    found = parent.find(qn(tag))
    if found is not None:
        return found
    el = OxmlElement(tag)
    rank = order.index(tag) if tag in order else len(order)
    for i, sib in enumerate(parent):
        prefixed = sib.tag
        for name in order[rank + 1:]:
            if prefixed == qn(name):
                parent.insert(i, el)
                return el
    parent.append(el)
    return el


def set_rpr(rpr: Any, *, east_asia: str | None = None, ascii: str | None = None,
            east_asia_theme: str | None = None, ascii_theme: str | None = None,
            size_pt: float | None = None, bold: bool | None = None, italic: bool | None = None,
            color: str | None = None, hidden: bool | None = None, style: str | None = None) -> Any:
    """Write the given properties into a ``w:rPr`` element (others untouched)."""
    if style is not None:
        _child(rpr, "w:rStyle", _RPR_ORDER).set(qn("w:val"), style)
    fonts = {"w:eastAsia": east_asia, "w:ascii": ascii, "w:eastAsiaTheme": east_asia_theme,
             "w:asciiTheme": ascii_theme}
    if any(v is not None for v in fonts.values()):
        rf = _child(rpr, "w:rFonts", _RPR_ORDER)
        for attr, value in fonts.items():
            if value is not None:
                rf.set(qn(attr), value)
        # Like Word: choosing a font by name drops the theme attribute of that slot.
        for name, theme_attr, theme in (("w:eastAsia", "w:eastAsiaTheme", east_asia_theme),
                                        ("w:ascii", "w:asciiTheme", ascii_theme)):
            if fonts[name] is not None and theme is None and qn(theme_attr) in rf.attrib:
                del rf.attrib[qn(theme_attr)]
    for tag, flag in (("w:b", bold), ("w:i", italic), ("w:vanish", hidden)):
        if flag is not None:
            _child(rpr, tag, _RPR_ORDER).set(qn("w:val"), "1" if flag else "0")
    if color is not None:
        _child(rpr, "w:color", _RPR_ORDER).set(qn("w:val"), color)
    if size_pt is not None:
        half = str(round(size_pt * 2))
        _child(rpr, "w:sz", _RPR_ORDER).set(qn("w:val"), half)
        _child(rpr, "w:szCs", _RPR_ORDER).set(qn("w:val"), half)
    return rpr


def set_ppr(ppr: Any, *, style: str | None = None, jc: str | None = None,
            ind: dict[str, str] | None = None, spacing: dict[str, str] | None = None,
            outline: int | None = None) -> Any:
    """Write paragraph properties into a ``w:pPr`` (``ind``/``spacing`` are raw attributes)."""
    if style is not None:
        _child(ppr, "w:pStyle", _PPR_ORDER).set(qn("w:val"), style)
    if spacing:
        sp = _child(ppr, "w:spacing", _PPR_ORDER)
        for k, v in spacing.items():
            sp.set(qn(f"w:{k}"), v)
    if ind:
        el = _child(ppr, "w:ind", _PPR_ORDER)
        for k, v in ind.items():
            el.set(qn(f"w:{k}"), v)
    if jc is not None:
        _child(ppr, "w:jc", _PPR_ORDER).set(qn("w:val"), jc)
    if outline is not None:
        _child(ppr, "w:outlineLvl", _PPR_ORDER).set(qn("w:val"), str(outline))
    return ppr


def _run_element(spec: RunSpec) -> Any:
    r = OxmlElement("w:r")
    props = {k: getattr(spec, k) for k in RunSpec.__dataclass_fields__ if k != "text"}
    if any(v is not None for v in props.values()):
        r.append(set_rpr(OxmlElement("w:rPr"), **props))
    r.text = spec.text  # python-docx: \t → w:tab, \n → w:br/w:cr
    return r


class DocxBuilder:
    """A python-docx Document plus XML-level helpers; ``to_bytes()`` at the end."""

    def __init__(self, east_asia_lang: str | None = "zh-CN") -> None:
        self.doc = docx.Document()
        if east_asia_lang is not None:
            settings = self.doc.settings.element
            tfl = settings.find(qn("w:themeFontLang"))
            if tfl is None:
                tfl = OxmlElement("w:themeFontLang")
                settings.append(tfl)
            tfl.set(qn("w:eastAsia"), east_asia_lang)

    # -- styles ----------------------------------------------------------------------------

    @property
    def styles_element(self) -> Any:
        return self.doc.styles.element

    def set_doc_defaults(self, **rpr: Any) -> DocxBuilder:
        """Set ``w:docDefaults/w:rPrDefault/w:rPr`` properties (see :func:`set_rpr`)."""
        styles = self.styles_element
        defaults = styles.find(qn("w:docDefaults"))
        if defaults is None:
            defaults = OxmlElement("w:docDefaults")
            styles.insert(0, defaults)
        rpr_default = defaults.find(qn("w:rPrDefault"))
        if rpr_default is None:
            rpr_default = OxmlElement("w:rPrDefault")
            defaults.insert(0, rpr_default)
        rpr_el = rpr_default.find(qn("w:rPr"))
        if rpr_el is None:
            rpr_el = OxmlElement("w:rPr")
            rpr_default.append(rpr_el)
        set_rpr(rpr_el, **rpr)
        return self

    def style(self, style_id: str) -> Any:
        """The ``w:style`` element with this id, or None."""
        for st in self.styles_element.iterchildren(qn("w:style")):
            if st.get(qn("w:styleId")) == style_id:
                return st
        return None

    def set_style(self, style_id: str, *, name: str | None = None, kind: str = "paragraph",
                  based_on: str | None = None, jc: str | None = None,
                  ind: dict[str, str] | None = None, spacing: dict[str, str] | None = None,
                  outline: int | None = None, **rpr: Any) -> DocxBuilder:
        """Create or edit a style: ``basedOn``, paragraph props and run props (``**rpr``)."""
        st = self.style(style_id)
        if st is None:
            st = OxmlElement("w:style", attrs={qn("w:type"): kind, qn("w:styleId"): style_id})
            st.append(OxmlElement("w:name", attrs={qn("w:val"): name or style_id}))
            self.styles_element.append(st)
        elif name is not None:
            st.find(qn("w:name")).set(qn("w:val"), name)
        if based_on is not None:
            bo = st.find(qn("w:basedOn"))
            if bo is None:
                bo = OxmlElement("w:basedOn")
                st.find(qn("w:name")).addnext(bo)
            bo.set(qn("w:val"), based_on)
        if any(v is not None for v in (jc, ind, spacing, outline)):
            ppr = st.find(qn("w:pPr"))
            if ppr is None:
                ppr = OxmlElement("w:pPr")
                rpr_el = st.find(qn("w:rPr"))
                if rpr_el is not None:
                    rpr_el.addprevious(ppr)
                else:
                    st.append(ppr)
            set_ppr(ppr, jc=jc, ind=ind, spacing=spacing, outline=outline)
        if rpr:
            rpr_el = st.find(qn("w:rPr"))
            if rpr_el is None:
                rpr_el = OxmlElement("w:rPr")
                st.append(rpr_el)
            set_rpr(rpr_el, **rpr)
        return self

    # -- theme -----------------------------------------------------------------------------

    def set_theme_fonts(self, *, minor_hans: str | None = None, major_hans: str | None = None,
                        minor_ea: str | None = None, major_ea: str | None = None,
                        minor_latin: str | None = None, major_latin: str | None = None,
                        drop_hans: bool = False) -> DocxBuilder:
        """Edit ``theme1.xml``: the ``script="Hans"`` fonts, ``a:ea`` and ``a:latin`` typefaces."""
        part = self.doc.part.part_related_by(RT.THEME)
        root = etree.fromstring(part.blob)
        for which, hans, ea, latin in (("minor", minor_hans, minor_ea, minor_latin),
                                       ("major", major_hans, major_ea, major_latin)):
            font = root.find(f".//{{{A_NS}}}{which}Font")
            for f in font.findall(f"{{{A_NS}}}font"):
                if f.get("script") == "Hans":
                    if drop_hans:
                        font.remove(f)
                    elif hans is not None:
                        f.set("typeface", hans)
            if ea is not None:
                font.find(f"{{{A_NS}}}ea").set("typeface", ea)
            if latin is not None:
                font.find(f"{{{A_NS}}}latin").set("typeface", latin)
        part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return self

    # -- body ------------------------------------------------------------------------------

    def add_paragraph(self, *runs: RunSpec | str, style: str | None = None, jc: str | None = None,
                      ind: dict[str, str] | None = None, spacing: dict[str, str] | None = None,
                      outline: int | None = None, mark: dict[str, Any] | None = None) -> Any:
        """Append a body paragraph of runs (str = run without props); returns python-docx's."""
        para = self.doc.add_paragraph()
        p = para._p
        if any(v is not None for v in (style, jc, ind, spacing, outline, mark)):
            ppr = p.get_or_add_pPr()
            set_ppr(ppr, style=style, jc=jc, ind=ind, spacing=spacing, outline=outline)
            if mark:
                set_rpr(_child(ppr, "w:rPr", _PPR_ORDER), **mark)
        for spec in runs:
            p.append(_run_element(RunSpec(spec) if isinstance(spec, str) else spec))
        return para

    def add_hyperlink(self, para: Any, text: str, url: str = "https://example.com") -> Any:
        """Append a ``w:hyperlink`` holding one run with ``text`` to a python-docx paragraph."""
        rid = para.part.relate_to(url, RT.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink", attrs={qn("r:id"): rid})
        link.append(_run_element(RunSpec(text, style="Hyperlink")))
        para._p.append(link)
        return link

    def add_tracked_insertion(self, para: Any, text: str, author: str = "张三") -> Any:
        """Append ``<w:ins><w:r><w:t>text`` (a tracked insertion) to a paragraph."""
        ins = OxmlElement("w:ins", attrs={qn("w:id"): str(900 + len(para._p)), qn("w:author"): author,
                                          qn("w:date"): "2024-01-01T00:00:00Z"})
        ins.append(_run_element(RunSpec(text)))
        para._p.append(ins)
        return ins

    def add_tracked_deletion(self, para: Any, text: str, author: str = "李四") -> Any:
        """Append ``<w:del><w:r><w:delText>text`` (a tracked deletion) to a paragraph."""
        dele = OxmlElement("w:del", attrs={qn("w:id"): str(800 + len(para._p)), qn("w:author"): author,
                                           qn("w:date"): "2024-01-01T00:00:00Z"})
        r = OxmlElement("w:r")
        dt = OxmlElement("w:delText")
        dt.text = text
        r.append(dt)
        dele.append(r)
        para._p.append(dele)
        return dele

    def add_comment(self, para: Any, text: str = "请核实", author: str = "王五") -> Any:
        """Comment on a paragraph's runs (python-docx 1.2 ``add_comment``)."""
        return self.doc.add_comment(para.runs, text=text, author=author, initials="W")

    # -- sections, headers, footers -----------------------------------------------------------

    def set_margins(self, *, top: float | None = None, bottom: float | None = None,
                    left: float | None = None, right: float | None = None,
                    gutter: float | None = None, header: float | None = None,
                    footer: float | None = None, page: tuple[float, float] | None = None,
                    section: int = 0) -> DocxBuilder:
        """Set page margins / page size (width, height) of one section, in millimetres."""
        sec = self.doc.sections[section]
        for attr, value in (("top_margin", top), ("bottom_margin", bottom), ("left_margin", left),
                            ("right_margin", right), ("gutter", gutter), ("header_distance", header),
                            ("footer_distance", footer)):
            if value is not None:
                setattr(sec, attr, Mm(value))
        if page is not None:
            sec.page_width, sec.page_height = Mm(page[0]), Mm(page[1])
        return self

    def set_doc_grid(self, *, type: str = "lines", line_pitch: int = 579, char_space: int | None = None,
                     section: int = 0) -> DocxBuilder:
        """Set ``w:docGrid`` (linePitch in twips) of one section."""
        sect = self.doc.sections[section]._sectPr
        grid = sect.find(qn("w:docGrid"))
        if grid is None:
            grid = OxmlElement("w:docGrid")
            sect.append(grid)
        grid.set(qn("w:type"), type)
        grid.set(qn("w:linePitch"), str(line_pitch))
        if char_space is not None:
            grid.set(qn("w:charSpace"), str(char_space))
        return self

    def _hf(self, where: str, kind: str, section: int) -> Any:
        sec = self.doc.sections[section]
        if kind == "first":
            sec.different_first_page_header_footer = True
            return getattr(sec, f"first_page_{where}")
        if kind == "even":
            self.enable_even_and_odd()
            return getattr(sec, f"even_page_{where}")
        return getattr(sec, where)

    def add_page_footer(self, *, form: str = "simple", kind: str = "default", section: int = 0,
                        before: str = "— ", after: str = " —", instr: str = " PAGE ",
                        where: str = "footer") -> Any:
        """Footer (or header) paragraph ``before PAGE after``; form ``simple`` or ``complex``."""
        hf = self._hf(where, kind, section)
        para = hf.paragraphs[0]
        p = para._p
        if before:
            p.append(_run_element(RunSpec(before)))
        if form == "simple":
            fld = OxmlElement("w:fldSimple", attrs={qn("w:instr"): instr})
            fld.append(_run_element(RunSpec("1")))
            p.append(fld)
        else:
            for piece in ("begin", instr, "separate", "1", "end"):
                r = OxmlElement("w:r")
                if piece in ("begin", "separate", "end"):
                    r.append(OxmlElement("w:fldChar", attrs={qn("w:fldCharType"): piece}))
                elif piece == instr:
                    it = OxmlElement("w:instrText")
                    it.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
                    it.text = instr
                    r.append(it)
                else:
                    r.text = piece
                p.append(r)
        if after:
            p.append(_run_element(RunSpec(after)))
        return hf

    def add_header_text(self, text: str, *, kind: str = "default", section: int = 0,
                        where: str = "header") -> Any:
        """Put plain text into a header (or footer) of one section."""
        hf = self._hf(where, kind, section)
        hf.paragraphs[0].text = text
        return hf

    def enable_even_and_odd(self) -> DocxBuilder:
        """Set ``w:evenAndOddHeaders`` in settings.xml."""
        self.doc.settings.odd_and_even_pages_header_footer = True
        return self

    # -- output ----------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return buf.getvalue()


# -- zip-level helpers (for malformed inputs) ------------------------------------------------


def zip_bytes(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip archive of the given members."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression) as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def rewrite_members(data: bytes, edit: Callable[[str, bytes], bytes | None],
                    extra: Iterable[tuple[str, bytes]] = ()) -> bytes:
    """Copy a zip, passing each member through ``edit(name, content)`` (None drops it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = edit(info.filename, src.read(info))
            if content is not None:
                dst.writestr(info.filename, content)
        for name, content in extra:
            dst.writestr(name, content)
    return out.getvalue()


def plain_docx(text: str) -> bytes:
    """A .docx from python-docx's default template, one paragraph per line of ``text``."""
    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()
