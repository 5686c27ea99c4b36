"""What every document kind declares, and what it is built from.

A kind is declared once: ``SPEC`` of the module ``flows/documents/<kind>.py`` named after its
:class:`LetterKind` (its context, template, date, when a round needs it); the registry, the
plan, the numbering order and the dates are read from these declarations.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from flows.documents.context import Kop, KopKontak, Rujukan, kop, rujukan
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.legal import LegalBasis
from flows.domain.letters import LetterKind
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

    def nomor(self, kind: LetterKind, nip: str = "") -> str:
        return self.numbers[(kind, nip)]

    def rujukan(self, spec: DocumentSpec) -> Rujukan:
        """A round document to cite (its declaration): its number and date."""
        return rujukan(self.nomor(spec.kind), spec.date(self.round))


def always(_evaluation: RoundEvaluation) -> bool:
    """Every round needs this document."""
    return True


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    """The declaration of one kind of letter."""

    kind: LetterKind
    template: str
    """File name in the templates folder."""
    title: str
    """What a clerk calls it (Indonesian)."""
    per_official: bool
    context_type: type
    build: Callable[[Inputs, OfficialResult | None], Any]
    dated: Callable[[Round], date]
    """The date the letter carries (a date of the Putaran sheet)."""
    keputusan: bool = False
    """A Keputusan (produk hukum daerah): its own paper size (``surat.ukuran_kertas_keputusan``)."""
    needed: Callable[[RoundEvaluation], bool] = always
    """Whether a round produces it (a per-official kind: one per official when needed)."""

    def date(self, rnd: Round) -> date:
        return self.dated(rnd)


def as_mapping(context: Any) -> dict[str, Any]:
    """The top-level template variables of a context dataclass."""
    return {f.name: getattr(context, f.name) for f in fields(context)}
