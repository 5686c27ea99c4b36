"""Notice to one official of their own result."""

from __future__ import annotations

from scripts.template_builder.undangan import heading, sign
from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    TABLE_PT,
    add_run,
    cell,
    fields_block,
    header_row,
    loop_rows,
    new_document,
    para,
    table,
)


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Pemberitahuan hasil")
    heading(doc, "Rahasia", "Pemberitahuan Hasil {{ putaran.jenis_judul }}")
    para(doc, "Berdasarkan Berita Acara {{ putaran.nama_tim }} Nomor {{ berita_acara.nomor }} "
         "tanggal {{ berita_acara.tanggal }}, bersama ini kami sampaikan hasil "
         "{{ putaran.jenis_teks }} {{ putaran.jpt_judul }} atas nama:",
         align=JUSTIFY, first_cm=1.25, after_pt=6)
    fields_block(doc, [("Nama", "{{ pejabat.nama }}"), ("NIP", "{{ pejabat.nip }}"),
                       ("Pangkat/golongan", "{{ pejabat.pangkat_golongan or '-' }}"),
                       ("Jabatan", "{{ pejabat.jabatan }}")],
                 widths_cm=(4.25, 0.5, 11.25))
    para(doc, "dengan rincian sebagai berikut:", before_pt=6, after_pt=6)
    t = table(doc, 10, (1.0, 7.0, 3.0, 3.0))
    header_row(t, ("NO", "KOMPONEN PENILAIAN", "BOBOT", "NILAI"))
    loop_rows(t, 1, "for k in komponen", [
        "{{ loop.index }}.", "{{ k.nama }}", "{{ k.bobot }}%",
        "{{ pejabat.nilai[loop.index0] }}"], aligns=[CENTER, None, CENTER, CENTER])
    summary = [("Nilai akhir", "{{ pejabat.nilai_akhir }}"), ("Kategori", "{{ pejabat.kategori }}"),
               ("Peringkat", "{{ pejabat.peringkat }}")]
    for row, (label, value) in zip(t.rows[4:7], summary, strict=True):
        cell(row.cells[0].merge(row.cells[2]), label, bold=True)
        cell(row.cells[3], value, bold=True, align=CENTER)
    # The recommendation, only where the office allows it (the PPK decides), is a sentence:
    # the whole width of the table, not the score column.
    cell(t.rows[7].cells[0].merge(t.rows[7].cells[3]), "{%tr if tampilkan_rekomendasi %}",
         size=None)
    whole = t.rows[8].cells[0].merge(t.rows[8].cells[3])
    add_run(cell(whole, "Saran pendapat {{ putaran.sebutan_tim }}: ", bold=True),
            "{{ pejabat.rekomendasi }}", bold=True, size=TABLE_PT)
    cell(t.rows[9].cells[0].merge(t.rows[9].cells[3]), "{%tr endif %}", size=None)
    para(doc, "Hasil ini bersifat rahasia dan menjadi bahan pertimbangan "
         "{{ putaran.kepala_daerah_jabatan }} selaku Pejabat Pembina Kepegawaian. Tindak lanjut "
         "atas hasil tersebut akan ditetapkan oleh Pejabat Pembina Kepegawaian dan disampaikan "
         "tersendiri.", align=JUSTIFY, first_cm=1.25, before_pt=12, after_pt=6)
    para(doc, "Demikian disampaikan untuk menjadi perhatian Saudara.", align=JUSTIFY,
         first_cm=1.25, after_pt=12)
    sign(doc)
    return doc
