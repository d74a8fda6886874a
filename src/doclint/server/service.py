"""What the routes share: the limits, the job runner, the Linters for overridden settings,
a draft read from a request (JSON or multipart) and the token check."""

from __future__ import annotations

import hmac
import json
import logging
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Protocol

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import ValidationError

from doclint.findings import FileReport
from doclint.linter import Linter
from doclint.server.body import FormPart, checked_json, media_type, parse_json, parse_multipart, read_body, safe_name
from doclint.server.errors import ApiError, validation_message
from doclint.server.jobs import Draft, Job, JobFailed, LinterPool
from doclint.server.limits import Admission, Gate
from doclint.server.models import (
    ConfigOverrides,
    SavedReport,
    SavedReports,
    TextDraft,
    check_doc_type,
)

__all__ = ["Runner", "Service", "Timeouts", "require_token"]

if TYPE_CHECKING:
    from doclint.server.telemetry import Metrics


class Runner(Protocol):
    """Where jobs run (:mod:`doclint.server.workers`)."""

    ready: bool
    restarts: dict[str, int]

    async def start(self) -> None: ...
    async def run(self, job: Job) -> Any: ...
    async def stop(self) -> None: ...


log = logging.getLogger("doclint.server")

MAX_DIGEST_INPUTS = 200


# -- plumbing -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Timeouts:
    """What a client may take: seconds for its request headers, for its whole body, for a pause
    within the body; and the slowest average body rate accepted."""

    headers: float = 10.0
    body: float = 60.0
    idle: float = 15.0
    min_rate: float = 1024.0  # bytes a second, averaged, after the first five seconds of a body


class Service:
    """Everything the routes share."""

    def __init__(self, linters: LinterPool, limit: int, gate: Gate, admission: Admission, runner: Runner,
                 token: str | None, timeouts: Timeouts, metrics: Metrics | None) -> None:
        self.linters = linters
        self.limit = limit
        self.gate = gate
        self.admission = admission
        self.runner = runner
        self.token = token
        self.timeouts = timeouts
        self.metrics = metrics
        self.ledger: str | None = None  # serve --record: the ledger every /v1/check is written to

    @property
    def linter(self) -> Linter:
        """The app's own Linter."""
        return self.linters.base

    @property
    def ready(self) -> bool:
        """Workers up and room for one more check and one more full-size upload."""
        return self.runner.ready and not self.gate.full and not self.admission.full

    async def run(self, job: Job, endpoint: str) -> Any:
        """Do ``job`` once a check slot is free (503 when the queue is full)."""
        async with self.gate.slot():
            started = time.perf_counter()
            try:
                return await self.runner.run(job)
            except JobFailed as exc:
                if self.metrics is not None:
                    self.metrics.failed.labels(exc.code).inc()
                raise
            finally:
                if self.metrics is not None:
                    self.metrics.check_seconds.labels(endpoint).observe(time.perf_counter() - started)

    def verdict(self, report: FileReport) -> None:
        """Count a verdict."""
        if self.metrics is not None:
            self.metrics.verdicts.labels(report.verdict).inc()

    async def _body(self, request: Request) -> bytes:
        t = self.timeouts
        return await read_body(request, self.limit, t.body, t.idle, t.min_rate)

    async def read_draft(self, request: Request, *, json_allowed: bool = True) -> Draft:
        """The draft of a check/annotate/slip request."""
        kind = media_type(request)
        if kind == "application/json" and json_allowed:
            body = await self._body(request)
            try:
                given = TextDraft.model_validate(parse_json(body))
            except ValidationError as exc:
                errs = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
                raise ApiError(422, "invalid-field", validation_message(errs)) from None
            return Draft(safe_name(given.filename, "draft.txt"), None, given.text, given.doc_type, given.config)
        if kind == "multipart/form-data":
            body = await self._body(request)
            parts = parse_multipart(body, request.headers["content-type"])
            return self._draft_from_parts(parts)
        if json_allowed:
            raise ApiError(415, "unsupported-media-type",
                           "不支持的请求格式：请用 multipart/form-data 上传文件（字段 file），"
                           "或以 application/json 提交 {\"text\": \"公文全文\"}")
        raise ApiError(415, "unsupported-media-type", "请用 multipart/form-data 上传 Word（.docx）文件（字段 file）")

    def _draft_from_parts(self, parts: list[FormPart]) -> Draft:
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
            body = await self._body(request)
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
        body = await self._body(request)
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


def _text_field(fields: dict[str, FormPart], name: str) -> str | None:
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

