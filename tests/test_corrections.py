"""Element values corrected from the draft's own values: narrow spans, computed suggestions, fixes."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from doclint import Config, Linter
from doclint.pipeline.source import Source
from doclint.rules.corrections import correct

TODAY = datetime.date(2025, 12, 31)


@pytest.mark.parametrize(("value", "flagged", "corrected", "certain"), [
    ("青林呈(2024)8号", "(2024)", "青林呈〔2024〕8号", True),
    ("青林呈〔2024〕08号", "0", "青林呈〔2024〕8号", True),
    ("青林呈〔2024〕第8号", "第", "青林呈〔2024〕8号", True),
    ("青林呈〔24〕8号", "24", "青林呈〔2024〕8号", False),
    ("青林呈〔2024〕8", "8", "青林呈〔2024〕8号", True),
    ("内财办发（2023）5号\u3000\u3000签发人：张三", "（2023）", "内财办发〔2023〕5号", True),
])
def test_doc_number(value: str, flagged: str, corrected: str, certain: bool) -> None:
    c = correct("doc_number", value)
    assert c is not None
    assert value[c.start:c.end] == flagged
    assert (c.corrected, c.certain) == (corrected, certain)
    replacement = c.replacement(value)
    assert replacement is not None
    assert value[:c.start] + replacement + value[c.end:c.length] == corrected


@pytest.mark.parametrize(("value", "flagged", "corrected"), [
    ("2024.3.5", ".3.5", "2024年3月5日"),
    ("2024-03-05", "-03-05", "2024年3月5日"),
    ("2024年03月5日", "0", "2024年3月5日"),
    ("二〇二四年五月六日", "二〇二四年五月六", "2024年5月6日"),
])
def test_date(value: str, flagged: str, corrected: str) -> None:
    c = correct("date", value)
    assert c is not None and value[c.start:c.end] == flagged and c.corrected == corrected


@pytest.mark.parametrize("value", ["青林呈〔2024〕8号", "2024年3月5日", "2024年2月30日", "2024年月日", "青林呈〔202〕8号"])
def test_correct_or_unreadable_values_give_nothing(value: str) -> None:
    kind = "date" if value.startswith("20") else "doc_number"
    assert correct(kind, value) is None


def test_two_digit_years_guess_the_century() -> None:
    c = correct("date", "98年3月5日")
    assert c is not None and c.corrected == "1998年3月5日" and not c.certain


def test_findings_flag_the_faulty_characters_and_suggest_the_drafts_own_values() -> None:
    text = ("青林呈〔24〕第8号\n青林县人民政府关于购置办公设备的请示\n青林市人民政府：\n拟购置办公设备一批。\n"
            "妥否，请批示。\n青林县人民政府\n2024.3.5\n")
    config = Config(select=["element.doc-number-format", "element.date-format"])
    report = Linter(config).check_source(
        Source.of_text(text, "稿.txt")).report
    by_rule = {f.rule: f for f in report.findings}
    number, day = by_rule["element.doc-number-format"], by_rule["element.date-format"]
    assert (number.location.start, number.location.end) == (4, 8)  # 24〕第
    assert number.suggestion == "改为“青林呈〔2024〕8号”"
    assert number.fix is None  # the century is a guess
    assert (day.location.start, day.location.end) == (4, 8)
    assert day.suggestion == "改为“2024年3月5日”"
    assert day.fix is not None and [e.replacement for e in day.fix] == ["年", "月", "日"]  # minimal edits


def test_form_rule_suggests_the_lines_own_number() -> None:
    from doclint.pipeline.examples import run_example
    from doclint.rules.loader import builtin_rules_dir, load_rules
    from doclint.rules.schema import FailExample

    rule = next(r for r in load_rules([builtin_rules_dir()]) if r.id == "element.doc-number-form")
    found = run_example(rule, FailExample(text="青林呈【2024】8号"))
    assert [(f.location.start, f.location.end, f.suggestion) for f in found] == [(3, 4, "改为“青林呈〔2024〕8号”")]


@pytest.mark.parametrize(("value", "flagged", "corrected"), [
    ("市财政局:", ":", "市财政局："),
    ("各县区，", "，", "各县区："),
    ("各县区人民政府", "府", "各县区人民政府："),
])
def test_recipient_ends_in_a_full_width_colon(value: str, flagged: str, corrected: str) -> None:
    c = correct("recipient", value)
    assert c is not None and value[c.start:c.end] == flagged and c.corrected == corrected and c.certain
    assert correct("recipient", "市财政局：") is None


def test_suggest_corrected_may_use_corrected_and_fix_may_not(tmp_path: Path) -> None:
    """``{corrected}`` is for ``suggest_corrected`` only; a form rule's fix cannot replace its span
    with the whole corrected line."""
    from doclint.errors import RuleFileError
    from doclint.rules.loader import builtin_rules_dir, load_rule_file

    src = (builtin_rules_dir() / "element" / "doc-number-form.yaml").read_text(encoding="utf-8")
    (tmp_path / "element").mkdir()
    path = tmp_path / "element" / "doc-number-form.yaml"
    path.write_text(src.replace("suggest_corrected: 改为“{corrected}”", "suggest_corrected: 改为“{corected}”"),
                    encoding="utf-8")
    with pytest.raises(RuleFileError, match="corected"):
        load_rule_file(path)
    path.write_text(src.replace("correct: doc_number", "fix: '{corrected}'\ncorrect: doc_number"), encoding="utf-8")
    with pytest.raises(RuleFileError, match="corrected"):
        load_rule_file(path)
