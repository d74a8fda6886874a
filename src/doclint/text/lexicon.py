"""The word-frequency dictionary, idiom list and confusion sets in a packed, memory-mapped form.

jieba's ``dict.txt`` (about 350,000 words with frequencies and part-of-speech tags) takes over a
second to parse. It is packed once, on first use, into marisa tries and flat arrays under the
doclint cache directory; later processes map them in a few milliseconds. What goes in:

- every word of jieba's dictionary: frequency and part-of-speech tag;
- the idioms of THUOCL's 成语 list (flagged; added when jieba lacks them);
- a "one character wild" index of common words (``部?`` → 署, 分 …) so the candidates one
  substitution away from a text window are found with one lookup instead of one per character;
- the character pairs that occur inside longer words (a pair such as 客服 is then no slip);
- the confusion sets (same pinyin and tone, same pinyin other tone, similar shape) of pycorrector.

See ``src/doclint/data/SOURCES.md`` for the sources and licences.
"""

from __future__ import annotations

import array
import contextlib
import importlib.util
import json
import math
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent.parent / "data"
IDIOM = 0x80  # bit set in a word's tag byte when it is in the idiom list
WILD_MIN_FREQ = 3  # words rarer than this are never proposed as a correction
WILD_LENGTHS = (2, 3, 4)
INNER_MIN_FREQ = 10  # rarer words may themselves hold a wrong form (沉缅于)
FILLS_CACHE = 50_000  # patterns remembered (~10 MB at most)

_LOCK = threading.Lock()
_LOADED: list[Lexicon] = []


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or spec.origin is None:  # pragma: no cover - jieba is a dependency
        raise RuntimeError("jieba is not installed")
    return Path(spec.origin).parent / "dict.txt"


BUILD = "12"  # bump when the packing changes


def _jieba_identity() -> list[Any]:
    path = _jieba_dict()
    st = path.stat()
    return [str(path), st.st_size, st.st_mtime_ns]


def _sources() -> list[Path]:
    """The shipped data files (jieba's dictionary is checked by its recorded size and time instead:
    finding the installed package scans sys.path, ~40 ms)."""
    names = ("idioms.txt", "gongwen_words.txt", "same_pinyin.txt", "same_stroke.txt", "phonetic_series.txt")
    return [DATA / n for n in names]


class Lexicon:
    """Read-only lookups; safe to share between threads."""

    def __init__(self, words: Any, wild: Any, idiom_wild: Any, inner: Any, freq: Sequence[int],
                 tags: Sequence[int], tag_names: list[str], confusion: dict[str, tuple[str, str, str, str]],
                 wild_max: dict[str, int], total: int, halves: Any) -> None:
        self.words = words
        self.wild = wild
        self.halves = halves
        self.idiom_wild = idiom_wild
        self.inner = inner
        self.freq_by_id = freq
        self.tags = tags
        self.tag_names = tag_names
        self.confusion = confusion
        self.total = float(total)
        self.log_total = math.log(self.total)
        self.log_wild_max = {k: math.log(v) for k, v in wild_max.items()}
        self.wild_max = wild_max
        self._fills: dict[str, list[str]] = {}  # 公文 repeats its words: most patterns recur
        self.max_len = 24  # the longest entries are place names such as 云南省德宏傣族景颇族自治州

    def freq(self, word: str) -> int:
        """Frequency of ``word`` in the dictionary, 0 when absent."""
        i = self.words.get(word)
        return 0 if i is None else self.freq_by_id[i]

    def tag(self, word: str) -> str:
        """Part-of-speech tag of ``word`` (jieba's tag set), '' when absent."""
        i = self.words.get(word)
        return "" if i is None else self.tag_names[self.tags[i] & 0x7F]

    def is_idiom(self, word: str) -> bool:
        """True when ``word`` is in the idiom list."""
        i = self.words.get(word)
        return i is not None and bool(self.tags[i] & IDIOM)

    def starting(self, text: str, i: int) -> list[tuple[int, int]]:
        """(end, word id) of every dictionary word starting at ``text[i]``."""
        return [(i + len(w), k) for w, k in self.words.iter_prefixes_with_ids(text[i : i + self.max_len])]

    def inside_word(self, pair: str) -> bool:
        """True when the two characters occur together inside a longer dictionary word (客服 in 客服中心)."""
        return pair in self.inner

    def idiom_fills(self, pattern: str) -> str:
        """Characters that make a four-character idiom of ``pattern`` (a packed index of ~34,000 keys)."""
        found = self.idiom_wild.get(pattern)
        return found[0].decode("utf-8") if found else ""

    def fillable(self, window: str, idiom: bool = False) -> tuple[bool, ...]:
        """For each position of a three- or four-character window, whether some common word of its
        length (``idiom``: some four-character idiom) differs from it only there (all True for other
        lengths). Such a word keeps the window's other half (or, for three characters, its ends); a
        packed index of those halves answers in two or three lookups what :meth:`fills` answers in one
        lookup per position."""
        h = self.halves
        if idiom:
            tail = "i>" + window[2:] in h
            head = "i<" + window[:2] in h
            return (tail, tail, head, head)
        if len(window) == 4:
            tail = "4>" + window[2:] in h
            head = "4<" + window[:2] in h
            return (tail, tail, head, head)
        if len(window) == 3:
            return ("3>" + window[1:] in h, "3=" + window[0] + window[2] in h, "3<" + window[:2] in h)
        return (True,) * len(window)

    def fills(self, pattern: str) -> list[str]:
        """Characters that make a common word of ``pattern`` (one character replaced by '?')."""
        got = self._fills.get(pattern)
        if got is None:
            found = self.wild.get(pattern)
            got = list(found[0].decode("utf-8")) if found else []
            if len(self._fills) < FILLS_CACHE:
                self._fills[pattern] = got
        return got


