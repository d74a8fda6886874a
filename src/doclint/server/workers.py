"""Where check jobs run: threads of the server (embedded use, tests) or a bounded pool of
worker processes (``doclint serve --workers N``).

A worker process builds its own Linter, then caps its address space (``RLIMIT_AS``: its size
when ready plus ``memory_mb``) and serves one job at a time over a pipe. A job that runs
past ``timeout`` seconds gets its worker killed; a job that hits the memory cap gets a
``MemoryError`` in the worker, which answers and exits; a worker that dies (any signal)
is noticed by the closed pipe. In every case only that job fails (``JobFailed``, which the
routes turn into ``verdict: unreadable``) and a fresh worker takes the slot: a hostile
draft costs one worker restart, never the server.
"""

from __future__ import annotations

import asyncio
import logging
import os
import signal
import sys
import threading
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

import anyio
import anyio.to_thread

from doclint.config import Config
from doclint.server.errors import ApiError
from doclint.server.jobs import Job, JobFailed, LinterPool, run_job

__all__ = ["ProcessRunner", "ThreadRunner", "WorkerLimits"]

log = logging.getLogger("doclint.server")

STARTUP_SECONDS = 120.0
WARMUP_TEXT = "关于做好有关工作的通知\n各单位：\n现将有关事项通知如下。\n特此通知。\n办公室\n2024年5月6日"
MB = 1024 * 1024


@dataclass(frozen=True)
class WorkerLimits:
    """Per-check caps in a worker process: address space growth (MB; 0 = none) and wall time (s)."""

    memory_mb: int = 1024
    timeout: float = 60.0


class ThreadRunner:
    """Jobs in the server's thread pool (no isolation: for embedding and tests)."""

    def __init__(self, linters: LinterPool, concurrency: int) -> None:
        self.linters = linters
        self.concurrency = concurrency
        self.restarts: dict[str, int] = {}
        self.ready = True
        self._limiter: anyio.CapacityLimiter | None = None

    async def start(self) -> None:
        """Warm the segmenter before the first drafter waits for it."""
        self._limiter = anyio.CapacityLimiter(self.concurrency)
        try:
            await anyio.to_thread.run_sync(self.linters.base.check_text, WARMUP_TEXT)
        except Exception:
            log.exception("预热检查失败（服务照常启动）")

    async def run(self, job: Job) -> Any:
        """Do ``job`` in a thread."""
        if self._limiter is None:
            self._limiter = anyio.CapacityLimiter(self.concurrency)
        return await anyio.to_thread.run_sync(run_job, self.linters, job, limiter=self._limiter)

    async def stop(self) -> None:
        """Nothing to stop."""


# -- worker processes -------------------------------------------------------------------------


