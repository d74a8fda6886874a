"""Font checks: each span's font and size, stray runs in another font, text colour."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from doclint._cache import regexes
from doclint.anatomy.parts import MASK
from doclint.rules.kinds.base import Context, Hit
from doclint.rules.kinds.layout.base import Fault, LayoutBase, segment
from doclint.rules.kinds.layout.labels import ALIGN_KEYS, ALIGN_LABELS, family_label, font_label, size_label, size_name
from doclint.rules.kinds.layout.measures import SPACES, most_frequent, size_ok
from doclint.rules.profiles import Profile

_HAN = regexes.compile(r"\p{Han}")


class FontChecks(LayoutBase):
    """``check: font``, ``check: mixed_font`` and ``check: color``."""

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
                                    found=ALIGN_LABELS.get(align, align),
                                    expected=ALIGN_LABELS.get(spec.align, spec.align), cite=spec.cite,
                                    fix=f"选中{span.label}，开始→段落→对齐方式选“{ALIGN_KEYS.get(spec.align, spec.align)}”")
            share = ctx.layout.share(p, span.start, span.end, profile, spec.family, spec)
            if share is None:
                continue
            font_bad = share.font_share < r.min_share
            size_bad = share.size_share < r.min_share
            if not (font_bad or size_bad):
                continue
            substitute = None
            if font_bad:
                for sub in spec.substitutes:
                    alt = ctx.layout.share(p, span.start, span.end, profile, sub.family, spec, sub.bold)
                    if alt is not None and alt.font_share >= r.min_share:
                        substitute = sub
                        break
            found_font = most_frequent(share.wrong_fonts) if font_bad else most_frequent(share.fonts)
            found_size = most_frequent(share.wrong_sizes) if size_bad else most_frequent(share.sizes)
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
            share = ctx.layout.share(p, span.start, span.end, profile, spec.family, spec)
            if share is None or (share.font_ok == share.total and share.size_ok == share.total):
                continue
            if share.font_share < r.min_share or share.size_share < r.min_share:
                continue  # the whole span is wrong: the font rule reports it
            accept = ctx.layout.font_accepter(profile, spec.family)
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
                if run.format.hidden or black(color) or white(color) or not run.text.strip(SPACES):
                    continue  # white text is invisible: residue.hidden-text reports it
                if all(masked[k] == MASK for k in range(run.start, run.end) if p.text[k] not in SPACES):
                    continue
                assert color is not None
                if runs and runs[-1][2] == color and runs[-1][1] == run.start:
                    runs[-1] = (runs[-1][0], run.end, color)
                else:
                    runs.append((run.start, run.end, color))
            if not runs:
                continue
            st = doc.paragraph_style(p.style)
            whole = sum(e - s for s, e, _ in runs) >= len(p.text.strip(SPACES))
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
