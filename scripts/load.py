"""Bounded load runs against the HTTP service on loopback (issue 21).

Usage::

    python scripts/load.py normal   [--requests 2000] [--concurrency 50]
    python scripts/load.py uploads  [--clients 150] [--upload-mb 18]
    python scripts/load.py slow     [--clients 500]
    python scripts/load.py hostile  [--requests 600] [--concurrency 20] [--hostile 6]
    python scripts/load.py all

Each scenario starts its own server (``doclint.server.serve`` in a child process on a free
loopback port, ``--workers`` check processes, default limits unless given) and stops it
afterwards; ``--url`` targets a running one instead (loopback only). Every run is bounded in
count (at most 5,000 requests, 1,000 clients) and in time (``--max-seconds``).

- normal: corpus drafts (.txt and .docx of the same text, alternately) to ``POST /v1/check``;
  status counts, throughput, p50/p95/p99.
- uploads: N clients at once, each a raw socket sending an N MB .docx with
  ``Expect: 100-continue``; reports how many were accepted (100 Continue, then 200), how many
  refused before sending their body (503 with no 100 Continue), the body bytes the server
  read from refused requests (``doclint_refused_body_bytes_total``), and the peak RSS of the
  server process and of its check workers (sampled every 50 ms from /proc).
- slow: N slow clients (half trickle their headers, half their body, one byte a second)
  while 8 normal clients check drafts; reports how many slow ones the server closed (408 or
  disconnect) and the normal requests' statuses and p95.
- hostile: normal load with ``--hostile`` hostile .docx mixed in (a decompression bomb the
  reader refuses, and a million-paragraph draft within the reader's budgets that only the
  worker caps stop); reports that only those are ``unreadable``, and the slowest ``/healthz``
  seen by a probe that asks every 200 ms throughout.
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 5000
MAX_CLIENTS = 1000


# -- inputs -------------------------------------------------------------------------------------


def _docx(text: str, extra: bytes = b"") -> bytes:
    import docx

    d = docx.Document()
    for line in text.splitlines():
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    if not extra:
        return buf.getvalue()
    with zipfile.ZipFile(buf, "a", zipfile.ZIP_STORED) as z:
        z.writestr("word/media/scan.bin", extra)  # an unreferenced part: as big as a scanned attachment
    return buf.getvalue()


def drafts(corpus: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) for every corpus draft, as .txt and as a .docx of the same text."""
    out: list[tuple[str, bytes]] = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((path.name, text.encode("utf-8")))
        out.append((path.with_suffix(".docx").name, _docx(text)))
    return out


_CONTENT_TYPES = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                  '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
                  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')


