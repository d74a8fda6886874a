"""Where the ledger's rows live: one SQLAlchemy Core layer over SQLite (a file, the default)
and PostgreSQL (a URL, shared by several servers), with versioned migrations.

SQLAlchemy Core rather than raw drivers: the same table objects and query expressions run
on both databases (placeholders, identity columns, quoting), so there is one set of queries
to keep right; psycopg 3 is only the PostgreSQL driver under it. Nothing here imports
SQLAlchemy until a ledger is opened (start-up time is measured).

Concurrency: every write is one short transaction. SQLite: WAL journal, a 30 s busy timeout
and ``BEGIN IMMEDIATE`` (the write lock is taken at the start, so two writers never
deadlock upgrading a read lock). PostgreSQL: plain ``INSERT`` under READ COMMITTED; rows
from any number of processes and hosts are all kept. Migrations take a lock first
(``BEGIN IMMEDIATE``, or ``pg_advisory_xact_lock`` on PostgreSQL), so servers starting
together apply each migration once.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from doclint.config import is_database_url
from doclint.errors import LedgerError

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine, Table

__all__ = ["LATEST_VERSION", "Store", "is_database_url"]

LATEST_VERSION = 3
BUSY_TIMEOUT_S = 30.0
_ADVISORY_LOCK = 0x646F636C  # "docl": one key for every doclint ledger in a database
def _tables() -> tuple[Table, Table]:
    from sqlalchemy import Column, Integer, MetaData, String, Table, Text

    meta = MetaData()
    checks = Table(
        "checks", meta,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("checked_at", String(32), nullable=False),
        Column("path", Text, nullable=False),
        Column("unit", Text),
        Column("verdict", String(16), nullable=False),
        Column("schema", Integer, nullable=False),
        Column("report", Text, nullable=False),
        Column("host", Text),  # version 2
        Column("content_sha256", String(64)),  # version 3: sha256 of the input bytes, None if unknown
        sqlite_autoincrement=True,
    )
    migrations = Table(
        "doclint_migrations", meta,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("applied_at", String(32), nullable=False),
    )
    return checks, migrations


def _migration_1(conn: Connection, checks: Table) -> None:
    """The checks table as doclint 0.1 wrote it (SQLite ledgers from then are version 1 already)."""
    from sqlalchemy import Column, Index, MetaData, Table
    from sqlalchemy.schema import CreateIndex, CreateTable

    v1 = Table("checks", MetaData(), *(Column(c.name, c.type, primary_key=c.primary_key, nullable=c.nullable,
                                              autoincrement=c.autoincrement)
                                       for c in checks.columns if c.name not in _LATER_COLUMNS),
               sqlite_autoincrement=True)
    conn.execute(CreateTable(v1, if_not_exists=True))
    conn.execute(CreateIndex(Index("checks_checked_at", v1.c.checked_at), if_not_exists=True))


def _migration_2(conn: Connection, checks: Table) -> None:
    """Which machine recorded a check (several servers share one ledger), and an index by draft."""
    from sqlalchemy import Index, text
    from sqlalchemy.schema import CreateIndex

    conn.execute(text("ALTER TABLE checks ADD COLUMN host TEXT"))
    conn.execute(CreateIndex(Index("checks_path", checks.c.path), if_not_exists=True))


def _migration_3(conn: Connection, checks: Table) -> None:
    """The draft's content hash: the same bytes under two names are one draft, a changed file at the
    same path is a re-submission (rows recorded before have none)."""
    from sqlalchemy import Index, text
    from sqlalchemy.schema import CreateIndex

    conn.execute(text("ALTER TABLE checks ADD COLUMN content_sha256 VARCHAR(64)"))
    conn.execute(CreateIndex(Index("checks_content_sha256", checks.c.content_sha256), if_not_exists=True))


_MIGRATIONS = {1: _migration_1, 2: _migration_2, 3: _migration_3}
_LATER_COLUMNS = frozenset({"host", "content_sha256"})  # added by migrations 2 and 3


def _host() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class Store:
    """One ledger database: opened lazily, migrated on first use, a short transaction per call."""

    def __init__(self, target: str | Path) -> None:
        self.target = target
        self._engine: Engine | None = None
        self._ready = False
        self._checks, self._migrations = _tables()

    @property
    def shown(self) -> str:
        """The ledger's name for messages (a URL without its password)."""
        if not is_database_url(self.target):
            return str(self.target)
        from sqlalchemy.engine import make_url

        try:
            return make_url(str(self.target)).render_as_string(hide_password=True)
        except Exception:  # an unparsable URL: show only its scheme
            return str(self.target).split("://", 1)[0] + "://…"

    def _error(self, message: str) -> LedgerError:
        return LedgerError(self.shown, message)

    def _make_engine(self) -> Engine:
        from sqlalchemy import create_engine, event
        from sqlalchemy.engine import make_url
        from sqlalchemy.pool import NullPool

        if is_database_url(self.target):
            url = make_url(str(self.target))
            if url.drivername in ("postgresql", "postgres"):
                url = url.set(drivername="postgresql+psycopg")
        else:
            path = Path(self.target)
            path.parent.mkdir(parents=True, exist_ok=True)
            url = make_url("sqlite+pysqlite://").set(database=str(path))
        if url.get_backend_name() == "sqlite":
            # A connection per call, as before: nothing is held open between CLI writes.
            engine = create_engine(url, poolclass=NullPool, connect_args={"timeout": BUSY_TIMEOUT_S})

            @event.listens_for(engine, "connect")
            def _on_connect(dbapi_conn: Any, _: Any) -> None:
                dbapi_conn.isolation_level = None  # let BEGIN below decide, not the driver
                cur = dbapi_conn.cursor()
                cur.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
                cur.execute("PRAGMA journal_mode=WAL")  # needs a local file system; falls back quietly
                cur.close()

            @event.listens_for(engine, "begin")
            def _on_begin(conn: Connection) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

            return engine
        if url.get_backend_name() != "postgresql":
            raise self._error(f"不支持的数据库：{url.get_backend_name()}（台账可用 SQLite 文件或 PostgreSQL）")
        # A connection per call on PostgreSQL too: nothing stays open in a CLI run or across a fork.
        return create_engine(url, poolclass=NullPool)

    @contextmanager
    def _begin(self) -> Iterator[Connection]:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            if self._engine is None:
                self._engine = self._make_engine()
            with self._engine.begin() as conn:
                if not self._ready:
                    self._migrate(conn)
                yield conn
        except LedgerError:
            raise
        except ModuleNotFoundError as exc:
            raise self._error(f"缺少数据库驱动 {exc.name}：请 pip install 'doclint[postgres]'") from None
        except (SQLAlchemyError, OSError) as exc:
            detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
            raise self._error(f"读写失败：{detail}（数据库不可用，或文件已损坏、不是 doclint 台账）") from None

    def _applied(self, conn: Connection) -> set[int]:
        from sqlalchemy import inspect, select, text

        names = set(inspect(conn).get_table_names())
        if self._migrations.name in names:
            return {int(v) for v in conn.execute(select(self._migrations.c.version)).scalars()}
        if "checks" in names and conn.dialect.name == "sqlite":
            # A ledger from doclint 0.1: its version is in PRAGMA user_version.
            legacy = int(conn.execute(text("PRAGMA user_version")).scalar() or 0)
            return set(range(1, legacy + 1))
        return set()

    def _migrate(self, conn: Connection) -> None:
        from sqlalchemy import insert, text
        from sqlalchemy.schema import CreateTable

        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK})
        elif int(conn.execute(text("PRAGMA user_version")).scalar() or 0) > LATEST_VERSION:
            raise self._too_new(int(conn.execute(text("PRAGMA user_version")).scalar() or 0))
        applied = self._applied(conn)
        if applied and max(applied) > LATEST_VERSION:
            raise self._too_new(max(applied))
        conn.execute(CreateTable(self._migrations, if_not_exists=True))
        now = dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()
        for version in sorted(_MIGRATIONS):
            if version in applied:
                continue
            _MIGRATIONS[version](conn, self._checks)
            applied.add(version)
        known = {int(v) for v in conn.execute(text("SELECT version FROM doclint_migrations")).scalars()}
        missing = sorted(applied - known)
        if missing:
            conn.execute(insert(self._migrations), [{"version": v, "applied_at": now} for v in missing])
        if conn.dialect.name == "sqlite":
            conn.execute(text(f"PRAGMA user_version = {LATEST_VERSION}"))  # an older doclint refuses, not corrupts
        self._ready = True

    def _too_new(self, version: int) -> LedgerError:
        return self._error(f"台账版本为 {version}，本版 doclint 只支持到 {LATEST_VERSION}，请升级 doclint")

    def version(self) -> int:
        """The schema version after migrating."""
        with self._begin() as conn:
            return max(self._applied(conn))

    def insert(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append rows (keys: checked_at, path, unit, verdict, schema, report, content_sha256) in one transaction."""
        from sqlalchemy import insert

        host = _host()
        with self._begin() as conn:
            conn.execute(insert(self._checks), [{**r, "host": host} for r in rows])

    def select(self, since: dt.date | None, until: dt.date | None) -> list[tuple[str, str | None, int, str, str | None]]:
        """(checked_at, unit, schema, report, content_sha256) from ``since`` to ``until`` inclusive, oldest first."""
        from sqlalchemy import func, select

        c = self._checks.c
        query = select(c.checked_at, c.unit, c.schema, c.report, c.content_sha256)
        day = func.substr(c.checked_at, 1, 10)
        if since is not None:
            query = query.where(day >= since.isoformat())
        if until is not None:
            query = query.where(day <= until.isoformat())
        with self._begin() as conn:
            return [(row[0], row[1], row[2], row[3], row[4])
                    for row in conn.execute(query.order_by(c.checked_at, c.id))]

    def count(self) -> int:
        """How many rows the ledger holds."""
        from sqlalchemy import func, select

        with self._begin() as conn:
            return int(conn.execute(select(func.count()).select_from(self._checks)).scalar() or 0)

    def close(self) -> None:
        """Release pooled connections (PostgreSQL)."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def rows_for(items: Iterable[tuple[str, str, str | None, str, int, str, str | None]]) -> list[dict[str, Any]]:
    """Insert rows from (checked_at, path, unit, verdict, schema, report, content_sha256) tuples."""
    keys = ("checked_at", "path", "unit", "verdict", "schema", "report", "content_sha256")
    return [dict(zip(keys, item, strict=True)) for item in items]
