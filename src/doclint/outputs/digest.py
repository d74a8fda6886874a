"""The 核文摘要 (review digest): a period's checks compiled the way 公文质量通报 present them.

Inputs are :class:`~doclint.findings.FileReport` objects: from drafts checked now, from
saved JSON reports (:func:`load_reports_json`), or from the ledger. Counting rules:

- a *returned* draft has verdict ``return`` or ``unreadable`` (a file that cannot be read
  goes back too); an *error-free* draft has no finding of severity ``error`` or
  ``warning``; 无差错率 = error-free drafts / drafts checked;
- findings of severity ``info`` are hints and are left out of every count;
- a draft checked several times (``doclint check --record`` on each re-submission) counts
  once, with its latest check (:func:`draft_histories`: a draft is its path and its content
  hash, so a copy under another name is the same draft); the overview says how many were
  changed and re-submitted;
- units are the sending units the drafts name (``report.unit``) or the config's ``units``,
  never folder names;
- groups and tables name a rule by its ``title`` (or its message's opening), not by the text
  of one finding;
- typical cases are the two or three first findings (by file, then place) of each of the
  five most frequent rules, preferring different files;
- wrong → right pairs come from ``wording``, ``number`` and ``punctuation`` findings whose
  suggestion is a replacement (not an instruction).

Output is deterministic: reports are sorted, ties broken by name, and no date appears but
the stated period (and the issue date the caller gives).
"""

from __future__ import annotations

import datetime as dt
import html
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import msgspec
import regex

from doclint.findings import Category, FileReport, Finding, Severity
from doclint.outputs.digest_inputs import (
    UNKNOWN_UNIT,
    DraftHistory,
    default_unit_of,
    draft_histories,
    gather_reports,
    latest_per_draft,
    load_reports_json,
)
from doclint.outputs.docx_writer import (
    Block,
    Figure,
    Gongwen,
    HeadingBlock,
    Para,
    Signature,
    TableBlock,
    chinese_date,
    render,
)
from doclint.outputs.slip import place_label
from doclint.text.chars import to_chinese

if TYPE_CHECKING:
    from doclint.outputs.xlsx_writer import Sheet

__all__ = [
    "DigestFormat",
    "DraftHistory",
    "Summary",
    "build_digest",
    "default_unit_of",
    "draft_histories",
    "flagged_text",
    "gather_reports",
    "latest_per_draft",
    "load_reports_json",
    "rule_label",
    "summarize",
    "wrong_right_pairs",
]

DigestFormat = Literal["docx", "md", "html", "xlsx"]
Period = tuple[dt.date, dt.date]
TITLE = "核文摘要"
TOP_RULES = 10
CASE_RULES = 5
CASES_PER_RULE = 3
EXCERPT_WIDTH = 40  # doclint.textutil.excerpt's default width
_PAIR_CATEGORIES = frozenset({Category.WORDING, Category.NUMBER, Category.PUNCTUATION})
_INSTRUCTION = regex.compile(r"删去|删除|保留|写全|改用|改为|去掉|统一|补上|补充|核对|调整|使用|[，。；：]|或|如“|^在")
# Fixes that are right only inside their enclosing marks (《…〈…〉…》, “…‘…’…”) would mislead
# in a list of wrong → right pairs.
_CONTEXTUAL = regex.compile(r"nesting")
_MARKS = "“”‘’《》〈〉（）()[]【】「」\"'"
_QUOTED = regex.compile(r"“[^”]*”")
_LABEL_CUT = regex.compile(r"[：，；。]")


# -- counting -------------------------------------------------------------------------------


def _counted(report: FileReport, min_severity: Severity = Severity.WARNING) -> list[Finding]:
    """Findings that count: at least ``min_severity`` and not accepted by a reviewer (suppressed)."""
    return [f for f in report.active if f.severity.rank >= min_severity.rank]


