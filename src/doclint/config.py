"""Settings: find, merge and validate them. The same model serves the CLI and the API.

A ``.doclint.yaml`` (or ``[tool.doclint]`` in ``pyproject.toml``) is looked for
from the checked file's folder upward; the nearest one wins, so every shared
folder or department can carry its own. CLI options override it.
"""

from __future__ import annotations

import fnmatch
import sys
from pathlib import Path
from typing import Any, Literal

import msgspec
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from doclint.anatomy.doc_type import ALL_TYPES
from doclint.errors import ConfigError
from doclint.findings import Severity
from doclint.model import budget as budgets


def _toml() -> Any:
    """The TOML parser, imported only when a pyproject.toml is met (~2 ms of every start otherwise)."""
    if sys.version_info >= (3, 11):
        import tomllib

        return tomllib
    import tomli  # pragma: no cover - Python 3.10

    return tomli  # pragma: no cover

CONFIG_NAMES = (".doclint.yaml", ".doclint.yml")


class WordEntry(BaseModel):
    """An extra wrong → right pair for the house word list."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    wrong: str = Field(min_length=1)
    right: str


class ReadingBudget(BaseModel):
    """What one document may cost to read and check (``budget:``; model/budget.py ``Limits``).

    Unset keys keep the defaults; beyond a limit the file is ``unreadable`` with code ``too-complex``
    (``too-large`` for ``file_mb``)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    seconds: float | None = Field(default=None, gt=0, le=3600, description="每份稿件读取和检查的时限（秒）")
    file_mb: float | None = Field(default=None, gt=0, le=1024, description="稿件文件大小上限（MB）")
    part_mb: float | None = Field(default=None, gt=0, le=1024, description="压缩包内单个部件解压后上限（MB）")
    package_mb: float | None = Field(default=None, gt=0, le=4096, description="一份稿件解压后合计上限（MB）")
    tags: int | None = Field(default=None, gt=0, description="XML 标记个数上限")
    paragraphs: int | None = Field(default=None, gt=0, description="段落个数上限")
    characters: int | None = Field(default=None, gt=0, description="文字个数上限")
    findings_per_rule: int | None = Field(default=None, gt=0, description="每条规则最多报告的问题数")
    findings_per_document: int | None = Field(default=None, gt=0, description="每份稿件最多报告的问题数")

    def limits(self) -> budgets.Limits:
        """The model's ``Limits``: the defaults with the keys that are set (the default object when none is)."""
        given = {k: v for k, v in self.__dict__.items() if v is not None}
        if not given:
            return budgets.LIMITS
        values: dict[str, Any] = {}
        for key, value in given.items():
            if key.endswith("_mb"):
                values[key.removesuffix("_mb") + "_bytes"] = int(value * budgets.MiB)
            else:
                values[key] = value
        return budgets.Limits(**{**budgets.LIMITS.__dict__, **values})

    def effective(self) -> dict[str, float | int]:
        """Every key with the value in force (the default where unset), in the key's units."""
        limits = self.limits()
        return {key: round(getattr(limits, key.removesuffix("_mb") + "_bytes") / budgets.MiB, 3)
                if key.endswith("_mb") else getattr(limits, key) for key in type(self).model_fields}


DATABASE_URL_PREFIXES = ("postgresql://", "postgres://", "postgresql+psycopg://", "sqlite://")


def is_database_url(target: object) -> bool:
    """A ledger given as a database URL (PostgreSQL, or an explicit ``sqlite://``), not a file path."""
    return isinstance(target, str) and target.lower().startswith(DATABASE_URL_PREFIXES)


