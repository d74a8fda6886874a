"""What the service tells its operators: Prometheus metrics (``GET /metrics``, written by
``prometheus-client``) and one JSON line per request on the ``doclint.access`` logger.

Access log fields: ``ts`` (UTC), ``id`` (the request's ``X-Request-ID`` or a new one, echoed
back), ``client``, ``method``, ``path``, ``status``, ``ms``, ``bytes_in``, ``bytes_out``,
``verdict`` (check endpoints). No query strings, bodies, file names or tokens are logged.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import time
import uuid
from typing import TYPE_CHECKING

from starlette.types import ASGIApp, Message, Receive, Scope, Send

if TYPE_CHECKING:
    from doclint.server.limits import Admission, Gate

__all__ = ["AccessLog", "Metrics"]

access_log = logging.getLogger("doclint.access")

CHECK_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0)
_ROUTES = ("/v1/check", "/v1/annotate", "/v1/slip", "/v1/digest", "/v1/rules", "/healthz", "/readyz", "/metrics", "/",
           "/openapi.json", "/static/app.js", "/static/app.css")


def route_label(path: str) -> str:
    """A bounded label for a path (no rule ids or stray paths as label values)."""
    if path in _ROUTES:
        return path
    if path.startswith("/v1/rules/"):
        return "/v1/rules/{rule_id}"
    return "other"


class Metrics:
    """The app's own registry (several apps in one process never collide)."""

    def __init__(self, gate: Gate, admission: Admission, restarts: dict[str, int] | None = None) -> None:
        from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

        self.registry = CollectorRegistry(auto_describe=True)
        r = self.registry
        self.requests = Counter("doclint_requests", "HTTP requests answered", ["method", "route", "status"], registry=r)
        self.verdicts = Counter("doclint_verdicts", "Check verdicts given", ["verdict"], registry=r)
        self.check_seconds = Histogram("doclint_check_seconds", "Time to check one request's drafts (in the worker)",
                                       ["endpoint"], buckets=CHECK_BUCKETS, registry=r)
        self.request_seconds = Histogram("doclint_request_seconds", "Time to answer a request", ["route"],
                                         buckets=CHECK_BUCKETS, registry=r)
        Gauge("doclint_queue_depth", "Checks waiting for a slot", registry=r).set_function(lambda: gate.queued)
        Gauge("doclint_checks_running", "Checks being done", registry=r).set_function(lambda: gate.running)
        Gauge("doclint_uploads_in_flight", "Upload bodies being read or held", registry=r).set_function(
            lambda: admission.uploads)
        Gauge("doclint_upload_bytes_reserved", "Declared bytes of the uploads in flight", registry=r).set_function(
            lambda: admission.reserved)
        refused = Gauge("doclint_refused", "Requests refused before their body was read, by reason", ["reason"],
                        registry=r)
        for reason in admission.refused:
            refused.labels(reason).set_function(functools.partial(admission.refused.__getitem__, reason))
        counts = restarts if restarts is not None else {}
        Gauge("doclint_worker_restarts", "Worker processes replaced (cap hit, crash, or recycled after a large job)",
              registry=r).set_function(lambda: sum(counts.values()))
        self.refused_bytes = Counter("doclint_refused_body_bytes", "Body bytes read from requests answered 503 or 413 "
                                     "(admission refuses before reading, so this stays near 0)", registry=r)
        self.failed = Counter("doclint_check_failures", "Checks stopped by a cap or a dead worker (each restarts it)",
                              ["reason"],
                              registry=r)

    def render(self) -> tuple[bytes, str]:
        """The exposition text and its content type."""
        from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

        return generate_latest(self.registry), CONTENT_TYPE_LATEST


class AccessLog:
    """ASGI middleware: one JSON line per HTTP request, request metrics, an ``X-Request-ID``."""

    def __init__(self, app: ASGIApp, metrics: Metrics | None = None) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        headers = dict(scope.get("headers") or [])
        given = headers.get(b"x-request-id", b"").decode("latin-1")[:64]
        request_id = given if given.replace("-", "").isalnum() else uuid.uuid4().hex[:16]
        seen: dict[str, int] = {"in": 0, "out": 0, "status": 0}
        verdict = ""

        async def counting_receive() -> Message:
            message = await receive()
            if message["type"] == "http.request":
                seen["in"] += len(message.get("body", b""))
            return message

        async def logging_send(message: Message) -> None:
            nonlocal verdict
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                for k, v in message.get("headers", []):
                    if k.lower() == b"x-doclint-verdict":
                        verdict = v.decode("latin-1")
                message["headers"] = [*message.get("headers", []), (b"x-request-id", request_id.encode("latin-1"))]
            elif message["type"] == "http.response.body":
                seen["out"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, counting_receive, logging_send)
        finally:
            elapsed = time.perf_counter() - started
            path = scope.get("path", "")
            route = route_label(path)
            status = seen["status"] or 500
            if self.metrics is not None:
                self.metrics.requests.labels(scope.get("method", ""), route, str(status)).inc()
                self.metrics.request_seconds.labels(route).observe(elapsed)
                if status in (413, 503):
                    self.metrics.refused_bytes.inc(seen["in"])
            if access_log.isEnabledFor(logging.INFO):
                client = scope.get("client") or ("", 0)
                record = {
                    "ts": dt.datetime.now(dt.timezone.utc).isoformat(timespec="milliseconds"),
                    "id": request_id, "client": client[0], "method": scope.get("method"), "path": route,
                    "status": status, "ms": round(elapsed * 1000, 1), "bytes_in": seen["in"], "bytes_out": seen["out"],
                }
                if verdict:
                    record["verdict"] = verdict
                access_log.info(json.dumps(record, ensure_ascii=False))
