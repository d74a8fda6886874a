"""Load rule packs from YAML, with file, line and rule named in every error."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import regex
from pydantic import TypeAdapter, ValidationError

from doclint.errors import RuleFileError
from doclint.rules.schema import KINDS, Rule

_ADAPTERS: list[TypeAdapter[Rule]] = []  # built on first validation (costly; skipped on a cache hit)


def _adapter() -> TypeAdapter[Rule]:
    if not _ADAPTERS:
        _ADAPTERS.append(TypeAdapter(Rule))
    return _ADAPTERS[0]


def builtin_rules_dir() -> Path:
    """The packs shipped with doclint: inside the wheel, or the repo's top-level ``rules/``."""
    here = Path(__file__).resolve().parent.parent
    packaged = here / "_rules"
    if packaged.is_dir():
        return packaged
    return here.parent.parent / "rules"


def _describe(err: dict[str, Any]) -> str:
    loc = ".".join(str(x) for x in err["loc"] if x not in KINDS)
    typ = err["type"]
    if typ == "missing":
        return f"缺少字段 {loc}"
    if typ == "extra_forbidden":
        return f"未知字段 {loc}"
    if typ == "union_tag_invalid":
        return f"kind 应为 {'、'.join(KINDS)} 之一，实际为 {err.get('input', {}).get('kind')!r}" if isinstance(
            err.get("input"), dict) else f"未知 kind（应为 {'、'.join(KINDS)}）"
    if typ == "union_tag_not_found":
        return "缺少字段 kind"
    if typ in ("enum", "literal_error"):
        return f"{loc} 取值无效：{err['msg']}，实际为 {err.get('input')!r}"
    return f"{loc}：{err['msg']}"


def load_rule_file(path: Path) -> Rule:
    """Parse and validate one rule file; raises RuleFileError naming file, line and rule."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(shown, f"无法读取：{exc}") from None
    import yaml  # only on a cache miss: ~25 ms of start-up otherwise

    from doclint.yamlnodes import node_at

    try:
        # libyaml's C loader is ~10x faster than the pure-Python one.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleFileError(
            shown, f"YAML 语法错误：{problem}",
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ) from None
    if not isinstance(data, dict):
        raise RuleFileError(shown, "规则文件应为一个映射（键: 值）", line=1)
    rule_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        rule = _adapter().validate_python(data)
    except ValidationError as exc:
        node = yaml.compose(text, Loader=yaml.SafeLoader)  # only now: line numbers for the message
        err = exc.errors()[0]
        loc: list[Any] = [x for x in err["loc"] if x not in KINDS]
        if err["type"].startswith("union_tag"):
            loc = ["kind"]
        target = node_at(node, loc)
        line = target.start_mark.line + 1 if target is not None else None
        col = target.start_mark.column + 1 if target is not None else None
        more = f"（另有 {len(exc.errors()) - 1} 处错误）" if len(exc.errors()) > 1 else ""
        raise RuleFileError(shown, _describe(dict(err)) + more, line=line, column=col, rule=rule_id) from None
    expected_name = rule.id.split(".", 1)[1]
    if path.stem != expected_name:
        raise RuleFileError(shown, f"文件名应为 {expected_name}.yaml（与 id 一致）", line=1, rule=rule.id)
    _check_patterns(rule, text, shown)
    return rule


def _check_patterns(rule: Rule, text: str, shown: str) -> None:
    """Compile every regex once here so a bad one is reported at load, with its line."""
    fields: list[tuple[list[Any], str | None]] = [
        (["pattern"], getattr(rule, "pattern", None)),
        (["unless"], getattr(rule, "unless", None)),
        (["soften"], getattr(rule, "soften", None)),
    ]
    for i, entry in enumerate(getattr(rule, "entries", []) or []):
        fields.append((["entries", i, "unless"], entry.unless))
    for loc, pat in fields:
        if not pat:
            continue
        try:
            regex.compile(pat)
        except (regex.error, OverflowError) as exc:
            import yaml

            from doclint.yamlnodes import node_at

            target = node_at(yaml.compose(text, Loader=yaml.SafeLoader), loc)
            raise RuleFileError(
                shown, f"正则表达式无效：{exc}",
                line=target.start_mark.line + 1 if target is not None else None,
                rule=rule.id,
            ) from None


def load_rules(dirs: Iterable[Path]) -> list[Rule]:
    """Load every ``*.yaml`` under the given folders; ids must be unique.

    Validated packs are cached (keyed by each file's path, size and mtime and the
    doclint version), so a start-up does not parse and validate YAML it has seen.
    """
    files: list[Path] = []
    for given in dirs:
        d = Path(given)
        if not d.is_dir():
            raise RuleFileError(str(d), "规则目录不存在")
        files += sorted(d.rglob("*.yaml"))
    from doclint._cache import disk
    key = disk.key_for(files)
    cached: list[Rule] | None = disk.load(key)
    if cached is not None:
        return cached
    rules: list[Rule] = []
    seen: dict[str, Path] = {}
    for path in files:
        rule = load_rule_file(path)
        if rule.id in seen:
            raise RuleFileError(str(path), f"规则 id 重复，已在 {seen[rule.id]} 中定义", line=1, rule=rule.id)
        seen[rule.id] = path
        rules.append(rule)
    disk.store(key, rules)
    return rules
