"""Keputusan pembentukan tim, with its lampiran."""

from __future__ import annotations

from scripts.template_builder.word import (
    CENTER,
    F4_MM,
    FONT_KEPUTUSAN,
    JUSTIFY,
    cell,
    cell_para,
    header_row,
    kop_kepala_daerah,
    loop_rows,
    new_document,
    page_break,
    para,
    signature,
    table,
)

KEDUA = (
    "a. menyiapkan dan melaksanakan {{ putaran.jenis_teks }} {{ putaran.jpt_judul }} "
    "sesuai dengan ketentuan peraturan perundang-undangan;",
    "b. melakukan penilaian dan menetapkan hasil {{ putaran.jenis_teks }};",
    "c. menyusun berita acara hasil {{ putaran.jenis_teks }}; dan",
    "d. menyampaikan saran pendapat hasil {{ putaran.jenis_teks }} kepada "
    "{{ putaran.kepala_daerah_jabatan }} selaku Pejabat Pembina Kepegawaian.",
)


def sign(doc) -> None:  # type: ignore[no-untyped-def]
    signature(doc, [
        ("Ditetapkan di {{ putaran.ibu_kota }}", {}),
        ("pada tanggal {{ tanggal }}", {}),
        ("{{ kop.kepala_daerah }},", {"bold": True}),
        ("{{ penanda_tangan.nama_kapital }}", {"bold": True}),
    ], gap_after=2)


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Keputusan pembentukan tim", font=FONT_KEPUTUSAN, paper_mm=F4_MM)
    kop_kepala_daerah(doc)
    for text in ("KEPUTUSAN {{ kop.kepala_daerah }}", "NOMOR {{ nomor }}", "TENTANG"):
        para(doc, text, bold=True, align=CENTER)
    para(doc, "{{ judul }}", bold=True, align=CENTER, after_pt=12)
    para(doc, "DENGAN RAHMAT TUHAN YANG MAHA ESA", bold=True, align=CENTER, after_pt=12)
    para(doc, "{{ kop.kepala_daerah }},", bold=True, align=CENTER, after_pt=12)

    basis = table(doc, 6, (2.8, 0.4, 0.8, 12.0), grid=False)
    rows = basis.rows
    cell(rows[0].cells[0], "Menimbang", size=None)
    cell(rows[0].cells[1], ":", size=None)
    cell(rows[0].cells[2], "a.", size=None)
    cell(rows[0].cells[3], "bahwa dalam rangka {{ putaran.jenis_teks }} {{ putaran.jpt_judul }} "
         "di lingkungan Pemerintah {{ putaran.pemerintah_daerah }} sesuai dengan ketentuan "
         "peraturan perundang-undangan di bidang manajemen Aparatur Sipil Negara, perlu "
         "membentuk {{ putaran.nama_tim }};", align=JUSTIFY, size=None)
    cell(rows[1].cells[2], "b.", size=None)
    cell(rows[1].cells[3], "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a, "
         "perlu menetapkan Keputusan {{ putaran.kepala_daerah_jabatan }} tentang Pembentukan "
         "{{ putaran.nama_tim }} di lingkungan Pemerintah {{ putaran.pemerintah_daerah }};",
         align=JUSTIFY, size=None)
    loop_rows(basis, 3, "for m in mengingat", [
        '{{ "Mengingat" if loop.first else "" }}', '{{ ":" if loop.first else "" }}',
        "{{ loop.index }}.", "{{ m }};"], aligns=[None, None, None, JUSTIFY], size=None)

    para(doc, "MEMUTUSKAN:", bold=True, align=CENTER, before_pt=12, after_pt=12)
    dictum = table(doc, 5, (2.8, 0.5, 12.7), grid=False)
    items = [
        ("Menetapkan", "KEPUTUSAN {{ kop.kepala_daerah }} TENTANG {{ judul }}."),
        ("KESATU", "Membentuk {{ putaran.nama_tim }} di lingkungan Pemerintah "
                   "{{ putaran.pemerintah_daerah }} Tahun {{ putaran.tahun }} dengan susunan "
                   "keanggotaan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
                   "terpisahkan dari Keputusan ini."),
        ("KEDUA", "{{ putaran.nama_tim }} sebagaimana dimaksud dalam Diktum KESATU mempunyai "
                  "tugas:"),
        ("KETIGA", "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada "
                   "Anggaran Pendapatan dan Belanja Daerah {{ putaran.pemerintah_daerah }} Tahun "
                   "Anggaran {{ putaran.tahun }}."),
        ("KEEMPAT", "Keputusan ini mulai berlaku pada tanggal ditetapkan."),
    ]
    for row, (label, text) in zip(dictum.rows, items, strict=True):
        cell(row.cells[0], label, size=None)
        cell(row.cells[1], ":", size=None)
        cell(row.cells[2], text, align=JUSTIFY, size=None)
        row.cells[2].paragraphs[0].paragraph_format.space_after = 6
    for text in KEDUA:
        cell_para(dictum.rows[2].cells[2], text, align=JUSTIFY, size=None)

    para(doc, "", after_pt=12)
    sign(doc)
    para(doc, "", after_pt=12)
    para(doc, "Salinan Keputusan ini disampaikan kepada Yth.:", size=10)
    tembusan_items = [
        "Gubernur {{ putaran.provinsi }};",
        "Kepala {{ kantor_regional_bkn }};",
        "Sekretaris Daerah {{ putaran.pemerintah_daerah }};",
        "Inspektur {{ putaran.pemerintah_daerah }};",
        "Yang bersangkutan untuk diketahui dan dilaksanakan.",
    ]
    for i, item in enumerate(tembusan_items, start=1):
        para(doc, f"{i}. {item}", size=10, left_cm=0.5)

    page_break(doc)
    lampiran(doc)
    return doc


def lampiran(doc) -> None:  # type: ignore[no-untyped-def]
    head = table(doc, 5, (7.5, 2.3, 0.4, 5.8), grid=False)
    cell(head.rows[0].cells[1], "LAMPIRAN", size=10)
    cell(head.rows[1].cells[1], "KEPUTUSAN {{ kop.kepala_daerah }}", size=10)
    head.rows[1].cells[1].merge(head.rows[1].cells[3])
    for row, (label, value) in zip(head.rows[2:], (("NOMOR", "{{ nomor }}"),
                                                    ("TANGGAL", "{{ tanggal }}"),
                                                    ("TENTANG", "{{ judul }}")), strict=True):
        cell(row.cells[1], label, size=10)
        cell(row.cells[2], ":", size=10)
        cell(row.cells[3], value, size=10)
    para(doc, "", after_pt=12)
    para(doc, "SUSUNAN KEANGGOTAAN", bold=True, align=CENTER)
    para(doc, "{{ putaran.nama_tim|upper }}", bold=True, align=CENTER, after_pt=12)
    t = table(doc, 4, (0.8, 5.0, 3.2, 4.4, 2.6))
    header_row(t, ("NO", "NAMA / NIP", "PANGKAT/GOL.", "JABATAN",
                   "KEDUDUKAN DALAM {{ putaran.sebutan_tim|upper }}"))
    loop_rows(t, 1, "for a in tim", ["{{ a.no }}.", "{{ a.nama }}",
                                     "{{ a.pangkat_golongan or '-' }}", "{{ a.jabatan }}",
                                     "{{ a.kedudukan }}"],
              aligns=[CENTER, None, None, None, CENTER])
    cell_para(t.rows[2].cells[1], "{% if a.nip %}NIP. {{ a.nip }}{% endif %}")
    para(doc, "", after_pt=12)
    sign(doc)
