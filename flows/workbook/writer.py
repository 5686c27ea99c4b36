"""Write round workbooks: the blank template for clerks, and filled ones (samples, tests)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from flows.domain import layout
from flows.domain.layout import Field
from flows.domain.models import RoundKind
from flows.domain.ruleset import RuleSet

TEMPLATE_ROWS = 500
"""Rows of Tim and Pejabat prepared with formats and dropdowns."""
DATE_FORMAT = "DD/MM/YYYY"
TEXT_FORMAT = "@"

_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="F8CBAD")
_BOLD = Font(bold=True)
_THIN = Side(style="thin", color="808080")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


@dataclass
class WorkbookContent:
    """What goes into a filled workbook; the blank template has none of it."""

    putaran: Sequence[tuple[str, object]] = ()
    tim: Sequence[Mapping[str, object]] = ()
    pejabat: Sequence[Mapping[str, object]] = ()
    pejabat_columns: Sequence[str] = field(
        default_factory=lambda: [f.name for f in layout.PEJABAT])
    bobot: Sequence[tuple[str, object]] = ()


def blank_for(jenis: RoundKind, rules: RuleSet) -> WorkbookContent:
    """The blank template of one kind of round: its kind filled in, and only the score
    columns that kind weighs by default (a column without a weight would warn on every
    round). Without a kind, the template has every score column."""
    weighted = {w.component for w in rules.weights[jenis]}
    columns = [f.name for f in layout.PEJABAT
               if not f.name.startswith(layout.SCORE_PREFIX) or f.name in weighted]
    return WorkbookContent(putaran=[("jenis_putaran", jenis.value)], pejabat_columns=columns)


def write_workbook(path: Path, content: WorkbookContent | None = None) -> None:
    """Write the round workbook to ``path`` (the blank template when ``content`` is None)."""
    content = content or WorkbookContent()
    wb = Workbook()
    _petunjuk(wb.active)
    _lists(wb)
    _putaran(wb.create_sheet(layout.SHEET_PUTARAN), content.putaran)
    _table(wb.create_sheet(layout.SHEET_TIM), layout.TIM, [f.name for f in layout.TIM],
           content.tim)
    _table(wb.create_sheet(layout.SHEET_PEJABAT), layout.PEJABAT, content.pejabat_columns,
           content.pejabat)
    _table(wb.create_sheet(layout.SHEET_BOBOT), layout.BOBOT, [f.name for f in layout.BOBOT],
           [{"komponen": k, "bobot": b} for k, b in content.bobot], prepare_rows=20)
    wb.move_sheet(layout.SHEET_DAFTAR, offset=len(wb.sheetnames))
    wb.active = 1
    wb.properties.creator = "naskah"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _petunjuk(ws: Worksheet) -> None:
    ws.title = layout.SHEET_PETUNJUK
    lines = [
        ("Petunjuk pengisian workbook putaran evaluasi JPT Pratama", None),
        ("Satu workbook untuk satu putaran. Isi sheet Putaran, Tim dan Pejabat; sheet Bobot "
         "boleh dikosongkan (bobot bawaan dipakai). Jangan mengubah nama sheet dan judul kolom. "
         "Judul kolom berwarna jingga wajib ada dan diisi. Tanggal boleh berupa tanggal Excel, "
         "dd/mm/yyyy, dd-mm-yyyy atau teks seperti 11 November 2024. NIP diketik sebagai teks, "
         "boleh dengan spasi. Periksa workbook dengan perintah: naskah validate NAMA_BERKAS.xlsx",
         None),
    ]
    for row, (text, _) in enumerate(lines, start=1):
        ws.cell(row, 1, text).alignment = _WRAP
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=6)
    ws["A1"].font = Font(bold=True, size=14)
    ws.row_dimensions[2].height = 75
    headers = ("Sheet", "Kolom / kunci", "Wajib", "Format", "Keterangan", "Contoh")
    start = 4
    for col, text in enumerate(headers, start=1):
        _header_cell(ws.cell(start, col, text), required=False)
    formats = {"text": "teks", "date": "tanggal", "number": "angka", "nip": "NIP (teks)",
               "choice": "pilihan", "code": "kode"}
    row = start + 1
    for sheet, fields in ((layout.SHEET_PUTARAN, layout.PUTARAN), (layout.SHEET_TIM, layout.TIM),
                          (layout.SHEET_PEJABAT, layout.PEJABAT),
                          (layout.SHEET_BOBOT, layout.BOBOT)):
        for f in fields:
            fmt = formats[f.kind]
            if f.choices:
                fmt = "pilihan: " + ", ".join(f.choices) if len(f.choices) <= 6 else "pilihan"
            values = (sheet, f.name, "Ya" if f.required else "Tidak", fmt, f.description,
                      f.example)
            for col, value in enumerate(values, start=1):
                cell = ws.cell(row, col, value)
                cell.alignment = _WRAP
                cell.border = _BORDER
            row += 1
    for column, width in zip("ABCDEF", (11, 28, 8, 24, 70, 34), strict=True):
        ws.column_dimensions[column].width = width
    ws.freeze_panes = f"A{start + 1}"


def _lists(wb: Workbook) -> None:
    """Hidden sheet with the dropdown lists (too long for inline lists)."""
    ws = wb.create_sheet(layout.SHEET_DAFTAR)
    lists = _choice_lists()
    for col, (name, values) in enumerate(lists.items(), start=1):
        ws.cell(1, col, name).font = _BOLD
        for row, value in enumerate(values, start=2):
            ws.cell(row, col, value)
        letter = get_column_letter(col)
        ref = f"'{layout.SHEET_DAFTAR}'!${letter}$2:${letter}${len(values) + 1}"
        wb.defined_names[f"daftar_{name}"] = DefinedName(f"daftar_{name}", attr_text=ref)
    ws.sheet_state = "hidden"


def _choice_lists() -> dict[str, tuple[str, ...]]:
    fields = (*layout.PUTARAN, *layout.TIM, *layout.PEJABAT)
    return {f.name: f.choices for f in fields if f.choices}


def _header_cell(cell: Cell, *, required: bool) -> None:
    cell.font = _BOLD
    cell.fill = _REQUIRED_FILL if required else _HEADER_FILL
    cell.border = _BORDER
    cell.alignment = Alignment(vertical="center")


def _putaran(ws: Worksheet, values: Sequence[tuple[str, object]]) -> None:
    for col, text in enumerate(("kunci", "nilai", "keterangan"), start=1):
        _header_cell(ws.cell(1, col, text), required=False)
    given = dict(values)
    extra = [(k, v) for k, v in values if k not in {f.name for f in layout.PUTARAN}]
    fields = {f.name: f for f in layout.PUTARAN}
    for row, name in enumerate([*fields, *(k for k, _ in extra)], start=2):
        f = fields.get(name)
        key = ws.cell(row, 1, name)
        key.font = _BOLD
        if f is not None and f.required:
            key.fill = _REQUIRED_FILL
        value = ws.cell(row, 2, given.get(name))
        value.number_format = DATE_FORMAT if f is not None and f.kind == "date" else TEXT_FORMAT
        value.border = _BORDER
        if f is not None:
            note = ws.cell(row, 3, ("Wajib. " if f.required else "") + f.description)
            note.alignment = _WRAP
            if f.choices:
                _dropdown(ws, f.name, f"B{row}")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 55
    ws.column_dimensions["C"].width = 80
    ws.freeze_panes = "B2"


def _table(ws: Worksheet, fields: Sequence[Field], columns: Sequence[str],
           rows: Sequence[Mapping[str, object]], prepare_rows: int = TEMPLATE_ROWS) -> None:
    by_name = {f.name: f for f in fields}
    last = max(prepare_rows, len(rows)) + 1
    for col, name in enumerate(columns, start=1):
        f = by_name.get(name)
        _header_cell(ws.cell(1, col, name), required=bool(f and f.required))
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = _width(name)
        kind = f.kind if f else ("number" if name.startswith(layout.SCORE_PREFIX) else "text")
        if kind in ("date", "nip", "text", "choice"):
            # A column style: Excel and LibreOffice give it to every cell typed there, so an
            # NIP stays text and a date shows as dd/mm/yyyy without 500 pre-styled cells.
            ws.column_dimensions[letter].number_format = (
                DATE_FORMAT if kind == "date" else TEXT_FORMAT)
            for row in range(2, len(rows) + 2):
                ws.cell(row, col).number_format = ws.column_dimensions[letter].number_format
        if f and f.choices:
            _dropdown(ws, name, f"{letter}2:{letter}{last}")
        if kind == "number" and name != "no":
            dv = DataValidation(type="decimal", operator="between", formula1="0",
                                formula2="100", allow_blank=True, showErrorMessage=True,
                                errorTitle="Nilai tidak sah", error="Isi angka 0 sampai 100.")
            dv.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(dv)
    for row_number, values in enumerate(rows, start=2):
        for col, name in enumerate(columns, start=1):
            if name in values and values[name] is not None:
                ws.cell(row_number, col, values[name])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}1"


def _dropdown(ws: Worksheet, name: str, ref: str) -> None:
    dv = DataValidation(type="list", formula1=f"daftar_{name}", allow_blank=True,
                        showErrorMessage=True, errorStyle="warning",
                        errorTitle="Pilihan tidak dikenal",
                        error="Pilih salah satu nilai dari daftar.")
    dv.add(ref)
    ws.add_data_validation(dv)


def _width(name: str) -> float:
    wide = {"nama": 34, "jabatan": 40, "unit_kerja": 32, "jabatan_sasaran": 40,
            "rekomendasi_manual": 40, "catatan": 30, "nip": 24, "pangkat_golongan": 30,
            "pangkat": 24, "kedudukan_dalam_tim": 20, "komponen": 24}
    return wide.get(name, max(12, len(name) + 4))
