"""Word-compatible 字数 and the other counting methods."""

from __future__ import annotations

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from doclint.text.counting import count, count_chars, count_hanzi, count_word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("東京2024オリンピック", 9),  # checked against Word by a public re-implementation
        ("Hello、World。", 4),
        ("2023年", 2),
        ("810.87亿元", 3),
        ("40%", 1),
        ("40％", 2),
        ("cwk,请", 2),
        ("１２３", 3),
        ("  \t", 0),
    ],
)
def test_word_count_matches_word(text: str, expected: int) -> None:
    """Each Asian character counts 1, each run of other non-space characters counts 1."""
    assert count_word(text) == expected


def test_masked_residue_is_not_counted() -> None:
    """The mask character left by residue removal counts as nothing."""
    assert count_word("正文\ue000\ue000\ue000正文") == 4
    assert count_chars("正文\ue000 正文") == 4


def test_methods_differ_as_documented() -> None:
    """chars counts every non-space character; hanzi only ideographs."""
    text = "截至2023年底，完成40%。"
    assert count_hanzi(text) == 6
    assert count_chars(text) == 15
    assert count_word(text) == 10
    assert count([text, text], "hanzi") == 12


_ALPHABET = "公文，。“”—…·、　 \t\ue000abc12.%％１東オ\U00020001"


@given(st.text(alphabet=_ALPHABET, max_size=60))
def test_word_count_equals_one_match_per_unit(text: str) -> None:
    """The subtraction shortcut counts exactly what one regex match per unit counts."""
    from doclint.text.counting import _ASIAN

    reference = regex.compile(f"[{_ASIAN}]|[^\\s\ue000{_ASIAN}]+")
    assert count_word(text) == len(reference.findall(text))
