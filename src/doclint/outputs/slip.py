"""The 退文告知单 (return slip): one page telling the sender why a draft goes back.

Reasons are grouped the way reviewers write them:

- 格式方面: ``layout`` (GB/T 9704 page, fonts, page numbers) and ``element`` (title,
  主送机关, 发文字号, 署名, 成文日期, 附注 missing or malformed) — the form of the document;
- 内容方面: ``length``, ``structure``, ``wording``, ``number``, ``punctuation`` — what
  the text says and how it is written;
- 其他: ``residue`` (template leftovers, ads, comments, tracked changes) and a file that
  could not be read at all.

Each reason gives its place (第N段), what is wrong and the fix; one fault repeated in several
places is one row (“第4、6、9段”). The table is set in 五号 with columns sized for their text
and rows that may break across pages, so that up to ~15 reasons fit one A4 page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import regex

from doclint.findings import Category, FileReport, Finding, Severity
from doclint.outputs.docx_writer import Block, Gongwen, Signature, TableBlock, chinese_date, render
from doclint.outputs.reporters.text import PART_LABELS

if TYPE_CHECKING:
    from doclint.anatomy.parts import Anatomy
    from doclint.config import Config
    from doclint.model.document import Document

__all__ = [
    "CLOSING",
    "GROUPS",
    "SlipFormat",
    "build_slip",
    "needs_slip",
    "place_label",
    "sender_for",
    "slip_for",
    "slip_reasons",
    "slip_rows",
    "title_for",
]

SlipFormat = Literal["docx", "md", "html"]

GROUPS: tuple[tuple[str, frozenset[Category]], ...] = (
    ("格式方面", frozenset({Category.LAYOUT, Category.ELEMENT})),
    ("内容方面", frozenset({Category.LENGTH, Category.STRUCTURE, Category.WORDING, Category.NUMBER,
                        Category.PUNCTUATION})),
    ("其他", frozenset({Category.RESIDUE})),
)
CLOSING = "予以退回，请按下表意见修改后重新报送"
UNKNOWN_SENDER = "（未注明）"
_TABLE_HEADER = ("序号", "位置", "存在问题", "修改意见")
_ALIGN: tuple[Literal["left", "center", "right"], ...] = ("center", "center", "left", "left")
SLIP_TABLE_PT = 10.5  # 五号
_LINE_CHARS = 42  # 五号 characters across the 156 mm 版心
# "：" then a Word menu path: what follows is how to fix it, not what is wrong.
_HOW_TO = regex.compile(r"：(?=[^：]*(?:→|选中|右键))")
_BASIS = regex.compile(r"（依据：[^（）]*(?:（[^（）]*）[^（）]*)*）$")
_PARAGRAPH = regex.compile(r"^第(\d+)段$")
_ASIDE = regex.compile(r"（[^（）“”]*）")  # （共10段沿用此样式）, （如方正小标宋简体）: detail the annotated copy keeps

# A docx author that names an organisation (not a person, not "Administrator").
_ORG_NAME = regex.compile(
    r"^\p{Han}[\p{Han}（）()·]{1,40}(?:局|厅|委员会|委|办公室|办公厅|办|部|院|处|室|会|政府|中心|公司|科|所|站|队|校|馆|社|组|署|集团|银行)$"
)
_GENERIC_FOLDERS = frozenset({"", ".", "..", "tmp", "temp", "drafts", "draft", "docs", "下载", "桌面", "文档",
                              "Desktop", "Downloads", "Documents", "待审", "来文", "收文"})


def place_label(f: Finding) -> str:
    """Where a finding is, for people: 第18段, 第1个表格第2行第3列, 页脚, 全文."""
    loc = f.location
    if loc.table is not None:
        return f"第{loc.table + 1}个表格第{(loc.row or 0) + 1}行第{(loc.cell or 0) + 1}列"
    if loc.part in ("body", "attachment") and loc.paragraph is not None:
        return f"第{loc.paragraph + 1}段"
    return PART_LABELS[loc.part]


def needs_slip(report: FileReport) -> bool:
    """A returned or unreadable draft gets a slip; a passing one does not."""
    return report.verdict in ("return", "unreadable")


def slip_reasons(report: FileReport, min_severity: Severity = Severity.WARNING) -> list[tuple[str, list[Finding]]]:
    """The findings worth a reason, grouped (格式方面, 内容方面, 其他), empty groups left out."""
    kept = [f for f in report.findings if f.severity.rank >= min_severity.rank]
    return [(name, found) for name, cats in GROUPS if (found := [f for f in kept if f.category in cats])]


def _problem_and_fix(f: Finding) -> tuple[str, str]:
    """What is wrong, and what to do: the suggestion, else the how-to the message carries."""
    message = _BASIS.sub("", f.message).strip()
    parts = _HOW_TO.split(message, maxsplit=1)
    problem, how = _ASIDE.sub("", parts[0]), (parts[1] if len(parts) > 1 else "")
    menu = regex.split(r"[：；]", how, maxsplit=1)[0]
    fix = f.suggestion or menu  # the menu path: the problem already says the value to set
    if f.suggestion and f.suggestion in problem and len(f.suggestion) <= 2:
        fix = f"改为“{f.suggestion}”"
    return problem, fix or "—"


def _places(found: list[Finding]) -> str:
    """第4、6、9段 for repeats in body paragraphs; otherwise the distinct places joined."""
    labels = list(dict.fromkeys(place_label(f) for f in found))
    numbers = [m.group(1) for label in labels if (m := _PARAGRAPH.match(label))]
    if len(numbers) == len(labels) > 1:
        return f"第{'、'.join(numbers)}段"
    return "、".join(labels)


def slip_rows(report: FileReport, min_severity: Severity = Severity.WARNING) -> list[tuple[str, str, str, str]]:
    """序号, 位置, 存在问题, 修改意见 — one row per distinct fault, its places together, 格式方面
    before 内容方面 before 其他."""
    rows: list[tuple[str, str, str, str]] = []
    for _name, found in slip_reasons(report, min_severity):
        merged: dict[tuple[str, str, str], list[Finding]] = {}
        for f in found:
            problem, fix = _problem_and_fix(f)
            merged.setdefault((f.rule, problem, fix), []).append(f)
        for (_, problem, fix), same in merged.items():
            rows.append((str(len(rows) + 1), _places(same), problem, fix))
    return rows


def fit_widths(header: tuple[str, ...], rows: list[tuple[str, ...]], line_chars: int = _LINE_CHARS) -> tuple[int, ...]:
    """Column widths in characters: narrow columns as wide as their longest cell, the two text
    columns sharing the rest so that the table takes the fewest lines."""
    import math

    from doclint.outputs.reporters.text import width

    need = [max([width(header[i]) / 2, *(width(r[i]) / 2 for r in rows)]) + 1 for i in range(len(header))]
    narrow = [round(min(n + 0.5, 9)) for n in need[:-2]]  # digits in 仿宋 are wider than half a character
    rest = max(12, line_chars - sum(narrow))

    def lines(left: int) -> int:
        return sum(max(math.ceil((width(r[-2]) / 2 + 1) / left), math.ceil((width(r[-1]) / 2 + 1) / (rest - left)))
                   for r in rows)

    left = min(range(rest * 3 // 10, rest * 7 // 10 + 1), key=lambda k: (lines(k), -k))
    return (*narrow, left, rest - left)


def _blocks(report: FileReport, *, office: str, title: str, sender: str | None, date: dt.date,
            min_severity: Severity) -> tuple[Block, ...]:
    groups = slip_reasons(report, min_severity)
    counts = report.counts()
    if report.verdict == "unreadable" and report.error is not None:
        opinion = f"文稿无法读取，{CLOSING}"
        rows = [("1", "全文", f"文件无法读取：{report.error.message}（{report.error.code}）", "重新保存为 .docx 后报送")]
    else:
        rows = slip_rows(report, min_severity)
        kept = sum(len(found) for _, found in groups)
        repeat = f"，同类合为{len(rows)}条" if len(rows) < kept else ""
        parts = [f"{label}{n}处" for label, n in (("须修改", counts["error"]), ("建议修改", counts["warning"])) if n]
        opinion = f"{CLOSING}（{'，'.join(parts)}{repeat}）"
    # A form's head in 五号 (label | value): four 三号 lines of prose would push the table off the page.
    head = TableBlock(("来文单位", sender or UNKNOWN_SENDER, "文件", Path(report.path).name),
                      (("标题", title, "审核意见", opinion),), (5, 13, 5, 14), ("center", "left", "center", "left"),
                      size_pt=SLIP_TABLE_PT, header_row=False)
    table = TableBlock(_TABLE_HEADER, tuple(rows), fit_widths(_TABLE_HEADER, list(rows)), _ALIGN,
                       size_pt=SLIP_TABLE_PT, split_rows=True)
    return (head, table, Signature(office, chinese_date(date)))


@overload
def build_slip(report: FileReport, *, office: str, title: str | None, sender: str | None,
               fmt: Literal["docx"] = ..., date: dt.date | None = ...,
               min_severity: Severity = ...) -> bytes: ...
@overload
def build_slip(report: FileReport, *, office: str, title: str | None, sender: str | None,
               fmt: Literal["md", "html"], date: dt.date | None = ...,
               min_severity: Severity = ...) -> str: ...
def build_slip(report: FileReport, *, office: str, title: str | None, sender: str | None,
               fmt: SlipFormat = "docx", date: dt.date | None = None,
               min_severity: Severity = Severity.WARNING) -> bytes | str:
    """The return slip for one draft: .docx bytes, or Markdown / HTML text.

    ``title`` is the draft's title (see :func:`title_for`), ``sender`` its sending unit (see
    :func:`sender_for`), ``date`` the date line (today by default). Findings below
    ``min_severity`` (by default: info) are left off.
    """
    when = date or dt.date.today()
    doc = Gongwen(
        title=f"{office}退文告知单",
        blocks=_blocks(report, office=office, title=title or Path(report.path).stem, sender=sender, date=when,
                       min_severity=min_severity),
        author=office,
        date=when,
    )
    return render(doc, fmt)


def slip_for(report: FileReport, *, office: str, title: str | None, sender: str | None,
             fmt: SlipFormat = "docx", date: dt.date | None = None) -> bytes | str | None:
    """The slip, or None when the draft passes (no slip is due)."""
    if not needs_slip(report):
        return None
    return build_slip(report, office=office, title=title, sender=sender, fmt=fmt, date=date)


def title_for(document: Document | None, path: str | Path) -> str:
    """The draft's title as doclint locates it, else the file's title property, else its name."""
    if document is not None:
        found = _anatomy(document).title_text.strip()
        if found:
            return found
        if document.core.title:
            return document.core.title
    return Path(path).stem


def _anatomy(document: Document) -> Anatomy:
    from doclint.anatomy.lines import look_of
    from doclint.anatomy.parts import locate

    looks = [look_of(p) for p in document.paragraphs] if document.is_docx else None
    return locate([p.text for p in document.paragraphs], looks=looks)


def sender_for(path: str | Path, document: Document | None, config: Config | None,
               report: FileReport | None = None, *, folder: bool = True) -> str | None:
    """The sending unit: the one the draft names (its 署名, 发文机关标志 or title: ``report.unit``,
    or located in ``document``), else the config (``units`` / ``unit``), else a docx author naming
    an organisation, else (with ``folder``) the draft's folder name; None when nothing says."""
    if report is not None and report.unit:
        return report.unit
    if document is not None:
        unit = _anatomy(document).unit
        if unit:
            return unit
    if config is not None:
        unit = config.unit_for(path)
        if unit:
            return unit
    if document is not None and document.core.author and _ORG_NAME.match(document.core.author.strip()):
        return document.core.author.strip()
    name = Path(path).parent.name
    if folder and name not in _GENERIC_FOLDERS and not name.startswith((".", "tmp")):
        return name
    return None
