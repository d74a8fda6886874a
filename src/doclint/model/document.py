"""The immutable document model every rule sees, whatever the input format."""

from __future__ import annotations

from enum import Enum

import msgspec


class Story(str, Enum):
    """Where a paragraph lives in the file (the contract's ``location.part``)."""

    BODY = "body"
    TABLE = "table"
    HEADER = "header"
    FOOTER = "footer"
    FOOTNOTE = "footnote"
    ENDNOTE = "endnote"
    TEXTBOX = "textbox"
    DOCUMENT = "document"


class RunFormat(msgspec.Struct, frozen=True):
    """Effective character formatting, resolved through styles, defaults and theme.

    ``None`` means the document does not say (Word then falls back to its
    application defaults); sizes are in points.
    """

    east_asia_font: str | None = None
    ascii_font: str | None = None
    size_pt: float | None = None
    bold: bool = False
    italic: bool = False
    color: str | None = None  # hex RRGGBB, or "auto"
    hidden: bool = False


class Run(msgspec.Struct, frozen=True):
    """A stretch of text with one formatting; ``start``/``end`` index the paragraph text."""

    text: str
    start: int
    end: int
    format: RunFormat = msgspec.field(default_factory=RunFormat)


class ParagraphFormat(msgspec.Struct, frozen=True):
    """Effective paragraph formatting; lengths in points, ``*_chars`` in characters."""

    alignment: str | None = None  # left, center, right, both, distribute
    first_line_indent_pt: float | None = None
    first_line_indent_chars: float | None = None
    hanging_indent_pt: float | None = None
    left_indent_pt: float | None = None
    left_indent_chars: float | None = None
    right_indent_pt: float | None = None
    right_indent_chars: float | None = None
    line_spacing: float | None = None  # points when rule is exact/atLeast, lines when auto
    line_spacing_rule: str | None = None  # auto, exact, atLeast
    space_before_pt: float | None = None
    space_after_pt: float | None = None
    numbered: bool = False  # Word list numbering (w:numPr): the number is shown but not in the text


class Paragraph(msgspec.Struct, frozen=True):
    """One paragraph (a line of plain text) with its effective formatting.

    ``index`` counts the paragraphs of its story (``part``) in reading order. ``text`` is what a
    reader sees, except the automatic list number, which is ``number`` (“三、”; None when the
    paragraph is not numbered): offsets never count it.
    """

    index: int
    text: str
    part: Story = Story.BODY
    number: str | None = None
    style: str | None = None
    outline_level: int | None = None  # 0-based, as w:outlineLvl
    format: ParagraphFormat = msgspec.field(default_factory=ParagraphFormat)
    mark_format: RunFormat = msgspec.field(default_factory=RunFormat)
    runs: tuple[Run, ...] = ()
    table: int | None = None
    row: int | None = None
    cell: int | None = None


class StyleFormat(msgspec.Struct, frozen=True):
    """What a paragraph style gives text that sets nothing itself (style chain + defaults)."""

    name: str | None  # UI name; None: no paragraph style (document defaults only)
    run: RunFormat = msgspec.field(default_factory=RunFormat)
    paragraph: ParagraphFormat = msgspec.field(default_factory=ParagraphFormat)


class Table(msgspec.Struct, frozen=True):
    """A body table: ``rows[r][c]`` is a cell's paragraphs."""

    index: int
    rows: tuple[tuple[tuple[Paragraph, ...], ...], ...]


class HeaderFooter(msgspec.Struct, frozen=True):
    """One header or footer of one section (kind: default, first or even)."""

    section: int
    kind: str
    paragraphs: tuple[Paragraph, ...]
    has_page_field: bool = False


class Section(msgspec.Struct, frozen=True):
    """Page geometry of one section, in millimetres."""

    index: int
    page_width_mm: float | None = None
    page_height_mm: float | None = None
    orientation: str | None = None
    top_mm: float | None = None
    bottom_mm: float | None = None
    left_mm: float | None = None
    right_mm: float | None = None
    gutter_mm: float | None = None
    header_mm: float | None = None
    footer_mm: float | None = None
    title_page: bool = False
    grid_type: str | None = None
    grid_line_pitch_pt: float | None = None
    grid_char_space: int | None = None


class CoreProperties(msgspec.Struct, frozen=True):
    """Document metadata from ``docProps/core.xml``."""

    title: str | None = None
    author: str | None = None
    last_modified_by: str | None = None
    created: str | None = None
    modified: str | None = None


class Revisions(msgspec.Struct, frozen=True):
    """Tracked changes and comments left in the file."""

    insertions: int = 0
    deletions: int = 0
    format_changes: int = 0
    authors: tuple[str, ...] = ()
    comments: int = 0

    @property
    def tracked(self) -> int:
        """Number of tracked-change marks of any kind."""
        return self.insertions + self.deletions + self.format_changes


class CommentMark(msgspec.Struct, frozen=True):
    """A Word comment and the body text it is anchored on (paragraph index, offsets)."""

    id: str
    author: str
    text: str
    paragraph: int | None = None
    start: int | None = None
    end_paragraph: int | None = None
    end: int | None = None


class Document(msgspec.Struct, frozen=True):
    """A read draft. ``paragraphs`` are body paragraphs in contract order (reading order, content
    controls included, tables apart); comments are kept apart from every story."""

    source: str  # "docx" or "text"
    paragraphs: tuple[Paragraph, ...]
    tables: tuple[Table, ...] = ()
    headers: tuple[HeaderFooter, ...] = ()
    footers: tuple[HeaderFooter, ...] = ()
    sections: tuple[Section, ...] = ()
    core: CoreProperties = msgspec.field(default_factory=CoreProperties)
    revisions: Revisions = msgspec.field(default_factory=Revisions)
    even_and_odd_headers: bool = False
    footnotes: tuple[Paragraph, ...] = ()  # every normal footnote's paragraphs, one story
    endnotes: tuple[Paragraph, ...] = ()
    textboxes: tuple[Paragraph, ...] = ()  # text boxes of the body (and its tables), read once
    comments: tuple[CommentMark, ...] = ()
    paragraph_styles: tuple[StyleFormat, ...] = ()  # the styles body paragraphs use
    converted_from: str | None = None  # "doc", "wps", "rtf", "odt": read from LibreOffice's .docx of it

    def paragraph_style(self, name: str | None) -> StyleFormat | None:
        """The base formatting of a paragraph style used in the body, by UI name."""
        for st in self.paragraph_styles:
            if st.name == name:
                return st
        return None

    @property
    def is_docx(self) -> bool:
        """True when formatting information is available."""
        return self.source == "docx"

    def table_paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of every table cell, in reading order."""
        return tuple(p for t in self.tables for row in t.rows for cell in row for p in cell)

    def story(self, part: Story) -> tuple[Paragraph, ...]:
        """The paragraphs of one story, indexed as ``location.paragraph`` indexes them (headers and
        footers: every part's paragraphs one after another, each part indexed from 0)."""
        if part is Story.BODY:
            return self.paragraphs
        if part is Story.TABLE:
            return self.table_paragraphs()
        if part is Story.HEADER or part is Story.FOOTER:
            return tuple(p for hf in (self.headers if part is Story.HEADER else self.footers) for p in hf.paragraphs)
        return {Story.FOOTNOTE: self.footnotes, Story.ENDNOTE: self.endnotes, Story.TEXTBOX: self.textboxes}.get(part, ())
