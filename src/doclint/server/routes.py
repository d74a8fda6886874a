"""The routes: ``/v1/*`` (check, annotate, slip, digest, rules), ``/healthz`` and the page."""

from __future__ import annotations

import datetime as dt
import json
import logging
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote

import anyio.to_thread
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from doclint import __version__
from doclint.anatomy.doc_type import ALL_TYPES
from doclint.findings import CATEGORY_LABELS, Category
from doclint.linter import Linter
from doclint.rules.schema import FailExample, Rule
from doclint.server.errors import STATUS_TEXT, ApiError, ErrorResponse
from doclint.server.jobs import AnnotateJob, CheckJob, DigestJob, JobFailed, SlipJob, failed_report, slip_for_report
from doclint.server.models import (
    DOC_TYPE_SCHEMA,
    CheckResult,
    Health,
    RuleDetail,
    RuleExamples,
    RuleList,
    RuleSummary,
    SourceOut,
)
from doclint.server.service import Service, require_token

__all__ = ["add_routes"]

log = logging.getLogger("doclint.server")

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
OUTPUT_MIME = {"docx": DOCX_MIME, "md": "text/markdown; charset=utf-8", "html": "text/html; charset=utf-8"}
OutputFormat = Literal["docx", "md", "html"]
Fmt = Annotated[OutputFormat, Query(alias="format", description="输出格式：docx（Word）、md（Markdown）或 html")]


