"""Structure checks on what a document asks for and how it closes."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from doclint.anatomy.doc_type import content_signals
from doclint.model.document import Part
from doclint.rules.checks.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment, param, register
from doclint.rules.schema import CheckerRule


@register("request-phrases")
class RequestPhrases(Checker):
    """A non-请示 document asking for approval in its own voice (条例 Art. 15(四))."""

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.request = regex.compile(str(param(rule, "request", "")))
        self.reported = regex.compile(str(param(rule, "reported", "(?!)")))
        if not self.request.pattern:
            raise ValueError("params.request 不能为空")

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            text = seg.text
            for m in self.request.finditer(text, timeout=REGEX_TIMEOUT):
                window = text[max(0, m.start() - 12) : m.end() + 4]
                if self.reported.search(window, timeout=REGEX_TIMEOUT):
                    continue
                if any(s <= m.start() < e for s, e in _titles(text)):
                    continue
                yield Hit(seg, m.start(), m.end(), vars={"found": m.group()})


def _titles(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in regex.finditer(r"《[^》]*》", text)]


_KIND_CLOSING = {"请示": "妥否，请批示。", "报告": "特此报告。", "函": "特此函告。", "通知": "特此通知。", "通报": "特此通报。"}


@register("kind-content-mismatch")
class KindContentMismatch(Checker):
    """The kind in the title disagrees with the closing phrase."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.doc_type_source != "title" or not ctx.anatomy.body:
            return
        base = "报告" if ctx.doc_type in ("综合报告", "专项报告") else ctx.doc_type
        closing = [i for i in ctx.anatomy.body][-2:]
        signals = content_signals([ctx.texts[i] for i in closing])
        if not signals or base in signals:
            return
        other = sorted(signals)[0]
        i = closing[-1]
        seg = Segment(Part.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))
        yield Hit(seg, vars={"kind": base, "other": other}, suggestion=_KIND_CLOSING.get(base or ""))
