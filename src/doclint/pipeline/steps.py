"""The named steps after the checkers ran: mask, protect, findings (with severity overrides),
waive, dedupe and order, verdict. Each is a plain function, so the pipeline reads as its steps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import msgspec

from doclint.anatomy.parts import MASK
from doclint.findings import Category, Edit, Finding, Location, Severity, verdict_for
from doclint.rules.kinds.base import Checker, Hit
from doclint.rules.messages import fill
from doclint.text.chars import excerpt

Pair = tuple[Checker, Hit]


def mask(texts: list[str], hits: Iterable[Hit]) -> list[str]:
    """Blank out residue hits (same length) so the other rules do not see them."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for h in hits:
        seg = h.segment
        if seg is None or seg.part.value != "body":
            continue
        start = 0 if h.start is None else h.start
        end = len(texts[seg.paragraph]) if h.end is None else h.end
        spans.setdefault(seg.paragraph, []).append((start, end))
    out = list(texts)
    for i, ss in spans.items():
        chars = list(out[i])
        for s, e in ss:
            for k in range(s, min(e, len(chars))):
                chars[k] = MASK
        out[i] = "".join(chars)
    return out


def protect(pairs: list[Pair], terms: Sequence[str]) -> list[Pair]:
    """Drop wording and residue hits that touch a protected term (names, titles from config)."""
    if not terms:
        return pairs
    return [(c, h) for c, h in pairs if not _touches(c, h, terms)]


def _touches(checker: Checker, hit: Hit, terms: Sequence[str]) -> bool:
    if checker.rule.category not in (Category.WORDING, Category.RESIDUE) or hit.segment is None or hit.start is None:
        return False
    text = hit.segment.raw
    end = hit.end if hit.end is not None else len(text)
    for term in terms:
        at = text.find(term)
        while at >= 0:
            if at < end and hit.start < at + len(term):
                return True
            at = text.find(term, at + 1)
    return False


