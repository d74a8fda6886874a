"""Command line: ``doclint FILE...`` (= ``doclint check``), ``rules``, ``explain`` and the rest.

The only package that imports click; it turns typed errors into exit codes. ``main`` is the
group; the commands live by concern: ``check`` (check, gate), ``outputs`` (slip, digest,
annotated copies, the ledger), ``explain`` (rules, explain, config show), ``service``
(watch, serve); ``common`` holds the Chinese help, exit codes and input walking.
"""

from __future__ import annotations

import click

from doclint._version import __version__
from doclint.cli.check import check, gate
from doclint.cli.common import EXIT_PASS, EXIT_RETURN, EXIT_USAGE, DefaultGroup, iter_inputs
from doclint.cli.explain import config_group, explain, list_rules
from doclint.cli.fix import fix
from doclint.cli.outputs import digest, slip
from doclint.cli.service import serve, watch

__all__ = ["EXIT_PASS", "EXIT_RETURN", "EXIT_USAGE", "iter_inputs", "main"]


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "--version", message="doclint %(version)s", help="显示版本并退出。")
@click.option("--debug", is_flag=True, help="doclint 自身出错时显示完整的出错位置（写在命令名之前）。")
def main(debug: bool) -> None:
    """doclint：公文退文检查。用法：doclint 文件或文件夹…（即 doclint check）。"""


for _command in (check, gate, fix, slip, digest, watch, serve, config_group, list_rules, explain):
    main.add_command(_command)
