"""What every document kind declares, and what it is built from."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from flows.documents.context import Kop, KopKontak, Rujukan, kop, rujukan
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.legal import LegalBasis
from flows.domain.models import Round


@dataclass(frozen=True, slots=True)
class Inputs:
    """Everything a letter's context is built from."""

    round: Round
    evaluation: RoundEvaluation
    numbers: Mapping[tuple[str, str], str]
    """Agenda number by (kind, nip); nip is empty for the round's own documents."""
    mengingat: tuple[LegalBasis, ...]
    """Every legal basis of the office; a Keputusan cites those in force on its date."""
    kontak: KopKontak = KopKontak()
    """The unit's address and contact lines (settings ``[kop]``)."""
    kantor_regional_bkn: str = "Kantor Regional Badan Kepegawaian Negara"
    """The BKN regional office of the round's province (``surat.kantor_regional_bkn``)."""
    rekomendasi_di_pemberitahuan: bool = False
    """The result notice shows the team's recommendation (``surat``)."""

    def kop(self) -> Kop:
        """The kop of every letter of the round."""
        return kop(self.round, self.kontak)

    def nomor(self, kind: str, nip: str = "") -> str:
        return self.numbers[(kind, nip)]

    def rujukan(self, kind: str) -> Rujukan:
        """A round document to cite: its number and date."""
        return rujukan(self.nomor(kind), DATES[kind](self.round))


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    kind: str
    template: str
    """File name in the templates folder."""
    title: str
    """What a clerk calls it (Indonesian)."""
    per_official: bool
    context_type: type
    build: Callable[[Inputs, OfficialResult | None], Any]
    keputusan: bool = False
    """A Keputusan (produk hukum daerah): its own paper size (``surat.ukuran_kertas_keputusan``)."""

    def date(self, rnd: Round) -> date:
        return DATES[self.kind](rnd)


DATES: dict[str, Callable[[Round], date]] = {
    "sk_tim": lambda r: r.tanggal_sk_tim,
    "berita_acara": lambda r: r.tanggal_berita_acara,
    "saran_pendapat": lambda r: r.tanggal_saran_pendapat,
    "permohonan_rekomendasi": lambda r: r.tanggal_surat_permohonan,
    "undangan": lambda r: r.tanggal_undangan,
    "pemberitahuan_hasil": lambda r: r.tanggal_pemberitahuan,
    "permohonan_persetujuan_mendagri": lambda r: r.tanggal_surat_permohonan,
    "pengumuman_hasil": lambda r: r.tanggal_pemberitahuan,
}
"""The date each kind of document carries."""


def as_mapping(context: Any) -> dict[str, Any]:
    """The top-level template variables of a context dataclass."""
    return {f.name: getattr(context, f.name) for f in fields(context)}
