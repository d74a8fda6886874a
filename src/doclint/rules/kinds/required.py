"""``kind: required`` — a document element must exist, have a form, or contain a phrase."""

from __future__ import annotations

from collections.abc import Iterator

from doclint._cache import regexes
from doclint.anatomy.parts import MASK
from doclint.model.document import Part
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment
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
    return Segment(Part.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))


def _stripped_span(text: str) -> tuple[int, int]:
    start = 0
    while start < len(text) and text[start] in " \u3000\t" + MASK:
        start += 1
    end = len(text)
    while end > start and text[end - 1] in " \u3000\t" + MASK:
        end -= 1
    return start, end


class RequiredChecker(Checker):
    """Present / matches / contains, on one element found by anatomy."""

    variables = frozenset({"found"})

    def __init__(self, rule: RequiredRule) -> None:
        super().__init__(rule)
        self.rrule = rule
        self.pattern = regexes.compile(rule.pattern) if rule.pattern else None
        self.unless = regexes.compile(rule.unless) if rule.unless else None

    def check(self, ctx: Context) -> Iterator[Hit]:
        r = self.rrule
        if self.unless is not None and any(self.unless.search(t, timeout=REGEX_TIMEOUT) for t in ctx.texts):
            return
        if r.when_present is not None and not element_paragraphs(ctx, r.when_present):
            return
        found = element_paragraphs(ctx, r.element)
        if r.check == "present":
            if not found:
                yield Hit(None)
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
                yield Hit(_segment(ctx, i), start, end, vars={"found": value})
