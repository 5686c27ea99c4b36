"""Surat dinas from the kepala daerah to the Minister of Home Affairs asking written approval
for moves during a regional-election window (UU 10/2016 Ps. 71 ayat (2), Ps. 162 ayat (3))."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult


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
        nomor=inputs.nomor("permohonan_persetujuan_mendagri"),
        tanggal=fmt.tanggal(rnd.tanggal_surat_permohonan), sk_tim=inputs.rujukan("sk_tim"),
        berita_acara=inputs.rujukan("berita_acara"),
        saran_pendapat=inputs.rujukan("saran_pendapat"),
        pilkada=c.pilkada(rnd, inputs.evaluation), usulan=usulan,
        jumlah_usulan=fmt.jumlah(len(usulan)), penanda_tangan=c.kepala_daerah(rnd),
    )


SPEC = DocumentSpec("permohonan_persetujuan_mendagri", "permohonan_persetujuan_mendagri.docx",
                    "Surat permohonan persetujuan Menteri Dalam Negeri", False,
                    PersetujuanMendagriContext, build)
