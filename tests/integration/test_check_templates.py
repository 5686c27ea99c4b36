"""`naskah check-templates` finds what would break an office's own templates."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from flows.cli import main
from flows.documents.checking import check_folder
from flows.documents.produce import DEFAULT_TEMPLATES


@pytest.fixture
def office(tmp_path) -> Path:
    folder = tmp_path / "template-kantor"
    shutil.copytree(DEFAULT_TEMPLATES, folder, ignore=shutil.ignore_patterns(".gitkeep"))
    return folder


def add_paragraphs(path: Path, *runs_per_paragraph: tuple[str, ...]) -> None:
    doc = Document(path)
    for runs in runs_per_paragraph:
        p = doc.add_paragraph()
        for i, text in enumerate(runs):
            p.add_run(text).bold = i % 2 == 1  # alternate formatting, as Word splits runs
    doc.save(path)


def findings(folder: Path, name: str) -> list[tuple[str, str]]:
    report = next(r for r in check_folder(folder) if r.name == name)
    return [(f.severity, f.message) for f in report.findings]


def test_the_shipped_templates_are_clean():
    for report in check_folder(DEFAULT_TEMPLATES):
        assert report.ok, (report.name, report.findings)
        assert not [f for f in report.findings if f.severity == "warning"], report.name


def test_unknown_variables_and_attributes_are_errors(office):
    add_paragraphs(office / "undangan.docx", ("{{ putaran.nama_timm }}",), ("{{ alamat }}",),
                   ("{% for h in hasil %}{{ h.nama }}{% endfor %}",),
                   ("{{ pejabat.nilai_akhirr }} {{ loop.indexx }}",))
    messages = [m for s, m in findings(office, "undangan.docx") if s == "error"]
    assert any('"putaran.nama_timm" tidak dikenal' in m and "nama_tim" in m for m in messages)
    assert any('variabel "alamat" tidak dikenal' in m for m in messages)
    assert any('variabel "hasil" tidak dikenal' in m for m in messages)
    assert any('"pejabat.nilai_akhirr" tidak dikenal' in m for m in messages)


def test_attributes_of_loop_items_are_checked(office):
    add_paragraphs(office / "berita_acara.docx",
                   ("{% for a in tim %}{{ a.nama }} {{ a.jabatn }} {{ loop.index }}"
                    "{% endfor %}",))
    messages = [m for s, m in findings(office, "berita_acara.docx") if s == "error"]
    assert len(messages) == 1 and '"a.jabatn" tidak dikenal' in messages[0]


def test_tags_split_by_word_are_reported(office):
    add_paragraphs(office / "sk_tim.docx", ("Nomor {{ no", "mor }} tanggal",),
                   ("{{ tanggal",), ("}}",))
    result = findings(office, "sk_tim.docx")
    assert any(s == "warning" and '"{{ nomor }}" terpecah di 2 bagian' in m for s, m in result)
    assert any(s == "error" and "tidak lengkap dalam satu paragraf" in m for s, m in result)


def test_syntax_errors_missing_and_unknown_files(office):
    add_paragraphs(office / "saran_pendapat.docx", ("{% if nomor %}tanpa penutup",))
    (office / "undangan.docx").unlink()
    shutil.copy(office / "sk_tim.docx", office / "sk_lama.docx")
    reports = {r.name: r for r in check_folder(office)}
    assert "penulisan tag Jinja salah" in reports["saran_pendapat.docx"].findings[-1].message
    assert reports["undangan.docx"].findings[0].message == "template tidak ditemukan"
    assert reports["sk_lama.docx"].findings[0].severity == "warning"


def test_the_command_exits_1_on_errors_and_0_on_the_defaults(office, capsys):
    assert main(["check-templates"]) == 0
    add_paragraphs(office / "undangan.docx", ("{{ putaran.nama_timm }}",))
    assert main(["check-templates", str(office)]) == 1
    out = capsys.readouterr().out
    assert "undangan.docx: TIDAK SAH" in out and "KESALAHAN" in out
    assert main(["check-templates", str(office / "tidak-ada")]) == 1
