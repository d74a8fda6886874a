"""Write a draft's machine-applicable fixes back into a copy: tracked changes in a .docx, corrected text
for .txt/.md.

Each text fix becomes a Word revision the drafter accepts or rejects in 审阅: the old text moves into
``w:del`` (its ``w:t`` become ``w:delText``) and the new text follows in ``w:ins``, both with author
“doclint” and a timestamp. Runs are split at the edit's offsets with both halves keeping their
properties, and the inserted run copies the properties of the text it replaces. ``track=False``
applies the edits directly. Edits are applied last-first within a paragraph, so earlier offsets stay
valid; a paragraph whose text no longer matches the report (a stale report) is left alone, and so is
text inside a field (Word rebuilds field results); their findings are returned as skipped. The input
bytes are never modified. Layout fixes live in ``outputs/fix_layout.py``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import msgspec
from docx.oxml.ns import qn

from doclint.findings import Edit, Finding
from doclint.model.document import Document
from doclint.outputs.runs import W_R, W_RPR, XML_SPACE, boundary, paragraph_at, paragraph_text, run_len, spans, text_runs
from doclint.pipeline.edits import StoryKey, by_paragraph, story_key

if TYPE_CHECKING:
    from doclint.outputs.fix_layout import LayoutPlan

__all__ = ["AUTHOR", "FixResult", "accept_all", "apply_edit", "diff_text", "fix_docx", "fix_text"]

AUTHOR = "doclint"

_W_ID = qn("w:id")
_W_AUTHOR = qn("w:author")
_W_DATE = qn("w:date")
_W_T = qn("w:t")
_W_DEL_TEXT = qn("w:delText")
_W_INSTR = qn("w:instrText")
_W_DEL_INSTR = qn("w:delInstrText")
_W_DEL = qn("w:del")
_W_FLD_CHAR = qn("w:fldChar")
_W_FLD_TYPE = qn("w:fldCharType")
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


class FixResult(msgspec.Struct, frozen=True):
    """The fixed copy and what went into it: ``applied`` findings had every edit written; ``skipped``
    ones could not be placed (a stale report, a story the writer does not edit); ``layout`` lists the
    layout changes made (``--layout``), one Chinese line each."""

    data: bytes
    applied: tuple[Finding, ...] = ()
    skipped: tuple[Finding, ...] = ()
    layout: tuple[str, ...] = ()


class Revisions:
    """Revision marks of one package: unique ids, one author and one timestamp."""

    def __init__(self, root: Any, author: str = AUTHOR, when: dt.datetime | None = None) -> None:
        used = [int(v) for el in root.iter() if (v := el.get(_W_ID)) is not None and v.isdigit()]
        self.next_id = max(used, default=0) + 1
        self.author = author
        stamp = when or dt.datetime.now(dt.timezone.utc)
        self.date = stamp.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

    def mark(self, tag: str) -> Any:
        """A new ``w:ins``/``w:del``/``w:*PrChange`` element with id, author and date."""
        from docx.oxml import OxmlElement

        el = OxmlElement(tag, attrs={_W_ID: str(self.next_id), _W_AUTHOR: self.author, _W_DATE: self.date})
        self.next_id += 1
        return el


def _new_run(model: Any | None, text: str) -> Any:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    if model is not None:
        rpr = model.find(W_RPR)
        if rpr is not None:
            r.append(_copy(rpr))
    t = OxmlElement("w:t")
    t.text = _XML_INVALID.sub("", text)
    t.set(XML_SPACE, "preserve")
    r.append(t)
    return r


def _copy(el: Any) -> Any:
    import copy

    return copy.deepcopy(el)


def _as_deleted(r: Any) -> None:
    """A run's text becomes deleted text (Word shows it struck through until accepted)."""
    for el in r:
        if el.tag == _W_T:
            el.tag = _W_DEL_TEXT
        elif el.tag == _W_INSTR:
            el.tag = _W_DEL_INSTR


