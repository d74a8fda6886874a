"""What the routes share: the check gate, the Linters for overridden settings, a draft read
from a request (JSON or multipart) and the token check."""

from __future__ import annotations

import asyncio
import functools
import hmac
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, TypeVar

import anyio
import anyio.to_thread
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from doclint.config import Config
from doclint.errors import DoclintError, UnreadableDocument
from doclint.findings import FileReport
from doclint.linter import Linter, unreadable
from doclint.model.document import Document
from doclint.model.reader import DOCX_SUFFIXES
from doclint.server.body import Part, checked_json, media_type, parse_json, parse_multipart, read_body, safe_name
from doclint.server.errors import ApiError, validation_message
from doclint.server.models import (
    ConfigOverrides,
    SavedReport,
    SavedReports,
    TextDraft,
    check_doc_type,
)

__all__ = ["Checked", "Draft", "Gate", "LinterPool", "Service", "check_draft", "require_token"]

log = logging.getLogger("doclint.server")

HOUSE_WORDS = "wording.house-words"
LINTER_CACHE = 32
RETRY_AFTER_SECONDS = 2
MAX_DIGEST_INPUTS = 200
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
    from doclint.model.reader import read_bytes
    from doclint.model.text_reader import document_from_string

    if draft.text is not None:
        document = document_from_string(draft.text)
    else:
        try:
            document = read_bytes(draft.data or b"", draft.name)
        except UnreadableDocument as exc:
            return Checked(unreadable(draft.name, exc), None)
    return Checked(linter.check_document(document, draft.name, draft.doc_type), document)


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
                    report = SavedReport.model_validate(checked_json(p.data.decode("utf-8-sig"), f"报告“{name}”"))
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
        data = checked_json(raw, "字段 config")
    except json.JSONDecodeError as exc:
        raise ApiError(422, "invalid-config",
                       f"字段 config 不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    try:
        return ConfigOverrides.model_validate(data)
    except ValidationError as exc:
        raise ApiError(422, "invalid-config", validation_message(exc.errors(), "config")) from None


_BEARER = HTTPBearer(auto_error=False, description="部署时设置了访问令牌（--token）才需要")


async def require_token(request: Request,
                         credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_BEARER)]) -> None:
    """401 unless the request carries the app's bearer token (compared in constant time)."""
    expected: str = request.app.state.doclint.token or ""
    if credentials is None:
        raise ApiError(401, "unauthorized", "需要访问令牌：请在请求头加 Authorization: Bearer <令牌>",
                       headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(credentials.credentials.encode("utf-8"), expected.encode("utf-8")):
        raise ApiError(401, "unauthorized", "访问令牌不正确", headers={"WWW-Authenticate": "Bearer"})

