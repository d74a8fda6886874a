"""What every layout check shares: the rule's plumbing (hits, scope) and faults grouped by style.

A check judges paragraphs into ``Fault`` records; ``LayoutBase._emit`` turns them into hits,
one per paragraph, except that a fault the paragraphs inherit from their style is reported
once, naming the style. The checks themselves are mixins over ``LayoutBase``, one module per
concern (page, paragraphs, fonts, page number), composed in ``checker.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from doclint.findings import Severity
from doclint.model.document import Paragraph, Story, StyleFormat
from doclint.rules.kinds.base import Checker, Context, Hit, Segment
from doclint.rules.kinds.layout.labels import KEY_LABELS, fill
from doclint.rules.kinds.layout.measures import UNSEEN, Span
from doclint.rules.schema import LayoutRule


@dataclass(slots=True)  # mutable: later paragraphs formatted alike join ``alike``
class Fault:
    """One paragraph-level problem before grouping by style (and the paragraphs formatted alike)."""

    span: Span
    signature: tuple[Any, ...]  # equal signatures = the same problem
    values: dict[str, object]
    style: StyleFormat | None = None  # set when the paragraph inherits the problem from this style
    style_values: dict[str, object] = field(default_factory=dict)
    severity: Severity | None = None
    variant: str | None = None
    start: int | None = None
    end: int | None = None
    alike: list[Span] = field(default_factory=list)  # later paragraphs with the same verdict (see judge_alike)

    def places(self) -> Iterator[tuple[Span, dict[str, object]]]:
        """Each paragraph with the problem, and the message values that name its part."""
        yield self.span, self.values
        for span in self.alike:
            yield span, {**self.values, "where": span.label}

    def indices(self) -> list[int]:
        """The paragraphs with the problem."""
        return [self.span.paragraph.index, *(span.paragraph.index for span in self.alike)]


def paragraph_count(faults: list[Fault]) -> int:
    """How many paragraphs have one of ``faults``."""
    return len({i for f in faults for i in f.indices()})


def whole(span: Span) -> Span:
    """The whole paragraph of ``span`` as body text: what indent and line spacing are judged on."""
    p = span.paragraph
    return Span(p, span.role, "body", 0, len(p.text), span.level)


def judge_alike(verdicts: dict[Any, Fault | None], key: Any, span: Span,
                judge: Callable[[Span], Fault | None]) -> Fault | None:
    """``judge(span)``, unless an earlier paragraph had the same ``key``: then ``span`` joins that
    paragraph's fault, if any, and None is returned. A draft repeats a few paragraph formats, and
    building the messages is most of the work."""
    fault = verdicts.get(key, UNSEEN)
    if fault is UNSEEN:
        fault = verdicts[key] = judge(span)
        return fault
    if fault is not None:
        fault.alike.append(span)
    return None


def segment(ctx: Context, p: Paragraph, role: str) -> Segment:
    """The engine's view of a body paragraph."""
    text = ctx.texts[p.index] if p.index < len(ctx.texts) else p.text
    return Segment(Story.BODY, p.index, text, p.text, role)


class LayoutBase(Checker):
    """The plumbing of a ``kind: layout`` rule, shared by the mixins that implement the checks."""

    def __init__(self, rule: LayoutRule) -> None:
        super().__init__(rule)
        self.lrule = rule
        wanted = set(rule.scope)
        if "body" in wanted:
            wanted.add("heading")
        self._wanted = frozenset(wanted)

    def _hit(self, seg: Segment | None, variant: str | None = None, *, start: int | None = None,
             end: int | None = None, severity: Severity | None = None, **values: object) -> Hit:
        return self._hit_with(seg, variant, values, start=start, end=end, severity=severity)

    def _hit_with(self, seg: Segment | None, variant: str | None, values: dict[str, object], *,
                  start: int | None = None, end: int | None = None, severity: Severity | None = None) -> Hit:
        msgs = self.lrule.messages
        template = (msgs.get(variant) if variant else None) or msgs.get("default") or self.lrule.message
        return Hit(seg, start, end, vars=values, message=fill(template, values), severity=severity)

    def _in_scope(self, ctx: Context) -> list[Span]:
        """The spans this rule judges (shared per document: several rules share a scope)."""
        return ctx.layout.in_scope(self._wanted, self.lrule.profile_key)

    def _first_spans(self, ctx: Context) -> list[Span]:
        """The first in-scope span of each paragraph (for checks made once per paragraph)."""
        out = []
        last = -1
        for span in self._in_scope(ctx):
            if span.paragraph.index != last:  # a paragraph's spans are consecutive
                last = span.paragraph.index
                out.append(span)
        return out

    @staticmethod
    def _style_groupable(ctx: Context, style: StyleFormat, key: str) -> bool:
        """Name the style only when fixing it fixes these paragraphs and breaks no other part."""
        return ctx.layout.style_groupable(style.name, key)

    def _emit(self, ctx: Context, faults: list[Fault]) -> Iterator[Hit]:
        """Per-paragraph hits, except faults inherited from a style: one hit per style."""
        groups: dict[tuple[Any, ...], list[Fault]] = {}
        for f in faults:
            if f.style is not None and self._style_groupable(ctx, f.style, f.span.key):
                groups.setdefault((f.style.name, f.span.key, f.signature), []).append(f)
                continue
            for span, place_values in f.places():
                yield self._hit_with(segment(ctx, span.paragraph, span.role), f.variant, place_values,
                                     start=f.start, end=f.end, severity=f.severity)
        for group in groups.values():
            first = group[0]
            style = first.style
            assert style is not None
            where = KEY_LABELS.get(first.span.key) or first.span.label
            values: dict[str, object] = {
                **first.values, "where": where, **first.style_values,
                "style": style.name or "默认段落格式", "count": paragraph_count(group),
            }
            yield self._hit_with(segment(ctx, first.span.paragraph, first.span.role), "style", values,
                                 severity=first.severity)
