"""The pieces every letter's context is made of. Field ``arti`` metadata documents each
template variable (docs/variabel-template.md is generated from it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from flows.domain import indonesian as fmt
from flows.domain.evaluation import OfficialResult, RoundEvaluation
from flows.domain.models import Round, RoundKind, TeamRole
from flows.domain.nip import Nip
from flows.domain.pangkat import format_pangkat_golongan


def arti(text: str) -> Any:
    """A context field with its meaning for template authors (Indonesian)."""
    return field(metadata={"arti": text})


JENIS_TEKS = {
    RoundKind.EVALUASI_KINERJA: "evaluasi kinerja",
    RoundKind.UJI_KOMPETENSI: "uji kompetensi",
    RoundKind.SELEKSI_TERBUKA: "seleksi terbuka",
}


@dataclass(frozen=True, slots=True)
class Kop:
    pemerintah: str = arti('Baris pertama kop, huruf kapital: "PEMERINTAH KABUPATEN …"')
    kepala_daerah: str = arti('Kop naskah kepala daerah, huruf kapital: "BUPATI …"')
    unit: str = arti("Nama unit pengelola kepegawaian, huruf kapital")
    alamat: str = arti("Alamat unit (kosong bila tidak diisi)")
    telepon: str = arti('Nomor telepon unit: "(0370) 631234", kosong bila tidak diisi')
    laman: str = arti('Laman unit: "bkpsdm.contohkab.go.id", kosong bila tidak diisi')
    pos_el: str = arti('Pos-el unit: "bkpsdm@contohkab.go.id", kosong bila tidak diisi')
    baris_alamat: str = arti('Baris alamat kop: "Jalan …, Telepon (0370) 631234", kosong bila '
                             "keduanya tidak diisi")
    baris_kontak: str = arti('Baris kontak kop: "Laman …, Pos-el …", kosong bila keduanya tidak '
                             "diisi")


@dataclass(frozen=True, slots=True)
class KopKontak:
    """The unit's address and contact lines from the office settings (``[kop]``)."""

    alamat: str = ""
    telepon: str = ""
    laman: str = ""
    pos_el: str = ""


@dataclass(frozen=True, slots=True)
class Putaran:
    kode: str = arti("Kode putaran")
    jenis: str = arti("evaluasi_kinerja, uji_kompetensi atau seleksi_terbuka")
    jenis_teks: str = arti('Jenis putaran dalam kalimat: "evaluasi kinerja"')
    jenis_judul: str = arti('Jenis putaran dalam judul: "Evaluasi Kinerja"')
    nama: str = arti("Nama putaran")
    nama_tim: str = arti("Nama tim/panitia")
    pemerintah_daerah: str = arti('"Kabupaten …"')
    provinsi: str = arti("Provinsi")
    ibu_kota: str = arti('Tempat "Ditetapkan di"')
    kepala_daerah_jabatan: str = arti('"Bupati …"')
    kepala_daerah_nama: str = arti("Nama kepala daerah")
    unit_pengelola: str = arti("Nama unit pengelola kepegawaian")
    unit_singkatan: str = arti('Singkatan unit, misalnya "BKPSDM"')
    tanggal_pelaksanaan: str = arti('Tanggal pelaksanaan: "11 November 2024"')
    hari_pelaksanaan: str = arti('Hari pelaksanaan: "Senin"')
    tempat_pelaksanaan: str = arti("Tempat pelaksanaan")
    waktu_pelaksanaan: str = arti('Waktu pelaksanaan: "08.00 WITA s.d. selesai"')
    tahun: str = arti("Tahun pelaksanaan")
    batas_baik: str = arti("Nilai minimal kategori Baik")
    batas_cukup: str = arti("Nilai minimal kategori Cukup")
    instansi_tujuan: str = arti("BKN atau KASN")
    jpt_judul: str = arti('Sasaran kegiatan dalam judul: "Pejabat Pimpinan Tinggi Pratama" '
                          '(evaluasi kinerja, uji kompetensi) atau "Jabatan Pimpinan Tinggi '
                          'Pratama" (seleksi terbuka)')
    peserta: str = arti('Orang yang dinilai dalam kalimat: "Pejabat Pimpinan Tinggi Pratama" '
                        'atau "peserta seleksi" (seleksi terbuka)')
    sebutan_tim: str = arti('Sebutan singkat tim: "Panitia Seleksi" bila nama tim diawali '
                            '"Panitia", selain itu "Tim"')