def _mapped(path: str) -> memoryview:
    """A read-only memory map of a file (pages load as they are touched)."""
    import mmap

    with open(path, "rb") as fh:
        return memoryview(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))


def lexicon() -> Lexicon:
    """The shared lexicon, built on first use and cached on disk."""
    if not _LOADED:
        with _LOCK:
            if not _LOADED:
                _LOADED.append(_load())
    return _LOADED[0]


def _load() -> Lexicon:
    import marisa_trie

    from doclint._cache import disk

    key = disk.key_for(_sources()) + BUILD
    d = disk.cache_dir()
    if d is not None:
        base = d / f"lexicon-{key}"
        with contextlib.suppress(OSError, ValueError, RuntimeError):
            words = marisa_trie.Trie()
            words.mmap(str(base) + ".words")
            wild = marisa_trie.BytesTrie()
            wild.mmap(str(base) + ".wild")
            inner = marisa_trie.Trie()
            inner.mmap(str(base) + ".inner")
            idiom_wild = marisa_trie.BytesTrie()
            idiom_wild.mmap(str(base) + ".idioms")
            halves = marisa_trie.Trie()
            halves.mmap(str(base) + ".halves")
            meta = json.loads((Path(str(base) + ".json")).read_text("utf-8"))
            st = os.stat(meta["jieba"][0])
            if [st.st_size, st.st_mtime_ns] != meta["jieba"][1:]:
                raise ValueError("jieba's dictionary changed")
            freq = _mapped(str(base) + ".freq").cast("I")
            tags = _mapped(str(base) + ".tags")
            confusion: dict[str, tuple[str, str, str, str]] = {}
            for line in Path(str(base) + ".conf").read_text("utf-8").split("\n"):
                c, a, b, shape, series = line.split("\t")
                confusion[c] = (a, b, shape, series)
            return Lexicon(words, wild, idiom_wild, inner, freq, tags, meta["tags"], confusion, meta["wild_max"],
                           meta["total"], halves)
    built = _build()
    if d is not None:
        _store(d, key, built)
    return built


def _store(d: Path, key: str, lex: Lexicon) -> None:
    """Write the packed files; another process may race us, so each lands by rename."""
    try:
        d.mkdir(parents=True, exist_ok=True)
        base = str(d / f"lexicon-{key}")
        pid = os.getpid()
        for suffix, write in (
            (".words", lex.words.save),
            (".wild", lex.wild.save),
            (".inner", lex.inner.save),
            (".idioms", lex.idiom_wild.save),
            (".halves", lex.halves.save),
            (".freq", lambda p: Path(p).write_bytes(bytes(memoryview(lex.freq_by_id)))),  # type: ignore[arg-type]
            (".tags", lambda p: Path(p).write_bytes(bytes(lex.tags))),
            (".conf", lambda p: Path(p).write_text("\n".join("\t".join((c, *v)) for c, v in lex.confusion.items()), "utf-8")),
            (".json", lambda p: Path(p).write_text(json.dumps({"tags": lex.tag_names, "wild_max": lex.wild_max,
                                                                  "total": int(lex.total), "jieba": _jieba_identity()}),
                                                      "utf-8")),
        ):
            tmp = f"{base}{suffix}.{pid}.tmp"
            write(tmp)
            os.replace(tmp, base + suffix)
        for old in d.glob("lexicon-*"):
            if not old.name.startswith(f"lexicon-{key}"):
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError:
        return


