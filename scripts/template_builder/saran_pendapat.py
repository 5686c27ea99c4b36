"""Nota dinas: the team's ranked results and recommendations to the kepala daerah."""

from __future__ import annotations

from scripts.template_builder.word import (
    CENTER,
    JUSTIFY,
    bottom_border,
    cell_para,
    fields_block,
    header_row,
    kop_unit,
    loop_rows,
    new_document,
    para,
    signature,
    table,
    tag,
)

SMALL = 9


PILKADA = (
    'Usulan pemindahan pejabat sebagaimana tersebut di atas berada dalam masa '
    '{{ pilkada.nama }} (sejak '
    'penetapan pasangan calon pada tanggal {{ pilkada.tanggal_penetapan_paslon }} sampai '
    'dengan {{ pilkada.bulan_setelah_pelantikan }} bulan terhitung sejak pelantikan kepala '
    'daerah pada tanggal {{ pilkada.tanggal_pelantikan }}), sehingga {% if '
    'pilkada.perlu_persetujuan %}sebelum ditetapkan memerlukan persetujuan tertulis Menteri'
    ' Dalam Negeri sesuai dengan Pasal 71 ayat (2) dan Pasal 162 ayat (3) {{ pilkada.dasar '
    '}}{% else %}pelaksanaannya berdasarkan persetujuan tertulis Menteri Dalam Negeri Nomor'
    ' {{ pilkada.persetujuan.nomor }} tanggal {{ pilkada.persetujuan.tanggal }}{% endif %}.'
)

def build():  # type: ignore[no-untyped-def]
    doc = new_document("Saran pendapat")
    kop_unit(doc)
    para(doc, "NOTA DINAS", bold=True, align=CENTER, underline=True, after_pt=12)
    fields_block(doc, [
        ("Yth.", "{{ putaran.kepala_daerah_jabatan }} selaku Pejabat Pembina Kepegawaian"),
        ("Dari", "Ketua {{ putaran.nama_tim }}"),
        ("Tanggal", "{{ tanggal }}"),
        ("Nomor", "{{ nomor }}"),
        ("Sifat", "Rahasia"),
        ("Lampiran", "-"),
        ("Hal", "Saran Pendapat Hasil {{ putaran.jenis_judul }} {{ putaran.jpt_judul }}"),
    ])
    bottom_border(para(doc, "", after_pt=12), style="single", size=8)

    paragraphs = [
        "Berdasarkan Keputusan {{ putaran.kepala_daerah_jabatan }} Nomor {{ sk_tim.nomor }} "
        "tanggal {{ sk_tim.tanggal }} tentang Pembentukan {{ putaran.nama_tim }}, "
        "{{ putaran.sebutan_tim }} telah melaksanakan {{ putaran.jenis_teks }} "
        "{{ putaran.jpt_judul }} pada tanggal "
        "{{ putaran.tanggal_pelaksanaan }} sebagaimana tertuang dalam Berita Acara Nomor "
        "{{ berita_acara.nomor }} tanggal {{ berita_acara.tanggal }}.",
        "Penilaian menggunakan komponen {% for k in komponen %}{{ k.nama }} ({{ k.bobot }}%)"
        "{% if loop.revindex > 2 %}, {% elif loop.revindex == 2 %}"
        "{{ ', dan ' if loop.length > 2 else ' dan ' }}{% endif %}{% endfor %}, "
        "dengan kategori Baik untuk nilai akhir paling rendah {{ putaran.batas_baik }}, "
        "kategori Cukup untuk nilai akhir paling rendah {{ putaran.batas_cukup }}, dan kategori "
        "Kurang untuk nilai akhir di bawah {{ putaran.batas_cukup }}.",
        "Hasil penilaian dan saran pendapat {{ putaran.sebutan_tim }} terhadap masing-masing "
        "{{ putaran.peserta }} adalah sebagai berikut:",
    ]
    for i, text in enumerate(paragraphs, start=1):
        para(doc, f"{i}. {text}", align=JUSTIFY, left_cm=0.6, first_cm=-0.6, after_pt=6)

    t = table(doc, 4, (0.8, 4.0, 2.9, 1.5, 1.7, 2.1, 3.0))
    header_row(t, ("NO", "NAMA / NIP", "JABATAN", "NILAI AKHIR", "KATEGORI", "PERINGKAT",
                   "SARAN PENDAPAT"))
    loop_rows(t, 1, "for h in hasil", [
        "{{ h.no }}.", "{{ h.nama }}", "{{ h.jabatan }}", "{{ h.nilai_akhir }}",
        "{{ h.kategori }}", "{{ h.peringkat }}", "{{ h.rekomendasi }}"],
        aligns=[CENTER, None, None, CENTER, CENTER, CENTER, None], size=SMALL)
    item = t.rows[2].cells
    cell_para(item[1], "NIP. {{ h.nip }}", size=SMALL)
    cell_para(item[2], "{% if h.jabatan_sasaran %}{% if putaran.jenis == 'seleksi_terbuka' %}"
              "Jabatan yang dilamar{% else %}Jabatan tujuan{% endif %}: "
              "{{ h.jabatan_sasaran }}{% endif %}",
              size=SMALL)
    cell_para(item[6], "{% if h.catatan %}Catatan: {{ h.catatan }}{% endif %}", size=SMALL)

    tag(doc, "{%p if jumlah_permohonan %}")
    para(doc, "4. Terhadap {{ jumlah_permohonan_teks }} orang {{ putaran.peserta }} yang "
         "diusulkan, sebelum ditetapkan perlu dimohonkan "
         "{% if putaran.instansi_tujuan == 'BKN' %}pertimbangan teknis Kepala Badan "
         "Kepegawaian Negara{% else %}rekomendasi Komisi Aparatur Sipil Negara{% endif %}.",
         align=JUSTIFY, left_cm=0.6, first_cm=-0.6, before_pt=6)
    tag(doc, "{%p endif %}")
    # The tenure facts and the election window continue the numbered points.
    tag(doc, "{%p if keterangan %}")
    para(doc, "{{ 5 if jumlah_permohonan else 4 }}. Selain itu, perlu kami sampaikan hal-hal "
         "sebagai berikut:", align=JUSTIFY, left_cm=0.6, first_cm=-0.6, before_pt=6)
    tag(doc, "{%p for k in keterangan %}")
    para(doc, "{{ loop.index }}) {{ k }}", left_cm=1.2, first_cm=-0.6, align=JUSTIFY)
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if pilkada.dalam_masa %}")
    para(doc, "{{ 4 + (1 if jumlah_permohonan else 0) + (1 if keterangan else 0) }}. " + PILKADA,
         align=JUSTIFY, left_cm=0.6, first_cm=-0.6, before_pt=6)
    tag(doc, "{%p endif %}")
    para(doc, "Demikian saran pendapat ini kami sampaikan sebagai bahan pertimbangan "
         "{{ putaran.kepala_daerah_jabatan }} selaku Pejabat Pembina Kepegawaian dalam "
         "mengambil keputusan.",
         align=JUSTIFY, first_cm=1.25, before_pt=6, after_pt=12)
    signature(doc, [
        ("{{ penanda_tangan.jabatan }},", {}),
        ("{{ penanda_tangan.nama }}", {"bold": True, "underline": True}),
        ("{{ penanda_tangan.pangkat_golongan }}", {}),
        ("{% if penanda_tangan.nip %}NIP. {{ penanda_tangan.nip }}{% endif %}", {}),
    ], gap_after=0)
    return doc
