"""Find 版头, 标题, 主送机关, 正文, headings, 附件说明, 署名, 成文日期, 附注, 版记 and attachments.

Works on the masked paragraph texts (residue already blanked out), so that
ads and paywall markers do not hide a heading or a date.
"""

from __future__ import annotations

from enum import Enum

import msgspec

from doclint._cache import regexes
from doclint.anatomy.head import locate_head
from doclint.anatomy.lines import ATTACH_LABEL, MASK, LineLook, clean, is_attendance, sentence_like
from doclint.anatomy.tail import locate_tail
from doclint.anatomy.unit import sending_unit

__all__ = ["MASK", "Anatomy", "Heading", "LineLook", "Role", "chinese_number", "locate", "parse_heading"]


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
    ATTENDANCE = "attendance"  # 纪要: 出席/列席/请假 and the names after them (GB/T 9704 10.3)
    BLANK = "blank"


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
    auto: bool = False  # the marker is an automatic list number, outside the text (start = end = 0)

    @property
    def span(self) -> tuple[int | None, int | None]:
        """Offsets to report the marker at: None for an automatic number (the whole paragraph)."""
        return (None, None) if self.auto else (self.start, self.end)


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
    layout: str = ""  # GB/T 9704 format of the 版头: 文件 | 信函 | 命令 | 纪要 | "" (none found)
    organ_mark: int | None = None  # the 发文机关标志 (or 纪要标志) line
    unit: str | None = None  # the sending unit as the draft names it (署名, 标志, title)
    # How sure the locator is of each element it found (0..1); an element missing from here was not found.
    confidence: dict[str, float] = msgspec.field(default_factory=dict)
    date_hint: int | None = None  # a short line with a date in it, not taken as the 成文日期
    # Headings of each attachment (one numbering sequence per attachment, split at its “附件N” label).
    attachment_headings: tuple[tuple[Heading, ...], ...] = ()
    attendance: tuple[int, ...] = ()  # 纪要: the 出席/列席/请假 lines and their continuation lines

    @property
    def heading_sequences(self) -> tuple[tuple[tuple[int, ...], tuple[Heading, ...]], ...]:
        """(paragraphs, headings) of the body and then of each attachment: each hierarchy is checked on its own."""
        out: list[tuple[tuple[int, ...], tuple[Heading, ...]]] = [(self.body, self.headings)]
        out.extend((self.attachments, group) for group in self.attachment_headings)
        return tuple(out)

    @property
    def every_heading(self) -> tuple[Heading, ...]:
        """The body's headings, then each attachment's."""
        return self.headings + tuple(h for g in self.attachment_headings for h in g)

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


def parse_heading(index: int, text: str, auto_number: str | None = None) -> Heading | None:
    """Recognise a heading marker at the start of a paragraph (after masks and spaces).

    ``auto_number`` is the paragraph's automatic list number (“三、”), read before the text as a
    reader sees it; a marker found in it is ``auto`` and its offsets are 0.
    """
    if auto_number:
        h = parse_heading(index, auto_number + text)
        if h is None:
            return None
        k = len(auto_number)
        return msgspec.structs.replace(h, start=max(0, h.start - k), end=max(0, h.end - k), auto=h.start < k)
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


