"""Marks around heading and item numbers (GB/T 15834 附录B B.3; GB/T 9704 §7.3.3).

Headings come from the anatomy (``parse_heading``), so these checkers see the
same 一、（一）1.（1） forms as ``structure.heading-order``; item numbers that the
anatomy does not take as headings (``2。``, run-in ``：1，…；2，…``) are found here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.anatomy.parts import MASK, Heading
from doclint.findings import Severity
from doclint.model.document import Story
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment, register, typed_params
from doclint.rules.kinds.sequence import marker
from doclint.rules.schema import CheckerParams, CheckerRule

Level = Literal[1, 2, 3, 4]  # 一、 （一） 1. （1）

_PAD = " \u3000\t" + MASK
_RIGHT_PUNCT = {1: "、", 2: "", 3: ".", 4: ""}  # GB/T 15834 B.3.2-B.3.4; GB/T 9704 7.3.3


def _heading_segment(ctx: Context, h: Heading) -> Segment:
    return Segment(Story.BODY, h.paragraph, ctx.texts[h.paragraph], ctx.document.paragraphs[h.paragraph].text,
                   ctx.role(h.paragraph))


@register("heading-punct")
class HeadingPunct(Checker):
    """The mark after a heading number: 一、 （一） 1. （1） and nothing else.

    ``params.info_marks`` maps a level to wrong marks reported at info only (the full-width
    ．, which looks like the right one); ``params.levels`` limits the levels checked.
    """

    class Params(CheckerParams):
        levels: tuple[Level, ...] = (1, 2, 3, 4)
        info_marks: dict[Level, str] = Field(default_factory=dict)  # marks reported at info only (．)

    variables = frozenset({"form", "right"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.levels = set(p.levels)
        self.info_marks: dict[int, str] = {int(k): v for k, v in p.info_marks.items()}

    def check(self, ctx: Context) -> Iterator[Hit]:
        right_levels = {h.level for h in ctx.anatomy.headings if h.form == marker(h.level, h.number)}
        for h in ctx.anatomy.headings:
            if h.level not in self.levels:
                continue
            right = marker(h.level, h.number)
            if h.form == right:
                continue
            if h.punct == _RIGHT_PUNCT[h.level] and not (h.level in (2, 4) and h.form.startswith("(") and h.form.endswith(")")):
                # Only the width of a bracket or digit differs: punctuation.halfwidth-in-cjk,
                # punctuation.bracket-pairing and number.fullwidth-digits report those. A
                # fully half-width (1) is caught by none of them, so it is reported here.
                continue
            soft = bool(h.punct) and h.punct in self.info_marks.get(h.level, "")
            # A look-alike mark is a hint, unless the level also has the right form: then it is mixed.
            severity = Severity.INFO if soft and h.level not in right_levels else None
            yield Hit(_heading_segment(ctx, h), *h.span, vars={"form": h.form, "right": right},
                      suggestion=right, severity=severity)


_SENTENCE_INSIDE = regexes.compile(r"[。！？；：:]")  # a mark inside: text runs in after the heading


@register("heading-terminal")
class HeadingTerminal(Checker):
    """A heading alone on its line (not run-in) that ends in a point mark.

    A heading heads something. Numbered items written as full sentences
    (``一、同意……。二、请你局……。三、……。`` in 批复, 函, 通告, 纪要) stand next
    to each other: when a neighbouring paragraph is a heading of the same
    level that reads as such an item (it ends in a point mark, runs in, or is
    long), the line is one of them and is left alone; so is a line with a
    higher-level heading right after it (the last item of a list), unless it
    ends in a colon, which introduces nothing there.
    ``params``: ``levels`` (default [1]), ``marks`` (default 。；，),
    ``max_chars`` (longer lines read as items, default 30), ``convention_marks``
    (marks accepted when another standalone heading of the level ends in the same
    mark: published documents write every “（一）指导思想。” alike on its own line).
    """

    class Params(CheckerParams):
        levels: tuple[Level, ...] = (1,)
        marks: str = Field(default="。；，", min_length=1)
        max_chars: int = Field(default=30, gt=0)  # longer lines read as items, not headings
        convention_marks: str = ""

    variables = frozenset({"mark", "form"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.levels = set(p.levels)
        self.marks = p.marks
        self.max_chars = p.max_chars
        self.convention = p.convention_marks

    def _rest(self, ctx: Context, h: Heading) -> str:
        return ctx.texts[h.paragraph][h.end :].rstrip(_PAD)

    def _item_like(self, ctx: Context, h: Heading) -> bool:
        """A numbered sentence rather than a heading over content."""
        rest = self._rest(ctx, h)
        return h.run_in or len(rest) > self.max_chars or (bool(rest) and rest[-1] in "。；，;,.")

    def check(self, ctx: Context) -> Iterator[Hit]:
        body = list(ctx.anatomy.body)
        where = {p: k for k, p in enumerate(body)}
        by_paragraph = {h.paragraph: h for h in ctx.anatomy.headings}
        ends: dict[int, list[str]] = {}  # level -> last marks of its standalone headings
        for h in ctx.anatomy.headings:
            rest = self._rest(ctx, h)
            if rest and not _SENTENCE_INSIDE.search(rest[:-1]):
                ends.setdefault(h.level, []).append(rest[-1])
        for h in ctx.anatomy.headings:
            if h.level not in self.levels or h.paragraph not in where:
                continue
            rest = self._rest(ctx, h)
            if not rest or rest[-1] not in self.marks or len(rest) > self.max_chars:
                continue
            mark = rest[-1]
            if _SENTENCE_INSIDE.search(rest[:-1]):
                continue  # run-in: 一、总体要求。全面贯彻……
            if mark in self.convention and ends[h.level].count(mark) > 1:
                continue  # the document's own convention for the level
            k = where[h.paragraph]
            if k + 1 >= len(body):
                continue  # nothing under it
            prev = by_paragraph.get(body[k - 1]) if k > 0 else None
            nxt = by_paragraph.get(body[k + 1])
            if any(x is not None and x.level == h.level and self._item_like(ctx, x) for x in (prev, nxt)):
                continue  # one of a run of numbered items, not a heading over content
            if nxt is not None and nxt.level < h.level and mark not in "：:":
                continue  # the last item of a list
            end = h.end + len(rest)
            yield Hit(_heading_segment(ctx, h), end - 1, end, vars={"mark": mark, "form": h.form},
                      suggestion=f"删去末尾的“{mark}”")


_CN = "一二三四五六七八九十"
_BAD_NUMBER = regexes.compile(
    rf"(?:(?P<cn>[{_CN}]{{1,3}})(?P<cm>、[、，,.．:：]|[:：]|[ \u3000]+)"  # 一、、 一： 一␣
    rf"|(?P<cc>[{_CN}]{{1,3}})[）)]"  # 一） (the opening bracket lost)
    rf"|[（(](?P<bc>[{_CN}]{{1,3}})[）)][:：、.．，,]?[:：]"  # （一）：
    r"|(?P<d>\d{1,2})(?P<dm>[.．、，,][、，,.．:：]|[:：])"  # 1.、 1：
    r"|(?P<dc>\d{1,2})[）)]"  # 1） 1)
    r"|[（(](?P<bd>\d{1,2})[）)][:：、.．，,]?[:：]"  # （1）：
    r"|(?P<circled>[\u2460-\u2473])|(?P<paren_cn>[\u3220-\u3229])|(?P<paren_d>[\u2474-\u2487])"
    r"|(?P<dot_d>[\u2488-\u249b])"  # ① ㈠ ⑴ ⒈: one character each
    rf"|第(?P<ord>[{_CN}]{{1,3}})[，,](?=[^。；！？，,;：:]{{2,20}}$)"  # 第一，总体要求 standing as a heading
    r")(?=[\p{Han}“《])"
)


def _right_number(m: regex.Match[str], has_level4: bool) -> str | None:
    """The GB/T 9704 form the malformed marker stands for, or None when it is acceptable."""
    g = m.groupdict()
    if g["ord"]:
        return f"{g['ord']}、"
    if g["cn"] or g["cc"] or g["bc"]:
        n = g["cn"] or g["cc"] or g["bc"]
        return f"{n}、" if g["cn"] else f"（{n}）"
    if g["d"] or g["dc"] or g["bd"]:
        n = g["d"] or g["dc"] or g["bd"]
        return f"{n}." if g["d"] else f"（{n}）"
    if g["circled"]:
        # ① under （1） is a fifth level, which many documents use; standing in for a level it is not.
        return None if has_level4 else f"（{ord(g['circled']) - 0x245F}）"
    if g["paren_cn"]:
        return f"（{_CN[ord(g['paren_cn']) - 0x3220]}）"
    if g["paren_d"]:
        return f"（{ord(g['paren_d']) - 0x2473}）"
    return f"{ord(g['dot_d']) - 0x2487}."


@register("heading-number-form")
class HeadingNumberForm(Checker):
    """A paragraph that starts with a heading number in none of the four forms 一、（一）1.（1）.

    The anatomy takes only well-formed numbers as headings; these are the near misses it leaves
    as body text: a doubled or wrong mark (一、、 一： 一␣ 1.、), a lost bracket (一） 1）), a colon
    after a bracketed number, the one-character forms ① ㈠ ⑴ ⒈ (① is left alone where the
    document has （1） headings: it is then a fifth level), and a short line 第一，总体要求 that
    stands as a heading (第一，… in a sentence is right).
    """

    variables = frozenset({"form", "right"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        has_level4 = any(h.level == 4 for h in ctx.anatomy.headings)
        for seg in ctx.segments(self.rule.scope):
            if seg.table is not None:
                continue  # a cell is not a heading
            k = len(seg.text) - len(seg.text.lstrip(_PAD))
            m = _BAD_NUMBER.match(seg.text, k, timeout=REGEX_TIMEOUT)
            if m is None:
                continue
            right = _right_number(m, has_level4)
            if right is not None:
                yield Hit(seg, m.start(), m.end(), vars={"form": m.group(), "right": right}, suggestion=right)


_ITEM = regexes.compile(
    r"(?:(?<=^[\s\u3000\ue000]*)|(?<=[：；。:;！？\n][\s\u3000]*))"
    r"(?P<n>\d{1,2})(?P<p>[。，、；：,;:])(?=[\p{Han}“‘《（])"
)


@register("item-number-punct")
class ItemNumberPunct(Checker):
    """Arabic item numbers followed by a Chinese point mark (``2。``, ``：1，…；2，…``).

    At the start of a paragraph or line one mark is enough. Inside a paragraph
    the number must be one of a run (n-1 or n+1 is marked too), so
    counts such as ``得分：9，排名第一`` and lists such as ``2，3，4项`` stay
    clean. Heading markers that ``structure.heading-punct`` reports are skipped.
    """

    variables = frozenset({"n", "p"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        headings = {h.paragraph: h for h in ctx.anatomy.headings}
        for seg in ctx.segments(self.rule.scope):
            text = seg.text
            found = list(_ITEM.finditer(text, timeout=REGEX_TIMEOUT))
            if not found:
                continue
            numbers = {int(m.group("n")) for m in found}
            h = headings.get(seg.paragraph) if seg.part is Story.BODY else None
            for m in found:
                start = m.start()
                if h is not None and start == h.start:
                    continue  # structure.heading-punct
                at_line_start = not text[:start].strip(_PAD) or text[:start].rstrip(" \u3000")[-1:] == "\n"
                n, p = int(m.group("n")), m.group("p")
                if not at_line_start and n + 1 not in numbers and n - 1 not in numbers:
                    continue
                yield Hit(seg, start, m.end(), vars={"n": str(n), "p": p}, suggestion=f"{n}.")
