"""Layout rules (GB/T 9704—2012 on the formatting Word shows) and layout profiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from doclint.errors import ConfigError
from doclint.findings import Finding, Severity
from doclint.model.docx_reader import read_docx
from doclint.model.text_reader import document_from_string
from doclint.pipeline.engine import Engine
from doclint.rules.kinds.base import Options
from doclint.rules.kinds.layout.page_number import _page_form
from doclint.rules.loader import builtin_rules_dir, load_rules
from doclint.rules.profiles import load_profile
from fixtures import FIXTURES

LAYOUT = [r for r in load_rules([builtin_rules_dir()]) if r.category.value == "layout"]


def _findings(fixture: str, profile: str = "gbt9704", doc_type: str | None = None,
              rule: str | None = None) -> list[Finding]:
    engine = Engine(LAYOUT, Options(layout_profile=profile))
    found = engine.run(read_docx(FIXTURES[fixture]()), doc_type).findings
    return [f for f in found if rule is None or f.rule == rule]


# -- profiles -------------------------------------------------------------------------------------


def test_default_profile_is_the_national_standard() -> None:
    """gbt9704 carries GB/T 9704—2012's numbers and cites its clauses."""
    p = load_profile()
    assert p.is_national and p.extends is None
    assert (p.margins.top_mm, p.margins.bottom_mm, p.margins.left_mm, p.margins.right_mm) == (37, 35, 28, 26)
    assert (p.text["body"].family, p.text["body"].size_pt) == ("仿宋", 16)
    assert (p.text["title"].family, p.text["title"].size_pt, p.text["title"].align) == ("小标宋", 22, "center")
    assert [p.text[f"heading{i}"].family for i in (1, 2, 3, 4)] == ["黑体", "楷体", "仿宋", "仿宋"]
    assert p.margins.cite == "GB/T 9704—2012 5.2.1"


def test_local_profile_extends_and_cites_itself_where_it_differs() -> None:
    """example-local overrides fonts and spacing; only those sections cite the local name."""
    p = load_profile("example-local")
    assert p.extends == "gbt9704" and p.chain == ("示例地方公文格式规范", "GB/T 9704—2012")
    assert not p.is_national
    assert (p.lines.min_pt, p.lines.max_pt) == (28, 33)
    assert p.text["body"].family == "方正仿宋_GBK"
    local = "示例地方公文格式规范（本地规范，非国家标准）"
    assert p.lines.cite == local and p.text["body"].cite == local and p.text["title"].cite == local
    assert p.margins.cite == "GB/T 9704—2012 5.2.1"  # unchanged: still the national standard
    assert p.text["heading1"].cite == "GB/T 9704—2012 7.3.3"
    assert p.accepts("方正仿宋_GBK", "方正仿宋_GBK") and not p.accepts("仿宋_GB2312", "方正仿宋_GBK")


def test_profile_file_extends_relative_path(tmp_path: Path) -> None:
    """A profile file may extend another file next to it; a family change re-cites its users."""
    (tmp_path / "base.yaml").write_text("extends: gbt9704\nname: 甲省规范\nmargins: {top_mm: 35}\n", encoding="utf-8")
    (tmp_path / "city.yaml").write_text(
        "extends: base.yaml\nname: 乙市规范\nfonts:\n  黑体: {aliases: [方正黑体_GBK]}\n", encoding="utf-8")
    p = load_profile(str(tmp_path / "city.yaml"))
    assert p.chain == ("乙市规范", "甲省规范", "GB/T 9704—2012")
    assert p.margins.top_mm == 35 and p.margins.cite == "甲省规范"
    assert p.text["heading1"].cite == "乙市规范"  # uses the redefined 黑体 family
    assert p.text["heading2"].cite == "GB/T 9704—2012 7.3.3"


