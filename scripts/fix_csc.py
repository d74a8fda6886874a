"""Measure ``fix`` on a Chinese spelling-check set (``label<TAB>source<TAB>target`` per line, as the
ECSpell ``odw`` split in ../shared/csc-odw): on sentences whose source equals the target, any fix is
a false fix; on the others, a fix is right when the fixed sentence equals the target and wrong when
it changes a character the target keeps.

    python scripts/fix_csc.py ../shared/csc-odw/odw.train
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from doclint import Linter
from doclint.pipeline.edits import apply_to_lines, chosen


def main() -> int:
    linter = Linter()
    counts: Counter[str] = Counter()
    false_rules: Counter[str] = Counter()
    for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) != 3:
            continue
        _, source, target = parts
        fixes = chosen(linter.check_text(source).findings)
        fixed = apply_to_lines([source], fixes)[0] if fixes else source
        if source == target:
            counts["correct sentences"] += 1
            if fixes:
                counts["correct sentences given a fix"] += 1
                false_rules.update(f.rule for f in fixes)
            continue
        counts["sentences with errors"] += 1
        if not fixes:
            continue
        counts["with errors, given a fix"] += 1
        if fixed == target:
            counts["fixed exactly"] += 1
        elif len(fixed) == len(target) and all(a == b or a != c for a, b, c in zip(fixed, target, source, strict=True)):
            counts["fixed in part, nothing broken"] += 1
        else:
            counts["fix changed text the target keeps"] += 1
            false_rules.update(f.rule for f in fixes)
    for key, n in counts.items():
        print(f"{key}: {n}")
    if false_rules:
        print("false fixes by rule: " + ", ".join(f"{r} {n}" for r, n in false_rules.most_common()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
