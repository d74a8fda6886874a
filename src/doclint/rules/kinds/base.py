"""The one interface every rule kind implements, and what checkers see."""

from __future__ import annotations

import datetime
from abc import ABC, abstractmethod
from bisect import bisect_right
from collections.abc import Callable, Iterable, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

import msgspec

from doclint._cache import regexes
from doclint.findings import Severity
from doclint.model.document import Story
from doclint.rules.schema import CheckerParams, NoParams

if TYPE_CHECKING:
    from doclint.anatomy.parts import Anatomy
    from doclint.model.document import Document
    from doclint.rules.kinds.layout.measures import LayoutMeasures
    from doclint.rules.schema import Rule
    from doclint.text.segment import Segmenter

# Stories other than the body, in the order their segments follow the body's.
STORIES = ("table", "header", "footer", "footnote", "endnote", "textbox")
REGEX_TIMEOUT = 0.5  # seconds per search: a user's pattern can never hang the tool


class Segment(msgspec.Struct, frozen=True):
    """One paragraph a rule looks at: ``text`` has residue masked, ``raw`` does not."""

    part: Story
    paragraph: int
    text: str
    raw: str
    role: str
    table: int | None = None
    row: int | None = None
    cell: int | None = None


class Hit(msgspec.Struct, frozen=True):
    """What a checker found; the engine turns it into a Finding."""

    segment: Segment | None  # None: about the whole document
    start: int | None = None
    end: int | None = None
    vars: Mapping[str, Any] = msgspec.field(default_factory=dict)
    message: str | None = None
    suggestion: str | None = None
    severity: Severity | None = None


SEP = "\n"  # paragraphs are searched joined by a line break, with ^ and $ at paragraph edges


class Joined(msgspec.Struct, frozen=True):
    """The paragraphs of one scope as one string: one regex call per rule instead of one per paragraph
    (the call overhead dominated; see the speed notes in the README)."""

    segments: list[Segment]
    starts: list[int]
    text: str

    def locate(self, start: int, end: int) -> tuple[int, int, int] | None:
        """(segment index, start, end) within one paragraph, or None if the span crosses a separator."""
        k = bisect_right(self.starts, start) - 1
        lo = self.starts[k]
        if end - lo > len(self.segments[k].text):
            return None
        return k, start - lo, end - lo


class Options(msgspec.Struct, frozen=True):
    """Engine settings a checker may read (from config or the CLI)."""

    count_method: str = "word"
    count_scope: str = "body"  # body | body+title | all
    limits: Mapping[str, int] = msgspec.field(default_factory=dict)
    today: str | None = None  # ISO date; None means the real today
    protected_terms: tuple[str, ...] = ()
    layout_profile: str = "gbt9704"  # a packaged profile name or a path to a profile YAML file
    strict: bool = False  # a checker's own error raises instead of becoming an engine warning (rule tests)


