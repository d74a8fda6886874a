"""Non-words and rare words one character away from a common word (IME and near-shape slips).

A noisy-channel test on the unigram word model of the packed lexicon: for each character and
each 2–4 character window around it, the dictionary words that differ from the window only in
that character and whose character is a homophone or a near-shape of the written one are tried.
The window is suspect when the best segmentation of the paragraph with the substitution beats
the best segmentation of the text as written by more than the substitution's cost (a log-
probability per kind of confusion). Frequencies decide, not membership: jieba's dictionary holds
wrong forms with tiny counts (布署 2 against 部署 3333).

Context beyond the unigram model: two-character windows read exactly like another word (墙画/强化,
:mod:`doclint.text.soundalike`), character pairs the ECSpell tune half shows confused, and what a
small body of correct 公文 prose says (:mod:`doclint.text.domain`): whether it uses the correction
or the written form, and whether the characters around the window read as it reads them.
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import regex

from doclint.text.domain import Domain, domain
from doclint.text.lexicon import Lexicon, lexicon
from doclint.text.segment import backward
from doclint.text.soundalike import Soundalikes, soundalikes

_HAN_RUN = regex.compile(r"\p{Han}+")
# A run right before 〔year〕 is the organ code of a document number (临财函〔2024〕27号): an abbreviation.
_DOC_NUMBER = regex.compile(r"[〔\[［(（]\d{4}[〕\]］)）]")
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
# jieba's nz also tags wrong forms (大姆指): only when common; a four-character "nr" is a mis-tagged
# idiom (融汇贯通 nr 7), not a personal name.
FROZEN_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
NZ_FROZEN_FREQ = 50
_NO_CONFUSION = ("", "", "", "")
_NONE = (0.0, 0.0)
_ADMIN = frozenset("省市县区镇乡村")
_ADMIN2 = frozenset({"街道", "社区", "园区", "新区"})
_ANY = (True, True, True, True)
OFF = 50.0  # a cost this high switches a kind of substitution off


class Costs(NamedTuple):
    """Log-probability cost of a substitution by kind, and the other thresholds."""

    same_tone: float = 5.5
    other_tone: float = 7.5
    shape: float = 6.0  # near-shape (拔/拨, 肆/肄): cross-validated on the odw tune half, 7.5 before
    series: float = 8.5  # same phonetic series (撤/彻): looks and sounds alike, but the classes are broad
    unrelated: float = 99.0  # any other character, windows of three or more (off: too many false alarms)
    idiom: float = 2.0  # any confusable character when the result is an idiom of the idiom list
    idiom_shape: float = 3.0  # a near-shape character when the result is an idiom
    idiom_unrelated: float = 99.0  # any other character (破釜沉船): off, 公文 coins idiom-like phrases (点绿成金)
    rare_word: float = 2.0  # the written window is a word jieba lists with a tiny count (漫延 6): a recorded slip;
    # 2.0 by cross-validation on the odw tune half (3.0 before: 侯车 3 against 候车 27 was lost)
    rare_freq: int = 30
    ratio: float = 20.0  # the candidate word must be this many times more frequent than the window as written
    min_freq: int = 10  # … and at least this frequent
    sound_word: float = 9.0  # a two-character window read exactly like a different common word (墙画/强化)
    learned: float = 5.5  # a character pair seen confused in the tune half of ECSpell odw (呆/保, 木/术)
    domain: float = 2.0  # bonus when 公文 text uses the correction and never the written form (税务/水务)
    context: float = 1.5  # bonus per 3–4 character gram across the window's edge that 公文 text uses with the fix
    context_max: float = 4.0  # … at most this much in all


DEFAULT = Costs()


class Suspect(NamedTuple):
    """A window ``[start, end)`` that should read ``fix``; ``gain`` is the margin in log-probability."""

    start: int
    end: int
    written: str
    fix: str
    gain: float
    kind: str  # same_tone | other_tone | shape | series | learned | unrelated | sound_word
    idiom: bool
    absent: bool  # the window as written is not a dictionary word at all
    used: float = 0.0  # the part of ``gain`` given because 公文 prose uses ``fix`` and not ``written``
    context: float = 0.0  # the part given by the characters around the window (see :func:`_bonus`)


def forward(lex: Lexicon, text: str, starts: list[list[tuple[int, int]]] | None = None) -> list[float]:
    """Best log-probability of ``text[:i]`` for each i (``starts``: :meth:`Lexicon.starting` per position)."""
    n = len(text)
    lt = lex.log_total
    freq = lex.freq_by_id
    log = math.log
    best = [-math.inf] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        cands = starts[i] if starts is not None else lex.starting(text, i)
        here = best[i]
        single = 1
        for end, k in cands:
            if end == i + 1 and freq[k]:
                single = freq[k]
        s = here + log(single) - lt
        if s > best[i + 1]:  # noqa: PLR1730 (a comparison is cheaper than max() in this hot loop)
            best[i + 1] = s
        for end, k in cands:
            f = freq[k]
            if f and end > i + 1:
                s = here + log(f) - lt
                if s > best[end]:  # noqa: PLR1730
                    best[end] = s
    return best


def suspects(text: str, costs: Costs | None = None) -> tuple[Suspect, ...]:
    """Non-overlapping suspect windows of ``text``, best first within each overlap."""
    return _suspects(text, costs or DEFAULT)


@lru_cache(maxsize=8192)
def _suspects(text: str, costs: Costs) -> tuple[Suspect, ...]:
    found: list[Suspect] = []
    for m in _HAN_RUN.finditer(text):
        if len(m.group()) >= 2 and not _DOC_NUMBER.match(text, m.end()):
            at = m.start()
            # Right after a figure the run starts with its unit or classifier (8.6亿条, 3万元, 5个百分点):
            # a number's unit is not a word slip, and the word model sees it cut off from its number.
            after_figure = at > 0 and (text[at - 1].isdigit() or text[at - 1] in ".%％")
            found += [x._replace(start=x.start + at, end=x.end + at) for x in _run(m.group(), costs)
                      if not (after_figure and x.start == 0)]
    found.sort(key=lambda s: -s.gain)
    taken: list[Suspect] = []
    for s in found:
        if all(s.end <= t.start or t.end <= s.start for t in taken):
            taken.append(s)
    return tuple(sorted(taken))


@lru_cache(maxsize=16384)
def _run(block: str, costs: Costs) -> tuple[Suspect, ...]:
    """Suspects of one run of Han characters, offsets from its start (runs recur across paragraphs)."""
    return tuple(_block(lexicon(), block, 0, costs, soundalikes(), domain()))


def _block(lex: Lexicon, block: str, base: int, costs: Costs, sounds: Soundalikes, dom: Domain) -> list[Suspect]:
    n = len(block)
    starts = [lex.starting(block, i) for i in range(n)]
    back, nxt = backward(lex, block, starts)
    fwd = forward(lex, block, starts)
    total = back[0]
    lt = lex.log_total
    # Tokens of the best path tagged as names, places or organisations are never corrected.
    # Only characters where the best segmentation falters are tried: a single-character token or
    # a token the dictionary lists with a tiny count (a slip seldom leaves a common word behind).
    frozen = [False] * n
    weak = [False] * n
    i = 0
    while i < n:
        e = nxt[i]
        word = block[i:e]
        tag = lex.tag(word) if e - i > 1 else ""
        if (tag in FROZEN_TAGS and not (tag == "nr" and e - i >= 4)) or (tag == "nz" and lex.freq(word) >= NZ_FROZEN_FREQ):
            for k in range(i, e):
                frozen[k] = True
        elif e - i == 1 or lex.freq(word) <= costs.rare_freq:
            for k in range(i, e):
                weak[k] = True
        i = e
    # A pair the dictionary lacks right before 镇/区/社区… is a place name (芹泉镇, 鄠邑区, 尤李社区).
    for e in range(2, n):
        if (block[e] in _ADMIN or block[e : e + 2] in _ADMIN2) and not lex.freq(block[e - 2 : e]):
            frozen[e - 2] = frozen[e - 1] = True
    out: list[Suspect] = []
    cost_of = {"same_tone": costs.same_tone, "other_tone": costs.other_tone, "shape": costs.shape,
               "series": costs.series, "learned": costs.learned, "unrelated": costs.unrelated}
    # No candidate is more frequent than the most frequent candidate of its length: a window where
    # even that could not beat the text as written is skipped before any lookup (most windows are).
    # The bonus of 公文 context only settles candidates that pass this bound without it (speed).
    word_cost = min(costs.same_tone, costs.other_tone, costs.shape, costs.series, costs.unrelated, costs.learned)
    rare_cost = min(word_cost, costs.rare_word)
    idiom_room = lex.log_wild_max["idiom"] - lt - min(costs.idiom, costs.idiom_shape, costs.idiom_unrelated)
    room = {k: max(lex.log_wild_max[str(k)] - lt - rare_cost, idiom_room if k == 4 else -math.inf) for k in (2, 3, 4)}
    strict = {k: max(lex.log_wild_max[str(k)] - lt - word_cost, idiom_room if k == 4 else -math.inf) for k in (2, 3, 4)}
    only_confusable = costs.unrelated >= OFF and costs.idiom_unrelated >= OFF
    most = _most(costs)
    confusion = lex.confusion
    # A whole-word slip leaves a faltering spot or a token of its own (墙画), never two good words.
    pairs = [s for s in range(n - 1) if not (frozen[s] or frozen[s + 1]) and (weak[s] or weak[s + 1] or nxt[s] == s + 2)]
    out += _whole_words(lex, sounds, dom, block, base, costs, pairs, fwd, back)
    # Running counts of frozen and weak characters: a window's test is two subtractions, not a slice.
    n_frozen = [0] * (n + 1)
    n_weak = [0] * (n + 1)
    for k in range(n):
        n_frozen[k + 1] = n_frozen[k] + frozen[k]
        n_weak[k + 1] = n_weak[k] + weak[k]
    confs: list[tuple[tuple[str, str, str, str], str, frozenset[str]] | None] = [None] * n
    for s in range(n - 1):
        for length in (2, 3, 4):
            e = s + length
            if e > n:
                break
            if n_frozen[e] != n_frozen[s]:
                continue
            # A slip leaves the segmentation faltering (a single-character or recorded-rare token),
            # except in an idiom, which splits into two good words (既往|开来): those use the idiom list.
            idiom_only = n_weak[e] == n_weak[s]
            if idiom_only and length != 4:
                continue
            slack = total - fwd[s] - back[e]
            if slack >= (idiom_room if idiom_only else room[length]):
                continue
            window = block[s:e]
            if not idiom_only and slack >= strict[length] and not 0 < lex.freq(window) <= costs.rare_freq:
                continue
            if length == 2 and lex.inside_word(window):
                continue
            written_freq = -1  # looked up when a candidate needs it (most windows have none)
            # positions where some common word (idiom) of the window's length could differ: a word one
            # character away keeps the window's other half (2–3 lookups instead of one per position)
            fillable = _ANY if length == 2 else lex.fillable(window, idiom_only)
            if True not in fillable:
                continue
            for i in range(s, e):
                if not fillable[i - s]:
                    continue
                got = confs[i]
                if got is None:
                    got = confs[i] = _confusable(block[i], confusion, sounds)
                conf, learned, conf_set = got
                if only_confusable and not conf_set:  # no candidate can survive the filter below
                    continue
                pattern = window[: i - s] + "?" + window[i - s + 1 :]
                fills = lex.idiom_fills(pattern) if idiom_only else lex.fills(pattern)
                if not fills:
                    continue
                if only_confusable:
                    fills = [x for x in fills if x in conf_set]
                    if not fills:
                        continue
                if written_freq < 0:
                    written_freq = lex.freq(window)
                for x in fills:
                    kind = ("same_tone" if x in conf[0] else "other_tone" if x in conf[1] else "shape" if x in conf[2]
                            else "series" if x in conf[3] else "learned" if x in learned else "")
                    if not kind and length < 3:
                        continue
                    fix = window[: i - s] + x + window[i - s + 1 :]
                    f = lex.freq(fix)
                    idiom = lex.is_idiom(fix) and not lex.is_idiom(window)
                    if not kind:
                        kind = "unrelated"
                    if idiom:  # the idiom list is the authority: jieba lists some wrong forms (食不裹腹 2)
                        pass
                    elif f < costs.min_freq or f < costs.ratio * written_freq:
                        continue
                    if idiom:  # a near-shape idiom variant may be a phrase of its own (白底黑字): dearer
                        cost = {"unrelated": costs.idiom_unrelated, "shape": costs.idiom_shape,
                                "series": costs.idiom_shape}.get(kind, costs.idiom)
                    else:
                        cost = cost_of[kind]
                    # (idioms keep their own costs: the idiom list, not the word's count, is the authority)
                    if not idiom and kind not in ("unrelated", "series") and 0 < written_freq <= costs.rare_freq:
                        cost = min(cost, costs.rare_word)
                    if x in learned:
                        cost = min(cost, costs.learned)
                    gain = fwd[s] + math.log(f) - lt + back[e] - total - cost
                    used, edge = _bonus(dom, block, s, e, window, fix, costs, gain) if not idiom and gain + most > 0 else _NONE
                    gain += used + edge
                    # jieba tags some idioms nr (融会贯通): names are never proposed, idioms are
                    if gain > 0 and (idiom or lex.tag(fix) not in NAME_TAGS):
                        out.append(Suspect(base + s, base + e, window, fix, gain, kind, idiom, written_freq == 0, used, edge))
    return out


_CONFUSABLE: dict[str, tuple[tuple[str, str, str, str], str, frozenset[str]]] = {}


def _confusable(ch: str, confusion: dict[str, tuple[str, str, str, str]],
                sounds: Soundalikes) -> tuple[tuple[str, str, str, str], str, frozenset[str]]:
    """The confusion sets of ``ch``, its learned partners and their union (remembered: a few thousand characters)."""
    got = _CONFUSABLE.get(ch)
    if got is None:
        conf = confusion.get(ch, _NO_CONFUSION)
        learned = sounds.learned(ch)
        got = _CONFUSABLE[ch] = (conf, learned, frozenset(conf[0] + conf[1] + conf[2] + conf[3] + learned))
    return got


def _whole_words(lex: Lexicon, sounds: Soundalikes, dom: Domain, block: str, base: int, costs: Costs, pairs: list[int],
                 fwd: list[float], back: list[float]) -> list[Suspect]:
    """Two-character windows read exactly like a different, much more common word (墙画 → 强化)."""
    out: list[Suspect] = []
    total = back[0]
    lt = lex.log_total
    most = _most(costs)
    room = lex.log_wild_max["2"] - lt - min(costs.sound_word, costs.learned)
    for s in pairs:
        e = s + 2
        # a reduplicated pair (哒哒, 冉冉) is a name or a sound, not a word typed by its syllables
        if block[s] == block[s + 1] or total - fwd[s] - back[e] >= room:
            continue
        window = block[s:e]
        alikes = sounds.alikes(window)
        if not alikes:
            continue
        written_freq = lex.freq(window)
        for fix in alikes:
            f = lex.freq(fix)
            if f < costs.min_freq or f < costs.ratio * written_freq:
                continue
            cost = costs.sound_word
            if fix[0] in sounds.learned(window[0]) and fix[1] in sounds.learned(window[1]):
                cost = min(cost, costs.learned)
            gain = fwd[s] + math.log(f) - lt + back[e] - total - cost
            used, edge = _bonus(dom, block, s, e, window, fix, costs, gain) if gain + most > 0 else _NONE
            gain += used + edge
            if gain > 0:
                out.append(Suspect(base + s, base + e, window, fix, gain, "sound_word", False, written_freq == 0, used, edge))
    return out


def _most(costs: Costs) -> float:
    """The largest bonus :func:`_bonus` may give (candidates that could not pass even so skip it)."""
    return costs.domain + costs.context_max


def _bonus(dom: Domain, block: str, s: int, e: int, window: str, fix: str, costs: Costs,
           gain: float) -> tuple[float, float]:
    """What 公文 prose says for the correction: (it uses the corrected form and never the written
    one, the characters around the window read as 公文 reads them with the correction). The second
    is left at 0 when even its largest value could not lift ``gain`` above 0 (the candidate is dropped)."""
    used = dom.bonus(window, fix, costs.domain)
    if not costs.context or gain + used + costs.context_max <= 0:
        return used, 0.0
    return used, max(0.0, min(costs.context_max, costs.context * dom.context(block, s, e, fix)))


_NUMERALS = frozenset("一二三四五六七八九十两百千万")


def in_series(text: str, start: int) -> bool:
    """Whether the pair ``text[start:start + 2]`` is one of a series of pairs built alike: a neighbouring
    pair (next to it, or across 、) shares its first or second character (助餐、助浴、助医; 带学促学),
    or both begin with a numeral (一淀、三带、九片). 公文 coins such series on purpose; a slip seldom
    falls in with its neighbours."""
    pair = text[start : start + 2]
    if len(pair) < 2:
        return False
    for other in (start - 2, start - 3, start + 2, start + 3):
        gap = text[min(start, other) + 2 : max(start, other)] if other != start else ""
        if other < 0 or other + 2 > len(text) or gap not in ("", "、"):
            continue
        near = text[other : other + 2]
        if not all("\u4e00" <= c <= "\u9fff" for c in near):
            continue
        if near[0] == pair[0] or near[1] == pair[1] or (near[0] in _NUMERALS and pair[0] in _NUMERALS):
            return True
    return False
