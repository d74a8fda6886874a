"""Return a draft with the findings as Word comments (批注) on the offending text.

Each located finding becomes a comment anchored on exactly ``paragraph.text[start:end]``
(the text a reader sees, the contract's offsets): runs are split at the offsets, each half
keeping a deep copy of the run's properties, and the span is wrapped in
``w:commentRangeStart`` / ``w:commentRangeEnd`` followed by a ``w:commentReference`` run.
Paragraphs and runs are found by the reader's own walk (:mod:`doclint.model.stories`,
:mod:`doclint.model.inline`): runs in content controls, insertions, hyperlinks, simple fields
and field results count, deletions do not; findings in tables and text boxes are anchored
there. A finding on an automatic list number (no offsets) covers its paragraph. The paragraph
texts are unchanged, so later findings' offsets stay valid. Findings without a paragraph
(margins, length, a missing element) go into one comment on the title. Each ``（规则：<id>）`` in a
comment links to the rule's section of the generated rules reference (an external hyperlink of
the comments part). The input bytes are never modified: the package is parsed into new objects and saved to new bytes.

Other stories. Word offers no comment in a header or footer, so a finding there is its own
comment on the first body paragraph, its text naming the story and quoting it (“页眉 第1段 第1字
“…”：…”). Word does allow a comment inside a footnote or endnote, but LibreOffice (checked with 7.4)
refuses to load a file with a ``w:commentReference`` anywhere in footnotes.xml/endnotes.xml (with or
without a range, in its own run or not; a range without a reference loads but shows no comment), so
a note's finding is anchored on the note's reference mark in the text, named and quoted the same way.
A note that no reference mark calls goes into the comment on the title.

The draft is read exactly as ``check`` reads it (``model/docx_reader.py`` first, then the same
package reader with the same budget and the same hardened parser), so a file either gets both
a verdict and an annotated copy or neither. Only the main part, the comments part, their
relationships and the content types are rewritten (``outputs/package_writer.py``); every other
member is copied as stored, never inflated.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from doclint.errors import UnreadableDocument
from doclint.findings import FileReport, Finding
from doclint.model import stories
from doclint.model.package import PackagePart
from doclint.outputs import runs
from doclint.outputs.reporters.text import location_label

__all__ = ["AUTHOR", "INITIALS", "annotate", "annotate_file", "annotated_path", "comment_text", "rule_links"]

AUTHOR = "doclint"
INITIALS = "DL"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def qn(tag: str) -> str:
    """Clark notation of a ``w:`` name (the only prefix used here)."""
    return f"{{{W_NS}}}{tag.partition(':')[2]}"


def _w(tag: str, **attrs: str) -> Any:
    """A new ``w:`` element (the ``w`` prefix is reused from the document when inserted)."""
    return etree.Element(qn(tag), {qn(f"w:{k}"): v for k, v in attrs.items()}, nsmap={"w": W_NS})


_W_RPR = qn("w:rPr")
_W_P = qn("w:p")
_W_ID = qn("w:id")
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_NO_COMMENTS = ("header", "footer")  # Word offers no comment in a header or footer
_NOTES = ("footnote", "endnote")
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_END_PUNCT = "。！？；…"


def comment_text(f: Finding) -> str:
    """【错误】message。建议：suggestion（规则：id）."""
    text = f"【{f.severity.label}】{f.message}"
    if f.suggestion:
        if not text.endswith(tuple(_END_PUNCT)):
            text += "。"
        text += f"建议：{f.suggestion}"
    return f"{text}（规则：{f.rule}）"


def _story_note(f: Finding) -> str:
    """A comment for a finding anchored away from its text: the story, the place and the text quoted."""
    quote = f"“{f.excerpt.strip()}”" if f.excerpt and f.excerpt.strip() else ""
    return f"{location_label(f)}{quote}：{comment_text(f)}"


def rule_links(findings: Sequence[Finding]) -> dict[str, str]:
    """Rule id -> its section of the rules reference (``doclint.rules.docs.help_uri``); the comment
    links each ``规则：<id>`` there. Empty when the reference is not installed."""
    from doclint.rules.docs import help_uri

    links = {}
    for f in findings:
        uri = help_uri(f.rule) if f.rule not in links else None
        if uri is not None:
            links[f.rule] = uri
    return links


def _document_note(findings: Sequence[Finding]) -> str:
    lines = ["全文问题："]
    for i, f in enumerate(findings, 1):
        where = "" if f.location.part == "document" else f"［{location_label(f)}］"
        lines.append(f"{i}．{where}{comment_text(f)}")
    return "\n".join(lines)


# -- run arithmetic -------------------------------------------------------------------------


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
        last_p = runs.elements(p)[-1]
        last_p.append(range_start)
        last_p.append(range_end)
        last_p.append(reference)
        return
    runs.boundary(p, start)
    runs.boundary(p, end)
    spans = runs.spans(p)
    first = next(s.run for s in spans if s.start == start)
    last = next(s.run for s in spans if s.end == end)
    first.addprevious(range_start)
    last.addnext(range_end)
    # The reference run goes after the range end, outside any wrapper (a hyperlink, a content
    # control, an insertion) so it is not part of the link or the control.
    # A paragraph merged from several w:p (a deleted mark) may end the range in a later one.
    holder = range_end
    while (parent := holder.getparent()) is not None and parent.tag != _W_P:
        holder = parent
    holder.addnext(reference)


# -- locating paragraphs (the reader's own walk: doclint.model.stories) ----------------------


def _body_paragraphs(body: Any) -> list[Any]:
    return stories.body_blocks(body)[0]


def _paragraph_for(body: Any, f: Finding) -> Any | None:
    loc = f.location
    if loc.paragraph is None:
        return None
    paras: list[Any] | None = None
    if loc.part in ("body", "attachment"):
        paras = _body_paragraphs(body)
    elif loc.part == "textbox":
        paras = stories.textbox_paragraphs(body)
    elif loc.part == "table" and None not in (loc.table, loc.row, loc.cell):
        return runs.table_group(body, loc.table or 0, loc.row or 0, loc.cell or 0, loc.paragraph)
    if paras is None:
        return None  # other stories are placed by annotate()
    return paras[loc.paragraph] if 0 <= loc.paragraph < len(paras) else None


def _span_of(p: Any, f: Finding) -> tuple[int, int] | None:
    """The offsets to anchor on, or None when they do not fit the paragraph (a stale report)."""
    length = sum(s.end - s.start for s in runs.spans(p))
    start, end = f.location.start, f.location.end
    if start is None or end is None:
        return 0, length
    if not 0 <= start <= end <= length:
        return None
    if start == end:  # a zero-width finding marks the character before (or after) the point
        return (start - 1, start) if start > 0 else (0, min(1, length))
    return start, end


def _title_paragraph(body: Any) -> Any:
    """The first body paragraph with text (a new empty one at the top when the body has none)."""
    paras = _body_paragraphs(body)
    for p in paras:
        if stories.group_text(p).strip():
            return p
    if paras:
        return paras[0]
    title = _w("w:p")
    body.insert(0, title)
    return (title,)


def _anchor_whole(p: Any, comment_id: int) -> None:
    _anchor(p, 0, sum(s.end - s.start for s in runs.spans(p)), comment_id)


class _NoteMarks:
    """The reference mark (``w:r`` holding ``w:footnoteReference``/``w:endnoteReference``) that calls the
    note holding a paragraph of the footnote or endnote story."""

    def __init__(self, main: PackagePart, root: Any) -> None:
        self.main = main
        self.root = root
        self._paragraph_notes: dict[str, list[str | None]] = {}

    def _note_ids(self, kind: str) -> list[str | None]:
        if kind not in self._paragraph_notes:
            reltype = stories.RT_FOOTNOTES if kind == "footnote" else stories.RT_ENDNOTES
            try:
                notes = self.main.part_related_by(reltype).element
            except (KeyError, etree.XMLSyntaxError):  # no part, or one the reader read as absent
                notes = None
            ids: list[str | None] = []
            if notes is not None:
                for group in stories.note_paragraphs(notes, kind):
                    note = next(group[0].iterancestors(qn(f"w:{kind}")), None)
                    ids.append(note.get(_W_ID) if note is not None else None)
            self._paragraph_notes[kind] = ids
        return self._paragraph_notes[kind]

    def mark(self, f: Finding) -> Any | None:
        kind, index = f.location.part, f.location.paragraph
        ids = self._note_ids(kind)
        if index is None or not 0 <= index < len(ids) or ids[index] is None:
            return None
        for ref in self.root.iter(qn(f"w:{kind}Reference")):
            run = ref.getparent()
            if (ref.get(_W_ID) == ids[index] and run is not None and run.tag == qn("w:r")
                    and not any(a.tag == _MC_FALLBACK for a in ref.iterancestors())):
                return run
        return None


def _anchor_run(run: Any, comment_id: int) -> None:
    """Comment range marks around one run (a note's reference mark), the reference run after it."""
    cid = str(comment_id)
    run.addprevious(_w("w:commentRangeStart", id=cid))
    range_end = _w("w:commentRangeEnd", id=cid)
    run.addnext(range_end)
    holder = range_end
    while (parent := holder.getparent()) is not None and parent.tag != qn("w:p"):
        holder = parent
    holder.addnext(_reference_run(comment_id))


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
        marks = _NoteMarks(package.main, package.root)
        unplaced: list[Finding] = []
        elsewhere: list[Finding] = []  # headers and footers: commented on the title, each on its own
        for f in report.findings:
            part = f.location.part
            if part in _NO_COMMENTS and f.location.paragraph is not None:
                elsewhere.append(f)
                continue
            if part in _NOTES:
                mark = marks.mark(f)
                if mark is None:
                    unplaced.append(f)
                else:
                    _anchor_run(mark, package.add_comment(_story_note(f), AUTHOR, INITIALS, rule_links([f])))
                continue
            p = _paragraph_for(body, f)
            span = _span_of(p, f) if p is not None else None
            if p is None or span is None:
                unplaced.append(f)
                continue
            _anchor(p, span[0], span[1], package.add_comment(comment_text(f), AUTHOR, INITIALS, rule_links([f])))
        if elsewhere or unplaced:
            title = _title_paragraph(body)
            for f in elsewhere:
                _anchor_whole(title, package.add_comment(_story_note(f), AUTHOR, INITIALS, rule_links([f])))
            if unplaced:
                _anchor_whole(title, package.add_comment(_document_note(unplaced), AUTHOR, INITIALS, rule_links(unplaced)))
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
