"""Checking drafts: ``doclint check`` (also ``doclint FILE...``) and ``doclint gate``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from doclint.anatomy.type_names import ALL_TYPES
from doclint.cli.common import (
    EXIT_PASS,
    EXIT_RETURN,
    EXIT_USAGE,
    Command,
    fail,
    iter_inputs,
    overrides_from,
    short_lived,
    split_ids,
)
from doclint.cli.outputs import annotate_outputs, record_in_ledger
from doclint.errors import DoclintError


@click.command(cls=Command)
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github", "csv"]), default="text",
              show_default=True,
              help="输出格式：text 供人阅读，json 供系统对接，sarif 供代码扫描平台，github 供 GitHub Actions，"
                   "csv 供 Excel 汇总（每个问题一行，带 BOM 的 UTF-8，如 > 结果.csv）。")
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
@click.option("--count-scope", type=click.Choice(["body", "body+title", "all"]), default=None,
              help="字数统计范围：body（正文，默认）、body+title（标题和正文）、all（全文）。")
@click.option("--profile", default=None, help="版式规范：gbt9704（默认）或地方规范名称、文件。")
@click.option("--time-limit", type=click.FloatRange(min=0.1, max=3600), default=None,
              help="每份稿件读取和检查的时限（秒，默认 30）；超时判为无法读取（too-complex）。")
@click.option("--max-file-mb", type=click.FloatRange(min=0.001, max=1024), default=None,
              help="稿件文件大小上限（MB，默认 50）；超过的不检查（too-large）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件（默认从文件所在文件夹向上查找 .doclint.yaml）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
@click.option("--no-suppress", is_flag=True, help="忽略批注和豁免文件中的“doclint: ignore”，显示全部问题。")
@click.option("--stdin-filename", default=None, help="从标准输入读取（文件名写 -）时，按此文件名判断格式和配置。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="并行进程数（默认：4 核及以上为核数减 1，文件较多时启用；2 核及以下不并行，实测并不更快）。")
@click.option("--annotate", "annotate_out", type=click.Path(dir_okay=False), default=None,
              help="把问题写成 Word 批注，另存为此文件（仅一份 .docx 草稿时使用；原文件不改动）。")
@click.option("--annotate-dir", type=click.Path(file_okay=False), default=None,
              help="批量检查时，把每份 .docx 的批注版存入此文件夹（文件名加“（批注）”）。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--record", is_flag=True, help="把检查结果记入核文台账（供 doclint digest --ledger 汇总）。")
@click.option("-q", "--quiet", is_flag=True, help="只输出每个文件的结论和汇总。")
@click.option("--color/--no-color", default=None, help="彩色输出（默认仅在终端上）。")
def check(files: tuple[str, ...], fmt: str, doc_type: str | None, select: tuple[str, ...],
          ignore: tuple[str, ...], rule_dirs: tuple[str, ...], fail_on: str | None, count_method: str | None,
          count_scope: str | None, profile: str | None, time_limit: float | None, max_file_mb: float | None,
          config_file: str | None, no_config: bool, no_suppress: bool,
          stdin_filename: str | None, jobs: int | None, annotate_out: str | None, annotate_dir: str | None,
          force: bool, record: bool, quiet: bool, color: bool | None) -> None:
    """检查公文草稿（.docx、.txt、.md 或文件夹，文件夹中不查 .md 说明文件；- 表示标准输入），列出退文意见。

    \b
    位置的数法：文本输出的“第N段 第N字”从 1 数起；
    JSON 报告的 location.paragraph、start、end 从 0 数起（字符偏移，见 docs/report-contract.md）。
    """
    short_lived()

    for raw in files:
        if raw != "-" and not Path(raw).exists():
            fail(f"找不到文件或文件夹：{raw}")
    if annotate_out and (len(files) != 1 or files[0] == "-" or Path(files[0]).is_dir()):
        fail("--annotate 只用于一份 .docx 草稿；检查多份稿件或文件夹时请用 --annotate-dir 文件夹")
    paths = list(iter_inputs(tuple(f for f in files if f != "-")))
    if not paths and "-" not in files and fmt in ("text", "github") and not (record or annotate_dir):
        sys.exit(EXIT_PASS)  # no drafts (a hook run on a folder without any): nothing to print, no rules to load

    from doclint.batch import CheckedFile, LinterCache, check_many

    overrides = overrides_from(select=tuple(split_ids(select)), ignore=tuple(split_ids(ignore)),
                           rules=tuple(str(Path(d).resolve()) for d in rule_dirs),
                           fail_on=fail_on, count=count_method, count_scope=count_scope, profile=profile)
    if no_suppress:
        overrides["suppress"] = False
    budget = overrides_from(seconds=time_limit, file_mb=max_file_mb)
    if budget:
        overrides["budget"] = budget
    cache = LinterCache(Path(config_file) if config_file else None, no_config, overrides)
    use_color = sys.stdout.isatty() if color is None else color
    results: list[CheckedFile] = []
    try:
        if "-" in files:
            results.append(_check_stdin(cache, stdin_filename or "stdin.txt", doc_type))
            if fmt == "text":
                _echo_text(results[-1], quiet, use_color, _fail_on(cache, results[-1]))
        stream = check_many(cache, paths, doc_type, jobs)
        show_bar = fmt == "text" and len(paths) > 1 and sys.stderr.isatty()
        with click.progressbar(stream, length=len(paths), label="检查中", file=sys.stderr) if show_bar \
                else _nullbar(stream) as bar:
            for item in bar:
                results.append(item)
                if fmt == "text" and not show_bar:
                    _echo_text(item, quiet, use_color, _fail_on(cache, item))
        if show_bar:
            for item in results[len(results) - len(paths):]:
                _echo_text(item, quiet, use_color, _fail_on(cache, item))
    except DoclintError as exc:
        fail(str(exc))
        return
    reports = [r.report for r in results]
    _emit(fmt, reports, cache, paths[0] if paths else Path("."), _fail_on(cache, results[0]) if results else None)
    output_failed = False
    if annotate_out or annotate_dir:
        output_failed = annotate_outputs(reports, annotate_out, annotate_dir, force)
    if record:
        output_failed = record_in_ledger(cache, reports) or output_failed
    if output_failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_RETURN if any(r.failed for r in results) else EXIT_PASS)


class _nullbar:
    """Context manager standing in for a progress bar when none is shown."""

    def __init__(self, it: Any) -> None:
        self.it = it

    def __enter__(self) -> Any:
        return self.it

    def __exit__(self, *exc: object) -> None:
        return None


def _check_stdin(cache: Any, name: str, doc_type: str | None) -> Any:
    from doclint.batch import from_result
    from doclint.pipeline.source import Source

    data = sys.stdin.buffer.read()
    linter = cache.linter_for(Path(name).resolve())
    return from_result(linter, linter.check_source(Source.of_bytes(data, name, doc_type)))


def _fail_on(cache: Any, item: Any) -> str:
    """The fail_on level that governs this file (option, or its folder's config)."""
    return str(cache.linter_for(Path(item.report.path)).config.fail_on)


def _echo_text(item: Any, quiet: bool, color: bool, fail_on: str | None = None) -> None:
    from doclint.outputs.reporters import text as text_reporter

    if quiet:
        click.echo(text_reporter.verdict_line(item.report, color, fail_on))
    else:
        click.echo("\n".join(text_reporter.render_report(item.report, item.texts, color, fail_on)))


def _emit(fmt: str, reports: list[Any], cache: Any, sample: Path, fail_on: str | None = None) -> None:
    if fmt == "json":
        from doclint.outputs.reporters import json as json_reporter

        click.echo(json_reporter.render(reports))
    elif fmt == "sarif":
        from doclint.outputs.reporters import sarif

        click.echo(sarif.render(reports, cache.linter_for(sample).all_rules))
    elif fmt == "github":
        from doclint.outputs.reporters import github

        for line in github.lines(reports):
            click.echo(line)
    elif fmt == "csv":
        from doclint.outputs.reporters import csv as csv_reporter

        click.echo(csv_reporter.render(reports), nl=False)
    elif len(reports) > 1:
        from doclint.outputs.reporters import text as text_reporter

        click.echo(text_reporter.summary_table(reports, fail_on))



@click.command(cls=Command)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--type", "doc_type", type=click.Choice(ALL_TYPES), default=None, help="指定文种。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def gate(files: tuple[str, ...], doc_type: str | None, config_file: str | None) -> None:
    """报送前把关：每个文件一行结论；全部通过返回 0，有退文或无法读取返回 1。"""
    from doclint.batch import LinterCache, check_many
    from doclint.outputs.reporters.text import VERDICT_LABELS

    short_lived()
    cache = LinterCache(Path(config_file) if config_file else None)
    failed = False
    try:
        for item in check_many(cache, list(iter_inputs(files)), doc_type):
            r = item.report
            c = r.counts()
            counts = f"错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}"
            detail = f"[{r.error.code}] {r.error.message}" if r.error else counts
            click.echo(f"{VERDICT_LABELS[r.verdict]}\t{r.path}\t{detail}")
            failed = failed or item.failed
    except DoclintError as exc:
        fail(str(exc))
    sys.exit(EXIT_RETURN if failed else EXIT_PASS)
