"""Documents made from findings: ``doclint slip`` and ``doclint digest``; the annotated copies
and the ledger entries that ``doclint check --annotate/--record`` writes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from doclint.anatomy.type_names import ALL_TYPES
from doclint.cli.common import EXIT_PASS, EXIT_RETURN, Command, fail, iter_inputs
from doclint.errors import DoclintError


def annotate_outputs(reports: list[Any], out: str | None, out_dir: str | None, force: bool) -> bool:
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


def record_in_ledger(cache: Any, reports: list[Any]) -> bool:
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
        n = ledger.record_many([(r, sender_for(r.path, None, linter.config, r, folder=False), _sha256_of(r.path))
                                for r in reports])
    except DoclintError as exc:
        click.echo(f"错误：{exc}", err=True)
        return True
    click.echo(f"已记入核文台账 {ledger.shown}：{n} 份", err=True)
    return False


def _sha256_of(path: str) -> str | None:
    """The ledger's content hash of a checked file (read again: the check kept no bytes); None if gone."""
    from doclint.outputs.ledger import content_sha256

    try:
        return content_sha256(Path(path).read_bytes())
    except OSError:
        return None


@click.command(cls=Command)
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
    from doclint.outputs.atomic import write_atomic
    from doclint.outputs.slip import sender_for, slip_for, title_for
    from doclint.pipeline.source import Source

    fmt = fmt or {".md": "md", ".html": "html", ".htm": "html"}.get(Path(output).suffix.lower(), "docx")
    cache = LinterCache(Path(config_file) if config_file else None)
    try:
        linter = cache.linter_for(Path(draft))
        result = linter.check_source(Source.of_path(draft, doc_type))
        report, document = result.report, result.document
        cfg = linter.config
        data = slip_for(report, office=cfg.office, title=title_for(document, draft),
                        sender=sender_for(draft, document, cfg, report), fmt=fmt)  # type: ignore[arg-type]
        if data is None:
            click.echo(f"{draft} 检查通过，无需退文告知单。", err=True)
            sys.exit(EXIT_PASS)
        write_atomic(output, data, force=force, protect=draft)
    except DoclintError as exc:
        fail(str(exc))
    click.echo(f"已生成退文告知单：{output}", err=True)
    sys.exit(EXIT_RETURN)


@click.command(cls=Command)
@click.argument("inputs", nargs=-1, type=click.Path(exists=True))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="核文摘要输出文件（.docx、.md、.html，或 .xlsx：每张统计表一个工作表）。")
@click.option("--format", "fmt", type=click.Choice(["docx", "md", "html", "xlsx"]), default=None,
              help="输出格式（默认按输出文件扩展名）。")
@click.option("--ledger", "use_ledger", is_flag=True,
              help="从核文台账汇总（配合 --since/--until）；同一稿件多次检查只计一件，取最后一次结果。")
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
    from doclint.outputs.digest import build_digest, default_unit_of, draft_histories, gather_reports, latest_per_draft
    from doclint.outputs.ledger import Ledger, default_ledger_path, is_database_url, previous_period, unit_lookup
    from doclint.rules.messages import rule_title

    fmt = fmt or {".md": "md", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}.get(Path(output).suffix.lower(), "docx")
    if not inputs and not use_ledger:
        fail("请给出稿件、文件夹或 JSON 报告，或使用 --ledger")
    cache = LinterCache(Path(config_file) if config_file else None)
    start, end = (since.date() if since else None), (until.date() if until else None)
    try:
        linter = cache.linter_for(Path(inputs[0]) if inputs else Path.cwd())
        config = linter.config
        fallback = default_unit_of(config)
        reports = []
        previous = None
        checks: dict[str, int] = {}
        versions: dict[str, int] = {}
        shown = None
        if use_ledger:
            target = ledger_file or config.ledger or default_ledger_path(cache.settings_path(Path.cwd()))
            if not is_database_url(target) and not Path(target).exists():
                fail(f"找不到核文台账 {Path(target).resolve()}（用 --ledger-file 指定，或在台账所在文件夹运行；"
                     "台账由 doclint check --record 生成）")
            ledger = Ledger(target)
            shown = ledger.shown
            histories = draft_histories(ledger.entries(start, end))
            reports += [h.latest.report for h in histories]
            checks = {h.latest.report.path: h.checks for h in histories}
            versions = {h.latest.report.path: h.versions for h in histories}
            recorded = unit_lookup([h.latest for h in histories], lambda r: "")
            fallback = _prefer_named(recorded, fallback)
            if start and end:
                previous = [e.report for e, _ in latest_per_draft(ledger.entries(*previous_period(start, end)))]
        json_inputs = [p for p in inputs if p.lower().endswith(".json")]
        loaded, problems = gather_reports(json_inputs)
        for problem in problems:
            click.echo(f"跳过：{problem}", err=True)
        reports += loaded
        drafts = list(iter_inputs(tuple(p for p in inputs if not p.lower().endswith(".json"))))
        for item in check_many(cache, drafts, None):
            reports.append(item.report)
        if not reports:
            when = f"{start or ''}至{end or ''}" if start or end else ""
            where = f"：核文台账 {shown} 中{when}没有检查记录" if shown is not None else ""
            fail(f"没有可汇总的检查结果{where}")
        titles = {alias: rule_title(r) for r in linter.all_rules for alias in (r.id, *r.aliases)}
        data = build_digest(reports, period=(start, end) if start and end else None,  # type: ignore[call-overload]
                            previous=previous, unit_of=fallback, fmt=fmt, office=config.office,
                            rule_titles=titles, checks=checks, versions=versions)
        write_atomic(output, data, force=force)
    except DoclintError as exc:
        fail(str(exc))
    resubmitted = sum(versions.get(p, n) > 1 for p, n in checks.items())
    note = f"，其中 {resubmitted} 份重新报送过，按最后一次检查计" if resubmitted else ""
    click.echo(f"已生成核文摘要：{output}（{len(reports)} 份稿件{note}）", err=True)


def _prefer_named(recorded: Any, fallback: Any) -> Any:
    """The unit the draft names (report.unit), else the one recorded in the ledger, else the config's."""

    def unit_of(report: Any) -> str:
        return str(report.unit or recorded(report) or fallback(report))

    return unit_of
