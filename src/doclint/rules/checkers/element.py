"""Element checks that need more than presence or a form."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from pydantic import Field

from doclint._cache import regexes
from doclint.anatomy import lines as L
from doclint.anatomy.doc_type import CLOSEST_DOC_TYPE, KindEvidence, doc_type_from_title, kind_evidence, report_subtype
from doclint.findings import Severity
from doclint.model.document import Story
from doclint.rules.kinds.base import Checker, Context, Hit, Segment, inside, register, title_spans, typed_params
from doclint.rules.kinds.limit import scope_label
from doclint.rules.schema import CheckerParams, CheckerRule, Regex
from doclint.text.counting import METHOD_LABELS


def _seg(ctx: Context, i: int) -> Segment:
    return Segment(Story.BODY, i, ctx.texts[i], ctx.document.paragraphs[i].text, ctx.role(i))


def is_formal(ctx: Context) -> bool:
    """A 版头 or 发文字号 is present, or the kind was given: the draft is a formal 公文."""
    return bool(ctx.anatomy.bantou) or ctx.doc_type_source == "option"


@register("title-doc-type")
class TitleEndsInDocType(Checker):
    """The title must end in one of the fifteen kinds (条例 Art. 8, 9(七))."""

    variables = frozenset({"found"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if not a.title:
            return
        tk = doc_type_from_title(a.title_text)
        if tk.doc_type is not None:
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


_ORGAN_SPLIT = regexes.compile(r"[、，,；;]|(?<=(?:政府|委员会|厅|局|办公室|委|部|院|署|中心|公司|党委|党组))(?:和|及|与)")


@register("single-recipient")
class SingleRecipient(Checker):
    """An upward document has one 主送机关 (条例 Art. 15(一))."""

    variables = frozenset({"found", "count"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        rec = ctx.anatomy.recipient
        if not rec:
            return
        if len(rec) > 1:
            yield Hit(_seg(ctx, rec[-1]), vars={"found": "".join(ctx.texts[i].strip() for i in rec), "count": len(rec)})
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

    class Params(CheckerParams):
        special_limit: int = Field(default=3000, gt=0)
        comprehensive_limit: int = Field(default=5000, gt=0)

    variables = frozenset({"count", "special", "comprehensive", "method", "scope"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.special = p.special_limit
        self.comprehensive = p.comprehensive_limit

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.doc_type != "报告" or ctx.length_exempt:
            return
        special = ctx.options.limits.get("专项报告", self.special)
        comprehensive = ctx.options.limits.get("综合报告", self.comprehensive)
        n = ctx.body_count
        if special < n <= comprehensive:
            yield Hit(None, vars={"count": n, "special": special, "comprehensive": comprehensive,
                                  "method": METHOD_LABELS[ctx.options.count_method], "scope": scope_label(ctx)})


@register("unknown-doc-type-length")
class UnknownDocTypeLength(Checker):
    """No 文种 could be told, but the title's ending (总结, 汇报, 申请 …) says what the draft stands in
    for: its length against the limits it would be held to as that type (报告 or 请示)."""

    class Params(CheckerParams):
        limits: dict[str, int] = Field(default_factory=lambda: {"专项报告": 3000, "综合报告": 5000, "请示": 3000})

    variables = frozenset({"count", "found", "doc_type", "limits", "method", "scope"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.limits = typed_params(rule, self.Params).limits

    def check(self, ctx: Context) -> Iterator[Hit]:
        if ctx.doc_type is not None or ctx.length_exempt or not ctx.anatomy.title:
            return
        tk = doc_type_from_title(ctx.anatomy.title_text)
        target = CLOSEST_DOC_TYPE.get(tk.non_statutory or "")
        if target is None:
            return
        names = [report_subtype(ctx.anatomy.title_text) or "专项报告", "综合报告"] if target == "报告" else [target]
        names = list(dict.fromkeys(names))
        limits = {k: ctx.options.limits.get(k, self.limits.get(k, 0)) for k in names}
        n = ctx.body_count
        if not any(0 < v < n for v in limits.values()):
            return
        told = "，".join(f"{k}不超过{v}字（{'超出' + str(n - v) + '字' if n > v else '未超出'}）"
                        for k, v in limits.items() if v)
        yield Hit(None, vars={"count": n, "found": tk.non_statutory, "doc_type": target, "limits": told,
                              "method": METHOD_LABELS[ctx.options.count_method], "scope": scope_label(ctx)})


_DATE = regexes.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@register("date-future")
class DateFuture(Checker):
    """成文日期 later than today beyond a tolerance, or not a real calendar date."""

    class Params(CheckerParams):
        tolerance_days: int = Field(default=30, ge=0)

    variables = frozenset({"found", "today"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.tolerance = typed_params(rule, self.Params).tolerance_days

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
            yield Hit(_seg(ctx, i), m.start(), m.end(), vars={"found": m.group(), "today": ctx.today},
                      message=f"成文日期不是有效日期：{m.group()}")
            return
        today = datetime.date.fromisoformat(ctx.today)
        if (when - today).days > self.tolerance:
            yield Hit(_seg(ctx, i), m.start(), m.end(), vars={"found": m.group(), "today": today.isoformat()})


_CLEAN_TITLE = regexes.compile(r"[\s\u3000]+")
_ORGAN_SUFFIX = r"(?:局|厅|委|办|政府|委员会|办公室|部|院|署|中心|公司|党委|党组|处|科|所|站|队|会|社|校|馆)$"


@register("title-composition")
class TitleComposition(Checker):
    """标题 = 发文机关名称 + 事由 + 文种 (条例 Art. 9(七)).

    No 事由 (``××局通知``): the rule's severity. No 发文机关 (``关于……的请示``):
    ``organ_severity`` (info by default: many offices accept it under a 发文机关标志).
    """

    class Params(CheckerParams):
        organ_suffix: Regex = _ORGAN_SUFFIX  # how an organ's name ends
        organ_severity: Severity = Severity.INFO  # a title without the organ's name (关于……的请示)

    variables = frozenset({"found", "doc_type"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.organ = regexes.compile(p.organ_suffix)
        self.organ_severity = p.organ_severity

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if not a.title:
            return
        title = _CLEAN_TITLE.sub("", a.title_text).rstrip("。，；：")
        tk = doc_type_from_title(title)
        if tk.doc_type is None or tk.raw_tail is None:
            return
        stem = title[: title.rfind(tk.raw_tail)]
        stem = stem.rstrip("的")
        last = a.title[-1]
        seg = _seg(ctx, last)
        lead = len(ctx.texts[last]) - len(ctx.texts[last].lstrip(" \u3000"))
        if "关于" not in stem and (not stem or self.organ.search(stem)):
            yield Hit(seg, lead, len(ctx.texts[last].rstrip(" \u3000")),
                      vars={"found": title, "problem": "缺少事由", "doc_type": tk.raw_tail})
            return
        if stem.startswith("关于"):
            first = a.title[0]
            at = ctx.texts[first].find("关于")
            # Masked residue inside the word (关XXX于) hides it from the line: then the whole line.
            start, end = (at, at + 2) if at >= 0 else (None, None)
            yield Hit(_seg(ctx, first), start, end, vars={"found": title, "doc_type": tk.raw_tail},
                      severity=self.organ_severity,
                      message=f"标题“{title}”缺少发文机关名称：完整的标题由发文机关名称、事由和文种组成",
                      suggestion="在“关于”前写发文机关全称或规范化简称；版头已有发文机关标志的，可按本机关惯例省略")


_PERSON = regexes.compile(
    r"(?:^|[、，,])\s*(?:尊敬的)?(?P<who>[\p{Han}·]{0,12}?(?:副?(?:市长|县长|区长|省长|州长|旗长|盟长|镇长|乡长|书记|主任|局长|厅长|部长|处长|科长|主席|秘书长|院长|行长|董事长|总经理)|领导)(?:同志)?|[\p{Han}·]{1,12}?同志)\s*(?=$|[、，,])"
)


@register("recipient-person")
class RecipientPerson(Checker):
    """An upward document addressed to a leader instead of an organ (条例 Art. 15(五))."""

    class Params(CheckerParams):
        assigned: Regex = r"交办|批示要求|指示要求|亲自部署"  # a body saying the leader assigned the matter

    variables = frozenset({"found"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.assigned = regexes.compile(typed_params(rule, self.Params).assigned)

    def check(self, ctx: Context) -> Iterator[Hit]:
        assigned = any(self.assigned.search(ctx.texts[i]) for i in ctx.anatomy.body)
        for i in ctx.anatomy.recipient:
            text = ctx.texts[i]
            line = text.rstrip(" \u3000").rstrip("：:")
            for m in _PERSON.finditer(line):
                start, end = m.span("who")
                yield Hit(_seg(ctx, i), start, end, vars={"found": m.group("who")},
                          severity=Severity.INFO if assigned else None)


_SIGNER_NAME = regexes.compile(r"签\s*发\s*人\s*[：:][\s\u3000]*(?P<name>\S*)")


@register("signer-missing")
class SignerMissing(Checker):
    """A 上行文 with a 发文字号 in its 版头 must name the 签发人 (条例 Art. 9(六))."""

    variables = frozenset({"found"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if a.doc_number is None:
            return
        if a.signer is None:
            text = ctx.texts[a.doc_number]
            lead = len(text) - len(text.lstrip(" \u3000"))
            yield Hit(_seg(ctx, a.doc_number), lead, len(text.rstrip(" \u3000")),
                      vars={"found": text.strip(), "problem": "没有签发人"})
            return
        text = ctx.texts[a.signer]
        m = _SIGNER_NAME.search(text)
        if m and not m.group("name").strip("_＿×X"):
            yield Hit(_seg(ctx, a.signer), m.start(), m.end(), vars={"found": m.group().strip(), "problem": "签发人姓名空缺"},
                      message="签发人后没有填写姓名：上行文须写明签发人姓名")


@register("attachment-note-missing")
class AttachmentNoteMissing(Checker):
    """The body points to an attachment (或 attachment pages exist) but there is no 附件说明."""

    class Params(CheckerParams):
        refer: Regex = Field(min_length=1)  # how the body points to an attachment
        exempt_title: Regex = "(?!)"  # titles of documents that carry no 附件说明 (印发、转发……)

    variables = frozenset({"found"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        p = typed_params(rule, self.Params)
        self.refer = regexes.compile(p.refer)
        self.exempt_title = regexes.compile(p.exempt_title)

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if a.attachment_note or self.exempt_title.search(a.title_text):
            return
        for i in a.body:
            text = ctx.texts[i]
            spans = title_spans(text)
            for m in self.refer.finditer(text):
                if spans and inside(spans, m.start(), m.end()):
                    continue
                yield Hit(_seg(ctx, i), m.start(), m.end(), vars={"found": m.group()})
                return
        if a.attachments:
            i = a.attachments[0]
            text = ctx.texts[i]
            yield Hit(_seg(ctx, i), 0, len(text.rstrip()), vars={"found": text.strip()},
                      message="文后附有附件，正文之后却没有附件说明")


def _evidence_text(base: str, ev: KindEvidence) -> str:
    if ev.where == "主送":
        whom = "报来请示的机关" if base == "批复" else "一个上级机关"
        return f"主送“{ev.words}”是下级机关，{base}应主送{whom}"
    if ev.where == "开头" and not ev.other:
        return "开头没有引述所答复的请示（如“你……《关于……的请示》收悉”）"
    if ev.where == "称谓":
        return f"正文称对方为“{ev.words}”，是上级对下级或平级之间的称谓"
    if ev.other == "通知":
        return f"正文“{ev.words}”是印发、转发文件的通知用语"
    if ev.other == "下行文":
        return f"正文“{ev.words}”是上级布置工作的下行文用语"
    return f"{ev.where}“{ev.words}”是{ev.other}的用语"


@register("title-doc-type-content")
class TitleDocTypeContent(Checker):
    """The title's 文种 is a legal one, but the 主送 or the body's wording belongs to another kind."""

    class Params(CheckerParams):
        # A closing formula of another kind alone is structure.kind-content-mismatch's finding (at the
        # closing line); true makes this rule report it at the title as well.
        closing_formula: bool = False

    variables = frozenset({"doc_type", "evidence"})

    def __init__(self, rule: CheckerRule) -> None:
        super().__init__(rule)
        self.closing_formula = typed_params(rule, self.Params).closing_formula

    def check(self, ctx: Context) -> Iterator[Hit]:
        a = ctx.anatomy
        if ctx.doc_type_source != "title" or not a.title or not a.body or not ctx.doc_type:
            return
        tk = doc_type_from_title(a.title_text)
        if tk.doc_type is None or tk.raw_tail is None or tk.raw_tail == "答复":
            return
        recipient = "".join(ctx.texts[i] for i in a.recipient)
        ev = kind_evidence(ctx.doc_type, recipient, [ctx.texts[i] for i in a.body], self.closing_formula)
        if ev is None:
            return
        last = a.title[-1]
        text = ctx.texts[last]
        end = text.rfind(tk.raw_tail)
        start, stop = (end, end + len(tk.raw_tail)) if end >= 0 else (None, None)
        base = tk.doc_type
        yield Hit(_seg(ctx, last), start, stop, vars={"doc_type": base, "evidence": _evidence_text(base, ev)})


# A 发文字号 cited inside a sentence (“你局《关于……的请示》（青体发〔2024〕第12号）收悉”): 机关代字, year, number.
# Other brackets around the year are punctuation.doc-number-brackets' finding.
_CITED_NUMBER = regexes.compile(r"(?<=[\p{Han}])〔(?P<year>\d{2,4})〕(?P<di>第?)(?P<zero>0*)[1-9]\d{0,4}号")
_MODERN = datetime.date(2012, 7, 1)  # GB/T 9704—2012 in force; older texts cite “〔93〕71号”


@register("cited-doc-number")
class CitedDocNumber(Checker):
    """A 发文字号 cited in the text keeps the form of GB/T 9704 7.2.5: four-digit year, no 第, no leading 0."""

    variables = frozenset({"found"})

    def check(self, ctx: Context) -> Iterator[Hit]:
        modern = ctx.issued is None or ctx.issued >= _MODERN
        for seg in ctx.segments(self.scope):
            if L.is_doc_number(seg.text.strip()):
                continue  # a 发文字号 line: element.doc-number-form / doc-number-format
            for m in _CITED_NUMBER.finditer(seg.text):
                if len(m.group("year")) != 4 and modern:
                    what, group = f"年份“{m.group('year')}”应写全四位", "year"
                elif m.group("di"):
                    what, group = "序号前不加“第”", "di"
                elif m.group("zero"):
                    what, group = "序号不编虚位（1不编为01）", "zero"
                else:
                    continue
                yield Hit(seg, m.start(group), m.end(group), vars={"found": m.group()},
                          message=f"引用的发文字号“{m.group()}”格式不规范：{what}")
