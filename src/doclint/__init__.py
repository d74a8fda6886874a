"""doclint: return-for-revision checks for Chinese official documents (公文).

Public API: ``Linter``, ``Config``, ``check_path``, ``load_rules``, ``__version__``.
Heavy modules load on first use, so ``import doclint`` stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from doclint._version import __version__

__all__ = ["Config", "FileReport", "Finding", "Linter", "__version__", "check_path", "load_rules"]

if TYPE_CHECKING:
    from pathlib import Path

    from doclint.config import Config
    from doclint.findings import FileReport, Finding
    from doclint.linter import Linter
    from doclint.rules.schema import Rule


def check_path(path: str | Path, doc_type: str | None = None) -> FileReport:
    """Check one file with the built-in rules (build a ``Linter`` to check many)."""
    from doclint.linter import Linter

    return Linter().check_path(path, doc_type)


def load_rules(*dirs: str | Path) -> list[Rule]:
    """Load and validate rule packs (the built-in ones when no folder is given)."""
    from pathlib import Path

    from doclint.rules.loader import builtin_rules_dir
    from doclint.rules.loader import load_rules as _load

    return _load([Path(d) for d in dirs] or [builtin_rules_dir()])


def __getattr__(name: str) -> Any:
    if name == "Linter":
        from doclint.linter import Linter

        return Linter
    if name == "Config":
        from doclint.config import Config

        return Config
    if name in ("FileReport", "Finding"):
        from doclint import findings

        return getattr(findings, name)
    raise AttributeError(name)
