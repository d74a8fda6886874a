"""Command line: ``doclint FILE...`` (= ``doclint check``), ``rules``, ``explain``.

The only module that imports click; it turns typed errors into exit codes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import click

from doclint import __version__
from doclint.anatomy.doc_type import ALL_TYPES
from doclint.errors import DoclintError, UnreadableDocument

EXIT_PASS, EXIT_RETURN, EXIT_USAGE = 0, 1, 2


class DefaultGroup(click.Group):
    """Treat ``doclint FILE...`` as ``doclint check FILE...``."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def iter_inputs(paths: tuple[str, ...]) -> Iterator[Path]:
    """Files as given, and folders walked for drafts (Word lock files skipped)."""
    from doclint.model.reader import SUFFIXES

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in SUFFIXES and not f.name.startswith(("~$", ".")):
                    yield f
        else:
            yield p


def _fail(message: str) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_USAGE)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="doclint %(version)s")
def main() -> None:
    """doclint：公文退文检查。用法：doclint 文件或文件夹…（即 doclint check）。"""


class LinterCache:
    """One Linter per effective configuration: folders may carry their own .doclint.yaml."""

    def __init__(self, config_file: str | None, no_config: bool, overrides: dict[str, Any]) -> None:
        self.config_file = Path(config_file) if config_file else None
        self.no_config = no_config
        self.overrides = overrides
        self._by_file: dict[Path | None, Any] = {}

    def settings_path(self, target: Path) -> Path | None:
        """Which config file governs ``target``."""
        from doclint.config import find_config

        if self.no_config:
            return None
        return self.config_file or find_config(target)

    def linter_for(self, target: Path) -> Any:
        """The Linter for a file (built once per config file)."""
        from doclint.config import load_settings
        from doclint.linter import Linter

        key = self.settings_path(target)
        if key not in self._by_file:
            self._by_file[key] = Linter(load_settings(key, self.overrides).config)
        return self._by_file[key]


def _overrides(**options: Any) -> dict[str, Any]:
    """CLI options that were given, as config keys."""
    out: dict[str, Any] = {}
    for key, value in options.items():
        if value not in (None, (), [], False):
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="输出格式：text 供人阅读，json 供系统对接。")
@click.option("--type", "doc_type", type=click.Choice(ALL_TYPES), default=None,
              help="指定文种（不指定则从标题、正文判断）。")
@click.option("--select", multiple=True, help="只检查这些规则（规则编号或类别前缀，可用逗号分隔、可重复）。")
@click.option("--ignore", multiple=True, help="不检查这些规则（规则编号或类别前缀）。")
@click.option("--rules", "rule_dirs", multiple=True, type=click.Path(file_okay=False),
              help="追加规则包文件夹（可重复）。")
@click.option("--fail-on", type=click.Choice(["error", "warning"]), default=None,
              help="达到此级别即返回退出码 1（默认 error）。")
@click.option("--count", "count_method", type=click.Choice(["word", "chars", "hanzi"]), default=None,
              help="字数统计口径：word（Word 字数）、chars（字符数不计空格）、hanzi（汉字数）。")
@click.option("--profile", default=None, help="版式规范：gbt9704（默认）或地方规范名称、文件。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件（默认从文件所在文件夹向上查找 .doclint.yaml）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
@click.option("--no-suppress", is_flag=True, help="忽略批注和豁免文件中的“doclint: ignore”，显示全部问题。")
@click.option("-q", "--quiet", is_flag=True, help="只输出每个文件的结论和汇总。")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅在终端上）。")
def check(files: tuple[str, ...], fmt: str, doc_type: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], rule_dirs: tuple[str, ...], fail_on: str | None, count_method: str | None,
          profile: str | None, config_file: str | None, no_config: bool, no_suppress: bool, quiet: bool,
          color: bool | None) -> None:
    """检查公文草稿（.docx、.txt、.md 或文件夹），列出退文意见。"""
    from doclint.linter import unreadable
    from doclint.model.reader import read_path
    from doclint.reporters import text as text_reporter

    for raw in files:
        if not Path(raw).exists():
            _fail(f"找不到文件或文件夹：{raw}")
    overrides = _overrides(select=tuple(_split(select)), ignore=tuple(_split(ignore)),
                           rules=tuple(str(Path(d).resolve()) for d in rule_dirs),
                           fail_on=fail_on, count=count_method, profile=profile)
    if no_suppress:
        overrides["suppress"] = False
    cache = LinterCache(config_file, no_config, overrides)
    use_color = sys.stdout.isatty() if color is None else color
    reports = []
    failed = False
    for path in iter_inputs(files):
        try:
            linter = cache.linter_for(path)
        except DoclintError as exc:
            _fail(str(exc))
            return
        try:
            document = read_path(path)
        except UnreadableDocument as exc:
            report = unreadable(str(path), exc)
            texts: list[str] = []
        else:
            report = linter.check_document(document, str(path), doc_type, sidecar=True)
            texts = [p.text for p in document.paragraphs]
        reports.append(report)
        failed = failed or linter.fails(report)
        if fmt == "text":
            lines = text_reporter.render_report(report, texts, use_color)
            click.echo("\n".join(lines[-1:] if quiet else lines))
    if fmt == "json":
        from doclint.reporters import json as json_reporter

        click.echo(json_reporter.render(reports))
    elif len(reports) > 1:
        click.echo(text_reporter.summary(reports))
    sys.exit(EXIT_RETURN if failed else EXIT_PASS)


@main.group("config")
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
        _fail(str(exc))
        return
    click.echo(f"配置文件：{source if source else '（未找到，使用默认值）'}")
    data = settings.config.model_dump(mode="json")
    for key, field in type(settings.config).model_fields.items():
        origin = settings.sources.get(key, "默认值")
        click.echo(f"{key} = {data[key]!r}    # {field.description}；来自：{origin}")


@main.command("rules")
@click.option("--select", multiple=True, help="只列出这些规则（编号或类别前缀）。")
def list_rules(select: tuple[str, ...]) -> None:
    """列出全部规则：编号、类别、级别、说明。"""
    from doclint.linter import select_rules
    from doclint.rules.loader import builtin_rules_dir, load_rules

    try:
        rules = select_rules(load_rules([builtin_rules_dir()]), _split(select), [])
    except DoclintError as exc:
        _fail(str(exc))
        return
    for r in sorted(rules, key=lambda r: r.id):
        flag = "（预览）" if r.status == "preview" else ""
        click.echo(f"{r.id:<40} {r.category.label:<6} {r.severity.value:<8} {r.message}{flag}")
    click.echo(f"共 {len(rules)} 条规则")


@main.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """说明一条规则：检查什么、为什么、依据、示例。"""
    from doclint.rules.docs import explain_text
    from doclint.rules.loader import builtin_rules_dir, load_rules

    try:
        rules = load_rules([builtin_rules_dir()])
    except DoclintError as exc:
        _fail(str(exc))
        return
    found = [r for r in rules if r.id == rule_id or rule_id in r.aliases]
    if not found:
        _fail(f"没有规则 {rule_id}（用 doclint rules 查看全部规则）")
        return
    click.echo(explain_text(found[0]))


if __name__ == "__main__":  # pragma: no cover
    main()
