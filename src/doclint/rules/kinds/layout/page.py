"""Page checks: paper size and orientation, margins (GB/T 9704—2012 5.2)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doclint.rules.kinds.base import Context, Hit
from doclint.rules.kinds.layout.base import LayoutBase
from doclint.rules.kinds.layout.labels import num_label
from doclint.rules.profiles import Profile

_PAPERS = {
    (215.9, 279.4): "Letter", (215.9, 355.6): "Legal", (297.0, 420.0): "A3", (148.0, 210.0): "A5",
    (176.0, 250.0): "B5", (182.0, 257.0): "B5 (JIS)", (184.0, 260.0): "16开",
}


class PageChecks(LayoutBase):
    """``check: page_size`` and ``check: margins``."""

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
