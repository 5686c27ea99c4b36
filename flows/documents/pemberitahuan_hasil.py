"""Notice to one official of their own result and recommendation."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import berita_acara
from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.letters import LetterKind


@dataclass(frozen=True, slots=True)
class PemberitahuanContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor surat")
    tanggal: str = c.arti("Tanggal surat")
    berita_acara: c.Rujukan = c.arti("Berita acara")
    komponen: tuple[c.Komponen, ...] = c.arti("Komponen nilai dan bobotnya")
    pejabat: c.Hasil = c.arti("Pejabat yang diberi tahu, dengan hasilnya")
    jumlah_peserta: str = c.arti('Jumlah pejabat yang dinilai: "12 (dua belas)"')
    penanda_tangan: c.Orang = c.arti("Kepala unit pengelola, atau Ketua tim bila tidak diisi")
    tampilkan_rekomendasi: bool = c.arti("Benar bila pengaturan surat.rekomendasi_di_pemberitahuan"
                                         " mengizinkan rekomendasi tim dimuat")


def build(inputs: Inputs, official: OfficialResult | None) -> PemberitahuanContext:
    assert official is not None
    rnd = inputs.round
    (pejabat,) = c.hasil(rnd, (official,))
    return PemberitahuanContext(
        kop=inputs.kop(), putaran=c.putaran(rnd),
        nomor=inputs.nomor(LetterKind.PEMBERITAHUAN_HASIL, official.official.nip.digits),
        tanggal=fmt.tanggal(rnd.tanggal_pemberitahuan),
        berita_acara=inputs.rujukan(berita_acara.SPEC), komponen=c.komponen(rnd), pejabat=pejabat,
        jumlah_peserta=fmt.jumlah(len(inputs.evaluation.results)),
        penanda_tangan=c.pejabat_unit(rnd),
        tampilkan_rekomendasi=inputs.rekomendasi_di_pemberitahuan,
    )


SPEC = DocumentSpec(
    LetterKind.PEMBERITAHUAN_HASIL, "pemberitahuan_hasil.docx", "Pemberitahuan hasil",
    per_official=True, context_type=PemberitahuanContext, build=build,
    dated=lambda r: r.tanggal_pemberitahuan)
