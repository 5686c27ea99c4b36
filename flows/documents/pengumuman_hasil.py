"""Announcement of the panitia seleksi: per post, the candidates who pass, in rank order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flows.documents import berita_acara
from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.letters import LetterKind
from flows.domain.models import Category, Round, RoundKind


@dataclass(frozen=True, slots=True)
class JabatanDilamar:
    nama: str = c.arti("Jabatan yang dilamar")
    calon: tuple[c.Hasil, ...] = c.arti("Calon yang memenuhi syarat, urut peringkat")
    jumlah_calon: str = c.arti('"3 (tiga)"')


@dataclass(frozen=True, slots=True)
class PengumumanContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor pengumuman")
    tanggal: str = c.arti("Tanggal pengumuman")
    berita_acara: c.Rujukan = c.arti("Berita acara penetapan hasil")
    jabatan: tuple[JabatanDilamar, ...] = c.arti("Per jabatan yang dilamar: calon yang "
                                                 "memenuhi syarat")
    jumlah_diusulkan: str = c.arti('Nama yang diusulkan per jabatan: "3 (tiga)"')
    penanda_tangan: c.Orang = c.arti("Ketua panitia seleksi")


def build(inputs: Inputs, _official: OfficialResult | None = None) -> PengumumanContext:
    rnd = inputs.round
    posts: dict[str, list[OfficialResult]] = {}
    for r in inputs.evaluation.ranked:
        if r.category is not Category.KURANG:
            posts.setdefault(r.official.jabatan_sasaran or "", []).append(r)
    jabatan = []
    for post, results in posts.items():
        calon = c.hasil(rnd, tuple(results))
        jabatan.append(JabatanDilamar(nama=post, calon=calon, jumlah_calon=fmt.jumlah(len(calon))))
    return PengumumanContext(
        kop=inputs.kop(), putaran=c.putaran(rnd), nomor=inputs.nomor(LetterKind.PENGUMUMAN_HASIL),
        tanggal=fmt.tanggal(dated(rnd)),
        berita_acara=inputs.rujukan(berita_acara.SPEC), jabatan=tuple(jabatan),
        jumlah_diusulkan=fmt.jumlah(inputs.evaluation.shortlist), penanda_tangan=c.ketua(rnd),
    )


def dated(rnd: Round) -> date:
    """Announced on the day of the result notices (the Putaran's tanggal_pemberitahuan)."""
    return rnd.tanggal_pemberitahuan


def needed(evaluation: RoundEvaluation) -> bool:
    """Only a seleksi terbuka announces its result."""
    return evaluation.kind is RoundKind.SELEKSI_TERBUKA


SPEC = DocumentSpec(
    LetterKind.PENGUMUMAN_HASIL, "pengumuman_hasil.docx", "Pengumuman hasil seleksi",
    per_official=False, context_type=PengumumanContext, build=build, dated=dated, needed=needed)
