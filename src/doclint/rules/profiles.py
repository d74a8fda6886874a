"""Layout profiles: the numbers the ``layout.*`` rules compare a .docx with.

A profile is a YAML file (see ``profiles/gbt9704.yaml``, the national standard and the
default, and ``profiles/example-local.yaml``). ``extends`` starts from another profile:
mappings merge key by key, lists are replaced whole. A section that a profile changes
is cited under that profile's ``cite_as`` (default ``name``) unless it gives its own
``cite``, so a local norm is never quoted as the national standard.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from doclint.errors import ConfigError
from doclint.findings import Severity

PROFILE_DIR = Path(__file__).resolve().parent.parent / "profiles"
DEFAULT_PROFILE = "gbt9704"
TEXT_KEYS = ("body", "title", "heading1", "heading2", "heading3", "heading4", "banji", "page_number")
_MAX_DEPTH = 8


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class FontFamily(_Strict):
    """A typeface family: exact names (case and spaces ignored) and name keywords."""

    aliases: list[str]
    keywords: list[str] = Field(default_factory=list)


class Substitute(_Strict):
    """A fallback typeface tolerated at a lower severity (e.g. 华文中宋 for 小标宋)."""

    family: str
    bold: bool = False  # counts only when the text is bold
    severity: Severity = Severity.WARNING


class TextSpec(_Strict):
    """Type of one part of the document."""

    family: str
    size_pt: float = Field(gt=0)
    size_tolerance_pt: float = 0.25
    align: Literal["center", "left", "right", "both"] | None = None
    substitutes: list[Substitute] = Field(default_factory=list)
    cite: str


class PageSpec(_Strict):
    """Paper size."""

    width_mm: float
    height_mm: float
    tolerance_mm: float = 1
    cite: str


class MarginSpec(_Strict):
    """Page margins; ``left_mm`` includes the gutter (订口)."""

    top_mm: float
    bottom_mm: float
    left_mm: float
    right_mm: float
    tolerance_mm: float = 1
    cite: str


class LineSpec(_Strict):
    """Lines per page and characters per line, as line spacing and grid."""

    per_page: int
    chars_per_line: int
    min_pt: float
    max_pt: float
    recommended_pt: float
    chars_min: int
    chars_max: int
    cite: str


class IndentSpec(_Strict):
    """First-line indent of body paragraphs."""

    first_line_chars: float = 2
    tolerance_chars: float = 0.3
    cite: str


class PageNumberSpec(_Strict):
    """Page number form and position."""

    dash: str = "—"
    odd_align: Literal["right", "left", "center"] = "right"
    even_align: Literal["right", "left", "center"] = "left"
    indent_chars: float = 1
    first_page: bool = True
    cite: str


class ColorSpec(_Strict):
    """Text colour."""

    allowed: list[str] = Field(default_factory=lambda: ["auto", "000000"])
    near_black: int = Field(default=64, ge=0, le=255)
    cite: str


class SignatureSpec(_Strict):
    """Position of 署名 and 成文日期."""

    date_right_min_chars: float = 1
    date_right_max_chars: float = 6
    cite: str


class Profile(_Strict):
    """A validated, fully merged layout profile."""

    name: str
    cite_as: str | None = None
    description: str = ""
    extends: str | None = None
    chain: tuple[str, ...] = ()  # names from this profile up to the root
    fonts: dict[str, FontFamily]
    page: PageSpec
    margins: MarginSpec
    lines: LineSpec
    text: dict[str, TextSpec]
    indent: IndentSpec
    page_number: PageNumberSpec
    color: ColorSpec
    signature: SignatureSpec

    @model_validator(mode="after")
    def _consistent(self) -> Profile:
        missing = [k for k in TEXT_KEYS if k not in self.text]
        if missing:
            raise ValueError(f"text 缺少：{'、'.join(missing)}")
        for key, spec in self.text.items():
            for fam in [spec.family, *(s.family for s in spec.substitutes)]:
                if fam not in self.fonts:
                    raise ValueError(f"text.{key} 的字体族“{fam}”未在 fonts 中定义")
        if self.lines.min_pt > self.lines.max_pt:
            raise ValueError("lines.min_pt 不应大于 lines.max_pt")
        return self

    @property
    def is_national(self) -> bool:
        """True for the national standard itself (no local changes)."""
        return self.name == "GB/T 9704—2012" and self.extends is None

    def accepts(self, font: str | None, family: str) -> bool:
        """Whether a font name belongs to the family ``family`` (a key of ``fonts``)."""
        fam = self.fonts.get(family)
        return fam is not None and font_in(font, fam)

    def family_of(self, font: str | None) -> str | None:
        """The family key a font name belongs to, or None."""
        return font_family(font, self.fonts)

    def preferred_font(self, family: str) -> str:
        """The name to suggest for a family: its first alias."""
        fam = self.fonts.get(family)
        return fam.aliases[0] if fam is not None and fam.aliases else family


def _norm(name: str) -> str:
    return "".join(name.split()).casefold()


def font_in(font: str | None, fam: FontFamily) -> bool:
    """Whether a font name is one of a family's aliases or contains one of its keywords."""
    if not font:
        return False
    n = _norm(font.lstrip("@"))
    return any(_norm(a) == n for a in fam.aliases) or any(_norm(k) in n for k in fam.keywords if k)


