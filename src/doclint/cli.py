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


class DefaultGroup(Group):
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
@click.version_option(__version__, "--version", message="doclint %(version)s", help="显示版本并退出。")
def main() -> None:
    """doclint：公文退文检查。用法：doclint 文件或文件夹…（即 doclint check）。"""
    import gc

    # A command run allocates ~200k objects that live to the end (modules, rules, schemas); collecting
    # the youngest generation every 700 allocations re-scans them for nothing: ~8% of a cold check.
    gc.set_threshold(100_000)


def _overrides(**options: Any) -> dict[str, Any]:
    """CLI options that were given, as config keys."""
    out: dict[str, Any] = {}
    for key, value in options.items():
        if value not in (None, (), [], False):
            out[key] = list(value) if isinstance(value, tuple) else value
    return out


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif", "github"]), default="text",
              show_default=True,
              help="输出格式：text 供人阅读，json 供系统对接，sarif 供代码扫描平台，github 供 GitHub Actions。")
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
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件（默认从文件所在文件夹向上查找 .doclint.yaml）。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
@click.option("--no-suppress", is_flag=True, help="忽略批注和豁免文件中的“doclint: ignore”，显示全部问题。")
@click.option("--stdin-filename", default=None, help="从标准输入读取（文件名写 -）时，按此文件名判断格式和配置。")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, help="并行进程数（默认按 CPU 核数，文件较多时启用）。")
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
          count_scope: str | None, profile: str | None, config_file: str | None, no_config: bool, no_suppress: bool,
          stdin_filename: str | None, jobs: int | None, annotate_out: str | None, annotate_dir: str | None,
          force: bool, record: bool, quiet: bool, color: bool | None) -> None:
    """检查公文草稿（.docx、.txt、.md 或文件夹；- 表示标准输入），列出退文意见。"""
    from doclint.batch import Checked, LinterCache, check_many

    for raw in files:
        if raw != "-" and not Path(raw).exists():
            _fail(f"找不到文件或文件夹：{raw}")
    overrides = _overrides(select=tuple(_split(select)), ignore=tuple(_split(ignore)),
                           rules=tuple(str(Path(d).resolve()) for d in rule_dirs),
                           fail_on=fail_on, count=count_method, count_scope=count_scope, profile=profile)
    if no_suppress:
        overrides["suppress"] = False
    cache = LinterCache(Path(config_file) if config_file else None, no_config, overrides)
    use_color = sys.stdout.isatty() if color is None else color
    results: list[Checked] = []
    try:
        if "-" in files:
            results.append(_check_stdin(cache, stdin_filename or "stdin.txt", doc_type))
        paths = list(iter_inputs(tuple(f for f in files if f != "-")))
        stream = check_many(cache, paths, doc_type, jobs)
        show_bar = fmt == "text" and len(paths) > 1 and sys.stderr.isatty()
        with click.progressbar(stream, length=len(paths), label="检查中", file=sys.stderr) if show_bar \
                else _nullbar(stream) as bar:
            for item in bar:
                results.append(item)
                if fmt == "text" and not show_bar:
                    _echo_text(item, quiet, use_color)
        if show_bar:
            for item in results:
                _echo_text(item, quiet, use_color)
    except DoclintError as exc:
        _fail(str(exc))
        return
    reports = [r.report for r in results]
    _emit(fmt, reports, cache, paths[0] if paths else Path("."))
    output_failed = False
    if annotate_out or annotate_dir:
        output_failed = _annotate_outputs(reports, annotate_out, annotate_dir, force)
    if record:
        output_failed = _record(cache, reports) or output_failed
    if output_failed:
        sys.exit(EXIT_USAGE)
    sys.exit(EXIT_RETURN if any(r.failed for r in results) else EXIT_PASS)


def _annotate_outputs(reports: list[Any], out: str | None, out_dir: str | None, force: bool) -> bool:
    """Write annotated copies; returns True when any could not be written."""
    from doclint.outputs.annotate import annotate_file, annotated_path

    drafts = [r for r in reports if r.path.lower().endswith(".docx") and r.verdict != "unreadable"]
    if out and len(reports) != 1:
        click.echo("错误：--annotate 只用于一份草稿；批量检查请用 --annotate-dir", err=True)
        return True
    failed = False
    for r in reports:
        if r not in drafts:
            click.echo(f"未生成批注版：{r.path}（只有可读取的 .docx 才能加批注）", err=True)
    for r in drafts:
        target = Path(out) if out else annotated_path(r.path, out_dir or ".")
        try:
            annotate_file(r.path, r, target, force=force)
            click.echo(f"已生成批注版：{target}", err=True)
        except DoclintError as exc:
            click.echo(f"错误：{exc}", err=True)
            failed = True
    return failed


