"""``kind: layout`` — the formatting Word shows, compared with the active layout profile.

One checker serves every layout rule; the rule's ``check`` picks what to look at and
``profile_key`` which entry of the profile (GB/T 9704—2012 unless configured otherwise)
gives the expected values. Shared helpers judge the font family of a run and the share
of a paragraph's CJK characters in an accepted font; digits and Latin letters are not
judged, since they take the ASCII font (Times New Roman is fine).

Findings about a paragraph carry no offsets unless a run is wrong (mixed fonts, colour,
leading spaces); page geometry and page numbers are about the whole document. A fault
that paragraphs inherit from their paragraph style is reported once, naming the style.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from doclint._cache import regexes
from doclint.anatomy.parts import MASK, Heading
from doclint.findings import Severity
from doclint.model.document import HeaderFooter, Paragraph, Part, RunFormat, Section, StyleFormat
from doclint.rules.kinds.base import Checker, Context, Hit, Segment
from doclint.rules.profiles import LineSpec, Profile, TextSpec, load_profile
from doclint.rules.schema import LayoutRule

MM_TO_PT = 72 / 25.4

SIZE_NAMES = {
    42.0: "初号", 36.0: "小初", 26.0: "一号", 24.0: "小一", 22.0: "二号", 18.0: "小二", 16.0: "三号",
    15.0: "小三", 14.0: "四号", 12.0: "小四", 10.5: "五号", 9.0: "小五", 7.5: "六号", 6.5: "小六",
    5.5: "七号", 5.0: "八号",
}
_CN_LEVEL = {1: "一", 2: "二", 3: "三", 4: "四"}
ROLE_LABELS = {
    "title": "标题", "body": "正文", "recipient": "主送机关", "attachment_note": "附件说明",
    "signature": "发文机关署名", "date": "成文日期", "fuzhu": "附注", "banji": "版记", "heading": "标题层次",
}
_KEY_LABELS = {"body": "正文", "title": "标题", "banji": "版记", "page_number": "页码"}
_ALIGN_LABELS = {"center": "居中", "left": "左对齐", "right": "右对齐", "both": "两端对齐", "distribute": "分散对齐"}
_ALIGN_KEYS = {"center": "居中（Ctrl+E）", "left": "左对齐（Ctrl+L）", "right": "右对齐（Ctrl+R）", "both": "两端对齐（Ctrl+J）"}
_CJK = regexes.compile(r"[\p{Han}\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")
_NON_CJK = regexes.compile(r"[^\p{Han}\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")
_HAN = regexes.compile(r"\p{Han}")
# Outside the CJK Unified Ideographs block (all Han: tests check) and _CJK's punctuation.
_OUTSIDE_COMMON_CJK = re.compile("[^\u4e00-\u9fff\u3001-\u303f\uff01-\uff60\uffe0-\uffe6]")
_SPACES = " \u3000\u00a0\t"
_BLANK = _SPACES + MASK
_UNSEEN: Any = object()  # a cache miss, where None is a cached answer
_GRID_TYPES = ("lines", "linesAndChars", "snapToChars")
_PAPERS = {
    (215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (297.0, 420.0): "A3", (148.0, 210.0): "A5",
    (176.0, 250.0): "B5", (182.0, 257.0): "B5 (JIS)", (184.0, 260.0): "16开",
}


# -- shared helpers ----------------------------------------------------------------------------


def is_cjk(ch: str) -> bool:
    """A character Word sets in the eastAsia font: Han ideographs and full-width punctuation."""
    return bool(_CJK.match(ch))


def non_cjk_count(text: str, start: int, end: int) -> int:
    """How many characters of ``text[start:end]`` are not CJK (see ``is_cjk``).

    Drafts are mostly CJK, so this collects the few other characters (findall makes no match
    objects). Plain ``re`` skips the common ideographs and punctuation about twice as fast as
    ``regex`` looks up the Han script; the rare non-ASCII characters left are judged by ``_NON_CJK``."""
    rest = "".join(_OUTSIDE_COMMON_CJK.findall(text, start, end))
    return len(rest) if rest.isascii() else len(_NON_CJK.findall(rest))


def num_label(value: float) -> str:
    """12.0 → "12", 28.95 → "28.95", 25.4001 → "25.4"."""
    return f"{round(value, 2):g}"


def size_label(pt: float | None) -> str:
    """16 → "三号（16磅）"; None → "未设置字号"."""
    if pt is None:
        return "未设置字号（Word 按默认字号显示）"
    name = SIZE_NAMES.get(round(pt * 2) / 2)
    return f"{name}（{num_label(pt)}磅）" if name else f"{num_label(pt)}磅"


def size_name(pt: float) -> str:
    """The Chinese size name Word's size box offers, or the number of points to type in."""
    return SIZE_NAMES.get(round(pt * 2) / 2) or num_label(pt)


def font_label(font: str | None) -> str:
    """The font Word shows, as a drafter would read it."""
    return font if font else "未设置中文字体（Word 按默认字体显示）"


def family_label(profile: Profile, family: str) -> str:
    """仿宋 → "仿宋（如仿宋_GB2312）"."""
    preferred = profile.preferred_font(family)
    return family if preferred == family else f"{family}（如{preferred}）"


class _Vars(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: dict[str, object]) -> str:
    """Fill a message template; unknown placeholders stay as written."""
    try:
        return template.format_map(_Vars(values))
    except (ValueError, IndexError):
        return template


@dataclass(slots=True)  # not frozen (a frozen __init__ costs ~1 µs more), but never changed once built
class Span:
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
        return _span_label(self.role, self.key, self.level)


@functools.lru_cache(maxsize=64)  # a few dozen combinations; messages ask once per paragraph
def _span_label(role: str, key: str, level: int | None) -> str:
    if key.startswith("heading") and level is not None:
        return f"第{_CN_LEVEL.get(level, str(level))}层标题"
    if key == "body" and role == "heading":
        return "正文"
    return ROLE_LABELS.get(role, "正文")


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


