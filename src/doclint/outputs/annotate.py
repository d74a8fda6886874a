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

The draft is read exactly as ``check`` reads it (``model/docx_reader.py`` first, then the same
package reader with the same budget and the same hardened parser), so a file either gets both
a verdict and an annotated copy or neither. Only the main part, the comments part, their
relationships and the content types are rewritten (``outputs/package_writer.py``); every other
member is copied as stored, never inflated.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import msgspec
from lxml import etree

from doclint.errors import UnreadableDocument
from doclint.findings import FileReport, Finding
from doclint.outputs.reporters.text import location_label

__all__ = ["AUTHOR", "INITIALS", "annotate", "annotate_file", "annotated_path", "comment_text"]

AUTHOR = "doclint"
INITIALS = "DL"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS = {"w": W_NS}


def qn(tag: str) -> str:
    """Clark notation of a ``w:`` name (the only prefix used here)."""
    return f"{{{W_NS}}}{tag.partition(':')[2]}"


def _w(tag: str, **attrs: str) -> Any:
    """A new ``w:`` element (the ``w`` prefix is reused from the document when inserted)."""
    return etree.Element(qn(tag), {qn(f"w:{k}"): v for k, v in attrs.items()}, nsmap={"w": W_NS})


_W_R = qn("w:r")
_W_T = qn("w:t")
_W_HYPERLINK = qn("w:hyperlink")
_W_RPR = qn("w:rPr")
_W_PPR = qn("w:pPr")
_W_ID = qn("w:id")
_W_BR = qn("w:br")
_FIXED_TEXT = {qn("w:cr"): "\n", qn("w:noBreakHyphen"): "-", qn("w:ptab"): "\t", qn("w:tab"): "\t"}
_BR_TYPE = qn("w:type")
_TEXT_TAGS = frozenset((_W_T, _W_BR, *_FIXED_TEXT))
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
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


# -- run arithmetic -------------------------------------------------------------------------


def _piece_text(el: Any) -> str:
    """What a run child adds to python-docx's ``Paragraph.text`` (as ``model/docx_reader.py`` reads it)."""
    tag = el.tag
    if tag == _W_T:
        return str(el.text or "")
    if tag == _W_BR:
        return "\n" if (el.get(_BR_TYPE) or "textWrapping") == "textWrapping" else ""
    return _FIXED_TEXT.get(tag, "")


def _piece_len(el: Any) -> int:
    """Characters a run child adds to the paragraph text."""
    return len(_piece_text(el)) if el.tag in _TEXT_TAGS else 0


def _run_len(r: Any) -> int:
    return sum(_piece_len(el) for el in r)


def _text_runs(p: Any) -> Iterator[Any]:
    """The ``w:r`` elements that make up ``Paragraph.text``, in order (hyperlinks included)."""
    for el in p:
        if el.tag == _W_R:
            yield el
        elif el.tag == _W_HYPERLINK:
            yield from el.iterchildren(_W_R)


class _RunSpan(msgspec.Struct, frozen=True):
    """Where one text run sits in its paragraph's text."""

    run: Any
    start: int
    end: int


def _spans(p: Any) -> list[_RunSpan]:
    out: list[_RunSpan] = []
    pos = 0
    for r in _text_runs(p):
        n = _run_len(r)
        if n:
            out.append(_RunSpan(r, pos, pos + n))
            pos += n
    return out


def _split_run(r: Any, k: int) -> Any:
    """Split run ``r`` after ``k`` characters; ``r`` keeps the head, the returned copy the tail."""
    tail = copy.deepcopy(r)  # keeps w:rPr and the run's attributes
    seen = 0
    head_children = [el for el in r if el.tag != _W_RPR]
    tail_children = [el for el in tail if el.tag != _W_RPR]
    for h, t in zip(head_children, tail_children, strict=True):
        n = _piece_len(h)
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
            h.set(_XML_SPACE, "preserve")
            t.set(_XML_SPACE, "preserve")
        seen += n
    r.addnext(tail)
    return tail


def _boundary(p: Any, offset: int) -> None:
    """Make ``offset`` fall between two runs (split the run containing it)."""
    for s in _spans(p):
        if s.start < offset < s.end:
            _split_run(s.run, offset - s.start)
            return


def _reference_run(comment_id: int) -> Any:
    r = _w("w:r")
    rpr = etree.SubElement(r, qn("w:rPr"))
    etree.SubElement(rpr, qn("w:rStyle"), {qn("w:val"): "CommentReference"})
    etree.SubElement(r, qn("w:commentReference"), {qn("w:id"): str(comment_id)})
    return r


