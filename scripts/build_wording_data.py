"""Regenerate the data-driven wording rules from their published tables.

- ``rules/wording/variant-forms.yaml`` entries: GF 1001—2001《第一批异形词整理表》, from
  ``seeds/wording/fswv.json`` (variant → recommended form), plus ``HAND`` (《现代汉语词典》 forms).
- ``rules/wording/traditional-chars.yaml`` entries: traditional characters of the
  《通用规范汉字表》 correspondence (``seeds/wording/tgscc.json``) that are not themselves standard
  simplified characters and have exactly one simplified form.

Both JSON files come from Fusyong/ai-proofread-vscode-extension (MIT); see seeds/wording/PROVENANCE.md.

With ``--sound`` it also writes the data of ``doclint.text.soundalike`` (needs ``pip install pypinyin``,
a build-time tool only):

- ``src/doclint/data/char_pinyin.txt``: the most common reading of each character of jieba's words;
- ``src/doclint/data/word_pinyin.txt``: two-character words read otherwise in context (银行 yin hang);
- ``src/doclint/data/csc_pairs.txt``: written → meant character pairs with their counts, learned from
  the *tune* half of ECSpell odw (``scripts/csc_eval.py`` split; the held-out half is never read);
- ``src/doclint/data/gongwen_text.txt``: correct 公文 prose for the context model of
  ``doclint.text.domain``: the correct sentences of that tune half and the clean corpus drafts
  (``corpus/*/clean-*.txt``). Never ../shared/real-texts (a measurement set).

Usage: python scripts/build_wording_data.py [--sound]   (rewrites the two YAML files in place)
"""

from __future__ import annotations

import json
import re
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


def sound() -> None:
    import importlib.util
    from collections import Counter

    from pypinyin import Style, lazy_pinyin, pinyin

    sys.path.insert(0, str(ROOT / "scripts"))
    from csc_eval import DATA, half, rows

    spec = importlib.util.find_spec("jieba")
    assert spec is not None and spec.origin is not None
    words = []
    for line in (Path(spec.origin).parent / "dict.txt").read_text("utf-8").splitlines():
        parts = line.split()
        if len(parts) >= 2 and int(parts[1]) >= 3:
            words.append(parts[0])
    chars = sorted({c for w in words for c in w if "\u4e00" <= c <= "\u9fff"})
    first = {c: pinyin(c, style=Style.TONE3, neutral_tone_with_five=True)[0][0] for c in chars}
    out = ["# character<TAB>most common reading (pypinyin 0.55, MIT; data from pinyin-data, MIT)"]
    out += [f"{c}\t{r}" for c, r in first.items() if re.fullmatch(r"[a-z]+[1-5]", r)]
    (ROOT / "src/doclint/data/char_pinyin.txt").write_text("\n".join(out) + "\n", "utf-8")
    other = ["# two-character word<TAB>reading in context, where it differs from char_pinyin.txt (pypinyin phrases)"]
    for w in words:
        if len(w) == 2 and all(c in first for c in w):
            r = lazy_pinyin(w, style=Style.TONE3, neutral_tone_with_five=True)
            if r != [first[c] for c in w] and all(re.fullmatch(r"[a-z]+[1-5]", x) for x in r):
                other.append(f"{w}\t{' '.join(r)}")
    (ROOT / "src/doclint/data/word_pinyin.txt").write_text("\n".join(other) + "\n", "utf-8")
    pairs: Counter[tuple[str, str]] = Counter()
    for src, tgt in rows(DATA):
        if half(tgt) == "tune":
            pairs.update((a, b) for a, b in zip(src, tgt, strict=True) if a != b)
    lines = ["# written<TAB>meant<TAB>count: ECSpell odw (MIT), tune half of scripts/csc_eval.py only"]
    lines += [f"{a}\t{b}\t{n}" for (a, b), n in sorted(pairs.items())]
    (ROOT / "src/doclint/data/csc_pairs.txt").write_text("\n".join(lines) + "\n", "utf-8")
    text = ["# correct 公文 sentences: ECSpell odw tune half (MIT) and doclint's clean corpus drafts (MIT)"]
    text += sorted({tgt for _src, tgt in rows(DATA) if half(tgt) == "tune"})
    for draft in sorted(ROOT.glob("corpus/*/clean-*.txt")):
        text += [line.strip() for line in draft.read_text("utf-8").splitlines() if line.strip()]
    (ROOT / "src/doclint/data/gongwen_text.txt").write_text("\n".join(text) + "\n", "utf-8")
    print(f"{len(out) - 1} characters, {len(other) - 1} word readings, {len(pairs)} learned pairs")


def main() -> int:
    if "--sound" in sys.argv:
        sound()
        return 0
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
