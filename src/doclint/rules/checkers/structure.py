"""Structure checks: what a document asks for, how it closes, and how its attachments line up."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from doclint._cache import regexes
from doclint.anatomy.doc_type import content_signals
from doclint.anatomy.parts import chinese_number
from doclint.model.document import Story
from doclint.rules.kinds.base import REGEX_TIMEOUT, Checker, Context, Hit, Segment, register, typed_params
from doclint.rules.schema import CheckerParams, CheckerRule, Regex


@register("request-phrases")
class RequestPhrases(Checker):
    """A non-请示 document asking for approval in its own voice (条例 Art. 15(四))."""

    class Params(CheckerParams):
        request: Regex = Field(min_length=1)  # asking for approval in the document's own voice
        reported: Regex = "(?!)"  # near a request: it is reported, not asked (… 已请示 …)

    variables = frozenset({"found"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.request = regexes.compile(p.request)
        self.reported = regexes.compile(p.reported)

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


_BOOK_TITLE = regexes.compile(r"《[^》]*》")


def _titles(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _BOOK_TITLE.finditer(text)]


_DOC_TYPE_CLOSING = {"请示": "妥否，请批示。", "报告": "特此报告。", "函": "特此函告。", "通知": "特此通知。",
                     "通报": "特此通报。"}
# Closings that content detection reads as another kind but that are normal for this one.
_OWN_CLOSING = {"批复": regexes.compile(r"^\s*(?:此复|特此批复)[。！]?\s*$")}


@register("doc-type-content-mismatch")
class DocTypeContentMismatch(Checker):
    """The kind in the title disagrees with the closing phrase."""

    variables = frozenset({"doc_type", "other"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.doc_type_source != "title" or not ctx.anatomy.body:
            return
        base = "报告" if ctx.doc_type in ("综合报告", "专项报告") else ctx.doc_type
        closing = list(ctx.anatomy.body)[-2:]
        signals = content_signals([ctx.texts[i] for i in closing])
        if not signals or base in signals:
            return
        own = _OWN_CLOSING.get(base or "")
        if own is not None and any(own.search(ctx.texts[i]) for i in closing):
            return
        other = sorted(signals)[0]
        i = closing[-1]
        seg = Segment(Story.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))
        yield Hit(seg, vars={"doc_type": base, "other": other}, suggestion=_DOC_TYPE_CLOSING.get(base or ""))


def _top_level_split(text: str, joiners: regex.Pattern[str]) -> list[str]:
    """Split on joiners that are outside brackets and quotes."""
    depth = 0
    masked = []
    for ch in text:
        if ch in "（(〔《“‘":
            depth += 1
        elif ch in "）)〕》”’" and depth:
            depth -= 1
        masked.append(ch if depth == 0 else "\ue001")
    parts: list[str] = []
    pos = 0
    for m in joiners.finditer("".join(masked)):
        parts.append(text[pos : m.start()])
        pos = m.end()
    parts.append(text[pos:])
    return [p for p in parts if p]


_SPACES = regexes.compile(r"[\s\u3000]+")


@register("qingshi-one-matter")
class QingshiOneMatter(Checker):
    """A 请示 title joining two matters, each a verb with its own object (条例 Art. 15(四))."""

    class Params(CheckerParams):
        verbs: list[str] = Field(min_length=1)  # verbs that start a matter (申请, 购置 …)
        joiners: Regex = "和|及|与|、|并|暨|以及|同时"  # what joins two matters

    variables = frozenset({"found", "matters", "count"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        verbs = p.verbs
        self.verb = regexes.compile("(?:" + "|".join(regex.escape(v) for v in sorted(verbs, key=len, reverse=True)) + ")")
        self.joiners = regexes.compile(p.joiners)
        self.matter = regexes.compile(r"关于(?P<matter>.+?)的?请示$")

    def _verb_object(self, part: str) -> bool:
        m = self.verb.match(part)
        return m is not None and len(part) - m.end() >= 2

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if not a.title:
            return
        title = _SPACES.sub("", a.title_text)
        m = self.matter.search(title)
        if not m:
            return
        parts = _top_level_split(m.group("matter"), self.joiners)
        if len(parts) < 2 or not all(self._verb_object(p) for p in parts):
            return
        i = a.title[0]
        text = ctx.texts[i]
        start = len(text) - len(text.lstrip(" \u3000"))
        seg = Segment(Story.BODY, i, text, ctx.document.paragraphs[i].text, ctx.role(i))
        yield Hit(seg, start, len(text.rstrip(" \u3000")),
                  vars={"found": title, "matters": "”“".join(parts), "count": len(parts)})


_LABEL = regexes.compile(r"^\s*附\s*件\s*(?P<n>[0-9０-９]*|[一二三四五六七八九十]+)\s*(?P<p>[：:．.、，,]?)\s*$")
_NOTE_ITEM = regexes.compile(
    r"^\s*(?:附\s*件\s*[：:])?\s*(?:(?P<n>\d{1,2})\s*[.．、，,](?!\d))?\s*(?P<name>.*?)\s*[。；;，,.．]?\s*$"
)
_NAME_NOISE = regexes.compile(r"[\s\u3000《》“”\"'‘’]")


def _norm(name: str) -> str:
    return _NAME_NOISE.sub("", name)




_ITEM_START = regexes.compile(r"^[一二三四五六七八九十]+、|^[（(][一二三四五六七八九十\d]+[）)]|^\d+[.．、]")


_STOPS = regexes.compile(r"[。；：:]")


def _page_title(ctx: Context, after: list[int]) -> tuple[str, ...]:
    """What an attachment's title may be: its first line after the label, that line joined with the
    next, or with the next two (a long title wraps; a note such as “（共130项）” may follow alone)."""
    parts: list[str] = []
    for i in after[:3]:
        line = ctx.texts[i].strip()
        if _LABEL.match(line) or _ITEM_START.match(line) or len(line) > 40 or _STOPS.search(line):
            break
        parts.append(line)
    return tuple("".join(parts[: k + 1]) for k in range(len(parts)))


@register("attachment-consistency")
class AttachmentConsistency(Checker):
    """附件说明 items against the attachment pages: count, order, number, name, label form."""

    variables = frozenset({"found"})

    def _note_items(self, ctx: Context) -> list[tuple[int, int | None, str]]:
        items: list[tuple[int, int | None, str]] = []
        for k, i in enumerate(ctx.anatomy.attachment_note):
            m = _NOTE_ITEM.match(ctx.texts[i])
            if not m:
                continue
            n = int(m.group("n")) if m.group("n") else None
            name = m.group("name")
            if n is None and k > 0 and items:  # a wrapped long name
                p, pn, pname = items[-1]
                items[-1] = (p, pn, pname + name)
                continue
            items.append((i, n, name))
        return items

    def _pages(self, ctx: Context) -> list[tuple[int, str, str, int | None, tuple[str, ...]]]:
        """(label paragraph, label text, mark after it, number, title) for each attachment."""
        att = [i for i in ctx.anatomy.attachments if ctx.texts[i].strip()]
        pages: list[tuple[int, str, str, int | None, tuple[str, ...]]] = []
        for k, i in enumerate(att):
            m = _LABEL.match(ctx.texts[i])
            if not m:
                continue
            raw = m.group("n")
            n: int | None
            if not raw:
                n = None
            elif raw.isdigit():
                n = int(raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
            else:
                n = chinese_number(raw)
            pages.append((i, raw, m.group("p"), n, _page_title(ctx, att[k + 1:])))
        return pages

    def _seg(self, ctx: Context, i: int) -> Segment:
        return Segment(Story.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))

    def check(self, ctx: Context) -> Iterator[Hit]:
        pages = self._pages(ctx)
        if not pages:
            return
        for i, raw, mark, number, _title in pages:
            if mark or (raw and not raw.isascii()):
                text = ctx.texts[i]
                start = len(text) - len(text.lstrip(" \u3000"))
                yield Hit(self._seg(ctx, i), start, len(text.rstrip(" \u3000")), vars={"found": text.strip()},
                          message=f"附件标识“{text.strip()}”不规范：应为“附件”或“附件1”（阿拉伯数字），后面不加标点",
                          suggestion="附件" + (str(number) if number else ""))
        items = self._note_items(ctx)
        if not items:
            return
        if len(items) != len(pages):
            i = items[0][0]
            text = ctx.texts[i]
            yield Hit(self._seg(ctx, i), 0, len(text.rstrip()), vars={"found": text.strip()},
                      message=f"附件说明列了{len(items)}个附件，文后附件有{len(pages)}个，数量不一致",
                      suggestion="核对附件说明与所附附件，使两者一一对应")
            return
        for (_ni, nn, name), (pi, _raw, _mark, pn, title) in zip(items, pages, strict=True):
            if nn is not None and pn is not None and nn != pn:
                text = ctx.texts[pi]
                yield Hit(self._seg(ctx, pi), 0, len(text.rstrip()), vars={"found": text.strip()},
                          message=f"附件顺序号不一致：附件说明中为{nn}，附件页标为“{text.strip()}”",
                          suggestion=f"附件{nn}")
                continue
            if title and name and all(_norm(t) != _norm(name) for t in title):
                k = ctx.anatomy.attachments.index(pi)
                ti = next(j for j in ctx.anatomy.attachments[k + 1 :] if ctx.texts[j].strip())
                text = ctx.texts[ti]
                start = len(text) - len(text.lstrip(" \u3000"))
                yield Hit(self._seg(ctx, ti), start, len(text.rstrip(" \u3000")), vars={"found": title[0]},
                          message=f"附件标题“{title[0]}”与附件说明中的“{name}”不一致",
                          suggestion=name)
