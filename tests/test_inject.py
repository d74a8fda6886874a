"""The error-injection harness (scripts/inject.py): operations, determinism, catalogue checks."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

import inject  # noqa: E402

LINES = ["关于做好安全工作的通知", "各单位：", "要认真部署安全生产工作，确保平稳。", "请认真贯彻执行。", "××局", "2024年5月6日"]


def _carrier() -> inject.Carrier:
    roles = {0: "title", 1: "recipient", 2: "body", 3: "body", 4: "signature", 5: "date"}
    return inject.Carrier("t/demo.txt", LINES, roles)


def _entry(**op: object) -> dict[str, object]:
    return {"id": "wording.x.001", "category": "wording", "class": "x", "split": "tune", "source": "s", **op}


def test_replace_marks_the_planted_span() -> None:
    """A replace plants one occurrence and records where it is."""
    p = inject.plant(_entry(op="replace", find="部署", replace="布署"), _carrier(), 17)
    assert p is not None and p.where is not None
    para, s, e = p.where
    assert p.lines[para][s:e] == "布署"


def test_replace_falls_back_to_the_carrier_sentence() -> None:
    """With no match in the text, the entry's carrier sentence is added and changed."""
    p = inject.plant(_entry(op="replace", find="蔓延", replace="漫延", carrier="防止疫情蔓延。"), _carrier(), 17)
    assert p is not None and p.where is not None and "防止疫情漫延。" in p.lines


def test_other_operations() -> None:
    """insert_line, append and delete_role change the carrier as described."""
    c = _carrier()
    p = inject.plant(_entry(op="insert_line", text="附件：1.名单", where="before_date", span="附件"), c, 17)
    assert p is not None and p.lines[5] == "附件：1.名单" and p.where == (5, 0, 2)
    p = inject.plant(_entry(op="append", text="。。"), c, 17)
    assert p is not None and p.where is not None and p.lines[p.where[0]].endswith("。。")
    p = inject.plant(_entry(op="delete_role", role="date"), c, 17)
    assert p is not None and "2024年5月6日" not in p.lines and p.where is None


def test_plants_are_deterministic() -> None:
    """The same seed plants the same error in the same place."""
    e = _entry(op="replace", find="认真", replace="人真")
    assert inject.plant(e, _carrier(), 3) == inject.plant(e, _carrier(), 3)


def test_catalogue_is_split_and_large_enough() -> None:
    """The wording catalogue has at least 200 kinds, both halves, and every entry names its source."""
    entries = inject.load_entries([ROOT / "corpus" / "inject" / "wording.yaml"])
    assert len(entries) >= 200
    assert {e["split"] for e in entries} == {"tune", "heldout"}
    assert all(e["source"] for e in entries)


def test_bad_catalogue_entry_is_refused(tmp_path: Path) -> None:
    """An entry without a split cannot be measured honestly."""
    f = tmp_path / "x.yaml"
    f.write_text("entries:\n  - {id: a, category: wording, class: c, source: s, op: replace}\n", "utf-8")
    with pytest.raises(SystemExit):
        inject.load_entries([f])
