"""Tables as an Excel workbook: one sheet per table (the digest's ``-o 摘要.xlsx``)."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Sequence

from doclint.outputs.docx_writer import Gongwen, HeadingBlock, TableBlock, _fixed_zip
from doclint.outputs.reporters.text import width

Sheet = tuple[str, tuple[str, ...], Sequence[tuple[str, ...]]]

_NUMBERING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_BAD_IN_NAME = re.compile(r"[\[\]:*?/\\]")
_NUMBER = re.compile(r"^-?\d+$")
MAX_COLUMN = 60  # characters: longer text wraps


def sheets_of(doc: Gongwen) -> list[Sheet]:
    """Each table of the document, named by the heading above it (numbering left out)."""
    out: list[Sheet] = []
    heading = doc.title
    for block in doc.blocks:
        if isinstance(block, HeadingBlock):
            heading = _NUMBERING.sub("", block.text)
        elif isinstance(block, TableBlock):
            out.append((heading, block.header, block.rows))
    return out


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _BAD_IN_NAME.sub("_", name).strip("'")[:28] or "表"
    candidate, k = base, 2
    while candidate in taken:
        candidate, k = f"{base}{k}", k + 1
    taken.add(candidate)
    return candidate


def to_xlsx(sheets: Sequence[Sheet], *, title: str, author: str, date: dt.date) -> bytes:
    """The workbook: a bold header row frozen at the top, whole numbers as numbers, columns sized
    to their text; equal input gives equal bytes."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    for blank in list(wb.worksheets):
        wb.remove(blank)
    taken: set[str] = set()
    for name, header, rows in sheets:
        ws = wb.create_sheet(_sheet_name(name, taken))
        ws.append(list(header))
        for row in rows:
            ws.append([int(c) if _NUMBER.match(c) else c.replace("\n", " ") for c in row])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        ws.freeze_panes = "A2"
        for col in ws.iter_cols():
            longest = max(width(str(c.value)) for c in col if c.value is not None)
            letter = col[0].column_letter
            ws.column_dimensions[letter].width = min(MAX_COLUMN, max(6, longest + 2))
            if longest > MAX_COLUMN:
                for c in col[1:]:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
    when = dt.datetime(date.year, date.month, date.day)
    wb.properties.title = title
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = when
    wb.properties.modified = when
    buf = io.BytesIO()
    wb.save(buf)
    return _fixed_zip(buf.getvalue())
