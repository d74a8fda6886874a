"""What one line of a draft looks like: the text patterns and the formatting cues anatomy scores.

Every element locator (head.py, tail.py) reads lines through these predicates, so a pattern is
defined once. Formatting cues come from the .docx (``LineLook``); plain text has none, and the
scores then rest on position, patterns and neighbours alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from doclint._cache import regexes

if TYPE_CHECKING:
    from doclint.model.document import Paragraph

MASK = "\ue000"  # residue is replaced by this private-use character, length kept


class LineLook(msgspec.Struct, frozen=True):
    """Formatting cues of one paragraph (all False/None for plain text)."""

    centered: bool = False
    right: bool = False
    size_pt: float | None = None  # the largest run size
    red: bool = False  # most of the text is red (发文机关标志, 纪要标志)
    bold: bool = False


NO_LOOK = LineLook()


def _is_red(color: str | None) -> bool:
    if not color or len(color) != 6:
        return False
    try:
        r, g, b = int(color[:2], 16), int(color[2:4], 16), int(color[4:], 16)
    except ValueError:
        return False
    return r >= 0xB0 and g <= 0x60 and b <= 0x60


def look_of(paragraph: Paragraph) -> LineLook:
    """The cues of one .docx paragraph: alignment, the largest run size, red or bold text."""
    size: float | None = None
    red = bold = total = 0
    for r in paragraph.runs:
        k = len(r.text.strip())
        if not k or r.format.hidden:
            continue
        total += k
        if r.format.size_pt is not None:
            size = max(size or 0.0, r.format.size_pt)
        red += k if _is_red(r.format.color) else 0
        bold += k if r.format.bold else 0
    align = paragraph.format.alignment
    return LineLook(centered=align == "center", right=align == "right", size_pt=size,
                    red=total > 0 and red * 2 > total, bold=total > 0 and bold * 2 > total)

DOC_NUMBER = regexes.compile(
    r"[\p{Han}×X]{0,12}\s*[〔\[（(【［<《]\s*(?:\d{2,4}|[〇○零一二三四五六七八九]{2,4}|20[X×x]{2})\s*[〕\]）)】］>》]\s*第?\s*[0-9X×x]+\s*号?"
)
SIGNER = regexes.compile(r"签\s*发\s*人\s*[：:]")
_MARK_LINE = regexes.compile(r"^(?:\d{6}|(?:绝密|机密|秘密)(?:\s*★.*)?|特急|加急|特提|平急|急件|特急件|加急件|紧急)$")
_FILE_MARK = regexes.compile(r"^.{2,40}文件$")
_ORDER_MARK = regexes.compile(r"^.{2,30}(?:命令|令)$")
_ORDER_NUMBER = regexes.compile(r"^第\s*[\d〇○零一二三四五六七八九十百千]+\s*号$")
_MINUTES_MARK = regexes.compile(r"^.{2,40}纪要$")
# “××人民政府办公室　　2024年5月9日” under a 纪要标志 or 期号: who issued it and when.
_ISSUER_DATE = regexes.compile(r"^[\p{Han}X×（）()]{2,40}[\s\u3000]{2,}(?:\d{4}|[X×]{2,4})年[\dX×]{1,2}月[\dX×]{1,2}日$")
_ISSUE_LINE = regexes.compile(r"^(?:[（(]?\s*)?第\s*[\d〇○零一二三四五六七八九十百]+\s*期\s*[）)]?$|^〔\d{4}〕\s*\d+\s*号$")
ORGAN_END = regexes.compile(
    r"(?:局|厅|委|办|政府|委员会|办公室|办公厅|部|院|署|中心|公司|党委|党组|处|科|所|站|队|会|社|校|馆|集团|兵团|银行|法院|"
    r"检察院|人大常委会|政协|军委|总部|机关|单位|学校|医院|大学|学院|协会|联合会|管委会|指挥部|领导小组|工作组)$"
)
_PLACE_END = regexes.compile(r"(?:区|县|市|旗|镇|乡|街道|省|部门|单位|盟|机构)$")  # 各县区, 各省、自治区, 市直各部门
_ORGAN_LIST = regexes.compile(r"^[\p{Han}（）()·\s\u3000、]{2,300}$")
_ORGAN_LINE = regexes.compile(r"^[\p{Han}（）()·\s\u3000、]{2,40}$")
RECIPIENT_END = regexes.compile(r"[：:]\s*$")
_RECIPIENT_SOFT_END = regexes.compile(r"[，,；;。.、]\s*$")
# A person addressed by a 答复 or 函 (“石英代表：”, “张华委员：”): the 主送 of answers to deputies' proposals.
_PERSON_END = regexes.compile(r"^[\p{Han}·]{1,12}(?:代表|委员|同志|先生|女士)$")
HEADING_START = regexes.compile(r"^[一二三四五六七八九十]+[、.．，,]|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、，,](?!\d)")
DATE_ONLY = regexes.compile(
    r"^\s*[(（]?\s*(?:\d{2,4}|[〇○零Oo一二三四五六七八九]{2,4}|20[X×x]{2})\s*[年.．/-]\s*"
    r"(?:\d{0,2}|[一二三四五六七八九十]{0,3}|[X×x]{1,2})\s*[月.．/-]?\s*"
    r"(?:\d{0,2}|[一二三四五六七八九十]{0,3}|[X×x]{1,2})\s*日?\s*[)）]?\s*(?:印发)?\s*$"
)
# “附：…” is the older form (1990s texts such as real-texts 036 write it so): an attachment note too.
ATTACH_NOTE = regexes.compile(r"^\s*附\s*(?:件\s*\d*\s*)?[：:]")
ATTACH_LABEL = regexes.compile(r"^\s*附\s*件\s*(?:[\d０-９一二三四五六七八九十]+\s*[：:．.、，,]?|[：:])?\s*$")
BANJI = regexes.compile(r"^\s*(?:抄\s*送|抄\s*报|分\s*送|主\s*送)\s*[：:]|印\s*发\s*$")
# 附注 (GB/T 9704 7.3.6): a bracketed line under the date; published texts add 公开属性 and 删减 notes there.
FUZHU = regexes.compile(
    r"^\s*[（(](?:[^（）()]|[（(][^（）()]*[）)])*(?:[）)]\s*$|$)"  # a bracketed line, possibly never closed
)
_FUZHU_WORDS = regexes.compile(r"联系人|联系电话|电话|此件|本件|公开|删减|节录|摘要|有删节|发至|传达|印发至")
_PUBLIC_NOTE = regexes.compile(r"^\s*(?:信息)?公开(?:方式|属性|选项)\s*[：:]")
SENTENCE_PUNCT = regexes.compile(r"[。；！？，]")
_INNER_STOP = regexes.compile(r"[。；！？]")


def clean(text: str) -> str:
    """Text without masks and edge spaces."""
    return text.replace(MASK, "").strip(" \u3000\t")


def is_mark(line: str) -> bool:
    """份号, 密级和保密期限, 紧急程度."""
    return bool(_MARK_LINE.match(line))


def is_doc_number(line: str) -> bool:
    """A 发文字号 line, with or without 签发人 on it."""
    return len(line) < 60 and bool(DOC_NUMBER.fullmatch(SIGNER.split(line)[0].strip()))


def is_signer(line: str) -> bool:
    """A 签发人 line (alone or beside the 发文字号)."""
    return len(line) < 60 and bool(SIGNER.search(line))


def is_file_mark(line: str) -> bool:
    """“××文件”: the 发文机关标志 of the 文件格式."""
    return bool(_FILE_MARK.match(line)) and not _INNER_STOP.search(line)


def is_order_mark(line: str) -> bool:
    """“××令”/“××命令”: the 发文机关标志 of the 命令格式 (GB/T 9704 10.2)."""
    return bool(_ORDER_MARK.match(line)) and bool(ORGAN_END.search(line[:-2] if line.endswith("命令") else line[:-1]))


def is_order_number(line: str) -> bool:
    """“第×号”: the 令号 under a 命令 标志."""
    return bool(_ORDER_NUMBER.match(line))


def is_minutes_mark(line: str) -> bool:
    """“××纪要”: the 纪要标志 of the 纪要格式 (GB/T 9704 10.3), or a 纪要 title."""
    return bool(_MINUTES_MARK.match(line)) and not SENTENCE_PUNCT.search(line)


def is_issue_line(line: str) -> bool:
    """A 期号 line under a 纪要标志 (“第3期”), or the issuer-and-date line beside it."""
    return bool(_ISSUE_LINE.match(line) or _ISSUER_DATE.match(line))


def is_organ(line: str) -> bool:
    """A line that is only an organ's name (or two, space-separated): 署名, 信函 发文机关标志."""
    return bool(_ORGAN_LINE.match(line)) and bool(ORGAN_END.search(line.replace("\u3000", "").replace(" ", "")))


