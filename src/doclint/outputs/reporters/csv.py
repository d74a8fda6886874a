"""A batch run as CSV: one row per active finding, one row for a file with none.

UTF-8 with a byte order mark and CRLF line ends, so Excel (and WPS) open the Chinese columns
without an import dialog. Paragraph and character numbers count from 1, as in the text
output. A cell that a spreadsheet would read as a formula (starting with ``= + - @``) is
prefixed with ``'`` (a draft's text must not run as a formula on the reviewer's machine).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from doclint.findings import FileReport, Finding
from doclint.outputs.reporters.text import VERDICT_LABELS, location_label

HEADER = ("文件", "来文单位", "文种", "结论", "位置", "段", "起始字", "结束字", "级别", "类别", "规则", "问题", "建议", "原文")
_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA) else text


def _finding_cells(f: Finding) -> list[object]:
    loc = f.location
    para = loc.paragraph + 1 if loc.paragraph is not None else None
    start = loc.start + 1 if loc.start is not None else None
    return [location_label(f), para, start, loc.end, f.severity.label, f.category.label, f.rule, f.message,
            f.suggestion, f.excerpt]


def rows(reports: Sequence[FileReport]) -> list[list[str]]:
    """The header and the rows, as strings."""
    out = [list(HEADER)]
    for r in reports:
        head = [r.path, r.unit, r.doc_type, VERDICT_LABELS.get(r.verdict, r.verdict)]
        findings = list(r.active)
        if r.error is not None:
            out.append([_cell(v) for v in [*head, "全文", None, None, None, "错误", None, None, r.error.message, None,
                                           None]])
        elif not findings:
            out.append([_cell(v) for v in [*head, *[None] * 10]])
        out += [[_cell(v) for v in [*head, *_finding_cells(f)]] for f in findings]
    return out


def render(reports: Sequence[FileReport]) -> bytes:
    """The CSV file's bytes (UTF-8 with BOM, CRLF)."""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows(rows(reports))
    return buf.getvalue().encode("utf-8-sig")
