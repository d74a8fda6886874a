"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from doclint.findings import FileReport

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape(value: str, prop: bool = False) -> str:
    out = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return out.replace(":", "%3A").replace(",", "%2C") if prop else out


def lines(reports: Sequence[FileReport]) -> Iterator[str]:
    """``::error file=…,line=…,col=…,title=…::message`` lines (paragraph = line)."""
    for report in reports:
        if report.error is not None:
            yield f"::error file={_escape(report.path, True)},title=无法读取::{_escape(report.error.message)}"
        for f in report.active:
            props = [f"file={_escape(report.path, True)}"]
            loc = f.location
            if loc.paragraph is not None:
                props.append(f"line={loc.paragraph + 1}")
                if loc.start is not None and loc.end is not None:
                    props += [f"col={loc.start + 1}", f"endColumn={loc.end + 1}"]
            props.append(f"title={_escape(f.rule, True)}")
            text = f.message + (f"（建议：{f.suggestion}）" if f.suggestion else "")
            yield f"::{_LEVEL[f.severity.value]} {','.join(props)}::{_escape(text)}"