@dataclass(frozen=True, slots=True)
class Rujukan:
    """Another document of the round, for citing it."""

    nomor: str = arti("Nomor naskah")
    tanggal: str = arti('Tanggal naskah: "11 November 2024"')


@dataclass(frozen=True, slots=True)
class Orang:
    nama: str = arti("Nama lengkap dengan gelar")
    nama_kapital: str = arti("Nama dengan huruf kapital (blok tanda tangan)")
    nip: str = arti('NIP berspasi "19700101 199503 1 001", kosong bila tidak ada')
    pangkat_golongan: str = arti('"Pembina Utama Muda (IV/c)", kosong bila tidak ada')
    jabatan: str = arti("Jabatan")


@dataclass(frozen=True, slots=True)
class AnggotaTim:
    no: int = arti("Nomor urut")
    nama: str = arti("Nama lengkap dengan gelar")
    nip: str = arti("NIP berspasi, kosong bila tidak ada")
    pangkat_golongan: str = arti("Pangkat/golongan, kosong bila tidak ada")
    jabatan: str = arti("Jabatan")
    kedudukan: str = arti("Ketua, Wakil Ketua, Sekretaris atau Anggota")
    unsur: str = arti("Internal, Eksternal, atau kosong")


@dataclass(frozen=True, slots=True)
class Komponen:
    kolom: str = arti('Nama kolom di workbook: "nilai_kinerja"')
    nama: str = arti('Nama komponen: "Kinerja"')
    bobot: str = arti('Bobot dalam persen: "40"')


@dataclass(frozen=True, slots=True)
class Hasil:
    """One official and the round's outcome for them."""

    no: int = arti("Nomor urut dalam daftar")
    peringkat: int = arti("Peringkat (sama untuk nilai sama)")
    nip: str = arti("NIP berspasi")
    nama: str = arti("Nama lengkap dengan gelar")
    nama_kapital: str = arti("Nama dengan huruf kapital")
    pangkat_golongan: str = arti("Pangkat/golongan, kosong bila tidak diisi")
    jabatan: str = arti("Jabatan saat ini")
    unit_kerja: str = arti("Perangkat daerah, kosong bila tidak diisi")
    tmt_jabatan: str = arti("TMT jabatan")
    masa_jabatan: str = arti('"4 tahun 7 bulan"')
    predikat_kinerja: str = arti("Predikat SKP, kosong bila tidak diisi")
    nilai: tuple[str, ...] = arti("Nilai tiap komponen, urut seperti komponen: \"85,00\"")
    nilai_akhir: str = arti('Nilai akhir: "82,50"')
    kategori: str = arti("Baik, Cukup atau Kurang")
    rekomendasi: str = arti("Rekomendasi, dengan penanda bila ditetapkan manual oleh tim")
    ditetapkan_tim: bool = arti("Rekomendasi diubah manual oleh tim")
    perlu_permohonan: bool = arti("Masuk surat permohonan ke BKN/KASN")
    jabatan_sasaran: str = arti("Jabatan yang diusulkan/dilamar, kosong bila tidak ada")
    catatan: str = arti("Catatan dari workbook, kosong bila tidak ada")
    catatan_syarat: tuple[str, ...] = arti("Peringatan syarat masa jabatan")


