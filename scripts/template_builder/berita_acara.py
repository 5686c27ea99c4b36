"""Berita acara: date in words, the results table, every member's signature."""

from __future__ import annotations

from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm

from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    cell_para,
    header_row,
    kop_unit,
    loop_rows,
    new_document,
    para,
    table,
    tag,
)

SMALL = 9


def build():  # type: ignore[no-untyped-def]
    doc = new_document("Berita acara")
    kop_unit(doc)
    para(doc, "BERITA ACARA", bold=True, align=CENTER, underline=True)
    para(doc, "NOMOR {{ nomor }}", align=CENTER, after_pt=6)
    para(doc, "TENTANG", bold=True, align=CENTER)
    para(doc, "HASIL {{ putaran.jenis_judul|upper }} {{ putaran.jpt_judul|upper }}", bold=True,
         align=CENTER)
    para(doc, "DI LINGKUNGAN PEMERINTAH {{ putaran.pemerintah_daerah|upper }}", bold=True,
         align=CENTER, after_pt=12)
    para(doc, "Pada hari ini {{ hari }} tanggal {{ tanggal_terbilang }} bulan {{ bulan }} tahun "
         "{{ tahun_terbilang }} ({{ tanggal_angka }}), bertempat di "
         "{{ putaran.tempat_pelaksanaan }}, kami yang bertanda tangan di bawah ini, "
         "{{ putaran.nama_tim }} yang dibentuk dengan Keputusan "
         "{{ putaran.kepala_daerah_jabatan }} Nomor {{ sk_tim.nomor }} tanggal "
         "{{ sk_tim.tanggal }}, telah melaksanakan {{ putaran.jenis_teks }} terhadap "
         "{{ jumlah_pejabat }} orang {{ putaran.peserta }} di lingkungan Pemerintah "
         "{{ putaran.pemerintah_daerah }} pada hari {{ putaran.hari_pelaksanaan }} tanggal "
         "{{ putaran.tanggal_pelaksanaan }}, dengan hasil sebagai berikut:",
         align=JUSTIFY, first_cm=1.25, after_pt=6)

    t = table(doc, 4, (0.8, 4.1, 2.8, 3.0, 1.5, 1.7, 2.1))
    header_row(t, ("NO", "NAMA / NIP", "JABATAN", "RINCIAN NILAI", "NILAI AKHIR", "KATEGORI",
                   "PERINGKAT"))
    loop_rows(t, 1, "for h in hasil", [
        "{{ h.no }}.", "{{ h.nama }}", "{{ h.jabatan }}",
        "{%p for k in komponen %}", "{{ h.nilai_akhir }}", "{{ h.kategori }}",
        "{{ h.peringkat }}"], aligns=[CENTER, None, None, None, CENTER, CENTER, CENTER],
        size=SMALL)
    item = t.rows[2].cells
    cell_para(item[1], "NIP. {{ h.nip }}", size=SMALL)
    cell_para(item[2], "{% if h.jabatan_sasaran %}{% if putaran.jenis == 'seleksi_terbuka' %}"
              "Jabatan yang dilamar{% else %}Jabatan tujuan{% endif %}: "
              "{{ h.jabatan_sasaran }}{% endif %}",
              size=SMALL)
    cell_para(item[3], "{{ k.nama }} ({{ k.bobot }}%): {{ h.nilai[loop.index0] }}", size=SMALL)
    cell_para(item[3], "{%p endfor %}", size=SMALL)

    tag(doc, "{%p if catatan %}")
    para(doc, "Catatan:", before_pt=6)
    tag(doc, "{%p for n in catatan %}")
    para(doc, "{{ loop.index }}. {{ n }}", left_cm=0.6, first_cm=-0.6, align=JUSTIFY, size=10)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    para(doc, "Demikian Berita Acara ini dibuat dengan sebenarnya untuk dipergunakan "
         "sebagaimana mestinya.", align=JUSTIFY, first_cm=1.25, before_pt=6, after_pt=12)

    para(doc, "{{ putaran.nama_tim|upper }}", bold=True, align=CENTER, after_pt=6, keep_next=True)
    s = table(doc, 4, (0.8, 7.0, 3.7, 4.5))
    header_row(s, ("NO", "NAMA", "KEDUDUKAN", "TANDA TANGAN"))
    loop_rows(s, 1, "for a in tim", ["{{ a.no }}.", "{{ a.nama }}", "{{ a.kedudukan }}",
                                     "{{ a.no }}. ……………………"],
              aligns=[CENTER, None, CENTER, None])
    s.rows[2].height = Cm(1.8)  # room for a signature: each member signs in their row
    s.rows[2].height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
    return doc
