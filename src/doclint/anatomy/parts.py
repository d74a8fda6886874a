"""Find 版头, 标题, 主送机关, 正文, headings, 附件说明, 署名, 成文日期, 附注 and 版记.

Works on the masked paragraph texts (residue already blanked out), so that
ads and paywall markers do not hide a heading or a date.
"""

from __future__ import annotations

from enum import Enum

import msgspec

from doclint._cache import regexes
from doclint.anatomy.doc_type import doc_type_from_title


class Role(str, Enum):
    """The part a body paragraph belongs to (a rule's ``scope`` names these)."""

    BANTOU = "bantou"  # 版头: 份号, 密级, 紧急程度, 发文机关标志, 发文字号, 签发人
    TITLE = "title"
    RECIPIENT = "recipient"
    BODY = "body"
    HEADING = "heading"
    ATTACHMENT_NOTE = "attachment_note"
    SIGNATURE = "signature"
    DATE = "date"
    FUZHU = "fuzhu"
    BANJI = "banji"
    ATTACHMENT = "attachment"
    BLANK = "blank"


MASK = "\ue000"  # residue is replaced by this private-use character, length kept

_DOC_NUMBER = regexes.compile(
    r"[\p{Han}×X]{0,12}\s*[〔\[（(【［<《]\s*(?:\d{2,4}|[〇○零一二三四五六七八九]{2,4}|20[X×x]{2})\s*[〕\]）)】］>》]\s*第?\s*[0-9X×x]+\s*号?"
)
_SIGNER = regexes.compile(r"签\s*发\s*人\s*[：:]")
_BANTOU_LINE = regexes.compile(
    r"^(?:\d{6}|(?:绝密|机密|秘密)(?:★.*)?|(?:特急|加急|特提|平急|急件)|.{2,30}文件|.{2,20}(?:电报|令))$"
)
_RECIPIENT_END = regexes.compile(r"[：:]\s*$")
_HEADING_START = regexes.compile(r"^[一二三四五六七八九十]+[、.．，,]|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、，,](?!\d)")
_DATE_ONLY = regexes.compile(
    r"^\s*[(（]?\s*(?:\d{2,4}|[〇○零Oo一二三四五六七八九]{2,4}|20[X×x]{2})\s*[年.．/-]\s*"
    r"(?:\d{0,2}|[一二三四五六七八九十]{0,3}|[X×x]{1,2})\s*[月.．/-]?\s*"
    r"(?:\d{0,2}|[一二三四五六七八九十]{0,3}|[X×x]{1,2})\s*日?\s*[)）]?\s*(?:印发)?\s*$"
)
_ATTACH_NOTE = regexes.compile(r"^\s*附\s*件\s*\d*\s*[：:]")
_ATTACH_LABEL = regexes.compile(r"^\s*附\s*件\s*(?:[\d一二三四五六七八九十]+\s*[：:]?)?\s*$")
_BANJI = regexes.compile(r"^\s*(?:抄\s*送|抄\s*报|分\s*送)\s*[：:]|印发\s*$")
_FUZHU = regexes.compile(r"^\s*[（(].*(?:联系人|联系电话|电话|此件|公开方式|主动公开|不予公开|依申请公开).*[）)]\s*$")
_SENTENCE_PUNCT = regexes.compile(r"[。；！？，]")


class Heading(msgspec.Struct, frozen=True):
    """A numbered heading: level 1 一、 2 （一） 3 1. 4 （1）."""

    paragraph: int
    level: int
    number: int
    form: str  # the marker as written, e.g. "一、", "（一）", "1.", "（1）"
    start: int  # offset of the marker in the paragraph
    end: int
    punct: str  # the mark after the number for 一/1 forms ("" for bracketed)
    run_in: bool  # body text follows on the same line


class Anatomy(msgspec.Struct, frozen=True):
    """Located parts, by paragraph index."""

    roles: dict[int, Role]
    title: tuple[int, ...] = ()
    recipient: tuple[int, ...] = ()
    body: tuple[int, ...] = ()
    headings: tuple[Heading, ...] = ()
    attachment_note: tuple[int, ...] = ()
    signature: int | None = None
    date: int | None = None
    fuzhu: tuple[int, ...] = ()
    banji: tuple[int, ...] = ()
    bantou: tuple[int, ...] = ()
    doc_number: int | None = None
    signer: int | None = None
    attachments: tuple[int, ...] = ()
    title_text: str = ""

    def indices(self, role: Role) -> list[int]:
        """Paragraph indices with this role (headings count as body too)."""
        return [i for i, r in self.roles.items() if r == role]


