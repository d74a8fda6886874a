"""Residue that needs more than a pattern: ad spans, revision marks, comments."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint.rules.checks.base import Checker, Context, Hit, param, register
from doclint.rules.schema import CheckerRule
from doclint.textutil import salted_shadow

# A bracketed span: [ … ] (ASCII or full width) holding the ad, possibly with 【】 inside.
_SPAN = regex.compile(r"[\[［](?:[^\[\]［］]|【[^】]*】){4,400}?[\]］]")
_ID_TOKEN = regex.compile(r"[：:]\s*[A-Za-z][A-Za-z0-9_-]{1,20}|\d[\d\s]{4,}\d")


@register("ad-text")
class AdText(Checker):
    """Ghost-writing and material-library ads, even with symbols sprinkled in.

    One term alone is common in real documents (工会会员, 政务微信公众号), so a
    span fires when it has two distinct terms, or one next to an ID-like token.
    """

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        terms: list[str] = list(param(rule, "terms", []))
        if not terms:
            raise ValueError("params.terms 不能为空")
        self.terms = regex.compile("|".join(regex.escape(t) for t in sorted(terms, key=len, reverse=True)),
                                   regex.IGNORECASE)
        self.min_terms = int(param(rule, "min_terms", 2))

    def _is_ad(self, shadow: str) -> bool:
        found = {m.group().lower() for m in self.terms.finditer(shadow)}
        return len(found) >= self.min_terms or (len(found) == 1 and bool(_ID_TOKEN.search(shadow)))

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            text = seg.raw
            shadow, back = salted_shadow(text)
            if not self.terms.search(shadow):
                continue
            spans = [m for m in _SPAN.finditer(text) if self._is_ad(salted_shadow(m.group())[0])]
            if spans:
                for m in spans:
                    yield Hit(seg, m.start(), m.end())
                continue
            if self._is_ad(shadow):
                lead = len(text) - len(text.lstrip(" \u3000\t"))
                yield Hit(seg, lead, len(text.rstrip(" \u3000\t")))


@register("tracked-changes")
class TrackedChanges(Checker):
    """Revision marks left in the file (python-docx does not show insertions)."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        rev = ctx.document.revisions
        if rev.tracked:
            who = "、".join(rev.authors) if rev.authors else "未署名"
            yield Hit(None, vars={"count": rev.tracked, "insertions": rev.insertions, "deletions": rev.deletions,
                                  "format_changes": rev.format_changes, "authors": who})


@register("comments")
class Comments(Checker):
    """Comments (批注) left in the file."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.document.revisions.comments:
            yield Hit(None, vars={"count": ctx.document.revisions.comments})
