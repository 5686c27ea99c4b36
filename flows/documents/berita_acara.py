"""Berita acara of the evaluation: date in words, results table, the team's signatures."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import context as c
from flows.documents import sk_tim
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.letters import LetterKind


@dataclass(frozen=True, slots=True)
class BeritaAcaraContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor berita acara")
    tanggal: str = c.arti('Tanggal berita acara: "11 November 2024"')
    hari: str = c.arti('Hari berita acara: "Senin"')
    tanggal_terbilang: str = c.arti('Tanggal dalam huruf: "sebelas"')
    bulan: str = c.arti('Bulan: "November"')
    tahun_terbilang: str = c.arti('Tahun dalam huruf: "dua ribu dua puluh empat"')
    tanggal_angka: str = c.arti('Tanggal dalam angka: "11-11-2024"')
    sk_tim: c.Rujukan = c.arti("Keputusan pembentukan tim (nomor, tanggal)")
    tim: tuple[c.AnggotaTim, ...] = c.arti("Anggota tim, untuk tanda tangan")
    komponen: tuple[c.Komponen, ...] = c.arti("Komponen nilai dan bobotnya")
    hasil: tuple[c.Hasil, ...] = c.arti("Hasil per pejabat, urut peringkat")
    jumlah_pejabat: str = c.arti('"12 (dua belas)"')
    catatan: tuple[str, ...] = c.arti("Catatan: syarat masa jabatan, rekomendasi yang "
                                      "ditetapkan tim, dan catatan dari workbook")


def build(inputs: Inputs, _official: OfficialResult | None = None) -> BeritaAcaraContext:
    rnd = inputs.round
    on = rnd.tanggal_berita_acara
    hasil = c.ranked_hasil(rnd, inputs.evaluation)
    putaran = c.putaran(rnd)
    catatan = tuple(note for h in hasil for note in h.catatan_syarat)  # each names the official
    catatan += tuple(f"Rekomendasi bagi {h.nama} ditetapkan oleh {putaran.nama_tim} berdasarkan "
                     "pertimbangan khusus, di luar ketentuan rekomendasi yang berlaku umum."
                     for h in hasil if h.ditetapkan_tim)
    catatan += tuple(_sentence(f"Mengenai {h.nama}: {h.catatan}") for h in hasil
                     if h.catatan)
    return BeritaAcaraContext(
        kop=inputs.kop(), putaran=putaran, nomor=inputs.nomor(LetterKind.BERITA_ACARA),
        tanggal=fmt.tanggal(on), hari=fmt.hari(on), tanggal_terbilang=fmt.terbilang(on.day),
        bulan=fmt.bulan(on), tahun_terbilang=fmt.terbilang(on.year),
        tanggal_angka=fmt.tanggal_angka(on), sk_tim=inputs.rujukan(sk_tim.SPEC),
        tim=c.anggota(rnd), komponen=c.komponen(rnd), hasil=hasil,
        jumlah_pejabat=fmt.jumlah(len(hasil)), catatan=catatan,
    )


def _sentence(text: str) -> str:
    """A note as a sentence: it ends with a full stop."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else text + "."


SPEC = DocumentSpec(
    LetterKind.BERITA_ACARA, "berita_acara.docx", "Berita acara", per_official=False,
    context_type=BeritaAcaraContext, build=build, dated=lambda r: r.tanggal_berita_acara)