_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def chinese_number(s: str) -> int | None:
    """Value of a Chinese numeral up to 99 (一, 十, 十二, 二十三); None for anything else (四五十, 十十)."""
    if len(s) == 1:
        return 10 if s == "十" else _CN_DIGITS.get(s)
    tens, ten, ones = s.partition("十")
    if not ten or len(tens) > 1 or len(ones) > 1:
        return None
    t = _CN_DIGITS.get(tens) if tens else 1
    o = _CN_DIGITS.get(ones) if ones else 0
    return None if t is None or o is None else t * 10 + o


_H_PATTERNS = (
    (1, regexes.compile(r"(?P<num>[一二三四五六七八九十]{1,3})(?P<p>[、.．，,:：])")),
    (2, regexes.compile(r"[（(](?P<num>[一二三四五六七八九十]{1,3})[）)](?P<p>[、.．，,]?)")),
    (3, regexes.compile(r"(?P<num>\d{1,2})(?P<p>[.．、，,])(?!\d)")),
    (4, regexes.compile(r"[（(](?P<num>\d{1,2})[）)](?P<p>[、.．，,]?)")),
)
# Each marker form starts with its own kind of character: try only the forms that can match.
_BY_FIRST = dict.fromkeys("一二三四五六七八九十", _H_PATTERNS[:1]) | dict.fromkeys("（(", (_H_PATTERNS[1], _H_PATTERNS[3]))
_LEADING = frozenset(" \u3000\t" + MASK)


def parse_heading(index: int, text: str) -> Heading | None:
    """Recognise a heading marker at the start of a paragraph (after masks and spaces)."""
    offset = 0
    n = len(text)
    while offset < n and text[offset] in _LEADING:
        offset += 1
    if offset == n:
        return None
    first = text[offset]
    patterns = _BY_FIRST.get(first) or ((_H_PATTERNS[2],) if first.isdecimal() else ())  # \d is Unicode Nd
    for level, pat in patterns:
        m = pat.match(text, offset)
        if not m:
            continue
        raw = m.group("num")
        number = int(raw) if raw.isdigit() else chinese_number(raw)
        if number is None:
            return None
        rest = text[m.end():].strip()
        # "一是…" and "1.5亿元" are not headings; neither is a bare number line.
        if not rest:
            return None
        if level == 1 and m.group("p") in ":：":
            return None
        return Heading(
            paragraph=index,
            level=level,
            number=number,
            form=m.group(0),
            start=m.start(),
            end=m.end(),
            punct=m.group("p"),
            run_in=bool(_SENTENCE_PUNCT.search(rest, 0, len(rest) - 1)) if len(rest) > 1 else False,
        )
    return None


def _clean(text: str) -> str:
    return text.replace(MASK, "").strip(" \u3000\t")


