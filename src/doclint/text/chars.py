"""Small text helpers shared by readers, anatomy and checkers."""

from __future__ import annotations

from doclint._cache import regexes

_SALT = regexes.compile(r"[&@%*#~^_|/\s]+")

# Two character classes with two names: ``is_han`` is an ideograph only; ``is_cjk_or_fullwidth``
# adds CJK punctuation and full-width forms, the characters Word sets in the eastAsia font.
_CJK_OR_FULLWIDTH = regexes.compile(r"[\p{Han}\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")
_NOT_CJK_OR_FULLWIDTH = regexes.compile(r"[^\p{Han}\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")
# Outside the CJK Unified Ideographs block (all Han: tests check) and the punctuation above.
_OUTSIDE_COMMON_CJK = regexes.compile_std("[^\u4e00-\u9fff\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")


def is_han(ch: str) -> bool:
    """A Han ideograph in the unified blocks and extensions A–F (no punctuation)."""
    return bool(ch) and ("\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ffff")


def is_cjk_or_fullwidth(ch: str) -> bool:
    """Any Han character (``\\p{Han}``), CJK symbol or punctuation (U+3001–303F) or full-width form
    (U+FF01–FF60, U+FFE0–FFE6): a character Word sets in the eastAsia font."""
    return bool(_CJK_OR_FULLWIDTH.match(ch))


def count_not_cjk_or_fullwidth(text: str, start: int, end: int) -> int:
    """How many characters of ``text[start:end]`` are not ``is_cjk_or_fullwidth``.

    Drafts are mostly CJK, so this collects the few other characters (findall makes no match
    objects). Plain ``re`` skips the common ideographs and punctuation about twice as fast as
    ``regex`` looks up the Han script; the rare non-ASCII characters left are judged by the full class."""
    rest = "".join(_OUTSIDE_COMMON_CJK.findall(text, start, end))
    return len(rest) if rest.isascii() else len(_NOT_CJK_OR_FULLWIDTH.findall(rest))


def salted_shadow(text: str) -> tuple[str, list[int]]:
    """Drop symbols sprinkled between characters to dodge filters (高质*量, 代~笔).

    Returns the shadow text and, for each shadow index, its index in ``text``.
    """
    out: list[str] = []
    back: list[int] = []
    pos = 0
    for m in _SALT.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            back.append(i)
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        back.append(i)
    back.append(len(text))
    return "".join(out), back


def excerpt(text: str, start: int | None, end: int | None, width: int = 40) -> str:
    """The flagged text with a little context, at most ``width`` characters."""
    if start is None or end is None:
        return text[:width]
    span = end - start
    if span >= width:
        return text[start : start + width]
    room = width - span
    before = min(start, room // 2)
    after = min(len(text) - end, room - before)
    before = min(start, room - after)
    return text[start - before : end + after]


_CN = "零一二三四五六七八九"
_UNITS = ("", "十", "百", "千")


def to_chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 23 → 二十三, 101 → 一百零一; Arabic digits from 10000 on."""
    if n < 0 or n >= 10000:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 20:
        return "十" + (_CN[n - 10] if n > 10 else "")
    out = ""
    gap = False  # a zero digit since the last written one: 一百零一
    digits = str(n)
    for k, ch in enumerate(digits):
        d = int(ch)
        if d == 0:
            gap = True
            continue
        out += ("零" if gap else "") + _CN[d] + _UNITS[len(digits) - 1 - k]
        gap = False
    return out