def bomb(megabytes: int = 600) -> bytes:
    """A .docx whose document.xml inflates to ``megabytes`` MB of text in one run (about 0.6 MB zipped)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:body><w:p><w:r><w:t>')
            chunk = "通".encode() * (1024 * 1024 // 3)
            for _ in range(megabytes):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    return buf.getvalue()


def flood(megabytes: int = 60) -> bytes:
    """A .docx that passes the reader's size and ratio budgets (about 8 MB zipped, ratio 7) but
    holds 1.4 million one-run paragraphs: unbounded, reading and checking it takes minutes and
    gigabytes. Only the worker's memory or time cap stops it."""
    rnd = random.Random(21)
    chars = [chr(c) for c in range(0x4E00, 0x4E00 + 100)]
    block = "".join(f"<w:p><w:r><w:t>{''.join(rnd.choices(chars, k=4))}</w:t></w:r></w:p>" for _ in range(20000)).encode()
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("_rels/.rels", _RELS)
        with z.open("word/document.xml", "w") as f:
            f.write(b'<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    b'2006/main"><w:body>')
            for _ in range(megabytes * 1024 * 1024 // len(block)):
                f.write(block)
            f.write(b"</w:body></w:document>")
    return buf.getvalue()


def multipart(name: str, data: bytes, boundary: str = "doclintLoadBoundary") -> tuple[bytes, bytes]:
    """(head of the body, tail of the body) around the file bytes; the content type's boundary."""
    head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
            "Content-Type: application/octet-stream\r\n\r\n").encode()
    return head, f"\r\n--{boundary}--\r\n".encode()


# -- the server ---------------------------------------------------------------------------------


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == pid:
                        out.append(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return out


class RssSampler:
    """Peak RSS of a server process and (separately) of its children, sampled every 50 ms."""

    def __init__(self, pid: int | None) -> None:
        self.pid = pid
        self.server_peak = 0
        self.workers_peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        n = 0
        kids: list[int] = []
        while self.pid is not None and not self._stop.is_set():
            if n % 20 == 0:
                kids = children(self.pid)
            n += 1
            self.server_peak = max(self.server_peak, rss_kb(self.pid))
            self.workers_peak = max(self.workers_peak, sum(rss_kb(k) for k in kids))
            time.sleep(0.05)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join(5)


@contextmanager
def server(args: argparse.Namespace, timeouts: dict[str, float] | None = None,
           **limits: Any) -> Iterator[tuple[str, int | None]]:
    """A server for one scenario: (base URL, pid or None when ``--url`` was given)."""
    if args.url:
        host = urlsplit(args.url).hostname or ""
        if not is_loopback(host):
            raise SystemExit(f"只对本机回环地址做负载测试，不接受 {host}")
        yield args.url.rstrip("/"), None
        return
    port = free_port()
    options = {"workers": args.workers, "access_log": False, "log_level": "warning", **limits}
    code = (f"from doclint.server import serve; from doclint.server.service import Timeouts; "
            f"serve('127.0.0.1', {port}, timeouts=Timeouts(**{timeouts or {}!r}), **{options!r})")
    child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url)
        yield url, child.pid
    finally:
        child.terminate()
        try:
            child.wait(15)
        except subprocess.TimeoutExpired:
            child.kill()


def wait_ready(url: str, seconds: float = 120) -> None:
    import httpx

    deadline = time.monotonic() + seconds
    with httpx.Client(timeout=5) as c:
        while time.monotonic() < deadline:
            try:
                if c.get(f"{url}/readyz").status_code == 200:
                    return
            except httpx.HTTPError:  # not listening yet
                pass
            time.sleep(0.2)
    raise SystemExit(f"服务未就绪：{url}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[k]


def latency_line(seconds: list[float]) -> str:
    if not seconds:
        return "延迟：无成功请求"
    ms = [x * 1000 for x in seconds]
    return (f"延迟（毫秒）：p50 {statistics.median(ms):.0f}，p95 {percentile(ms, 95):.0f}，"
            f"p99 {percentile(ms, 99):.0f}，最大 {max(ms):.0f}")


def statuses_line(statuses: Counter[Any]) -> str:
    return "状态：" + "，".join(f"{k}×{v}" for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0])))


def metric(url: str, name: str) -> float:
    import httpx

    text = httpx.get(f"{url}/metrics", timeout=10).text
    return sum(float(line.rsplit(" ", 1)[1]) for line in text.splitlines() if line.startswith(name))


# -- scenarios ------------------------------------------------------------------------------------


def post_many(url: str, inputs: list[tuple[str, bytes]], requests: int, concurrency: int, stop_at: float,
              on_result: Callable[[int, Any, float], None] | None = None) -> tuple[Counter[Any], list[float], float]:
    """``requests`` uploads to /v1/check from ``concurrency`` clients; (statuses, latencies of 200s, wall)."""
    import httpx

    statuses: Counter[Any] = Counter()
    latencies: list[float] = []
    lock = threading.Lock()
    local = threading.local()

    def one(i: int) -> None:
        if time.monotonic() > stop_at:
            with lock:
                statuses["skipped (time limit)"] += 1
            return
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(timeout=180)
        name, data = inputs[i % len(inputs)]
        started = time.perf_counter()
        body: Any = None
        try:
            r = client.post(f"{url}/v1/check", files={"file": (name, data)})
            status: Any = r.status_code
            body = r.json() if status == 200 else None
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        elapsed = time.perf_counter() - started
        with lock:
            statuses[status] += 1
            if status == 200:
                latencies.append(elapsed)
        if on_result is not None:
            on_result(i, body, elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(requests)))
    return statuses, latencies, time.perf_counter() - started


