"""Wording findings by severity on clean text: every clean corpus draft (``findings: []``) and the
published texts of ../shared/real-texts (issue 17's noise measure).

Usage::

    python scripts/wording_noise.py [--real DIR] [-v]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def clean_drafts(corpus: Path) -> Iterator[Path]:
    """Drafts whose expected file lists no finding (the injection catalogues aside)."""
    for exp in sorted(corpus.rglob("*.expected.yaml")):
        if "inject" in exp.parts or (yaml.safe_load(exp.read_text(encoding="utf-8")) or {}).get("findings"):
            continue
        stem = exp.name[: -len(".expected.yaml")]
        for ext in (".txt", ".docx"):
            if (p := exp.with_name(stem + ext)).exists():
                yield p


def count(paths: Iterable[Path], label: str, verbose: bool) -> None:
    from doclint import Linter

    linter = Linter()
    by_severity: Counter[str] = Counter()
    n = 0
    for p in paths:
        n += 1
        for f in linter.check_path(p).findings:
            if f.rule.startswith("wording."):
                by_severity[f.severity.value] += 1
                if verbose:
                    print(f"  {p.name}:{f.location.paragraph} {f.severity.value} {f.rule} {f.message}")
    print(f"{label}: {n} documents, wording error={by_severity['error']} warning={by_severity['warning']} "
          f"info={by_severity['info']}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--real", type=Path, default=ROOT.parent / "shared" / "real-texts")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    count(clean_drafts(ROOT / "corpus"), "clean corpus drafts", args.verbose)
    real = sorted(args.real.glob("*.txt"))
    if not real:  # the copies kept with the tests
        real = sorted((ROOT / "tests" / "data" / "real-texts").glob("*.txt"))
    count(real, "published texts", args.verbose)


if __name__ == "__main__":
    main()