def _record(cache: Any, reports: list[Any]) -> bool:
    """Append the reports to the findings ledger; returns True on failure."""
    from doclint.outputs.ledger import Ledger, default_ledger_path
    from doclint.outputs.slip import sender_for

    if not reports:
        return False
    first = Path(reports[0].path)
    linter = cache.linter_for(first)
    path = linter.config.ledger or default_ledger_path(cache.settings_path(first))
    ledger = Ledger(path)
    try:
        n = ledger.record_many([(r, sender_for(r.path, None, linter.config)) for r in reports])
    except DoclintError as exc:
        click.echo(f"错误：{exc}", err=True)
        return True
    click.echo(f"已记入核文台账 {ledger.shown}：{n} 份", err=True)
    return False


class _nullbar:
    """Context manager standing in for a progress bar when none is shown."""

    def __init__(self, it: Any) -> None:
        self.it = it

    def __enter__(self) -> Any:
        return self.it

    def __exit__(self, *exc: object) -> None:
        return None


def _check_stdin(cache: Any, name: str, doc_type: str | None) -> Any:
    from doclint.batch import Checked
    from doclint.linter import unreadable
    from doclint.model.reader import read_bytes

    data = sys.stdin.buffer.read()
    linter = cache.linter_for(Path(name).resolve())
    try:
        document = read_bytes(data, name)
    except UnreadableDocument as exc:
        return Checked(unreadable(name, exc), (), True)
    report = linter.check_document(document, name, doc_type)
    return Checked(report, tuple(p.text for p in document.paragraphs), linter.fails(report))


def _echo_text(item: Any, quiet: bool, color: bool) -> None:
    from doclint.outputs.reporters import text as text_reporter

    if quiet:
        click.echo(text_reporter.verdict_line(item.report, color))
    else:
        click.echo("\n".join(text_reporter.render_report(item.report, item.texts, color)))


def _emit(fmt: str, reports: list[Any], cache: Any, sample: Path) -> None:
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
    elif len(reports) > 1:
        from doclint.outputs.reporters import text as text_reporter

        click.echo(text_reporter.summary_table(reports))


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True))
@click.option("--type", "doc_type", type=click.Choice(ALL_TYPES), default=None, help="指定文种。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def gate(files: tuple[str, ...], doc_type: str | None, config_file: str | None) -> None:
    """报送前把关：每个文件一行结论；全部通过返回 0，有退文或无法读取返回 1。"""
    from doclint.batch import LinterCache, check_many
    from doclint.outputs.reporters.text import VERDICT_LABELS

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
        _fail(str(exc))
    sys.exit(EXIT_RETURN if failed else EXIT_PASS)


@main.command()
@click.argument("draft", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="告知单输出文件（.docx、.md 或 .html）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), default=None,
              help="输出格式（默认按输出文件扩展名）。")
@click.option("--type", "doc_type", type=click.Choice(ALL_TYPES), default=None, help="指定文种。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def slip(draft: str, output: str, fmt: str | None, doc_type: str | None, force: bool, config_file: str | None) -> None:
    """为退文稿件生成退文告知单（通过的稿件不生成）。"""
    from doclint.batch import LinterCache
    from doclint.model.reader import read_path
    from doclint.outputs.atomic import write_atomic
    from doclint.outputs.slip import sender_for, slip_for, title_for

    fmt = fmt or {".md": "md", ".html": "html", ".htm": "html"}.get(Path(output).suffix.lower(), "docx")
    cache = LinterCache(Path(config_file) if config_file else None)
    try:
        linter = cache.linter_for(Path(draft))
        try:
            document = read_path(draft)
        except UnreadableDocument:
            document = None
        report = linter.check_document(document, draft, doc_type, sidecar=True) if document else linter.check_path(draft)
        cfg = linter.config
        data = slip_for(report, office=cfg.office, title=title_for(document, draft),
                        sender=sender_for(draft, document, cfg), fmt=fmt)  # type: ignore[arg-type]
        if data is None:
            click.echo(f"{draft} 检查通过，无需退文告知单。", err=True)
            sys.exit(EXIT_PASS)
        write_atomic(output, data, force=force, protect=draft)
    except DoclintError as exc:
        _fail(str(exc))
    click.echo(f"已生成退文告知单：{output}", err=True)
    sys.exit(EXIT_RETURN)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="核文摘要输出文件（.docx、.md 或 .html）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html"]), default=None,
              help="输出格式（默认按输出文件扩展名）。")
