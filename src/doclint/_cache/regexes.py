"""Compiled regex programs cached on disk, so start-up does not recompile ~130 patterns.

The ``regex`` module compiles a pattern in pure Python (parse, optimise, emit a
list of opcodes) and then hands the opcodes to its C core, ``_regex.compile``.
The Python half costs about 1 ms per pattern, well over 100 ms per start; the C
half costs microseconds. This module records the C core's arguments the first
time a pattern is compiled and replays them on later starts.

Recording runs a private copy of ``regex._main._compile`` whose ``_regex``
global is a recorder, so nothing in the ``regex`` module is patched and other
threads are unaffected. The cache is keyed on the ``regex`` build and the Python
version; if ``regex`` ever changes how it compiles (no single core call is
seen), patterns are simply compiled the ordinary way and nothing is stored.
"""

from __future__ import annotations

import hashlib
import re
import sys
import threading
import types
from collections.abc import Callable
from typing import Any, AnyStr, TypeVar

import regex
import regex._main

_main: Any = regex._main
_regex: Any = _main._regex  # the C core

_MAX_ENTRIES = 5000  # a bound on the file, whatever rule packs come and go
T = TypeVar("T")



def _key() -> str:
    ident = f"{regex.__version__}\0{getattr(_regex, '__file__', '')}\0{sys.version}\0{_main.DEFAULT_VERSION}"
    return hashlib.sha256(ident.encode()).hexdigest()[:32]


def _record(pattern: str, flags: int) -> tuple[regex.Pattern[str], tuple[Any, ...] | None]:
    """Compile the ordinary way, capturing the arguments of the single C-core call."""
    calls: list[tuple[Any, ...]] = []

    class Recorder:
        @staticmethod
        def compile(*args: Any) -> Any:
            calls.append(args)
            return _regex.compile(*args)

    original = _main._compile
    namespace = dict(_main.__dict__, _regex=Recorder)
    private = types.FunctionType(original.__code__, namespace, original.__name__, original.__defaults__,
                                 original.__closure__)
    compiled = private(pattern, flags, False, {}, False)
    return compiled, calls[0] if len(calls) == 1 and calls[0][0] == pattern else None


def _std_compiler() -> Any:
    """The standard library's pattern compiler module (``re._compiler`` from 3.11, ``sre_compile`` before)."""
    found = getattr(re, "_compiler", None)
    if found is None:  # pragma: no cover - Python 3.10
        import sre_compile

        found = sre_compile
    return found


def _record_std(pattern: AnyStr, flags: int) -> tuple[re.Pattern[AnyStr], tuple[Any, ...] | None]:
    """Like ``_record``, for the standard library's ``re``: its compiler is pure Python too
    (a class of all CJK characters costs ~7 ms), and its C core ``_sre.compile`` takes the result."""
    compiler = _std_compiler()
    core = compiler._sre
    calls: list[tuple[Any, ...]] = []

    class Recorder:
        @staticmethod
        def compile(*args: Any) -> Any:
            calls.append(args)
            return core.compile(*args)

        def __getattr__(self, name: str) -> Any:
            return getattr(core, name)

    original = compiler.compile
    namespace = dict(compiler.__dict__, _sre=Recorder())
    private = types.FunctionType(original.__code__, namespace, original.__name__, original.__defaults__,
                                 original.__closure__)
    compiled: re.Pattern[AnyStr] = private(pattern, flags)
    if len(calls) != 1 or calls[0][0] != pattern or not isinstance(calls[0][2], list):
        return compiled, None
    args: tuple[Any, ...] = calls[0]
    # The opcodes are named int constants, which do not pickle; the C core takes plain ints.
    return compiled, (args[0], args[1], [int(c) for c in args[2]], *args[3:])


class ProgramCache:
    """Pattern → C-core arguments, loaded from disk on first use; a pure memo, safe across threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # (pattern, flags) -> C-core arguments; (pattern, tag) -> a value derived from the pattern
        self._programs: dict[tuple[str | bytes, int | str], Any] | None = None
        self._dirty = False

    def _loaded(self) -> dict[tuple[str | bytes, int | str], Any]:
        if self._programs is None:
            from doclint._cache import disk
            stored = disk.load(_key(), kind="regex")
            self._programs = stored if isinstance(stored, dict) else {}
        return self._programs

    def _remember(self, key: tuple[str | bytes, int | str], args: Any) -> None:
        """Keep a freshly compiled program's arguments for the next start (bounded)."""
        if args is None:
            return
        with self._lock:
            programs = self._loaded()
            if len(programs) < _MAX_ENTRIES:
                programs[key] = args
                self._dirty = True

    def compile(self, pattern: str, flags: int = 0) -> regex.Pattern[str]:
        """Like ``regex.compile`` (errors included), served from the cache when possible."""
        key = (pattern, int(flags))
        with self._lock:
            args = self._loaded().get(key)
        if args is not None:
            try:
                compiled: regex.Pattern[str] = _regex.compile(*args)
                return compiled
            except Exception:  # a damaged entry is only a miss
                pass
        try:
            compiled, args = _record(pattern, flags)
        except regex.error:
            raise
        except Exception:  # regex internals changed: compile normally, cache nothing
            return regex.compile(pattern, flags)
        self._remember(key, args)
        return compiled

    def compile_std(self, pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
        """Like ``re.compile`` (the standard library's engine), served from the cache when possible."""
        key = (pattern, f"re/{int(flags)}")
        with self._lock:
            args = self._loaded().get(key)
        if args is not None:
            try:
                replayed: re.Pattern[AnyStr] = _std_compiler()._sre.compile(*args)
                return replayed
            except Exception:  # a damaged entry is only a miss
                pass
        try:
            compiled, args = _record_std(pattern, int(flags))
        except re.error:
            raise
        except Exception:  # the standard library's internals changed: compile normally, cache nothing
            return re.compile(pattern, flags)
        self._remember(key, args)
        return compiled

    def derived(self, tag: str, pattern: str, compute: Callable[[str], T]) -> T:
        """``compute(pattern)``, remembered on disk under ``tag`` (which must change whenever
        ``compute`` does: callers put a digest of their source in it)."""
        key = (pattern, tag)
        with self._lock:
            programs = self._loaded()
            if key in programs:
                value: T = programs[key]
                return value
        value = compute(pattern)
        with self._lock:
            if len(programs) < _MAX_ENTRIES:
                programs[key] = value
                self._dirty = True
        return value

    def flush(self) -> None:
        """Write newly compiled programs to disk (atomically; failures are ignored)."""
        with self._lock:
            if not self._dirty or self._programs is None:
                return
            snapshot = dict(self._programs)
            self._dirty = False
        from doclint._cache import disk
        disk.store(_key(), snapshot, kind="regex")


_CACHE = ProgramCache()
compile = _CACHE.compile  # a drop-in for regex.compile
compile_std = _CACHE.compile_std  # a drop-in for re.compile
derived = _CACHE.derived
flush = _CACHE.flush
