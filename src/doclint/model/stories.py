"""Read every story a reader sees into the Document model: body, tables, text boxes, headers,
footers, footnotes and endnotes (comments kept apart), each paragraph with its story and its text
as shown (:mod:`doclint.model.inline`) and its automatic list number (:mod:`doclint.model.numbering`).

Reading order is the contract's (``location.paragraph``): every ``w:p`` of a story as a reader
meets it, through block-level content controls, custom XML and tracked insertions. A paragraph
whose mark is a tracked deletion is shown by Word as one with the paragraph after it (the
deleted mark is gone, the next paragraph's mark ends both): the reader merges them the same way,
so one paragraph of the model may be several ``w:p`` elements (a ``Group``), its properties,
style and list number those of the last one. Deleted marks with nothing after them in their story
(or before a table) keep their text as one paragraph, or are not counted when they show nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from lxml import etree

from doclint._cache import regexes
from doclint._cache.memo import Memo
from doclint.model import inline
from doclint.model import package as opc
from doclint.model import properties as props
from doclint.model.document import (
    CommentMark,
    Document,
    HeaderFooter,
    Paragraph,
    Run,
    Section,
    Story,
    StyleFormat,
    Table,
)
from doclint.model.numbering import Numbering
from doclint.model.styles import W_NS, StyleResolver, ThemeFonts, load_styles, on_off, w

_NS = {"w": W_NS, "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}


def _xpath(expr: str) -> Callable[[Any], list[Any]]:
    compiled = etree.XPath(expr, namespaces=_NS)

    def run(el: Any) -> list[Any]:
        return cast(list[Any], compiled(el))

    return run


_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_NUMBERING = _RT + "numbering"
RT_FOOTNOTES = _RT + "footnotes"
RT_ENDNOTES = _RT + "endnotes"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

P = w("p")
TBL = w("tbl")
_PSTYLE = w("pStyle")
_VAL = w("val")
_ID = w("id")
_TYPE = w("type")
_AUTHOR = w("author")
# Block-level wrappers whose paragraphs a reader sees in place (w:del / w:moveFrom are not).
_BLOCK_TRANSPARENT = frozenset(w(t) for t in ("customXml", "ins", "moveTo"))

_X_ALL_P = _xpath(".//w:p[not(ancestor::mc:Fallback)]")
# Paragraphs of a table cell: nested tables included, text boxes not (they are their own story).
_X_CELL_P = _xpath(".//w:p[not(ancestor::mc:Fallback) and not(ancestor::w:txbxContent)]")
_X_ROWS = _xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr | ./w:customXml/w:tr")
_X_CELLS = _xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc | ./w:customXml/w:tc")
_X_VMERGE = _xpath("./w:tcPr/w:vMerge")
_X_SECTPR = _xpath(
    "./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sdt/w:sdtContent/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr"
)
# Text boxes: the DrawingML choice when a shape carries both, the VML one when it is alone.
_FALLBACK = f"{{{_NS['mc']}}}Fallback"
_X_FIELDS = _xpath(".//w:fldSimple/@w:instr | .//w:instrText/text()")
_PAGE_FIELD = regexes.compile_std(r"\bPAGE\b")
_HF_KINDS = ("default", "first", "even")
_TXBX = w("txbxContent")


Group = tuple[Any, ...]  # the w:p elements a reader sees as one paragraph (usually one)


def merged(paragraphs: Iterable[Any]) -> list[Group]:
    """Paragraphs as Word shows them: each run of deleted-mark paragraphs joins the one after it."""
    out: list[Group] = []
    pending: list[Any] = []
    for p in paragraphs:
        pending.append(p)
        if not inline.mark_deleted(p):
            out.append(tuple(pending))
            pending = []
    _flush(pending, out)
    return out


def _flush(pending: list[Any], out: list[Group]) -> None:
    """Deleted-mark paragraphs with no paragraph after them to join: one paragraph if they show text."""
    if pending and any(inline.text_of(p) for p in pending):
        out.append(tuple(pending))
    pending.clear()


def group_text(group: Group) -> str:
    """The text a reader sees in a merged paragraph."""
    return "".join(inline.text_of(p) for p in group)


def blocks(container: Any) -> Iterator[Any]:
    """The ``w:p`` and ``w:tbl`` of a story container in reading order, through content controls."""
    for child in container:
        tag = child.tag
        if tag in (P, TBL):
            yield child
        elif tag == inline.SDT:
            content = child.find(inline.SDT_CONTENT)
            if content is not None:
                yield from blocks(content)
        elif tag in _BLOCK_TRANSPARENT:
            yield from blocks(child)


def story_blocks(container: Any) -> Iterator[Any]:
    """The paragraph groups and tables of a story container, in reading order (a table ends a merge)."""
    pending: list[Any] = []
    for el in blocks(container):
        if el.tag == TBL:
            done: list[Group] = []
            _flush(pending, done)
            yield from done
            yield el
            continue
        pending.append(el)
        if not inline.mark_deleted(el):
            yield tuple(pending)
            pending = []
    done = []
    _flush(pending, done)
    yield from done


def body_blocks(body: Any) -> tuple[list[Group], list[Any]]:
    """The body's paragraphs (as counted in the contract) and its tables, each in reading order."""
    paragraphs: list[Group] = []
    tables: list[Any] = []
    for el in story_blocks(body):
        if isinstance(el, tuple):
            paragraphs.append(el)
        else:
            tables.append(el)
    return paragraphs, tables