def is_recipient(line: str) -> bool:
    """Ends in a colon and reads as a list of organs (any length: 28 bodies fit on one line)."""
    if not RECIPIENT_END.search(line) or HEADING_START.match(line) or ATTACH_NOTE.match(line):
        return False
    if _INNER_STOP.search(line) or is_doc_number(line) or is_signer(line):
        return False
    return len(line) <= 60 or (len(line) <= 600 and ("、" in line or "，" in line))


def is_soft_recipient(line: str) -> bool:
    """An organ list ending in “，”/“；” or nothing where the colon belongs (a fault, still the 主送)."""
    body = _RECIPIENT_SOFT_END.sub("", line)
    if _PERSON_END.match(body):
        return True
    return len(body) <= 300 and not _INNER_STOP.search(body) and not HEADING_START.match(body) and bool(
        ORGAN_END.search(body) or _PLACE_END.search(body)) and bool(
        _ORGAN_LIST.match(body.replace("，", "、").replace(",", "、")))


def is_date(line: str) -> bool:
    """A line holding only a date (成文日期 candidates)."""
    return len(line) <= 24 and bool(DATE_ONLY.match(line))


def is_fuzhu(line: str) -> bool:
    """A 附注 line: bracketed (even if the bracket is never closed) and naming what notes name."""
    if _PUBLIC_NOTE.match(line):
        return True
    return len(line) <= 160 and bool(FUZHU.match(line)) and bool(_FUZHU_WORDS.search(line))


