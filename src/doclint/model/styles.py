"""Effective-formatting resolver for WordprocessingML: direct props, styles, defaults, theme.

Built once per document from ``styles.xml`` (+ ``theme1.xml`` and the ``w:themeFontLang``
of ``settings.xml``). Every attribute resolves independently, nearest layer first:

* runs: direct ``w:rPr`` → character style chain → paragraph style chain → ``w:rPrDefault``;
* paragraphs: direct ``w:pPr`` → paragraph style chain → ``w:pPrDefault``.

Toggle properties (bold, italic) are *not* XOR-ed across style levels, table styles and
numbering-level indents are not applied: the nearest explicit value wins.

The sheet of styles comes from :mod:`doclint.model.style_sheets` (indexed or parsed whole).
"""

from __future__ import annotations

from typing import Any, cast

from lxml import etree

from doclint.model.document import ParagraphFormat, RunFormat
from doclint.model.ns import W_NS, num, on_off, w
from doclint.model.style_sheets import StyleSheet, TreeSheet, index_styles, load_styles

__all__ = ["W_NS", "StyleResolver", "ThemeFonts", "index_styles", "load_styles", "num", "on_off", "w"]

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
_ILVL = w("ilvl")
_BASED_ON = w("basedOn")
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


class StyleResolver:
    """Resolves effective run and paragraph formatting; caches per style id and direct props.

    ``styles`` is what :func:`load_styles` returns: a :class:`StyleSheet`, the parsed root
    element of styles.xml, or None.
    """

    def __init__(self, styles: Any | None, theme: ThemeFonts | None = None) -> None:
        self.theme = theme or ThemeFonts(None)
        self._sheet = styles if isinstance(styles, StyleSheet) else TreeSheet(styles)
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
        self._numbering_cache: dict[Any, tuple[str | None, int | None]] = {}
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
                if half is not None and half > 0:  # a size of zero or less reads as not set
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
                    nid = num_id.get(_VAL) or "0"
                    out["numbered"] = nid != "0"
                    out["num_id"] = nid
                ilvl = child.find(_ILVL)
                level = num(ilvl.get(_VAL)) if ilvl is not None else None
                if level is not None and 0 <= level < 9:
                    out["ilvl"] = int(level)
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

    def numbering(self, p_style_id: str | None, direct: Partial) -> tuple[str | None, int | None]:
        """The list instance (``numId``) and level a paragraph is numbered with, from its own
        ``w:numPr`` or its style's; (None, None) when it is not numbered."""
        key = (p_style_id, _key(direct))
        cached = self._numbering_cache.get(key)
        if cached is None:
            m = _merge(direct, self._style_ppr(p_style_id))
            nid = m.get("num_id")
            cached = self._numbering_cache[key] = (nid, m.get("ilvl")) if nid and nid != "0" else (None, None)
        return cached

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
