"""Element checks that need more than presence or a form."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

import regex

from doclint.anatomy.doc_type import kind_from_title
from doclint.findings import Severity
from doclint.model.document import Part
from doclint.rules.checks.base import Checker, Context, Hit, Segment, param, register
from doclint.rules.checks.limit import SCOPE_LABEL, body_count
from doclint.counting import METHOD_LABELS
from doclint.rules.schema import CheckerRule


def _seg(ctx: Context, i: int) -> Segment:
    return Segment(Part.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))


def is_formal(ctx: Context) -> bool:
    """A 版头 or 发文字号 is present, or the kind was given: the draft is a formal 公文."""
    return bool(ctx.anatomy.bantou) or ctx.doc_type_source == "option"


@register("title-kind")
class TitleKind(Checker):
    """The title must end in one of the fifteen kinds (条例 Art. 8, 9(七))."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if not a.title:
            return
        tk = kind_from_title(a.title_text)
        if tk.kind is not None:
            return
        last = a.title[-1]
        text = ctx.texts[last].rstrip(" \u3000。，；：")
        severity = None if is_formal(ctx) else Severity.WARNING
        if tk.non_statutory:
            end = len(text) - (len(text) - len(text.rstrip("）)」”")))
            start = end - len(tk.non_statutory)
            what = "两个文种叠用" if tk.stacked else f"“{tk.non_statutory}”不是法定文种"
            yield Hit(_seg(ctx, last), start, end, vars={"found": tk.non_statutory},
                      message=f"标题文种不规范：{what}，标题应以请示、报告、通知等15种法定文种之一结尾",
                      severity=severity)
        else:
            yield Hit(_seg(ctx, last), vars={"found": text[-4:]}, severity=severity)


_ORGAN_SPLIT = regex.compile(r"[、，,；;]|(?<=(?:政府|委员会|厅|局|办公室|委|部|院|署|中心|公司|党委|党组))(?:和|及|与)")


@register("single-recipient")
class SingleRecipient(Checker):
    """An upward document has one 主送机关 (条例 Art. 15(一))."""

    def check(self, ctx: Context) -> Iterator[Hit]:
        rec = ctx.anatomy.recipient
        if not rec:
            return
        if len(rec) > 1:
            yield Hit(_seg(ctx, rec[-1]), vars={"found": "".join(ctx.texts[i].strip() for i in rec)})
            return
        i = rec[0]
        line = ctx.texts[i].strip().rstrip("：:")
        depth = 0
        outside = []
        for ch in line:  # separators inside brackets belong to one organ's name
            depth += ch in "（(〔"
            depth -= ch in "）)〕"
            outside.append(ch if depth == 0 else "_")
        parts = [p for p in _ORGAN_SPLIT.split("".join(outside)) if p.strip()]
        if len(parts) > 1:
            start = len(ctx.texts[i]) - len(ctx.texts[i].lstrip(" \u3000"))
            yield Hit(_seg(ctx, i), start, start + len(line), vars={"found": line, "count": len(parts)})


@register("report-subtype-unknown")
class ReportSubtypeUnknown(Checker):
    """A 报告 whose subtype cannot be told, with a count between the two limits."""

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.special = int(param(rule, "special_limit", 3000))
        self.comprehensive = int(param(rule, "comprehensive_limit", 5000))

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.doc_type != "报告":
            return
        special = ctx.options.limits.get("专项报告", self.special)
        comprehensive = ctx.options.limits.get("综合报告", self.comprehensive)
        n = body_count(ctx)
        if special < n <= comprehensive:
            yield Hit(None, vars={"count": n, "special": special, "comprehensive": comprehensive,
                                  "method": METHOD_LABELS[ctx.options.count_method], "scope": SCOPE_LABEL})


_DATE = regex.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@register("date-future")
class DateFuture(Checker):
    """成文日期 later than today beyond a tolerance, or not a real calendar date."""

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.tolerance = int(param(rule, "tolerance_days", 30))

    def check(self, ctx: Context) -> Iterator[Hit]:
        i = ctx.anatomy.date
        if i is None:
            return
        m = _DATE.search(ctx.texts[i])
        if not m:
            return
        y, mo, d = (int(x) for x in m.groups())
        try:
            when = datetime.date(y, mo, d)
        except ValueError:
            yield Hit(_seg(ctx, i), m.start(), m.end(), vars={"found": m.group()},
                      message=f"成文日期不是有效日期：{m.group()}")
            return
        today = datetime.date.fromisoformat(ctx.today)
        if (when - today).days > self.tolerance:
            yield Hit(_seg(ctx, i), m.start(), m.end(), vars={"found": m.group(), "today": today.isoformat()})
