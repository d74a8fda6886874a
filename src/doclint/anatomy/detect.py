"""Which 文种 a draft is: the caller's option, then its title, then its closing lines."""

from __future__ import annotations

from doclint.anatomy.doc_type import doc_type_from_content, doc_type_from_title, report_subtype
from doclint.anatomy.parts import Anatomy


def detect_doc_type(anatomy: Anatomy, texts: list[str], option: str | None) -> tuple[str | None, str | None]:
    """(doc_type, how it was decided): ``option``, ``title``, ``content`` or None (catalogue §1.2)."""
    if option:
        return option, "option"
    doc_type = doc_type_from_title(anatomy.title_text).doc_type if anatomy.title_text else None
    source = "title" if doc_type else None
    if doc_type is None:
        body = [texts[i] for i in anatomy.body]
        doc_type = doc_type_from_content(body[-3:], body[:2])
        source = "content" if doc_type else None
    if doc_type == "报告":
        doc_type = report_subtype(anatomy.title_text) or doc_type
    return doc_type, source
