"""What a package says about the draft besides its stories: page geometry, core properties,
tracked changes and comments counted."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from lxml import etree

from doclint.model import package as opc
from doclint.model.document import CoreProperties, Revisions, Section
from doclint.model.ns import num, on_off, w

# Core-properties namespaces (docProps/core.xml).
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_TWIPS_PER_MM = 1440 / 25.4
_AUTHOR = w("author")

_REV_INS = (w("ins"), w("moveTo"))
_REV_DEL = (w("del"), w("moveFrom"))
_REV_FMT = tuple(
    w(t)
    for t in (
        "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
        "tblGridChange",
    )
)


def related(part: Any, reltype: str) -> Any | None:
    """The part related by a relationship type, None when there is none."""
    try:
        return part.part_related_by(reltype)
    except KeyError:
        return None


def _mm(twips: float | None) -> float | None:
    return None if twips is None else round(twips / _TWIPS_PER_MM, 2)


def _nonempty(value: str | None) -> str | None:
    return value if value else None


def section(sect: Any, idx: int) -> Section:
    """Page geometry of one ``w:sectPr``; malformed numbers read as not set."""
    pg_sz = sect.find(w("pgSz"))
    mar = sect.find(w("pgMar"))
    grid = sect.find(w("docGrid"))
    title_pg = sect.find(w("titlePg"))

    def attr(el: Any, name: str) -> float | None:
        return num(el.get(w(name))) if el is not None else None

    orientation = None
    if pg_sz is not None:
        orientation = pg_sz.get(w("orient")) or "portrait"
    pitch = attr(grid, "linePitch")
    char_space = attr(grid, "charSpace")
    return Section(
        index=idx,
        page_width_mm=_mm(attr(pg_sz, "w")),
        page_height_mm=_mm(attr(pg_sz, "h")),
        orientation=orientation,
        top_mm=_mm(attr(mar, "top")),
        bottom_mm=_mm(attr(mar, "bottom")),
        left_mm=_mm(attr(mar, "left")),
        right_mm=_mm(attr(mar, "right")),
        gutter_mm=_mm(attr(mar, "gutter")),
        header_mm=_mm(attr(mar, "header")),
        footer_mm=_mm(attr(mar, "footer")),
        title_page=title_pg is not None and on_off(title_pg),
        grid_type=grid.get(w("type")) if grid is not None else None,
        grid_line_pitch_pt=pitch / 20 if pitch is not None else None,
        grid_char_space=int(char_space) if char_space is not None and abs(char_space) < 1e9 else None,
    )


def core(package: Any) -> CoreProperties:
    """Metadata from ``docProps/core.xml``."""
    part = related(package, opc.RT_CORE_PROPERTIES)
    if part is None:
        return CoreProperties()
    root = part.element

    def text(tag: str) -> str | None:
        el = root.find(tag)
        return _nonempty((el.text or "").strip()) if el is not None else None

    return CoreProperties(
        title=text(f"{{{_DC}}}title"),
        author=text(f"{{{_DC}}}creator"),
        last_modified_by=text(f"{{{_CP}}}lastModifiedBy"),
        created=text(f"{{{_DCTERMS}}}created"),
        modified=text(f"{{{_DCTERMS}}}modified"),
    )


def _revision_roots(main: Any) -> Iterator[Any]:
    wanted = {opc.CT_HEADER, opc.CT_FOOTER, opc.CT_FOOTNOTES, opc.CT_ENDNOTES}
    yield main.element
    for part in main.package.iter_parts():
        if part.content_type in wanted:
            try:
                yield part.element
            except etree.XMLSyntaxError:  # a broken notes part is read as absent (model/stories.py)
                continue


def revisions(main: Any) -> Revisions:
    """Tracked changes in the document, its headers, footers and notes, and the comments."""
    ins = dels = fmt = 0
    authors: dict[str, None] = {}
    for root in _revision_roots(main):
        for el in root.iter(*_REV_INS, *_REV_DEL, *_REV_FMT):
            tag = el.tag
            if tag in _REV_INS:
                ins += 1
            elif tag in _REV_DEL:
                dels += 1
            else:
                fmt += 1
            author = el.get(_AUTHOR)
            if author:
                authors.setdefault(author, None)
    comments = 0
    comments_part = related(main, opc.RT_COMMENTS)
    if comments_part is not None:
        for c in comments_part.element.iterchildren(w("comment")):
            comments += 1
            author = c.get(_AUTHOR)
            if author:
                authors.setdefault(author, None)
    else:
        comments = sum(1 for _ in main.element.iter(w("commentReference")))
    return Revisions(
        insertions=ins,
        deletions=dels,
        format_changes=fmt,
        authors=tuple(authors),
        comments=comments,
    )
