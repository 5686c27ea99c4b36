"""Surat dinas from the kepala daerah to the Minister of Home Affairs asking written approval
for moves during a regional-election window (UU 10/2016 Ps. 71 ayat (2), Ps. 162 ayat (3))."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.documents import berita_acara, saran_pendapat, sk_tim
from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.letters import LetterKind
from flows.domain.models import Round


@dataclass(frozen=True, slots=True)
class PersetujuanMendagriContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor surat")
    tanggal: str = c.arti("Tanggal surat")
    sk_tim: c.Rujukan = c.arti("Keputusan pembentukan tim")
    berita_acara: c.Rujukan = c.arti("Berita acara")
    saran_pendapat: c.Rujukan = c.arti("Saran pendapat tim")
    pilkada: c.Pilkada = c.arti("Masa pilkada yang mewajibkan persetujuan")
    usulan: tuple[c.Hasil, ...] = c.arti("Pejabat yang diusulkan pindah, untuk lampiran "
                                         "(jabatan sekarang dan jabatan_sasaran)")
    jumlah_usulan: str = c.arti('"2 (dua)"')
    penanda_tangan: c.Orang = c.arti("Kepala daerah")


def build(inputs: Inputs, _official: OfficialResult | None = None) -> PersetujuanMendagriContext:
    rnd = inputs.round
    usulan = c.hasil(rnd, inputs.evaluation.moving)
    return PersetujuanMendagriContext(
        kop=inputs.kop(), putaran=c.putaran(rnd),
        nomor=inputs.nomor(LetterKind.PERMOHONAN_PERSETUJUAN_MENDAGRI),
        tanggal=fmt.tanggal(dated(rnd)), sk_tim=inputs.rujukan(sk_tim.SPEC),
        berita_acara=inputs.rujukan(berita_acara.SPEC),
        saran_pendapat=inputs.rujukan(saran_pendapat.SPEC),
        pilkada=c.pilkada(rnd, inputs.evaluation), usulan=usulan,
        jumlah_usulan=fmt.jumlah(len(usulan)), penanda_tangan=c.kepala_daerah(rnd),
    )


def dated(rnd: Round) -> date:
    """The request goes out with the request letter to BKN (the Putaran's surat permohonan)."""
    return rnd.tanggal_surat_permohonan


def needed(evaluation: RoundEvaluation) -> bool:
    """A move falls in an election window and the Minister's approval is not given yet."""
    return evaluation.approval_needed


SPEC = DocumentSpec(
    LetterKind.PERMOHONAN_PERSETUJUAN_MENDAGRI, "permohonan_persetujuan_mendagri.docx",
    "Surat permohonan persetujuan Menteri Dalam Negeri", per_official=False,
    context_type=PersetujuanMendagriContext, build=build, dated=dated, needed=needed)