@dataclass(frozen=True, slots=True)
class Pilkada:
    """The regional-election window of the round, when someone is proposed to move in it."""

    dalam_masa: bool = arti("Benar bila putaran berada dalam masa pilkada dan ada pejabat yang "
                            "diusulkan pindah")
    nama: str = arti('"Pemilihan Kepala Daerah Serentak Tahun 2024"; kosong bila tidak dalam '
                     "masa pilkada")
    dasar: str = arti("Undang-undang yang mewajibkan persetujuan tertulis Menteri Dalam Negeri")
    tanggal_penetapan_paslon: str = arti("Tanggal penetapan pasangan calon")
    tanggal_pelantikan: str = arti("Tanggal pelantikan kepala daerah hasil pilkada")
    bulan_setelah_pelantikan: str = arti('"6 (enam)"')
    perlu_persetujuan: bool = arti("Benar bila persetujuan Menteri Dalam Negeri belum diterima "
                                   "(surat permohonannya dibuat dalam putaran ini)")
    persetujuan: Rujukan = arti("Persetujuan tertulis Menteri Dalam Negeri yang sudah diterima "
                                "(nomor dan tanggal kosong bila belum ada)")
    permohonan: Rujukan = arti("Surat permohonan persetujuan Menteri Dalam Negeri putaran ini "
                               "(kosong bila tidak dibuat)")


def pilkada(rnd: Round, evaluation: RoundEvaluation,
            permohonan: Rujukan | None = None) -> Pilkada:
    w = evaluation.election
    empty = Rujukan(nomor="", tanggal="")
    approval = rnd.persetujuan_mendagri
    return Pilkada(
        dalam_masa=w is not None, nama=w.nama if w else "", dasar=w.dasar if w else "",
        tanggal_penetapan_paslon=fmt.tanggal(w.penetapan_paslon) if w else "",
        tanggal_pelantikan=fmt.tanggal(w.pelantikan) if w else "",
        bulan_setelah_pelantikan=fmt.jumlah(w.months_after) if w else "",
        perlu_persetujuan=evaluation.approval_needed,
        persetujuan=rujukan(approval[0], approval[1]) if approval else empty,
        permohonan=permohonan or empty,
    )


def keterangan(results: tuple[OfficialResult, ...]) -> tuple[str, ...]:
    """The formal sentences about the officials' tenure, in list order."""
    return tuple(note for r in results for note in r.notes)


NBSP = "\u00a0"


def nip_text(nip: Nip | None) -> str:
    """The NIP with non-breaking spaces: it never breaks across lines."""
    return nip.display().replace(" ", NBSP) if nip else ""


def kop(rnd: Round, kontak: KopKontak = KopKontak()) -> Kop:
    """The kop: the address of the settings, else the workbook's; the contact lines."""
    alamat = kontak.alamat or rnd.alamat_unit or ""

    def line(*parts: tuple[str, str]) -> str:
        return ", ".join(f"{label}\u00a0{value}".strip() for label, value in parts if value)

    return Kop(
        pemerintah=f"PEMERINTAH {rnd.pemerintah_daerah.upper()}",
        kepala_daerah=rnd.kepala_daerah_jabatan.upper(),
        unit=rnd.unit_pengelola.upper(),
        alamat=alamat, telepon=kontak.telepon, laman=kontak.laman, pos_el=kontak.pos_el,
        baris_alamat=", ".join(x for x in (alamat, line(("Telepon", kontak.telepon))) if x),
        baris_kontak=line(("Laman", kontak.laman), ("Pos-el", kontak.pos_el)),
    )


def putaran(rnd: Round) -> Putaran:
    seleksi = rnd.jenis is RoundKind.SELEKSI_TERBUKA
    return Putaran(
        kode=rnd.kode_putaran, jenis=rnd.jenis.value, jenis_teks=JENIS_TEKS[rnd.jenis],
        jenis_judul=JENIS_TEKS[rnd.jenis].title(),
        nama=rnd.nama_putaran, nama_tim=rnd.nama_tim, pemerintah_daerah=rnd.pemerintah_daerah,
        provinsi=rnd.provinsi, ibu_kota=rnd.ibu_kota,
        kepala_daerah_jabatan=rnd.kepala_daerah_jabatan,
        kepala_daerah_nama=rnd.kepala_daerah_nama, unit_pengelola=rnd.unit_pengelola,
        unit_singkatan=rnd.unit_pengelola_singkatan,
        tanggal_pelaksanaan=fmt.tanggal(rnd.tanggal_pelaksanaan),
        hari_pelaksanaan=fmt.hari(rnd.tanggal_pelaksanaan),
        tempat_pelaksanaan=rnd.tempat_pelaksanaan,
        waktu_pelaksanaan=rnd.waktu_pelaksanaan or "", tahun=str(rnd.tanggal_pelaksanaan.year),
        batas_baik=fmt.bilangan(rnd.thresholds.baik),
        batas_cukup=fmt.bilangan(rnd.thresholds.cukup),
        instansi_tujuan=rnd.instansi_tujuan.value,
        jpt_judul=("Jabatan" if seleksi else "Pejabat") + " Pimpinan Tinggi Pratama",
        peserta="peserta seleksi" if seleksi else "Pejabat Pimpinan Tinggi Pratama",
        sebutan_tim=("Panitia Seleksi" if rnd.nama_tim.strip().lower().startswith("panitia")
                     else "Tim"),
    )


