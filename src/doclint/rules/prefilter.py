"""Literal gates for rule patterns: strings of which every match must contain at least one.

A pattern rule scans the whole joined text of its scope; most rules find nothing in most
drafts, and the ``regex`` module spends ~40 ns a character proving it. When the text holds
none of a pattern's required strings (checked with ``str.__contains__``, a fast C search), the
scan is skipped: ``residue.url-contact`` cannot match a text without "http", "www.", "@",
"长按", "扫" … in it.

The analysis reads the subset of regex syntax the rule packs use and is conservative: any
construct it does not understand inside a branch leaves that branch without strings, and
then the pattern has no gate and always runs. Look-arounds are skipped (they consume nothing
and so require nothing). Flags, conditionals and a pattern it cannot parse give no gate.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from doclint._cache import regexes

_ZERO_WIDTH_ESCAPES = frozenset("AbBKZzmMG")
_LITERAL_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v"}
_MAX_SET = 12  # a set with more members than this is no use as a gate
# Characters in nearly every draft: a gate made only of these would never skip anything.
_COMMON = frozenset("0123456789\n 。，、；：“”（）的一是在了和有年月日")

Strings = frozenset[str]


class _Unknown(Exception):
    """Syntax the analysis does not model."""


class _Item:
    """What one element requires: ``strings`` (one of them appears) or nothing known (None);
    ``single`` is the element's character when it is exactly one literal character."""

    __slots__ = ("nullable", "single", "strings")

    def __init__(self, strings: Strings | None, nullable: bool, single: str | None = None) -> None:
        self.strings = strings
        self.nullable = nullable
        self.single = single


def _score(strings: Strings) -> float:
    """Lower is better: few strings, long ones, uncommon ones."""
    return sum((10.0 if s[0] in _COMMON and len(s) == 1 else 1.0) / len(s) for s in strings)


class _Parser:
    def __init__(self, pattern: str) -> None:
        self.p = pattern
        self.i = 0

    def peek(self) -> str:
        return self.p[self.i] if self.i < len(self.p) else ""

    def alternation(self) -> _Item:
        branches = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            branches.append(self.sequence())
        if len(branches) == 1:
            return branches[0]
        nullable = any(b.nullable for b in branches)
        if any(b.strings is None for b in branches):
            return _Item(None, nullable)
        return _Item(frozenset().union(*(b.strings or () for b in branches)), nullable)

    def sequence(self) -> _Item:
        items: list[_Item] = []
        while self.peek() not in ("", "|", ")"):
            items.append(self.quantified(self.element()))
        return _best(items)

    def quantified(self, item: _Item) -> _Item:
        c = self.peek()
        if c in ("*", "?"):
            self.i += 1
            item = _Item(None, True)
        elif c == "+":
            self.i += 1
            item = _Item(item.strings, item.nullable)  # no longer one single character
        elif c == "{":
            end = self.p.find("}", self.i)
            parts = self.p[self.i + 1 : end].split(",") if end > 0 else []
            if not parts or len(parts) > 2 or not all(x.strip().isdigit() or not x.strip() for x in parts):
                raise _Unknown("{")
            self.i = end + 1
            low = parts[0].strip()
            item = _Item(None, True) if low in ("", "0") else _Item(item.strings, item.nullable)
        else:
            return item
        if self.peek() in ("?", "+"):  # lazy or possessive
            self.i += 1
        if self.peek() in ("*", "+", "?", "{"):
            raise _Unknown("stacked quantifiers")
        return item

    def element(self) -> _Item:
        c = self.peek()
        if c == "(":
            return self.group()
        if c == "[":
            return self.char_set()
        if c == "\\":
            return self.escape()
        if c in ("^", "$"):
            self.i += 1
            return _Item(frozenset(), True)
        if c == ".":
            self.i += 1
            return _Item(None, False)
        if c in "*+?{":
            raise _Unknown(c)  # a quantifier with nothing to repeat
        self.i += 1
        return _Item(frozenset(c), False, c)

    def group(self) -> _Item:
        p = self.p
        self.i += 1
        if p.startswith("?", self.i):
            rest = p[self.i + 1 : self.i + 3]
            if rest.startswith(("=", "!")) or rest in ("<=", "<!"):
                self.i += 2 if rest[0] in "=!" else 3
                self.skip_group()
                return _Item(frozenset(), True)  # look-arounds consume nothing
            if rest.startswith((":", ">")):
                self.i += 2
            elif rest.startswith(("P<", "<")):
                self.i = p.index(">", self.i) + 1
            else:
                raise _Unknown("(?" + rest)  # flags, comments, conditionals, (?P=name), branch reset
        item = self.alternation()
        if self.peek() != ")":
            raise _Unknown("unbalanced")
        self.i += 1
        return _Item(item.strings, item.nullable)

    def skip_group(self) -> None:
        p = self.p
        depth = 1
        while self.i < len(p):
            c = p[self.i]
            if c == "\\":
                self.i += 2
                continue
            if c == "[":
                self.i = _set_end(p, self.i)
                continue
            self.i += 1
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return
        raise _Unknown("unbalanced")

    def char_set(self) -> _Item:
        start = self.i + 1
        end = _set_end(self.p, self.i)
        self.i = end
        inner = self.p[start : end - 1]
        if inner.startswith("^"):
            return _Item(None, False)
        members: set[str] = set()
        j = 0
        while j < len(inner):
            low, j = _set_char(inner, j)
            if low is None:
                return _Item(None, False)  # \d, \s, \p{…} and the like: too many members
            if inner.startswith("-", j) and j + 1 < len(inner):  # a range, enumerated if small
                high, j = _set_char(inner, j + 1)
                if high is None or not 0 <= ord(high) - ord(low) < _MAX_SET:
                    return _Item(None, False)
                members.update(chr(k) for k in range(ord(low), ord(high) + 1))
            else:
                members.add(low)
        if not members or len(members) > _MAX_SET:
            return _Item(None, False)
        return _Item(frozenset(members), False, next(iter(members)) if len(members) == 1 else None)

    def escape(self) -> _Item:
        p = self.p
        c = p[self.i + 1 : self.i + 2]
        if not c:
            raise _Unknown("trailing backslash")
        if c in _ZERO_WIDTH_ESCAPES:
            self.i += 2
            return _Item(frozenset(), True)
        if c in "pP":
            end = p.find("}", self.i)
            if not p.startswith("{", self.i + 2) or end < 0:
                raise _Unknown("\\p")
            self.i = end + 1
            return _Item(None, False)
        if c in "dswDSW":
            self.i += 2
            return _Item(None, False)
        if (c.isalnum() or c == "_") and c not in _LITERAL_ESCAPES and c not in "ux":
            raise _Unknown("\\" + c)  # back-references, \N{…}, \X …
        ch, self.i = _set_char(p, self.i)
        if ch is None:
            raise _Unknown("hex escape")
        return _Item(frozenset(ch), False, ch)


