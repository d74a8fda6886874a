"""Which 文种 a draft is: the caller's option, its title, its 版头, then its closing lines.

Returns the document type, how it was decided (``doc_type_source``: ``option``, ``title``, ``bantou``
— the 命令/纪要 标志 names the document type —, ``content`` or None) and a confidence between 0 and 1:
a title whose type the closing formula confirms is surer than one it contradicts, and a type
read from the closing alone is a guess.
"""

from __future__ import annotations

from doclint.anatomy.doc_type import content_signals, doc_type_from_content, doc_type_from_title, report_subtype
from doclint.anatomy.parts import Anatomy

_LAYOUT_DOC_TYPE = {"命令": "命令", "纪要": "纪要"}


def detect_doc_type(anatomy: Anatomy, texts: list[str],
                    option: str | None) -> tuple[str | None, str | None, float | None]:
    """(doc_type, source, confidence); see the module docstring."""
    if option:
        return option, "option", 1.0
    body = [texts[i] for i in anatomy.body]
    doc_type = doc_type_from_title(anatomy.title_text).doc_type if anatomy.title_text else None
    source: str | None = "title" if doc_type else None
    confidence: float | None = None
    if doc_type is not None:
        signals = content_signals(body[-3:])
        confidence = 1.0 if doc_type in signals else 0.7 if signals else 0.9
    elif anatomy.layout in _LAYOUT_DOC_TYPE:
        doc_type, source, confidence = _LAYOUT_DOC_TYPE[anatomy.layout], "bantou", 0.9
    else:
        doc_type = doc_type_from_content(body[-3:], body[:2])
        source = "content" if doc_type else None
        confidence = 0.6 if doc_type else None
    if doc_type == "报告":
        doc_type = report_subtype(anatomy.title_text) or doc_type
    return doc_type, source, confidence
