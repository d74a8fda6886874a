"""Load rule packs from YAML, with file, line and rule named in every error."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from doclint.errors import RuleFileError
from doclint.rules.messages import template_fields
from doclint.rules.schema import KINDS, CheckerRule, FormRule, LayoutRule, RequiredRule, Rule

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


def _field_loc(err: dict[str, Any], prefix: tuple[Any, ...]) -> list[Any]:
    """Where in the file: the rule union's tag (the kind name) is not a field, so it goes."""
    loc = list(err["loc"])
    if not prefix and loc and loc[0] in KINDS:
        loc = loc[1:]
    return [*prefix, *loc]


def _describe(err: dict[str, Any], prefix: tuple[Any, ...] = ()) -> str:
    loc = ".".join(str(x) for x in _field_loc(err, prefix))
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
    msg = str(err["msg"]).removeprefix("Value error, ")
    return f"{loc}：{msg}"


class _Source:
    """One rule file's text, composed into YAML nodes only when an error needs a line number."""

    def __init__(self, path: Path, text: str) -> None:
        self.shown = str(path)
        self.text = text

    def error(self, message: str, loc: list[Any], rule: str | None) -> RuleFileError:
        import yaml

        from doclint.yamlnodes import node_at

        target = node_at(yaml.compose(self.text, Loader=yaml.SafeLoader), loc)
        line = target.start_mark.line + 1 if target is not None else None
        col = target.start_mark.column + 1 if target is not None else None
        return RuleFileError(self.shown, message, line=line, column=col, rule=rule)

    def validation_error(self, exc: ValidationError, rule: str | None, prefix: tuple[Any, ...] = ()) -> RuleFileError:
        err = exc.errors()[0]
        loc = _field_loc(dict(err), prefix)
        if err["type"].startswith("union_tag"):
            loc = ["kind"]
        more = f"（另有 {len(exc.errors()) - 1} 处错误）" if len(exc.errors()) > 1 else ""
        return self.error(_describe(dict(err), prefix) + more, loc, rule)


def load_rule_file(path: Path) -> Rule:
    """Parse and validate one rule file; raises RuleFileError naming file, line and rule.

    Validation is closed: unknown fields, a named checker's unknown or ill-typed ``params``, a
    regex anywhere in the rule that does not compile, and a message or suggestion naming a
    variable the rule's kind does not provide are all errors here, never silent defaults later.
    """
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RuleFileError(shown, f"无法读取：{exc}") from None
    import yaml  # only on a cache miss: ~25 ms of start-up otherwise

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
    src = _Source(path, text)
    rule_id = data.get("id") if isinstance(data.get("id"), str) else None
    try:
        rule = _adapter().validate_python(data)
    except ValidationError as exc:
        raise src.validation_error(exc, rule_id) from None
    expected_name = rule.id.split(".", 1)[1]
    if path.stem != expected_name:
        raise RuleFileError(shown, f"文件名应为 {expected_name}.yaml（与 id 一致）", line=1, rule=rule.id)
    _check_kind(rule, src)
    return rule


def _check_kind(rule: Rule, src: _Source) -> None:
    """What the rule's kind requires beyond the schema: typed params and known message variables."""
    from doclint.rules.registry import checker_class

    try:
        cls = checker_class(rule)
    except RuleFileError as exc:
        raise src.error(exc.detail, ["checker"], rule.id) from None
    if isinstance(rule, CheckerRule):
        try:
            rule._typed_params = cls.Params.model_validate(rule.params)
        except ValidationError as exc:
            raise src.validation_error(exc, rule.id, ("params",)) from None
    allowed = cls.message_variables(rule)
    fixable = allowed | cls.fix_variables
    for loc, template in templates(rule):
        try:
            names = template_fields(template)
        except ValueError as exc:
            raise src.error(f"{'.'.join(map(str, loc))} 不是有效的模板：{exc}", loc, rule.id) from None
        corrected = allowed | {"corrected"} if loc == ["suggest_corrected"] else allowed  # the computed value
        unknown = sorted(names - (fixable if loc == ["fix"] else corrected))
        if unknown:
            known = "、".join(sorted(allowed)) or "（无）"
            if loc == ["fix"]:
                known = "、".join(sorted(fixable)) or "（无）"
            raise src.error(f"{'.'.join(map(str, loc))} 用了未知变量 {'、'.join('{' + u + '}' for u in unknown)}"
                            f"（kind {rule.kind} 可用：{known}）", loc, rule.id)


def templates(rule: Rule) -> list[tuple[list[Any], str]]:
    """Every message template of a rule with its place in the rule file."""
    out: list[tuple[list[Any], str]] = [(["message"], rule.message)]
    if rule.suggestion is not None:
        out.append((["suggestion"], rule.suggestion))
    if rule.fix is not None:
        out.append((["fix"], rule.fix))
    if isinstance(rule, LayoutRule):
        out += [(["messages", k], v) for k, v in rule.messages.items()]
    if isinstance(rule, RequiredRule | FormRule) and rule.suggest_corrected is not None:
        out.append((["suggest_corrected"], rule.suggest_corrected))
    if isinstance(rule, FormRule):
        for i, c in enumerate(rule.checks):
            out.append((["checks", i, "message"], c.message))
            if c.suggestion is not None:
                out.append((["checks", i, "suggestion"], c.suggestion))
    return out


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


def matches(rule: Rule, patterns: Iterable[str]) -> bool:
    """Whether a rule is named by any id, alias or category prefix."""
    names = [rule.id, *rule.aliases]
    return any(n.startswith(p) for p in patterns for n in names)


def select_rules(rules: list[Rule], select: list[str], ignore: list[str]) -> list[Rule]:
    """Apply ``select`` (empty: everything) then ``ignore``."""
    out = [r for r in rules if not select or matches(r, select)]
    return [r for r in out if not matches(r, ignore)]