def apply_edit(p: Any, e: Edit, marks: Revisions | None) -> None:
    """Replace ``text[e.start:e.end]`` of paragraph ``p`` (tracked when ``marks`` is given)."""
    boundary(p, e.start)
    boundary(p, e.end)
    pieces = spans(p)
    inside = [s.run for s in pieces if e.start <= s.start and s.end <= e.end]
    before = next((s.run for s in pieces if s.end == e.start), None)
    after = next((s.run for s in pieces if s.start == e.start), None)
    model = inside[0] if inside else (before if before is not None else after)
    new = _new_run(model, e.replacement) if e.replacement else None
    if marks is None:
        if inside:
            if new is not None:
                inside[0].addprevious(new)
            for r in inside:
                r.getparent().remove(r)
        elif new is not None:
            _place(p, new, before, after)
        return
    wrapper: Any = None
    for r in inside:  # consecutive runs share one w:del
        if wrapper is None or r.getprevious() is not wrapper:
            wrapper = marks.mark("w:del")
            r.addprevious(wrapper)
        wrapper.append(r)
        _as_deleted(r)
    if new is None:
        return
    ins = marks.mark("w:ins")
    ins.append(new)
    if wrapper is not None:
        wrapper.addnext(ins)
    else:
        _place(p, ins, before, after)


def _place(p: Any, new: Any, before: Any | None, after: Any | None) -> None:
    """Put a pure insertion after the run ending at its offset, else before the one starting there."""
    if before is not None:
        before.addnext(new)
    elif after is not None:
        after.addprevious(new)
    else:
        p.append(new)


def field_spans(p: Any) -> list[tuple[int, int]]:
    """Offsets of text inside complex fields (between ``begin`` and ``end``: codes and results). Word
    rebuilds a field's result when it updates it, so a fix there is left to the drafter."""
    out: list[tuple[int, int]] = []
    depth = 0
    pos = 0
    # The reader hides field codes: walk every run, count the shown ones. The list keeps the shown
    # runs' proxies alive, so lxml hands the same objects to p.iter and their ids stay valid.
    shown_runs = text_runs(p)
    shown = {id(r) for r in shown_runs}
    for r in p.iter(W_R):
        for el in r.iter(_W_FLD_CHAR):
            kind = el.get(_W_FLD_TYPE)
            depth += 1 if kind == "begin" else -1 if kind == "end" and depth else 0
        if id(r) not in shown:
            continue
        n = run_len(r)
        if depth and n:
            out.append((pos, pos + n))
        pos += n
    return out


def _expected_texts(document: Document | None) -> dict[StoryKey, str] | None:
    if document is None:
        return None
    out: dict[StoryKey, str] = {("body", None, None, None, p.index): p.text for p in document.paragraphs}
    for tp in document.table_paragraphs():
        out[("table", tp.table, tp.row, tp.cell, tp.index)] = tp.text
    return out


