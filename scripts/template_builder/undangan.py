"""Invitation of one official to the evaluation."""

from __future__ import annotations

from scripts.template_builder.word import (
    JUSTIFY,
    RIGHT,
    cell,
    fields_block,
    kop_unit,
    new_document,
    para,
    signature,
    table,
)


def addressee(doc) -> None:  # type: ignore[no-untyped-def]
    para(doc, "", after_pt=6)
    para(doc, "Yth. {{ pejabat.nama }}")
    para(doc, "{{ pejabat.jabatan }}", left_cm=0.95)
    para(doc, "di")
    para(doc, "Tempat", left_cm=0.6, after_pt=12)


def sign(doc) -> None:  # type: ignore[no-untyped-def]
    signature(doc, [
        ("{{ penanda_tangan.jabatan }},", {}),
        ("{{ penanda_tangan.nama }}", {"bold": True, "underline": True}),
        ("{{ penanda_tangan.pangkat_golongan }}", {}),
        ("{% if penanda_tangan.nip %}NIP. {{ penanda_tangan.nip }}{% endif %}", {}),
    ], gap_after=0)


def heading(doc, sifat: str, hal: str) -> None:  # type: ignore[no-untyped-def]
    kop_unit(doc)
    para(doc, "{{ putaran.ibu_kota }}, {{ tanggal }}", align=RIGHT, after_pt=12)
    fields_block(doc, [("Nomor", "{{ nomor }}"), ("Sifat", sifat), ("Lampiran", "-"),
                       ("Hal", hal)])
    addressee(doc)


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Undangan")
    heading(doc, "Penting",
            "Undangan {{ putaran.jenis_judul }} {{ putaran.jpt_judul }}")
    para(doc, "Dalam rangka pelaksanaan {{ putaran.jenis_teks }} {{ putaran.jpt_judul }} di "
         "lingkungan Pemerintah {{ putaran.pemerintah_daerah }} Tahun {{ putaran.tahun }}, "
         "sesuai dengan Keputusan "
         "{{ putaran.kepala_daerah_jabatan }} Nomor {{ sk_tim.nomor }} tanggal "
         "{{ sk_tim.tanggal }}, dengan hormat kami mengundang Saudara untuk hadir dan mengikuti "
         "{{ putaran.jenis_teks }} yang akan dilaksanakan pada:",
         align=JUSTIFY, first_cm=1.25, after_pt=6)
    t = table(doc, 4, (1.25, 3.0, 0.5, 11.25), grid=False)
    rows = [("Hari/tanggal", "{{ putaran.hari_pelaksanaan }}, {{ putaran.tanggal_pelaksanaan }}"),
            ("Waktu", "{{ putaran.waktu_pelaksanaan }}"),
            ("Tempat", "{{ putaran.tempat_pelaksanaan }}"),
            ("Acara", "{{ putaran.jenis_judul }} {{ putaran.jpt_judul }}")]
    for row, (label, value) in zip(t.rows, rows, strict=True):
        cell(row.cells[1], label, size=None)
        cell(row.cells[2], ":", size=None)
        cell(row.cells[3], value, size=None)
    para(doc, "Saudara dimohon membawa {% if putaran.jenis == 'evaluasi_kinerja' %}dokumen "
         "perjanjian kinerja dan capaian sasaran kinerja pegawai tahun terakhir{% elif "
         "putaran.jenis == 'uji_kompetensi' %}makalah sesuai dengan tema yang ditetapkan "
         "{{ putaran.sebutan_tim }}{% else %}"
         "makalah dan kelengkapan persyaratan seleksi{% endif %}.",
         align=JUSTIFY, first_cm=1.25, before_pt=6, after_pt=6)
    para(doc, "Mengingat pentingnya kegiatan tersebut, Saudara diharapkan hadir tepat waktu. "
         "Atas perhatian dan kehadiran Saudara, kami ucapkan terima kasih.",
         align=JUSTIFY, first_cm=1.25, after_pt=12)
    sign(doc)
    return doc