def spans(ctx: Context) -> list[Span]:
    """Every body paragraph cut into spans with the profile entry each must follow (cached)."""
    cached = ctx.cache.get("layout:spans")
    if cached is not None:
        out: list[Span] = cached
        return out
    headings = {h.paragraph: h for h in ctx.anatomy.headings}
    out = []
    for p in ctx.document.paragraphs:
        role = ctx.role(p.index)
        n = len(p.text)
        shown = ctx.texts[p.index] if p.index < len(ctx.texts) else p.text
        if not shown.strip(_BLANK):
            continue  # empty, or nothing but residue (ads, markers) that residue rules report
        if role == "heading" and p.index in headings:
            h = headings[p.index]
            cut = heading_cut(p.text, h)
            out.append(Span(p, role, f"heading{h.level}", 0, cut, h.level))
            if p.text[cut:].strip(_SPACES):
                out.append(Span(p, role, "body", cut, n))
        elif role == "title":
            if not _NOT_TITLE.search(p.text):
                out.append(Span(p, role, "title", 0, n))
        elif role == "banji":
            out.append(Span(p, role, "banji", 0, n))
        elif role in _BODY_ROLES:
            if p.format.numbered and p.outline_level is not None:
                continue  # an auto-numbered heading (“一、” from Word's list numbering, not in the text)
            if role == "recipient" and p.format.alignment == "center" and not p.text.rstrip(_SPACES).endswith(("：", ":")):
                continue  # a centred line before the 主送机关 is a title the anatomy did not take
            label = _ATTENDANCE.match(p.text)
            out.append(Span(p, role, "body", label.end() if label else 0, n))
    ctx.cache["layout:spans"] = out
    return out


@dataclass(slots=True)
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


def _top(counts: dict[Any, int]) -> Any:
    """The most frequent key, the first one on a tie (as ``Counter.most_common`` picks)."""
    return max(counts, key=counts.__getitem__) if counts else None


def size_ok(size: float | None, spec: TextSpec) -> bool:
    """Whether a run size (points; None = not set) is the spec's size."""
    return size is not None and abs(size - spec.size_pt) <= spec.size_tolerance_pt


def measure(ctx: Context, p: Paragraph, start: int, end: int, profile: Profile, family: str, spec: TextSpec,
            bold: bool = False) -> Share | None:
    """Judge the CJK characters of ``p.text[start:end]`` against a font family and the spec's size
    (hidden runs and masked residue skipped). Cached per document: several rules ask the same."""
    memo = ("layout:share", p.index, start, end, family, bold, spec.size_pt, spec.size_tolerance_pt)
    cached: Share | None = ctx.cache.get(memo, _UNSEEN)
    if cached is not _UNSEEN:
        return cached
    in_family = accepted(ctx, profile, family)
    masked = ctx.texts[p.index] if p.index < len(ctx.texts) else None
    text = masked if masked is not None and len(masked) == len(p.text) else p.text  # masked residue is not CJK
    share = Share()
    for run in p.runs:
        fmt = run.format
        if fmt.hidden or run.end <= start or run.start >= end:
            continue
        lo, hi = max(run.start, start), min(run.end, end)
        n = hi - lo - non_cjk_count(text, lo, hi)
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
    ctx.cache[memo] = result = share if share.total else None
    return result


class _Family(dict[str | None, bool]):
    """Font name → whether it belongs to one family, matched on first use."""

    def __init__(self, profile: Profile, family: str) -> None:
        super().__init__()
        self.profile = profile
        self.family = family

    def __missing__(self, font: str | None) -> bool:
        ok = self[font] = self.profile.accepts(font, self.family)
        return ok


def accepted(ctx: Context, profile: Profile, family: str) -> dict[str | None, bool]:
    """Whether a font name is in ``family``, as a mapping shared by the document's rules: a draft
    repeats a few fonts over hundreds of runs, and matching normalises every alias of the family."""
    key = ("layout:family", family)
    known: _Family | None = ctx.cache.get(key)
    if known is None:
        known = ctx.cache[key] = _Family(profile, family)
    return known


def font_accepter(ctx: Context, profile: Profile, family: str, bold: bool = False) -> Callable[[RunFormat], bool]:
    """A predicate: the run's eastAsia font is in ``family`` (and bold, when asked)."""
    in_family = accepted(ctx, profile, family)
    return lambda f: in_family[f.east_asia_font] and (f.bold or not bold)


def dominant_size(ctx: Context, p: Paragraph) -> float | None:
    """The size most of a paragraph's characters have (the first such size on a tie).

    Cached per document: the grid and indent rules both ask for every body paragraph."""
    known: dict[int, float | None] | None = ctx.cache.get("layout:size")
    if known is None:
        known = ctx.cache["layout:size"] = {}
    elif p.index in known:
        return known[p.index]
    sizes: dict[float, int] = {}
    for r in p.runs:
        if r.format.size_pt is not None and not r.format.hidden:
            sizes[r.format.size_pt] = sizes.get(r.format.size_pt, 0) + len(r.text.strip())
    size: float | None = _top(sizes)
    known[p.index] = size
    return size


def segment(ctx: Context, p: Paragraph, role: str) -> Segment:
    """The engine's view of a body paragraph."""
    text = ctx.texts[p.index] if p.index < len(ctx.texts) else p.text
    return Segment(Part.BODY, p.index, text, p.text, role)


def leading_spaces(text: str) -> tuple[int, float, bool]:
    """(count, width in characters, all full-width) of the spaces a paragraph starts with."""
    n = 0
    width = 0.0
    full = True
    for ch in text:
        if ch not in _SPACES:
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
    stripped = text.rstrip(_SPACES)
    return leading_spaces(text[len(stripped):])[1]


def text_width(text: str) -> float:
    """Width in characters: CJK 1, others (digits, Latin, half-width spaces) 0.5."""
    return sum(1.0 if is_cjk(ch) or ch == "\u3000" else 0.5 for ch in text)


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


# -- the checker -------------------------------------------------------------------------------


