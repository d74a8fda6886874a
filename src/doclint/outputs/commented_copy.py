"""A copy of a .docx package with Word comments added, read by doclint's own reader.

``check`` and ``annotate`` share one reading: the draft is opened exactly as the check opens it
(:func:`~doclint.model.docx_reader.read_docx` first, then the same package and parser), so a file
gets both or neither. Only the main document part, the comments part, the main part's
relationships and the content types are rewritten; every other member is copied byte for byte.
A Strict (ISO 29500) package is written back in Strict namespaces.
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import zipfile
from typing import Any

from lxml import etree

from doclint.errors import UnreadableDocument
from doclint.model import package as opc
from doclint.model import strict
from doclint.model.ns import W_NS, w

CT_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _xml(root: Any, in_strict: bool) -> bytes:
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return strict.to_strict(data) if in_strict else data


class CommentedCopy:
    """The draft's package, its document tree and its comments, ready to take new comments."""

    def __init__(self, source: bytes) -> None:
        from doclint.model.docx_reader import read_docx

        read_docx(source)  # the check's own reading: raises UnreadableDocument for whatever it rejects
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(source))
            package = opc.Package(self._zip, source)
            self._main = package.main_document_part
            self.document = self._main.element
        except (KeyError, zipfile.BadZipFile, opc.UnsafeXml, etree.LxmlError) as exc:
            raise UnreadableDocument("corrupt", f"文件已损坏或不是 Word 文档（{exc}）") from None
        self._strict = strict.is_strict(self._main.blob)
        body = self.document.find(w("body"))
        if body is None:
            body = etree.SubElement(self.document, w("body"))
        self.body = body
        try:
            self._comments_part: Any = self._main.part_related_by(opc.RT_COMMENTS)
            self.comments = self._comments_part.element
        except KeyError:
            self._comments_part = None
            self.comments = etree.Element(w("comments"), nsmap={"w": W_NS})
        ids = [int(i) for c in self.comments.iterchildren(w("comment"))
               if (i := c.get(w("id")) or "").isascii() and i.isdecimal() and len(i) < 10]
        self._next_id = max(ids, default=-1) + 1
        self._added = 0

    def add_comment(self, text: str, author: str, initials: str) -> int:
        """Append a comment (one paragraph per line of ``text``) and return its id."""
        cid = self._next_id
        self._next_id += 1
        self._added += 1
        now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        comment = etree.SubElement(self.comments, w("comment"), {
            w("id"): str(cid), w("author"): author, w("date"): now, w("initials"): initials})
        for i, line in enumerate(text.split("\n")):
            p = etree.SubElement(comment, w("p"))
            ppr = etree.SubElement(p, w("pPr"))
            etree.SubElement(ppr, w("pStyle"), {w("val"): "CommentText"})
            if i == 0:  # the mark Word shows before the comment's text
                ref = etree.SubElement(p, w("r"))
                rpr = etree.SubElement(ref, w("rPr"))
                etree.SubElement(rpr, w("rStyle"), {w("val"): "CommentReference"})
                etree.SubElement(ref, w("annotationRef"))
            r = etree.SubElement(p, w("r"))
            t = etree.SubElement(r, w("t"))
            t.text = line
            t.set(_XML_SPACE, "preserve")
        return cid

    def save(self) -> bytes:
        """The new package's bytes."""
        doc_name = self._main.name.lstrip("/")
        replaced = {doc_name: _xml(self.document, self._strict)}
        if self._added:
            if self._comments_part is not None:
                replaced[self._comments_part.name.lstrip("/")] = _xml(self.comments, self._strict)
            else:
                replaced.update(self._new_comments_part(doc_name))
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            names = set()
            for info in self._zip.infolist():
                names.add(info.filename)
                data = replaced.get(info.filename)
                dst.writestr(info.filename, data if data is not None else self._zip.read(info))
            for name, data in replaced.items():
                if name not in names:
                    dst.writestr(name, data)
        return out.getvalue()

    def _new_comments_part(self, doc_name: str) -> dict[str, bytes]:
        """comments.xml beside the document, its relationship and its content type."""
        folder, base = posixpath.split(doc_name)
        names = set(self._zip.namelist())
        lower = {n.lower() for n in names}
        name = posixpath.join(folder, "comments.xml")
        k = 1
        while name.lower() in lower:
            k += 1
            name = posixpath.join(folder, f"comments{k}.xml")
        out = {name: _xml(self.comments, self._strict)}
        rels_name = posixpath.join(folder, "_rels", f"{base}.rels")
        if rels_name in names:
            rels = opc.parse(self._zip.read(rels_name), rels_name)
        else:
            rels = etree.Element(f"{{{_REL_NS}}}Relationships", nsmap={None: _REL_NS})  # type: ignore[dict-item]
        taken = {r.get("Id") for r in rels}
        rid = "rIdDoclintComments"
        while rid in taken:
            rid += "1"
        etree.SubElement(rels, f"{{{_REL_NS}}}Relationship",
                         {"Id": rid, "Type": opc.RT_COMMENTS, "Target": posixpath.basename(name)})
        out[rels_name] = _xml(rels, self._strict)
        types = opc.parse(self._zip.read("[Content_Types].xml"), "[Content_Types].xml")
        etree.SubElement(types, f"{{{_CT_NS}}}Override", {"PartName": "/" + name, "ContentType": CT_COMMENTS})
        out["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
        return out
