"""``kind: required`` — a document element must exist, have a form, or contain a phrase."""

from __future__ import annotations

from collections.abc import Iterator

from doclint._cache import regexes
from doclint.anatomy.parts import MASK
from doclint.findings import Severity
from doclint.model.document import Story
from doclint.rules.corrections import correct
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment
from doclint.rules.messages import fill
from doclint.rules.schema import RequiredRule


def element_paragraphs(ctx: Context, element: str) -> list[int]:
    """Paragraph indices of a located element."""
    a = ctx.anatomy
    if element == "closing":
        plain = [i for i in a.body if a.roles.get(i) is not None and a.roles[i].value == "body"]
        return plain[-2:] if plain else list(a.body[-2:])
    single = {"date": a.date, "signature": a.signature, "doc_number": a.doc_number, "signer": a.signer}
    if element in single:
        v = single[element]
        return [] if v is None else [v]
    many: dict[str, tuple[int, ...]] = {
        "title": a.title, "recipient": a.recipient, "attachment_note": a.attachment_note,
        "fuzhu": a.fuzhu, "banji": a.banji,
    }
    return list(many[element])


def _segment(ctx: Context, i: int) -> Segment:
    return Segment(Story.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))


def _stripped_span(text: str) -> tuple[int, int]:
    start = 0
    while start < len(text) and text[start] in " \u3000\t" + MASK:
        start += 1
    end = len(text)
    while end > start and text[end - 1] in " \u3000\t" + MASK:
        end -= 1
    return start, end


_LABELS = {"date": "成文日期", "title": "标题", "recipient": "主送机关", "signature": "发文机关署名",
           "doc_number": "发文字号", "signer": "签发人", "attachment_note": "附件说明", "fuzhu": "附注", "banji": "版记"}
_LOOKED_FOR = {
    "date": "在正文（或附件说明）之后、署名下方查找单独成行的日期（如“2024年5月6日”）",
    "title": "在版头之后查找以文种结尾的标题行",
    "recipient": "在标题下方查找以冒号结尾的机关名称行",
    "signature": "在成文日期上一行查找发文机关名称",
}


# What a GB/T 9704 layout does without: the 命令格式 has no title and no 主送机关 (10.2), the
# 纪要格式 no 署名 and no 成文日期 (10.3).
_ABSENT_IN_LAYOUT = {"命令": frozenset({"title", "recipient"}), "纪要": frozenset({"signature", "date"})}


class RequiredChecker(Checker):
    """Present / matches / contains, on one element found by anatomy."""

    variables = frozenset({"found"})
    fix_variables = frozenset({"replacement"})  # the flagged span corrected, only when the correction is certain

    def __init__(self, rule: RequiredRule) -> None:
        super().__init__(rule)
        self.rrule = rule
        self.pattern = regexes.compile(rule.pattern) if rule.pattern else None
        self.unless = regexes.compile(rule.unless) if rule.unless else None

    def _missing(self, ctx: Context, element: str) -> Hit:
        """Not found: the rule's finding when the locator is sure, else a warning saying what it looked for.

        Unsure: the 文种 is unknown (the draft may not be a 公文 at all), or a line near the end holds
        a date that is not a 成文日期 line of its own."""
        hint = ctx.anatomy.date_hint if element == "date" else None
        looked = _LOOKED_FOR.get(element)
        if looked is None or (ctx.doc_type is not None and hint is None):
            return Hit(None)
        where = f"；第{hint + 1}段“{ctx.texts[hint].strip()[:30]}”含有日期，但不是单独的日期行" if hint is not None else ""
        what = "" if ctx.doc_type is not None else "；未识别文种，无法判断本文是否必须具备该要素"
        return Hit(None, severity=Severity.WARNING,
                   message=f"未能确认{_LABELS[element]}：{looked}，没有找到{where}{what}")

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.rrule
        if r.since is not None and ctx.issued is not None and ctx.issued < r.since:
            return  # the norm was not in force when the document was issued
        if self.unless is not None and any(self.unless.search(t, timeout=REGEX_TIMEOUT) for t in ctx.texts):
            return
        if r.when_present is not None and not element_paragraphs(ctx, r.when_present):
            return
        if r.check == "present" and r.element in _ABSENT_IN_LAYOUT.get(ctx.anatomy.layout, ()):
            return
        found = element_paragraphs(ctx, r.element)
        if r.check == "present":
            if not found:
                yield self._missing(ctx, r.element)
            return
        if self.pattern is None:
            return
        if r.check == "contains" and not found:
            yield Hit(None)
            return
        if not found:
            return
        if r.check == "contains":
            if not any(self.pattern.search(ctx.texts[i], timeout=REGEX_TIMEOUT) for i in found):
                i = found[-1]
                yield Hit(_segment(ctx, i), vars={"found": ctx.texts[i].strip()})
            return
        lines = found if r.each_line else found[-1:]
        for i in lines:
            text = ctx.texts[i]
            start, end = _stripped_span(text)
            value = text[start:end]
            if not self.pattern.fullmatch(value, timeout=REGEX_TIMEOUT):
                yield self._malformed(_segment(ctx, i), start, value)

    def _malformed(self, seg: Segment, start: int, value: str) -> Hit:
        """The whole value flagged, or with ``correct:`` only its faulty characters and its correct form."""
        r = self.rrule
        c = correct(r.correct, value) if r.correct is not None else None
        if c is None:
            return Hit(seg, start, start + len(value), vars={"found": value})
        values: dict[str, object] = {"found": value, "corrected": c.corrected}
        replacement = c.replacement(value)
        if c.certain and replacement is not None:
            values["replacement"] = replacement
        suggestion = fill(r.suggest_corrected, values) if r.suggest_corrected is not None else None
        return Hit(seg, start + c.start, start + c.end, vars=values, suggestion=suggestion)
