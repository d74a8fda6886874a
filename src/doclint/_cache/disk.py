"""An on-disk cache for start-up work: validated rule packs and layout profiles
(skipping YAML parsing and validation) and compiled regex programs (see regexes).

The key covers every rule file's path, size and modification time and the
doclint version; any change misses the cache. Set DOCLINT_NO_CACHE=1 to turn
it off, DOCLINT_CACHE_DIR to move it. A cache that cannot be read or written
is simply not used.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def cache_dir() -> Path | None:
    """Where the cache lives, or None when disabled."""
    if os.environ.get("DOCLINT_NO_CACHE"):
        return None
    if os.environ.get("DOCLINT_CACHE_DIR"):
        return Path(os.environ["DOCLINT_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "doclint"


@functools.lru_cache(maxsize=1)
def _code_identity() -> str:
    """Sizes and times of the code that validates rules (schema, kinds, checkers): a checker's
    changed defaults must not be served from a pack pickled before the change, even when the
    version number has not moved (an editable install, a patched deployment)."""
    parts = []
    root = Path(__file__).resolve().parent.parent / "rules"
    for folder in (root, root / "kinds", root / "kinds" / "layout", root / "checkers"):
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError:
            continue
        for e in entries:
            if e.name.endswith(".py"):
                st = e.stat()
                parts.append(f"{e.path}\0{st.st_size}\0{st.st_mtime_ns}")
    return "\n".join(parts)


def key_for(files: Sequence[Path]) -> str:
    """A digest of the files' identities and the doclint version."""
    from doclint._version import __version__

    h = hashlib.sha256(__version__.encode())
    h.update(_code_identity().encode())
    folders: dict[Path, Path] = {}  # resolving each file's folder once: ~130 rule files share a few
    for f in files:
        st = os.lstat(f)
        if stat.S_ISLNK(st.st_mode):
            real, st = Path(os.path.realpath(f)), os.stat(f)
        else:
            parent = folders.get(f.parent)
            if parent is None:
                parent = folders[f.parent] = f.parent.resolve()
            real = parent / f.name  # = f.resolve() for a file that is not a link
        h.update(f"{real}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:32]


def load(key: str, kind: str = "rules") -> Any:
    """The cached object of ``kind`` for ``key``, or None."""
    d = cache_dir()
    if d is None:
        return None
    try:
        with open(d / f"{kind}-{key}.pickle", "rb") as fh:
            return pickle.load(fh)
    except Exception:  # a missing, stale or damaged cache is only a miss
        return None


def store(key: str, value: Any, kind: str = "rules") -> None:
    """Write the cache atomically; failures are ignored (read-only home, full disk)."""
    d = cache_dir()
    if d is None:
        return
    import tempfile  # only when writing: it pulls in shutil, random, bz2 and lzma

    try:
        d.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=d, prefix=f".{kind}-", suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, d / f"{kind}-{key}.pickle")
        prune(d, kind)
    except OSError:
        return


KEEP = 8  # entries per kind: rule packs and profiles change as they are edited; old states are dead weight


def prune(d: Path, kind: str, keep: int = KEEP) -> None:
    """Delete all but the ``keep`` newest entries of ``kind`` (another process may race us: ignore)."""
    entries = []
    for f in d.glob(f"{kind}-*.pickle"):
        try:
            entries.append((f.stat().st_mtime_ns, f))
        except OSError:
            continue
    for _, f in sorted(entries, reverse=True)[keep:]:
        with contextlib.suppress(OSError):
            f.unlink()
