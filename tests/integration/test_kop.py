"""The kop: the office's emblems replace the placeholder frames; without them the frames stay
and validate/check-templates warn once."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from docx import Document

from flows.cli import main
from flows.settings import load_settings
from scripts.template_builder.emblem import placeholder, sample_emblem
from tests.letters import letters_for
from tests.workbooks import sample, write


def _settings(tmp_path: Path) -> Path:
    (tmp_path / "negara.png").write_bytes(sample_emblem("UJI", fill=(150, 110, 20)))
    (tmp_path / "daerah.png").write_bytes(sample_emblem("UJI", size=120))
    path = tmp_path / "naskah.toml"
    path.write_text('[kop]\nlambang_negara = "negara.png"\nlambang_daerah = "daerah.png"\n'
                    'telepon = "(0370) 631234"\nlaman = "bkpsdm.contohkab.go.id"\n'
                    'pos_el = "bkpsdm@contohkab.go.id"\n', encoding="utf-8")
    return path


def _media(docx: bytes) -> list[bytes]:
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        return [archive.read(n) for n in archive.namelist() if n.startswith("word/media/")]


def _emblem_sizes(docx: bytes) -> dict[str, tuple[int, int]]:
    body = Document(io.BytesIO(docx)).element.body
    return {e.get("descr"): (int(e.getparent().find(e.tag.replace("docPr", "extent")).get("cx")),
                             int(e.getparent().find(e.tag.replace("docPr", "extent")).get("cy")))
            for e in body.iter("{*}docPr")}


def test_the_offices_emblems_replace_the_frames(tmp_path):
    settings = load_settings(_settings(tmp_path))
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"), settings=settings)
    rendered = {d.planned.spec.kind: d.docx for d in letters.render_all()}
    negara, daerah = (tmp_path / "negara.png").read_bytes(), (tmp_path / "daerah.png").read_bytes()
    for kind in ("sk_tim", "permohonan_rekomendasi"):
        assert _media(rendered[kind]) == [negara], kind
        assert set(_emblem_sizes(rendered[kind])) == {"naskah:lambang_negara"}
    for kind in ("berita_acara", "saran_pendapat", "undangan", "pemberitahuan_hasil"):
        assert _media(rendered[kind]) == [daerah], kind
        assert set(_emblem_sizes(rendered[kind])) == {"naskah:lambang_daerah"}
    text = "\n".join(p.text for p in Document(io.BytesIO(rendered["undangan"])).paragraphs)
    cells = "\n".join(c.text for t in Document(io.BytesIO(rendered["undangan"])).tables
                      for row in t.rows for c in row.cells)
    assert ", Telepon\u00a0(0370) 631234\n" in cells + text
    assert "\nLaman\u00a0bkpsdm.contohkab.go.id, Pos-el\u00a0bkpsdm@contohkab.go.id" in cells


def test_a_wide_emblem_keeps_its_proportions_inside_the_frame(tmp_path):
    from scripts.template_builder.emblem import png

    (tmp_path / "lebar.png").write_bytes(png(200, 100, [bytes([0]) * 200] * 100, color=False))
    path = tmp_path / "naskah.toml"
    path.write_text('[kop]\nlambang_negara = "lebar.png"\n', encoding="utf-8")
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"), settings=load_settings(path))
    sk = next(d.docx for d in letters.render_all() if d.planned.spec.kind == "sk_tim")
    cx, cy = _emblem_sizes(sk)["naskah:lambang_negara"]
    assert abs(cx - 2 * cy) <= 2


def test_without_emblems_the_placeholder_frames_stay(tmp_path):
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"))
    for doc in letters.render_all():
        assert _media(doc.docx) == [placeholder()], doc.planned.stem


def test_validate_and_check_templates_warn_once_without_emblems(tmp_path, capsys):
    workbook = write(tmp_path, sample("evaluasi_kinerja"))
    empty = tmp_path / "kosong.toml"
    empty.write_text("", encoding="utf-8")
    assert main(["validate", str(workbook), "--settings", str(empty)]) == 0
    out = capsys.readouterr().out
    assert out.count('bingkai pengganti bertuliskan "LAMBANG"') == 1
    assert "lambang negara (kop.lambang_negara) dan lambang daerah" in out
    assert main(["check-templates", "--settings", str(empty)]) == 0
    out = capsys.readouterr().out
    assert out.count('bingkai pengganti bertuliskan "LAMBANG"') == 1
    configured = _settings(tmp_path)
    assert main(["validate", str(workbook), "--settings", str(configured)]) == 0
    assert main(["check-templates", "--settings", str(configured)]) == 0
    assert "LAMBANG" not in capsys.readouterr().out


def test_an_emblem_that_is_not_a_picture_is_refused(tmp_path, capsys):
    (tmp_path / "bukan.png").write_text("bukan gambar", encoding="utf-8")
    path = tmp_path / "naskah.toml"
    path.write_text('[kop]\nlambang_daerah = "bukan.png"\n', encoding="utf-8")
    workbook = write(tmp_path, sample("evaluasi_kinerja"))
    assert main(["validate", str(workbook), "--settings", str(path)]) == 1
    assert "kop.lambang_daerah" in capsys.readouterr().err


KEPALA_DAERAH = ("sk_tim", "permohonan_rekomendasi", "permohonan_persetujuan_mendagri")
"""The kinds whose kop is the kepala daerah's (the lambang negara)."""


def test_a_template_saved_again_by_a_word_processor_still_gets_the_emblems(tmp_path):
    import subprocess

    from flows.documents.produce import DEFAULT_TEMPLATES
    from tests.conftest import require_program

    require_program("soffice")
    folder = tmp_path / "template-kantor"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/profil", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(folder),
                    *[str(p) for p in sorted(DEFAULT_TEMPLATES.glob("*.docx"))]],
                   check=True, capture_output=True, timeout=300)
    assert main(["check-templates", str(folder)]) == 0
    settings = load_settings(_settings(tmp_path))
    letters = letters_for(tmp_path, sample("evaluasi_kinerja"), settings=settings,
                          templates=folder)
    negara = (tmp_path / "negara.png").read_bytes()
    daerah = (tmp_path / "daerah.png").read_bytes()
    for doc in letters.render_all():
        wanted = negara if doc.planned.spec.kind in KEPALA_DAERAH \
            else daerah
        assert wanted in _media(doc.docx), doc.planned.stem
