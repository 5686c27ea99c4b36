"""House style of the letters (shared spec domain.md §7): formal wording, the result notice,
the BKN letter's subject, lampiran and tembusan."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from flows.documents.permohonan_rekomendasi import hal
from flows.documents.text import document_text
from flows.domain.models import Addressee
from flows.settings import load_settings
from tests.letters import letters_for
from tests.workbooks import SAMPLES, sample

GOLDEN = Path(__file__).resolve().parents[1] / "golden"


def _texts(tmp_path: Path, kind_of_round: str, settings=None) -> dict[str, str]:
    letters = letters_for(tmp_path, sample(kind_of_round), settings=settings)
    texts: dict[str, str] = {}
    for doc in letters.render_all():
        texts[doc.planned.stem] = document_text(doc.docx)
    return texts


@pytest.mark.parametrize("kind_of_round", sorted(SAMPLES))
def test_the_golden_letters_keep_the_house_style(kind_of_round):
    for path in sorted((GOLDEN / kind_of_round).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert "Bapak/Ibu" not in text, path
        assert not re.search(r"\b\d+ orang\b", text), path  # "5 (lima) orang"
        assert "di Lingkungan Pemerintah" not in text, path
        if kind_of_round == "seleksi_terbuka":
            assert "PEJABAT PIMPINAN TINGGI" not in text.upper().replace(
                "CALON PEJABAT", ""), path
        if "Panitia Seleksi" in text and path.stem in ("saran_pendapat", "undangan"):
            assert " tim " not in text, path
        # an arsiparis's review: no clerk's shorthand, no doubled or stiff wording
        for phrase in ("Jabatan sasaran", "(ditetapkan tim)", "atas usulan terhadap",
                       "Catatan bagi", "NOMOR:", "Hari, tanggal",
                       "dalam jabatan Kepala"):
            assert phrase not in text, (path, phrase)
        if path.stem == "undangan":
            for label in ("| Hari/tanggal | : |", "| Waktu | : |", "| Tempat | : |",
                          "| Acara | : |"):
                assert label in text, (path, label)
        if path.stem == "pengumuman_hasil":
            assert "untuk diketahui dan dipergunakan sebagaimana mestinya." in text


def test_the_notice_names_the_official_and_keeps_the_recommendation_back(tmp_path):
    texts = _texts(tmp_path, "evaluasi_kinerja")
    notice = next(t for stem, t in texts.items() if stem.startswith("pemberitahuan_hasil_"))
    assert "atas nama:\nNama | : | " in notice
    for label in ("NIP | : | 19", "Pangkat/golongan | : | Pembina", "Jabatan | : | Kepala"):
        assert label in notice
    assert "akan ditetapkan oleh Pejabat Pembina Kepegawaian" in notice
    assert "Saran pendapat" not in notice and "Dipertahankan" not in notice


def test_an_office_may_show_the_recommendation_in_the_notice(tmp_path):
    path = tmp_path / "naskah.toml"
    path.write_text("[surat]\nrekomendasi_di_pemberitahuan = true\n", encoding="utf-8")
    texts = _texts(tmp_path, "evaluasi_kinerja", load_settings(path))
    notices = [t for stem, t in texts.items() if stem.startswith("pemberitahuan_hasil_")]
    assert all("Saran pendapat Tim: " in t for t in notices)
    assert any("Saran pendapat Tim: Dipertahankan dalam jabatan" in t for t in notices)


def test_the_tembusan_names_the_regional_office_of_the_province(tmp_path):
    texts = _texts(tmp_path, "evaluasi_kinerja")
    for stem in ("sk_tim", "permohonan_rekomendasi"):
        assert "Kepala Kantor Regional IV Badan Kepegawaian Negara di Makassar" in texts[stem]
    path = tmp_path / "naskah.toml"
    path.write_text('[surat.kantor_regional_bkn]\n"Sulawesi Tenggara" = "Kantor Regional '
                    'Contoh Badan Kepegawaian Negara"\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.letters.regional_office("Provinsi Sulawesi Tenggara") == \
        "Kantor Regional Contoh Badan Kepegawaian Negara"
    assert settings.letters.regional_office("Antah Berantah") == \
        "Kantor Regional Badan Kepegawaian Negara"


def test_the_bkn_letter_names_the_request_and_gives_tmt_and_masa_jabatan(tmp_path):
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"))
    rnd, evaluation = letters.inputs.round, letters.inputs.evaluation
    rnd = replace(rnd, instansi_tujuan=Addressee.BKN)
    usulan = evaluation.needing_request
    extensions = tuple(r for r in usulan if r.outcome == "perpanjangan")
    moves = tuple(r for r in usulan if r.outcome == "rotasi")
    assert extensions and moves
    assert hal(rnd, usulan) == ("Permohonan Pertimbangan Teknis Mutasi/Rotasi dan "
                                "Perpanjangan Masa Jabatan Pimpinan Tinggi Pratama")
    assert hal(rnd, extensions) == ("Permohonan Pertimbangan Teknis Perpanjangan Masa "
                                    "Jabatan Pimpinan Tinggi Pratama")
    assert hal(rnd, moves) == ("Permohonan Pertimbangan Teknis Mutasi/Rotasi Jabatan "
                               "Pimpinan Tinggi Pratama")
    text = next(document_text(d.docx) for d in letters.render_all()
                if d.planned.spec.kind == "permohonan_rekomendasi")
    assert "TMT JABATAN / MASA JABATAN" in text
    assert "| 7 Januari 2019 / (5 tahun 10 bulan) |" in text


def test_a_recommendation_worded_by_the_team_keeps_the_subject_of_its_request(tmp_path):
    """rekomendasi_manual changes the wording, not what is asked of the BKN: an extension
    the team words itself is still asked for as an extension, not as a move."""
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"))
    rnd = replace(letters.inputs.round, instansi_tujuan=Addressee.BKN)
    usulan = letters.inputs.evaluation.needing_request
    extensions = tuple(replace(r, outcome="manual", manual=True)
                       for r in usulan if r.outcome == "perpanjangan")
    moves = tuple(replace(r, outcome="manual", manual=True)
                  for r in usulan if r.outcome == "rotasi")
    assert extensions and moves
    assert hal(rnd, extensions) == ("Permohonan Pertimbangan Teknis Perpanjangan Masa "
                                    "Jabatan Pimpinan Tinggi Pratama")
    assert hal(rnd, moves + extensions) == ("Permohonan Pertimbangan Teknis Mutasi/Rotasi dan "
                                            "Perpanjangan Masa Jabatan Pimpinan Tinggi Pratama")
