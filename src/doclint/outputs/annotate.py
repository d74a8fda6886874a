"""Return a draft with the findings as Word comments (批注) on the offending text.

Each located finding becomes a comment anchored on exactly ``paragraph.text[start:end]``
(python-docx's ``Paragraph.text``, the contract's offsets): runs are split at the offsets,
each half keeping a deep copy of the run's properties, and the span is wrapped in
``w:commentRangeStart`` / ``w:commentRangeEnd`` followed by a ``w:commentReference`` run.
Runs inside hyperlinks count, as in ``Paragraph.text``; tabs, breaks and other run content
count as the characters python-docx gives them. The paragraph texts are unchanged, so
later findings' offsets stay valid. Findings without a paragraph (margins, length, a
missing element, headers and footers) go into one comment on the title. The input bytes
are never modified: the package is parsed into new objects and saved to new bytes.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from docx.oxml.ns import qn

from doclint.errors import UnreadableDocument
from doclint.findings import FileReport, Finding
from doclint.outputs.reporters.text import location_label
from doclint.outputs.runs import body_paragraphs, boundary, open_docx, paragraph_at, paragraph_text, spans

__all__ = ["AUTHOR", "INITIALS", "annotate", "annotate_file", "annotated_path", "comment_text"]

AUTHOR = "doclint"
INITIALS = "DL"

_END_PUNCT = "。！？；…"


def comment_text(f: Finding) -> str:
    """【错误】message。建议：suggestion（规则：id）."""
    text = f"【{f.severity.label}】{f.message}"
    if f.suggestion:
        if not text.endswith(tuple(_END_PUNCT)):
            text += "。"
        text += f"建议：{f.suggestion}"
    return f"{text}（规则：{f.rule}）"


def _document_note(findings: Sequence[Finding]) -> str:
    lines = ["全文问题："]
    for i, f in enumerate(findings, 1):
        where = "" if f.location.part == "document" else f"［{location_label(f)}］"
        lines.append(f"{i}．{where}{comment_text(f)}")
    return "\n".join(lines)


def _reference_run(comment_id: int) -> Any:
    from docx.oxml import OxmlElement

    r = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:rStyle", attrs={qn("w:val"): "CommentReference"}))
    r.append(rpr)
    r.append(OxmlElement("w:commentReference", attrs={qn("w:id"): str(comment_id)}))
    return r


def _anchor(p: Any, start: int, end: int, comment_id: int) -> None:
    """Wrap ``Paragraph.text[start:end]`` of paragraph element ``p`` in comment range marks."""
    from docx.oxml import OxmlElement

    cid = str(comment_id)
    range_start = OxmlElement("w:commentRangeStart", attrs={qn("w:id"): cid})
    range_end = OxmlElement("w:commentRangeEnd", attrs={qn("w:id"): cid})
    reference = _reference_run(comment_id)
    if start >= end:  # an empty paragraph: a point comment at its end
        p.append(range_start)
        p.append(range_end)
        p.append(reference)
        return
    boundary(p, start)
    boundary(p, end)
    pieces = spans(p)
    first = next(s.run for s in pieces if s.start == start)
    last = next(s.run for s in pieces if s.end == end)
    first.addprevious(range_start)
    last.addnext(range_end)
    # The reference run goes after the range end, outside a hyperlink so it is not part of the link.
    parent = range_end.getparent()
    holder = range_end if parent is None or parent is p else parent
    holder.addnext(reference)


def _span_of(p: Any, f: Finding) -> tuple[int, int] | None:
    """The offsets to anchor on, or None when they do not fit the paragraph (a stale report)."""
    length = sum(s.end - s.start for s in spans(p))
    start, end = f.location.start, f.location.end
    if start is None or end is None:
        return 0, length
    if not 0 <= start <= end <= length:
        return None
    if start == end:  # a zero-width finding marks the character before (or after) the point
        return (start - 1, start) if start > 0 else (0, min(1, length))
    return start, end


def _title_paragraph(body: Any) -> Any | None:
    paras = body_paragraphs(body)
    for p in paras:
        if paragraph_text(p).strip():
            return p
    return paras[0] if paras else None


# -- public API -----------------------------------------------------------------------------


def annotate(source: bytes, report: FileReport) -> bytes:
    """A copy of the .docx ``source`` with each finding of ``report`` as a Word comment.

    Raises :class:`UnreadableDocument` when ``source`` cannot be read as a .docx.
    """
    doc = open_docx(source)
    body = doc.element.body
    unplaced: list[Finding] = []
    for f in report.findings:
        loc = f.location
        p = paragraph_at(body, loc.part, loc.paragraph, loc.table, loc.row, loc.cell)
        span = _span_of(p, f) if p is not None else None
        if p is None or span is None:
            unplaced.append(f)
            continue
        comment = doc.comments.add_comment(text=comment_text(f), author=AUTHOR, initials=INITIALS)
        _anchor(p, span[0], span[1], comment.comment_id)
    if unplaced:
        title = _title_paragraph(body)
        if title is None:
            from docx.oxml import OxmlElement

            title = OxmlElement("w:p")
            body.insert(0, title)
        comment = doc.comments.add_comment(text=_document_note(unplaced), author=AUTHOR, initials=INITIALS)
        length = sum(s.end - s.start for s in spans(title))
        _anchor(title, 0, length, comment.comment_id)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def annotated_path(source: str | Path, out_dir: str | Path) -> Path:
    """Where ``--annotate-dir`` puts the annotated copy: ``DIR/<stem>（批注）.docx``."""
    src = Path(source)
    return Path(out_dir) / f"{src.stem}（批注）{src.suffix or '.docx'}"


def annotate_file(source: str | Path, report: FileReport, out: str | Path, *, force: bool = False) -> Path:
    """Annotate the draft at ``source`` into ``out`` atomically; the draft itself is never written.

    Raises :class:`~doclint.errors.OutputExistsError` when ``out`` exists (unless ``force``)
    or is the draft, and :class:`UnreadableDocument` when the draft cannot be read.
    """
    from doclint.outputs.atomic import write_atomic

    src = Path(source)
    try:
        data = src.read_bytes()
    except OSError as exc:
        raise UnreadableDocument("unreadable", f"文件无法读取：{exc.strerror or exc}") from None
    return write_atomic(out, annotate(data, report), force=force, protect=src)
