"""Surat dinas of the kepala daerah to the Minister of Home Affairs: written approval for moves
during a regional-election window, with the list of officials and their proposed posts."""

from __future__ import annotations

from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    cell_para,
    header_row,
    lampiran_surat,
    loop_rows,
    new_document,
    para,
    sign_kepala_daerah,
    surat_kepala_daerah,
    table,
    tembusan,
)

HAL = "Permohonan Persetujuan Tertulis Pengisian Jabatan Pimpinan Tinggi Pratama"


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Surat permohonan persetujuan Menteri Dalam Negeri")
    surat_kepala_daerah(doc, HAL)
    para(doc, "Yth. Menteri Dalam Negeri")
    para(doc, "c.q. Direktur Jenderal Otonomi Daerah", left_cm=0.95)
    para(doc, "di")
    para(doc, "Jakarta", left_cm=0.6, after_pt=12)
    para(doc, "Dengan hormat,", after_pt=6)
    para(doc, "Dalam rangka {{ putaran.jenis_teks }} {{ putaran.jpt_judul }} di "
         "lingkungan Pemerintah {{ putaran.pemerintah_daerah }}, dengan ini kami sampaikan hal-hal "
         "sebagai berikut:", align=JUSTIFY, first_cm=1.25, after_pt=6)
    points = [
        "Berdasarkan Keputusan {{ putaran.kepala_daerah_jabatan }} Nomor {{ sk_tim.nomor }} "
        "tanggal {{ sk_tim.tanggal }} telah dibentuk {{ putaran.nama_tim }}, yang telah "
        "melaksanakan {{ putaran.jenis_teks }} pada tanggal {{ putaran.tanggal_pelaksanaan }} "
        "sebagaimana tertuang dalam Berita Acara Nomor {{ berita_acara.nomor }} tanggal "
        "{{ berita_acara.tanggal }} dan menyampaikan saran pendapat dengan Nota Dinas Nomor "
        "{{ saran_pendapat.nomor }} tanggal {{ saran_pendapat.tanggal }}.",
        "Berdasarkan hasil tersebut, {{ jumlah_usulan }} orang {{ putaran.peserta }} "
        "diusulkan untuk menduduki jabatan sebagaimana tercantum dalam lampiran surat ini.",
        "Sesuai dengan Pasal 71 ayat (2) dan Pasal 162 ayat (3) {{ pilkada.dasar }}, "
        "penggantian pejabat sejak penetapan pasangan calon dalam {{ pilkada.nama }} pada tanggal "
        "{{ pilkada.tanggal_penetapan_paslon }} sampai dengan "
        "{{ pilkada.bulan_setelah_pelantikan }} bulan terhitung sejak pelantikan kepala daerah "
        "pada tanggal {{ pilkada.tanggal_pelantikan }} harus mendapat persetujuan tertulis "
        "Menteri Dalam Negeri.",
        "Sehubungan dengan hal tersebut, kami mohon persetujuan tertulis Bapak Menteri Dalam "
        "Negeri atas pengisian jabatan sebagaimana tercantum dalam lampiran surat ini.",
    ]
    for i, text in enumerate(points, start=1):
        para(doc, f"{i}. {text}", align=JUSTIFY, left_cm=0.6, first_cm=-0.6, after_pt=6)
    para(doc, "Demikian permohonan ini kami sampaikan. Atas perhatian dan perkenan Bapak, kami "
         "ucapkan terima kasih.", align=JUSTIFY, first_cm=1.25, after_pt=12)
    sign_kepala_daerah(doc)
    tembusan(doc, [
        "Gubernur {{ putaran.provinsi }};",
        "Kepala Badan Kepegawaian Negara.",
    ])

    lampiran_surat(doc, HAL)
    t = table(doc, 4, (0.8, 5.2, 5.0, 5.0))
    header_row(t, ("NO", "NAMA / NIP", "JABATAN SEKARANG", "JABATAN YANG DIUSULKAN"))
    loop_rows(t, 1, "for h in usulan", [
        "{{ h.no }}.", "{{ h.nama }}", "{{ h.jabatan }}", "{{ h.jabatan_sasaran }}"],
        aligns=[CENTER, None, None, None])
    cell_para(t.rows[2].cells[1], "NIP. {{ h.nip }}")
    para(doc, "", after_pt=12)
    sign_kepala_daerah(doc)
    return doc
