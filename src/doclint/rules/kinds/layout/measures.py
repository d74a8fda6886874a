"""What the layout checks measure, and the per-document measurements they share.

``LayoutMeasures`` is built once per document (``Context.layout``) and remembers, as named
attributes, what several layout rules ask for: the body cut into spans, font and size shares,
dominant sizes, which fonts belong to a family, the spans in a rule's scope, and whether a
fault can be reported once for its paragraph style. The geometry helpers below it are pure.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import msgspec

from doclint._cache import regexes
from doclint.anatomy.parts import MASK, Heading
from doclint.model.document import Paragraph, RunFormat, Section
from doclint.rules.kinds.layout.labels import span_label
from doclint.rules.profiles import Profile, TextSpec
from doclint.text.chars import count_not_cjk_or_fullwidth, is_cjk_or_fullwidth

if TYPE_CHECKING:
    from doclint.rules.kinds.base import Context

MM_TO_PT = 72 / 25.4
SPACES = " \u3000\u00a0\t"
_BLANK = SPACES + MASK
UNSEEN: Any = object()  # a cache miss, where None is a cached answer


class Span(msgspec.Struct, frozen=True):
    """A stretch of a body paragraph judged against one ``text`` entry of the profile."""

    paragraph: Paragraph
    role: str
    key: str  # body, title, heading1–4, banji
    start: int
    end: int
    level: int | None = None

    @property
    def label(self) -> str:
        """Where, in words: 正文, 标题, 第二层标题 …"""
        return span_label(self.role, self.key, self.level)


def heading_cut(text: str, heading: Heading) -> int:
    """End of the heading part of a paragraph: up to the first 。 of a run-in heading."""
    if not heading.run_in:
        return len(text)
    at = text.find("。", heading.end)
    return len(text) if at < 0 else at + 1


_BODY_ROLES = ("body", "recipient", "attachment_note", "signature", "date", "fuzhu")
# Lines a template may put where the title is expected but that are never a title: a
# 发文字号 or 令号 (“〔2020〕XX号”, “第  号”), or a header line spaced out with runs of spaces.
# 纪要 attendance lines (GB/T 9704—2012 10.3): the label is 3号黑体 and wrapped lines align after
# the colon, so only the names are judged as body text and the hanging indent is right.
_ATTENDANCE = regexes.compile(r"^[\s\u3000]*(?:出席|请假|列席|缺席)[^：:]{0,4}[：:]")
_NOT_TITLE = regexes.compile(r"^.{0,24}号[\s\u3000]*$|\S[ \u3000]{4,}\S")


@dataclass(slots=True)  # mutable: an accumulator, filled run by run
class Share:
    """How a span's CJK characters are set: totals, and the fonts/sizes that do not conform.

    Character counts are plain dicts (a Counter costs ~0.6 µs to build; four per span)."""

    total: int = 0
    font_ok: int = 0
    size_ok: int = 0
    fonts: dict[str | None, int] = field(default_factory=dict)
    sizes: dict[float | None, int] = field(default_factory=dict)
    wrong_fonts: dict[str | None, int] = field(default_factory=dict)
    wrong_sizes: dict[float | None, int] = field(default_factory=dict)

    @property
    def font_share(self) -> float:
        """Share of CJK characters in an accepted font."""
        return self.font_ok / self.total if self.total else 1.0

    @property
    def size_share(self) -> float:
        """Share of CJK characters at the expected size."""
        return self.size_ok / self.total if self.total else 1.0


def most_frequent(counts: dict[Any, int]) -> Any:
    """The most frequent key, the first one on a tie (as ``Counter.most_common`` picks)."""
    return max(counts, key=counts.__getitem__) if counts else None


def size_ok(size: float | None, spec: TextSpec) -> bool:
    """Whether a run size (points; None = not set) is the spec's size."""
    return size is not None and abs(size - spec.size_pt) <= spec.size_tolerance_pt


class _Family(dict[str | None, bool]):
    """Font name → whether it belongs to one family, matched on first use."""

    def __init__(self, profile: Profile, family: str) -> None:
        super().__init__()
        self.profile = profile
        self.family = family

    def __missing__(self, font: str | None) -> bool:
        ok = self[font] = self.profile.accepts(font, self.family)
        return ok


# (paragraph, start, end, family, bold, size, size tolerance)
_ShareKey = tuple[int, int, int, str, bool, float, float]


