"""The correct form of a malformed element value, built from the draft's own values.

``correct(kind, value)`` reads a 发文字号 (``青林呈(2024)08号``) or a 成文日期 (``2024.3.5``) and
returns where it goes wrong (the narrowest span covering every fault) and the value written
correctly (``青林呈〔2024〕8号``, ``2024年3月5日``). ``certain`` is False when the correction guesses
(a two-digit year ``〔24〕`` read as 2024): the suggestion may show it, a fix may not apply it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from doclint._cache import regexes
from doclint.anatomy.dates import DIGIT, small_number


@dataclass(frozen=True)
class Correction:
    """Faulty span ``[start, end)`` of the value, the corrected value, and whether it is sure."""

    start: int
    end: int
    corrected: str
    certain: bool
    length: int | None = None  # the value's first ``length`` characters are what ``corrected`` replaces

    def replacement(self, value: str) -> str | None:
        """The text that replaces ``value[start:end]``; None if the correction also changes outside it."""
        if self.length is not None:
            value = value[: self.length]
        head, tail = value[: self.start], value[self.end:]
        c = self.corrected
        if not (c.startswith(head) and c.endswith(tail) and len(c) >= len(head) + len(tail)):
            return None
        return c[len(head): len(c) - len(tail)]


_SP = r"[ \t\u3000]*"
_CNDIGITS = "〇○零Oo一二三四五六七八九"

_DOC_NUMBER = regexes.compile(
    rf"(?P<code>[\p{{Han}}×]{{1,12}})(?P<s1>{_SP})(?P<ob>[\[［(（【<《{{｛〈〔])(?P<s2>{_SP})"
    rf"(?P<year>\d{{1,5}}|[{_CNDIGITS}]{{2,4}})(?P<s3>{_SP})(?P<cb>[\]］)）】>》}}｝〉〕])(?P<s4>{_SP})"
    rf"(?P<di>第?)(?P<s5>{_SP})(?P<zeros>0*)(?P<num>[1-9]\d*)(?P<s6>{_SP})(?P<hao>号?)"
    r"(?P<rest>(?:[ \t\u3000]+签\s*发\s*人\s*[：:].*)?)"
)
_DATE = regexes.compile(
    rf"(?P<y>\d{{2,4}}|[{_CNDIGITS}]{{2,4}})(?P<ys>{_SP}年{_SP}|{_SP}[.．\-－/／]{_SP})"
    rf"(?P<m>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})(?P<ms>{_SP}月{_SP}|{_SP}[.．\-－/／]{_SP})"
    rf"(?P<d>\d{{1,2}}|[一二三四五六七八九十]{{1,3}})(?P<ds>{_SP}[日号]|)"
)


def _year(text: str, today: datetime.date) -> tuple[int, bool] | None:
    """A year and whether reading it is sure (four digits, Arabic or Chinese); two digits guess the century."""
    if text[0] in DIGIT:
        if len(text) != 4:
            return None
        return int("".join(str(DIGIT[c]) for c in text)), True
    if len(text) == 4 and text.isdigit():  # full-width digits too
        return int(text), True
    if len(text) == 2 and text.isdigit():
        yy = int(text)
        century = 2000 if 2000 + yy <= today.year + 1 else 1900
        return century + yy, False
    return None


def _spanning(faults: list[tuple[int, int]], corrected: str, certain: bool) -> Correction | None:
    if not faults:
        return None
    return Correction(min(s for s, _ in faults), max(e for _, e in faults), corrected, certain)


def doc_number(value: str, today: datetime.date | None = None) -> Correction | None:
    """``机关代字〔年份〕序号号``: brackets, full year, no 第, no leading zero, 号 at the end, no spaces inside.

    A 签发人 on the same line is left out of ``corrected`` (``length`` ends before it)."""
    m = _DOC_NUMBER.fullmatch(value)
    if m is None:
        return None
    faults: list[tuple[int, int]] = [m.span(g) for g in ("s1", "s2", "s3", "s4", "s5", "s6", "di", "zeros") if m.group(g)]
    faults += [m.span(g) for g, want in (("ob", "〔"), ("cb", "〕")) if m.group(g) != want]
    year = _year(m.group("year"), today or datetime.date.today())
    certain = True
    if year is None or not 1949 <= year[0] <= 2099:
        return None
    if m.group("year") != str(year[0]):
        faults.append(m.span("year"))
        certain = year[1]
    if not m.group("hao"):
        faults.append(m.span("num"))
    corrected = f"{m.group('code')}〔{year[0]}〕{m.group('num')}号"
    c = _spanning(faults, corrected, certain)
    return None if c is None else Correction(c.start, c.end, c.corrected, c.certain, m.start("rest"))


def date(value: str, today: datetime.date | None = None) -> Correction | None:
    """``2024年3月5日``: Arabic digits, the full year, no leading zero, 年月日 as separators."""
    m = _DATE.fullmatch(value)
    if m is None:
        return None
    year = _year(m.group("y"), today or datetime.date.today())
    month, day = small_number(m.group("m")), small_number(m.group("d"))
    if year is None or month is None or day is None:
        return None
    try:
        datetime.date(year[0], month, day)
    except ValueError:
        return None
    faults: list[tuple[int, int]] = []
    for g, want in (("y", str(year[0])), ("m", str(month)), ("d", str(day))):
        got = m.group(g)
        if got != want:
            zeros = len(got) - len(got.lstrip("0"))
            padded = zeros and got.isascii() and got[zeros:] == want
            faults.append((m.start(g), m.start(g) + zeros) if padded else m.span(g))
    for g, want in (("ys", "年"), ("ms", "月"), ("ds", "日")):
        if m.group(g) != want:
            faults.append(m.span(g) if m.group(g) else (m.end("d") - len(m.group("d")), m.end("d")))
    return _spanning(faults, f"{year[0]}年{month}月{day}日", year[1])


def recipient(value: str, today: datetime.date | None = None) -> Correction | None:
    """The last line of 主送机关 ends in a full-width colon: a half-width colon or other mark becomes
    ``：``, a missing one is added after the last organ."""
    if not value or value.endswith("：") or not value.rstrip(":;；，,。.、"):
        return None
    n = len(value)
    if value[-1] in ":;；，,。.、":
        return Correction(n - 1, n, value[:-1] + "：", True)
    return Correction(n - 1, n, value + "：", True)


CORRECTIONS: dict[str, Callable[[str], Correction | None]] = {
    "doc_number": doc_number, "date": date, "recipient": recipient}


def correct(kind: str, value: str) -> Correction | None:
    """The correction of ``value`` read as ``kind`` (a key of ``CORRECTIONS``); None if it cannot be read."""
    return CORRECTIONS[kind](value)
