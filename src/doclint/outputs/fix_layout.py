"""Layout fixes (``doclint fix --layout``): bring a .docx to the active layout profile, recording each
change as a tracked formatting change where Word supports one.

- Page setup of every portrait section (paper, margins, gutter, line grid): ``w:sectPrChange``.
- Fonts (eastAsia and ASCII slots, theme fonts dropped), sizes and colour of each body span, as the
  layout rules cut the paragraphs into title, headings, body and 版记: ``w:rPrChange``. A paragraph
  style dedicated to one kind of span is fixed in the style; other runs are formatted directly.
- Fixed line spacing, first-line indent (主送机关 flush left), title centred, signature and date
  right-aligned with right indents per GB/T 9704 7.3.5.2: ``w:pPrChange``. Spaces typed at the
  start of a paragraph in place of an indent are deleted as tracked deletions.
- Page numbers: ``outputs/fix_footer.py``. Property editing and change tracking: ``outputs/fix_props.py``.

Each change made is returned as one Chinese line for the command's summary.
"""

from __future__ import annotations

import copy
from typing import Any

import msgspec
from docx.oxml import OxmlElement

from doclint.anatomy.parts import Anatomy
from doclint.model.document import Document, Paragraph
from doclint.outputs.fix_props import (
    INDENTED,
    PPR_ORDER,
    RPR_ORDER,
    SECT_ORDER,
    SPACES,
    Tracker,
    child,
    has,
    mm,
    ppr_of,
    rpr_of,
    set_attrs,
    tw,
    w,
)
from doclint.outputs.runs import W_R, W_RPR, body_paragraphs, boundary, spans
from doclint.rules.profiles import Profile

__all__ = ["LayoutPlan", "fix_layout"]

