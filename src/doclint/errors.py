"""Typed errors. Only ``doclint.cli`` turns them into exit codes."""

from __future__ import annotations


class DoclintError(Exception):
    """Base of every error doclint raises on purpose."""

    exit_code = 2


class RuleFileError(DoclintError):
    """A rule pack file is malformed: which file, line and rule, and what is wrong."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None,
                 rule: str | None = None) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.rule = rule
        self.detail = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        rule_part = f"（规则 {rule}）" if rule else ""
        super().__init__(f"规则文件无效  {where}{rule_part}\n  {message}")


class ConfigError(DoclintError):
    """A configuration file or option is invalid."""


class UnreadableDocument(DoclintError):
    """An input could not be read; ``code`` is stable, ``message`` is Chinese."""

    exit_code = 1

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        self.message = message
        super().__init__(f"{code}: {message}")


class OutputExistsError(DoclintError):
    """An output file already exists (or is the input itself) and may not be overwritten."""

    def __init__(self, path: str, message: str | None = None) -> None:
        self.path = path
        super().__init__(message or f"输出文件已存在：{path}（如需覆盖，请加 --force）")


class ReportFileError(DoclintError):
    """A saved JSON report cannot be used: unreadable, malformed, or of another schema."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"报告文件无法使用  {path}\n  {message}")


class LedgerError(DoclintError):
    """The findings ledger (SQLite) cannot be opened, read or written."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.detail = message
        super().__init__(f"核文台账无法使用  {path}\n  {message}")
