"""rekap.xlsx: the round's results for the office's own records, and its warnings."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from flows.domain.evaluation import RoundEvaluation
from flows.domain.issues import Issue
from flows.domain.letters import LetterKind
from flows.domain.models import Round
from flows.outputs.files import repeatable_zip

_HEADER = PatternFill("solid", fgColor="1F4E78")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_THIN = Side(style="thin", color="A6A6A6")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def rekap_bytes(rnd: Round, evaluation: RoundEvaluation, warnings: Sequence[Issue],
                numbers: Mapping[tuple[str, str], str]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Hasil"
    components = [w.component for w in rnd.weights]
    headers = ["Peringkat", "NIP", "Nama", "Jabatan", "Jabatan sasaran",
               *(f"{score_label(c)} ({w.percent}%)"
                 for c, w in zip(components, rnd.weights, strict=True)),
               "Nilai akhir", "Kategori", "Masa jabatan", "Rekomendasi", "Permohonan",
               "Nomor undangan", "Nomor pemberitahuan"]
    widths = [10, 22, 34, 40, 36, *([14] * len(components)), 12, 11, 18, 60, 12, 28, 28]
    ws.append(headers)
    for r in evaluation.ranked:
        o = r.official
        ws.append([
            r.rank, o.nip.display(), o.full_name, o.jabatan, o.jabatan_sasaran or "",
            *(float(o.scores[c]) for c in components), float(r.final_score), r.category.value,
            str(r.tenure), r.recommendation, "Ya" if r.needs_request else "Tidak",
            numbers.get((LetterKind.UNDANGAN, o.nip.digits), ""),
            numbers.get((LetterKind.PEMBERITAHUAN_HASIL, o.nip.digits), ""),
        ])
    first_score = 6
    for col in range(first_score, first_score + len(components) + 1):
        for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell.number_format = "0.00"
    _style(ws, widths)
    issues = wb.create_sheet("Peringatan")
    issues.append(["Sel", "Keterangan"])
    for issue in warnings:
        issues.append([issue.ref, issue.message])
    _style(issues, [16, 120])
    for sheet in wb.worksheets:
        _as_text(sheet)
    wb.properties.creator = "naskah"
    out = io.BytesIO()
    wb.save(out)
    return repeatable_zip(out.getvalue(), _fixed_dates)


def _as_text(ws: Worksheet) -> None:
    """Every text value stays text: openpyxl would store "=cmd|' /C calc'!A0" or
    "=HYPERLINK(…)" typed into the workbook as a live formula. A string cell with a quote
    prefix is shown as typed and is not re-read as a formula when a clerk edits it."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"
                if cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    cell.quotePrefix = True


def score_label(component: str) -> str:
    """A score column as a clerk reads it: ``nilai_rekam_jejak`` → ``Nilai rekam jejak``."""
    return component.replace("_", " ").strip().capitalize()


def _fixed_dates(name: str, data: bytes) -> bytes:
    """openpyxl stamps the save time into core.xml; a rerun must give identical bytes."""
    if name != "docProps/core.xml":
        return data
    return re.sub(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z",
                  data)


def _style(ws: Worksheet, widths: Sequence[int]) -> None:
    for cell in ws[1]:
        cell.fill, cell.font, cell.border = _HEADER, _HEADER_FONT, _BORDER
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.border = _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[ws.cell(1, i).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
