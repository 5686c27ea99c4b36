"""Nota dinas from the Ketua Tim to the kepala daerah: ranked results, one recommendation each."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import berita_acara, sk_tim
from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.letters import LetterKind


@dataclass(frozen=True, slots=True)
class SaranPendapatContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor nota dinas")
    tanggal: str = c.arti("Tanggal nota dinas")
    sk_tim: c.Rujukan = c.arti("Keputusan pembentukan tim")
    berita_acara: c.Rujukan = c.arti("Berita acara")
    komponen: tuple[c.Komponen, ...] = c.arti("Komponen nilai dan bobotnya")
    hasil: tuple[c.Hasil, ...] = c.arti("Hasil per pejabat, urut peringkat (seleksi terbuka: "
                                        "per jabatan yang dilamar)")
    jumlah_permohonan: int = c.arti("Jumlah pejabat yang masuk surat permohonan")
    keterangan: tuple[str, ...] = c.arti("Kalimat resmi tentang masa jabatan (2 dan 5 tahun) "
                                         "dan jabatan yang diusulkan tetapi masih diduduki")
    pilkada: c.Pilkada = c.arti("Masa pilkada: persetujuan Menteri Dalam Negeri")
    jumlah_permohonan_teks: str = c.arti('Jumlah itu dengan huruf: "5 (lima)"')
    penanda_tangan: c.Orang = c.arti("Ketua tim")


def build(inputs: Inputs, _official: OfficialResult | None = None) -> SaranPendapatContext:
    rnd = inputs.round
    return SaranPendapatContext(
        kop=inputs.kop(), putaran=c.putaran(rnd), nomor=inputs.nomor(LetterKind.SARAN_PENDAPAT),
        tanggal=fmt.tanggal(rnd.tanggal_saran_pendapat), sk_tim=inputs.rujukan(sk_tim.SPEC),
        berita_acara=inputs.rujukan(berita_acara.SPEC), komponen=c.komponen(rnd),
        hasil=c.ranked_hasil(rnd, inputs.evaluation),
        jumlah_permohonan=len(inputs.evaluation.needing_request),
        keterangan=(*c.keterangan(inputs.evaluation.ranked), *inputs.evaluation.held_posts),
        pilkada=c.pilkada(rnd, inputs.evaluation),
        jumlah_permohonan_teks=fmt.jumlah(len(inputs.evaluation.needing_request)),
        penanda_tangan=c.ketua(rnd),
    )


SPEC = DocumentSpec(
    LetterKind.SARAN_PENDAPAT, "saran_pendapat.docx", "Saran pendapat (nota dinas)",
    per_official=False, context_type=SaranPendapatContext, build=build,
    dated=lambda r: r.tanggal_saran_pendapat)
