"""Read a round workbook into raw cells, in bounded time and memory.

Formulas are read by their cached value; a formula saved without one is flagged for the core
to report. Files that are not xlsx workbooks become one WorkbookError with a clear message.
"""

from __future__ import annotations

import re
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from flows.domain.layout import SHEET_BOBOT, SHEET_PEJABAT, SHEET_PUTARAN, SHEET_TIM
from flows.domain.raw import CellState, RawCell, RawSheet, RawWorkbook
from flows.errors import WorkbookError

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 400 * 1024 * 1024
MAX_DATA_ROWS = 10_000
"""Non-empty rows a sheet may have; a province-wide round stays far below this."""
MAX_SCANNED_ROWS = 200_000
"""Rows (empty or not) read before giving up on a sheet."""
MAX_COLUMNS = 60
MAX_SHARED_STRINGS = 300_000
"""Shared strings a workbook may hold: 10,000 rows of text stay far below this, while a few
hundred KB of zip can declare millions (each one an object in openpyxl's memory)."""
MAX_READ_S = 60.0
"""Seconds the checks and the reading of one workbook may take."""
_SHARED_STRING = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s>/]")
SHEETS = tuple(s.lower() for s in (SHEET_PUTARAN, SHEET_TIM, SHEET_PEJABAT, SHEET_BOBOT))

_CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def read_workbook(path: Path) -> RawWorkbook:
    """The contract sheets of ``path`` as raw cells; WorkbookError when unreadable."""
    deadline = time.monotonic() + MAX_READ_S
    _check_container(path, deadline)
    try:
        with warnings.catch_warnings():
            # openpyxl warns about data validation and other extensions it does not keep.
            warnings.simplefilter("ignore")
            values = load_workbook(path, read_only=True, data_only=True, keep_links=False)
            try:
                return _read_sheets(path, values, deadline)
            finally:
                values.close()
    except WorkbookError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise WorkbookError(
            f"{path.name}: workbook rusak dan tidak dapat dibaca ({type(exc).__name__}). "
            "Buka di Excel atau LibreOffice, lalu simpan ulang sebagai .xlsx."
        ) from exc


def _check_container(path: Path, deadline: float) -> None:
    if not path.exists():
        raise WorkbookError(f"Berkas {path} tidak ditemukan.")
    if not path.is_file():
        raise WorkbookError(f"{path} bukan berkas.")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise WorkbookError(f"{path.name}: berkas terlalu besar ({size // 1024 // 1024} MB); "
                            f"batasnya {MAX_FILE_BYTES // 1024 // 1024} MB.")
    with path.open("rb") as handle:
        head = handle.read(8)
        if head == _CFB_MAGIC:
            if _ENCRYPTED_STREAM in handle.read():
                raise WorkbookError(
                    f"{path.name}: workbook dilindungi kata sandi. Buka di Excel, hapus kata "
                    "sandinya (File > Info > Protect Workbook), lalu simpan ulang."
                )
            raise WorkbookError(f"{path.name}: berkas berformat Excel lama (.xls). "
                                "Simpan ulang sebagai Excel Workbook (.xlsx).")
    if not zipfile.is_zipfile(path):
        raise WorkbookError(f"{path.name}: bukan berkas Excel .xlsx. Gunakan workbook putaran "
                            "dari perintah `naskah template-workbook`.")
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                raise WorkbookError(f"{path.name}: berkas OpenDocument (.ods). Simpan ulang "
                                    "sebagai Excel 2007-365 (.xlsx).")
            if "xl/workbook.xml" not in names:
                raise WorkbookError(f"{path.name}: arsip zip ini bukan workbook Excel .xlsx.")
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked <= MAX_UNPACKED_BYTES:
                _check_parts(path, archive, deadline)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise WorkbookError(f"{path.name}: berkas .xlsx rusak ({type(exc).__name__}).") from exc
    if unpacked > MAX_UNPACKED_BYTES:
        raise WorkbookError(f"{path.name}: isi workbook terlalu besar "
                            f"({unpacked // 1024 // 1024} MB setelah dibuka).")


def _check_parts(path: Path, archive: zipfile.ZipFile, deadline: float) -> None:
    """Unpack every part once, counting the bytes really unpacked (a zip may declare fewer)
    and the shared strings, within the time limit; before openpyxl holds any of it."""
    total = 0
    for info in archive.infolist():
        shared = info.filename.lower().endswith("sharedstrings.xml")
        count, tail = 0, b""
        with archive.open(info) as part:
            while block := part.read(1 << 20):
                total += len(block)
                if total > MAX_UNPACKED_BYTES:
                    raise WorkbookError(f"{path.name}: isi workbook terlalu besar (lebih dari "
                                        f"{MAX_UNPACKED_BYTES // 1024 // 1024} MB setelah "
                                        "dibuka).")
                if shared:
                    window = tail + block
                    count += len(_SHARED_STRING.findall(window)) - len(
                        _SHARED_STRING.findall(tail))
                    tail = window[-16:]
                    if count > MAX_SHARED_STRINGS:
                        raise WorkbookError(
                            f"{path.name}: workbook berisi lebih dari "
                            f"{MAX_SHARED_STRINGS:,} teks; workbook putaran ".replace(",", ".")
                            + "yang wajar jauh di bawah itu. Salin hanya sheet Putaran, Tim, "
                            "Pejabat dan Bobot ke workbook baru (naskah template-workbook), "
                            "lalu unggah lagi.")
                _check_time(path, deadline)


