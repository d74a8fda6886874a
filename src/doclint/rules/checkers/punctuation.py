"""Paired marks (GB/T 15834 §4.8, §4.9, §4.15): quotes, brackets, nested book titles."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import msgspec
import regex
from pydantic import StringConstraints

from doclint._cache import regexes
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, register, typed_params
from doclint.rules.schema import CheckerParams, CheckerRule

_SENTENCE_END = regexes.compile(r"[。！？；]")
_POINT = "，。、；：！？"  # quoted words do not start or end with these


class QuoteIssue(msgspec.Struct, frozen=True):
    """A problem with one pair of quotation marks."""

    kind: str  # reversed, unclosed, unopened, nested
    start: int
    end: int


def _stack_parse(text: str, marks: list[int], opener: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """Pairs as written, unmatched mark positions, and positions of openers inside an open pair."""
    stack: list[int] = []
    pairs: list[tuple[int, int]] = []
    unmatched: list[int] = []
    nested: list[int] = []
    for i in marks:
        if text[i] == opener:
            if stack:
                nested.append(i)
            stack.append(i)
        elif stack:
            pairs.append((stack.pop(), i))
        else:
            unmatched.append(i)
    return pairs, unmatched + stack, nested


def _odd(text: str, pair: tuple[int, int]) -> bool:
    """Quoted content that reads like text between two quotations, not inside one."""
    inner = text[pair[0] + 1 : pair[1]]
    return len(inner) > 60 or bool(_SENTENCE_END.search(inner[:-1]))


def quote_issues(text: str, opener: str, closer: str) -> list[QuoteIssue]:
    """Reversed, unclosed and unopened quotes in one paragraph.

    Two readings are compared: the marks as written, and one where short
    ``”…“`` spans are reversed pairs. The reading that leaves fewer unmatched
    marks and implausible quotations wins (the seed's ”中国政府采购奖“ case).
    """
    if opener not in text and closer not in text:
        return []
    marks = [i for i, ch in enumerate(text) if ch in (opener, closer)]
    pairs, unmatched, _ = _stack_parse(text, marks, opener)
    cost_a = len(unmatched) + sum(_odd(text, p) for p in pairs)
    if cost_a == 0:
        return []
    reversed_pairs: list[tuple[int, int]] = []
    k = 0
    while k < len(marks) - 1:
        a, b = marks[k], marks[k + 1]
        inner = text[a + 1 : b]
        if (text[a] == closer and text[b] == opener and 0 < len(inner) <= 30 and not _SENTENCE_END.search(inner)
                and inner[0] not in _POINT and inner[-1] not in _POINT):
            reversed_pairs.append((a, b))
            k += 2
        else:
            k += 1
    rest = [i for i in marks if not any(i in p for p in reversed_pairs)]
    pairs_b, unmatched_b, _ = _stack_parse(text, rest, opener)
    cost_b = len(unmatched_b) + sum(_odd(text, p) for p in pairs_b)
    issues: list[QuoteIssue] = []
    if reversed_pairs and cost_b < cost_a:
        issues += [QuoteIssue("reversed", a, b + 1) for a, b in reversed_pairs]
        unmatched = unmatched_b
    for i in unmatched:
        issues.append(QuoteIssue("unclosed" if text[i] == opener else "unopened", i, i + 1))
    return sorted(issues, key=lambda q: q.start)


@register("quote-pairing")
class QuotePairing(Checker):
    """“” and ‘’ balanced and facing the right way; a quotation running over
    several paragraphs opens each and closes only the last (§4.8). Only a reversed pair has
    one correction (``right``); where a missing half goes is the drafter's call."""

    fix_variables = frozenset({"right"})

    class Params(CheckerParams):
        pairs: tuple[Annotated[str, StringConstraints(min_length=2, max_length=2)], ...] = ("“”", "‘’")  # opener+closer

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.pairs: list[str] = list(typed_params(rule, self.Params).pairs)

    def check(self, ctx: Context) -> Iterator[Hit]:
        segs = ctx.segments(self.rule.scope)
        for n, seg in enumerate(segs):
            nxt = segs[n + 1].text.lstrip(" \u3000") if n + 1 < len(segs) else ""
            for pair in self.pairs:
                opener, closer = pair[0], pair[1]
                for q in quote_issues(seg.text, opener, closer):
                    yield from self._hit(seg, q, opener, closer, nxt)

    def _hit(self, seg: Segment, q: QuoteIssue, opener: str, closer: str, nxt: str) -> Iterator[Hit]:
        text = seg.text
        if q.kind == "reversed":
            inner = text[q.start + 1 : q.end - 1]
            right = f"{opener}{inner}{closer}"
            yield Hit(seg, q.start, q.end, vars={"right": right}, message=f"引号方向颠倒：应为{right}",
                      suggestion=right)
        elif q.kind == "unclosed":
            if nxt.startswith(opener):
                return  # multi-paragraph quotation
            yield Hit(seg, q.start, q.end, message=f"引号不成对：此处的前引号{opener}没有对应的后引号{closer}",
                      suggestion=f"在引用内容末尾补上{closer}")
        else:
            yield Hit(seg, q.start, q.end, message=f"引号不成对：此处的后引号{closer}没有对应的前引号{opener}",
                      suggestion=f"在引用内容开头补上{opener}，或删去多余的{closer}")


@register("quote-nesting")
class QuoteNesting(Checker):
    """A double quote inside a double quote: the inner pair should be single quotes."""

    variables = frozenset({"inner"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            if seg.text.count("“") < 2:
                continue
            # Judge whole paragraphs, or else each sentence on its own, so that a broken
            # quote elsewhere in the paragraph does not hide a nesting that is clear.
            pieces = [(0, len(seg.text))]
            if quote_issues(seg.text, "“", "”"):
                pieces = [m.span() for m in _SENTENCE.finditer(seg.text)]
            for lo, hi in pieces:
                yield from self._nested(seg, lo, hi)

    def _nested(self, seg: Segment, lo: int, hi: int) -> Iterator[Hit]:
        text = seg.text
        piece = text[lo:hi]
        marks = [lo + i for i, ch in enumerate(piece) if ch in "“”"]
        if len(marks) < 4 or quote_issues(piece, "“", "”"):
            return
        stack: list[int] = []
        for i in marks:
            if text[i] == "“":
                stack.append(i)
            elif stack:
                start = stack.pop()
                if stack:
                    inner = text[start + 1 : i]
                    yield Hit(seg, start, i + 1, vars={"inner": inner}, suggestion=f"‘{inner}’")


_SENTENCE = regexes.compile(r"[^。！？]+[。！？]*")


_OPEN = {"（": "）", "(": ")", "〔": "〕", "【": "】", "［": "］", "《": "》", "〈": "〉"}
_CLOSE = {v: k for k, v in _OPEN.items()}
_BRACKET = regexes.compile("[" + regex.escape("".join(_OPEN) + "".join(_CLOSE)) + "]")
_LIST_MARKER = regexes.compile(r"^\s*(?:\d{1,2}|[a-zA-Z]|[一二三四五六七八九十]{1,3})[)）]")


@register("bracket-pairing")
class BracketPairing(Checker):
    """（）〔〕【】［］《》〈〉 balanced, and a pair not mixing full and half width (only that has one
    correction, ``right``)."""

    fix_variables = frozenset({"right"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            yield from self._paragraph(seg)

    def _paragraph(self, seg: Segment) -> Iterator[Hit]:
        text = seg.text
        skip = _LIST_MARKER.match(text)
        stack: list[int] = []
        for m in _BRACKET.finditer(text, skip.end() if skip else 0):  # only brackets matter
            i, ch = m.start(), m.group()
            if ch in _OPEN:
                stack.append(i)
            elif ch in _CLOSE:
                want = _CLOSE[ch]
                if stack and (text[stack[-1]] == want or {text[stack[-1]], ch} <= {"(", "（", ")", "）"}):
                    o = stack.pop()
                    if text[o] != want:  # a （ closed by ) or ( closed by ）
                        right = "（" + text[o + 1 : i] + "）"
                        yield Hit(seg, o, i + 1, vars={"right": right}, message=f"括号全角半角混用：应为{right}",
                                  suggestion=right)
                    continue
                if ch == ")" and not any(text[j] in "（" for j in stack):
                    continue  # ASCII-only brackets belong to the half-width rule
                deeper = [k for k, j in enumerate(stack) if text[j] == want]
                if deeper:  # 《…（…》: the 》 closes the 《; the （ inside was left open
                    k = deeper[-1]
                    unclosed, stack = stack[k + 1 :], stack[:k]
                    yield from self._unclosed(seg, text, unclosed)
                    continue
                yield Hit(seg, i, i + 1, message=f"括号不成对：{ch}没有对应的{want}",
                          suggestion=f"补上{want}或删去多余的{ch}")
        yield from self._unclosed(seg, text, stack)

    def _unclosed(self, seg: Segment, text: str, openers: list[int]) -> Iterator[Hit]:
        for o in openers:
            if text[o] == "(":
                continue
            yield Hit(seg, o, o + 1, message=f"括号不成对：{text[o]}没有对应的{_OPEN[text[o]]}",
                      suggestion=f"在相应位置补上{_OPEN[text[o]]}")


@register("book-title-nesting")
class BookTitleNesting(Checker):
    """《 inside an open 《: the inner title takes 〈〉 (§4.15)."""

    variables = frozenset({"inner"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            text = seg.text
            if text.count("《") < 2:
                continue
            stack: list[int] = []
            for i, ch in enumerate(text):
                if ch == "《":
                    stack.append(i)
                elif ch == "》" and stack:
                    start = stack.pop()
                    if len(stack) % 2 == 1:  # odd depth: must be 〈〉
                        inner = text[start + 1 : i]
                        yield Hit(seg, start, i + 1, vars={"inner": inner}, suggestion=f"〈{inner}〉")
