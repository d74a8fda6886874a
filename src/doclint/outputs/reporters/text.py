"""Text output for people: located, quoted, actionable; counts from 1."""

from __future__ import annotations

from collections.abc import Sequence

from doclint.findings import FileReport, Finding, Severity

PART_LABELS = {"body": "正文", "table": "表格", "header": "页眉", "footer": "页脚", "footnote": "脚注", "endnote": "尾注",
               "textbox": "文本框", "attachment": "附件", "document": "全文"}
_COLORS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
VERDICT_LABELS = {"return": "退文", "pass": "通过", "unreadable": "无法读取"}


# Characters whose width every wcwidth release agrees on (tests/test_startup.py compares them
# with the installed one), so the common line needs no import of wcwidth (~15 ms of a cold start).
_NARROW = frozenset(chr(c) for c in range(0x20, 0x7F)) | frozenset("\u00b7\u2014\u2018\u2019\u201c\u201d\u2026")
_WIDE_RANGES = ((0x3000, 0x3029), (0x4E00, 0x9FFF), (0xFF01, 0xFF60))


def _known_width(s: str) -> int | None:
    """The width of a line made only of ASCII, CJK ideographs and CJK/full-width punctuation; else None."""
    if s.isascii() and s.isprintable():
        return len(s)
    wide = 0
    for c in s:
        if c in _NARROW:
            continue
        o = ord(c)
        if any(lo <= o <= hi for lo, hi in _WIDE_RANGES):
            wide += 1
            continue
        return None
    return len(s) + wide


def width(s: str) -> int:
    """Columns a terminal gives the text (CJK characters take two); control characters count 0."""
    known = _known_width(s)
    if known is not None:
        return known
    from wcwidth import wcswidth

    return max(0, wcswidth(s)) if s.isprintable() else sum(max(0, wcswidth(c)) for c in s)


def ljust(s: str, columns: int) -> str:
    """Pad to a display width, so Chinese columns line up."""
    return s + " " * max(0, columns - width(s))


def rjust(s: str, columns: int) -> str:
    """Right-align to a display width."""
    return " " * max(0, columns - width(s)) + s


def location_label(f: Finding) -> str:
    """正文 第18段 第53字 (1-based), or the table cell, or 全文."""
    loc = f.location
    out = PART_LABELS.get(loc.part, loc.part)
    if loc.table is not None:
        out += f" 第{loc.table + 1}个表格 第{(loc.row or 0) + 1}行第{(loc.cell or 0) + 1}列"
    if loc.paragraph is not None:
        out += f" 第{loc.paragraph + 1}段"
    if loc.start is not None:
        out += f" 第{loc.start + 1}字"
    return out


# ANSI colour codes, written out as click.style writes them: only the CLI imports click.
_ANSI_FG = {"red": 31, "green": 32, "yellow": 33, "blue": 34, "magenta": 35, "cyan": 36}


def _style(text: str, color: bool, fg: str | None = None, bold: bool = False) -> str:
    if not color:
        return text
    codes = (f"\x1b[{_ANSI_FG[fg]}m" if fg else "") + ("\x1b[1m" if bold else "")
    return f"{codes}{text}\x1b[0m"


def _short_place(f: Finding) -> str:
    """第6段第3字 — a repeated finding's place in the 另见 line."""
    loc = f.location
    out = "" if loc.part in ("body", "document") else PART_LABELS.get(loc.part, loc.part)
    if loc.table is not None:
        out += f"第{loc.table + 1}表{(loc.row or 0) + 1}行{(loc.cell or 0) + 1}列"
    if loc.paragraph is not None:
        out += f"第{loc.paragraph + 1}段"
    if loc.start is not None:
        out += f"第{loc.start + 1}字"
    return out or "全文"


def render_finding(path: str, f: Finding, paragraph_text: str | None = None, color: bool = False) -> list[str]:
    """The lines for one finding."""
    sev = _style(ljust(f.severity.label, 4), color, fg=_COLORS[f.severity], bold=True)
    lines = [f"{path}:{location_label(f)}  {sev}  {f.rule}", f"  {f.message}"]
    if f.excerpt:
        lines.append(f"  > {f.excerpt}")
        loc = f.location
        if paragraph_text is not None and loc.start is not None and loc.end is not None:
            hit = paragraph_text[loc.start : loc.end]
            at = f.excerpt.find(hit) if hit else -1
            if at >= 0:
                lines.append("    " + " " * width(f.excerpt[:at]) + _style("^" * max(1, width(hit)), color, fg="red"))
    if f.suggestion:
        lines.append(f"  建议：{f.suggestion}")
    return lines


