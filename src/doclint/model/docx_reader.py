"""Read a .docx into the immutable :class:`~doclint.model.document.Document` model.

Safety comes first: the bytes are sniffed (empty, OLE / legacy .doc / encrypted, zip), the
zip's central directory is checked against size and ratio limits before anything is
inflated, and the prolog of every XML part that will be parsed is checked for
``<!DOCTYPE``. Only then is the package opened (``model/package.py``). Every failure surfaces as
:class:`~doclint.errors.UnreadableDocument` with a stable ``code``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from typing import Any, cast

from lxml import etree

from doclint._cache.memo import Memo
from doclint.errors import UnreadableDocument
from doclint.model import package as opc
from doclint.model.document import (
    CommentMark,
    CoreProperties,
    Document,
    HeaderFooter,
    Paragraph,
    Part,
    Revisions,
    Run,
    Section,
    StyleFormat,
    Table,
)
from doclint.model.styles import W_NS, StyleResolver, ThemeFonts, load_styles, num, on_off, w

__all__ = [
    "MAX_INPUT_BYTES",
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TOTAL_UNCOMPRESSED",
    "RATIO_MIN_SIZE",
    "read_docx",
    "sniff",
]

# -- limits (module constants so tests and callers can tune them) ---------------------
MAX_INPUT_BYTES = 50 * 1024 * 1024  # compressed input
MAX_TOTAL_UNCOMPRESSED = 200 * 1024 * 1024  # sum of declared member sizes
MAX_RATIO = 200  # per-member inflation ratio ...
RATIO_MIN_SIZE = 10 * 1024 * 1024  # ... enforced for members larger than this
MAX_MEMBERS = 10_000

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

_MSG_EMPTY = "文件为空"
_MSG_ENCRYPTED = "文件已加密（设有打开密码），请去掉密码后另存为 .docx 再检查"
_MSG_LEGACY_DOC = (
    "这是旧版 Word 97-2003 (.doc) 文件，改了扩展名也不是 .docx："
    "请在 Word 或 WPS 中“另存为”.docx 后再检查"
)
_MSG_LEGACY_WPS = (
    "这是 WPS 旧格式 (.wps / WPS 保存的 .doc) 文件，不是 .docx："
    "请在 WPS 或 Word 中“另存为”.docx 后再检查"
)
_MSG_CORRUPT = "文件已损坏或不是 Word 文档"

# Main-part content types read as a Word document.
_EXTRA_MAIN_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",  # .docm
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",  # .dotx
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",  # .dotm
)
_MAIN_TYPES = (opc.CT_DOCUMENT_MAIN, *_EXTRA_MAIN_TYPES)

_NS = {
    "w": W_NS,
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}


def _xpath(expr: str) -> Callable[[Any], list[Any]]:
    compiled = etree.XPath(expr, namespaces=_NS)

    def run(el: Any) -> list[Any]:
        return cast(list[Any], compiled(el))

    return run


_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"

_BR_TYPE = w("type")
# Core-properties namespaces (docProps/core.xml).
_DC = "http://purl.org/dc/elements/1.1/"
_DCTERMS = "http://purl.org/dc/terms/"
_CP = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_R = w("r")
_HYPERLINK = w("hyperlink")
_FLD_SIMPLE = w("fldSimple")
_SDT = w("sdt")
_SDT_CONTENT = w("sdtContent")
_RPR = w("rPr")
_PPR = w("pPr")
_PSTYLE = w("pStyle")
_VAL = w("val")

_X_BODY_P = _xpath("./w:p")
_X_BODY_TBL = _xpath("./w:tbl")
_X_ALL_P = _xpath(".//w:p[not(ancestor::mc:Fallback)]")
_X_ROWS = _xpath("./w:tr | ./w:sdt/w:sdtContent/w:tr")
_X_CELLS = _xpath("./w:tc | ./w:sdt/w:sdtContent/w:tc")
_X_VMERGE = _xpath("./w:tcPr/w:vMerge")
_X_SECTPR = _xpath("./w:body/w:p/w:pPr/w:sectPr | ./w:body/w:sectPr")
_X_TXBX = _xpath(
    ".//w:txbxContent[not(ancestor::mc:Fallback) and not(ancestor::w:tbl)"
    " and not(ancestor::w:txbxContent) and not(ancestor::w:sdt[parent::w:body])]"
)
_X_BODY_SDT = _xpath("./w:sdt")
_X_FIELDS = _xpath(".//w:fldSimple/@w:instr | .//w:instrText/text()")
_PAGE_FIELD = re.compile(r"\bPAGE\b")

_REV_INS = (w("ins"), w("moveTo"))
_REV_DEL = (w("del"), w("moveFrom"))
_REV_FMT = tuple(
    w(t)
    for t in (
        "rPrChange", "pPrChange", "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
        "tblGridChange",
    )
)
_AUTHOR = w("author")
_ID = w("id")
_C_START = w("commentRangeStart")
_C_END = w("commentRangeEnd")
_ANCHORS = (_C_START, _C_END)

# In headers/footers a w:fldSimple's result runs (the page number) count as text; body
# paragraphs keep python-docx's Paragraph.text exactly, which skips them.
_FIELD_RESULT_PARTS = frozenset((Part.HEADER, Part.FOOTER))
_HF_KINDS = ("default", "first", "even")
_TWIPS_PER_MM = 1440 / 25.4


def _fail(code: str, message: str) -> UnreadableDocument:
    return UnreadableDocument(code, message)


# ---------------------------------------------------------------------------------------
# sniffing and safety


def sniff(data: bytes) -> str:
    """Classify raw bytes: ``empty``, ``ole``, ``zip`` or ``other`` (no parsing)."""
    if not data:
        return "empty"
    if data.startswith(OLE_MAGIC):
        return "ole"
    if data.startswith(b"PK"):
        return "zip"
    return "other"


def _check_ole(data: bytes) -> UnreadableDocument:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return _fail("encrypted", _MSG_ENCRYPTED)
    if "WpsCustomData".encode("utf-16-le") in data or b"WPS Office" in data or (
        "WPS".encode("utf-16-le") in data and "WordDocument".encode("utf-16-le") not in data
    ):
        return _fail("legacy-wps", _MSG_LEGACY_WPS)
    return _fail("legacy-doc", _MSG_LEGACY_DOC)


def _not_zip_message(data: bytes) -> str:
    head = data[:16].lstrip()
    if head.startswith(b"{\\rtf"):
        return _MSG_CORRUPT + "（这是 RTF 文件，请另存为 .docx 后再检查）"
    if head.startswith(b"%PDF"):
        return _MSG_CORRUPT + "（这是 PDF 文件，请提供 .docx 原稿）"
    if head[:5].lower() in (b"<html", b"<!doc", b"<?xml", b"mime-"):
        return _MSG_CORRUPT + "（这是网页/XML 格式，请在 Word 中另存为 .docx 后再检查）"
    return _MSG_CORRUPT


def _mb(n: float) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _check_zip_limits(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        raise _fail("too-large", f"压缩包内文件过多（{len(infos)} 个，上限 {MAX_MEMBERS}），已拒绝读取")
    total = 0
    for info in infos:
        size = info.file_size
        total += size
        if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
            ratio = size / max(info.compress_size, 1)
            raise _fail(
                "zip-bomb",
                f"疑似压缩炸弹：{info.filename} 压缩后 {_mb(info.compress_size)}，"
                f"声明解压后 {_mb(size)}（压缩比 {ratio:.0f}:1，上限 {MAX_RATIO}:1），已拒绝读取",
            )
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise _fail(
            "too-large",
            f"文件解压后共 {_mb(total)}，超过上限 {_mb(MAX_TOTAL_UNCOMPRESSED)}，已拒绝读取",
        )
    return infos


_OFFICE_DOC_TARGET = re.compile(
    rb"""<Relationship\b[^>]*?Type=["'][^"']*/officeDocument["'][^>]*?Target=["']([^"']+)["']"""
    rb"""|<Relationship\b[^>]*?Target=["']([^"']+)["'][^>]*?Type=["'][^"']*/officeDocument["']"""
)


def _main_part_name(zf: zipfile.ZipFile, names: set[str]) -> str | None:
    """Zip name of the main document part: word/document.xml, else the _rels/.rels target."""
    if "word/document.xml" in names:
        return "word/document.xml"
    if "_rels/.rels" not in names:
        return None
    with zf.open("_rels/.rels") as fh:
        rels = fh.read(256 * 1024)  # no XML parsing here: a regex over the raw bytes
    m = _OFFICE_DOC_TARGET.search(rels)
    if m is None:
        return None
    return (m.group(1) or m.group(2)).decode("utf-8", "replace").lstrip("/")


def _open_checked(data: bytes) -> zipfile.ZipFile:
    """The zip of a .docx, after all checks that precede parsing; raises UnreadableDocument."""
    kind = sniff(data)
    if kind == "empty":
        raise _fail("empty", _MSG_EMPTY)
    if kind == "ole":
        raise _check_ole(data)
    if len(data) > MAX_INPUT_BYTES:
        raise _fail(
            "too-large", f"文件大小 {_mb(len(data))}，超过上限 {_mb(MAX_INPUT_BYTES)}，已拒绝读取"
        )
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        if kind == "zip":
            raise _fail("corrupt", f"{_MSG_CORRUPT}（压缩包结构损坏：{exc}）") from None
        raise _fail("not-zip", _not_zip_message(data)) from None
    infos = _check_zip_limits(zf)
    names = {i.filename for i in infos}
    if "[Content_Types].xml" not in names or _main_part_name(zf, names) not in names:
        raise _fail("not-word", "这是压缩包，但不是 Word 文档（缺少 word/document.xml）")
    return zf  # read on by the package: the central directory is parsed once


# ---------------------------------------------------------------------------------------
# reading


def read_docx(data: bytes, *, selective_styles: bool = True) -> Document:
    """Read .docx bytes into a Document; raises only UnreadableDocument on failure.

    ``selective_styles=False`` parses styles.xml whole instead of only the styles used
    (same Document; tests compare the two).
    """
    try:
        zf = _open_checked(data)
        try:
            package = opc.Package(zf, data)
            main = package.main_document_part
        except KeyError as exc:
            raise _fail("corrupt", f"{_MSG_CORRUPT}（缺少部件：{exc}）") from None
        with package:
            if main.content_type not in _MAIN_TYPES:
                raise _fail("not-word", f"这不是 Word 文档（主部件类型为 {main.content_type}）")
            return _Reader(main, selective_styles).read()
    except UnreadableDocument:
        raise
    except opc.UnsafeXml as exc:  # checked as each part is parsed: parts never parsed cost nothing
        raise _fail(
            "unsafe-xml",
            f"文件中的 {exc.part} 含有 DTD/实体声明（<!DOCTYPE），正常的 Word 文档不会有，可能是恶意构造的文件，已拒绝读取",
        ) from None
    except etree.LxmlError as exc:
        raise _fail("corrupt", f"{_MSG_CORRUPT}（XML 无法解析：{exc}）") from None
    except zipfile.BadZipFile as exc:
        raise _fail("corrupt", f"{_MSG_CORRUPT}（压缩包结构损坏：{exc}）") from None
    except Exception as exc:  # contract: nothing else may escape
        raise _fail("corrupt", f"{_MSG_CORRUPT}（{type(exc).__name__}：{exc}）") from None


def _related(part: Any, reltype: str) -> Any | None:
    try:
        return part.part_related_by(reltype)
    except KeyError:
        return None


def _element(part: Any) -> Any:
    """Root element of a part (parsed once, without entities or network)."""
    return part.element


_BR, _T = w("br"), w("t")
_FIXED_TEXT = {w("cr"): "\n", w("noBreakHyphen"): "-", w("ptab"): "\t", w("tab"): "\t"}


def _child(el: Any, tag: str) -> Any | None:
    """First child with that tag, as ``el.find(tag)``: a plain loop costs a third of lxml's path machinery."""
    for child in el:
        if child.tag == tag:
            return child
    return None