def locate(texts: list[str], centered: list[bool] | None = None) -> Anatomy:
    """Assign a role to every body paragraph."""
    n = len(texts)
    clean = [_clean(t) for t in texts]
    roles: dict[int, Role] = {i: Role.BLANK for i in range(n) if not clean[i]}
    nonblank = [i for i in range(n) if clean[i]]
    if not nonblank:
        return Anatomy(roles=roles)

    # 版头: leading lines that look like header marks, a 发文字号 or a 签发人.
    bantou: list[int] = []
    doc_number = signer = None
    pos = 0
    while pos < len(nonblank) and pos < 8:
        i = nonblank[pos]
        line = clean[i]
        is_number = bool(_DOC_NUMBER.fullmatch(_SIGNER.split(line)[0].strip())) if len(line) < 60 else False
        if is_number or _SIGNER.search(line) or (_BANTOU_LINE.match(line) and not doc_type_from_title(line).doc_type):
            bantou.append(i)
            if is_number and doc_number is None:
                doc_number = i
            if _SIGNER.search(line) and signer is None:
                signer = i
            pos += 1
            continue
        break
    for i in bantou:
        roles[i] = Role.BANTOU

    # 标题: the next line unless it already reads as the 主送机关; may wrap to a second line.
    title: list[int] = []
    if pos < len(nonblank):
        i = nonblank[pos]
        line = clean[i]
        looks_recipient = bool(_RECIPIENT_END.search(line)) and len(line) <= 60
        if not looks_recipient and len(line) <= 80 and not _DATE_ONLY.match(line) and not _HEADING_START.match(line):
            title.append(i)
            pos += 1
            if (
                pos < len(nonblank)
                and not doc_type_from_title(line).doc_type
                and not doc_type_from_title(line).non_statutory
            ):
                j = nonblank[pos]
                nxt = clean[j]
                both_centered = centered is not None and centered[i] and centered[j]
                if (doc_type_from_title(nxt).doc_type or both_centered) and not _RECIPIENT_END.search(nxt) and len(nxt) <= 60:
                    title.append(j)
                    pos += 1
    for i in title:
        roles[i] = Role.TITLE

    # 主送机关: the first line after the title ending in a colon (may wrap to two lines).
    recipient: list[int] = []
    for k in range(pos, min(pos + 2, len(nonblank))):
        i = nonblank[k]
        line = clean[i]
        if len(line) <= 80 and _RECIPIENT_END.search(line) and not _HEADING_START.match(line) and not _ATTACH_NOTE.match(line):
            recipient = [nonblank[q] for q in range(pos, k + 1)]
            pos = k + 1
            break
    for i in recipient:
        roles[i] = Role.RECIPIENT

    # From the end: 附件 pages, 版记, 附注, 成文日期, 署名, 附件说明.
    end = len(nonblank)
    attachments: list[int] = []
    for k in range(pos, end):
        i = nonblank[k]
        if _ATTACH_LABEL.match(clean[i]) and k > pos + 1:
            attachments = [nonblank[q] for q in range(k, end)]
            end = k
            break
    banji: list[int] = []
    while end > pos and _BANJI.search(clean[nonblank[end - 1]]):
        end -= 1
        banji.insert(0, nonblank[end])
    # 印发 line may be preceded by 抄送; allow a 印发 date line to be split off too.
    fuzhu: list[int] = []
    date = signature = None
    scan = end
    while scan > pos and scan > end - 3:
        i = nonblank[scan - 1]
        if _FUZHU.match(clean[i]):
            fuzhu.insert(0, i)
            scan -= 1
            continue
        break
    if scan > pos and _DATE_ONLY.match(clean[nonblank[scan - 1]]) and len(clean[nonblank[scan - 1]]) <= 20:
        date = nonblank[scan - 1]
        scan -= 1
        if scan > pos:
            cand = nonblank[scan - 1]
            line = clean[cand]
            plain = not _SENTENCE_PUNCT.search(line) and not _HEADING_START.match(line) and not _ATTACH_NOTE.match(line)
            if len(line) <= 40 and plain:
                signature = cand
                scan -= 1
        end = scan
    elif fuzhu:
        end = scan
    # 附件说明: "附件：…" and its numbered continuation lines, just above the 署名.
    attachment_note: list[int] = []
    for k in range(max(pos, end - 12), end):
        i = nonblank[k]
        if _ATTACH_NOTE.match(clean[i]):
            attachment_note = [nonblank[q] for q in range(k, end)]
            end = k
            break

    body = [nonblank[k] for k in range(pos, end)]
    headings: list[Heading] = []
    for i in body:
        roles[i] = Role.BODY
        h = parse_heading(i, texts[i])
        if h is not None:
            headings.append(h)
            roles[i] = Role.HEADING
    for i in attachment_note:
        roles[i] = Role.ATTACHMENT_NOTE
    if signature is not None:
        roles[signature] = Role.SIGNATURE
    if date is not None:
        roles[date] = Role.DATE
    for i in fuzhu:
        roles[i] = Role.FUZHU
    for i in banji:
        roles[i] = Role.BANJI
    for i in attachments:
        roles[i] = Role.ATTACHMENT
    return Anatomy(
        roles=roles,
        title=tuple(title),
        recipient=tuple(recipient),
        body=tuple(body),
        headings=tuple(headings),
        attachment_note=tuple(attachment_note),
        signature=signature,
        date=date,
        fuzhu=tuple(fuzhu),
        banji=tuple(banji),
        bantou=tuple(bantou),
        doc_number=doc_number,
        signer=signer,
        attachments=tuple(attachments),
        title_text="".join(clean[i] for i in title),
    )