def locate(texts: list[str], centered: list[bool] | None = None, looks: list[LineLook] | None = None,
           numbers: list[str | None] | None = None) -> Anatomy:
    """Assign a role to every body paragraph (``looks``: formatting cues of a .docx, one per paragraph;
    ``numbers``: automatic list numbers, shown before the text)."""
    n = len(texts)
    lines = [clean((numbers[i] or "") + t) if numbers is not None else clean(t) for i, t in enumerate(texts)]
    roles: dict[int, Role] = {i: Role.BLANK for i in range(n) if not lines[i]}
    nonblank = [i for i in range(n) if lines[i]]
    if not nonblank:
        return Anatomy(roles=roles)
    if looks is None and centered is not None:
        looks = [LineLook(centered=c) for c in centered]
    head = locate_head(lines, nonblank, looks)
    tail = locate_tail(lines, nonblank, head.pos, looks)
    body = nonblank[head.pos:tail.end]
    attendance: list[int] = []
    if head.layout == "纪要" or "".join(lines[i] for i in head.title).endswith("纪要"):
        attendance = _attendance(lines, texts, body)
        body = [i for i in body if i not in attendance]
    headings: list[Heading] = []
    groups: list[list[Heading]] = []
    for i in tail.attachments:
        if not groups or ATTACH_LABEL.match(lines[i]):
            groups.append([])
        h = parse_heading(i, texts[i], numbers[i] if numbers is not None else None)
        if h is not None:
            groups[-1].append(h)
    for i in tail.stray:
        roles[i] = Role.BODY
    for i in body:
        roles[i] = Role.BODY
        h = parse_heading(i, texts[i], numbers[i] if numbers is not None else None)
        if h is not None:
            headings.append(h)
            roles[i] = Role.HEADING
    for role, idx in ((Role.BANTOU, head.bantou), (Role.TITLE, head.title), (Role.RECIPIENT, head.recipient),
                      (Role.ATTACHMENT_NOTE, tail.attachment_note), (Role.FUZHU, tail.fuzhu),
                      (Role.BANJI, tail.banji), (Role.ATTACHMENT, tail.attachments)):
        for i in idx:
            roles[i] = role
    for i in attendance:
        roles[i] = Role.ATTENDANCE
    for i in tail.co_signers:
        roles[i] = Role.SIGNATURE
    if tail.signature is not None:
        roles[tail.signature] = Role.SIGNATURE
    if tail.date is not None:
        roles[tail.date] = Role.DATE
    title_text = "".join(lines[i] for i in head.title)
    confidence = {"title": head.title_confidence} if head.title else {}
    if head.recipient:
        confidence["recipient"] = head.recipient_confidence
    if tail.date is not None:
        confidence["date"] = tail.date_confidence
    def unmasked(i: int | None) -> str | None:  # a name with residue blanked out of it is no name
        return None if i is None or MASK in texts[i] else lines[i]

    title_raw = "" if any(MASK in texts[i] for i in head.title) else title_text
    signed = [unmasked(i) for i in (*tail.co_signers, tail.signature) if i is not None]
    signature = None if None in signed or not signed else "　".join(s for s in signed if s)
    unit = sending_unit(signature, unmasked(head.organ_mark), title_raw)
    return Anatomy(
        roles=roles,
        title=tuple(head.title),
        recipient=tuple(head.recipient),
        body=tuple(body),
        headings=tuple(headings),
        attachment_note=tuple(tail.attachment_note),
        signature=tail.signature,
        date=tail.date,
        fuzhu=tuple(tail.fuzhu),
        banji=tuple(tail.banji),
        bantou=tuple(head.bantou),
        doc_number=head.doc_number,
        signer=head.signer,
        attachments=tuple(tail.attachments),
        title_text=title_text,
        layout=head.layout,
        organ_mark=head.organ_mark,
        unit=unit,
        confidence=confidence,
        date_hint=tail.date_hint,
        attachment_headings=tuple(tuple(g) for g in groups if g),
        attendance=tuple(attendance),
    )


def _attendance(lines: list[str], texts: list[str], body: list[int]) -> list[int]:
    """A 纪要's 出席/列席/请假 lines: each label line, and the lines that carry its list on (indented to
    align under the first name, or a short list of names with no sentence in it)."""
    out: list[int] = []
    inside = False
    for i in body:
        if is_attendance(lines[i]):
            out.append(i)
            inside = True
        elif inside and len(lines[i]) <= 80 and not sentence_like(lines[i]) and (
                texts[i][:1] in " \u3000\t" or "、" not in lines[i] or len(lines[i]) <= 40):
            out.append(i)
        else:
            inside = False
    return out