def _run_content(r: Any) -> tuple[str, Any | None]:
    """A run's text (exactly python-docx's ``CT_R.text``: w:t text, tabs, hyphens, and line, not page,
    breaks) and its first ``w:rPr``, in one pass over its children."""
    out = []
    rpr = None
    for e in r:
        tag = e.tag
        if tag == _T:
            out.append(e.text or "")
        elif tag == _BR:
            if (e.get(_BR_TYPE) or "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag in _FIXED_TEXT:
            out.append(_FIXED_TEXT[tag])
        elif tag == _RPR and rpr is None:
            rpr = e
    return "".join(out), rpr


def _run_text(r: Any) -> str:
    """Exactly python-docx's ``CT_R.text``."""
    return _run_content(r)[0]


_themes: Memo[ThemeFonts] = Memo("theme fonts", max_items=8, max_bytes=16 * 1024 * 1024)


def _theme_fonts(blob: bytes, name: str, lang: str | None) -> ThemeFonts:
    """Theme fonts of a theme part's bytes: drafts of one template share them, so each is parsed once."""
    return _themes.get(blob, lambda: ThemeFonts(opc.parse(blob, name), lang), extra=lang)


def _mm(twips: float | None) -> float | None:
    return None if twips is None else round(twips / _TWIPS_PER_MM, 2)


def _nonempty(value: str | None) -> str | None:
    return value if value else None


class _Reader:
    def __init__(self, main: Any, selective_styles: bool = True) -> None:
        self.main = main
        self.root = main.element
        self.body = self.root.find(w("body"))
        settings_part = _related(main, opc.RT_SETTINGS)
        self.settings = settings_part.element if settings_part is not None else None
        lang = None
        if self.settings is not None:
            tfl = self.settings.find(w("themeFontLang"))
            if tfl is not None:
                lang = tfl.get(w("eastAsia"))
        theme_part = _related(main, opc.RT_THEME)
        theme = _theme_fonts(theme_part.blob, theme_part.name, lang) if theme_part is not None else ThemeFonts(None, lang)
        styles_part = _related(main, opc.RT_STYLES)
        styles_xml = styles_part.blob if styles_part is not None else None
        self.styles = StyleResolver(load_styles(styles_xml, selective=selective_styles), theme)
        self._used_styles: dict[str | None, None] = {}
        # comment id -> (paragraph index, offset) where its anchor starts / ends in the body
        self._anchor_start: dict[str, tuple[int, int]] = {}
        self._anchor_end: dict[str, tuple[int, int]] = {}

    def read(self) -> Document:
        body = self.body
        paragraphs = (
            tuple(self._paragraph(p, i, Part.BODY) for i, p in enumerate(_X_BODY_P(body)))
            if body is not None
            else ()
        )
        tables = tuple(self._table(t, i) for i, t in enumerate(_X_BODY_TBL(body))) if (
            body is not None
        ) else ()
        sections, headers, footers = self._sections()
        return Document(
            source="docx",
            paragraphs=paragraphs,
            tables=tables,
            headers=headers,
            footers=footers,
            sections=sections,
            core=self._core(),
            revisions=self._revisions(),
            even_and_odd_headers=self._even_and_odd(),
            extra_text=self._extra_text(),
            comments=self._comments(),
            paragraph_styles=tuple(self._style_format(sid) for sid in self._used_styles),
        )

    def _style_format(self, style_id: str | None) -> StyleFormat:
        """What a style gives a run or paragraph that sets nothing itself (for layout rules)."""
        styles = self.styles
        return StyleFormat(
            name=styles.style_name(style_id),
            run=styles.run_format(style_id, {}),
            paragraph=styles.paragraph_format(style_id, {})[0],
        )

    # -- paragraphs ---------------------------------------------------------------------

    def _paragraph(self, p: Any, index: int, part: Part, *, table: int | None = None,
                   row: int | None = None, cell: int | None = None) -> Paragraph:
        styles = self.styles
        ppr = _child(p, _PPR)
        p_style = None
        direct_p: dict[str, Any] = {}
        mark: dict[str, Any] = {}
        if ppr is not None:
            ps = _child(ppr, _PSTYLE)
            if ps is not None:
                p_style = ps.get(_VAL)
            direct_p = styles.ppr_partial(ppr)
            mark_rpr = _child(ppr, _RPR)
            if mark_rpr is not None:
                mark = styles.rpr_partial(mark_rpr)
        style_id = styles.paragraph_style_id(p_style)
        if part is Part.BODY:
            self._used_styles.setdefault(style_id, None)
        runs: list[Run] = []
        pos = 0
        if part in _FIELD_RESULT_PARTS:
            # Headers/footers: field results and inline content controls (Word's page numbers) count.
            for r in _hf_runs(p):
                pos = self._add_run(r, style_id, pos, runs)
        elif part is Part.BODY and table is None:  # body paragraphs also place comment anchors
            for el in p:
                tag = el.tag
                if tag in _ANCHORS:
                    cid = el.get(_ID)
                    if cid is not None:
                        (self._anchor_start if tag == _C_START else self._anchor_end)[cid] = (index, pos)
                else:
                    pos = self._add_runs_of(el, tag, style_id, pos, runs)
        else:
            for el in p:
                pos = self._add_runs_of(el, el.tag, style_id, pos, runs)
        text = "".join([r.text for r in runs])
        fmt, outline = styles.paragraph_format(style_id, direct_p)
        return Paragraph(
            index=index,
            text=text,
            part=part,
            style=styles.style_name(style_id),
            outline_level=outline,
            format=fmt,
            mark_format=styles.run_format(style_id, mark),
            runs=tuple(runs),
            table=table,
            row=row,
            cell=cell,
        )

    def _add_runs_of(self, el: Any, tag: Any, style_id: str | None, pos: int, runs: list[Run]) -> int:
        """Add the runs of one paragraph child: a run, or the runs of a hyperlink."""
        if tag == _R:
            return self._add_run(el, style_id, pos, runs)
        if tag == _HYPERLINK:
            for r in el.iterchildren(_R):
                pos = self._add_run(r, style_id, pos, runs)
        return pos

    def _add_run(self, r: Any, style_id: str | None, pos: int, runs: list[Run]) -> int:
        text, rpr = _run_content(r)
        if not text:
            return pos
        direct = self.styles.rpr_partial(rpr) if rpr is not None else {}
        end = pos + len(text)
        runs.append(Run(text=text, start=pos, end=end, format=self.styles.run_format(style_id, direct)))
        return end

    def _paragraphs_in(self, container: Any, part: Part, **where: int) -> tuple[Paragraph, ...]:
        return tuple(
            self._paragraph(p, i, part, **where) for i, p in enumerate(_X_ALL_P(container))
        )

    # -- tables -------------------------------------------------------------------------

    def _table(self, tbl: Any, index: int) -> Table:
        rows: list[tuple[tuple[Paragraph, ...], ...]] = []
        for r_idx, tr in enumerate(_X_ROWS(tbl)):
            cells: list[tuple[Paragraph, ...]] = []
            for tc in _X_CELLS(tr):
                vm = _X_VMERGE(tc)
                if vm and (vm[0].get(_VAL) or "continue") != "restart":
                    continue  # continuation of a vertically merged cell
                c_idx = len(cells)
                cells.append(self._paragraphs_in(tc, Part.TABLE, table=index, row=r_idx, cell=c_idx))
            rows.append(tuple(cells))
        return Table(index=index, rows=tuple(rows))

    # -- sections, headers, footers -----------------------------------------------------

    def _sections(
        self,
    ) -> tuple[tuple[Section, ...], tuple[HeaderFooter, ...], tuple[HeaderFooter, ...]]:
        sections: list[Section] = []
        headers: list[HeaderFooter] = []
        footers: list[HeaderFooter] = []
        for idx, sect in enumerate(_X_SECTPR(self.root)):
            sections.append(self._section(sect, idx))
            for ref_tag, part, out in (
                ("headerReference", Part.HEADER, headers),
                ("footerReference", Part.FOOTER, footers),
            ):
                for kind in _HF_KINDS:
                    hf = self._header_footer(sect, ref_tag, kind, part, idx)
                    if hf is not None:
                        out.append(hf)
        return tuple(sections), tuple(headers), tuple(footers)

    def _section(self, sect: Any, idx: int) -> Section:
        pg_sz = sect.find(w("pgSz"))
        mar = sect.find(w("pgMar"))
        grid = sect.find(w("docGrid"))
        title_pg = sect.find(w("titlePg"))

        def attr(el: Any, name: str) -> float | None:
            return num(el.get(w(name))) if el is not None else None

        orientation = None
        if pg_sz is not None:
            orientation = pg_sz.get(w("orient")) or "portrait"
        pitch = attr(grid, "linePitch")
        char_space = attr(grid, "charSpace")
        return Section(
            index=idx,
            page_width_mm=_mm(attr(pg_sz, "w")),
            page_height_mm=_mm(attr(pg_sz, "h")),
            orientation=orientation,
            top_mm=_mm(attr(mar, "top")),
            bottom_mm=_mm(attr(mar, "bottom")),
            left_mm=_mm(attr(mar, "left")),
            right_mm=_mm(attr(mar, "right")),
            gutter_mm=_mm(attr(mar, "gutter")),
            header_mm=_mm(attr(mar, "header")),
            footer_mm=_mm(attr(mar, "footer")),
            title_page=title_pg is not None and on_off(title_pg),
            grid_type=grid.get(w("type")) if grid is not None else None,
            grid_line_pitch_pt=pitch / 20 if pitch is not None else None,
            grid_char_space=int(char_space) if char_space is not None else None,
        )

    def _header_footer(
        self, sect: Any, ref_tag: str, kind: str, part: Part, idx: int
    ) -> HeaderFooter | None:
        for ref in sect.iterchildren(w(ref_tag)):
            if (ref.get(w("type")) or "default") != kind:
                continue
            rid = ref.get(_R_ID)
            target = self.main.related_parts.get(rid) if rid else None
            if target is None:
                return None
            root = _element(target)
            has_page = any(_PAGE_FIELD.search(str(instr)) for instr in _X_FIELDS(root))
            return HeaderFooter(
                section=idx,
                kind=kind,
                paragraphs=self._paragraphs_in(root, part),
                has_page_field=has_page,
            )
        return None

    def _even_and_odd(self) -> bool:
        if self.settings is None:
            return False
        el = self.settings.find(w("evenAndOddHeaders"))
        return el is not None and on_off(el)

    # -- metadata -----------------------------------------------------------------------

    def _core(self) -> CoreProperties:
        part = _related(self.main.package, opc.RT_CORE_PROPERTIES)
        if part is None:
            return CoreProperties()
        root = _element(part)

        def text(tag: str) -> str | None:
            el = root.find(tag)
            return _nonempty((el.text or "").strip()) if el is not None else None

        return CoreProperties(
            title=text(f"{{{_DC}}}title"),
            author=text(f"{{{_DC}}}creator"),
            last_modified_by=text(f"{{{_CP}}}lastModifiedBy"),
            created=text(f"{{{_DCTERMS}}}created"),
            modified=text(f"{{{_DCTERMS}}}modified"),
        )

    def _revision_roots(self) -> Iterator[Any]:
        wanted = {opc.CT_HEADER, opc.CT_FOOTER, opc.CT_FOOTNOTES, opc.CT_ENDNOTES}
        yield self.root
        for part in self.main.package.iter_parts():
            if part.content_type in wanted:
                yield _element(part)

    def _revisions(self) -> Revisions:
        ins = dels = fmt = 0
        authors: dict[str, None] = {}
        for root in self._revision_roots():
            for el in root.iter(*_REV_INS, *_REV_DEL, *_REV_FMT):
                tag = el.tag
                if tag in _REV_INS:
                    ins += 1
                elif tag in _REV_DEL:
                    dels += 1
                else:
                    fmt += 1
                author = el.get(_AUTHOR)
                if author:
                    authors.setdefault(author, None)
        comments = 0
        comments_part = _related(self.main, opc.RT_COMMENTS)
        if comments_part is not None:
            for c in _element(comments_part).iterchildren(w("comment")):
                comments += 1
                author = c.get(_AUTHOR)
                if author:
                    authors.setdefault(author, None)
        else:
            comments = sum(1 for _ in self.root.iter(w("commentReference")))
        return Revisions(
            insertions=ins,
            deletions=dels,
            format_changes=fmt,
            authors=tuple(authors),
            comments=comments,
        )

    def _comments(self) -> tuple[CommentMark, ...]:
        part = _related(self.main, opc.RT_COMMENTS)
        if part is None:
            return ()
        out: list[CommentMark] = []
        for c in _element(part).iterchildren(w("comment")):
            cid = c.get(_ID) or ""
            text = "\n".join(_texts(c.iter(w("p"))))
            start = self._anchor_start.get(cid)
            end = self._anchor_end.get(cid)
            out.append(CommentMark(
                id=cid, author=c.get(_AUTHOR) or "", text=text,
                paragraph=start[0] if start else None, start=start[1] if start else None,
                end_paragraph=end[0] if end else None, end=end[1] if end else None,
            ))
        return tuple(out)

    def _extra_text(self) -> tuple[str, ...]:
        if self.body is None:
            return ()
        out: list[str] = []
        for container in [*_X_TXBX(self.body), *_X_BODY_SDT(self.body)]:
            text = "\n".join(_texts(_X_ALL_P(container)))
            if text.strip():
                out.append(text)
        return tuple(out)


def _hf_runs(el: Any) -> Iterator[Any]:
    """Runs of a header/footer paragraph, including field results and inline content controls.

    Word's "Insert Page Number" puts the dashes and the PAGE field inside a run-level
    ``w:sdt``; python-docx skips those, but the page number is what the footer shows.
    """
    for child in el:
        tag = child.tag
        if tag == _R:
            yield child
        elif tag in (_HYPERLINK, _FLD_SIMPLE):
            yield from _hf_runs(child)
        elif tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _hf_runs(content)


def _texts(ps: Iterable[Any]) -> Iterator[str]:
    for p in ps:
        parts: list[str] = []
        for el in p:
            if el.tag == _R:
                parts.append(_run_text(el))
            elif el.tag == _HYPERLINK:
                parts.extend(_run_text(r) for r in el.iterchildren(_R))
        yield "".join(parts)
