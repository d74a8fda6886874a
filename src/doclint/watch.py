"""Pre-submit hook for shared folders: check every draft dropped in, write the report beside it."""

from __future__ import annotations

import json
import queue
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from doclint.batch import LinterCache, check_one
from doclint.errors import DoclintError
from doclint.outputs.atomic import write_atomic

OUT_DIR = "_doclint"
WATCHED = (".docx", ".txt")  # not .md: a README.md in a shared folder is no draft to return


def is_draft(path: Path) -> bool:
    """A draft worth checking: not Word's lock file, not a temp or hidden file, not our own output."""
    name = path.name
    if path.suffix.lower() not in WATCHED or name.startswith(("~$", ".", "~")) or name.endswith((".tmp", ".part")):
        return False
    return OUT_DIR not in path.parts


@dataclass
class Watcher:
    """Checks files as they settle; every problem becomes a log line, never a crash."""

    root: Path
    cache: LinterCache
    recursive: bool = False
    move_returned: Path | None = None
    move_passed: Path | None = None
    settle: float = 1.0  # seconds a file must stay unchanged before it is checked
    # An unreadable file may be a draft still being written by a slow writer (a copy over the network
    # pausing longer than ``settle``): it is judged unreadable only once unchanged this long.
    unreadable_after: float = 30.0
    log: Callable[[str], None] = print
    _queue: queue.Queue[Path] = field(default_factory=queue.Queue)
    _retry: dict[Path, float] = field(default_factory=dict)  # path -> monotonic time to look again
    # path -> (size, mtime) when first found unreadable, and the monotonic time of that
    _unreadable: dict[Path, tuple[tuple[int, float], float]] = field(default_factory=dict)
    _pending: set[Path] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def submit(self, path: Path) -> None:
        """Queue a changed file (duplicates while pending are dropped)."""
        if not is_draft(path):
            return
        if not self.recursive and path.parent.resolve() != self.root.resolve():
            return
        with self._lock:
            if path in self._pending:
                return
            self._pending.add(path)
        self._queue.put(path)

    def _wait_settled(self, path: Path, stop: threading.Event) -> bool:
        """Wait until size and mtime stop changing; False if the file vanished or we are stopping."""
        last: tuple[int, float] | None = None
        stable_since = time.monotonic()
        while not stop.is_set():
            try:
                st = path.stat()
            except OSError:
                return False
            now = (st.st_size, st.st_mtime)
            if now != last:
                last, stable_since = now, time.monotonic()
            elif time.monotonic() - stable_since >= self.settle:
                return True
            stop.wait(min(0.2, self.settle / 2))
        return False

    def process(self, path: Path) -> None:
        """Check one settled file and write its outputs; log the verdict."""
        from doclint.outputs.reporters import json as json_reporter
        from doclint.outputs.reporters import text as text_reporter

        try:
            item = check_one(self.cache, path, None)
        except DoclintError as exc:
            self.log(f"配置错误，未检查 {path.name}：{exc}")
            return
        report = item.report
        if report.error is not None and report.error.code == "not-found":
            self.log(f"已跳过 {path.name}：检查时文件已被移走或删除")
            return
        if report.verdict == "unreadable":
            quiet = self._unchanged_for(path)
            if quiet is None:
                self.log(f"已跳过 {path.name}：检查时文件已被移走或删除")
                return
            if quiet < self.unreadable_after:
                wait = self.unreadable_after - quiet
                if path not in self._retry:
                    self.log(f"暂时无法读取 {path.name}，可能仍在写入：文件不再变化 {self.unreadable_after:g} 秒后再检查")
                self._retry[path] = time.monotonic() + wait
                return
        self._retry.pop(path, None)
        self._unreadable.pop(path, None)
        c = report.counts()
        verdict = text_reporter.VERDICT_LABELS[report.verdict]
        if report.verdict == "unreadable" and report.error is not None:
            self.log(f"{verdict} {path.name}：{report.error.message}")
        else:
            self.log(f"{verdict} {path.name}（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）")
        path = self._move(path, report.verdict)
        out_dir = path.parent / OUT_DIR
        try:
            out_dir.mkdir(exist_ok=True)
            text = "\n".join(text_reporter.render_report(report, item.texts)) + "\n"
            write_atomic(out_dir / f"{path.name}.txt", text, force=True)
            write_atomic(out_dir / f"{path.name}.json", json_reporter.render([report]) + "\n", force=True)
            self._review_copies(path, report, out_dir)
        except OSError as exc:
            self.log(f"无法写入报告 {out_dir}：{exc.strerror or exc}（继续监视）")
        except DoclintError as exc:
            self.log(f"无法生成批注版或告知单 {path.name}：{exc}（继续监视）")

    def _unchanged_for(self, path: Path) -> float | None:
        """Seconds the file has stayed unreadable and unchanged, by our own clock (a share's mtime
        may be skewed), or None if it is gone."""
        try:
            st = path.stat()
        except OSError:
            self._unreadable.pop(path, None)
            return None
        sig, now = (st.st_size, st.st_mtime), time.monotonic()
        seen = self._unreadable.get(path)
        if seen is None or seen[0] != sig:
            self._unreadable[path] = (sig, now)
            return 0.0
        return now - seen[1]

    def _move(self, path: Path, verdict: str) -> Path:
        """Move the draft where its verdict sends it; its reports are then written beside it there."""
        target = self.move_returned if verdict != "pass" else self.move_passed
        if target is None:
            return path
        try:
            target.mkdir(parents=True, exist_ok=True)
            dest = target / path.name
            shutil.move(str(path), str(dest))
        except OSError as exc:
            self.log(f"无法移动 {path.name}：{exc.strerror or exc}（报告写在原文件夹）")
            return path
        self.log(f"已移至 {target}：{path.name}")
        return dest

    def _due_retries(self) -> None:
        """Queue again the unreadable files whose quiet period is over."""
        now = time.monotonic()
        for path, due in list(self._retry.items()):
            if due <= now:
                del self._retry[path]
                self.submit(path)

    def _review_copies(self, path: Path, report: Any, out_dir: Path) -> None:
        """For a returned .docx: the annotated copy; for any returned draft: the 退文告知单."""
        if report.verdict != "return":
            return
        from doclint.outputs.slip import sender_for, slip_for, title_for

        if path.suffix.lower() == ".docx":
            from doclint.outputs.annotate import annotate_file

            annotate_file(path, report, out_dir / f"{path.stem}（批注）.docx", force=True)
        config = self.cache.linter_for(path).config
        data = slip_for(report, office=config.office, title=title_for(None, path), sender=sender_for(path, None, config, report))
        if data is not None:
            write_atomic(out_dir / f"{path.stem}（退文告知单）.docx", data, force=True)

    def run(self, stop: threading.Event) -> None:
        """Watch until ``stop`` is set."""
        from watchdog.events import FileSystemEvent, FileSystemEventHandler
        from watchdog.observers import Observer

        watcher = self

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: FileSystemEvent) -> None:
                if event.is_directory or event.event_type not in ("created", "modified", "moved", "closed"):
                    return
                dest = getattr(event, "dest_path", "") or event.src_path
                watcher.submit(Path(str(dest)))

        observer = Observer()
        observer.schedule(Handler(), str(self.root), recursive=self.recursive)
        observer.start()
        self.log(f"开始监视 {self.root}{'（含子文件夹）' if self.recursive else ''}，按 Ctrl-C 停止")
        try:
            while not stop.is_set():
                self._due_retries()
                try:
                    path = self._queue.get(timeout=0.2)
                except queue.Empty:
                    continue
                settled = self._wait_settled(path, stop)
                with self._lock:
                    self._pending.discard(path)
                if settled:
                    self.process(path)
        finally:
            observer.stop()
            observer.join(timeout=5)
            self.log("已停止监视")


def load_report(path: Path) -> dict[str, Any]:
    """Read back a JSON report written by the watcher (for tools and tests)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data
