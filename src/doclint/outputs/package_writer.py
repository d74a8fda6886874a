"""Write a copy of a .docx with new Word comments, reading it exactly as ``check`` does.

The draft is read by :func:`doclint.model.docx_reader.read_docx` (same checks, same budget,
same hardened parser), then its package is opened by the same reader. Only five members are
rewritten: the main part, the comments part, the main part's and the comments part's
relationships (rule links are external hyperlinks of the comments part) and the content
types. Every other member is copied byte for byte as stored (compressed), never inflated, so
a part that ``check`` had no reason to read cannot make annotating fail.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Mapping
from types import TracebackType
from typing import Any

from lxml import etree

from doclint.errors import UnreadableDocument
from doclint.model import package as opc
from doclint.model import strict

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT_HYPERLINK = _R_NS + "/hyperlink"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_MAX_ID = 2**31 - 1
_LINK_BLUE = "0563C1"  # Word's Hyperlink style, set directly: a draft's styles may lack that style


def _w(name: str) -> str:
    return f"{{{W_NS}}}{name}"


def _xml(root: Any, in_strict: bool = False) -> bytes:
    data = bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True))
    return strict.to_strict(data) if in_strict else data


class CommentedPackage:
    """A draft's main document tree plus a comments tree, saved to new bytes."""

    def __init__(self, source: bytes, package: opc.Package) -> None:
        self.source = source
        self.package = package
        self.main = package.main_document_part
        self.root = self.main.element
        with package.zip.open(self.main.name.lstrip("/")) as head:  # namespaces are declared on the root
            self.strict = strict.is_strict(head.read(8192))  # a Strict package is written back in Strict
        body = self.root.find(_w("body"))
        if body is None:
            body = etree.SubElement(self.root, _w("body"))
        self.body = body
        existing = None
        with contextlib.suppress(KeyError):
            existing = self.main.part_related_by(opc.RT_COMMENTS)
        self.comments_part = existing
        self.comments = existing.element if existing is not None else etree.Element(
            _w("comments"), nsmap={"w": W_NS, "r": _R_NS})
        ids = (c.get(_w("id")) or "" for c in self.comments.iterchildren(_w("comment")))
        used = [int(i) for i in ids if i.isascii() and i.isdigit() and len(i) < 10]
        self._next_id = max(used, default=-1) + 1
        self._used = set(used)
        self._added = 0
        self._links: dict[str, str] = {}  # external target -> relationship id in the comments part's rels
        self._taken: set[str] | None = None  # ids in the draft's own comments rels, read on the first link

    @classmethod
    def open(cls, source: bytes) -> CommentedPackage:
        """Read ``source`` as ``check`` does; UnreadableDocument exactly when ``check`` finds it unreadable."""
        from doclint.model import budget as budgets
        from doclint.model.docx_reader import read_docx

        with budgets.active(fresh=False) as budget:
            read_docx(source)  # the same checks, in the same budget
            try:
                zf = zipfile.ZipFile(io.BytesIO(source))
                with budgets.active(budget.limits):  # a second reading of the same bytes: a fresh account
                    return cls(source, opc.Package(zf, source))
            except UnreadableDocument:
                raise
            except Exception as exc:  # read_docx accepted it: this is not expected
                raise UnreadableDocument("corrupt", f"文件已损坏或不是 Word 文档（{type(exc).__name__}：{exc}）") from None

    def __enter__(self) -> CommentedPackage:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.package.close()

    def add_comment(self, text: str, author: str, initials: str, links: Mapping[str, str] | None = None) -> int:
        """Add a ``w:comment`` (one paragraph per line, as python-docx writes them); its id.

        ``links`` maps a label to an external URI: each ``规则：<label>`` in the text becomes a
        ``w:hyperlink`` on the label, its relationship in the comments part's own rels."""
        cid = self._next_id
        if cid > _MAX_ID:
            cid = next(i for i in range(len(self._used) + 1) if i not in self._used)
        self._used.add(cid)
        self._next_id = cid + 1
        self._added += 1
        comment = etree.SubElement(self.comments, _w("comment"), {
            _w("id"): str(cid), _w("author"): author, _w("initials"): initials,
            _w("date"): dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        })
        linked = None
        if links:
            linked = re.compile("(?<=规则：)(" + "|".join(map(re.escape, sorted(links, key=len, reverse=True))) + ")")
        for i, line in enumerate(text.split("\n")):
            p = etree.SubElement(comment, _w("p"))
            etree.SubElement(etree.SubElement(p, _w("pPr")), _w("pStyle"), {_w("val"): "CommentText"})
            if i == 0:
                r = etree.SubElement(p, _w("r"))
                etree.SubElement(etree.SubElement(r, _w("rPr")), _w("rStyle"), {_w("val"): "CommentReference"})
                etree.SubElement(r, _w("annotationRef"))
            at = 0
            for m in linked.finditer(line) if linked is not None and links else ():
                _text_run(p, line[at:m.start()])
                assert links is not None
                link = etree.SubElement(p, _w("hyperlink"), {f"{{{_R_NS}}}id": self._link_id(links[m.group(0)]),
                                                            _w("history"): "1"}, nsmap={"r": _R_NS})
                _text_run(link, m.group(0), link=True)
                at = m.end()
            _text_run(p, line[at:], always=at == 0)
        return cid

    def _link_id(self, target: str) -> str:
        rid = self._links.get(target)
        if rid is None:
            rid = f"rIdDoclintLink{len(self._links) + 1}"
            while rid in self._rels_ids():  # an id the draft's own comments rels already use
                rid += "x"
            self._links[target] = rid
        return rid

    def _comments_rels(self) -> tuple[str, Any | None]:
        """The comments part's rels: its name and its tree (None when there is none yet)."""
        name = self.comments_part.name.lstrip("/") if self.comments_part is not None else "word/comments.xml"
        rels_name = posixpath.join(posixpath.dirname(name), "_rels", posixpath.basename(name) + ".rels")
        if self.comments_part is None or rels_name not in self.package.zip.namelist():
            return rels_name, None
        return rels_name, opc.parse(self.package.read(rels_name), rels_name)

    def _rels_ids(self) -> set[str]:
        if self._taken is None:
            rels = self._comments_rels()[1]
            self._taken = {r.get("Id") or "" for r in rels} if rels is not None else set()
        return self._taken

    # -- saving -----------------------------------------------------------------------------

    def save(self) -> bytes:
        """The new package's bytes."""
        zf = self.package.zip
        main_name = self.main.name.lstrip("/")
        replaced: dict[str, bytes] = {main_name: _xml(self.root, self.strict)}
        added: list[tuple[str, bytes]] = []
        if self._added:
            if self.comments_part is not None:
                comments_name = self.comments_part.name.lstrip("/")
                replaced[comments_name] = _xml(self.comments, self.strict)
            else:
                comments_name = self._add_comments_part(zf, main_name, replaced, added)
            if self._links:
                self._add_link_rels(comments_name, replaced, added)
        names = {i.filename for i in zf.infolist()}
        writer = _ZipWriter()
        for info in zf.infolist():
            if info.filename in replaced:
                writer.add(info.filename, replaced[info.filename])
            elif not info.is_dir():
                writer.copy(self.source, info)
        for name, data in added:
            if name not in names:
                writer.add(name, data)
        return writer.finish()

    def _add_link_rels(self, comments_name: str, replaced: dict[str, bytes], added: list[tuple[str, bytes]]) -> None:
        """The comments part's relationships gain one external hyperlink per linked target."""
        rels_name, rels = self._comments_rels()
        present = rels is not None
        if rels is None:
            rels_name = posixpath.join(posixpath.dirname(comments_name), "_rels",
                                       posixpath.basename(comments_name) + ".rels")
            rels = etree.fromstring(f'<Relationships xmlns="{_REL_NS}"/>'.encode())
        for target, rid in self._links.items():
            etree.SubElement(rels, f"{{{_REL_NS}}}Relationship",
                             {"Id": rid, "Type": RT_HYPERLINK, "Target": target, "TargetMode": "External"})
        if present:
            replaced[rels_name] = _xml(rels, self.strict)
        else:
            added.append((rels_name, _xml(rels, self.strict)))

    def _add_comments_part(self, zf: zipfile.ZipFile, main_name: str, replaced: dict[str, bytes],
                           added: list[tuple[str, bytes]]) -> str:
        names = {i.filename.lower() for i in zf.infolist()}
        folder = posixpath.dirname(main_name)
        name = posixpath.join(folder, "comments.xml")
        n = 1
        while name.lower() in names:
            name = posixpath.join(folder, f"comments{n}.xml")
            n += 1
        added.append((name, _xml(self.comments, self.strict)))
        # the main part's relationships
        rels_name = posixpath.join(folder, "_rels", posixpath.basename(main_name) + ".rels")
        try:
            rels = opc.parse(self.package.read(rels_name), rels_name)
        except KeyError:
            rels = etree.fromstring(f'<Relationships xmlns="{_REL_NS}"/>'.encode())
        ids = {r.get("Id") for r in rels}
        rid = "rIdDoclint1"
        while rid in ids:
            rid += "1"
        etree.SubElement(rels, f"{{{_REL_NS}}}Relationship",
                         {"Id": rid, "Type": opc.RT_COMMENTS, "Target": posixpath.basename(name)})
        if rels_name in {i.filename for i in zf.infolist()}:
            replaced[rels_name] = _xml(rels, self.strict)
        else:
            added.append((rels_name, _xml(rels, self.strict)))
        # the content types
        types = opc.parse(self.package.read("[Content_Types].xml"), "[Content_Types].xml")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", {"PartName": "/" + name, "ContentType": CT_COMMENTS})
        replaced["[Content_Types].xml"] = _xml(types)
        return name


