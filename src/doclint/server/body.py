"""Request bodies: read in chunks up to a limit (never trusting Content-Length alone), parse
JSON or multipart/form-data in memory. Nothing is written to disk; file names from a request
are reduced to a bare name and only their extension is ever used."""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header
from starlette.requests import ClientDisconnect, Request

from doclint.server.errors import ApiError

MAX_PARTS = 200
MAX_NAME_CHARS = 120


@dataclass
class FormPart:
    """One multipart part held in memory."""

    name: str
    filename: str | None
    data: bytes


def too_large(limit: int) -> ApiError:
    """The 413 answer (the rest of the body is not read: the connection is closed)."""
    return ApiError(413, "too-large", f"上传内容过大：超过 {limit / 1048576:g} MB 上限，未检查。请压缩图片或拆分文件后重试",
                    headers={"Connection": "close"})


def _too_slow(message: str) -> ApiError:
    return ApiError(408, "timeout", f"{message}，未检查；请检查网络后重试", headers={"Connection": "close"})


RATE_GRACE_SECONDS = 5.0


async def read_body(request: Request, limit: int, timeout: float = 60.0, idle: float = 15.0,
                    min_rate: float = 1024.0) -> bytes:
    """The whole body, read chunk by chunk; 413 as soon as it passes ``limit`` bytes; 408 when it
    takes longer than ``timeout`` seconds in all, pauses ``idle`` seconds, or, after the first
    five seconds, arrives slower than ``min_rate`` bytes a second on average (a trickling client
    holds its share of the upload budget for seconds, not for the whole timeout)."""
    import anyio

    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    buf = bytearray()
    started = anyio.current_time()
    deadline = started + timeout
    stream = request.stream().__aiter__()
    try:
        while True:
            now = anyio.current_time()
            if now >= deadline:
                raise _too_slow(f"上传未在 {timeout:g} 秒内完成")
            wait = min(idle, deadline - now)
            with anyio.move_on_after(wait) as scope:
                try:
                    chunk = await stream.__anext__()
                except StopAsyncIteration:
                    break
            if scope.cancelled_caught:
                raise _too_slow(f"上传中断超过 {idle:g} 秒" if wait >= idle else f"上传未在 {timeout:g} 秒内完成")
            if len(buf) + len(chunk) > limit:
                raise too_large(limit)
            buf += chunk
            elapsed = anyio.current_time() - started
            if elapsed > RATE_GRACE_SECONDS and len(buf) < min_rate * elapsed:
                raise _too_slow(f"上传过慢（每秒不足 {min_rate / 1024:g} KB）")
    except ClientDisconnect:
        raise ApiError(400, "bad-request", "上传未完成：连接在传输中断开") from None
    return bytes(buf)


