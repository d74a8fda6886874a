"""``kind: pattern`` — a regular expression flags its match (or a named group)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

import regex

from doclint._cache import regexes
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment, inside, quote_spans, title_spans
from doclint.rules.prefilter import gate_for
from doclint.rules.schema import PatternRule, Rule
from doclint.text.chars import salted_shadow
from doclint.text.segment import Segmenter


class PatternChecker(Checker):
    """Compiled once at load; ``unless`` looks at a window around each hit."""

    variables = frozenset({"match"})

    @classmethod
    def message_variables(cls, rule: Rule) -> frozenset[str]:
        """``match``, the pattern's named groups, and ``replacement`` when the rule maps characters."""
        assert isinstance(rule, PatternRule)
        extra = {"replacement"} if rule.replacements else set()
        return cls.variables | extra | set(regex.compile(rule.pattern).groupindex)

    def __init__(self, rule: PatternRule) -> None:
        super().__init__(rule)
        self.prule = rule
        self.multiline = regexes.compile(rule.pattern, regex.MULTILINE)
        self.segmenter = Segmenter()
        self._single: regex.Pattern[str] | None = None  # compiled on first need (salted or spanning matches)
        self.unless = regexes.compile(rule.unless) if rule.unless else None
        self.soften = regexes.compile(rule.soften) if rule.soften else None
        self.followed_by = regexes.compile(rule.followed_by) if rule.followed_by else None
        # Strings one of which every match contains: without them in the text the scan is skipped.
        self.gate = None if rule.salted else gate_for(rule.pattern)

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.prule
        raw = r.category.value == "residue"
        if r.salted:
            for seg in ctx.segments(r.scope):
                yield from self._paragraph(seg, seg.raw if raw else seg.text)
            return
        if self.followed_by is not None:  # per paragraph, each with a look at the next one
            segs = ctx.segments(r.scope)
            for k, seg in enumerate(segs[:-1]):
                if self.followed_by.match(segs[k + 1].text, timeout=REGEX_TIMEOUT):
                    yield from self._paragraph(seg, seg.raw if raw else seg.text)
            return
        j = ctx.joined(self.scope, raw)
        if self.gate is not None and not any(s in j.text for s in self.gate):
            return
        crossed: set[int] = set()
        for m in list(self.multiline.finditer(j.text, timeout=REGEX_TIMEOUT)):
            start, end = m.span(r.group)
            if start < 0 or start == end:
                continue
            where = j.locate(start, end)
            if where is None:  # a match spanning paragraphs: search those paragraphs one by one
                crossed.update(range(bisect_right(j.starts, m.start()) - 1, bisect_right(j.starts, m.end())))
                continue
            k, s, e = where
            if k in crossed:
                continue
            seg = j.segments[k]
            hit = self._hit(seg, seg.raw if raw else seg.text, s, e, m)
            if hit is not None:
                yield hit
        for k in sorted(crossed):
            seg = j.segments[k]
            yield from self._paragraph(seg, seg.raw if raw else seg.text)

    def _paragraph(self, seg: Segment, text: str) -> Iterator[Hit]:
        r = self.prule
        shadow, back = salted_shadow(text) if r.salted else (text, None)
        if self._single is None:
            self._single = regexes.compile(r.pattern)
        for m in list(self._single.finditer(shadow, timeout=REGEX_TIMEOUT)):
            start, end = m.span(r.group)
            if start < 0 or start == end:  # group did not take part, or empty
                continue
            if back is not None:
                start, end = back[start], back[end - 1] + 1
            hit = self._hit(seg, text, start, end, m)
            if hit is not None:
                yield hit

    def _hit(self, seg: Segment, text: str, start: int, end: int, m: regex.Match[str]) -> Hit | None:
        r = self.prule
        if r.outside_titles and inside(title_spans(text), start, end):
            return None
        if r.outside_quotes and inside(quote_spans(text), start, end):
            return None
        if self.unless is not None:
            window = text[max(0, start - r.context) : end + r.context]
            if self.unless.search(window, timeout=REGEX_TIMEOUT):
                return None
        if r.boundaries:
            bounds = self.segmenter.boundaries(text)  # the lexicon opens only when a candidate needs it
            if start not in bounds or end not in bounds:
                return None
        found = text[start:end]
        values: dict[str, str] = {"match": found, **{k: (v or "") for k, v in m.groupdict().items()}}
        if r.replacements:
            values["replacement"] = "".join(r.replacements.get(ch, ch) for ch in found)
        softened = self.soften is not None and bool(self.soften.search(text, timeout=REGEX_TIMEOUT))
        return Hit(seg, start, end, vars=values, severity=r.soften_to if softened else None)
