"""Agenda numbers: which register a document draws from, and how its number is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from flows.domain.indonesian import romawi
from flows.domain.models import RoundKind
from flows.domain.values import ValueProblem

KINDS = ("sk_tim", "berita_acara", "saran_pendapat", "permohonan_persetujuan_mendagri",
         "permohonan_rekomendasi", "undangan", "pemberitahuan_hasil", "pengumuman_hasil")
"""Every document kind of a round, in the order they are produced."""

PLACEHOLDERS = frozenset({"kode_klasifikasi", "urut", "unit", "tahun", "bulan", "bulan_romawi"})
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class Series:
    """One register: numbers run per (classification code, unit, year)."""

    kode_klasifikasi: str
    unit: str
    tahun: int


@dataclass(frozen=True, slots=True)
class KindNumbering:
    pattern: str
    kode_klasifikasi: str | None
    """None: the code of the kind of round."""
    unit: str | None
    """None: the round's unit_pengelola_singkatan."""


@dataclass(frozen=True, slots=True)
class NumberingSettings:
    pattern: str
    codes: Mapping[RoundKind, str]
    kinds: Mapping[str, KindNumbering]

    def series(self, kind: str, jenis: RoundKind, unit: str, on: date) -> Series:
        own = self.kinds[kind]
        return Series(own.kode_klasifikasi or self.codes[jenis], own.unit or unit, on.year)

    def format(self, kind: str, series: Series, urut: int, on: date) -> str:
        values = {"kode_klasifikasi": series.kode_klasifikasi, "urut": str(urut),
                  "unit": series.unit, "tahun": str(series.tahun), "bulan": f"{on.month:02d}",
                  "bulan_romawi": romawi(on.month)}
        return _PLACEHOLDER.sub(lambda m: values[m[1]], self.kinds[kind].pattern)


def build_numbering(data: Mapping[str, Any]) -> NumberingSettings:
    """NumberingSettings from the merged ``[penomoran]`` table; ValueProblem names the key."""
    pattern = _pattern(data["pola"], "penomoran.pola")
    codes = {}
    for jenis in RoundKind:
        code = data["kode_klasifikasi"][jenis.value]
        if not isinstance(code, str) or not code.strip():
            raise ValueProblem(f"penomoran.kode_klasifikasi.{jenis.value} harus berupa teks")
        codes[jenis] = code.strip()
    kinds = {}
    for kind in KINDS:
        own = data["naskah"][kind]
        path = f"penomoran.naskah.{kind}"
        kinds[kind] = KindNumbering(
            pattern=_pattern(own["pola"], f"{path}.pola") if own["pola"] else pattern,
            kode_klasifikasi=_optional(own["kode_klasifikasi"], f"{path}.kode_klasifikasi"),
            unit=_optional(own["unit"], f"{path}.unit"),
        )
    return NumberingSettings(pattern, codes, kinds)


def _pattern(value: object, path: str) -> str:
    if not isinstance(value, str) or "{urut}" not in value:
        raise ValueProblem(f"{path} harus berupa teks yang memuat {{urut}}")
    unknown = {m for m in _PLACEHOLDER.findall(value) if m not in PLACEHOLDERS}
    if unknown:
        raise ValueProblem(f"{path} memakai isian yang tidak dikenal: "
                           + ", ".join(sorted("{" + u + "}" for u in unknown)))
    return value


def _optional(value: object, path: str) -> str | None:
    if value == "":
        return None
    if not isinstance(value, str):
        raise ValueProblem(f"{path} harus berupa teks")
    return value.strip()
