"""What one document may cost: inflated bytes, paragraphs, characters, findings and seconds.

A hostile or absurd file must get an answer (``unreadable`` with a code) in about the time a
normal draft takes, never minutes of work or gigabytes of memory. The limits are generous for
real 公文 (a 200-page report has ~3,000 paragraphs and ~200,000 characters) and are counted on
what is actually inflated and parsed, never on the sizes a zip directory claims.

The budget of the document being read or checked is held in a context variable, so the
reader's inner parts can charge it without every function passing it on; each thread (and
each request of the HTTP service) has its own.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from doclint.errors import UnreadableDocument

__all__ = ["LIMITS", "Budget", "Limits", "active", "current", "too_complex"]

MiB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Per-document limits (module default :data:`LIMITS`; tests and deployments pass their own)."""

    file_bytes: int = 50 * MiB  # the file as given (a .docx is compressed)
    part_bytes: int = 16 * MiB  # actually inflated bytes of one zip member
    package_bytes: int = 48 * MiB  # actually inflated bytes of all members read for one document
    tags: int = 1_000_000  # "<" in all XML parsed, counted before parsing (bounds the trees' memory)
    paragraphs: int = 50_000  # w:p elements in all parts parsed
    characters: int = 2_000_000  # w:t text in all parts parsed
    seconds: float = 30.0  # wall clock from the start of reading to the end of checking
    findings_per_rule: int = 200
    findings_per_document: int = 2_000


LIMITS = Limits()


def too_complex(what: str) -> UnreadableDocument:
    """The error of a document beyond a budget."""
    return UnreadableDocument("too-complex", f"文件过于复杂（{what}），已停止检查；正常公文不会如此，请检查文件是否异常")


class Budget:
    """The running account of one document against its :class:`Limits`."""

    def __init__(self, limits: Limits = LIMITS) -> None:
        self.limits = limits
        self.started = time.monotonic()
        self.deadline = self.started + limits.seconds
        self.tags = 0
        self.paragraphs = 0
        self.characters = 0

    def tick(self) -> None:
        """Raise ``too-complex`` once the wall-clock budget is spent."""
        if time.monotonic() > self.deadline:
            raise too_complex(f"检查用时超过 {self.limits.seconds:g} 秒")

    def charge_markup(self, blob: bytes) -> None:
        """Count the tags XML bytes may hold (every "<" byte; an upper bound in any encoding) before
        they are parsed: a tree costs ~100 bytes per element, whatever the bytes were."""
        self.tags += blob.count(b"<")
        if self.tags > self.limits.tags:
            raise too_complex(f"XML 标记超过 {self.limits.tags} 个")

    def charge_text(self, paragraphs: int, characters: int) -> None:
        """Count paragraphs and characters of a parsed part; raise when over a limit."""
        self.paragraphs += paragraphs
        self.characters += characters
        if self.paragraphs > self.limits.paragraphs:
            raise too_complex(f"段落超过 {self.limits.paragraphs} 个")
        if self.characters > self.limits.characters:
            raise too_complex(f"文字超过 {self.limits.characters} 字")
        self.tick()


_current: ContextVar[Budget | None] = ContextVar("doclint_budget", default=None)


def current() -> Budget:
    """The budget of the document being read or checked; a fresh default one when none is active."""
    budget = _current.get()
    return budget if budget is not None else Budget()


@contextmanager
def active(limits: Limits = LIMITS, *, fresh: bool = True) -> Iterator[Budget]:
    """Make a new budget with ``limits`` current (``fresh=False``: keep one already active)."""
    budget = None if fresh else _current.get()
    if budget is None:
        budget = Budget(limits)
    token = _current.set(budget)
    try:
        yield budget
    finally:
        _current.reset(token)
