"""Automatic list numbers (``numbering.xml``) rendered as the reader sees them: “三、”, “（二）”, “1.”.

A paragraph is numbered by its own ``w:numPr`` or its paragraph style's. ``w:num`` instances point
at an ``w:abstractNum``; counters are kept per abstract definition (as Word does: two instances of
one list continue each other), a ``w:startOverride`` restarts a level the first time its instance
is used, and a level restarts when a higher level is used unless ``w:lvlRestart`` says otherwise.
Only the number's characters are rendered (``w:lvlText`` with ``%1``…``%9`` filled in); the
tab or space after it is not part of the number.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from doclint._cache import regexes
from doclint.model.styles import num, w

_VAL = w("val")
_ILVL = w("ilvl")
_LVL = w("lvl")
_ABSTRACT = w("abstractNum")
_ABSTRACT_ID = w("abstractNumId")
_NUM = w("num")
_NUM_ID = w("numId")
_OVERRIDE = w("lvlOverride")
_START_OVERRIDE = w("startOverride")
_PLACEHOLDER = regexes.compile_std(r"%([1-9])")
_MAX_LEVELS = 9
_MAX_VALUE = 1_000_000  # a counter beyond this is a hostile file, not a list


class Level(NamedTuple):
    """One level of a list definition."""

    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # None: no w:lvlText (nothing shown)
    restart: int | None = None  # w:lvlRestart (1-based level; 0 = never); None = after any higher level
    legal: bool = False  # w:isLgl: every placeholder shown in decimal
    style: str | None = None  # w:pStyle: the paragraph style this level belongs to


def _int(value: str | None, default: int) -> int:
    n = num(value)
    return int(n) if n is not None and -_MAX_VALUE <= n <= _MAX_VALUE else default


def _level(el: Any, base: Level | None = None) -> Level:
    b = base or Level()

    def val(tag: str) -> str | None:
        child = el.find(w(tag))
        return child.get(_VAL) if child is not None else None

    text_el = el.find(w("lvlText"))
    restart = val("lvlRestart")
    legal = el.find(w("isLgl"))
    return Level(
        start=_int(val("start"), b.start),
        fmt=val("numFmt") or b.fmt,
        text=text_el.get(_VAL, "") if text_el is not None else b.text,
        restart=_int(restart, 0) if restart is not None else b.restart,
        legal=(legal.get(_VAL) or "1").lower() not in ("0", "false", "off") if legal is not None else b.legal,
        style=val("pStyle") or b.style,
    )


def _levels(parent: Any, base: dict[int, Level] | None = None) -> dict[int, Level]:
    out = dict(base or {})
    for lvl in parent.iterchildren(_LVL):
        i = _int(lvl.get(_ILVL), -1)
        if 0 <= i < _MAX_LEVELS:
            out[i] = _level(lvl, out.get(i))
    return out


class _Instance(NamedTuple):
    abstract: str
    levels: dict[int, Level]
    starts: dict[int, int]  # w:startOverride per level


class Numbering:
    """The list definitions of one document and the counters of one reading pass."""

    def __init__(self, root: Any | None) -> None:
        self._root = root  # definitions are read on first use: most templates' lists are never used
        self._abstract: dict[str, dict[int, Level]] = {}
        self._instances: dict[str, _Instance] = {}
        self._loaded = root is None
        self._any = root is not None and root.find(_NUM) is not None
        self._counters: dict[str, list[int | None]] = {}
        self._pending: dict[str, dict[int, int]] = {}
        self._used: set[str] = set()

    def _load(self) -> None:
        self._loaded = True
        root = self._root
        if root is None:
            return
        for a in root.iterchildren(_ABSTRACT):
            aid = a.get(_ABSTRACT_ID)
            if aid is not None and aid not in self._abstract:
                self._abstract[aid] = _levels(a)
        for n in root.iterchildren(_NUM):
            nid = n.get(_NUM_ID)
            ref = n.find(_ABSTRACT_ID)
            aid = ref.get(_VAL) if ref is not None else None
            if nid is None or aid is None or aid not in self._abstract or nid in self._instances:
                continue
            levels = dict(self._abstract[aid])
            starts: dict[int, int] = {}
            for o in n.iterchildren(_OVERRIDE):
                i = _int(o.get(_ILVL), -1)
                if not 0 <= i < _MAX_LEVELS:
                    continue
                so = o.find(_START_OVERRIDE)
                if so is not None:
                    starts[i] = _int(so.get(_VAL), 1)
                lvl = o.find(_LVL)
                if lvl is not None:
                    levels[i] = _level(lvl, levels.get(i))
            self._instances[nid] = _Instance(aid, levels, starts)

    def _instance(self, num_id: str) -> _Instance | None:
        if not self._loaded:
            self._load()
        return self._instances.get(num_id)

    def restarted(self) -> Numbering:
        """The same definitions with fresh counters (a story that numbers its lists on its own)."""
        other = Numbering(self._root)
        if self._loaded:
            other._abstract, other._instances, other._loaded = self._abstract, self._instances, True
        return other

    def __bool__(self) -> bool:
        """Whether any list instance may be defined (numbered paragraphs are looked up only then)."""
        return bool(self._instances) if self._loaded else self._any

    def style_level(self, num_id: str, style_id: str | None) -> int:
        """The level a style-numbered paragraph is at: the level naming its style, else 0."""
        inst = self._instance(num_id)
        if inst is not None and style_id is not None:
            for i, lvl in sorted(inst.levels.items()):
                if lvl.style == style_id:
                    return i
        return 0

    def next(self, num_id: str, ilvl: int) -> str | None:
        """Count one paragraph at ``ilvl`` of instance ``num_id`` and return its number as shown."""
        inst = self._instance(num_id)
        if inst is None or not 0 <= ilvl < _MAX_LEVELS or ilvl not in inst.levels:
            return None
        counters = self._counters.setdefault(inst.abstract, [None] * _MAX_LEVELS)
        pending = self._pending.setdefault(inst.abstract, {})
        if num_id not in self._used:
            self._used.add(num_id)
            for i, start in inst.starts.items():
                counters[i] = None
                pending[i] = start
        level = inst.levels[ilvl]
        current = counters[ilvl]
        value = current + 1 if current is not None else pending.pop(ilvl, level.start)
        counters[ilvl] = min(value, _MAX_VALUE)
        for deeper in range(ilvl + 1, _MAX_LEVELS):
            lvl = inst.levels.get(deeper)
            restart = lvl.restart if lvl is not None else None
            if restart is None or ilvl < restart:
                counters[deeper] = None
        if level.text is None or level.fmt == "none":
            return ""
        if level.fmt == "bullet":
            return level.text

        def fill(m: re.Match[str]) -> str:
            i = int(m.group(1)) - 1
            lvl = inst.levels.get(i, Level())
            n = counters[i]
            if n is None:
                n = pending.get(i, lvl.start)
            fmt = "decimal" if level.legal and i != ilvl else lvl.fmt
            return format_number(n, fmt)

        return _PLACEHOLDER.sub(fill, level.text)


_CN = "〇一二三四五六七八九"  # digit by digit (ideographDigital): 一〇
_CN_COUNT = "零一二三四五六七八九"  # counting: 一百零五
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_GAN = "甲乙丙丁戊己庚辛壬癸"
_ZHI = "子丑寅卯辰巳午未申酉戌亥"
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _chinese(n: int, digits: str = _CN_COUNT, units: str = "十百千", wan: str = "万") -> str:
    """Chinese counting: 一 … 十 十一 … 二十 … 一百零五 … 一千 …; 一万 and above by groups."""
    if n == 0:
        return digits[0]
    if n >= 10000:
        high, low = divmod(n, 10000)
        tail = _chinese(low, digits, units, wan) if low else ""
        joint = digits[0] if 0 < low < 1000 else ""
        return _chinese(high, digits, units, wan) + wan + joint + tail
    out: list[str] = []
    zero = False
    for power, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // power % 10
        if d == 0:
            zero = bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        out.append(("" if power == 10 and d == 1 and not out and digits is _CN_COUNT else digits[d]) + unit)
    return "".join(out)


def _letters(n: int, upper: bool) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa …"""
    if n <= 0:
        return str(n)
    ch = chr(ord("A" if upper else "a") + (n - 1) % 26)
    return ch * ((n - 1) // 26 + 1)


def _roman(n: int, upper: bool) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    s = "".join(out)
    return s.upper() if upper else s


def _enclosed(n: int, first: int, count: int) -> str:
    return chr(first + n - 1) if 1 <= n <= count else str(n)


def format_number(n: int, fmt: str) -> str:
    """One counter value in a ``w:numFmt``; unknown formats fall back to decimal."""
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand",
               "japaneseCounting"):
        return _chinese(n)
    if fmt in ("taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(d)] for d in str(n))
    if fmt == "ideographDigital":  # shown as counting (十, 十一), as LibreOffice shows it
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾佰仟", "万")
    if fmt == "ideographTraditional":  # 甲 … 癸, then decimal
        return _GAN[n - 1] if 1 <= n <= 10 else str(n)
    if fmt == "ideographZodiac":
        return _ZHI[n - 1] if 1 <= n <= 12 else str(n)
    if fmt in {"decimalEnclosedCircle", "decimalEnclosedCircleChinese"}:  # ① … ⑳, ㉑ … ㉟, ㊱ … ㊿
        if 21 <= n <= 35:
            return chr(0x3251 + n - 21)
        if 36 <= n <= 50:
            return chr(0x32B1 + n - 36)
        return _enclosed(n, 0x2460, 20)
    if fmt == "decimalEnclosedParen":
        return _enclosed(n, 0x2474, 20)
    if fmt == "decimalEnclosedFullstop":
        return _enclosed(n, 0x2488, 20)
    if fmt in {"decimalFullWidth", "decimalFullWidth2"}:
        return "".join(chr(0xFF10 + int(d)) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        return _letters(n, fmt == "upperLetter")
    if fmt in ("lowerRoman", "upperRoman"):
        return _roman(n, fmt == "upperRoman")
    return str(n)