def is_banji(line: str) -> bool:
    """抄送 / 印发 lines of the 版记."""
    return bool(BANJI.search(line))


# 纪要格式 (GB/T 9704 10.3): “出席：”“请假：”“列席：” and the names (units) after them.
_ATTENDANCE = regexes.compile(r"^(?:出\s*席|列\s*席|请\s*假|缺\s*席)(?:人\s*员|单\s*位|领\s*导|同\s*志)?\s*[：:]")


def is_attendance(line: str) -> bool:
    """The first line of a 纪要's 出席/列席/请假 list."""
    return bool(_ATTENDANCE.match(line))


def is_signature(line: str) -> bool:
    """A line that can be the 发文机关署名 above a date."""
    return len(line) <= 40 and not SENTENCE_PUNCT.search(line) and not HEADING_START.match(line) and not (
        ATTACH_NOTE.match(line)) and not is_date(line) and not is_attendance(line)


def has_stop(line: str) -> bool:
    """A full stop, semicolon, exclamation or question mark inside the line (not only at its end)."""
    return bool(_INNER_STOP.search(line, 0, max(0, len(line) - 1)))


def sentence_like(line: str) -> bool:
    """Body prose: long, or with a stop inside."""
    return len(line) > 60 or bool(_INNER_STOP.search(line))


def prose_like(line: str) -> bool:
    """Body prose, or a clause of it (“……收悉，现批复如下：”): what follows a 主送 line."""
    return sentence_like(line) or (len(line) >= 12 and "，" in line and not HEADING_START.match(line))
