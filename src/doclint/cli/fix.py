"""``doclint fix``: a copy of a draft with its mechanical corrections as tracked changes.

Registered on the main group in ``cli/__init__.py``.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from doclint.anatomy.type_names import ALL_TYPES
from doclint.cli.common import Command
from doclint.errors import DoclintError, UnreadableDocument

EXIT_DONE, EXIT_UNREADABLE, EXIT_USAGE = 0, 1, 2


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def _fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


@click.command("fix", cls=Command)
@click.argument("draft", type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="修订版输出文件（原文件不改动）。")
@click.option("--no-track", is_flag=True, help="直接改正，不记为修订（默认每处改正都是可接受或拒绝的修订）。")
@click.option("--select", multiple=True, help="只应用这些规则的改正（规则编号或类别前缀，可用逗号分隔、可重复）。")
@click.option("--ignore", multiple=True, help="不应用这些规则的改正（规则编号或类别前缀）。")
@click.option("--layout", is_flag=True, help="同时按版式规范调整页面、字体字号、行距、缩进、页码和颜色（仅 .docx）。")
@click.option("--profile", default=None, help="版式规范：gbt9704（默认）或地方规范名称、文件。")
@click.option("--type", "doc_type", type=click.Choice(ALL_TYPES), default=None, help="指定文种。")
@click.option("--diff", is_flag=True, help="纯文本草稿：不写文件，在标准输出打印改正前后的差异。")
@click.option("--force", is_flag=True, help="输出文件已存在时覆盖。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
@click.option("--no-config", is_flag=True, help="不读取任何配置文件。")
def fix(draft: str, output: str | None, no_track: bool, select: tuple[str, ...], ignore: tuple[str, ...],
        layout: bool, profile: str | None, doc_type: str | None, diff: bool, force: bool,
        config_file: str | None, no_config: bool) -> None:
    """生成修订版：把可以机械改正的问题（引号、六角括号、截止→截至、全角数字、半角标点等）写成 Word 修订，
    由拟稿人在“审阅”中逐条接受或拒绝；.txt/.md 输出改正后的文本。"""
    from doclint.batch import LinterCache
    from doclint.outputs.atomic import write_atomic
    from doclint.outputs.fix import diff_text

    src = Path(draft)
    if not src.is_file():
        _fail(f"找不到文件：{draft}")
    is_docx = src.suffix.lower() in (".docx", ".docm", ".dotx", ".dotm")
    if diff and is_docx:
        _fail("--diff 只用于 .txt/.md 草稿；.docx 请用 -o 输出修订版")
    if layout and not is_docx:
        _fail("--layout 只用于 .docx 草稿")
    if output is None and not diff:
        _fail("请用 -o 指定修订版输出文件（如 -o 修订版.docx）")
    overrides = {"profile": profile} if profile else {}
    cache = LinterCache(Path(config_file) if config_file else None, no_config, overrides)
    try:
        linter = cache.linter_for(src)
        result = linter.fix(src, track=not no_track, select=_split(select), ignore=_split(ignore), layout=layout,
                            doc_type=doc_type)
        if diff:
            text = diff_text(src.name, src.read_bytes(), result.data)
            click.echo(text, nl=not text.endswith("\n") and bool(text))
        else:
            write_atomic(output or "", result.data, force=force, protect=src)
    except UnreadableDocument as exc:
        _fail(f"{draft}：{exc.message}", EXIT_UNREADABLE)
        return
    except DoclintError as exc:
        _fail(str(exc), EXIT_USAGE)
        return
    counts = Counter(f.rule for f in result.applied)
    edits = sum(len(f.fix or ()) for f in result.applied)
    how = "直接改正" if no_track or not is_docx else "修订"
    summary = f"{'差异已输出' if diff else '已生成修订版：' + str(output)}（{how} {edits} 处"
    if layout:
        summary += f"，版式调整 {len(result.layout)} 项"
    if result.skipped:
        summary += f"，{len(result.skipped)} 处因段落与检查结果不符未改"
    click.echo(summary + "）", err=True)
    for rule, n in sorted(counts.items()):
        click.echo(f"  {rule}  {n} 处", err=True)
    for line in result.layout:
        click.echo(f"  版式：{line}", err=True)
    sys.exit(EXIT_DONE)
