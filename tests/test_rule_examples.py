"""Every rule's own examples: fail examples are flagged, pass examples are not."""

from __future__ import annotations

import pytest

from doclint.model.document import Document
from doclint.pipeline.examples import example_problem
from doclint.rules.loader import builtin_rules_dir, load_rules
from doclint.rules.schema import FailExample, Rule

RULES = load_rules([builtin_rules_dir()])


def _cases() -> list[object]:
    cases: list[object] = []
    for rule in RULES:
        for kind, examples in (("fail", rule.examples.fail), ("pass", rule.examples.pass_)):
            for i, ex in enumerate(examples):
                cases.append(pytest.param(rule, ex, kind == "fail", id=f"{rule.id}[{kind}-{i}]"))
    return cases


def _fixture(example: FailExample) -> Document | None:
    if example.fixture is None:
        return None
    from doclint.model.docx_reader import read_docx
    from fixtures import FIXTURES

    assert example.fixture in FIXTURES, f"tests/fixtures.py 中没有夹具 {example.fixture}"
    return read_docx(FIXTURES[example.fixture]())


@pytest.mark.parametrize(("rule", "example", "should_fail"), _cases())
def test_example(rule: Rule, example: FailExample, should_fail: bool) -> None:
    """The rule behaves on its example as the YAML declares."""
    problem = example_problem(rule, example, should_fail, _fixture(example))
    assert problem is None, problem


def test_every_rule_has_both_kinds_of_examples() -> None:
    """The schema refuses a rule without fail and pass examples; the packs are not empty."""
    assert len(RULES) >= 30
    for rule in RULES:
        assert rule.examples.fail and rule.examples.pass_, rule.id


def test_every_fixable_rule_shows_its_fix() -> None:
    """A rule with ``fix`` states, in a fail example, the text its fix produces."""
    fixable = [r for r in RULES if r.fix is not None]
    assert len(fixable) >= 10
    for rule in fixable:
        assert any(ex.fixed is not None for ex in rule.examples.fail), rule.id
