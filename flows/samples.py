"""The bundled sample rounds: fictional people of a fictional kabupaten, realistic in form.

``python scripts/make_samples.py`` writes them to ``inputs/``. Every name, NIP and place here is
invented; the kabupaten "Bukit Damar" does not exist.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flows.workbook.writer import WorkbookContent, write_workbook

KABUPATEN = {
    "pemerintah_daerah": "Kabupaten Bukit Damar",
    "provinsi": "Sulawesi Tenggara",
    "ibu_kota": "Damar Jaya",
    "kepala_daerah_jabatan": "Bupati Bukit Damar",
    "kepala_daerah_nama": "La Ode Muhammad Ridwan",
    "unit_pengelola": "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia",
    "unit_pengelola_singkatan": "BKPSDM",
    "alamat_unit": "Jalan Poros Damar Jaya Nomor 12, Damar Jaya 93761",
    "dasar_pembentukan_daerah": "Undang-Undang Nomor 9 Tahun 2003 tentang Pembentukan "
                                "Kabupaten Bukit Damar di Provinsi Sulawesi Tenggara",
}


def nip(birth: str, cpns: str, sex: int, serial: int) -> str:
    """A NIP as clerks type it: ``19700315 199603 1 002``."""
    return f"{birth} {cpns} {sex} {serial:03d}"


TEAM = [
    {"no": 1, "nama": "Dr. Ir. Hasanuddin Rahim, M.Si.", "nip": nip("19680512", "199403", 1, 3),
     "pangkat_golongan": "Pembina Utama Madya (IV/d)",
     "jabatan": "Sekretaris Daerah Kabupaten Bukit Damar", "kedudukan_dalam_tim": "Ketua",
     "unsur": "Internal"},
    {"no": 2, "nama": "Drs. Muhammad Yusran Tamrin, M.AP.", "nip": nip("19690818", "199503", 1, 1),
     "pangkat_golongan": "Pembina Utama Muda (IV/c)",
     "jabatan": "Kepala Badan Kepegawaian Daerah Provinsi Sulawesi Tenggara",
     "kedudukan_dalam_tim": "Wakil Ketua", "unsur": "Eksternal"},
    {"no": 3, "nama": "Sitti Marwah, S.Sos., M.Si.", "nip": nip("19750203", "200003", 2, 4),
     "pangkat_golongan": "Pembina Tingkat I (IV/b)",
     "jabatan": "Kepala Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten "
                "Bukit Damar", "kedudukan_dalam_tim": "Sekretaris", "unsur": "Internal"},
    {"no": 4, "nama": "Prof. Dr. Andi Baso Pawennari, S.E., M.Si.", "nip": None,
     "pangkat_golongan": None,
     "jabatan": "Guru Besar Fakultas Ilmu Sosial dan Ilmu Politik Universitas Damar Raya",
     "kedudukan_dalam_tim": "Anggota", "unsur": "Eksternal"},
    {"no": 5, "nama": "Ir. Bambang Sutrisno, M.M.", "nip": nip("19710930", "199803", 1, 2),
     "pangkat_golongan": "Pembina Utama Muda (IV/c)",
     "jabatan": "Asesor SDM Aparatur Ahli Madya pada Kantor Regional IV Badan Kepegawaian Negara",
     "kedudukan_dalam_tim": "Anggota", "unsur": "Eksternal"},
]

_P = {"IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
      "IV/d": "Pembina Utama Madya", "III/d": "Penata Tingkat I"}


def _official(no: int, nip_: str, depan: str | None, nama: str, belakang: str | None, gol: str,
              jabatan: str, unit: str, tmt: date, **more: object) -> dict[str, object]:
    return {"no": no, "nip": nip_, "gelar_depan": depan, "nama": nama, "gelar_belakang": belakang,
            "pangkat": _P[gol], "golongan": gol, "jabatan": jabatan, "unit_kerja": unit,
            "tmt_jabatan": tmt, **more}


def _scores(kinerja: float | None = None, kompetensi: float | None = None,
            makalah: float | None = None, wawancara: float | None = None,
            rekam: float | None = None) -> dict[str, float]:
    values = {"nilai_kinerja": kinerja, "nilai_kompetensi": kompetensi,
              "nilai_makalah": makalah, "nilai_wawancara": wawancara, "nilai_rekam_jejak": rekam}
    return {k: v for k, v in values.items() if v is not None}


def evaluasi_kinerja() -> WorkbookContent:
    """Twelve heads of agencies, one of every outcome of the evaluasi kinerja table."""
    o = _official
    s = _scores
    officials = [
        o(1, nip("19720415", "199803", 1, 5), "Drs.", "Muhammad Arsyad", "M.Pd.", "IV/c",
          "Kepala Dinas Pendidikan dan Kebudayaan", "Dinas Pendidikan dan Kebudayaan",
          date(2021, 3, 15), predikat_kinerja="Baik", **s(88, 84, None, 86, 90)),
        o(2, nip("19760921", "200212", 2, 1), "dr.", "Wa Ode Fitriani", "M.Kes.", "IV/b",
          "Kepala Dinas Kesehatan", "Dinas Kesehatan", date(2022, 1, 10),
          predikat_kinerja="Baik", **s(76, 72.5, None, 74, 80)),
        o(3, nip("19700102", "199603", 1, 3), "Ir.", "Syamsul Bahri", "M.T.", "IV/c",
          "Kepala Dinas Pekerjaan Umum dan Penataan Ruang",
          "Dinas Pekerjaan Umum dan Penataan Ruang", date(2019, 1, 7),
          predikat_kinerja="Sangat Baik", **s(90, 85, None, 84, 88)),
        o(4, nip("19731117", "199903", 1, 2), None, "Abdul Rahman Saleh", "S.H., M.H.", "IV/c",
          "Inspektur Daerah", "Inspektorat Daerah", date(2020, 6, 2),
          predikat_kinerja="Baik", jabatan_sasaran="Kepala Badan Perencanaan Pembangunan Daerah",
          **s(84, 86, None, 82, 85)),
        o(5, nip("19780305", "200501", 1, 4), None, "Laode Hamiruddin", "S.Sos., M.Si.", "IV/b",
          "Kepala Dinas Sosial", "Dinas Sosial", date(2021, 9, 20),
          predikat_kinerja="Butuh Perbaikan", sudah_diberi_kesempatan="Tidak",
          **s(62, 66, None, 64, 70)),
        o(6, nip("19710625", "199703", 1, 1), "Ir.", "Yusuf Mangkona", "M.P.", "IV/c",
          "Kepala Dinas Pertanian dan Ketahanan Pangan", "Dinas Pertanian dan Ketahanan Pangan",
          date(2020, 2, 3), predikat_kinerja="Kurang", sudah_diberi_kesempatan="Ya",
          **s(60, 65, None, 63, 72)),
        o(7, nip("19740808", "200003", 2, 2), "Hj.", "Nurlina Abbas", "S.E., M.Ak.", "IV/c",
          "Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
          "Badan Pengelolaan Keuangan dan Aset Daerah", date(2021, 3, 15),
          predikat_kinerja="Sangat Baik", **s(86, 82, None, 85, 80)),
        o(8, nip("19770214", "200312", 1, 6), None, "Rusdin Tahir", "S.T., M.Si.", "IV/b",
          "Kepala Dinas Perhubungan", "Dinas Perhubungan", date(2022, 8, 1),
          predikat_kinerja="Baik",
          jabatan_sasaran="Kepala Dinas Kependudukan dan Pencatatan Sipil",
          **s(74, 70, None, 72, 76)),
        o(9, nip("19730519", "199903", 1, 7), "Drs.", "Hamzah Pagala", "M.Si.", "IV/c",
          "Sekretaris Dewan Perwakilan Rakyat Daerah", "Sekretariat DPRD", date(2020, 11, 30),
          predikat_kinerja="Baik", **s(84, 84, None, 84, 84)),
        o(10, nip("19790723", "200604", 1, 1), None, "Jumadil Akbar", "S.STP., M.Si.", "IV/b",
          "Kepala Satuan Polisi Pamong Praja", "Satuan Polisi Pamong Praja", date(2023, 6, 12),
          predikat_kinerja="Baik", jabatan_sasaran="Kepala Badan Kesatuan Bangsa dan Politik",
          **s(82, 80, None, 81, 83)),
        o(11, nip("19750412", "200112", 2, 3), None, "Sitti Rahmatia", "S.Hut., M.Si.", "IV/b",
          "Kepala Dinas Lingkungan Hidup", "Dinas Lingkungan Hidup", date(2021, 5, 24),
          predikat_kinerja="Baik", rekomendasi_manual="Dipertahankan dalam jabatan",
          catatan="Capaian kinerja 2024 terdampak relokasi TPA", **s(78, 74, None, 70, 82)),
        o(12, nip("19691230", "199503", 1, 4), "Drs.", "Samsuddin Lamusu", "M.M.", "IV/c",
          "Kepala Dinas Kependudukan dan Pencatatan Sipil",
          "Dinas Kependudukan dan Pencatatan Sipil", date(2019, 11, 11),
          predikat_kinerja="Baik", **s(85, 81, None, 83, 86)),
        o(13, nip("19810309", "200701", 1, 2), None, "Arifuddin Lakadjo", "S.E., M.Si.", "IV/b",
          "Kepala Badan Pendapatan Daerah", "Badan Pendapatan Daerah", date(2023, 9, 4),
          predikat_kinerja="Sangat Baik",
          jabatan_sasaran="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
          pengecualian_masa_jabatan="Surat Edaran Menteri Pendayagunaan Aparatur Negara dan "
          "Reformasi Birokrasi Nomor 19 Tahun 2023, karena jabatan Kepala Dinas Penanaman Modal "
          "dan Pelayanan Terpadu Satu Pintu lowong dan memerlukan kompetensi di bidang "
          "pendapatan daerah", **s(88, 86, None, 85, 84)),
    ]
    putaran = [
        ("kode_putaran", "EVKIN-BUKITDAMAR-2024"),
        ("jenis_putaran", "evaluasi_kinerja"),
        ("nama_putaran", "Evaluasi Kinerja Pejabat Pimpinan Tinggi Pratama di Lingkungan "
                         "Pemerintah Kabupaten Bukit Damar Tahun 2024"),
        *KABUPATEN.items(),
        ("tanggal_sk_tim", date(2024, 10, 21)),
        ("tanggal_pelaksanaan", "11/11/2024"),
        ("tempat_pelaksanaan", "Aula Kantor Bupati Bukit Damar, Damar Jaya"),
        ("waktu_pelaksanaan", "08.00 WITA s.d. selesai"),
        ("tanggal_berita_acara", "11 November 2024"),
        ("tanggal_saran_pendapat", date(2024, 11, 14)),
        ("tanggal_surat_permohonan", date(2024, 11, 18)),
        ("instansi_tujuan_permohonan", "BKN"),
        ("kepala_unit_nama", "Sitti Marwah, S.Sos., M.Si."),
        ("kepala_unit_pangkat_golongan", "Pembina Tingkat I (IV/b)"),
        ("kepala_unit_nip", "19750203 200003 2 004"),
    ]
    columns = ["no", "nip", "gelar_depan", "nama", "gelar_belakang", "pangkat", "golongan",
               "jabatan", "unit_kerja", "tmt_jabatan", "predikat_kinerja", "nilai_kinerja",
               "nilai_kompetensi", "nilai_wawancara", "nilai_rekam_jejak", "jabatan_sasaran",
               "sudah_diberi_kesempatan", "rekomendasi_manual", "pengecualian_masa_jabatan",
               "catatan"]
    return WorkbookContent(putaran=putaran, tim=TEAM, pejabat=officials, pejabat_columns=columns)


def uji_kompetensi() -> WorkbookContent:
    """Ten officials tested for rotation; the round's own weights in sheet Bobot."""
    o = _official
    s = _scores
    officials = [
        o(1, nip("19740310", "200003", 1, 8), None, "Irwan Kadir", "S.E., M.Si.", "IV/c",
          "Kepala Badan Perencanaan Pembangunan Daerah", "Badan Perencanaan Pembangunan Daerah",
          date(2021, 1, 6), jabatan_sasaran="Kepala Badan Pengelolaan Keuangan dan Aset Daerah",
          **s(None, 86.25, 82, 88, 85)),
        o(2, nip("19761108", "200212", 1, 2), None, "Muh. Nasrun", "S.Pd., M.Pd.", "IV/b",
          "Kepala Dinas Pemuda dan Olahraga", "Dinas Pemuda dan Olahraga", date(2021, 4, 19),
          jabatan_sasaran="Kepala Dinas Pendidikan dan Kebudayaan", **s(None, 80, 78, 82, 84)),
        o(3, nip("19720627", "199803", 2, 1), "Dra. Hj.", "Sitti Aisyah", "M.Si.", "IV/c",
          "Kepala Dinas Pemberdayaan Perempuan dan Perlindungan Anak",
          "Dinas Pemberdayaan Perempuan dan Perlindungan Anak", date(2020, 2, 25),
          **s(None, 78, 80, 79, 82)),
        o(4, nip("19800115", "200604", 1, 3), None, "Andi Sultan Mappe", "S.STP., M.AP.", "IV/b",
          "Kepala Dinas Komunikasi dan Informatika", "Dinas Komunikasi dan Informatika",
          date(2023, 10, 2), jabatan_sasaran="Kepala Dinas Penanaman Modal dan Pelayanan "
          "Terpadu Satu Pintu", **s(None, 84, 85, 86, 80)),
        o(5, nip("19730904", "199903", 1, 5), "Ir.", "La Ode Kamaluddin", "M.Si.", "IV/c",
          "Kepala Dinas Perikanan", "Dinas Perikanan", date(2018, 7, 9),
          perlu_permohonan_manual="Tidak",
          catatan="Perpanjangan masa jabatan telah dimohonkan dengan surat tersendiri",
          **s(None, 72, 70, 74, 78)),
        o(6, nip("19750730", "200112", 1, 1), None, "Darwin Sarapi", "S.Sos., M.Si.", "IV/b",
          "Kepala Dinas Koperasi, Usaha Kecil dan Menengah",
          "Dinas Koperasi, Usaha Kecil dan Menengah", date(2021, 8, 16),
          jabatan_sasaran="Kepala Dinas Perdagangan dan Perindustrian",
          **s(None, 62, 60, 66, 70)),
        o(7, nip("19771201", "200312", 2, 2), None, "Wa Ode Rosmiati", "S.KM., M.Kes.", "IV/b",
          "Kepala Dinas Pengendalian Penduduk dan Keluarga Berencana",
          "Dinas Pengendalian Penduduk dan Keluarga Berencana", date(2022, 3, 14),
          **s(None, 81, 84, 80, 86)),
        o(8, nip("19710418", "199703", 1, 6), "Drs.", "Baharuddin Lapandewa", "M.Si.", "IV/c",
          "Asisten Pemerintahan dan Kesejahteraan Rakyat", "Sekretariat Daerah",
          date(2020, 9, 7), jabatan_sasaran="Kepala Dinas Sosial", **s(None, 83, 79, 85, 88)),
        o(9, nip("19780522", "200501", 1, 2), None, "Hasrul Mbou", "S.T., M.T.", "IV/b",
          "Kepala Dinas Perumahan dan Kawasan Permukiman",
          "Dinas Perumahan dan Kawasan Permukiman", date(2022, 1, 3),
          **s(None, 76, 74, 78, 80)),
        o(10, nip("19740914", "200003", 2, 9), None, "Nurhayati Bolu", "S.E., M.M.", "IV/b",
          "Kepala Dinas Pariwisata", "Dinas Pariwisata", date(2021, 11, 22),
          jabatan_sasaran="Kepala Dinas Koperasi, Usaha Kecil dan Menengah",
          **s(None, 80, 78, 82, 84)),
    ]
    putaran = [
        ("kode_putaran", "UJIKOM-BUKITDAMAR-2025"),
        ("jenis_putaran", "uji_kompetensi"),
        ("nama_putaran", "Uji Kompetensi Pejabat Pimpinan Tinggi Pratama dalam rangka Mutasi "
                         "dan Rotasi di Lingkungan Pemerintah Kabupaten Bukit Damar Tahun 2025"),
        *KABUPATEN.items(),
        ("tanggal_sk_tim", "28-07-2025"),
        ("tanggal_pelaksanaan", date(2025, 8, 12)),
        ("tempat_pelaksanaan", "Kendari"),
        ("waktu_pelaksanaan", "08.00 WITA s.d. selesai"),
        ("tanggal_berita_acara", date(2025, 8, 13)),
        ("instansi_tujuan_permohonan", "BKN"),
        ("persetujuan_mendagri_nomor", "100.2.2.6/4127/OTDA"),
        ("persetujuan_mendagri_tanggal", date(2025, 7, 21)),
    ]
    columns = ["no", "nip", "gelar_depan", "nama", "gelar_belakang", "pangkat", "golongan",
               "jabatan", "unit_kerja", "tmt_jabatan", "nilai_kompetensi", "nilai_makalah",
               "nilai_wawancara", "nilai_rekam_jejak", "jabatan_sasaran",
               "perlu_permohonan_manual", "catatan"]
    bobot = [("nilai_kompetensi", 30), ("nilai_makalah", 15), ("nilai_wawancara", 35),
             ("nilai_rekam_jejak", 20)]
    return WorkbookContent(putaran=putaran, tim=TEAM, pejabat=officials, pejabat_columns=columns,
                           bobot=bobot)


