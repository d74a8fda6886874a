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


def reference_markdown(rules: list[Rule]) -> str:
    """The rules reference (docs/rules.md): one section per rule, anchored by its id, which never
    changes, so SARIF ``helpUri`` and other links stay valid (renamed rules keep theirs as aliases)."""
    from doclint.findings import CATEGORY_LABELS

    out = ["# doclint 规则参考", "",
           "由 `rules/` 中的 YAML 生成（`DOCLINT_REGEN=1 pytest tests/test_cli.py -k reference`），请勿手改。",
           "每条规则的锚点就是它的编号，如 `rules.md#wording.jiezhi-jiezhi`。", ""]
    by_category: dict[str, list[Rule]] = {}
    for r in sorted(rules, key=lambda r: r.id):
        by_category.setdefault(r.category.value, []).append(r)
    for category, members in by_category.items():
        out += [f"## {CATEGORY_LABELS[category]}（{category}）", ""]
        for r in members:
            out += [f'<a id="{r.id}"></a>', "", f"### {r.id}", ""]
            out += [line for alias in r.aliases for line in (f'<a id="{alias}"></a>', "")]
            body = explain_text(r).split("\n")[2:]  # the heading line is the section title
            for line in body:
                if line.startswith(("  ✗ ", "  ✓ ")):
                    if "- " + line.strip() not in out[-8:]:  # examples differing only in where they point
                        out.append("- " + line.strip())
                    continue
                if out and out[-1].startswith("- "):
                    out.append("")
                if line.startswith("  例如："):
                    out += [f"例如：{line.strip().removeprefix('例如：')}", ""]
                elif line:
                    label, _, rest = line.partition("：")
                    out += ([f"**{label}**：{rest}", ""] if rest or line.endswith("：") else [line, ""])
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def reference_path() -> str | None:
    """Where the generated rules reference is: inside the wheel, or the repository's docs/."""
    from pathlib import Path

    here = Path(__file__).resolve().parent.parent
    for candidate in (here / "_docs" / "rules.md", here.parent.parent / "docs" / "rules.md"):
        if candidate.is_file():
            return str(candidate)
    return None


def help_uri(rule_id: str) -> str | None:
    """An absolute link to the rule's section of the reference (``file:`` URI of the installed copy)."""
    from pathlib import Path

    path = reference_path()
    return f"{Path(path).as_uri()}#{rule_id}" if path else None
