"""Measure ``doclint fix`` on a folder of drafts: how many findings carry a fix, how many the fixed copy
no longer has, whether the fixed copy gains any finding, and whether the text outside the fixes is
unchanged. With ``--layout``: whether every layout finding is gone after the layout fix.

    python scripts/fix_eval.py corpus/              # text fixes, tracked, accepted in code
    python scripts/fix_eval.py corpus/docx --layout  # layout fixes only (text untouched)
    python scripts/fix_eval.py ../shared/real-texts  # correct prose: fixes offered there need a look

Prints one line per file and a summary; exits 1 when a fixed copy has a new finding or changed text.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from doclint import Linter
from doclint.findings import Finding
from doclint.model.reader import read_bytes
from doclint.outputs.fix import accept_all
from doclint.pipeline.edits import apply_to_lines, chosen

_SPACES = " \u3000\u00a0\t"


def _key(f: Finding) -> tuple[object, ...]:
    """A finding by rule and paragraph: edits never add or remove paragraphs, but they move offsets
    and may change the text a message quotes (a 发文字号 once its brackets are fixed)."""
    loc = f.location
    return f.rule, loc.part, loc.paragraph, loc.table, loc.row, loc.cell


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--layout", action="store_true", help="layout fixes only; report layout findings left")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    linter = Linter()
    files = sorted(p for p in Path(args.folder).rglob("*") if p.suffix.lower() in (".docx", ".txt", ".md"))
    total = fixable = removed = new = bad_text = 0
    layout_before = layout_after = 0
    by_rule: Counter[str] = Counter()
    for path in files:
        if args.layout and path.suffix.lower() != ".docx":
            continue
        data = path.read_bytes()
        before = linter.check_bytes(data, path.name)
        if before.error is not None:
            continue
        active = [f for f in before.findings if f.suppressed is None]
        fixes = chosen(active)
        select = ["layout"] if args.layout else ()
        result = linter.fix(data, path.name, layout=args.layout, select=select)
        fixed = accept_all(result.data) if path.suffix.lower() == ".docx" else result.data
        after = linter.check_bytes(fixed, path.name)
        after_active = [f for f in after.findings if f.suppressed is None]
        applied = [] if args.layout else list(result.applied)
        left = Counter(_key(f) for f in active) - Counter(_key(f) for f in applied)
        gained = Counter(_key(f) for f in after_active) - left
        if args.layout:
            lb = sum(1 for f in active if f.category.value == "layout")
            la = [f for f in after_active if f.category.value == "layout"]
            layout_before += lb
            layout_after += len(la)
            gained = Counter(_key(f) for f in after_active if f.category.value != "layout") - Counter(
                _key(f) for f in active if f.category.value != "layout")
        texts_before = [p.text for p in read_bytes(data, path.name).paragraphs]
        texts_after = [p.text for p in read_bytes(fixed, path.name).paragraphs]
        want = texts_before if args.layout else apply_to_lines(texts_before, applied)
        same = texts_after == want
        if args.layout and not same:  # spaces typed as an indent are deleted: compare without them
            same = [t.strip(_SPACES) for t in texts_after] == [t.strip(_SPACES) for t in want]
        gone = sum((Counter(_key(f) for f in applied) - Counter(_key(f) for f in after_active)).values())
        total += len(active)
        fixable += len(fixes)
        removed += gone
        new += sum(gained.values())
        bad_text += not same
        by_rule.update(f.rule for f in applied)
        line = (f"{path.name}: findings {len(active)}, with fix {len(fixes)}, applied {len(applied)}, "
                f"gone {gone}, new {sum(gained.values())}, text {'same' if same else 'CHANGED'}")
        if args.layout:
            line += f", layout {lb} -> {len(la)} ({len(result.layout)} changes)"
        print(line)
        if args.verbose or gained:
            for key, n in gained.items():
                print(f"    new: {key} ×{n}")
    print()
    print(f"files {len(files)}; active findings {total}; carrying a fix {fixable} "
          f"({fixable / max(total, 1):.1%}); removed by fix {removed} ({removed / max(total, 1):.1%} of all, "
          f"{removed / max(fixable, 1):.1%} of those with a fix); new findings {new}; files with changed text {bad_text}")
    if args.layout:
        print(f"layout findings {layout_before} -> {layout_after}")
    if by_rule:
        print("applied by rule: " + ", ".join(f"{r} {n}" for r, n in by_rule.most_common()))
    return 1 if new or bad_text else 0


if __name__ == "__main__":
    sys.exit(main())
