"""Write an output file atomically: a temporary file in the same folder, then a rename.

A reader (or a crash) never sees a half-written file, and an existing file is kept unless
the caller passes ``force=True``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from doclint.errors import OutputExistsError

__all__ = ["write_atomic"]


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes | str, *, force: bool = False,
                 protect: str | Path | None = None) -> Path:
    """Write ``data`` (str is written as UTF-8) to ``path`` and return it.

    Raises :class:`OutputExistsError` when ``path`` exists and ``force`` is false, and always
    when ``path`` is the same file as ``protect`` (the draft being annotated is never replaced).
    """
    target = Path(path)
    if protect is not None and _same_file(target, Path(protect)):
        raise OutputExistsError(str(target), f"输出文件就是原稿：{target}（原稿不会被改写，请另选输出路径）")
    if not force and target.exists():
        raise OutputExistsError(str(target))
    payload = data.encode("utf-8") if isinstance(data, str) else data
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; give the usual permissions
        if force:
            os.replace(tmp, target)
        else:
            _link_new(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    return target


def _link_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` only if ``target`` does not exist (no race where possible)."""
    try:
        os.link(tmp, target)  # fails atomically when target exists
    except FileExistsError:
        raise OutputExistsError(str(target)) from None
    except OSError:
        # File systems without hard links (FAT, some network shares): check, then rename.
        if target.exists():
            raise OutputExistsError(str(target)) from None
        os.replace(tmp, target)
        return
    tmp.unlink()


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False
