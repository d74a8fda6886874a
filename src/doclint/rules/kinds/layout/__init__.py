"""``kind: layout`` — the formatting Word shows, compared with the active layout profile.

One checker serves every layout rule; the rule's ``check`` picks what to look at and
``profile_key`` which entry of the profile (GB/T 9704—2012 unless configured otherwise)
gives the expected values. Shared helpers judge the font family of a run and the share
of a paragraph's CJK characters in an accepted font; digits and Latin letters are not
judged, since they take the ASCII font (Times New Roman is fine).

Findings about a paragraph carry no offsets unless a run is wrong (mixed fonts, colour,
leading spaces); page geometry and page numbers are about the whole document. A fault
that paragraphs inherit from their paragraph style is reported once, naming the style.

The package, by concern: ``labels`` (how values are named), ``measures`` (the per-document
``LayoutMeasures`` reached through ``Context.layout``, and geometry), ``base`` (hits, scope,
faults grouped by style), one mixin per concern (``page``, ``paragraphs``, ``fonts``,
``page_number``) and ``checker`` (the mixins composed, dispatch on ``rule.check``).
"""

from doclint.rules.kinds.layout.checker import LayoutChecker

__all__ = ["LayoutChecker"]
