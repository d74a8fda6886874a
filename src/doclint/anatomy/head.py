"""The head of a draft: 版头 (marks, 发文机关标志, 发文字号, 签发人), 标题 and 主送机关.

Knows the four GB/T 9704—2012 layouts and the published (web) order:

- 文件格式 (§7.2): “××文件” over the 发文字号 (and 签发人), then the title;
- 信函格式 (§10.1): the organ's full name as the 标志, the 发文字号 under it, then the title;
- 命令格式 (§10.2): “××令” and the 令号 “第×号”, then the body (no title);
- 纪要格式 (§10.3): “××纪要” as the 标志 (a 期号 may follow), then the title;
- published order: title first, the 发文字号 on the line below it, then the 主送机关.

A title is chosen by score (ends in a 文种, centred, large or bold, starts with the organ or
关于, sits right after the 版头; a colon, a date, a heading marker or a full stop count against),
and its confidence is kept so the element rules can say “not found with confidence”.
"""

from __future__ import annotations

import msgspec

from doclint.anatomy import lines as L
from doclint.anatomy.doc_type import doc_type_from_title


class Head(msgspec.Struct):
    """Paragraph indices of the head elements, and where the body starts (an index into ``nonblank``)."""

    bantou: list[int] = msgspec.field(default_factory=list)
    doc_number: int | None = None
    signer: int | None = None
    title: list[int] = msgspec.field(default_factory=list)
    recipient: list[int] = msgspec.field(default_factory=list)
    layout: str = ""  # 文件 | 信函 | 命令 | 纪要 | "" (no 发文机关标志)
    organ_mark: int | None = None
    pos: int = 0
    title_confidence: float = 0.0
    recipient_confidence: float = 0.0


def _title_score(line: str, look: L.LineLook, first: bool) -> float:
    """How much a line looks like a 公文 title (0 or less: not a title)."""
    if L.RECIPIENT_END.search(line) or L.is_date(line) or L.HEADING_START.match(line) or len(line) > 100:
        return 0.0
    tk = doc_type_from_title(line)
    score = 1.0 if first else 0.5
    if tk.doc_type:
        score += 3
    elif tk.non_statutory:
        score += 2
    if look.centered:
        score += 2
    if look.size_pt is not None and look.size_pt >= 18:
        score += 1
    if look.bold:
        score += 0.5
    if "关于" in line:
        score += 1
    if L.has_stop(line) or line.endswith("。"):
        score -= 3
    return score


def _wraps(first: str, nxt: str, look_a: L.LineLook, look_b: L.LineLook, is_docx: bool) -> bool:
    """The title goes on to the next line (a long title set as two or three centred lines)."""
    if doc_type_from_title(first).doc_type or doc_type_from_title(first).non_statutory:
        return False
    if L.RECIPIENT_END.search(nxt) or len(nxt) > 60 or L.is_doc_number(nxt) or L.is_date(nxt):
        return False
    if is_docx:
        return look_a.centered and look_b.centered
    return bool(doc_type_from_title(nxt).doc_type) and not L.sentence_like(nxt)


