"""A minimal, read-only OPC package (the zip structure of .docx) on lxml.

doclint only reads parts and follows relationships, so it does not need
python-docx's object model; opening the package directly saves about half of
the reading time and python-docx's import at start-up. The XML parser is
configured like python-docx's (``remove_blank_text``) so paragraph text, and
therefore every offset in the report contract, is the same.

Reading is within the document's budget (``model/budget.py``): members are inflated a chunk
at a time and never beyond what their directory entry claims, the per-part limit or what is
left of the package limit; tags are counted before a part is parsed, paragraphs and text
after; a DTD or entity is refused by what the parser saw, in any encoding.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from lxml import etree

from doclint._cache.memo import Memo
from doclint.errors import UnreadableDocument
from doclint.model import budget as budgets
from doclint.model import strict

CT_DOCUMENT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_FOOTER = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"

_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
RT_OFFICE_DOCUMENT = _RT + "officeDocument"
RT_STYLES = _RT + "styles"
RT_SETTINGS = _RT + "settings"
RT_THEME = _RT + "theme"
RT_COMMENTS = _RT + "comments"
RT_CORE_PROPERTIES = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Same settings as python-docx's parser (blank text removed, no entities), plus no network, no DTD
# loaded or validated, no default attributes from one, and libxml2's limits on depth and text kept.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False,
                         dtd_validation=False, attribute_defaults=False, huge_tree=False)

PROLOG_CHUNK = 4096  # the prolog is looked for in the first bytes, doubling only while it goes on
MAX_PROLOG = 1024 * 1024  # a prolog longer than this is refused


class UnsafeXml(Exception):
    """A part declares a DTD or entities before its root element (never resolved; refused)."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


def parse(blob: bytes, part: str = "", budget: budgets.Budget | None = None) -> Any:
    """Root element of XML bytes, parsed with the hardened :data:`PARSER`; UnsafeXml on a DTD.

    The prolog is scanned first (in whatever encoding: UTF-8, UTF-16, UTF-32, with or without a
    byte-order mark), and then what the parser itself saw is checked: a document type, an
    internal or external subset, or an entity node refuses the part however it was encoded.
    """
    size = PROLOG_CHUNK
    while (verdict := _scan_prolog(blob[:size], complete=len(blob) <= size)) is None and size < MAX_PROLOG:
        size *= 2  # doubling: linear total work
    if verdict is None or verdict:
        raise UnsafeXml(part.lstrip("/"))
    (budget or budgets.current()).charge_markup(blob)
    root = etree.fromstring(strict.to_transitional(blob), PARSER)  # ISO 29500 Strict read as Transitional
    info: Any = root.getroottree().docinfo
    if info.doctype or info.internalDTD is not None or info.externalDTD is not None or info.system_url:
        raise UnsafeXml(part.lstrip("/"))
    if next(root.iter(etree.Entity), None) is not None:
        raise UnsafeXml(part.lstrip("/"))
    return root


_UTF32 = ((b"\x00\x00\xfe\xff", "utf-32-be"), (b"\xff\xfe\x00\x00", "utf-32-le"),
          (b"\x00\x00\x00", "utf-32-be"))


