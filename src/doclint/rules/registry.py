"""Map each rule to the checker of its kind (or the named code checker)."""

from __future__ import annotations

from functools import cache

from doclint.errors import RuleFileError
from doclint.rules.kinds.base import NAMED_CHECKERS, Checker
from doclint.rules.schema import (
    CheckerRule,
    ConfusionRule,
    LayoutRule,
    LexiconRule,
    LimitRule,
    PatternRule,
    RequiredRule,
    Rule,
    SequenceRule,
)


@cache  # scanning the package once is enough: modules register on first import
def _load_named() -> None:
    """Import every module of ``rules/checkers``: importing registers its code checkers."""
    import importlib
    import pkgutil

    from doclint.rules import checkers

    for info in pkgutil.iter_modules(checkers.__path__):
        importlib.import_module(f"{checkers.__name__}.{info.name}")


def build_checker(rule: Rule) -> Checker:
    """Compile one rule into its checker."""
    from doclint.rules.kinds.lexicon import LexiconChecker
    from doclint.rules.kinds.limit import LimitChecker
    from doclint.rules.kinds.pattern import PatternChecker
    from doclint.rules.kinds.required import RequiredChecker
    from doclint.rules.kinds.sequence import SequenceChecker

    if isinstance(rule, PatternRule):
        return PatternChecker(rule)
    if isinstance(rule, LexiconRule):
        return LexiconChecker(rule)
    if isinstance(rule, ConfusionRule):
        from doclint.rules.kinds.confusion import ConfusionChecker

        return ConfusionChecker(rule)
    if isinstance(rule, LimitRule):
        return LimitChecker(rule)
    if isinstance(rule, RequiredRule):
        return RequiredChecker(rule)
    if isinstance(rule, SequenceRule):
        return SequenceChecker(rule)
    if isinstance(rule, LayoutRule):
        from doclint.rules.kinds.layout import LayoutChecker

        return LayoutChecker(rule)
    assert isinstance(rule, CheckerRule)
    _load_named()
    cls = NAMED_CHECKERS.get(rule.checker)
    if cls is None:
        known = "、".join(sorted(NAMED_CHECKERS))
        raise RuleFileError(rule.id, f"未知 checker：{rule.checker}（可用：{known}）", rule=rule.id)
    try:
        return cls(rule)
    except (ValueError, TypeError, KeyError) as exc:
        raise RuleFileError(rule.id, f"checker {rule.checker} 的参数无效：{exc}", rule=rule.id) from None
