"""The 退文告知单 (return slip): one page telling the sender why a draft goes back.

Reasons are grouped the way reviewers write them:

- 格式方面: ``layout`` (GB/T 9704 page, fonts, page numbers) and ``element`` (title,
  主送机关, 发文字号, 署名, 成文日期, 附注 missing or malformed) — the form of the document;
- 内容方面: ``length``, ``structure``, ``wording``, ``number``, ``punctuation`` — what
  the text says and how it is written;
- 其他: ``residue`` (template leftovers, ads, comments, tracked changes) and a file that
  could not be read at all.

Each reason gives its place (第N段), an excerpt, what is wrong, the fix and the rule id.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Literal, overload

import regex

from doclint.findings import Category, FileReport, Finding, Severity
from doclint.outputs.annotate import comment_text
from doclint.outputs.docx_writer import Block, Gongwen, HeadingBlock, Para, Signature, TableBlock, chinese_date, render
from doclint.outputs.reporters.text import PART_LABELS
from doclint.text.chars import to_chinese

if TYPE_CHECKING:
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
    "title_for",
]

SlipFormat = Literal["docx", "md", "html"]

GROUPS: tuple[tuple[str, frozenset[Category]], ...] = (
    ("格式方面", frozenset({Category.LAYOUT, Category.ELEMENT})),
    ("内容方面", frozenset({Category.LENGTH, Category.STRUCTURE, Category.WORDING, Category.NUMBER,
                        Category.PUNCTUATION})),
    ("其他", frozenset({Category.RESIDUE})),
)
CLOSING = "以上问题请修改后重新报送。经审核，该文稿因上述原因予以退回。"
UNKNOWN_SENDER = "（未注明）"
_TABLE_HEADER = ("序号", "位置", "原文摘录", "问题及修改意见")
_TABLE_WIDTHS = (3, 7, 13, 17)
_ALIGN: tuple[Literal["left", "center", "right"], ...] = ("center", "center", "left", "left")

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
    if loc.part == "body" and loc.paragraph is not None:
        return f"第{loc.paragraph + 1}段"
    return PART_LABELS[loc.part]


def needs_slip(report: FileReport) -> bool:
    """A returned or unreadable draft gets a slip; a passing one does not."""
    return report.verdict in ("return", "unreadable")


def slip_reasons(report: FileReport, min_severity: Severity = Severity.WARNING) -> list[tuple[str, list[Finding]]]:
    """The findings worth a reason, grouped (格式方面, 内容方面, 其他), empty groups left out."""
    kept = [f for f in report.findings if f.severity.rank >= min_severity.rank]
    return [(name, found) for name, cats in GROUPS if (found := [f for f in kept if f.category in cats])]


def _rows(findings: list[Finding]) -> tuple[tuple[str, ...], ...]:
    return tuple((str(i), place_label(f), f.excerpt or "—", comment_text(f)) for i, f in enumerate(findings, 1))


def _blocks(report: FileReport, *, office: str, title: str, sender: str | None, date: dt.date,
            min_severity: Severity) -> tuple[Block, ...]:
    groups = slip_reasons(report, min_severity)
    counts = report.counts()
    blocks: list[Block] = [
        Para(f"来文单位：{sender or UNKNOWN_SENDER}"),
        Para(f"文件标题：{title}"),
        Para(f"文件名称：{Path(report.path).name}"),
    ]
    if report.verdict == "unreadable" and report.error is not None:
        blocks.append(Para("审核意见：该文稿无法读取，存在以下问题："))
        row = ("1", "全文", "—", f"文件无法读取：{report.error.message}（{report.error.code}）")
        groups_blocks: list[Block] = [HeadingBlock("一、其他"), TableBlock(_TABLE_HEADER, (row,), _TABLE_WIDTHS, _ALIGN)]
    else:
        blocks.append(Para(f"审核意见：经审核，该文稿存在以下问题（须修改{counts['error']}处，"
                           f"建议修改{counts['warning']}处）："))
        groups_blocks = []
        for n, (name, found) in enumerate(groups, 1):
            groups_blocks.append(HeadingBlock(f"{to_chinese(n)}、{name}"))
            groups_blocks.append(TableBlock(_TABLE_HEADER, _rows(found), _TABLE_WIDTHS, _ALIGN))
    return (*blocks, *groups_blocks, Para(CLOSING), Signature(office, chinese_date(date)))


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
        from doclint.anatomy.parts import locate

        texts = [p.text for p in document.paragraphs]
        centered = [p.format.alignment == "center" for p in document.paragraphs] if document.is_docx else None
        found = locate(texts, centered).title_text.strip()
        if found:
            return found
        if document.core.title:
            return document.core.title
    return Path(path).stem


def sender_for(path: str | Path, document: Document | None, config: Config | None) -> str | None:
    """The sending unit: the config (``units`` / ``unit``), else a docx author naming an
    organisation, else the draft's folder name; None when nothing says."""
    if config is not None:
        unit = config.unit_for(path)
        if unit:
            return unit
    if document is not None and document.core.author and _ORG_NAME.match(document.core.author.strip()):
        return document.core.author.strip()
    folder = Path(path).parent.name
    if folder not in _GENERIC_FOLDERS and not folder.startswith((".", "tmp")):
        return folder
    return None
