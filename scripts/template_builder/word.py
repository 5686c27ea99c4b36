"""Small python-docx helpers for building templates: paragraphs, tables, kop, signatures."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

FONT = "Arial"
"""Rendered by LibreOffice with Liberation Sans, which has the same metrics."""
FONT_KEPUTUSAN = "Bookman Old Style"
"""A Keputusan's face; rendered with URW Bookman (fontconfig alias from scripts/install.sh)."""
A4_MM, F4_MM = (210, 297), (215, 330)
BODY_PT = 12
TABLE_PT = 10
LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)
TEXT_WIDTH_CM = 16.0
"""A4 (21 cm) less margins of 3 cm left and 2 cm right."""


def new_document(title: str, *, font: str = FONT,
                 paper_mm: tuple[int, int] = A4_MM) -> DocumentType:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(paper_mm[0]), Mm(paper_mm[1])
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    normal = doc.styles["Normal"]
    normal.font.name = font
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), font)
    fonts.set(qn("w:cs"), font)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    props = doc.core_properties
    props.title, props.author, props.comments = title, "naskah", "Template bawaan naskah"
    props.created = props.modified = dt.datetime(2024, 1, 1)
    props.last_modified_by = "naskah"
    props.revision = 1
    return doc


def para(container, text: str = "", *, bold: bool = False, align=LEFT, size: float | None = None,
         underline: bool = False, left_cm: float = 0, first_cm: float = 0,
         after_pt: float = 0, before_pt: float = 0, keep_next: bool = False,
         italic: bool = False) -> Paragraph:
    """A paragraph of one run (so every Jinja tag stays within one run)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.alignment = align
    fmt.left_indent = Cm(left_cm) if left_cm else None
    fmt.first_line_indent = Cm(first_cm) if first_cm else None
    fmt.space_after, fmt.space_before = Pt(after_pt), Pt(before_pt)
    fmt.keep_with_next = keep_next or None
    if text:
        add_run(p, text, bold=bold, size=size, underline=underline, italic=italic)
    return p


def add_run(p: Paragraph, text: str, *, bold: bool = False, size: float | None = None,
            underline: bool = False, italic: bool = False):  # type: ignore[no-untyped-def]
    run = p.add_run(text)
    run.bold = bold or None
    run.italic = italic or None
    run.underline = underline or None
    if size:
        run.font.size = Pt(size)
    return run


def tag(container, text: str) -> Paragraph:
    """A paragraph holding only a docxtpl paragraph tag such as ``{%p if x %}``."""
    return para(container, text)


def page_break(doc: DocumentType) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def bottom_border(p: Paragraph, style: str = "thickThinSmallGap", size: int = 18) -> None:
    pPr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", style), ("w:sz", str(size)), ("w:space", "1"),
                       ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    pPr.append(borders)


def table(container, rows: int, widths_cm: Sequence[float], *, grid: bool = True) -> Table:
    t = container.add_table(rows=rows, cols=len(widths_cm))
    if grid:
        t.style = "Table Grid"
    t.alignment = WD_TABLE_ALIGNMENT.CENTER if grid else WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for column, width in zip(t.columns, widths_cm, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice follows
    for row in t.rows:
        for c, width in zip(row.cells, widths_cm, strict=True):
            c.width = Cm(width)  # the cells, which Word follows
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    t._tbl.tblPr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # 0.1 cm: narrow columns keep their text on one line
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    t._tbl.tblPr.append(margins)
    return t


def cell(c: _Cell, text: str = "", *, bold: bool = False, align=LEFT,
         size: float | None = TABLE_PT) -> Paragraph:
    """Write into a cell's first paragraph (cells start with one empty paragraph)."""
    p = c.paragraphs[0]
    p.paragraph_format.alignment = align
    if text:
        add_run(p, text, bold=bold, size=size)
    return p


def cell_para(c: _Cell, text: str, *, bold: bool = False, align=LEFT,
              size: float | None = TABLE_PT) -> Paragraph:
    """Another paragraph in a cell."""
    p = c.add_paragraph()
    p.paragraph_format.alignment = align
    add_run(p, text, bold=bold, size=size)
    return p


def repeat_header(row: _Row) -> None:
    """Repeat this row at the top of every page the table runs onto."""
    trPr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    trPr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    trPr.append(cant_split)


SOFT_HYPHEN = "\u00ad"
"""In a header title: where a word too long for its column may break, with a hyphen
("PERING-/KAT", not "PERINGKA/T")."""


def header_row(t: Table, titles: Sequence[str], size: float = 8) -> None:
    for c, title in zip(t.rows[0].cells, titles, strict=True):
        parts = title.split(SOFT_HYPHEN)
        p = cell(c, parts[0], bold=True, align=CENTER, size=size)
        for part in parts[1:]:
            run = add_run(p, part, bold=True, size=size)
            run._r.insert(run._r.index(run._r.find(qn("w:t"))), OxmlElement("w:softHyphen"))
    repeat_header(t.rows[0])


def loop_rows(t: Table, start: int, loop: str, cells: Sequence[str],
              aligns: Sequence | None = None, size: float | None = TABLE_PT) -> None:
    """Rows ``start``..``start+2`` become ``{%tr for … %}``, the item row, ``{%tr endfor %}``."""
    cell(t.rows[start].cells[0], f"{{%tr {loop} %}}", size=None)
    for i, text in enumerate(cells):
        align = (aligns[i] if aligns else None) or LEFT
        cell(t.rows[start + 1].cells[i], text, align=align, size=size)
    cell(t.rows[start + 2].cells[0], "{%tr endfor %}", size=None)
    t.rows[start + 1]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


