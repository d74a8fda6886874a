"""The findings ledger: every checked draft's report, kept in SQLite for digests over time.

``doclint check --record`` appends one row per draft; ``doclint digest --ledger`` reads a
period back. The file needs no server. It is safe for several writers at once (several
reviewers' ``doclint check --record`` on one shared file): WAL journal, a busy timeout,
one short transaction per write, and a connection per call. WAL needs a local file
system; on a network share SQLite falls back to its ordinary locking.

Schema (``PRAGMA user_version = 1``)::

    checks(id INTEGER PRIMARY KEY, checked_at TEXT, path TEXT, unit TEXT,
           verdict TEXT, schema INTEGER, report TEXT)   -- report: the contract's JSON
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from doclint.errors import LedgerError
from doclint.findings import SCHEMA_VERSION, FileReport

__all__ = ["LEDGER_NAME", "Ledger", "LedgerEntry", "default_ledger_path", "previous_period", "unit_lookup"]

LEDGER_NAME = "doclint-ledger.sqlite"
USER_VERSION = 1
BUSY_TIMEOUT_S = 30.0

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS checks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        checked_at TEXT NOT NULL,
        path TEXT NOT NULL,
        unit TEXT,
        verdict TEXT NOT NULL,
        schema INTEGER NOT NULL,
        report TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS checks_checked_at ON checks (checked_at)",
)


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded check: the report, the sending unit and when it was checked."""

    report: FileReport
    unit: str | None
    checked_at: dt.datetime


class Ledger:
    """A ledger file; the schema is created on first use."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._ready = False

    @contextlib.contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise LedgerError(str(self.path), f"无法打开：{exc}") from None
        try:
            if not self._ready:
                self._prepare(conn)
            yield conn
        except sqlite3.DatabaseError as exc:
            raise LedgerError(str(self.path), f"读写失败：{exc}（文件可能已损坏或不是 doclint 台账）") from None
        finally:
            conn.close()

    def _prepare(self, conn: sqlite3.Connection) -> None:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > USER_VERSION:
            raise LedgerError(str(self.path), f"台账版本为 {version}，本版 doclint 只支持 {USER_VERSION}，请升级 doclint")
        conn.execute("PRAGMA journal_mode=WAL")
        if version < USER_VERSION:
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _SCHEMA:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {USER_VERSION}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        self._ready = True

    def record(self, report: FileReport, unit: str | None, checked_at: dt.datetime | None = None) -> None:
        """Append one checked draft (``checked_at`` defaults to now, local time)."""
        self.record_many([(report, unit)], checked_at)

    def record_many(self, items: Iterable[tuple[FileReport, str | None]], checked_at: dt.datetime | None = None) -> int:
        """Append several drafts in one short transaction; returns how many."""
        when = (checked_at or dt.datetime.now()).replace(microsecond=0).isoformat()
        rows = [
            (when, r.path, unit, r.verdict, SCHEMA_VERSION, r.model_dump_json(by_alias=True))
            for r, unit in items
        ]
        with self._connect() as conn:
            conn.execute("BEGIN IMMEDIATE")
            try:
                conn.executemany(
                    "INSERT INTO checks (checked_at, path, unit, verdict, schema, report) VALUES (?, ?, ?, ?, ?, ?)", rows
                )
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return len(rows)

    def entries(self, since: dt.date | None = None, until: dt.date | None = None) -> list[LedgerEntry]:
        """Checks from ``since`` to ``until`` (inclusive dates; None = open end), oldest first."""
        where, args = [], []
        if since is not None:
            where.append("substr(checked_at, 1, 10) >= ?")
            args.append(since.isoformat())
        if until is not None:
            where.append("substr(checked_at, 1, 10) <= ?")
            args.append(until.isoformat())
        sql = "SELECT checked_at, unit, schema, report FROM checks"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY checked_at, id"
        with self._connect() as conn:
            rows = conn.execute(sql, args).fetchall()
        out = []
        for checked_at, unit, schema, text in rows:
            if schema != SCHEMA_VERSION:
                continue  # written by a doclint with another report schema
            try:
                report = FileReport.model_validate(json.loads(text))
            except (ValueError, ValidationError):
                continue
            out.append(LedgerEntry(report, unit, dt.datetime.fromisoformat(checked_at)))
        return out

    def reports(self, since: dt.date | None = None, until: dt.date | None = None) -> list[FileReport]:
        """The reports of :meth:`entries`."""
        return [e.report for e in self.entries(since, until)]


def default_ledger_path(config_file: Path | None) -> Path:
    """Where the ledger lives when the config names none: next to the config file (a shared
    folder's reviewers share it), else in the current folder."""
    return (config_file.parent if config_file is not None else Path.cwd()) / LEDGER_NAME


def unit_lookup(entries: Iterable[LedgerEntry], fallback: Callable[[FileReport], str]) -> Callable[[FileReport], str]:
    """A ``unit_of`` for :func:`doclint.digest.build_digest`: the recorded unit, else ``fallback``."""
    units = {id(e.report): e.unit for e in entries}

    def unit_of(report: FileReport) -> str:
        return units.get(id(report)) or fallback(report)

    return unit_of


def _is_month_start(d: dt.date) -> bool:
    return d.day == 1


def _is_month_end(d: dt.date) -> bool:
    return d.day == calendar.monthrange(d.year, d.month)[1]


def _add_months(d: dt.date, months: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def previous_period(since: dt.date, until: dt.date) -> tuple[dt.date, dt.date]:
    """The period just before: whole months shift by months (a quarter → the previous
    quarter), anything else by its length in days."""
    if _is_month_start(since) and _is_month_end(until):
        months = (until.year - since.year) * 12 + until.month - since.month + 1
        start = _add_months(since, -months)
        return start, since - dt.timedelta(days=1)
    days = (until - since).days + 1
    return since - dt.timedelta(days=days), since - dt.timedelta(days=1)
