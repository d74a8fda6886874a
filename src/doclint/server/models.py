"""Request and response models: they make the OpenAPI document say what the service does."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator

from doclint.anatomy.doc_type import ALL_TYPES
from doclint.config import WordEntry
from doclint.findings import FileReport, Severity

DOC_TYPE_SCHEMA: dict[str, Any] = {"type": "string", "enum": list(ALL_TYPES)}
DocType = Annotated[
    str | None,
    WithJsonSchema({"anyOf": [DOC_TYPE_SCHEMA, {"type": "null"}], "default": None,
                    "description": "文种；不给出则从标题、正文判断"}),
]


def check_doc_type(value: str | None) -> str | None:
    """A known document type, or a ValueError in Chinese."""
    if value is not None and value not in ALL_TYPES:
        raise ValueError(f"未知文种“{value}”，可用：{'、'.join(ALL_TYPES)}")
    return value


def _profiles() -> list[str]:
    from doclint.rules.profiles import profile_names

    return profile_names()


PROFILES = _profiles()


class ConfigOverrides(BaseModel):
    """Settings a request may change for itself (nothing that names a file or folder)."""

    model_config = ConfigDict(extra="forbid")

    select: list[str] | None = Field(default=None, description="只检查这些规则（编号或类别前缀）")
    ignore: list[str] | None = Field(default=None, description="不检查这些规则")
    severity: dict[str, Severity] | None = Field(default=None, description="按规则编号调整级别")
    limits: dict[str, Annotated[int, Field(gt=0)]] | None = Field(
        default=None, description="各文种篇幅上限（字），如 {\"请示\": 2500}",
        json_schema_extra={"propertyNames": DOC_TYPE_SCHEMA})
    count: Literal["word", "chars", "hanzi"] | None = Field(default=None, description="字数统计口径")
    fail_on: Literal["error", "warning"] | None = Field(default=None, description="达到此级别即判为不通过")
    protected_terms: list[str] | None = Field(default=None, description="不受用词、残留规则检查的专有名词")
    words: list[WordEntry] | None = Field(default=None, description="追加的错词→正词对照")
    today: dt.date | None = Field(default=None, description="视为今天的日期（YYYY-MM-DD）")
    suppress: bool | None = Field(default=None, description="是否采用批注中的“doclint: ignore”")
    office: str | None = Field(default=None, description="退文告知单上的审核机关名称")
    unit: str | None = Field(default=None, description="发文单位")
    profile: Annotated[str | None, WithJsonSchema({"anyOf": [{"type": "string", "enum": PROFILES}, {"type": "null"}],
                                                   "default": None})] = Field(
        default=None, description="版式规范：内置规范名称（如 gbt9704）；不接受文件路径")

    @field_validator("profile")
    @classmethod
    def _known_profile(cls, v: str | None) -> str | None:
        if v is not None and v not in PROFILES:
            raise ValueError(f"未知的版式规范“{v}”，可用：{'、'.join(PROFILES)}（不接受文件路径）")
        return v

    @field_validator("limits")
    @classmethod
    def _known_limit_types(cls, v: dict[str, int] | None) -> dict[str, int] | None:
        for kind in v or {}:
            if kind not in ALL_TYPES:
                raise ValueError(f"limits 中的文种“{kind}”未知，可用：{'、'.join(ALL_TYPES)}")
        return v

    def as_config(self) -> dict[str, Any]:
        """The keys that were given, in ``Config`` form."""
        return self.model_dump(mode="json", exclude_none=True)


class TextDraft(BaseModel):
    """A draft given as text (one paragraph per line)."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="公文全文，每段一行")
    filename: str = Field(default="draft.txt", description="文件名（只用于报告中的 path 和按文件名指定文种）")
    doc_type: DocType = None
    config: ConfigOverrides | None = Field(default=None, description="本次检查的配置覆盖")

    _doc_type = field_validator("doc_type")(check_doc_type)


class CheckResult(FileReport):
    """One entry of the contract's ``files`` list (report-contract.md), plus ``paragraphs`` on request."""

    paragraphs: list[str] | None = Field(
        default=None,
        description="仅当 include_text=true：正文各段文字（location.paragraph 的下标、start/end 的字符偏移都以此为准）",
    )


class SavedReport(BaseModel):
    """One saved ``doclint check --format json`` output (report-contract.md, schema 1)."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)

    schema_: Literal[1] = Field(alias="schema", description="报告格式版本，本服务读取版本 1")
    doclint: str | None = None
    files: list[FileReport]


class SavedReports(BaseModel):
    """Saved ``doclint check --format json`` outputs to compile into a digest."""

    model_config = ConfigDict(extra="forbid")

    reports: list[SavedReport] = Field(min_length=1, description="每项是一份 doclint check --format json 的完整输出")


class SourceOut(BaseModel):
    """The authority a rule cites."""

    title: str
    clause: str | None = None


class RuleSummary(BaseModel):
    """A rule as listed by ``GET /v1/rules``."""

    id: str
    category: str
    category_label: str
    severity: Severity
    kind: str
    status: Literal["stable", "preview"]
    enabled: bool = Field(description="本服务的配置是否启用此规则")
    message: str
    source: SourceOut


class RuleList(BaseModel):
    """All rules of this service."""

    count: int
    rules: list[RuleSummary]


class RuleExamples(BaseModel):
    """Should-flag and correct examples, as text."""

    fail: list[str]
    pass_: list[str] = Field(alias="pass")

    model_config = ConfigDict(populate_by_name=True, serialize_by_alias=True)


class RuleDetail(RuleSummary):
    """One rule in full: what, why, source, examples."""

    suggestion: str | None = None
    why: str
    scope: list[str]
    aliases: list[str]
    doc_types: list[str] | None = None
    skip_doc_types: list[str]
    examples: RuleExamples
    explanation: str = Field(description="doclint explain 的全文")


class Health(BaseModel):
    """Liveness and a little state."""

    status: Literal["ok", "ready"]
    doclint: str
    rules: int = Field(description="启用的规则数")
    running: int = Field(description="正在检查的请求数")
    queued: int = Field(description="排队等候的请求数")
    uploads: int = Field(default=0, description="正在接收或等候检查的上传数")
    workers_ready: bool = Field(default=True, description="检查进程是否就绪")
