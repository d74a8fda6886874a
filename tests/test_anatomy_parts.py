"""Anatomy of the less common parts: a 纪要's 出席/列席/请假 lines, the old “附：” note, an attachment's
own headings, a 主送 whose colon is missing, and the title's 文种 against the content."""

from __future__ import annotations

import pytest

from doclint import Linter
from doclint.anatomy.parts import Role, locate

MINUTES = """关于研究防汛抗旱工作有关事项的会议纪要
2024年6月3日，副市长周明主持召开专题会议，研究防汛抗旱工作有关事项。现纪要如下。
一、关于汛前隐患排查
会议要求，市水务局要会同各县区于6月15日前完成堤防、水库隐患排查。
二、关于应急物资储备
会议同意市应急管理局提出的物资储备方案，所需资金由市财政局统筹安排。
出席：周明　刘洋（市水务局）　陈静（市应急管理局）
　　　孙磊（市财政局）
列席：市气象局、市自然资源局有关负责同志
请假：赵刚（出差）"""


@pytest.fixture(scope="module")
def linter() -> Linter:
    return Linter()


def test_minutes_attendance_lines_are_their_own_element() -> None:
    lines = MINUTES.splitlines()
    a = locate(lines)
    assert a.attendance == (6, 7, 8, 9)
    assert all(a.roles[i] is Role.ATTENDANCE for i in a.attendance)
    assert not set(a.attendance) & set(a.body)
    assert a.signature is None  # “请假：赵刚（出差）” is no 署名


def test_minutes_attendance_names_are_not_judged_as_prose(linter: Linter) -> None:
    report = linter.check_text(MINUTES)
    assert not [f for f in report.findings if f.location.paragraph in (6, 7, 8, 9)]
    assert report.verdict == "pass"


def test_minutes_with_a_date_after_the_lists_takes_no_list_line_as_signature() -> None:
    a = locate([*MINUTES.splitlines(), "2024年6月4日"])
    assert a.date == 10 and a.signature is None and a.roles[9] is Role.ATTENDANCE


def test_attendance_words_in_a_notice_stay_body_text() -> None:
    lines = ["青河市人民政府办公室关于召开防汛工作会议的通知", "各县区人民政府：", "定于6月10日召开全市防汛工作会议。",
             "出席人员：各县区分管负责同志。", "青河市人民政府办公室", "2024年6月3日"]
    a = locate(lines)
    assert a.attendance == () and a.roles[3] is Role.BODY


def test_old_style_attachment_note_is_an_attachment_note() -> None:
    lines = ["关于内地西藏班扩大规模有关问题的请示", "国务院：", "为加快西藏教育发展，提出如下意见。",
             "以上意见如无不妥，请批转各有关省（市）人民政府执行。", "附：内地西藏初中班（校）扩大招生计划表", "国家教委",
             "一九九六年五月十三日"]
    a = locate(lines)
    assert a.attachment_note == (4,) and a.signature == 5 and a.date == 6


ATTACHED = """青河市人民政府办公室关于印发防汛工作方案的通知
各县区人民政府，市直各部门：
现将《青河市防汛工作方案》印发给你们，请认真贯彻执行。
附件：青河市防汛工作方案
青河市人民政府办公室
2024年5月6日
附件
青河市防汛工作方案
一、总体要求
坚持人民至上、生命至上，确保安全度汛。
{second}
各县区要于6月1日前完成隐患排查。"""


def test_attachment_headings_are_checked_like_the_body(linter: Linter) -> None:
    report = linter.check_text(ATTACHED.format(second="二.工作措施"))
    found = [f for f in report.findings if f.location.paragraph == 10 and f.rule.startswith("structure.heading")]
    assert [(f.rule, f.location.part) for f in found] == [("structure.heading-punct", "attachment")]


def test_clean_attachment_headings_draw_nothing(linter: Linter) -> None:
    report = linter.check_text(ATTACHED.format(second="二、工作措施"))
    assert not [f for f in report.findings if f.rule.startswith("structure.heading")]


def test_attachment_heading_terminal_mark(linter: Linter) -> None:
    text = ATTACHED.format(second="二、工作措施。")
    found = [f for f in linter.check_text(text).findings if f.rule == "structure.heading-terminal"]
    assert [(f.location.paragraph, f.location.part) for f in found] == [(10, "attachment")]


@pytest.mark.parametrize("recipient", ["石英代表", "武警总部，", "中国气象局。", "省财政厅；"])
def test_recipient_with_a_missing_or_wrong_colon_is_still_the_recipient(linter: Linter, recipient: str) -> None:
    text = (f"国务院办公厅关于有关问题的复函\n{recipient}\n你们关于有关问题的来函收悉，现函复如下：\n"
            "同意你们的意见。\n国务院办公厅\n2024年3月2日")
    found = [f for f in linter.check_text(text).findings if f.rule == "element.main-recipient-format"]
    assert [f.location.paragraph for f in found] == [1]


@pytest.mark.parametrize(("title", "recipient", "body", "hit"), [
    # a closing formula alone is structure.kind-content-mismatch's
    ("青河市财政局关于2023年度财政工作情况的请示", "市人民政府：", "今年以来，各项工作进展顺利。\n特此报告。", False),
    ("青河市财政局关于做好预算执行工作的报告", "市直各部门：", "今年以来，各项工作进展顺利。", True),
    ("青河市人民政府关于同意设立开发区的通知", "云溪县人民政府：", "你县《关于设立开发区的请示》收悉。经研究，同意设立。", True),
    ("青河市人民政府关于同意设立开发区的批复", "云溪县人民政府：", "你县《关于设立开发区的请示》收悉。经研究，同意设立。", False),
    ("青河市教育局关于校外培训治理情况的报告", "市人民政府：", "按照你办要求，现将有关情况报告如下。", True),
    ("青河市自然资源局关于提供地形图的请示", "市测绘院：", "因规划需要，商请你院提供1:500地形图。", True),
])
def test_title_doc_type_against_the_content(linter: Linter, title: str, recipient: str, body: str, hit: bool) -> None:
    text = f"{title}\n{recipient}\n{body}\n青河市某局\n2024年5月6日"
    found = [f for f in linter.check_text(text).findings if f.rule == "element.title-doc-kind-content"]
    assert bool(found) is hit
    if hit:
        assert found[0].location.paragraph == 0 and found[0].location.start == title.rfind(title[-2:])
