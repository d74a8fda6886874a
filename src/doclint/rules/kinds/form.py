"""``kind: form`` — line patterns on one located element, each with its own message."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint._cache import regexes
from doclint.rules.corrections import correct
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit
from doclint.rules.messages import fill
from doclint.rules.schema import FormCheck, FormRule, Rule


class _Compiled:
    """One check of a form rule, its patterns compiled once."""

    def __init__(self, spec: FormCheck) -> None:
        self.spec = spec
        self.pattern = regexes.compile(spec.pattern)
        self.group: int | str = spec.group if spec.group is not None else ("m" if "m" in self.pattern.groupindex else 0)
        self.unless_any = regexes.compile(spec.unless_any) if spec.unless_any else None


class FormChecker(Checker):
    """Each check's pattern is searched in every line of the rule's scope.

    ``unless_any`` skips a check when any line of the element matches it (a 份号 line exists);
    ``max_lines`` limits it to elements of at most that many lines (a single attachment).
    """

    variables = frozenset({"match", "line"})

    def __init__(self, rule: FormRule) -> None:
        super().__init__(rule)
        self.checks = [_Compiled(c) for c in rule.checks]

    @classmethod
    def message_variables(cls, rule: Rule) -> frozenset[str]:
        """``match``, ``line`` and the named groups of any of the rule's patterns."""
        assert isinstance(rule, FormRule)
        return cls.variables | {name for c in rule.checks for name in regex.compile(c.pattern).groupindex}

    def check(self, ctx: Context) -> Iterator[Hit]:
        segs = ctx.segments(self.rule.scope)
        if not segs:
            return
        for c in self.checks:
            if c.spec.max_lines is not None and len(segs) > c.spec.max_lines:
                continue
            if c.unless_any is not None and any(c.unless_any.search(s.text, timeout=REGEX_TIMEOUT) for s in segs):
                continue
            for seg in segs:
                m = c.pattern.search(seg.text, timeout=REGEX_TIMEOUT)
                if not m:
                    continue
                start, end = m.span(c.group)
                if start < 0:
                    start, end = m.span()
                groups = dict.fromkeys(c.pattern.groupindex, "") | {k: v or "" for k, v in m.groupdict().items()}
                values: dict[str, object] = {"match": seg.text[start:end], "line": seg.text.strip(), **groups}
                yield Hit(seg, start, end, vars=values, message=fill(c.spec.message, values),
                          suggestion=self._suggestion(c.spec, values))

    def _suggestion(self, spec: FormCheck, values: dict[str, object]) -> str | None:
        """The line's own value written correctly when the rule reads it (``correct:``), else the check's."""
        r = self.rule
        assert isinstance(r, FormRule)
        if r.correct is not None and r.suggest_corrected is not None:
            c = correct(r.correct, str(values["line"]))
            if c is not None:
                return fill(r.suggest_corrected, {**values, "corrected": c.corrected})
        return fill(spec.suggestion, values) if spec.suggestion is not None else None


