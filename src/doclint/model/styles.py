"""Effective-formatting resolver for WordprocessingML: direct props, styles, defaults, theme.

Built once per document from ``styles.xml`` (+ ``theme1.xml`` and the ``w:themeFontLang``
of ``settings.xml``). Every attribute resolves independently, nearest layer first:

* runs: direct ``w:rPr`` → character style chain → paragraph style chain → ``w:rPrDefault``;
* paragraphs: direct ``w:pPr`` → paragraph style chain → ``w:pPrDefault``.

Toggle properties (bold, italic) are *not* XOR-ed across style levels, table styles and
numbering-level indents are not applied: the nearest explicit value wins.

python-docx's styles.xml is 350 KB, mostly table styles and latent styles that no paragraph
uses; parsing it whole cost most of reading a draft. :func:`load_styles` therefore indexes a
large styles.xml's raw bytes (:class:`StyleSheet`) and parses one ``w:style`` the first time
it is needed; whenever the index cannot be proven to give the same elements, it parses the file
whole. The index of a styles.xml read recently (drafts from one template share it byte for
byte) is reused.
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple, cast

from lxml import etree

from doclint._cache.memo import Memo
from doclint.model import package as opc
from doclint.model.document import ParagraphFormat, RunFormat

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Word stores a few built-in style names in lower case and shows them capitalised
# ("heading 1" is shown as "Heading 1"); style names follow what Word shows.
_UI_NAMES = {n.lower(): n for n in ("Caption", "Footer", "Header", *(f"Heading {i}" for i in range(1, 10)))}
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
# Theme fonts are picked out by XPath in libxml2: a loop over the ~30 a:font children of each
# font scheme costs twice as much (a Python proxy per child). A typeface counts only if non-empty.
_THEME_FONTS = {w: etree.XPath(f"(.//a:{w}Font)[1]", namespaces={"a": A_NS}) for w in ("major", "minor")}
_THEME_FACE = {
    kind: etree.XPath(f"string({step}[1]/@typeface)", namespaces={"a": A_NS}, smart_strings=False)
    for kind, step in (("latin", "a:latin"), ("cs", "a:cs"), ("ea", "a:ea"), ("script", "a:font[@script=$script][@typeface!='']"))
}


def _typeface(kind: str, font_scheme: Any, **variables: str) -> str:
    """The typeface of the first font of a kind in ``a:majorFont``/``a:minorFont``, "" if none."""
    return cast(str, _THEME_FACE[kind](font_scheme, **variables))


def w(tag: str) -> str:
    """Clark name of a ``w:`` element or attribute."""
    return f"{{{W_NS}}}{tag}"


_VAL = w("val")
_RPR = w("rPr")
_PPR = w("pPr")
_RFONTS = w("rFonts")
_SZ = w("sz")
_B = w("b")
_I = w("i")
_COLOR = w("color")
_VANISH = w("vanish")
_RSTYLE = w("rStyle")
_PSTYLE = w("pStyle")
_JC = w("jc")
_IND = w("ind")
_SPACING = w("spacing")
_OUTLINE = w("outlineLvl")
_NUMPR = w("numPr")
_NUMID = w("numId")
_STYLE = w("style")
_NAME = w("name")
_BASED_ON = w("basedOn")
_TYPE = w("type")
_STYLE_ID = w("styleId")
_DEFAULT = w("default")
_EA = w("eastAsia")
_EA_THEME = w("eastAsiaTheme")
_ASCII = w("ascii")
_ASCII_THEME = w("asciiTheme")

_FIRST_ATTRS = tuple(w(a) for a in ("firstLine", "firstLineChars", "hanging", "hangingChars"))
_LEFT_ATTRS = tuple(w(a) for a in ("left", "start", "leftChars", "startChars"))
_RIGHT_ATTRS = tuple(w(a) for a in ("right", "end", "rightChars", "endChars"))

_ALIGN = {
    "both": "both",
    "left": "left",
    "start": "left",
    "center": "center",
    "right": "right",
    "end": "right",
    "distribute": "distribute",
    "thaiDistribute": "distribute",
    "lowKashida": "both",
    "mediumKashida": "both",
    "highKashida": "both",
}

_SCRIPT_FOR_LANG = {
    "zh-cn": "Hans", "zh-sg": "Hans", "zh-tw": "Hant", "zh-hk": "Hant", "zh-mo": "Hant",
    "ja-jp": "Jpan", "ko-kr": "Hang",
}

Partial = dict[str, Any]
_MAX_CHAIN = 64


def on_off(el: Any) -> bool:
    """Value of an ST_OnOff element: absent ``w:val`` means on."""
    val = el.get(_VAL)
    return val is None or val.lower() not in ("0", "false", "off", "none")


def num(value: str | None) -> float | None:
    """Parse a numeric attribute leniently (some writers emit ``640.0``); None if absent/bad."""
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        return None


def _key(partial: Partial) -> tuple[tuple[str, Any], ...]:
    return tuple(sorted(partial.items())) if partial else ()  # most runs and marks set nothing


def _merge(*layers: Partial) -> Partial:
    """Nearest layer first: the first layer that defines a key wins."""
    out: Partial = {}
    for layer in layers:
        for k, v in layer.items():
            out.setdefault(k, v)
    return out


class ThemeFonts:
    """Major/minor theme fonts: ``lookup("minorEastAsia")`` → typeface or None."""

    def __init__(self, theme_root: Any | None, east_asia_lang: str | None = None) -> None:
        self._fonts: dict[tuple[str, str], str] = {}
        script = _SCRIPT_FOR_LANG.get((east_asia_lang or "").lower(), "Hans")
        if theme_root is None:
            return
        for which in ("major", "minor"):
            found = cast(list[Any], _THEME_FONTS[which](theme_root))
            if not found:
                continue
            for kind in ("latin", "cs"):
                if face := _typeface(kind, found[0]):
                    self._fonts[(which, kind)] = face
            # the font for the East Asian script, else the a:ea one
            if face := _typeface("script", found[0], script=script) or _typeface("ea", found[0]):
                self._fonts[(which, "ea")] = face

    def lookup(self, theme_value: str | None) -> str | None:
        """Resolve an ST_Theme value such as ``minorEastAsia`` or ``majorHAnsi``."""
        if not theme_value:
            return None
        which = "major" if theme_value.startswith("major") else "minor"
        if theme_value.endswith("EastAsia"):
            kind = "ea"
        elif theme_value.endswith("Bidi"):
            kind = "cs"
        else:
            kind = "latin"
        return self._fonts.get((which, kind))


def _name_of(style: Any) -> str | None:
    """UI name of one ``w:style`` element, None when it has none."""
    name_el = style.find(_NAME)
    value = name_el.get(_VAL) if name_el is not None else None
    return _UI_NAMES.get(value, value) if value else None


def _is_default_paragraph(kind: str | None, default: str | None) -> bool:
    return kind == "paragraph" and default is not None and default.lower() in ("1", "true", "on")


class _TreeSheet:
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
_START_TAG = re.compile(rb"""<([^\s/>]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(/?)>""")
_ATTR = re.compile(rb"""([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([^"']*)["']""")
# A plainly written style start tag: its attributes read one by one as the parser does (so a value
# cannot pass for a name), capturing them all and w:styleId. Not plain: other spacing or quotes, a
# namespace declaration, a value the parser would decode or normalise (& or tab/newline), or one
# holding ">" (then the tag does not end at the first ">"); an empty tag (<w:style …/>).
_PLAIN_STYLE_TAG = re.compile(rb'<w:style((?: (?!xmlns)(?:w:styleId="([^"&<>\t\n\r]*)"|[\w:.-]+="[^"&<>\t\n\r]*"))+)>')
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


class StyleResolver:
    """Resolves effective run and paragraph formatting; caches per style id and direct props.

    ``styles`` is what :func:`load_styles` returns: a :class:`StyleSheet`, the parsed root
    element of styles.xml, or None.
    """

    def __init__(self, styles: Any | None, theme: ThemeFonts | None = None) -> None:
        self.theme = theme or ThemeFonts(None)
        self._sheet = styles if isinstance(styles, StyleSheet) else _TreeSheet(styles)
        self._ids = self._sheet.ids
        self._names: dict[str, str] = {}
        self.default_paragraph_style = self._sheet.default_paragraph_style
        self._default_rpr: Partial = {}
        self._default_ppr: Partial = {}
        self._chain_cache: dict[str, tuple[Any, ...]] = {}
        self._style_rpr_cache: dict[str, Partial] = {}
        self._para_run_cache: dict[str | None, Partial] = {}
        self._style_ppr_cache: dict[str | None, Partial] = {}
        self._run_cache: dict[Any, RunFormat] = {}
        self._para_cache: dict[Any, tuple[ParagraphFormat, int | None]] = {}
        defaults = self._sheet.doc_defaults
        if defaults is not None:
            rpr = defaults.find(f"{w('rPrDefault')}/{_RPR}")
            if rpr is not None:
                self._default_rpr = self.rpr_partial(rpr)
            ppr = defaults.find(f"{w('pPrDefault')}/{_PPR}")
            if ppr is not None:
                self._default_ppr = self.ppr_partial(ppr)

    # -- parsing single property elements -------------------------------------------

    def rpr_partial(self, rpr: Any) -> Partial:
        """The properties one ``w:rPr`` sets (theme fonts already resolved to names)."""
        out: Partial = {}
        for child in rpr:
            tag = child.tag
            if tag == _RFONTS:
                ea = self.theme.lookup(child.get(_EA_THEME)) or child.get(_EA)
                if ea:
                    out["ea"] = ea
                asc = self.theme.lookup(child.get(_ASCII_THEME)) or child.get(_ASCII)
                if asc:
                    out["ascii"] = asc
            elif tag == _SZ:
                half = num(child.get(_VAL))
                if half is not None:
                    out["size"] = half / 2
            elif tag == _B:
                out["bold"] = on_off(child)
            elif tag == _I:
                out["italic"] = on_off(child)
            elif tag == _COLOR:
                val = child.get(_VAL)
                if val:
                    out["color"] = "auto" if val.lower() == "auto" else val.upper()
            elif tag == _VANISH:
                out["hidden"] = on_off(child)
            elif tag == _RSTYLE:
                out["rstyle"] = child.get(_VAL)
        return out

    def ppr_partial(self, ppr: Any) -> Partial:
        """The paragraph properties one ``w:pPr`` sets, grouped where Word groups them."""
        out: Partial = {}
        for child in ppr:
            tag = child.tag
            if tag == _JC:
                val = child.get(_VAL)
                if val:
                    out["jc"] = _ALIGN.get(val, val)
            elif tag == _IND:
                attrs = child.attrib
                if any(a in attrs for a in _FIRST_ATTRS):
                    out["first"] = tuple(num(attrs.get(a)) for a in _FIRST_ATTRS)
                if any(a in attrs for a in _LEFT_ATTRS):
                    le, st, lc, sc = (num(attrs.get(a)) for a in _LEFT_ATTRS)
                    out["left"] = (le if le is not None else st, lc if lc is not None else sc)
                if any(a in attrs for a in _RIGHT_ATTRS):
                    ri, en, rc, ec = (num(attrs.get(a)) for a in _RIGHT_ATTRS)
                    out["right"] = (ri if ri is not None else en, rc if rc is not None else ec)
            elif tag == _SPACING:
                line = num(child.get(w("line")))
                if line is not None:
                    out["line"] = (line, child.get(w("lineRule")) or "auto")
                before = num(child.get(w("before")))
                if before is not None:
                    out["before"] = before
                after = num(child.get(w("after")))
                if after is not None:
                    out["after"] = after
            elif tag == _OUTLINE:
                lvl = num(child.get(_VAL))
                if lvl is not None:
                    out["outline"] = int(lvl)
            elif tag == _NUMPR:
                num_id = child.find(_NUMID)
                if num_id is not None:  # numId 0 removes numbering a style gave
                    out["numbered"] = num_id.get(_VAL) not in (None, "0")
        return out

    # -- style chains -------------------------------------------------------------------

    def style_name(self, style_id: str | None) -> str | None:
        """UI name of a style id (``heading 1`` → ``Heading 1``), else the id itself."""
        if style_id is None:
            return None
        name = self._names.get(style_id)
        if name is None:
            name = self._names[style_id] = self._sheet.name(style_id) or style_id
        return name

    def paragraph_style_id(self, p_style: str | None) -> str | None:
        """The style a paragraph really uses: its ``w:pStyle`` if defined, else the default."""
        if p_style is not None and p_style in self._ids:
            return p_style
        return self.default_paragraph_style

    def _chain(self, style_id: str) -> tuple[Any, ...]:
        cached = self._chain_cache.get(style_id)
        if cached is not None:
            return cached
        chain: list[Any] = []
        seen: set[str] = set()
        sid: str | None = style_id
        while sid is not None and sid not in seen and len(chain) < _MAX_CHAIN:
            st = self._sheet.element(sid)
            if st is None:
                break
            seen.add(sid)
            chain.append(st)
            based = st.find(_BASED_ON)
            sid = based.get(_VAL) if based is not None else None
        result = tuple(chain)
        self._chain_cache[style_id] = result
        return result

    def _style_rpr(self, style_id: str) -> Partial:
        """Merged run properties of a style chain (no defaults)."""
        cached = self._style_rpr_cache.get(style_id)
        if cached is None:
            layers = []
            for st in self._chain(style_id):
                rpr = st.find(_RPR)
                if rpr is not None:
                    layers.append(self.rpr_partial(rpr))
            cached = _merge(*layers)
            cached.pop("rstyle", None)
            self._style_rpr_cache[style_id] = cached
        return cached

    def _para_run_base(self, p_style_id: str | None) -> Partial:
        """Paragraph style chain run properties merged with the document defaults."""
        cached = self._para_run_cache.get(p_style_id)
        if cached is None:
            style = self._style_rpr(p_style_id) if p_style_id is not None else {}
            cached = _merge(style, self._default_rpr)
            cached.pop("rstyle", None)
            self._para_run_cache[p_style_id] = cached
        return cached

    def _style_ppr(self, p_style_id: str | None) -> Partial:
        cached = self._style_ppr_cache.get(p_style_id)
        if cached is None:
            layers = []
            if p_style_id is not None:
                for st in self._chain(p_style_id):
                    ppr = st.find(_PPR)
                    if ppr is not None:
                        layers.append(self.ppr_partial(ppr))
            cached = _merge(*layers, self._default_ppr)
            self._style_ppr_cache[p_style_id] = cached
        return cached

    # -- public resolution --------------------------------------------------------------

    def run_format(self, p_style_id: str | None, direct: Partial) -> RunFormat:
        """Effective run format for direct props ``direct`` (from :meth:`rpr_partial`)."""
        key = (p_style_id, _key(direct))
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        r_style = direct.get("rstyle")
        char = self._style_rpr(r_style) if r_style and r_style in self._ids else {}
        m = _merge(direct, char, self._para_run_base(p_style_id))
        fmt = RunFormat(
            east_asia_font=m.get("ea"),
            ascii_font=m.get("ascii"),
            size_pt=m.get("size"),
            bold=bool(m.get("bold", False)),
            italic=bool(m.get("italic", False)),
            color=m.get("color"),
            hidden=bool(m.get("hidden", False)),
        )
        self._run_cache[key] = fmt
        return fmt

    def paragraph_format(
        self, p_style_id: str | None, direct: Partial
    ) -> tuple[ParagraphFormat, int | None]:
        """Effective paragraph format and 0-based outline level (None for body text)."""
        key = (p_style_id, _key(direct))
        cached = self._para_cache.get(key)
        if cached is not None:
            return cached
        m = _merge(direct, self._style_ppr(p_style_id))
        first_pt = first_chars = hanging_pt = None
        first = m.get("first")
        if first is not None:
            fl, flc, hg, hgc = first
            if hg is not None or hgc:
                hanging_pt = hg / 20 if hg is not None else None
            else:
                first_pt = fl / 20 if fl is not None else None
                first_chars = flc / 100 if flc else None
        left_pt = left_chars = right_pt = right_chars = None
        if "left" in m:
            lv, lc = m["left"]
            left_pt = lv / 20 if lv is not None else None
            left_chars = lc / 100 if lc else None
        if "right" in m:
            rv, rc = m["right"]
            right_pt = rv / 20 if rv is not None else None
            right_chars = rc / 100 if rc else None
        line_spacing = line_rule = None
        if "line" in m:
            value, line_rule = m["line"]
            line_spacing = value / 240 if line_rule == "auto" else value / 20
        before = m.get("before")
        after = m.get("after")
        fmt = ParagraphFormat(
            alignment=m.get("jc"),
            first_line_indent_pt=first_pt,
            first_line_indent_chars=first_chars,
            hanging_indent_pt=hanging_pt,
            left_indent_pt=left_pt,
            left_indent_chars=left_chars,
            right_indent_pt=right_pt,
            right_indent_chars=right_chars,
            line_spacing=line_spacing,
            line_spacing_rule=line_rule,
            space_before_pt=before / 20 if before is not None else None,
            space_after_pt=after / 20 if after is not None else None,
            numbered=bool(m.get("numbered", False)),
        )
        outline = m.get("outline")
        level = outline if outline is not None and 0 <= outline <= 8 else None
        result = (fmt, level)
        self._para_cache[key] = result
        return result
