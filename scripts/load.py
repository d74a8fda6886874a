"""Bounded load run against the HTTP service on loopback: throughput and latency percentiles.

Usage::

    python scripts/load.py [--requests 200] [--concurrency 8] [--url http://127.0.0.1:PORT]

Without ``--url`` a server is started for the run (``doclint.server.serve`` in a child process
on a free loopback port, default settings: 4 checks at once, 16 queued) and stopped after it.
Drafts are the corpus/ drafts, uploaded alternately as .txt and as .docx built from the same
text, to ``POST /v1/check``. Only loopback addresses are accepted as targets. The run is
bounded in requests (at most 5000) and in time (``--max-seconds``). Needs ``doclint[serve]``
and httpx.
"""

from __future__ import annotations

import argparse
import io
import ipaddress
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
MAX_REQUESTS = 5000


def drafts(corpus: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) for every corpus draft, as .txt and as a .docx of the same text."""
    import docx

    out: list[tuple[str, bytes]] = []
    for path in sorted(corpus.rglob("*.txt")):
        text = path.read_text(encoding="utf-8")
        out.append((path.name, text.encode("utf-8")))
        d = docx.Document()
        for line in text.splitlines():
            d.add_paragraph(line)
        buf = io.BytesIO()
        d.save(buf)
        out.append((path.with_suffix(".docx").name, buf.getvalue()))
    return out


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


def wait_ready(client: object, url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if client.get(f"{url}/healthz").status_code == 200:  # type: ignore[attr-defined]
                return
        except Exception:  # not listening yet
            pass
        time.sleep(0.2)
    raise SystemExit(f"服务未就绪：{url}")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, round(q / 100 * len(ordered) + 0.5) - 1))  # nearest rank
    return ordered[k]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--url", default=None, help="已运行的服务（仅限本机回环地址）；不给则自行启动一个")
    parser.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    parser.add_argument("--max-seconds", type=float, default=300, help="整个运行的时间上限")
    args = parser.parse_args()
    if not 1 <= args.requests <= MAX_REQUESTS or not 1 <= args.concurrency <= 64:
        parser.error(f"--requests 应在 1–{MAX_REQUESTS}，--concurrency 应在 1–64")
    try:
        import httpx
    except ImportError:
        parser.error("需要 httpx：pip install httpx")

    child = None
    url = args.url
    if url is None:
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        code = f"from doclint.server import serve; serve('127.0.0.1', {port}, log_level='warning')"
        child = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.DEVNULL, env={**os.environ})
    host = urlsplit(url).hostname or ""
    if not is_loopback(host):
        parser.error(f"只对本机回环地址做负载测试，不接受 {host}")

    inputs = drafts(args.corpus)
    latencies: list[float] = []
    statuses: Counter[int | str] = Counter()
    lock = threading.Lock()
    stop_at = time.monotonic() + args.max_seconds
    local = threading.local()

    def one(i: int) -> None:
        if time.monotonic() > stop_at:
            with lock:
                statuses["skipped (time limit)"] += 1
            return
        client = getattr(local, "client", None)
        if client is None:
            client = local.client = httpx.Client(timeout=120)
        name, data = inputs[i % len(inputs)]
        started = time.perf_counter()
        try:
            status: int | str = client.post(f"{url}/v1/check", files={"file": (name, data)}).status_code
        except httpx.HTTPError as exc:
            status = type(exc).__name__
        elapsed = time.perf_counter() - started
        with lock:
            statuses[status] += 1
            if status == 200:
                latencies.append(elapsed)

    try:
        with httpx.Client(timeout=10) as probe:
            wait_ready(probe, url)
            probe.post(f"{url}/v1/check", files={"file": inputs[1]})  # warm: the first .docx read loads python-docx
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.concurrency) as pool:
            list(pool.map(one, range(args.requests)))
        wall = time.perf_counter() - started
    finally:
        if child is not None:
            child.terminate()
            try:
                child.wait(10)
            except subprocess.TimeoutExpired:
                child.kill()

    ok = len(latencies)
    print(f"目标：{url}/v1/check  稿件：{len(inputs)} 份（.txt 与 .docx 各半，轮流上传）")
    print(f"请求：{args.requests}，并发：{args.concurrency}，用时：{wall:.2f} 秒，CPU 核数：{os.cpu_count()}")
    print("状态：" + "，".join(f"{k}×{v}" for k, v in sorted(statuses.items(), key=lambda kv: str(kv[0]))))
    if ok:
        ms = [x * 1000 for x in latencies]
        print(f"吞吐：{ok / wall:.1f} 次/秒（成功 {ok} 次）")
        print(f"延迟（毫秒）：p50 {statistics.median(ms):.0f}，p95 {percentile(ms, 95):.0f}，"
              f"p99 {percentile(ms, 99):.0f}，最大 {max(ms):.0f}")
    return 0 if ok == args.requests else 1


if __name__ == "__main__":
    sys.exit(main())
