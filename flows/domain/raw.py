"""What a workbook adapter hands to the core: cell values with their positions, nothing more."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class CellState(StrEnum):
    VALUE = "value"
    """A plain value, or a formula with its cached value."""
    FORMULA_WITHOUT_VALUE = "formula_without_value"
    """A formula the workbook never calculated (no cached value was saved)."""
    EXCEL_ERROR = "excel_error"
    """A formula whose cached value is an Excel error such as #DIV/0!."""


def column_letter(col: int) -> str:
    """1 → A, 27 → AA."""
    letters = ""
    while col:
        col, rem = divmod(col - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True, slots=True)
class RawCell:
    row: int
    col: int
    value: object
    """None, str, int, float, bool, datetime, date or time, as the workbook stores it."""
    state: CellState = CellState.VALUE

    @property
    def ref(self) -> str:
        return f"{column_letter(self.col)}{self.row}"

    @property
    def blank(self) -> bool:
        if self.state is not CellState.VALUE:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


@dataclass(frozen=True, slots=True)
class RawSheet:
    title: str
    """The sheet's name as written in the workbook."""
    rows: tuple[tuple[RawCell, ...], ...]
    """Non-empty rows in order; each row holds its non-blank cells in column order."""


@dataclass(frozen=True, slots=True)
class RawWorkbook:
    sheets: Mapping[str, RawSheet]
    """By normalised name (lower case, trimmed)."""
    date1904: bool = False
