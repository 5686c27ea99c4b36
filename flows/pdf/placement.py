"""Where a visible signature goes: in the gap above the signer's printed name."""

from __future__ import annotations

import io

from pypdf import PdfReader

BOX_WIDTH, BOX_HEIGHT = 215, 56
GAP_ABOVE_NAME = 14


def signature_box(pdf: bytes, names: list[str], index: int = 0
                  ) -> tuple[int, tuple[int, int, int, int]]:
    """(page, box) above the last place one of ``names`` is printed; without one, the
    bottom right of the last page. ``index`` stacks further signatures upwards."""
    reader = PdfReader(io.BytesIO(pdf))
    wanted = [n.strip().lower() for n in names if n and n.strip()]
    found: tuple[int, float, float] | None = None
    for number, page in enumerate(reader.pages):
        hits: list[tuple[float, float]] = []

        def visit(text, cm, tm, font, size, hits=hits):  # type: ignore[no-untyped-def]
            if any(w in text.strip().lower() for w in wanted):
                hits.append((tm[4] * cm[0] + cm[4], tm[5] * cm[3] + cm[5]))

        page.extract_text(visitor_text=visit)
        if hits:
            found = (number, *hits[-1])
    if found is None:
        page = len(reader.pages) - 1
        x, y = 330, 70 + index * (BOX_HEIGHT + 6)
    else:
        page, name_x, name_y = found
        x, y = int(name_x), int(name_y) + GAP_ABOVE_NAME + index * (BOX_HEIGHT + 6)
    return page, (x, y, x + BOX_WIDTH, y + BOX_HEIGHT)
