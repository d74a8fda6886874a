"""Word boundaries: jieba's dictionary segmentation (HMM off), run on the packed lexicon.

The algorithm is jieba's ``cut(HMM=False)``: in each run of Han characters, letters and digits,
the path through the dictionary-word graph with the highest product of word probabilities
(an unknown single character counts as frequency 1). Reading the packed lexicon costs a few
milliseconds instead of the ~1.5 s jieba needs to load its dictionary.
"""

from __future__ import annotations

from functools import lru_cache

import regex

from doclint.text.lexicon import Lexicon, lexicon

_BLOCK = regex.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]+")
_ASCII = regex.compile(r"[a-zA-Z0-9]")


class Segmenter:
    """Token boundaries of a text. The lexicon is read-only, so sharing is safe."""

    def boundaries(self, text: str) -> frozenset[int]:
        """Offsets where a token starts or ends."""
        return _boundaries(text)

    def tokens(self, text: str) -> tuple[tuple[int, int], ...]:
        """(start, end) of every token, in order."""
        return _tokens(text)


def backward(lex: Lexicon, text: str, starts: list[list[tuple[int, int]]] | None = None) -> tuple[list[float], list[int]]:
    """Best log-probability of ``text[i:]`` and the end of the first word on that path, for each i
    (``starts``: :meth:`Lexicon.starting` per position, when the caller has them)."""
    n = len(text)
    best = [0.0] * (n + 1)
    nxt = [n] * (n + 1)
    freq = lex.freq_by_id
    lt = lex.log_total
    log = _log
    for i in range(n - 1, -1, -1):
        cands = starts[i] if starts is not None else lex.starting(text, i)
        single = 1
        for end, k in cands:
            if end == i + 1 and freq[k]:
                single = freq[k]
        b = log(single) - lt + best[i + 1]
        e = i + 1
        for end, k in cands:
            f = freq[k]
            if f and end > i + 1:
                s = log(f) - lt + best[end]
                if s >= b:  # jieba breaks ties towards the longer word
                    b, e = s, end
        best[i] = b
        nxt[i] = e
    return best, nxt


@lru_cache(maxsize=1 << 16)
def _log(f: int) -> float:
    import math

    return math.log(f)


@lru_cache(maxsize=4096)
def _tokens(text: str) -> tuple[tuple[int, int], ...]:
    lex = lexicon()
    out: list[tuple[int, int]] = []
    last = 0
    for m in _BLOCK.finditer(text):
        block = m.group()
        base = m.start()
        out += [(k, k + 1) for k in range(last, base)]  # jieba yields other characters one by one
        last = m.end()
        _best, nxt = backward(lex, block)
        i = 0
        ascii_from = -1
        while i < len(block):
            e = nxt[i]
            if e == i + 1 and _ASCII.match(block[i]):  # jieba joins single letters and digits
                if ascii_from < 0:
                    ascii_from = i
            else:
                if ascii_from >= 0:
                    out.append((base + ascii_from, base + i))
                    ascii_from = -1
                out.append((base + i, base + e))
            i = e
        if ascii_from >= 0:
            out.append((base + ascii_from, base + len(block)))
    out += [(k, k + 1) for k in range(last, len(text))]
    return tuple(out)


@lru_cache(maxsize=4096)
def _boundaries(text: str) -> frozenset[int]:
    out = {0, len(text)}
    for start, end in _tokens(text):
        out.add(start)
        out.add(end)
    return frozenset(out)
