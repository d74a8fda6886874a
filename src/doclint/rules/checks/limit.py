"""``kind: limit`` — the body's 字数 against a limit per document type."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.counting import METHOD_LABELS, count
from doclint.rules.checks.base import Checker, Context, Hit
from doclint.rules.schema import LimitRule

SCOPE_LABEL = "正文（不含标题、主送机关、附件说明、署名、日期、附注、版记和附件）"


def body_count(ctx: Context) -> int:
    """字数 of the body scope (masked residue excluded), cached per document."""
    key = f"count:{ctx.options.count_method}"
    if key not in ctx.cache:
        texts = [s.text for s in ctx.segments(["body", "table"])]
        ctx.cache[key] = count(texts, ctx.options.count_method)
    value: int = ctx.cache[key]
    return value


class LimitChecker(Checker):
    """Fires when count > limit × low (and ≤ limit × high when high is set)."""

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
        n = body_count(ctx)
        if n > limit * r.low and (r.high is None or n <= limit * r.high):
            yield Hit(None, vars={
                "count": n, "limit": limit, "doc_type": ctx.doc_type,
                "method": METHOD_LABELS[ctx.options.count_method], "scope": SCOPE_LABEL,
                "over": n - limit,
            })
