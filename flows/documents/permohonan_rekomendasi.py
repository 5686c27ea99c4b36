"""Surat dinas from the kepala daerah to BKN (pertimbangan teknis) or KASN (rekomendasi)."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import (
    berita_acara,
    permohonan_persetujuan_mendagri,
    saran_pendapat,
    sk_tim,
)
from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.letters import LetterKind
from flows.domain.models import Addressee, Round, RoundKind


@dataclass(frozen=True, slots=True)
class PermohonanContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor surat")
    tanggal: str = c.arti("Tanggal surat")
    ke_bkn: bool = c.arti("Benar bila ditujukan ke Kepala BKN, salah bila ke Ketua KASN")
    sk_tim: c.Rujukan = c.arti("Keputusan pembentukan tim")
    berita_acara: c.Rujukan = c.arti("Berita acara")
    saran_pendapat: c.Rujukan = c.arti("Saran pendapat tim")
    usulan: tuple[c.Hasil, ...] = c.arti("Pejabat yang dimohonkan, untuk lampiran")
    jumlah_usulan: str = c.arti('"3 (tiga)"')
    keterangan: tuple[str, ...] = c.arti("Kalimat resmi tentang masa jabatan pejabat yang "
                                         "dimohonkan (2 dan 5 tahun)")
    pilkada: c.Pilkada = c.arti("Masa pilkada: persetujuan Menteri Dalam Negeri yang diperlukan "
                                "atau sudah diterima, dan surat permohonannya")
    penanda_tangan: c.Orang = c.arti("Kepala daerah")
    hal: str = c.arti('Hal surat, menyebut permohonannya: "Permohonan Pertimbangan Teknis '
                      'Mutasi/Rotasi dan Perpanjangan Masa Jabatan Pimpinan Tinggi Pratama"')
    kantor_regional_bkn: str = c.arti('Kantor regional BKN provinsi ini: "Kantor Regional IV '
                                      'Badan Kepegawaian Negara di Makassar"')


def build(inputs: Inputs, _official: OfficialResult | None = None) -> PermohonanContext:
    rnd = inputs.round
    usulan = c.hasil(rnd, inputs.evaluation.needing_request)
    return PermohonanContext(
        kop=inputs.kop(), putaran=c.putaran(rnd),
        nomor=inputs.nomor(LetterKind.PERMOHONAN_REKOMENDASI),
        tanggal=fmt.tanggal(rnd.tanggal_surat_permohonan),
        ke_bkn=rnd.instansi_tujuan is Addressee.BKN, sk_tim=inputs.rujukan(sk_tim.SPEC),
        berita_acara=inputs.rujukan(berita_acara.SPEC),
        saran_pendapat=inputs.rujukan(saran_pendapat.SPEC), usulan=usulan,
        jumlah_usulan=fmt.jumlah(len(usulan)), penanda_tangan=c.kepala_daerah(rnd),
        keterangan=c.keterangan(inputs.evaluation.needing_request),
        pilkada=c.pilkada(rnd, inputs.evaluation,
                          inputs.rujukan(permohonan_persetujuan_mendagri.SPEC)
                          if inputs.evaluation.approval_needed else None),
        hal=hal(rnd, inputs.evaluation.needing_request),
        kantor_regional_bkn=inputs.kantor_regional_bkn,
    )


EXTENSION, APPOINTMENT = "perpanjangan", "diusulkan"
"""Outcome keys of an extension of the term, and of a candidate proposed for a post."""


def hal(rnd: Round, usulan: tuple[OfficialResult, ...]) -> str:
    """The subject line names what is requested: moves, extensions of the term, or (seleksi
    terbuka) the appointment of a candidate."""
    if rnd.instansi_tujuan is not Addressee.BKN:
        what = "Jabatan" if rnd.jenis is RoundKind.SELEKSI_TERBUKA else "Pejabat"
        return (f"Permohonan Rekomendasi Hasil {c.JENIS_TEKS[rnd.jenis].title()} {what} "
                "Pimpinan Tinggi Pratama")
    outcomes = {r.outcome for r in usulan}
    if rnd.jenis is RoundKind.SELEKSI_TERBUKA or outcomes == {APPOINTMENT}:
        return ("Permohonan Pertimbangan Teknis Pengangkatan dalam Jabatan Pimpinan Tinggi "
                "Pratama Hasil Seleksi Terbuka")
    # By the computed outcome, which a recommendation worded by the team ("manual") keeps:
    # anyone not proposed for the extension is asked for as a move.
    extension = any(r.term_passed for r in usulan)
    moves = any(r.moves or not r.term_passed for r in usulan)
    if moves and extension:
        asked = "Mutasi/Rotasi dan Perpanjangan Masa Jabatan"
    elif moves:
        asked = "Mutasi/Rotasi Jabatan"
    else:
        asked = "Perpanjangan Masa Jabatan"
    return f"Permohonan Pertimbangan Teknis {asked} Pimpinan Tinggi Pratama"


SPEC = DocumentSpec(
    LetterKind.PERMOHONAN_REKOMENDASI, "permohonan_rekomendasi.docx",
    "Surat permohonan ke BKN/KASN", per_official=False, context_type=PermohonanContext,
    build=build, dated=lambda r: r.tanggal_surat_permohonan,
    needed=lambda evaluation: bool(evaluation.needing_request))
"""Only when somebody needs a recommendation (or an appointment) from BKN/KASN."""
