"""Rule pack loading: every error names file, line and rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.errors import RuleFileError
from doclint.rules.loader import load_rules

GOOD = """\
id: wording.sample
category: wording
severity: warning
kind: pattern
pattern: 'abc'
message: 示例
why: 示例
source: {title: 示例}
examples:
  fail: [abc]
  pass: [xyz]
"""


def _write(tmp_path: Path, text: str, name: str = "sample.yaml") -> Path:
    d = tmp_path / "wording"
    d.mkdir(exist_ok=True)
    (d / name).write_text(text, encoding="utf-8")
    return tmp_path


def test_good_rule_loads(tmp_path: Path) -> None:
    """A valid file gives one rule."""
    assert [r.id for r in load_rules([_write(tmp_path, GOOD)])] == ["wording.sample"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (GOOD.replace("severity: warning", "severity: fatal"), 3, "severity"),
        (GOOD.replace("kind: pattern", "kind: magic"), 4, "kind"),
        (GOOD.replace("pattern: 'abc'", "pattern: 'a(bc'"), 5, "正则表达式无效"),
        (GOOD.replace("  pass: [xyz]\n", ""), 10, "pass"),
        (GOOD.replace("why: 示例\n", "why: 示例\ncolour: red\n"), 8, "未知字段 colour"),
        (GOOD.replace("message: 示例", "message: [示例"), 7, "YAML 语法错误"),
    ],
)
def test_broken_rule_is_located(tmp_path: Path, text: str, line: int, words: str) -> None:
    """A broken rule file is reported with its path, line and what is wrong."""
    with pytest.raises(RuleFileError) as info:
        load_rules([_write(tmp_path, text)])
    err = info.value
    assert err.path.endswith("sample.yaml")
    assert err.line == line, str(err)
    assert words in str(err)


def test_file_name_must_match_id(tmp_path: Path) -> None:
    """The file stem is the rule's name."""
    with pytest.raises(RuleFileError, match=r"文件名应为 sample\.yaml"):
        load_rules([_write(tmp_path, GOOD, "other.yaml")])


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    """Two files may not define the same id."""
    root = _write(tmp_path, GOOD)
    (root / "more").mkdir()
    (root / "more" / "sample.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(RuleFileError, match="重复"):
        load_rules([root])


def test_catastrophic_pattern_times_out_as_engine_warning(tmp_path: Path) -> None:
    """A backtracking pattern is stopped by the regex timeout and reported, not hung."""
    from doclint.config import Config
    from doclint.linter import Linter

    text = GOOD.replace("pattern: 'abc'", "pattern: '(a|aa)+b'").replace("fail: [abc]", "fail: [ab]")
    root = _write(tmp_path, text)
    linter = Linter(Config(rules=[root], builtin_rules=False))
    # The "b" up front passes the pattern's gate (no match is possible without one) but ends no match.
    report = linter.check_text("标题\n主送机关：\nb" + "a" * 40 + "c")
    assert [f.severity.value for f in report.findings] == ["info"]
    assert "超时" in report.findings[0].message


CHECKER = """\
id: punctuation.sample
category: punctuation
severity: error
kind: checker
checker: quote-pairing
params:
  pairs: ["“”"]
message: 引号不成对
why: 示例
source: {title: 示例}
examples:
  fail: [他说”好“。]
  pass: [他说“好”。]
"""


def _write_to(tmp_path: Path, category: str, text: str) -> Path:
    d = tmp_path / category
    d.mkdir(exist_ok=True)
    (d / "sample.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("category", "text", "line", "words"),
    [
        # a typo in a named checker's params is an error, not a silent default
        ("punctuation", CHECKER.replace("  pairs:", "  pairz:"), 7, "未知字段 params.pairz"),
        ("punctuation", CHECKER.replace('  pairs: ["“”"]', "  pairs: 3"), 7, "params.pairs"),
        ("punctuation", CHECKER.replace("checker: quote-pairing", "checker: quote-pairs"), 5, "未知 checker"),
        # a regex inside params is compiled at load
        ("element", CHECKER.replace("punctuation.sample", "element.sample").replace("category: punctuation", "category: element")
         .replace("checker: quote-pairing", "checker: recipient-person")
         .replace('  pairs: ["“”"]', "  assigned: '交办(|'"), 7, "正则表达式无效"),
        # a message may only name what the kind fills
        ("wording", GOOD.replace("message: 示例", "message: 应为{right}"), 6, "{right}"),
        ("punctuation", CHECKER.replace("message: 引号不成对", "message: 共{count}处"), 8, "{count}"),
        ("wording", GOOD.replace("message: 示例", "message: 应为{0}"), 6, "不是有效的模板"),
        ("wording", GOOD.replace("message: 示例", "message: '应为{'"), 6, "不是有效的模板"),
        # a fix template is checked like a message; fix-only names are not message names
        ("wording", GOOD.replace("message: 示例", "message: 示例\nfix: '{rigth}'"), 7, "{rigth}"),
        ("punctuation", CHECKER.replace("message: 引号不成对", "message: 应为{right}"), 8, "{right}"),
    ],
)
def test_closed_schema_is_located(tmp_path: Path, category: str, text: str, line: int, words: str) -> None:
    """Params typos, broken regexes in params and unknown message variables name file, line and rule."""
    with pytest.raises(RuleFileError) as info:
        load_rules([_write_to(tmp_path, category, text)])
    err = info.value
    assert err.path.endswith("sample.yaml")
    assert err.line == line, str(err)
    assert words in str(err)
    assert err.rule is not None and err.rule.endswith(".sample")


def test_message_may_use_pattern_groups(tmp_path: Path) -> None:
    """A pattern rule's message may name the pattern's groups and match."""
    text = GOOD.replace("pattern: 'abc'", "pattern: '(?P<x>a)bc'").replace("message: 示例", "message: “{match}”中的{x}")
    assert [r.id for r in load_rules([_write(tmp_path, text)])] == ["wording.sample"]


def test_every_builtin_message_names_only_declared_variables() -> None:
    """The shipped rules pass the same check (loading them would raise otherwise), and so would a fresh load."""
    from doclint.rules.loader import builtin_rules_dir, load_rule_file

    for path in sorted(builtin_rules_dir().rglob("*.yaml")):
        load_rule_file(path)


def test_fix_may_use_fix_variables(tmp_path: Path) -> None:
    """A checker's fix-only variable is allowed in ``fix``; ``fix_unless`` needs ``fix``."""
    text = CHECKER.replace("message: 引号不成对", "message: 引号不成对\nfix: '{right}'")
    assert [r.id for r in load_rules([_write_to(tmp_path, "punctuation", text)])] == ["punctuation.sample"]
    with pytest.raises(RuleFileError, match="fix_unless"):
        load_rules([_write(tmp_path, GOOD.replace("message: 示例", "message: 示例\nfix_unless: x"))])


def test_every_rule_has_a_readable_title() -> None:
    """Each built-in rule's short name (digest headings) is Chinese, has no …… and no unclosed quote."""
    from doclint.rules.loader import builtin_rules_dir, load_rules
    from doclint.rules.messages import rule_title

    for rule in load_rules([builtin_rules_dir()]):
        title = rule_title(rule)
        assert 3 <= len(title) <= 24, rule.id
        assert "……" not in title and title.count("“") == title.count("”"), (rule.id, title)
