"""SARIF 2.1.0 for code-scanning dashboards: one result per finding, rules as metadata."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from doclint._version import __version__
from doclint.findings import FileReport, Finding
from doclint.rules.docs import help_uri
from doclint.rules.messages import placeholder_text
from doclint.rules.schema import Rule

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def _uri(path: str) -> str:
    p = Path(path)
    return p.as_posix() if not p.is_absolute() else p.as_uri()


def _region(f: Finding) -> dict[str, Any] | None:
    loc = f.location
    if loc.paragraph is None:
        return None
    region: dict[str, Any] = {"startLine": loc.paragraph + 1}
    if loc.start is not None and loc.end is not None:
        region["startColumn"] = loc.start + 1
        region["endColumn"] = loc.end + 1
    if f.excerpt:
        region["snippet"] = {"text": f.excerpt}
    return region


def _fix(path: str, f: Finding) -> dict[str, Any]:
    """The finding's edits as a SARIF fix (what ``doclint fix`` applies)."""
    replacements = [{"deletedRegion": {"startLine": e.paragraph + 1, "startColumn": e.start + 1, "endColumn": e.end + 1},
                     "insertedContent": {"text": e.replacement}} for e in f.fix or ()]
    return {"description": {"text": f.suggestion or f.message},
            "artifactChanges": [{"artifactLocation": {"uri": _uri(path)}, "replacements": replacements}]}


def render(reports: Sequence[FileReport], rules: Sequence[Rule]) -> str:
    """One SARIF log with one run; paragraphs map to lines, characters to columns (1-based)."""
    used = sorted({f.rule for r in reports for f in r.findings})
    by_id = {r.id: r for r in rules}
    descriptors = []
    for rid in used:
        rule = by_id.get(rid)
        d: dict[str, Any] = {"id": rid, "name": rid.replace(".", "/")}
        if rule is not None:
            d["shortDescription"] = {"text": placeholder_text(rule.message)}
            d["fullDescription"] = {"text": rule.why}
            d["defaultConfiguration"] = {"level": _LEVEL[rule.severity.value]}
            d["properties"] = {"category": rule.category.value, "source": rule.source.title}
            uri = help_uri(rid)
            if uri is not None:
                d["helpUri"] = uri
        descriptors.append(d)
    index = {rid: i for i, rid in enumerate(used)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        if report.error is not None:
            notifications.append({
                "level": "error", "message": {"text": f"{report.path}：{report.error.message}"},
                "descriptor": {"id": report.error.code},
            })
        for f in report.findings:
            physical: dict[str, Any] = {"artifactLocation": {"uri": _uri(report.path)}}
            region = _region(f)
            if region:
                physical["region"] = region
            text = f.message + (f"（建议：{f.suggestion}）" if f.suggestion else "")
            result: dict[str, Any] = {
                "ruleId": f.rule, "ruleIndex": index[f.rule], "level": _LEVEL[f.severity.value],
                "message": {"text": text}, "locations": [{"physicalLocation": physical}],
                "properties": {"part": f.location.part, "category": f.category.value},
            }
            if f.fix and f.location.part == "body":  # lines and columns mean paragraphs and characters
                result["fixes"] = [_fix(report.path, f)]
            if f.suppressed is not None:
                result["suppressions"] = [{"kind": "external", "justification": f"{f.suppressed.by}：{f.suppressed.reason}"}]
            results.append(result)
    run: dict[str, Any] = {
        "tool": {"driver": {"name": "doclint", "version": __version__, "semanticVersion": __version__,
                            "informationUri": "https://pypi.org/project/doclint/", "rules": descriptors}},
        "results": results,
        "columnKind": "unicodeCodePoints",
    }
    if notifications:
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": notifications}]
    log = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)
