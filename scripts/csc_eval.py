"""Sentence-level spelling detection on ECSpell's 公文 split (../shared/csc-odw/odw.train).

The file is split deterministically in two halves by a hash of the correct sentence: ``tune``
(thresholds were chosen on it) and ``heldout`` (never looked at while tuning). Reported per half:
recall = sentences with errors where doclint reports a wording finding overlapping an erroneous
character; false alarms = correct sentences with any wording error/warning finding.

Usage: python scripts/csc_eval.py [--split tune|heldout|both] [--detector] [--info] [--show N]
       python scripts/csc_eval.py --cv [key=value ...]   (e.g. sound_word=8 context=2)
``--detector`` calls the spelling detector alone (fast, for tuning); by default each sentence is
checked by the full Linter with every wording rule, as a one-paragraph body snippet, and only
error/warning findings count (``--info``: findings of any severity).

The tune half also feeds the detector (``scripts/build_wording_data.py --sound``): its character
confusions (``data/csc_pairs.txt``) and its correct sentences (``data/gongwen_text.txt``). Figures on
the tune half are therefore in-sample; the held-out half is the measurement.

``--cv`` is how the costs were chosen without the held-out half: the tune half is split again in
two folds (MD5 of the correct sentence); for each fold the learned pairs and the 公文 n-gram text are
rebuilt from the other fold (plus the clean corpus drafts) and the detector runs on this fold.
Printed: recall / false alarms of the detector at any severity and at the rule's warning level,
with the costs given as ``key=value`` (fields of ``doclint.text.spelling.Costs`` or of the checker's
``SpellingParams``).
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


def cross_validate(path: Path, settings: list[str]) -> None:
    """Two folds inside the tune half; see the module docstring."""
    import marisa_trie

    from doclint.rules.checkers.wording import Spelling, SpellingParams, confident
    from doclint.text import spelling
    from doclint.text.domain import Domain
    from doclint.text.soundalike import soundalikes

    given = dict(x.split("=", 1) for x in settings)
    costs = spelling.Costs(**{k: type(getattr(spelling.DEFAULT, k))(v) for k, v in given.items()
                              if k in spelling.Costs._fields})
    params = SpellingParams(**{k: v for k, v in given.items() if k not in spelling.Costs._fields})
    root = _HERE.parents[1]
    drafts = [line for p in sorted(root.glob("corpus/*/clean-*.txt")) for line in p.read_text("utf-8").splitlines()]
    tune = [(s, t) for s, t in rows(path) if half(t) == "tune"]
    fold = {t: int(hashlib.md5(t.encode("utf-8")).hexdigest(), 16) % 2 for _s, t in tune}
    tally = {"any": [0, 0], "warning": [0, 0]}
    err = clean = 0
    sounds = soundalikes()
    saved = (sounds._learned, spelling.domain)
    try:
        for k in (0, 1):
            learned: dict[str, str] = {}
            text = list(drafts)
            for s, t in tune:
                if fold[t] != k:
                    text.append(t)
                    for a, b in zip(s, t, strict=True):
                        if a != b:
                            learned[a] = learned.get(a, "") + b
                            learned[b] = learned.get(b, "") + a
            grams = {line[i : i + n] for line in text for n in (2, 3, 4) for i in range(len(line) - n + 1)}
            dom = Domain(marisa_trie.Trie(grams))
            sounds._learned = learned
            spelling.domain = lambda dom=dom: dom  # type: ignore[misc]
            spelling._suspects.cache_clear()
            spelling._run.cache_clear()
            spelling._CONFUSABLE.clear()
            for s, t in tune:
                if fold[t] != k:
                    continue
                bad = [i for i, (a, b) in enumerate(zip(s, t, strict=True)) if a != b]
                # as the checker: a pair that 公文 word formation builds (收悉, 降至) is not reported
                found = [x for x in spelling.suspects(s, costs) if not Spelling._formed(s, x)]
                if bad:
                    err += 1
                    found = [x for x in found if any(x.start <= i < x.end for i in bad)]
                else:
                    clean += 1
                tally["any"][0 if bad else 1] += bool(found)
                tally["warning"][0 if bad else 1] += any(confident(x, params, s) for x in found)
    finally:
        sounds._learned, spelling.domain = saved
        spelling._suspects.cache_clear()
        spelling._run.cache_clear()
        spelling._CONFUSABLE.clear()
    for level, (hit, alarms) in tally.items():
        print(f"tune cross-validation, {level}: recall {hit}/{err} = {hit / max(err, 1):.3f}; "
              f"false alarms {alarms}/{clean} = {alarms / max(clean, 1):.3f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("tune", "heldout", "both"), default="both")
    ap.add_argument("--detector", action="store_true", help="the spelling detector alone")
    ap.add_argument("--info", action="store_true", help="count info findings too (Linter only)")
    ap.add_argument("--cv", action="store_true", help="two-fold cross-validation inside the tune half")
    ap.add_argument("settings", nargs="*", help="key=value costs for --cv")
    ap.add_argument("--show", type=int, default=0, help="print this many misses and false alarms (tune half only)")
    args = ap.parse_args()
    if args.cv:
        cross_validate(args.data, args.settings)
        return 0
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
