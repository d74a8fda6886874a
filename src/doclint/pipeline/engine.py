"""Run the rules on one document: residue first and masked, then parts, then the rest."""

from __future__ import annotations

from collections.abc import Sequence

import msgspec

from doclint.anatomy.doc_type import REFINED, kind_from_content, kind_from_title, report_subtype
from doclint.anatomy.parts import MASK, Anatomy, locate
from doclint.findings import Category, Finding, Location, Severity
from doclint.model.document import Document, Part
from doclint.rules.kinds.base import Checker, Context, Hit, Options
from doclint.rules.kinds.limit import body_count
from doclint.rules.registry import build_checker
from doclint.rules.schema import Rule
from doclint.text.chars import excerpt
from doclint.text.segment import Segmenter


class _Vars(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str | None, values: dict[str, object]) -> str | None:
    if template is None:
        return None
    try:
        return template.format_map(_Vars(values))
    except (ValueError, IndexError):
        return template


class Outcome(msgspec.Struct, frozen=True):
    """What one run of the engine produced."""

    findings: tuple[Finding, ...]
    doc_type: str | None
    doc_type_source: str | None
    body_chars: int
    anatomy: Anatomy


def applies(rule: Rule, doc_type: str | None) -> bool:
    """Whether a rule restricted to some kinds applies to this document."""
    base = REFINED.get(doc_type or "", doc_type)
    if rule.doc_types is not None and doc_type not in rule.doc_types and base not in rule.doc_types:
        return False
    return not (doc_type in rule.skip_doc_types or base in rule.skip_doc_types)


def detect_type(anatomy: Anatomy, texts: list[str], option: str | None) -> tuple[str | None, str | None]:
    """Kind from the option, then the title, then the closing lines (catalogue §1.2)."""
    if option:
        return option, "option"
    kind = kind_from_title(anatomy.title_text).kind if anatomy.title_text else None
    source = "title" if kind else None
    if kind is None:
        body = [texts[i] for i in anatomy.body]
        kind = kind_from_content(body[-3:], body[:2])
        source = "content" if kind else None
    if kind == "报告":
        kind = report_subtype(anatomy.title_text) or kind
    return kind, source


