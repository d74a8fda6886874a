"""The service's one error shape, ``{"error": {"code", "message"}}``, with Chinese messages."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel, Field


class ErrorDetail(BaseModel):
    """What went wrong: a stable code for programs, a Chinese message for people."""

    code: str = Field(description="稳定的错误代码，如 too-large、invalid-json、unauthorized、busy")
    message: str = Field(description="给人看的中文说明：哪里不对、怎么改")


class ErrorResponse(BaseModel):
    """Every 4xx/5xx answer of the service has this shape."""

    error: ErrorDetail


class ApiError(Exception):
    """An error answer: HTTP status, code, Chinese message, optional headers."""

    def __init__(self, status: int, code: str, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.headers = dict(headers or {})

    def body(self) -> dict[str, Any]:
        """The JSON body."""
        return {"error": {"code": self.code, "message": self.message}}


# Status → (code, description) for the OpenAPI document and for Starlette's own errors.
STATUS_TEXT: dict[int, tuple[str, str]] = {
    400: ("bad-request", "请求有误（如正文不是有效的 JSON、上传内容无法解析、批注版要求 .docx）"),
    401: ("unauthorized", "缺少或错误的访问令牌（Authorization: Bearer <令牌>）"),
    404: ("not-found", "没有这个地址或这条规则"),
    405: ("method-not-allowed", "不支持此请求方法"),
    413: ("too-large", "上传内容超过大小上限"),
    415: ("unsupported-media-type", "不支持的请求格式：请用 multipart/form-data 或 application/json"),
    422: ("invalid-field", "字段或参数取值无效（如未知文种、未知配置项、无法读取的 JSON 报告）"),
    500: ("internal", "服务内部错误（不含内部细节）"),
    503: ("busy", "服务繁忙：排队已满，请按 Retry-After 秒数后重试"),
}

INTERNAL_MESSAGE = "服务内部出错，本次请求未完成；请稍后重试，或联系管理员查看服务日志"

_TYPE_MESSAGES = {
    "missing": "缺少此项",
    "list_type": "应为列表（数组）",
    "tuple_type": "应为列表（数组）",
    "dict_type": "应为对象（键值映射）",
    "model_type": "应为对象（键值映射）",
    "model_attributes_type": "应为对象（键值映射）",
    "string_type": "应为字符串",
    "string_too_long": "过长",
    "string_too_short": "不能为空",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "date_type": "应为日期（YYYY-MM-DD）",
    "date_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_parsing": "应为日期（YYYY-MM-DD）",
    "date_from_datetime_inexact": "应为日期（YYYY-MM-DD）",
    "extra_forbidden": "不是可用的字段",
    "json_invalid": "不是有效的 JSON",
    "too_long": "项数过多",
}

_SECTIONS = {"query": "参数", "path": "路径参数", "header": "请求头", "body": "字段"}


def _where(loc: Sequence[Any]) -> str:
    parts = list(loc)
    section = ""
    if parts and parts[0] in _SECTIONS:
        section = _SECTIONS[str(parts.pop(0))]
    name = ".".join(str(p) for p in parts)
    return f"{section} {name}".strip() if name else section or "请求"


def validation_message(errors: Sequence[Mapping[str, Any]], prefix: str = "") -> str:
    """The first pydantic/FastAPI validation error in Chinese: where, then what is wrong."""
    if not errors:
        return "请求内容不符合要求"
    err = errors[0]
    kind = str(err.get("type", ""))
    ctx = err.get("ctx") or {}
    if kind == "value_error" and "error" in ctx:
        what = str(ctx["error"])
    elif kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal") and ctx:
        bound = next(iter(ctx.values()))
        what = {"greater_than": f"应大于 {bound}", "greater_than_equal": f"应不小于 {bound}",
                "less_than": f"应小于 {bound}", "less_than_equal": f"应不大于 {bound}"}[kind]
    elif kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", "、").replace(", ", "、")
        what = f"取值无效，应为以下之一：{expected}" if expected else "取值无效"
    else:
        what = _TYPE_MESSAGES.get(kind, "格式不正确")
    loc = tuple(err.get("loc", ()))
    if kind == "extra_forbidden" and ((prefix == "config" and len(loc) == 1) or loc[-2:-1] == ("config",)):
        from doclint.server.models import ConfigOverrides

        what = (f"不是可由请求修改的配置项（可用：{'、'.join(ConfigOverrides.model_fields)}；"
                "规则包、台账、版式规范文件等指向文件的设置只能在服务的配置文件中设定）")
    where = _where(loc)
    if prefix:
        where = f"字段 {prefix}.{where}" if where not in ("", "请求") else f"字段 {prefix}"
    return f"{where}：{what}"
