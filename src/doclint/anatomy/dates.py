"""The calendar date a 成文日期 line names, in Arabic or Chinese numerals."""

from __future__ import annotations

import datetime

from doclint._cache import regexes

_ARABIC = regexes.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_CHINESE = regexes.compile(
    r"([〇○零Oo一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日"
)
DIGIT = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"○": 0, "零": 0, "O": 0, "o": 0}


def small_number(s: str) -> int | None:
    """1–31 in Arabic digits or Chinese numerals (五, 十二, 三十一)."""
    if s.isdigit():
        return int(s)
    if s == "十":
        return 10
    tens, ten, ones = s.partition("十")
    if not ten:
        return DIGIT.get(s) if len(s) == 1 else None
    t = DIGIT.get(tens, -1) if tens else 1
    o = DIGIT.get(ones, -1) if ones else 0
    return None if t < 0 or o < 0 else t * 10 + o


def parse_date(text: str) -> datetime.date | None:
    """The first real date in ``text`` (二〇二四年五月六日, 2024年5月6日); None if none or impossible."""
    m = _ARABIC.search(text)
    try:
        if m:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _CHINESE.search(text)
        if m:
            year = int("".join(str(DIGIT[c]) for c in m.group(1)))
            month, day = small_number(m.group(2)), small_number(m.group(3))
            if month is None or day is None:
                return None
            return datetime.date(year, month, day)
    except ValueError:
        return None
    return None
