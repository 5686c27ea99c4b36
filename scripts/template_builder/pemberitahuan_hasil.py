"""Notice to one official of their own result."""

from __future__ import annotations

from scripts.template_builder.undangan import heading, sign
from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    TABLE_PT,
    add_run,
    cell,
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
         "{{ putaran.jenis_teks }} Saudara sebagai berikut:",
         align=JUSTIFY, first_cm=1.25, after_pt=6)
    t = table(doc, 8, (1.0, 7.0, 3.0, 3.0))
    header_row(t, ("NO", "KOMPONEN PENILAIAN", "BOBOT", "NILAI"))
    loop_rows(t, 1, "for k in komponen", [
        "{{ loop.index }}.", "{{ k.nama }}", "{{ k.bobot }}%",
        "{{ pejabat.nilai[loop.index0] }}"], aligns=[CENTER, None, CENTER, CENTER])
    summary = [("Nilai akhir", "{{ pejabat.nilai_akhir }}"), ("Kategori", "{{ pejabat.kategori }}"),
               ("Peringkat", "{{ pejabat.peringkat }}")]
    for row, (label, value) in zip(t.rows[4:7], summary, strict=True):
        label_cell = row.cells[0].merge(row.cells[2])
        cell(label_cell, label, bold=True)
        cell(row.cells[3], value, bold=True, align=CENTER)
    # The recommendation is a sentence: the whole width of the table, not the score column.
    whole = t.rows[7].cells[0].merge(t.rows[7].cells[3])
    add_run(cell(whole, "Rekomendasi tim: ", bold=True), "{{ pejabat.rekomendasi }}",
            bold=True, size=TABLE_PT)
    para(doc, "Hasil ini bersifat rahasia dan menjadi bahan pertimbangan "
         "{{ putaran.kepala_daerah_jabatan }} selaku Pejabat Pembina Kepegawaian. Keputusan "
         "selanjutnya akan disampaikan tersendiri.", align=JUSTIFY, first_cm=1.25,
         before_pt=12, after_pt=6)
    para(doc, "Demikian disampaikan untuk menjadi perhatian.", align=JUSTIFY, first_cm=1.25,
         after_pt=12)
    sign(doc)
    return doc
