"""Pick the reader by extension and content; every failure is an UnreadableDocument."""

from __future__ import annotations

from pathlib import Path

from doclint.errors import UnreadableDocument
from doclint.model.document import Document

TEXT_SUFFIXES = (".txt", ".md", ".text")
DOCX_SUFFIXES = (".docx", ".docm")
CONVERTED = {".doc": "doc", ".wps": "wps", ".rtf": "rtf", ".odt": "odt"}  # through LibreOffice, when installed
SUFFIXES = TEXT_SUFFIXES + DOCX_SUFFIXES + tuple(CONVERTED)
# A folder walk leaves Markdown out: a README.md or SOURCES.md beside the drafts is not a 公文.
# A .md draft is still checked when named on its own.
FOLDER_SUFFIXES = tuple(s for s in SUFFIXES if s != ".md")

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def read_bytes(data: bytes, filename: str) -> Document:
    """Read a draft from memory; the name only chooses the reader."""
    suffix = Path(filename).suffix.lower()
    if suffix in TEXT_SUFFIXES:
        from doclint.model.text_reader import read_text

        return read_text(data)
    if (suffix in CONVERTED and not data.startswith(b"PK")) or suffix == ".odt":  # (a renamed .docx is read as one)
        return _converted(data, CONVERTED[suffix])
    if suffix in DOCX_SUFFIXES or data.startswith((b"PK", _OLE)):
        from doclint.model.docx_reader import read_docx

        try:
            return read_docx(data)
        except UnreadableDocument as exc:
            if exc.code in ("legacy-doc", "legacy-wps"):  # a binary Word or WPS file under another name
                return _converted(data, exc.code.removeprefix("legacy-"))
            raise
    raise UnreadableDocument("unsupported", f"不支持的文件类型“{suffix or '无扩展名'}”："
                                            "可检查 .docx、.txt、.md（.doc、.wps、.rtf、.odt 需安装 LibreOffice）")


def _converted(data: bytes, kind: str) -> Document:
    """Read a draft through LibreOffice's .docx of it; the document says it was converted."""
    import msgspec

    from doclint.model.convert import to_docx
    from doclint.model.docx_reader import read_docx

    if not data:
        raise UnreadableDocument("empty", "文件为空")
    return msgspec.structs.replace(read_docx(to_docx(data, kind)), converted_from=kind)


def read_path(path: str | Path) -> Document:
    """Read a draft from disk without ever writing to it."""
    from doclint.model import budget

    p = Path(path)
    limit = budget.current().limits.file_bytes
    try:
        size = p.stat().st_size
        if size > limit:
            raise UnreadableDocument(
                "too-large", f"文件过大（{size / 1048576:.1f} MB），超过 {limit / 1048576:.3g} MB 上限，未检查"
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
