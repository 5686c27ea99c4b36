"""The workbook contract as data: sheets, keys, columns, and what a clerk is told about them.

Both the validator and the blank-template writer read this, so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.domain.letters import LetterKind
from flows.domain.models import Predikat, RoundKind, TeamRole, Unsur
from flows.domain.pangkat import GOLONGAN_PANGKAT


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    required: bool
    kind: str
    """``text``, ``date``, ``number``, ``nip``, ``choice`` or ``code``."""
    description: str
    """What the clerk reads in the Petunjuk sheet (Indonesian)."""
    example: str = ""
    choices: tuple[str, ...] = ()


SHEET_PUTARAN = "Putaran"
SHEET_TIM = "Tim"
SHEET_PEJABAT = "Pejabat"
SHEET_BOBOT = "Bobot"
SHEET_PETUNJUK = "Petunjuk"
SHEET_DAFTAR = "Daftar"
REQUIRED_SHEETS = (SHEET_PUTARAN, SHEET_TIM, SHEET_PEJABAT)

YA_TIDAK = ("Ya", "Tidak")
ROUND_KINDS = tuple(k.value for k in RoundKind)
ADDRESSEES = ("BKN", "KASN")
NUMBERED_KINDS = {"sk_tim": LetterKind.SK_TIM, "berita_acara": LetterKind.BERITA_ACARA,
                  "saran_pendapat": LetterKind.SARAN_PENDAPAT,
                  "surat_permohonan": LetterKind.PERMOHONAN_REKOMENDASI}
"""Putaran key ``nomor_<key>`` → the letter kind whose number it gives."""

PUTARAN: tuple[Field, ...] = (
    Field("kode_putaran", True, "code",
          "Kode unik putaran; menjadi nama folder hasil. Hanya huruf, angka, titik, garis bawah "
          "dan tanda hubung, paling panjang 64 karakter.", "EVKIN-BUTENG-2024"),
    Field("jenis_putaran", True, "choice", "Jenis putaran.", "evaluasi_kinerja", ROUND_KINDS),
    Field("nama_putaran", True, "text", "Nama lengkap kegiatan.",
          "Evaluasi Kinerja Pejabat Pimpinan Tinggi Pratama Tahun 2024"),
    Field("pemerintah_daerah", True, "text", "Nama pemerintah daerah.", "Kabupaten Buton Tengah"),
    Field("provinsi", True, "text", "Provinsi.", "Sulawesi Tenggara"),
    Field("ibu_kota", True, "text", 'Ibu kota kabupaten/kota, untuk "Ditetapkan di".',
          "Labungkari"),
    Field("kepala_daerah_jabatan", True, "text", "Jabatan kepala daerah penanda tangan SK.",
          "Bupati Buton Tengah"),
    Field("kepala_daerah_nama", True, "text", "Nama kepala daerah.", ""),
    Field("unit_pengelola", True, "text", "Nama unit pengelola kepegawaian.",
          "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"),
    Field("unit_pengelola_singkatan", True, "text",
          "Singkatan unit pengelola; dipakai dalam nomor surat.", "BKPSDM"),
    Field("alamat_unit", False, "text", "Alamat unit untuk kop surat.", ""),
    Field("tanggal_sk_tim", True, "date", "Tanggal SK pembentukan tim.", "01/11/2024"),
    Field("tanggal_pelaksanaan", True, "date",
          "Tanggal pelaksanaan; masa jabatan dihitung sampai tanggal ini.", "11/11/2024"),
    Field("tempat_pelaksanaan", True, "text", "Tempat pelaksanaan.", "Kendari"),
    Field("waktu_pelaksanaan", True, "text",
          "Waktu pelaksanaan untuk surat undangan (baris Waktu).", "08.00 WITA s.d. selesai"),
    Field("tanggal_berita_acara", False, "date",
          "Tanggal berita acara; bila kosong sama dengan tanggal pelaksanaan.", ""),
    Field("tanggal_saran_pendapat", False, "date",
          "Tanggal saran pendapat; bila kosong sama dengan tanggal berita acara.", ""),
    Field("tanggal_surat_permohonan", False, "date",
          "Tanggal surat permohonan; bila kosong sama dengan tanggal saran pendapat.", ""),
    Field("instansi_tujuan_permohonan", False, "choice",
          "Tujuan surat permohonan: BKN (bawaan; KASN dibubarkan oleh UU 20/2023) atau KASN "
          "(putaran lama).", "BKN", ADDRESSEES),
    *(Field(f"nomor_{kind}", False, "text",
            f"Nomor {label} bila sudah ada; bila kosong nomor diambil dari register.", "")
      for kind, label in zip(NUMBERED_KINDS, (
          "SK tim", "berita acara", "saran pendapat", "surat permohonan"), strict=True)),
    Field("nama_tim", False, "text",
          "Nama tim pada surat; bila kosong memakai nama bawaan sesuai jenis putaran.",
          "Panitia Seleksi Uji Kompetensi dan Evaluasi Kinerja JPT Pratama"),
    Field("batas_baik", False, "number", "Nilai akhir minimal kategori Baik (bawaan 80).", "80"),
    Field("batas_cukup", False, "number", "Nilai akhir minimal kategori Cukup (bawaan 68).", "68"),
    Field("dasar_pembentukan_daerah", False, "text",
          'Undang-undang pembentukan daerah, butir pertama "Mengingat" pada SK.',
          "Undang-Undang Nomor 15 Tahun 2014 tentang Pembentukan Kabupaten Buton Tengah di "
          "Provinsi Sulawesi Tenggara"),
    Field("tanggal_undangan", False, "date",
          "Tanggal surat undangan; bila kosong sama dengan tanggal SK tim.", ""),
    Field("tanggal_pemberitahuan", False, "date",
          "Tanggal surat pemberitahuan hasil; bila kosong sama dengan tanggal saran pendapat.",
          ""),
    Field("kepala_unit_nama", False, "text",
          "Nama kepala unit pengelola (dengan gelar) penanda tangan undangan dan pemberitahuan "
          "hasil; bila kosong ditandatangani Ketua tim.", ""),
    Field("kepala_unit_pangkat_golongan", False, "text", "Pangkat dan golongan kepala unit.",
          "Pembina Tingkat I (IV/b)"),
    Field("kepala_unit_nip", False, "nip", "NIP kepala unit.", ""),
    Field("tanggal_penetapan_paslon", False, "date",
          "Tanggal penetapan pasangan calon kepala daerah oleh KPU daerah ini, bila berbeda "
          "dari jadwal pilkada serentak di pengaturan kantor.", ""),
    Field("tanggal_pelantikan_kepala_daerah", False, "date",
          "Tanggal pelantikan kepala daerah hasil pilkada, bila berbeda dari jadwal serentak "
          "(misalnya dilantik sesudah putusan Mahkamah Konstitusi).", ""),
    Field("persetujuan_mendagri_nomor", False, "text",
          "Nomor persetujuan tertulis Menteri Dalam Negeri yang sudah diterima (isi bersama "
          "tanggalnya); surat permohonan persetujuan tidak dibuat lagi.", "100.2.2.6/7588/OTDA"),
    Field("persetujuan_mendagri_tanggal", False, "date",
          "Tanggal persetujuan tertulis Menteri Dalam Negeri.", ""),
)

TIM: tuple[Field, ...] = (
    Field("no", False, "number", "Nomor urut (tidak wajib).", "1"),
    Field("nama", True, "text", "Nama lengkap dengan gelar, seperti ditulis pada surat.",
          "Drs. H. Asrun Lio, M.Hum., Ph.D."),
    Field("nip", False, "nip",
          "NIP 18 digit; boleh kosong untuk anggota eksternal yang tidak memiliki NIP.",
          "19700101 199503 1 001"),
    Field("pangkat_golongan", False, "text", "Pangkat dan golongan/ruang.",
          "Pembina Utama Muda (IV/c)"),
    Field("jabatan", True, "text", "Jabatan anggota tim.",
          "Sekretaris Daerah Provinsi Sulawesi Tenggara"),
    Field("kedudukan_dalam_tim", True, "choice", "Kedudukan dalam tim; tepat satu Ketua.",
          "Ketua", tuple(r.value for r in TeamRole)),
    Field("unsur", False, "choice", "Unsur internal atau eksternal.", "Internal",
          tuple(u.value for u in Unsur)),
)

PEJABAT: tuple[Field, ...] = (
    Field("no", False, "number", "Nomor urut (tidak wajib).", "1"),
    Field("nip", True, "nip",
          "NIP 18 digit, boleh dengan spasi; tidak boleh ganda. Ketik sebagai teks.",
          "19700101 199503 1 001"),
    Field("gelar_depan", False, "text", "Gelar di depan nama.", "Drs. H."),
    Field("nama", True, "text", "Nama tanpa gelar.", "Ahmad Sanusi"),
    Field("gelar_belakang", False, "text", "Gelar di belakang nama.", "M.Si."),
    Field("pangkat", False, "choice", "Pangkat; harus sesuai golongan.", "Pembina Utama Muda",
          tuple(GOLONGAN_PANGKAT.values())),
    Field("golongan", False, "choice", "Golongan/ruang.", "IV/c", tuple(GOLONGAN_PANGKAT)),
    Field("jabatan", True, "text", "Jabatan pimpinan tinggi pratama yang sedang diduduki.",
          "Kepala Dinas Kesehatan"),
    Field("unit_kerja", False, "text", "Perangkat daerah.", "Dinas Kesehatan"),
    Field("tmt_jabatan", True, "date", "Tanggal mulai menduduki jabatan (TMT jabatan).",
          "02/01/2020"),
    Field("predikat_kinerja", False, "choice", "Predikat kinerja SKP terakhir.", "Baik",
          tuple(p.value for p in Predikat)),
    Field("nilai_kinerja", False, "number",
          "Nilai capaian perjanjian kinerja/SKP, 0–100. Setiap kolom yang diawali nilai_ adalah "
          "komponen nilai.", "85"),
    Field("nilai_kompetensi", False, "number", "Nilai asesmen kompetensi/job person match, 0–100.",
          "78,5"),
    Field("nilai_makalah", False, "number", "Nilai makalah, 0–100.", "80"),
    Field("nilai_wawancara", False, "number", "Nilai wawancara, 0–100.", "82"),
    Field("nilai_rekam_jejak", False, "number", "Nilai rekam jejak, 0–100.", "90"),
    Field("jabatan_sasaran", False, "text",
          "Jabatan yang diusulkan (rotasi) atau jabatan yang dilamar (seleksi terbuka; wajib).",
          "Kepala Dinas Pendidikan dan Kebudayaan"),
    Field("sudah_diberi_kesempatan", False, "choice",
          "Sudah pernah diberi kesempatan 6 bulan memperbaiki kinerja.", "Tidak", YA_TIDAK),
    Field("rekomendasi_manual", False, "text",
          "Diisi hanya bila tim menetapkan rekomendasi lain dari hasil perhitungan.", ""),
    Field("pengecualian_masa_jabatan", False, "text",
          "Dasar pemindahan sebelum masa jabatan 2 tahun: pelanggaran, tidak lagi memenuhi "
          "syarat jabatan, atau SE Menteri PANRB Nomor 19 Tahun 2023 beserta alasannya.", ""),
    Field("perlu_permohonan_manual", False, "choice",
          "Diisi hanya bila tim menetapkan sendiri apakah pejabat masuk surat permohonan ke "
          "BKN/KASN (Ya/Tidak).", "", YA_TIDAK),
    Field("catatan", False, "text", "Catatan bebas yang dibawa ke surat.", ""),
)

BOBOT: tuple[Field, ...] = (
    Field("komponen", True, "text", "Nama kolom nilai_ di sheet Pejabat.", "nilai_kinerja"),
    Field("bobot", True, "number", "Bobot dalam persen; jumlah semua bobot harus 100.", "40"),
)

SCORE_PREFIX = "nilai_"
