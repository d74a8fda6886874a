"""The document type (文种, ``doc_type``) from the option, the title, or the content."""

from __future__ import annotations

import msgspec
import regex

from doclint._cache import regexes

# Re-exported (PEP 484 "as" form): the names live in type_names, which the command line imports alone.
from doclint.anatomy.type_names import ALL_TYPES as ALL_TYPES  # noqa: PLC0414
from doclint.anatomy.type_names import DOC_TYPES as DOC_TYPES  # noqa: PLC0414
from doclint.anatomy.type_names import REFINED as REFINED  # noqa: PLC0414

_TITLE_TAIL = regexes.compile(
    r"(?P<doc_type>决议|决定|命令|令|公报|公告|通告|实施意见|意见|通知|通报|报告|请示|批复|议案|复函|函|纪要|答复)"
    r"[）)」”]*$"
)
# “…建议的答复”/“…提案的答复”: answers to deputies' proposals, sent as 函 (a 函 in substance).
_DOC_TYPE_ALIASES = {"令": "命令", "实施意见": "意见", "复函": "函", "答复": "函"}
# Non-statutory endings drafters put where the type belongs.
NON_STATUTORY_ENDINGS = ("申请", "总结", "方案", "汇报", "情况说明", "请求", "计划", "规划", "简报", "请示报告", "报告请示",
                         "讲话", "发言", "致辞", "讲稿", "发言稿", "讲话稿", "汇报材料")
# The legal type a non-statutory ending stands closest to, for the limits a draft would be held to.
CLOSEST_DOC_TYPE = {"总结": "报告", "汇报": "报告", "情况说明": "报告", "汇报材料": "报告", "申请": "请示", "请求": "请示",
                    "请示报告": "请示", "报告请示": "请示"}
# Speeches and the reports read to a congress are not 公文 reports: no 报告 length limit.
_NOT_A_LIMITED_REPORT = regexes.compile(
    r"(?:政府|常务委员会|常委会|法院|检察院)工作报告$|在.{2,80}?(?:会|典礼|仪式|论坛|开幕式|闭幕式|活动)上的(?:讲话|报告|发言|致辞)$"
    r"|(?:讲话|发言|致辞)(?:稿|提纲)?$"
)
_TITLE_BAD_TAIL = regexes.compile("(" + "|".join(sorted(NON_STATUTORY_ENDINGS, key=len, reverse=True)) + r")[）)」”]*$")

_CONTENT_SIGNALS: tuple[tuple[str, regex.Pattern[str]], ...] = (
    ("请示", regexes.compile(r"妥否|当否|请予?(?:批示|批复|审批|批准|审定|核准|批转)|恳请.{0,20}(?:批准|批复|审批)|以上请示"
                            r"|如无不妥.{0,6}请.{0,8}(?:批转|转发|印发)")),
    ("报告", regexes.compile(r"特此报告|专此报告|以上报告|现将.{0,40}报告如下")),
    ("函", regexes.compile(r"特此函告|请予?函复|盼复|特此函复|此复")),
    ("批复", regexes.compile(r"此复")),  # both 复函 and 批复 close with 此复
    ("通知", regexes.compile(r"特此通知")),
    ("通报", regexes.compile(r"特此通报")),
    ("批复", regexes.compile(r"^你(?:单位|市|县|区|厅|局|委|办|部|院|校|公司)?.{0,6}《关于.+?的请示》.{0,40}收悉")),
)


class TitleDocType(msgspec.Struct, frozen=True):
    """What the title's ending says about the document type."""

    doc_type: str | None  # one of DOC_TYPES, normalised
    raw_tail: str | None  # the ending as written (复函, 实施意见, 总结 …)
    stacked: bool = False  # 请示报告
    non_statutory: str | None = None  # 申请, 总结 …


_ORDER_TITLE = regexes.compile(r"(?:政府|部|委|署|局|院)令(?:（第.+号）)?$")


def doc_type_from_title(title: str) -> TitleDocType:
    """Read the document type from the end of a title (the embedded document of 印发《…》 is ignored)."""
    t = title.strip().rstrip("。.，,；;：: ")
    bad = _TITLE_BAD_TAIL.search(t)
    if bad:
        tail = bad.group(1)
        return TitleDocType(None, tail, stacked=tail in ("请示报告", "报告请示"), non_statutory=tail)
    m = _TITLE_TAIL.search(t)
    if not m:
        return TitleDocType(None, None)
    raw = m.group("doc_type")
    # "…办法》的通知" ends in 通知; a bare "…令" must not swallow words such as 指令/口令.
    if raw == "令" and not _ORDER_TITLE.search(t):
        return TitleDocType(None, None)
    return TitleDocType(_DOC_TYPE_ALIASES.get(raw, raw), raw)


def doc_type_from_content(closing: list[str], opening: list[str]) -> str | None:
    """The document type from closing phrases (last paragraphs) or a 批复's opening line."""
    for line in opening[:2]:
        if _CONTENT_SIGNALS[-1][1].search(line):
            return "批复"
    for line in reversed(closing):
        for doc_type, pat in _CONTENT_SIGNALS[:-1]:
            if pat.search(line):
                return doc_type
    return None


def content_signals(lines: list[str]) -> set[str]:
    """Every document type whose closing phrase appears in these lines."""
    found: set[str] = set()
    for line in lines:
        for doc_type, pat in _CONTENT_SIGNALS[:-1]:
            if pat.search(line):
                found.add(doc_type)
    return found


_SPECIAL_TITLE = regexes.compile(r"专项|专题|调研|落实.{0,30}批示|事件|事故")
_COMPREHENSIVE_TITLE = regexes.compile(r"年度|上半年|下半年|季度|全年|工作情况|工作报告|全面|综合|年工作")


