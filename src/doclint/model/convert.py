"""Convert .doc, .wps, .rtf and .odt drafts to .docx with LibreOffice, when it is installed.

Many offices still save the binary formats. When ``soffice`` is on PATH the draft is written
into a new temporary folder (never next to the user's file), converted there headless with a
private LibreOffice profile (``-env:UserInstallation`` in the same folder, so a running
LibreOffice of the user's is neither used nor disturbed) under a time limit, and the .docx is
read like any other. Without LibreOffice, or when it fails, the draft is ``unreadable`` with
the hint to save it as .docx.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from doclint.errors import UnreadableDocument
from doclint.model import budget as budgets

__all__ = ["TIMEOUT_SECONDS", "office", "to_docx"]

TIMEOUT_SECONDS = 60.0  # at most; less when the document's time budget has less left
MIN_SECONDS = 5.0  # LibreOffice needs a few seconds to start even for a small file

HINTS = {
    "doc": "这是旧版 Word 97-2003 (.doc) 文件",
    "wps": "这是 WPS 旧格式 (.wps) 文件",
    "rtf": "这是 RTF 文件",
    "odt": "这是 OpenDocument (.odt) 文件",
}
CODES = {"doc": "legacy-doc", "wps": "legacy-wps", "rtf": "legacy-rtf", "odt": "legacy-odt"}


def office() -> str | None:
    """The LibreOffice program, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def not_converted(kind: str, why: str) -> UnreadableDocument:
    """The error of a draft in another format that was not converted."""
    return UnreadableDocument(CODES[kind], f"{HINTS[kind]}，{why}：请在 Word 或 WPS 中“另存为”.docx 后再检查")


def to_docx(data: bytes, kind: str) -> bytes:
    """The .docx LibreOffice makes of ``data`` (a ``kind`` file); UnreadableDocument when it cannot."""
    program = office()
    if program is None:
        raise not_converted(kind, "本机未安装 LibreOffice，无法自动转换")
    budget = budgets.current()
    seconds = min(TIMEOUT_SECONDS, max(MIN_SECONDS, budget.deadline - time.monotonic()))
    with tempfile.TemporaryDirectory(prefix="doclint-convert-") as tmp:
        folder = Path(tmp)
        source = folder / f"draft.{kind}"
        source.write_bytes(data)
        out = folder / "out"
        profile = folder / "profile"
        cmd = [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--invisible", "--norestore",
               "--nolockcheck", "--nodefault", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out),
               str(source)]
        env = {**os.environ, "HOME": str(folder), "TMPDIR": str(folder)}
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=folder, env=env, start_new_session=True)
        try:
            proc.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            _kill(proc)
            raise budgets.too_complex(f"LibreOffice 转换超过 {seconds:.0f} 秒") from None
        finally:
            _kill(proc)
        result = out / "draft.docx"
        if proc.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise not_converted(kind, "LibreOffice 也未能转换（文件可能已损坏）")
        return result.read_bytes()


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and anything it started (its own process group)."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
