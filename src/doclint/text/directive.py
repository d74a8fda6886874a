"""The waiver directive a reviewer writes in a Word comment: ``doclint: ignore <rule> <reason>``."""

from __future__ import annotations

import regex

from doclint._cache import regexes

DIRECTIVE = regexes.compile(r"^\s*doclint\s*[:：]\s*ignore\s+(?P<rule>[\w.-]+)\s*(?P<reason>.*?)\s*$", regex.I | regex.S)


def is_directive(text: str) -> bool:
    """A comment that is a suppression, not a leftover review remark."""
    return bool(DIRECTIVE.match(text))
