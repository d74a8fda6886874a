"""The FastAPI application: ``/v1/*`` for OA systems, ``/`` for drafters.

Behaviour (also stated in the OpenAPI document at ``/openapi.json``):

- ``POST /v1/check``: a .docx/.txt/.md upload (multipart field ``file``) or JSON
  ``{"text", "filename", "doc_type", "config"}`` → exactly one contract ``files`` entry;
  ``?include_text=true`` adds ``paragraphs`` (the body paragraph texts that the offsets index).
  A file that cannot be read is a 200 with ``verdict: "unreadable"``.
- ``POST /v1/annotate``: a .docx upload → the annotated copy (Word comments); 400 for text.
- ``POST /v1/slip?format=docx|md|html``: the 退文告知单; **204 No Content** (with
  ``X-Doclint-Verdict: pass``) when the draft passes and no slip is due.
- ``POST /v1/digest?format=docx|md|html``: drafts and saved JSON reports (multipart field
  ``files``, repeatable) or JSON ``{"reports": [...]}`` → the 核文摘要.
- ``GET /v1/rules``, ``GET /v1/rules/{id}``, ``GET /healthz``.

Safety: every error is ``{"error": {"code", "message"}}`` in Chinese, never a traceback;
bodies are read in chunks and cut off at the upload limit (413); uploads stay in memory;
names from requests are used only for their extension; CPU-bound checks run in a thread
pool behind a semaphore with a bounded queue (503 + ``Retry-After`` when full); with a
token, ``/v1/*`` needs ``Authorization: Bearer <token>`` (401 otherwise).
"""

from __future__ import annotations

import ipaddress
import logging
import os
import sys
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from doclint import __version__
from doclint.config import Config
from doclint.linter import Linter
from doclint.server.errors import INTERNAL_MESSAGE, STATUS_TEXT, ApiError, validation_message
from doclint.server.jobs import LinterPool
from doclint.server.limits import Admission, Gate, header_timeout_protocol
from doclint.server.models import (
    CheckResult,
    SavedReports,
    TextDraft,
)
from doclint.server.routes import add_routes
from doclint.server.service import Runner, Service, Timeouts
from doclint.server.telemetry import AccessLog
from doclint.server.workers import ProcessRunner, ThreadRunner, WorkerLimits

__all__ = ["create_app", "running", "serve"]

log = logging.getLogger("doclint.server")

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     b"form-action 'none'; frame-ancestors 'none'; base-uri 'none'"),
]


def _error_json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)