def _set_char(inner: str, j: int) -> tuple[str | None, int]:
    """The character written at ``inner[j]`` inside a set and where the next one starts;
    None for an escape that stands for many characters."""
    c = inner[j]
    if c != "\\":
        return c, j + 1
    e = inner[j + 1 : j + 2]
    if e in _LITERAL_ESCAPES:
        return _LITERAL_ESCAPES[e], j + 2
    if e in ("u", "x"):
        width = 4 if e == "u" else 2
        code = inner[j + 2 : j + 2 + width]
        if len(code) != width or not all(h in "0123456789abcdefABCDEF" for h in code):
            return None, j + 2
        return chr(int(code, 16)), j + 2 + width
    if e.isalnum():
        return None, j + 2
    return e, j + 2


def _set_end(p: str, i: int) -> int:
    """Index just after the set that opens at ``p[i] == "["``."""
    j = i + 1
    if p.startswith("^", j):
        j += 1
    if p.startswith("]", j):
        j += 1
    while j < len(p) and p[j] != "]":
        if p[j] == "[":
            raise _Unknown("[ inside a set")  # POSIX classes or nested sets
        j += 2 if p[j] == "\\" else 1
    if j >= len(p):
        raise _Unknown("unterminated set")
    return j + 1


def _best(items: list[_Item]) -> _Item:
    """A sequence requires what any one of its non-optional elements requires: pick the most
    selective, with runs of single literal characters joined into strings ("本文", "www.")."""
    candidates: list[Strings] = []
    run = ""
    for item in [*items, _Item(None, True)]:
        if item.single is not None and not item.nullable:
            run += item.single
            continue
        if run:
            candidates.append(frozenset((run,)))
            run = ""
        if not item.nullable and item.strings:
            candidates.append(item.strings)
    nullable = all(item.nullable for item in items)
    if not candidates:
        return _Item(None, nullable)
    return _Item(min(candidates, key=_score), nullable)


def required_strings(pattern: str) -> tuple[str, ...] | None:
    """Strings of which every match of ``pattern`` contains one, or None when unknown.

    None also when the gate would be useless: the pattern can match the empty string, or
    its strings are common characters found in nearly every draft.
    """
    parser = _Parser(pattern)
    try:
        item = parser.alternation()
    except (_Unknown, ValueError):
        return None
    if parser.i != len(pattern) or item.nullable or not item.strings:
        return None
    if all(len(s) == 1 and s in _COMMON for s in item.strings):
        return None
    # "来源于网络" is in any text that holds it only if "来源" is there too: keep the shorter.
    return tuple(sorted(s for s in item.strings if not any(o != s and o in s for o in item.strings)))


def _source_tag() -> str:
    """Cached results are tied to this file's text: any change to the analysis misses the cache."""
    try:
        return "gate:" + hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:16]
    except OSError:  # no source beside the module: cache nothing stale, compute every time
        return ""


_TAG = _source_tag()


def gate_for(pattern: str) -> tuple[str, ...] | None:
    """:func:`required_strings`, remembered across starts in the compiled-pattern cache
    (analysing the 44 built-in patterns costs ~10 ms, reading them back microseconds)."""
    return regexes.derived(_TAG, pattern, required_strings) if _TAG else required_strings(pattern)
