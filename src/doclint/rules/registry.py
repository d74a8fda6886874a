"""Map each rule to the checker class of its kind (or the named code checker), and build it."""

from __future__ import annotations

from functools import cache

from doclint.errors import RuleFileError
from doclint.rules.kinds.base import NAMED_CHECKERS, Checker
from doclint.rules.schema import CheckerRule, Rule


@cache  # scanning the package once is enough: modules register on first import
def _load_named() -> None:
    """Import every module of ``rules/checkers``: importing registers its code checkers."""
    import importlib
    import pkgutil

    from doclint.rules import checkers

    for info in pkgutil.iter_modules(checkers.__path__):
        importlib.import_module(f"{checkers.__name__}.{info.name}")


def _kind_class(kind: str) -> type[Checker]:
    """The checker class of a generic kind (imported on demand: layout is heavy)."""
    if kind == "pattern":
        from doclint.rules.kinds.pattern import PatternChecker

        return PatternChecker
    if kind == "lexicon":
        from doclint.rules.kinds.lexicon import LexiconChecker

        return LexiconChecker
    if kind == "limit":
        from doclint.rules.kinds.limit import LimitChecker

        return LimitChecker
    if kind == "required":
        from doclint.rules.kinds.required import RequiredChecker

        return RequiredChecker
    if kind == "sequence":
        from doclint.rules.kinds.sequence import SequenceChecker

        return SequenceChecker
    if kind == "confusion":
        from doclint.rules.kinds.confusion import ConfusionChecker

        return ConfusionChecker
    if kind == "form":
        from doclint.rules.kinds.form import FormChecker

        return FormChecker
    if kind == "layout":
        from doclint.rules.kinds.layout import LayoutChecker

        return LayoutChecker
    raise KeyError(kind)


def named_checkers() -> dict[str, type[Checker]]:
    """Every registered code checker by the name rule files give in ``checker:``."""
    _load_named()
    return NAMED_CHECKERS


def checker_class(rule: Rule) -> type[Checker]:
    """The class that runs ``rule``; RuleFileError for an unknown named checker."""
    if not isinstance(rule, CheckerRule):
        return _kind_class(rule.kind)
    cls = named_checkers().get(rule.checker)
    if cls is None:
        known = "、".join(sorted(NAMED_CHECKERS))
        raise RuleFileError(rule.id, f"未知 checker：{rule.checker}（可用：{known}）", rule=rule.id)
    return cls


def build_checker(rule: Rule) -> Checker:
    """Compile one rule into its checker (rules reach here validated: params, patterns, messages)."""
    cls = checker_class(rule)
    return cls(rule)
