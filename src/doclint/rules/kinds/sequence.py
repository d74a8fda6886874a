"""``kind: sequence`` — heading levels 一、（一）1.（1） in order and numbered without gaps."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.anatomy.parts import Heading
from doclint.findings import Severity
from doclint.model.document import Part
from doclint.rules.kinds.base import Checker, Context, Hit, Segment
from doclint.rules.schema import SequenceRule
from doclint.text.chars import to_chinese

LEVEL_NAMES = {1: "一级标题“一、”", 2: "二级标题“（一）”", 3: "三级标题“1.”", 4: "四级标题“（1）”"}


def marker(level: int, number: int) -> str:
    """How heading ``number`` at ``level`` is written."""
    if level == 1:
        return f"{to_chinese(number)}、"
    if level == 2:
        return f"（{to_chinese(number)}）"
    if level == 3:
        return f"{number}."
    return f"（{number}）"


class SequenceChecker(Checker):
    """Walks the headings once, keeping one counter per level."""

    variables = frozenset({"found"})

    def __init__(self, rule: SequenceRule) -> None:
        super().__init__(rule)
        self.srule = rule

    def _seg(self, ctx: Context, h: Heading) -> Segment:
        return Segment(Part.BODY, h.paragraph, ctx.texts[h.paragraph], ctx.document.paragraphs[h.paragraph].text, "heading")

    def check(self, ctx: Context) -> Iterator[Hit]:
        headings = ctx.anatomy.headings
        if not headings:
            return
        if self.srule.aspect == "order":
            yield from self._order(ctx, headings)
        else:
            yield from self._continuity(ctx, headings)

    def _order(self, ctx: Context, headings: tuple[Heading, ...]) -> Iterator[Hit]:
        top = min(h.level for h in headings)
        depth = 0  # deepest level currently open
        for h in headings:
            if depth == 0 and h.level > top:
                yield Hit(self._seg(ctx, h), h.start, h.end, vars={"found": h.form},
                          message=f"层次颠倒：{LEVEL_NAMES[h.level]}出现在{LEVEL_NAMES[top]}之前，"
                                  f"应按“一、（一）1.（1）”的顺序排列")
            elif depth and h.level > depth + 1:
                yield Hit(self._seg(ctx, h), h.start, h.end, vars={"found": h.form},
                          severity=Severity.WARNING,
                          message=f"层次跳级：{LEVEL_NAMES[h.level]}直接出现在{LEVEL_NAMES[depth]}之下，"
                                  f"缺少{LEVEL_NAMES[depth + 1]}")
            depth = h.level

    def _continuity(self, ctx: Context, headings: tuple[Heading, ...]) -> Iterator[Hit]:
        counters: dict[int, int] = {}
        for h in headings:
            expected = counters.get(h.level, 0) + 1
            if h.number != expected:
                want = marker(h.level, expected)
                what = "重复" if h.number < expected else "不连续（有跳号）"
                yield Hit(self._seg(ctx, h), h.start, h.end,
                          vars={"found": h.form, "expected": want},
                          message=f"标题序号{what}：此处应为“{want}”，实际为“{h.form}”",
                          suggestion=want)
            counters[h.level] = h.number
            for deeper in range(h.level + 1, 5):
                counters.pop(deeper, None)
