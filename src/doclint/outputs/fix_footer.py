"""Page numbers for ``doclint fix --layout``: “— N —” from a PAGE field in the profile's font and size,
odd pages right and even pages left with a one-character indent (GB/T 9704—2012 7.5). The old footer
text becomes a tracked deletion and the new one a tracked insertion; “odd and even pages differ” is
switched on in the settings (Word tracks no settings change, so that one is only reported)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from docx.oxml import OxmlElement

from doclint.outputs.fix_props import PPR_ORDER, SPACES, Tracker, child, ppr_of, set_attrs, side_label, w
from doclint.outputs.runs import W_R, W_RPR
from doclint.rules.profiles import Profile

__all__ = ["PageNumbers"]


class PageNumbers:
    """Writes the page-number footers of one document (tracked when ``marks`` is given)."""

    def __init__(self, doc: Any, profile: Profile, marks: Any, track: Tracker) -> None:
        self.doc = doc
        self.profile = profile
        self.marks = marks
        self.track = track
        self.changes: list[str] = []

    def run(self) -> list[str]:
        """Fix every footer that shows (or should show) the page number; the changes made, one line each."""
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
            self.changes.append(f"页码：“{spec.dash} 1 {spec.dash}”，{side_label(spec.odd_align)}单页、"
                                f"{side_label(spec.even_align)}双页，{font}（{written}处页脚）")
        return self.changes

    def _page_paragraph(self, footer: Any, align: str, font: str, size_pt: float, dash: str, indent: float) -> bool:
        """Make the footer's page-number paragraph read ``— PAGE —``; False when it already does."""
        root = footer._element
        paras = root.findall(w("p"))
        target = next((p for p in paras if _page_field(p)), None)
        if target is None and paras:
            target = paras[0]
        if target is None:
            target = OxmlElement("w:p")
            root.append(target)
        if _is_page_number(target, dash, font, size_pt, align):
            return False
        for r in [el for el in target if el.tag in (W_R, w("fldSimple"), w("hyperlink"), w("sdt"))]:
            if self.marks is None:
                target.remove(r)
            else:
                _delete_content(r, self.marks)
        ppr = ppr_of(target)
        self.track.before(ppr, "pPrChange", PPR_ORDER, skip=("rPr", "sectPr"))
        set_attrs(child(ppr, "jc", PPR_ORDER), val=align)
        chars = str(round(indent * 100))
        twips = str(round(indent * size_pt * 20))
        side = {"right": {"rightChars": chars, "right": twips, "leftChars": "0", "left": "0"},
                "left": {"leftChars": chars, "left": twips, "rightChars": "0", "right": "0"}}.get(align, {})
        set_attrs(child(ppr, "ind", PPR_ORDER), firstLineChars="0", firstLine="0", **side)
        new = list(_page_runs(font, size_pt, dash))
        holder: Any = target
        if self.marks is not None:
            holder = self.marks.mark("w:ins")
            target.append(holder)
        for r in new:
            holder.append(r)
        return True


def _delete_content(el: Any, marks: Any) -> None:
    """A footer paragraph child as a tracked deletion (field codes included)."""
    if el.tag in (w("sdt"), w("fldSimple"), w("hyperlink")):
        for r in list(el.iter(W_R)):
            _delete_content(r, marks)
        return
    wrapper = marks.mark("w:del")
    el.addprevious(wrapper)
    wrapper.append(el)
    for piece in el:
        if piece.tag == w("t"):
            piece.tag = w("delText")
        elif piece.tag == w("instrText"):
            piece.tag = w("delInstrText")


def _page_runs(font: str, size_pt: float, dash: str) -> Iterator[Any]:
    half = str(round(size_pt * 2))

    def run(*children: Any) -> Any:
        r = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rpr.append(OxmlElement("w:rFonts", attrs={w("ascii"): font, w("hAnsi"): font, w("eastAsia"): font,
                                                   w("cs"): font}))
        rpr.append(OxmlElement("w:sz", attrs={w("val"): half}))
        rpr.append(OxmlElement("w:szCs", attrs={w("val"): half}))
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
    yield run(OxmlElement("w:fldChar", attrs={w("fldCharType"): "begin"}))
    instr = OxmlElement("w:instrText")
    instr.text = " PAGE "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    yield run(instr)
    yield run(OxmlElement("w:fldChar", attrs={w("fldCharType"): "separate"}))
    yield run(text("1"))
    yield run(OxmlElement("w:fldChar", attrs={w("fldCharType"): "end"}))
    yield run(text(f" {dash}"))


def _page_field(p: Any) -> bool:
    return any("PAGE" in (t.text or "") for t in p.iter(w("instrText"))) or any(
        "PAGE" in (f.get(w("instr")) or "") for f in p.iter(w("fldSimple")))


def _is_page_number(p: Any, dash: str, font: str, size_pt: float, align: str) -> bool:
    """Already ``— PAGE —`` aligned as wanted, with the digits in the profile's font and size."""
    if not _page_field(p):
        return False
    text = "".join(t.text or "" for t in p.iter(w("t")) if not any(a.tag == w("del") for a in t.iterancestors()))
    stripped = "".join(ch for ch in text if ch not in SPACES)
    digits = stripped.strip(dash)
    jc = p.find(f"{w('pPr')}/{w('jc')}")
    if not (stripped.startswith(dash) and stripped.endswith(dash) and digits.isdigit()):
        return False
    if jc is None or jc.get(w("val")) != align:
        return False
    half = str(round(size_pt * 2))
    for r in p.iter(W_R):
        t = r.find(w("t"))
        if t is None or not (t.text or "").strip(SPACES):
            continue
        rpr = r.find(W_RPR)
        fonts = rpr.find(w("rFonts")) if rpr is not None else None
        sz = rpr.find(w("sz")) if rpr is not None else None
        if fonts is None or fonts.get(w("ascii")) != font or sz is None or sz.get(w("val")) != half:
            return False
    return True


