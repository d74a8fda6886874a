"""The shared-folder hook: files really dropped into a watched folder get reports beside them."""

from __future__ import annotations

import os
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from doclint.batch import LinterCache
from doclint.watch import OUT_DIR, Watcher, is_draft, load_report

CLEAN = (
    "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n我局拟购置办公设备一批，所需经费从年度预算中列支。\n"
    "妥否，请批示。\n包头市财政局\n2024年5月6日\n（联系人：李明，联系电话：0472-1234567）\n"
)
WAIT = 20.0  # seconds: generous bound for a slow CI machine


def _until(cond: Callable[[], bool], timeout: float = WAIT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture
def watched(tmp_path: Path) -> Iterator[tuple[Path, list[str], Watcher]]:
    lines: list[str] = []
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    w = Watcher(inbox, LinterCache(no_config=True), settle=0.3, log=lines.append,
                move_returned=tmp_path / "returned", unreadable_after=1.0)
    stop = threading.Event()
    t = threading.Thread(target=w.run, args=(stop,), daemon=True)
    t.start()
    assert _until(lambda: any("开始监视" in line for line in lines))
    yield inbox, lines, w
    stop.set()
    t.join(timeout=10)
    assert not t.is_alive()
    assert lines[-1] == "已停止监视"


def test_drop_files_get_reports(watched: tuple[Path, list[str], Watcher], tmp_path: Path) -> None:
    """A passing draft gets text and JSON reports; a returned one is moved; bad files are survived."""
    inbox, lines, _ = watched
    (inbox / "~$lock.docx").write_bytes(b"lock")
    (inbox / "good.txt").write_text(CLEAN, encoding="utf-8")
    (inbox / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    (inbox / "bad.txt").write_text(CLEAN.replace("我局", "截止目前我局"), encoding="utf-8")
    out = inbox / OUT_DIR
    moved = tmp_path / "returned" / OUT_DIR
    assert _until(lambda: (out / "good.txt.json").exists() and (moved / "broken.docx.json").exists()
                  and (moved / "bad.txt.json").exists())
    assert load_report(out / "good.txt.json")["files"][0]["verdict"] == "pass"
    assert load_report(moved / "broken.docx.json")["files"][0]["verdict"] == "unreadable"
    assert "通过" in (out / "good.txt.txt").read_text(encoding="utf-8")
    assert not (out / "~$lock.docx.json").exists()
    assert any(line.startswith("退文 bad.txt") for line in lines)
    bad_line = next(line for line in lines if line.startswith("无法读取 broken.docx"))
    assert "：" in bad_line and "错误 0" not in bad_line  # the reason, not empty counts
    # reports follow the moved draft, none are left behind in the inbox
    assert (moved / "bad（退文告知单）.docx").exists()
    assert not (out / "bad.txt.json").exists()
    assert (tmp_path / "returned" / "bad.txt").exists()


def test_slow_writer_is_not_judged_unreadable(watched: tuple[Path, list[str], Watcher], tmp_path: Path) -> None:
    """A .docx written in two halves with a pause longer than --settle is checked once complete, not moved as unreadable."""
    from docx_builder import plain_docx

    inbox, lines, w = watched
    w.unreadable_after = 3.0
    data = plain_docx(CLEAN)
    target = inbox / "slow.docx"
    with target.open("wb") as fh:
        fh.write(data[: len(data) // 2])
        fh.flush()
        time.sleep(1.2)  # longer than settle (0.3), shorter than unreadable_after (3.0)
        fh.write(data[len(data) // 2 :])
    report = tmp_path / "returned" / OUT_DIR / "slow.docx.json"  # plain_docx has layout faults: returned
    assert _until(report.exists), lines
    assert load_report(report)["files"][0]["verdict"] == "return"
    assert any("可能仍在写入" in line for line in lines)
    assert not any(line.startswith("无法读取 slow.docx") for line in lines)


def test_file_deleted_before_it_settles(watched: tuple[Path, list[str], Watcher]) -> None:
    """A file removed while waiting is skipped and the watcher keeps going."""
    inbox, _lines, _ = watched
    gone = inbox / "gone.txt"
    gone.write_text(CLEAN, encoding="utf-8")
    gone.unlink()
    (inbox / "after.txt").write_text(CLEAN, encoding="utf-8")
    assert _until((inbox / OUT_DIR / "after.txt.json").exists)
    assert not (inbox / OUT_DIR / "gone.txt.json").exists()


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root 不受文件夹只读权限限制，无法模拟写入失败")
def test_unwritable_folder_is_logged(watched: tuple[Path, list[str], Watcher]) -> None:
    """When the report folder cannot be written, a clear line is logged and watching continues."""
    inbox, lines, _ = watched
    (inbox / OUT_DIR).mkdir()
    (inbox / OUT_DIR).chmod(0o500)
    try:
        (inbox / "a.txt").write_text(CLEAN, encoding="utf-8")
        assert _until(lambda: any("无法写入报告" in line for line in lines))
    finally:
        (inbox / OUT_DIR).chmod(0o700)


def test_unwritable_output_is_logged_via_error(tmp_path: Path) -> None:
    """A report path that cannot be created (a file where the folder should be) is logged, not raised."""
    lines: list[str] = []
    inbox = tmp_path / "in"
    inbox.mkdir()
    (inbox / OUT_DIR).write_text("occupied", encoding="utf-8")
    draft = inbox / "a.txt"
    draft.write_text(CLEAN, encoding="utf-8")
    Watcher(inbox, LinterCache(no_config=True), log=lines.append).process(draft)
    assert any("无法写入报告" in line for line in lines)


def test_is_draft_filters_temp_files() -> None:
    """Lock, temp and hidden files and our own outputs are ignored."""
    assert is_draft(Path("a/请示.docx"))
    for name in ("~$请示.docx", ".~lock.a.docx#", "a.tmp", ".hidden.txt", f"x/{OUT_DIR}/a.txt", "a.pdf"):
        assert not is_draft(Path(name))


def test_copied_in_large_file_waits_until_settled(watched: tuple[Path, list[str], Watcher]) -> None:
    """A file written in pieces is checked once, after it stops changing."""
    inbox, lines, _ = watched
    target = inbox / "slow.txt"
    with target.open("w", encoding="utf-8") as fh:
        for line in CLEAN.splitlines():
            fh.write(line + "\n")
            fh.flush()
            time.sleep(0.05)
    assert _until((inbox / OUT_DIR / "slow.txt.json").exists)
    time.sleep(0.8)
    assert sum(1 for line in lines if "slow.txt" in line) == 1
    shutil.rmtree(inbox / OUT_DIR)


def test_cli_watch_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    """`doclint watch` checks a dropped file and exits cleanly on SIGINT (Ctrl-C)."""
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-m", "doclint.cli", "watch", str(tmp_path), "--settle", "0.3"],
                            stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        time.sleep(1.5)
        (tmp_path / "a.txt").write_text(CLEAN, encoding="utf-8")
        assert _until((tmp_path / OUT_DIR / "a.txt.json").exists)
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=15)
    assert proc.returncode == 0, err
    assert "通过 a.txt" in err
    assert "已停止监视" in err
    assert "Traceback" not in err
