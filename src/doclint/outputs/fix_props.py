"""OOXML property editing shared by the layout fixers: children in schema order, attributes, and the
tracked formatting changes (``w:rPrChange``, ``w:pPrChange``, ``w:sectPrChange``) that record the old
properties so a reviewer sees what moved."""

from __future__ import annotations

import copy
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from doclint.outputs.runs import W_RPR

TWIPS_PER_MM = 1440 / 25.4
SPACES = " \u3000\u00a0\t"
RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
]
PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]
SECT_ORDER = [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
]
INDENTED = ("body", "heading", "attachment_note", "fuzhu")


def w(name: str) -> str:
    """The Clark name of ``w:name``."""
    return str(qn(f"w:{name}"))


def child(parent: Any, name: str, order: list[str]) -> Any:
    """The child ``w:name`` of ``parent``, created in schema order when missing."""
    tag = w(name)
    found = parent.find(tag)
    if found is not None:
        return found
    el = OxmlElement(f"w:{name}")
    rank = order.index(name)
    for i, existing in enumerate(parent):
        local = existing.tag.rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def set_attrs(el: Any, **attrs: str | None) -> None:
    for k, v in attrs.items():
        key = w(k)
        if v is None:
            el.attrib.pop(key, None)
        else:
            el.set(key, v)


def snapshot(props: Any, change_tag: str, skip: tuple[str, ...] = ()) -> Any:
    """A copy of a properties element without its own change record (and ``skip`` children)."""
    old = copy.deepcopy(props)
    for child in list(old):
        local = child.tag.rsplit("}", 1)[-1]
        if child.tag == w(change_tag) or local in skip:
            old.remove(child)
    return old


class Tracker:
    """Records a properties element's old state before the first change (one change mark each)."""

    def __init__(self, marks: Any) -> None:
        self.marks = marks
        self.seen: set[int] = set()

    def before(self, props: Any, change: str, order: list[str], skip: tuple[str, ...] = ()) -> None:
        if self.marks is None or id(props) in self.seen:
            return
        self.seen.add(id(props))
        if props.find(w(change)) is not None:
            return  # an existing revision keeps its own old state
        old = snapshot(props, change, skip)
        old.tag = props.tag
        for key in list(old.attrib):
            del old.attrib[key]
        mark = self.marks.mark(f"w:{change}")
        mark.append(old)
        props.append(mark)  # the change record is always last in schema order


def rpr_of(run: Any) -> Any:
    rpr = run.find(W_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    return rpr


def ppr_of(p: Any) -> Any:
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


def has(el: Any, attrs: dict[str, str | None]) -> bool:
    if el is None:
        return False
    return all(el.get(w(k)) == v for k, v in attrs.items())


def tw(mm: float) -> str:
    return str(round(mm * TWIPS_PER_MM))


def mm(v: float) -> str:
    return f"{v:g}"


def side_label(align: str) -> str:
    return {"right": "居右", "left": "居左", "center": "居中"}.get(align, align)


