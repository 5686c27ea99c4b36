"""Reading one cell into a typed value, with an issue naming the cell when it cannot be."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import TypeVar

from flows.domain import dates
from flows.domain.issues import IssueCollector
from flows.domain.nip import Nip, nip_problems
from flows.domain.pangkat import format_pangkat_golongan, golongan_of, split_pangkat_golongan
from flows.domain.raw import CellState, RawCell
from flows.domain.values import ValueProblem, clean_text, normalise_key, parse_decimal, preview

T = TypeVar("T")
E = TypeVar("E", bound=Enum)


class CellReader:
    """Typed reads of cells of one sheet; every failure becomes an issue, never an exception."""

    def __init__(self, issues: IssueCollector, date1904: bool = False) -> None:
        self.issues = issues
        self.date1904 = date1904

    def value(self, cell: RawCell, label: str, parse: Callable[[object], T], *,
              required: bool = False, code: str = "value") -> T | None:
        """The parsed value; None (with an issue when required or invalid) otherwise."""
        if cell.state is CellState.FORMULA_WITHOUT_VALUE:
            self.issues.error(
                cell.ref, "cell.formula_without_value",
                f"{label}: rumus tanpa nilai tersimpan; buka workbook di Excel atau LibreOffice "
                "lalu simpan ulang agar nilainya dihitung",
                expected="rumus dengan nilai hasil perhitungan, atau nilai biasa",
            )
            return None
        if cell.state is CellState.EXCEL_ERROR:
            self.issues.error(cell.ref, "cell.excel_error",
                              f'{label}: rumus menghasilkan galat Excel "{cell.value}"',
                              found=cell.value, expected="rumus yang menghasilkan nilai")
            return None
        if cell.blank:
            if required:
                self.issues.error(cell.ref, f"{code}.required", f"{label} wajib diisi",
                                  expected=f"{label} terisi")
            return None
        try:
            return parse(cell.value)
        except ValueProblem as problem:
            self.issues.error(cell.ref, f"{code}.invalid",
                              f'{label} "{preview(cell.value)}" {problem.reason}',
                              found=preview(cell.value), expected=problem.expected)
            return None

    def text(self, cell: RawCell, label: str, *, required: bool = False) -> str | None:
        return self.value(cell, label, clean_text, required=required, code="text")

    def date(self, cell: RawCell, label: str, *, required: bool = False) -> date | None:
        def parse(value: object) -> date:
            return dates.parse_date(value, date1904=self.date1904)
        return self.value(cell, label, parse, required=required, code="date")

    def number(self, cell: RawCell, label: str, *, required: bool = False,
               low: Decimal = Decimal(0), high: Decimal = Decimal(100)) -> Decimal | None:
        def parse(value: object) -> Decimal:
            number = parse_decimal(value)
            if not low <= number <= high:
                raise ValueProblem(f"di luar rentang {low}–{high}", f"angka {low} sampai {high}")
            return number
        return self.value(cell, label, parse, required=required, code="number")

    def choice(self, cell: RawCell, label: str, enum: type[E], *,
               required: bool = False) -> E | None:
        by_key = {normalise_key(e.value): e for e in enum}
        allowed = ", ".join(e.value for e in enum)

        def parse(value: object) -> E:
            text = clean_text(value) or ""
            try:
                return by_key[normalise_key(text)]
            except KeyError:
                raise ValueProblem(f"bukan pilihan yang tersedia (pilihan: {allowed})",
                                   f"salah satu dari: {allowed}") from None
        return self.value(cell, label, parse, required=required, code="choice")

    def yes_no(self, cell: RawCell, label: str) -> bool:
        def parse(value: object) -> bool:
            if isinstance(value, bool):
                return value
            text = normalise_key(clean_text(value) or "")
            if text in ("ya", "y"):
                return True
            if text in ("tidak", "t"):
                return False
            raise ValueProblem("bukan Ya atau Tidak", "Ya atau Tidak")
        return bool(self.value(cell, label, parse, code="choice"))

    def nip(self, cell: RawCell, label: str, *, required: bool = False) -> Nip | None:
        """A NIP; every structural fault of it is reported, each as its own issue."""
        if isinstance(cell.value, float):
            self.issues.error(
                cell.ref, "nip.number",
                f"{label} diketik sebagai angka ({cell.value:.15g}) sehingga Excel membulatkan "
                "digit terakhirnya; ketik ulang NIP sebagai teks",
                found=preview(cell.value),
                expected="NIP diketik sebagai teks (format sel Teks, atau diawali tanda ')",
            )
            return None
        text = self.value(cell, label, clean_text, required=required, code="nip")
        if text is None:
            return None
        problems = nip_problems(text)
        for problem in problems:
            self.issues.error(cell.ref, "nip.invalid", f'{label} "{text}" {problem.reason}',
                              found=text, expected=problem.expected)
        return None if problems else Nip("".join(text.split()))

    def pangkat_golongan(self, cell: RawCell, label: str) -> str | None:
        """``Pembina Utama Muda (IV/c)`` normalised; other ranks (of external members) as typed.

        A recognised pangkat with the wrong golongan is an error.
        """
        text = self.text(cell, label)
        if text is None:
            return None
        parsed = split_pangkat_golongan(text)
        if parsed is None:
            return text
        pangkat, golongan = parsed
        if golongan_of(pangkat) != golongan:
            self.issues.error(cell.ref, "pangkat.mismatch",
                              f'{label} "{text}": pangkat {pangkat} tidak sesuai golongan '
                              f"{golongan}", found=text,
                              expected=f"{pangkat} ({golongan_of(pangkat)})")
            return None
        return format_pangkat_golongan(pangkat, golongan)
