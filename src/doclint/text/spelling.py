"""Non-words and rare words one character away from a common word (IME and near-shape slips).

A noisy-channel test on the unigram word model of the packed lexicon: for each character and
each 2–4 character window around it, the dictionary words that differ from the window only in
that character and whose character is a homophone or a near-shape of the written one are tried.
The window is suspect when the best segmentation of the paragraph with the substitution beats
the best segmentation of the text as written by more than the substitution's cost (a log-
probability per kind of confusion). Frequencies decide, not membership: jieba's dictionary holds
wrong forms with tiny counts (布署 2 against 部署 3333).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import NamedTuple

import regex

from doclint.text.lexicon import Lexicon, lexicon
from doclint.text.segment import backward

_HAN_RUN = regex.compile(r"\p{Han}+")
NAME_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt", "nz"})
# jieba's nz also tags wrong forms (大姆指): only when common; a four-character "nr" is a mis-tagged
# idiom (融汇贯通 nr 7), not a personal name.
FROZEN_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})
NZ_FROZEN_FREQ = 50
_NO_CONFUSION = ("", "", "", "")
OFF = 50.0  # a cost this high switches a kind of substitution off


class Costs(NamedTuple):
    """Log-probability cost of a substitution by kind, and the other thresholds."""

    same_tone: float = 5.5
    other_tone: float = 7.5
    shape: float = 7.5
    series: float = 8.5  # same phonetic series (撤/彻): looks and sounds alike, but the classes are broad
    unrelated: float = 99.0  # any other character, windows of three or more (off: too many false alarms)
    idiom: float = 2.0  # any confusable character when the result is an idiom of the idiom list
    idiom_shape: float = 3.0  # a near-shape character when the result is an idiom
    idiom_unrelated: float = 99.0  # any other character (破釜沉船): off, 公文 coins idiom-like phrases (点绿成金)
    rare_word: float = 3.0  # the written window is a word jieba lists with a tiny count (漫延 6): a recorded slip
    rare_freq: int = 30
    ratio: float = 20.0  # the candidate word must be this many times more frequent than the window as written
    min_freq: int = 10  # … and at least this frequent


DEFAULT = Costs()


class Suspect(NamedTuple):
    """A window ``[start, end)`` that should read ``fix``; ``gain`` is the margin in log-probability."""

    start: int
    end: int
    written: str
    fix: str
    gain: float
    kind: str  # same_tone | other_tone | shape | series | unrelated
    idiom: bool
    absent: bool  # the window as written is not a dictionary word at all


def forward(lex: Lexicon, text: str, starts: list[list[tuple[int, int]]] | None = None) -> list[float]:
    """Best log-probability of ``text[:i]`` for each i (``starts``: :meth:`Lexicon.starting` per position)."""
    n = len(text)
    lt = lex.log_total
    freq = lex.freq_by_id
    best = [-math.inf] * (n + 1)
    best[0] = 0.0
    for i in range(n):
        cands = starts[i] if starts is not None else lex.starting(text, i)
        single = 1
        for end, k in cands:
            if end == i + 1 and freq[k]:
                single = freq[k]
        s = best[i] + math.log(single) - lt
        best[i + 1] = max(best[i + 1], s)
        for end, k in cands:
            f = freq[k]
            if f and end > i + 1:
                s = best[i] + math.log(f) - lt
                best[end] = max(best[end], s)
    return best


def suspects(text: str, costs: Costs | None = None) -> tuple[Suspect, ...]:
    """Non-overlapping suspect windows of ``text``, best first within each overlap."""
    return _suspects(text, costs or DEFAULT)


@lru_cache(maxsize=8192)
def _suspects(text: str, costs: Costs) -> tuple[Suspect, ...]:
    found: list[Suspect] = []
    for m in _HAN_RUN.finditer(text):
        if len(m.group()) >= 2:
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
    return tuple(_block(lexicon(), block, 0, costs))


def _block(lex: Lexicon, block: str, base: int, costs: Costs) -> list[Suspect]:
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
    out: list[Suspect] = []
    cost_of = {"same_tone": costs.same_tone, "other_tone": costs.other_tone, "shape": costs.shape,
               "series": costs.series, "unrelated": costs.unrelated}
    # No candidate is more frequent than the most frequent candidate of its length: a window where
    # even that could not beat the text as written is skipped before any lookup (most windows are).
    word_cost = min(costs.same_tone, costs.other_tone, costs.shape, costs.series, costs.unrelated)
    rare_cost = min(word_cost, costs.rare_word)
    idiom_room = lex.log_wild_max["idiom"] - lt - min(costs.idiom, costs.idiom_shape, costs.idiom_unrelated)
    room = {k: max(lex.log_wild_max[str(k)] - lt - rare_cost, idiom_room if k == 4 else -math.inf) for k in (2, 3, 4)}
    strict = {k: max(lex.log_wild_max[str(k)] - lt - word_cost, idiom_room if k == 4 else -math.inf) for k in (2, 3, 4)}
    only_confusable = costs.unrelated >= OFF and costs.idiom_unrelated >= OFF
    confusion = lex.confusion
    for s in range(n - 1):
        for length in (2, 3, 4):
            e = s + length
            if e > n:
                break
            if any(frozen[s:e]):
                continue
            # A slip leaves the segmentation faltering (a single-character or recorded-rare token),
            # except in an idiom, which splits into two good words (既往|开来): those use the idiom list.
            idiom_only = not any(weak[s:e])
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
            for i in range(s, e):
                ch = block[i]
                pattern = window[: i - s] + "?" + window[i - s + 1 :]
                fills = lex.idiom_fills(pattern) if idiom_only else lex.fills(pattern)
                if not fills:
                    continue
                conf = confusion.get(ch, _NO_CONFUSION)
                conf_set = set(conf[0] + conf[1] + conf[2] + conf[3])
                if only_confusable:
                    fills = [x for x in fills if x in conf_set]
                    if not fills:
                        continue
                written_freq = lex.freq(window)
                for x in fills:
                    kind = ("same_tone" if x in conf[0] else "other_tone" if x in conf[1] else "shape" if x in conf[2]
                            else "series" if x in conf[3] else "")
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
                    if not idiom and lex.tag(fix) in NAME_TAGS:  # jieba tags some idioms nr (融会贯通)
                        continue
                    if idiom:  # a near-shape idiom variant may be a phrase of its own (白底黑字): dearer
                        cost = {"unrelated": costs.idiom_unrelated, "shape": costs.idiom_shape,
                                "series": costs.idiom_shape}.get(kind, costs.idiom)
                    else:
                        cost = cost_of[kind]
                    if kind not in ("unrelated", "series") and 0 < written_freq <= costs.rare_freq:
                        cost = min(cost, costs.rare_word)
                    gain = fwd[s] + math.log(f) - lt + back[e] - total - cost
                    if gain > 0:
                        out.append(Suspect(base + s, base + e, window, fix, gain, kind, idiom, written_freq == 0))
    return out
