"""Nomor Induk Pegawai: 18 digits, birth date, TMT CPNS, sex and serial (BKN)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from flows.domain.values import ValueProblem

MIN_AGE_AT_CPNS = 18
EXPECTED = "18 digit angka, misalnya 19700101 199503 1 001"


@dataclass(frozen=True, slots=True)
class Nip:
    """A structurally valid NIP."""

    digits: str
    """The 18 digits, no spaces."""

    @property
    def birth_date(self) -> date:
        return date(int(self.digits[0:4]), int(self.digits[4:6]), int(self.digits[6:8]))

    @property
    def cpns_year(self) -> int:
        return int(self.digits[8:12])

    @property
    def cpns_month(self) -> int:
        return int(self.digits[12:14])

    @property
    def sex(self) -> str:
        """``pria`` or ``wanita``."""
        return "pria" if self.digits[14] == "1" else "wanita"

    @property
    def serial(self) -> str:
        return self.digits[15:18]

    def display(self) -> str:
        """Grouped 8-6-1-3 as printed on letters: ``19700101 199503 1 001``."""
        d = self.digits
        return f"{d[0:8]} {d[8:14]} {d[14]} {d[15:18]}"

    def __str__(self) -> str:
        return self.digits


_SPACES = re.compile(r"[\s\u00a0]+")


def parse_nip(raw: str) -> Nip:
    """A Nip from text typed with or without spaces; ValueProblem naming the first fault.

    Use ``nip_problems`` to get every fault at once.
    """
    problems = nip_problems(raw)
    if problems:
        raise problems[0]
    return Nip(_SPACES.sub("", raw))


def nip_problems(raw: str) -> list[ValueProblem]:
    """Every structural fault of a NIP, in the order a clerk would check them."""
    digits = _SPACES.sub("", raw)
    if not digits.isdigit() or not digits.isascii():
        return [ValueProblem("harus berisi angka saja (spasi boleh)", EXPECTED)]
    if len(digits) != 18:
        return [ValueProblem(f"harus 18 digit angka (ditemukan {len(digits)})", EXPECTED)]
    problems: list[ValueProblem] = []
    birth: date | None
    try:
        birth = date(int(digits[0:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        birth = None
        problems.append(ValueProblem(
            f"digit 1–8 ({digits[0:8]}) bukan tanggal lahir yang sah",
            "tanggal lahir TTTTBBHH pada digit 1–8",
        ))
    cpns_year, cpns_month = int(digits[8:12]), int(digits[12:14])
    if not 1 <= cpns_month <= 12:
        problems.append(ValueProblem(
            f"digit 13–14 ({digits[12:14]}) bukan bulan TMT CPNS yang sah",
            "bulan 01–12 pada digit 13–14",
        ))
    elif birth is not None:
        months_after_birth = (cpns_year - birth.year) * 12 + cpns_month - birth.month
        if months_after_birth < MIN_AGE_AT_CPNS * 12:
            problems.append(ValueProblem(
                f"TMT CPNS {cpns_month:02d}/{cpns_year} kurang dari {MIN_AGE_AT_CPNS} tahun "
                f"setelah tanggal lahir {birth.day:02d}/{birth.month:02d}/{birth.year}",
                f"TMT CPNS paling cepat {MIN_AGE_AT_CPNS} tahun setelah lahir",
            ))
    if digits[14] not in "12":
        problems.append(ValueProblem(
            f"digit 15 ({digits[14]}) harus 1 (pria) atau 2 (wanita)", "1 atau 2 pada digit 15"
        ))
    if digits[15:18] == "000":
        problems.append(ValueProblem(
            "nomor urut (digit 16–18) tidak boleh 000", "nomor urut 001–999"
        ))
    return problems
