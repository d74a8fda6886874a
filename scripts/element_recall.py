"""Element recall on injected faults: break one element of a correct document, see if doclint says so.

Usage::

    python scripts/element_recall.py [--texts DIR ...] [--json]

Carriers are correct documents: the published texts in ``tests/data/real-texts`` and the clean
plain-text drafts of ``corpus/`` (``clean-*.txt``). Each operation of the catalogue below breaks
one element (drops the 成文日期, writes the 发文字号 with square brackets …) where it applies and
names the rule that must fire. Carriers are split in two by their sorted position: the even half
is the development half, the odd half is held out (no rule or locator change was made from it);
both recalls are printed, the held-out one is the figure to quote.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CN = "〇一二三四五六七八九"
KIND_END = re.compile(r"(决议|决定|命令|公报|公告|通告|意见|通知|通报|报告|请示|批复|议案|复函|函|纪要|答复)$")
NEEDS_RECIPIENT = ("请示", "报告", "批复", "函", "议案", "通报", "通知", "意见", "综合报告", "专项报告")


@dataclass(frozen=True)
class Carrier:
    name: str
    lines: list[str]
    doc_type: str | None


Op = Callable[[list[str], object, str | None], list[str] | None]


def _cn_date(y: int, m: int, d: int) -> str:
    def small(n: int) -> str:
        if n < 10:
            return CN[n]
        return ("" if n < 20 else CN[n // 10]) + "十" + (CN[n % 10] if n % 10 else "")
    return "".join(CN[int(c)] for c in str(y)) + "年" + small(m) + "月" + small(d) + "日"


def _date(lines: list[str], a: object) -> tuple[int, re.Match[str]] | None:
    i = getattr(a, "date", None)
    if i is None:
        return None
    m = re.fullmatch(r"(\d{4})年(\d{1,2})月(\d{1,2})日", lines[i].strip())
    return (i, m) if m and int(m.group(1)) >= 2013 else None


def drop(role: str) -> Op:
    def op(lines: list[str], a: object, kind: str | None) -> list[str] | None:
        v = getattr(a, role)
        idx = v if isinstance(v, tuple) else (() if v is None else (v,))
        if not idx or (role == "recipient" and kind not in NEEDS_RECIPIENT):
            return None
        return [t for k, t in enumerate(lines) if k not in idx]
    return op


def date_zero_pad(lines: list[str], a: object, kind: str | None) -> list[str] | None:
    found = _date(lines, a)
    if found is None:
        return None
    i, m = found
    out = list(lines)
    out[i] = f"{m.group(1)}年{int(m.group(2)):02d}月{int(m.group(3)):02d}日"
    return out if out[i] != lines[i].strip() else None


def date_chinese(lines: list[str], a: object, kind: str | None) -> list[str] | None:
    found = _date(lines, a)
    if found is None:
        return None
    i, m = found
    out = list(lines)
    out[i] = _cn_date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return out


def number(sub: Callable[[str], str]) -> Op:
    def op(lines: list[str], a: object, kind: str | None) -> list[str] | None:
        i = getattr(a, "doc_number", None)
        if i is None:
            return None
        out = list(lines)
        out[i] = sub(lines[i])
        return out if out[i] != lines[i] else None
    return op


def recipient_end(mark: str) -> Op:
    def op(lines: list[str], a: object, kind: str | None) -> list[str] | None:
        rec = getattr(a, "recipient", ())
        if not rec or not lines[rec[-1]].rstrip().endswith("："):
            return None
        out = list(lines)
        out[rec[-1]] = lines[rec[-1]].rstrip()[:-1] + mark
        return out
    return op


def title_no_kind(lines: list[str], a: object, kind: str | None) -> list[str] | None:
    title = getattr(a, "title", ())
    if not title or not KIND_END.search(lines[title[-1]].strip()):
        return None
    out = list(lines)
    out[title[-1]] = KIND_END.sub("有关事项", lines[title[-1]].strip())
    return out


CATALOGUE: tuple[tuple[str, Op, str], ...] = (
    ("drop-date", drop("date"), "element.date-missing"),
    ("date-zero-pad", date_zero_pad, "element.date-format"),
    ("date-chinese", date_chinese, "element.date-format"),
    ("number-square-brackets", number(lambda t: t.replace("〔", "[").replace("〕", "]")), "element.doc-number-format"),
    ("number-di", number(lambda t: re.sub(r"〕(\d+)号", r"〕第\1号", t)), "element.doc-number-format"),
    ("number-round-brackets", number(lambda t: t.replace("〔", "（").replace("〕", "）")), "element.doc-number-format"),
    ("recipient-halfwidth-colon", recipient_end(":"), "element.main-recipient-format"),
    ("recipient-comma", recipient_end("，"), "element.main-recipient-format"),
    ("drop-recipient", drop("recipient"), "element.main-recipient-missing"),
    ("title-no-kind", title_no_kind, "element.title-doc-kind"),
    ("drop-title", drop("title"), "element.title-missing"),
    # a 请示 has its own rule for the missing 署名 (signature-missing skips it)
    ("drop-signature", drop("signature"), "element.signature-missing|element.qingshi-signature-missing"),
)


def carriers(dirs: list[Path]) -> list[Carrier]:
    out: list[Carrier] = []
    for d in dirs:
        for p in sorted(d.glob("*.txt")):
            if d.name != "real-texts" and not p.name.startswith("clean-"):
                continue
            kind = None
            meta = p.with_suffix(".expected.yaml")
            if meta.is_file():
                kind = (yaml.safe_load(meta.read_text(encoding="utf-8")) or {}).get("type")
            out.append(Carrier(f"{d.name}/{p.name}", p.read_text(encoding="utf-8").splitlines(), kind))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--texts", type=Path, nargs="*",
                        default=[ROOT / "tests" / "data" / "real-texts", *sorted(p for p in (ROOT / "corpus").iterdir()
                                                                                 if p.is_dir() and p.name != "docx")])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from doclint import Linter
    from doclint.anatomy.parts import locate

    linter = Linter()
    rows = []
    for k, c in enumerate(carriers(args.texts)):
        half = "held-out" if k % 2 else "dev"
        a = locate(c.lines)
        kind = linter.check_text("\n".join(c.lines), c.name, c.doc_type).doc_type
        for name, op, rule in CATALOGUE:
            broken = op(list(c.lines), a, kind)
            if broken is None:
                continue
            report = linter.check_text("\n".join(broken), c.name, c.doc_type)
            hit = any(f.rule in rule.split("|") for f in report.findings)
            rows.append({"carrier": c.name, "half": half, "op": name, "rule": rule, "hit": hit})
    summary = {}
    for half in ("dev", "held-out"):
        rs = [r for r in rows if r["half"] == half]
        summary[half] = {"cases": len(rs), "hits": sum(r["hit"] for r in rs),
                         "recall": round(sum(r["hit"] for r in rs) / len(rs), 3) if rs else None}
    if args.json:
        print(json.dumps({"summary": summary, "cases": rows}, ensure_ascii=False, indent=1))
        return 0
    for half, s in summary.items():
        print(f"{half}: recall {s['recall']} ({s['hits']}/{s['cases']})")
    per_op: dict[str, list[bool]] = {}
    for r in rows:
        per_op.setdefault(f"{r['half']:8} {r['op']}", []).append(bool(r["hit"]))
    for key, hits in sorted(per_op.items()):
        print(f"  {key:40} {sum(hits)}/{len(hits)}")
    for r in rows:
        if not r["hit"] and r["half"] == "dev":
            print(f"  missed (dev): {r['carrier']} {r['op']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