@click.option("--ledger", "use_ledger", is_flag=True, help="从核文台账汇总（配合 --since/--until）。")
@click.option("--ledger-file", type=click.Path(dir_okay=False), default=None,
              help="核文台账：SQLite 文件或 PostgreSQL 地址（默认取配置）。")
@click.option("--since", type=click.DateTime(["%Y-%m-%d"]), default=None, help="起始日期（含），如 2025-01-01。")
@click.option("--until", type=click.DateTime(["%Y-%m-%d"]), default=None, help="截止日期（含），如 2025-03-31。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def digest(inputs: tuple[str, ...], output: str, fmt: str | None, use_ledger: bool, ledger_file: str | None,
           since: Any, until: Any, force: bool, config_file: str | None) -> None:
    """汇总多份稿件、JSON 报告或核文台账，编成核文摘要（典型案例、统计表、错改对照）。"""
    from doclint.batch import LinterCache, check_many
    from doclint.outputs.atomic import write_atomic
    from doclint.outputs.digest import build_digest, default_unit_of, gather_reports
    from doclint.outputs.ledger import Ledger, default_ledger_path, previous_period, unit_lookup
    from doclint.outputs.slip import sender_for

    fmt = fmt or {".md": "md", ".html": "html", ".htm": "html"}.get(Path(output).suffix.lower(), "docx")
    if not inputs and not use_ledger:
        _fail("请给出稿件、文件夹或 JSON 报告，或使用 --ledger")
    cache = LinterCache(Path(config_file) if config_file else None)
    start, end = (since.date() if since else None), (until.date() if until else None)
    try:
        config = cache.linter_for(Path(inputs[0]) if inputs else Path.cwd()).config
        fallback = default_unit_of(config)
        units: dict[str, str] = {}
        reports = []
        previous = None
        if use_ledger:
            ledger = Ledger(ledger_file or config.ledger or default_ledger_path(cache.settings_path(Path.cwd())))
            entries = ledger.entries(start, end)
            reports += [e.report for e in entries]
            fallback = unit_lookup(entries, fallback)
            if start and end:
                previous = ledger.reports(*previous_period(start, end))
        json_inputs = [p for p in inputs if p.lower().endswith(".json")]
        loaded, problems = gather_reports(json_inputs)
        for problem in problems:
            click.echo(f"跳过：{problem}", err=True)
        reports += loaded
        drafts = list(iter_inputs(tuple(p for p in inputs if not p.lower().endswith(".json"))))
        for item in check_many(cache, drafts, None):
            reports.append(item.report)
            unit = sender_for(item.report.path, None, config)
            if unit:
                units[item.report.path] = unit
        if not reports:
            _fail("没有可汇总的检查结果")
        data = build_digest(reports, period=(start, end) if start and end else None,  # type: ignore[call-overload]
                            previous=previous, unit_of=lambda r: units.get(r.path) or fallback(r), fmt=fmt,
                            office=config.office)
        write_atomic(output, data, force=force)
    except DoclintError as exc:
        _fail(str(exc))
    click.echo(f"已生成核文摘要：{output}（{len(reports)} 份稿件）", err=True)


@main.command()
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("-r", "--recursive", is_flag=True, help="同时监视子文件夹。")
@click.option("--move-returned", type=click.Path(file_okay=False), default=None, help="退文稿件移入此文件夹。")
@click.option("--move-passed", type=click.Path(file_okay=False), default=None, help="通过的稿件移入此文件夹。")
@click.option("--settle", type=float, default=1.0, show_default=True, help="文件停止变化多少秒后再检查。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def watch(folder: str, recursive: bool, move_returned: str | None, move_passed: str | None, settle: float,
          config_file: str | None) -> None:
    """监视共享文件夹：放入的每份稿件自动检查，报告写在旁边的 _doclint 文件夹中。"""
    import threading
    import time

    from doclint.batch import LinterCache
    from doclint.watch import Watcher

    def log(line: str) -> None:
        click.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}", err=True)

    watcher = Watcher(
        Path(folder), LinterCache(Path(config_file) if config_file else None), recursive=recursive,
        move_returned=Path(move_returned) if move_returned else None,
        move_passed=Path(move_passed) if move_passed else None, settle=settle, log=log,
    )
    stop = threading.Event()
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        stop.set()


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。默认只允许本机访问；对其他电脑开放（如 0.0.0.0）时请同时设置 --token。")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="端口。")
@click.option("--token", envvar="DOCLINT_TOKEN", default=None,
              help="访问令牌：设置后 /v1/* 须带 Authorization: Bearer <令牌>（建议用环境变量 DOCLINT_TOKEN 传入）。")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.1, max=1024), default=20, show_default=True,
              help="单次请求的上传大小上限（MB），超出返回 413。")
