"""Short names (简称) used before the sentence that defines them."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, inside, register, title_spans
from doclint.rules.schema import CheckerParams, CheckerRule, Regex

_DEFINE = (
    r"[（(](?:以下|下文|下同)?[，,]?(?:简称|称)[为作]?"
    r"(?:“(?P<short>[^“”]{1,15})”[\p{Han}]{0,4}|(?P<short>[\p{Han}A-Za-z0-9]{2,10}))[）)]"
)
_SENTENCE_END = regexes.compile(r"[。；！？]")


@register("abbrev-before-definition")
class AbbrevBeforeDefinition(Checker):
    """A short name defined with （以下简称“X”） but already used earlier in the document."""

    class Params(CheckerParams):
        define: Regex = _DEFINE  # how a short name is defined; group ``short`` is the name
        min_bare_length: int = Field(default=3, ge=1)  # shorter names count only when quoted

    variables = frozenset({"short", "definition"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = self.Params.model_validate(rule.params)
        self.define = regexes.compile(p.define)
        self.min_bare = p.min_bare_length

    def _earlier(self, short: str, text: str, limit: int) -> int | None:
        """Offset of the first use of ``short`` in ``text[:limit]`` outside 《》, or None."""
        spans = title_spans(text)
        quoted = regexes.compile(regex.escape(f"“{short}”"))
        for m in quoted.finditer(text, 0, limit):
            if not inside(spans, m.start(), m.end()):
                return m.start() + 1
        if len(short) >= self.min_bare:
            for m in regex.finditer(regex.escape(short), text[:limit]):
                if not inside(spans, m.start(), m.end()):
                    return m.start()
        return None

    def check(self, ctx: Context) -> Iterator[Hit]:
        segs = ctx.segments(self.rule.scope)
        for k, seg in enumerate(segs):
            for d in self.define.finditer(seg.text):
                short = d.group("short")
                boundary = max((m.end() for m in _SENTENCE_END.finditer(seg.text, 0, d.start())), default=0)
                where: tuple[Segment, int] | None = None
                for prev in segs[:k]:
                    at = self._earlier(short, prev.text, len(prev.text))
                    if at is not None:
                        where = (prev, at)
                        break
                if where is None:
                    at = self._earlier(short, seg.text, boundary)
                    if at is not None:
                        where = (seg, at)
                if where is None:
                    continue
                first, at = where
                yield Hit(first, at, at + len(short), vars={"short": short, "definition": d.group()})
