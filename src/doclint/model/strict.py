"""ISO/IEC 29500 Strict documents read like Transitional ones.

Strict names the same elements in other namespaces (``http://purl.oclc.org/ooxml/...``) and
relationship types. The reader knows Transitional names only, so a Strict part's bytes have
their namespace names mapped before parsing: an element then has exactly the name it would
have in Transitional. The mapping is on whole namespace names, which cannot occur elsewhere
in a well-formed part by accident of content (it is plain ASCII inside quotes).
"""

from __future__ import annotations

import re

from doclint._cache import regexes

_STRICT = b"http://purl.oclc.org/ooxml/"
_OPENXML = b"http://schemas.openxmlformats.org/"

# Strict name (after the common prefix) -> Transitional name (after its prefix).
_NAMES = {
    b"wordprocessingml/main": b"wordprocessingml/2006/main",
    b"officeDocument/relationships": b"officeDocument/2006/relationships",
    b"drawingml/main": b"drawingml/2006/main",
    b"drawingml/wordprocessingDrawing": b"drawingml/2006/wordprocessingDrawing",
    b"drawingml/picture": b"drawingml/2006/picture",
    b"drawingml/chart": b"drawingml/2006/chart",
    b"drawingml/diagram": b"drawingml/2006/diagram",
    b"officeDocument/math": b"officeDocument/2006/math",
    b"officeDocument/sharedTypes": b"officeDocument/2006/sharedTypes",
    b"officeDocument/customXml": b"officeDocument/2006/customXml",
    b"officeDocument/bibliography": b"officeDocument/2006/bibliography",
    b"officeDocument/extendedProperties": b"officeDocument/2006/extended-properties",
    b"officeDocument/customProperties": b"officeDocument/2006/custom-properties",
    b"officeDocument/docPropsVTypes": b"officeDocument/2006/docPropsVTypes",
}
# Longest first, so "officeDocument/relationships/styles" maps through its namespace prefix.
_NAME = regexes.compile_std(
    re.escape(_STRICT) + b"(" + b"|".join(re.escape(k) for k in sorted(_NAMES, key=len, reverse=True)) + b")"
)
# Strict's core-properties relationship type; Transitional keeps it in the package namespace.
_CORE_STRICT = _STRICT + b"officeDocument/relationships/metadata/core-properties"
_CORE = _OPENXML + b"package/2006/relationships/metadata/core-properties"


def is_strict(blob: bytes) -> bool:
    """Whether the bytes mention a Strict namespace (a fast substring test)."""
    return _STRICT in blob


def to_transitional(blob: bytes) -> bytes:
    """The part's bytes with Strict namespace names and relationship types mapped to Transitional."""
    if _STRICT not in blob:
        return blob
    blob = blob.replace(_CORE_STRICT, _CORE)
    return _NAME.sub(lambda m: _OPENXML + _NAMES[m.group(1)], blob)


_BACK = {_OPENXML + v: _STRICT + k for k, v in _NAMES.items()}
_BACK_NAME = regexes.compile_std(b"|".join(re.escape(k) for k in sorted(_BACK, key=len, reverse=True)))


def to_strict(blob: bytes) -> bytes:
    """The inverse of :func:`to_transitional`, for writing a part of a Strict package back."""
    return _BACK_NAME.sub(lambda m: _BACK[m.group(0)], blob)
