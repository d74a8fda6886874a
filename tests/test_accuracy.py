"""The labelled corpus is well-formed, and scripts/accuracy.py matches findings as documented.

No accuracy numbers are asserted here: they move as rules are added.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"


def _load_accuracy() -> ModuleType:
    spec = importlib.util.spec_from_file_location("doclint_accuracy", ROOT / "scripts" / "accuracy.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses need the module registered
    spec.loader.exec_module(module)
    return module


acc = _load_accuracy()
DRAFTS = acc.find_drafts(CORPUS)
TXT_DRAFTS = [p for p in DRAFTS if p.suffix == ".txt"]
DOCX_DRAFTS = [p for p in DRAFTS if p.suffix == ".docx"]


# ------------------------------------------------------------------ the corpus


def test_corpus_size_and_balance() -> None:
    cases = acc.load_corpus(CORPUS)
    assert len(cases) >= 48
    clean = sum(c.clean for c in cases)
    assert 0.35 <= clean / len(cases) <= 0.65, "about half the drafts should be clean"
    assert {p.parent.name for p in DRAFTS} >= {"请示", "报告", "通知", "函", "意见", "通报", "批复", "纪要"}


@pytest.mark.parametrize("draft", TXT_DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_draft_is_well_formed(draft: Path) -> None:
    raw = draft.read_bytes()
    raw.decode("utf-8")  # UTF-8, no BOM games
    assert not raw.startswith(b"\xef\xbb\xbf")
    assert acc.expected_path(draft).exists(), f"{draft.name} has no .expected.yaml"
    case = acc.load_case(draft)
    assert acc.validate_case(case) == []
    for e in case.expected:
        assert acc.RULE_ID.match(e.rule), e.rule
        if e.paragraph is not None:
            assert 0 <= e.paragraph < len(case.lines)
            if e.text is not None:
                assert e.text in case.lines[e.paragraph]
    if case.clean:
        assert case.verdict == "pass", "a draft without faults cannot be returned"
    else:
        assert any(not e.optional for e in case.expected), "optional-only labels make a draft neither clean nor faulty"


def test_no_stray_expected_files() -> None:
    for exp in CORPUS.rglob("*.expected.yaml"):
        stem = exp.name.removesuffix(".expected.yaml")
        assert any(exp.with_name(stem + suffix).exists() for suffix in acc.DRAFT_SUFFIXES), exp


# ------------------------------------------------------------- the .docx corpus


def _load_maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("doclint_make_docx_corpus", ROOT / "scripts" / "make_docx_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_docx_corpus_size_and_balance() -> None:
    names = {p.stem for p in DOCX_DRAFTS}
    assert {"err-layout-songti", "clean-qingshi-gbt9704"} <= names  # the README runs the first
    assert len(DOCX_DRAFTS) >= 20
    cases = [acc.load_case(p) for p in DOCX_DRAFTS]
    clean = sum(c.clean for c in cases)
    assert 0.35 <= clean / len(cases) <= 0.65, "about half the .docx drafts should be clean"
    rules = {e.rule for c in cases for e in c.expected}
    assert sum(r.startswith("layout.") for r in rules) >= 10, "the layout rules should be exercised"
    assert any(not r.startswith("layout.") for r in rules), "content faults too"


@pytest.mark.parametrize("draft", DOCX_DRAFTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_docx_draft_is_well_formed(draft: Path) -> None:
    import zipfile

    raw = draft.read_bytes()
    assert len(raw) < 40 * 1024, "keep corpus files small"
    with zipfile.ZipFile(draft) as zf:
        assert "word/document.xml" in zf.namelist()
    assert acc.expected_path(draft).exists(), f"{draft.name} has no .expected.yaml"
    case = acc.load_case(draft)
    assert case.lines and any(line.strip() for line in case.lines)
    assert acc.validate_case(case) == []
    if case.clean:
        assert case.verdict == "pass"
    else:
        assert any(not e.optional for e in case.expected)


def test_docx_corpus_matches_its_generator(tmp_path: Path) -> None:
    """corpus/docx is what scripts/make_docx_corpus.py builds: same labels, same paragraphs, repeatable."""
    maker = _load_maker()
    first = maker.build_all()
    assert first == maker.build_all(), "the generator must be deterministic"
    on_disk = {p.name for p in (CORPUS / "docx").iterdir()}
    assert on_disk == set(first), "run: python scripts/make_docx_corpus.py"
    for name, data in first.items():
        path = CORPUS / "docx" / name
        if name.endswith(".yaml"):
            assert path.read_bytes() == data, f"{name} is stale: run python scripts/make_docx_corpus.py"
        else:  # the bytes depend on python-docx's template; the paragraphs must not
            built = tmp_path / name
            built.write_bytes(data)
            assert acc.docx_lines(built) == acc.docx_lines(path), f"{name} is stale: run python scripts/make_docx_corpus.py"


def test_unreadable_docx_is_malformed_corpus(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    (tmp_path / "bad.expected.yaml").write_text("verdict: pass\nfindings: []\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cannot be read as \.docx"):
        acc.load_case(bad)


# -------------------------------------------------------- the expected-file parser


def test_parse_expected_rejects_bad_shapes() -> None:
    with pytest.raises(ValueError):
        acc.parse_expected({"verdict": "maybe", "findings": []}, "x")
    with pytest.raises(ValueError):
        acc.parse_expected({"verdict": "pass"}, "x")
    with pytest.raises(ValueError):
        acc.parse_expected({"verdict": "return", "findings": [{"paragraph": 1}]}, "x")
    with pytest.raises(ValueError):
        acc.parse_expected({"verdict": "return", "findings": [{"rule": "a.b", "para": 1}]}, "x")
    verdict, doc_type, exps = acc.parse_expected(
        {"type": "请示", "verdict": "return", "findings": [{"rule": "length.qingshi-max"}]}, "x"
    )
    assert (verdict, doc_type) == ("return", "请示")
    assert exps == [acc.Expected(rule="length.qingshi-max")]


def test_validate_case_reports_problems() -> None:
    case = acc.Case(
        path=Path("x.txt"),
        lines=["标题", "正文，，内容"],
        verdict="return",
        expected=[
            acc.Expected(rule="Punctuation.repeated", paragraph=1, text="，，"),
            acc.Expected(rule="punctuation.repeated", paragraph=5),
            acc.Expected(rule="punctuation.repeated", paragraph=1, text="。。"),
        ],
    )
    problems = acc.validate_case(case)
    assert len(problems) == 3


# --------------------------------------------------------------------- matching

LINES = ["关于开展检查的通知。", "主送：", "荣获”中国政府采购奖“，并以，，结束", "其它事项"]


def _case(*expected: object, verdict: str = "return") -> object:
    return acc.Case(path=Path("t.txt"), lines=LINES, verdict=verdict, expected=list(expected))


def _found(
    rule: str, paragraph: int | None = None, start: int | None = None, end: int | None = None, severity: str = "error"
) -> object:
    return acc.Produced(rule=rule, severity=severity, paragraph=paragraph, start=start, end=end, message="m")


def test_matches_rule_paragraph_and_overlap() -> None:
    e = acc.Expected(rule="punctuation.quote-pairing", paragraph=2, text="”中国政府采购奖“")
    assert acc.matches(e, _found("punctuation.quote-pairing", 2, 2, 3), LINES)  # the opening mark
    assert acc.matches(e, _found("punctuation.quote-pairing", 2, 10, 11), LINES)  # the closing mark
    assert acc.matches(e, _found("punctuation.quote-pairing", 2), LINES)  # whole paragraph
    assert not acc.matches(e, _found("punctuation.quote-pairing", 2, 0, 2), LINES)  # 荣获: no overlap
    assert not acc.matches(e, _found("punctuation.quote-pairing", 3, 0, 2), LINES)  # other paragraph
    assert not acc.matches(e, _found("punctuation.repeated", 2, 2, 3), LINES)  # other rule
    doc = acc.Expected(rule="element.main-recipient-missing")
    assert acc.matches(doc, _found("element.main-recipient-missing"), LINES)
    assert acc.matches(doc, _found("element.main-recipient-missing", 1, 0, 3), LINES)
    # an empty span still counts at its position
    assert acc.matches(e, _found("punctuation.quote-pairing", 2, 2, 2), LINES)


def test_match_case_one_to_one_with_duplicates_and_extras() -> None:
    case = _case(
        acc.Expected(rule="punctuation.repeated", paragraph=2, text="，，"),
        acc.Expected(rule="wording.qita", paragraph=3, text="其它"),
        acc.Expected(rule="punctuation.title-end", paragraph=0, text="。"),
    )
    produced = [
        _found("punctuation.repeated", 2, 14, 16),
        _found("punctuation.repeated", 2, 15, 16),  # the same fault reported twice: duplicate
        _found("wording.qita", 3, 0, 2, severity="warning"),
        _found("punctuation.halfwidth-in-cjk", 1, 2, 3),  # nothing expected: extra
        _found("layout.not-checked", None, severity="info"),  # ignored
    ]
    r = acc.match_case(case, produced, "return")
    assert [e.rule for e, _ in r.matched] == ["punctuation.repeated", "wording.qita"]
    assert [e.rule for e in r.missed] == ["punctuation.title-end"]
    assert [p.rule for p in r.extra] == ["punctuation.halfwidth-in-cjk"]
    assert len(r.duplicates) == 1


def test_two_expectations_need_two_findings() -> None:
    case = _case(
        acc.Expected(rule="punctuation.quote-pairing", paragraph=2, text="”中国政府采购奖“"),
        acc.Expected(rule="punctuation.quote-pairing", paragraph=2, text="”"),
    )
    one = acc.match_case(case, [_found("punctuation.quote-pairing", 2, 2, 3)], "return")
    assert len(one.matched) == 1 and len(one.missed) == 1
    two = acc.match_case(
        case, [_found("punctuation.quote-pairing", 2, 2, 3), _found("punctuation.quote-pairing", 2, 10, 11)], "return"
    )
    assert len(two.matched) == 2 and not two.missed and not two.extra


def test_required_expectations_claim_findings_before_optional_ones() -> None:
    # Both expectations accept the single finding; the required one must get it.
    case = _case(
        acc.Expected(rule="punctuation.repeated", paragraph=2, optional=True),
        acc.Expected(rule="punctuation.repeated", paragraph=2, text="，，"),
    )
    r = acc.match_case(case, [_found("punctuation.repeated", 2, 14, 16)], "return")
    assert not r.missed and not r.extra
    assert r.matched[0][0].optional is False
    # An unmatched optional expectation is never a miss; a finding it absorbs is not extra.
    lone = _case(acc.Expected(rule="punctuation.repeated", paragraph=2, optional=True), verdict="pass")
    assert not acc.match_case(lone, [], "pass").missed
    absorbed = acc.match_case(lone, [_found("punctuation.repeated", 2, 14, 16)], "pass")
    assert not absorbed.extra and len(absorbed.matched) == 1


def test_summary_and_tallies() -> None:
    clean = acc.Case(path=Path("c.txt"), lines=LINES, verdict="pass", expected=[])
    faulty = _case(acc.Expected(rule="wording.qita", paragraph=3, text="其它"))
    results = [
        acc.match_case(clean, [_found("wording.qita", 3, 0, 2, "warning"), _found("x.y", 1, severity="info")], "pass"),
        acc.match_case(faulty, [], "pass"),
    ]
    s = acc.summarize(results)
    assert (s.drafts, s.clean_drafts, s.verdict_correct, s.missed_returns, s.false_returns) == (2, 1, 1, 1, 0)
    assert s.clean_fp_error_warning == 1 and s.clean_fp_info == 1
    assert s.verdict_accuracy == 0.5
    t = acc.tallies(results, "rule")["wording.qita"]
    assert (t.expected, t.found, t.extra, t.recall, t.precision) == (1, 0, 1, 0.0, 0.0)
    cats = acc.tallies(results, "category")
    assert cats["wording"].expected == 1
    text = acc.render_text(results, {"wording.qita": "warning"}, Path("."))
    assert "MISSES (1)" in text and "FALSE POSITIVES (2)" in text and "verdict accuracy: 50.0% (1/2" in text


def test_to_produced_accepts_json_findings() -> None:
    p = acc.to_produced(
        {
            "rule": "punctuation.quote-pairing",
            "severity": "error",
            "message": "引号不成对",
            "location": {"part": "body", "paragraph": 2, "start": 2, "end": 3},
            "excerpt": "荣获”中国",
        }
    )
    assert (p.rule, p.paragraph, p.start, p.end) == ("punctuation.quote-pairing", 2, 2, 3)


def test_layout_summary_and_line() -> None:
    layout = ["标题", "正文"]
    clean = acc.Case(path=Path("c.docx"), lines=layout, verdict="pass", expected=[])
    faulty = acc.Case(path=Path("f.docx"), lines=layout, verdict="return",
                      expected=[acc.Expected(rule="layout.margins"), acc.Expected(rule="layout.title-font", paragraph=0)])
    text_case = acc.Case(path=Path("t.txt"), lines=LINES, verdict="pass", expected=[])
    results = [
        acc.match_case(
            clean, [_found("layout.indent", 1, severity="warning"), _found("layout.signature-block", 1, severity="info")], "pass"
        ),
        acc.match_case(faulty, [_found("layout.margins")], "return"),
        acc.match_case(text_case, [_found("layout.not-checked", severity="info")], "pass"),
    ]
    lay = acc.summarize_layout(results)
    assert (lay.docx_drafts, lay.clean_docx_drafts, lay.expected, lay.found) == (2, 1, 2, 1)
    assert (lay.clean_fp_error_warning, lay.clean_fp_info, lay.extra) == (1, 1, 2)
    assert lay.recall == 0.5 and lay.fp_per_clean_draft == 1.0
    text = acc.render_text(results, {}, Path("."))
    assert "layout: recall 50.0% (1/2)" in text
    assert "false findings per clean .docx draft: 1.00 error+warning (1 on 1 drafts), 1.00 info (1)" in text
    assert "of them .docx" in text
    # plain text only: no layout line, the header as before
    only_text = acc.render_text(results[2:], {}, Path("."))
    assert "layout:" not in only_text and ".docx" not in only_text
    data = __import__("json").loads(acc.render_json(results, {}, Path(".")))
    assert data["layout"]["expected"] == 2 and data["layout"]["fp_per_clean_docx_draft"]["error_warning"] == 1.0