def length_exempt(title: str | None) -> bool:
    """A speech or a report read to a congress (政府工作报告): held to no 公文 length limit."""
    return bool(_NOT_A_LIMITED_REPORT.search((title or "").strip().rstrip("。")))


def report_subtype(title: str | None) -> str | None:
    """综合报告 or 专项报告 from the title (no standard defines the split); None when unclear."""
    t = title or ""
    if length_exempt(t):
        return None
    if _SPECIAL_TITLE.search(t):
        return "专项报告"
    if _COMPREHENSIVE_TITLE.search(t):
        return "综合报告"
    return None


class KindEvidence(msgspec.Struct, frozen=True):
    """Wording that says a draft is another kind than its title: the kind, the words, where."""

    other: str  # the kind the words belong to, or 下行文
    words: str  # the words as written
    where: str  # 主送 | 开头 | 正文 | 结尾


_UPWARD = frozenset({"请示", "报告"})
# 批复 answer a 请示 and quote it first (“你省《关于……的请示》收悉”, “……的请示（〔1996〕…号）收悉”).
_REPLY_OPENING = regexes.compile(
    r"(?:关于[^，。；：]{2,160}?的请示》?(?:[（(][^（）()]{0,40}[）)])?|来文|来函|请示)收悉|现批复如下|特此批复"
)
_CITES_REQUEST = regexes.compile(r"收悉|请示|来文|来函|报告")
_ISSUE_WORDS = regexes.compile(r"(?:印发|转发|下发)给你们")
# A superior's instruction to its recipients (not “请批转各地……执行”, which a 请示 asks of its superior).
_DIRECTIVE = regexes.compile(
    r"请(?:各[^，。；：“”]{1,20}?)?(?:结合实际[，,]?)?(?:认真|切实)?(?:贯彻执行|贯彻落实|遵照执行|抓好落实|组织实施)"
)
# 函 between organs that are not superior and subordinate: 商请, asking for a reply or for help.
_LETTER_WORDS = regexes.compile(r"商请|盼复|请予?函复|函告|(?:支持|协助|配合|函复)为盼")
# Addressing the recipient as “你省/你局”: a superior (or a peer, in a 函) speaking, never a 请示 or 报告.
# In a 通知 only what no notice says: it informs or instructs, it does not 商请 or wait for a reply.
_LETTER_ONLY = regexes.compile(r"商请|盼复|(?:支持|协助|配合)为盼")
_YOU = regexes.compile(r"你(?:省|市|县|区|州|盟|旗|乡|镇|局|厅|委|部|办|院|署|们|单位|公司|校|所|中心)")
_MANY = regexes.compile(r"^各|[市省县区直属级]各")
_QUOTED = regexes.compile(r"“[^“”]*”|《[^《》]*》")


def _unquoted(pat: regex.Pattern[str], line: str) -> regex.Match[str] | None:
    spans = [(m.start(), m.end()) for m in _QUOTED.finditer(line)]
    for m in pat.finditer(line):
        if not any(s <= m.start() and m.end() <= e for s, e in spans):
            return m
    return None


def kind_evidence(doc_type: str, recipient: str, body: list[str], closing_formula: bool = True) -> KindEvidence | None:
    """Words in the 主送 or the body that belong to another kind than ``doc_type`` (the title's), or None.

    Only unmistakable signs count: a 主送 of “各…” under an upward kind (请示, 报告 go to one superior),
    a 批复's opening under a kind that answers nothing, 印发/转发给你们 or a superior's instruction under an
    upward kind, a closing formula of another kind (unless ``closing_formula`` is False), and a 批复 that
    quotes no request it answers.
    """
    base = REFINED.get(doc_type, doc_type)
    opening, closing = body[:2], body[-2:]
    if base in _UPWARD | {"批复"}:
        for item in regex.split(r"[、，,；;：:]", recipient):
            if _MANY.search(item.strip()):
                return KindEvidence("下行文", item.strip(), "主送")
    if base in ("请示", "报告", "通知", "意见", "决定", "通报", "公告", "通告", "决议"):
        for line in opening:
            m = _REPLY_OPENING.search(line)
            if m:
                return KindEvidence("批复", m.group(), "开头")
    if base in _UPWARD | {"批复"}:
        for line in body:
            m = _unquoted(_ISSUE_WORDS, line)
            if m:
                return KindEvidence("通知", m.group(), "正文")
    if base in _UPWARD:
        for line in body:
            m = _unquoted(_DIRECTIVE, line)
            if m:
                return KindEvidence("下行文", m.group(), "正文")
    if base in _UPWARD:
        for line in body:
            m = _unquoted(_YOU, line)
            if m:
                return KindEvidence("下行文", m.group(), "称谓")
    if base in ("请示", "通知"):
        for line in body:
            m = _unquoted(_LETTER_WORDS if base == "请示" else _LETTER_ONLY, line)
            if m:
                return KindEvidence("函", m.group(), "正文")
    if base == "批复" and opening and not any(_CITES_REQUEST.search(line) for line in opening):
        return KindEvidence("", opening[0][:12], "开头")
    signals = content_signals(closing)
    if not closing_formula or base in signals or (base in ("批复", "函") and signals & {"批复", "函"}):
        return None
    for line in reversed(closing):
        for other, pat in _CONTENT_SIGNALS[:-1]:
            m = pat.search(line)
            if not m or other == base:
                continue
            if other == "请示" and base == "意见" and "如无不妥" in line:
                continue  # 呈转性意见: an upward 意见 asks to be forwarded
            if other == "请示" and base == "函" and not regex.search(r"请示|批示", m.group()):
                continue  # 请批函: a 函 may ask an unrelated organ to approve
            return KindEvidence(other, m.group(), "结尾")
    return None
