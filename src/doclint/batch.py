"""Check many files: one Linter per config file, in parallel processes for big batches."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec

from doclint.errors import DoclintError
from doclint.findings import FileReport

PARALLEL_FROM = 16  # below this many files, starting processes costs more than it saves


@dataclass
class LinterCache:
    """One Linter per effective configuration: folders may carry their own .doclint.yaml.

    For command-line processes (check, gate, watch): building a Linter also freezes the garbage
    collector's view of existing objects (gc.freeze), which a library caller should decide for itself.
    """

    config_file: Path | None = None
    no_config: bool = False
    overrides: dict[str, Any] = field(default_factory=dict)
    _by_file: dict[Path | None, Any] = field(default_factory=dict)

    def settings_path(self, target: Path) -> Path | None:
        """Which config file governs ``target``."""
        from doclint.config import find_config

        if self.no_config:
            return None
        return self.config_file or find_config(target)

    def linter_for(self, target: Path) -> Any:
        """The Linter for a file (built once per config file); raises DoclintError on a bad config."""
        from doclint.config import load_settings
        from doclint.linter import Linter

        key = self.settings_path(target)
        if key not in self._by_file:
            self._by_file[key] = Linter(load_settings(key, self.overrides).config)
            import gc

            # The command-line process keeps its Linters to the end: leaving their ~35k objects out of
            # every full collection cut the median warm check of a 5000-char draft by about a fifth.
            gc.freeze()
        return self._by_file[key]


class CheckedFile(msgspec.Struct, frozen=True):
    """A file's report, the paragraph texts (for carets in text output) and whether it fails."""

    report: FileReport
    texts: tuple[str, ...]
    failed: bool


def check_one(cache: LinterCache, path: Path, doc_type: str | None) -> CheckedFile:
    """Read and check one file; unreadable input becomes a report, never an exception."""
    from doclint.pipeline.source import Source

    linter = cache.linter_for(path)
    return from_result(linter, linter.check_source(Source.of_path(path, doc_type)))


def from_result(linter: Any, result: Any) -> CheckedFile:
    """A batch item from the pipeline's result: the paragraph texts travel, the document does not."""
    texts = tuple(p.text for p in result.document.paragraphs) if result.document is not None else ()
    return CheckedFile(result.report, texts, linter.fails(result.report))


_WORKER: dict[str, Any] = {}  # per worker process: its own LinterCache


def _init_worker(cache: LinterCache) -> None:
    _WORKER["cache"] = cache


def _work(job: tuple[Path, str | None]) -> CheckedFile | DoclintError:
    try:
        return check_one(_WORKER["cache"], job[0], job[1])
    except DoclintError as exc:
        return exc


def check_many(cache: LinterCache, paths: Sequence[Path], doc_type: str | None, jobs: int | None = None) -> Iterator[CheckedFile]:
    """Results in input order; processes when the batch is big enough. Raises DoclintError for bad config."""
    n = jobs if jobs is not None else (os.cpu_count() or 1)
    if n <= 1 or len(paths) < PARALLEL_FROM:
        for p in paths:
            yield check_one(cache, p, doc_type)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor  # only for big batches: ~20 ms of imports

    # Build the Linter once here: forked workers inherit the compiled rules instead of
    # each paying the ~0.5 s start-up again (spawn-only platforms simply rebuild it).
    cache.linter_for(paths[0])  # frozen there: the workers share its pages without copy-on-write from the collector
    methods = multiprocessing.get_all_start_methods()
    mp_context = multiprocessing.get_context("fork") if "fork" in methods else None
    with ProcessPoolExecutor(max_workers=n, initializer=_init_worker, initargs=(cache,),
                             mp_context=mp_context) as pool:
        for result in pool.map(_work, [(p, doc_type) for p in paths], chunksize=8):
            if isinstance(result, DoclintError):
                raise result
            yield result
