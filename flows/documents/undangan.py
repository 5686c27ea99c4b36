"""Invitation of one official to the evaluation (date, place, what is asked of them)."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import context as c
from flows.documents import sk_tim
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.letters import LetterKind


@dataclass(frozen=True, slots=True)
class UndanganContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor surat undangan")
    tanggal: str = c.arti("Tanggal surat")
    sk_tim: c.Rujukan = c.arti("Keputusan pembentukan tim")
    pejabat: c.Hasil = c.arti("Pejabat yang diundang (hanya data diri yang dipakai)")
    penanda_tangan: c.Orang = c.arti("Kepala unit pengelola, atau Ketua tim bila tidak diisi")


def build(inputs: Inputs, official: OfficialResult | None) -> UndanganContext:
    assert official is not None
    rnd = inputs.round
    (pejabat,) = c.hasil(rnd, (official,))
    return UndanganContext(
        kop=inputs.kop(), putaran=c.putaran(rnd),
        nomor=inputs.nomor(LetterKind.UNDANGAN, official.official.nip.digits),
        tanggal=fmt.tanggal(rnd.tanggal_undangan), sk_tim=inputs.rujukan(sk_tim.SPEC),
        pejabat=pejabat, penanda_tangan=c.pejabat_unit(rnd),
    )


SPEC = DocumentSpec(
    LetterKind.UNDANGAN, "undangan.docx", "Undangan", per_official=True,
    context_type=UndanganContext, build=build, dated=lambda r: r.tanggal_undangan)
