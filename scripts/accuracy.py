"""Measure doclint against the labelled corpus: recall, precision, false positives, verdicts.

Usage::

    python scripts/accuracy.py [--corpus DIR] [--json] [--min-verdict-accuracy 0.95]

The corpus is ``corpus/<kind>/<name>.txt`` (plain text, one paragraph per line) and
``corpus/docx/<name>.docx`` (Word drafts built by ``scripts/make_docx_corpus.py``: layout
and content together), with ``<name>.expected.yaml`` beside each draft::

    type: 请示              # optional: passed to the linter as the document type
    verdict: return         # return | pass: what a reviewer would decide
    findings:               # [] for a clean draft
      - {rule: punctuation.quote-pairing, paragraph: 5, text: "”中国政府采购奖“"}
      - {rule: length.qingshi-max}                       # document-level
      - {rule: punctuation.repeated, paragraph: 9, text: "。。。", optional: true}

Matching: a produced finding matches an expectation when the rule is the same,
the paragraph is the same (when the expectation gives one), and the finding's
span overlaps an occurrence of ``text`` in that paragraph (when given; a finding
without offsets covers the whole paragraph). Expectations and findings are paired
one to one (maximum matching, required expectations first). ``optional`` marks an
acceptable second report of the same fault: it never counts as a miss, and a
finding it absorbs is not a false positive. A leftover finding that matches an
already-satisfied expectation is a duplicate (counted apart, not as a false
positive); any other leftover finding is a false positive ("extra"). Locations print
as ``file:paragraph`` with the 0-based line index used in the labels; in a .docx draft the
paragraph is the 0-based index of the body paragraph in reading order (content controls included,
table cells not counted: docs/report-contract.md),
as doclint reports it.

The layout part (rules ``layout.*``; ``layout.not-checked``, which every plain-text draft
gets, is ignored) is also summarised on its own line: recall of the labelled layout faults and
layout findings per clean .docx draft that no label accounts for.

Exit status: 1 when verdict accuracy is below ``--min-verdict-accuracy``; 2 when the
corpus labels are malformed or doclint cannot be set up; else 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT / "corpus"
RULE_ID = re.compile(r"^(length|element|structure|punctuation|number|wording|residue|layout)\.[a-z0-9-]+$")
CATEGORIES = ("length", "element", "structure", "punctuation", "number", "wording", "residue", "layout")
VERDICTS = ("return", "pass")
# Findings about the input format rather than the content: every plain-text draft gets them.
IGNORED_RULES = frozenset({"layout.not-checked"})
DRAFT_SUFFIXES = (".txt", ".docx")


# --------------------------------------------------------------------------- data


@dataclass(frozen=True)
class Expected:
    """One labelled fault."""

    rule: str
    paragraph: int | None = None
    text: str | None = None
    optional: bool = False

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]


@dataclass(frozen=True)
class Produced:
    """One finding produced by doclint, reduced to what matching needs."""

    rule: str
    severity: str
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    message: str = ""
    excerpt: str | None = None

    @property
    def category(self) -> str:
        return self.rule.split(".", 1)[0]


@dataclass
class Case:
    """A draft and its labels."""

    path: Path
    lines: list[str]
    verdict: str
    expected: list[Expected]
    doc_type: str | None = None

    @property
    def clean(self) -> bool:
        return not self.expected

    def name(self, root: Path) -> str:
        try:
            return str(self.path.relative_to(root))
        except ValueError:
            return str(self.path)


@dataclass
class CaseResult:
    """Matching outcome for one draft."""

    case: Case
    verdict: str
    matched: list[tuple[Expected, Produced]] = field(default_factory=list)
    missed: list[Expected] = field(default_factory=list)
    extra: list[Produced] = field(default_factory=list)
    duplicates: list[Produced] = field(default_factory=list)
    error: str | None = None


# ------------------------------------------------------------------------ loading


def split_lines(text: str) -> list[str]:
    """Paragraphs of a plain-text draft, indexed as doclint indexes them (0-based lines)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def expected_path(draft: Path) -> Path:
    return draft.with_name(draft.stem + ".expected.yaml")


