"""What bounds the service: admission before the body, the check gate, and the connection
timeouts (headers, body).

A request that uploads is admitted or refused **before its body is read**, from its
``Content-Length`` (a chunked upload is counted at the full upload limit): refused when the
check queue is full, when too many uploads are in flight, or when their declared bytes would
pass the budget. A refused request gets its answer with ``Connection: close`` and the body is
never read (a client that sent ``Expect: 100-continue`` never sends it; uvicorn stops reading
a connection whose app does not read, so an unread body costs a socket buffer, not memory).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from doclint.server.errors import ApiError

__all__ = ["CLOSE", "RETRY_AFTER_SECONDS", "Admission", "Gate", "header_timeout_protocol"]

RETRY_AFTER_SECONDS = 2
CLOSE = {"Connection": "close"}  # the body was not read: do not keep the connection for another request


def busy(message: str) -> ApiError:
    """The 503 answer (with Retry-After; the connection is closed)."""
    return ApiError(503, "busy", message, headers={"Retry-After": str(RETRY_AFTER_SECONDS), **CLOSE})


class Gate:
    """At most ``concurrency`` checks at once, at most ``queue`` waiting; more get a 503."""

    def __init__(self, concurrency: int, queue: int) -> None:
        self.concurrency = concurrency
        self.queue = queue
        self.pending = 0  # running + waiting
        self._loop: asyncio.AbstractEventLoop | None = None
        self._sem: asyncio.Semaphore | None = None

    @property
    def running(self) -> int:
        """Checks now being done."""
        return min(self.pending, self.concurrency)

    @property
    def queued(self) -> int:
        """Checks waiting for a slot."""
        return max(self.pending - self.concurrency, 0)

    @property
    def full(self) -> bool:
        """No room for one more check."""
        return self.pending >= self.concurrency + self.queue

    def _semaphore(self) -> asyncio.Semaphore:
        loop = asyncio.get_running_loop()
        if self._loop is not loop or self._sem is None:
            self._loop = loop
            self._sem = asyncio.Semaphore(self.concurrency)
        return self._sem

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        """Wait for a check slot (503 at once when the queue is full)."""
        sem = self._semaphore()
        if self.full:
            raise busy(f"服务繁忙：正在检查和排队的稿件已满，请 {RETRY_AFTER_SECONDS} 秒后重试")
        self.pending += 1
        try:
            async with sem:
                yield
        finally:
            self.pending -= 1


class Admission:
    """Uploads in flight: at most ``max_uploads`` bodies being read or held, and at most
    ``max_bytes`` of them by their declared sizes. Decided before any body byte is read."""

    def __init__(self, limit: int, max_uploads: int, max_bytes: int) -> None:
        self.limit = limit
        self.max_uploads = max_uploads
        self.max_bytes = max_bytes
        self.uploads = 0
        self.reserved = 0
        self.refused: dict[str, int] = {"busy": 0, "uploads": 0, "too-large": 0}

    @property
    def full(self) -> bool:
        """Not one more full-size upload fits."""
        return self.uploads >= self.max_uploads or self.reserved + self.limit > self.max_bytes

    def _declared(self, headers: Any) -> int:
        raw = headers.get("content-length", "")
        return int(raw) if raw.isdigit() and len(raw) < 19 else self.limit

    @asynccontextmanager
    async def admit(self, headers: Any, gate: Gate) -> AsyncIterator[int]:
        """Reserve room for this request's body (yields its declared size) or refuse it now."""
        from doclint.server.body import too_large

        size = self._declared(headers)
        if size > self.limit:
            self.refused["too-large"] += 1
            raise too_large(self.limit)
        if gate.full:
            self.refused["busy"] += 1
            raise busy(f"服务繁忙：正在检查和排队的稿件已满，请 {RETRY_AFTER_SECONDS} 秒后重试（上传内容未读取）")
        if self.uploads >= self.max_uploads or self.reserved + size > self.max_bytes:
            self.refused["uploads"] += 1
            raise busy(f"服务繁忙：正在接收的上传已满，请 {RETRY_AFTER_SECONDS} 秒后重试（上传内容未读取）")
        self.uploads += 1
        self.reserved += size
        try:
            yield size
        finally:
            self.uploads -= 1
            self.reserved -= size


def header_timeout_protocol(seconds: float) -> type:
    """uvicorn's h11 protocol, closing a connection whose request headers have not all arrived
    ``seconds`` after it opened or after its previous response (a slow-headers client holds a
    socket, nothing more, and only for that long)."""
    from uvicorn.protocols.http.h11_impl import H11Protocol

    class HeaderTimeoutProtocol(H11Protocol):
        _header_timer: asyncio.TimerHandle | None = None

        def _arm(self) -> None:
            self._disarm()
            self._header_timer = self.loop.call_later(seconds, self._headers_too_slow)

        def _disarm(self) -> None:
            if self._header_timer is not None:
                self._header_timer.cancel()
                self._header_timer = None

        def _waiting_for_headers(self) -> bool:
            return self.cycle is None or self.cycle.response_complete

        def _headers_too_slow(self) -> None:
            self._header_timer = None
            if self._waiting_for_headers() and not self.transport.is_closing():
                self.transport.close()

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            if self._header_timer is None and self._waiting_for_headers():
                self._arm()
            super().data_received(data)
            if not self._waiting_for_headers():
                self._disarm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

    return HeaderTimeoutProtocol
