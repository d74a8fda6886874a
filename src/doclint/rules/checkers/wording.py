"""Wording checkers: short names (简称) used before their definition; spelling slips (错别字)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Literal

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.findings import Severity
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, inside, register, title_spans, typed_params
from doclint.rules.schema import CheckerParams, CheckerRule, Regex
from doclint.text.spelling import Costs, Suspect, in_series, suspects

_DEFINE = (
    r"[（(](?:以下|下文|下同)?[，,]?(?:简称|称)[为作]?"
    r"(?:“(?P<short>[^“”]{1,15})”[\p{Han}]{0,4}|(?P<short>[\p{Han}A-Za-z0-9]{2,10}))[）)]"
)
_SENTENCE_END = regexes.compile(r"[。；！？]")
_HAN = regexes.compile(r"\p{Han}{2}")
_HAN_RUN = regexes.compile(r"\p{Han}{4,}")
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
    pair_gain: float = 3.25  # a two-character window below this margin is only info (公文 coins many pairs);
    # the margin counts the word model and the characters around the window; that the small 公文 text uses
    # the correction counts for the likeliest slips (same-tone homophones, whole-word homophones, learned
    # pairs; ``likely_use`` of it), not for the rest (too weak alone: 可研/科研, 从实/从事). 3.25 and 1.0 by
    # two-fold cross-validation inside the odw tune half (scripts/csc_eval.py --cv); lower puts warnings
    # on correct text (哒君, 初显 in seeds/)
    likely_use: float = 1.0
    repeated: int = 2  # an info-level form written this many times in the document is not reported
    # A two-character window whose margin is below this is not reported at all, not even as info: on
    # corpus drafts the detector had never seen, such notes were all wrong (贴乱→战乱 0.03, 维稳→慰问
    # 0.11, 涉爆→社保 0.55, 自本→资本 0.95). Chosen on the tune half of the injection catalogue (recall
    # 0.90 → 0.88) against the notes on unseen corpus drafts (25 → 16); 2.0 would leave 8 notes at 0.87.
    note_gain: float = 1.0
    # Idiom mode: every four-character window one confusable character away from an idiom of the
    # list, itself no idiom and rarer than this in the dictionary (jieba lists some wrong idioms,
    # 黄梁美梦 3, and tags them as names; a form it records 10 times or more, like 明查暗访 beside
    # 明察暗访, is in use: the detector's min_freq). -1 turns the window pass off.
    idiom_window_freq: int = Field(default=9, ge=-1)
    # … and one character of any kind away, when the written character is this rare (言简意骇, 不落巢臼:
    # the slip is a rare look-alike) and the window is no word and no pair of words: only a note, since
    # 公文 coins idiom-like phrases (铆足干劲). -1: off.
    idiom_rare_char: int = Field(default=1000, ge=-1)


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
            found = [s for s in suspects(seg.text, self.costs) if s.idiom == idiom_mode]
            if idiom_mode and self.params.idiom_window_freq >= 0:
                found = _merge(found, _idiom_windows(seg.text, self.params.idiom_window_freq,
                                                     self.params.idiom_rare_char))
            for s in found:
                if not idiom_mode and self._formed(seg.text, s):
                    continue
                severity = self._severity(s, seg.text)
                if severity is Severity.INFO and s.end - s.start == 2 and s.gain < self.params.note_gain:
                    continue
                # A weak case, or a two-character one short of certain, written again elsewhere in the
                # document is the drafter's term (带量采购 … 带量采购, 可研), not a one-off slip.
                if severity is Severity.INFO or (severity is None and s.end - s.start == 2
                                                 and s.gain < self.params.certain_gain):
                    if whole is None:  # the whole document: a 纪要's 出席/列席 lines name units too
                        whole = "\n".join(x.text for x in ctx.segments(("all", "stories")))
                    if whole.count(s.written) >= self.params.repeated:
                        continue
                yield Hit(seg, s.start, s.end, vars={"written": s.written, "fix": s.fix}, suggestion=s.fix,
                          severity=severity)

    @staticmethod
    def _formed(text: str, s: Suspect) -> bool:
        """The changed characters sit in a pair 公文 builds on the fly (收悉, 降至, 县区): a word."""
        from doclint.text.formation import formed_around

        changed = [s.start + k for k, (a, b) in enumerate(zip(s.written, s.fix, strict=False)) if a != b]
        return bool(changed) and all(formed_around(text, at) for at in changed)

    def _severity(self, s: Suspect, text: str) -> Severity | None:
        """error when certain, the rule's level when confident, info for a weak two-character case."""
        p = self.params
        if p.mode == "idiom":
            return Severity.INFO if s.kind == "idiom_unrelated" else Severity.ERROR
        if (s.absent and s.gain >= p.certain_gain and s.end - s.start >= 3):
            return Severity.ERROR
        return None if confident(s, p, text) else Severity.INFO


