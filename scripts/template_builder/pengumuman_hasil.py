"""Announcement of the panitia seleksi: per post, the candidates who pass, in rank order."""

from __future__ import annotations

from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    RIGHT,
    header_row,
    kop_unit,
    loop_rows,
    new_document,
    para,
    signature,
    table,
    tag,
)

SMALL = 10


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Pengumuman hasil seleksi")
    kop_unit(doc)
    para(doc, "PENGUMUMAN", bold=True, align=CENTER)
    para(doc, "NOMOR {{ nomor }}", align=CENTER, after_pt=6)
    para(doc, "TENTANG", align=CENTER)
    para(doc, "HASIL AKHIR {{ putaran.nama|upper }}", bold=True, align=CENTER, after_pt=12)
    para(doc, "Berdasarkan Berita Acara {{ putaran.nama_tim }} Nomor {{ berita_acara.nomor }} "
         "tanggal {{ berita_acara.tanggal }}, bersama ini diumumkan peserta seleksi yang "
         "memenuhi syarat untuk setiap Jabatan Pimpinan Tinggi Pratama yang dilamar, disusun "
         "menurut peringkat nilai akhir, sebagai berikut:", align=JUSTIFY, first_cm=1.25,
         after_pt=6)
    tag(doc, "{%p for j in jabatan %}")
    para(doc, "{{ loop.index }}. Jabatan {{ j.nama }}", bold=True,
         before_pt=6, after_pt=6, keep_next=True)
    t = table(doc, 4, (2.4, 6.0, 7.6))
    header_row(t, ("PERINGKAT", "NAMA", "JABATAN SAAT INI"), size=9)
    loop_rows(t, 1, "for h in j.calon", ["{{ h.peringkat }}", "{{ h.nama }}", "{{ h.jabatan }}"],
              aligns=[CENTER, None, None], size=SMALL)
    tag(doc, "{%p endfor %}")
    para(doc, "Nama peserta pada peringkat 1 (satu) sampai dengan {{ jumlah_diusulkan }} untuk "
         "setiap jabatan diusulkan kepada {{ putaran.kepala_daerah_jabatan }} selaku Pejabat "
         "Pembina Kepegawaian untuk dipilih 1 (satu) orang di antaranya.", align=JUSTIFY,
         first_cm=1.25, before_pt=12, after_pt=6)
    para(doc, "Keputusan Panitia Seleksi bersifat mutlak dan tidak dapat diganggu gugat.",
         align=JUSTIFY, first_cm=1.25, after_pt=6)
    para(doc, "Demikian pengumuman ini disampaikan untuk diketahui dan dipergunakan "
         "sebagaimana mestinya.", align=JUSTIFY, first_cm=1.25, after_pt=12)
    para(doc, "{{ putaran.ibu_kota }}, {{ tanggal }}", align=RIGHT, after_pt=6)
    signature(doc, [
        ("{{ penanda_tangan.jabatan }},", {}),
        ("{{ penanda_tangan.nama }}", {"bold": True, "underline": True}),
        ("{{ penanda_tangan.pangkat_golongan }}", {}),
        ("{% if penanda_tangan.nip %}NIP. {{ penanda_tangan.nip }}{% endif %}", {}),
    ], gap_after=0)
    return doc