def seleksi_terbuka() -> WorkbookContent:
    """Thirteen candidates for three vacant posts; an older round addressed to KASN."""
    o = _official
    s = _scores
    pariwisata = "Kepala Dinas Pariwisata"
    bpbd = "Kepala Pelaksana Badan Penanggulangan Bencana Daerah"
    kominfo = "Kepala Dinas Komunikasi dan Informatika"
    arsip = "Kepala Dinas Perpustakaan dan Kearsipan"
    officials = [
        o(1, nip("19800314", "200604", 1, 1), None, "Asrul Sani Tombili", "S.Sos., M.Si.", "IV/a",
          "Sekretaris Dinas Pariwisata", "Dinas Pariwisata", date(2019, 5, 6),
          jabatan_sasaran=pariwisata, **s(None, 82, 80, 84, 85)),
        o(2, nip("19820611", "200902", 2, 2), None, "Fitri Handayani", "S.Par., M.M.", "IV/a",
          "Kepala Bidang Destinasi Pariwisata", "Dinas Pariwisata", date(2018, 2, 12),
          jabatan_sasaran=pariwisata, **s(None, 80, 82, 81, 80)),
        o(3, nip("19790920", "200501", 1, 3), "Drs.", "La Ode Hasimu", None, "IV/b",
          "Sekretaris Badan Perencanaan Pembangunan Daerah",
          "Badan Perencanaan Pembangunan Daerah", date(2020, 1, 20),
          jabatan_sasaran=pariwisata, **s(None, 76, 74, 78, 80)),
        o(4, nip("19840105", "201001", 1, 4), None, "Rahmat Hidayat", "S.E.", "III/d",
          "Kepala Bagian Perekonomian", "Sekretariat Daerah", date(2021, 7, 1),
          jabatan_sasaran=pariwisata, **s(None, 64, 62, 66, 70)),
        o(5, nip("19780808", "200312", 1, 5), None, "Muhammad Ikbal", "S.T., M.Si.", "IV/b",
          "Sekretaris Badan Penanggulangan Bencana Daerah",
          "Badan Penanggulangan Bencana Daerah", date(2019, 9, 2),
          jabatan_sasaran=bpbd, **s(None, 84, 83, 85, 86)),
        o(6, nip("19810217", "200604", 1, 2), None, "Darmawan Lakawa", "S.Sos.", "IV/a",
          "Kepala Bidang Kedaruratan dan Logistik", "Badan Penanggulangan Bencana Daerah",
          date(2020, 3, 16), jabatan_sasaran=bpbd, **s(None, 80, 78, 82, 82)),
        o(7, nip("19770412", "200212", 2, 6), None, "Sitti Jamilah", "S.Pd., M.Si.", "IV/b",
          "Sekretaris Dinas Sosial", "Dinas Sosial", date(2018, 10, 8),
          jabatan_sasaran=bpbd, **s(None, 80, 78, 82, 82)),
        o(8, nip("19830726", "200902", 1, 1), None, "Ahmad Fauzan", "S.Kom., M.T.", "IV/a",
          "Sekretaris Dinas Komunikasi dan Informatika", "Dinas Komunikasi dan Informatika",
          date(2020, 8, 3), jabatan_sasaran=kominfo, **s(None, 86, 84, 85, 82)),
        o(9, nip("19850403", "201001", 2, 3), None, "Nur Aisyah Lamba", "S.Kom., M.Kom.",
          "III/d", "Kepala Bidang Aplikasi Informatika", "Dinas Komunikasi dan Informatika",
          date(2021, 2, 1), jabatan_sasaran=kominfo, **s(None, 84, 86, 82, 80)),
        o(10, nip("19800930", "200604", 1, 5), None, "Herman Saputra", "S.IP., M.Si.", "IV/a",
          "Kepala Bagian Protokol dan Komunikasi Pimpinan", "Sekretariat Daerah",
          date(2019, 4, 15), jabatan_sasaran=kominfo, **s(None, 78, 76, 80, 82)),
        o(11, nip("19820118", "200902", 1, 2), None, "Yudi Prasetyo", "S.T.", "IV/a",
          "Kepala Bidang Persandian dan Statistik", "Dinas Komunikasi dan Informatika",
          date(2022, 6, 6), jabatan_sasaran=arsip, **s(None, 74, 72, 76, 78)),
        o(12, nip("19810722", "200604", 2, 8), None, "Wa Ode Sumarni", "S.Sos., M.AP.", "IV/a",
          "Sekretaris Dinas Kependudukan dan Pencatatan Sipil",
          "Dinas Kependudukan dan Pencatatan Sipil", date(2020, 1, 6),
          jabatan_sasaran=pariwisata, **s(None, 78, 80, 79, 81)),
        o(13, nip("19790611", "200501", 1, 7), None, "Sahrul Gunawan", "S.H.", "IV/a",
          "Kepala Bidang Pencegahan dan Kesiapsiagaan", "Badan Penanggulangan Bencana Daerah",
          date(2021, 1, 4), jabatan_sasaran=arsip, **s(None, 70, 68, 72, 74)),
    ]
    putaran = [
        ("kode_putaran", "SELTER-BUKITDAMAR-2023"),
        ("jenis_putaran", "seleksi_terbuka"),
        ("nama_putaran", "Seleksi Terbuka Jabatan Pimpinan Tinggi Pratama di Lingkungan "
                         "Pemerintah Kabupaten Bukit Damar Tahun 2023"),
        *KABUPATEN.items(),
        ("tanggal_sk_tim", date(2023, 2, 20)),
        ("tanggal_pelaksanaan", date(2023, 3, 14)),
        ("tempat_pelaksanaan", "Aula Badan Kepegawaian dan Pengembangan Sumber Daya Manusia, "
                               "Damar Jaya"),
        ("waktu_pelaksanaan", "08.00 WITA s.d. selesai"),
        ("tanggal_berita_acara", date(2023, 3, 16)),
        ("tanggal_saran_pendapat", date(2023, 3, 17)),
        ("instansi_tujuan_permohonan", "KASN"),
        ("nomor_sk_tim", "800/112/BKPSDM/2023"),
    ]
    columns = ["no", "nip", "gelar_depan", "nama", "gelar_belakang", "pangkat", "golongan",
               "jabatan", "unit_kerja", "tmt_jabatan", "nilai_kompetensi", "nilai_makalah",
               "nilai_wawancara", "nilai_rekam_jejak", "jabatan_sasaran", "catatan"]
    return WorkbookContent(putaran=putaran, tim=TEAM, pejabat=officials, pejabat_columns=columns)