def table_cells(tbl: Any) -> list[list[Any]]:
    """``rows[r][c]``: the ``w:tc`` elements of a table, continuations of vertical merges left out."""
    rows = []
    for tr in _X_ROWS(tbl):
        cells = []
        for tc in _X_CELLS(tr):
            vm = _X_VMERGE(tc)
            if vm and (vm[0].get(_VAL) or "continue") != "restart":
                continue  # continuation of a vertically merged cell
            cells.append(tc)
        rows.append(cells)
    return rows


def cell_paragraphs(tc: Any) -> list[Group]:
    """The paragraphs of one table cell in reading order (nested tables included)."""
    return merged(_X_CELL_P(tc))


def story_paragraphs(root: Any) -> list[Group]:
    """Every shown paragraph under a header, footer or note root (fallback shapes read once)."""
    return merged(_X_ALL_P(root))


def textbox_paragraphs(root: Any) -> list[Group]:
    """The paragraphs of every text box of the main document, each box read once, in order."""
    out: list[Group] = []
    for box in root.iter(_TXBX):  # a scan in C; the rare boxes found are then checked one by one
        if any(a.tag == _FALLBACK for a in box.iterancestors()):
            continue
        own = [p for p in box.iter(P) if next((a for a in p.iterancestors(_TXBX)), None) is box]
        out.extend(merged(own))
    return out


def note_paragraphs(root: Any, tag: str) -> list[Group]:
    """The paragraphs of every normal footnote (or endnote), separators left out."""
    out: list[Group] = []
    for note in root.iterchildren(w(tag)):
        if (note.get(_TYPE) or "normal") == "normal":
            out.extend(story_paragraphs(note))
    return out


_themes: Memo[ThemeFonts] = Memo("theme fonts", max_items=8, max_bytes=16 * 1024 * 1024)


def _theme_fonts(blob: bytes, name: str, lang: str | None) -> ThemeFonts:
    """Theme fonts of a theme part's bytes: drafts of one template share them, so each is parsed once."""
    return _themes.get(blob, lambda: ThemeFonts(opc.parse(blob, name), lang), extra=lang)


def _root_or_none(part: Any | None) -> Any | None:
    """A secondary part's root; None when it is missing or not well-formed XML (its lists or notes are
    then not shown, and the draft is still checked). A DTD or an exhausted budget still refuses the file."""
    if part is None:
        return None
    try:
        return part.element
    except etree.XMLSyntaxError:
        return None