class LayoutMeasures:
    """Per-document measurements shared by the layout rules; see ``Context.layout``.

    Holds the context weakly (the context holds this object), so a checked document is freed
    by reference counting alone."""

    def __init__(self, ctx: Context) -> None:
        self._ctx = weakref.ref(ctx)
        self.document = ctx.document
        self.texts = ctx.texts
        self.anatomy = ctx.anatomy
        self._shares: dict[_ShareKey, Share | None] = {}
        self._families: dict[str, _Family] = {}
        self._sizes: dict[int, float | None] = {}
        self._scopes: dict[tuple[frozenset[str], str | None], list[Span]] = {}
        self._groupable: dict[tuple[str | None, str], bool] = {}

    @functools.cached_property
    def spans(self) -> list[Span]:
        """Every body paragraph cut into spans with the profile entry each must follow."""
        ctx = self._ctx()
        assert ctx is not None, "layout measures outlived their document"
        headings = {h.paragraph: h for h in self.anatomy.headings}
        texts = self.texts
        out = []
        for p in self.document.paragraphs:
            role = ctx.role(p.index)
            n = len(p.text)
            shown = texts[p.index] if p.index < len(texts) else p.text
            if not shown.strip(_BLANK):
                continue  # empty, or nothing but residue (ads, markers) that residue rules report
            if role == "heading" and p.index in headings:
                h = headings[p.index]
                cut = heading_cut(p.text, h)
                out.append(Span(p, role, f"heading{h.level}", 0, cut, h.level))
                if p.text[cut:].strip(SPACES):
                    out.append(Span(p, role, "body", cut, n))
            elif role == "title":
                if not _NOT_TITLE.search(p.text):
                    out.append(Span(p, role, "title", 0, n))
            elif role == "banji":
                out.append(Span(p, role, "banji", 0, n))
            elif role in _BODY_ROLES:
                if p.format.numbered and p.outline_level is not None:
                    continue  # an auto-numbered heading (“一、” from Word's list numbering, not in the text)
                if role == "recipient" and p.format.alignment == "center" and not p.text.rstrip(SPACES).endswith(("：", ":")):
                    continue  # a centred line before the 主送机关 is a title the anatomy did not take
                label = _ATTENDANCE.match(p.text)
                out.append(Span(p, role, "body", label.end() if label else 0, n))
        return out

    def in_scope(self, wanted: frozenset[str], key: str | None) -> list[Span]:
        """The spans of the roles in ``wanted`` ("all": every role) for profile entry ``key``."""
        memo = (wanted, key)
        cached = self._scopes.get(memo)
        if cached is not None:
            return cached
        out = []
        for s in self.spans:
            if "all" not in wanted and s.role not in wanted:
                continue
            if key is not None and key != s.key and not (key == "heading" and s.key.startswith("heading")):
                continue
            out.append(s)
        self._scopes[memo] = out
        return out

    def share(self, p: Paragraph, start: int, end: int, profile: Profile, family: str, spec: TextSpec,
              bold: bool = False) -> Share | None:
        """Judge the CJK characters of ``p.text[start:end]`` against a font family and the spec's size
        (hidden runs and masked residue skipped); None when there are none. Several rules ask the same."""
        memo = (p.index, start, end, family, bold, spec.size_pt, spec.size_tolerance_pt)
        cached = self._shares.get(memo, UNSEEN)
        if cached is not UNSEEN:
            result: Share | None = cached
            return result
        in_family = self.accepted(profile, family)
        masked = self.texts[p.index] if p.index < len(self.texts) else None
        text = masked if masked is not None and len(masked) == len(p.text) else p.text  # masked residue is not CJK
        share = Share()
        for run in p.runs:
            fmt = run.format
            if fmt.hidden or run.end <= start or run.start >= end:
                continue
            lo, hi = max(run.start, start), min(run.end, end)
            n = hi - lo - count_not_cjk_or_fullwidth(text, lo, hi)
            if not n:
                continue
            font, size = fmt.east_asia_font, fmt.size_pt
            share.total += n
            share.fonts[font] = share.fonts.get(font, 0) + n
            share.sizes[size] = share.sizes.get(size, 0) + n
            if in_family[font] and (fmt.bold or not bold):
                share.font_ok += n
            else:
                share.wrong_fonts[font] = share.wrong_fonts.get(font, 0) + n
            if size_ok(size, spec):
                share.size_ok += n
            else:
                share.wrong_sizes[size] = share.wrong_sizes.get(size, 0) + n
        self._shares[memo] = result = share if share.total else None
        return result

    def accepted(self, profile: Profile, family: str) -> dict[str | None, bool]:
        """Whether a font name is in ``family``, as a mapping shared by the document's rules: a draft
        repeats a few fonts over hundreds of runs, and matching normalises every alias of the family."""
        known = self._families.get(family)
        if known is None:
            known = self._families[family] = _Family(profile, family)
        return known

    def font_accepter(self, profile: Profile, family: str, bold: bool = False) -> Callable[[RunFormat], bool]:
        """A predicate: the run's eastAsia font is in ``family`` (and bold, when asked)."""
        in_family = self.accepted(profile, family)
        return lambda f: in_family[f.east_asia_font] and (f.bold or not bold)

    def dominant_size(self, p: Paragraph) -> float | None:
        """The size most of a paragraph's characters have (the first such size on a tie).

        The grid and indent rules both ask for every body paragraph."""
        known = self._sizes
        if p.index in known:
            return known[p.index]
        sizes: dict[float, int] = {}
        for r in p.runs:
            if r.format.size_pt is not None and not r.format.hidden:
                sizes[r.format.size_pt] = sizes.get(r.format.size_pt, 0) + len(r.text.strip())
        size: float | None = most_frequent(sizes)
        known[p.index] = size
        return size

    def style_groupable(self, name: str | None, key: str) -> bool:
        """Name the style only when fixing it fixes these paragraphs and breaks no other part.

        The answer depends only on style and key, and every paragraph of the style may ask."""
        memo = (name, key)
        cached = self._groupable.get(memo)
        if cached is None:
            self._groupable[memo] = cached = self._style_groupable(name, key)
        return cached

    def _style_groupable(self, name: str | None, key: str) -> bool:
        if name is None:
            return False  # no paragraph style at all: nothing to modify but the paragraphs
        paragraphs = self.document.paragraphs
        if key == "body":
            # A heading style (outline level) on body text: change the paragraphs, not the style.
            return all(p.outline_level is None for p in paragraphs if p.style == name)
        firsts: dict[int, str] = {}
        for s in self.spans:
            firsts.setdefault(s.paragraph.index, s.key)
        return all(k == key for i, k in firsts.items() if paragraphs[i].style == name)