@click.option("--max-concurrency", type=click.IntRange(min=1, max=64), default=4, show_default=True,
              help="同时检查的稿件数（仅 --workers 0 时；否则等于检查进程数）。")
@click.option("--queue-size", type=click.IntRange(min=0, max=1000), default=64, show_default=True,
              help="排队等候的请求数上限，排满返回 503。")
@click.option("--workers", type=click.IntRange(min=0, max=64), default=None,
              help="检查进程数（默认每核一个，至多 4 个）；每个约占 200 MB 内存。0 表示在服务进程内用线程检查（不隔离）。")
@click.option("--check-memory-mb", type=click.IntRange(min=0), default=1024, show_default=True,
              help="每次检查可再占用的内存上限（MB，检查进程内）；超出则该稿判为无法读取，进程重启。0 表示不限。")
@click.option("--check-timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="每次检查的时间上限（秒）；超出则该稿判为无法读取，进程重启。")
@click.option("--max-uploads", type=click.IntRange(min=1, max=10000), default=1000, show_default=True,
              help="同时接收或等候检查的上传数上限（内存另由 --upload-budget-mb 限定），超出在读取上传内容之前返回 503。")
@click.option("--upload-budget-mb", type=click.FloatRange(min=0.1), default=None,
              help="同时接收或等候检查的上传总量上限（MB，按声明大小计；默认为上传上限的 8 倍）。")
@click.option("--body-timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="上传须在此秒数内传完，否则返回 408 并断开。")
@click.option("--header-timeout", type=click.FloatRange(min=1), default=10, show_default=True,
              help="请求头须在此秒数内收齐，否则断开连接。")
@click.option("--access-log/--no-access-log", default=True, show_default=True,
              help="每个请求在标准错误输出一行 JSON 访问日志。")
@click.option("--record", is_flag=True,
              help="把每次 /v1/check 的结果记入核文台账（配置 ledger:，可为多台服务器共用的 PostgreSQL 地址）。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件（默认从当前文件夹向上查找 .doclint.yaml）。")
def serve(host: str, port: int, token: str | None, max_upload_mb: float, max_concurrency: int, queue_size: int,
          workers: int | None, check_memory_mb: int, check_timeout: float, max_uploads: int,
          upload_budget_mb: float | None, body_timeout: float, header_timeout: float, access_log: bool,
          record: bool, config_file: str | None) -> None:
    """启动网页服务：浏览器打开即可检查稿件，OA 系统可调用 /v1/check 等接口（需先 pip install 'doclint[serve]'）。"""
    from doclint.config import find_config, load_settings

    try:
        from doclint.server import serve as run_server
    except ImportError:
        _fail("网页服务需要额外组件：请先运行 pip install 'doclint[serve]'")
        return
    try:
        settings = load_settings(Path(config_file) if config_file else find_config(Path.cwd()))
        from doclint.outputs.ledger import default_ledger_path
        from doclint.server.service import Timeouts

        record_to = str(settings.config.ledger or default_ledger_path(settings.file)) if record else None
        if upload_budget_mb is not None and upload_budget_mb < max_upload_mb:
            _fail("--upload-budget-mb 不能小于 --max-upload-mb")
        run_server(host, port, settings.config, token=token or settings.config.serve_token, max_upload_mb=max_upload_mb,
                   max_concurrency=max_concurrency, queue_size=queue_size, workers=workers,
                   check_memory_mb=check_memory_mb, check_timeout=check_timeout, max_uploads=max_uploads,
                   upload_budget_mb=upload_budget_mb, access_log=access_log, record_to=record_to,
                   timeouts=Timeouts(headers=header_timeout, body=body_timeout, idle=min(15.0, body_timeout)))
    except DoclintError as exc:
        _fail(str(exc))


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
        if key == "serve_token" and data[key]:
            data[key] = "******"  # never print a secret
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
