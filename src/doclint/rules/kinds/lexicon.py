"""``kind: lexicon`` — wrong → right word lists, checked on word boundaries."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

from doclint._cache import regexes
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, inside, title_spans
from doclint.rules.schema import LexiconRule


def scan(text: str, firsts: re.Pattern[str], lengths: tuple[int, ...], words: Mapping[str, object]) -> list[tuple[int, int]]:
    """(start, end) of the longest listed word starting at each position (overlapping).

    The positions come from one character-class search (the standard ``re`` module: a class of
    thousands of characters costs it nothing, unlike ``regex``); the ``regex`` module's long
    alternation cost ~12 ms on a 5,000-character draft for the 400 GF 1001 forms."""
    out = []
    size = len(text)
    for m in firsts.finditer(text):
        i = m.start()
        for n in lengths:
            if i + n <= size and text[i : i + n] in words:
                out.append((i, i + n))
                break
    return out


class LexiconChecker(Checker):
    """A character-class search finds candidates cheaply; the segmenter is consulted only for those."""

    variables = frozenset({"match", "wrong", "right"})

    def __init__(self, rule: LexiconRule) -> None:
        super().__init__(rule)
        self.lrule = rule
        self.entries = {e.wrong: e for e in rule.entries}
        self.firsts = regexes.compile_std("[" + "".join(sorted({re.escape(w[0]) for w in self.entries})) + "]")
        self.lengths = tuple(sorted({len(w) for w in self.entries}, reverse=True))
        self.unless = {e.wrong: regexes.compile(e.unless) for e in rule.entries if e.unless}

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.lrule
        j = ctx.joined(self.scope, raw=False)
        if self.firsts.search(j.text) is None:
            return
        # One scan over all paragraphs (no word contains the separator).
        spans: dict[int, list[tuple[int, int]]] = {}
        for span in scan(j.text, self.firsts, self.lengths, self.entries):
            where = j.locate(*span)
            if where is None:
                continue
            k, start, end = where
            seg = j.segments[k]
            text = seg.text
            word = text[start:end]
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
                on_edges = start in bounds and end in bounds
                if not on_edges and (r.boundaries != "within" or any(start < b < end for b in bounds)):
                    continue
            yield Hit(seg, start, end, vars={"match": word, "wrong": word, "right": entry.right},
                      suggestion=entry.right)
