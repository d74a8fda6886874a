"""The service under hostile load (issue 21): admission before the body, body and header
timeouts, checks in worker processes with memory and time caps, /readyz, /metrics and the
JSON access log. Bounds are generous; nothing here asserts a duration."""

from __future__ import annotations

import io
import json
import logging
import socket
import threading
import warnings
import zipfile
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import anyio
import pytest

pytest.importorskip("fastapi", reason="需要 doclint[serve]（fastapi）")
pytest.importorskip("prometheus_client", reason="需要 doclint[serve]（prometheus-client）")
pytest.importorskip("httpx", reason="需要 httpx")

import httpx

from doclint.config import Config
from doclint.server import create_app, running
from doclint.server.jobs import CheckJob, Draft, JobFailed
from doclint.server.service import Timeouts
from doclint.server.workers import ProcessRunner, WorkerLimits
from hostile_jobs import DieJob, HogJob, PidJob, SleepJob

with warnings.catch_warnings():
    warnings.filterwarnings("ignore", message=".*httpx2.*")
    from fastapi.testclient import TestClient

TEXT = "关于做好布署工作的通知\n各单位：\n现将有关事项通知如下。\n特此通知。\n办公室\n2024年5月6日"


# -- the worker pool ----------------------------------------------------------------------------


@pytest.mark.slow
def test_a_hostile_job_costs_one_worker_restart_never_the_pool() -> None:
    """Over the memory cap, over the time cap, or killed outright: that job fails with its own
    code, the worker is replaced, and the next ordinary check in the same slot succeeds."""
    runner = ProcessRunner(Config(), 1, WorkerLimits(memory_mb=256, timeout=3))

    async def scenario() -> list[Any]:
        await runner.start()
        seen: list[Any] = []
        try:
            first = await runner.run(PidJob())
            for job in (HogJob(), SleepJob(), DieJob()):
                with pytest.raises(JobFailed) as failure:
                    await runner.run(job)
                seen.append(failure.value.code)
                report, _ = await runner.run(CheckJob(Draft("a.txt", None, TEXT, None, None)))
                seen.append(report.verdict)
            seen.append(await runner.run(PidJob()) != first)
        finally:
            await runner.stop()
        return seen

    assert anyio.run(scenario) == ["check-memory", "return", "check-timeout", "return", "check-crashed", "return", True]
    assert runner.restarts == {"check-memory": 1, "check-timeout": 1, "check-crashed": 1}


def _bomb(megabytes: int) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB of text in one run."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
                   '2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override '
                   'PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
                   'wordprocessingml.document.main+xml"/></Types>')
        z.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
                   'officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        with z.open("word/document.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:body><w:p><w:r><w:t>')
            chunk = "通".encode() * (1024 * 1024 // 3)
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


@pytest.fixture(scope="module")
def worker_server() -> Iterator[str]:
    app = create_app(workers=2, check_memory_mb=256, check_timeout=60)
    with running(app) as url:
        yield url


@pytest.mark.slow
def test_hostile_draft_is_unreadable_and_the_service_lives_on(worker_server: str) -> None:
    """A decompression bomb is that request's ``unreadable``; /healthz answers while it is
    being checked, and ordinary drafts before and after are checked normally."""
    bomb = _bomb(600)
    results: dict[str, Any] = {}

    def hostile() -> None:
        with httpx.Client(timeout=120) as c:
            results["bomb"] = c.post(f"{worker_server}/v1/check", files={"file": ("炸弹.docx", bomb)}).json()

    with httpx.Client(timeout=30) as c:
        assert c.post(f"{worker_server}/v1/check", json={"text": TEXT}).json()["verdict"] == "return"
        t = threading.Thread(target=hostile)
        t.start()
        health = [c.get(f"{worker_server}/healthz").status_code for _ in range(5)]
        t.join(120)
        assert health == [200] * 5
        assert results["bomb"]["verdict"] == "unreadable", results["bomb"]
        assert c.post(f"{worker_server}/v1/check", json={"text": TEXT}).json()["verdict"] == "return"
        assert c.get(f"{worker_server}/readyz").json()["workers_ready"] is True


# -- admission and timeouts over a real socket ----------------------------------------------------


def _connect(base: str) -> socket.socket:
    url = urlsplit(base)
    return socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=30)


def _head(length: int, expect: bool = False) -> bytes:
    boundary = "b0undary"
    lines = [b"POST /v1/check HTTP/1.1", b"Host: x", f"Content-Type: multipart/form-data; boundary={boundary}".encode(),
             f"Content-Length: {length}".encode()]
    if expect:
        lines.append(b"Expect: 100-continue")
    return b"\r\n".join(lines) + b"\r\n\r\n"


