"""Paragraph checks: line spacing and the character grid, first-line indent, the signature block."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

from doclint.findings import Severity
from doclint.rules.kinds.base import Context, Hit
from doclint.rules.kinds.layout.base import Fault, LayoutBase, judge_alike, paragraph_count, segment, whole
from doclint.rules.kinds.layout.labels import ROLE_LABELS, num_label, size_name
from doclint.rules.kinds.layout.measures import (
    SPACES,
    Span,
    first_line_chars,
    leading_spaces,
    left_chars,
    right_chars,
    text_area_pt,
    text_width,
    trailing_width,
)
from doclint.rules.profiles import LineSpec, Profile

_GRID_TYPES = ("lines", "linesAndChars", "snapToChars")


class ParagraphChecks(LayoutBase):
    """``check: line_spacing``, ``check: indent`` and ``check: signature_block``."""

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
            size = ctx.layout.dominant_size(p) or body_size
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
            fault = judge_alike(verdicts, (p.format, ctx.layout.dominant_size(p), p.style), span, judge)
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
            size = ctx.layout.dominant_size(p) or body_size
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
            key = (span.role, p.format, ctx.layout.dominant_size(p), leading_spaces(p.text), p.style)
            fault = judge_alike(verdicts, key, span, judge)
            if fault is not None:
                faults.append(fault)
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
            size = ctx.layout.dominant_size(p) or body_size
            text = p.text.strip(SPACES)
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