class _SafetyMiddleware:
    """Security headers on every answer; any unhandled exception becomes a generic Chinese 500."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_wrapper(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        try:
            await self.app(scope, receive, send_wrapper)
        except Exception:
            log.exception("处理 %s %s 时出错", scope.get("method"), scope.get("path"))
            if started:
                raise
            await _error_json(500, "internal", INTERNAL_MESSAGE)(scope, receive, send_wrapper)


# -- the app --------------------------------------------------------------------------------

def create_app(config: Config | None = None, *, max_upload_mb: float = 20, max_concurrency: int = 4, queue_size: int = 16,
               token: str | None = None, workers: int = 0, check_memory_mb: int = 1024, check_timeout: float = 60,
               max_uploads: int = 1000, upload_budget_mb: float | None = None, timeouts: Timeouts | None = None,
               metrics: bool = True, record_to: str | None = None) -> FastAPI:
    """The service. ``config``: the deployment's settings (requests may override a safe subset);
    ``max_upload_mb``: request body limit; ``max_concurrency`` checks run at once with up to
    ``queue_size`` waiting; ``token``: when set, ``/v1/*`` and ``/metrics`` need
    ``Authorization: Bearer <token>``.

    ``workers``: 0 checks in threads of this process (embedding, tests); N > 0 checks in N
    worker processes (then ``max_concurrency`` is N), each check capped at ``check_memory_mb``
    of address space growth and ``check_timeout`` seconds. ``max_uploads`` bodies and
    ``upload_budget_mb`` of declared bytes (default: 8 full-size uploads) may be in flight;
    more are refused with 503 before their bodies are read. ``timeouts``: headers, body, idle.
    ``record_to``: a ledger (SQLite path or PostgreSQL URL) that every ``/v1/check`` is recorded in."""
    if max_upload_mb <= 0 or max_concurrency < 1 or queue_size < 0 or workers < 0 or max_uploads < 1:
        raise ValueError("max_upload_mb must be > 0, max_concurrency >= 1, queue_size >= 0, workers >= 0, max_uploads >= 1")
    token = token or (config.serve_token if config is not None else None)
    limit = int(max_upload_mb * 1024 * 1024)
    budget = int((upload_budget_mb if upload_budget_mb is not None else 8 * max_upload_mb) * 1024 * 1024)
    if budget < limit:
        raise ValueError("upload_budget_mb must hold at least one full-size upload")
    linters = LinterPool(Linter(config))
    concurrency = workers or max_concurrency
    gate = Gate(concurrency, queue_size)
    admission = Admission(limit, max_uploads, budget)
    runner: Runner
    if workers:
        runner = ProcessRunner(linters.base.config, workers, WorkerLimits(check_memory_mb, check_timeout))
    else:
        runner = ThreadRunner(linters, concurrency)
    collected = None
    if metrics:
        from doclint.server.telemetry import Metrics

        collected = Metrics(gate, admission, runner.restarts)
    service = Service(linters, limit, gate, admission, runner, token or None, timeouts or Timeouts(), collected)
    service.ledger = record_to

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        await runner.start()
        try:
            yield
        finally:
            await runner.stop()

    app = FastAPI(
        title="doclint 公文退文检查服务",
        version=__version__,
        description=(
            "检查公文草稿（.docx、.txt）并返回退文意见。错误一律为 {\"error\": {\"code\", \"message\"}}（中文说明）。"
            f"上传上限 {max_upload_mb:g} MB（超出返回 413）；同时检查 {concurrency} 份、排队 {queue_size} 份，"
            "排满返回 503 并带 Retry-After（上传内容未读取）。上传须在限定时间内完成（否则 408）。"
            "报告格式见 report-contract（schema 1）。"
        ),
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.doclint = service
    app.add_middleware(_SafetyMiddleware)
    app.add_middleware(AccessLog, metrics=collected)
    _complete_openapi(app)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error_json(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error_json(422, "invalid-field", validation_message(list(exc.errors())))

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, text = STATUS_TEXT.get(exc.status_code, ("error", "请求未能完成"))
        if exc.status_code == 404:
            text = f"没有这个地址：{request.url.path}（接口说明见 /openapi.json）"
        elif exc.status_code == 405:
            text = f"{request.method} 不适用于 {request.url.path}（接口说明见 /openapi.json）"
        return _error_json(exc.status_code, code, text, dict(exc.headers or {}))

    add_routes(app, service, max_upload_mb)
    return app


def _complete_openapi(app: FastAPI) -> None:
    """Add the request models that only the hand-written request bodies name, and describe the
    report models as they validate (their serializers only drop keys that are absent)."""
    from pydantic.json_schema import models_json_schema

    generate = app.openapi
    done = False

    def openapi() -> dict[str, Any]:
        nonlocal done
        schema = generate()
        if not done:
            _, defs = models_json_schema([(TextDraft, "validation"), (SavedReports, "validation"), (CheckResult, "validation")],
                                         ref_template="#/components/schemas/{model}")
            schema.setdefault("components", {}).setdefault("schemas", {}).update(defs["$defs"])
            done = True
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


# -- running it -----------------------------------------------------------------------------


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def default_workers() -> int:
    """Worker processes by default: one per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def access_logging(enabled: bool) -> None:
    """JSON lines on stderr from the ``doclint.access`` logger (or nothing)."""
    logger = logging.getLogger("doclint.access")
    logger.propagate = False
    logger.handlers.clear()
    if enabled:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
    else:
        logger.setLevel(logging.WARNING)


def serve(host: str = "127.0.0.1", port: int = 8080, config: Config | None = None, *, token: str | None = None,
          max_upload_mb: float = 20, max_concurrency: int = 4, queue_size: int = 64, log_level: str = "info",
          workers: int | None = None, check_memory_mb: int = 1024, check_timeout: float = 60, max_uploads: int = 1000,
          upload_budget_mb: float | None = None, timeouts: Timeouts | None = None, access_log: bool = True,
          record_to: str | None = None) -> None:
    """Run the service with uvicorn until interrupted (loopback only unless ``host`` says otherwise).

    ``workers`` check processes (default: one per core, at most four; 0: threads in this process)."""
    import uvicorn

    timeouts = timeouts or Timeouts()
    workers = default_workers() if workers is None else workers
    app = create_app(config, max_upload_mb=max_upload_mb, max_concurrency=max_concurrency, queue_size=queue_size,
                     token=token, workers=workers, check_memory_mb=check_memory_mb, check_timeout=check_timeout,
                     max_uploads=max_uploads, upload_budget_mb=upload_budget_mb, timeouts=timeouts, record_to=record_to)
    import gc

    gc.freeze()  # this process serves one app: keep its rules out of every full collection
    access_logging(access_log)
    shown = f"[{host}]" if ":" in host else host
    print(f"doclint 服务：http://{shown}:{port}/ （浏览器打开即可检查稿件；接口说明 /openapi.json；Ctrl+C 停止）",
          file=sys.stderr)
    if not _is_loopback(host) and not token:
        print("警告：服务监听在非本机地址且未设置访问令牌，同一网络中的任何人都能调用；建议加 --token", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False,
                timeout_keep_alive=5, access_log=False, http=header_timeout_protocol(timeouts.headers))


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1", port: int = 0, timeout: float = 60) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yields its base URL (port 0: a free port)."""
    import uvicorn

    header_seconds = app.state.doclint.timeouts.headers
    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                                           lifespan="on", ws="none", access_log=False,
                                           http=header_timeout_protocol(header_seconds)))
    thread = threading.Thread(target=server.run, name="doclint-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            server.should_exit = True
            raise RuntimeError("doclint 服务未能启动")
        time.sleep(0.02)
    bound = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.should_exit = True
        thread.join(timeout)
