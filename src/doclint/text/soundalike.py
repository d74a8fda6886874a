"""Whole-word homophones and learned confusion pairs for the spelling detector.

An input method slip often replaces a whole two-character word by another with the same syllables
(强化 → 墙画, 单位 → 淡味, 征收 → 正手): both characters change, so the one-character candidates of
:mod:`doclint.text.spelling` never see it. This index maps the toneless reading of every common
two-character word ("qiang hua") to the words read so, packed in a marisa trie under the doclint
cache directory on first use (like the lexicon). Readings come from ``data/char_pinyin.txt`` (the
most common reading of a character) and ``data/word_pinyin.txt`` (words read otherwise in context),
generated with pypinyin by ``scripts/build_wording_data.py --sound``; pypinyin is not needed at run time.

``learned(ch)``: the characters the tune half of ECSpell odw shows written for ``ch``'s intended
form and vice versa (``data/csc_pairs.txt``): the confusion prior a supervised checker learns.
"""

from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Any

from doclint.text.lexicon import DATA, Lexicon, lexicon

BUILD = "2"
CACHE = 50_000  # pairs remembered
MIN_FREQ = 10  # rarer words are never proposed
SKIP_TAGS = frozenset({"nr", "nrt", "nrfg", "ns", "nt"})

_LOCK = threading.Lock()
_LOADED: list[Soundalikes] = []


class Soundalikes:
    """Read-only lookups; safe to share between threads."""

    def __init__(self, index: Any, learned: dict[str, str]) -> None:
        self.index = index  # a character → its reading; "qiang hua" → the words read so
        self._learned = learned
        self._alikes: dict[str, list[str]] = {}  # 公文 repeats its words: most pairs recur

    def alikes(self, pair: str) -> list[str]:
        """Common two-character words read like ``pair`` (tones aside) that differ from it in both characters."""
        got = self._alikes.get(pair)
        if got is None:
            got = []
            a, b = self.reading(pair[0]), self.reading(pair[1])
            found = self.index.get(f"{a[:-1]} {b[:-1]}") if a and b else None
            if found:
                got = [w for w in found[0].decode("utf-8").split() if w[0] != pair[0] and w[1] != pair[1]]
            if len(self._alikes) < CACHE:
                self._alikes[pair] = got
        return got

    def reading(self, ch: str) -> str:
        """The most common reading of ``ch`` with its tone digit ("qiang2"), '' when unknown."""
        found = self.index.get(ch)
        return found[0].decode("ascii") if found else ""

    def learned(self, ch: str) -> str:
        """Characters seen confused with ``ch`` (either way) in the tune half of ECSpell odw."""
        return self._learned.get(ch, "")


def soundalikes() -> Soundalikes:
    """The shared index, built on first use and cached on disk."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(_load())
    return _LOADED[0]


def _sources() -> list[Path]:
    return [DATA / n for n in ("char_pinyin.txt", "word_pinyin.txt", "csc_pairs.txt")]


def _table(name: str) -> list[list[str]]:
    return [line.split("\t") for line in (DATA / name).read_text("utf-8").splitlines()
            if line and not line.startswith("#")]


def _load() -> Soundalikes:
    import marisa_trie

    from doclint._cache import disk

    lex = lexicon()
    learned: dict[str, str] = {}
    for row in _table("csc_pairs.txt"):
        a, b = row[0], row[1]
        learned[a] = learned.get(a, "") + b
        learned[b] = learned.get(b, "") + a
    d = disk.cache_dir()
    key = disk.key_for(_sources()) + BUILD + f"-{len(lex.words)}"
    if d is not None:
        path = d / f"soundalike-{key}.trie"
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            index = marisa_trie.BytesTrie()
            index.mmap(str(path))
            return Soundalikes(index, learned)
    index = _build(lex)
    if d is not None:
        with contextlib.suppress(OSError):
            d.mkdir(parents=True, exist_ok=True)
            tmp = f"{d / f'soundalike-{key}.trie'}.{os.getpid()}.tmp"
            index.save(tmp)
            os.replace(tmp, d / f"soundalike-{key}.trie")
            for old in d.glob("soundalike-*"):
                if old.name != f"soundalike-{key}.trie":
                    with contextlib.suppress(OSError):
                        old.unlink()
    return Soundalikes(index, learned)


def _build(lex: Lexicon) -> Any:
    import marisa_trie

    reading = {row[0]: row[1] for row in _table("char_pinyin.txt")}
    context = {row[0]: row[1].split() for row in _table("word_pinyin.txt")}
    groups: dict[str, list[str]] = {}
    for w in lex.words:
        if len(w) != 2 or lex.freq(w) < MIN_FREQ or lex.tag(w) in SKIP_TAGS:
            continue
        keys = set()
        a, b = reading.get(w[0]), reading.get(w[1])
        if a and b:
            keys.add(f"{a[:-1]} {b[:-1]}")
        if w in context:
            x, y = context[w]
            keys.add(f"{x[:-1]} {y[:-1]}")
        for k in keys:
            groups.setdefault(k, []).append(w)
    entries = [(k, " ".join(v).encode("utf-8")) for k, v in groups.items()]
    entries += [(c, r.encode("ascii")) for c, r in reading.items()]
    return marisa_trie.BytesTrie(entries)
