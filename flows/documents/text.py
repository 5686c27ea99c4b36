"""Plain text of a rendered letter, in reading order: what the golden tests compare.

(The desk's previews are page pictures of the PDF, flows/web/preview.py, not this text.)"""

from __future__ import annotations

import io

from docx import Document
from docx.table import Table
from docx.text.paragraph import Paragraph


def document_text(data: bytes) -> str:
    """Paragraphs as lines; each table row as its cells joined by `` | ``."""
    document = Document(io.BytesIO(data))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text.rstrip())
        else:
            lines += _table_lines(block)
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"


def _table_lines(table: Table) -> list[str]:
    lines = []
    for row in table.rows:
        cells, seen = [], set()
        for cell in row.cells:
            if cell._tc in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(cell._tc)
            cells.append(" / ".join(p.text.strip() for p in cell.paragraphs if p.text.strip()))
        lines.append(" | ".join(cells).rstrip())
    return lines
