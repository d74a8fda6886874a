"""``kind: sequence`` — heading levels 一、（一）1.（1） in order and numbered without gaps."""

from __future__ import annotations

from collections.abc import Iterator

from doclint.anatomy.parts import Heading
from doclint.findings import Severity
from doclint.model.document import Story
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
        return Segment(Story.BODY, h.paragraph, ctx.texts[h.paragraph], ctx.document.paragraphs[h.paragraph].text,
                       ctx.role(h.paragraph))

    def check(self, ctx: Context) -> Iterator[Hit]:
        # The body, then each attachment: every one numbers its headings on its own.
        for headings in (ctx.anatomy.headings, *ctx.anatomy.attachment_headings):
            if not headings:
                continue
            if self.srule.aspect == "order":
                yield from self._order(ctx, headings)
            else:
                yield from self._continuity(ctx, headings)

    def _order(self, ctx: Context, headings: tuple[Heading, ...]) -> Iterator[Hit]:
        top = min(h.level for h in headings)
        depth = 0  # deepest level currently open
        for h in headings:
            if depth == 0 and h.level > top:
                yield Hit(self._seg(ctx, h), *h.span, vars={"found": h.form},
                          message=f"层次颠倒：{LEVEL_NAMES[h.level]}出现在{LEVEL_NAMES[top]}之前，"
                                  f"应按“一、（一）1.（1）”的顺序排列")
            elif depth and h.level > depth + 1:
                # GB/T 9704 7.3.3: the levels “可以” be used in this order; skipping one is not forbidden.
                yield Hit(self._seg(ctx, h), *h.span, vars={"found": h.form},
                          severity=Severity.INFO,
                          message=f"层次跳级：{LEVEL_NAMES[h.level]}直接出现在{LEVEL_NAMES[depth]}之下，"
                                  f"缺少{LEVEL_NAMES[depth + 1]}")
            depth = h.level

    def _continuity(self, ctx: Context, headings: tuple[Heading, ...]) -> Iterator[Hit]:
        """Skips and repeats inside whichever scheme each level uses: restarting at 1 under each
        new parent heading, or numbered straight through the sections (（一）…（六） under 二、
        going on with （七）, the norm in 若干意见 and 指导意见)."""
        through = _numbered_through(headings)
        counters: dict[int, int] = {}  # last number under the current parent
        running: dict[int, int] = {}  # last number anywhere in the document
        for h in headings:
            base = running if through.get(h.level) else counters
            expected = base.get(h.level, 0) + 1
            if h.number != expected:
                want = marker(h.level, expected)
                what = "重复" if h.number < expected else "不连续（有跳号）"
                how = "（本文该级序号跨上级标题连续编排）" if through.get(h.level) else ""
                yield Hit(self._seg(ctx, h), *h.span,
                          vars={"found": h.form, "expected": want},
                          message=f"标题序号{what}：此处应为“{want}”，实际为“{h.form}”{how}",
                          suggestion=want)
            counters[h.level] = h.number
            running[h.level] = h.number
            for deeper in range(h.level + 1, 5):
                counters.pop(deeper, None)


def _numbered_through(headings: tuple[Heading, ...]) -> dict[int, bool]:
    """Levels whose first heading under a new parent mostly goes on from the previous section."""
    votes: dict[int, list[int]] = {}
    last: dict[int, int] = {}
    fresh: set[int] = set()  # levels whose parent changed since their last heading
    for h in headings:
        if h.level in fresh and h.level in last:
            v = votes.setdefault(h.level, [0, 0])
            if h.number == last[h.level] + 1 and h.number != 1:
                v[1] += 1
            elif h.number == 1:
                v[0] += 1
        fresh.discard(h.level)
        last[h.level] = h.number
        fresh.update(range(h.level + 1, 5))
    return {level: v[1] > v[0] for level, v in votes.items()}
