"""The library entry point for OA systems: load rules once, check many files."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec

from doclint.config import Config
from doclint.errors import UnreadableDocument
from doclint.findings import Capped, FileError, FileReport, Finding, Severity, Stats
from doclint.model import budget as budgets
from doclint.model.document import Document
from doclint.pipeline import steps
from doclint.pipeline.engine import Engine, Outcome
from doclint.pipeline.source import Source, read_source
from doclint.rules.kinds.base import Options
from doclint.rules.loader import builtin_rules_dir, load_rules

# Re-exported: rule selection lives in the loader (``doclint rules`` needs it without the linter).
from doclint.rules.loader import matches as matches  # noqa: PLC0414
from doclint.rules.loader import select_rules as select_rules  # noqa: PLC0414
from doclint.rules.schema import Rule

if TYPE_CHECKING:
    from doclint.outputs.fix import FixResult


class CheckResult(msgspec.Struct, frozen=True):
    """A file's report and the document it was made from (None when the file could not be read):
    text output draws carets from its paragraphs, the server returns them, annotate anchors on them."""

    report: FileReport
    document: Document | None


class Linter:
    """Compiled rules plus settings. Thread-safe: ``check_*`` keeps no state between calls."""

    def __init__(self, config: Config | None = None, rules: list[Rule] | None = None,
                 limits: budgets.Limits | None = None) -> None:
        self.config = config or Config.model_construct()  # the defaults need no validation
        cfg = self.config
        self.limits = limits or cfg.budget.limits()  # what one document may cost (model/budget.py)
        if rules is None:
            dirs = ([builtin_rules_dir()] if cfg.builtin_rules else []) + [Path(d) for d in cfg.rules]
            rules = load_rules(dirs)
        if cfg.words:
            rules = [*rules, house_words_rule(cfg)]
        self.all_rules = rules
        self.rules = select_rules(rules, cfg.select, cfg.ignore)
        if any(r.category.value == "layout" for r in self.rules):
            from doclint.rules.profiles import load_profile

            load_profile(cfg.profile)  # a broken profile is a configuration error, reported now
        options = Options(count_method=cfg.count, count_scope=cfg.count_scope, limits=dict(cfg.limits), today=cfg.today,
                          protected_terms=tuple(cfg.protected_terms), layout_profile=cfg.profile)
        self.engine = Engine(self.rules, options, dict(cfg.severity))
        from doclint._cache import regexes
        regexes.flush()  # the next start reuses these compiled patterns

    def check_source(self, source: Source) -> CheckResult:
        """The one pipeline: read → locate parts → 文种 → checkers → mask, protect, findings, dedupe and
        order (the engine) → waive → verdict. CLI, batch, stdin, watch and the server all come here.

        Never raises for the document's sake: unreadable input gives ``verdict: "unreadable"`` with a
        stable code, and a fault of doclint's own while checking gives that one file code
        ``internal-error``, so a batch goes on (``strict`` options re-raise it instead). Reading and
        checking share one budget (``limits``): beyond it the file is unreadable with code ``too-complex``.
        """
        try:
            with budgets.active(self.limits):
                try:
                    document = read_source(source)
                except UnreadableDocument as exc:
                    return CheckResult(unreadable(source.name, exc), None)
                return CheckResult(self._check_safely(document, source), document)
        finally:
            # Patterns first compiled while checking (reader, anatomy, lazily built rules) are
            # kept too; a no-op once nothing new was compiled.
            from doclint._cache import regexes

            regexes.flush()

    def _check_safely(self, document: Document, source: Source) -> FileReport:
        try:
            return self._check(document, source)
        except UnreadableDocument as exc:  # over the budget
            return unreadable(source.name, exc)
        except Exception as exc:
            if self.engine.options.strict:
                raise
            return unreadable(source.name, UnreadableDocument(
                "internal-error",
                f"doclint 检查本文件时出现内部错误（{type(exc).__name__}），未能完成检查；请将本文件报告给 doclint 维护者"))

    def _check(self, document: Document, source: Source) -> FileReport:
        outcome: Outcome = self.engine.run(document, source.doc_type or self.config.type_for(source.name))
        findings: tuple[Finding, ...] | list[Finding] = outcome.findings
        if self.config.suppress:
            from doclint.pipeline import waive

            waivers = waive.from_comments(document)
            if source.path is not None:
                waivers += waive.from_sidecar(source.path)
            findings = waive.apply(findings, waivers)
        limits = budgets.current().limits
        capped = Capped.model_construct(
            findings_per_rule=limits.findings_per_rule, findings_per_document=limits.findings_per_document,
            rules=outcome.capped_rules, document=outcome.capped_document,
        ) if outcome.capped_rules or outcome.capped_document else None
        return FileReport.model_construct(  # typed values; validation is left to the tests (see steps)
            path=source.name,
            doc_type=outcome.doc_type,
            doc_type_source=outcome.doc_type_source,
            doc_type_confidence=outcome.doc_type_confidence,
            unit=outcome.anatomy.unit,
            stats=Stats.model_construct(body_chars=outcome.body_chars, paragraphs=len(document.paragraphs)),
            verdict=steps.verdict(findings),
            findings=tuple(findings),
            error=None,
            capped=capped,
            converted_from=document.converted_from,
        )

    def check_document(self, document: Document, path: str = "<text>", doc_type: str | None = None) -> FileReport:
        """Check an already-read document (a model built by the caller)."""
        with budgets.active(self.limits, fresh=False):  # the caller's, if it read the document in one
            return self._check_safely(document, Source(path, doc_type=doc_type))

    def check_bytes(self, data: bytes, filename: str, doc_type: str | None = None) -> FileReport:
        """Check a draft held in memory (an upload); never raises for bad input."""
        return self.check_source(Source.of_bytes(data, filename, doc_type)).report

    def check_path(self, path: str | Path, doc_type: str | None = None) -> FileReport:
        """Check a draft on disk; never raises for bad input, never writes to it."""
        return self.check_source(Source.of_path(path, doc_type)).report

    def check_text(self, text: str, filename: str = "<text>", doc_type: str | None = None) -> FileReport:
        """Check plain text given as a string (one paragraph per line)."""
        return self.check_source(Source.of_text(text, filename, doc_type)).report

    def annotate(self, source: bytes, filename: str = "draft.docx", report: FileReport | None = None) -> bytes:
        """A copy of a .docx draft with every finding as a Word comment (the draft is not changed)."""
        from doclint.outputs.annotate import annotate

        return annotate(source, report if report is not None else self.check_bytes(source, filename))

    def fix(self, source: bytes | str | Path, filename: str | None = None, *, track: bool = True,
            select: Sequence[str] = (), ignore: Sequence[str] = (), layout: bool = False,
            doc_type: str | None = None, when: datetime | None = None) -> FixResult:
        """A fixed copy of a draft and what went into it (the draft is not changed).

        ``source`` is the draft's bytes (``filename`` tells the format) or its path. A .docx comes
        back with each text fix as a tracked change (author “doclint”; ``track=False`` applies them
        directly) and, with ``layout``, the layout fixes for the active profile; .txt/.md come back
        as corrected text. ``select``/``ignore`` pick rules by id prefix. Returns
        :class:`~doclint.outputs.fix.FixResult`: ``data`` (bytes) and ``applied`` (the findings
        fixed). Raises UnreadableDocument when the draft cannot be read.
        """
        from doclint.outputs.fix import FixResult, fix_docx, fix_text
        from doclint.pipeline.edits import chosen

        if isinstance(source, (str, Path)):
            path = Path(source)
            try:
                data = path.read_bytes()
            except OSError as exc:
                raise UnreadableDocument("unreadable", f"文件无法读取：{exc.strerror or exc}") from None
            src = Source(filename or str(path), path=path, doc_type=doc_type)
        else:
            data = source
            src = Source.of_bytes(data, filename or "draft.docx", doc_type)
        result = self.check_source(src)
        if result.report.error is not None:
            raise UnreadableDocument(result.report.error.code, result.report.error.message)
        findings = chosen(result.report.findings, select, ignore)
        if result.document is None or not result.document.is_docx:
            return fix_text(data, findings) if findings else FixResult(data)
        if not layout:
            return fix_docx(data, findings, track=track, document=result.document, when=when)
        from doclint.outputs.fix_layout import LayoutPlan
        from doclint.rules.profiles import load_profile

        # The parts as the layout rules saw them (residue masked), so the fixer touches what they judge.
        outcome = self.engine.run(result.document, src.doc_type or self.config.type_for(src.name))
        plan = LayoutPlan(load_profile(self.config.profile), outcome.anatomy, outcome.doc_type)
        return fix_docx(data, findings, track=track, document=result.document, when=when, layout=plan)

    def fails(self, report: FileReport) -> bool:
        """Whether the report should make ``doclint check`` exit 1 under ``fail_on``."""
        if report.verdict != "pass":
            return True
        threshold = Severity(self.config.fail_on)
        return any(f.severity.rank >= threshold.rank for f in report.active)


def house_words_rule(cfg: Config) -> Rule:
    """The config's extra wrong → right pairs as one lexicon rule."""
    from doclint.rules.schema import LexiconRule

    entries = [{"wrong": w.wrong, "right": w.right} for w in cfg.words]
    return LexiconRule.model_validate({
        "id": "wording.house-words", "category": "wording", "severity": "warning", "kind": "lexicon",
        "scope": ["title", "body", "attachment_note", "table"], "entries": entries,
        "message": "按本单位用词规范，“{wrong}”应写作“{right}”", "suggestion": "{right}",
        "why": "本单位配置文件（words）中规定的用词。", "source": {"title": "本单位配置文件", "clause": "words"},
        "examples": {"fail": [e["wrong"] for e in entries], "pass": [e["right"] or "（删去）" for e in entries]},
    })


def unreadable(path: str, exc: UnreadableDocument) -> FileReport:
    """The report of a file that could not be read."""
    return FileReport(path=path, verdict="unreadable", error=FileError(code=exc.code, message=exc.message))
