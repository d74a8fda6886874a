"""Plant one error at a time into clean published text and see whether doclint finds it.

Usage: python scripts/inject.py [--category wording] [--per-entry 3] [--seed 17] [--markdown] [--show N] [--serious]

Catalogues are YAML data, ``corpus/inject/<category>.yaml``, a list ``entries`` of::

    {id, category, class, split: tune|heldout, source, op, ...operation fields}

Operations:

- ``replace``: regex ``find`` in a body paragraph (with ``role``: in a paragraph of that anatomy role,
  ``any`` for every paragraph) → ``replace`` (a ``Match.expand`` template), one occurrence; when no
  carrier paragraph matches, the optional ``carrier`` sentence (which contains a match) is added after
  the last body paragraph and the replacement is made there.
- ``insert_line``: ``text`` as a new paragraph at ``where`` (after_title | before_date | end_of_body |
  body_random); optional ``span`` (a substring of ``text``) marks the planted error.
- ``append``: ``text`` added to the end of a body paragraph (the planted span).
- ``delete_role``: remove the paragraph(s) that anatomy gives ``role`` (date, signature, recipient, title …;
  a list of roles removes the paragraphs of each).

An error is found when doclint reports a finding of the entry's category, absent from the
untouched carrier, whose span overlaps the planted span (for deletions, and inserted lines without
``span``: any new finding of that category). Carriers are the published documents of
``../shared/real-texts/``, the clean corpus drafts (``corpus/**/clean-*.txt``) and ``seeds/*.txt``.
Output: per category and class, recall on the tune half and on the held-out half, and the
error/warning findings of each category on the untouched carriers (false findings, since the
carriers are correct text). Deterministic: carriers and occurrences are chosen with a seeded RNG.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import regex
import yaml

ROOT = Path(__file__).resolve().parent.parent
SHARED = next((p / "shared" for p in ROOT.parents if (p / "shared" / "real-texts").is_dir()), ROOT.parent / "shared")
BODY_ROLES = ("body",)


@dataclass
class Carrier:
    """A clean text, its paragraphs, their roles and its baseline findings."""

    name: str
    lines: list[str]
    roles: dict[int, str]
    baseline: set[tuple[str, int | None, int | None, int | None]] = field(default_factory=set)
    serious: list[str] = field(default_factory=list)  # rule ids of its error and warning findings
    published: bool = False

    def body(self) -> list[int]:
        return [i for i, r in self.roles.items() if r in BODY_ROLES and len(self.lines[i]) >= 8]

    def paragraphs(self, role: str) -> list[int]:
        """Paragraphs a ``replace`` may change: the body (default), one anatomy role, or ``any``."""
        if role == "body":
            return self.body()
        return [i for i, r in self.roles.items() if role in {"any", r}]


@dataclass
class Plant:
    """One planted error: the modified lines and where the error is (paragraph, start, end)."""

    lines: list[str]
    where: tuple[int, int, int] | None
    shift: tuple[int, int]  # (from paragraph, by): paragraphs after an inserted/deleted one move


def load_entries(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Every entry of the catalogues, checked for the fields the harness needs."""
    out = []
    for p in paths:
        data = yaml.safe_load(p.read_text("utf-8")) or {}
        for e in data.get("entries", []):
            for key in ("id", "category", "class", "split", "source", "op"):
                if key not in e:
                    raise SystemExit(f"{p}: entry {e.get('id', '?')} lacks {key}")
            if e["split"] not in ("tune", "heldout"):
                raise SystemExit(f"{p}: {e['id']}: split must be tune or heldout")
            out.append(e)
    return out


