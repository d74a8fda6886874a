"""``POST /v1/fix``: the draft back with its mechanical corrections as tracked changes (issue 19).

A router of its own, included into the app's ``/v1`` router (so it shares the prefix and the token).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

if TYPE_CHECKING:
    from doclint.server.service import Service

__all__ = ["fix_router"]


def _names(raw: str | None) -> list[str]:
    return [v.strip() for v in (raw or "").split(",") if v.strip()]


def fix_router(service: Service) -> APIRouter:
    """The ``/fix`` route, bound to the app's service: admitted before the body, run in a worker."""
    from doclint.server.errors import ApiError
    from doclint.server.jobs import FixJob, JobFailed
    from doclint.server.routes import DOCX_MIME, _content_disposition, _draft_body, _errors, _file_response

    router = APIRouter()

    @router.post(
        "/fix", response_model=None, summary="生成修订版",
        description="上传 .docx，返回把每处可机械改正的问题写成 Word 修订（作者 doclint，可逐条接受或拒绝）的副本；"
                    "纯文本（上传 .txt/.md 或 JSON 提交文字）返回改正后的文字。原文件不改动。"
                    "响应头 X-Doclint-Fixes 为改正处数，X-Doclint-Layout 为版式调整项数。",
        responses={200: {"content": {DOCX_MIME: {"schema": {"type": "string", "format": "binary"}},
                                     "text/plain": {"schema": {"type": "string"}}},
                         "description": "修订版 .docx，或改正后的文字"},
                   **_errors(400, *((401,) if service.token is not None else ()), 413, 415, 422, 503)},
        openapi_extra=_draft_body(json_allowed=True, file_note="稿件：.docx、.txt 或 .md"),
    )
    async def fix(
        request: Request,
        track: Annotated[bool, Query(description="记为修订（false：直接改正）")] = True,
        layout: Annotated[bool, Query(description="同时按版式规范调整页面、字体字号、行距、缩进和页码（仅 .docx）")] = False,
        select: Annotated[str | None, Query(description="只应用这些规则的改正（规则编号或类别前缀，逗号分隔）")] = None,
        ignore: Annotated[str | None, Query(description="不应用这些规则的改正")] = None,
    ) -> Response:
        async with service.admission.admit(request.headers, service.gate):
            draft = await service.read_draft(request)
            if layout and not draft.is_docx:
                raise ApiError(400, "not-docx", f"版式调整只用于 Word（.docx）文件，“{draft.name}”不是 .docx")
            service.linters.get(draft.overrides)  # 422 for bad overrides before queueing
            job = FixJob(draft, track, layout, tuple(_names(select)), tuple(_names(ignore)))
            try:
                out = await service.run(job, "fix")
            except JobFailed as failure:
                raise ApiError(422, "unreadable", f"无法生成修订版：{failure.message}") from None
        if out.data is None:
            raise ApiError(422, "unreadable", f"无法生成修订版：{out.error}")
        headers: dict[str, Any] = {"X-Doclint-Fixes": str(out.fixes), "X-Doclint-Layout": str(out.layout)}
        stem = Path(draft.name).stem
        if draft.is_docx:
            return _file_response(out.data, "docx", f"{stem}（修订）.docx", headers)
        from doclint.model.text_reader import decode_text

        suffix = Path(draft.name).suffix or ".txt"
        return Response(decode_text(out.data)[0], media_type="text/plain; charset=utf-8",
                        headers={**headers, "Content-Disposition": _content_disposition(f"{stem}（修订）{suffix}")})

    return router