def confident(s: Suspect, p: SpellingParams, text: str) -> bool:
    """Whether a suspect is sure enough for the rule's own level (warning), not just info. A pair
    built like its neighbours (助餐、助浴、助医; 一淀、三带) is a coined series: info at most."""
    if s.end - s.start != 2:
        return True
    weight = p.likely_use if s.kind in _LIKELY else 0.0
    return s.gain - (1.0 - weight) * max(s.used, 0.0) >= p.pair_gain and not in_series(text, s.start)


_PHRASE_FREQ = 10


@lru_cache(maxsize=1)
def _idiom_halves() -> tuple[frozenset[str], frozenset[str]]:
    """First and second halves of the four-character idioms: a window one character off an idiom
    keeps one half intact, so two set lookups rule out almost every window before the index."""
    from doclint.text.lexicon import DATA

    words = [line.split()[0] for line in (DATA / "idioms.txt").read_text("utf-8").splitlines() if line.strip()]
    four = [w for w in words if len(w) == 4]
    return frozenset(w[:2] for w in four), frozenset(w[2:] for w in four)


@lru_cache(maxsize=8192)
def _idiom_windows(text: str, max_freq: int, rare_char: int = -1) -> tuple[Suspect, ...]:
    """Four-character windows one confusable character (homophone, near shape, same phonetic) away
    from an idiom of the list: 黄梁美梦 → 黄粱美梦, 磬竹难书 → 罄竹难书; with ``rare_char`` ≥ 0, also
    one rare character of any kind away when the window is no word at all (kind ``idiom_unrelated``)."""
    from doclint.text.lexicon import lexicon

    lex = lexicon()
    first, second = _idiom_halves()
    out: list[Suspect] = []
    for m in _HAN_RUN.finditer(text):
        run, base = m.group(), m.start()
        for s in range(len(run) - 3):
            window = run[s : s + 4]
            head, tail = window[:2] in first, window[2:] in second
            if not (head or tail) or lex.freq(window) > max_freq or lex.is_idiom(window):
                continue
            # The intact half tells where the changed character can be.
            places = (2, 3, 0, 1) if head and tail else (2, 3) if head else (0, 1)
            for k in places:
                ch = window[k]
                fills = lex.idiom_fills(f"{window[:k]}?{window[k + 1:]}")
                if not fills:
                    continue
                same, other, shape, series = lex.confusion.get(ch, ("", "", "", ""))
                # A near shape alone is weaker: a window of two good words is a phrase (白底|黑字).
                phrase = min(lex.freq(window[:2]), lex.freq(window[2:])) >= _PHRASE_FREQ
                absent = lex.freq(window) == 0
                loose = absent and not phrase and lex.freq(ch) <= rare_char
                for x in fills:
                    if x == ch:
                        continue
                    near = x in same or x in other or (x in shape + series and not phrase)
                    if near or loose:
                        fix = window[:k] + x + window[k + 1 :]
                        kind = "idiom" if near else "idiom_unrelated"
                        out.append(Suspect(base + s, base + s + 4, window, fix, 0.0, kind, True, absent))
                        break
    return tuple(out)


