"""Layout fixes (``doclint fix --layout``): bring a .docx to the active layout profile, recording each
change as a tracked formatting change where Word supports one.

- Page setup of every portrait section (paper, margins, gutter, line grid): ``w:sectPrChange``.
- Fonts (eastAsia and ASCII slots, theme fonts dropped), sizes and colour of each body span, as the
  layout rules cut the paragraphs into title, headings, body and 版记: ``w:rPrChange`` on each run.
  The runs are formatted directly, which overrides whatever their styles say.
- Fixed line spacing, first-line indent (主送机关 flush left), title centred, signature and date
  right-aligned with right indents per GB/T 9704 7.3.5.2: ``w:pPrChange``. Spaces typed at the
  start of a paragraph in place of an indent are deleted as tracked deletions.
- Page numbers “— N —” from a PAGE field in 4号宋体, odd pages right and even pages left with a
  one-character indent: the old footer text becomes a tracked deletion, the new one an insertion;
  “odd and even pages differ” is switched on in the settings (Word tracks no settings change).

Each change made is returned as one Chinese line for the command's summary.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import msgspec
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from doclint.anatomy.parts import Anatomy
from doclint.model.document import Document, Paragraph
from doclint.outputs.runs import W_R, W_RPR, body_paragraphs, boundary, spans
from doclint.rules.profiles import Profile

__all__ = ["LayoutPlan", "fix_layout"]

_TWIPS_PER_MM = 1440 / 25.4
_SPACES = " \u3000\u00a0\t"
_RPR_ORDER = [
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike", "outline", "shadow",
    "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden", "color", "spacing", "w", "kern",
    "position", "sz", "szCs", "highlight", "u", "effect", "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em",
    "lang", "eastAsianLayout", "specVanish", "oMath", "rPrChange",
]
_PPR_ORDER = [
    "pStyle", "keepNext", "keepLines", "pageBreakBefore", "framePr", "widowControl", "numPr",
    "suppressLineNumbers", "pBdr", "shd", "tabs", "suppressAutoHyphens", "kinsoku", "wordWrap", "overflowPunct",
    "topLinePunct", "autoSpaceDE", "autoSpaceDN", "bidi", "adjustRightInd", "snapToGrid", "spacing", "ind",
    "contextualSpacing", "mirrorIndents", "suppressOverlap", "jc", "textDirection", "textAlignment",
    "textboxTightWrap", "outlineLvl", "divId", "cnfStyle", "rPr", "sectPr", "pPrChange",
]
_SECT_ORDER = [
    "headerReference", "footerReference", "footnotePr", "endnotePr", "type", "pgSz", "pgMar", "paperSrc",
    "pgBorders", "lnNumType", "pgNumType", "cols", "formProt", "vAlign", "noEndnote", "titlePg", "textDirection",
    "bidi", "rtlGutter", "docGrid", "printerSettings", "sectPrChange",
]
_INDENTED = ("body", "heading", "attachment_note", "fuzhu")


def _w(name: str) -> str:
    return str(qn(f"w:{name}"))


def _child(parent: Any, name: str, order: list[str]) -> Any:
    """The child ``w:name`` of ``parent``, created in schema order when missing."""
    tag = _w(name)
    found = parent.find(tag)
    if found is not None:
        return found
    el = OxmlElement(f"w:{name}")
    rank = order.index(name)
    for i, existing in enumerate(parent):
        local = existing.tag.rsplit("}", 1)[-1]
        if local in order and order.index(local) > rank:
            parent.insert(i, el)
            return el
    parent.append(el)
    return el


def _set(el: Any, **attrs: str | None) -> None:
    for k, v in attrs.items():
        key = _w(k)
        if v is None:
            el.attrib.pop(key, None)
        else:
            el.set(key, v)


def _snapshot(props: Any, change_tag: str, skip: tuple[str, ...] = ()) -> Any:
    """A copy of a properties element without its own change record (and ``skip`` children)."""
    old = copy.deepcopy(props)
    for child in list(old):
        local = child.tag.rsplit("}", 1)[-1]
        if child.tag == _w(change_tag) or local in skip:
            old.remove(child)
    return old


class _Tracker:
    """Records a properties element's old state before the first change (one change mark each)."""

    def __init__(self, marks: Any) -> None:
        self.marks = marks
        self.seen: set[int] = set()

    def before(self, props: Any, change: str, order: list[str], skip: tuple[str, ...] = ()) -> None:
        if self.marks is None or id(props) in self.seen:
            return
        self.seen.add(id(props))
        if props.find(_w(change)) is not None:
            return  # an existing revision keeps its own old state
        old = _snapshot(props, change, skip)
        old.tag = props.tag
        for key in list(old.attrib):
            del old.attrib[key]
        mark = self.marks.mark(f"w:{change}")
        mark.append(old)
        props.append(mark)  # the change record is always last in schema order


