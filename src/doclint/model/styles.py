"""Effective-formatting resolver for WordprocessingML: direct props, styles, defaults, theme.

Built once per document from ``styles.xml`` (+ ``theme1.xml`` and the ``w:themeFontLang``
of ``settings.xml``). Every attribute resolves independently, nearest layer first:

* runs: direct ``w:rPr`` → character style chain → paragraph style chain → ``w:rPrDefault``;
* paragraphs: direct ``w:pPr`` → paragraph style chain → ``w:pPrDefault``.

Toggle properties (bold, italic) are *not* XOR-ed across style levels, table styles and
numbering-level indents are not applied: the nearest explicit value wins.
"""

from __future__ import annotations

from typing import Any

from doclint.model.document import ParagraphFormat, RunFormat

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Word stores a few built-in style names in lower case and shows them capitalised
# ("heading 1" is shown as "Heading 1"); style names follow what Word shows.
_UI_NAMES = {n.lower(): n for n in ("Caption", "Footer", "Header", *(f"Heading {i}" for i in range(1, 10)))}
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"


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
    return tuple(sorted(partial.items()))


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
            node = theme_root.find(f".//{{{A_NS}}}{which}Font")
            if node is None:
                continue
            latin = node.find(f"{{{A_NS}}}latin")
            if latin is not None and latin.get("typeface"):
                self._fonts[(which, "latin")] = latin.get("typeface")
            cs = node.find(f"{{{A_NS}}}cs")
            if cs is not None and cs.get("typeface"):
                self._fonts[(which, "cs")] = cs.get("typeface")
            ea: str | None = None
            for f in node.findall(f"{{{A_NS}}}font"):
                if f.get("script") == script and f.get("typeface"):
                    ea = f.get("typeface")
                    break
            if ea is None:
                ea_node = node.find(f"{{{A_NS}}}ea")
                if ea_node is not None and ea_node.get("typeface"):
                    ea = ea_node.get("typeface")
            if ea is not None:
                self._fonts[(which, "ea")] = ea

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
    """Resolves effective run and paragraph formatting; caches per style id and direct props."""

    def __init__(self, styles_root: Any | None, theme: ThemeFonts | None = None) -> None:
        self.theme = theme or ThemeFonts(None)
        self._styles: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self.default_paragraph_style: str | None = None
        self._default_rpr: Partial = {}
        self._default_ppr: Partial = {}
        self._chain_cache: dict[str, tuple[Any, ...]] = {}
        self._style_rpr_cache: dict[str, Partial] = {}
        self._para_run_cache: dict[str | None, Partial] = {}
        self._style_ppr_cache: dict[str | None, Partial] = {}
        self._run_cache: dict[Any, RunFormat] = {}
        self._para_cache: dict[Any, tuple[ParagraphFormat, int | None]] = {}
        if styles_root is None:
            return
        for st in styles_root.iterchildren(_STYLE):
            sid = st.get(_STYLE_ID)
            if sid is None:
                continue
            self._styles.setdefault(sid, st)
            name_el = st.find(_NAME)
            if name_el is not None and name_el.get(_VAL):
                self._names.setdefault(sid, _UI_NAMES.get(name_el.get(_VAL), name_el.get(_VAL)))
            if (
                self.default_paragraph_style is None
                and st.get(_TYPE) == "paragraph"
                and st.get(_DEFAULT) is not None
                and st.get(_DEFAULT).lower() in ("1", "true", "on")
            ):
                self.default_paragraph_style = sid
        defaults = styles_root.find(w("docDefaults"))
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
        return self._names.get(style_id, style_id)

    def paragraph_style_id(self, p_style: str | None) -> str | None:
        """The style a paragraph really uses: its ``w:pStyle`` if defined, else the default."""
        if p_style is not None and p_style in self._styles:
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
            st = self._styles.get(sid)
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
        char = self._style_rpr(r_style) if r_style and r_style in self._styles else {}
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
