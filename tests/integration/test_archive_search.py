"""The archive across rounds and years: `naskah cari`, the desk's Arsip page, and one PDF of
a round's signed letters to print."""

from __future__ import annotations

import io
import json
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from flows.cli import main
from flows.outputs.archive import search, signed_letters_pdf

NIP_A, NIP_B = "197204151998031005", "197609212002122001"


def _pdf(path: Path, pages: int = 1) -> str:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    path.parent.mkdir(parents=True, exist_ok=True)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path.name


def make_round(outputs: Path, kode: str, jenis: str, year: int) -> Path:
    folder = outputs / kode
    docs = []
    for kind, title, nip, signed, extra in (
            ("sk_tim", "Keputusan Tim", "", True, {}),
            ("undangan", "Undangan", NIP_A, True, {}),
            ("undangan", "Undangan", NIP_B, False, {}),
            ("pemberitahuan_hasil", "Pemberitahuan Hasil", NIP_A, True,
             {"previous_signed": [{"path": f"ttd/ph_{NIP_A}.pdf", "sha256": "x",
                                   "reason": "isi surat berubah"}]}),
            ("berita_acara", "Berita Acara", "", True, {"signed_externally": True})):
        stem = f"{kind}_{nip}" if nip else kind
        number = f"800/{len(docs) + 1}/BKPSDM/{year}"
        _pdf(folder / "pdf" / f"{stem}.pdf")
        doc = {"kind": kind, "title": title, "nip": nip or None, "number": number,
               "docx": f"docx/{stem}.docx", "pdf": f"pdf/{stem}.pdf",
               "signed_pdf": f"ttd/{stem}-v2.pdf" if signed else None, **extra}
        if signed:
            _pdf(folder / "ttd" / f"{stem}-v2.pdf", pages=2)
        docs.append(doc)
    manifest = {"kode_putaran": kode, "jenis_putaran": jenis,
                "nama_putaran": f"Putaran Tahun {year}", "documents": docs,
                "results": [{"nip": NIP_A, "name": "Drs. Muhammad Arsyad, M.Pd."},
                            {"nip": NIP_B, "name": "dr. Wa Ode Fitriani, M.Kes."}]}
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def archive(tmp_path: Path) -> Path:
    outputs = tmp_path / "outputs"
    make_round(outputs, "EVKIN-2024", "evaluasi_kinerja", 2024)
    make_round(outputs, "UKOM-2025", "uji_kompetensi", 2025)
    return outputs


def test_search_by_name_nip_number_kind_and_year_with_the_letters_state(tmp_path):
    outputs = archive(tmp_path)
    arsyad = search(outputs, "arsyad")
    assert {(f.kode_putaran, f.kind) for f in arsyad} == {
        (k, kind) for k in ("EVKIN-2024", "UKOM-2025")
        for kind in ("undangan", "pemberitahuan_hasil")}
    assert search(outputs, "1976 0921 2002 12 2 001") == search(outputs, NIP_B)
    assert {f.state for f in search(outputs, NIP_B)} == {"belum ditandatangani"}
    assert [f.kode_putaran for f in search(outputs, "800/2/BKPSDM/2025")] == ["UKOM-2025"]
    states = {f.state for f in search(outputs, "", "pemberitahuan_hasil", "2024")}
    assert states == {"ditandatangani", "digantikan"}
    assert {f.state for f in search(outputs, "", "berita_acara")} == {
        "ditandatangani di luar (BSrE)"}
    assert {f.kode_putaran for f in search(outputs, "", "uji_kompetensi")} == {"UKOM-2025"}
    assert search(outputs, "tidak ada orang ini") == []


def test_naskah_cari_prints_each_letter_with_its_state(tmp_path, capsys):
    outputs = archive(tmp_path)
    assert main(["cari", "Arsyad", "--tahun", "2025", "--out", str(outputs)]) == 0
    out = capsys.readouterr().out
    assert "UKOM-2025  Undangan 800/2/BKPSDM/2025" in out and "[ditandatangani]" in out
    assert "[digantikan (isi surat berubah)]" in out and "EVKIN-2024" not in out
    assert main(["cari", "Siapa", "--out", str(outputs)]) == 1
    assert "Tidak ada surat yang cocok." in capsys.readouterr().out


def test_one_pdf_of_the_signed_letters_of_a_round(tmp_path):
    folder = make_round(tmp_path, "EVKIN-2024", "evaluasi_kinerja", 2024)
    reader = PdfReader(io.BytesIO(signed_letters_pdf(folder) or b""))
    assert len(reader.pages) == 4 * 2  # four signed letters of two pages; the unsigned left out
    titles = [o.title for o in reader.outline]
    assert titles[1] == "Undangan 800/2/BKPSDM/2024 - Drs. Muhammad Arsyad, M.Pd."
    manifest = json.loads((folder / "manifest.json").read_text())
    for doc in manifest["documents"]:
        doc["signed_pdf"] = None
    (folder / "manifest.json").write_text(json.dumps(manifest))
    assert signed_letters_pdf(folder) is None  # nothing signed: nothing to print
