"""The findings ledger: every checked draft's report, kept for digests over time.

``doclint check --record`` (and ``doclint serve --record``) append one row per draft;
``doclint digest --ledger`` reads a period back. ``ledger:`` is a SQLite file (the embedded
default, no server) or a PostgreSQL URL (``postgresql://user@host/db``) that several
reviewers' machines and several servers share. Both go through one layer
(:mod:`doclint.outputs.ledger_store`): same schema, same queries, versioned migrations,
concurrent writers from several processes and hosts lose no row.

Schema (version 3)::

    checks(id, checked_at TEXT, path TEXT, unit TEXT, verdict TEXT, schema INTEGER,
           report TEXT,   -- the contract's JSON
           host TEXT,     -- which machine and process recorded it (version 2)
           content_sha256 VARCHAR(64))  -- sha256 of the draft's bytes, hex (version 3; NULL before)
    doclint_migrations(version, applied_at)
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from doclint.findings import SCHEMA_VERSION, FileReport
from doclint.outputs.ledger_store import Store, is_database_url, rows_for

__all__ = ["LEDGER_NAME", "Ledger", "LedgerEntry", "content_sha256", "default_ledger_path", "is_database_url",
           "previous_period", "unit_lookup"]

LEDGER_NAME = "doclint-ledger.sqlite"


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded check: the report, the sending unit and when it was checked."""

    report: FileReport
    unit: str | None
    checked_at: dt.datetime
    content_sha256: str | None = None  # the draft's bytes; None for checks recorded before ledger version 3


def content_sha256(data: bytes) -> str:
    """The hex sha256 of a draft's bytes, as the ledger records it."""
    return hashlib.sha256(data).hexdigest()


Recorded = tuple[FileReport, str | None] | tuple[FileReport, str | None, str | None]


class Ledger:
    """A ledger: a SQLite file path or a database URL; the schema is created or migrated on first use."""

    def __init__(self, target: str | Path) -> None:
        self.target: str | Path = target if is_database_url(target) else Path(target)
        self._store = Store(self.target)

    @property
    def shown(self) -> str:
        """The ledger's name for messages (a URL without its password)."""
        return self._store.shown

    @property
    def path(self) -> Path:
        """The SQLite file (a URL ledger has none)."""
        if isinstance(self.target, Path):
            return self.target
        raise AttributeError("a database ledger has no file path")

    def record(self, report: FileReport, unit: str | None, checked_at: dt.datetime | None = None, *,
               sha256: str | None = None) -> None:
        """Append one checked draft (``checked_at`` defaults to now, local time; ``sha256`` is
        :func:`content_sha256` of the bytes checked, None when unknown)."""
        self.record_many([(report, unit, sha256)], checked_at)

    def record_many(self, items: Iterable[Recorded], checked_at: dt.datetime | None = None) -> int:
        """Append several drafts, each ``(report, unit)`` or ``(report, unit, sha256)``, in one short
        transaction; returns how many."""
        when = (checked_at or dt.datetime.now()).replace(microsecond=0).isoformat()
        rows = rows_for(
            (when, item[0].path, item[1], item[0].verdict, SCHEMA_VERSION, item[0].model_dump_json(by_alias=True),
             item[2] if len(item) > 2 else None)
            for item in items
        )
        if rows:
            self._store.insert(rows)
        return len(rows)

    def entries(self, since: dt.date | None = None, until: dt.date | None = None) -> list[LedgerEntry]:
        """Checks from ``since`` to ``until`` (inclusive dates; None = open end), oldest first."""
        out = []
        for checked_at, unit, schema, text, sha256 in self._store.select(since, until):
            if schema != SCHEMA_VERSION:
                continue  # written by a doclint with another report schema
            try:
                report = FileReport.model_validate(json.loads(text))
            except (ValueError, ValidationError):
                continue
            out.append(LedgerEntry(report, unit, dt.datetime.fromisoformat(checked_at), sha256))
        return out

    def reports(self, since: dt.date | None = None, until: dt.date | None = None) -> list[FileReport]:
        """The reports of :meth:`entries`."""
        return [e.report for e in self.entries(since, until)]

    def count(self) -> int:
        """How many checks the ledger holds (every schema)."""
        return self._store.count()

    def version(self) -> int:
        """The ledger's schema version (after migrating it to this doclint's)."""
        return self._store.version()

    def close(self) -> None:
        """Release pooled connections."""
        self._store.close()


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
