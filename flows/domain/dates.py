"""Dates as clerks type them: real Excel dates, serial numbers, dd/mm/yyyy, Indonesian text."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from flows.domain.values import ValueProblem

MONTHS: tuple[str, ...] = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
"""Indonesian month names, January first."""

_MONTH_WORDS: dict[str, int] = {name.lower(): i for i, name in enumerate(MONTHS, start=1)}
_MONTH_WORDS.update({
    # old spellings still found in letters, and the usual abbreviations
    "pebruari": 2, "nopember": 11, "jan": 1, "feb": 2, "peb": 2, "mar": 3, "apr": 4,
    "jun": 6, "jul": 7, "agu": 8, "agt": 8, "ags": 8, "agus": 8, "sep": 9, "sept": 9,
    "okt": 10, "nov": 11, "nop": 11, "des": 12,
})

EARLIEST = date(1950, 1, 1)
LATEST = date(2100, 12, 31)
EXPECTED = "tanggal, misalnya 11/11/2024, 11-11-2024 atau 11 November 2024"

_NUMERIC = re.compile(r"^(\d{1,2})\s*([/-])\s*(\d{1,2})\s*\2\s*(\d{4})$")
_WORDS = re.compile(r"^(\d{1,2})\s+([A-Za-z]+)\.?\s+(\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_EPOCH_1900 = date(1899, 12, 30)
_EPOCH_1904 = date(1904, 1, 1)


def parse_date(value: object, *, date1904: bool = False) -> date:
    """A date from any form the workbook contract allows; ValueProblem otherwise."""
    if isinstance(value, datetime):
        result = value.date()
    elif isinstance(value, date):
        result = value
    elif isinstance(value, bool) or value is None:
        raise ValueProblem("bukan tanggal", EXPECTED)
    elif isinstance(value, int | float):
        result = _from_serial(value, date1904)
    else:
        result = _from_text(str(value))
    if not EARLIEST <= result <= LATEST:
        raise ValueProblem(
            f"tahun {result.year} di luar rentang wajar {EARLIEST.year}–{LATEST.year}", EXPECTED
        )
    return result


def _from_serial(value: float, date1904: bool) -> date:
    if value != value or value < 1 or value > 2_958_465:  # NaN, or beyond 9999-12-31
        raise ValueProblem("angka ini bukan nomor seri tanggal Excel", EXPECTED)
    days = int(value)  # a fraction is the time of day
    if date1904:
        return _EPOCH_1904 + timedelta(days=days)
    if days < 61:
        # Excel's 1900 system counts a 29 February 1900 that never was.
        raise ValueProblem("angka ini bukan nomor seri tanggal Excel", EXPECTED)
    return _EPOCH_1900 + timedelta(days=days)


def _from_text(text: str) -> date:
    text = " ".join(text.replace("\u00a0", " ").split())
    if m := _NUMERIC.match(text):
        day, month, year = int(m[1]), int(m[3]), int(m[4])
    elif m := _WORDS.match(text):
        day, year = int(m[1]), int(m[3])
        month_word = m[2].lower()
        if month_word not in _MONTH_WORDS:
            raise ValueProblem(f'nama bulan "{m[2]}" tidak dikenal', EXPECTED)
        month = _MONTH_WORDS[month_word]
    elif m := _ISO.match(text):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    else:
        raise ValueProblem("bukan tanggal yang dikenali", EXPECTED)
    try:
        return date(year, month, day)
    except ValueError as exc:
        raise ValueProblem("tanggal tidak ada di kalender", EXPECTED) from exc


def add_months(start: date, months: int) -> date:
    """``start`` moved by whole months, clamped to the end of a shorter month."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(start.day, _days_in_month(year, month)))


def _days_in_month(year: int, month: int) -> int:
    nxt = date(year + month // 12, month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day