def locate_head(clean: list[str], nonblank: list[int], looks: list[L.LineLook] | None) -> Head:
    """Find the head elements among the first lines."""
    head = Head()
    n = len(nonblank)

    def look(k: int) -> L.LineLook:
        return looks[nonblank[k]] if looks is not None else L.NO_LOOK

    def text(k: int) -> str:
        return clean[nonblank[k]]

    pos = 0
    # 份号, 密级, 紧急程度.
    while pos < n and pos < 4 and L.is_mark(text(pos)):
        head.bantou.append(nonblank[pos])
        pos += 1
    # 发文机关标志, by layout.
    if pos < n:
        line = text(pos)
        nxt = text(pos + 1) if pos + 1 < n else ""
        if L.is_file_mark(line) and not doc_type_from_title(line).doc_type:
            head.layout = "文件"
        elif L.is_order_mark(line) and L.is_order_number(nxt):
            head.layout = "命令"
        elif L.is_minutes_mark(line) and pos + 1 < n and (
                L.is_issue_line(nxt) or L.is_doc_number(nxt) or _title_score(nxt, look(pos + 1), False) >= 3
                or (nxt.startswith("关于") and not L.SENTENCE_PUNCT.search(nxt) and len(nxt) <= 60)):
            head.layout = "纪要"
        elif L.is_organ(line) and not doc_type_from_title(line).doc_type and pos + 1 < n and (
                L.is_doc_number(nxt) or L.is_signer(nxt) or look(pos).red
                or (_title_score(nxt, look(pos + 1), False) >= 3 and not L.is_recipient(nxt))):
            head.layout = "信函"
        if head.layout:
            head.organ_mark = nonblank[pos]
            head.bantou.append(nonblank[pos])
            pos += 1
            if head.layout == "命令":
                head.bantou.append(nonblank[pos])  # the 令号
                pos += 1
    # 期号, 发文字号, 签发人 (and any marks after the 标志).
    while pos < n and pos < 10:
        line = text(pos)
        if L.is_doc_number(line) or L.is_signer(line) or L.is_issue_line(line) or (
                not head.layout and L.is_file_mark(line) and not doc_type_from_title(line).doc_type) or L.is_mark(line):
            _take_number(head, nonblank[pos], line)
            pos += 1
            continue
        break
    # 标题 (a 命令 has none).
    if head.layout != "命令" and pos < n:
        best, best_score = -1, 0.0
        for k in range(pos, min(pos + 3, n)):
            line = text(k)
            if L.is_recipient(line) or L.has_stop(line) or len(line) > 100:
                break
            if best >= 0 and k == best + 1 and _wraps(text(best), line, look(best), look(k), looks is not None):
                break  # the title goes on here: a continuation, not a rival
            score = _title_score(line, look(k), k == pos)
            if score > best_score:
                best, best_score = k, score
            if score >= 4:
                break
        if best >= 0 and best_score >= 1:
            for k in range(pos, best):  # lines skipped before a stronger title: more of the 版头
                head.bantou.append(nonblank[k])
            head.title.append(nonblank[best])
            head.title_confidence = min(1.0, best_score / 5)
            pos = best + 1
            while pos < n and len(head.title) < 3 and _wraps(text(pos - 1), text(pos), look(pos - 1), look(pos),
                                                             looks is not None):
                head.title.append(nonblank[pos])
                pos += 1
    # Published order: the 发文字号 (and 签发人) under the title.
    while pos < n and head.title and (L.is_doc_number(text(pos)) or L.is_signer(text(pos))):
        _take_number(head, nonblank[pos], text(pos))
        pos += 1
    # 主送机关: may wrap over two lines; a 发文字号 or 签发人 line glued to it is 版头, not a recipient.
    for k in range(pos, min(pos + 3, n)):
        line = text(k)
        if L.is_doc_number(line) or L.is_signer(line):
            continue
        if L.is_recipient(line):
            head.recipient = [nonblank[q] for q in range(pos, k + 1)
                              if not (L.is_doc_number(text(q)) or L.is_signer(text(q)))]
            for q in range(pos, k + 1):
                if L.is_doc_number(text(q)) or L.is_signer(text(q)):
                    _take_number(head, nonblank[q], text(q))
            head.recipient_confidence = 1.0 if k == pos else 0.7
            pos = k + 1
            break
        if k == pos and L.is_soft_recipient(line) and k + 1 < n and L.prose_like(text(k + 1)):
            head.recipient = [nonblank[k]]  # the colon is missing or wrong: element.main-recipient-format says so
            head.recipient_confidence = 0.6
            pos = k + 1
            break
        if L.sentence_like(line):
            break
    head.pos = pos
    return head


def _take_number(head: Head, i: int, line: str) -> None:
    head.bantou.append(i)
    if L.is_doc_number(line) and head.doc_number is None:
        head.doc_number = i
    if L.is_signer(line) and head.signer is None:
        head.signer = i