class StoryReader:
    """One reading of one main document part."""

    def __init__(self, main: Any, selective_styles: bool = True) -> None:
        self.main = main
        self.root = main.element
        self.body = self.root.find(w("body"))
        settings_part = props.related(main, opc.RT_SETTINGS)
        self.settings = settings_part.element if settings_part is not None else None
        lang = None
        if self.settings is not None:
            tfl = self.settings.find(w("themeFontLang"))
            if tfl is not None:
                lang = tfl.get(w("eastAsia"))
        theme_part = props.related(main, opc.RT_THEME)
        theme = _theme_fonts(theme_part.blob, theme_part.name, lang) if theme_part is not None else ThemeFonts(None, lang)
        styles_part = props.related(main, opc.RT_STYLES)
        styles_xml = styles_part.blob if styles_part is not None else None
        self.styles = StyleResolver(load_styles(styles_xml, selective=selective_styles), theme)
        self.lists = Numbering(_root_or_none(props.related(main, RT_NUMBERING)))
        self._used_styles: dict[str | None, None] = {}
        # comment id -> (paragraph index, offset) where its anchor starts / ends in the body
        self._anchor_start: dict[str, tuple[int, int]] = {}
        self._anchor_end: dict[str, tuple[int, int]] = {}

    def read(self) -> Document:
        """The whole Document."""
        paragraphs: list[Paragraph] = []
        tables: list[Table] = []
        if self.body is not None:
            counter = self.lists if self.lists else None  # body and tables share list counters
            for el in story_blocks(self.body):
                if isinstance(el, tuple):
                    paragraphs.append(self._paragraph(el, len(paragraphs), Story.BODY, counter))
                else:
                    tables.append(self._table(el, len(tables), counter))
        sections, headers, footers = self._sections()
        return Document(
            source="docx",
            paragraphs=tuple(paragraphs),
            tables=tuple(tables),
            headers=headers,
            footers=footers,
            sections=sections,
            core=props.core(self.main.package),
            revisions=props.revisions(self.main),
            even_and_odd_headers=self._even_and_odd(),
            footnotes=self._notes(RT_FOOTNOTES, "footnote", Story.FOOTNOTE),
            endnotes=self._notes(RT_ENDNOTES, "endnote", Story.ENDNOTE),
            textboxes=self._story(textbox_paragraphs(self.body) if self.body is not None else [], Story.TEXTBOX),
            comments=self._comments(),
            paragraph_styles=tuple(self._style_format(sid) for sid in self._used_styles),
        )

    def _style_format(self, style_id: str | None) -> StyleFormat:
        """What a style gives a run or paragraph that sets nothing itself (for layout rules)."""
        styles = self.styles
        return StyleFormat(
            name=styles.style_name(style_id),
            run=styles.run_format(style_id, {}),
            paragraph=styles.paragraph_format(style_id, {})[0],
        )

    # -- paragraphs ---------------------------------------------------------------------

    def _paragraph(self, group: Group, index: int, part: Story, counter: Numbering | None, *,
                   table: int | None = None, row: int | None = None, cell: int | None = None) -> Paragraph:
        styles = self.styles
        ppr = inline.child(group[-1], inline.PPR)  # the mark that ends the paragraph gives its properties
        p_style = None
        direct_p: dict[str, Any] = {}
        mark: dict[str, Any] = {}
        if ppr is not None:
            ps = inline.child(ppr, _PSTYLE)
            if ps is not None:
                p_style = ps.get(_VAL)
            direct_p = styles.ppr_partial(ppr)
            mark_rpr = inline.child(ppr, inline.RPR)
            if mark_rpr is not None:
                mark = styles.rpr_partial(mark_rpr)
        style_id = styles.paragraph_style_id(p_style)
        anchors = part is Story.BODY
        if anchors:
            self._used_styles.setdefault(style_id, None)
        runs: list[Run] = []
        pos = 0
        for el in (el for p in group for el in inline.visible(p)):
            if el.tag == inline.R:
                pos = self._add_run(el, style_id, pos, runs)
            elif anchors:  # body paragraphs also place comment anchors
                cid = el.get(_ID)
                if cid is not None:
                    (self._anchor_start if el.tag == inline.COMMENT_START else self._anchor_end)[cid] = (index, pos)
        text = "".join([r.text for r in runs])
        fmt, outline = styles.paragraph_format(style_id, direct_p)
        number = None
        if counter is not None:
            num_id, ilvl = styles.numbering(style_id, direct_p)
            if num_id is not None:
                level = ilvl if ilvl is not None else counter.style_level(num_id, style_id)
                number = counter.next(num_id, level)
        return Paragraph(
            index=index,
            text=text,
            part=part,
            number=number or None,
            style=styles.style_name(style_id),
            outline_level=outline,
            format=fmt,
            mark_format=styles.run_format(style_id, mark),
            runs=tuple(runs),
            table=table,
            row=row,
            cell=cell,
        )

    def _add_run(self, r: Any, style_id: str | None, pos: int, runs: list[Run]) -> int:
        text, rpr = inline.run_content(r)
        if not text:
            return pos
        direct = self.styles.rpr_partial(rpr) if rpr is not None else {}
        end = pos + len(text)
        runs.append(Run(text=text, start=pos, end=end, format=self.styles.run_format(style_id, direct)))
        return end

    def _story(self, elements: list[Group], part: Story) -> tuple[Paragraph, ...]:
        if not elements:
            return ()
        counter = self.lists.restarted() if self.lists else None  # a story numbers its lists on its own
        return tuple(self._paragraph(p, i, part, counter) for i, p in enumerate(elements))

    def _notes(self, reltype: str, tag: str, part: Story) -> tuple[Paragraph, ...]:
        root = _root_or_none(props.related(self.main, reltype))
        return self._story(note_paragraphs(root, tag), part) if root is not None else ()

    def _table(self, tbl: Any, index: int, counter: Numbering | None) -> Table:
        rows = tuple(
            tuple(
                tuple(self._paragraph(p, i, Story.TABLE, counter, table=index, row=r_idx, cell=c_idx)
                      for i, p in enumerate(cell_paragraphs(tc)))
                for c_idx, tc in enumerate(cells)
            )
            for r_idx, cells in enumerate(table_cells(tbl))
        )
        return Table(index=index, rows=rows)

    # -- sections, headers, footers -----------------------------------------------------

    def _sections(
        self,
    ) -> tuple[tuple[Section, ...], tuple[HeaderFooter, ...], tuple[HeaderFooter, ...]]:
        sections: list[Section] = []
        headers: list[HeaderFooter] = []
        footers: list[HeaderFooter] = []
        for idx, sect in enumerate(_X_SECTPR(self.root)):
            sections.append(props.section(sect, idx))
            for ref_tag, part, out in (
                ("headerReference", Story.HEADER, headers),
                ("footerReference", Story.FOOTER, footers),
            ):
                for kind in _HF_KINDS:
                    hf = self._header_footer(sect, ref_tag, kind, part, idx)
                    if hf is not None:
                        out.append(hf)
        return tuple(sections), tuple(headers), tuple(footers)

    def _header_footer(
        self, sect: Any, ref_tag: str, kind: str, part: Story, idx: int
    ) -> HeaderFooter | None:
        for ref in sect.iterchildren(w(ref_tag)):
            if (ref.get(_TYPE) or "default") != kind:
                continue
            rid = ref.get(_R_ID)
            target = self.main.related_parts.get(rid) if rid else None
            if target is None:
                return None
            root = target.element
            has_page = any(_PAGE_FIELD.search(str(instr)) for instr in _X_FIELDS(root))
            return HeaderFooter(
                section=idx,
                kind=kind,
                paragraphs=self._story(story_paragraphs(root), part),
                has_page_field=has_page,
            )
        return None

    def _even_and_odd(self) -> bool:
        if self.settings is None:
            return False
        el = self.settings.find(w("evenAndOddHeaders"))
        return el is not None and on_off(el)

    def _comments(self) -> tuple[CommentMark, ...]:
        part = props.related(self.main, opc.RT_COMMENTS)
        if part is None:
            return ()
        out: list[CommentMark] = []
        for c in part.element.iterchildren(w("comment")):
            cid = c.get(_ID) or ""
            text = "\n".join(inline.text_of(p) for p in c.iter(P))
            start = self._anchor_start.get(cid)
            end = self._anchor_end.get(cid)
            out.append(CommentMark(
                id=cid, author=c.get(_AUTHOR) or "", text=text,
                paragraph=start[0] if start else None, start=start[1] if start else None,
                end_paragraph=end[0] if end else None, end=end[1] if end else None,
            ))
        return tuple(out)
