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

import asyncio
import datetime as dt
import functools
import hmac
import ipaddress
import json
import logging
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar
from urllib.parse import quote

import anyio
import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from doclint import __version__
from doclint.anatomy.doc_type import ALL_TYPES
from doclint.config import Config
from doclint.errors import DoclintError, UnreadableDocument
from doclint.findings import CATEGORY_LABELS, Category, FileReport
from doclint.linter import Linter
from doclint.model.document import Document
from doclint.model.reader import DOCX_SUFFIXES
from doclint.rules.schema import FailExample, Rule
from doclint.server.body import Part, media_type, parse_json, parse_multipart, read_body, safe_name, without_surrogates
from doclint.server.errors import INTERNAL_MESSAGE, STATUS_TEXT, ApiError, ErrorResponse, validation_message
from doclint.server.fix_route import fix_router
from doclint.server.models import (
    DOC_TYPE_SCHEMA,
    CheckResult,
    ConfigOverrides,
    Health,
    RuleDetail,
    RuleExamples,
    RuleList,
    RuleSummary,
    SavedReport,
    SavedReports,
    SourceOut,
    TextDraft,
    check_doc_type,
)

__all__ = ["create_app", "running", "serve"]

log = logging.getLogger("doclint.server")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUTPUT_MIME = {"docx": DOCX_MIME, "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
OutputFormat = Literal["docx", "md", "html"]
Fmt = Annotated[OutputFormat, Query(alias="format", description="输出格式：docx（Word）、md（Markdown）或 html")]
HOUSE_WORDS = "wording.house-words"
LINTER_CACHE = 32
RETRY_AFTER_SECONDS = 2
MAX_DIGEST_INPUTS = 200
WARMUP_TEXT = "关于做好有关工作的通知\n各单位：\n现将有关事项通知如下。\n特此通知。\n办公室\n2024年5月6日"
SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"content-security-policy",
     b"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
     b"form-action 'none'; frame-ancestors 'none'; base-uri 'none'"),
]
T = TypeVar("T")


# -- plumbing -------------------------------------------------------------------------------


