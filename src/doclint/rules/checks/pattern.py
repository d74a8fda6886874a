"""``kind: pattern`` — a regular expression flags its match (or a named group)."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint.rules.checks.base import REGEX_TIMEOUT, Checker, Context, Hit, inside, title_spans
from doclint.rules.schema import PatternRule
from doclint.textutil import salted_shadow


class PatternChecker(Checker):
    """Compiled once at load; ``unless`` looks at a window around each hit."""

    def __init__(self, rule: PatternRule) -> None:
        super().__init__(rule)
        self.prule = rule
        self.regex = regex.compile(rule.pattern)
        self.unless = regex.compile(rule.unless) if rule.unless else None

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.prule
        for seg in ctx.segments(r.scope):
            text = seg.raw if r.category.value == "residue" else seg.text
            if r.salted:
                shadow, back = salted_shadow(text)
            else:
                shadow, back = text, None
            spans = title_spans(text) if r.outside_titles else []
            for m in list(self.regex.finditer(shadow, timeout=REGEX_TIMEOUT)):
                start, end = m.span(r.group)
                if start < 0 or start == end:  # group did not take part, or empty
                    continue
                if back is not None:
                    start, end = back[start], back[end - 1] + 1
                if spans and inside(spans, start, end):
                    continue
                if self.unless is not None:
                    lo = max(0, start - r.context)
                    window = text[lo : end + r.context]
                    if self.unless.search(window, timeout=REGEX_TIMEOUT):
                        continue
                found = text[start:end]
                groups = {k: (v or "") for k, v in m.groupdict().items()}
                values = {"match": found, **groups}
                if r.replacements:
                    values["replacement"] = "".join(r.replacements.get(ch, ch) for ch in found)
                yield Hit(seg, start, end, vars=values)