def test_bad_profiles_are_config_errors(tmp_path: Path) -> None:
    """Unknown names, cycles and invalid values raise ConfigError with a Chinese message."""
    with pytest.raises(ConfigError, match="未知的版式规范"):
        load_profile("no-such-profile")
    (tmp_path / "a.yaml").write_text("extends: b.yaml\nname: a\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("extends: a.yaml\nname: b\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="循环"):
        load_profile(str(tmp_path / "a.yaml"))
    (tmp_path / "c.yaml").write_text("extends: gbt9704\nname: c\ntext:\n  body: {family: 魏碑}\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="魏碑"):
        load_profile(str(tmp_path / "c.yaml"))


def test_font_families() -> None:
    """Aliases and keywords: 小标宋体 is 小标宋 (not 宋体); theme-free English names work."""
    p = load_profile()
    assert p.family_of("小标宋体") == "小标宋"
    assert p.family_of("FangSong") == p.family_of("方正仿宋简体") == p.family_of("仿宋") == "仿宋"
    assert p.family_of("SimHei") == "黑体" and p.family_of("KaiTi_GB2312") == "楷体"
    assert p.family_of("华文中宋") == "华文中宋" and p.family_of("Times New Roman") is None
    assert p.accepts("方正仿宋_GBK", "仿宋") and not p.accepts("宋体", "仿宋")


# -- verdicts -------------------------------------------------------------------------------------


def test_clean_draft_has_no_layout_findings() -> None:
    """The GB/T 9704 fixture passes every layout rule."""
    assert _findings("clean-gbt9704") == []


def test_local_profile_changes_the_verdict() -> None:
    """32 pt spacing fails the national profile, passes the local one; 仿宋_GB2312 the reverse."""
    assert _findings("exact-32pt", rule="layout.grid")
    assert not _findings("exact-32pt", "example-local", rule="layout.grid")
    assert not _findings("clean-gbt9704", rule="layout.body-font")
    (f,) = _findings("clean-gbt9704", "example-local", rule="layout.body-font")
    assert "方正仿宋_GBK" in f.message and "示例地方公文格式规范（本地规范，非国家标准）" in f.message
    assert "GB/T 9704" not in f.message  # a local norm is never presented as the national standard


def test_style_inherited_font_is_reported_once_naming_the_style() -> None:
    """Every body paragraph inheriting 宋体 小四 from Normal gives one finding about Normal."""
    (f,) = _findings("songti-12pt-body", rule="layout.body-font")
    assert f.message.startswith("正文样式“Normal”字体为宋体、小四（12磅）")
    assert "开始→样式→右键“Normal”→修改→格式→字体" in f.message and "三号" in f.message
    assert f.location.paragraph is not None and f.location.start is None and f.severity is Severity.ERROR


def test_wrong_normal_overridden_by_every_run_passes() -> None:
    """Normal in 宋体 小四 does not matter when every run sets 仿宋 三号 itself."""
    found = _findings("normal-wrong-runs-right")
    assert not [f for f in found if f.rule in ("layout.body-font", "layout.title-font", "layout.mixed-font")]


@pytest.mark.parametrize("fixture", ["theme-minor-eastasia-fangsong", "eastasia-only-font"])
def test_theme_and_eastasia_only_fonts_pass(fixture: str) -> None:
    """Fonts resolved from the theme, or given only in w:eastAsia, count as 仿宋."""
    assert not _findings(fixture, rule="layout.body-font")


def test_auto_numbered_heading_is_not_body_text() -> None:
    """A 黑体 paragraph in a numbered heading style shows “一、” from list numbering: not body text."""
    doc = read_docx(FIXTURES["numbered-heading-style"]())
    p = doc.paragraphs[5]
    assert p.text == "加强组织领导" and p.format.numbered and p.outline_level == 0
    assert not _findings("numbered-heading-style", rule="layout.body-font")
    assert not _findings("numbered-heading-style", rule="layout.indent")


def test_mixed_font_is_located_at_the_run() -> None:
    """A 宋体 run amid 仿宋 text is reported at its offsets, not as a whole-paragraph problem."""
    doc = read_docx(FIXTURES["songti-run-in-body"]())
    (f,) = _findings("songti-run-in-body", rule="layout.mixed-font")
    loc = f.location
    assert (loc.part, loc.paragraph, loc.start, loc.end) == ("body", 2, 3, 7)
    assert doc.paragraphs[2].text[3:7] == "机关日常" and "“机关日常”字体为宋体" in f.message
    assert not _findings("songti-run-in-body", rule="layout.body-font")


def test_messages_say_what_to_change_in_word() -> None:
    """Margins: the Word dialog, the four values and the clause, as one document-level finding."""
    (f,) = _findings("word-default-margins", rule="layout.margins")
    assert f.location.part == "document" and f.location.paragraph is None
    assert "上25.4、下25.4、左31.8、右31.8毫米" in f.message
    assert "页面布局→页边距→自定义页边距：上37毫米、下35毫米、左28毫米、右26毫米" in f.message
    assert "GB/T 9704—2012 5.2.1" in f.message
    (p,) = _findings("ascii-hyphen-page-number", rule="layout.page-number")
    assert p.location.part == "document" and "“— 1 —”" in p.message and "长划线" in p.message


def test_title_substitute_font_is_a_warning() -> None:
    """华文中宋 in place of 小标宋 is a warning; 宋体 小二 is an error."""
    (w,) = _findings("title-huawen-zhongsong", rule="layout.title-font")
    assert w.severity is Severity.WARNING
    (e,) = _findings("title-songti-bold-18pt", rule="layout.title-font")
    assert e.severity is Severity.ERROR and "二号" in e.message


def test_first_page_without_number_is_fine_for_a_letter() -> None:
    """信函格式 shows no number on page 1 (GB/T 9704—2012 10.1); other kinds must."""
    assert _findings("first-page-without-number", rule="layout.page-number")
    assert not _findings("first-page-without-number", doc_type="函", rule="layout.page-number")


def test_footer_page_number_in_content_control_is_read() -> None:
    """Word's page-number building block (run-level w:sdt) keeps its dashes and digits."""
    doc = read_docx(FIXTURES["page-number-in-content-control"]())
    assert {f.paragraphs[0].text for f in doc.footers} == {"—1—"}


@pytest.mark.parametrize(("text", "ok"), [
    ("— 1 —", True), ("—1—", True), ("— —", True), ("-1-", False), ("－1－", False), ("第1页 共3页", False),
    ("1", False), ("——1——", False),
])
def test_page_number_forms(text: str, ok: bool) -> None:
    """Only a one-em dash on each side of the number passes."""
    assert (_page_form(text, "—") is None) is ok


def test_lookalike_dash_is_only_info() -> None:
    """U+2015 prints like the one-em dash: info, not error."""
    problem = _page_form("―1―", "—")
    assert problem is not None and problem[1] is Severity.INFO


# -- plain text -----------------------------------------------------------------------------------


def test_plain_text_gets_one_not_checked_finding() -> None:
    """Plain-text input: layout rules are skipped with one document-level info finding."""
    engine = Engine(LAYOUT, Options())
    found = engine.run(document_from_string("包头市财政局关于购置办公设备的请示\n包头市人民政府：\n正文。")).findings
    assert [(f.rule, f.location.part, f.severity) for f in found] == [
        ("layout.not-checked", "document", Severity.INFO)]


def test_jiyao_attendance_lines_follow_10_3() -> None:
    """纪要 attendance lines: 黑体 label, 仿宋 names, hanging indent (GB/T 9704—2012 10.3) are not faults."""
    from docx_builder import run
    from fixtures import BODY, gbt9704_builder

    b = gbt9704_builder()
    for label, names in (("出席：", "张明、李华、王强、赵磊"), ("列席：", "周文斌（市财政局）")):
        b.add_paragraph(run(label, east_asia="黑体", size_pt=16), run(names, east_asia=BODY, size_pt=16),
                        ind={"left": "960", "hanging": "960"})
    doc = read_docx(b.to_bytes())
    rules = [r for r in load_rules([builtin_rules_dir()]) if r.category.value == "layout"]
    found = [f for f in Engine(rules, Options()).run(doc).findings if f.location.paragraph in (9, 10)]
    assert found == [], found


# -- shared work between paragraphs ---------------------------------------------------------------


def _layout_findings(doc_bytes: bytes, rule: str) -> list[Finding]:
    return [f for f in Engine(LAYOUT, Options()).run(read_docx(doc_bytes)).findings if f.rule == rule]


def test_paragraphs_formatted_alike_each_name_their_part() -> None:
    """One verdict serves paragraphs formatted alike; each finding still names its own part."""
    from fixtures import gbt9704_builder

    found = _layout_findings(gbt9704_builder(ind={"firstLineChars": "100", "firstLine": "320"}).to_bytes(),
                             "layout.indent")
    assert sorted((f.location.paragraph, f.message.split("，")[0]) for f in found) == [
        (2, "正文首行缩进1字符"), (3, "第一层标题首行缩进1字符"), (4, "正文首行缩进1字符"), (5, "正文首行缩进1字符")]
    (style,) = _layout_findings(gbt9704_builder(ind=None).to_bytes(), "layout.indent")
    assert "（共4段沿用此样式）" in style.message


def test_direct_spacing_alike_is_one_finding_with_a_count() -> None:
    """Directly set paragraphs with the same wrong spacing: one finding that counts them."""
    from docx_builder import run
    from fixtures import BODY_RUN, INDENT_2, gbt9704_builder

    b = gbt9704_builder()
    for text in ("第一段补充说明。", "第二段补充说明。"):
        b.add_paragraph(run(text, **BODY_RUN), ind=INDENT_2, jc="both", spacing={"line": "360", "lineRule": "auto"})
    (f,) = _layout_findings(b.to_bytes(), "layout.grid")
    assert f.location.paragraph == 9 and f.message.startswith("正文等2段行距为1.5倍行距")


def test_non_cjk_count_agrees_with_the_cjk_class() -> None:
    """The fast count equals counting ``is_cjk_or_fullwidth`` characters one by one, rare Han included."""
    import random

    from doclint.text.chars import count_not_cjk_or_fullwidth as non_cjk_count
    from doclint.text.chars import is_cjk_or_fullwidth as is_cjk

    # The fast path takes the whole CJK Unified Ideographs block as Han.
    assert all(is_cjk(chr(c)) for c in range(0x4E00, 0xA000))
    alphabet = ("公文格式，。、：；“”‘’（）《》—…·％ａＡ１ 　\t\u00a0abcXYZ019-%"
                "\u3400\u4dbf\U00020000\U0002a6d6\uf900\ufa6d\u2e80\u2f00\u3005\u3007\u303b\ue000\uffe5\uff61\u3000")
    rng = random.Random(9704)
    for _ in range(500):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        lo = rng.randint(0, len(text))
        hi = rng.randint(lo, len(text))
        assert non_cjk_count(text, lo, hi) == sum(not is_cjk(ch) for ch in text[lo:hi]), (text, lo, hi)


def test_han_and_cjk_or_fullwidth_are_two_classes() -> None:
    """``is_han`` takes ideographs only; ``is_cjk_or_fullwidth`` also takes the full-width punctuation
    and forms Word sets in the eastAsia font."""
    from doclint.text.chars import is_cjk_or_fullwidth, is_han

    for ch in "公文\u3400\U00020000":
        assert is_han(ch) and is_cjk_or_fullwidth(ch)
    for ch in "，。、：；（）《》％ａ１":  # not “”: General Punctuation, set in either font
        assert not is_han(ch) and is_cjk_or_fullwidth(ch), ch
    for ch in "a1,.% \u3000“":
        assert not is_han(ch) and not is_cjk_or_fullwidth(ch), ch