def fields_block(container, items: Sequence[tuple[str, str]], widths_cm=(2.8, 0.5, 12.7),
                 size: float | None = BODY_PT) -> Table:
    """``Nomor : …`` lines, aligned on the colon, without borders."""
    t = table(container, len(items), widths_cm, grid=False)
    for row, (label, value) in zip(t.rows, items, strict=True):
        cell(row.cells[0], label, size=size)
        cell(row.cells[1], ":", size=size)
        cell(row.cells[2], value, size=size)
    return t


def signature(container, lines: Sequence[tuple[str, dict]], left_cm: float = 8.5,
              gap_lines: int = 4, gap_after: int = 1) -> None:
    """Right-hand signature block; an empty line count marks the space for the signature."""
    for i, (text, style) in enumerate(lines):
        para(container, text, left_cm=left_cm, keep_next=True, **style)
        if i == gap_after:
            for _ in range(gap_lines):
                para(container, "", left_cm=left_cm, keep_next=True)


LAMBANG_NEGARA, LAMBANG_DAERAH = "naskah:lambang_negara", "naskah:lambang_daerah"
"""Alt text of the kop pictures: naskah puts the office's emblem there when rendering."""


def emblem(p: Paragraph, descr: str, width_cm: float) -> None:
    """The placeholder frame (a picture marked LAMBANG), named by its alt text ``descr``."""
    import io

    from scripts.template_builder.emblem import placeholder

    p.add_run().add_picture(io.BytesIO(placeholder()), width=Cm(width_cm))
    doc_pr = p._p.xpath(".//wp:docPr")[-1]
    doc_pr.set("descr", descr)
    doc_pr.set("name", descr.split(":")[1])


def kop_unit(doc: DocumentType) -> None:
    """Kop of the personnel unit (naskah dinas perangkat daerah): the lambang daerah on the
    left; government, unit, address and contact lines centred; a double rule under it."""
    t = table(doc, 1, (2.6, 12.8, 0.6), grid=False)
    left, middle, _ = t.rows[0].cells
    for c in (left, middle):
        c.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    emblem(cell(left, "", align=CENTER), LAMBANG_DAERAH, 2.2)
    cell(middle, "{{ kop.pemerintah }}", bold=True, align=CENTER, size=14)
    cell_para(middle, "{{ kop.unit }}", bold=True, align=CENTER, size=13)
    for line in ("{{ kop.baris_alamat }}", "{{ kop.baris_kontak }}"):
        name = line.strip("{} ")
        cell_para(middle, f"{{%p if {name} %}}", align=CENTER, size=None)
        cell_para(middle, line, align=CENTER, size=9)
        cell_para(middle, "{%p endif %}", align=CENTER, size=None)
    rule = para(doc, "", after_pt=12)
    bottom_border(rule)


def kop_kepala_daerah(doc: DocumentType) -> None:
    """Kop of the kepala daerah's own documents (Keputusan, letters to BKN and ministers):
    the lambang negara centred above the office name in capitals."""
    emblem(para(doc, "", align=CENTER, after_pt=4), LAMBANG_NEGARA, 2.6)
    para(doc, "{{ kop.kepala_daerah }}", bold=True, align=CENTER, size=14, after_pt=12)


def surat_kepala_daerah(doc: DocumentType, hal: str) -> None:
    """The head of a letter of the kepala daerah: kop, place and date, Nomor/Sifat/Lampiran/
    Hal."""
    kop_kepala_daerah(doc)
    para(doc, "{{ putaran.ibu_kota }}, {{ tanggal }}", align=RIGHT, after_pt=12)
    fields_block(doc, [("Nomor", "{{ nomor }}"), ("Sifat", "Segera"),
                       ("Lampiran", "1 (satu) berkas"), ("Hal", hal)])
    para(doc, "", after_pt=6)


def sign_kepala_daerah(doc: DocumentType) -> None:
    """The kepala daerah's signature block: jabatan and name in capitals, no NIP."""
    signature(doc, [
        ("{{ kop.kepala_daerah }},", {"bold": True}),
        ("{{ penanda_tangan.nama_kapital }}", {"bold": True}),
    ], gap_after=0)


def lampiran_surat(doc: DocumentType, hal: str) -> None:
    """A new page headed as the lampiran of the kepala daerah's letter (its number, date and
    hal at the top right), then the title of the list of those proposed."""
    page_break(doc)
    head = table(doc, 4, (7.5, 2.3, 0.4, 5.8), grid=False)
    cell(head.rows[0].cells[1], "LAMPIRAN SURAT {{ kop.kepala_daerah }}", size=10)
    head.rows[0].cells[1].merge(head.rows[0].cells[3])
    for row, (label, value) in zip(head.rows[1:], (("NOMOR", "{{ nomor }}"),
                                                   ("TANGGAL", "{{ tanggal }}"),
                                                   ("HAL", hal)), strict=True):
        cell(row.cells[1], label, size=10)
        cell(row.cells[2], ":", size=10)
        cell(row.cells[3], value, size=10)
    para(doc, "", after_pt=12)
    para(doc, "DAFTAR {{ putaran.peserta|upper }} YANG DIUSULKAN", bold=True, align=CENTER,
         after_pt=12)


def tembusan(doc: DocumentType, items: Sequence[str]) -> None:
    para(doc, "Tembusan Yth.:", before_pt=12, size=10)
    for i, item in enumerate(items, start=1):
        para(doc, f"{i}. {item}", size=10, left_cm=0.5)
