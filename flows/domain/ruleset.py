"""The evaluation rules as data: weights, thresholds, tenure limits and outcome wording.

Defaults ship in ``flows/data/bawaan.toml`` under ``[aturan]``; an office overrides them in its
settings file.
This module only turns an already-parsed mapping into a typed RuleSet (no file access).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from flows.domain.elections import ElectionWindow
from flows.domain.models import Predikat, RoundKind, Thresholds, Weight
from flows.domain.values import ValueProblem, format_decimal, parse_decimal

OUTCOMES: dict[RoundKind, tuple[str, ...]] = {
    RoundKind.EVALUASI_KINERJA: (
        "uji_kompetensi_kembali", "kesempatan_perbaikan", "rotasi_ditunda", "rotasi",
        "perpanjangan", "dipertahankan", "dipertahankan_pembinaan",
    ),
    RoundKind.UJI_KOMPETENSI: ("belum_direkomendasikan", "rotasi_ditunda", "rotasi",
                               "perpanjangan", "dipertahankan"),
    RoundKind.SELEKSI_TERBUKA: ("tidak_memenuhi_syarat", "diusulkan", "tidak_tiga_besar"),
}
"""Every outcome of the recommendation table, per kind of round."""

MOVES = frozenset({"rotasi", "diusulkan"})
"""Outcomes that take the official out of the post (into ``jabatan_sasaran``)."""

PLACEHOLDERS = frozenset({"jabatan_sasaran", "jabatan", "peringkat", "masa",
                          "pengecualian_masa_jabatan", "tahun_perlindungan",
                          "tahun_perpanjangan"})
SENTENCES: dict[str, frozenset[str]] = {
    "masa_perlindungan": PLACEHOLDERS | {"nama", "dasar_perlindungan"},
    "pengecualian": PLACEHOLDERS | {"nama", "dasar_perlindungan"},
    "masa_jabatan_lampau": PLACEHOLDERS | {"nama", "dasar_masa_jabatan"},
    "jabatan_masih_diduduki": PLACEHOLDERS | {"nama", "pemegang"},
}
"""The sentences the letters state about tenure and posts, and the placeholders each may use."""
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One row's result in the recommendation table."""

    text: str
    """Wording, with ``{jabatan_sasaran}``, ``{jabatan}``, ``{peringkat}`` placeholders."""
    needs_request: bool
    """Whether the official goes into the request letter to BKN/KASN."""

    def fill(self, values: Mapping[str, str]) -> str:
        return fill(self.text, values)


def fill(text: str, values: Mapping[str, str]) -> str:
    """``text`` with every ``{name}`` replaced (names are checked when the rules load)."""
    return _PLACEHOLDER.sub(lambda m: values[m[1]], text)


@dataclass(frozen=True, slots=True)
class TenureLimits:
    protection_years: int
    extension_years: int
    max_years_uji_kompetensi: int
    protection_basis: str = ""
    """The regulation that sets the protected period, named in full."""
    term_basis: str = ""
    """The regulation that sets the 5-year term, named in full."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every number and wording of the evaluation rules."""

    thresholds: Thresholds
    tenure: TenureLimits
    weights: Mapping[RoundKind, tuple[Weight, ...]]
    team_names: Mapping[RoundKind, str]
    predikat_needing_improvement: frozenset[Predikat]
    shortlist_size: int
    request_max_rank: int
    manual_marker: str
    outcomes: Mapping[tuple[RoundKind, str], Outcome]
    exception_suffix: str = ", dengan dasar {pengecualian_masa_jabatan}"
    """Appended to a move proposed within the protected period on the stated ground."""
    sentences: Mapping[str, str] = field(default_factory=dict)
    """The formal sentences of ``SENTENCES``, by key."""
    elections: tuple[ElectionWindow, ...] = ()
    """The office's regional-election windows."""
    election_months_after: int = 6
    election_basis: str = ""
    """The law that requires the Minister's approval (for a round's own window too)."""

    def outcome(self, kind: RoundKind, key: str) -> Outcome:
        return self.outcomes[(kind, key)]


def merge_settings(base: Mapping[str, Any], override: Mapping[str, Any],
                   path: str = "") -> dict[str, Any]:
    """``base`` updated by ``override``; keys unknown to ``base`` raise ValueProblem."""
    merged = dict(base)
    for key, value in override.items():
        where = f"{path}.{key}" if path else key
        if key not in base:
            raise ValueProblem(f'kunci "{where}" tidak dikenal', "kunci yang ada di aturan bawaan")
        if isinstance(base[key], Mapping):
            if not isinstance(value, Mapping):
                raise ValueProblem(f'"{where}" harus berupa tabel', "tabel TOML [..]")
            merged[key] = merge_settings(base[key], value, where)
        else:
            merged[key] = value
    return merged