def _answer(sock: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    return data


@pytest.fixture
def tight_server() -> Iterator[str]:
    """One upload in flight at most; short timeouts."""
    app = create_app(max_upload_mb=1, upload_budget_mb=1, max_uploads=1,
                     timeouts=Timeouts(headers=1, body=2, idle=2))
    with running(app) as url:
        yield url


def test_a_refused_upload_is_refused_before_its_body_is_read(tight_server: str) -> None:
    """With the upload budget taken, a client that asks ``Expect: 100-continue`` gets its 503
    (Connection: close) without ever being asked for the body; the slow upload holding the
    budget gets 408; then an upload is welcome again (100 Continue, 200)."""
    holder = _connect(tight_server)
    holder.sendall(_head(500_000) + b"--b0undary\r\n")  # then stalls
    probe = None
    for _ in range(100):  # the holder's admission happens on the server's loop: wait until it shows
        with httpx.Client(timeout=10) as c:
            probe = c.get(f"{tight_server}/readyz")
        if probe.status_code == 503:
            break
    assert probe is not None and probe.status_code == 503 and probe.json()["error"]["code"] == "busy"
    refused = _connect(tight_server)
    refused.sendall(_head(500_000, expect=True))
    answer = _answer(refused)
    assert answer.startswith(b"HTTP/1.1 503"), answer[:200]
    assert b"100 Continue" not in answer and b"connection: close" in answer.lower()
    refused.close()
    late = _answer(holder)
    assert late.startswith(b"HTTP/1.1 408"), late[:200]
    holder.close()
    body = (b"--b0undary\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n\r\n"
            + TEXT.encode() + b"\r\n--b0undary--\r\n")
    welcome = _connect(tight_server)
    welcome.sendall(_head(len(body), expect=True))
    assert welcome.recv(1024).startswith(b"HTTP/1.1 100")
    welcome.sendall(body)
    assert _answer(welcome).startswith(b"HTTP/1.1 200")
    welcome.close()


def test_slow_headers_are_cut_off(tight_server: str) -> None:
    """A client that never finishes its request headers is disconnected after the header timeout."""
    sock = _connect(tight_server)
    sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\n")
    assert sock.recv(1024) == b""  # closed by the server (the socket timeout is 30 s)
    sock.close()


# -- readiness, metrics, access log -----------------------------------------------------------------


def test_readyz_says_when_the_queue_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """/readyz is 503 busy while the only check slot is taken; /healthz stays 200."""
    app = create_app(max_concurrency=1, queue_size=0)
    service = app.state.doclint
    release, entered = threading.Event(), threading.Event()
    original = service.linter.check_source

    def slow(*args: Any, **kwargs: Any) -> Any:
        entered.set()
        release.wait(30)
        return original(*args, **kwargs)

    with TestClient(app) as c:
        assert c.get("/readyz").json()["status"] == "ready"
        monkeypatch.setattr(service.linter, "check_source", slow)
        t = threading.Thread(target=lambda: c.post("/v1/check", json={"text": "x"}))
        t.start()
        try:
            assert entered.wait(30)
            r = c.get("/readyz")
            assert r.status_code == 503 and r.json()["error"]["code"] == "busy" and "retry-after" in r.headers
            assert c.get("/healthz").status_code == 200
        finally:
            release.set()
            t.join(30)
        assert c.get("/readyz").status_code == 200


def test_metrics_are_prometheus_text(caplog: pytest.LogCaptureFixture) -> None:
    """/metrics counts requests and verdicts and has the check latency histogram and queue depth;
    every request writes one JSON access-log line without query strings or tokens."""
    caplog.set_level(logging.INFO, logger="doclint.access")
    with TestClient(create_app()) as c:
        assert c.post("/v1/check?include_text=true", json={"text": TEXT}, headers={"X-Request-ID": "abc-123"}
                      ).headers["x-request-id"] == "abc-123"
        text = c.get("/metrics").text
    assert 'doclint_verdicts_total{verdict="return"} 1.0' in text
    assert 'doclint_requests_total{method="POST",route="/v1/check",status="200"} 1.0' in text
    assert "doclint_check_seconds_bucket" in text and "doclint_queue_depth 0.0" in text
    assert 'doclint_refused{reason="uploads"} 0.0' in text
    lines = [json.loads(r.getMessage()) for r in caplog.records if r.name == "doclint.access"]
    check = next(line for line in lines if line["path"] == "/v1/check")
    assert check["id"] == "abc-123" and check["status"] == 200 and check["verdict"] == "return"
    assert check["bytes_in"] > 0 and check["ms"] >= 0 and "include_text" not in json.dumps(lines)


def test_metrics_need_the_token_when_one_is_set() -> None:
    """With a token, /metrics is behind it like /v1/*; /healthz and /readyz stay open for probes."""
    with TestClient(create_app(token="t0ken")) as c:
        assert c.get("/metrics").status_code == 401
        assert c.get("/metrics", headers={"Authorization": "Bearer t0ken"}).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/readyz").status_code == 200


def test_serve_help_lists_the_limits() -> None:
    """``doclint serve --help`` documents the workers and the limits."""
    from click.testing import CliRunner

    from doclint.cli import main

    out = CliRunner().invoke(main, ["serve", "--help"]).output
    for option in ("--workers", "--check-memory-mb", "--check-timeout", "--max-uploads", "--upload-budget-mb",
                   "--body-timeout", "--header-timeout", "--access-log"):
        assert option in out


def test_a_trickling_body_is_cut_off_by_the_minimum_rate() -> None:
    """A body arriving at a few bytes a second gets 408 for being too slow (after the five-second
    grace), long before the whole-body timeout would end it."""
    app = create_app(timeouts=Timeouts(headers=5, body=120, idle=30, min_rate=1024))
    with running(app) as base:
        sock = _connect(base)
        sock.sendall(_head(10_000))
        sock.settimeout(0.5)
        answer = b""
        for _ in range(200):  # at most 200 bytes over ~100 s; the answer comes after ~5 s
            try:
                sock.sendall(b"x")
                answer = sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                break
            break
        sock.settimeout(30)
        while answer:  # read the rest of the answer until the server closes
            try:
                more = sock.recv(65536)
            except OSError:
                break
            if not more:
                break
            answer += more
        sock.close()
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert "过慢" in answer.decode("utf-8", "replace")
