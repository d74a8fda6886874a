"""Run a rule's own examples: the suite runs every one, ``doclint explain`` shows them."""

from __future__ import annotations

from doclint.findings import Finding
from doclint.model.document import Document
from doclint.model.text_reader import document_from_string
from doclint.pipeline.engine import Engine
from doclint.rules.kinds.base import Options
from doclint.rules.schema import FailExample, Rule

EXAMPLE_TODAY = "2025-12-31"  # fixed, so date rules give the same answer every day


def run_example(rule: Rule, example: FailExample, fixture: Document | None = None) -> list[Finding]:
    """Findings of this rule alone on one example (``fixture``: the built .docx it names)."""
    if example.params:
        rule = type(rule).model_validate({**rule.model_dump(by_alias=True), **example.params})
    engine = Engine([rule], Options(today=EXAMPLE_TODAY, strict=True))  # a rule's own fault fails its test
    if fixture is not None:
        outcome = engine.run(fixture, example.type)
    elif example.text is not None:
        role = example.part or (rule.scope[0] if rule.scope[0] != "all" else "body")
        outcome = engine.run(document_from_string(example.text), example.type, snippet_role=role)
    else:
        outcome = engine.run(document_from_string(example.document or ""), example.type)
    return [f for f in outcome.findings if f.rule == rule.id]


def example_problem(rule: Rule, example: FailExample, should_fail: bool,
                    fixture: Document | None = None) -> str | None:
    """Why an example does not behave as declared, or None when it does."""
    found = run_example(rule, example, fixture)
    body = example.text or example.document or example.fixture
    if not should_fail:
        if found:
            f = found[0]
            return f"正确示例被误报：{body!r} → {f.message}（{f.location}）"
        return None
    if not found:
        return f"应指出却未指出：{body!r}"
    if example.count is not None and len(found) != example.count:
        return f"应指出 {example.count} 处，实际 {len(found)} 处：{body!r}"
    if example.start is not None:
        want = (example.paragraph if example.paragraph is not None else 0, example.start, example.end)
        got = [(f.location.paragraph, f.location.start, f.location.end if example.end is not None else None)
               for f in found]
        if want not in got:
            return f"位置不符：应为 {want}，实际 {got}：{body!r}"
    if example.fixed is not None:
        return fixed_problem(rule, example, found)
    return None


def fixed_text(example: FailExample, found: list[Finding]) -> str:
    """The example's text (or whole draft) with the findings' fixes applied."""
    from doclint.model.text_reader import split_lines
    from doclint.pipeline.edits import apply_to_lines

    return "\n".join(apply_to_lines(split_lines(example.text or example.document or ""), found))


def fixed_problem(rule: Rule, example: FailExample, found: list[Finding]) -> str | None:
    """Why the fixes do not give ``fixed``, or leave something the rule would fix again."""
    got = fixed_text(example, found)
    if got != example.fixed:
        return f"修正结果不符：应为 {example.fixed!r}，实际 {got!r}"
    again = [f for f in run_example(rule, example.model_copy(update={"text": got} if example.text is not None
                                                             else {"document": got}), None) if f.fix]
    if again:
        return f"修正后仍可修正：{got!r} → {again[0].message}"
    return None