def parse_expected(data: Any, where: str) -> tuple[str, str | None, list[Expected]]:
    """Validate the shape of an expected file; returns (verdict, type, expectations)."""
    if not isinstance(data, dict):
        raise ValueError(f"{where}: expected a mapping")
    unknown = set(data) - {"type", "verdict", "findings"}
    if unknown:
        raise ValueError(f"{where}: unknown keys {sorted(unknown)}")
    verdict = data.get("verdict")
    if verdict not in VERDICTS:
        raise ValueError(f"{where}: verdict must be one of {VERDICTS}, not {verdict!r}")
    doc_type = data.get("type")
    if doc_type is not None and not isinstance(doc_type, str):
        raise ValueError(f"{where}: type must be a string")
    items = data.get("findings")
    if not isinstance(items, list):
        raise ValueError(f"{where}: findings must be a list ([] for a clean draft)")
    expected: list[Expected] = []
    for n, item in enumerate(items):
        if not isinstance(item, dict) or "rule" not in item:
            raise ValueError(f"{where}: findings[{n}] needs a rule")
        extra_keys = set(item) - {"rule", "paragraph", "text", "optional"}
        if extra_keys:
            raise ValueError(f"{where}: findings[{n}] has unknown keys {sorted(extra_keys)}")
        paragraph = item.get("paragraph")
        text = item.get("text")
        if paragraph is not None and (not isinstance(paragraph, int) or isinstance(paragraph, bool)):
            raise ValueError(f"{where}: findings[{n}].paragraph must be an integer")
        if text is not None and (not isinstance(text, str) or not text):
            raise ValueError(f"{where}: findings[{n}].text must be a non-empty string")
        expected.append(
            Expected(rule=str(item["rule"]), paragraph=paragraph, text=text, optional=bool(item.get("optional", False)))
        )
    return verdict, doc_type, expected


def load_case(draft: Path) -> Case:
    """Read a draft and its expected file (raises ValueError when the labels are malformed)."""
    exp = expected_path(draft)
    if not exp.exists():
        raise ValueError(f"{draft}: no {exp.name} beside it")
    verdict, doc_type, expected = parse_expected(yaml.safe_load(exp.read_text(encoding="utf-8")), str(exp))
    lines = docx_lines(draft) if draft.suffix == ".docx" else split_lines(draft.read_text(encoding="utf-8"))
    return Case(path=draft, lines=lines, verdict=verdict, expected=expected, doc_type=doc_type)


def validate_case(case: Case) -> list[str]:
    """Problems with a case's labels (rule ids, paragraphs, texts); empty when well-formed."""
    problems: list[str] = []
    for e in case.expected:
        label = f"{case.path.name}: {e.rule}"
        if not RULE_ID.match(e.rule):
            problems.append(f"{label}: rule id does not match {RULE_ID.pattern}")
        if e.paragraph is not None:
            if not 0 <= e.paragraph < len(case.lines):
                problems.append(f"{label}: paragraph {e.paragraph} out of range (0..{len(case.lines) - 1})")
            elif e.text is not None and e.text not in case.lines[e.paragraph]:
                problems.append(f"{label}: text {e.text!r} not in paragraph {e.paragraph}")
        elif e.text is not None and not any(e.text in line for line in case.lines):
            problems.append(f"{label}: text {e.text!r} not in the draft")
    return problems


def docx_lines(draft: Path) -> list[str]:
    """Body paragraphs of a .docx draft, indexed as doclint indexes them (tables not counted)."""
    import docx  # python-docx, a doclint dependency

    try:
        document = docx.Document(str(draft))
    except Exception as exc:  # not a zip, no main part, bad XML: malformed corpus
        raise ValueError(f"{draft}: cannot be read as .docx: {type(exc).__name__}: {exc}") from exc
    return [str(p.text) for p in document.paragraphs]


def find_drafts(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.suffix in DRAFT_SUFFIXES and p.is_file())


def load_corpus(corpus: Path) -> list[Case]:
    return [load_case(p) for p in find_drafts(corpus)]


