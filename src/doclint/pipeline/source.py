"""What a check starts from: a file on disk, bytes in memory (an upload, stdin) or a string."""

from __future__ import annotations

from pathlib import Path

import msgspec

from doclint.model.document import Document


class Source(msgspec.Struct, frozen=True):
    """One draft to check. ``name`` is how reports show it; exactly one of ``path``, ``data`` and
    ``text`` holds the content. ``doc_type`` is the 文种 given by the caller (option), if any."""

    name: str
    path: Path | None = None  # read from disk; waivers may sit beside it (<name>.doclint-ignore.yaml)
    data: bytes | None = None  # the format is told by ``name``'s extension and the bytes themselves
    text: str | None = None  # plain text, one paragraph per line
    doc_type: str | None = None

    @classmethod
    def of_path(cls, path: str | Path, doc_type: str | None = None) -> Source:
        """A draft on disk, shown by the path as given."""
        return cls(str(path), path=Path(path), doc_type=doc_type)

    @classmethod
    def of_bytes(cls, data: bytes, name: str, doc_type: str | None = None) -> Source:
        """A draft held in memory."""
        return cls(name, data=data, doc_type=doc_type)

    @classmethod
    def of_text(cls, text: str, name: str = "<text>", doc_type: str | None = None) -> Source:
        """Plain text given as a string."""
        return cls(name, text=text, doc_type=doc_type)


def read_source(source: Source) -> Document:
    """The document model of a source; raises UnreadableDocument with a stable code."""
    if source.text is not None:
        from doclint.model.text_reader import document_from_string

        return document_from_string(source.text)
    if source.path is not None:
        from doclint.model.reader import read_path

        return read_path(source.path)
    from doclint.model.reader import read_bytes

    return read_bytes(source.data or b"", source.name)
