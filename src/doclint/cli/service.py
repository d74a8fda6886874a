"""Long-running commands: ``doclint watch`` (a shared folder) and ``doclint serve`` (HTTP)."""

from __future__ import annotations

from pathlib import Path

import click

from doclint.cli.common import Command, fail
from doclint.errors import DoclintError


@click.command(cls=Command)
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


@click.command(cls=Command)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="监听地址。默认只允许本机访问；对其他电脑开放（如 0.0.0.0）时请同时设置 --token。")
@click.option("--port", type=click.IntRange(1, 65535), default=8080, show_default=True, help="端口。")
@click.option("--token", envvar="DOCLINT_TOKEN", default=None,
              help="访问令牌：设置后 /v1/* 须带 Authorization: Bearer <令牌>（建议用环境变量 DOCLINT_TOKEN 传入）。")
@click.option("--max-upload-mb", type=click.FloatRange(min=0.1, max=1024), default=20, show_default=True,
              help="单次请求的上传大小上限（MB），超出返回 413。")
@click.option("--max-concurrency", type=click.IntRange(min=1, max=64), default=4, show_default=True,
              help="同时检查的稿件数。")
@click.option("--queue-size", type=click.IntRange(min=0, max=1000), default=16, show_default=True,
              help="排队等候的请求数上限，排满返回 503。")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="使用指定的配置文件（默认从当前文件夹向上查找 .doclint.yaml）。")
def serve(host: str, port: int, token: str | None, max_upload_mb: float, max_concurrency: int, queue_size: int,
          config_file: str | None) -> None:
    """启动网页服务：浏览器打开即可检查稿件，OA 系统可调用 /v1/check 等接口（需先 pip install 'doclint[serve]'）。"""
    from doclint.config import find_config, load_settings

    try:
        from doclint.server import serve as run_server
    except ImportError:
        fail("网页服务需要额外组件：请先运行 pip install 'doclint[serve]'")
        return
    try:
        settings = load_settings(Path(config_file) if config_file else find_config(Path.cwd()))
        run_server(host, port, settings.config, token=token or settings.config.serve_token, max_upload_mb=max_upload_mb,
                   max_concurrency=max_concurrency, queue_size=queue_size)
    except DoclintError as exc:
        fail(str(exc))
