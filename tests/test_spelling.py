"""The packed lexicon, the segmenter built on it, the spelling detector and the confusion kind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from doclint import Config, Linter
from doclint.errors import RuleFileError
from doclint.text.lexicon import lexicon
from doclint.text.segment import Segmenter
from doclint.text.spelling import suspects

REAL = Path(__file__).resolve().parent / "data" / "real-texts"  # copies of ../shared/real-texts (see its SOURCES.md)


def _wording(text: str, **cfg: object) -> list[tuple[str, str, str | None]]:
    report = Linter(Config(select=["wording"], **cfg)).check_text(text)  # type: ignore[arg-type]
    return [(f.rule, f.severity.value, f.suggestion) for f in report.findings]


def test_lexicon_keeps_frequencies_tags_and_idioms() -> None:
    """Ratios need the counts: jieba lists 布署 with a tiny count beside 部署."""
    lex = lexicon()
    assert 0 < lex.freq("布署") < 10 < lex.freq("部署")
    assert lex.tag("北京") == "ns"
    assert lex.is_idiom("继往开来") and not lex.is_idiom("部署")
    assert "署" in lex.fills("部?")
    assert lex.freq("依法依规") > 0  # a 公文 word added to jieba's dictionary


def test_segmenter_matches_jieba_without_loading_it() -> None:
    """Boundaries equal jieba's cut(HMM=False) on published prose; jieba itself is not imported."""
    code = (
        "import sys; from doclint.text.segment import Segmenter;"
        "print(Segmenter().boundaries('国务院办公厅关于印发试点方案的通知')); print('jieba' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ}).stdout.split("\n")
    assert out[1] == "False"
    jieba = pytest.importorskip("jieba")
    tk = jieba.Tokenizer()
    tk.initialize()
    seg = Segmenter()
    text = "国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知（国办发〔2019〕2号）"
    expect = {0, len(text)} | {x for _w, s, e in tk.tokenize(text, HMM=False) for x in (s, e)}
    assert seg.boundaries(text) == expect


def test_detector_finds_slips_and_spares_correct_text() -> None:
    """Non-words are corrected; names, 公文 coinages and reduplication are left alone."""
    fixes = {s.fix for s in suspects("要贯撤落实，周密布署，再由懂事会作出决定")}
    assert {"贯彻", "部署", "董事会"} <= fixes
    for ok in ("坚持依法依规、精准施策，推动提质增效。", "山西省左权县芹泉镇包村工作队", "研究研究再定，把情况搞得清清楚楚"):
        assert not [s for s in suspects(ok) if s.end - s.start > 2 or s.gain >= 3.5], ok


def test_idiom_and_title_handling() -> None:
    """An idiom slip is an error with the idiom as suggestion; a non-word inside 《》 is still reported."""
    found = _wording("我们要既往开来，一如既往地做好工作。")
    assert ("wording.idiom-typo", "error", "继往开来") in found
    found = _wording("转发《关于加强城市懂事会建设的通知》")
    assert any(rule == "wording.nonword" and fix == "董事会" for rule, _sev, fix in found)


def test_protected_terms_are_never_corrected() -> None:
    """A protected term from the configuration silences the detector on it."""
    assert any(r == "wording.nonword" for r, _s, _f in _wording("由懂事会负责"))
    assert not any(r == "wording.nonword" for r, _s, _f in _wording("由懂事会负责", protected_terms=["懂事会"]))


def test_variant_inside_longer_word_but_not_across_words() -> None:
    """定货会 holds the variant 定货; 一笔划拨 does not hold 笔划."""
    assert ("wording.variant-forms", "warning", "订货") in _wording("举办春季定货会")
    assert not any(r == "wording.variant-forms" for r, _s, _f in _wording("申请一笔划拨资金"))


def test_traditional_characters_are_errors() -> None:
    """A traditional character in simplified text gets its simplified form."""
    assert ("wording.traditional-chars", "error", "议") in _wording("召开全体會議")


def test_confusion_entry_needs_a_deciding_context(tmp_path: Path) -> None:
    """A pair with no before/after/tag condition is a load error, not a rule that fires everywhere."""
    (tmp_path / "wording").mkdir()
    (tmp_path / "wording" / "bad.yaml").write_text(
        "id: wording.bad\ncategory: wording\nseverity: warning\nkind: confusion\n"
        "entries:\n  - {wrong: 形式, right: 形势}\nmessage: m\nwhy: w\nsource: {title: t}\n"
        "examples: {fail: [形式], pass: [形势]}\n", "utf-8")
    from doclint.rules.loader import load_rules

    with pytest.raises(RuleFileError):
        load_rules([tmp_path])


@pytest.mark.skipif(not REAL.is_dir(), reason="../shared/real-texts not present")
def test_no_wording_error_or_warning_on_published_documents() -> None:
    """The 18 published State Council documents are correct prose."""
    linter = Linter(Config(select=["wording"]))
    bad = []
    for f in sorted(REAL.glob("*.txt")):
        for x in linter.check_text(f.read_text("utf-8")).findings:
            if x.severity.value in ("error", "warning"):
                bad.append((f.name, x.rule, x.suggestion))
    assert bad == []
