"""A 请示 without 署名 and 成文日期 gets one finding for each; quoted and following-paragraph pattern options."""

from __future__ import annotations

from doclint import Linter

HEAD = "关于召开工作会议的通知\n各处室：\n"
QINGSHI = "包头市财政局关于购置办公设备的请示\n包头市人民政府：\n我单位拟购置办公设备一批。\n妥否，请批示。"


def test_qingshi_missing_signature_and_date_reported_each() -> None:
    """Both missing elements are reported, not only the date."""
    rules = {f.rule for f in Linter().check_text(QINGSHI).findings}
    assert {"element.date-missing", "element.qingshi-signature-missing"} <= rules
    assert "element.signature-missing" not in rules  # the 请示 rule replaces it, no duplicate


def test_outside_quotes_leaves_quoted_material() -> None:
    """A percentage in words inside “” is quoted material and is not judged."""
    linter = Linter()
    quoted = linter.check_text("他在会上说“今年增长了百分之四十”。")
    plain = linter.check_text("今年增长了百分之四十。")
    assert not [f for f in quoted.findings if f.rule == "number.percent-words"]
    assert [f for f in plain.findings if f.rule == "number.percent-words"]


def test_followed_by_looks_at_the_next_paragraph() -> None:
    """如下。 is reported before a list item and left alone before a 一、 section."""
    linter = Linter()
    before_item = linter.check_text(HEAD + "现将有关事项通知如下。\n（一）会议时间：5月10日。")
    before_section = linter.check_text(HEAD + "现将有关事项通知如下。\n一、会议安排")
    assert [f for f in before_item.findings if f.rule == "punctuation.colon-before-list"]
    assert not [f for f in before_section.findings if f.rule == "punctuation.colon-before-list"]
