"""The check work of a request, as plain picklable jobs: run in a worker process (``serve
--workers N``) or in a thread of the server (``create_app(workers=0)``, the embedded default).

Nothing here imports FastAPI: a worker process loads the Linter and these functions only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from pydantic import ValidationError

from doclint.config import Config
from doclint.errors import DoclintError, UnreadableDocument
from doclint.findings import FileReport
from doclint.linter import Linter, unreadable
from doclint.model.document import Document
from doclint.model.reader import CONVERTED, DOCX_SUFFIXES
from doclint.server.errors import ApiError, validation_message
from doclint.server.models import ConfigOverrides

__all__ = ["AnnotateJob", "CheckJob", "Checked", "DigestJob", "Draft", "Job", "JobFailed", "LinterPool", "SlipJob",
           "check_draft", "failed_report", "run_job"]

log = logging.getLogger("doclint.server")

HOUSE_WORDS = "wording.house-words"
LINTER_CACHE = 32
OutputFormat = Literal["docx", "md", "html"]


@dataclass(frozen=True)
class Draft:
    """One draft from a request: upload bytes or pasted text, a bare name, options."""

    name: str
    data: bytes | None
    text: str | None
    doc_type: str | None
    overrides: ConfigOverrides | None

    @property
    def is_docx(self) -> bool:
        """An uploaded Word file (by extension)."""
        return self.data is not None and Path(self.name).suffix.lower() in DOCX_SUFFIXES

    @property
    def is_convertible(self) -> bool:
        """A .doc/.wps/.rtf/.odt upload: checked, and annotated, through LibreOffice's .docx of it."""
        return self.data is not None and Path(self.name).suffix.lower() in CONVERTED


@dataclass(frozen=True)
class Checked:
    """A report and the document it came from (None when unreadable)."""

    report: FileReport
    document: Document | None


class JobFailed(Exception):
    """A job did not finish: over its time or memory cap, or its worker died."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code
        self.message = message


def failed_report(name: str, failure: JobFailed) -> FileReport:
    """The ``unreadable`` report of a draft whose check did not finish."""
    return unreadable(name, UnreadableDocument(failure.code, failure.message))


class LinterPool:
    """The app's Linter, plus a few built for requests that override settings (rules reused)."""

    def __init__(self, base: Linter) -> None:
        self.base = base
        self._rules = [r for r in base.all_rules if r.id != HOUSE_WORDS]
        self._cache: OrderedDict[str, Linter] = OrderedDict()
        self._lock = threading.Lock()
        self.ledgers: dict[str, Any] = {}  # target -> doclint.outputs.ledger.Ledger, opened on first record

    def get(self, overrides: ConfigOverrides | None) -> Linter:
        """The Linter for these overrides (422 when they are invalid)."""
        data = overrides.as_config() if overrides is not None else {}
        if not data:
            return self.base
        key = json.dumps(data, sort_keys=True, ensure_ascii=False)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        try:
            config = Config.model_validate({**self.base.config.model_dump(), **data})
            linter = Linter(config, rules=self._rules)
        except ValidationError as exc:
            raise ApiError(422, "invalid-config", validation_message(exc.errors(), "config")) from None
        except DoclintError as exc:
            raise ApiError(422, "invalid-config", f"配置无效：{exc}") from None
        with self._lock:
            self._cache[key] = linter
            while len(self._cache) > LINTER_CACHE:
                self._cache.popitem(last=False)
        return linter


def check_draft(linter: Linter, draft: Draft) -> Checked:
    """Read and check a draft through the one pipeline; bad input becomes an unreadable report."""
    from doclint.pipeline.source import Source

    if draft.text is not None:
        source = Source.of_text(draft.text, draft.name, draft.doc_type)
    else:
        source = Source.of_bytes(draft.data or b"", draft.name, draft.doc_type)
    result = linter.check_source(source)
    return Checked(result.report, result.document)


# -- jobs -------------------------------------------------------------------------------------

CheckOut = tuple[FileReport, "list[str] | None"]
FileOut = tuple[FileReport, "bytes | str | None"]


class Job(Protocol):
    """Work sent to a worker: picklable, done by ``run``."""

    def run(self, linters: LinterPool) -> Any: ...



@dataclass(frozen=True)
class CheckJob:
    """``/v1/check``: the report, and the body paragraphs when asked for."""

    draft: Draft
    include_text: bool = False
    ledger: str | None = None  # record the check in this ledger (serve --record)

    def run(self, linters: LinterPool) -> CheckOut:
        """Do it."""
        return _check(linters, self)


@dataclass(frozen=True)
class AnnotateJob:
    """``/v1/annotate``: the report and the annotated copy (None when unreadable)."""

    draft: Draft

    def run(self, linters: LinterPool) -> FileOut:
        """Do it."""
        return _annotate(linters, self)


