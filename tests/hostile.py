"""Hostile .docx files of issue 15, built in code: zip directories that lie, many large parts,
small parts that inflate to hundreds of thousands of paragraphs, DTDs in other encodings.

``python tests/hostile.py DIR`` writes them all into DIR (to try them by hand).
"""

from __future__ import annotations

import struct
import sys
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RT = R + "/"
CT_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"

MiB = 1024 * 1024


def deflate(data: bytes) -> bytes:
    """Raw deflate (as zip stores it)."""
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush()


class Member:
    """One zip member: its stored bytes and what the directory says about it."""

    def __init__(self, name: str, data: bytes | None = None, *, raw: bytes | None = None,
                 crc: int | None = None, size: int | None = None) -> None:
        self.name = name
        if data is not None:
            self.raw, self.crc, self.size = deflate(data), zlib.crc32(data), len(data)
        else:
            assert raw is not None and crc is not None and size is not None
            self.raw, self.crc, self.size = raw, crc, size


def write_zip(members: list[Member]) -> bytes:
    """A zip written by hand, so its directory can claim whatever the member says."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode()
        offset = len(out)
        out += struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0x800, 8, 0, 0x21, m.crc & 0xFFFFFFFF,
                           len(m.raw), m.size, len(name), 0) + name + m.raw
        central += struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0x800, 8, 0, 0x21,
                               m.crc & 0xFFFFFFFF, len(m.raw), m.size, len(name), 0, 0, 0, 0, 0, offset) + name
    out += central
    out += struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(members), len(members), len(central),
                       len(out) - len(central), 0)
    return bytes(out)


def content_types(headers: int = 0) -> bytes:
    overrides = "".join(f'<Override PartName="/word/header{i}.xml" ContentType="{CT_HEADER}"/>'
                        for i in range(headers))
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/word/document.xml" ContentType="{CT_MAIN}"/>{overrides}</Types>'
    ).encode()


PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{RT}officeDocument" Target="word/document.xml"/></Relationships>'
).encode()


def document_rels(headers: int = 0) -> bytes:
    rels = "".join(f'<Relationship Id="rH{i}" Type="{RT}header" Target="header{i}.xml"/>' for i in range(headers))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}'
            '</Relationships>').encode()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def document_xml(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}">'
            f"<w:body>{body}</w:body></w:document>").encode()


def docx(document: Member | bytes, *, headers: list[Member] | None = None) -> bytes:
    """A minimal package around a main part (and header parts)."""
    headers = headers or []
    main = document if isinstance(document, Member) else Member("word/document.xml", document)
    return write_zip([Member("[Content_Types].xml", content_types(len(headers))),
                      Member("_rels/.rels", PACKAGE_RELS),
                      Member("word/_rels/document.xml.rels", document_rels(len(headers))),
                      main, *headers])


def lying_directory() -> bytes:
    """About 1 MB whose directory claims 9 MB for document.xml, which holds 1 GB."""
    head = document_xml("").split(b"</w:body>")[0] + b"<w:p><w:r><w:t>"
    chunk = b"A" * MiB  # one run of 1 GB of text: deflate's best ratio
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [c.compress(head)] + [c.compress(chunk) for _ in range(1024)] + [c.flush()]
    return docx(Member("word/document.xml", raw=b"".join(parts), crc=0x12345678, size=9 * MiB))


def many_large_headers(count: int = 19, size: int = int(9.9 * MiB)) -> bytes:
    """``count`` header parts of ``size`` bytes each, every one referenced by a section."""
    body = "".join(
        f'<w:p><w:pPr><w:sectPr><w:headerReference w:type="default" r:id="rH{i}"/></w:sectPr></w:pPr>'
        f"<w:r><w:t>第{i + 1}节</w:t></w:r></w:p>" for i in range(count))
    head = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="{W}">'.encode()
    filler = paragraph("页眉文字XXX").encode()
    n = (size - len(head) - 8) // len(filler)
    headers = []
    for i in range(count):
        data = head + filler * n + b"</w:hdr>"
        headers.append(Member(f"word/header{i}.xml", data))
    return docx(document_xml(body), headers=headers)


def many_findings(size: int = 10 * MiB - 64 * 1024) -> bytes:
    """A document.xml of ~50 KB that inflates to just under 10 MB of paragraphs full of faults."""
    faults = ["截止目前XXX", "其它××事项", "（一）、某某", "2024年13月32日", "“引号”“", "XX局：XXX"]
    pieces = [paragraph(f"{faults[i % len(faults)]}{i % 97}") for i in range(582)]
    block = "".join(pieces).encode()
    body = block * max(1, (size - 400) // len(block))
    data = document_xml(body.decode())
    return docx(data)


def dtd_document(encoding: str) -> bytes:
    """A document.xml with a DOCTYPE and entities, encoded as ``encoding`` (BOM or not)."""
    text = (f'<?xml version="1.0" encoding="{encoding.upper().replace("-SIG", "")}"?>'
            '<!DOCTYPE w:document [<!ENTITY body "截止目前，已完成。"><!ENTITY x "&body;&body;">]>'
            f'<w:document xmlns:w="{W}"><w:body>{paragraph("关于&x;的通知")}{paragraph("&body;")}'
            "</w:body></w:document>")
    return docx(text.encode(encoding))


HOSTILE = {
    "lying-directory.docx": lying_directory,
    "many-large-headers.docx": many_large_headers,
    "many-findings.docx": many_findings,
    "utf32-dtd.docx": lambda: dtd_document("utf-32"),
}


if __name__ == "__main__":
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for name, build in HOSTILE.items():
        data = build()
        (out / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
