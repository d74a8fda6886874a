"""Wording checkers: short names (简称) used before their definition; spelling slips (错别字)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.findings import Severity
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, inside, register, title_spans, typed_params
from doclint.rules.schema import CheckerParams, CheckerRule, Regex
from doclint.text.spelling import Costs, Suspect, suspects

_DEFINE = (
    r"[（(](?:以下|下文|下同)?[，,]?(?:简称|称)[为作]?"
    r"(?:“(?P<short>[^“”]{1,15})”[\p{Han}]{0,4}|(?P<short>[\p{Han}A-Za-z0-9]{2,10}))[）)]"
)
_SENTENCE_END = regexes.compile(r"[。；！？]")
_HAN = regexes.compile(r"\p{Han}{2}")
_COSTS = Costs()
_LIKELY = frozenset({"same_tone", "sound_word", "learned"})  # the input method's commonest slips


@register("abbrev-before-definition")
class AbbrevBeforeDefinition(Checker):
    """A short name defined with （以下简称“X”） but already used earlier in the document."""

    class Params(CheckerParams):
        define: Regex = _DEFINE  # how a short name is defined; group ``short`` is the name
        min_bare_length: int = Field(default=3, ge=1)  # shorter names count only when quoted

    variables = frozenset({"short", "definition"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.define = regexes.compile(p.define)
        self.min_bare = p.min_bare_length

    def _earlier(self, short: str, text: str, limit: int) -> int | None:
        """Offset of the first use of ``short`` in ``text[:limit]`` outside 《》, or None."""
        spans = title_spans(text)
        quoted = regex.compile(regex.escape(f"“{short}”"))  # per document: not for the start-up cache on disk
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


class SpellingParams(CheckerParams):
    """Parameters of ``checker: spelling`` (costs are log-probabilities; see doclint.text.spelling)."""

    mode: Literal["word", "idiom"] = "word"  # idiom: only corrections to an idiom of the idiom list
    same_tone: float = _COSTS.same_tone
    other_tone: float = _COSTS.other_tone
    shape: float = _COSTS.shape
    series: float = _COSTS.series
    unrelated: float = _COSTS.unrelated
    idiom: float = _COSTS.idiom
    idiom_shape: float = _COSTS.idiom_shape
    idiom_unrelated: float = _COSTS.idiom_unrelated
    rare_word: float = _COSTS.rare_word
    rare_freq: int = _COSTS.rare_freq
    ratio: float = _COSTS.ratio
    min_freq: int = _COSTS.min_freq
    sound_word: float = _COSTS.sound_word
    learned: float = _COSTS.learned
    domain: float = _COSTS.domain
    context: float = _COSTS.context
    context_max: float = _COSTS.context_max
    certain_gain: float = 8.0  # above this margin, with the written form absent from the dictionary: error
    pair_gain: float = 3.5  # a two-character window below this margin is only info (公文 coins many pairs);
    # the margin counts the word model and the characters around the window; that the small 公文 text uses
    # the correction counts only in part for the likeliest slips (same-tone homophones, whole-word
    # homophones, learned pairs), and not at all for the rest (too weak alone: 可研/科研, 从实/从事)
    likely_use: float = 0.5
    repeated: int = 2  # an info-level form written this many times in the document is not reported


@register("spelling")
class Spelling(Checker):
    """A window one homophone or near-shape character away from a much more common word.

    Message variables: ``written`` (the window as written), ``fix`` (the corrected window).
    """

    Params = SpellingParams
    variables = frozenset({"written", "fix"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.params = typed_params(rule, SpellingParams)
        # getattr, not model_dump(): dumping builds the params model's serializer (~30 ms cold).
        self.costs = Costs(**{f: getattr(self.params, f) for f in Costs._fields})

    def check(self, ctx: Context) -> Iterator[Hit]:
        idiom_mode = self.params.mode == "idiom"
        segs = [seg for seg in ctx.segments(self.rule.scope) if _HAN.search(seg.text)]
        whole: str | None = None
        for seg in segs:
            for s in suspects(seg.text, self.costs):
                if s.idiom != idiom_mode:
                    continue
                severity = self._severity(s)
                if severity is Severity.INFO:
                    # A weak case written again elsewhere in the document is the drafter's term
                    # (带量采购 … 带量采购), not a one-off slip: not worth even a note.
                    if whole is None:  # the whole document: a 纪要's 出席/列席 lines name units too
                        whole = "\n".join(x.text for x in ctx.segments(("all", "stories")))
                    if whole.count(s.written) >= self.params.repeated:
                        continue
                yield Hit(seg, s.start, s.end, vars={"written": s.written, "fix": s.fix}, suggestion=s.fix,
                          severity=severity)

    def _severity(self, s: Suspect) -> Severity | None:
        """error when certain, the rule's level when confident, info for a weak two-character case."""
        p = self.params
        if p.mode == "idiom" or (s.absent and s.gain >= p.certain_gain and s.end - s.start >= 3):
            return Severity.ERROR
        return None if confident(s, p) else Severity.INFO


def confident(s: Suspect, p: SpellingParams) -> bool:
    """Whether a suspect is sure enough for the rule's own level (warning), not just info."""
    weight = p.likely_use if s.kind in _LIKELY else 0.0
    return s.end - s.start != 2 or s.gain - (1.0 - weight) * max(s.used, 0.0) >= p.pair_gain