def load_carriers(linter: Any) -> list[Carrier]:
    from doclint.anatomy.parts import locate

    files = sorted((SHARED / "real-texts").glob("*.txt"))
    published = set(files)
    files += sorted(ROOT.glob("corpus/**/clean-*.txt")) + sorted(ROOT.glob("seeds/*.txt"))
    out = []
    for f in files:
        lines = f.read_text("utf-8").splitlines()
        anatomy = locate(lines)
        roles = {i: anatomy.roles.get(i).value if anatomy.roles.get(i) else "body" for i in range(len(lines))}
        c = Carrier(f"{f.parent.name}/{f.name}", lines, roles, published=f in published)
        findings = linter.check_text("\n".join(lines)).findings
        c.baseline = {_key(x) for x in findings}
        c.serious = [x.rule for x in findings if x.severity.value in ("error", "warning")]
        out.append(c)
    return out


def _key(f: Any) -> tuple[str, int | None, int | None, int | None]:
    return (f.rule, f.location.paragraph, f.location.start, f.location.end)


def _rng(*parts: object) -> random.Random:
    return random.Random(int(hashlib.sha256("\0".join(map(str, parts)).encode()).hexdigest(), 16))


def plant(entry: dict[str, Any], c: Carrier, seed: int) -> Plant | None:
    """Apply the entry's operation to carrier ``c``, or None when it does not apply."""
    rng = _rng(seed, entry["id"], c.name)
    op = entry["op"]
    lines = list(c.lines)
    body = c.body()
    if op == "replace":
        pat = regex.compile(entry["find"])
        where = c.paragraphs(entry.get("role", "body"))
        cands = [(i, m) for i in where for m in pat.finditer(lines[i]) if m.end() > m.start() or m.start() > 0]
        extra = None
        if not cands and entry.get("carrier"):
            if not body:
                return None
            extra = body[-1] + 1
            lines.insert(extra, entry["carrier"])
            cands = [(extra, m) for m in pat.finditer(lines[extra])]
        if not cands:
            return None
        i, m = cands[rng.randrange(len(cands))]
        new = m.expand(entry["replace"])
        lines[i] = lines[i][: m.start()] + new + lines[i][m.end() :]
        return Plant(lines, (i, m.start(), m.start() + max(len(new), 1)), (extra, 1) if extra is not None else (len(lines), 0))
    if op == "insert_line":
        where = entry.get("where", "end_of_body")
        if where == "after_title":
            titles = [i for i, r in c.roles.items() if r == "title"]
            at = (titles[-1] + 1) if titles else 0
        elif where == "before_date":
            dates = [i for i, r in c.roles.items() if r == "date"]
            if not dates:
                return None
            at = dates[0]
        elif where == "body_random":
            if not body:
                return None
            at = body[rng.randrange(len(body))]
        else:
            if not body:
                return None
            at = body[-1] + 1
        lines.insert(at, entry["text"])
        span = entry.get("span")
        where_ = None
        if span and span in entry["text"]:
            k = entry["text"].index(span)
            where_ = (at, k, k + len(span))
        return Plant(lines, where_, (at, 1))
    if op == "append":
        if not body:
            return None
        i = body[rng.randrange(len(body))]
        start = len(lines[i])
        lines[i] += entry["text"]
        return Plant(lines, (i, start, len(lines[i])), (len(lines), 0))
    if op == "delete_role":
        wanted = entry["role"] if isinstance(entry["role"], list) else [entry["role"]]
        gone = [i for i, r in c.roles.items() if r in wanted]
        if not gone:
            return None
        for i in sorted(gone, reverse=True):
            del lines[i]
        return Plant(lines, None, (gone[0], -len(gone)))
    raise SystemExit(f"{entry['id']}: unknown op {op}")


