"""Residue that needs more than a pattern: ad spans, revision marks, comments, hidden runs, metadata."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.model.document import RunFormat, Story
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, register, typed_params
from doclint.rules.schema import CheckerParams, CheckerRule
from doclint.text.chars import salted_shadow
from doclint.text.directive import is_directive

# A bracketed span: [ … ] (ASCII or full width) holding the ad, possibly with 【】 inside.
_SPAN = regexes.compile(r"[\[［](?:[^\[\]［］]|【[^】]*】){4,400}?[\]］]")
_ID_TOKEN = regexes.compile(r"[：:]\s*[A-Za-z][A-Za-z0-9_-]{1,20}|\d[\d\s]{4,}\d")


class TermsParams(CheckerParams):
    """Terms that mark residue (matched case-insensitively)."""

    terms: list[str] = Field(min_length=1)


def terms_regex(terms: list[str]) -> regex.Pattern[str]:
    """One case-insensitive alternation of the terms, longest first."""
    return regexes.compile("|".join(regex.escape(t) for t in sorted(terms, key=len, reverse=True)), regex.IGNORECASE)


@register("ad-text")
class AdText(Checker):
    """Ghost-writing and material-library ads, even with symbols sprinkled in.

    One term alone is common in real documents (工会会员, 政务微信公众号), so a
    span fires when it has two distinct terms, or one next to an ID-like token.
    """

    class Params(TermsParams):
        min_terms: int = Field(default=2, ge=1)  # distinct terms that make a span an ad

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        terms = p.terms
        self.terms = terms_regex(terms)
        self.min_terms = p.min_terms
        # The same terms with salting symbols allowed between characters: a cheap test on the raw text.
        salt = r"[&@%*#~^_|/\s]*"
        self.salted = regexes.compile("|".join(salt.join(regex.escape(ch) for ch in t) for t in terms), regex.IGNORECASE)

    def _is_ad(self, shadow: str) -> bool:
        found = {m.group().lower() for m in self.terms.finditer(shadow)}
        return len(found) >= self.min_terms or (len(found) == 1 and bool(_ID_TOKEN.search(shadow)))

    def check(self, ctx: Context) -> Iterator[Hit]:
        for seg in ctx.segments(self.rule.scope):
            text = seg.raw
            if not self.salted.search(text):
                continue
            shadow, _back = salted_shadow(text)
            spans = [m for m in _SPAN.finditer(text) if self._is_ad(salted_shadow(m.group())[0])]
            if spans:
                for m in spans:
                    yield Hit(seg, m.start(), m.end())
                continue
            if self._is_ad(shadow):
                lead = len(text) - len(text.lstrip(" \u3000\t"))
                yield Hit(seg, lead, len(text.rstrip(" \u3000\t")))


@register("tracked-changes")
class TrackedChanges(Checker):
    """Revision marks left in the file (python-docx does not show insertions)."""

    variables = frozenset({"count", "insertions", "deletions", "format_changes", "authors"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        rev = ctx.document.revisions
        if rev.tracked:
            who = "、".join(rev.authors) if rev.authors else "未署名"
            yield Hit(None, vars={"count": rev.tracked, "insertions": rev.insertions, "deletions": rev.deletions,
                                  "format_changes": rev.format_changes, "authors": who})


@register("comments")
class Comments(Checker):
    """Comments (批注) left in the file."""

    variables = frozenset({"count"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        # A reviewer's "doclint: ignore" comment is deliberate, not a leftover remark.
        waivers = sum(1 for c in ctx.document.comments if is_directive(c.text))
        left = ctx.document.revisions.comments - waivers
        if left > 0:
            yield Hit(None, vars={"count": left})


def _near_white(color: str | None, floor: int) -> bool:
    """A hex RRGGBB colour whose three channels are all at least ``floor`` (white and nearly white)."""
    if not color or len(color) != 6:
        return False
    try:
        channels = [int(color[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return min(channels) >= floor


@register("hidden-text")
class HiddenText(Checker):
    """Runs nobody sees on paper: hidden (w:vanish), white, or tiny (≤ 2 pt)."""

    class Params(CheckerParams):
        max_size_pt: float = Field(default=2.0, ge=0)  # runs this small or smaller are invisible
        white_floor: int = Field(default=0xF0, ge=0, le=0xFF)  # each RGB channel at least this is white

    variables = frozenset({"match", "how"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.max_size = p.max_size_pt
        self.white_floor = p.white_floor

    def _why(self, fmt: RunFormat) -> str | None:
        if fmt.hidden:
            return "设为隐藏"
        if _near_white(fmt.color, self.white_floor):
            return "白色字"
        if fmt.size_pt is not None and fmt.size_pt <= self.max_size:
            return f"{fmt.size_pt:g}磅极小字"
        return None

    def check(self, ctx: Context) -> Iterator[Hit]:
        if not ctx.document.is_docx:
            return
        doc = ctx.document
        paragraphs = [*doc.paragraphs, *doc.table_paragraphs(), *doc.footnotes, *doc.endnotes, *doc.textboxes]
        for p in paragraphs:
            spans: list[tuple[int, int, str]] = []
            for run in p.runs:
                why = self._why(run.format)
                if why is None or not run.text.strip():
                    continue
                if spans and spans[-1][1] >= run.start and spans[-1][2] == why:
                    spans[-1] = (spans[-1][0], run.end, why)
                else:
                    spans.append((run.start, run.end, why))
            if not spans:
                continue
            part = p.part
            text = ctx.texts[p.index] if part is Story.BODY else p.text
            seg = Segment(part, p.index, text, p.text, ctx.role(p.index) if part is Story.BODY else part.value,
                          p.table, p.row, p.cell)
            for start, end, why in spans:
                yield Hit(seg, start, end, vars={"match": p.text[start:end], "how": why})


@register("metadata")
class Metadata(Checker):
    """Document properties naming a material site or a template shop."""

    Params = TermsParams
    variables = frozenset({"field", "value"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.terms = terms_regex(typed_params(rule, TermsParams).terms)

    def check(self, ctx: Context) -> Iterator[Hit]:
        core = ctx.document.core
        fields = (("标题", core.title), ("作者", core.author), ("最后修改者", core.last_modified_by))
        for label, value in fields:
            if value and self.terms.search(value):
                yield Hit(None, vars={"field": label, "value": value})