class _Gaps(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "……"


def render(template: str, values: dict[str, object], strict: bool) -> str:
    """The template filled. The loader checked its names against the kind's declared variables;
    a hit that still leaves one out is a checker bug: strict runs (tests) raise, users see ……"""
    try:
        return fill(template, values)
    except KeyError:
        if strict:
            raise
        return template.format_map(_Gaps(values))


def to_finding(checker: Checker, hit: Hit, overrides: dict[str, Severity], strict: bool) -> Finding:
    """A hit as a contract finding: message filled, severity = config override > hit > rule."""
    rule = checker.rule
    values: dict[str, object] = dict(hit.vars)
    message = hit.message or render(rule.message, values, strict)
    suggestion = hit.suggestion if hit.suggestion is not None else (
        render(rule.suggestion, values, strict) if rule.suggestion is not None else None)
    severity = overrides.get(rule.id) or hit.severity or rule.severity
    seg = hit.segment
    if seg is not None and hit.start is not None and hit.end is not None and not strict \
            and not 0 <= hit.start <= hit.end <= len(seg.raw):
        # A checker's bad span must not break the contract; strict runs keep it, so tests and the fuzzer see it.
        hit = msgspec.structs.replace(hit, start=None, end=None)
    # Built without validation: every value here is already typed, and validating would cost
    # pydantic's schema build at start-up (~35 ms). tests/test_contract.py validates the output.
    if seg is None:
        loc = Location.model_construct(part="document")
        quote = None
    else:
        part = "attachment" if seg.role == "attachment" and seg.part.value == "body" else seg.part.value
        loc = Location.model_construct(part=part, paragraph=seg.paragraph, start=hit.start, end=hit.end,
                                       table=seg.table, row=seg.row, cell=seg.cell)
        quote = excerpt(seg.raw, hit.start, hit.end)
    return Finding.model_construct(rule=rule.id, category=rule.category, severity=severity, message=str(message),
                                   suggestion=suggestion, location=loc, excerpt=quote, fix=fix_of(checker, hit))


def fix_of(checker: Checker, hit: Hit) -> tuple[Edit, ...] | None:
    """The hit's machine-applicable edit: the rule's ``fix`` template filled with the hit's values.

    None when the rule has no ``fix``, the hit is not a located span, the hit leaves out a variable
    the template needs (the checker's way of saying the correction is ambiguous), ``fix_unless``
    matches the paragraph at the flagged span (it may look past it), the span covers masked residue,
    or the edit would change nothing.
    """
    rule = checker.rule
    seg = hit.segment
    if rule.fix is None or seg is None or hit.start is None or hit.end is None:
        return None
    start, end = hit.start, hit.end
    if not 0 <= start <= end <= len(seg.raw) or seg.raw[start:end] != seg.text[start:end]:
        return None
    try:
        replacement = fill(rule.fix, dict(hit.vars))
    except KeyError:
        return None
    flagged = seg.raw[start:end]
    if replacement == flagged:
        return None
    if rule.fix_unless is not None:
        from doclint._cache import regexes

        if regexes.compile(rule.fix_unless).match(seg.raw, start):
            return None
    from doclint.pipeline.edits import minimal

    return tuple(Edit.model_construct(part=seg.part.value, paragraph=seg.paragraph, start=s, end=e, replacement=r,
                                      table=seg.table, row=seg.row, cell=seg.cell)
                 for s, e, r in minimal(start, flagged, replacement))


def settle_fixes(findings: tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Fixes of one draft never overlap: where two would, the safer one keeps its fix (the narrower
    edit, then the more serious finding, then the rule id), and the other finding keeps no fix."""
    ranked = sorted((f for f in findings if f.fix), key=_safety)
    taken: dict[tuple[object, ...], list[tuple[int, int]]] = {}
    losers: set[int] = set()
    for f in ranked:
        fix = f.fix or ()
        if any(_clashes(taken.get(_story(e), []), e) for e in fix):
            losers.add(id(f))
            continue
        for e in fix:
            taken.setdefault(_story(e), []).append((e.start, e.end))
    if not losers:
        return findings
    return tuple(f.model_copy(update={"fix": None}) if id(f) in losers else f for f in findings)


def _safety(f: Finding) -> tuple[int, int, str, int, int]:
    fix = f.fix or ()
    width = sum(e.end - e.start for e in fix)
    first = fix[0] if fix else None
    return (width, -f.severity.rank, f.rule, first.paragraph if first else 0, first.start if first else 0)


def _story(e: Edit) -> tuple[object, ...]:
    return (e.part, e.table, e.row, e.cell, e.paragraph)


def _clashes(spans: list[tuple[int, int]], e: Edit) -> bool:
    """Overlapping spans, or an insertion touching another edit (their order would be a guess)."""
    for s, t in spans:
        lo, hi = max(s, e.start), min(t, e.end)
        if lo < hi or ((s == t or e.start == e.end) and lo <= hi):
            return True
    return False


_PART_ORDER = {"document": 0, "header": 1, "body": 2, "attachment": 2, "table": 3, "textbox": 4, "footer": 5,
               "footnote": 6, "endnote": 7}


def dedupe_and_order(findings: Iterable[Finding]) -> tuple[Finding, ...]:
    """Equal findings once, in reading order, then severity and rule; the rest of the key only breaks
    ties, so equal-looking findings come out in the same order in every run.

    Two wording rules flagging the very same characters (再接再励: the typo list and the idiom
    detector) are one fault to the drafter: the most severe finding stays, one with a fix or a
    suggestion before one without, then the rule id."""
    kept: dict[tuple[object, ...], Finding] = {}
    rest: set[Finding] = set()
    for f in findings:
        loc = f.location
        if f.category is not Category.WORDING or loc.start is None:
            rest.add(f)
            continue
        key = (loc.part, loc.paragraph, loc.table, loc.row, loc.cell, loc.start, loc.end)
        old = kept.get(key)
        if old is None or _preferred(f) < _preferred(old):
            kept[key] = f
    return tuple(sorted(rest | set(kept.values()), key=_order))


def _preferred(f: Finding) -> tuple[int, int, int, str]:
    return (-f.severity.rank, getattr(f, "fix", None) is None, f.suggestion is None, f.rule)


def _order(f: Finding) -> tuple[int, int, int, int, str, int, int, int, int, str, str]:
    loc = f.location
    return (_PART_ORDER.get(loc.part, 9), _n(loc.paragraph), _n(loc.start), -f.severity.rank, f.rule, _n(loc.end),
            _n(loc.table), _n(loc.row), _n(loc.cell), f.message, f.suggestion or "")


def _n(value: int | None) -> int:
    return -1 if value is None else value


def cap(findings: tuple[Finding, ...], capped: Sequence[Checker], per_rule: int,
        per_document: int) -> tuple[tuple[Finding, ...], bool]:
    """At most ``per_document`` findings (the most serious, in reading order), plus one ``info``
    finding per rule whose hits were cut at ``per_rule``; and whether the document was cut."""
    cut = len(findings) > per_document
    if cut:
        findings = tuple(sorted(sorted(findings, key=lambda f: -f.severity.rank)[:per_document], key=_order))
    if capped:
        findings = tuple(sorted((*findings, *(_capped_note(c, per_rule) for c in capped)), key=_order))
    return findings, cut


def _capped_note(checker: Checker, limit: int) -> Finding:
    """The one ``info`` finding that says a rule stopped counting."""
    rule = checker.rule
    return Finding.model_construct(
        rule=rule.id, category=rule.category, severity=Severity.INFO,
        message=f"本文件中规则 {rule.id} 的问题超过 {limit} 处，只列出前 {limit} 处，其余不再计数",
        suggestion="先改正已列出的问题后再检查；问题如此之多，也可能是文件本身异常",
        location=Location.model_construct(part="document"), excerpt=None)


def verdict(findings: tuple[Finding, ...] | list[Finding]) -> str:
    """``return`` when an active finding is an error, else ``pass``."""
    return verdict_for(findings)
