"""``checker: pattern-in-context`` — a pattern rule that also respects words and context.

Two needs the plain ``pattern`` kind does not cover:

- ``boundaries: true``: the flagged span must start and end on jieba token
  boundaries, so ``起用`` is not found in 一起/用好 nor ``作好`` in 创作/好;
- ``soften: <regex>``: when the paragraph matches, the hit drops to
  ``soften_to`` (default info), e.g. 王某某 in a paragraph about a disciplinary case.

Every other parameter (pattern, group, unless, context, outside_titles, salted,
replacements) means what it means for ``kind: pattern``; the work is delegated
to the pattern checker, so both kinds behave the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from doclint.findings import Severity
from doclint.rules.checks.base import REGEX_TIMEOUT, Checker, Context, Hit, register
from doclint.rules.checks.pattern import PatternChecker
from doclint.rules.schema import CheckerRule, PatternRule

_OWN = ("boundaries", "soften", "soften_to")


def inner_pattern_rule(rule: CheckerRule, params: dict[str, Any]) -> PatternRule:
    """The ``kind: pattern`` twin of a checker rule, built from its pattern parameters."""
    data = rule.model_dump(by_alias=True, exclude={"kind", "checker", "params"})
    return PatternRule.model_validate({**data, **params, "kind": "pattern"})


@register("pattern-in-context")
class PatternInContext(Checker):
    """A regular expression whose hits must align with words; severity may depend on context."""

    needs_segmentation = True

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        params = dict(rule.params)
        own = {k: params.pop(k) for k in _OWN if k in params}
        if "pattern" not in params:
            raise ValueError("params.pattern 不能为空")
        self.inner = PatternChecker(inner_pattern_rule(rule, params))
        self.boundaries = bool(own.get("boundaries", False))
        soften = own.get("soften")
        self.soften = regex.compile(str(soften)) if soften else None
        self.soften_to = Severity(str(own.get("soften_to", "info")))

    def check(self, ctx: Context) -> Iterator[Hit]:
        for hit in list(self.inner.check(ctx)):
            seg = hit.segment
            if seg is None or hit.start is None or hit.end is None:
                yield hit
                continue
            if self.boundaries:
                bounds = ctx.segmenter.boundaries(seg.text)
                if hit.start not in bounds or hit.end not in bounds:
                    continue
            if self.soften is not None and self.soften.search(seg.text, timeout=REGEX_TIMEOUT):
                yield Hit(seg, hit.start, hit.end, vars=hit.vars, severity=self.soften_to)
                continue
            yield hit
