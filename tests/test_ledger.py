"""The ledger on SQLite and on a real PostgreSQL server (issue 21): one schema and one set of
queries, versioned migrations, concurrent writers from several processes losing no row, and
the digest reading either."""

from __future__ import annotations

import datetime as dt
import hashlib
import multiprocessing
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from doclint.cli import main
from doclint.errors import LedgerError
from doclint.findings import FileReport, Finding, Location
from doclint.outputs.ledger import Ledger, content_sha256
from pg_server import postgres_server

WRITERS = 4
RECORDS = 2000


def _report(path: str, verdict: str = "return") -> FileReport:
    finding = Finding(rule="wording.typo-lexicon", category="wording", severity="error", message="“布署”应为“部署”",
                      location=Location(part="body", paragraph=0, start=0, end=2), excerpt="布署")
    return FileReport(path=path, doc_type="通知", verdict=verdict, findings=[finding] if verdict == "return" else [])


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    try:
        with postgres_server() as url:
            yield url
    except RuntimeError as exc:
        pytest.skip(f"没有可用的 PostgreSQL：{exc}")


def _fresh_database(server_url: str) -> str:
    """A new empty database on the test server; returns its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + f"/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A fresh ledger on each backend: a SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "台账.sqlite")
    return _fresh_database(request.getfixturevalue("pg_url"))


def test_record_and_read_a_period(target: str) -> None:
    """Rows come back by date, oldest first, with their units, on both backends."""
    ledger = Ledger(target)
    ledger.record(_report("a.docx"), "市财政局", dt.datetime(2024, 12, 31, 23, 59))
    ledger.record_many([(_report("b.docx", "pass"), None), (_report("c.docx"), "市教育局")], dt.datetime(2025, 1, 2, 8))
    ledger.record(_report("d.docx"), "市财政局", dt.datetime(2025, 4, 1))
    q1 = ledger.entries(dt.date(2025, 1, 1), dt.date(2025, 3, 31))
    assert [e.report.path for e in q1] == ["b.docx", "c.docx"]
    assert [e.unit for e in q1] == [None, "市教育局"]
    assert q1[0].checked_at == dt.datetime(2025, 1, 2, 8)
    assert [r.path for r in ledger.reports()] == ["a.docx", "b.docx", "c.docx", "d.docx"]
    assert ledger.version() == 3 and ledger.count() == 4
    ledger.close()


def test_the_content_hash_is_recorded(target: str) -> None:
    """Each check keeps the sha256 of the bytes checked (None when the caller did not give it)."""
    ledger = Ledger(target)
    sha = content_sha256(b"draft bytes")
    ledger.record(_report("a.docx"), None, dt.datetime(2025, 1, 1), sha256=sha)
    ledger.record_many([(_report("b.docx"), None, sha), (_report("c.docx"), None)], dt.datetime(2025, 1, 2))
    assert [e.content_sha256 for e in ledger.entries()] == [sha, sha, None]
    assert sha == hashlib.sha256(b"draft bytes").hexdigest()
    ledger.close()


def test_digest_reads_either_backend(target: str, tmp_path: Path) -> None:
    """``doclint digest --ledger --ledger-file`` takes a path or a URL alike."""
    ledger = Ledger(target)
    ledger.record_many([(_report(f"{i}.docx"), "市财政局") for i in range(3)], dt.datetime(2025, 2, 1))
    out = tmp_path / "摘要.md"
    result = CliRunner().invoke(main, ["digest", "--ledger", "--ledger-file", target, "--since", "2025-01-01",
                                       "--until", "2025-03-31", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "市财政局" in out.read_text(encoding="utf-8")


def _write(target: str, worker: int) -> None:
    ledger = Ledger(target)
    for i in range(RECORDS):
        ledger.record(_report(f"w{worker}/{i}.docx", "return" if i % 3 else "pass"), f"单位{worker}",
                      dt.datetime(2025, 1, 1 + i % 28, 9))
    ledger.close()


@pytest.mark.slow
def test_concurrent_writers_lose_no_row(target: str) -> None:
    """Four processes × 2,000 records, one transaction each, on a fresh ledger (so they also race
    to create the schema): every row is present exactly once."""
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write, args=(target, w)) for w in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(600)
        assert p.exitcode == 0
    ledger = Ledger(target)
    paths = [r.path for r in ledger.reports()]
    assert len(paths) == WRITERS * RECORDS == ledger.count()
    assert set(paths) == {f"w{w}/{i}.docx" for w in range(WRITERS) for i in range(RECORDS)}
    ledger.close()


_V1_TABLE = ("CREATE TABLE checks (id INTEGER PRIMARY KEY AUTOINCREMENT, checked_at TEXT NOT NULL, "
             "path TEXT NOT NULL, unit TEXT, verdict TEXT NOT NULL, schema INTEGER NOT NULL, report TEXT NOT NULL)")


def _old_ledger(path: Path, version: int) -> None:
    """A ledger file as doclint wrote it at ``version``: 1 (doclint 0.1: ``PRAGMA user_version``, no
    migrations table) or 2 (the ``host`` column and the migrations table), holding one check."""
    report = _report("old.docx")
    with sqlite3.connect(path) as conn:
        conn.execute(_V1_TABLE)
        conn.execute("CREATE INDEX checks_checked_at ON checks (checked_at)")
        if version >= 2:
            conn.execute("ALTER TABLE checks ADD COLUMN host TEXT")
            conn.execute("CREATE INDEX checks_path ON checks (path)")
            conn.execute("CREATE TABLE doclint_migrations (version INTEGER NOT NULL PRIMARY KEY, "
                         "applied_at VARCHAR(32) NOT NULL)")
            conn.executemany("INSERT INTO doclint_migrations VALUES (?, ?)",
                             [(v, "2025-01-01T00:00:00+00:00") for v in range(1, version + 1)])
        conn.execute("INSERT INTO checks (checked_at, path, unit, verdict, schema, report) VALUES (?, ?, ?, ?, ?, ?)",
                     ("2025-01-05T09:00:00", "old.docx", "老单位", "return", 1, report.model_dump_json(by_alias=True)))
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()


@pytest.mark.parametrize("version", [1, 2])
def test_an_older_sqlite_ledger_is_migrated_in_place(tmp_path: Path, version: int) -> None:
    """A ledger written by an earlier doclint keeps its rows (without a content hash) and gains the
    later columns; new checks record their hash."""
    path = tmp_path / f"v{version}.sqlite"
    _old_ledger(path, version)
    ledger = Ledger(path)
    sha = content_sha256(b"new")
    ledger.record(_report("new.docx"), "新单位", dt.datetime(2025, 1, 6), sha256=sha)
    assert [(e.report.path, e.unit, e.content_sha256) for e in ledger.entries()] == [
        ("old.docx", "老单位", None), ("new.docx", "新单位", sha)]
    assert ledger.version() == 3
    ledger.close()
    with sqlite3.connect(path) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(checks)")]
        versions = [row[0] for row in conn.execute("SELECT version FROM doclint_migrations ORDER BY version")]
        user_version = conn.execute("PRAGMA user_version").fetchone()[0]
    conn.close()
    assert {"host", "content_sha256"} <= set(columns) and versions == [1, 2, 3] and user_version == 3


def test_a_version_2_postgresql_ledger_is_migrated(pg_url: str) -> None:
    """A PostgreSQL ledger at version 2 gains the content hash column, its rows kept."""
    import psycopg

    url = _fresh_database(pg_url)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE checks (id SERIAL PRIMARY KEY, checked_at VARCHAR(32) NOT NULL, path TEXT NOT NULL, "
                     "unit TEXT, verdict VARCHAR(16) NOT NULL, schema INTEGER NOT NULL, report TEXT NOT NULL, host TEXT)")
        conn.execute("CREATE TABLE doclint_migrations (version INTEGER PRIMARY KEY, applied_at VARCHAR(32) NOT NULL)")
        conn.execute("INSERT INTO doclint_migrations VALUES (1, 'x'), (2, 'x')")
        conn.execute("INSERT INTO checks (checked_at, path, unit, verdict, schema, report) VALUES (%s, %s, %s, %s, %s, %s)",
                     ("2025-01-05T09:00:00", "old.docx", "老单位", "return", 1,
                      _report("old.docx").model_dump_json(by_alias=True)))
    ledger = Ledger(url)
    ledger.record(_report("new.docx"), None, dt.datetime(2025, 1, 6), sha256="ab" * 32)
    assert [(e.report.path, e.content_sha256) for e in ledger.entries()] == [("old.docx", None), ("new.docx", "ab" * 32)]
    assert ledger.version() == 3
    ledger.close()


def test_a_ledger_from_a_newer_doclint_is_refused(tmp_path: Path) -> None:
    """A schema version above this doclint's is an error that says to upgrade, never a silent write."""
    path = tmp_path / "new.sqlite"
    Ledger(path).record(_report("a.docx"), None)
    with sqlite3.connect(path) as conn:
        conn.execute("INSERT INTO doclint_migrations (version, applied_at) VALUES (9, 'x')")
    conn.close()
    with pytest.raises(LedgerError, match="请升级 doclint"):
        Ledger(path).reports()


