"""What a reader sees inside one paragraph: the runs in reading order, and their text.

Shared by the reader and by annotate, so that offsets in a report and the places a Word
comment is anchored are computed by one walk. The walk descends into the wrappers Word and WPS
put around runs (hyperlinks, run-level content controls, tracked insertions and moves, simple
fields, smart tags, custom XML, bidi containers), skips deletions, and of a complex field
(``w:fldChar`` begin/separate/end) keeps the result and drops the instruction.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doclint.model.styles import w

R = w("r")
T = w("t")
BR = w("br")
RPR = w("rPr")
PPR = w("pPr")
SDT = w("sdt")
SDT_CONTENT = w("sdtContent")
FLD_CHAR = w("fldChar")
COMMENT_START = w("commentRangeStart")
COMMENT_END = w("commentRangeEnd")
ANCHORS = (COMMENT_START, COMMENT_END)
DEL = w("del")

_BR_TYPE = w("type")
_FLD_TYPE = w("fldCharType")
_FIXED_TEXT = {w("cr"): "\n", w("noBreakHyphen"): "-", w("ptab"): "\t", w("tab"): "\t"}
TEXT_TAGS = frozenset((T, BR, *_FIXED_TEXT))

# Wrappers whose runs a reader sees as if they stood in the paragraph itself.
_TRANSPARENT = frozenset(
    w(t) for t in ("hyperlink", "ins", "moveTo", "smartTag", "customXml", "fldSimple", "dir", "bdo")
)


def piece_text(e: Any) -> str:
    """The characters one run child shows: w:t text, tabs, hyphens and line (not page) breaks."""
    tag = e.tag
    if tag == T:
        return e.text or ""
    if tag == BR:
        return "\n" if (e.get(_BR_TYPE) or "textWrapping") == "textWrapping" else ""
    return _FIXED_TEXT.get(tag, "")


def run_content(r: Any) -> tuple[str, Any | None]:
    """A run's text (python-docx's ``CT_R.text``) and its first ``w:rPr``, in one pass."""
    out = []
    rpr = None
    for e in r:
        tag = e.tag
        if tag == T:
            out.append(e.text or "")
        elif tag == BR:
            if (e.get(_BR_TYPE) or "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _FIXED_TEXT:
            out.append(_FIXED_TEXT[tag])
        elif tag == RPR and rpr is None:
            rpr = e
    return "".join(out), rpr


def visible(p: Any) -> Iterator[Any]:
    """The ``w:r`` elements of paragraph ``p`` a reader sees, and comment range marks, in order."""
    fields: list[bool] = []  # one entry per open complex field: True once past its separator
    yield from _walk(p, fields)


def _walk(el: Any, fields: list[bool]) -> Iterator[Any]:
    for child in el:
        tag = child.tag
        if tag == R:
            shown = all(fields)
            for fc in child.iterchildren(FLD_CHAR):
                kind = fc.get(_FLD_TYPE)
                if kind == "begin":
                    fields.append(False)
                elif kind == "separate" and fields:
                    fields[-1] = True
                elif kind == "end" and fields:
                    fields.pop()
                shown = shown and all(fields)
            if shown:
                yield child
        elif tag in _TRANSPARENT:
            yield from _walk(child, fields)
        elif tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _walk(content, fields)
        elif tag in ANCHORS:
            yield child


def text_of(p: Any) -> str:
    """The paragraph's text as a reader sees it (automatic numbers excluded)."""
    return "".join(run_content(r)[0] for r in visible(p) if r.tag == R)


def mark_deleted(p: Any) -> bool:
    """True when the paragraph mark itself is a tracked deletion."""
    ppr = child(p, PPR)
    if ppr is None:
        return False
    rpr = child(ppr, RPR)
    return rpr is not None and child(rpr, DEL) is not None


def child(el: Any, tag: str) -> Any | None:
    """First child with that tag, as ``el.find(tag)``: a plain loop costs a third of lxml's path machinery."""
    for c in el:
        if c.tag == tag:
            return c
    return None
