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
WATCHED = (".docx", ".txt", ".md")


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
    log: Callable[[str], None] = print
    _queue: queue.Queue[Path] = field(default_factory=queue.Queue)
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
        c = report.counts()
        verdict = text_reporter.VERDICT_LABELS[report.verdict]
        self.log(f"{verdict} {path.name}（错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}）")
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
        target = self.move_returned if report.verdict != "pass" else self.move_passed
        if target is not None:
            try:
                target.mkdir(parents=True, exist_ok=True)
                shutil.move(str(path), str(target / path.name))
                self.log(f"已移至 {target}：{path.name}")
            except OSError as exc:
                self.log(f"无法移动 {path.name}：{exc.strerror or exc}")

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
