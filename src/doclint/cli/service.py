"""Long-running commands: ``doclint watch`` (a shared folder) and ``doclint serve`` (HTTP)."""

from __future__ import annotations

from pathlib import Path

import click

from doclint.cli.common import Command, fail, long_lived
from doclint.errors import DoclintError


@click.command(cls=Command)
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@click.option("-r", "--recursive", is_flag=True, help="同时监视子文件夹。")
@click.option("--move-returned", type=click.Path(file_okay=False), default=None, help="退文稿件移入此文件夹。")
@click.option("--move-passed", type=click.Path(file_okay=False), default=None, help="通过的稿件移入此文件夹。")
@click.option("--settle", type=float, default=1.0, show_default=True, help="文件停止变化多少秒后再检查。")
@click.option("--unreadable-wait", type=click.FloatRange(min=0), default=30.0, show_default=True,
              help="无法读取的文件（可能仍在写入）停止变化多少秒后才判为无法读取、移走。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件。")
def watch(folder: str, recursive: bool, move_returned: str | None, move_passed: str | None, settle: float,
          unreadable_wait: float, config_file: str | None) -> None:
    """监视共享文件夹：放入的每份稿件自动检查，报告写在稿件旁边（移走的稿件写在新位置）的 _doclint 文件夹中。"""
    long_lived()
    import threading
    import time

    from doclint.batch import LinterCache
    from doclint.watch import Watcher

    def log(line: str) -> None:
        click.echo(f"{time.strftime('%Y-%m-%d %H:%M:%S')} {line}", err=True)

    watcher = Watcher(
        Path(folder), LinterCache(Path(config_file) if config_file else None), recursive=recursive,
        move_returned=Path(move_returned) if move_returned else None,
        move_passed=Path(move_passed) if move_passed else None, settle=settle,
        unreadable_after=unreadable_wait, log=log,
    )
    stop = threading.Event()
    try:
        watcher.run(stop)
    except KeyboardInterrupt:
        stop.set()


@click.command(cls=Command)
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
              help="检查进程数（默认每核一个，至多 4 个）；每个约占 130 MB 内存。0 表示在服务进程内用线程检查（不隔离）。")
@click.option("--check-memory-mb", type=click.IntRange(min=0), default=1024, show_default=True,
              help="每次检查可再占用的内存上限（MB，检查进程内）；超出则该稿判为无法读取，进程重启。0 表示不限。")
@click.option("--check-timeout", type=click.FloatRange(min=1), default=60, show_default=True,
              help="每次检查的时间上限（秒）；超出则该稿判为无法读取，进程重启。")
@click.option("--time-limit", type=click.FloatRange(min=0.1, max=3600), default=None,
              help="每份稿件读取和检查的时限（秒，默认 30，或配置文件的 budget.seconds）；超时判为无法读取。")
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
          workers: int | None, check_memory_mb: int, check_timeout: float, time_limit: float | None, max_uploads: int,
          upload_budget_mb: float | None, body_timeout: float, header_timeout: float, access_log: bool,
          record: bool, config_file: str | None) -> None:
    """启动网页服务：浏览器打开即可检查稿件，OA 系统可调用 /v1/check 等接口（需先 pip install 'doclint[serve]'）。"""
    long_lived()
    from doclint.config import find_config, load_settings

    try:
        from doclint.server import serve as run_server
    except ImportError:
        fail("网页服务需要额外组件：请先运行 pip install 'doclint[serve]'")
        return
    try:
        from doclint.outputs.ledger import default_ledger_path
        from doclint.server.service import Timeouts

        settings = load_settings(Path(config_file) if config_file else find_config(Path.cwd()),
                                 {"budget": {"seconds": time_limit}} if time_limit is not None else None)
        if upload_budget_mb is not None and upload_budget_mb < max_upload_mb:
            fail("--upload-budget-mb 不能小于 --max-upload-mb")
        record_to = str(settings.config.ledger or default_ledger_path(settings.file)) if record else None
        run_server(host, port, settings.config, token=token or settings.config.serve_token, max_upload_mb=max_upload_mb,
                   max_concurrency=max_concurrency, queue_size=queue_size, workers=workers,
                   check_memory_mb=check_memory_mb, check_timeout=check_timeout, max_uploads=max_uploads,
                   upload_budget_mb=upload_budget_mb, access_log=access_log, record_to=record_to,
                   timeouts=Timeouts(headers=header_timeout, body=body_timeout, idle=min(15.0, body_timeout)))
    except DoclintError as exc:
        fail(str(exc))