class Gate:
    """At most ``concurrency`` checks at once, at most ``queue`` waiting; more get a 503."""

    def __init__(self, concurrency: int, queue: int) -> None:
        self.concurrency = concurrency
        self.queue = queue
        self.pending = 0  # running + waiting
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sem: asyncio.Semaphore | None = None
        self._limiter: anyio.CapacityLimiter | None = None

    @property
    def running(self) -> int:
        """Checks now in the thread pool."""
        return min(self.pending, self.concurrency)

    @property
    def queued(self) -> int:
        """Checks waiting for a slot."""
        return max(self.pending - self.concurrency, 0)

    def _bind(self) -> tuple[asyncio.Semaphore, anyio.CapacityLimiter]:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._sem is None or self._limiter is None:
            self._loop = loop
            self._sem = asyncio.Semaphore(self.concurrency)
            self._limiter = anyio.CapacityLimiter(self.concurrency)
        return self._sem, self._limiter

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` in a worker thread, once a slot is free."""
        sem, limiter = self._bind()
        if self.pending >= self.concurrency + self.queue:
            raise ApiError(503, "busy", f"服务繁忙：正在检查和排队的稿件已满，请 {RETRY_AFTER_SECONDS} 秒后重试",
                           headers={"Retry-After": str(RETRY_AFTER_SECONDS)})
        self.pending += 1
        try:
            async with sem:
                return await anyio.to_thread.run_sync(functools.partial(fn, *args), limiter=limiter)
        finally:
            self.pending -= 1


class LinterPool:
    """The app's Linter, plus a few built for requests that override settings (rules reused)."""

    def __init__(self, base: Linter) -> None:
        self.base = base
        self._rules = [r for r in base.all_rules if r.id != HOUSE_WORDS]
        self._cache: OrderedDict[str, Linter] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, overrides: ConfigOverrides | None) -> Linter:
        """The Linter for these overrides (422 when they are invalid)."""
        data = overrides.as_config() if overrides is not None else {}
        if not data:
            return self.base
        key = json.dumps(data, sort_keys=True, ensure_ascii=False)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            config = Config.model_validate({**self.base.config.model_dump(), **data})
            linter = Linter(config, rules=self._rules)
        except ValidationError as exc:
            raise ApiError(422, "invalid-config", validation_message(exc.errors(), "config")) from None
        except DoclintError as exc:
            raise ApiError(422, "invalid-config", f"配置无效：{exc}") from None
        with self._lock:
            self._cache[key] = linter
            while len(self._cache) > LINTER_CACHE:
                self._cache.popitem(last=False)
        return linter


@dataclass(frozen=True)
class Draft:
    """One draft from a request: upload bytes or pasted text, a bare name, options."""

    name: str
    data: bytes | None
    text: str | None
    doc_type: str | None
    overrides: ConfigOverrides | None

    @property
    def is_docx(self) -> bool:
        """An uploaded Word file (by extension)."""
        return self.data is not None and Path(self.name).suffix.lower() in DOCX_SUFFIXES


@dataclass(frozen=True)
class Checked:
    """A report and the document it came from (None when unreadable)."""

    report: FileReport
    document: Document | None


def check_draft(linter: Linter, draft: Draft) -> Checked:
    """Read and check a draft (runs in a worker thread); bad input becomes an unreadable report."""
    from doclint.pipeline.source import Source

    if draft.text is not None:
        source = Source.of_text(draft.text, draft.name, draft.doc_type)
    else:
        source = Source.of_bytes(draft.data or b"", draft.name, draft.doc_type)
    result = linter.check_source(source)
    return Checked(result.report, result.document)


def _content_disposition(name: str) -> str:
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _file_response(data: bytes | str, fmt: str, name: str, headers: dict[str, str] | None = None) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Response(body, media_type=OUTPUT_MIME[fmt],
                    headers={"Content-Disposition": _content_disposition(name), **(headers or {})})


def _error_json(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"model": ErrorResponse, "description": STATUS_TEXT[s][1]} for s in statuses}


def _example_text(e: FailExample) -> str:
    if e.fixture is not None:
        return f"（Word 文件示例：{e.fixture}）"
    return (e.text if e.text is not None else e.document or "").replace("\n", " ⏎ ")


def _rule_summary(rule: Rule, enabled: bool) -> dict[str, Any]:
    return {
        "id": rule.id, "category": rule.category.value, "category_label": rule.category.label,
        "severity": rule.severity, "kind": rule.kind, "status": rule.status, "enabled": enabled,
        "message": rule.message, "source": SourceOut(title=rule.source.title, clause=rule.source.clause),
    }


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


# -- request bodies -------------------------------------------------------------------------


def _draft_body(*, json_allowed: bool, file_note: str) -> dict[str, Any]:
    """The OpenAPI requestBody of the draft endpoints."""
    form: dict[str, Any] = {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary", "description": file_note},
            "doc_type": {**DOC_TYPE_SCHEMA, "description": "文种；不给出则从标题、正文判断"},
            "config": {"$ref": "#/components/schemas/ConfigOverrides",
                       "description": "本次检查的配置覆盖：一个 JSON 对象（作为 application/json 部分或文本字段提交）"},
        },
    }
    encoding = {"file": {"contentType": "application/octet-stream"}, "config": {"contentType": "application/json"}}
    content: dict[str, Any] = {"multipart/form-data": {"schema": form, "encoding": encoding}}
    if json_allowed:
        content["application/json"] = {"schema": {"$ref": "#/components/schemas/TextDraft"}}
    return {"requestBody": {"required": True, "content": content}}


def _digest_body() -> dict[str, Any]:
    form = {
        "type": "object",
        "required": ["files"],
        "properties": {"files": {
            "type": "array", "items": {"type": "string", "format": "binary"},
            "description": "稿件（.docx、.txt、.md）或 doclint check --format json 保存的报告（.json），可多个",
        }},
    }
    return {"requestBody": {"required": True, "content": {
        "multipart/form-data": {"schema": form},
        "application/json": {"schema": {"$ref": "#/components/schemas/SavedReports"}},
    }}}


class Service:
    """Everything the routes share."""

    def __init__(self, linter: Linter, limit: int, gate: Gate, token: str | None) -> None:
        self.linters = LinterPool(linter)
        self.limit = limit
        self.gate = gate
        self.token = token

    @property
    def linter(self) -> Linter:
        """The app's own Linter."""
        return self.linters.base

    async def read_draft(self, request: Request, *, json_allowed: bool = True) -> Draft:
        """The draft of a check/annotate/slip request."""
        kind = media_type(request)
        if kind == "application/json" and json_allowed:
            body = await read_body(request, self.limit)
            try:
                given = TextDraft.model_validate(parse_json(body))
            except ValidationError as exc:
                errs = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
                raise ApiError(422, "invalid-field", validation_message(errs)) from None
            return Draft(safe_name(given.filename, "draft.txt"), None, given.text, given.doc_type, given.config)
        if kind == "multipart/form-data":
            body = await read_body(request, self.limit)
            parts = parse_multipart(body, request.headers["content-type"])
            return self._draft_from_parts(parts)
        if json_allowed:
            raise ApiError(415, "unsupported-media-type",
                           "不支持的请求格式：请用 multipart/form-data 上传文件（字段 file），"
                           "或以 application/json 提交 {\"text\": \"公文全文\"}")
        raise ApiError(415, "unsupported-media-type", "请用 multipart/form-data 上传 Word（.docx）文件（字段 file）")

    def _draft_from_parts(self, parts: list[Part]) -> Draft:
        fields = {p.name: p for p in parts}
        upload = fields.get("file")
        if upload is None:
            raise ApiError(422, "missing-file", "请上传稿件：表单字段 file 缺失（.docx、.txt 或 .md）")
        doc_type = _text_field(fields, "doc_type")
        try:
            check_doc_type(doc_type)
        except ValueError as exc:
            raise ApiError(422, "invalid-field", f"字段 doc_type：{exc}") from None
        return Draft(safe_name(upload.filename, "draft.docx"), upload.data, None, doc_type,
                     _overrides_field(_text_field(fields, "config")))

    async def read_digest_inputs(self, request: Request) -> tuple[list[Draft], list[FileReport]]:
        """Drafts to check and saved reports from a digest request."""
        kind = media_type(request)
        if kind == "application/json":
            body = await read_body(request, self.limit)
            try:
                saved = SavedReports.model_validate(parse_json(body))
            except ValidationError as exc:
                errs = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
                raise ApiError(422, "invalid-report", validation_message(errs)) from None
            return [], [f for item in saved.reports for f in item.files]
        if kind != "multipart/form-data":
            raise ApiError(415, "unsupported-media-type",
                           "不支持的请求格式：请用 multipart/form-data 上传稿件或 JSON 报告（字段 files，可多个），"
                           "或以 application/json 提交 {\"reports\": [...]}")
        body = await read_body(request, self.limit)
        uploads = [p for p in parse_multipart(body, request.headers["content-type"]) if p.name in ("files", "file")]
        if not uploads:
            raise ApiError(422, "missing-file", "请上传稿件或 JSON 报告：表单字段 files 缺失")
        if len(uploads) > MAX_DIGEST_INPUTS:
            raise ApiError(413, "too-many-parts", f"一次最多汇总 {MAX_DIGEST_INPUTS} 个文件")
        drafts: list[Draft] = []
        saved_reports: list[FileReport] = []
        for n, p in enumerate(uploads, 1):
            name = safe_name(p.filename, f"draft-{n}.docx")
            if name.lower().endswith(".json"):
                try:
                    data = without_surrogates(json.loads(p.data.decode("utf-8-sig")))
                    report = SavedReport.model_validate(data)
                except (UnicodeDecodeError, json.JSONDecodeError):
                    raise ApiError(422, "invalid-report", f"报告“{name}”不是有效的 JSON") from None
                except ValidationError as exc:
                    raise ApiError(422, "invalid-report", f"报告“{name}”不是 doclint check --format json 的输出（"
                                   + validation_message(exc.errors()) + "）") from None
                saved_reports += report.files
            else:
                drafts.append(Draft(name, p.data, None, None, None))
        return drafts, saved_reports


def _text_field(fields: dict[str, Part], name: str) -> str | None:
    part = fields.get(name)
    if part is None:
        return None
    try:
        value = part.data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise ApiError(422, "invalid-field", f"字段 {name}：应为 UTF-8 文字") from None
    return value or None


def _overrides_field(raw: str | None) -> ConfigOverrides | None:
    if raw is None:
        return None
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ApiError(422, "invalid-config",
                       f"字段 config 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    try:
        return ConfigOverrides.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, "invalid-config", validation_message(exc.errors(), "config")) from None


_BEARER = HTTPBearer(auto_error=False, description="部署时设置了访问令牌（--token）才需要")


async def _require_token(request: Request,
                         credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]) -> None:
    """401 unless the request carries the app's bearer token (compared in constant time)."""
    expected: str = request.app.state.doclint.token or ""
    if credentials is None:
        raise ApiError(401, "unauthorized", "需要访问令牌：请在请求头加 Authorization: Bearer <令牌>",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "unauthorized", "访问令牌不正确", headers={"WWW-Authenticate": "Bearer"})


# -- the page -------------------------------------------------------------------------------


def _static(name: str) -> str:
    return (resources.files("doclint.server") / "static" / name).read_text(encoding="utf-8")


def _page(linter: Linter, max_upload_mb: float, token_required: bool) -> str:
    from doclint.outputs.reporters.text import PART_LABELS, VERDICT_LABELS

    meta = {
        "version": __version__, "types": list(ALL_TYPES), "categories": CATEGORY_LABELS,
        "severities": {"error": "错误", "warning": "警告", "info": "提示"}, "verdicts": VERDICT_LABELS,
        "parts": PART_LABELS, "maxUploadMb": max_upload_mb, "tokenRequired": token_required,
        "rules": len(linter.rules),
    }
    data = json.dumps(meta, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _static("index.html").replace("{{META}}", data).replace("{{VERSION}}", __version__)


# -- the app --------------------------------------------------------------------------------


def create_app(config: Config | None = None, *, max_upload_mb: float = 20, max_concurrency: int = 4, queue_size: int = 16,
               token: str | None = None) -> FastAPI:
    """The service. ``config``: the deployment's settings (requests may override a safe subset);
    ``max_upload_mb``: request body limit; ``max_concurrency`` checks run at once with up to
    ``queue_size`` waiting; ``token``: when set, ``/v1/*`` needs ``Authorization: Bearer <token>``."""
    if max_upload_mb <= 0 or max_concurrency < 1 or queue_size < 0:
        raise ValueError("max_upload_mb must be > 0, max_concurrency >= 1, queue_size >= 0")
    token = token or (config.serve_token if config is not None else None)
    service = Service(Linter(config), int(max_upload_mb * 1024 * 1024), Gate(max_concurrency, queue_size), token or None)
    page = _page(service.linter, max_upload_mb, service.token is not None)
    assets = {"app.js": (_static("app.js"), "text/javascript; charset=utf-8"),
              "app.css": (_static("app.css"), "text/css; charset=utf-8")}

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        # Load the word segmenter before the first drafter waits for it.
        try:
            await anyio.to_thread.run_sync(service.linter.check_text, WARMUP_TEXT)
        except Exception:
            log.exception("预热检查失败（服务照常启动）")
        yield

    app = FastAPI(
        title="doclint 公文退文检查服务",
        version=__version__,
        description=(
            "检查公文草稿（.docx、.txt）并返回退文意见。错误一律为 {\"error\": {\"code\", \"message\"}}（中文说明）。"
            f"上传上限 {max_upload_mb:g} MB（超出返回 413）；同时检查 {max_concurrency} 份、排队 {queue_size} 份，"
            "排满返回 503 并带 Retry-After。报告格式见 report-contract（schema 1）。"
        ),
        docs_url=None, redoc_url=None, openapi_url="/openapi.json", lifespan=lifespan,
    )
    app.state.doclint = service
    app.add_middleware(_SafetyMiddleware)
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

    secured = service.token is not None
    v1 = APIRouter(prefix="/v1", dependencies=[Depends(_require_token)] if secured else [])
    auth_errors = (401,) if secured else ()

    @v1.post(
        "/check", response_model=None, summary="检查一份稿件",
        description="上传 .docx/.txt/.md（multipart 字段 file），或以 JSON 提交文字；返回报告格式（schema 1）中 files 的一项。"
                    "无法读取的文件也返回 200，verdict 为 unreadable，error 说明原因。",
        responses={200: {"model": CheckResult, "description": "一份稿件的检查结果"},
                    **_errors(400, *auth_errors, 413, 415, 422, 503)},
        openapi_extra=_draft_body(json_allowed=True, file_note="稿件：.docx、.txt 或 .md"),
    )
    async def check(request: Request, include_text: Annotated[bool, Query(
            description="附带正文各段文字（paragraphs），供标注原文位置")] = False) -> JSONResponse:
        draft = await service.read_draft(request)
        linter = service.linters.get(draft.overrides)
        result = await service.gate.run(check_draft, linter, draft)
        content = result.report.model_dump(mode="json")
        if include_text:
            content["paragraphs"] = [p.text for p in result.document.paragraphs] if result.document else []
        return JSONResponse(content)

    @v1.post(
        "/annotate", response_model=None, summary="生成批注版",
        description="上传 .docx，返回把每个问题写成 Word 批注的副本（原文件不改动）。纯文本返回 400；"
                    "无法读取的 .docx 返回 422（code 为 unreadable）。响应头 X-Doclint-Verdict 给出结论。",
        responses={200: {"content": {DOCX_MIME: {"schema": {"type": "string", "format": "binary"}}},
                         "description": "批注版 .docx"},
                   **_errors(400, *auth_errors, 413, 415, 422, 503)},
        openapi_extra=_draft_body(json_allowed=False, file_note="Word 稿件（.docx）"),
    )
    async def annotate(request: Request) -> Response:
        draft = await service.read_draft(request, json_allowed=False)
        if not draft.is_docx:
            raise ApiError(400, "not-docx", f"批注版只能为 Word（.docx）文件生成，“{draft.name}”不是 .docx；"
                                            "纯文本请用 /v1/check 查看检查结果")
        linter = service.linters.get(draft.overrides)

        def work() -> tuple[FileReport, bytes | None]:
            checked = check_draft(linter, draft)
            if checked.document is None:
                return checked.report, None
            try:
                return checked.report, linter.annotate(draft.data or b"", draft.name, checked.report)
            except UnreadableDocument:
                return checked.report, None

        report, data = await service.gate.run(work)
        if data is None:
            why = report.error.message if report.error else "文件无法作为 Word 文档读取"
            raise ApiError(422, "unreadable", f"无法生成批注版：{why}")
        return _file_response(data, "docx", f"{Path(draft.name).stem}（批注）.docx",
                              {"X-Doclint-Verdict": report.verdict, "X-Doclint-Findings": str(len(report.active))})

    @v1.post(
        "/slip", response_model=None, summary="生成退文告知单",
        description="稿件退文（或无法读取）时返回退文告知单（docx、md 或 html）；"
                    "稿件通过时返回 204（无内容），响应头 X-Doclint-Verdict: pass。",
        responses={200: {"content": {DOCX_MIME: {"schema": {"type": "string", "format": "binary"}},
                                     "text/markdown": {"schema": {"type": "string"}},
                                     "text/html": {"schema": {"type": "string"}}},
                         "description": "退文告知单"},
                   204: {"description": "稿件通过，无需退文告知单"},
                   **_errors(400, *auth_errors, 413, 415, 422, 503)},
        openapi_extra=_draft_body(json_allowed=True, file_note="稿件：.docx、.txt 或 .md"),
    )
    async def slip(request: Request, fmt: Fmt = "docx") -> Response:
        from doclint.outputs.slip import sender_for, slip_for, title_for

        draft = await service.read_draft(request)
        linter = service.linters.get(draft.overrides)

        def work() -> tuple[FileReport, bytes | str | None]:
            checked = check_draft(linter, draft)
            cfg = linter.config
            sender = sender_for(draft.name, checked.document, cfg, checked.report)
            data = slip_for(checked.report, office=cfg.office, title=title_for(checked.document, draft.name),
                            sender=sender, fmt=fmt)
            return checked.report, data

        report, data = await service.gate.run(work)
        if data is None:
            return Response(status_code=204, headers={"X-Doclint-Verdict": report.verdict})
        return _file_response(data, fmt, f"{Path(draft.name).stem}（退文告知单）.{fmt}", {"X-Doclint-Verdict": report.verdict})

    @v1.post(
        "/digest", response_model=None, summary="编制核文摘要",
        description="汇总多份稿件和/或保存的 JSON 报告（multipart 字段 files，可重复），或 JSON {\"reports\": [...]}；"
                    "返回核文摘要（docx、md 或 html）。since 与 until 同时给出时写明统计期间。",
        responses={200: {"content": {DOCX_MIME: {"schema": {"type": "string", "format": "binary"}},
                                     "text/markdown": {"schema": {"type": "string"}},
                                     "text/html": {"schema": {"type": "string"}}},
                         "description": "核文摘要"},
                   **_errors(400, *auth_errors, 413, 415, 422, 503)},
        openapi_extra=_digest_body(),
    )
    async def digest(request: Request, fmt: Fmt = "docx",
                     since: Annotated[dt.date | None, Query(description="统计期间起（YYYY-MM-DD，须与 until 同时给出）")] = None,
                     until: Annotated[dt.date | None, Query(description="统计期间止（YYYY-MM-DD）")] = None) -> Response:
        from doclint.outputs.digest import build_digest, default_unit_of
        from doclint.outputs.slip import sender_for

        if (since is None) != (until is None):
            raise ApiError(422, "invalid-field", "参数 since 与 until 须同时给出")
        if since is not None and until is not None and since > until:
            raise ApiError(422, "invalid-field", "参数 since 不能晚于 until")
        drafts, saved = await service.read_digest_inputs(request)
        linter = service.linter
        fallback = default_unit_of(linter.config)

        def work() -> bytes | str:
            reports = list(saved)
            units: dict[int, str] = {}
            for d in drafts:
                checked = check_draft(linter, d)
                reports.append(checked.report)
                unit = sender_for(d.name, checked.document, linter.config, checked.report)
                if unit:
                    units[id(checked.report)] = unit
            period = (since, until) if since is not None and until is not None else None
            pairs = [(r, units.get(id(r)) or fallback(r)) for r in reports]
            unit_by = {id(r): unit for r, unit in pairs}
            return build_digest([r for r, _ in pairs], period=period, unit_of=lambda r: unit_by[id(r)], fmt=fmt,
                                office=linter.config.office)

        data = await service.gate.run(work)
        return _file_response(data, fmt, f"核文摘要.{fmt}")

    @v1.get("/rules", response_model=RuleList, summary="列出全部规则",
            responses=_errors(*auth_errors, 422))
    async def list_rules(category: Annotated[Category | None, Query(description="只列出此类别")] = None) -> RuleList:
        enabled = {r.id for r in service.linter.rules}
        rules = sorted(service.linter.all_rules, key=lambda r: r.id)
        items = [RuleSummary.model_validate(_rule_summary(r, r.id in enabled))
                 for r in rules if category is None or r.category == category]
        return RuleList(count=len(items), rules=items)

    @v1.get("/rules/{rule_id}", response_model=RuleDetail, summary="说明一条规则",
            responses=_errors(*auth_errors, 404, 422))
    async def get_rule(rule_id: str) -> RuleDetail:
        from doclint.rules.docs import explain_text

        found = [r for r in service.linter.all_rules if r.id == rule_id or rule_id in r.aliases]
        if not found:
            raise ApiError(404, "rule-not-found", f"没有规则“{rule_id}”（GET /v1/rules 可查看全部规则）")
        rule = found[0]
        return RuleDetail.model_validate({
            **_rule_summary(rule, rule.id in {r.id for r in service.linter.rules}),
            "suggestion": rule.suggestion, "why": rule.why, "scope": list(rule.scope), "aliases": list(rule.aliases),
            "doc_types": rule.doc_types, "skip_doc_types": list(rule.skip_doc_types),
            "examples": RuleExamples.model_validate({"fail": [_example_text(e) for e in rule.examples.fail],
                                                     "pass": [_example_text(e) for e in rule.examples.pass_]}),
            "explanation": explain_text(rule),
        })

    v1.include_router(fix_router(service))
    app.include_router(v1)

    @app.get("/healthz", response_model=Health, summary="健康检查（无需令牌）")
    async def healthz() -> Health:
        gate = service.gate
        return Health(status="ok", doclint=__version__, rules=len(service.linter.rules), running=gate.running,
                      queued=gate.queued)

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    def asset_route(name: str) -> None:
        text, mime = assets[name]

        async def asset() -> Response:
            return Response(text, media_type=mime, headers={"Cache-Control": "no-cache"})

        app.add_api_route(f"/static/{name}", asset, methods=["GET"], include_in_schema=False)

    for name in assets:
        asset_route(name)
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


def serve(host: str = "127.0.0.1", port: int = 8080, config: Config | None = None, *, token: str | None = None,
          max_upload_mb: float = 20, max_concurrency: int = 4, queue_size: int = 16, log_level: str = "info") -> None:
    """Run the service with uvicorn until interrupted (loopback only unless ``host`` says otherwise)."""
    import uvicorn

    app = create_app(config, max_upload_mb=max_upload_mb, max_concurrency=max_concurrency, queue_size=queue_size,
                     token=token)
    import gc

    gc.freeze()  # this process serves one app: keep its rules out of every full collection
    shown = f"[{host}]" if ":" in host else host
    print(f"doclint 服务：http://{shown}:{port}/ （浏览器打开即可检查稿件；接口说明 /openapi.json；Ctrl+C 停止）",
          file=sys.stderr)
    if not _is_loopback(host) and not token:
        print("警告：服务监听在非本机地址且未设置访问令牌，同一网络中的任何人都能调用；建议加 --token", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level=log_level, server_header=False, proxy_headers=False,
                timeout_keep_alive=5)


@contextmanager
def running(app: FastAPI, host: str = "127.0.0.1", port: int = 0, timeout: float = 60) -> Iterator[str]:
    """Run ``app`` with uvicorn in a background thread; yields its base URL (port 0: a free port)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning", server_header=False,
                                           lifespan="on", ws="none"))
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