class _Fixer:
    def __init__(self, doc: Any, plan: LayoutPlan, marks: Any, document: Document | None) -> None:
        self.doc = doc
        self.profile = plan.profile
        self.marks = marks
        self.track = Tracker(marks)
        self.document = document
        self.ctx = _context(document, plan) if document is not None else None
        self.body = doc.element.body
        self.default_style = _default_style(doc)
        self.changes: list[str] = []

    # -- sections --------------------------------------------------------------------------

    def sections(self) -> None:
        page, m, lines = self.profile.page, self.profile.margins, self.profile.lines
        sects = self.doc.element.xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr")
        changed = 0
        for i, sect in enumerate(sects):
            size = sect.find(w("pgSz"))
            landscape = size is not None and size.get(w("orient")) == "landscape"
            if landscape and i > 0:
                continue  # wide tables may turn the page after the first (GB/T 9704—2012 8)
            want: dict[str, dict[str, str | None]] = {
                "pgSz": {"w": tw(page.width_mm), "h": tw(page.height_mm), "orient": None},
                "pgMar": {"top": tw(m.top_mm), "bottom": tw(m.bottom_mm), "left": tw(m.left_mm),
                          "right": tw(m.right_mm), "gutter": "0"},
                "docGrid": {"type": "lines", "linePitch": str(round(lines.recommended_pt * 20)), "charSpace": None},
            }
            if all(has(sect.find(w(k)), v) for k, v in want.items()):
                continue
            self.track.before(sect, "sectPrChange", SECT_ORDER, skip=("headerReference", "footerReference"))
            for name, attrs in want.items():
                set_attrs(child(sect, name, SECT_ORDER), **attrs)
            pg_mar = sect.find(w("pgMar"))
            for key, default in (("header", "851"), ("footer", "992")):
                if pg_mar.get(w(key)) is None:
                    pg_mar.set(w(key), default)
            changed += 1
        if changed:
            self.changes.append(f"页面设置：A4纵向，页边距上{mm(m.top_mm)}、下{mm(m.bottom_mm)}、左{mm(m.left_mm)}、"
                                f"右{mm(m.right_mm)}毫米，每页{lines.per_page}行（{changed}节）")

    # -- paragraphs and runs ---------------------------------------------------------------

    def paragraphs(self) -> None:
        if self.document is None or self.ctx is None:
            return
        from doclint.rules.kinds.layout.measures import Span

        paras = body_paragraphs(self.body)
        counts = {"style": 0, "font": 0, "spacing": 0, "indent": 0, "align": 0, "color": 0, "spaces": 0}
        anatomy = self.ctx.anatomy
        grouped: dict[int, list[Span]] = {}
        for span in self.ctx.layout.spans:
            if span.paragraph.index < len(paras):
                grouped.setdefault(span.paragraph.index, []).append(span)
        fixed_styles = self._styles(paras, grouped, counts)
        for idx, group in grouped.items():
            p = paras[idx]
            by_style = _style_id(p, self.default_style) in fixed_styles
            for span in group:  # runs first: removing leading spaces afterwards shifts offsets
                spec = self.profile.text[span.key]
                font = self.profile.preferred_font(spec.family)
                counts["font"] += self._runs(p, span.start, span.end, font, spec.size_pt, counts, by_style)
            self._inserted(p)
            first = group[0]
            counts["spaces"] += self._paragraph(p, first.paragraph, first.role, first.key, counts)
        for idx, role in ((anatomy.signature, "signature"), (anatomy.date, "date")):
            if idx is not None and idx < len(paras):
                self._signature(paras[idx], self.document.paragraphs[idx], role, counts)
        labels = {"style": "段落样式的字体字号", "font": "字体字号", "spacing": "固定行距", "indent": "首行缩进", "align": "对齐",
                  "color": "文字颜色改为自动", "spaces": "删去代替缩进的段首空格"}
        for key, n in counts.items():
            if n:
                self.changes.append(f"{labels[key]}：{n}处")

    def _runs(self, p: Any, start: int, end: int, font: str, size_pt: float, counts: dict[str, int],
              by_style: bool = False) -> int:
        boundary(p, start)
        boundary(p, end)
        n = 0
        half = str(round(size_pt * 2))
        for s in spans(p):
            if s.start < start or s.end > end:
                continue
            existing = s.run.find(W_RPR)
            if by_style and (existing is None or not any(
                    existing.find(w(k)) is not None for k in ("rStyle", "rFonts", "sz", "color"))):
                continue  # nothing of its own: the fixed paragraph style gives it the right type
            rpr = rpr_of(s.run)
            if rpr.find(w("vanish")) is not None:
                continue  # hidden text is residue's business
            fonts = rpr.find(w("rFonts"))
            color = rpr.find(w("color"))
            sz = rpr.find(w("sz"))
            font_ok = fonts is not None and all(fonts.get(w(k)) == font for k in ("eastAsia", "ascii", "hAnsi")) \
                and not any(fonts.get(w(k)) for k in ("eastAsiaTheme", "asciiTheme", "hAnsiTheme"))
            size_ok = sz is not None and sz.get(w("val")) == half
            color_ok = color is None or (color.get(w("val")) or "auto").upper() in ("AUTO", "000000")
            if font_ok and size_ok and color_ok:
                continue
            self.track.before(rpr, "rPrChange", RPR_ORDER)
            set_attrs(child(rpr, "rFonts", RPR_ORDER), eastAsia=font, ascii=font, hAnsi=font, eastAsiaTheme=None,
                 asciiTheme=None, hAnsiTheme=None, hint="eastAsia")
            set_attrs(child(rpr, "sz", RPR_ORDER), val=half)
            set_attrs(child(rpr, "szCs", RPR_ORDER), val=half)
            if not color_ok:
                set_attrs(color, val="auto", themeColor=None, themeShade=None, themeTint=None)
                counts["color"] += 1
            n += 1
        return n

    def _styles(self, paras: list[Any], grouped: dict[int, list[Any]], counts: dict[str, int]) -> set[str]:
        """Fix a paragraph style itself where only body spans of one kind use it (a dedicated 正文 or
        标题 style) and no style used elsewhere inherits from it: its runs then need no direct
        formatting. The default style (Normal) and shared styles are left alone (tables, headers and
        footers use them too); their paragraphs get direct formatting."""
        styles = self.doc.styles.element
        by_id = {st.get(w("styleId")): st for st in styles.iterchildren(w("style"))}
        users: dict[str, set[str]] = {}
        span_paras = set(grouped)
        for i, p in enumerate(paras):
            sid = _style_id(p, self.default_style)
            group = grouped.get(i)
            keys = {g.key for g in group} if group else {"other"}
            users.setdefault(sid, set()).update(keys if len(keys) == 1 else {"mixed"})
        used_elsewhere: set[str] = set()
        for p in self.body.iter(w("p")):
            if p.getparent() is not self.body:  # tables, text boxes, content controls
                used_elsewhere.add(_style_id(p, self.default_style))
        for part in self.doc.part.package.iter_parts():
            if part is self.doc.part or not hasattr(part, "element"):
                continue
            for p in part.element.iter(w("p")):
                used_elsewhere.add(_style_id(p, self.default_style))
        for i, p in enumerate(paras):
            if i not in span_paras:
                used_elsewhere.add(_style_id(p, self.default_style))
        bases: set[str] = set()
        for sid in {*users, *used_elsewhere}:
            st = by_id.get(sid)
            seen: set[str] = set()
            while st is not None:
                base = st.find(w("basedOn"))
                parent = base.get(w("val")) if base is not None else None
                if parent is None or parent in seen:
                    break
                seen.add(parent)
                bases.add(parent)
                st = by_id.get(parent)
        fixed: set[str] = set()
        for sid, keys in users.items():
            st = by_id.get(sid)
            if (st is None or sid == self.default_style or sid in used_elsewhere or sid in bases or len(keys) != 1
                    or not keys <= set(self.profile.text)):
                continue
            spec = self.profile.text[next(iter(keys))]
            font = self.profile.preferred_font(spec.family)
            half = str(round(spec.size_pt * 2))
            rpr = st.find(w("rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                st.append(rpr)
            self.track.before(rpr, "rPrChange", RPR_ORDER)
            set_attrs(child(rpr, "rFonts", RPR_ORDER), eastAsia=font, ascii=font, hAnsi=font, eastAsiaTheme=None,
                 asciiTheme=None, hAnsiTheme=None, hint="eastAsia")
            set_attrs(child(rpr, "sz", RPR_ORDER), val=half)
            set_attrs(child(rpr, "szCs", RPR_ORDER), val=half)
            fixed.add(sid)
            counts["style"] += 1
        return fixed

    def _inserted(self, p: Any) -> None:
        """Text doclint inserted (a tracked text fix) takes the formatting of the text around it."""
        if self.marks is None:
            return
        for ins in p.iter(w("ins")):
            if ins.get(w("author")) != self.marks.author or ins.getparent().tag == W_RPR:
                continue
            model = _neighbour_run(ins)
            if model is None:
                continue
            for r in ins.iterchildren(W_R):
                old = r.find(W_RPR)
                if old is not None:
                    r.remove(old)
                rpr = model.find(W_RPR)
                if rpr is not None:
                    new = copy.deepcopy(rpr)
                    for change in new.findall(w("rPrChange")):
                        new.remove(change)
                    r.insert(0, new)

    def _paragraph(self, p: Any, para: Paragraph, role: str, key: str, counts: dict[str, int]) -> int:
        """Spacing, indent and alignment of one paragraph; returns 1 when leading spaces were removed."""
        ppr = ppr_of(p)
        fmt = para.format
        line = str(round(self.profile.lines.recommended_pt * 20))
        removed = 0
        if key == "title":
            if (fmt.alignment or "left") != "center":
                self.track.before(ppr, "pPrChange", PPR_ORDER, skip=("rPr", "sectPr"))
                set_attrs(child(ppr, "jc", PPR_ORDER), val="center")
                counts["align"] += 1
            return 0
        spacing = ppr.find(w("spacing"))
        if not (spacing is not None and spacing.get(w("lineRule")) == "exact" and spacing.get(w("line")) == line):
            self.track.before(ppr, "pPrChange", PPR_ORDER, skip=("rPr", "sectPr"))
            set_attrs(child(ppr, "spacing", PPR_ORDER), line=line, lineRule="exact")
            counts["spacing"] += 1
        if role in ("signature", "date"):
            return 0
        if fmt.alignment in ("center", "right") or fmt.numbered or role not in (*INDENTED, "recipient"):
            return 0
        if role == "attachment_note" and self._continuation(para):
            return 0
        removed = self._leading_spaces(p)
        chars = 0 if role == "recipient" else round(self.profile.indent.first_line_chars * 100)
        size = self.profile.text["body"].size_pt
        want = {"firstLineChars": str(chars), "firstLine": str(round(chars / 100 * size * 20)), "leftChars": "0",
                "left": "0", "start": None, "startChars": None, "hanging": None, "hangingChars": None}
        ind = ppr.find(w("ind"))
        if not has(ind, want):
            self.track.before(ppr, "pPrChange", PPR_ORDER, skip=("rPr", "sectPr"))
            set_attrs(child(ppr, "ind", PPR_ORDER), **want)
            counts["indent"] += 1
        return removed

    def _continuation(self, para: Paragraph) -> bool:
        note: tuple[int, ...] = self.ctx.anatomy.attachment_note if self.ctx is not None else ()
        return bool(note) and para.index != note[0]

    def _leading_spaces(self, p: Any) -> int:
        """Delete the spaces a paragraph starts with (tracked): the indent is paragraph format."""
        from doclint.findings import Edit
        from doclint.outputs.fix import apply_edit
        from doclint.outputs.runs import paragraph_text

        text = paragraph_text(p)
        n = len(text) - len(text.lstrip(SPACES))
        if not n or n == len(text):
            return 0
        apply_edit(p, Edit.model_construct(part="body", paragraph=0, start=0, end=n, replacement=""), self.marks)
        return 1

    def _signature(self, p: Any, para: Paragraph, role: str, counts: dict[str, int]) -> None:
        """署名 and 成文日期 right-aligned with right indents (no seal: GB/T 9704—2012 7.3.5.2)."""
        from doclint.outputs.docx_writer import signature_indents

        doc = self.document
        assert doc is not None and self.ctx is not None
        a = self.ctx.anatomy
        name = doc.paragraphs[a.signature].text.strip(SPACES) if a.signature is not None else ""
        date = doc.paragraphs[a.date].text.strip(SPACES) if a.date is not None else ""
        name_right, date_right = signature_indents(name or "××", date or "2024年1月1日")
        right = name_right if role == "signature" else date_right
        size = self.profile.text["body"].size_pt
        ppr = ppr_of(p)
        want_ind = {"rightChars": str(round(right * 100)), "right": str(round(right * size * 20)),
                    "firstLineChars": "0", "firstLine": "0", "leftChars": "0", "left": "0", "hanging": None,
                    "hangingChars": None, "start": None, "end": None, "startChars": None, "endChars": None}
        if _placed(para, role, size, self.profile, doc):
            return
        self._leading_spaces(p)
        self._trailing_spaces(p)
        self.track.before(ppr, "pPrChange", PPR_ORDER, skip=("rPr", "sectPr"))
        set_attrs(child(ppr, "jc", PPR_ORDER), val="right")
        set_attrs(child(ppr, "ind", PPR_ORDER), **want_ind)
        counts["align"] += 1

    def _trailing_spaces(self, p: Any) -> None:
        from doclint.findings import Edit
        from doclint.outputs.fix import apply_edit
        from doclint.outputs.runs import paragraph_text

        text = paragraph_text(p)
        n = len(text) - len(text.rstrip(SPACES))
        if n and n < len(text):
            apply_edit(p, Edit.model_construct(part="body", paragraph=0, start=len(text) - n, end=len(text),
                                               replacement=""), self.marks)

    def run(self) -> list[str]:
        self.sections()
        self.paragraphs()
        from doclint.outputs.fix_footer import PageNumbers

        self.changes += PageNumbers(self.doc, self.profile, self.marks, self.track).run()
        return self.changes


def _default_style(doc: Any) -> str:
    """The id of the default paragraph style (Word's Normal)."""
    for st in doc.styles.element.iterchildren(w("style")):
        if st.get(w("type")) == "paragraph" and st.get(w("default")) in ("1", "true", "on"):
            return str(st.get(w("styleId")))
    return "Normal"


def _style_id(p: Any, default: str) -> str:
    """The paragraph style a ``w:p`` uses."""
    ppr = p.find(w("pPr"))
    ps = ppr.find(w("pStyle")) if ppr is not None else None
    return str(ps.get(w("val"))) if ps is not None and ps.get(w("val")) else default


def _neighbour_run(el: Any) -> Any | None:
    """The nearest live run before ``el`` among its siblings, else after it (deleted runs skipped)."""
    for sibling in el.itersiblings(preceding=True):
        if sibling.tag == W_R:
            return sibling
    for sibling in el.itersiblings():
        if sibling.tag == W_R:
            return sibling
    return None


def _placed(para: Paragraph, role: str, size: float, profile: Profile, doc: Document) -> bool:
    """Whether the layout rule accepts where the 署名 or 成文日期 stands (then it is left alone)."""
    from doclint.rules.kinds.layout.measures import (
        first_line_chars,
        leading_spaces,
        left_chars,
        right_chars,
        text_area_pt,
        text_width,
        trailing_width,
    )

    spec = profile.signature
    align = para.format.alignment or "left"
    if align == "center":
        return False
    if align == "right":
        return role != "date" or right_chars(para, size) + trailing_width(para.text) >= spec.date_right_min_chars
    start = first_line_chars(para, size) + left_chars(para, size) + leading_spaces(para.text)[1]
    if start < 1:
        return False
    if role != "date":
        return True
    line_chars = text_area_pt(doc.sections[0] if doc.sections else None, profile)[0] / size
    return line_chars - start - text_width(para.text.strip(SPACES)) >= spec.date_right_min_chars


class LayoutPlan(msgspec.Struct, frozen=True):
    """What the layout fixer follows: the active profile, and the parts and 文种 the layout rules found
    (from the engine's run, residue masked), so it touches what they judge."""

    profile: Profile
    anatomy: Anatomy
    doc_type: str | None = None


def _context(document: Document, plan: LayoutPlan) -> Any:
    """The layout rules' view of the draft."""
    from doclint.rules.kinds.base import Context, Options
    from doclint.text.segment import Segmenter

    raw = [p.text for p in document.paragraphs]
    return Context(document, raw, plan.anatomy, plan.doc_type, None, Options(), Segmenter())


def fix_layout(doc: Any, plan: LayoutPlan, marks: Any, document: Document | None) -> list[str]:
    """Apply the profile's layout to python-docx ``doc`` in place (tracked when ``marks`` is given);
    ``document`` is doclint's model of the same draft. Returns the changes made, one line each."""
    return _Fixer(doc, plan, marks, document).run()
