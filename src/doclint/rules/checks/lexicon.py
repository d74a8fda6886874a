"""``kind: lexicon`` — wrong → right word lists, checked on word boundaries."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint import recache
from doclint.rules.checks.base import REGEX_TIMEOUT, Checker, Context, Hit, inside, title_spans
from doclint.rules.schema import LexiconRule


class LexiconChecker(Checker):
    """One alternation finds candidates cheaply; jieba is consulted only for those."""


    def __init__(self, rule: LexiconRule) -> None:
        super().__init__(rule)
        self.lrule = rule
        self.entries = {e.wrong: e for e in rule.entries}
        words = sorted(self.entries, key=len, reverse=True)
        self.regex = recache.compile("|".join(regex.escape(w) for w in words))
        self.unless = {e.wrong: recache.compile(e.unless) for e in rule.entries if e.unless}

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.lrule
        for seg in ctx.segments(r.scope):
            text = seg.text
            spans = title_spans(text) if r.outside_titles else []
            # Collect first: the timeout clock runs while the generator is suspended (jieba loads).
            for m in list(self.regex.finditer(text, overlapped=True, timeout=REGEX_TIMEOUT)):
                start, end = m.span()
                word = m.group()
                entry = self.entries[word]
                if spans and inside(spans, start, end):
                    continue
                pat = self.unless.get(word)
                if pat is not None:
                    window = text[max(0, start - r.context) : end + r.context]
                    if pat.search(window, timeout=REGEX_TIMEOUT):
                        continue
                if r.boundaries:
                    bounds = ctx.segmenter.boundaries(text)
                    if start not in bounds or end not in bounds:
                        continue
                yield Hit(seg, start, end, vars={"match": word, "wrong": word, "right": entry.right},
                          suggestion=entry.right)