@dataclass(slots=True)
class Fault:
    """One paragraph-level problem before grouping by style (and the paragraphs formatted alike)."""

    span: Span
    signature: tuple[Any, ...]  # equal signatures = the same problem
    values: dict[str, object]
    style: StyleFormat | None = None  # set when the paragraph inherits the problem from this style
    style_values: dict[str, object] = field(default_factory=dict)
    severity: Severity | None = None
    variant: str | None = None
    start: int | None = None
    end: int | None = None
    alike: list[Span] = field(default_factory=list)  # later paragraphs with the same verdict (see judge_alike)

    def places(self) -> Iterator[tuple[Span, dict[str, object]]]:
        """Each paragraph with the problem, and the message values that name its part."""
        yield self.span, self.values
        for span in self.alike:
            yield span, {**self.values, "where": span.label}

    def indices(self) -> list[int]:
        """The paragraphs with the problem."""
        return [self.span.paragraph.index, *(span.paragraph.index for span in self.alike)]


def paragraph_count(faults: list[Fault]) -> int:
    """How many paragraphs have one of ``faults``."""
    return len({i for f in faults for i in f.indices()})


def whole(span: Span) -> Span:
    """The whole paragraph of ``span`` as body text: what indent and line spacing are judged on."""
    p = span.paragraph
    return Span(p, span.role, "body", 0, len(p.text), span.level)


def judge_alike(verdicts: dict[Any, Fault | None], key: Any, span: Span,
                judge: Callable[[Span], Fault | None]) -> Fault | None:
    """``judge(span)``, unless an earlier paragraph had the same ``key``: then ``span`` joins that
    paragraph's fault, if any, and None is returned. A draft repeats a few paragraph formats, and
    building the messages is most of the work."""
    fault = verdicts.get(key, _UNSEEN)
    if fault is _UNSEEN:
        fault = verdicts[key] = judge(span)
        return fault
    if fault is not None:
        fault.alike.append(span)
    return None


