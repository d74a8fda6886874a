"""A minimal, read-only OPC package (the zip structure of .docx) on lxml.

doclint only reads parts and follows relationships, so it does not need
python-docx's object model; opening the package directly saves about half of
the reading time and python-docx's import at start-up. The XML parser is
configured like python-docx's (``remove_blank_text``) so paragraph text, and
therefore every offset in the report contract, is the same.
"""

from __future__ import annotations

import posixpath
import struct
import zipfile
from collections import deque
from collections.abc import Iterator
from typing import Any

from lxml import etree

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

_CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_REL_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# Same settings as python-docx's parser (blank text removed, no entities), plus no network.
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True, load_dtd=False,
                         huge_tree=False)

PROLOG_CHUNK = 4096  # the prolog is looked for in the first bytes, doubling only while it goes on
MAX_PROLOG = 1024 * 1024  # a prolog longer than this is refused


class UnsafeXml(Exception):
    """A part declares a DTD or entities before its root element (never resolved; refused)."""

    def __init__(self, part: str) -> None:
        super().__init__(part)
        self.part = part


def parse(blob: bytes, part: str = "") -> Any:
    """Root element of XML bytes, parsed with the hardened :data:`PARSER`; UnsafeXml on a DTD."""
    size = PROLOG_CHUNK
    while (verdict := _scan_prolog(blob[:size], complete=len(blob) <= size)) is None and size < MAX_PROLOG:
        size *= 2  # doubling: linear total work
    if verdict is None or verdict:
        raise UnsafeXml(part.lstrip("/"))
    return etree.fromstring(strict.to_transitional(blob), PARSER)  # ISO 29500 Strict read as Transitional


def _scan_prolog(buf: bytes, complete: bool) -> bool | None:
    """Scan an XML prolog: True = unsafe, False = reached the root element, None = need more."""
    if buf.startswith((b"\xff\xfe", b"\xfe\xff")) or buf[1:2] == b"\x00" or buf[:1] == b"\x00":
        enc = "utf-16-be" if buf.startswith(b"\xfe\xff") or buf[:1] == b"\x00" else "utf-16-le"
        text = buf[: len(buf) // 2 * 2].decode(enc, errors="ignore").lstrip("\ufeff")
    else:
        text = buf.decode("latin-1")
        if text.startswith("\xef\xbb\xbf"):
            text = text[3:]
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




SHARED_MIN_BYTES = 64 * 1024  # smaller parts inflate faster than they are compared
SHARED_MAX_BYTES = 4 * 1024 * 1024
_inflated: deque[tuple[tuple[int, int, int], bytes, bytes]] = deque(maxlen=4)
_LOCAL_HEADER = struct.Struct("<4s22xHH")


def _stored_bytes(data: bytes | None, info: zipfile.ZipInfo) -> bytes | None:
    """A member's bytes as stored (compressed), found through its local header; None when that
    cannot be done simply (no bytes in memory, encryption, an odd header, a huge member)."""
    if data is None or info.flag_bits & 1 or info.file_size > SHARED_MAX_BYTES:
        return None
    at = info.header_offset
    if at < 0 or at + _LOCAL_HEADER.size > len(data):
        return None
    sig, name_len, extra_len = _LOCAL_HEADER.unpack_from(data, at)
    name_at = at + _LOCAL_HEADER.size
    try:
        name = info.orig_filename.encode("utf-8" if info.flag_bits & 0x800 else "cp437")
    except UnicodeEncodeError:
        return None
    if sig != b"PK\x03\x04" or data[name_at : name_at + name_len] != name:
        return None  # zipfile's own read gives the error, if there is one
    start = name_at + name_len + extra_len
    end = start + info.compress_size
    return data[start:end] if end <= len(data) else None


class Part:
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
            self._element = parse(self.blob, self.name)
        return self._element

    def _relationships(self) -> dict[str, tuple[str, str]]:
        """rId → (relationship type, target part name); external targets are left out."""
        if self._rels is None:
            folder, base = posixpath.split(self.name)
            self._rels = self.package.relationships(f"{folder}/_rels/{base}.rels", folder)
        return self._rels

    @property
    def related_parts(self) -> dict[str, Part]:
        """Parts this part refers to, by relationship id."""
        out = {}
        for rid, (_, target) in self._relationships().items():
            part = self.package.part(target)
            if part is not None:
                out[rid] = part
        return out

    def part_related_by(self, reltype: str) -> Part:
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
        types = parse(zf.read("[Content_Types].xml"), "[Content_Types].xml")
        defaults = {d.get("Extension", "").lower(): d.get("ContentType", "") for d in types.iter(f"{_CT_NS}Default")}
        overrides = {o.get("PartName", "").lower(): o.get("ContentType", "") for o in types.iter(f"{_CT_NS}Override")}
        self._parts: dict[str, Part] = {}
        for name in names:
            ctype = overrides.get(name.lower()) or defaults.get(posixpath.splitext(name)[1].lstrip(".").lower(), "")
            self._parts[name.lower()] = Part(self, name, ctype)
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
        """A member's bytes. A large one whose compressed bytes equal those of one inflated lately
        (drafts of one template share styles.xml byte for byte) is not inflated again."""
        info = self.zip.getinfo(name)
        raw = _stored_bytes(self._data, info) if info.file_size >= SHARED_MIN_BYTES else None
        if raw is None:
            return self.zip.read(info)
        key = (info.compress_type, info.CRC, info.file_size)
        for seen_key, seen_raw, blob in tuple(_inflated):  # a snapshot: other threads may be adding
            if seen_key == key and seen_raw == raw:
                return blob
        blob = self.zip.read(info)  # inflated and CRC-checked as usual
        _inflated.appendleft((key, raw, blob))
        return blob

    def relationships(self, rels_name: str, base: str) -> dict[str, tuple[str, str]]:
        """Relationships in a .rels part, targets resolved to part names (external ones left out)."""
        try:
            root = parse(self.zip.read(rels_name.lstrip("/")), rels_name)
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

    def part(self, name: str) -> Part | None:
        """A part by name (case-insensitive, as OPC names are)."""
        return self._parts.get(name.lower())

    def part_related_by(self, reltype: str) -> Part:
        """A part related to the package itself (the main document, core properties)."""
        for kind, target in self._rels.values():
            if kind == reltype:
                part = self.part(target)
                if part is not None:
                    return part
        raise KeyError(reltype)

    @property
    def main_document_part(self) -> Part:
        """The part the package's officeDocument relationship points to; KeyError if none."""
        return self.part_related_by(RT_OFFICE_DOCUMENT)

    def iter_parts(self) -> Iterator[Part]:
        """Every part."""
        return iter(self._parts.values())