def found(entry: dict[str, Any], p: Plant, c: Carrier, linter: Any, serious: bool = False) -> bool:
    """True when a new finding of the entry's category covers the planted error (``serious``: only
    error and warning findings count)."""
    start_shift, by = p.shift
    baseline = set()
    for rule, para, s, e in c.baseline:  # move the baseline to the modified paragraph numbers
        moved = para + by if para is not None and para >= start_shift else para
        baseline.add((rule, moved, s, e))
    for f in linter.check_text("\n".join(p.lines)).findings:
        if f.category.value != entry["category"] or _key(f) in baseline:
            continue
        if serious and f.severity.value not in ("error", "warning"):
            continue
        if p.where is None:
            return True
        para, s, e = p.where
        if f.location.paragraph != para:
            continue
        fs = f.location.start if f.location.start is not None else 0
        fe = f.location.end if f.location.end is not None else len(p.lines[para])
        if fs < e and s < fe:
            return True
    return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--category", action="append", help="only these catalogues (default: all)")
    ap.add_argument("--per-entry", type=int, default=3, help="carriers each entry is planted into")
    ap.add_argument("--seed", type=int, default=17)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--show", type=int, default=0, help="list this many tune-half misses")
    ap.add_argument("--serious", action="store_true", help="count only error and warning findings as found")
    args = ap.parse_args()
    from doclint import Linter

    paths = sorted((ROOT / "corpus" / "inject").glob("*.yaml"))
    if args.category:
        paths = [p for p in paths if p.stem in args.category]
    entries = load_entries(paths)
    linter = Linter()
    carriers = load_carriers(linter)
    stats: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: {"tune": [0, 0, 0], "heldout": [0, 0, 0]})
    misses: list[str] = []
    for entry in entries:
        order = sorted(carriers, key=lambda c: _rng(args.seed, entry["id"], c.name).random())
        done = 0
        row = stats[(entry["category"], entry["class"])][entry["split"]]
        row[2] += 1
        for c in order:
            if done >= args.per_entry:
                break
            p = plant(entry, c, args.seed)
            if p is None:
                continue
            done += 1
            row[1] += 1
            if found(entry, p, c, linter, args.serious):
                row[0] += 1
            elif entry["split"] == "tune" and len(misses) < args.show:
                para = p.where[0] if p.where else 0
                misses.append(f"  {entry['id']} {c.name}: {p.lines[para][:60]}")
    cats = sorted({e["category"] for e in entries})
    false: dict[str, list[int]] = {k: [0, 0] for k in cats}
    for c in carriers:
        for rule in c.serious:
            cat = rule.split(".", 1)[0]
            if cat in false:
                false[cat][0 if c.published else 1] += 1
    n_pub = sum(c.published for c in carriers)
    _report(stats, false, n_pub, len(carriers) - n_pub, args.markdown)
    if misses:
        print("\n".join(misses))
    return 0


def _fmt(found_: int, planted: int) -> str:
    return f"{found_ / planted:.2f} ({found_}/{planted})" if planted else "—"


def _report(stats: dict[tuple[str, str], dict[str, list[int]]], false: dict[str, list[int]], n_pub: int, n_other: int,
            markdown: bool) -> None:
    rows = []
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: {"tune": [0, 0, 0], "heldout": [0, 0, 0]})
    for (cat, cls), v in sorted(stats.items()):
        rows.append((cat, cls, _fmt(*v["tune"][:2]), _fmt(*v["heldout"][:2]), str(v["tune"][2] + v["heldout"][2])))
        for h in ("tune", "heldout"):
            for k in range(3):
                totals[cat][h][k] += v[h][k]
    for cat, v in sorted(totals.items()):
        rows.append((cat, "**all**" if markdown else "ALL", _fmt(*v["tune"][:2]), _fmt(*v["heldout"][:2]),
                     str(v["tune"][2] + v["heldout"][2])))
    head = ("category", "class", "tune recall", "held-out recall", "kinds")
    if markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "---|" * len(head))
        for r in rows:
            print("| " + " | ".join(r) + " |")
    else:
        print("  ".join(f"{h:<18}" for h in head))
        for r in rows:
            print("  ".join(f"{x:<18}" for x in r))
    print()
    for cat, (pub, other) in sorted(false.items()):
        print(f"{cat}: error/warning findings on the untouched carriers: {pub} on {n_pub} published documents, "
              f"{other} on {n_other} other clean texts")


if __name__ == "__main__":
    sys.exit(main())
