"""Anatomy: heading markers and Chinese numerals, on any text without raising."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint import Linter
from doclint.anatomy.parts import MASK, chinese_number, locate, parse_heading
from doclint.text.chars import to_chinese


@pytest.mark.parametrize(("text", "value"), [
    ("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十三", 23), ("九十九", 99),
    ("", None), ("零", None), ("一二", None), ("四五十", None), ("十十", None), ("二十十", None), ("十一二", None),
])
def test_chinese_numbers_up_to_99_and_nothing_else(text: str, value: int | None) -> None:
    assert chinese_number(text) == value


@pytest.mark.parametrize(("text", "level", "number"), [
    ("一、总体情况", 1, 1), ("（二）主要做法", 2, 2), ("3.加强领导", 3, 3), ("（4）落实责任", 4, 4),
    ("\u3000\u3000十二、其他", 1, 12), ("１２．全角序号", 3, 12),
])
def test_heading_markers(text: str, level: int, number: int) -> None:
    h = parse_heading(0, text)
    assert h is not None and (h.level, h.number) == (level, number)


@pytest.mark.parametrize("text", ["四五十、不是序号", "十十、不是序号", "一是加强领导", "1.5亿元", "一、", "五：冒号"])
def test_not_headings(text: str) -> None:
    assert parse_heading(0, text) is None


def test_malformed_numerals_in_a_draft_do_not_stop_the_check() -> None:
    """"四五十、" once raised KeyError from the numeral parser and took the whole check down."""
    report = Linter().check_text("关于某事的通知\n各单位：\n四五十、内容如下。\n附件四五十\n十十、其他。")
    assert report.verdict in ("pass", "return") and report.error is None


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (99, "九十九"), (100, "一百"), (101, "一百零一"),
    (110, "一百一十"), (1001, "一千零一"), (10000, "10000"),
])
def test_numbers_written_in_chinese(n: int, text: str) -> None:
    assert to_chinese(n) == text


def test_a_heading_after_the_ninety_ninth_is_checked() -> None:
    """The continuity rule once failed writing the expected marker “一百、” (found by the fuzzer)."""
    report = Linter().check_text("关于某事的通知\n各单位：\n九十九、甲项工作。\n一、乙项工作。")
    assert report.error is None
    assert any(f.rule == "structure.heading-continuity" and "一百、" in f.message for f in report.findings)


_MARKERISH = st.text(alphabet="一二三四五六七八九十（()）、.．，,:：0123456789１２٣ \u3000\t。；！？的" + MASK, max_size=12)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MARKERISH, max_size=8))
def test_locate_takes_any_lines(lines: list[str]) -> None:
    anatomy = locate(lines)
    for h in anatomy.headings:
        assert 1 <= h.level <= 4 and h.number >= 0


_LINEISH = st.sampled_from([
    "××局文件", "青河市财政局", "青财函〔2024〕3号", "签发人：张三", "第5号", "××会议纪要", "第3期", "关于某事的通知",
    "市财政局：", "各县区，", "一、总体要求", "（一）加强领导。", "1.落实责任。", "正文内容，继续说明。", "附件：1.名单",
    "附件", "附件1", "青河市财政局", "2024年5月6日", "一九九六年五月十三日", "（此件公开发布）", "（联系人：李明，电话：1",
    "抄送：市审计局。", "××办公室　　2024年5月6日印发", "", "　", MASK * 3,
])


@settings(max_examples=300, deadline=None)
@given(st.lists(_LINEISH, max_size=30))
def test_locate_gives_each_line_one_role(lines: list[str]) -> None:
    """Any sequence of element-like lines: every paragraph gets one role, elements point at their role."""
    a = locate(lines)
    assert set(a.roles) == set(range(len(lines)))
    for i in a.title:
        assert a.roles[i].value == "title"
    if a.date is not None:
        assert a.roles[a.date].value == "date"
    if a.signature is not None:
        assert a.roles[a.signature].value == "signature"
    assert all(a.roles[i].value in ("body", "heading") for i in a.body)
