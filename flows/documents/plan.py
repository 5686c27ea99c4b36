"""Which documents a round produces, and the agenda number of each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.documents import REGISTRY
from flows.documents.base import DocumentSpec
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.letters import LetterKind
from flows.domain.models import Round
from flows.domain.numbering import NumberingSettings, Series
from flows.register import NumberRegister


@dataclass(frozen=True, slots=True)
class PlannedDocument:
    spec: DocumentSpec
    official: OfficialResult | None

    @property
    def nip(self) -> str:
        """The official's NIP, or empty for the round's own documents."""
        return self.official.official.nip.digits if self.official else ""

    @property
    def key(self) -> tuple[LetterKind, str]:
        return self.spec.kind, self.nip

    @property
    def stem(self) -> str:
        """File name without extension: ``sk_tim``, ``undangan_197001011995031001``."""
        return f"{self.spec.kind}_{self.nip}" if self.nip else self.spec.kind.value


def plan_documents(evaluation: RoundEvaluation) -> list[PlannedDocument]:
    """Every document of the round, in numbering order (sheet order for per-official ones).

    Each kind says when a round needs it (``DocumentSpec.needed``): the request letter only
    when somebody needs it; the request for the Minister of Home Affairs' approval only when a
    move falls in an election window without one; the announcement only in seleksi terbuka.
    """
    planned = []
    for spec in REGISTRY.values():
        if not spec.needed(evaluation):
            continue
        if spec.per_official:
            planned += [PlannedDocument(spec, r) for r in evaluation.results]
        else:
            planned.append(PlannedDocument(spec, None))
    return planned


def assign_numbers(rnd: Round, planned: list[PlannedDocument], register: NumberRegister,
                   numbering: NumberingSettings) -> dict[tuple[str, str], str]:
    """The number of every planned document: given in the workbook, or from the register.

    Numbers are allocated in the order of the letters' dates (the plan's order among letters
    of one date), so an undangan dated before the berita acara gets the smaller number.
    """
    numbers: dict[tuple[str, str], str] = {}
    by_date = sorted(range(len(planned)), key=lambda i: (planned[i].spec.date(rnd), i))
    for doc in (planned[i] for i in by_date):
        kind, nip = doc.key
        key = (rnd.kode_putaran, kind.value, nip)
        given = rnd.given_numbers.get(kind) if not nip else None
        if given:
            numbers[doc.key] = register.record_given(key, given).nomor
            continue
        on = doc.spec.date(rnd)
        series = numbering.series(kind, rnd.jenis, rnd.unit_pengelola_singkatan, on)

        def render(urut: int, k: str = kind, s: Series = series, d: date = on) -> str:
            return numbering.format(k, s, urut, d, rnd.jenis)

        allocation = register.allocate(key, series, render)
        numbers[doc.key] = allocation.nomor
    return numbers
