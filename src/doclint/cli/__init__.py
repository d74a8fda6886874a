"""Command line: ``doclint FILE...`` (= ``doclint check``), ``rules``, ``explain`` and the rest.

The only package that imports click; it turns typed errors into exit codes. ``main`` is the
group; the commands live by concern: ``check`` (check, gate), ``outputs`` (slip, digest,
annotated copies, the ledger), ``explain`` (rules, explain, config show), ``service``
(watch, serve); ``common`` holds the Chinese help, exit codes and input walking.
"""

from __future__ import annotations

import gc

# Commands are one-shot (see common.short_lived; serve and watch restore GC_DEFAULT). Set before
# click's import, whose objects a collection every 700 allocations would re-scan for nothing.
GC_DEFAULT = gc.get_threshold()
gc.set_threshold(100_000)

import click  # noqa: E402

from doclint._version import __version__  # noqa: E402
from doclint.cli.common import (  # noqa: E402
    EXIT_PASS,
    EXIT_RETURN,
    EXIT_USAGE,
    DefaultGroup,
    LazyCommands,
    iter_inputs,
)

__all__ = ["EXIT_PASS", "EXIT_RETURN", "EXIT_USAGE", "iter_inputs", "main"]

# Each command's module is imported only when that command runs (or help lists them all).
COMMANDS = {
    "check": "check:check", "gate": "check:gate", "fix": "fix:fix", "slip": "outputs:slip",
    "digest": "outputs:digest", "watch": "service:watch", "serve": "service:serve",
    "config": "explain:config_group", "rules": "explain:list_rules", "explain": "explain:explain",
}


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="doclint %(version)s", help="显示版本并退出。")
@click.option("--debug", is_flag=True, help="doclint 自身出错时显示完整的出错位置（写在命令名之前）。")
def main(debug: bool) -> None:
    """doclint：公文退文检查。用法：doclint 文件或文件夹…（即 doclint check）。"""


main.commands = LazyCommands(COMMANDS)
