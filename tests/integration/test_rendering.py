"""Rendering is strict, sandboxed and escaping: clerks' data never breaks or runs as code."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document
from lxml import etree

from flows.documents.rendering import RenderError, Template
from flows.documents.text import document_text
from flows.settings import load_settings
from tests.letters import letters_for
from tests.workbooks import sample

INJECTIONS = [
    "{{ 7*7 }}",
    "{% for x in range(3) %}ULANG{% endfor %}",
    "CV Maju & Jaya <Tbk>",
    '</w:t></w:r><w:r><w:t>SISIPAN" & \'',
    "{{ putaran.__class__ }}",
    "{# komentar #} {%p if true %}",
]


def template_from(tmp_path: Path, *paragraphs: str) -> Template:
    doc = Document()
    for text in paragraphs:
        doc.add_paragraph(text)
    path = tmp_path / "uji.docx"
    doc.save(path)
    return Template.load(path)


def all_xml_is_well_formed(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                etree.fromstring(archive.read(name))


def test_injected_text_appears_literally_in_every_letter(tmp_path):
    content = sample()
    official = content.pejabat[0]
    official["nama"] = INJECTIONS[0] + " " + INJECTIONS[2]
    official["jabatan"] = INJECTIONS[1]
    official["jabatan_sasaran"] = INJECTIONS[3]
    official["catatan"] = INJECTIONS[4]
    content.tim[1]["nama"] = INJECTIONS[5]
    letters = letters_for(tmp_path, content)
    texts = []
    for doc in letters.render_all():
        all_xml_is_well_formed(doc.docx)
        texts.append(document_text(doc.docx))
    everything = "\n".join(texts)
    for text in INJECTIONS:
        assert text in everything, text
    assert "49" not in everything.replace("1949", "")
    assert "ULANGULANG" not in everything


def test_an_unknown_variable_names_the_template_and_the_variable(tmp_path):
    template = template_from(tmp_path, "Nomor {{ nomor }}", "{{ putaran.nama_timm }}")
    with pytest.raises(RenderError) as caught:
        template.render({"nomor": "1", "putaran": {"nama_tim": "Tim"}})
    assert "uji.docx" in str(caught.value)
    assert 'variabel "nama_timm" tidak dikenal' in str(caught.value)


def test_a_template_cannot_reach_into_python(tmp_path):
    template = template_from(tmp_path, "{{ nomor.__class__.__mro__[1].__subclasses__() }}")
    with pytest.raises(RenderError, match="tidak diizinkan"):
        template.render({"nomor": "1"})


def test_a_syntax_error_is_reported_with_the_text_around_it(tmp_path):
    template = template_from(tmp_path, "Awal", "{% for x in %}", "Akhir")
    with pytest.raises(RenderError, match="penulisan tag Jinja salah"):
        template.render({})


def test_control_characters_in_a_value_are_refused(tmp_path):
    template = template_from(tmp_path, "Nama {{ nama }}")
    with pytest.raises(RenderError, match="karakter kendali"):
        template.render({"nama": "Budi\x07"})


def test_rendering_is_repeatable_to_the_byte(tmp_path):
    letters = letters_for(tmp_path, sample())
    first = [d.docx for d in letters.render_all()]
    second = [d.docx for d in letters.render_all()]
    assert first == second


def _paper(letters, kind: str) -> tuple[int, int]:
    doc = next(d for d in letters.planned if d.spec.kind == kind)
    section = Document(io.BytesIO(letters.render(doc).docx)).sections[0]
    return round(section.page_width.mm), round(section.page_height.mm)


def test_f4_paper_is_a_setting_and_the_keputusan_has_its_own(tmp_path):
    settings_file = tmp_path / "naskah.toml"
    settings_file.write_text('[surat]\nukuran_kertas = "F4"\nukuran_kertas_keputusan = "A4"\n',
                             encoding="utf-8")
    letters = letters_for(tmp_path, sample(), settings=load_settings(settings_file))
    assert _paper(letters, "berita_acara") == (215, 330)
    assert _paper(letters, "sk_tim") == (210, 297)
    default = letters_for(tmp_path / "a4", sample())
    assert _paper(default, "berita_acara") == (210, 297)
    assert _paper(default, "sk_tim") == (215, 330)  # a Keputusan is F4 unless set otherwise
