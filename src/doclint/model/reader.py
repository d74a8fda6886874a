"""Pick the reader by extension and content; every failure is an UnreadableDocument."""

from __future__ import annotations

from pathlib import Path

from doclint.errors import UnreadableDocument
from doclint.model.document import Document

TEXT_SUFFIXES = (".txt", ".md", ".text")
DOCX_SUFFIXES = (".docx", ".docm")
SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES
MAX_FILE_BYTES = 50 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_bytes(data: bytes, filename: str) -> Document:
    """Read a draft from memory; the name only chooses the reader."""
    suffix = Path(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from doclint.model.text_reader import read_text

        return read_text(data)
    if suffix in DOCX_SUFFIXES or data.startswith((b"PK", _OLE)):
        from doclint.model.docx_reader import read_docx

        return read_docx(data)
    if suffix in (".doc", ".wps"):
        raise UnreadableDocument(
            "legacy-doc" if suffix == ".doc" else "legacy-wps",
            f"不支持旧版 {suffix} 格式：请在 Word 或 WPS 中“另存为”.docx 后再检查",
        )
    raise UnreadableDocument("unsupported", f"不支持的文件类型“{suffix or '无扩展名'}”：可检查 .docx、.txt、.md")


def read_path(path: str | Path) -> Document:
    """Read a draft from disk without ever writing to it."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableDocument(
                "too-large", f"文件过大（{size / 1048576:.1f} MB），超过 {MAX_FILE_BYTES // 1048576} MB 上限，未检查"
            )
        data = p.read_bytes()
    except FileNotFoundError:
        raise UnreadableDocument("not-found", "文件不存在（可能在检查时被移走或删除）") from None
    except IsADirectoryError:
        raise UnreadableDocument("not-a-file", "这是文件夹，不是文件") from None
    except PermissionError:
        raise UnreadableDocument("permission", "没有读取权限，或文件正被其他程序锁定（如 Word 正在编辑）") from None
    except OSError as exc:
        raise UnreadableDocument("io-error", f"读取失败：{exc.strerror or exc}") from None
    return read_bytes(data, p.name)
