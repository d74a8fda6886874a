"""Literal gates: a pattern is skipped only when its match is impossible."""

from __future__ import annotations

import random

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from doclint.rules.loader import builtin_rules_dir, load_rules
from doclint.rules.prefilter import required_strings
from doclint.rules.schema import PatternRule


@pytest.mark.parametrize(("pattern", "strings"), [
    ("截止目前", ("截止目前",)),
    (r"本文(?:由|系)[^，]{1,20}?整理|来源于网络", ("本文", "来源于网络")),
    (r"(?<![A-Za-z])[XＸ]{2,}(?![A-Za-z])", ("X", "Ｘ")),
    (r"https?://|www\.", ("http", "www.")),
    (r"(?<!第)[甲乙](?:十)?、", ("甲", "乙")),  # the rarest required piece of a sequence, not the common 、
    (r"\d+[-－]\d+", ("-", "－")),
    (r"[０-９]+|％", tuple("０１２３４５６７８９％")),  # a small range is enumerated
    (r"\u3000\.", ("\u3000.",)),
    (r"来源[：:]|二维码关注|二维码", ("二维码", "来源")),  # a string holding another is redundant
])
def test_required_strings(pattern: str, strings: tuple[str, ...]) -> None:
    assert required_strings(pattern) == tuple(sorted(strings))


@pytest.mark.parametrize("pattern", [
    r"x*",  # matches the empty string
    r"a|\d+",  # one branch requires nothing known
    r"(?i)abc",  # flags
    r"(a)\1",  # back-reference
    r"\d{4}年",  # only common characters: a gate that never skips
    r"[a-z]+",  # a range
    r"[^，。]+",  # a negated set
    r"(?(1)a|b)",
    r"abc(",
])
def test_no_gate(pattern: str) -> None:
    assert required_strings(pattern) is None


RULES = [r for r in load_rules([builtin_rules_dir()]) if isinstance(r, PatternRule)]
GATED = [r for r in RULES if required_strings(r.pattern)]


def test_most_pattern_rules_have_a_gate() -> None:
    assert len(GATED) >= len(RULES) // 2


def _pieces(rule: PatternRule) -> list[str]:
    out: list[str] = []
    for ex in [*rule.examples.fail, *rule.examples.pass_]:
        out += [t for t in (ex.text, ex.document) if t]
    return out


ALL_PIECES = sorted({p for r in RULES for p in _pieces(r)})


@pytest.mark.parametrize("rule", GATED, ids=lambda r: r.id)
def test_every_example_match_passes_the_gate(rule: PatternRule) -> None:
    gate = required_strings(rule.pattern)
    assert gate is not None
    compiled = regex.compile(rule.pattern, regex.MULTILINE)
    matched = 0
    for text in ALL_PIECES:
        if compiled.search(text):
            matched += 1
            assert any(s in text for s in gate), (rule.id, text)
    assert matched, f"{rule.id}: no example matches its pattern"


@settings(max_examples=200, deadline=None)
@given(st.randoms(use_true_random=False))
def test_spliced_examples_that_match_pass_the_gate(rnd: random.Random) -> None:
    """Cut-and-joined example texts: wherever any gated pattern matches, its gate lets it run."""
    text = "".join(rnd.choice(ALL_PIECES)[rnd.randrange(3):][: rnd.randrange(1, 40)] for _ in range(rnd.randrange(1, 6)))
    for rule in GATED:
        if regex.search(rule.pattern, text, regex.MULTILINE):
            gate = required_strings(rule.pattern)
            assert gate is not None and any(s in text for s in gate), (rule.id, text)