class LayoutChecker(Checker):
    """Every ``kind: layout`` rule; ``rule.check`` selects the property."""

    # Every variant's template may use these; which ones a variant fills is pinned by the rule examples.
    variables = frozenset({"cite", "count", "expected", "fix", "found", "style", "text", "where", "chars",
                           "chars_per_line"})

    def __init__(self, rule: LayoutRule) -> None:
        super().__init__(rule)
        self.lrule = rule
        wanted = set(rule.scope)
        if "body" in wanted:
            wanted.add("heading")
        self._wanted = frozenset(wanted)
        self._checks: dict[str, Callable[[Context, Profile], Iterable[Hit]]] = {
            "page_size": self._page_size,
            "margins": self._margins,
            "line_spacing": self._line_spacing,
            "font": self._font,
            "mixed_font": self._mixed_font,
            "indent": self._indent,
            "color": self._color,
            "page_number": self._page_number,
            "signature_block": self._signature_block,
        }

    def check(self, ctx: Context) -> Iterator[Hit]:
        """Plain text: only ``not_checked`` speaks; .docx: the selected property."""
        if self.lrule.check == "not_checked":
            if not ctx.document.is_docx:
                yield Hit(None)
            return
        if not ctx.document.is_docx:
            return
        profile = load_profile(ctx.options.layout_profile)
        yield from self._checks[self.lrule.check](ctx, profile)

    # -- plumbing --------------------------------------------------------------------------

    def _hit(self, seg: Segment | None, variant: str | None = None, *, start: int | None = None,
             end: int | None = None, severity: Severity | None = None, **values: object) -> Hit:
        return self._hit_with(seg, variant, values, start=start, end=end, severity=severity)

    def _hit_with(self, seg: Segment | None, variant: str | None, values: dict[str, object], *,
                  start: int | None = None, end: int | None = None, severity: Severity | None = None) -> Hit:
        msgs = self.lrule.messages
        template = (msgs.get(variant) if variant else None) or msgs.get("default") or self.lrule.message
        return Hit(seg, start, end, vars=values, message=fill(template, values), severity=severity)

    def _in_scope(self, ctx: Context) -> list[Span]:
        """The spans this rule judges (cached per document: several rules share a scope)."""
        wanted = self._wanted
        key = self.lrule.profile_key
        memo = ("layout:in-scope", wanted, key)
        cached: list[Span] | None = ctx.cache.get(memo)
        if cached is not None:
            return cached
        out = []
        for s in spans(ctx):
            if "all" not in wanted and s.role not in wanted:
                continue
            if key is not None and key != s.key and not (key == "heading" and s.key.startswith("heading")):
                continue
            out.append(s)
        ctx.cache[memo] = out
        return out

    def _first_spans(self, ctx: Context) -> list[Span]:
        """The first in-scope span of each paragraph (for checks made once per paragraph)."""
        out = []
        last = -1
        for span in self._in_scope(ctx):
            if span.paragraph.index != last:  # a paragraph's spans are consecutive
                last = span.paragraph.index
                out.append(span)
        return out

    def _style_groupable(self, ctx: Context, style: StyleFormat, key: str) -> bool:
        """Name the style only when fixing it fixes these paragraphs and breaks no other part.

        Cached per document: the answer depends only on style and key, and every paragraph of
        the style may ask."""
        memo = ("layout:groupable", style.name, key)
        cached: bool | None = ctx.cache.get(memo)
        if cached is None:
            ctx.cache[memo] = cached = self._groupable(ctx, style.name, key)
        return cached

    @staticmethod
    def _groupable(ctx: Context, name: str | None, key: str) -> bool:
        if name is None:
            return False  # no paragraph style at all: nothing to modify but the paragraphs
        if key == "body":
            # A heading style (outline level) on body text: change the paragraphs, not the style.
            return all(p.outline_level is None for p in ctx.document.paragraphs if p.style == name)
        firsts: dict[int, str] = {}
        for s in spans(ctx):
            firsts.setdefault(s.paragraph.index, s.key)
        return all(k == key for i, k in firsts.items() if ctx.document.paragraphs[i].style == name)

    def _emit(self, ctx: Context, faults: list[Fault]) -> Iterator[Hit]:
        """Per-paragraph hits, except faults inherited from a style: one hit per style."""
        groups: dict[tuple[Any, ...], list[Fault]] = {}
        for f in faults:
            if f.style is not None and self._style_groupable(ctx, f.style, f.span.key):
                groups.setdefault((f.style.name, f.span.key, f.signature), []).append(f)
                continue
            for span, place_values in f.places():
                yield self._hit_with(segment(ctx, span.paragraph, span.role), f.variant, place_values,
                                     start=f.start, end=f.end, severity=f.severity)
        for group in groups.values():
            first = group[0]
            style = first.style
            assert style is not None
            where = _KEY_LABELS.get(first.span.key) or first.span.label
            values: dict[str, object] = {
                **first.values, "where": where, **first.style_values,
                "style": style.name or "默认段落格式", "count": paragraph_count(group),
            }
            yield self._hit_with(segment(ctx, first.span.paragraph, first.span.role), "style", values,
                                 severity=first.severity)

    # -- page --------------------------------------------------------------------------------

    def _page_size(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        spec = profile.page
        tol = spec.tolerance_mm + 0.05
        sections = ctx.document.sections
        for s in sections:
            w, h = s.page_width_mm, s.page_height_mm
            if w is None or h is None:
                continue
            portrait = abs(w - spec.width_mm) <= tol and abs(h - spec.height_mm) <= tol
            landscape = abs(h - spec.width_mm) <= tol and abs(w - spec.height_mm) <= tol
            # A4 turned sideways is allowed for wide tables after the first page (GB/T 9704—2012 8).
            if portrait or (landscape and s.index > 0):
                continue
            found = f"{num_label(w)}×{num_label(h)}毫米"
            paper = next((name for (pw, ph), name in _PAPERS.items()
                          if {round(pw), round(ph)} == {round(w), round(h)}), None)
            if landscape:
                found += "（A4横向）"
            elif paper:
                found += f"（{paper}）"
            where = f"第{s.index + 1}节" if len(sections) > 1 else "页面"
            yield self._hit(None, where=where, found=found,
                            expected=f"A4纵向（{num_label(spec.width_mm)}×{num_label(spec.height_mm)}毫米）",
                            fix="页面布局→纸张大小选“A4”，纸张方向选“纵向”", cite=spec.cite)

    def _margins(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        m = profile.margins
        tol = m.tolerance_mm + 0.05
        sections = ctx.document.sections
        groups: dict[tuple[Any, ...], list[int]] = {}
        for s in sections:
            if s.orientation == "landscape":
                continue  # table pages turned sideways follow the table layout (8), not 5.2.1
            left = None if s.left_mm is None else s.left_mm + (s.gutter_mm or 0.0)
            got = (s.top_mm, s.bottom_mm, left, s.right_mm)
            want = (m.top_mm, m.bottom_mm, m.left_mm, m.right_mm)
            if all(v is None for v in got):
                continue
            if all(v is None or abs(v - w) <= tol for v, w in zip(got, want, strict=True)):
                continue
            key = (*(None if v is None else round(v, 1) for v in got), round(s.gutter_mm or 0.0, 1))
            groups.setdefault(key, []).append(s.index)
        for (top, bottom, left, right, gutter), idx in groups.items():
            parts = []
            for name, v in (("上", top), ("下", bottom), ("左", left), ("右", right)):
                parts.append(f"{name}{'未设置' if v is None else num_label(v)}")
            found = "、".join(parts) + "毫米" + (f"（左含装订线{num_label(gutter)}毫米）" if gutter else "")
            fix = (f"页面布局→页边距→自定义页边距：上{num_label(m.top_mm)}毫米、下{num_label(m.bottom_mm)}毫米、"
                   f"左{num_label(m.left_mm)}毫米、右{num_label(m.right_mm)}毫米")
            if gutter:
                fix += "，装订线0毫米"
            where = ("第" + "、".join(str(i + 1) for i in idx) + "节") if len(sections) > 1 else ""
            expected = (f"上{num_label(m.top_mm)}、下{num_label(m.bottom_mm)}、左{num_label(m.left_mm)}、"
                        f"右{num_label(m.right_mm)}毫米（±{num_label(m.tolerance_mm)}）")
            yield self._hit(None, where=where, found=found, expected=expected, fix=fix, cite=m.cite)

    # -- lines -------------------------------------------------------------------------------

    def _line_spacing(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        lines = profile.lines
        doc = ctx.document
        sec = doc.sections[0] if doc.sections else None
        width_pt, height_pt = text_area_pt(sec, profile)
        grid = sec.grid_line_pitch_pt if sec is not None and sec.grid_type in _GRID_TYPES else None
        rec = num_label(lines.recommended_pt)
        expected = f"固定值{num_label(lines.min_pt)}–{num_label(lines.max_pt)}磅（每页{lines.per_page}行）"
        fix = f"选中这些段落，开始→段落→行距选“固定值”，设置值“{rec}磅”"
        body_size = profile.text["body"].size_pt

        def judge(span: Span) -> Fault | None:
            p = span.paragraph
            fmt = p.format
            size = dominant_size(ctx, p) or body_size
            ok, found = self._spacing(fmt.line_spacing, fmt.line_spacing_rule, grid, lines, height_pt, size)
            if ok:
                return None
            st = doc.paragraph_style(p.style)
            inherited = st is not None and (st.paragraph.line_spacing, st.paragraph.line_spacing_rule) == (
                fmt.line_spacing, fmt.line_spacing_rule)
            return Fault(
                whole(span), (found,),
                {"where": span.label, "found": found, "expected": expected, "cite": lines.cite, "fix": fix},
                style=st if inherited else None,
                style_values={"where": "正文", "fix": f"开始→样式→右键“{st.name if st else ''}”→修改→格式→段落："
                                                     f"行距选“固定值”，设置值“{rec}磅”"},
            )

        verdicts: dict[Any, Fault | None] = {}
        faults: list[Fault] = []
        for span in self._first_spans(ctx):
            p = span.paragraph
            fault = judge_alike(verdicts, (p.format, dominant_size(ctx, p), p.style), span, judge)
            if fault is not None:
                faults.append(fault)
        # Directly formatted paragraphs with the same spacing: one finding, not one per paragraph.
        direct: dict[str, list[Fault]] = {}
        inherited_faults = []
        for f in faults:
            if f.style is not None and self._style_groupable(ctx, f.style, "body"):
                inherited_faults.append(f)
            else:
                direct.setdefault(str(f.values["found"]), []).append(f)
        yield from self._emit(ctx, inherited_faults)
        for group in direct.values():
            first = group[0]
            values = dict(first.values)
            count = paragraph_count(group)
            if count > 1:
                values["where"] = f"{values['where']}等{count}段"
            yield self._hit_with(segment(ctx, first.span.paragraph, first.span.role), None, values)
        if sec is not None and sec.grid_type in ("linesAndChars", "snapToChars") and sec.grid_char_space is not None:
            pitch = profile.text["body"].size_pt + sec.grid_char_space / 4096
            if pitch > 0:
                chars = math.floor(width_pt / pitch + 1e-6)
                if not lines.chars_min <= chars <= lines.chars_max:
                    yield self._hit(None, "chars", chars=chars, chars_per_line=lines.chars_per_line, cite=lines.cite,
                                    fix=(f"页面布局→页面设置→文档网格：选“指定行和字符网格”，每行{lines.chars_per_line}字、"
                                         f"每页{lines.per_page}行"))

    @staticmethod
    def _spacing(value: float | None, rule: str | None, grid: float | None, lines: LineSpec,
                 height_pt: float, size: float) -> tuple[bool, str]:
        """Whether a paragraph's line spacing gives the profile's lines per page, and its label."""
        lo, hi = lines.min_pt - 0.05, lines.max_pt + 0.05
        if rule in ("exact", "atLeast") and value is not None:
            label = ("固定值" if rule == "exact" else "最小值") + f"{num_label(value)}磅"
            if value > 0:
                label += f"（约{math.floor(height_pt / value + 1e-6)}行/页）"
            return lo <= value <= hi, label
        v = 1.0 if value is None else value
        if abs(v - 1.0) < 0.01 and grid:
            # Snapped to the grid, a line takes as many grid pitches as its text needs (about 1.3 em).
            cells = max(1, math.ceil(size * 1.3 / grid - 1e-6))
            pitch = grid * cells
            label = f"单倍行距（文档网格每行{num_label(grid)}磅"
            if cells > 1:
                label += f"，{size_name(size)}字占{cells}格即{num_label(pitch)}磅"
            label += f"，约{math.floor(height_pt / pitch + 1e-6)}行/页）"
            return lo <= pitch <= hi, label
        names = {1.0: "单倍行距", 1.5: "1.5倍行距", 2.0: "2倍行距"}
        return False, names.get(round(v, 2), f"多倍行距{num_label(v)}倍")

    # -- fonts -------------------------------------------------------------------------------

    def _font(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        r = self.lrule
        doc = ctx.document
        faults: list[Fault] = []
        for span in self._in_scope(ctx):
            spec = profile.text[span.key]
            p = span.paragraph
            if spec.align is not None and span.start == 0:
                align = p.format.alignment or "left"
                if align != spec.align and not (spec.align == "left" and align == "both"):
                    yield self._hit(segment(ctx, p, span.role), "align", where=span.label,
                                    found=_ALIGN_LABELS.get(align, align),
                                    expected=_ALIGN_LABELS.get(spec.align, spec.align), cite=spec.cite,
                                    fix=f"选中{span.label}，开始→段落→对齐方式选“{_ALIGN_KEYS.get(spec.align, spec.align)}”")
            share = measure(ctx, p, span.start, span.end, profile, spec.family, spec)
            if share is None:
                continue
            font_bad = share.font_share < r.min_share
            size_bad = share.size_share < r.min_share
            if not (font_bad or size_bad):
                continue
            substitute = None
            if font_bad:
                for sub in spec.substitutes:
                    alt = measure(ctx, p, span.start, span.end, profile, sub.family, spec, sub.bold)
                    if alt is not None and alt.font_share >= r.min_share:
                        substitute = sub
                        break
            found_font = _top(share.wrong_fonts) if font_bad else _top(share.fonts)
            found_size = _top(share.wrong_sizes) if size_bad else _top(share.sizes)
            preferred = profile.preferred_font(spec.family)
            settings = []
            if font_bad:
                settings.append(f"中文字体选“{preferred}”")
            if size_bad:
                settings.append(f"字号选“{size_name(spec.size_pt)}”")
            fix = f"选中{span.label}文字，开始→字体：" + "，".join(settings)
            if span.key == "body" and p.outline_level is not None and p.style:
                fix = f"该段套用了标题样式“{p.style}”，选中后在“开始→样式”中改用正文样式，或" + fix
            values: dict[str, object] = {
                "where": span.label,
                "found": f"{font_label(found_font)}、{size_label(found_size)}",
                "expected": f"{family_label(profile, spec.family)}、{size_label(spec.size_pt)}",
                "preferred": preferred,
                "fix": fix,
                "cite": spec.cite,
            }
            variant = None
            severity = None
            if substitute is not None and not size_bad:
                variant, severity = "substitute", substitute.severity
                values["found"] = font_label(found_font) + ("（加粗）" if substitute.bold else "")
                values["expected"] = family_label(profile, spec.family)
            st = doc.paragraph_style(p.style)
            inherited = st is not None and substitute is None and (
                (not font_bad or st.run.east_asia_font == found_font)
                and (not size_bad or st.run.size_pt == found_size)
            )
            faults.append(Fault(
                span, (font_bad and found_font, size_bad and found_size), values,
                style=st if inherited else None,
                style_values={"fix": f"开始→样式→右键“{st.name if st else ''}”→修改→格式→字体：" + "，".join(settings)
                                     + "；段落中另行设过字体的文字，选中后在“开始→字体”中一并改正"},
                severity=severity, variant=variant,
            ))
        yield from self._emit(ctx, faults)

    def _mixed_font(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        r = self.lrule
        for span in self._in_scope(ctx):
            spec = profile.text[span.key]
            p = span.paragraph
            share = measure(ctx, p, span.start, span.end, profile, spec.family, spec)
            if share is None or (share.font_ok == share.total and share.size_ok == share.total):
                continue
            if share.font_share < r.min_share or share.size_share < r.min_share:
                continue  # the whole span is wrong: the font rule reports it
            accept = font_accepter(ctx, profile, spec.family)
            masked = ctx.texts[p.index] if len(ctx.texts[p.index]) == len(p.text) else p.text
            pending: tuple[int, int, tuple[Any, ...]] | None = None
            out: list[tuple[int, int, tuple[Any, ...]]] = []
            for run in p.runs:
                lo, hi = max(run.start, span.start), min(run.end, span.end)
                if run.format.hidden or lo >= hi:
                    continue
                # Masked residue is MASK, never Han, so searching the masked text skips it.
                if _HAN.search(masked, lo, hi) is None:
                    continue  # digits and Latin take the ASCII font; a lone comma's face barely shows
                bad_font = not accept(run.format)
                bad_size = not size_ok(run.format.size_pt, spec)
                key = (bad_font and run.format.east_asia_font, bad_size and run.format.size_pt)
                if not (bad_font or bad_size):
                    if pending is not None:
                        out.append(pending)
                        pending = None
                    continue
                if pending is not None and pending[2] == key and pending[1] == run.start:
                    pending = (pending[0], hi, key)
                else:
                    if pending is not None:
                        out.append(pending)
                    pending = (lo, hi, key)
            if pending is not None:
                out.append(pending)
            seg = segment(ctx, p, span.role)
            for start, end, (bad_font, bad_size) in out:
                problems = []
                settings = []
                if bad_font is not False:
                    problems.append(f"字体为{font_label(bad_font)}")
                    settings.append(f"中文字体选“{profile.preferred_font(spec.family)}”")
                if bad_size is not False:
                    problems.append(f"字号为{size_label(bad_size)}")
                    settings.append(f"字号选“{size_name(spec.size_pt)}”")
                yield self._hit(seg, start=start, end=end, where=span.label, text=p.text[start:end],
                                found="、".join(problems),
                                expected=f"{family_label(profile, spec.family)}、{size_label(spec.size_pt)}",
                                fix="选中这几个字，开始→字体：" + "，".join(settings) + "（或用格式刷刷成与本段一致）",
                                cite=spec.cite)

    # -- paragraphs --------------------------------------------------------------------------

    def _indent(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        spec = profile.indent
        want = spec.first_line_chars
        tol = spec.tolerance_chars
        body_size = profile.text["body"].size_pt
        doc = ctx.document
        want_label = num_label(want)

        def judge(span: Span) -> Fault | None:
            p = span.paragraph
            if p.format.alignment in ("center", "right") or p.format.numbered:
                return None  # list numbering brings its own indents, which the reader does not resolve
            role = span.role
            size = dominant_size(ctx, p) or body_size
            first = first_line_chars(p, size)
            left = left_chars(p, size)
            hanging = (p.format.hanging_indent_pt or 0) > 1
            n_lead, lead, full = leading_spaces(p.text)
            total = first + left + lead
            start = end = None
            severity = None
            sig: tuple[Any, ...]
            if role == "recipient":
                if total <= tol:
                    return None
                found, expected = f"缩进了{num_label(total)}字", "顶格（不缩进）"
                fix = "删去行首空格，开始→段落→缩进：左侧0、特殊格式“无”"
                sig = ("recipient", round(total, 1))
            elif n_lead and first <= tol and left <= tol:
                start, end = 0, n_lead
                if full and abs(lead - want) <= tol:
                    severity = Severity.INFO
                    found = f"用{n_lead}个全角空格代替首行缩进"
                else:
                    found = f"用{n_lead}个空格代替首行缩进"
                expected = f"用段落格式首行缩进{want_label}字符"
                fix = f"删去段首空格，开始→段落→特殊格式选“首行缩进”，缩进值“{want_label}字符”"
                sig = ("spaces",)
            elif hanging:
                found, expected = "设置了悬挂缩进，回行不顶格", f"首行缩进{want_label}字符、回行顶格"
                fix = f"开始→段落→特殊格式选“首行缩进”，缩进值“{want_label}字符”，左侧缩进0"
                sig = ("hanging",)
            elif abs(total - want) > tol or left > tol:
                if n_lead:
                    start, end = 0, n_lead
                    found = f"段首有{n_lead}个空格，又设了缩进，实际缩进约{num_label(total)}字"
                    fix = "删去段首空格"
                elif left > tol:
                    found = f"整段左缩进{num_label(left)}字符，回行不顶格"
                    fix = f"开始→段落→缩进：左侧0，特殊格式“首行缩进”{want_label}字符"
                elif first <= tol:
                    found = "没有首行缩进"
                    fix = f"选中这些段落，开始→段落→特殊格式选“首行缩进”，缩进值“{want_label}字符”"
                else:
                    found = f"首行缩进{num_label(first)}字符"
                    fix = f"开始→段落→特殊格式“首行缩进”，缩进值改为“{want_label}字符”"
                expected = f"首行缩进{want_label}字符（左空二字）"
                sig = ("indent", round(first, 1), round(left, 1), n_lead > 0)
            else:
                return None
            values: dict[str, object] = {"where": span.label, "cite": spec.cite, "found": found,
                                         "expected": expected, "fix": fix}
            st = doc.paragraph_style(p.style)
            inherited = (
                st is not None and not n_lead and sig[0] == "indent"
                and (st.paragraph.first_line_indent_pt, st.paragraph.first_line_indent_chars,
                     st.paragraph.left_indent_pt, st.paragraph.left_indent_chars)
                == (p.format.first_line_indent_pt, p.format.first_line_indent_chars,
                    p.format.left_indent_pt, p.format.left_indent_chars)
            )
            return Fault(
                whole(span), sig, values, style=st if inherited else None,
                style_values={"fix": f"开始→样式→右键“{st.name if st else ''}”→修改→格式→段落：特殊格式选“首行缩进”，"
                                     f"缩进值“{want_label}字符”（主送机关等应顶格的段落再单独设为无缩进）"},
                severity=severity, start=start, end=end,
            )

        verdicts: dict[Any, Fault | None] = {}
        faults: list[Fault] = []
        for span in self._first_spans(ctx):
            p = span.paragraph
            if span.start != 0:
                continue
            if (span.role == "attachment_note" and ctx.anatomy.attachment_note
                    and p.index != ctx.anatomy.attachment_note[0]):
                continue  # continuation lines align with the first attachment name
            # The verdict depends on nothing but the role, format, size, leading spaces and style.
            key = (span.role, p.format, dominant_size(ctx, p), leading_spaces(p.text), p.style)
            fault = judge_alike(verdicts, key, span, judge)
            if fault is not None:
                faults.append(fault)
        yield from self._emit(ctx, faults)

    def _color(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        spec = profile.color
        allowed = {c.upper() for c in spec.allowed}
        doc = ctx.document

        def black(color: str | None) -> bool:
            if color is None or color.upper() in allowed:
                return True
            try:
                rgb = [int(color[i:i + 2], 16) for i in (0, 2, 4)]
            except ValueError:
                return True
            return len(color) == 6 and max(rgb) <= spec.near_black

        def white(color: str | None) -> bool:
            try:
                return color is not None and len(color) == 6 and min(int(color[i:i + 2], 16) for i in (0, 2, 4)) >= 0xF0
            except ValueError:
                return False

        faults: list[Fault] = []
        for span in self._first_spans(ctx):
            p = span.paragraph
            masked = ctx.texts[p.index] if len(ctx.texts[p.index]) == len(p.text) else p.text
            runs: list[tuple[int, int, str]] = []
            for run in p.runs:
                color = run.format.color
                if run.format.hidden or black(color) or white(color) or not run.text.strip(_SPACES):
                    continue  # white text is invisible: residue.hidden-text reports it
                if all(masked[k] == MASK for k in range(run.start, run.end) if p.text[k] not in _SPACES):
                    continue
                assert color is not None
                if runs and runs[-1][2] == color and runs[-1][1] == run.start:
                    runs[-1] = (runs[-1][0], run.end, color)
                else:
                    runs.append((run.start, run.end, color))
            if not runs:
                continue
            st = doc.paragraph_style(p.style)
            whole = sum(e - s for s, e, _ in runs) >= len(p.text.strip(_SPACES))
            for start, end, color in runs:
                inherited = whole and st is not None and st.run.color == color
                faults.append(Fault(
                    span, (color,),
                    {"where": span.label, "text": p.text[start:end], "found": f"#{color}",
                     "fix": "选中这些文字，开始→字体颜色选“自动”（黑色）", "cite": spec.cite},
                    style=st if inherited else None,
                    style_values={"fix": f"开始→样式→右键“{st.name if st else ''}”→修改→格式→字体：字体颜色选“自动”"},
                    start=None if inherited else start, end=None if inherited else end,
                ))
        yield from self._emit(ctx, faults)

    def _signature_block(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        spec = profile.signature
        a = ctx.anatomy
        doc = ctx.document
        body_size = profile.text["body"].size_pt
        sec = doc.sections[0] if doc.sections else None
        line_chars = text_area_pt(sec, profile)[0] / body_size
        rule_fix = "加盖印章的，成文日期右空四字、署名以成文日期为准居中；不加盖印章的，署名右空二字、日期在其下一行并右移二字"
        for idx, role in ((a.signature, "signature"), (a.date, "date")):
            if idx is None:
                continue
            p = doc.paragraphs[idx]
            seg = segment(ctx, p, role)
            label = ROLE_LABELS[role]
            align = p.format.alignment or "left"
            size = dominant_size(ctx, p) or body_size
            text = p.text.strip(_SPACES)
            if align == "center":
                yield self._hit(seg, where=label, found="在整行居中", cite=spec.cite,
                                fix=f"改为右对齐并设右缩进：{rule_fix}")
                continue
            if align == "right":
                offset = right_chars(p, size) + trailing_width(p.text)
                if role == "date" and offset < spec.date_right_min_chars - 0.25:
                    yield self._hit(seg, where=label, found="紧靠版心右边缘", cite=spec.cite,
                                    fix=f"开始→段落→缩进：右侧“4字符”（加盖印章）或“2字符”（不加盖印章）；{rule_fix}")
                continue
            start_chars = first_line_chars(p, size) + left_chars(p, size) + leading_spaces(p.text)[1]
            if start_chars < 1:
                yield self._hit(seg, where=label, found="顶格居左", cite=spec.cite,
                                fix=f"改为右对齐并设右缩进：{rule_fix}")
                continue
            if role == "date":
                remaining = line_chars - start_chars - text_width(text)
                if remaining < spec.date_right_min_chars - 0.5:
                    yield self._hit(seg, where=label, found="紧靠或超出版心右边缘", cite=spec.cite,
                                    fix=f"用右对齐和右缩进代替行首空格：{rule_fix}")

    # -- page numbers ------------------------------------------------------------------------

    def _page_number(self, ctx: Context, profile: Profile) -> Iterator[Hit]:
        doc = ctx.document
        spec = profile.page_number
        tspec = profile.text["page_number"]
        if not doc.sections:
            return
        if not any(hf.has_page_field for hf in doc.footers):
            variant = "in_header" if any(h.has_page_field for h in doc.headers) else "missing"
            yield self._hit(None, variant, cite=spec.cite,
                            fix="插入→页码→页面底端，选普通数字；奇数页右对齐、偶数页左对齐，数字两侧各加一字线“—”")
            return
        even_odd = doc.even_and_odd_headers
        problems: dict[tuple[str, str], list[str]] = {}  # (variant, detail) -> where labels
        severities: dict[tuple[str, str], Severity | None] = {}
        fixes: dict[tuple[str, str], str] = {}

        def add(variant: str, detail: str, where: str, fix: str, severity: Severity | None = None) -> None:
            key = (variant, detail)
            if where not in problems.setdefault(key, []):
                problems[key].append(where)
            severities[key] = severity
            fixes[key] = fix

        current: dict[str, HeaderFooter] = {}
        letter = ctx.doc_type == "函"
        for s in doc.sections:
            current = {**current, **{hf.kind: hf for hf in doc.footers if hf.section == s.index}}
            kinds = ["default"] + (["even"] if even_odd else [])
            if s.title_page and spec.first_page and not letter:
                kinds.append("first")
            for kind in kinds:
                where = {"default": "奇数页" if even_odd else "", "even": "偶数页", "first": "首页"}[kind]
                hf = current.get(kind)
                if hf is None or not hf.has_page_field:
                    fix = {"first": "双击首页页脚，插入→页码→当前位置→普通数字（或取消“首页不同”；信函格式首页不显示页码的除外）",
                           "even": "双击偶数页页脚，插入→页码→当前位置→普通数字，左对齐"}.get(kind, "插入→页码→页面底端")
                    # Kind unknown: it may be a 信函, whose first page has no number (10.1).
                    unsure = kind == "first" and ctx.doc_type is None
                    add("kind_missing", "", where or "页脚", fix, Severity.WARNING if unsure else None)
                    continue
                para = _number_paragraph(hf)
                text = para.text if para is not None else ""
                form = _page_form(text, spec.dash)
                if form is not None:
                    detail, severity = form
                    add("form", detail, where, "双击页脚，在页码数字左右各输入一条一字线“—”（插入→符号→其他符号→"
                        "特殊字符→长划线），删去其他字符", severity)
                if para is not None:
                    align = para.format.alignment or "left"
                    want = spec.even_align if kind == "even" else spec.odd_align
                    if even_odd and align != want:
                        add("align", f"{_ALIGN_LABELS.get(align, align)}，应{_ALIGN_LABELS.get(want, want)}", where,
                            f"双击{where}页脚，开始→段落→对齐方式选“{_ALIGN_KEYS.get(want, want)}”，"
                            f"{'右' if want == 'right' else '左'}缩进{num_label(spec.indent_chars)}字符",
                            Severity.WARNING)
                    elif not even_odd and kind == "default":
                        if align == spec.odd_align:
                            add("even_odd", "", "", "页面布局→页面设置→版式→页眉和页脚：勾选“奇偶页不同”，"
                                "再把偶数页页码设为左对齐", Severity.INFO)
                        else:
                            add("align", f"{_ALIGN_LABELS.get(align, align)}，应单页码居右、双页码居左", "",
                                "页面布局→页面设置→版式：勾选“奇偶页不同”；奇数页页码右对齐、右缩进1字符，"
                                "偶数页页码左对齐、左缩进1字符", Severity.WARNING)
                    font_problem = _number_font(para, profile, tspec)
                    if font_problem:
                        add("font", font_problem, where,
                            f"双击页脚，选中页码及两侧一字线，开始→字体：西文字体选“{profile.preferred_font(tspec.family)}”，"
                            f"字号选“{size_name(tspec.size_pt)}”", Severity.WARNING)
        for (variant, detail), wheres in problems.items():
            where = "、".join(w for w in wheres if w)
            yield self._hit(None, variant, severity=severities[(variant, detail)], where=where, found=detail,
                            fix=fixes[(variant, detail)], cite=spec.cite)


def _number_paragraph(hf: HeaderFooter) -> Paragraph | None:
    """The footer paragraph that shows the page number: digits or dashes, else any text."""
    paras = [p for p in hf.paragraphs if p.text.strip(_SPACES)]
    for p in paras:
        if any(ch.isdigit() for ch in p.text):
            return p
    return paras[0] if paras else (hf.paragraphs[0] if hf.paragraphs else None)


_DASH_LOOKALIKE = "\u2015\u2500\u2501\u4e00"  # ― ─ ━ 一: look like the one-em dash in print
_WRONG_DASH = "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d~～"


_PAGE_TEXT = regexes.compile(r"(?P<l>\D*)(?P<n>\d*)(?P<r>\D*)")


def _page_form(text: str, dash: str) -> tuple[str, Severity | None] | None:
    """What is wrong with the page-number text, or None when it reads ``— N —``."""
    t = "".join(ch for ch in text if ch not in _SPACES)
    body = _PAGE_TEXT.fullmatch(t)
    if body is None:
        return f"页码为“{text.strip()}”，应为“{dash} 1 {dash}”", None
    left, right = body.group("l"), body.group("r")
    if not body.group("n") and len(left) == 2 * len(dash):  # no cached field result: "— —"
        left, right = left[:len(dash)], left[len(dash):]
    if left == dash and right == dash:
        return None
    if "页" in t:
        return f"页码为“{text.strip()}”，应为“{dash} 1 {dash}”（只写数字，两侧各一条一字线）", None
    if not left and not right:
        return f"页码两侧没有一字线，应为“{dash} 1 {dash}”", None
    if all(ch in _DASH_LOOKALIKE for ch in left + right) and len(left) == 1 and len(right) == 1:
        return (f"页码两侧的“{left}”不是一字线（U+2014），印出来相近但编码不同，应为“{dash}”",
                Severity.INFO)
    if any(ch in _WRONG_DASH for ch in left + right):
        return f"页码两侧为“{left}”“{right}”（短横线或连接号），应为一字线：“{dash} 1 {dash}”", None
    return f"页码写作“{text.strip()}”，应为“{dash} 1 {dash}”（两侧各一条一字线）", None


def _number_font(para: Paragraph, profile: Profile, spec: TextSpec) -> str | None:
    """Font or size of the page-number digits when they differ from the profile (半角宋体 4号)."""
    fonts: Counter[str] = Counter()
    sizes: Counter[float] = Counter()
    for run in para.runs:
        if run.format.hidden or not run.text.strip(_SPACES):
            continue
        digits = any(ch.isdigit() for ch in run.text)
        if digits and run.format.ascii_font and not profile.accepts(run.format.ascii_font, spec.family):
            fonts[run.format.ascii_font] += 1
        if run.format.size_pt is not None and not size_ok(run.format.size_pt, spec):
            sizes[run.format.size_pt] += len(run.text.strip())
    parts = []
    if fonts:
        parts.append(f"数字字体为{_top(fonts)}")
    if sizes:
        parts.append(f"字号为{size_label(_top(sizes))}")
    if not parts:
        return None
    return "、".join(parts) + f"，应为{size_name(spec.size_pt)}半角{spec.family}"