def build_ruleset(data: Mapping[str, Any]) -> RuleSet:
    """A RuleSet from the merged ``aturan`` mapping; ValueProblem names the faulty key."""
    ambang = data["ambang"]
    thresholds = Thresholds(_number(ambang, "batas_baik", "ambang"),
                            _number(ambang, "batas_cukup", "ambang"))
    if not Decimal(0) <= thresholds.cukup < thresholds.baik <= Decimal(100):
        raise ValueProblem("ambang.batas_cukup harus lebih kecil dari ambang.batas_baik, "
                           "keduanya 0–100")
    masa = data["masa_jabatan"]
    tenure = TenureLimits(
        _whole(masa, "tahun_perlindungan", "masa_jabatan"),
        _whole(masa, "tahun_perpanjangan", "masa_jabatan"),
        _whole(masa, "tahun_maksimal_uji_kompetensi", "masa_jabatan"),
        _text(masa, "dasar_perlindungan", "masa_jabatan"),
        _text(masa, "dasar_masa_jabatan", "masa_jabatan"),
    )
    weights = {kind: _weights(data["bobot"], kind) for kind in RoundKind}
    team_names = {kind: _text(data["nama_tim"], kind.value, "nama_tim") for kind in RoundKind}
    predikat = data["evaluasi_kinerja"]["predikat_perlu_perbaikan"]
    try:
        needing = frozenset(Predikat(p) for p in predikat)
    except (ValueError, TypeError) as exc:
        raise ValueProblem("evaluasi_kinerja.predikat_perlu_perbaikan berisi predikat yang "
                           "tidak dikenal") from exc
    seleksi = data["seleksi_terbuka"]
    rek = data["rekomendasi"]
    outcomes = {
        (kind, key): _outcome(rek[kind.value][key], f"rekomendasi.{kind.value}.{key}")
        for kind, keys in OUTCOMES.items() for key in keys
    }
    return RuleSet(
        thresholds=thresholds, tenure=tenure, weights=weights, team_names=team_names,
        predikat_needing_improvement=needing,
        shortlist_size=_whole(seleksi, "jumlah_diusulkan", "seleksi_terbuka"),
        request_max_rank=_whole(seleksi, "peringkat_perlu_permohonan", "seleksi_terbuka"),
        manual_marker=_text(rek, "penanda_manual", "rekomendasi"),
        outcomes=outcomes,
        exception_suffix=_template(rek, "akhiran_pengecualian", "rekomendasi", PLACEHOLDERS),
        sentences={key: _template(data["kalimat"], key, "kalimat", allowed)
                   for key, allowed in SENTENCES.items()},
        elections=_elections(data["pilkada"]),
        election_months_after=_whole(data["pilkada"], "bulan_setelah_pelantikan", "pilkada"),
        election_basis=_text(data["pilkada"], "dasar", "pilkada"),
    )


def _template(table: Mapping[str, Any], key: str, path: str, allowed: frozenset[str]) -> str:
    text = table[key]
    if not isinstance(text, str) or not text.strip():
        raise ValueProblem(f"{path}.{key} harus berupa teks yang tidak kosong")
    unknown = {m for m in _PLACEHOLDER.findall(text) if m not in allowed}
    if unknown:
        names = ", ".join(sorted("{" + u + "}" for u in unknown))
        raise ValueProblem(f"{path}.{key} memakai isian yang tidak dikenal: {names}",
                           "isian " + ", ".join(sorted("{" + a + "}" for a in allowed)))
    return text if text.startswith(",") else text.strip()


def _elections(table: Mapping[str, Any]) -> tuple[ElectionWindow, ...]:
    months = _whole(table, "bulan_setelah_pelantikan", "pilkada")
    basis = _text(table, "dasar", "pilkada")
    windows = table["jadwal"]
    if not isinstance(windows, list):
        raise ValueProblem("pilkada.jadwal harus berupa daftar tabel")
    result = []
    for i, entry in enumerate(windows, start=1):
        path = f"pilkada.jadwal[{i}]"
        if not isinstance(entry, Mapping):
            raise ValueProblem(f"{path} harus berupa tabel {{nama, penetapan_paslon, pelantikan}}")
        name = _text(entry, "nama", path) if "nama" in entry else ""
        start, inauguration = entry.get("penetapan_paslon"), entry.get("pelantikan")
        if not isinstance(start, date) or not isinstance(inauguration, date):
            raise ValueProblem(f"{path}: penetapan_paslon dan pelantikan harus tanggal TOML "
                               "(misalnya 2024-09-22)")
        if inauguration <= start:
            raise ValueProblem(f"{path}: pelantikan harus sesudah penetapan_paslon")
        result.append(ElectionWindow(name or f"Pemilihan Kepala Daerah Tahun {start.year}",
                                     start, inauguration, months, basis))
    return tuple(result)


def _number(table: Mapping[str, Any], key: str, path: str) -> Decimal:
    try:
        return parse_decimal(table[key])
    except ValueProblem as exc:
        raise ValueProblem(f"{path}.{key} harus berupa angka") from exc


def _whole(table: Mapping[str, Any], key: str, path: str) -> int:
    value = table[key]
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueProblem(f"{path}.{key} harus bilangan bulat tidak negatif")
    return value


def _text(table: Mapping[str, Any], key: str, path: str) -> str:
    value = table[key]
    if not isinstance(value, str) or not value.strip():
        raise ValueProblem(f"{path}.{key} harus berupa teks yang tidak kosong")
    return value.strip()


def _weights(table: Mapping[str, Any], kind: RoundKind) -> tuple[Weight, ...]:
    path = f"bobot.{kind.value}"
    weights = tuple(
        Weight(str(component), _number(table[kind.value], component, path))
        for component in table[kind.value]
    )
    if not all(w.component.startswith("nilai_") for w in weights):
        raise ValueProblem(f"{path}: setiap komponen harus diawali nilai_")
    total = sum((w.percent for w in weights), Decimal(0))
    if total != 100:
        raise ValueProblem(f"{path}: jumlah bobot {format_decimal(total)}, harus 100")
    return weights


def _outcome(table: Mapping[str, Any], path: str) -> Outcome:
    text = _template(table, "teks", path, PLACEHOLDERS)
    needs = table["perlu_permohonan"]
    if not isinstance(needs, bool):
        raise ValueProblem(f"{path}.perlu_permohonan harus true atau false")
    return Outcome(text, needs)
