"""The JSON report of ``../shared/spec/report-contract.md``."""

from __future__ import annotations

import json
from collections.abc import Sequence

from doclint._version import __version__
from doclint.findings import FileReport, Report


def render(reports: Sequence[FileReport]) -> str:
    """One JSON object: schema, doclint version, files."""
    report = Report(doclint=__version__, files=tuple(reports))
    return json.dumps(report.model_dump(mode="json", by_alias=True), ensure_ascii=False, indent=2)