def render_report(report: FileReport, texts: Sequence[str] | None = None, color: bool = False,
                  fail_on: str | None = None) -> list[str]:
    """All lines for one file."""
    if report.verdict == "unreadable" and report.error is not None:
        return [verdict_line(report, color)]
    lines: list[str] = []
    for group in group_repeats(report.active):
        f = group[0]
        text = None
        loc = f.location
        if texts is not None and loc.part in ("body", "attachment") and loc.paragraph is not None and loc.paragraph < len(texts):
            text = texts[loc.paragraph]
        lines += render_finding(report.path, f, text, color)
        if len(group) > 1:
            places = "、".join(_short_place(g) for g in group[1:])
            lines.append(f"  同样的问题另有 {len(group) - 1} 处：{places}")
        lines.append("")
    lines.append(verdict_line(report, color, fail_on))
    return lines


def group_repeats(findings: Sequence[Finding]) -> list[list[Finding]]:
    """Findings of one rule with the same message and suggestion, together, in order of first place."""
    groups: dict[tuple[str, str, str | None], list[Finding]] = {}
    for f in findings:
        groups.setdefault((f.rule, f.message, f.suggestion), []).append(f)
    return list(groups.values())


def verdict_line(report: FileReport, color: bool = False, fail_on: str | None = None) -> str:
    """The closing line for one file (all that ``--quiet`` prints).

    ``fail_on="warning"`` makes a report without errors but with warnings fail: the line says so
    and why, so that it never reads 通过 while the exit code is 1.
    """
    if report.verdict == "unreadable" and report.error is not None:
        return f"{report.path}  无法读取  [{report.error.code}] {report.error.message}"
    c = report.counts()
    doc_type = report.doc_type or "未识别"
    waived = len(report.findings) - len(report.active)
    waived_note = f"；已豁免 {waived}" if waived else ""
    label, failing = VERDICT_LABELS[report.verdict], report.verdict == "return"
    why = ""
    if report.verdict == "pass" and fail_on == "warning" and c["warning"]:
        label, failing = "不通过", True
        why = "；按 --fail-on warning（配置 fail_on: warning），有警告即不通过"
    verdict = _style(label, color, fg="red" if failing else "green", bold=True)
    return (
        f"{report.path}：{verdict}（文种：{doc_type}；错误 {c['error']}，警告 {c['warning']}，提示 {c['info']}；"
        f"正文 {report.stats.body_chars} 字{waived_note}{why}）"
    )


def summary(reports: Sequence[FileReport], fail_on: str | None = None) -> str:
    """The closing line of a batch (under ``fail_on="warning"`` a draft with warnings counts as returned)."""
    n = len(reports)
    ret = sum(r.verdict == "return" or (fail_on == "warning" and r.verdict == "pass" and r.counts()["warning"] > 0)
              for r in reports)
    bad = sum(r.verdict == "unreadable" for r in reports)
    counts = {s.value: 0 for s in Severity}
    for r in reports:
        for k, v in r.counts().items():
            counts[k] += v
    return (
        f"共检查 {n} 个文件：退文 {ret}，通过 {n - ret - bad}，无法读取 {bad}；"
        f"错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}"
    )


def summary_table(reports: Sequence[FileReport], fail_on: str | None = None) -> str:
    """The batch's closing table: files, verdicts, findings by category."""
    from doclint.findings import CATEGORY_LABELS

    by_cat = dict.fromkeys(CATEGORY_LABELS, 0)
    for r in reports:
        for f in r.active:
            by_cat[f.category.value] += 1
    rows = [summary(reports, fail_on), "按类别统计："]
    rows += [f"  {ljust(CATEGORY_LABELS[c], 10)}{rjust(str(n), 6)}" for c, n in by_cat.items() if n]
    return "\n".join(rows)