def media_type(request: Request) -> str:
    """The request's media type, lower case, without parameters."""
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def without_surrogates(value: Any) -> Any:
    """JSON data with lone surrogates (``"\\ud800"`` escapes) replaced by U+FFFD, keys included."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_surrogates(k): without_surrogates(v) for k, v in value.items()}
    return value


MAX_JSON_DEPTH = 64


_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _nesting_depth(text: str) -> int:
    """The deepest ``[``/``{`` nesting outside strings (counted before parsing, so a 100k-deep
    body never reaches the recursive parser)."""
    depth = deepest = 0
    for token in _JSON_TOKENS.findall(text):
        if token in ("[", "{"):
            depth += 1
            deepest = max(deepest, depth)
        elif token in ("]", "}"):
            depth -= 1
    return deepest


def _too_deep(text: str) -> bool:
    # Cheap test first: only a body with many brackets can be too deep.
    return text.count("[") + text.count("{") > MAX_JSON_DEPTH and _nesting_depth(text) > MAX_JSON_DEPTH


def checked_json(text: str, what: str) -> Any:
    """``json.loads`` with bounded nesting and integer size (a 400 when exceeded, never a 500);
    a syntax error is left to the caller as ``json.JSONDecodeError``."""
    if _too_deep(text):
        raise ApiError(400, "invalid-json", f"{what}嵌套过深（超过 {MAX_JSON_DEPTH} 层），不是 doclint 接受的 JSON")
    try:
        return without_surrogates(json.loads(text))
    except json.JSONDecodeError:
        raise
    except (ValueError, RecursionError):  # an integer over Python's 4,300-digit limit; nesting the count missed
        raise ApiError(400, "invalid-json", f"{what}含有过长的数字或过深的嵌套，不是 doclint 接受的 JSON") from None


def loads(text: str, what: str = "请求正文") -> Any:
    """JSON from text, every failure a 400 saying where it breaks."""
    try:
        return checked_json(text, what)
    except json.JSONDecodeError as exc:
        raise ApiError(400, "invalid-json", f"{what}不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None


def parse_json(body: bytes) -> Any:
    """JSON from the body, or a 400 saying where it breaks."""
    if not body.strip():
        raise ApiError(400, "invalid-json", "请求正文为空：应为 JSON 对象，如 {\"text\": \"公文全文\"}")
    try:
        text = body.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ApiError(400, "invalid-json", "请求正文不是 UTF-8 编码的 JSON") from None
    return loads(text)


def _decode(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def parse_multipart(body: bytes, content_type: str) -> list[FormPart]:
    """The parts of a multipart/form-data body, in order."""
    _, params = parse_options_header(content_type)
    boundary = params.get(b"boundary")
    if not boundary:
        raise ApiError(400, "invalid-multipart", "multipart/form-data 请求缺少 boundary，无法解析上传内容")
    parts: list[FormPart] = []
    state: dict[str, Any] = {"field": b"", "value": b"", "disposition": b"", "data": bytearray()}

    def on_part_begin() -> None:
        state.update(disposition=b"", data=bytearray())

    def on_header_field(data: bytes, start: int, end: int) -> None:
        state["field"] += data[start:end]

    def on_header_value(data: bytes, start: int, end: int) -> None:
        state["value"] += data[start:end]

    def on_header_end() -> None:
        if state["field"].lower() == b"content-disposition":
            state["disposition"] = state["value"]
        state.update(field=b"", value=b"")

    def on_part_data(data: bytes, start: int, end: int) -> None:
        state["data"] += data[start:end]

    def on_part_end() -> None:
        _, options = parse_options_header(state["disposition"])
        if len(parts) >= MAX_PARTS:
            raise ApiError(413, "too-many-parts", f"一次上传的文件和字段过多（上限 {MAX_PARTS} 个）")
        filename = options.get(b"filename")
        parts.append(FormPart(
            name=_decode(options.get(b"name", b"")),
            filename=_decode(filename) if filename is not None else None,
            data=bytes(state["data"]),
        ))

    callbacks: Any = {
        "on_part_begin": on_part_begin, "on_part_data": on_part_data, "on_part_end": on_part_end,
        "on_header_field": on_header_field, "on_header_value": on_header_value, "on_header_end": on_header_end,
    }
    try:
        parser = MultipartParser(boundary, callbacks)
        parser.write(body)
        parser.finalize()
    except FormParserError:
        raise ApiError(400, "invalid-multipart", "上传内容格式有误，无法解析（multipart/form-data）") from None
    return parts


def safe_name(raw: str | None, default: str) -> str:
    """A bare file name: folders, control characters and excess length removed (never a path)."""
    name = (raw or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().lstrip(".")
    if not name:
        return default
    if len(name) > MAX_NAME_CHARS:
        stem, dot, suffix = name.rpartition(".")
        name = f"{stem[: MAX_NAME_CHARS - len(suffix) - 1]}.{suffix}" if dot and len(suffix) <= 8 else name[:MAX_NAME_CHARS]
    return name
