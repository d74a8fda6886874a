"""Marks around heading and item numbers (GB/T 15834 附录B B.3; GB/T 9704 §7.3.3).

Headings come from the anatomy (``parse_heading``), so these checkers see the
same 一、（一）1.（1） forms as ``structure.heading-order``; item numbers that the
anatomy does not take as headings (``2。``, run-in ``：1，…；2，…``) are found here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

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
        for h in ctx.anatomy.every_heading:  # an attachment's headings too (part ``attachment``)
            if h.level not in self.levels:
                continue
            right = marker(h.level, h.number)
            if h.form == right:
                continue
            if h.punct == _RIGHT_PUNCT[h.level] and not (h.level == 4 and h.form.startswith("(") and h.form.endswith(")")):
                # Only the width of a bracket or digit differs: punctuation.halfwidth-in-cjk,
                # punctuation.bracket-pairing and number.fullwidth-digits report those. A
                # fully half-width (1) is caught by none of them, so it is reported here.
                continue
            severity = Severity.INFO if h.punct and h.punct in self.info_marks.get(h.level, "") else None
            yield Hit(_heading_segment(ctx, h), *h.span, vars={"form": h.form, "right": right},
                      suggestion=right, severity=severity)


_SENTENCE_INSIDE = regexes.compile(r"[。！？；]")


@register("heading-terminal")
class HeadingTerminal(Checker):
    """A heading alone on its line (not run-in) that ends in a point mark.

    A heading heads something. Numbered items written as full sentences
    (``一、同意……。二、请你局……。三、……。`` in 批复, 函, 通告, 纪要) stand next
    to each other with no content between them: when the previous body
    paragraph is a heading of the same level, or the next one is a heading of
    the same or a higher level, the line is such an item and is left alone.
    ``params``: ``levels`` (default [1]), ``marks`` (default 。；，),
    ``max_chars`` (longer lines read as items, default 30).
    """

    class Params(CheckerParams):
        levels: tuple[Level, ...] = (1,)
        marks: str = Field(default="。；，", min_length=1)
        max_chars: int = Field(default=30, gt=0)  # longer lines read as items, not headings

    variables = frozenset({"mark", "form"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.levels = set(p.levels)
        self.marks = p.marks
        self.max_chars = p.max_chars

    def check(self, ctx: Context) -> Iterator[Hit]:
        for paragraphs, headings in ctx.anatomy.heading_sequences:  # the body, then each attachment
            yield from self._sequence(ctx, list(paragraphs), headings)

    def _sequence(self, ctx: Context, body: list[int], headings: tuple[Heading, ...]) -> Iterator[Hit]:
        where = {p: k for k, p in enumerate(body)}
        by_paragraph = {h.paragraph: h for h in headings}
        for h in headings:
            if h.level not in self.levels or h.paragraph not in where:
                continue
            text = ctx.texts[h.paragraph]
            rest = text[h.end :].rstrip(_PAD)
            if not rest or rest[-1] not in self.marks or len(rest) > self.max_chars:
                continue
            if _SENTENCE_INSIDE.search(rest[:-1]):
                continue  # run-in: 一、总体要求。全面贯彻……
            k = where[h.paragraph]
            if k + 1 >= len(body):
                continue  # nothing under it
            prev = by_paragraph.get(body[k - 1]) if k > 0 else None
            nxt = by_paragraph.get(body[k + 1])
            if (prev is not None and prev.level == h.level) or (nxt is not None and nxt.level <= h.level):
                continue  # one of a run of numbered items, not a heading over content
            end = h.end + len(rest)
            yield Hit(_heading_segment(ctx, h), end - 1, end, vars={"mark": rest[-1], "form": h.form},
                      suggestion=f"删去末尾的“{rest[-1]}”")


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
        headings = {h.paragraph: h for h in ctx.anatomy.every_heading}
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