SAMPLES = {
    "contoh-evaluasi-kinerja.xlsx": evaluasi_kinerja,
    "contoh-uji-kompetensi.xlsx": uji_kompetensi,
    "contoh-seleksi-terbuka.xlsx": seleksi_terbuka,
}
"""File name in ``inputs/`` → builder of its content."""


def write_samples(folder: Path) -> list[Path]:
    """Write every sample workbook into ``folder``."""
    written = []
    for name, build in SAMPLES.items():
        path = folder / name
        write_workbook(path, build())
        written.append(path)
    return written


def synthetic_round(officials: int, seed: int = 1) -> WorkbookContent:
    """A valid evaluasi kinerja round of ``officials`` invented officials (tests, benchmarks).

    Scores, tenures and posts vary deterministically with ``seed`` so every outcome occurs.
    """
    import random

    rng = random.Random(seed)
    base = evaluasi_kinerja()
    posts = [row["jabatan"] for row in base.pejabat]
    rows = []
    for i in range(officials):
        birth = date(1965 + i % 20, 1 + i % 12, 1 + i % 28)
        cpns = f"{birth.year + 24}{1 + (i // 12) % 12:02d}"
        score = lambda: round(rng.uniform(55, 98), 2)  # noqa: E731
        rows.append({
            "no": i + 1, "nip": nip(birth.strftime("%Y%m%d"), cpns, 1 + i % 2, 1 + i // 240),
            "gelar_depan": None, "nama": f"Pejabat Contoh {i + 1}",
            "gelar_belakang": "M.Si.", "pangkat": "Pembina Utama Muda", "golongan": "IV/c",
            "jabatan": f"{posts[i % len(posts)]} {i // len(posts) + 1}",
            "unit_kerja": None, "tmt_jabatan": date(2017 + i % 7, 1 + i % 12, 1),
            "predikat_kinerja": rng.choice(["Sangat Baik", "Baik", "Baik", "Butuh Perbaikan"]),
            "nilai_kinerja": score(), "nilai_kompetensi": score(), "nilai_wawancara": score(),
            "nilai_rekam_jejak": score(),
            "jabatan_sasaran": f"Kepala Dinas Sosial {i // 9 + 1}" if i % 9 == 0 else None,
            "sudah_diberi_kesempatan": rng.choice(["Ya", "Tidak"]),
        })
    putaran = [(k, f"SINTETIS-{officials}" if k == "kode_putaran" else v)
               for k, v in base.putaran]
    # the Minister's approval is on file, so the letter count stays 2 per official + 4
    putaran += [("persetujuan_mendagri_nomor", "100.2.2.6/7588/OTDA"),
                ("persetujuan_mendagri_tanggal", date(2024, 11, 15))]
    return WorkbookContent(putaran=putaran, tim=TEAM, pejabat=rows,
                           pejabat_columns=base.pejabat_columns)
