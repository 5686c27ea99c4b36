"""Where a visible signature goes: in the gap above the signer's printed name."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

BOX_WIDTH, BOX_HEIGHT = 215, 56
GAP_ABOVE_NAME = 14


LAMPIRAN = "LAMPIRAN"
"""How a lampiran's heading starts."""
ROW_BOX_WIDTH, ROW_BOX_HEIGHT = 120, 46
"""A signature in a row of a signature table (the berita acara's "Tanda Tangan" column)."""
ROW_MARK = "…"
"""The dotted line a signature cell of the table starts with ("1. ……")."""


def signature_box(pdf: bytes, names: list[str], index: int = 0
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """(page, box) above the last place one of ``names`` is printed before the lampiran (a
    Keputusan's lampiran repeats the signature block: the signature belongs on the main one),
    else anywhere; without one, the bottom right of the last page. ``index`` stacks further
    signatures upwards."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = [n.strip().lower() for n in names if n and n.strip()]
    found: tuple[int, float, float] | None = None
    for number, pdf_page in enumerate(reader.pages):
        hits: list[tuple[float, float]] = []
        lampiran: list[bool] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  hits: list[tuple[float, float]] = hits,
                  lampiran: list[bool] = lampiran) -> None:
            if any(w in text.strip().lower() for w in wanted):
                hits.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))
            if text.strip().startswith(LAMPIRAN):
                lampiran.append(True)

        pdf_page.extract_text(visitor_text=visit)
        if lampiran and found is not None:
            break
        if hits:
            found = (number, *hits[-1])
    if found is None:
        page = len(reader.pages) - 1
        x, y = 330, 70 + index * (BOX_HEIGHT + 6)
    else:
        page, name_x, name_y = found
        x, y = int(name_x), int(name_y) + GAP_ABOVE_NAME + index * (BOX_HEIGHT + 6)
    return page, (x, y, x + BOX_WIDTH, y + BOX_HEIGHT)


def row_box(pdf: bytes, name: str) -> tuple[int, tuple[int, int, int, int]] | None:
    """(page, box) in the signature cell of the table row that prints ``name``: the cell
    starting with the dotted line on the name's line, the last such row in the document.
    None when the name is not printed in such a row.

    A line that is exactly the name wins over one that only contains it or starts it, so
    that "Ahmad" signs on his own row, not on that of "Ahmad Fauzi, S.H." below; a long
    name's first line counts only when the line under it continues the name."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = _plain(name)
    exact: tuple[int, float, float] | None = None
    partial: tuple[int, float, float] | None = None
    for number, pdf_page in enumerate(reader.pages):
        lines: list[tuple[str, float, float]] = []
        marks: list[tuple[float, float]] = []

        def visit(text: str, cm: list[float], tm: list[float], font: object, size: float,
                  lines: list[tuple[str, float, float]] = lines,
                  marks: list[tuple[float, float]] = marks) -> None:
            x, y = tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]
            if _plain(text):
                lines.append((_plain(text), x, y))
            if ROW_MARK in text:
                marks.append((x, y))

        pdf_page.extract_text(visitor_text=visit)
        for shown, x, y in lines:
            if not wanted:
                break
            row = [mx for mx, my in marks if abs(my - y) < 3 and mx > x]
            if not row:
                continue
            if shown == wanted:
                exact = (number, min(row), y)
            elif _contains(shown, wanted) or (len(shown) >= 12 and wanted.startswith(shown)
                                              and _continued(wanted[len(shown):], x, y, lines)):
                partial = (number, min(row), y)
    found = exact or partial
    if found is None:
        return None
    page, x, y = found
    top = int(y) + 10
    return page, (int(x), top - ROW_BOX_HEIGHT, int(x) + ROW_BOX_WIDTH, top)


def _plain(text: str) -> str:
    return " ".join(text.lower().split())


def _contains(shown: str, wanted: str) -> bool:
    """``wanted`` in ``shown`` as whole words ("ahmad" is not in "ahmadi")."""
    return re.search(rf"(?<!\w){re.escape(wanted)}(?!\w)", shown) is not None


LINE_GAP = 20
"""At most this far (points) below a line of a cell is the cell's next line."""


def _continued(rest: str, x: float, y: float, lines: list[tuple[str, float, float]]) -> bool:
    """Whether a line right under (x, y), in the same cell, goes on with ``rest`` of a
    wrapped name."""
    rest = rest.strip()
    return bool(rest) and any(
        abs(lx - x) < 3 and 0 < y - ly <= LINE_GAP and (rest.startswith(shown)
                                                         or shown.startswith(rest))
        for shown, lx, ly in lines)