def _content_disposition(name: str) -> str:
    ascii_name = "".join(c if (c.isascii() and c.isalnum()) or c in "._-" else "_" for c in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"


def _file_response(data: bytes | str, fmt: str, name: str, headers: dict[str, str] | None = None) -> Response:
    body = data.encode("utf-8") if isinstance(data, str) else data
    return Response(body, media_type=OUTPUT_MIME[fmt],
                    headers={"Content-Disposition": _content_disposition(name), **(headers or {})})



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



# -- the page -------------------------------------------------------------------------------


def _static(name: str) -> str:
    return (resources.files("doclint.server") / "static" / name).read_text(encoding="utf-8")


def _page(linter: Linter, max_upload_mb: float, token_required: bool) -> str:
    from doclint.outputs.reporters.text import PART_LABELS, VERDICT_LABELS
    from doclint.rules.messages import rule_title

    meta = {
        "version": __version__, "types": list(ALL_TYPES), "categories": CATEGORY_LABELS,
        "severities": {"error": "错误", "warning": "警告", "info": "提示"}, "verdicts": VERDICT_LABELS,
        "parts": PART_LABELS, "maxUploadMb": max_upload_mb, "tokenRequired": token_required,
        "rules": len(linter.rules),
        # each finding links to /rules#<id>; its title and why make the link's text and tooltip
        "ruleInfo": {r.id: [rule_title(r), r.why] for r in linter.all_rules},
    }
    data = json.dumps(meta, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return _static("index.html").replace("{{META}}", data).replace("{{VERSION}}", __version__)



def _health(service: Service, status: Literal["ok", "ready"]) -> Health:
    gate, admission = service.gate, service.admission
    return Health(status=status, doclint=__version__, rules=len(service.linter.rules), running=gate.running,
                  queued=gate.queued, uploads=admission.uploads, workers_ready=service.runner.ready)


def add_routes(app: FastAPI, service: Service, max_upload_mb: float) -> None:
    """Register every route of the service on ``app``."""
    page = _page(service.linter, max_upload_mb, service.token is not None)
    assets = {"app.js": (_static("app.js"), "text/javascript; charset=utf-8"),
              "app.css": (_static("app.css"), "text/css; charset=utf-8")}

    secured = service.token is not None
    v1 = APIRouter(prefix="/v1", dependencies=[Depends(require_token)] if secured else [])
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
        async with service.admission.admit(request.headers, service.gate):
            draft = await service.read_draft(request)
            service.linters.get(draft.overrides)  # 422 for bad overrides before queueing
            try:
                report, paragraphs = await service.run(CheckJob(draft, include_text, service.ledger), "check")
            except JobFailed as failure:
                report, paragraphs = failed_report(draft.name, failure), ([] if include_text else None)
        service.verdict(report)
        content = report.model_dump(mode="json")
        if paragraphs is not None:
            content["paragraphs"] = paragraphs
        return JSONResponse(content, headers={"X-Doclint-Verdict": report.verdict})

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
        async with service.admission.admit(request.headers, service.gate):
            draft = await service.read_draft(request, json_allowed=False)
            if not (draft.is_docx or draft.is_convertible):  # check and annotate read the same files
                raise ApiError(400, "not-docx", f"批注版只能为 Word（.docx）文件生成，“{draft.name}”不是 .docx；"
                                                "纯文本请用 /v1/check 查看检查结果")
            service.linters.get(draft.overrides)
            try:
                report, data = await service.run(AnnotateJob(draft), "annotate")
            except JobFailed as failure:
                report, data = failed_report(draft.name, failure), None
        service.verdict(report)
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
        async with service.admission.admit(request.headers, service.gate):
            draft = await service.read_draft(request)
            linter = service.linters.get(draft.overrides)
            try:
                report, data = await service.run(SlipJob(draft, fmt), "slip")
            except JobFailed as failure:
                report = failed_report(draft.name, failure)
                data = await anyio.to_thread.run_sync(slip_for_report, linter, draft, report, None, fmt)
        service.verdict(report)
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
        if (since is None) != (until is None):
            raise ApiError(422, "invalid-field", "参数 since 与 until 须同时给出")
        if since is not None and until is not None and since > until:
            raise ApiError(422, "invalid-field", "参数 since 不能晚于 until")
        period = (since, until) if since is not None and until is not None else None
        async with service.admission.admit(request.headers, service.gate):
            drafts, saved = await service.read_digest_inputs(request)
            try:
                data = await service.run(DigestJob(tuple(drafts), tuple(saved), fmt, period), "digest")
            except JobFailed as failure:
                raise ApiError(422, "unreadable", f"无法编制核文摘要：有稿件未能检查（{failure.message}）") from None
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

    from doclint.server.fix_route import fix_router

    v1.include_router(fix_router(service))  # /v1/fix: its own module, same prefix and token
    app.include_router(v1)

    @app.get("/healthz", response_model=Health, summary="存活检查（无需令牌；排队满时仍答 200）")
    async def healthz() -> Health:
        return _health(service, "ok")

    @app.get("/readyz", response_model=Health, summary="就绪检查（无需令牌）",
             description="能再接收一份稿件时返回 200；检查进程未就绪、排队已满或上传已满时返回 503（code 为 busy）。"
                         "负载均衡器据此把请求转给别的实例。",
             responses=_errors(503))
    async def readyz() -> Health:
        if not service.runner.ready:
            raise ApiError(503, "busy", "服务正在启动：检查进程尚未就绪", headers={"Retry-After": "2"})
        if not service.ready:
            raise ApiError(503, "busy", f"服务繁忙：排队 {service.gate.queued} 份、接收中的上传 "
                                        f"{service.admission.uploads} 份，已满", headers={"Retry-After": "2"})
        return _health(service, "ready")

    if service.metrics is not None:
        metrics = service.metrics

        @app.get("/metrics", include_in_schema=False, dependencies=[Depends(require_token)] if secured else [])
        async def prometheus() -> Response:
            body, mime = metrics.render()
            return Response(body, media_type=mime)

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(page, headers={"Cache-Control": "no-cache"})

    reference: list[str] = []  # built on first request: start-up time is measured

    @app.get("/rules", include_in_schema=False)
    async def rules_reference() -> HTMLResponse:
        """The rules reference, one section per rule anchored by its id (as docs/rules.md), for
        the page's links; open like ``/`` because it holds no draft."""
        if not reference:
            from doclint.server.rules_page import rules_page

            linter = service.linter
            reference.append(rules_page(linter.all_rules, {r.id for r in linter.rules}))
        return HTMLResponse(reference[0], headers={"Cache-Control": "no-cache"})

    def asset_route(name: str) -> None:
        text, mime = assets[name]

        async def asset() -> Response:
            return Response(text, media_type=mime, headers={"Cache-Control": "no-cache"})

        app.add_api_route(f"/static/{name}", asset, methods=["GET"], include_in_schema=False)

    for name in assets:
        asset_route(name)