# -- geometry ------------------------------------------------------------------------------------


def leading_spaces(text: str) -> tuple[int, float, bool]:
    """(count, width in characters, all full-width) of the spaces a paragraph starts with."""
    n = 0
    width = 0.0
    full = True
    for ch in text:
        if ch not in SPACES:
            break
        n += 1
        if ch == "\u3000":
            width += 1
        elif ch == "\t":
            width += 2
            full = False
        else:
            width += 0.5
            full = False
    return n, width, full


def trailing_width(text: str) -> float:
    """Width in characters of the spaces a paragraph ends with."""
    stripped = text.rstrip(SPACES)
    return leading_spaces(text[len(stripped):])[1]


def text_width(text: str) -> float:
    """Width in characters: CJK and full-width 1, others (digits, Latin, half-width spaces) 0.5."""
    return sum(1.0 if is_cjk_or_fullwidth(ch) or ch == "\u3000" else 0.5 for ch in text)


def _chars(pt: float | None, chars: float | None, size: float) -> float:
    if chars is not None:
        return chars
    return (pt or 0.0) / size


def first_line_chars(p: Paragraph, size: float) -> float:
    """Effective first-line indent in characters (0 with none, negative never)."""
    fmt = p.format
    return _chars(fmt.first_line_indent_pt, fmt.first_line_indent_chars, size)


def left_chars(p: Paragraph, size: float) -> float:
    """Effective left indent in characters."""
    fmt = p.format
    return _chars(fmt.left_indent_pt, fmt.left_indent_chars, size)


def right_chars(p: Paragraph, size: float) -> float:
    """Effective right indent in characters."""
    fmt = p.format
    return _chars(fmt.right_indent_pt, fmt.right_indent_chars, size)


def text_area_pt(section: Section | None, profile: Profile) -> tuple[float, float]:
    """Width and height of the text block in points (the profile's when the file says nothing)."""
    pw = profile.page.width_mm
    ph = profile.page.height_mm
    m = profile.margins
    top, bottom, left, right, gutter = m.top_mm, m.bottom_mm, m.left_mm, m.right_mm, 0.0
    if section is not None:
        pw = section.page_width_mm or pw
        ph = section.page_height_mm or ph
        top = section.top_mm if section.top_mm is not None else top
        bottom = section.bottom_mm if section.bottom_mm is not None else bottom
        left = section.left_mm if section.left_mm is not None else left
        right = section.right_mm if section.right_mm is not None else right
        gutter = section.gutter_mm or 0.0
    return (pw - left - right - gutter) * MM_TO_PT, (ph - top - bottom) * MM_TO_PT
