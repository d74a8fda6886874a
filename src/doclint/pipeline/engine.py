"""Run the rules on one document: residue first and masked, then parts, then the rest."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

import msgspec

from doclint.anatomy.detect import detect_doc_type
from doclint.anatomy.doc_type import REFINED
from doclint.anatomy.lines import look_of
from doclint.anatomy.parts import Anatomy, locate
from doclint.findings import Category, Finding, Severity
from doclint.model import budget as budgets
from doclint.model.document import Document
from doclint.pipeline import steps
from doclint.rules.kinds.base import Checker, Context, Hit, Options
from doclint.rules.registry import build_checker
from doclint.rules.schema import Rule
from doclint.text.segment import Segmenter


class Outcome(msgspec.Struct, frozen=True):
    """What one run of the engine produced."""

    findings: tuple[Finding, ...]
    doc_type: str | None
    doc_type_source: str | None
    body_chars: int
    anatomy: Anatomy
    doc_type_confidence: float | None = None
    capped_rules: tuple[str, ...] = ()  # rules whose findings were cut at the per-rule limit
    capped_document: bool = False  # the findings were cut at the per-document limit


def applies(rule: Rule, doc_type: str | None) -> bool:
    """Whether a rule restricted to some kinds applies to this document."""
    base = REFINED.get(doc_type or "", doc_type)
    if rule.doc_types is not None and doc_type not in rule.doc_types and base not in rule.doc_types:
        return False
    return not (doc_type in rule.skip_doc_types or base in rule.skip_doc_types)


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
        self._by_doc_type: dict[tuple[bool, str | None], list[Checker]] = {}  # a memo; races only recompute it

    def _applicable(self, residue: bool, doc_type: str | None) -> list[Checker]:
        """The residue checkers or the others, those whose rules apply to this kind of document."""
        key = (residue, doc_type)
        found = self._by_doc_type.get(key)
        if found is None:
            found = [c for c in (self._residue if residue else self._others) if applies(c.rule, doc_type)]
            if len(self._by_doc_type) < 64:  # doc_types are few; a caller's made-up type names must not grow it
                self._by_doc_type[key] = found
        return found

    def run(self, document: Document, doc_type: str | None = None, snippet_role: str | None = None) -> Outcome:
        """Check one document: locate parts → 文种 → residue checkers → mask → locate again → 文种 →
        the other checkers → protect → findings → dedupe and order → settle overlapping fixes → caps.
        Waivers and the verdict are the caller's (the Linter's) last steps, since they depend on where the document came from."""
        raw = [p.text for p in document.paragraphs]
        looks = [look_of(p) for p in document.paragraphs] if document.is_docx else None
        numbers = [p.number for p in document.paragraphs] if document.is_docx else None  # automatic list numbers
        # Residue runs first on a rough reading of the parts (ads may still hide some of them).
        rough = locate(raw, None, looks, numbers)
        rough_type, rough_source, _ = detect_doc_type(rough, raw, doc_type)
        pre = Context(document, raw, rough, rough_type, rough_source, self.options, self.segmenter, snippet_role)
        budget = budgets.current()
        per_rule = budget.limits.findings_per_rule
        capped: list[Checker] = []
        pairs: list[steps.Pair] = []
        for c in self._applicable(True, rough_type):
            budget.tick()
            pairs.extend((c, h) for h in self._safe(c, pre, per_rule, capped))
        texts = steps.mask(raw, (h for _, h in pairs))
        anatomy = locate(texts, None, looks, numbers) if pairs else rough
        found_type, source, confidence = detect_doc_type(anatomy, texts, doc_type)
        ctx = Context(document, texts, anatomy, found_type, source, self.options, self.segmenter, snippet_role)
        for c in self._applicable(False, found_type):
            budget.tick()
            pairs.extend((c, h) for h in self._safe(c, ctx, per_rule, capped))
        pairs = steps.protect(pairs, self.options.protected_terms)
        strict = self.options.strict
        findings = steps.dedupe_and_order(steps.to_finding(c, h, self.severity_overrides, strict) for c, h in pairs)
        findings = steps.settle_fixes(findings)
        findings, cut = steps.cap(findings, capped, per_rule, budget.limits.findings_per_document)
        return Outcome(findings, found_type, source, ctx.body_count, anatomy, doc_type_confidence=confidence,
                       capped_rules=tuple(c.rule.id for c in capped), capped_document=cut)

    def _safe(self, checker: Checker, ctx: Context, limit: int, capped: list[Checker]) -> list[Hit]:
        """A checker's hits, at most ``limit`` of them (a generator is not run further)."""
        try:
            hits = list(islice(checker.check(ctx), limit + 1))
            if len(hits) > limit:
                capped.append(checker)
                del hits[limit:]
            return hits
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