def _rpr(run: Any) -> Any:
    rpr = run.find(W_RPR)
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run.insert(0, rpr)
    return rpr


def _ppr(p: Any) -> Any:
    ppr = p.find(_w("pPr"))
    if ppr is None:
        ppr = OxmlElement("w:pPr")
        p.insert(0, ppr)
    return ppr


class _Fixer:
    def __init__(self, doc: Any, plan: LayoutPlan, marks: Any, document: Document | None) -> None:
        self.doc = doc
        self.profile = plan.profile
        self.marks = marks
        self.track = _Tracker(marks)
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
            size = sect.find(_w("pgSz"))
            landscape = size is not None and size.get(_w("orient")) == "landscape"
            if landscape and i > 0:
                continue  # wide tables may turn the page after the first (GB/T 9704—2012 8)
            want: dict[str, dict[str, str | None]] = {
                "pgSz": {"w": _tw(page.width_mm), "h": _tw(page.height_mm), "orient": None},
                "pgMar": {"top": _tw(m.top_mm), "bottom": _tw(m.bottom_mm), "left": _tw(m.left_mm),
                          "right": _tw(m.right_mm), "gutter": "0"},
                "docGrid": {"type": "lines", "linePitch": str(round(lines.recommended_pt * 20)), "charSpace": None},
            }
            if all(_has(sect.find(_w(k)), v) for k, v in want.items()):
                continue
            self.track.before(sect, "sectPrChange", _SECT_ORDER, skip=("headerReference", "footerReference"))
            for name, attrs in want.items():
                _set(_child(sect, name, _SECT_ORDER), **attrs)
            pg_mar = sect.find(_w("pgMar"))
            for key, default in (("header", "851"), ("footer", "992")):
                if pg_mar.get(_w(key)) is None:
                    pg_mar.set(_w(key), default)
            changed += 1
        if changed:
            self.changes.append(f"页面设置：A4纵向，页边距上{_mm(m.top_mm)}、下{_mm(m.bottom_mm)}、左{_mm(m.left_mm)}、"
                                f"右{_mm(m.right_mm)}毫米，每页{lines.per_page}行（{changed}节）")

    # -- paragraphs and runs ---------------------------------------------------------------

    def paragraphs(self) -> None:
        if self.document is None or self.ctx is None:
            return
        from doclint.rules.kinds.layout import Span
        from doclint.rules.kinds.layout import spans as layout_spans

        paras = body_paragraphs(self.body)
        counts = {"style": 0, "font": 0, "spacing": 0, "indent": 0, "align": 0, "color": 0, "spaces": 0}
        anatomy = self.ctx.anatomy
        grouped: dict[int, list[Span]] = {}
        for span in layout_spans(self.ctx):
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
                    existing.find(_w(k)) is not None for k in ("rStyle", "rFonts", "sz", "color"))):
                continue  # nothing of its own: the fixed paragraph style gives it the right type
            rpr = _rpr(s.run)
            if rpr.find(_w("vanish")) is not None:
                continue  # hidden text is residue's business
            fonts = rpr.find(_w("rFonts"))
            color = rpr.find(_w("color"))
            sz = rpr.find(_w("sz"))
            font_ok = fonts is not None and all(fonts.get(_w(k)) == font for k in ("eastAsia", "ascii", "hAnsi")) \
                and not any(fonts.get(_w(k)) for k in ("eastAsiaTheme", "asciiTheme", "hAnsiTheme"))
            size_ok = sz is not None and sz.get(_w("val")) == half
            color_ok = color is None or (color.get(_w("val")) or "auto").upper() in ("AUTO", "000000")
            if font_ok and size_ok and color_ok:
                continue
            self.track.before(rpr, "rPrChange", _RPR_ORDER)
            _set(_child(rpr, "rFonts", _RPR_ORDER), eastAsia=font, ascii=font, hAnsi=font, eastAsiaTheme=None,
                 asciiTheme=None, hAnsiTheme=None, hint="eastAsia")
            _set(_child(rpr, "sz", _RPR_ORDER), val=half)
            _set(_child(rpr, "szCs", _RPR_ORDER), val=half)
            if not color_ok:
                _set(color, val="auto", themeColor=None, themeShade=None, themeTint=None)
                counts["color"] += 1
            n += 1
        return n

    def _styles(self, paras: list[Any], grouped: dict[int, list[Any]], counts: dict[str, int]) -> set[str]:
        """Fix a paragraph style itself where only body spans of one kind use it (a dedicated 正文 or
        标题 style) and no style used elsewhere inherits from it: its runs then need no direct
        formatting. The default style (Normal) and shared styles are left alone (tables, headers and
        footers use them too); their paragraphs get direct formatting."""
        styles = self.doc.styles.element
        by_id = {st.get(_w("styleId")): st for st in styles.iterchildren(_w("style"))}
        users: dict[str, set[str]] = {}
        span_paras = set(grouped)
        for i, p in enumerate(paras):
            sid = _style_id(p, self.default_style)
            group = grouped.get(i)
            keys = {g.key for g in group} if group else {"other"}
            users.setdefault(sid, set()).update(keys if len(keys) == 1 else {"mixed"})
        used_elsewhere: set[str] = set()
        for p in self.body.iter(_w("p")):
            if p.getparent() is not self.body:  # tables, text boxes, content controls
                used_elsewhere.add(_style_id(p, self.default_style))
        for part in self.doc.part.package.iter_parts():
            if part is self.doc.part or not hasattr(part, "element"):
                continue
            for p in part.element.iter(_w("p")):
                used_elsewhere.add(_style_id(p, self.default_style))
        for i, p in enumerate(paras):
            if i not in span_paras:
                used_elsewhere.add(_style_id(p, self.default_style))
        bases: set[str] = set()
        for sid in {*users, *used_elsewhere}:
            st = by_id.get(sid)
            seen: set[str] = set()
            while st is not None:
                base = st.find(_w("basedOn"))
                parent = base.get(_w("val")) if base is not None else None
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
            rpr = st.find(_w("rPr"))
            if rpr is None:
                rpr = OxmlElement("w:rPr")
                st.append(rpr)
            self.track.before(rpr, "rPrChange", _RPR_ORDER)
            _set(_child(rpr, "rFonts", _RPR_ORDER), eastAsia=font, ascii=font, hAnsi=font, eastAsiaTheme=None,
                 asciiTheme=None, hAnsiTheme=None, hint="eastAsia")
            _set(_child(rpr, "sz", _RPR_ORDER), val=half)
            _set(_child(rpr, "szCs", _RPR_ORDER), val=half)
            fixed.add(sid)
            counts["style"] += 1
        return fixed

    def _inserted(self, p: Any) -> None:
        """Text doclint inserted (a tracked text fix) takes the formatting of the text around it."""
        if self.marks is None:
            return
        for ins in p.iter(_w("ins")):
            if ins.get(_w("author")) != self.marks.author or ins.getparent().tag == W_RPR:
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
                    for change in new.findall(_w("rPrChange")):
                        new.remove(change)
                    r.insert(0, new)

    def _paragraph(self, p: Any, para: Paragraph, role: str, key: str, counts: dict[str, int]) -> int:
        """Spacing, indent and alignment of one paragraph; returns 1 when leading spaces were removed."""
        ppr = _ppr(p)
        fmt = para.format
        line = str(round(self.profile.lines.recommended_pt * 20))
        removed = 0
        if key == "title":
            if (fmt.alignment or "left") != "center":
                self.track.before(ppr, "pPrChange", _PPR_ORDER, skip=("rPr", "sectPr"))
                _set(_child(ppr, "jc", _PPR_ORDER), val="center")
                counts["align"] += 1
            return 0
        spacing = ppr.find(_w("spacing"))
        if not (spacing is not None and spacing.get(_w("lineRule")) == "exact" and spacing.get(_w("line")) == line):
            self.track.before(ppr, "pPrChange", _PPR_ORDER, skip=("rPr", "sectPr"))
            _set(_child(ppr, "spacing", _PPR_ORDER), line=line, lineRule="exact")
            counts["spacing"] += 1
        if role in ("signature", "date"):
            return 0
        if fmt.alignment in ("center", "right") or fmt.numbered or role not in (*_INDENTED, "recipient"):
            return 0
        if role == "attachment_note" and self._continuation(para):
            return 0
        removed = self._leading_spaces(p)
        chars = 0 if role == "recipient" else round(self.profile.indent.first_line_chars * 100)
        size = self.profile.text["body"].size_pt
        want = {"firstLineChars": str(chars), "firstLine": str(round(chars / 100 * size * 20)), "leftChars": "0",
                "left": "0", "start": None, "startChars": None, "hanging": None, "hangingChars": None}
        ind = ppr.find(_w("ind"))
        if not _has(ind, want):
            self.track.before(ppr, "pPrChange", _PPR_ORDER, skip=("rPr", "sectPr"))
            _set(_child(ppr, "ind", _PPR_ORDER), **want)
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
        n = len(text) - len(text.lstrip(_SPACES))
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
        name = doc.paragraphs[a.signature].text.strip(_SPACES) if a.signature is not None else ""
        date = doc.paragraphs[a.date].text.strip(_SPACES) if a.date is not None else ""
        name_right, date_right = signature_indents(name or "××", date or "2024年1月1日")
        right = name_right if role == "signature" else date_right
        size = self.profile.text["body"].size_pt
        ppr = _ppr(p)
        want_ind = {"rightChars": str(round(right * 100)), "right": str(round(right * size * 20)),
                    "firstLineChars": "0", "firstLine": "0", "leftChars": "0", "left": "0", "hanging": None,
                    "hangingChars": None, "start": None, "end": None, "startChars": None, "endChars": None}
        if _placed(para, role, size, self.profile, doc):
            return
        self._leading_spaces(p)
        self._trailing_spaces(p)
        self.track.before(ppr, "pPrChange", _PPR_ORDER, skip=("rPr", "sectPr"))
        _set(_child(ppr, "jc", _PPR_ORDER), val="right")
        _set(_child(ppr, "ind", _PPR_ORDER), **want_ind)
        counts["align"] += 1

    def _trailing_spaces(self, p: Any) -> None:
        from doclint.findings import Edit
        from doclint.outputs.fix import apply_edit
        from doclint.outputs.runs import paragraph_text

        text = paragraph_text(p)
        n = len(text) - len(text.rstrip(_SPACES))
        if n and n < len(text):
            apply_edit(p, Edit.model_construct(part="body", paragraph=0, start=len(text) - n, end=len(text),
                                               replacement=""), self.marks)

    # -- page numbers ----------------------------------------------------------------------

    def page_numbers(self) -> None:
        spec, tspec = self.profile.page_number, self.profile.text["page_number"]
        settings = self.doc.settings
        if not settings.odd_and_even_pages_header_footer:
            settings.odd_and_even_pages_header_footer = True
            self.changes.append("页面设置：勾选“奇偶页不同”")
        font = self.profile.preferred_font(tspec.family)
        written = 0
        for n, section in enumerate(self.doc.sections):
            stories = [(section.footer, spec.odd_align), (section.even_page_footer, spec.even_align)]
            if section.different_first_page_header_footer and spec.first_page:
                stories.append((section.first_page_footer, spec.odd_align))
            for footer, align in stories:
                if footer.is_linked_to_previous and n > 0:
                    continue  # shows the previous section's footer, fixed there
                footer.is_linked_to_previous = False
                if self._page_paragraph(footer, align, font, tspec.size_pt, spec.dash, spec.indent_chars):
                    written += 1
        if written:
            self.changes.append(f"页码：“{spec.dash} 1 {spec.dash}”，{_mm_side(spec.odd_align)}单页、"
                                f"{_mm_side(spec.even_align)}双页，{font}（{written}处页脚）")

    def _page_paragraph(self, footer: Any, align: str, font: str, size_pt: float, dash: str, indent: float) -> bool:
        """Make the footer's page-number paragraph read ``— PAGE —``; False when it already does."""
        root = footer._element
        paras = root.findall(_w("p"))
        target = next((p for p in paras if _page_field(p)), None)
        if target is None and paras:
            target = paras[0]
        if target is None:
            target = OxmlElement("w:p")
            root.append(target)
        if _is_page_number(target, dash, font, size_pt, align):
            return False
        for r in [el for el in target if el.tag in (W_R, _w("fldSimple"), _w("hyperlink"), _w("sdt"))]:
            if self.marks is None:
                target.remove(r)
            else:
                _delete_content(r, self.marks)
        ppr = _ppr(target)
        self.track.before(ppr, "pPrChange", _PPR_ORDER, skip=("rPr", "sectPr"))
        _set(_child(ppr, "jc", _PPR_ORDER), val=align)
        chars = str(round(indent * 100))
        twips = str(round(indent * size_pt * 20))
        side = {"right": {"rightChars": chars, "right": twips, "leftChars": "0", "left": "0"},
                "left": {"leftChars": chars, "left": twips, "rightChars": "0", "right": "0"}}.get(align, {})
        _set(_child(ppr, "ind", _PPR_ORDER), firstLineChars="0", firstLine="0", **side)
        new = list(_page_runs(font, size_pt, dash))
        holder: Any = target
        if self.marks is not None:
            holder = self.marks.mark("w:ins")
            target.append(holder)
        for r in new:
            holder.append(r)
        return True

    def run(self) -> list[str]:
        self.sections()
        self.paragraphs()
        self.page_numbers()
        return self.changes


