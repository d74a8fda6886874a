"""The tail of a draft: 附件说明, 署名, 成文日期, 附注, 版记 and the attachments.

The 成文日期 is not assumed to be the last line. Published texts go on after it with
（此件公开发布）, （本文有删减）, a 附注 with 联系人, 抄送/印发 lines and whole attachments
(a 印发 notice carries its 方案 with no “附件” label at all). So the date is chosen among
the date-only lines by score: a 署名 above it, 附注/版记/attachment lines or the end below
it; then everything after it is sorted into 附注, 版记 and attachments. GB/T 9704 puts the
版记 on the last page, after the attachments, so trailing 抄送/印发 lines are 版记 too.
"""

from __future__ import annotations

import msgspec

from doclint.anatomy import lines as L


class Tail(msgspec.Struct):
    """Paragraph indices of the tail elements; ``end`` is where the body stops (index into ``nonblank``)."""

    attachment_note: list[int] = msgspec.field(default_factory=list)
    signature: int | None = None
    co_signers: list[int] = msgspec.field(default_factory=list)  # joint senders' names above the 署名 line
    date: int | None = None
    fuzhu: list[int] = msgspec.field(default_factory=list)
    banji: list[int] = msgspec.field(default_factory=list)
    attachments: list[int] = msgspec.field(default_factory=list)
    stray: list[int] = msgspec.field(default_factory=list)  # prose after the date: read as body text
    end: int = 0
    date_confidence: float = 0.0
    date_hint: int | None = None  # a line that may be the date but was not taken (for a softer finding)


def _date_score(k: int, pos: int, text: list[str], right: bool = False) -> float:
    """How much the date-only line at ``k`` looks like the 成文日期 (``right``: set to the right in the .docx)."""
    n = len(text)
    score = 1.5 if right else 1.0
    if k > pos and L.is_signature(text[k - 1]) and not L.is_date(text[k - 1]):
        score += 2
    if k + 1 == n or L.is_fuzhu(text[k + 1]) or L.is_banji(text[k + 1]) or L.ATTACH_LABEL.match(text[k + 1]):
        score += 2  # what only follows a 成文日期
    elif not L.sentence_like(text[k + 1]):
        score += 0.5  # an attachment's title, centred above its text
    return score


def locate_tail(clean: list[str], nonblank: list[int], pos: int, looks: list[L.LineLook] | None = None) -> Tail:
    """Sort the lines after the body, given where the body starts."""
    tail = Tail()
    text = [clean[i] for i in nonblank]
    n = len(text)
    # The 成文日期: the first strong candidate, else the best one in the last lines.
    best, best_score = -1, 0.0
    for k in range(pos, n):
        if not L.is_date(text[k]):
            continue
        score = _date_score(k, pos, text, looks is not None and looks[nonblank[k]].right)
        if score >= 3:
            best, best_score = k, score
            break
        if score > best_score and k >= n - 6:
            best, best_score = k, score
    end = n
    if best < 0:
        # No date: trailing 版记 and 附注, and attachments after a bare “附件” label.
        for k in range(pos + 2, n):
            if L.ATTACH_LABEL.match(text[k]):
                tail.attachments = nonblank[k:n]
                end = k
                break
        while end > pos and L.is_banji(text[end - 1]):
            end -= 1
            tail.banji.insert(0, nonblank[end])
        while end > pos and end > n - 4 and L.is_fuzhu(text[end - 1]):
            end -= 1
            tail.fuzhu.insert(0, nonblank[end])
        tail.date_hint = next((nonblank[k] for k in range(max(pos, end - 4), end) if _has_date(text[k])), None)
    else:
        tail.date = nonblank[best]
        tail.date_confidence = min(1.0, best_score / 5)
        k = best + 1
        while k < n and L.is_fuzhu(text[k]):
            tail.fuzhu.append(nonblank[k])
            k += 1
        while k < n and L.is_banji(text[k]):
            tail.banji.append(nonblank[k])
            k += 1
        last = n
        while last > k and L.is_banji(text[last - 1]):
            last -= 1
        tail.banji += nonblank[last:n]
        if k < last and L.sentence_like(text[k]) and not L.ATTACH_LABEL.match(text[k]):
            tail.stray = nonblank[k:last]  # prose after the date, neither labelled nor titled: not an attachment
        else:
            tail.attachments = nonblank[k:last]
        end = best
        if end > pos and L.is_signature(text[end - 1]) and not L.is_date(text[end - 1]):
            end -= 1
            tail.signature = nonblank[end]
            # Joint senders may stand one above the other: organ names only, at most three more.
            while end > pos + 1 and len(tail.co_signers) < 3 and L.is_organ(text[end - 1]) and L.is_organ(text[end]):
                end -= 1
                tail.co_signers.insert(0, nonblank[end])
    # 附件说明: “附件：…” and its continuation lines just above the 署名.
    for k in range(max(pos, end - 12), end):
        if L.ATTACH_NOTE.match(text[k]):
            tail.attachment_note = nonblank[k:end]
            end = k
            break
    tail.end = end
    return tail


def _has_date(line: str) -> bool:
    return len(line) <= 40 and ("年" in line and "月" in line)
