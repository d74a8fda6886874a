"""How layout findings name what they measured, in the words Word's own menus use."""

from __future__ import annotations

import functools

from doclint.rules.profiles import Profile

SIZE_NAMES = {
    42.0: "初号", 36.0: "小初", 26.0: "一号", 24.0: "小一", 22.0: "二号", 18.0: "小二", 16.0: "三号",
    15.0: "小三", 14.0: "四号", 12.0: "小四", 10.5: "五号", 9.0: "小五", 7.5: "六号", 6.5: "小六",
    5.5: "七号", 5.0: "八号",
}
_CN_LEVEL = {1: "一", 2: "二", 3: "三", 4: "四"}
ROLE_LABELS = {
    "title": "标题", "body": "正文", "recipient": "主送机关", "attachment_note": "附件说明",
    "signature": "发文机关署名", "date": "成文日期", "fuzhu": "附注", "banji": "版记", "heading": "标题层次",
}
KEY_LABELS = {"body": "正文", "title": "标题", "banji": "版记", "page_number": "页码"}
ALIGN_LABELS = {"center": "居中", "left": "左对齐", "right": "右对齐", "both": "两端对齐", "distribute": "分散对齐"}
ALIGN_KEYS = {"center": "居中（Ctrl+E）", "left": "左对齐（Ctrl+L）", "right": "右对齐（Ctrl+R）", "both": "两端对齐（Ctrl+J）"}


def num_label(value: float) -> str:
    """12.0 → "12", 28.95 → "28.95", 25.4001 → "25.4"."""
    return f"{round(value, 2):g}"


def size_label(pt: float | None) -> str:
    """16 → "三号（16磅）"; None → "未设置字号"."""
    if pt is None:
        return "未设置字号（Word 按默认字号显示）"
    name = SIZE_NAMES.get(round(pt * 2) / 2)
    return f"{name}（{num_label(pt)}磅）" if name else f"{num_label(pt)}磅"


def size_name(pt: float) -> str:
    """The Chinese size name Word's size box offers, or the number of points to type in."""
    return SIZE_NAMES.get(round(pt * 2) / 2) or num_label(pt)


def font_label(font: str | None) -> str:
    """The font Word shows, as a drafter would read it."""
    return font if font else "未设置中文字体（Word 按默认字体显示）"


def family_label(profile: Profile, family: str) -> str:
    """仿宋 → "仿宋（如仿宋_GB2312）"."""
    preferred = profile.preferred_font(family)
    return family if preferred == family else f"{family}（如{preferred}）"


@functools.lru_cache(maxsize=64)  # a few dozen combinations; messages ask once per paragraph
def span_label(role: str, key: str, level: int | None) -> str:
    """Where a span is, in words: 正文, 标题, 第二层标题 …"""
    if key.startswith("heading") and level is not None:
        return f"第{_CN_LEVEL.get(level, str(level))}层标题"
    if key == "body" and role == "heading":
        return "正文"
    return ROLE_LABELS.get(role, "正文")


class _Vars(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, object]) -> str:
    """Fill a message template; unknown placeholders stay as written."""
    try:
        return template.format_map(_Vars(values))
    except (ValueError, IndexError):
        return template
