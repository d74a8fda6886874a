"""Run arithmetic on a .docx paragraph: the text offsets of the contract mapped onto ``w:r`` elements.

Shared by the annotated copy (comments anchored on a span) and the fixed copy (tracked changes on
a span). Offsets count what the reader counts (model/inline.py): runs inside hyperlinks, content
controls, insertions, simple fields and smart tags; tabs and line breaks one character each. A run is split at an offset with
both halves keeping a deep copy of its properties, so formatting survives on both sides.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from docx.oxml.ns import qn
from lxml import etree

from doclint.model import inline, stories

__all__ = ["TEXT_TAGS", "Span", "body_paragraphs", "boundary", "elements", "open_docx", "paragraph_at",
           "paragraph_text", "spans", "split_run", "text_runs"]

W_R = qn("w:r")
W_P = qn("w:p")
W_RPR = qn("w:rPr")
TEXT_TAGS = inline.TEXT_TAGS
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def piece_len(el: Any) -> int:
    """Characters a run child adds to the paragraph text as the reader gives it (model/inline.py)."""
    return len(inline.piece_text(el)) if el.tag in inline.TEXT_TAGS else 0


def run_len(r: Any) -> int:
    """Characters a run adds to the paragraph text."""
    return sum(piece_len(el) for el in r)


def elements(p: Any) -> tuple[Any, ...]:
    """The ``w:p`` elements of a paragraph: one, or a group Word shows as one (model/stories.py
    ``Group``: paragraphs whose mark is a tracked deletion, then the one they join)."""
    return p if isinstance(p, tuple) else (p,)


def text_runs(p: Any) -> list[Any]:
    """The ``w:r`` elements a reader sees, in order: through hyperlinks, content controls,
    insertions, simple fields and smart tags; deletions and field instructions left out."""
    return [el for q in elements(p) for el in inline.visible(q) if el.tag == inline.R]


def paragraph_text(p: Any) -> str:
    """The paragraph's text as the offsets count it (the reader's text)."""
    return "".join(inline.text_of(q) for q in elements(p))


class Span(msgspec.Struct, frozen=True):
    """Where one text run sits in its paragraph's text."""

    run: Any
    start: int
    end: int


def spans(p: Any) -> list[Span]:
    """The runs that carry text, with their offsets."""
    out: list[Span] = []
    pos = 0
    for r in text_runs(p):
        n = run_len(r)
        if n:
            out.append(Span(r, pos, pos + n))
            pos += n
    return out


def split_run(r: Any, k: int) -> Any:
    """Split run ``r`` after ``k`` characters; ``r`` keeps the head, the returned copy the tail."""
    tail = copy.deepcopy(r)  # keeps w:rPr and the run's attributes
    seen = 0
    head_children = [el for el in r if el.tag != W_RPR]
    tail_children = [el for el in tail if el.tag != W_RPR]
    for h, t in zip(head_children, tail_children, strict=True):
        n = piece_len(h)
        if seen + n <= k:  # wholly (or zero-width) in the head
            if n == 0 and seen == k and seen > 0:
                r.remove(h)  # zero-width content right at the cut follows the text after it
            else:
                tail.remove(t)
        elif seen >= k:  # wholly in the tail
            r.remove(h)
        else:  # a w:t straddling the cut
            cut = k - seen
            h.text, t.text = h.text[:cut], h.text[cut:]
            h.set(XML_SPACE, "preserve")
            t.set(XML_SPACE, "preserve")
        seen += n
    r.addnext(tail)
    return tail


def boundary(p: Any, offset: int) -> None:
    """Make ``offset`` fall between two runs (split the run containing it)."""
    for s in spans(p):
        if s.start < offset < s.end:
            split_run(s.run, offset - s.start)
            return


def open_docx(source: bytes) -> Any:
    """Parse a draft safely (doclint's reader checks it first) into python-docx's Document, to edit a
    copy: the input bytes are never modified. Raises UnreadableDocument."""
    import io

    from docx.package import Package

    from doclint.errors import UnreadableDocument
    from doclint.model.docx_reader import read_docx

    read_docx(source)  # raises UnreadableDocument for anything unsafe or broken
    try:
        return Package.open(io.BytesIO(source)).main_document_part.document
    except Exception as exc:
        raise UnreadableDocument("corrupt", f"文件已损坏或不是 Word 文档（{exc}）") from None


# -- locating paragraphs (the reader's own walk: doclint.model.stories) ----------------------


def body_paragraphs(body: Any) -> list[Any]:
    """The body story's paragraphs as the contract indexes them, one ``w:p`` each. A paragraph Word
    shows merged from several (a deleted mark) is given as a new, detached ``w:p``: the editors that
    take one element leave it as it is."""
    return [g[0] if len(g) == 1 else etree.Element(W_P) for g in stories.body_blocks(body)[0]]


def _single(group: Any) -> Any | None:
    return group[0] if len(group) == 1 else None  # a merged paragraph is not edited


def table_group(body: Any, table: int, row: int, cell: int, paragraph: int) -> Any | None:
    """A table cell's paragraph as the reader groups it (several ``w:p`` when Word shows them merged),
    or None when the place does not exist."""
    tables = stories.body_blocks(body)[1]
    if not 0 <= table < len(tables):
        return None
    rows = stories.table_cells(tables[table])
    if not 0 <= row < len(rows) or not 0 <= cell < len(rows[row]):
        return None
    paras = stories.cell_paragraphs(rows[row][cell])
    return paras[paragraph] if 0 <= paragraph < len(paras) else None


def _table_paragraph(body: Any, table: int, row: int, cell: int, paragraph: int) -> Any | None:
    group = table_group(body, table, row, cell, paragraph)
    return None if group is None else _single(group)


def paragraph_at(body: Any, part: str, paragraph: int | None, table: int | None = None, row: int | None = None,
                 cell: int | None = None) -> Any | None:
    """The ``w:p`` a location names in the body or a table, or None (other stories, stale offsets, a
    paragraph merged from several ``w:p``)."""
    if paragraph is None:
        return None
    if part == "body":
        paras = stories.body_blocks(body)[0]
        return _single(paras[paragraph]) if 0 <= paragraph < len(paras) else None
    if part == "table" and table is not None and row is not None and cell is not None:
        return _table_paragraph(body, table, row, cell, paragraph)
    return None
