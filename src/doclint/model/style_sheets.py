"""styles.xml as a sheet of ``w:style`` elements by id: parsed whole, or indexed and parsed lazily.

python-docx's styles.xml is 350 KB, mostly table styles and latent styles that no paragraph
uses; parsing it whole cost most of reading a draft. :func:`load_styles` therefore indexes a
large styles.xml's raw bytes (:class:`StyleSheet`) and parses one ``w:style`` the first time
it is needed; whenever the index cannot be proven to give the same elements, it parses the file
whole (:class:`TreeSheet`). The index of a styles.xml read recently (drafts from one template
share it byte for byte) is reused.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from doclint._cache import regexes
from doclint._cache.memo import Memo
from doclint.model import package as opc
from doclint.model.ns import W_NS, w

# Word stores a few built-in style names in lower case and shows them capitalised
# ("heading 1" is shown as "Heading 1"); style names follow what Word shows.
_UI_NAMES = {n.lower(): n for n in ("Caption", "Footer", "Header", *(f"Heading {i}" for i in range(1, 10)))}
_VAL = w("val")
_STYLE = w("style")
_NAME = w("name")
_TYPE = w("type")
_STYLE_ID = w("styleId")
_DEFAULT = w("default")


def _name_of(style: Any) -> str | None:
    """UI name of one ``w:style`` element, None when it has none."""
    name_el = style.find(_NAME)
    value = name_el.get(_VAL) if name_el is not None else None
    return _UI_NAMES.get(value, value) if value else None


def _is_default_paragraph(kind: str | None, default: str | None) -> bool:
    return kind == "paragraph" and default is not None and default.lower() in ("1", "true", "on")


class TreeSheet:
    """The styles of a parsed styles.xml root (the first style with an id wins)."""

    def __init__(self, root: Any | None) -> None:
        self.ids: dict[str, Any] = {}  # style id -> its w:style element
        self._names: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        self.doc_defaults: Any | None = None
        if root is None:
            return
        for st in root.iterchildren(_STYLE):
            sid = st.get(_STYLE_ID)
            if sid is None:
                continue
            self.ids.setdefault(sid, st)
            if sid not in self._names:
                name = _name_of(st)
                if name is not None:
                    self._names[sid] = name
            if self.default_paragraph_style is None and _is_default_paragraph(st.get(_TYPE), st.get(_DEFAULT)):
                self.default_paragraph_style = sid
        self.doc_defaults = root.find(w("docDefaults"))

    def element(self, style_id: str) -> Any | None:
        """The ``w:style`` element of an id, None if undefined."""
        return self.ids.get(style_id)

    def name(self, style_id: str) -> str | None:
        """UI name of the first style of that id that has one."""
        return self._names.get(style_id)


_W_NS = W_NS.encode()
_STYLES_END = b"</w:styles>"
# Searched without the "<": a needle starting with the most frequent byte is many times slower.
_STYLE_NAME = b"w:style"
_STYLE_CLOSE = b"</w:style>"
_DEFAULTS_NAME = b"w:docDefaults"
# A start tag: name, attributes (either quote), "/" when empty. Only matched at a known "<".
_START_TAG = regexes.compile_std(rb"""<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_ATTR = regexes.compile_std(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENCODING = regexes.compile_std(rb"""encoding\s*=\s*["']([^"']*)["']""")
# A plainly written style start tag: its attributes read one by one as the parser does (so a value
# cannot pass for a name), capturing them all and w:styleId. Not plain: other spacing or quotes, a
# namespace declaration, a value the parser would decode or normalise (& or tab/newline), or one
# holding ">" (then the tag does not end at the first ">"); an empty tag (<w:style …/>).
_PLAIN_STYLE_TAG = regexes.compile_std(rb'<w:style((?: (?!xmlns)(?:w:styleId="([^"&<>\t\n\r]*)"|[\w:.-]+="[^"&<>\t\n\r]*"))+)>')
# Below this a whole parse costs less than indexing plus a few small parses (Word's own
# styles.xml is 20-60 KB; python-docx's template, 350 KB).
MIN_INDEXED_BYTES = 96 * 1024
# Above this, libxml2's tree-only limit on text nodes (10 MB) could matter.
_MAX_INDEXED_BYTES = 4 * 1024 * 1024
# Nesting allowed in one style or gap: stay below libxml2's depth limit (256) for trees. A level takes at least
# 7 bytes (<a></a>) and a "/": shorter regions need no count, counting one byte is cheap.
_MAX_NESTING = 250
_SHORT_REGION = 7 * _MAX_NESTING
_XML_SPACE = b" \t\r\n"


class _Unindexable(Exception):
    """Only a full parse of styles.xml is known to give the right elements."""


def _attributes(raw: bytes) -> dict[bytes, bytes]:
    """Raw attribute values of a matched start tag, by qualified name."""
    return {name: dq or sq for name, dq, sq in _ATTR.findall(raw)}


def _balanced(blob: bytes, start: int, end: int) -> bool:
    """True when whole tags in ``blob[start:end]`` close as many elements as they open, and nest shallowly.

    Valid only in a well-formed document without comments, CDATA or processing
    instructions, where every ``<`` starts a tag: if ``>`` is as frequent, each ends one, and
    ``/>`` marks exactly the empty-element tags.
    """
    lt = blob.count(b"<", start, end)
    if lt == 0:
        return True
    if blob.count(b">", start, end) != lt:
        return False
    ends = blob.count(b"</", start, end)
    return lt - ends - blob.count(b"/>", start, end) == ends and ends < _MAX_NESTING


class _Layout(NamedTuple):
    """Where the styles of one styles.xml are: found by byte scans, a function of the bytes alone."""

    root_tag: bytes
    spans: dict[str, list[tuple[int, int]]]  # style id -> byte spans of its w:style elements; never changed
    default_paragraph_style: str | None
    defaults_span: tuple[int, int] | None


class StyleSheet:
    """styles.xml as byte spans per style id; a ``w:style`` is parsed the first time it is needed.

    A span is parsed inside the document's own root start tag (its namespace declarations
    and ``xml:space``) with :data:`opc.PARSER`, so the element equals the full parse's.
    Made by :func:`index_styles`, which proves that equality first. Parsed elements are cached
    per instance: a sheet belongs to one document read; only its :class:`_Layout` is shared.
    """

    def __init__(self, blob: bytes, layout: _Layout) -> None:
        self._blob = blob
        self._root_tag = layout.root_tag
        self.ids = layout.spans
        self._elements: dict[int, Any] = {}
        self._names: dict[str, str | None] = {}
        self.default_paragraph_style = layout.default_paragraph_style
        self.doc_defaults = self._parse(layout.defaults_span) if layout.defaults_span is not None else None

    def _parse(self, span: tuple[int, int]) -> Any:
        start, end = span
        el = self._elements.get(start)
        if el is None:
            el = opc.parse(self._root_tag + self._blob[start:end] + _STYLES_END)[0]
            self._elements[start] = el
        return el

    def element(self, style_id: str) -> Any | None:
        """The ``w:style`` element of an id, None if undefined."""
        spans = self.ids.get(style_id)
        return self._parse(spans[0]) if spans else None

    def name(self, style_id: str) -> str | None:
        """UI name of the first style of that id that has one."""
        if style_id not in self._names:
            name = None
            for span in self.ids.get(style_id, ()):
                name = _name_of(self._parse(span))
                if name is not None:
                    break
            self._names[style_id] = name
        return self._names[style_id]


def _root_start(blob: bytes) -> re.Match[bytes]:
    """The ``<w:styles …>`` start tag, after a prolog of at most a UTF-8 declaration."""
    pos = 3 if blob.startswith(b"\xef\xbb\xbf") else 0
    if blob.startswith(b"<?xml", pos):
        decl_end = blob.find(b"?>", pos)
        enc = _ENCODING.search(blob, pos, decl_end) if decl_end >= 0 else None
        if decl_end < 0 or (enc is not None and enc.group(1).lower() != b"utf-8"):
            raise _Unindexable  # spans are parsed as UTF-8
        pos = decl_end + 2
    if blob.find(b"?", pos) >= 0 and blob.find(b"<?", pos) >= 0:  # the one-byte find is a fast memchr
        raise _Unindexable  # processing instruction
    root = blob.find(b"<", pos)
    tag = _START_TAG.match(blob, root) if root >= 0 and not blob[pos:root].strip(b" \t\r\n") else None
    if tag is None or tag.group(1) != b"w:styles" or tag.group(3) or b"&" in tag.group(2):
        raise _Unindexable
    attrs = _attributes(tag.group(2))
    # w: is the root's only name for the main namespace; declarations further down are refused per tag
    if attrs.get(b"xmlns:w") != _W_NS or list(attrs.values()).count(_W_NS) != 1:
        raise _Unindexable
    return tag


def _defaults_span(blob: bytes, body: int, first_style: int) -> tuple[int, int] | None:
    """Span of the root's ``w:docDefaults``, None when there is none."""
    at = blob.find(_DEFAULTS_NAME, body, first_style)
    if at < 0:
        return None  # (one after the styles is refused by _between_styles)
    start = at - 1
    tag = _START_TAG.match(blob, start)
    if tag is None or tag.group(1) != b"w:docDefaults" or b"xmlns" in tag.group(2) or not _balanced(blob, body, start):
        raise _Unindexable
    if tag.group(3):
        return start, tag.end()
    close = blob.find(_DEFAULTS_NAME, tag.end(), first_style)  # must be its end tag: none nested
    if close < 0 or blob[close - 2:close] != b"</":
        raise _Unindexable
    return start, blob.find(b">", close) + 1


def _between_styles(blob: bytes, start: int, end: int) -> bool:
    """True when ``blob[start:end]``, after a style, holds whole children of the root and no
    ``w:docDefaults`` (the full parse would take a root child one if none came before the styles;
    inside a style it is no root child and changes nothing)."""
    return start == end or (_balanced(blob, start, end) and blob.find(_DEFAULTS_NAME, start, end) < 0)


def _index(blob: bytes) -> _Layout:
    if len(blob) > _MAX_INDEXED_BYTES or (b"!" in blob and b"<!" in blob) or b"xml:id" in blob:
        raise _Unindexable  # text-node limit; DOCTYPE, comment, CDATA; tree-only xml:id checks
    root = _root_start(blob)
    body = root.end()
    spans: dict[str, list[tuple[int, int]]] = {}
    default_paragraph: str | None = None
    at = blob.find(_STYLE_NAME, body)
    first = at - 1
    if first < body or not _balanced(blob, body, first):  # the styles are children of the root
        raise _Unindexable
    gap = first  # end of the last style
    while at > 0 and blob[at - 1] == 0x3C:  # "<": the next "w:style" after a style (or gap) opens one
        start = at - 1
        tag = _PLAIN_STYLE_TAG.match(blob, start)
        if tag is None:
            raise _Unindexable
        # In a well-formed file the first </w:style> closes this style unless another opened
        # inside it; then the next "w:style" found below is an end tag, and that is refused.
        close = blob.find(_STYLE_CLOSE, tag.end())
        end = close + len(_STYLE_CLOSE)
        if (
            close < 0
            or (start != gap and not _between_styles(blob, gap, start))
            or (end - start > _SHORT_REGION and blob.count(b"/", start, end) > _MAX_NESTING)  # maybe deep
        ):
            raise _Unindexable
        attrs, sid_raw = tag.groups()
        if sid_raw is not None:
            sid = sid_raw.decode()
            spans.setdefault(sid, []).append((start, end))
            if default_paragraph is None and b"w:default" in attrs:
                named = _attributes(attrs)
                kind, default = named.get(b"w:type"), named.get(b"w:default")
                if kind is not None and default is not None and _is_default_paragraph(kind.decode(), default.decode()):
                    default_paragraph = sid
        gap = end
        at = blob.find(_STYLE_NAME, end)
    # ... and the next one is the root's end tag, the last thing in the file
    if (
        not spans
        or at < 0
        or blob[at - 2:].rstrip(_XML_SPACE) != _STYLES_END
        or not _between_styles(blob, gap, at - 2)
    ):
        raise _Unindexable
    defaults = _defaults_span(blob, body, first)
    # Styles nobody uses are never parsed, so a fault inside one alone does not make the draft
    # unreadable (a whole-file well-formedness scan cost ~2.6 ms, a third of reading a draft).
    return _Layout(blob[root.start():body], spans, default_paragraph, defaults)


def index_styles(blob: bytes) -> StyleSheet | None:
    """Index styles.xml with byte scans; None when only a full parse is known to be right.

    None on: more than 4 MB; a DOCTYPE, comment or CDATA section (``<!``), a processing
    instruction or a non-UTF-8 declaration; a root other than ``w:styles``, or a main
    namespace not bound to ``w:`` on the root alone; ``xml:id``; a style tag other than
    ``<w:style a="…" …>…</w:style>`` (empty, nested, not plainly written: see
    ``_PLAIN_STYLE_TAG``; an id not in UTF-8); a style or
    ``w:docDefaults`` not provably a child of the root; deep nesting; no style at all.
    A style that is used and broken still fails to parse, and the draft is unreadable.
    """
    layout = _layout(blob)
    return StyleSheet(blob, layout) if layout is not None else None


# Layouts of styles.xml lately indexed, by a digest of its bytes: drafts made from one template
# (a batch of python-docx drafts, a draft re-checked on every save) share styles.xml byte for byte,
# and hashing it costs a small fraction of indexing it again.
_layouts: Memo[_Layout | None] = Memo("styles layouts", max_items=8, max_bytes=40 * 1024 * 1024)


def _layout(blob: bytes) -> _Layout | None:
    return _layouts.get(blob, lambda: _try_index(blob))


def _try_index(blob: bytes) -> _Layout | None:
    try:
        return _index(blob)
    except Exception:  # _Unindexable, invalid UTF-8, or any surprise: a full parse is never wrong
        return None


def load_styles(blob: bytes | None, *, selective: bool = True) -> Any:
    """What :class:`StyleResolver` reads: an index of a large styles.xml when safe, else its parsed root.

    ``selective=False`` forces the full parse (tests compare both paths).
    """
    if blob is None:
        return None
    sheet = index_styles(blob) if selective and len(blob) >= MIN_INDEXED_BYTES else None
    return sheet if sheet is not None else opc.parse(blob, "word/styles.xml")


