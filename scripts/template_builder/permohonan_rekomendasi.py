"""Surat dinas of the kepala daerah to BKN (or KASN), with the list of officials."""

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
    tag,
    tembusan,
)

HAL = "{{ hal }}"
DIMOHON = ("{% if ke_bkn %}pertimbangan teknis Kepala Badan Kepegawaian Negara{% else %}"
           "rekomendasi Komisi Aparatur Sipil Negara{% endif %}")


PILKADA = (
    'Usulan pemindahan pejabat sebagaimana tercantum dalam lampiran surat ini berada dalam '
    'masa {{ pilkada.nama }}. {% if pilkada.perlu_persetujuan %}Sesuai dengan Pasal 71 ayat '
    '(2) dan Pasal 162 ayat (3) {{ pilkada.dasar }}, persetujuan tertulis Menteri Dalam '
    'Negeri atas usulan tersebut telah kami mohonkan dengan surat Nomor '
    '{{ pilkada.permohonan.nomor }} tanggal {{ pilkada.permohonan.tanggal }}{% else %}'
    'Pemindahan tersebut telah mendapat persetujuan tertulis Menteri Dalam Negeri Nomor '
    '{{ pilkada.persetujuan.nomor }} tanggal {{ pilkada.persetujuan.tanggal }}{% endif %}.'
)

def build():  # type: ignore[no-untyped-def]
    doc = new_document("Surat permohonan ke BKN/KASN")
    surat_kepala_daerah(doc, HAL)
    para(doc, "Yth. {% if ke_bkn %}Kepala Badan Kepegawaian Negara{% else %}Ketua Komisi "
         "Aparatur Sipil Negara{% endif %}")
    para(doc, "di")
    para(doc, "Jakarta", left_cm=0.6, after_pt=12)
    para(doc, "Dengan hormat,", after_pt=6)
    para(doc, "Dalam rangka {{ putaran.jenis_teks }} {{ putaran.jpt_judul }} di "
         "lingkungan Pemerintah {{ putaran.pemerintah_daerah }}, dengan ini kami sampaikan hal-hal "
         "sebagai berikut:", align=JUSTIFY, first_cm=1.25, after_pt=6)
    points = [
        "Berdasarkan Keputusan {{ putaran.kepala_daerah_jabatan }} Nomor {{ sk_tim.nomor }} "
        "tanggal {{ sk_tim.tanggal }} telah dibentuk {{ putaran.nama_tim }}.",
        "{{ putaran.nama_tim }} telah melaksanakan {{ putaran.jenis_teks }} pada tanggal "
        "{{ putaran.tanggal_pelaksanaan }} sebagaimana tertuang dalam Berita Acara Nomor "
        "{{ berita_acara.nomor }} tanggal {{ berita_acara.tanggal }} dan telah menyampaikan "
        "saran pendapat dengan Nota Dinas Nomor {{ saran_pendapat.nomor }} tanggal "
        "{{ saran_pendapat.tanggal }}.",
    ]
    for i, text in enumerate(points, start=1):
        para(doc, f"{i}. {text}", align=JUSTIFY, left_cm=0.6, first_cm=-0.6, after_pt=6)
    # The tenure facts and the election window are numbered points too, before the request.
    tag(doc, "{%p for k in keterangan %}")
    para(doc, "{{ loop.index + 2 }}. {{ k }}", align=JUSTIFY, left_cm=0.6, first_cm=-0.6,
         after_pt=6)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p if pilkada.dalam_masa %}")
    para(doc, "{{ keterangan|length + 3 }}. " + PILKADA, align=JUSTIFY, left_cm=0.6,
         first_cm=-0.6, after_pt=6)
    tag(doc, "{%p endif %}")
    para(doc, "{{ keterangan|length + (4 if pilkada.dalam_masa else 3) }}. Sehubungan dengan "
         f"hal tersebut, kami mohon {DIMOHON} atas usulan {{{{ jumlah_usulan }}}} orang "
         "{{ putaran.peserta }} sebagaimana tercantum dalam lampiran surat ini.",
         align=JUSTIFY, left_cm=0.6, first_cm=-0.6, after_pt=6)
    para(doc, "Demikian permohonan ini kami sampaikan. Atas perhatian dan kerja sama yang baik, "
         "kami ucapkan terima kasih.", align=JUSTIFY, first_cm=1.25, after_pt=12)
    sign_kepala_daerah(doc)
    tembusan(doc, [
        "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi;",
        "Menteri Dalam Negeri c.q. Direktur Jenderal Otonomi Daerah;",
        "Gubernur {{ putaran.provinsi }};",
        "Kepala {{ kantor_regional_bkn }}.",
    ])

    lampiran_surat(doc, HAL)
    t = table(doc, 4, (0.8, 3.9, 2.5, 3.2, 2.4, 3.2))
    header_row(t, ("NO", "NAMA / NIP", "PANGKAT/GOL.", "JABATAN SEKARANG",
                   "TMT JABATAN / MASA JABATAN", "USULAN"))
    loop_rows(t, 1, "for h in usulan", [
        "{{ h.no }}.", "{{ h.nama }}", "{{ h.pangkat_golongan or '-' }}", "{{ h.jabatan }}",
        "{{ h.tmt_jabatan }}", "{{ h.rekomendasi }}"],
        aligns=[CENTER, None, None, None, CENTER, None])
    cell_para(t.rows[2].cells[1], "NIP. {{ h.nip }}")
    cell_para(t.rows[2].cells[4], "({{ h.masa_jabatan }})", align=CENTER)
    para(doc, "", after_pt=12)
    sign_kepala_daerah(doc)
    return doc
