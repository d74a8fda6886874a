"""``kind: lexicon`` — wrong → right word lists, checked on word boundaries."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint._cache import regexes
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, inside, title_spans
from doclint.rules.schema import LexiconRule


class LexiconChecker(Checker):
    """One alternation finds candidates cheaply; jieba is consulted only for those."""

    variables = frozenset({"match", "wrong", "right"})

    def __init__(self, rule: LexiconRule) -> None:
        super().__init__(rule)
        self.lrule = rule
        self.entries = {e.wrong: e for e in rule.entries}
        words = sorted(self.entries, key=len, reverse=True)
        self.regex = regexes.compile("|".join(regex.escape(w) for w in words))
        self.unless = {e.wrong: regexes.compile(e.unless) for e in rule.entries if e.unless}

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.lrule
        j = ctx.joined(self.scope, raw=False)
        # One search over all paragraphs (no word contains the separator); collect first: the
        # timeout clock runs while the generator is suspended (jieba loads).
        matches = list(self.regex.finditer(j.text, overlapped=True, timeout=REGEX_TIMEOUT))
        spans: dict[int, list[tuple[int, int]]] = {}
        for m in matches:
            where = j.locate(*m.span())
            if where is None:
                continue
            k, start, end = where
            seg = j.segments[k]
            text = seg.text
            word = m.group()
            entry = self.entries[word]
            if r.outside_titles:
                if k not in spans:
                    spans[k] = title_spans(text)
                if inside(spans[k], start, end):
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