def _merge(first: list[Suspect], extra: Sequence[Suspect]) -> list[Suspect]:
    """``first`` plus the suspects of ``extra`` that overlap none of it, in text order."""
    out = list(first)
    for e in extra:
        if all(e.end <= t.start or t.end <= e.start for t in out):
            out.append(e)
    return sorted(out)


_REPEAT = regexes.compile(r"(\p{Han}{1,4})\1")


class RepeatedParams(CheckerParams):
    """Parameters of ``checker: repeated-word``."""

    # Reduplication the language allows, tried on the repeat with a few characters either side
    # (研究研究, 一步一步, 不了了之, 的的确确, AABB forms are ruled out by the code itself).
    allow: Regex | None = None
    context: int = Field(default=4, ge=0)
    # A doubled character the dictionary records this often is a word (常常 5147, 看看, 谢谢).
    word_freq: int = Field(default=20, ge=0)
    # POS tags (jieba prefixes) of a single character whose doubling is a slip: function words and
    # verbs (在在, 的的, 和和, 要要). Nouns, numerals, classifiers and time words double to mean
    # "every" (人人, 项项, 年年) and are left alone.
    slip_tags: list[str] = Field(default_factory=lambda: ["p", "c", "u", "v", "d", "r", "f"])
    # Particles written before a word that starts with the same character (经了了解 → 了解).
    particle_tags: list[str] = Field(default_factory=lambda: ["u"])


@register("repeated-word")
class RepeatedWord(Checker):
    """A word or character written twice in a row by mistake (加强加强, 的的), decided on the
    segmenter's tokens and the lexicon's POS tags rather than a list of strings.

    A 2–4 character unit repeated counts when both copies end on token boundaries (认真落实|落实,
    but not 企业|创业|创新). A single character repeated counts when both copies are tokens of
    their own, the pair is not a dictionary word and the character's POS is one whose doubling the
    language does not use (在|在, 的|的; not 人人, 项项, 常常); or when a particle precedes a word
    starting with the same character (经|了|了解, but 为了|了解).

    Message variables: ``match`` (the repeated text), ``x`` (the unit written twice).
    """

    Params = RepeatedParams
    variables = frozenset({"match", "x"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, RepeatedParams)
        self.params = p
        self.allow = regexes.compile(p.allow) if p.allow else None
        self.slip_tags = tuple(p.slip_tags)
        self.particle_tags = tuple(p.particle_tags)

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            text = seg.text
            if not _REPEAT.search(text):
                continue
            for start in sorted({m.start() for m in _REPEAT.finditer(text, overlapped=True)}):
                for size in (4, 3, 2, 1):
                    mid, end = start + size, start + 2 * size
                    if end > len(text) or text[start:mid] != text[mid:end] or not _REPEAT.match(text, start, end):
                        continue
                    if self._slip(ctx, text, start, size):
                        unit = text[start:mid]
                        yield Hit(seg, start, end, vars={"match": text[start:end], "x": unit})
                    break

    def _slip(self, ctx: Context, text: str, start: int, size: int) -> bool:
        from doclint.text.lexicon import lexicon

        mid, end = start + size, start + 2 * size
        p = self.params
        if self.allow is not None and self.allow.search(text, max(0, start - p.context), min(len(text), end + p.context)):
            return False
        tokens = ctx.segmenter.tokens(text)
        ends = {t for _s, t in tokens}
        lex = lexicon()
        if size > 1:
            if mid not in ends or end not in ends:
                return False
            # A noun whose second copy heads a compound is two words (PPP项目|项目常务经理).
            after = dict(tokens).get(end)
            return not (lex.tag(text[start:mid]).startswith("n") and after is not None
                        and lex.tag(text[end:after]).startswith(("n", "b")))
        if end + 1 < len(text) and text[end] == text[end + 1]:
            return False  # AABB: 清清楚楚, 和和美美
        spans = dict(tokens)
        first = spans.get(start) == mid
        if not first:
            return False
        tag = lex.tag(text[start])
        if spans.get(mid) == end:  # 在|在: both copies stand alone
            return lex.freq(text[start:end]) < p.word_freq and tag.startswith(self.slip_tags)
        return tag.startswith(self.particle_tags)  # 经|了|了解