def _text_run(parent: Any, text: str, *, link: bool = False, always: bool = False) -> None:
    """A ``w:r`` holding ``text`` (nothing for empty text unless ``always``); a link is blue, underlined."""
    if not text and not always:
        return
    r = etree.SubElement(parent, _w("r"))
    if link:
        rpr = etree.SubElement(r, _w("rPr"))
        etree.SubElement(rpr, _w("color"), {_w("val"): _LINK_BLUE})
        etree.SubElement(rpr, _w("u"), {_w("val"): "single"})
    t = etree.SubElement(r, _w("t"))
    t.text = text
    t.set(_XML_SPACE, "preserve")


_LOCAL = struct.Struct("<4sHHHHHIIIHH")
_CENTRAL = struct.Struct("<4sHHHHHHIIIHHHHHII")
_END = struct.Struct("<4sHHHHIIH")
_LOCAL_NAME = struct.Struct("<4s22xHH")


def _dos_time(date_time: tuple[int, int, int, int, int, int]) -> tuple[int, int]:
    y, mo, d, h, mi, s = date_time
    return (h << 11) | (mi << 5) | (s // 2), (max(y, 1980) - 1980) << 9 | (mo << 5) | d


class _ZipWriter:
    """A plain zip (no zip64: inputs are at most 50 MB and 10,000 members) that can copy members as stored."""

    def __init__(self) -> None:
        self.out = bytearray()
        self.central = bytearray()
        self.count = 0

    def _entry(self, name: bytes, flags: int, method: int, date_time: tuple[int, int, int, int, int, int],
               crc: int, raw: bytes | memoryview, size: int, external: int = 0o644 << 16) -> None:
        offset = len(self.out)
        dos_time, dos_date = _dos_time(date_time)
        self.out += _LOCAL.pack(b"PK\x03\x04", 20, flags, method, dos_time, dos_date, crc, len(raw), size,
                                len(name), 0)
        self.out += name
        self.out += raw
        self.central += _CENTRAL.pack(b"PK\x01\x02", 20, 20, flags, method, dos_time, dos_date, crc, len(raw),
                                      size, len(name), 0, 0, 0, 0, external, offset)
        self.central += name
        self.count += 1

    def add(self, name: str, data: bytes) -> None:
        """A new member, deflated."""
        c = zlib.compressobj(6, zlib.DEFLATED, -15)
        raw = c.compress(data) + c.flush()
        self._entry(name.encode(), 0x800, zipfile.ZIP_DEFLATED, (1980, 1, 1, 0, 0, 0), zlib.crc32(data), raw,
                    len(data))

    def copy(self, source: bytes, info: zipfile.ZipInfo) -> None:
        """A member of ``source`` copied as stored (its bytes are not inflated)."""
        at = info.header_offset
        if at < 0 or at + _LOCAL_NAME.size > len(source) or source[at : at + 4] != b"PK\x03\x04":
            return  # no reader can read this member anyway; the copy goes without it
        _, name_len, extra_len = _LOCAL_NAME.unpack_from(source, at)
        start = at + _LOCAL_NAME.size + name_len + extra_len
        raw = memoryview(source)[start : start + info.compress_size]
        utf8 = bool(info.flag_bits & 0x800)
        try:
            name = info.orig_filename.encode("utf-8" if utf8 else "cp437")
        except UnicodeEncodeError:
            name, utf8 = info.orig_filename.encode("utf-8"), True
        flags = (info.flag_bits & 0x807) | (0x800 if utf8 else 0)  # no data descriptor: sizes are in the header
        self._entry(name, flags, info.compress_type, info.date_time, info.CRC, raw, info.file_size,
                    info.external_attr or 0o644 << 16)

    def finish(self) -> bytes:
        """The archive's bytes."""
        offset = len(self.out)
        self.out += self.central
        self.out += _END.pack(b"PK\x05\x06", 0, 0, self.count, self.count, len(self.central), offset, 0)
        return bytes(self.out)