def _anchor(p: Any, start: int, end: int, comment_id: int) -> None:
    """Wrap ``Paragraph.text[start:end]`` of paragraph element ``p`` in comment range marks."""
    cid = str(comment_id)
    range_start = _w("w:commentRangeStart", id=cid)
    range_end = _w("w:commentRangeEnd", id=cid)
    reference = _reference_run(comment_id)
    if start >= end:  # an empty paragraph: a point comment at its end
        p.append(range_start)
        p.append(range_end)
        p.append(reference)
        return
    _boundary(p, start)
    _boundary(p, end)
    spans = _spans(p)
    first = next(s.run for s in spans if s.start == start)
    last = next(s.run for s in spans if s.end == end)
    first.addprevious(range_start)
    last.addnext(range_end)
    # The reference run goes after the range end, outside a hyperlink so it is not part of the link.
    parent = range_end.getparent()
    holder = range_end if parent is None or parent is p else parent
    holder.addnext(reference)


# -- locating paragraphs (mirrors doclint.model.docx_reader) ---------------------------------


def _body_paragraphs(body: Any) -> list[Any]:
    return list(body.iterchildren(qn("w:p")))


def _table_paragraph(body: Any, table: int, row: int, cell: int, paragraph: int) -> Any | None:
    tables = list(body.iterchildren(qn("w:tbl")))
    if not 0 <= table < len(tables):
        return None
    rows = tables[table].xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr", namespaces=_NS)
    if not 0 <= row < len(rows):
        return None
    cells = []
    for tc in rows[row].xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc", namespaces=_NS):
        vmerge = tc.xpath("./w:tcPr/w:vMerge", namespaces=_NS)
        if vmerge and (vmerge[0].get(qn("w:val")) or "continue") != "restart":
            continue
        cells.append(tc)
    if not 0 <= cell < len(cells):
        return None
    paras = [p for p in cells[cell].iter(qn("w:p")) if not any(a.tag == _MC_FALLBACK for a in p.iterancestors())]
    return paras[paragraph] if 0 <= paragraph < len(paras) else None


def _paragraph_for(body: Any, f: Finding) -> Any | None:
    loc = f.location
    if loc.paragraph is None:
        return None
    if loc.part == "body":
        paras = _body_paragraphs(body)
        return paras[loc.paragraph] if 0 <= loc.paragraph < len(paras) else None
    if loc.part == "table" and None not in (loc.table, loc.row, loc.cell):
        return _table_paragraph(body, loc.table or 0, loc.row or 0, loc.cell or 0, loc.paragraph)
    return None  # headers, footers, footnotes: listed on the title


def _span_of(p: Any, f: Finding) -> tuple[int, int] | None:
    """The offsets to anchor on, or None when they do not fit the paragraph (a stale report)."""
    length = sum(s.end - s.start for s in _spans(p))
    start, end = f.location.start, f.location.end
    if start is None or end is None:
        return 0, length
    if not 0 <= start <= end <= length:
        return None
    if start == end:  # a zero-width finding marks the character before (or after) the point
        return (start - 1, start) if start > 0 else (0, min(1, length))
    return start, end


def _title_paragraph(body: Any) -> Any | None:
    paras = _body_paragraphs(body)
    for p in paras:
        if "".join(_piece_text(el) for r in _text_runs(p) for el in r).strip():
            return p
    return paras[0] if paras else None


# -- public API -----------------------------------------------------------------------------


def annotate(source: bytes, report: FileReport) -> bytes:
    """A copy of the .docx ``source`` with each finding of ``report`` as a Word comment.

    Raises :class:`UnreadableDocument` when ``source`` cannot be read as a .docx (exactly when
    ``check`` reports it unreadable).
    """
    from doclint.outputs.package_writer import CommentedPackage

    if report.verdict == "unreadable":  # one reading: no copy for a file check could not finish
        error = report.error
        raise UnreadableDocument(error.code if error else "unreadable", error.message if error else "文件无法读取")
    if report.converted_from:  # checked through LibreOffice's .docx of it: annotate that one
        from doclint.model.convert import to_docx

        source = to_docx(source, report.converted_from)
    with CommentedPackage.open(source) as package:
        body = package.body
        unplaced: list[Finding] = []
        for f in report.findings:
            p = _paragraph_for(body, f)
            span = _span_of(p, f) if p is not None else None
            if p is None or span is None:
                unplaced.append(f)
                continue
            _anchor(p, span[0], span[1], package.add_comment(comment_text(f), AUTHOR, INITIALS))
        if unplaced:
            title = _title_paragraph(body)
            if title is None:
                title = _w("w:p")
                body.insert(0, title)
            cid = package.add_comment(_document_note(unplaced), AUTHOR, INITIALS)
            length = sum(s.end - s.start for s in _spans(title))
            _anchor(title, 0, length, cid)
        return package.save()


def annotated_path(source: str | Path, out_dir: str | Path) -> Path:
    """Where ``--annotate-dir`` puts the annotated copy: ``DIR/<stem>（批注）.docx``."""
    src = Path(source)
    suffix = src.suffix if src.suffix.lower() in (".docx", ".docm") else ".docx"  # a converted .doc gives a .docx
    return Path(out_dir) / f"{src.stem}（批注）{suffix}"


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