class Context:
    """Everything a checker sees for one document. Built once per check, never shared."""

    def __init__(
        self,
        document: Document,
        texts: list[str],
        anatomy: Anatomy,
        doc_type: str | None,
        doc_type_source: str | None,
        options: Options,
        segmenter: Segmenter,
        snippet_role: str | None = None,
    ) -> None:
        self.document = document
        self.texts = texts
        self.anatomy = anatomy
        self.doc_type = doc_type
        self.doc_type_source = doc_type_source
        self.options = options
        self.segmenter = segmenter
        self.snippet_role = snippet_role
        self._segments: dict[tuple[str, ...], list[Segment]] = {}  # memo of segments(), by sorted scope
        self._joined: dict[tuple[tuple[str, ...], bool], Joined] = {}  # memo of joined(), by scope and rawness
        self._roles: dict[int, str] | None = None
        self._body: list[Segment] | None = None

    def role(self, index: int) -> str:
        """The anatomy role of a body paragraph."""
        if self.snippet_role is not None:
            return self.snippet_role
        if self._roles is None:
            self._roles = {i: r.value for i, r in self.anatomy.roles.items()}
        return self._roles.get(index, "body")

    def segments(self, scope: Iterable[str]) -> list[Segment]:
        """Paragraphs in scope, in document order ("body" includes headings and attachments; "stories"
        is every story besides the body: tables, headers, footers, footnotes, endnotes, text boxes)."""
        key = tuple(sorted(scope))
        if key in self._segments:
            return self._segments[key]
        wanted = set(key)
        if "body" in wanted:  # the content rules read the attachments as they read the body
            wanted.update(("heading", "attachment"))
        if "stories" in wanted:
            wanted.update(STORIES)
        everything = "all" in wanted
        out = [s for s in self._body_segments() if everything or s.role in wanted]
        for part in STORIES:
            if everything or part in wanted:
                out += self._other_segments(part)
        self._segments[key] = out
        return out

    def _body_segments(self) -> list[Segment]:
        """Every non-blank body paragraph as a Segment, built once and shared by all scopes."""
        if self._body is None:
            roles = [self.role(p.index) for p in self.document.paragraphs]
            self._body = [Segment(Story.BODY, p.index, self.texts[p.index], p.text, role)
                          for p, role in zip(self.document.paragraphs, roles, strict=True) if role != "blank"]
        return self._body

    def _other_segments(self, part: str) -> list[Segment]:
        doc = self.document
        if part == "table":
            return [Segment(Story.TABLE, tp.index, tp.text, tp.text, "table", tp.table, tp.row, tp.cell)
                    for tp in doc.table_paragraphs()]
        if part in ("header", "footer"):
            stories = doc.headers if part == "header" else doc.footers
            return [Segment(Story(part), hp.index, hp.text, hp.text, part) for hf in stories for hp in hf.paragraphs]
        story = doc.story(Story(part))
        return [Segment(Story(part), p.index, p.text, p.text, part) for p in story if p.text.strip()]

    def joined(self, scope: tuple[str, ...], raw: bool) -> Joined:
        """The joined text of a scope (sorted names), built once per document and shared by the
        pattern and lexicon rules; ``raw`` uses the unmasked text (residue rules)."""
        key = (scope, raw)
        found = self._joined.get(key)
        if found is None:
            segs = self.segments(scope)
            starts: list[int] = []
            pos = 0
            parts = []
            for s in segs:
                starts.append(pos)
                t = s.raw if raw else s.text
                parts.append(t)
                pos += len(t) + 1
            found = self._joined[key] = Joined(segs, starts, SEP.join(parts))
        return found

    @cached_property
    def body_count(self) -> int:
        """字数 over the configured counting scope, masked residue excluded."""
        from doclint.text.counting import SCOPES, count

        scope = SCOPES[self.options.count_scope]
        # 字数 counts the body only: attachments are not part of it (unless the scope is "all").
        texts = [s.text for s in self.segments(scope) if s.role != "attachment" or "all" in scope]
        return count(texts, self.options.count_method)

    @cached_property
    def issued(self) -> datetime.date | None:
        """The 成文日期 as a date (Arabic or Chinese numerals), None when not found or not a date."""
        from doclint.anatomy.dates import parse_date

        i = self.anatomy.date
        return None if i is None else parse_date(self.texts[i])

    @cached_property
    def length_exempt(self) -> bool:
        """A speech or a report read to a congress: no 公文 length limit applies."""
        from doclint.anatomy.doc_type import length_exempt

        return self.doc_type_source != "option" and length_exempt(self.anatomy.title_text)

    @cached_property
    def layout(self) -> LayoutMeasures:
        """Measurements the layout rules share for this document, made on first use."""
        from doclint.rules.kinds.layout.measures import LayoutMeasures

        return LayoutMeasures(self)

    @property
    def today(self) -> str:
        """Today's date as YYYY-MM-DD (fixed by options in tests)."""
        if self.options.today:
            return self.options.today
        return datetime.date.today().isoformat()


class Checker(ABC):
    """Compiled behaviour of one rule. Stateless after construction: safe across threads.

    A kind declares the variables its hits fill (``variables``, or ``message_variables`` when
    they depend on the rule); the loader rejects a message or suggestion naming anything else.
    A named checker (``kind: checker``) declares its ``params`` as ``Params``. ``fix_variables``
    are the extra names a rule's ``fix`` template may use; a hit that leaves one out carries no fix.
    """

    Params: ClassVar[type[CheckerParams]] = NoParams
    variables: ClassVar[frozenset[str]] = frozenset()
    # Names only a ``fix`` template may use: a hit fills them when its correction is unambiguous.
    fix_variables: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, rule: Rule) -> None:
        self.rule = rule
        self.scope = tuple(sorted(rule.scope))  # sorted: the key of the shared joined text

    @classmethod
    def message_variables(cls, rule: Rule) -> frozenset[str]:
        """The names a message or suggestion template of ``rule`` may use."""
        return cls.variables

    @classmethod
    def parse_params(cls, rule: Rule) -> CheckerParams:
        """The rule's ``params`` as this checker's typed model (validated at load with file and line)."""
        return typed_params(rule, cls.Params)

    @abstractmethod
    def check(self, ctx: Context) -> Iterable[Hit]:
        """Yield hits for this document."""


P = TypeVar("P", bound=CheckerParams)


def typed_params(rule: Rule, model: type[P]) -> P:
    """A named checker's typed params. The loader validated them and keeps the result on the rule
    (cached with it), so a start-up builds no pydantic validator for some 25 params models (~100 ms)."""
    private = getattr(rule, "__pydantic_private__", None) or {}  # None on a model_construct()ed rule
    kept = private.get("_typed_params")
    if isinstance(kept, model):
        return kept
    return model.model_validate(getattr(rule, "params", None) or {})


NAMED_CHECKERS: dict[str, type[Checker]] = {}


def register(name: str) -> Callable[[type[Checker]], type[Checker]]:
    """Register a code checker that YAML rules name with ``kind: checker``."""

    def deco(cls: type[Checker]) -> type[Checker]:
        NAMED_CHECKERS[name] = cls
        return cls

    return deco


_TITLE_SPAN = regexes.compile(r"《[^《》]*》")


def title_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside 《》 (innermost pairs; nested 〈〉 stay inside)."""
    return [(m.start(), m.end()) for m in _TITLE_SPAN.finditer(text)]


_QUOTE_SPAN = regexes.compile(r"“[^“”]*”")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Spans inside “” (innermost pairs)."""
    return [(m.start(), m.end()) for m in _QUOTE_SPAN.finditer(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """True when [start, end) lies within one of the spans."""
    return any(s <= start and end <= e for s, e in spans)
