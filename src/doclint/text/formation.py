"""Productive word formation: two-character words that 公文 builds on the fly (收悉, 降至, 县区).

The patterns are data (``data/word_formation.txt``), compiled once, on first use.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import regex

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def _pattern() -> regex.Pattern[str]:
    lines = (DATA / "word_formation.txt").read_text("utf-8").splitlines()
    alts = [line.strip() for line in lines if line.strip() and not line.startswith("#")]
    return regex.compile("|".join(f"(?:{a})" for a in alts))


def formed(text: str, start: int) -> bool:
    """Whether ``text[start:start + 2]`` is a pair of a productive formation pattern."""
    if start < 0 or start + 2 > len(text):
        return False
    m = _pattern().match(text, start)
    return m is not None and m.end() == start + 2


def formed_around(text: str, at: int) -> bool:
    """Whether the character at ``at`` is part of a formed pair (with its left or right neighbour)."""
    return formed(text, at - 1) or formed(text, at)