def scenario_normal(args: argparse.Namespace) -> bool:
    inputs = drafts(args.corpus)
    with server(args) as (url, _):
        statuses, latencies, wall = post_many(url, inputs, args.requests, args.concurrency,
                                              time.monotonic() + args.max_seconds)
    print(f"== normal：{args.requests} 次请求，{args.concurrency} 个客户端，稿件 {len(inputs)} 份（.txt 与 .docx 各半）")
    print(f"用时 {wall:.1f} 秒，吞吐 {len(latencies) / wall:.1f} 次/秒，检查进程 {args.workers} 个，CPU 核数 {os.cpu_count()}")
    print(statuses_line(statuses))
    print(latency_line(latencies))
    five = sum(v for k, v in statuses.items() if isinstance(k, int) and k >= 500)
    print(f"5xx：{five}")
    return five == 0 and statuses.get(200, 0) > 0


def _upload(url: str, name: str, data: bytes, stop_at: float, retries: int) -> tuple[str, int]:
    """One raw-socket upload with Expect: 100-continue: (outcome, attempts). Outcomes: accepted,
    refused-before-body (503 without 100 Continue), other."""
    parts = urlsplit(url)
    head, tail = multipart(name, data)
    length = len(head) + len(data) + len(tail)
    request = (f"POST /v1/check HTTP/1.1\r\nHost: {parts.hostname}\r\nContent-Type: multipart/form-data; "
               f"boundary=doclintLoadBoundary\r\nContent-Length: {length}\r\nExpect: 100-continue\r\n\r\n").encode()
    attempts = 0
    outcome = "other"
    while attempts <= retries and time.monotonic() < stop_at:
        attempts += 1
        with socket.create_connection((parts.hostname, parts.port), timeout=120) as sock:
            sock.sendall(request)
            first = sock.recv(4096)
            if first.startswith(b"HTTP/1.1 100"):
                sock.sendall(head)
                view = memoryview(data)
                for i in range(0, len(data), 1 << 20):
                    sock.sendall(view[i:i + (1 << 20)])
                sock.sendall(tail)
                answer = first.split(b"\r\n\r\n", 1)[1] if b"\r\n\r\n" in first else b""
                while b"\r\n\r\n" not in answer:
                    chunk = sock.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
                return ("accepted" if answer.startswith(b"HTTP/1.1 200") else "other"), attempts
            outcome = "refused-before-body" if first.startswith(b"HTTP/1.1 503") else "other"
        if outcome != "refused-before-body" or retries == 0:
            break
        time.sleep(2 + random.random())  # Retry-After: 2
    return outcome, attempts


def scenario_uploads(args: argparse.Namespace) -> bool:
    payload = random.Random(21).randbytes(int(args.upload_mb * 1024 * 1024) - 40_000)
    text = (args.corpus / "请示" / "clean-gig-market.txt").read_text(encoding="utf-8")
    data = _docx(text, payload)
    outcomes: Counter[str] = Counter()
    first_try: Counter[str] = Counter()
    tries: list[int] = []
    lock = threading.Lock()
    with server(args, max_upload_mb=20) as (url, pid), RssSampler(pid) as rss:
        stop_at = time.monotonic() + args.max_seconds

        def client(_: int) -> None:
            result, attempts = _upload(url, "扫描件.docx", data, stop_at, 0)
            with lock:
                first_try[result] += 1
            if result == "refused-before-body" and args.retries:
                result, more = _upload(url, "扫描件.docx", data, stop_at, args.retries)
                attempts += more
            with lock:
                outcomes[result] += 1
                tries.append(attempts)

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            list(pool.map(client, range(args.clients)))
        wall = time.perf_counter() - started
        refused_bytes = metric(url, "doclint_refused_body_bytes_total")
    bound = args.rss_bound_mb * 1024
    print(f"== uploads：{args.clients} 个客户端同时上传 {len(data) / 1048576:.1f} MB 的 .docx（Expect: 100-continue），"
          f"检查进程 {args.workers} 个，用时 {wall:.1f} 秒")
    print("首次上传：" + "，".join(f"{k}×{v}" for k, v in sorted(first_try.items())))
    if args.retries:
        final = "，".join(f"{k}×{v}" for k, v in sorted(outcomes.items()))
        print(f"最终（被拒者按 Retry-After 重试，至多 {args.retries} 次）：{final}")
    print(f"被拒请求中服务读取的正文字节：{refused_bytes:.0f}")
    print(f"服务进程 RSS 峰值：{rss.server_peak / 1024:.0f} MB（上限 {args.rss_bound_mb} MB）；"
          f"检查进程合计 RSS 峰值：{rss.workers_peak / 1024:.0f} MB")
    return rss.server_peak < bound and refused_bytes == 0 and first_try.get("other", 0) == 0


