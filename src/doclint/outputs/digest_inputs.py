"""The digest's inputs: saved JSON reports, the sending unit of a report, and ledger checks
reduced to one (the latest) per draft."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from pydantic import ValidationError

from doclint.errors import ReportFileError
from doclint.findings import SCHEMA_VERSION, FileReport
from doclint.outputs.slip import sender_for

if TYPE_CHECKING:
    from doclint.config import Config

UNKNOWN_UNIT = "未注明单位"


_C = TypeVar("_C", bound="_Checked")


def load_reports_json(path: str | Path) -> list[FileReport]:
    """The file reports in a saved ``doclint check --format json`` output.

    Raises :class:`ReportFileError` (a Chinese message saying what is wrong) for an
    unreadable file, malformed JSON, another ``schema`` or entries that do not fit it.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ReportFileError(str(p), f"无法读取：{exc}") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ReportFileError(str(p), f"不是有效的 JSON（第{exc.lineno}行第{exc.colno}列：{exc.msg}）") from None
    if not isinstance(data, dict) or "files" not in data:
        raise ReportFileError(str(p), "不是 doclint 的检查报告（缺少 schema 和 files，请用 doclint check --format json 生成）")
    schema = data.get("schema")
    if schema != SCHEMA_VERSION:
        raise ReportFileError(str(p), f"报告格式版本为 {schema!r}，本版 doclint 只能读取版本 {SCHEMA_VERSION}，"
                                      "请用同一版本的 doclint 重新生成")
    if not isinstance(data["files"], list):
        raise ReportFileError(str(p), "files 应为列表")
    out = []
    for i, entry in enumerate(data["files"]):
        try:
            out.append(FileReport.model_validate(entry))
        except ValidationError as exc:
            err = exc.errors()[0]
            where = ".".join(str(x) for x in err["loc"])
            raise ReportFileError(str(p), f"files[{i}] 不符合报告格式（{where}：{err['msg']}）") from None
    return out


def gather_reports(paths: Iterable[str | Path]) -> tuple[list[FileReport], list[str]]:
    """Load many JSON reports; a bad file is reported in the second list, the rest still load."""
    reports: list[FileReport] = []
    problems: list[str] = []
    for path in paths:
        try:
            reports.extend(load_reports_json(path))
        except ReportFileError as exc:
            problems.append(str(exc))
    return reports, problems


def default_unit_of(config: Config | None) -> Callable[[FileReport], str]:
    """A ``unit_of``: the unit the draft names (``report.unit``), else the config's ``units``/``unit``
    for the path, else 未注明单位 (a folder name is not a sending unit)."""

    def unit_of(report: FileReport) -> str:
        return sender_for(report.path, None, config, report, folder=False) or UNKNOWN_UNIT

    return unit_of


class _Checked(Protocol):
    @property
    def report(self) -> FileReport: ...
    @property
    def checked_at(self) -> dt.datetime: ...


@dataclass(frozen=True)
class DraftHistory(Generic[_C]):
    """One draft's checks in a period: the latest, how many checks, how many distinct versions."""

    latest: _C
    checks: int
    versions: int  # distinct contents submitted; a check without a content hash counts as one


def _content_key(report: FileReport) -> str | None:
    """What the report says about the content, path left out: two files with equal keys hold the
    same draft. Only for reports that quote the text (a clean draft's report says too little);
    stands in for the content hash in checks recorded before the ledger kept one."""
    if not any(f.excerpt for f in report.findings):
        return None
    return report.model_copy(update={"path": ""}).model_dump_json()


def draft_histories(entries: Iterable[_C]) -> list[DraftHistory[_C]]:
    """Each draft once, oldest draft first.

    A draft is its path (a re-submission overwrites or re-records the same file) and its content:
    a check whose bytes (``content_sha256``, ledger version 3) were seen before under another name
    is the same draft; a changed file at the same path is a new version of that draft. Checks
    recorded without a hash fall back on the report, path left out (:func:`_content_key`).
    """
    ordered = sorted(entries, key=lambda e: e.checked_at)
    draft_of: dict[str, int] = {}  # "p:" path, "h:" hash or "r:" report key -> draft number
    latest: dict[int, _C] = {}
    checks = Counter[int]()
    hashes: dict[int, set[str]] = {}
    unhashed = Counter[int]()
    for e in ordered:
        sha = getattr(e, "content_sha256", None)
        path = "p:" + str(Path(e.report.path))
        key = "h:" + sha if sha else (None if (k := _content_key(e.report)) is None else "r:" + k)
        n = draft_of.get(key) if key is not None else None
        if n is None:
            n = draft_of.get(path)
        if n is None:
            n = len(latest)
        draft_of[path] = n
        if key is not None:
            draft_of.setdefault(key, n)
        latest[n] = e
        checks[n] += 1
        if sha:
            hashes.setdefault(n, set()).add(sha)
        else:
            unhashed[n] += 1
    return [DraftHistory(latest[n], checks[n], len(hashes.get(n, ())) + unhashed[n])
            for n in sorted(latest, key=lambda n: latest[n].checked_at)]


def latest_per_draft(entries: Iterable[_C]) -> list[tuple[_C, int]]:
    """Each draft once, with its latest check and how many checks it had (:func:`draft_histories`)."""
    return [(h.latest, h.checks) for h in draft_histories(entries)]
