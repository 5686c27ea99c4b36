"""Keputusan kepala daerah: the formation of the evaluation team, with its lampiran."""

from __future__ import annotations

from dataclasses import dataclass

from flows.documents import context as c
from flows.documents.base import DocumentSpec, Inputs
from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult
from flows.domain.legal import in_force
from flows.domain.letters import LetterKind


@dataclass(frozen=True, slots=True)
class SkTimContext:
    kop: c.Kop = c.arti("Kop naskah")
    putaran: c.Putaran = c.arti("Data putaran")
    nomor: str = c.arti("Nomor keputusan")
    tanggal: str = c.arti('Tanggal ditetapkan: "21 Oktober 2024"')
    judul: str = c.arti('Judul dalam huruf kapital: "PEMBENTUKAN TIM … DI LINGKUNGAN …"')
    mengingat: tuple[str, ...] = c.arti("Dasar hukum yang berlaku pada tanggal keputusan, satu "
                                        "butir per peraturan")
    tim: tuple[c.AnggotaTim, ...] = c.arti("Susunan tim untuk lampiran")
    jumlah_anggota: str = c.arti('"5 (lima)"')
    penanda_tangan: c.Orang = c.arti("Kepala daerah")
    kantor_regional_bkn: str = c.arti('Kantor regional BKN provinsi ini: "Kantor Regional IV '
                                      'Badan Kepegawaian Negara di Makassar"')


def build(inputs: Inputs, _official: OfficialResult | None = None) -> SkTimContext:
    rnd = inputs.round
    mengingat = in_force(inputs.mengingat, rnd.tanggal_sk_tim)
    if rnd.dasar_pembentukan_daerah:
        mengingat = (rnd.dasar_pembentukan_daerah, *mengingat)
    return SkTimContext(
        kop=inputs.kop(), putaran=c.putaran(rnd), nomor=inputs.nomor(LetterKind.SK_TIM),
        tanggal=fmt.tanggal(rnd.tanggal_sk_tim),
        judul=f"PEMBENTUKAN {rnd.nama_tim.upper()} DI LINGKUNGAN PEMERINTAH "
              f"{rnd.pemerintah_daerah.upper()}",
        mengingat=mengingat, tim=c.anggota(rnd), jumlah_anggota=fmt.jumlah(len(rnd.team)),
        penanda_tangan=c.kepala_daerah(rnd), kantor_regional_bkn=inputs.kantor_regional_bkn,
    )


SPEC = DocumentSpec(
    LetterKind.SK_TIM, "sk_tim.docx", "Keputusan pembentukan tim", per_official=False,
    context_type=SkTimContext, build=build, dated=lambda r: r.tanggal_sk_tim, keputusan=True)