class Config(BaseModel):
    """Everything a deployment may set; keys are named like the CLI options."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    # Plain mutable defaults, which pydantic copies per instance: a default_factory costs an
    # inspect.signature() call in every model_construct(), ~6 ms of each cold start.
    select: list[str] = Field(default=[], description="只检查这些规则（编号或类别前缀）")
    ignore: list[str] = Field(default=[], description="不检查这些规则")
    rules: list[Path] = Field(default=[], description="追加的规则包文件夹")
    fail_on: Literal["error", "warning"] = Field(default="error", description="达到此级别即判为不通过")
    type: str | None = Field(default=None, description="默认文种")
    types: dict[str, str] = Field(default={}, description="按文件名或文件夹模式指定文种，如 '*请示*': 请示")
    severity: dict[str, Severity] = Field(default={}, description="按规则编号调整级别")
    limits: dict[str, int] = Field(default={}, description="各文种篇幅上限（字）")
    budget: ReadingBudget = Field(default=ReadingBudget.model_construct(), description="读取和检查一份稿件的资源上限"
                                  "（seconds、file_mb、part_mb、package_mb、paragraphs、characters 等）")
    count: Literal["word", "chars", "hanzi"] = Field(default="word", description="字数统计口径")
    count_scope: Literal["body", "body+title", "all"] = Field(default="body", description="字数统计范围")
    protected_terms: list[str] = Field(default=[], description="不受用词、残留规则检查的专有名词")
    words: list[WordEntry] = Field(default=[], description="追加的错词→正词对照")
    profile: str = Field(default="gbt9704", description="版式规范（gbt9704 或地方规范文件）")
    unit: str | None = Field(default=None, description="发文单位（用于核文摘要）")
    units: dict[str, str] = Field(default={}, description="按文件夹模式指定发文单位")
    ledger: Path | str | None = Field(default=None, description="核文台账：SQLite 文件路径（默认在配置文件旁），"
                                      "或多台服务器共用的 PostgreSQL 地址 postgresql://用户@主机/库")
    office: str = Field(default="办公厅（室）", description="退文告知单上的审核机关名称")
    suppress: bool = Field(default=True, description="是否采用批注和豁免文件中的“doclint: ignore”")
    serve_token: str | None = Field(default=None, description="网页服务的访问令牌（doclint serve；也可用环境变量 DOCLINT_TOKEN）")
    builtin_rules: bool = Field(default=True, description="是否启用内置规则")
    today: str | None = Field(default=None, description="视为今天的日期（YYYY-MM-DD），用于成文日期检查")

    @field_validator("ledger", mode="before")
    @classmethod
    def _ledger_target(cls, v: object) -> object:
        # A database URL stays a string; anything else is a file path.
        if isinstance(v, str) and not is_database_url(v):
            return Path(v)
        return v

    @field_validator("type")
    @classmethod
    def _known_type(cls, v: str | None) -> str | None:
        if v is not None and v not in ALL_TYPES:
            raise ValueError(f"未知文种“{v}”，可用：{'、'.join(ALL_TYPES)}")
        return v

    @field_validator("types")
    @classmethod
    def _known_types(cls, v: dict[str, str]) -> dict[str, str]:
        for pattern, doc_type in v.items():
            if doc_type not in ALL_TYPES:
                raise ValueError(f"types 中“{pattern}”对应的文种“{doc_type}”未知")
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

    def type_for(self, path: str | Path) -> str | None:
        """The document type a path gets from ``types`` patterns, else ``type``."""
        p = Path(path)
        for pattern, doc_type in self.types.items():
            if fnmatch.fnmatch(p.name, pattern) or fnmatch.fnmatch(p.as_posix(), pattern):
                return doc_type
        return self.type

    def unit_for(self, path: str | Path) -> str | None:
        """The sending unit a path gets from ``units`` patterns, else ``unit``."""
        p = Path(path).as_posix()
        for pattern, name in self.units.items():
            if fnmatch.fnmatch(p, pattern) or fnmatch.fnmatch(p, f"*/{pattern}/*"):
                return name
        return self.unit


class Settings(msgspec.Struct, frozen=True):
    """A validated config plus where each key came from (for ``doclint config --show``)."""

    config: Config
    file: Path | None = None
    sources: dict[str, str] = msgspec.field(default_factory=dict)


def find_config(start: Path) -> Path | None:
    """The nearest config file from ``start`` (a file or folder) upward."""
    folder = start if start.is_dir() else start.parent
    for d in [folder.resolve(), *folder.resolve().parents]:
        for name in CONFIG_NAMES:
            if (d / name).is_file():
                return d / name
        pyproject = d / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(path: Path) -> bool:
    toml = _toml()
    try:
        return "doclint" in toml.loads(path.read_text(encoding="utf-8")).get("tool", {})
    except (OSError, UnicodeDecodeError, toml.TOMLDecodeError):
        return False


def _read(path: Path) -> tuple[dict[str, Any], Any]:
    """Raw settings and, for YAML, the node tree (for line numbers)."""
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"配置文件无法读取  {path}\n  {exc}") from None
    if path.name == "pyproject.toml":
        toml = _toml()
        try:
            data = toml.loads(text).get("tool", {}).get("doclint", {})
        except toml.TOMLDecodeError as exc:
            raise ConfigError(f"配置文件无效  {path}\n  TOML 语法错误：{exc}") from None
        return dict(data), None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise ConfigError(f"配置文件无效  {where}\n  YAML 语法错误：{getattr(exc, 'problem', exc)}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"配置文件无效  {path}:1\n  应为“键: 值”的映射")
    return data, node


def load_settings(path: Path | None, overrides: dict[str, Any] | None = None) -> Settings:
    """Validate a config file (or none) with CLI overrides applied on top."""
    data: dict[str, Any] = {}
    node = None
    sources: dict[str, str] = {}
    if path is not None:
        data, node = _read(path)
        base = path.parent
        if isinstance(data.get("rules"), list):
            data["rules"] = [str((base / str(r)).resolve()) for r in data["rules"]]
        profile = data.get("profile")
        if isinstance(profile, str) and profile.endswith((".yaml", ".yml")) and not Path(profile).is_absolute():
            data["profile"] = str((base / profile).resolve())
        if isinstance(data.get("ledger"), str) and not is_database_url(data["ledger"]):
            data["ledger"] = str((base / data["ledger"]).resolve())
        sources = {k: str(path) for k in data}
    for k, v in (overrides or {}).items():
        # a CLI option changes one limit of ``budget``, the file's others stay
        data[k] = {**data[k], **v} if k == "budget" and isinstance(v, dict) and isinstance(data.get(k), dict) else v
        sources[k] = "命令行"
    if not data:
        # Nothing to validate: the defaults are valid, and skipping pydantic's schema build saves start-up.
        return Settings(config=Config.model_construct(), file=path, sources=sources)
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        from doclint.yamlnodes import line_col, node_at

        err = exc.errors()[0]
        key = str(err["loc"][0]) if err["loc"] else ""
        origin = sources.get(key, str(path) if path else "命令行")
        line, col = line_col(node_at(node, err["loc"])) if origin != "命令行" else (None, None)
        where = origin + (f":{line}:{col}" if line else "")
        dotted = ".".join(map(str, err["loc"]))
        what = f"未知配置项“{dotted}”" if err["type"] == "extra_forbidden" else f"{'.'.join(map(str, err['loc']))}：{err['msg']}"
        raise ConfigError(f"配置无效  {where}\n  {what}") from None
    return Settings(config=config, file=path, sources=sources)