# ----------------------------------------------------------------------- matching


def occurrences(haystack: str, needle: str) -> list[tuple[int, int]]:
    """Spans of every (possibly overlapping) occurrence of needle."""
    spans: list[tuple[int, int]] = []
    i = haystack.find(needle)
    while i != -1:
        spans.append((i, i + len(needle)))
        i = haystack.find(needle, i + 1)
    return spans


def matches(expected: Expected, found: Produced, lines: Sequence[str]) -> bool:
    """Whether a produced finding can stand for an expectation."""
    if found.rule != expected.rule:
        return False
    if expected.paragraph is not None and found.paragraph != expected.paragraph:
        return False
    if expected.text is None:
        return True
    if found.paragraph is None or not 0 <= found.paragraph < len(lines):
        return False
    spans = occurrences(lines[found.paragraph], expected.text)
    if not spans:
        return False
    if found.start is None or found.end is None:
        return True  # the finding is about the whole paragraph
    start, end = found.start, max(found.end, found.start + 1)
    return any(start < e and s < end for s, e in spans)


def _augment(e: int, edges: list[list[int]], owner: dict[int, int], seen: set[int]) -> bool:
    for f in edges[e]:
        if f in seen:
            continue
        seen.add(f)
        if f not in owner or _augment(owner[f], edges, owner, seen):
            owner[f] = e
            return True
    return False


def match_case(case: Case, produced: Sequence[Produced], verdict: str) -> CaseResult:
    """Pair findings with expectations one to one; classify the rest."""
    found = [p for p in produced if p.rule not in IGNORED_RULES]
    exps = case.expected
    edges = [[j for j, p in enumerate(found) if matches(e, p, case.lines)] for e in exps]
    owner: dict[int, int] = {}  # finding index -> expectation index
    # Required expectations claim findings first, so an optional one never steals a needed match.
    for i in sorted(range(len(exps)), key=lambda k: exps[k].optional):
        _augment(i, edges, owner, set())
    satisfied = {i: j for j, i in owner.items()}
    result = CaseResult(case=case, verdict=verdict)
    result.matched = [(exps[i], found[j]) for i, j in sorted(satisfied.items())]
    result.missed = [e for i, e in enumerate(exps) if i not in satisfied and not e.optional]
    for j, p in enumerate(found):
        if j in owner:
            continue
        if any(j in edges[i] for i in satisfied):
            result.duplicates.append(p)
        else:
            result.extra.append(p)
    return result


# ------------------------------------------------------------------------ running


def to_produced(finding: Any) -> Produced:
    """Reduce a ``doclint.Finding`` (or its JSON dict) to a ``Produced``."""
    if isinstance(finding, dict):
        loc = finding.get("location") or {}
        return Produced(
            rule=finding["rule"],
            severity=str(finding["severity"]),
            paragraph=loc.get("paragraph"),
            start=loc.get("start"),
            end=loc.get("end"),
            message=finding.get("message", ""),
            excerpt=finding.get("excerpt"),
        )
    loc = finding.location
    return Produced(
        rule=finding.rule,
        severity=getattr(finding.severity, "value", str(finding.severity)),
        paragraph=loc.paragraph,
        start=loc.start,
        end=loc.end,
        message=finding.message,
        excerpt=finding.excerpt,
    )


def run(cases: Iterable[Case]) -> tuple[list[CaseResult], dict[str, str]]:
    """Check every draft once with one ``doclint.Linter``; returns results and {rule id: severity} loaded."""
    from doclint import Linter

    linter = Linter()
    loaded = {r.id: getattr(r.severity, "value", str(r.severity)) for r in linter.rules}
    results: list[CaseResult] = []
    for case in cases:
        report = linter.check_path(case.path, case.doc_type)
        produced = [to_produced(f) for f in report.findings]
        verdict = "return" if report.verdict == "unreadable" else report.verdict
        result = match_case(case, produced, verdict)
        if report.error is not None:
            result.error = f"{report.error.code}: {report.error.message}"
        results.append(result)
    return results, loaded


