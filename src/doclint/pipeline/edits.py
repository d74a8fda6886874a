"""Machine-applicable fixes as plain string edits: pick the active ones, apply them to paragraph texts.

The .docx writer (outputs/fix.py) applies the same edits as tracked changes; plain text, the rule
examples and the re-check tests use :func:`apply_to_text` and :func:`apply_to_lines`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from doclint.findings import Edit, Finding

StoryKey = tuple[str, int | None, int | None, int | None, int]
"""Which paragraph an edit is in: part, table, row, cell, paragraph."""


def story_key(e: Edit) -> StoryKey:
    """The paragraph an edit belongs to."""
    return (e.part, e.table, e.row, e.cell, e.paragraph)


def chosen(findings: Iterable[Finding], select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Finding]:
    """Active findings with a fix, narrowed by rule id prefixes (``select`` empty: every rule)."""
    out = []
    for f in findings:
        if not f.fix or f.suppressed is not None:
            continue
        if select and not any(f.rule.startswith(p) for p in select):
            continue
        if any(f.rule.startswith(p) for p in ignore):
            continue
        out.append(f)
    return out


def by_paragraph(findings: Iterable[Finding]) -> dict[StoryKey, list[Edit]]:
    """The edits of these findings per paragraph, each list sorted by position (they never overlap)."""
    out: dict[StoryKey, list[Edit]] = {}
    for f in findings:
        for e in f.fix or ():
            out.setdefault(story_key(e), []).append(e)
    for edits in out.values():
        edits.sort(key=lambda e: (e.start, e.end))
    return out


def apply_to_text(text: str, edits: Sequence[Edit]) -> str:
    """``text`` with the edits (sorted, non-overlapping) applied; an edit outside the text is skipped."""
    out: list[str] = []
    pos = 0
    for e in edits:
        if e.start < pos or e.end > len(text):
            continue
        out.append(text[pos:e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def apply_to_lines(lines: Sequence[str], findings: Iterable[Finding]) -> list[str]:
    """Plain-text input (one paragraph per line, part ``body``) with the findings' fixes applied."""
    edits = by_paragraph(findings)
    return [apply_to_text(line, edits.get(("body", None, None, None, i), [])) for i, line in enumerate(lines)]


def minimal(start: int, old: str, new: str) -> list[tuple[int, int, str]]:
    """The smallest edits turning ``old`` (at ``start``) into ``new``, so a reviewer sees ``止→至``
    rather than the whole word retyped: character-level opcodes of difflib, equal stretches left out."""
    if not old or not new:
        return [(start, start + len(old), new)]
    from difflib import SequenceMatcher

    out = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((start + i1, start + i2, new[j1:j2]))
    return out
