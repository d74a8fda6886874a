"""``kind: confusion`` — a real word written for another, decided by its neighbours.

Each entry compiles to ``(?<=before)wrong(?=after)``; part-of-speech conditions look at the tokens
of the segmenter (tags from the packed jieba dictionary) next to the match.
"""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint._cache import regexes
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, inside, title_spans
from doclint.rules.schema import ConfusionEntry, ConfusionRule


def _compile(e: ConfusionEntry) -> regex.Pattern[str]:
    pat = regex.escape(e.wrong)
    if e.before:
        pat = f"(?<=(?:{e.before})){pat}"
    if e.after:
        pat = f"{pat}(?=(?:{e.after}))"
    return regexes.compile(pat)


def _tag_ok(tag: str, wanted: list[str] | None) -> bool:
    """A tag matches a wanted prefix (``v`` covers ``vn``); ``v$`` wants exactly ``v``."""
    return wanted is None or any(tag == w[:-1] if w.endswith("$") else tag.startswith(w) for w in wanted)


class ConfusionChecker(Checker):
    """Message variables: ``match``, ``wrong``, ``right``."""

    variables = frozenset({"match", "wrong", "right"})

    def __init__(self, rule: ConfusionRule) -> None:
        super().__init__(rule)
        self.crule = rule
        self.entries = [(e, _compile(e), regexes.compile(e.unless) if e.unless else None) for e in rule.entries]
        self.gate = {e.wrong for e in rule.entries}

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.crule
        j = ctx.joined(self.scope, raw=False)
        if not any(w in j.text for w in self.gate):
            return
        seen: set[tuple[int, int, int]] = set()
        for e, pat, unless in self.entries:
            if e.wrong not in j.text:
                continue
            for m in list(pat.finditer(j.text, timeout=REGEX_TIMEOUT)):
                where = j.locate(*m.span())
                if where is None or where in seen:
                    continue
                k, start, end = where
                seg = j.segments[k]
                text = seg.text
                if r.outside_titles and inside(title_spans(text), start, end):
                    continue
                if unless is not None and unless.search(text[max(0, start - r.context) : end + r.context],
                                                        timeout=REGEX_TIMEOUT):
                    continue
                if (r.boundaries or e.before_tag or e.after_tag or e.then_tag) and not self._tokens_ok(ctx, text, start, end, e):
                    continue
                seen.add(where)
                yield Hit(seg, start, end, vars={"match": e.wrong, "wrong": e.wrong, "right": e.right},
                          suggestion=e.right)

    def _tokens_ok(self, ctx: Context, text: str, start: int, end: int, e: ConfusionEntry) -> bool:
        from doclint.text.lexicon import lexicon

        tokens = ctx.segmenter.tokens(text)
        starts = dict(tokens)
        ends = {t: s for s, t in tokens}
        if self.crule.boundaries and ((start not in ends and start != 0) or (end not in starts and end != len(text))):
            return False
        lex = lexicon()
        if e.before_tag is not None:
            s = ends.get(start)
            if s is None or not _tag_ok(lex.tag(text[s:start]), e.before_tag):
                return False
        if e.after_tag is not None or e.then_tag is not None:
            t = starts.get(end)
            if t is None or not _tag_ok(lex.tag(text[end:t]), e.after_tag):
                return False
            if e.then_tag is not None:
                u = starts.get(t)
                if u is None or not _tag_ok(lex.tag(text[t:u]), e.then_tag):
                    return False
        return True