# ------------------------------------------------------------------------ metrics


@dataclass
class Tally:
    """Counts for one rule or category."""

    expected: int = 0  # required expectations
    found: int = 0  # required expectations satisfied
    true_positives: int = 0  # findings matched to any expectation (optional ones too)
    extra: int = 0
    duplicates: int = 0

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        n = self.true_positives + self.extra
        return self.true_positives / n if n else None


def tallies(results: Sequence[CaseResult], key: str) -> dict[str, Tally]:
    """Tallies keyed by ``rule`` or ``category``."""
    out: dict[str, Tally] = defaultdict(Tally)
    for r in results:
        for e, _ in r.matched:
            t = out[getattr(e, key)]
            t.true_positives += 1
            if not e.optional:
                t.expected += 1
                t.found += 1
        for e in r.missed:
            out[getattr(e, key)].expected += 1
        for p in r.extra:
            out[getattr(p, key)].extra += 1
        for p in r.duplicates:
            out[getattr(p, key)].duplicates += 1
    return dict(out)


def per_draft(count: int, drafts: int) -> float:
    """Findings per draft (0 when there are no drafts)."""
    return count / drafts if drafts else 0.0


@dataclass
class Summary:
    """Corpus-level figures."""

    drafts: int
    clean_drafts: int
    verdict_correct: int
    missed_returns: int  # expected return, tool said pass
    false_returns: int  # expected pass, tool said return
    clean_fp_error_warning: int
    clean_fp_info: int
    expected: int
    found: int
    true_positives: int
    extra: int
    duplicates: int

    @property
    def verdict_accuracy(self) -> float:
        return self.verdict_correct / self.drafts if self.drafts else 1.0

    @property
    def fp_per_clean_draft(self) -> float:
        return per_draft(self.clean_fp_error_warning, self.clean_drafts)

    @property
    def info_per_clean_draft(self) -> float:
        return per_draft(self.clean_fp_info, self.clean_drafts)


def summarize(results: Sequence[CaseResult]) -> Summary:
    clean = [r for r in results if r.case.clean]
    return Summary(
        drafts=len(results),
        clean_drafts=len(clean),
        verdict_correct=sum(r.verdict == r.case.verdict for r in results),
        missed_returns=sum(r.case.verdict == "return" and r.verdict == "pass" for r in results),
        false_returns=sum(r.case.verdict == "pass" and r.verdict == "return" for r in results),
        clean_fp_error_warning=sum(p.severity in ("error", "warning") for r in clean for p in r.extra),
        clean_fp_info=sum(p.severity == "info" for r in clean for p in r.extra),
        expected=sum(len(r.missed) + sum(not e.optional for e, _ in r.matched) for r in results),
        found=sum(sum(not e.optional for e, _ in r.matched) for r in results),
        true_positives=sum(len(r.matched) for r in results),
        extra=sum(len(r.extra) for r in results),
        duplicates=sum(len(r.duplicates) for r in results),
    )


@dataclass
class LayoutSummary:
    """The layout part: labelled ``layout.*`` faults, ``layout.*`` findings, clean .docx drafts."""

    docx_drafts: int
    clean_docx_drafts: int
    expected: int
    found: int
    true_positives: int
    extra: int
    duplicates: int
    clean_fp_error_warning: int  # unlabelled layout findings on clean .docx drafts
    clean_fp_info: int

    @property
    def recall(self) -> float | None:
        return self.found / self.expected if self.expected else None

    @property
    def precision(self) -> float | None:
        n = self.true_positives + self.extra
        return self.true_positives / n if n else None

    @property
    def fp_per_clean_draft(self) -> float:
        return per_draft(self.clean_fp_error_warning, self.clean_docx_drafts)

    @property
    def info_per_clean_draft(self) -> float:
        return per_draft(self.clean_fp_info, self.clean_docx_drafts)


