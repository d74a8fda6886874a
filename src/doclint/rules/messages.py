"""Message templates: the one filler, and the names a template uses (checked at load)."""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from doclint._cache import regexes

_FORMATTER = string.Formatter()


def template_fields(template: str) -> set[str]:
    """Top-level names a ``str.format`` template uses (``{a}``, ``{a.b}`` → ``a``).

    Raises ValueError for a template that is not valid format syntax (an unpaired brace).
    """
    names: set[str] = set()
    for _, field, _, _ in _FORMATTER.parse(template):
        if field is None:
            continue
        name = field.split(".", 1)[0].split("[", 1)[0]
        if not name or name.isdigit():
            raise ValueError(f"模板中的“{{{field}}}”须是变量名")
        names.add(name)
    return names


def fill(template: str, values: Mapping[str, object]) -> str:
    """The template with its variables filled. Every name was checked at load against what the
    checker provides; a name a hit left out raises KeyError, which strict runs (tests) surface."""
    return template.format_map(values)


def placeholder_text(template: str) -> str:
    """A template for people who read it without values (``doclint rules``): each run of
    variables becomes one ``……`` (``{a}{u}～{b}{u}`` → ``……～……``)."""
    out: list[str] = []
    for literal, field, _, _ in _FORMATTER.parse(template):
        if literal:
            out.append(literal)
        if field is not None and not (out and out[-1] == "……"):
            out.append("……")
    return "".join(out)


_TITLE_CUT = regexes.compile_std(r"[：，；。（](?![^“”]*”)")  # not inside “…”
_QUOTED_VALUE = regexes.compile_std(r"“(?:……|[、～—/至-])+”")  # quoted variables; quoted literal words (“的”) stay


def rule_title(rule: Any) -> str:
    """A short Chinese name for a rule (digest headings, tables): its ``title``, else the opening
    of its message up to the first ：，；。（ with variables as …… and quoted values left out."""
    if getattr(rule, "title", None):
        return str(rule.title)
    head = _TITLE_CUT.split(placeholder_text(rule.message), maxsplit=1)[0].strip()
    bare = _QUOTED_VALUE.sub("", head).strip()
    return (bare if len(bare) >= 4 else head)[:24] or rule.id
