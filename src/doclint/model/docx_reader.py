"""Read a .docx into the immutable :class:`~doclint.model.document.Document` model.

Safety comes first: the bytes are sniffed (empty, OLE / legacy .doc / encrypted, zip), the
zip's central directory is checked against size and ratio limits before anything is
inflated, and the prolog of every XML part that will be parsed is checked for
``<!DOCTYPE``. Only then is the package opened (``model/package.py``). Every failure surfaces as
:class:`~doclint.errors.UnreadableDocument` with a stable ``code``.
"""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from doclint._cache import regexes
from doclint.errors import UnreadableDocument
from doclint.model import budget as budgets
from doclint.model import package as opc
from doclint.model.document import Document
from doclint.model.stories import StoryReader

__all__ = [
    "MAX_MEMBERS",
    "MAX_RATIO",
    "MAX_TOTAL_UNCOMPRESSED",
    "RATIO_MIN_SIZE",
    "read_docx",
    "sniff",
]

# -- limits (module constants so tests and callers can tune them) ---------------------
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


_OFFICE_DOC_TARGET = regexes.compile_std(
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
    max_input = budgets.current().limits.file_bytes  # compressed input
    if len(data) > max_input:
        raise _fail("too-large", f"文件大小 {_mb(len(data))}，超过上限 {_mb(max_input)}，已拒绝读取")
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
            return StoryReader(main, selective_styles).read()
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
