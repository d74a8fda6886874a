"""Rule documentation generated from the YAML: 检查什么 / 为什么 / 依据 / 示例."""

from __future__ import annotations

from doclint.rules.messages import placeholder_text
from doclint.rules.schema import FailExample, Rule


def _example(e: FailExample) -> str:
    if e.fixture is not None:
        return f"（Word 文件示例：{e.fixture}）"
    body = e.text if e.text is not None else e.document or ""
    extra = f"（文种：{e.type}）" if e.type else ""
    return body.replace("\n", " ⏎ ") + extra


def explain_text(rule: Rule, sample: str | None = None) -> str:
    """The full explanation printed by ``doclint explain``.

    Templates are shown with their variables as ……; ``sample`` is the message the rule gave on
    its first should-flag example, so the reader also sees it filled in.
    """
    src = rule.source.title + (f" {rule.source.clause}" if rule.source.clause else "")
    lines = [
        f"{rule.id}  [{rule.category.label}，{rule.severity.label}]" + ("（预览）" if rule.status == "preview" else ""),
        "",
        "检查什么：" + placeholder_text(rule.message),
        *([f"  例如：{sample}"] if sample else []),
        "为什么：" + rule.why,
        "依据：" + src,
    ]
    if rule.suggestion:
        lines.append("怎么改：" + placeholder_text(rule.suggestion))
    lines.append("示例（应指出）：")
    lines += [f"  ✗ {_example(e)}" for e in rule.examples.fail]
    lines.append("示例（正确写法，不应指出）：")
    lines += [f"  ✓ {_example(e)}" for e in rule.examples.pass_]
    return "\n".join(lines)
