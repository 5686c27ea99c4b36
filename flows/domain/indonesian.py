"""Indonesian formatting for letters: dates, day names, numbers in words, decimal comma."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone
from decimal import ROUND_HALF_UP, Decimal

from flows.domain.dates import MONTHS

DAYS: tuple[str, ...] = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
"""Day names, Monday first (``date.weekday()`` order)."""

_UNITS = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan",
          "sembilan", "sepuluh", "sebelas")
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (1000, "ribu"))
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def terbilang(n: int) -> str:
    """A whole number in words: 11 → ``sebelas``, 2024 → ``dua ribu dua puluh empat``."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n < 12:
        return _UNITS[n]
    if n < 20:
        return f"{_UNITS[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_UNITS[tens]} puluh" + (f" {_UNITS[rest]}" if rest else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        head = "seratus" if hundreds == 1 else f"{_UNITS[hundreds]} ratus"
        return head + (f" {terbilang(rest)}" if rest else "")
    for scale, word in _SCALES:
        if n >= scale:
            count, rest = divmod(n, scale)
            head = "seribu" if scale == 1000 and count == 1 else f"{terbilang(count)} {word}"
            return head + (f" {terbilang(rest)}" if rest else "")
    raise AssertionError(n)  # pragma: no cover


def jumlah(n: int) -> str:
    """A count as letters write it: ``5 (lima)``."""
    return f"{n} ({terbilang(n)})"


def tanggal(d: date) -> str:
    """``11 November 2024``: no leading zero, month in words."""
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def hari(d: date) -> str:
    return DAYS[d.weekday()]


def hari_tanggal(d: date) -> str:
    """``Senin, 11 November 2024``."""
    return f"{hari(d)}, {tanggal(d)}"


def bulan(d: date) -> str:
    return MONTHS[d.month - 1]


def tanggal_angka(d: date) -> str:
    """``11-11-2024``, as in the brackets of a berita acara."""
    return f"{d.day:02d}-{d.month:02d}-{d.year}"


def romawi(n: int) -> str:
    """Roman numerals, as some offices write the month in letter numbers (XI)."""
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def desimal(value: Decimal, places: int = 2) -> str:
    """``82,50``: fixed decimals with a decimal comma and dots between thousands."""
    quantum = Decimal(1).scaleb(-places)
    text = f"{value.quantize(quantum, rounding=ROUND_HALF_UP):,.{places}f}"
    return text.replace(",", "_").replace(".", ",").replace("_", ".")


def bilangan(value: Decimal) -> str:
    """A number without forced decimals: ``40``, ``12,5``."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


def masa(years: int, months: int) -> str:
    """A span of whole years and months with its numbers in words: ``1 (satu) tahun 4
    (empat) bulan``."""
    parts = []
    if years:
        parts.append(f"{jumlah(years)} tahun")
    if months or not years:
        parts.append(f"{jumlah(months)} bulan")
    return " ".join(parts)


ZONES = {"WIB": 7, "WITA": 8, "WIT": 9}
"""Indonesia's time zones and their offsets from UTC in hours."""
_WIT = ("maluku", "papua")
_WITA = ("bali", "nusa tenggara", "kalimantan selatan", "kalimantan timur", "kalimantan utara",
         "sulawesi", "gorontalo")


def zona_waktu(provinsi: str) -> str:
    """The time zone of a province: ``WIB``, ``WITA`` or ``WIT`` (WIB when unknown)."""
    name = " ".join(provinsi.lower().replace("provinsi", " ").split())
    if any(name.startswith(p) for p in _WIT):
        return "WIT"
    if any(name.startswith(p) for p in _WITA):
        return "WITA"
    return "WIB"


def waktu(moment: datetime, zona: str, detik: bool = False) -> str:
    """A moment as an office reads it: ``2 Desember 2026 16.45 WITA`` (``16.45.07 WITA``
    with seconds)."""
    local = moment.astimezone(timezone(timedelta(hours=ZONES[zona])))
    clock = f"{local:%H.%M.%S}" if detik else f"{local:%H.%M}"
    return f"{tanggal(local.date())} {clock} {zona}"
