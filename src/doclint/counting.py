"""Count 字数 the way drafters see it (Word's 字数), or by characters or hanzi."""

from __future__ import annotations

from collections.abc import Iterable

METHODS = ("word", "chars", "hanzi")
METHOD_LABELS = {"word": "Word 字数统计口径", "chars": "字符数（不计空格）", "hanzi": "汉字数"}


def _is_asian(ch: str) -> bool:
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0x20000 <= o <= 0x2FFFF
        or 0xF900 <= o <= 0xFAFF
        or 0x3001 <= o <= 0x303F  # CJK symbols and punctuation (U+3000 is a space)
        or 0xFF01 <= o <= 0xFFEF  # full-width forms
        or ch in "“”‘’—…·"  # General Punctuation marks used as Chinese marks
    )


def count_word(text: str) -> int:
    """Word's 字数: each Asian character 1, each run of other non-space characters 1."""
    n = 0
    in_run = False
    for ch in text:
        if ch.isspace() or ch == "\ue000":
            in_run = False
        elif _is_asian(ch):
            n += 1
            in_run = False
        elif not in_run:
            n += 1
            in_run = True
    return n


def count_chars(text: str) -> int:
    """Characters, spaces not counted."""
    return sum(1 for ch in text if not ch.isspace() and ch != "\ue000")


def count_hanzi(text: str) -> int:
    """CJK ideographs only."""
    return sum(
        1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\U00020000" <= ch <= "\U0002ffff"
    )


_COUNTERS = {"word": count_word, "chars": count_chars, "hanzi": count_hanzi}


def count(texts: Iterable[str], method: str = "word") -> int:
    """Total over several paragraphs."""
    fn = _COUNTERS[method]
    return sum(fn(t) for t in texts)
