"""Pydantic models of a rule file. A rule is data; behaviour lives in a few kinds."""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

import regex
from pydantic import AfterValidator, BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from doclint.anatomy.doc_type import ALL_TYPES
from doclint.findings import Category, Severity

SCOPES = (
    "bantou", "title", "recipient", "body", "heading", "attachment_note", "signature", "date",
    "fuzhu", "banji", "attachment", "attendance", "table", "header", "footer", "footnote", "endnote", "textbox", "stories", "all",
)
Scope = Literal[
    "bantou", "title", "recipient", "body", "heading", "attachment_note", "signature", "date",
    "fuzhu", "banji", "attachment", "attendance", "table", "header", "footer", "footnote", "endnote", "textbox", "stories", "all",
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _compiles(pattern: str) -> str:
    """A rule's regex must compile at load, so a broken one is named with its file and line."""
    try:
        regex.compile(pattern)
    except (regex.error, OverflowError, RecursionError) as exc:
        raise ValueError(f"正则表达式无效：{exc}") from None
    return pattern


Regex = Annotated[str, AfterValidator(_compiles)]
"""A regular expression (``regex`` module syntax) that is compiled when the rule loads."""


class CheckerParams(_Strict):
    """Base of a named checker's ``params``: typed, with unknown keys an error (a typo is not a default)."""


class NoParams(CheckerParams):
    """A checker that takes no parameters."""


class Source(_Strict):
    """The authority a rule cites."""

    title: str
    clause: str | None = None


class FailExample(_Strict):
    """Text the rule must flag; ``start``/``end`` pin the flagged span in ``paragraph``."""

    text: str | None = None  # a snippet: every line gets the part named by ``part``
    document: str | None = None  # a whole draft: parts are located as for a real file
    fixture: str | None = None  # a .docx built in code by tests/fixtures.py (layout, revisions)
    part: Scope | None = None
    type: str | None = None
    paragraph: int | None = None
    start: int | None = None
    end: int | None = None
    params: dict[str, Any] = Field(default_factory=dict, alias="with")
    count: int | None = None  # exact number of findings expected
    fixed: str | None = None  # the example's text once the rule's fixes are applied (rules with ``fix``)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    @model_validator(mode="after")
    def _one_body(self) -> FailExample:
        if sum(x is not None for x in (self.text, self.document, self.fixture)) != 1:
            raise ValueError("示例须给出 text、document、fixture 之一")
        return self


class PassExample(FailExample):
    """Correct text the rule must leave alone."""


def _coerce_examples(v: Any) -> Any:
    if isinstance(v, list):
        return [{"text": x} if isinstance(x, str) else x for x in v]
    return v


class Examples(_Strict):
    """Should-flag and should-pass examples, run by the test suite."""

    fail: list[FailExample]
    pass_: list[PassExample] = Field(alias="pass")

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    _c1 = field_validator("fail", mode="before")(_coerce_examples)
    _c2 = field_validator("pass_", mode="before")(_coerce_examples)

    @model_validator(mode="after")
    def _both(self) -> Examples:
        if not self.fail or not self.pass_:
            raise ValueError("规则须同时带有 fail 与 pass 示例")
        return self


class RuleBase(_Strict):
    """Fields every rule declares."""

    id: str = Field(pattern=r"^(length|element|structure|punctuation|number|wording|residue|layout)\.[a-z0-9]+(?:-[a-z0-9]+)*$")
    category: Category
    severity: Severity
    scope: list[Scope] = Field(default_factory=lambda: list[Scope](["body"]))
    title: str | None = Field(default=None, max_length=24)  # short Chinese name (digest headings); else from message
    message: str
    suggestion: str | None = None
    why: str
    source: Source
    examples: Examples
    status: Literal["stable", "preview"] = "stable"
    aliases: list[str] = Field(default_factory=list)
    doc_types: list[str] | None = None  # applies only to these kinds (报告 covers both refinements)
    skip_doc_types: list[str] = Field(default_factory=list)
    # The replacement of the flagged span when the correction is mechanical (``doclint fix``); a hit
    # that leaves one of its variables out, or where ``fix_unless`` matches at the span's start, gets none.
    fix: str | None = None
    fix_unless: Regex | None = None

    @model_validator(mode="after")
    def _id_matches_category(self) -> RuleBase:
        if self.id.split(".", 1)[0] != self.category.value:
            raise ValueError(f"id 的前缀应与 category 一致：{self.id} / {self.category.value}")
        for t in [*(self.doc_types or []), *self.skip_doc_types]:
            if t not in ALL_TYPES:
                raise ValueError(f"未知文种：{t}")
        if self.fix_unless is not None and self.fix is None:
            raise ValueError("fix_unless 需要 fix")
        return self


class PatternRule(RuleBase):
    """A regular expression (``regex`` module) flags its match, or a named group."""

    kind: Literal["pattern"]
    pattern: Regex
    group: int | str = 0
    unless: Regex | None = None  # skip when this matches the text around the hit
    context: int = 8  # characters each side that ``unless`` sees
    outside_titles: bool = False  # skip hits inside 《》 (cited titles are quoted verbatim)
    outside_quotes: bool = False  # skip hits inside “” (quoted material is not the drafter's wording)
    followed_by: Regex | None = None  # hit only when the next paragraph of the scope starts with this
    salted: bool = False  # match on text with salting symbols between CJK removed (ads)
    replacements: dict[str, str] = Field(default_factory=dict)  # per-character fix, as {replacement}
    boundaries: bool = False  # the flagged span must start and end on jieba word boundaries
    soften: Regex | None = None  # when the paragraph matches this, the hit drops to ``soften_to``
    soften_to: Severity = Severity.INFO


class LexiconEntry(_Strict):
    """One wrong form and its correction."""

    wrong: str
    right: str
    unless: Regex | None = None  # regex on the surrounding context that makes it correct
    note: str | None = None


class LexiconRule(RuleBase):
    """Wrong → right word list, matched on word boundaries."""

    kind: Literal["lexicon"]
    entries: list[LexiconEntry]
    # true: word boundaries at both ends; "within": boundaries at both ends or no boundary inside
    # (the form lies inside one longer word, as 定货 in 定货会), never straddling two words (一笔|划拨)
    boundaries: bool | Literal["within"] = True
    outside_titles: bool = True
    context: int = 6


class ConfusionEntry(_Strict):
    """A real word written for another: flag ``wrong`` (→ ``right``) where its neighbours decide.

    ``before``/``after`` are regexes that must match the text ending right before / starting right
    after the word; ``before_tag``/``after_tag`` are jieba part-of-speech tags (prefixes: ``v`` covers
    ``vn``; ``v$`` is exactly ``v``) of the neighbouring word; ``then_tag`` the tags of the word after that one (the object
    of a verb that follows: 扎实的|推进|各项). All given conditions must hold; ``unless`` (a regex on
    the ``context`` characters around) exempts.
    """

    wrong: str
    right: str
    before: Regex | None = None
    after: Regex | None = None
    before_tag: list[str] | None = None
    after_tag: list[str] | None = None
    then_tag: list[str] | None = None
    unless: Regex | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _decided(self) -> ConfusionEntry:
        if not (self.before or self.after or self.before_tag or self.after_tag):
            raise ValueError(f"{self.wrong}→{self.right}：须给出 before、after、before_tag 或 after_tag")
        return self


class ConfusionRule(RuleBase):
    """Collocations that decide between two real words (形式/形势, 反映/反应); reviewers add pairs as data."""

    kind: Literal["confusion"]
    entries: list[ConfusionEntry]
    boundaries: bool = True  # the word must be a token of its own (the segmenter's)
    outside_titles: bool = True  # cited titles are quoted verbatim
    context: int = 8


class LimitRule(RuleBase):
    """A count over a part of the document compared with a limit per document type."""

    kind: Literal["limit"]
    limits: dict[str, int]
    low: float = 1.0  # fires when count > limit * low
    high: float | None = None  # … and count <= limit * high


class RequiredRule(RuleBase):
    """A located element must be present, match a form, or contain a phrase."""

    kind: Literal["required"]
    element: Literal[
        "title", "recipient", "date", "signature", "doc_number", "signer", "attachment_note",
        "fuzhu", "closing", "banji",
    ]
    check: Literal["present", "matches", "contains"] = "present"
    pattern: Regex | None = None
    unless: Regex | None = None  # document-wide regex that exempts the document
    each_line: bool = False  # with ``matches``: test each line of the element
    when_present: Literal[
        "title", "recipient", "date", "signature", "doc_number", "signer", "attachment_note",
        "fuzhu", "closing", "banji",
    ] | None = None  # check only when this other element was found
    # The norm took effect on this day: a document whose 成文日期 is earlier is not held to it
    # (GB/T 9704—2012 from 2012-07-01; dates in Chinese numerals follow GB/T 9704—1999 before that).
    since: datetime.date | None = None
    # With ``matches``: read the value as this element (rules/corrections.py) to flag only the faulty
    # characters and build its correct form from the draft's own values: ``{corrected}`` in
    # ``suggest_corrected`` (used instead of ``suggestion`` when the correction is computed) and
    # ``{replacement}`` (the flagged span corrected, only when the correction is certain) in ``fix``.
    # ``suggest_corrected`` may use the kind's variables and ``corrected``.
    correct: Literal["doc_number", "date", "recipient"] | None = None
    suggest_corrected: str | None = None

    @model_validator(mode="after")
    def _pattern_needed(self) -> RequiredRule:
        if self.check != "present" and not self.pattern:
            raise ValueError(f"check: {self.check} 需要 pattern")
        if (self.correct is not None or self.suggest_corrected is not None) and self.check != "matches":
            raise ValueError("correct、suggest_corrected 只用于 check: matches")
        return self


class SequenceRule(RuleBase):
    """Heading numbering: order of levels, or continuity of numbers within a level."""

    kind: Literal["sequence"]
    aspect: Literal["order", "continuity"]


class FormCheck(_Strict):
    """One form check of a ``form`` rule: a pattern searched in each line of the element."""

    pattern: Regex
    message: str
    suggestion: str | None = None
    group: int | str | None = None  # the flagged group; default ``m`` when the pattern names one, else the match
    unless_any: Regex | None = None  # skip this check when any line of the element matches
    max_lines: int | None = Field(default=None, ge=1)  # only for elements of at most this many lines


class FormRule(RuleBase):
    """Line patterns on one located element (附件说明, 版记, 版头 …): each check has its own message."""

    kind: Literal["form"]
    checks: list[FormCheck] = Field(min_length=1)
    # Read the flagged line as this element (rules/corrections.py): when its correct form is computed,
    # ``suggest_corrected`` (with ``{corrected}``) replaces the check's suggestion.
    correct: Literal["doc_number", "date", "recipient"] | None = None
    suggest_corrected: str | None = None


class CheckerRule(RuleBase):
    """A registered checker in code, driven by YAML parameters."""

    kind: Literal["checker"]
    checker: str
    params: dict[str, Any] = Field(default_factory=dict)
    _typed_params: CheckerParams | None = PrivateAttr(default=None)  # set by the loader once validated


class LayoutRule(RuleBase):
    """A .docx layout property compared with the active layout profile (GB/T 9704—2012 by default).

    ``check`` says what to look at; ``profile_key`` picks the profile entry that gives the
    expected values (``text.<key>`` for fonts: body, title, heading = heading1–4 by level,
    banji). ``messages`` holds wording variants (``style``, ``align``, ``substitute`` …) the
    checker chooses from, ``default`` for the plain case; ``message`` describes the rule for
    ``doclint explain``. Every template is filled with the checker's values.
    """

    kind: Literal["layout"]
    check: Literal[
        "page_size", "margins", "line_spacing", "font", "mixed_font", "indent", "color", "page_number",
        "signature_block", "not_checked",
    ]
    profile_key: str | None = None
    min_share: float = Field(default=0.8, gt=0, le=1)  # share of CJK characters that must conform
    messages: dict[str, str] = Field(default_factory=dict)


Rule = Annotated[
    PatternRule | LexiconRule | ConfusionRule | LimitRule | RequiredRule | SequenceRule | FormRule | CheckerRule
    | LayoutRule,
    Field(discriminator="kind"),
]
KINDS = ("pattern", "lexicon", "confusion", "limit", "required", "sequence", "form", "checker", "layout")