class Engine:
    """Compiled rules. Immutable after construction, so one Engine serves many threads."""

    def __init__(self, rules: Sequence[Rule], options: Options | None = None,
                 severity_overrides: dict[str, Severity] | None = None) -> None:
        self.options = options or Options()
        self.rules = list(rules)
        self.checkers: list[Checker] = [build_checker(r) for r in self.rules]
        self.severity_overrides = severity_overrides or {}
        self.segmenter = Segmenter()
        self._residue = [c for c in self.checkers if c.rule.category is Category.RESIDUE]
        self._others = [c for c in self.checkers if c.rule.category is not Category.RESIDUE]
        self._by_kind: dict[tuple[bool, str | None], list[Checker]] = {}  # a memo; races only recompute it

    def _applicable(self, residue: bool, doc_type: str | None) -> list[Checker]:
        """The residue checkers or the others, those whose rules apply to this kind of document."""
        key = (residue, doc_type)
        found = self._by_kind.get(key)
        if found is None:
            found = [c for c in (self._residue if residue else self._others) if applies(c.rule, doc_type)]
            if len(self._by_kind) < 64:  # kinds are few; a caller's made-up type names must not grow it
                self._by_kind[key] = found
        return found

    def run(self, document: Document, doc_type: str | None = None, snippet_role: str | None = None) -> Outcome:
        """Check one document."""
        raw = [p.text for p in document.paragraphs]
        centered = [p.format.alignment == "center" for p in document.paragraphs] if document.is_docx else None
        numbers = [p.number for p in document.paragraphs] if document.is_docx else None
        # Residue runs first on a rough reading of the parts (ads may still hide some of them).
        rough = locate(raw, centered, numbers)
        rough_kind, rough_source = detect_type(rough, raw, doc_type)
        pre = Context(document, raw, rough, rough_kind, rough_source, self.options, self.segmenter, snippet_role)
        hits: list[tuple[Checker, Hit]] = []
        for c in self._applicable(True, rough_kind):
            hits.extend((c, h) for h in self._safe(c, pre))
        texts = _mask(raw, [h for _, h in hits])
        anatomy = locate(texts, centered, numbers) if hits else rough
        kind, source = detect_type(anatomy, texts, doc_type)
        ctx = Context(document, texts, anatomy, kind, source, self.options, self.segmenter, snippet_role)
        for c in self._applicable(False, kind):
            hits.extend((c, h) for h in self._safe(c, ctx))
        if self.options.protected_terms:
            hits = [(c, h) for c, h in hits if not self._protected(c, h)]
        findings = sorted({self._finding(c, h, raw) for c, h in hits}, key=_order)
        return Outcome(tuple(findings), kind, source, body_count(ctx), anatomy)

    def _protected(self, checker: Checker, hit: Hit) -> bool:
        """A wording or residue hit that touches a protected term (names, titles) is dropped."""
        if checker.rule.category not in (Category.WORDING, Category.RESIDUE) or hit.segment is None or hit.start is None:
            return False
        text = hit.segment.raw
        end = hit.end if hit.end is not None else len(text)
        for term in self.options.protected_terms:
            at = text.find(term)
            while at >= 0:
                if at < end and hit.start < at + len(term):
                    return True
                at = text.find(term, at + 1)
        return False

    def _safe(self, checker: Checker, ctx: Context) -> list[Hit]:
        try:
            return list(checker.check(ctx))
        except TimeoutError:
            return [Hit(None, severity=Severity.INFO,
                        message=f"规则 {checker.rule.id} 的正则表达式匹配超时，已跳过该规则",
                        suggestion="检查该规则的正则表达式，避免嵌套重复等灾难性回溯写法")]
        except Exception as exc:  # a fault in one rule must not cost the others, nor the batch
            if self.options.strict:
                raise
            return [Hit(None, severity=Severity.INFO,
                        message=f"规则 {checker.rule.id} 检查本文件时出错（{type(exc).__name__}），已跳过该规则，"
                                "其他规则的结果不受影响",
                        suggestion="请将本文件和这条提示一并报告给 doclint 维护者")]

    def _finding(self, checker: Checker, hit: Hit, raw: list[str]) -> Finding:
        rule = checker.rule
        values: dict[str, object] = dict(hit.vars)
        message = hit.message or _fill(rule.message, values) or rule.message
        suggestion = hit.suggestion if hit.suggestion is not None else _fill(rule.suggestion, values)
        severity = self.severity_overrides.get(rule.id) or hit.severity or rule.severity
        seg = hit.segment
        # Built without validation: every value here is already typed, and validating would cost
        # pydantic's schema build at start-up (~35 ms). tests/test_contract.py validates the output.
        if seg is None:
            loc = Location.model_construct(part="document")
            quote = None
        else:
            # Body paragraphs after the 附件 label are reported as "attachment" (same paragraph index).
            part = "attachment" if seg.part is Part.BODY and seg.role == "attachment" else seg.part.value
            loc = Location.model_construct(part=part, paragraph=seg.paragraph, start=hit.start, end=hit.end,
                                           table=seg.table, row=seg.row, cell=seg.cell)
            quote = excerpt(seg.raw, hit.start, hit.end)
        return Finding.model_construct(rule=rule.id, category=rule.category, severity=severity, message=str(message),
                                       suggestion=suggestion, location=loc, excerpt=quote)


_PART_ORDER = {"document": 0, "header": 1, "body": 2, "attachment": 2, "table": 3, "textbox": 4, "footer": 5,
               "footnote": 6, "endnote": 7}


def _order(f: Finding) -> tuple[int, int, int, int, str, int, int, int, int, str, str]:
    """Reading order, then severity and rule; the rest only breaks ties, so that equal-looking
    findings (deduplicated through a set) come out in the same order in every run."""
    loc = f.location
    return (_PART_ORDER[loc.part], _n(loc.paragraph), _n(loc.start), -f.severity.rank, f.rule, _n(loc.end),
            _n(loc.table), _n(loc.row), _n(loc.cell), f.message, f.suggestion or "")


def _n(value: int | None) -> int:
    return -1 if value is None else value


def _mask(texts: list[str], hits: list[Hit]) -> list[str]:
    """Blank out residue hits (same length) so other rules do not see them."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for h in hits:
        seg = h.segment
        if seg is None or seg.part.value != "body":
            continue
        start = 0 if h.start is None else h.start
        end = len(texts[seg.paragraph]) if h.end is None else h.end
        spans.setdefault(seg.paragraph, []).append((start, end))
    out = list(texts)
    for i, ss in spans.items():
        chars = list(out[i])
        for s, e in ss:
            for k in range(s, min(e, len(chars))):
                chars[k] = MASK
        out[i] = "".join(chars)
    return out
