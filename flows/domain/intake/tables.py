"""Sheets with a header row: columns matched by name, unknown and duplicate headers reported."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from flows.domain.issues import IssueCollector
from flows.domain.layout import Field
from flows.domain.raw import RawCell, RawSheet, column_letter
from flows.domain.values import normalise_key


@dataclass(frozen=True, slots=True)
class TableRow:
    number: int
    cells: dict[str, RawCell]
    """Every known column by name; a blank placeholder where the row has nothing."""

    def __getitem__(self, name: str) -> RawCell:
        return self.cells[name]


@dataclass(frozen=True, slots=True)
class Table:
    sheet: str
    columns: dict[str, int]
    """Column number of each recognised header."""
    extra: dict[str, int]
    """Headers accepted by prefix (``nilai_*``) that the contract does not list by name."""
    rows: tuple[TableRow, ...]

    def header_ref(self, name: str) -> str:
        col = self.columns.get(name, self.extra.get(name))
        return f"{column_letter(col)}1" if col else "1:1"

    def __iter__(self) -> Iterator[TableRow]:
        return iter(self.rows)


def read_table(sheet: RawSheet, name: str, fields: Sequence[Field], issues: IssueCollector,
               accept_prefix: str | None = None) -> Table | None:
    """Map the header row to fields; None when a required column is missing."""
    known = {f.name for f in fields}
    columns: dict[str, int] = {}
    extra: dict[str, int] = {}
    header = next((r for r in sheet.rows if r and r[0].row == 1), ())
    for cell in header:
        key = normalise_key(str(cell.value)) if cell.value is not None else ""
        if not key:
            continue
        if key in columns or key in extra:
            issues.error(cell.ref, "header.duplicate", f'judul kolom "{cell.value}" ganda',
                         found=cell.value, expected="setiap judul kolom hanya sekali")
        elif key in known:
            columns[key] = cell.col
        elif accept_prefix and key.startswith(accept_prefix):
            extra[key] = cell.col
        else:
            issues.warning(cell.ref, "header.unknown",
                           f'judul kolom "{cell.value}" tidak dikenal dan diabaikan',
                           found=cell.value,
                           expected="judul kolom: " + ", ".join(f'"{f.name}"' for f in fields))
    missing = [f.name for f in fields if f.required and f.name not in columns]
    for field in missing:
        issues.error("1:1", "header.missing",
                     f'kolom wajib "{field}" tidak ditemukan di baris judul',
                     expected=f'judul kolom "{field}" di baris 1')
    if missing:
        return None
    all_columns = {**columns, **extra}
    rows = []
    for raw_row in sheet.rows:
        if not raw_row or raw_row[0].row == 1:
            continue
        number = raw_row[0].row
        by_col = {c.col: c for c in raw_row}
        if not any(col in by_col for col in all_columns.values()):
            continue  # only notes outside the table
        rows.append(TableRow(number, {
            key: by_col.get(col, RawCell(number, col, None)) for key, col in all_columns.items()
        }))
    return Table(name, columns, extra, tuple(rows))
