"""Commands that describe rather than check: ``doclint rules``, ``explain`` and ``config show``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from doclint.cli.common import Command, DefaultGroup, fail, split_ids
from doclint.errors import DoclintError


@click.group("config", cls=DefaultGroup)  # the class main's own subgroups get (Group.group_class = type)
def config_group() -> None:
    """查看配置。"""


@config_group.command("show")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def config_show(path: str, config_file: str | None) -> None:
    """显示对某个文件或文件夹生效的配置，以及每一项来自哪里。"""
    from doclint.config import find_config, load_settings

    source = Path(config_file) if config_file else find_config(Path(path))
    try:
        settings = load_settings(source)
    except DoclintError as exc:
        fail(str(exc))
        return
    click.echo(f"配置文件：{source if source else '（未找到，使用默认值）'}")
    data = settings.config.model_dump(mode="json")
    for key, field in type(settings.config).model_fields.items():
        origin = settings.sources.get(key, "默认值")
        if key == "serve_token" and data[key]:
            data[key] = "******"  # never print a secret
        if key == "budget":
            data[key] = settings.config.budget.effective()  # the limits in force, defaults included
        click.echo(f"{key} = {data[key]!r}    # {field.description}；来自：{origin}")


@click.command("rules", cls=Command)
@click.option("--select", multiple=True, help="只列出这些规则（编号或类别前缀）。")
def list_rules(select: tuple[str, ...]) -> None:
    """列出全部规则：编号、类别、级别、说明。"""
    from doclint.rules.loader import builtin_rules_dir, load_rules, select_rules
    from doclint.rules.messages import placeholder_text

    try:
        rules = select_rules(load_rules([builtin_rules_dir()]), split_ids(select), [])
    except DoclintError as exc:
        fail(str(exc))
        return
    for r in sorted(rules, key=lambda r: r.id):
        flag = "（预览）" if r.status == "preview" else ""
        click.echo(f"{r.id:<40} {r.category.label:<6} {r.severity.value:<8} {placeholder_text(r.message)}{flag}")
    click.echo(f"共 {len(rules)} 条规则")


@click.command(cls=Command)
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """说明一条规则：检查什么、为什么、依据、示例。"""
    from doclint.rules.docs import explain_text
    from doclint.rules.loader import builtin_rules_dir, load_rules

    try:
        rules = load_rules([builtin_rules_dir()])
    except DoclintError as exc:
        fail(str(exc))
        return
    found = [r for r in rules if r.id == rule_id or rule_id in r.aliases]
    if not found:
        import difflib

        names = [r.id for r in rules] + [a for r in rules for a in r.aliases]
        close = difflib.get_close_matches(rule_id, names, n=1, cutoff=0.6)
        if not close:  # a bare name without its category: jiezhi-jiezhi
            close = [n for n in names if n.split(".", 1)[-1] == rule_id][:1]
        hint = f"是否指 {close[0]}？" if close else "用 doclint rules 查看全部规则"
        fail(f"没有规则 {rule_id}（{hint}）")
        return
    click.echo(explain_text(found[0], _sample_message(found[0])))


def _sample_message(rule: Any) -> str | None:
    """The message the rule gives on its first text example (None for .docx-only examples)."""
    from doclint.pipeline.examples import run_example

    example = next((e for e in rule.examples.fail if e.fixture is None), None)
    if example is None:
        return None
    try:
        findings = run_example(rule, example)
    except Exception:  # an explanation must not fail because an example could not run
        return None
    return findings[0].message if findings else None

