"""Context for the spelling detector: whole-word homophones, the learned confusion prior, 公文 n-grams."""

from __future__ import annotations

from doclint.text.domain import domain
from doclint.text.soundalike import soundalikes
from doclint.text.spelling import Costs, suspects


def test_whole_word_homophones_are_indexed_by_reading() -> None:
    """墙画 reads like 强化: both characters differ, so one-character candidates never see it."""
    sounds = soundalikes()
    assert "强化" in sounds.alikes("墙画")
    assert all(w[0] != "墙" and w[1] != "画" for w in sounds.alikes("墙画"))
    assert sounds.alikes("〇〇") == []


def test_whole_word_slip_is_found_in_context() -> None:
    found = {(s.written, s.fix) for s in suspects("要加强组织领导，完善政策措施，墙画监督管理，抓好工作落实。")}
    assert ("墙画", "强化") in found


def test_learned_pairs_come_from_the_tune_half_both_ways() -> None:
    sounds = soundalikes()
    assert "术" in sounds.learned("木") and "木" in sounds.learned("术")


def test_domain_context_counts_grams_across_the_window_edge() -> None:
    """规划纲要 is 公文; 桂花纲要 is not: the grams spanning the edge with the correction are counted."""
    dom = domain()
    assert dom.uses("纲要") and not dom.uses("桂花纲")
    text = "健康中国2030桂花纲要全文如下"
    s = text.index("桂花")
    assert dom.context(text, s, s + 2, "规划") > 0
    assert dom.context(text, s, s + 2, "桂花") == 0
    assert dom.bonus("水务", "税务", 2.0) in (0.0, 2.0)


def test_place_names_before_an_administrative_unit_are_left_alone() -> None:
    """芹泉镇, 鄠邑区: a pair the dictionary lacks right before 镇/区 is a name, not a slip."""
    for text in ("山西省左权县芹泉镇包村工作队", "西安市鄠邑区蒋村街道办主任", "峰峰矿区义井镇山底村"):
        assert not [s for s in suspects(text) if s.written in text[:-1] and s.gain > 0 and s.kind == "sound_word"], text


def test_context_bonus_is_reported_apart_and_can_be_switched_off() -> None:
    """The margin's parts are kept apart (severity ignores the bare use of the correction in 公文 text);
    with the context switched off the detector is the plain word model."""
    text = "要加强组织领导，完善政策措施，墙画监督管理，抓好工作落实。"
    plain = suspects(text, Costs(domain=0.0, context=0.0, context_max=0.0))
    assert plain and all(s.used == 0.0 and s.context == 0.0 for s in plain)
    rich = {(s.written, s.fix): s for s in suspects(text)}
    assert rich[("墙画", "强化")].gain >= max(s.gain for s in plain if s.written == "墙画")


def test_document_number_organ_codes_are_not_words() -> None:
    """临财函〔2024〕27号: the run before 〔year〕 is an organ code, not a slip for 临时."""
    assert not suspects("临财函〔2024〕27号")


def test_near_shape_slip_in_a_common_word_is_found() -> None:
    """肆业 for 肄业: a near-shape pair of pycorrector's table, no homophone."""
    found = {(s.written, s.fix, s.kind) for s in suspects("请各单位结合实际，做好肆业相关工作。")}
    assert ("肆业", "肄业", "shape") in found


def test_a_pair_repeated_in_the_document_is_the_drafters_term() -> None:
    """带量采购 … 带量采购: a middling pair written twice is not reported; written once it is a note."""
    from doclint import Config, Linter

    linter = Linter(Config(select=["wording.nonword"]))
    once = linter.check_text("推进药品带量采购工作。").findings
    twice = linter.check_text("推进药品带量采购工作。\n扩大带量采购范围。").findings
    assert [f.severity.value for f in once] in ([], ["info"])
    assert not twice



def test_pairs_built_like_their_neighbours_are_a_series() -> None:
    """助餐、助浴、助医 and 带学促学 share a character with a neighbour; 一淀、三带 both begin with a
    numeral: a coined series, at most a note. A pair beside unrelated words is not."""
    from doclint.rules.checkers.wording import SpellingParams, confident
    from doclint.text.spelling import in_series

    text = "提供助餐、助浴、助医等服务，发挥带学促学作用，形成一淀、三带格局。"
    assert in_series(text, text.index("助医"))
    assert in_series(text, text.index("带学"))
    assert in_series(text, text.index("一淀"))
    slip = "要加强组织领导，完善政策措施，墙画监督管理。"
    assert not in_series(slip, slip.index("墙画"))
    strong = next(s for s in suspects(slip) if s.written == "墙画")
    assert confident(strong, SpellingParams(), slip)
    assert not confident(strong._replace(start=0, end=2), SpellingParams(), "墙画、墙体")


def test_fillable_halves_agree_with_the_wildcard_index() -> None:
    """The halves index is a speed-up only: wherever it says a position cannot be filled, the
    wildcard index has no fill either (so the detector's output is unchanged)."""
    from doclint.text.lexicon import lexicon

    lex = lexicon()
    text = "请认真贯撤落实全年重点工作作出周密布署既往开来再接再励要加强组织领导完善政策措施"
    for n in (3, 4):
        for s in range(len(text) - n + 1):
            window = text[s : s + n]
            for k, ok in enumerate(lex.fillable(window)):
                pattern = window[:k] + "?" + window[k + 1 :]
                if not ok:
                    assert not lex.fills(pattern), pattern
            if n == 4:
                for k, ok in enumerate(lex.fillable(window, idiom=True)):
                    if not ok:
                        assert not lex.idiom_fills(window[:k] + "?" + window[k + 1 :])