def test_an_unreachable_database_names_it_without_the_password() -> None:
    """A PostgreSQL ledger that cannot be reached is a LedgerError naming the URL, password hidden."""
    with pytest.raises(LedgerError) as info:
        Ledger("postgresql://reviewer:s3cret@127.0.0.1:9/ledger?connect_timeout=2").reports()
    assert "s3cret" not in str(info.value) and "127.0.0.1:9/ledger" in str(info.value)


def test_config_keeps_a_database_url(tmp_path: Path) -> None:
    """``ledger:`` in a config file: a path is resolved beside the file, a URL is kept as written."""
    from doclint.config import load_settings

    cfg = tmp_path / "doclint.yaml"
    cfg.write_text("ledger: postgresql://doclint@db.example/ledger\n", encoding="utf-8")
    assert load_settings(cfg).config.ledger == "postgresql://doclint@db.example/ledger"
    cfg.write_text("ledger: 台账/doclint.sqlite\n", encoding="utf-8")
    assert load_settings(cfg).config.ledger == (tmp_path / "台账" / "doclint.sqlite").resolve()


def test_the_service_records_each_check(target: str) -> None:
    """``serve --record``: every /v1/check lands in the ledger, with the draft's sending unit."""
    pytest.importorskip("fastapi", reason="需要 doclint[serve]（fastapi）")
    import warnings

    from doclint.server import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*httpx2.*")
        from fastapi.testclient import TestClient

    text = "青林市财政局关于做好布署工作的通知\n各区县财政局：\n现将有关事项通知如下。\n特此通知。\n青林市财政局\n2024年5月6日"
    with TestClient(create_app(record_to=target)) as c:
        verdicts = [c.post("/v1/check", json={"text": text, "filename": f"{i}.txt"}).json()["verdict"] for i in range(3)]
    ledger = Ledger(target)
    assert [r.verdict for r in ledger.reports()] == verdicts and ledger.count() == 3
    assert {e.content_sha256 for e in ledger.entries()} == {content_sha256(text.encode("utf-8"))}
    ledger.close()