def rujukan(nomor: str, on: date) -> Rujukan:
    return Rujukan(nomor=nomor, tanggal=fmt.tanggal(on))


def anggota(rnd: Round) -> tuple[AnggotaTim, ...]:
    return tuple(
        AnggotaTim(no=i, nama=m.nama, nip=nip_text(m.nip),
                   pangkat_golongan=m.pangkat_golongan or "", jabatan=m.jabatan,
                   kedudukan=m.kedudukan.value,
                   unsur=m.unsur.value if m.unsur else "")
        for i, m in enumerate(rnd.team, start=1)
    )


def ketua(rnd: Round) -> Orang:
    member = rnd.ketua
    return Orang(nama=member.nama, nama_kapital=member.nama.upper(), nip=nip_text(member.nip),
                 pangkat_golongan=member.pangkat_golongan or "",
                 jabatan=f"{TeamRole.KETUA.value} {rnd.nama_tim}")


def kepala_daerah(rnd: Round) -> Orang:
    """The regent signs without titles, NIP or pangkat; the name in capitals."""
    return Orang(nama=rnd.kepala_daerah_nama, nama_kapital=rnd.kepala_daerah_nama.upper(),
                 nip="", pangkat_golongan="", jabatan=rnd.kepala_daerah_jabatan)


def pejabat_unit(rnd: Round) -> Orang:
    """Signer of invitations and result notices: the unit head if named, else the Ketua."""
    head = rnd.kepala_unit
    if head is None:
        return ketua(rnd)
    return Orang(nama=head.nama, nama_kapital=head.nama.upper(), nip=nip_text(head.nip),
                 pangkat_golongan=head.pangkat_golongan or "",
                 jabatan=f"Kepala {rnd.unit_pengelola}")


def komponen(rnd: Round) -> tuple[Komponen, ...]:
    return tuple(
        Komponen(kolom=w.component,
                 nama=w.component.removeprefix("nilai_").replace("_", " ").title(),
                 bobot=fmt.bilangan(w.percent))
        for w in rnd.weights
    )


def hasil(rnd: Round, results: tuple[OfficialResult, ...]) -> tuple[Hasil, ...]:
    rows = []
    for no, r in enumerate(results, start=1):
        o = r.official
        rows.append(Hasil(
            no=no, peringkat=r.rank, nip=nip_text(o.nip), nama=o.full_name,
            nama_kapital=o.full_name.upper(),
            pangkat_golongan=format_pangkat_golongan(o.pangkat, o.golongan),
            jabatan=o.jabatan, unit_kerja=o.unit_kerja or "",
            tmt_jabatan=fmt.tanggal(o.tmt_jabatan), masa_jabatan=str(r.tenure),
            predikat_kinerja=o.predikat_kinerja.value if o.predikat_kinerja else "",
            nilai=tuple(fmt.desimal(o.scores[w.component]) for w in rnd.weights),
            nilai_akhir=fmt.desimal(r.final_score), kategori=r.category.value,
            rekomendasi=r.recommendation, ditetapkan_tim=r.manual,
            perlu_permohonan=r.needs_request, jabatan_sasaran=o.jabatan_sasaran or "",
            catatan=o.catatan or "", catatan_syarat=r.notes,
        ))
    return tuple(rows)


def ranked_hasil(rnd: Round, evaluation: RoundEvaluation) -> tuple[Hasil, ...]:
    return hasil(rnd, evaluation.ranked)