def _default_style(doc: Any) -> str:
    """The id of the default paragraph style (Word's Normal)."""
    for st in doc.styles.element.iterchildren(_w("style")):
        if st.get(_w("type")) == "paragraph" and st.get(_w("default")) in ("1", "true", "on"):
            return str(st.get(_w("styleId")))
    return "Normal"


def _style_id(p: Any, default: str) -> str:
    """The paragraph style a ``w:p`` uses."""
    ppr = p.find(_w("pPr"))
    ps = ppr.find(_w("pStyle")) if ppr is not None else None
    return str(ps.get(_w("val"))) if ps is not None and ps.get(_w("val")) else default


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
    from doclint.rules.kinds.layout import (
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
    return line_chars - start - text_width(para.text.strip(_SPACES)) >= spec.date_right_min_chars


def _delete_content(el: Any, marks: Any) -> None:
    """A footer paragraph child as a tracked deletion (field codes included)."""
    if el.tag in (_w("sdt"), _w("fldSimple"), _w("hyperlink")):
        for r in list(el.iter(W_R)):
            _delete_content(r, marks)
        return
    wrapper = marks.mark("w:del")
    el.addprevious(wrapper)
    wrapper.append(el)
    for child in el:
        if child.tag == _w("t"):
            child.tag = _w("delText")
        elif child.tag == _w("instrText"):
            child.tag = _w("delInstrText")


def _page_runs(font: str, size_pt: float, dash: str) -> Iterator[Any]:
    half = str(round(size_pt * 2))

    def run(*children: Any) -> Any:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rFonts", attrs={_w("ascii"): font, _w("hAnsi"): font, _w("eastAsia"): font,
                                                   _w("cs"): font}))
        rpr.append(OxmlElement("w:sz", attrs={_w("val"): half}))
        rpr.append(OxmlElement("w:szCs", attrs={_w("val"): half}))
        r.append(rpr)
        for c in children:
            r.append(c)
        return r

    def text(value: str) -> Any:
        t = OxmlElement("w:t")
        t.text = value
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        return t

    yield run(text(f"{dash} "))
    yield run(OxmlElement("w:fldChar", attrs={_w("fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    yield run(instr)
    yield run(OxmlElement("w:fldChar", attrs={_w("fldCharType"): "separate"}))
    yield run(text("1"))
    yield run(OxmlElement("w:fldChar", attrs={_w("fldCharType"): "end"}))
    yield run(text(f" {dash}"))


def _page_field(p: Any) -> bool:
    return any("PAGE" in (t.text or "") for t in p.iter(_w("instrText"))) or any(
        "PAGE" in (f.get(_w("instr")) or "") for f in p.iter(_w("fldSimple")))


def _is_page_number(p: Any, dash: str, font: str, size_pt: float, align: str) -> bool:
    """Already ``— PAGE —`` aligned as wanted, with the digits in the profile's font and size."""
    if not _page_field(p):
        return False
    text = "".join(t.text or "" for t in p.iter(_w("t")) if not any(a.tag == _w("del") for a in t.iterancestors()))
    stripped = "".join(ch for ch in text if ch not in _SPACES)
    digits = stripped.strip(dash)
    jc = p.find(f"{_w('pPr')}/{_w('jc')}")
    if not (stripped.startswith(dash) and stripped.endswith(dash) and digits.isdigit()):
        return False
    if jc is None or jc.get(_w("val")) != align:
        return False
    half = str(round(size_pt * 2))
    for r in p.iter(W_R):
        t = r.find(_w("t"))
        if t is None or not (t.text or "").strip(_SPACES):
            continue
        rpr = r.find(W_RPR)
        fonts = rpr.find(_w("rFonts")) if rpr is not None else None
        sz = rpr.find(_w("sz")) if rpr is not None else None
        if fonts is None or fonts.get(_w("ascii")) != font or sz is None or sz.get(_w("val")) != half:
            return False
    return True


def _has(el: Any, attrs: dict[str, str | None]) -> bool:
    if el is None:
        return False
    return all(el.get(_w(k)) == v for k, v in attrs.items())


def _tw(mm: float) -> str:
    return str(round(mm * _TWIPS_PER_MM))


def _mm(v: float) -> str:
    return f"{v:g}"


def _mm_side(align: str) -> str:
    return {"right": "居右", "left": "居左", "center": "居中"}.get(align, align)


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