def font_family(font: str | None, families: dict[str, FontFamily]) -> str | None:
    """Family of a font name: exact alias first (any family), then keywords."""
    if not font:
        return None
    n = _norm(font.lstrip("@"))  # "@仿宋" is the vertical variant of the same face
    for key, fam in families.items():
        if any(_norm(a) == n for a in fam.aliases):
            return key
    for key, fam in families.items():
        if any(_norm(k) in n for k in fam.keywords if k):
            return key
    return None


# -- loading ---------------------------------------------------------------------------------


def _locate(ref: str, base_dir: Path | None) -> Path:
    if ref.endswith((".yaml", ".yml")) or "/" in ref or "\\" in ref:
        path = Path(ref).expanduser()
        if not path.is_absolute() and base_dir is not None:
            path = base_dir / path
        return path
    path = PROFILE_DIR / f"{ref}.yaml"
    if not path.is_file():
        known = "、".join(sorted(p.stem for p in PROFILE_DIR.glob("*.yaml")))
        raise ConfigError(f"未知的版式规范“{ref}”（内置：{known}；也可给出 .yaml 文件路径）")
    return path


def _read(path: Path) -> dict[str, Any]:
    import yaml  # only on a cache miss

    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except OSError as exc:
        raise ConfigError(f"无法读取版式规范文件 {path}：{exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"版式规范文件 {path} 不是有效的 YAML：{exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"版式规范文件 {path} 应为一个映射（键: 值）")
    return data


def _merge(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child over parent; sections the child changes cite the child unless it says otherwise."""
    out = copy.deepcopy(parent)
    label = child.get("cite_as") or child.get("name") or "本地规范"
    changed_families: set[str] = set()
    for key, value in child.items():
        if key == "extends":
            continue
        if key == "fonts" and isinstance(value, dict):
            fonts = out.setdefault("fonts", {})
            for fam, spec in value.items():
                fonts[fam] = spec
                changed_families.add(fam)
        elif key == "text" and isinstance(value, dict):
            text = out.setdefault("text", {})
            for tkey, spec in value.items():
                if not isinstance(spec, dict):
                    text[tkey] = spec
                    continue
                merged = {**text.get(tkey, {}), **spec}
                if "cite" not in spec:
                    merged["cite"] = label
                text[tkey] = merged
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            merged = {**out[key], **value}
            if value and "cite" not in value:
                merged["cite"] = label
            out[key] = merged
        else:
            out[key] = value
    child_text = child.get("text")
    explicit: dict[str, Any] = child_text if isinstance(child_text, dict) else {}
    for tkey, spec in (out.get("text") or {}).items():
        given = explicit.get(tkey)
        if not isinstance(spec, dict) or (isinstance(given, dict) and "cite" in given):
            continue
        fams = {spec.get("family"), *(s.get("family") for s in spec.get("substitutes") or [] if isinstance(s, dict))}
        if fams & changed_families:
            spec["cite"] = label
    if "cite_as" not in child:
        out.pop("cite_as", None)
    return out


def _load_raw(ref: str, base_dir: Path | None, seen: tuple[Path, ...],
              read: list[Path]) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The merged data and the chain of profile names; every file read is added to ``read``."""
    path = _locate(ref, base_dir).resolve()
    if path in seen:
        raise ConfigError(f"版式规范的 extends 形成循环：{' → '.join(str(p) for p in (*seen, path))}")
    if len(seen) >= _MAX_DEPTH:
        raise ConfigError(f"版式规范的 extends 层级过深（超过 {_MAX_DEPTH} 层）：{path}")
    data = _read(path)
    read.append(path)
    parent_ref = data.get("extends")
    if parent_ref is None:
        return data, (str(data.get("name", path.stem)),)
    if not isinstance(parent_ref, str):
        raise ConfigError(f"版式规范 {path} 的 extends 应为规范名或文件路径")
    parent, chain = _load_raw(parent_ref, path.parent, (*seen, path), read)
    merged = _merge(parent, data)
    merged["extends"] = parent_ref
    return merged, (str(data.get("name", path.stem)), *chain)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


@functools.lru_cache(maxsize=32)
def load_profile(ref: str = DEFAULT_PROFILE) -> Profile:
    """Load, merge (``extends``) and validate a profile by packaged name or file path.

    A validated profile is cached on disk with the size and time of every file
    in its ``extends`` chain, so start-up skips YAML and validation until one changes.
    """
    from doclint._cache import disk
    top = _locate(ref, Path.cwd()).resolve()
    key = disk.key_for([top])
    cached = disk.load(key, kind="profile")
    if isinstance(cached, tuple) and len(cached) == 2 and isinstance(hit := cached[1], Profile):
        stamps = cached[0]
        if all(_stamp(Path(f)) == s for f, s in stamps):
            return hit
    read: list[Path] = []
    data, chain = _load_raw(ref, Path.cwd(), (), read)
    data["chain"] = chain
    try:
        profile = Profile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise ConfigError(f"版式规范“{ref}”无效：{where}：{err['msg']}") from None
    disk.store(key, (tuple((str(f), _stamp(f)) for f in read), profile), kind="profile")
    return profile


def profile_names() -> list[str]:
    """Names of the packaged profiles."""
    return sorted(p.stem for p in PROFILE_DIR.glob("*.yaml"))
