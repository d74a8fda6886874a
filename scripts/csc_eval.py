"""Sentence-level spelling detection on ECSpell's 公文 split (../shared/csc-odw/odw.train).

The file is split deterministically in two halves by a hash of the correct sentence: ``tune``
(thresholds were chosen on it) and ``heldout`` (never looked at while tuning). Reported per half:
recall = sentences with errors where doclint reports a wording finding overlapping an erroneous
character; false alarms = correct sentences with any wording error/warning finding.

Usage: python scripts/csc_eval.py [--split tune|heldout|both] [--detector] [--info] [--show N]
``--detector`` calls the spelling detector alone (fast, for tuning); by default each sentence is
checked by the full Linter with every wording rule, as a one-paragraph body snippet, and only
error/warning findings count (``--info``: findings of any severity).

The tune half also feeds the detector (``scripts/build_wording_data.py --sound``): its character
confusions (``data/csc_pairs.txt``) and its correct sentences (``data/gongwen_text.txt``). Figures on
the tune half are therefore in-sample; the held-out half is the measurement.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path
from typing import Any

_HERE = Path(__file__).resolve()
DATA = next((p / "shared" / "csc-odw" / "odw.train" for p in _HERE.parents if (p / "shared" / "csc-odw").is_dir()),
            _HERE.parents[2] / "shared" / "csc-odw" / "odw.train")


def half(correct: str) -> str:
    """The split a sentence belongs to (stable across runs and machines)."""
    return "tune" if int(hashlib.sha256(correct.encode("utf-8")).hexdigest(), 16) % 2 == 0 else "heldout"


def rows(path: Path) -> list[tuple[str, str]]:
    """(source, target) pairs; source and target have the same length."""
    out = []
    for line in path.read_text("utf-8").splitlines():
        cols = line.split("\t")
        if len(cols) == 3 and len(cols[1]) == len(cols[2]):
            out.append((cols[1], cols[2]))
    return out


def spans_detector(text: str) -> list[tuple[int, int, str]]:
    from doclint.text.spelling import suspects

    return [(s.start, s.end, s.fix) for s in suspects(text)]


def spans_linter(text: str, levels: tuple[str, ...] = ("error", "warning")) -> list[tuple[int, int, str]]:
    from doclint import Config, Linter

    if not _LINTER:
        _LINTER.append(Linter(Config(select=["wording"])))
    report = _LINTER[0].check_text(text)
    return [(f.location.start or 0, f.location.end or 0, f.suggestion or "") for f in report.findings
            if f.severity.value in levels]


_LINTER: list[Any] = []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("tune", "heldout", "both"), default="both")
    ap.add_argument("--detector", action="store_true", help="the spelling detector alone")
    ap.add_argument("--info", action="store_true", help="count info findings too (Linter only)")
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false alarms (tune half only)")
    args = ap.parse_args()
    find = spans_detector if args.detector else spans_linter
    if args.info and not args.detector:
        find = lambda text: spans_linter(text, ("error", "warning", "info"))  # noqa: E731
    halves = ("tune", "heldout") if args.split == "both" else (args.split,)
    for h in halves:
        err = hit = clean = alarms = 0
        misses: list[str] = []
        false: list[str] = []
        for src, tgt in rows(args.data):
            if half(tgt) != h:
                continue
            bad = [i for i, (a, b) in enumerate(zip(src, tgt, strict=True)) if a != b]
            found = find(src)
            if bad:
                err += 1
                if any(s <= i < e for s, e, _ in found for i in bad):
                    hit += 1
                elif len(misses) < args.show:
                    misses.append(f"  漏 {src}  {[src[i] + '→' + tgt[i] for i in bad]}  {found}")
            else:
                clean += 1
                if found:
                    alarms += 1
                    if len(false) < args.show:
                        false.append(f"  误 {src}  {[(src[s:e], fx) for s, e, fx in found]}")
        print(f"{h}: recall {hit}/{err} = {hit / max(err, 1):.3f}; false alarms {alarms}/{clean} = {alarms / max(clean, 1):.3f}")
        if h == "tune" and args.show:
            print("\n".join(misses + false))
    return 0


if __name__ == "__main__":
    sys.exit(main())