def _build() -> Lexicon:
    """Parse the sources and pack them (about two seconds, once)."""
    import marisa_trie

    entries: dict[str, tuple[int, str]] = {}
    with open(_jieba_dict(), encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 2:
                entries[parts[0]] = (int(parts[1]), parts[2] if len(parts) > 2 else "x")
    idioms = set()
    for line in (DATA / "idioms.txt").read_text("utf-8").splitlines():
        w = line.split()[0] if line.strip() else ""
        if len(w) >= 4:
            idioms.add(w)
            f, t = entries.get(w, (0, "i"))
            entries[w] = (max(f, 30), t)  # THUOCL counts documents, not tokens: a modest floor
    for line in (DATA / "gongwen_words.txt").read_text("utf-8").splitlines():
        if line.startswith("#"):
            continue
        for w in line.split():
            f, t = entries.get(w, (0, "n"))
            entries[w] = (max(f, 300), t)
    words = marisa_trie.Trie(entries.keys())
    tag_names: list[str] = []
    tag_index: dict[str, int] = {}
    freq = array.array("I", bytes(4 * len(words)))
    tags = bytearray(len(words))
    for w, (f, t) in entries.items():
        if t not in tag_index:
            tag_index[t] = len(tag_names)
            tag_names.append(t)
        i = words[w]
        freq[i] = f
        tags[i] = tag_index[t] | (IDIOM if w in idioms else 0)
    wild_fills: dict[str, str] = {}
    halves: set[str] = set()  # see Lexicon.fillable
    wild_max = {"2": 1, "3": 1, "4": 1, "idiom": 1}  # the most frequent candidate by window length
    for w, (f, t) in entries.items():
        if (len(w) in WILD_LENGTHS or w in idioms) and (f >= WILD_MIN_FREQ or w in idioms) and t not in ("nr", "nrt", "nrfg"):
            key = "idiom" if w in idioms else str(len(w))
            if key in wild_max:
                wild_max[key] = max(wild_max[key], f)
            for k in range(len(w)):
                key = f"{w[:k]}?{w[k + 1:]}"
                wild_fills[key] = wild_fills.get(key, "") + w[k]
            if len(w) == 4:
                halves.update(("4<" + w[:2], "4>" + w[2:]))
            elif len(w) == 3:
                halves.update(("3<" + w[:2], "3>" + w[1:], "3=" + w[0] + w[2]))
    wild = marisa_trie.BytesTrie((k, v.encode("utf-8")) for k, v in wild_fills.items())
    inner = marisa_trie.Trie({w[k : k + 2] for w, (f, _t) in entries.items() if len(w) >= 3 and f >= INNER_MIN_FREQ
                              for k in range(len(w) - 1)})
    idiom_fills: dict[str, str] = {}
    for w in idioms:
        if len(w) == 4:
            halves.update(("i<" + w[:2], "i>" + w[2:]))
            for k in range(4):
                key = f"{w[:k]}?{w[k + 1:]}"
                idiom_fills[key] = idiom_fills.get(key, "") + w[k]
    idiom_wild = marisa_trie.BytesTrie((k, v.encode("utf-8")) for k, v in idiom_fills.items())
    return Lexicon(words, wild, idiom_wild, inner, freq, bytes(tags), tag_names, _confusion(), wild_max, sum(freq),
                   marisa_trie.Trie(halves))


def _confusion() -> dict[str, tuple[str, str, str, str]]:
    """char → (same pinyin and tone, same pinyin other tone, similar shape (same_stroke.txt),
    same phonetic series (Unihan kPhonetic: 撤/彻/澈/辙))."""
    same: dict[str, list[str]] = {}
    for line in (DATA / "same_pinyin.txt").read_text("utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) >= 2 and len(cols[0]) == 1:
            same[cols[0]] = [cols[1] if len(cols) > 1 else "", cols[2] if len(cols) > 2 else "", "", ""]
    strokes = [[c.strip() for c in line.split("\t") if len(c.strip()) == 1]
               for line in (DATA / "same_stroke.txt").read_text("utf-8").splitlines()]
    series = [list(line) for line in (DATA / "phonetic_series.txt").read_text("utf-8").splitlines()
              if line and not line.startswith("#")]
    for k, groups in ((2, strokes), (3, series)):
        for group in groups:
            for c in group:
                row = same.setdefault(c, ["", "", "", ""])
                row[k] += "".join(x for x in group if x != c and x not in row[k])
    return {c: (a, b, s, p) for c, (a, b, s, p) in same.items()}
