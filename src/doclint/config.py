"""Settings: what to check and how. Validated by pydantic; the same model serves CLI and API."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from doclint.anatomy.doc_type import ALL_TYPES
from doclint.findings import Severity


class Config(BaseModel):
    """Everything a deployment may set; keys are named like the CLI options."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    rules: list[Path] = Field(default_factory=list)
    fail_on: Literal["error", "warning"] = "error"
    type: str | None = None
    severity: dict[str, Severity] = Field(default_factory=dict)
    limits: dict[str, int] = Field(default_factory=dict)
    count: Literal["word", "chars", "hanzi"] = "word"
    protected_terms: list[str] = Field(default_factory=list)
    builtin_rules: bool = True
    today: str | None = None

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str | None) -> str | None:
        if v is not None and v not in ALL_TYPES:
            raise ValueError(f"未知文种“{v}”，可用：{'、'.join(ALL_TYPES)}")
        return v

    @field_validator("limits")
    @classmethod
    def _known_limit_types(cls, v: dict[str, int]) -> dict[str, int]:
        for k, n in v.items():
            if k not in ALL_TYPES:
                raise ValueError(f"limits 中的文种“{k}”未知")
            if n <= 0:
                raise ValueError(f"limits.{k} 应为正整数")
        return v