def scenario_slow(args: argparse.Namespace) -> bool:
    inputs = drafts(args.corpus)
    timeouts = {"headers": args.header_timeout, "body": args.body_timeout, "idle": min(15.0, args.body_timeout)}
    closed: Counter[str] = Counter()
    lock = threading.Lock()
    with server(args, timeouts) as (url, _):
        parts = urlsplit(url)
        stop_at = time.monotonic() + args.max_seconds

        def slow(i: int) -> None:
            try:
                sock = socket.create_connection((parts.hostname, parts.port), timeout=args.body_timeout + 60)
            except OSError:
                with lock:
                    closed["connect failed"] += 1
                return
            if i % 2:
                payload = b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n"
                kind = "headers"
            else:
                sock.sendall(b"POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"Content-Length: 10000\r\n\r\n")
                payload = b'{"text": "' + b"x" * 9980
                kind = "body"
            started = time.monotonic()
            outcome = "still open"
            try:
                for byte in payload:
                    if time.monotonic() > stop_at:
                        break
                    sock.sendall(bytes([byte]))
                    sock.settimeout(1.0)
                    try:
                        answer = sock.recv(4096)
                    except TimeoutError:
                        continue
                    outcome = "408" if answer.startswith(b"HTTP/1.1 408") else ("closed" if not answer else "other")
                    break
            except OSError:
                outcome = "closed"
            finally:
                sock.close()
            with lock:
                closed[f"{kind}: {outcome}"] += 1
                closed[f"{kind} seconds"] = max(closed[f"{kind} seconds"], round(time.monotonic() - started))

        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            futures = [pool.submit(slow, i) for i in range(args.clients)]
            time.sleep(1)  # the slow clients are connected: now the normal ones
            statuses, latencies, wall = post_many(url, inputs, args.requests, 8, stop_at)
            for f in futures:
                f.result()
    print(f"== slow：{args.clients} 个慢速客户端（一半逐字节发请求头，一半逐字节发正文，每秒 1 字节），"
          f"请求头时限 {args.header_timeout:g} 秒，正文时限 {args.body_timeout:g} 秒；同时 8 个正常客户端 {args.requests} 次请求")
    print("慢速客户端：" + "，".join(f"{k}×{v}" if "seconds" not in k else f"{k} 最长 {v}" for k, v in sorted(closed.items())))
    print("正常请求 " + statuses_line(statuses) + f"，用时 {wall:.1f} 秒")
    print("正常请求 " + latency_line(latencies))
    still = sum(v for k, v in closed.items() if k.endswith("still open"))
    return still == 0 and statuses.get(200, 0) == args.requests


def scenario_hostile(args: argparse.Namespace) -> bool:
    import httpx

    normal = drafts(args.corpus)
    kinds = [("炸弹.docx", bomb(args.bomb_mb)), ("百万段.docx", flood())]
    step = max(1, args.requests // max(1, args.hostile))
    hostile_at = {i * step: kinds[i % 2] for i in range(args.hostile)}
    inputs = [hostile_at.get(i) or normal[i % len(normal)] for i in range(args.requests)]
    verdicts: Counter[str] = Counter()
    lock = threading.Lock()
    health: list[float] = []
    health_fail: Counter[str] = Counter()
    done = threading.Event()

    def probe(url: str) -> None:
        with httpx.Client(timeout=10) as c:
            while not done.is_set():
                started = time.perf_counter()
                try:
                    ok = c.get(f"{url}/healthz").status_code == 200
                except httpx.HTTPError as exc:
                    ok = False
                    health_fail[type(exc).__name__] += 1
                health.append(time.perf_counter() - started)
                if not ok:
                    health_fail["not 200"] += 1
                time.sleep(0.2)

    def on_result(i: int, body: Any, _: float) -> None:
        kind = f"hostile {hostile_at[i][0]}" if i in hostile_at else "normal"
        verdict = body.get("verdict") if isinstance(body, dict) else "no answer"
        code = (body.get("error") or {}).get("code", "") if isinstance(body, dict) else ""
        with lock:
            verdicts[f"{kind}: {verdict}{'（' + code + '）' if code else ''}"] += 1

    with server(args, check_memory_mb=args.check_memory_mb) as (url, pid), RssSampler(pid) as rss:
        t = threading.Thread(target=probe, args=(url,), daemon=True)
        t.start()
        listed = list(enumerate(inputs))
        statuses, _, wall = post_many(url, [x for _, x in listed], args.requests, args.concurrency,
                                              time.monotonic() + args.max_seconds, on_result)
        done.set()
        t.join(15)
        failures = metric(url, "doclint_check_failures_total")
        restarts = metric(url, "doclint_worker_restarts")
    print(f"== hostile：{args.requests} 次请求，其中 {args.hostile} 份恶意稿件（解压炸弹 {len(kinds[0][1]) / 1048576:.1f} MB"
          f"、百万段落 {len(kinds[1][1]) / 1048576:.1f} MB 交替），{args.concurrency} 个客户端，检查进程 {args.workers} 个，"
          f"每次检查内存上限 {args.check_memory_mb} MB，用时 {wall:.1f} 秒")
    print(statuses_line(statuses))
    print("结论：" + "，".join(f"{k}×{v}" for k, v in sorted(verdicts.items())))
    print(f"检查因上限或崩溃中止：{failures:.0f} 次；检查进程重启（含大任务后回收）：{restarts:.0f} 次")
    print(f"/healthz：{len(health)} 次探测，最慢 {max(health) * 1000:.0f} 毫秒，失败 {sum(health_fail.values())} 次；"
          f"服务进程 RSS 峰值 {rss.server_peak / 1024:.0f} MB，检查进程合计 {rss.workers_peak / 1024:.0f} MB")
    normal_bad = sum(v for k, v in verdicts.items() if k.startswith("normal") and "unreadable" in k)
    hostile_ok = all("unreadable" in k for k in verdicts if k.startswith("hostile"))
    return normal_bad == 0 and hostile_ok and max(health) < 1.0 and not health_fail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario", choices=["normal", "uploads", "slow", "hostile", "all"])
    parser.add_argument("--url", default=None, help="已运行的服务（仅限本机回环地址）；不给则每个场景自行启动一个")
    parser.add_argument("--workers", type=int, default=2, help="自行启动的服务的检查进程数")
    parser.add_argument("--requests", type=int, default=None)
    parser.add_argument("--concurrency", type=int, default=None)
    parser.add_argument("--clients", type=int, default=None)
    parser.add_argument("--upload-mb", type=float, default=18)
    parser.add_argument("--retries", type=int, default=0, help="uploads：被拒的客户端按 Retry-After 重试的次数")
    parser.add_argument("--rss-bound-mb", type=int, default=600)
    parser.add_argument("--header-timeout", type=float, default=10)
    parser.add_argument("--body-timeout", type=float, default=20)
    parser.add_argument("--hostile", type=int, default=6, help="hostile：恶意稿件份数（解压炸弹与百万段落交替）")
    parser.add_argument("--bomb-mb", type=int, default=600)
    parser.add_argument("--check-memory-mb", type=int, default=1024)
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--max-seconds", type=float, default=600, help="每个场景的时间上限")
    args = parser.parse_args()
    defaults = {"normal": (2000, 50, 0), "uploads": (0, 0, 150), "slow": (200, 8, 500), "hostile": (600, 20, 0)}
    names = list(defaults) if args.scenario == "all" else [args.scenario]
    given = (args.requests, args.concurrency, args.clients)
    ok = True
    for name in names:
        requests, concurrency, clients = (g if g is not None else d for g, d in zip(given, defaults[name], strict=True))
        if not 0 <= requests <= MAX_REQUESTS or not 0 <= clients <= MAX_CLIENTS or not 0 <= concurrency <= 64:
            parser.error(f"请求数应在 0–{MAX_REQUESTS}，客户端数 0–{MAX_CLIENTS}，并发 0–64")
        run = argparse.Namespace(**{**vars(args), "requests": requests, "concurrency": concurrency, "clients": clients})
        passed = {"normal": scenario_normal, "uploads": scenario_uploads, "slow": scenario_slow,
                  "hostile": scenario_hostile}[name](run)
        print(f"-- {name}：{'通过' if passed else '未通过'}\n", flush=True)
        ok = ok and passed
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
