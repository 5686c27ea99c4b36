"""Each member of the berita acara's signature table signs in their own row, also when one
name starts another ("Ahmad" and "Ahmad Fauzi, S.H.") or a long name wraps in its cell."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from flows.pdf.placement import ROW_BOX_HEIGHT, row_box

NAME_X, MARK_X, SIZE = 80, 400, 11


def table_pdf(rows: list[list[str]]) -> tuple[bytes, list[float]]:
    """A page with a signature table as LibreOffice prints it: per row the name (one text
    line per line of its cell) and, on its first line, the numbered dotted line; the rows'
    first-line heights."""
    writer = PdfWriter()
    page = writer.add_blank_page(595, 842)
    font = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
        NameObject("/Encoding"): NameObject("/WinAnsiEncoding")}))
    page[NameObject("/Resources")] = DictionaryObject({NameObject("/Font"): DictionaryObject(
        {NameObject("/F1"): font})})
    ops, heights = [], []
    y = 760.0
    for number, lines in enumerate(rows, start=1):
        heights.append(y)
        mark = f"{number}. ".encode() + b"\x85" * 12  # WinAnsi's ellipsis
        ops.append(b"BT /F1 %d Tf 1 0 0 1 %d %.1f Tm (%s) Tj ET"
                   % (SIZE, MARK_X, y, mark))
        for index, line in enumerate(lines):
            ops.append(b"BT /F1 %d Tf 1 0 0 1 %d %.1f Tm (%s) Tj ET"
                       % (SIZE, NAME_X, y - index * 13, line.encode("cp1252")))
        y -= 60
    stream = DecodedStreamObject()
    stream.set_data(b"\n".join(ops))
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue(), heights


ROWS = [["Ahmad"], ["Ahmad Fauzi, S.H."], ["Siti Aminah"], ["Siti Aminah Lubis"],
        ["Muhammad Ridwan Hakim"], ["Muhammad Ridwan Hakim,", "S.Kom., M.T."]]
MEMBERS = ["Ahmad", "Ahmad Fauzi, S.H.", "Siti Aminah", "Siti Aminah Lubis",
           "Muhammad Ridwan Hakim", "Muhammad Ridwan Hakim, S.Kom., M.T."]


@pytest.mark.parametrize("order", ["as-printed", "reversed"])
def test_each_member_signs_in_their_own_row_when_names_start_alike(order):
    rows = ROWS if order == "as-printed" else ROWS[::-1]
    members = MEMBERS if order == "as-printed" else MEMBERS[::-1]
    pdf, heights = table_pdf(rows)
    for member, y in zip(members, heights, strict=True):
        place = row_box(pdf, member)
        assert place is not None, member
        page, (x0, bottom, _x1, top) = place
        assert page == 0 and x0 == MARK_X, (member, place)
        assert (top, bottom) == (int(y) + 10, int(y) + 10 - ROW_BOX_HEIGHT), (member, y, place)


def test_a_name_not_printed_in_the_table_has_no_row():
    pdf, _ = table_pdf(ROWS)
    assert row_box(pdf, "Ahmad Fauzan") is None
    assert row_box(pdf, "Muhammad Ridwan Hakim, S.T.") is None
    pdf, _ = table_pdf([["Ahmadi Rahman"]])
    assert row_box(pdf, "Ahmad") is None  # not a word of another member's name
