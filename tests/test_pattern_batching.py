"""Pattern rules search all paragraphs at once; the result equals searching each paragraph alone."""

from __future__ import annotations

from pathlib import Path

from doclint import Linter
from doclint.anatomy.parts import locate
from doclint.model.text_reader import read_text
from doclint.rules.kinds.base import Context
from doclint.rules.kinds.pattern import PatternChecker

ROOT = Path(__file__).resolve().parent.parent
DRAFTS = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))


def test_joined_search_equals_per_paragraph() -> None:
    """For every pattern rule and every corpus draft, batched hits equal per-paragraph hits."""
    engine = Linter().engine
    # followed_by rules look at the next paragraph, so they are searched paragraph by paragraph anyway
    checkers = [c for c in engine.checkers if isinstance(c, PatternChecker) and c.followed_by is None]
    assert len(checkers) > 20
    compared = 0
    for path in DRAFTS:
        doc = read_text(path.read_bytes())
        texts = [p.text for p in doc.paragraphs]
        ctx = Context(doc, texts, locate(texts), None, None, engine.options, engine.segmenter)
        for c in checkers:
            batched = [(h.segment.paragraph, h.start, h.end) for h in c.check(ctx) if h.segment]
            raw = c.rule.category.value == "residue"
            single = [(h.segment.paragraph, h.start, h.end)
                      for seg in ctx.segments(c.rule.scope)
                      for h in c._paragraph(seg, seg.raw if raw else seg.text) if h.segment]
            assert sorted(batched) == sorted(single), (path.name, c.rule.id)
            compared += 1
    assert compared > 1000