def summarize_layout(results: Sequence[CaseResult]) -> LayoutSummary:
    t = tallies(results, "category").get("layout", Tally())
    docx = [r for r in results if r.case.path.suffix == ".docx"]
    clean = [r for r in docx if r.case.clean]
    fps = [p for r in clean for p in r.extra if p.category == "layout"]
    return LayoutSummary(
        docx_drafts=len(docx),
        clean_docx_drafts=len(clean),
        expected=t.expected,
        found=t.found,
        true_positives=t.true_positives,
        extra=t.extra,
        duplicates=t.duplicates,
        clean_fp_error_warning=sum(p.severity in ("error", "warning") for p in fps),
        clean_fp_info=sum(p.severity == "info" for p in fps),
    )


# ------------------------------------------------------------------------ output


def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def where(name: str, paragraph: int | None) -> str:
    return f"{name}:{paragraph}" if paragraph is not None else f"{name}:document"


def table(title: str, rows: dict[str, Tally], order: Sequence[str], notes: dict[str, str]) -> list[str]:
    width = max([len(title), *(len(k) for k in order)]) + 2
    out = [f"{title:<{width}} expected found recall  extra  dup precision", "-" * (width + 44)]
    for k in order:
        t = rows[k]
        out.append(
            f"{k:<{width}} {t.expected:>8} {t.found:>5} {pct(t.recall)} {t.extra:>5} {t.duplicates:>4}   {pct(t.precision)}"
            + (f"  {notes[k]}" if k in notes else "")
        )
    return out


def render_text(results: Sequence[CaseResult], loaded: dict[str, str], root: Path) -> str:
    s = summarize(results)
    by_cat = tallies(results, "category")
    by_rule = tallies(results, "rule")
    cats = [c for c in CATEGORIES if c in by_cat]
    rule_notes = {r: loaded.get(r, "(no such rule loaded)") for r in by_rule}
    lay = summarize_layout(results)
    docx_note = f"; {lay.docx_drafts} of them .docx, {lay.clean_docx_drafts} clean" if lay.docx_drafts else ""
    out: list[str] = [
        f"doclint accuracy on {s.drafts} drafts ({s.clean_drafts} clean, {s.drafts - s.clean_drafts} with planted faults"
        f"{docx_note})",
        "",
        *table("category", by_cat, cats, {}),
        "",
        *table("rule", by_rule, sorted(by_rule), rule_notes),
        "",
        f"overall: recall {pct(s.found / s.expected if s.expected else None).strip()} ({s.found}/{s.expected}), "
        f"precision {pct(s.true_positives / (s.true_positives + s.extra) if s.true_positives + s.extra else None).strip()} "
        f"({s.true_positives} matched, {s.extra} extra, {s.duplicates} duplicates)",
        *([f"layout: recall {pct(lay.recall).strip()} ({lay.found}/{lay.expected}), "
           f"precision {pct(lay.precision).strip()} ({lay.true_positives} matched, {lay.extra} extra, "
           f"{lay.duplicates} duplicates); false findings per clean .docx draft: {lay.fp_per_clean_draft:.2f} "
           f"error+warning ({lay.clean_fp_error_warning} on {lay.clean_docx_drafts} drafts), "
           f"{lay.info_per_clean_draft:.2f} info ({lay.clean_fp_info})"] if lay.docx_drafts else []),
        f"false positives per clean draft: {s.fp_per_clean_draft:.2f} error+warning "
        f"({s.clean_fp_error_warning} on {s.clean_drafts} drafts), {s.info_per_clean_draft:.2f} info ({s.clean_fp_info})",
        f"verdict accuracy: {pct(s.verdict_accuracy).strip()} ({s.verdict_correct}/{s.drafts}; "
        f"{s.missed_returns} drafts to return passed, {s.false_returns} clean drafts returned)",
    ]
    wrong = [r for r in results if r.verdict != r.case.verdict]
    if wrong:
        out += ["", "WRONG VERDICTS"]
        for r in wrong:
            out.append(
                f"  {r.case.name(root)}: expected {r.case.verdict}, got {r.verdict}" + (f" ({r.error})" if r.error else "")
            )
    misses = [(r, e) for r in results for e in r.missed]
    out += ["", f"MISSES ({len(misses)})"]
    for r, e in misses:
        note = "  [no such rule loaded]" if e.rule not in loaded else ""
        text = f"  «{e.text}»" if e.text else ""
        out.append(f"  {where(r.case.name(root), e.paragraph)}  {e.rule}{text}{note}")
    fps = [(r, p) for r in results for p in r.extra]
    out += ["", f"FALSE POSITIVES ({len(fps)})"]
    for r, p in fps:
        excerpt = f"  «{p.excerpt}»" if p.excerpt else ""
        tag = " (clean)" if r.case.clean else ""
        out.append(f"  {where(r.case.name(root), p.paragraph)}{tag}  {p.severity:<7} {p.rule}  {p.message}{excerpt}")
    dups = [(r, p) for r in results for p in r.duplicates]
    out += ["", f"DUPLICATES ({len(dups)}: a fault reported more than once; not counted as false positives)"]
    for r, p in dups:
        out.append(f"  {where(r.case.name(root), p.paragraph)}  {p.severity:<7} {p.rule}  {p.message}")
    return "\n".join(out)