def _waived(report: FileReport) -> int:
    return sum(1 for f in report.findings if f.suppressed is not None and f.severity.rank >= Severity.WARNING.rank)


def _returned(report: FileReport) -> bool:
    return report.verdict in ("return", "unreadable")


def _error_free(report: FileReport) -> bool:
    return report.verdict == "pass" and not _counted(report)


class Summary(msgspec.Struct, frozen=True):
    """Documents checked, returned (of which unreadable) and error-free."""

    documents: int
    returned: int
    unreadable: int
    error_free: int

    @property
    def rate(self) -> float | None:
        """无差错率 as a fraction, None with no documents."""
        return self.error_free / self.documents if self.documents else None


def summarize(reports: Sequence[FileReport]) -> Summary:
    """The headline numbers of a set of reports."""
    return Summary(
        documents=len(reports),
        returned=sum(_returned(r) for r in reports),
        unreadable=sum(r.verdict == "unreadable" for r in reports),
        error_free=sum(_error_free(r) for r in reports),
    )


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.1f}%" if whole else "—"


def _change(now: float, before: float) -> str:
    points = round((now - before) * 100, 1)
    if points > 0:
        return f"与上期相比提高{points:.1f}个百分点"
    if points < 0:
        return f"与上期相比降低{-points:.1f}个百分点"
    return "与上期持平"


