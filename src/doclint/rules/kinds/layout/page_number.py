"""Page-number checks: present in the footer, ``— N —``, alignment by odd and even page, font."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from doclint._cache import regexes
from doclint.findings import Severity
from doclint.model.document import HeaderFooter, Paragraph
from doclint.rules.kinds.base import Context, Hit
from doclint.rules.kinds.layout.base import LayoutBase
from doclint.rules.kinds.layout.labels import ALIGN_KEYS, ALIGN_LABELS, num_label, size_label, size_name
from doclint.rules.kinds.layout.measures import SPACES, most_frequent, size_ok
from doclint.rules.profiles import Profile, TextSpec


class PageNumberChecks(LayoutBase):
    """``check: page_number``."""

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
                        add("align", f"{ALIGN_LABELS.get(align, align)}，应{ALIGN_LABELS.get(want, want)}", where,
                            f"双击{where}页脚，开始→段落→对齐方式选“{ALIGN_KEYS.get(want, want)}”，"
                            f"{'右' if want == 'right' else '左'}缩进{num_label(spec.indent_chars)}字符",
                            Severity.WARNING)
                    elif not even_odd and kind == "default":
                        if align == spec.odd_align:
                            add("even_odd", "", "", "页面布局→页面设置→版式→页眉和页脚：勾选“奇偶页不同”，"
                                "再把偶数页页码设为左对齐", Severity.INFO)
                        else:
                            add("align", f"{ALIGN_LABELS.get(align, align)}，应单页码居右、双页码居左", "",
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
    paras = [p for p in hf.paragraphs if p.text.strip(SPACES)]
    for p in paras:
        if any(ch.isdigit() for ch in p.text):
            return p
    return paras[0] if paras else (hf.paragraphs[0] if hf.paragraphs else None)


_DASH_LOOKALIKE = "\u2015\u2500\u2501\u4e00"  # ― ─ ━ 一: look like the one-em dash in print
_WRONG_DASH = "-\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d~～"


_PAGE_TEXT = regexes.compile(r"(?P<l>\D*)(?P<n>\d*)(?P<r>\D*)")


def _page_form(text: str, dash: str) -> tuple[str, Severity | None] | None:
    """What is wrong with the page-number text, or None when it reads ``— N —``."""
    t = "".join(ch for ch in text if ch not in SPACES)
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
        if run.format.hidden or not run.text.strip(SPACES):
            continue
        digits = any(ch.isdigit() for ch in run.text)
        if digits and run.format.ascii_font and not profile.accepts(run.format.ascii_font, spec.family):
            fonts[run.format.ascii_font] += 1
        if run.format.size_pt is not None and not size_ok(run.format.size_pt, spec):
            sizes[run.format.size_pt] += len(run.text.strip())
    parts = []
    if fonts:
        parts.append(f"数字字体为{most_frequent(fonts)}")
    if sizes:
        parts.append(f"字号为{size_label(most_frequent(sizes))}")
    if not parts:
        return None
    return "、".join(parts) + f"，应为{size_name(spec.size_pt)}半角{spec.family}"

