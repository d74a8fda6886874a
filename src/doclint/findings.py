"""Finding, severity, category and the per-file report: the shape of the JSON contract."""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, model_serializer

SCHEMA_VERSION = 1


class Severity(str, Enum):
    """How serious a finding is; one ``error`` makes a draft ``return``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more serious."""
        return {"error": 2, "warning": 1, "info": 0}[self.value]

    @property
    def label(self) -> str:
        """Chinese label for people."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


class Category(str, Enum):
    """The contract's eight categories."""

    LENGTH = "length"
    ELEMENT = "element"
    STRUCTURE = "structure"
    PUNCTUATION = "punctuation"
    NUMBER = "number"
    WORDING = "wording"
    RESIDUE = "residue"
    LAYOUT = "layout"

    @property
    def label(self) -> str:
        """Chinese label for people."""
        return CATEGORY_LABELS[self.value]


CATEGORY_LABELS = {
    "length": "篇幅",
    "element": "公文要素",
    "structure": "结构层次",
    "punctuation": "标点符号",
    "number": "数字用法",
    "wording": "用词",
    "residue": "残留内容",
    "layout": "版式",
}

PartName = Literal["body", "attachment", "table", "header", "footer", "footnote", "endnote", "textbox", "document"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


class Location(_Frozen):
    """Where a finding is: 0-based paragraph and character offsets (end exclusive)."""

    part: PartName
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    @model_serializer(mode="wrap")
    def _drop_table_keys(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        return _without_table_keys(self.table, handler(self))


def _without_table_keys(table: int | None, data: dict[str, object]) -> dict[str, object]:
    """The contract adds table/row/cell only to places inside tables."""
    if table is None:
        for key in ("table", "row", "cell"):
            data.pop(key, None)
    return data


class Edit(_Frozen):
    """One machine-applicable text edit, in the coordinates of ``location``: replace
    ``paragraph.text[start:end]`` of that story's paragraph with ``replacement``."""

    part: PartName
    paragraph: int
    start: int
    end: int
    replacement: str
    table: int | None = None
    row: int | None = None
    cell: int | None = None

    @model_serializer(mode="wrap")
    def _drop_table_keys(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        return _without_table_keys(self.table, handler(self))


class Suppression(_Frozen):
    """Why a finding was accepted by a reviewer."""

    by: str
    reason: str


class Finding(_Frozen):
    """One return-for-revision finding."""

    rule: str
    category: Category
    severity: Severity
    message: str
    suggestion: str | None = None
    location: Location
    excerpt: str | None = None
    suppressed: Suppression | None = None
    fix: tuple[Edit, ...] | None = None

    @model_serializer(mode="wrap")
    def _drop_unsuppressed(self, handler: SerializerFunctionWrapHandler) -> dict[str, object]:
        # ``suppressed`` appears only on findings a reviewer accepted, ``fix`` only where the
        # correction is mechanical.
        data: dict[str, object] = handler(self)
        if self.suppressed is None:
            data.pop("suppressed", None)
        if self.fix is None:
            data.pop("fix", None)
        return data


class FileError(_Frozen):
    """Why a file could not be read."""

    code: str
    message: str


class Stats(_Frozen):
    """Counts about the checked file."""

    body_chars: int = 0
    paragraphs: int = 0


class Capped(_Frozen):
    """Where doclint stopped counting: present only on a file whose findings were cut."""

    findings_per_rule: int
    findings_per_document: int
    rules: tuple[str, ...] = ()  # rules cut at ``findings_per_rule`` (each also has one info finding)
    document: bool = False  # the file's findings were cut at ``findings_per_document``


Verdict = Literal["return", "pass", "unreadable"]


class FileReport(_Frozen):
    """One entry of the contract's ``files`` list."""

    path: str
    doc_type: str | None = None
    # How doc_type was decided; "bantou": the 命令/纪要 标志 names it (GB/T 9704 10.2, 10.3).
    doc_type_source: Literal["option", "title", "bantou", "content"] | None = None
    doc_type_confidence: float | None = None  # 0..1; 1.0 for an option, ~0.6 for a guess from the closing
    unit: str | None = None  # the sending unit as the draft names it (署名, 发文机关标志, title)
    stats: Stats = Field(default_factory=Stats)
    verdict: Verdict
    findings: tuple[Finding, ...] = ()
    error: FileError | None = None
    # Optional, additive: present only on the files they describe.
    capped: Capped | None = Field(default=None, exclude_if=lambda v: v is None)
    converted_from: str | None = Field(default=None, exclude_if=lambda v: v is None)  # doc, wps, rtf, odt

    def counts(self) -> dict[str, int]:
        """Active (not suppressed) findings per severity."""
        out = {s.value: 0 for s in Severity}
        for f in self.findings:
            if f.suppressed is None:
                out[f.severity.value] += 1
        return out

    @property
    def active(self) -> tuple[Finding, ...]:
        """Findings not accepted by a reviewer."""
        return tuple(f for f in self.findings if f.suppressed is None)


class Report(_Frozen):
    """The whole JSON document printed by ``doclint check --format json``."""

    schema_: int = Field(default=SCHEMA_VERSION, alias="schema")
    doclint: str
    files: tuple[FileReport, ...]

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)


def verdict_for(findings: tuple[Finding, ...] | list[Finding], fail_on: Severity = Severity.ERROR) -> Verdict:
    """``return`` when any finding is at least as serious as ``fail_on``."""
    return "return" if any(f.severity.rank >= fail_on.rank and f.suppressed is None for f in findings) else "pass"
