"""``LayoutChecker``: every layout check composed, and the dispatch on ``rule.check``."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from doclint.rules.kinds.base import Context, Hit
from doclint.rules.kinds.layout.fonts import FontChecks
from doclint.rules.kinds.layout.page import PageChecks
from doclint.rules.kinds.layout.page_number import PageNumberChecks
from doclint.rules.kinds.layout.paragraphs import ParagraphChecks
from doclint.rules.profiles import Profile, load_profile
from doclint.rules.schema import LayoutRule


class LayoutChecker(PageChecks, ParagraphChecks, FontChecks, PageNumberChecks):
    """Every ``kind: layout`` rule; ``rule.check`` selects the property."""

    # Every variant's template may use these; which ones a variant fills is pinned by the rule examples.
    variables = frozenset({"cite", "count", "expected", "fix", "found", "style", "text", "where", "chars",
                           "chars_per_line"})

    def __init__(self, rule: LayoutRule) -> None:
        super().__init__(rule)
        self._checks: dict[str, Callable[[Context, Profile], Iterable[Hit]]] = {
            "page_size": self._page_size,
            "margins": self._margins,
            "line_spacing": self._line_spacing,
            "font": self._font,
            "mixed_font": self._mixed_font,
            "indent": self._indent,
            "color": self._color,
            "page_number": self._page_number,
            "signature_block": self._signature_block,
        }

    def check(self, ctx: Context) -> Iterator[Hit]:
        """Plain text: only ``not_checked`` speaks; .docx: the selected property."""
        if self.lrule.check == "not_checked":
            if not ctx.document.is_docx:
                yield Hit(None)
            return
        if not ctx.document.is_docx:
            return
        profile = load_profile(ctx.options.layout_profile)
        yield from self._checks[self.lrule.check](ctx, profile)
