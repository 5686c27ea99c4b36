"""Agenda numbers: which register a document draws from, and how its number is written."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flows.domain.indonesian import romawi
from flows.domain.models import RoundKind
from flows.domain.values import ValueProblem

AGENDA = "agenda"
"""The unit's agenda: the series of every kind that names no other."""
PLACEHOLDERS = frozenset({"kode_klasifikasi", "urut", "unit", "tahun", "bulan", "bulan_romawi"})
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class Series:
    """One register: numbers run per (classification code, unit, year) of one book."""

    kode_klasifikasi: str
    unit: str
    tahun: int
    buku: str = ""
    """The register book: "" for the unit's agenda, else its own (the Bagian Hukum's
    Keputusan register): its numbers run on their own even with the same code and unit."""

    @property
    def register_unit(self) -> str:
        """The unit as the register keys its counter: the book named after it."""
        return f"{self.unit} ({self.buku})" if self.buku else self.unit


@dataclass(frozen=True, slots=True)
class SeriesPreset:
    """A ready-made series (``[penomoran.seri.<name>]``) a kind names with ``seri``."""

    pattern: str | None
    kode_klasifikasi: str | None
    unit: str | None
    buku: str
    kinds_of_round: frozenset[RoundKind]
    """The kinds of round it applies to (empty: all); other rounds use the agenda."""


@dataclass(frozen=True, slots=True)
class KindNumbering:
    pattern: str | None
    """None: the preset's pattern, else the common one."""
    kode_klasifikasi: str | None
    """None: the preset's, else the code of the kind of round."""
    unit: str | None
    """None: the preset's, else the round's unit_pengelola_singkatan."""
    seri: str = AGENDA
    """The preset this kind draws its numbers from."""


@dataclass(frozen=True, slots=True)
class Rule:
    """How one kind of one kind of round is numbered, every setting resolved."""

    pattern: str
    kode_klasifikasi: str | None
    unit: str | None
    buku: str


@dataclass(frozen=True, slots=True)
class NumberingSettings:
    pattern: str
    codes: Mapping[RoundKind, str]
    kinds: Mapping[str, KindNumbering]
    presets: Mapping[str, SeriesPreset] = field(default_factory=dict)

    def rule(self, kind: str, jenis: RoundKind | None = None) -> Rule:
        """A kind without settings of its own (a new kind) numbers in the agenda."""
        own = self.kinds.get(kind) or KindNumbering(None, None, None)
        preset = self.presets.get(own.seri)
        if preset is not None and jenis is not None and preset.kinds_of_round \
                and jenis not in preset.kinds_of_round:
            preset = self.presets.get(AGENDA)
        pattern = own.pattern or (preset and preset.pattern) or self.pattern
        return Rule(pattern,
                    own.kode_klasifikasi or (preset.kode_klasifikasi if preset else None),
                    own.unit or (preset.unit if preset else None), preset.buku if preset else "")

    def series(self, kind: str, jenis: RoundKind, unit: str, on: date) -> Series:
        rule = self.rule(kind, jenis)
        return Series(rule.kode_klasifikasi or self.codes[jenis], rule.unit or unit, on.year,
                      rule.buku)

    def format(self, kind: str, series: Series, urut: int, on: date,
               jenis: RoundKind | None = None) -> str:
        values = {"kode_klasifikasi": series.kode_klasifikasi, "urut": str(urut),
                  "unit": series.unit, "tahun": str(series.tahun), "bulan": f"{on.month:02d}",
                  "bulan_romawi": romawi(on.month)}
        return _PLACEHOLDER.sub(lambda m: values[m[1]], self.rule(kind, jenis).pattern)


def build_numbering(data: Mapping[str, Any]) -> NumberingSettings:
    """NumberingSettings from the merged ``[penomoran]`` table; ValueProblem names the key."""
    pattern = _pattern(data["pola"], "penomoran.pola")
    codes = {}
    for jenis in RoundKind:
        code = data["kode_klasifikasi"][jenis.value]
        if not isinstance(code, str) or not code.strip():
            raise ValueProblem(f"penomoran.kode_klasifikasi.{jenis.value} harus berupa teks")
        codes[jenis] = code.strip()
    presets = {}
    for name, own in data.get("seri", {}).items():
        path = f"penomoran.seri.{name}"
        jenis = own.get("jenis", [])
        known = {k.value: k for k in RoundKind}
        if not isinstance(jenis, list) or any(j not in known for j in jenis):
            raise ValueProblem(f"{path}.jenis harus daftar jenis putaran: "
                               + ", ".join(known))
        buku = own.get("buku", "")
        if not isinstance(buku, str):
            raise ValueProblem(f"{path}.buku harus berupa teks")
        presets[name] = SeriesPreset(
            pattern=_pattern(own["pola"], f"{path}.pola") if own["pola"] else None,
            kode_klasifikasi=_optional(own["kode_klasifikasi"], f"{path}.kode_klasifikasi"),
            unit=_optional(own["unit"], f"{path}.unit"), buku=buku.strip(),
            kinds_of_round=frozenset(known[j] for j in jenis))
    kinds = {}
    for kind, own in data["naskah"].items():
        path = f"penomoran.naskah.{kind}"
        seri = own.get("seri", "") or AGENDA
        if presets and seri not in presets:
            raise ValueProblem(f"{path}.seri harus salah satu dari: " + ", ".join(presets))
        kinds[kind] = KindNumbering(
            pattern=_pattern(own["pola"], f"{path}.pola") if own["pola"] else None,
            kode_klasifikasi=_optional(own["kode_klasifikasi"], f"{path}.kode_klasifikasi"),
            unit=_optional(own["unit"], f"{path}.unit"), seri=seri,
        )
    return NumberingSettings(pattern, codes, kinds, presets)


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