def fix_docx(source: bytes, findings: Iterable[Finding], *, track: bool = True, document: Document | None = None,
             author: str = AUTHOR, when: dt.datetime | None = None, layout: LayoutPlan | None = None) -> FixResult:
    """A copy of the .docx ``source`` with the findings' fixes written as tracked changes (or applied
    directly when ``track`` is false). ``document`` is the model the findings were made from: a
    paragraph whose text differs from it is not edited. ``layout`` (profile and located parts) also
    applies the layout fixes of ``outputs/fix_layout.py``. Raises UnreadableDocument for an unreadable
    draft."""
    from doclint.outputs.runs import open_docx

    doc = open_docx(source)
    body = doc.element.body
    marks = Revisions(doc.element, author, when)
    expected = _expected_texts(document)
    wanted = [f for f in findings if f.fix]
    paras: dict[StoryKey, Any] = {}
    fields: dict[StoryKey, list[tuple[int, int]]] = {}
    for key, edits in by_paragraph(wanted).items():
        part, table, row, cell, index = key
        p = paragraph_at(body, part, index, table, row, cell)
        text = paragraph_text(p) if p is not None else None
        if text is None or (expected is not None and expected.get(key) != text) or edits[-1].end > len(text):
            continue  # a stale report or a story this writer does not edit
        paras[key] = p
        fields[key] = field_spans(p)

    def placeable(e: Edit) -> bool:
        key = story_key(e)
        return key in paras and not any(s < e.end and e.start < t for s, t in fields[key])

    applied = tuple(f for f in wanted if all(placeable(e) for e in f.fix or ()))
    skipped = tuple(f for f in wanted if f not in applied)
    for key, edits in by_paragraph(applied).items():
        for e in reversed(edits):
            apply_edit(paras[key], e, marks if track else None)
    changes: tuple[str, ...] = ()
    if layout is not None:
        from doclint.outputs.fix_layout import fix_layout

        changes = tuple(fix_layout(doc, layout, marks if track else None, document))
    buf = io.BytesIO()
    doc.save(buf)
    return FixResult(buf.getvalue(), applied, skipped, changes)


_LINE = re.compile(r"(\r\n|\r|\n)")


def fix_text(data: bytes, findings: Iterable[Finding]) -> FixResult:
    """Plain text (.txt, .md) with the fixes applied, in its own encoding and line endings."""
    from doclint.model.text_reader import decode_text
    from doclint.pipeline.edits import apply_to_text

    text, encoding = decode_text(data)
    wanted = [f for f in findings if f.fix]
    groups = by_paragraph(wanted)
    pieces = _LINE.split(text)  # line, ending, line, ending, …
    for (_part, _t, _r, _c, index), edits in groups.items():
        k = 2 * index
        if k < len(pieces):
            pieces[k] = apply_to_text(pieces[k], edits)
    out = "".join(pieces)
    codec = {"utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "utf-16": "utf-16"}.get(encoding, "utf-8")
    try:
        payload = out.encode(codec)
    except UnicodeEncodeError:
        payload = out.encode("utf-8")
    return FixResult(payload, tuple(wanted))


def diff_text(name: str, before: bytes, after: bytes) -> str:
    """A unified diff of plain text before and after its fixes (``doclint fix --diff``)."""
    from difflib import unified_diff

    from doclint.model.text_reader import decode_text

    a = decode_text(before)[0].splitlines(keepends=True)
    b = decode_text(after)[0].splitlines(keepends=True)
    return "".join(unified_diff(a, b, fromfile=f"a/{name}", tofile=f"b/{name}"))


def accept_all(source: bytes) -> bytes:
    """A copy with every tracked change accepted (insertions kept, deletions dropped, formatting
    changes' old properties discarded): what Word's “接受所有修订” gives, for re-checking a fixed copy."""
    from doclint.outputs.runs import open_docx

    doc = open_docx(source)
    roots = [doc.element] + [rel.target_part.element for rel in doc.part.rels.values()
                             if not rel.is_external and hasattr(rel.target_part, "element")]
    for root in roots:
        _accept(root)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _accept(root: Any) -> None:
    for tag in ("w:del", "w:moveFrom"):
        for el in list(root.iter(qn(tag))):
            if el.getparent() is not None and el.getparent().tag != qn("w:rPr"):
                el.getparent().remove(el)
    for tag in ("w:rPrChange", "w:pPrChange", "w:sectPrChange", "w:tblPrChange", "w:trPrChange", "w:tcPrChange"):
        for el in list(root.iter(qn(tag))):
            el.getparent().remove(el)
    for tag in ("w:ins", "w:moveTo"):
        for el in list(root.iter(qn(tag))):
            parent = el.getparent()
            if parent is None or parent.tag == qn("w:rPr"):  # a paragraph mark's insertion flag
                if parent is not None:
                    parent.remove(el)
                continue
            for child in list(el):
                el.addprevious(child)
            parent.remove(el)
