"""Regenerate the data-driven wording rules from their published tables.

- ``rules/wording/variant-forms.yaml`` entries: GF 1001—2001《第一批异形词整理表》, from
  ``seeds/wording/fswv.json`` (variant → recommended form), plus ``HAND`` (《现代汉语词典》 forms).
- ``rules/wording/traditional-chars.yaml`` entries: traditional characters of the
  《通用规范汉字表》 correspondence (``seeds/wording/tgscc.json``) that are not themselves standard
  simplified characters and have exactly one simplified form.

Both JSON files come from Fusyong/ai-proofread-vscode-extension (MIT); see seeds/wording/PROVENANCE.md.
Usage: python scripts/build_wording_data.py   (rewrites the two YAML files in place)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Forms the table lists as variants that current usage treats as distinct words or that collide with
# correct text too often: 标识 is a word of its own in 《现代汉语词典》 (7th ed.) and GB standards;
# 份子 is right in 凑份子; 服事 and 伏罪 are rare and ambiguous with names of offences.
SKIP = {"标识", "份子", "服事", "伏罪", "沈思", "复辙", "连结", "联绵", "蕃衍", "胡涂", "豫备", "颤栗"}
UNLESS = {"磁器": "磁器口"}
# Recommended forms of 《现代汉语词典》 (7th ed.) outside GF 1001, common in 公文 drafts: the 账/帐 division
# of labour (GF 1001's note to 账本), 消 for 取消, 叠 (《第一批异体字整理表》 revision), 分 and 像.
HAND = {
    "取销": "取消", "重迭": "重叠", "部份": "部分", "好象": "好像", "台帐": "台账", "帐户": "账户", "帐目": "账目",
    "帐号": "账号", "记帐": "记账", "报帐": "报账", "对帐": "对账", "查帐": "查账", "帐款": "账款", "帐务": "账务",
    "挂帐": "挂账", "转帐": "转账", "结帐": "结账", "帐簿": "账簿", "帐册": "账册", "做帐": "做账", "假帐": "假账",
}


def variants() -> list[tuple[str, str]]:
    data = json.loads((ROOT / "seeds/wording/fswv.json").read_text("utf-8"))
    table = {w: r for w, r in data["variant_to_standard"].items() if w not in SKIP and w != r}
    return sorted({**table, **HAND}.items())


def traditional() -> dict[str, str]:
    data = json.loads((ROOT / "seeds/wording/tgscc.json").read_text("utf-8"))
    simplified = set(data["simplified_to_traditional"])
    special = set(data.get("notes", {}))
    out = {}
    for t, simp in data["traditional_to_simplified"].items():
        if len(t) == 1 and t not in simplified and t not in special and len(simp) == 1 and simp[0] != t:
            out[t] = simp[0]
    return dict(sorted(out.items()))


def _rewrite(path: Path, start: str, end: str, body: str) -> None:
    text = path.read_text("utf-8")
    i, j = text.index(start) + len(start), text.index(end)
    path.write_text(text[:i] + body + text[j:], "utf-8")


def main() -> int:
    entries = []
    for wrong, right in variants():
        extra = f", unless: {UNLESS[wrong]}" if wrong in UNLESS else ""
        entries.append(f"  - {{wrong: {wrong}, right: {right}{extra}}}\n")
    _rewrite(ROOT / "rules/wording/variant-forms.yaml", "entries:\n", "message:", "".join(entries))
    table = traditional()
    body = "entries:\n" + "".join(f"  - {{wrong: {t}, right: {s}}}\n" for t, s in table.items())
    _rewrite(ROOT / "rules/wording/traditional-chars.yaml", "# generated\n", "# end generated\n", body)
    print(f"{len(entries)} variant forms, {len(table)} traditional characters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
