"""What the commands share: Chinese help, exit codes, walking inputs, failing with a message."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from typing import Any

import click

EXIT_PASS, EXIT_RETURN, EXIT_USAGE = 0, 1, 2


class ChineseHelp(click.Command):
    """Click's built-in help texts and headings, in Chinese like every option of ours."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助并退出。"
        return option

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        formatter.write_usage(ctx.command_path, " ".join(self.collect_usage_pieces(ctx)), prefix="用法：")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [rv for p in self.get_params(ctx)
                if isinstance(p, click.Option) and (rv := p.get_help_record(ctx)) is not None]
        section(formatter, "选项", [(name, _zh_extra(text)) for name, text in rows])


def _zh_extra(text: str) -> str:
    """Click appends "[default: x]" and "[required]" itself: say them in Chinese."""
    import re

    text = re.sub(r"\s*\[default: ([^\]]*)\]", r"（默认：\1）", text)
    return re.sub(r"\s*\[required\]", "（必填）", text)


def section(formatter: click.HelpFormatter, title: str, rows: list[tuple[str, str]]) -> None:
    """A help section with a Chinese heading (click's own ends in an ASCII colon)."""
    if not rows:
        return
    formatter.write_paragraph()
    formatter.write(f"{'':>{formatter.current_indent}}{title}：\n")
    with formatter.indentation():
        formatter.write_dl(rows)


class Command(ChineseHelp):
    """A command with Chinese help."""


class Group(ChineseHelp, click.Group):
    """A group whose commands get Chinese help."""

    command_class = Command
    group_class = type

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        ChineseHelp.format_options(self, ctx, formatter)
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=formatter.width - 6 - len(name))))
        section(formatter, "命令", rows)


class LazyCommands(MutableMapping[str, click.Command]):
    """A group's commands by name, each imported on first use (``"module:attribute"`` under
    ``doclint.cli``): ``doclint --version`` or ``doclint rules`` need not import ``fix``, ``serve``…
    Membership is answered from the names alone."""

    def __init__(self, specs: dict[str, str]) -> None:
        self._specs = dict(specs)
        self._loaded: dict[str, click.Command] = {}

    def __getitem__(self, name: str) -> click.Command:
        if name not in self._loaded:
            import importlib

            module, attr = self._specs[name].split(":")
            self._loaded[name] = getattr(importlib.import_module(f"doclint.cli.{module}"), attr)
        return self._loaded[name]

    def __setitem__(self, name: str, command: click.Command) -> None:
        self._specs.setdefault(name, "")
        self._loaded[name] = command

    def __delitem__(self, name: str) -> None:
        del self._specs[name]
        self._loaded.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._specs

    def __iter__(self) -> Iterator[str]:
        return iter(self._specs)

    def __len__(self) -> int:
        return len(self._specs)


class DefaultGroup(Group):
    """Treat ``doclint FILE...`` as ``doclint check FILE...``; an unexpected exception exits 2.

    Exit 1 only ever means "some draft should be returned or is unreadable", so a fault of
    doclint's own must never look like a verdict to a pre-submit hook.
    """

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        lead = 1 if args[:1] == ["--debug"] else 0
        rest = args[lead:]
        if rest and rest[0] not in self.commands and rest[0] not in ("--help", "-h", "--version"):
            args = [*args[:lead], "check", *rest]
        return super().parse_args(ctx, args)

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        given = list(sys.argv[1:] if args is None else args)
        try:
            return super().main(given, *rest, **kwargs)
        except Exception as exc:
            if given[:1] == ["--debug"] or os.environ.get("DOCLINT_DEBUG") == "1":
                raise
            detail = str(exc).splitlines()[0][:200] if str(exc) else ""
            click.echo(f"错误：doclint 内部错误（{type(exc).__name__}{'：' + detail if detail else ''}）。"
                       "加 --debug（doclint --debug …）重新运行可显示出错位置，请连同输入文件报告给维护者", err=True)
            sys.exit(EXIT_USAGE)


def split_ids(values: tuple[str, ...]) -> list[str]:
    """Rule ids and prefixes from repeated, comma-separated options."""
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def iter_inputs(paths: tuple[str, ...]) -> Iterator[Path]:
    """Files as given, and folders walked for drafts (Word lock files and Markdown skipped)."""
    from doclint.model.reader import FOLDER_SUFFIXES

    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                if f.is_file() and f.suffix.lower() in FOLDER_SUFFIXES and not f.name.startswith(("~$", ".")):
                    yield f
        else:
            yield p


def fail(message: str) -> None:
    """Say what went wrong, in Chinese, and exit with the usage code."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(EXIT_USAGE)




def overrides_from(**options: Any) -> dict[str, Any]:
    """CLI options that were given, as config keys."""
    out: dict[str, Any] = {}
    for key, value in options.items():
        if value not in (None, (), [], False):
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


def long_lived() -> None:
    """For serve and watch, which run for days: the collector's usual thresholds again (importing
    this package raised them for one-shot commands)."""
    import gc

    from doclint.cli import GC_DEFAULT

    gc.set_threshold(*GC_DEFAULT)


def short_lived() -> None:
    """For one-shot commands only (not serve or watch): a run allocates ~200k objects that live to
    the end (modules, rules, schemas); collecting the youngest generation every 700 allocations
    re-scans them for nothing, ~8% of a cold check."""
    import gc

    gc.set_threshold(100_000)
    # Building a report serializer (--format json) makes pydantic look up plugins in every installed
    # distribution's metadata (~15 ms); a one-shot command has none to offer them. An explicit value wins.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