def render_json(results: Sequence[CaseResult], loaded: dict[str, str], root: Path) -> str:
    s = summarize(results)

    def tally_dict(t: Tally) -> dict[str, Any]:
        return {**asdict(t), "recall": t.recall, "precision": t.precision}

    def layout_dict(t: LayoutSummary) -> dict[str, Any]:
        return {**asdict(t), "recall": t.recall, "precision": t.precision,
                "fp_per_clean_docx_draft": {"error_warning": t.fp_per_clean_draft, "info": t.info_per_clean_draft}}

    lay = summarize_layout(results)

    data: dict[str, Any] = {
        "drafts": s.drafts,
        "clean_drafts": s.clean_drafts,
        "verdict_accuracy": s.verdict_accuracy,
        "missed_returns": s.missed_returns,
        "false_returns": s.false_returns,
        "fp_per_clean_draft": {"error_warning": s.fp_per_clean_draft, "info": s.info_per_clean_draft},
        "overall": {
            "expected": s.expected,
            "found": s.found,
            "true_positives": s.true_positives,
            "extra": s.extra,
            "duplicates": s.duplicates,
        },
        "categories": {k: tally_dict(v) for k, v in sorted(tallies(results, "category").items())},
        **({"layout": layout_dict(lay)} if lay.docx_drafts else {}),
        "rules": {k: {**tally_dict(v), "loaded": k in loaded} for k, v in sorted(tallies(results, "rule").items())},
        "files": [
            {
                "path": r.case.name(root),
                "expected_verdict": r.case.verdict,
                "verdict": r.verdict,
                "error": r.error,
                "missed": [asdict(e) for e in r.missed],
                "extra": [asdict(p) for p in r.extra],
                "duplicates": [asdict(p) for p in r.duplicates],
                "matched": len(r.matched),
            }
            for r in results
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------- cli


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Measure doclint on the labelled corpus.")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="corpus folder (default: corpus/)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--min-verdict-accuracy", type=float, default=0.95, help="exit 1 when verdict accuracy is lower (default 0.95)"
    )
    args = parser.parse_args(argv)
    corpus: Path = args.corpus
    try:
        cases = load_corpus(corpus)
    except (ValueError, yaml.YAMLError) as exc:
        print(f"accuracy: malformed corpus: {exc}", file=sys.stderr)
        return 2
    problems = [p for c in cases for p in validate_case(c)]
    if problems:
        print("accuracy: malformed labels:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    if not cases:
        print(f"accuracy: no drafts under {corpus}", file=sys.stderr)
        return 2
    try:
        results, loaded = run(cases)
    except Exception as exc:  # a broken rule pack or checker: say so instead of a traceback
        print(f"accuracy: doclint could not be set up or run: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    root = corpus
    print(render_json(results, loaded, root) if args.json else render_text(results, loaded, root))
    return 0 if summarize(results).verdict_accuracy >= args.min_verdict_accuracy else 1


if __name__ == "__main__":
    sys.exit(main())