def _check_time(path: Path, deadline: float) -> None:
    if time.monotonic() > deadline:
        raise WorkbookError(f"{path.name}: workbook terlalu lama dibaca (lebih dari "
                            f"{MAX_READ_S:.0f} detik). Simpan ulang hanya sheet putaran di "
                            "workbook baru, lalu coba lagi.")


def _read_sheets(path: Path, values: Workbook, deadline: float) -> RawWorkbook:
    wanted = {ws.title.strip().lower(): ws for ws in values.worksheets}
    sheets: dict[str, RawSheet] = {}
    missing_cache: dict[str, list[tuple[int, int]]] = {}
    for key in SHEETS:
        ws = wanted.get(key)
        if ws is None:
            continue
        rows, suspects = _read_rows(ws, lambda: _check_time(path, deadline))
        sheets[key] = RawSheet(ws.title, rows)
        if suspects:
            missing_cache[key] = suspects
    if missing_cache:
        sheets = _mark_formulas(path, sheets, missing_cache)
    return RawWorkbook(sheets, date1904=values.epoch == CALENDAR_MAC_1904)


Rows = tuple[tuple[RawCell, ...], ...]


def _read_rows(ws: ReadOnlyWorksheet, check_time: Callable[[], None] = lambda: None,
               ) -> tuple[Rows, list[tuple[int, int]]]:
    """Non-empty rows, and positions of cells that exist but hold no value (maybe formulas)."""
    rows: list[tuple[RawCell, ...]] = []
    suspects: list[tuple[int, int]] = []
    # The <dimension> a file declares may be stale (some tools never update it): without
    # this reset, openpyxl silently stops at the declared last row.
    ws.reset_dimensions()
    for scanned, row in enumerate(ws.iter_rows(max_col=MAX_COLUMNS), start=1):
        if scanned % 1000 == 0:
            check_time()
        if scanned > MAX_SCANNED_ROWS:
            raise WorkbookError(f'sheet "{ws.title}" memiliki lebih dari {MAX_SCANNED_ROWS:,} '
                                "baris; hapus baris kosong yang tidak dipakai.".replace(",", "."))
        cells = []
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                if isinstance(cell, ReadOnlyCell):
                    suspects.append((cell.row, cell.column))
                continue
            if isinstance(value, str) and not value.strip():
                continue
            state = CellState.EXCEL_ERROR if cell.data_type == "e" else CellState.VALUE
            cells.append(RawCell(cell.row, cell.column, value, state))
        if cells:
            rows.append(tuple(cells))
            if len(rows) > MAX_DATA_ROWS + 1:
                raise WorkbookError(
                    f'sheet "{ws.title}" berisi lebih dari {MAX_DATA_ROWS:,} baris data; '.replace(
                        ",", ".") + "pecah putaran menjadi beberapa workbook.")
    return tuple(rows), suspects


def _mark_formulas(path: Path, sheets: dict[str, RawSheet],
                   suspects: dict[str, list[tuple[int, int]]]) -> dict[str, RawSheet]:
    """Second pass over the formulas: an empty cached value of a formula is not a blank."""
    formulas = load_workbook(path, read_only=True, data_only=False, keep_links=False)
    try:
        by_key = {ws.title.strip().lower(): ws for ws in formulas.worksheets}
        result = dict(sheets)
        for key, positions in suspects.items():
            found = set(_formula_positions(by_key[key], set(positions)))
            if not found:
                continue
            extra = [RawCell(r, c, None, CellState.FORMULA_WITHOUT_VALUE) for r, c in found]
            result[key] = RawSheet(sheets[key].title, _merge(sheets[key].rows, extra))
        return result
    finally:
        formulas.close()


def _formula_positions(ws: ReadOnlyWorksheet,
                       positions: set[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    last_row = max(r for r, _ in positions)
    ws.reset_dimensions()
    for row in ws.iter_rows(max_row=last_row, max_col=MAX_COLUMNS):
        for cell in row:
            if getattr(cell, "data_type", None) == "f" and (cell.row, cell.column) in positions:
                yield cell.row, cell.column


def _merge(rows: tuple[tuple[RawCell, ...], ...],
           extra: list[RawCell]) -> tuple[tuple[RawCell, ...], ...]:
    by_row: dict[int, list[RawCell]] = {}
    for row in rows:
        by_row[row[0].row] = list(row)
    for cell in extra:
        by_row.setdefault(cell.row, []).append(cell)
    return tuple(tuple(sorted(by_row[r], key=lambda c: c.col)) for r in sorted(by_row))
