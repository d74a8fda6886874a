"""What correct 公文 prose says: a character n-gram index of ``data/gongwen_text.txt``.

The text is the correct sentences of the tune half of ECSpell odw and doclint's clean corpus drafts
(``scripts/build_wording_data.py --sound``). Every 2–4 character substring is packed into a marisa
trie under the doclint cache directory on first use. The spelling detector asks two things of it:
is the correction a form 公文 uses while the written form is not (税务 against 水务), and do the
characters around a window read as 公文 reads them with the correction (规划纲要 against 桂花纲要).
"""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any

from doclint.text.lexicon import DATA

BUILD = "1"
LENGTHS = (2, 3, 4)

_LOCK = threading.Lock()
_LOADED: list[Domain] = []


class Domain:
    """Read-only lookups; safe to share between threads."""

    def __init__(self, grams: Any) -> None:
        self.grams = grams

    def uses(self, text: str) -> bool:
        """True when ``text`` (2–4 characters) occurs in the 公文 text."""
        return text in self.grams

    def bonus(self, written: str, fix: str, bonus: float) -> float:
        """``bonus`` when the 公文 text uses ``fix`` and never ``written``; ``-bonus`` the other way
        round (助医 in 助餐、助浴、助医 is a 公文 form, not a slip for 注意)."""
        grams = self.grams
        return bonus * ((fix in grams) - (written in grams))

    def context(self, block: str, s: int, e: int, fix: str) -> int:
        """Net count of 3–4 character grams spanning the window's edge that the 公文 text uses with
        ``fix`` in ``[s, e)`` and not with the text as written."""
        grams = self.grams
        fixed = block[max(0, s - 3) : s] + fix + block[e : e + 3]
        written = block[max(0, s - 3) : e + 3]
        lo = min(s, 3)  # the window's start in the excerpt
        hi = lo + e - s
        net = 0
        for n in (3, 4):
            for i in range(max(0, lo - n + 1), min(hi, len(written) - n + 1)):
                if i >= lo and i + n <= hi:
                    continue  # inside the window: the word model's business
                net += (fixed[i : i + n] in grams) - (written[i : i + n] in grams)
        return net


def domain() -> Domain:
    """The shared index, built on first use and cached on disk."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(_load())
    return _LOADED[0]


def _load() -> Domain:
    import marisa_trie

    from doclint._cache import disk

    source = DATA / "gongwen_text.txt"
    d = disk.cache_dir()
    key = disk.key_for([source]) + BUILD
    path = d / f"domain-{key}.trie" if d is not None else None
    if path is not None:
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            grams = marisa_trie.Trie()
            grams.mmap(str(path))
            return Domain(grams)
    found: set[str] = set()
    for line in source.read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        for n in LENGTHS:
            found.update(line[i : i + n] for i in range(len(line) - n + 1))
    grams = marisa_trie.Trie(found)
    if path is not None:
        with contextlib.suppress(OSError):
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = f"{path}.{os.getpid()}.tmp"
            grams.save(tmp)
            os.replace(tmp, path)
            for old in path.parent.glob("domain-*"):
                if old != path:
                    with contextlib.suppress(OSError):
                        old.unlink()
    return Domain(grams)
