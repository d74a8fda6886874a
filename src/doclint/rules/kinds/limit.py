"""``kind: limit`` — the body's 字数 against a limit per document type."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.rules.kinds.base import Checker, Context, Hit
from doclint.rules.schema import LimitRule
from doclint.text.counting import METHOD_LABELS, SCOPE_LABELS


def scope_label(ctx: Context) -> str:
    """The counting scope in words, for messages."""
    return SCOPE_LABELS[ctx.options.count_scope]


class LimitChecker(Checker):
    """Fires when count > limit × low (and ≤ limit × high when high is set)."""

    variables = frozenset({"count", "limit", "doc_type", "method", "scope", "over"})

    def __init__(self, rule: LimitRule) -> None:
        super().__init__(rule)
        self.lrule = rule

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.lrule
        if ctx.doc_type is None:
            return
        limit = ctx.options.limits.get(ctx.doc_type, r.limits.get(ctx.doc_type))
        if limit is None:
            return
        n = ctx.body_count
        if n > limit * r.low and (r.high is None or n <= limit * r.high):
            yield Hit(None, vars={
                "count": n, "limit": limit, "doc_type": ctx.doc_type,
                "method": METHOD_LABELS[ctx.options.count_method], "scope": scope_label(ctx),
                "over": n - limit,
            })
