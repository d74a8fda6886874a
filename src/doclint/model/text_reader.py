"""Plain-text reader: one paragraph per line, with encoding detection."""

from __future__ import annotations

import codecs

from doclint.errors import UnreadableDocument
from doclint.model.document import Document, Paragraph, Story

MAX_TEXT_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode bytes as office machines write them; returns (text, encoding name).

    Order: BOMs, strict UTF-8, UTF-16 without BOM (many NULs), strict GB18030
    (a superset of GBK and GB2312), then UTF-8 with replacement characters.
    """
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:4096]
    if 0 in sample:
        # UTF-8 and GB18030 text never holds NUL bytes: this is UTF-16 without a BOM.
        candidates = []
        for enc in ("utf-16-le", "utf-16-be"):
            text = data.decode(enc, errors="replace")
            readable = sum(1 for ch in text[:2000] if ch.isprintable() or ch in "\r\n\t")
            candidates.append((readable - text[:2000].count("\ufffd") * 4, enc, text))
        _, enc, text = max(candidates)
        return text, enc
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "utf-8 (有无法解码的字节)"


def split_lines(text: str) -> list[str]:
    """Split on CRLF, LF or CR, keeping empty lines so indices match the file's lines."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def read_text(data: bytes) -> Document:
    """Read plain text (.txt, .md): one paragraph per line."""
    if not data:
        raise UnreadableDocument("empty", "文件为空")
    if len(data) > MAX_TEXT_BYTES:
        raise UnreadableDocument(
            "too-large", f"文本文件过大（{len(data) // 1048576} MB），超过 {MAX_TEXT_BYTES // 1048576} MB 上限"
        )
    if b"\x00" in data[:8] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and (
        data.startswith((b"PK", b"\xd0\xcf\x11\xe0"))
    ):
        raise UnreadableDocument("not-text", "这不是纯文本文件（看起来是 Word 文档），请用 .docx 扩展名")
    text, _ = decode_text(data)
    paragraphs = tuple(
        Paragraph(index=i, text=line, part=Story.BODY) for i, line in enumerate(split_lines(text))
    )
    return Document(source="text", paragraphs=paragraphs)


def document_from_string(text: str) -> Document:
    """Build a plain-text document from a string (examples, API callers)."""
    return Document(
        source="text",
        paragraphs=tuple(Paragraph(index=i, text=line) for i, line in enumerate(split_lines(text))),
    )