def _statm(field: int) -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as f:
            return int(f.read().split()[field]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:  # no /proc: treat as unknown (0)
        return 0


def _address_space() -> int:
    return _statm(0)


def _resident() -> int:
    return _statm(1)


def worker_main(conn: Connection, config: Config, memory_mb: int) -> None:
    """A worker process: build the Linter, cap memory, answer jobs until the pipe closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C stops the server, which stops us
    from doclint.linter import Linter

    linters = LinterPool(Linter(config))
    linters.base.check_text(WARMUP_TEXT)
    if memory_mb > 0:
        import resource

        try:
            cap = _address_space() + memory_mb * MB
            resource.setrlimit(resource.RLIMIT_AS, (cap, resource.getrlimit(resource.RLIMIT_AS)[1]))
        except (OSError, ValueError):  # no /proc or a lower hard limit: run uncapped, say so
            print("doclint 检查进程：无法设置内存上限", file=sys.stderr)
    # A job that grew the worker by half its cap (say, a MemoryError the reader caught) retires
    # it after answering: the next draft gets a fresh process, not a fragmented heap.
    retire_at = _resident() + memory_mb * MB // 2 if memory_mb > 0 else 0
    conn.send(("ready", os.getpid()))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        reply: tuple[str, Any]
        try:
            reply = ("ok", run_job(linters, job))
        except MemoryError:
            del job
            try:
                conn.send(("memory", None, True))
            finally:
                os._exit(3)  # a fresh worker takes the slot: nothing half-allocated survives
        except ApiError as exc:
            reply = ("api", (exc.status, exc.code, exc.message))
        except Exception:
            traceback.print_exc(file=sys.stderr)
            reply = ("error", None)
        del job
        retire = bool(retire_at) and _resident() > retire_at
        conn.send((*reply, retire))
        if retire:
            return


def _die_with_parent() -> None:
    """Linux: SIGKILL this worker when the server process dies, even in the middle of a job."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the closed socket still ends an idle worker
        pass


def child_main(fd: int) -> None:
    """Entry point of a worker interpreter: read its settings, then serve jobs."""
    _die_with_parent()
    conn = Connection(fd)
    config, memory_mb = conn.recv()
    worker_main(conn, config, memory_mb)


class _Worker:
    """One worker process (a fresh interpreter, not a fork of the threaded server) and the
    parent's end of its socket pair."""

    def __init__(self, config: Config, limits: WorkerLimits) -> None:
        import socket
        import subprocess

        parent, child = socket.socketpair()
        code = f"from doclint.server.workers import child_main; child_main({child.fileno()})"
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in sys.path if p)}
        self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[child.fileno()], env=env,
                                        stdin=subprocess.DEVNULL)
        child.close()
        self.conn = Connection(parent.detach())
        self.conn.send((config, limits.memory_mb))
        self.ready = False
        self.retired = False  # the worker exits after this answer: replace it

    def wait_ready(self) -> None:
        """Block until the worker has built its Linter (JobFailed if it died first)."""
        if self.ready:
            return
        try:
            if not self.conn.poll(STARTUP_SECONDS):
                raise JobFailed("check-crashed", "检查进程未能启动")
            kind = self.conn.recv()[0]
        except (EOFError, OSError):
            raise JobFailed("check-crashed", "检查进程未能启动") from None
        self.ready = kind == "ready"

    def call(self, job: Job, limits: WorkerLimits) -> Any:
        """Send a job and wait for its answer (blocking: runs in a thread)."""
        self.wait_ready()
        try:
            self.conn.send(job)
            if not self.conn.poll(limits.timeout):
                raise JobFailed("check-timeout", f"检查超过 {limits.timeout:g} 秒未完成，已中止（稿件可能已损坏或异常复杂）")
            kind, value, self.retired = self.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            raise JobFailed("check-crashed", "检查进程意外退出（稿件可能已损坏或异常复杂），本稿未检查") from None
        if kind == "memory":
            raise JobFailed("check-memory", f"检查所需内存超过上限（{limits.memory_mb} MB），已中止（稿件可能已损坏或异常复杂）")
        if kind == "api":
            status, code, message = value
            raise ApiError(status, code, message)
        if kind == "error":
            raise JobFailed("check-failed", "检查时出错，已中止（稿件可能已损坏）；详情见服务日志")
        return value

    def stop(self) -> None:
        """Kill the process and reap it."""
        try:
            self.conn.close()
        finally:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait(10)


class ProcessRunner:
    """A fixed number of worker processes, one job each at a time; a failed worker is replaced."""

    def __init__(self, config: Config, size: int, limits: WorkerLimits) -> None:
        self.config = config
        self.size = size
        self.limits = limits
        self.restarts: dict[str, int] = {}
        self.ready = False
        self._idle: asyncio.Queue[_Worker] | None = None
        self._all: set[_Worker] = set()  # idle and busy, for stop()
        self._lock = threading.Lock()

    async def start(self) -> None:
        """Start the workers and wait until they are ready."""
        workers = [_Worker(self.config, self.limits) for _ in range(self.size)]
        self._all.update(workers)
        for w in workers:
            await anyio.to_thread.run_sync(w.wait_ready)
        self._idle = asyncio.Queue()
        for w in workers:
            self._idle.put_nowait(w)
        self.ready = True

    def _replace(self, worker: _Worker, reason: str) -> _Worker:
        worker.stop()
        with self._lock:
            self.restarts[reason] = self.restarts.get(reason, 0) + 1
        log.warning("检查进程已重启（%s）", reason)
        fresh = _Worker(self.config, self.limits)
        with self._lock:
            self._all.discard(worker)
            self._all.add(fresh)
        return fresh

    async def run(self, job: Job) -> Any:
        """Do ``job`` in an idle worker (the gate guarantees one is free or soon free)."""
        if self._idle is None:
            raise JobFailed("check-crashed", "检查进程尚未就绪")
        worker = await self._idle.get()
        try:
            try:
                return await anyio.to_thread.run_sync(worker.call, job, self.limits)
            except JobFailed as exc:
                worker = await anyio.to_thread.run_sync(self._replace, worker, exc.code)
                raise
            finally:
                if worker.retired:
                    worker = await anyio.to_thread.run_sync(self._replace, worker, "recycled")
        finally:
            self._idle.put_nowait(worker)

    async def stop(self) -> None:
        """Stop every worker, busy ones included."""
        self.ready = False
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            await anyio.to_thread.run_sync(w.stop)