def flagged_text(f: Finding) -> str | None:
    """The flagged text ``paragraph.text[start:end]``, recovered from the excerpt; None when
    it cannot be told for sure.

    The excerpt (``doclint.textutil.excerpt``) is the whole paragraph when that is shorter
    than 40 characters, and otherwise starts ``min(start, 20 - span // 2)``-ish characters
    before the span — except near the paragraph's end, where it shifts. In that ambiguous
    case a position is accepted only when it is the one whose text the message or the
    suggestion quotes.
    """
    exact = getattr(f, "text", None)  # a future contract field would make this exact
    if isinstance(exact, str):
        return exact
    loc, quote = f.location, f.excerpt
    if quote is None or loc.start is None or loc.end is None or loc.end <= loc.start:
        return None
    span = loc.end - loc.start
    if span >= EXCERPT_WIDTH:
        return None  # truncated
    room = EXCERPT_WIDTH - span
    if len(quote) < EXCERPT_WIDTH or loc.start <= room // 2:
        hit = quote[loc.start : loc.end] if len(quote) < EXCERPT_WIDTH else quote[loc.start : loc.start + span]
        return hit if len(hit) == span else None
    # The span starts somewhere in [room // 2, start]; usually at room // 2.
    candidates = {quote[b : b + span] for b in range(room // 2, min(loc.start, room) + 1)}
    if len(candidates) == 1:
        return candidates.pop()
    said = f.message + (f.suggestion or "")
    quoted = [c for c in candidates if c in said or (len(c) >= 3 and c[0] in _MARKS and c[-1] in _MARKS and c[1:-1] in said)]
    return quoted[0] if len(quoted) == 1 else None


def rule_label(messages: Sequence[str]) -> str:
    """A short name for a rule from its findings' messages: the most common opening (up to
    the first ：，；。) with quoted matches (“…”) left out."""
    heads = Counter[str]()
    for m in messages:
        head = _LABEL_CUT.split(m, maxsplit=1)[0]
        bare = _QUOTED.sub("", head).strip()
        heads[(bare if len(bare) >= 4 else head.strip())[:30]] += 1
    best = sorted(heads.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    return best or messages[0][:20]


def _rule_labels(findings: Iterable[Finding], titles: Mapping[str, str] | None) -> dict[str, str]:
    messages: dict[str, list[str]] = {}
    for f in findings:
        messages.setdefault(f.rule, []).append(f.message)
    given = titles or {}
    return {rule: given.get(rule) or rule_label(ms) for rule, ms in messages.items()}


def _by_count(counter: Mapping[str, int]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))


# -- sections -------------------------------------------------------------------------------


def _period_text(period: Period | None) -> str:
    if period is None:
        return "本期"
    return f"{chinese_date(period[0])}至{chinese_date(period[1])}"


def _resubmitted(report: FileReport, checks: Mapping[str, int], versions: Mapping[str, int]) -> bool:
    """Changed and submitted again: more than one version when the contents are known, else more
    than one check."""
    if report.path in versions:
        return versions[report.path] > 1
    return checks.get(report.path, 1) > 1


def _overview(reports: Sequence[FileReport], units: dict[int, str], period: Period | None,
              previous: Sequence[FileReport] | None, checks: Mapping[str, int],
              versions: Mapping[str, int]) -> list[Block]:
    s = summarize(reports)
    if not s.documents:
        return [HeadingBlock("一、总体情况"), Para(f"{_period_text(period)}未审核文稿。")]
    counted = [f for r in reports for f in _counted(r)]
    errors = sum(f.severity is Severity.ERROR for f in counted)
    n_units = len(set(units.values()) - {UNKNOWN_UNIT})
    text = f"{_period_text(period)}，共审核{n_units}个单位报送的文稿{s.documents}件，退文{s.returned}件"
    if s.unreadable:
        text += f"（其中无法读取{s.unreadable}件）"
    again = sum(_resubmitted(r, checks, versions) for r in reports)
    total = sum(checks.get(r.path, 1) for r in reports)
    if again:
        drafts = f"共报送{sum(versions.get(r.path, 1) for r in reports)}稿、检查" if versions else "共检查"
        text += (f"；{again}件经修改后重新报送（{drafts}{total}次），"
                 "以下均按每件文稿最后一次检查的结果统计")
    elif total > len(reports):
        text += f"（共检查{total}次，以下按每件文稿最后一次检查的结果统计）"
    text += f"，无差错文稿{s.error_free}件，无差错率{_percent(s.error_free, s.documents)}"
    if previous is not None and s.rate is not None:
        before = summarize(previous).rate
        text += f"（{_change(s.rate, before)}）" if before is not None else "（上期无审核记录）"
    text += f"。共发现问题{len(counted)}处，其中须修改的错误{errors}处，建议修改的问题{len(counted) - errors}处。"
    waived = sum(_waived(r) for r in reports)
    if waived:
        text += f"另有{waived}处经审核人员认可予以豁免，未计入上述统计。"
    return [HeadingBlock("一、总体情况"), Para(text)]


def _svg_bars(rows: list[tuple[str, int]]) -> str:
    """A horizontal bar chart (inline SVG, no scripts, no fonts fetched)."""
    bar_h, gap, label_w, width, num_w = 26, 10, 120, 640, 56
    top = 8
    height = top * 2 + len(rows) * (bar_h + gap) - gap
    most = max((n for _, n in rows), default=1) or 1
    scale = (width - label_w - num_w) / most
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="100%" '
        f'role="img" aria-label="问题类别分布" style="max-width:{width}px;font-size:16px">'
    ]
    for i, (label, n) in enumerate(rows):
        y = top + i * (bar_h + gap)
        w = max(1.0, n * scale)
        baseline = f"{y + bar_h * 0.72:.1f}"
        parts.append(f'<text x="{label_w - 10}" y="{baseline}" text-anchor="end" fill="#222">{html.escape(label)}</text>')
        parts.append(f'<rect x="{label_w}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="#b03a2e" rx="2"/>')
        parts.append(f'<text x="{label_w + w + 8:.1f}" y="{baseline}" fill="#222">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _distribution(reports: Sequence[FileReport], units: dict[int, str], labels: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [HeadingBlock("二、问题分布")]
    findings = Counter[str]()
    affected: dict[str, set[int]] = {}
    for i, r in enumerate(reports):
        for f in _counted(r):
            findings[f.category.value] += 1
            affected.setdefault(f.category.value, set()).add(i)
    order = {c.value: k for k, c in enumerate(Category)}
    cats = sorted(findings, key=lambda c: (-findings[c], order[c]))
    total = sum(findings.values())
    blocks.append(HeadingBlock("（一）按问题类别", 2))
    if cats:
        bars = tuple((Category(c).label, findings[c]) for c in cats)
        blocks.append(Figure(_svg_bars(list(bars)), "图1  各类问题数量", bars))
        rows = [(Category(c).label, str(findings[c]), str(len(affected[c])), _percent(findings[c], total)) for c in cats]
        rows.append(("合计", str(total), str(sum(bool(_counted(r)) for r in reports)), "100.0%"))
        blocks.append(TableBlock(("问题类别", "问题数（处）", "涉及文稿（件）", "占比"), tuple(rows), (6, 5, 5, 4),
                            ("center", "center", "center", "center")))
    else:
        blocks.append(Para("本期未发现问题。"))

    blocks.append(HeadingBlock("（二）按来文单位", 2))
    per_unit: dict[str, list[FileReport]] = {}
    for i, r in enumerate(reports):
        per_unit.setdefault(units[i], []).append(r)
    unit_rows = []
    for unit, rs in sorted(per_unit.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        s = summarize(rs)
        unit_rows.append((unit, str(s.documents), str(s.returned), _percent(s.returned, s.documents),
                          _percent(s.error_free, s.documents), str(sum(len(_counted(r)) for r in rs))))
    blocks.append(TableBlock(("来文单位", "审核（件）", "退文（件）", "退文率", "无差错率", "问题（处）"), tuple(unit_rows),
                             (9, 4, 4, 5, 5, 4), ("left", "center", "center", "center", "center", "center")))

    blocks.append(HeadingBlock("（三）高频问题", 2))
    by_rule = Counter(f.rule for r in reports for f in _counted(r))
    docs_by_rule = Counter(rule for r in reports for rule in {f.rule for f in _counted(r)})
    top = _by_count(by_rule)[:TOP_RULES]
    if top:
        rows3 = tuple((str(k), f"{labels[rule]}\n{rule}", str(n), str(docs_by_rule[rule])) for k, (rule, n) in enumerate(top, 1))
        if len(by_rule) > TOP_RULES:
            rows3 += (("", f"其他{len(by_rule) - TOP_RULES}类问题", str(sum(n for _, n in _by_count(by_rule)[TOP_RULES:])), "—"),)
        blocks.append(TableBlock(("序号", "问题（规则）", "次数（处）", "涉及文稿（件）"), rows3, (3, 14, 4, 5),
                            ("center", "left", "center", "center")))
    else:
        blocks.append(Para("本期未发现问题。"))
    return blocks


def _cases(reports: Sequence[FileReport], labels: dict[str, str]) -> list[Block]:
    located = [(r.path, f) for r in reports for f in _counted(r)]
    by_rule = Counter(f.rule for _, f in located)
    top = _by_count(by_rule)[:CASE_RULES]
    if not top:
        return []
    blocks: list[Block] = [HeadingBlock("三、典型案例")]
    for k, (rule, n) in enumerate(top, 1):
        candidates = sorted(
            ((path, f) for path, f in located if f.rule == rule),
            key=lambda pf: (pf[1].excerpt is None, pf[0], _place_key(pf[1]), pf[1].excerpt or ""),
        )
        chosen: list[tuple[str, Finding]] = []
        seen_files: set[str] = set()
        seen_quotes: set[str | None] = set()
        for distinct_files in (True, False):
            for path, f in candidates:
                if len(chosen) == CASES_PER_RULE:
                    break
                if (path, f) in chosen or (distinct_files and path in seen_files) or (
                        f.excerpt is not None and f.excerpt in seen_quotes):
                    continue
                chosen.append((path, f))
                seen_files.add(path)
                seen_quotes.add(f.excerpt)
        docs = len({path for path, f in located if f.rule == rule})
        blocks.append(HeadingBlock(f"（{to_chinese(k)}）{labels[rule]}", 2))
        blocks.append(Para(f"共{n}处，涉及文稿{docs}件（规则：{rule}）。"))
        rows = tuple(
            (f"{Path(path).name}\n{place_label(f)}", f.excerpt or "—", f.message, f.suggestion or "—") for path, f in chosen
        )
        blocks.append(TableBlock(("出处", "原文", "存在问题", "修改建议"), rows, (6, 8, 9, 6)))
    return blocks


def _place_key(f: Finding) -> tuple[int, int, int, int, int]:
    loc = f.location
    return (loc.table if loc.table is not None else -1, loc.row or 0, loc.cell or 0,
            loc.paragraph if loc.paragraph is not None else -1, loc.start if loc.start is not None else -1)


def wrong_right_pairs(reports: Iterable[FileReport]) -> list[tuple[str, str, int]]:
    """(wrong, right, times) from replacement suggestions, most frequent first."""
    pairs = Counter[tuple[str, str]]()
    for r in reports:
        for f in _counted(r):
            if f.category not in _PAIR_CATEGORIES or not f.suggestion or _CONTEXTUAL.search(f.rule):
                continue
            wrong = flagged_text(f)
            right = f.suggestion.strip()
            if not wrong or wrong == right or len(wrong) > 30 or len(right) > 30 or _INSTRUCTION.search(right):
                continue
            pairs[(wrong, right)] += 1
    return [(w, rt, n) for (w, rt), n in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))]


def _pairs(reports: Sequence[FileReport], number: int) -> list[Block]:
    pairs = wrong_right_pairs(reports)
    if not pairs:
        return []
    rows = tuple((str(k), w, rt, str(n)) for k, (w, rt, n) in enumerate(pairs, 1))
    return [HeadingBlock(f"{to_chinese(number)}、常见错误写法对照"),
            TableBlock(("序号", "错误写法", "正确写法", "出现次数"), rows, (3, 9, 9, 4), ("center", "left", "left", "center"))]


# -- the digest -----------------------------------------------------------------------------


def _sort_key(r: FileReport) -> tuple[str, str]:
    return (r.path, r.model_dump_json())


@overload
def build_digest(reports: Iterable[FileReport], *, period: Period | None = ..., previous: Iterable[FileReport] | None = ...,
                 unit_of: Callable[[FileReport], str], fmt: Literal["docx", "xlsx"] = ..., office: str | None = ...,
                 issued: dt.date | None = ..., rule_titles: Mapping[str, str] | None = ...,
                 checks: Mapping[str, int] | None = ..., versions: Mapping[str, int] | None = ...) -> bytes: ...
@overload
def build_digest(reports: Iterable[FileReport], *, period: Period | None = ..., previous: Iterable[FileReport] | None = ...,
                 unit_of: Callable[[FileReport], str], fmt: Literal["md", "html"], office: str | None = ...,
                 issued: dt.date | None = ..., rule_titles: Mapping[str, str] | None = ...,
                 checks: Mapping[str, int] | None = ..., versions: Mapping[str, int] | None = ...) -> str: ...
def build_digest(reports: Iterable[FileReport], *, period: Period | None = None,
                 previous: Iterable[FileReport] | None = None, unit_of: Callable[[FileReport], str],
                 fmt: DigestFormat = "docx", office: str | None = None, issued: dt.date | None = None,
                 rule_titles: Mapping[str, str] | None = None, checks: Mapping[str, int] | None = None,
                 versions: Mapping[str, int] | None = None) -> bytes | str:
    """The digest as .docx or .xlsx bytes, or Markdown / HTML text.

    ``period`` (since, until) is printed as the scope; ``previous`` (the reports of the
    period before) adds the change in the error-free rate; ``unit_of`` names each report's
    sending unit; ``office`` and ``issued`` make the signature and date line (``issued``
    defaults to the period's last day; with neither, no date is printed); ``rule_titles``
    names rules (by default the built-in rules' titles, else a name drawn from the messages);
    ``checks`` (path → times checked) and ``versions`` (path → distinct contents submitted), from
    :func:`draft_histories`, mark re-submissions: a draft re-checked unchanged is not one.
    The .xlsx holds every table as a sheet, plus the overview figures and every finding.
    """
    ordered = sorted(reports, key=_sort_key)
    units = {i: unit_of(r) or UNKNOWN_UNIT for i, r in enumerate(ordered)}
    prev = sorted(previous, key=_sort_key) if previous is not None else None
    titles = builtin_rule_titles() if rule_titles is None else rule_titles
    labels = _rule_labels((f for r in ordered for f in _counted(r)), titles)
    blocks: list[Block] = []
    blocks.append(Para(f"为进一步提高公文质量，现将{_period_text(period)}公文审核情况通报如下。"))
    blocks += _overview(ordered, units, period, prev, checks or {}, versions or {})
    if ordered:
        blocks += _distribution(ordered, units, labels)
        cases = _cases(ordered, labels)
        blocks += cases
        blocks += _pairs(ordered, 4 if cases else 3)
        blocks.append(Para("请各单位对照上述问题，认真做好公文起草和审核工作，进一步提高公文质量。"))
    date = issued or (period[1] if period is not None else None)
    if office and date is not None:
        blocks.append(Signature(office, chinese_date(date)))
    doc = Gongwen(title=TITLE, blocks=tuple(blocks), author=office or "doclint", date=date or dt.date(2000, 1, 1))
    if fmt == "xlsx":
        from doclint.outputs.xlsx_writer import sheets_of, to_xlsx

        sheets = [_overview_sheet(ordered, units, checks or {}, versions or {}), *sheets_of(doc),
                  _findings_sheet(ordered, units, labels)]
        return to_xlsx(sheets, title=TITLE, author=doc.author, date=doc.date)
    return render(doc, fmt)


def builtin_rule_titles() -> dict[str, str]:
    """Each built-in rule's short name (its ``title``, else its message's opening); {} if they cannot load."""
    from doclint.errors import DoclintError
    from doclint.rules.loader import builtin_rules_dir, load_rules
    from doclint.rules.messages import rule_title

    try:
        rules = load_rules([builtin_rules_dir()])
    except DoclintError:
        return {}
    return {alias: rule_title(r) for r in rules for alias in (r.id, *r.aliases)}


def _overview_sheet(reports: Sequence[FileReport], units: dict[int, str], checks: Mapping[str, int],
                    versions: Mapping[str, int]) -> Sheet:
    s = summarize(reports)
    counted = [f for r in reports for f in _counted(r)]
    rows = [("来文单位（个）", str(len(set(units.values()) - {UNKNOWN_UNIT}))), ("审核文稿（件）", str(s.documents)),
            ("重新报送（件）", str(sum(_resubmitted(r, checks, versions) for r in reports))),
            ("检查（次）", str(sum(checks.get(r.path, 1) for r in reports))),
            ("退文（件）", str(s.returned)), ("无法读取（件）", str(s.unreadable)),
            ("无差错文稿（件）", str(s.error_free)), ("无差错率", _percent(s.error_free, s.documents)),
            ("问题（处）", str(len(counted))), ("其中错误（处）", str(sum(f.severity is Severity.ERROR for f in counted)))]
    return ("总体情况", ("指标", "数值"), rows)


def _findings_sheet(reports: Sequence[FileReport], units: dict[int, str], labels: Mapping[str, str]) -> Sheet:
    rows = [(Path(r.path).name, units[i], place_label(f), f.severity.label, labels.get(f.rule, f.rule), f.rule,
             f.excerpt or "", f.message, f.suggestion or "")
            for i, r in enumerate(reports) for f in _counted(r)]
    return ("问题明细", ("文件", "来文单位", "位置", "级别", "问题", "规则", "原文", "存在问题", "修改建议"), rows)