def _prolog_text(buf: bytes) -> str:
    """The first bytes of a part as text, in the encoding its first bytes show."""
    for mark, enc in _UTF32:
        if buf.startswith(mark):
            return buf[: len(buf) // 4 * 4].decode(enc, errors="ignore").lstrip("\ufeff")
    if buf[1:4] == b"\x00\x00\x00":
        return buf[: len(buf) // 4 * 4].decode("utf-32-le", errors="ignore")
    if buf.startswith((b"\xff\xfe", b"\xfe\xff")) or buf[1:2] == b"\x00" or buf[:1] == b"\x00":
        enc = "utf-16-be" if buf.startswith(b"\xfe\xff") or buf[:1] == b"\x00" else "utf-16-le"
        return buf[: len(buf) // 2 * 2].decode(enc, errors="ignore").lstrip("\ufeff")
    text = buf.decode("latin-1")
    return text[3:] if text.startswith("\xef\xbb\xbf") else text


def _scan_prolog(buf: bytes, complete: bool) -> bool | None:
    """Scan an XML prolog: True = unsafe, False = reached the root element, None = need more."""
    text = _prolog_text(buf)
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos] in " \t\r\n":
            pos += 1
        if not complete and n - pos < 9:
            return None
        if pos >= n:
            return False
        rest = text[pos:pos + 9]
        if rest.startswith("<?"):
            end = text.find("?>", pos + 2)
            if end < 0:
                return None if not complete else False
            pos = end + 2
        elif rest.startswith("<!--"):
            end = text.find("-->", pos + 4)
            if end < 0:
                return None if not complete else False
            pos = end + 3
        else:
            # <!DOCTYPE / <!ENTITY (or anything DTD-like) is unsafe; a root element is fine
            return rest.startswith("<!")




_LOCAL_HEADER = struct.Struct("<4s22xHH")
_CHUNK = 64 * 1024  # compressed bytes handed to zlib at a time
SHARED_MIN_BYTES = 64 * 1024  # smaller parts inflate faster than they are hashed
# Members lately inflated, by a digest of their compressed bytes: drafts of one template share
# styles.xml byte for byte, and a draft re-checked on every save shares most of its parts.
_inflated: Memo[bytes] = Memo("inflated parts", max_items=8, max_bytes=40 * 1024 * 1024, size=len)


class PartTooLarge(Exception):
    """A member inflates beyond a budget; ``what`` says which, in Chinese."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


class BadMember(Exception):
    """A member's bytes are not what its directory entry says (CRC, size, header, method)."""


def _stored_bytes(data: bytes, info: zipfile.ZipInfo) -> memoryview:
    """A member's bytes as stored (compressed), found through its local header."""
    if info.flag_bits & 1:
        raise BadMember("encrypted member")
    at = info.header_offset
    if at < 0 or at + _LOCAL_HEADER.size > len(data):
        raise BadMember("local header out of range")
    sig, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, at)
    name_at = at + _LOCAL_HEADER.size
    try:
        name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
    except UnicodeEncodeError:
        name = b""
    if sig != b"PK\x03\x04" or (name and data[name_at : name_at + name_len] != name):
        raise BadMember("bad local header")
    start = name_at + name_len + extra_len
    end = start + info.compress_size
    if end > len(data):
        raise BadMember("member runs past the end of the file")
    return memoryview(data)[start:end]


def inflate(raw: memoryview | bytes, method: int, limit: int) -> bytes:
    """The bytes of a stored or deflated member, inflated a chunk at a time: never more than
    ``limit`` bytes are produced (PartTooLarge), whatever the member claims or holds."""
    if method == zipfile.ZIP_STORED:
        if len(raw) > limit:
            raise PartTooLarge(f"解压后超过 {limit // 1048576} MB")
        return bytes(raw)
    if method != zipfile.ZIP_DEFLATED:
        raise BadMember(f"compression method {method}")
    d = zlib.decompressobj(-zlib.MAX_WBITS)
    out = bytearray()
    pos = 0
    while not d.eof:
        chunk: bytes | memoryview = d.unconsumed_tail
        if not chunk:
            chunk = raw[pos : pos + _CHUNK]
            pos += len(chunk)
            if not chunk:
                raise BadMember("truncated deflate stream")
        try:
            out += d.decompress(chunk, limit + 1 - len(out))  # max_length > 0 here: 0 would mean unbounded
        except zlib.error as exc:
            raise BadMember(str(exc)) from None
        if len(out) > limit:
            raise PartTooLarge(f"解压后超过 {limit // 1048576} MB")
    return bytes(out)


def _checked(blob: bytes, info: zipfile.ZipInfo) -> bytes:
    if len(blob) != info.file_size or zlib.crc32(blob) != info.CRC:
        raise BadMember("size or CRC differs from the directory")
    return blob


def _mb(n: float) -> str:
    return f"{n / 1048576:.1f} MB"


def _corrupt(info: zipfile.ZipInfo, why: str) -> UnreadableDocument:
    return UnreadableDocument("corrupt", f"文件已损坏或不是 Word 文档（{info.filename} 无法解压：{why}）")


_TEXT_TAGS = tuple(f"{{{ns}}}{t}" for ns in (W_NS, W_NS_STRICT) for t in ("p", "t"))
_P_TAGS = frozenset(_TEXT_TAGS[0::2])


def _charge(root: Any, budget: budgets.Budget) -> None:
    """Charge the budget with a parsed part's paragraphs and characters, before any is read."""
    paragraphs = characters = 0
    for el in root.iter(*_TEXT_TAGS):
        if el.tag in _P_TAGS:
            paragraphs += 1
        else:
            characters += len(el.text or "")
    budget.charge_text(paragraphs, characters)


class PackagePart:
    """One part: its name, content type, bytes, and relationships to other parts."""

    def __init__(self, package: Package, name: str, content_type: str) -> None:
        self.package = package
        self.name = name  # e.g. "/word/document.xml"
        self.content_type = content_type
        self._element: Any = None
        self._rels: dict[str, tuple[str, str]] | None = None

    @property
    def blob(self) -> bytes:
        """The part's bytes."""
        return self.package.read(self.name.lstrip("/"))

    @property
    def element(self) -> Any:
        """The parsed root element (parsed once)."""
        if self._element is None:
            element = parse(self.blob, self.name, self.package.budget)
            _charge(element, self.package.budget)
            self._element = element
        return self._element

    def _relationships(self) -> dict[str, tuple[str, str]]:
        """rId → (relationship type, target part name); external targets are left out."""
        if self._rels is None:
            folder, base = posixpath.split(self.name)
            self._rels = self.package.relationships(f"{folder}/_rels/{base}.rels", folder)
        return self._rels

    @property
    def related_parts(self) -> dict[str, PackagePart]:
        """Parts this part refers to, by relationship id."""
        out = {}
        for rid, (_, target) in self._relationships().items():
            part = self.package.part(target)
            if part is not None:
                out[rid] = part
        return out

    def part_related_by(self, reltype: str) -> PackagePart:
        """The part related by a relationship type; KeyError when there is none."""
        for _, (kind, target) in self._relationships().items():
            if kind == reltype:
                part = self.package.part(target)
                if part is not None:
                    return part
        raise KeyError(reltype)


class Package:
    """The parts of a zip by name, with content types from ``[Content_Types].xml``."""

    def __init__(self, zf: zipfile.ZipFile, data: bytes | None = None) -> None:
        self.zip = zf
        self._data = data  # the zip's bytes, when in memory: lets large parts be recognised unread
        names = {"/" + n for n in zf.namelist() if not n.endswith("/")}
        self.budget = budgets.current()  # charged by every member inflated and every part parsed
        self.inflated = 0  # bytes actually inflated so far
        types = parse(self.read("[Content_Types].xml"), "[Content_Types].xml", self.budget)
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{_CT_NS}Default")}
        overrides = {o.get("PartName", "").lower(): o.get("ContentType", "") for o in types.iter(f"{_CT_NS}Override")}
        self._parts: dict[str, PackagePart] = {}
        for name in names:
            ctype = overrides.get(name.lower()) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
            self._parts[name.lower()] = PackagePart(self, name, ctype)
        self._rels = self.relationships("/_rels/.rels", "/")

    def __enter__(self) -> Package:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def close(self) -> None:
        """Drop the parts and close the zip. Parts refer to their package, so until then the two form
        a reference cycle that keeps every parsed tree alive until the garbage collector runs."""
        self._parts = {}
        self._rels = {}
        self.zip.close()

    def read(self, name: str) -> bytes:
        """A member's bytes, inflated within the document's budget: at most the size the directory
        claims (more is a zip bomb), the per-part limit, and what is left of the package limit.
        A large member whose compressed bytes equal those of one inflated lately is not inflated again."""
        info = self.zip.getinfo(name)
        limits = self.budget.limits
        room = min(limits.part_bytes, limits.package_bytes - self.inflated)
        if self._data is None:
            blob = self._read_stream(info, room)
        else:
            try:
                raw = _stored_bytes(self._data, info)
                limit = min(room, info.file_size)
                if info.file_size >= SHARED_MIN_BYTES:  # only a choice of path: the size is checked
                    blob = _inflated.get(raw, lambda: _checked(inflate(raw, info.compress_type, limit), info),
                                         extra=(info.compress_type, info.CRC, info.file_size))
                else:
                    blob = _checked(inflate(raw, info.compress_type, limit), info)
            except BadMember as exc:
                raise _corrupt(info, str(exc)) from None
            except PartTooLarge:
                raise self._too_large(info, room) from None
        if len(blob) > room:
            raise self._too_large(info, room)
        self.inflated += len(blob)
        self.budget.tick()
        return blob

    def _too_large(self, info: zipfile.ZipInfo, room: int) -> UnreadableDocument:
        limits = self.budget.limits
        if info.file_size <= room:  # it said it was small enough, and was not
            return UnreadableDocument(
                "zip-bomb", f"疑似压缩炸弹：{info.filename} 声明解压后 {_mb(info.file_size)}，实际更大，已拒绝读取")
        if room < limits.part_bytes:
            return UnreadableDocument(
                "too-large",
                f"文件中各部件解压后合计超过 {_mb(limits.package_bytes)} 上限（读到 {info.filename} 时），已拒绝读取")
        return UnreadableDocument(
            "too-large", f"文件中的 {info.filename} 解压后超过 {_mb(limits.part_bytes)} 上限，已拒绝读取")

    def _read_stream(self, info: zipfile.ZipInfo, room: int) -> bytes:
        """Read through zipfile a chunk at a time (no bytes in memory to find the raw member in)."""
        limit = min(room, info.file_size)
        out = bytearray()
        try:
            with self.zip.open(info) as fh:
                while chunk := fh.read(_CHUNK):
                    out += chunk
                    if len(out) > limit:
                        raise self._too_large(info, room)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError) as exc:
            raise _corrupt(info, str(exc)) from None
        return bytes(out)

    def relationships(self, rels_name: str, base: str) -> dict[str, tuple[str, str]]:
        """Relationships in a .rels part, targets resolved to part names (external ones left out)."""
        try:
            root = parse(self.read(rels_name.lstrip("/")), rels_name, self.budget)
        except KeyError:
            return {}
        out = {}
        for rel in root.iter(f"{_REL_NS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            name = target if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            out[rel.get("Id", "")] = (rel.get("Type", ""), "/" + name.lstrip("/"))
        return out

    def part(self, name: str) -> PackagePart | None:
        """A part by name (case-insensitive, as OPC names are)."""
        return self._parts.get(name.lower())

    def part_related_by(self, reltype: str) -> PackagePart:
        """A part related to the package itself (the main document, core properties)."""
        for kind, target in self._rels.values():
            if kind == reltype:
                part = self.part(target)
                if part is not None:
                    return part
        raise KeyError(reltype)

    @property
    def main_document_part(self) -> PackagePart:
        """The part the package's officeDocument relationship points to; KeyError if none."""
        return self.part_related_by(RT_OFFICE_DOCUMENT)

    def iter_parts(self) -> Iterator[PackagePart]:
        """Every part."""
        return iter(self._parts.values())