@dataclass(frozen=True)
class FixJob:
    """``/v1/fix``: the corrected copy (tracked changes), or why it could not be made."""

    draft: Draft
    track: bool = True
    layout: bool = False
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    def run(self, linters: LinterPool) -> FixOut:
        """Do it."""
        linter = linters.get(self.draft.overrides)
        d = self.draft
        data = d.data if d.data is not None else (d.text or "").encode("utf-8")
        try:
            result = linter.fix(data, d.name, track=self.track, layout=self.layout, select=list(self.select),
                                ignore=list(self.ignore), doc_type=d.doc_type)
        except UnreadableDocument as exc:
            return FixOut(None, 0, 0, exc.message)
        return FixOut(result.data, sum(len(f.fix or ()) for f in result.applied), len(result.layout), None)


@dataclass(frozen=True)
class FixOut:
    """What a fix job sends back across the process boundary: bytes and counts, not documents."""

    data: bytes | None
    fixes: int
    layout: int
    error: str | None


@dataclass(frozen=True)
class SlipJob:
    """``/v1/slip``: the report and the 退文告知单 (None when the draft passes)."""

    draft: Draft
    fmt: OutputFormat

    def run(self, linters: LinterPool) -> FileOut:
        """Do it."""
        return _slip(linters, self)


@dataclass(frozen=True)
class DigestJob:
    """``/v1/digest``: the 核文摘要 over drafts and saved reports."""

    drafts: tuple[Draft, ...]
    saved: tuple[FileReport, ...]
    fmt: OutputFormat
    period: tuple[dt.date, dt.date] | None = None

    def run(self, linters: LinterPool) -> bytes | str:
        """Do it."""
        return _digest(linters, self)




def _check(linters: LinterPool, job: CheckJob) -> CheckOut:
    checked = check_draft(linters.get(job.draft.overrides), job.draft)
    paragraphs = None
    if job.include_text:
        paragraphs = [p.text for p in checked.document.paragraphs] if checked.document else []
    if job.ledger is not None:
        _record(linters, job, checked)
    return checked.report, paragraphs


def _record(linters: LinterPool, job: CheckJob, checked: Checked) -> None:
    """Append the check to the shared ledger; a ledger failure is logged, the check still answers."""
    from doclint.outputs.ledger import Ledger, content_sha256
    from doclint.outputs.slip import sender_for

    assert job.ledger is not None
    ledger = linters.ledgers.get(job.ledger)
    if ledger is None:
        ledger = linters.ledgers[job.ledger] = Ledger(job.ledger)
    try:
        d = job.draft
        data = d.data if d.data is not None else (d.text or "").encode("utf-8")
        ledger.record(checked.report, sender_for(d.name, checked.document, linters.base.config),
                      sha256=content_sha256(data))
    except DoclintError as exc:
        log.error("记入核文台账失败：%s", exc)


def _annotate(linters: LinterPool, job: AnnotateJob) -> FileOut:
    linter = linters.get(job.draft.overrides)
    checked = check_draft(linter, job.draft)
    if checked.document is None:
        return checked.report, None
    try:
        return checked.report, linter.annotate(job.draft.data or b"", job.draft.name, checked.report)
    except UnreadableDocument:
        return checked.report, None


def slip_for_report(linter: Linter, draft: Draft, report: FileReport, document: Document | None,
                    fmt: OutputFormat) -> bytes | str | None:
    """The 退文告知单 of a checked draft (also used for a draft whose check failed)."""
    from doclint.outputs.slip import sender_for, slip_for, title_for

    cfg = linter.config
    return slip_for(report, office=cfg.office, title=title_for(document, draft.name),
                    sender=sender_for(draft.name, document, cfg, report), fmt=fmt)


def _slip(linters: LinterPool, job: SlipJob) -> FileOut:
    linter = linters.get(job.draft.overrides)
    checked = check_draft(linter, job.draft)
    return checked.report, slip_for_report(linter, job.draft, checked.report, checked.document, job.fmt)


def _digest(linters: LinterPool, job: DigestJob) -> bytes | str:
    from doclint.outputs.digest import build_digest, default_unit_of
    from doclint.outputs.slip import sender_for

    linter = linters.base
    fallback = default_unit_of(linter.config)
    reports = list(job.saved)
    units: dict[int, str] = {}
    for d in job.drafts:
        checked = check_draft(linter, d)
        reports.append(checked.report)
        unit = sender_for(d.name, checked.document, linter.config)
        if unit:
            units[id(checked.report)] = unit
    unit_by = {id(r): units.get(id(r)) or fallback(r) for r in reports}
    return build_digest(reports, period=job.period, unit_of=lambda r: unit_by[id(r)], fmt=job.fmt,
                        office=linter.config.office)


def run_job(linters: LinterPool, job: Job) -> object:
    """Do one job (in a worker process or a thread); any object with ``run(linters)`` is a job."""
    return job.run(linters)
