"""The typed manifest: a lossless round trip of manifest.json, read-modify-write under the
round lock, `signed_externally` kept across reruns, one place naming signed versions, and the
human time fields in the office's zone. No LibreOffice: a round folder is made by hand."""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import re
from pathlib import Path

import pytest
from pypdf import PdfWriter

from flows.pdf.signing import load_pkcs12
from tests.bsre import BSRE_STANDIN, PASSPHRASE, trusting_settings

ROOT = Path(__file__).resolve().parents[2]


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _pdf(text: str) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(595, 842)
    writer.add_metadata({"/Title": text})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _document(kind: str, nip: str | None, pdf: bytes, docx: bytes) -> dict:
    stem = kind if nip is None else f"{kind}_{nip}"
    return {
        "kind": kind, "nip": nip, "number": f"800/{len(stem)}/BKPSDM/2026", "title": kind,
        "docx": f"docx/{stem}.docx", "pdf": f"pdf/{stem}.pdf", "signed_pdf": None,
        "sha256": {"docx": _sha(docx), "pdf": _sha(pdf), "signed_pdf": None},
        "input_sha256": "i" * 64, "template_sha256": "t" * 64, "pages": 1, "signer": None,
        "signer_cert_sha256": None, "signers": [], "signed_at": None, "previous_signed": [],
        "kode_cek": None, "surat": {"hal": "Uji"},
    }


@pytest.fixture
def anchors(tmp_path, monkeypatch) -> Path:
    """The office trusts the stand-in BSrE certificate (tanda_tangan.akar_tepercaya)."""
    settings = trusting_settings(tmp_path, "[surat]\nzona_waktu = \"WITA\"\n")
    monkeypatch.setenv("NASKAH_SETTINGS", str(settings))
    return settings


@pytest.fixture
def folder(tmp_path) -> Path:
    """A round folder of two unsigned letters and its manifest (no signature yet, no seal)."""
    folder = tmp_path / "out" / "UJI-2026"
    documents = []
    for kind, nip in (("sk_tim", None), ("undangan", "197001011995031001")):
        pdf, docx = _pdf(f"{kind} {nip}"), f"docx {kind}".encode()
        doc = _document(kind, nip, pdf, docx)
        for part, data in (("pdf", pdf), ("docx", docx)):
            (folder / doc[part]).parent.mkdir(parents=True, exist_ok=True)
            (folder / doc[part]).write_bytes(data)
        documents.append(doc)
    manifest = {"naskah": "0.0.0", "kode_putaran": "UJI-2026", "jenis_putaran": "evaluasi_kinerja",
                "nama_putaran": "Uji 2026", "workbook": {"file": "uji.xlsx", "sha256": "w" * 64},
                "documents": documents, "bundle": None,
                "results": [{"nip": "197001011995031001", "name": "Contoh"}],
                "warnings": [], "failures": [], "approval": None}
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2)
                                          + "\n", encoding="utf-8")
    return folder


def _signed_elsewhere(folder: Path, relative: str, tmp_path: Path) -> Path:
    signer = load_pkcs12(BSRE_STANDIN, PASSPHRASE)
    path = tmp_path / (Path(relative).stem + "_bsre.pdf")
    path.write_bytes(signer.sign((folder / relative).read_bytes(), reason="TTE BSrE",
                                 location="Damar Jaya"))
    return path


def _read(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


# -- (a) archive-signed reads the manifest under the round lock ------------------------------

def test_archive_signed_keeps_a_change_written_while_it_waited_for_the_lock(
        folder, tmp_path, anchors, monkeypatch):
    """Another process (a run of the round) changes the manifest and releases the lock just
    before archive-signed gets it: archive-signed must write on top of that change, not over
    it with the copy it read before."""
    import flows.archive_signed as archive_signed_module
    import flows.outputs.lock as lock_module

    real_lock = lock_module.round_lock

    @contextlib.contextmanager
    def lock_after_a_concurrent_run(folder_, kode, register=None, wait_s=0):
        data = _read(folder_)
        data["warnings"].append({"ref": "Nilai!C4", "message": "ditulis putaran lain"})
        data["documents"][1]["surat"]["hal"] = "Diubah putaran lain"
        (folder_ / "manifest.json").write_text(json.dumps(data, ensure_ascii=False, indent=2)
                                               + "\n", encoding="utf-8")
        with real_lock(folder_, kode, register, wait_s):
            yield

    monkeypatch.setattr(lock_module, "round_lock", lock_after_a_concurrent_run)
    monkeypatch.setattr(archive_signed_module, "round_lock", lock_after_a_concurrent_run,
                        raising=False)
    signed = _signed_elsewhere(folder, "pdf/sk_tim.pdf", tmp_path)
    filed = archive_signed_module.archive_signed(folder, [signed])
    assert [f.target for f in filed] == ["ttd/sk_tim.pdf"], filed
    data = _read(folder)
    assert data["warnings"] == [{"ref": "Nilai!C4", "message": "ditulis putaran lain"}]
    assert data["documents"][1]["surat"]["hal"] == "Diubah putaran lain"
    assert data["documents"][0]["signed_externally"] is True


def test_archive_signed_refuses_while_a_run_holds_the_round(folder, tmp_path, anchors):
    from flows.archive_signed import archive_signed
    from flows.outputs.lock import RoundBusy, round_lock

    signed = _signed_elsewhere(folder, "pdf/sk_tim.pdf", tmp_path)
    before = (folder / "manifest.json").read_bytes()
    with round_lock(folder, "UJI-2026"), pytest.raises(RoundBusy):
        archive_signed(folder, [signed])
    assert (folder / "manifest.json").read_bytes() == before


# -- (b) signed_externally survives a reread and a rerun -------------------------------------

def test_signed_externally_survives_reading_the_record():
    from flows.outputs.manifest import DocumentRecord

    data = _document("sk_tim", None, b"pdf", b"docx")
    data.update(signed_pdf="ttd/sk_tim.pdf", signed_externally=True, signer="Bupati")
    record = DocumentRecord.from_json(data)
    assert record.to_json()["signed_externally"] is True


def test_a_rerun_that_keeps_the_signed_letter_keeps_where_it_was_signed():
    from flows.outputs.manifest import DocumentRecord

    data = _document("sk_tim", None, b"pdf", b"docx")
    data.update(signed_pdf="ttd/sk_tim.pdf", signed_externally=True, signer="Bupati",
                signers=[{"subject": "Bupati", "cert_sha256": "f" * 64}],
                signed_at="2026-12-02T04:40:00+00:00", kode_cek="K" * 26)
    data["sha256"]["signed_pdf"] = "s" * 64
    old = DocumentRecord.from_json(data)
    new = DocumentRecord(kind="sk_tim", nip=None, number=old.number, title=old.title,
                         docx=old.docx, sha256={"docx": None, "pdf": None, "signed_pdf": None})
    new.keep_signed_from(old)
    assert new.signed_externally and new.signed_pdf == "ttd/sk_tim.pdf"
    assert new.kode_cek == old.kode_cek and new.signers == old.signers
    entry = old.previous_entry("isi surat berubah")
    assert entry["signed_externally"] is True and entry["kode_cek"] == "K" * 26


# -- (c) one place names a signed version ----------------------------------------------------

def test_the_versioned_signed_name_is_made_in_one_place():
    from flows.outputs.manifest import signed_name

    assert signed_name("sk_tim", []) == "ttd/sk_tim.pdf"
    assert signed_name("sk_tim", ["ttd/sk_tim.pdf", None]) == "ttd/sk_tim-v2.pdf"
    assert signed_name("sk_tim", ["ttd/sk_tim.pdf", "ttd/sk_tim-v2.pdf"]) == "ttd/sk_tim-v3.pdf"
    makers = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "flows").rglob("*.py"))
              if re.search(r"-v\{", p.read_text(encoding="utf-8"))]
    assert makers == ["flows/outputs/manifest.py"]


def test_archive_signed_files_a_second_signed_version_beside_the_first(folder, tmp_path,
                                                                      anchors):
    from flows.archive_signed import archive_signed

    first = _signed_elsewhere(folder, "pdf/sk_tim.pdf", tmp_path)
    second = tmp_path / "kedua.pdf"
    second.write_bytes(load_pkcs12(BSRE_STANDIN, PASSPHRASE).sign(
        (folder / "pdf/sk_tim.pdf").read_bytes(), reason="TTE ulang", location="Damar Jaya"))
    assert [f.target for f in archive_signed(folder, [first])] == ["ttd/sk_tim.pdf"]
    assert [f.target for f in archive_signed(folder, [second])] == ["ttd/sk_tim-v2.pdf"]
    doc = _read(folder)["documents"][0]
    assert doc["signed_pdf"] == "ttd/sk_tim-v2.pdf"
    assert [p["path"] for p in doc["previous_signed"]] == ["ttd/sk_tim.pdf"]
    assert doc["previous_signed"][0]["signed_externally"] is True


# -- the model ---------------------------------------------------------------------------------

def test_the_manifest_round_trips_to_the_same_text(folder):
    from flows.outputs.manifest import Manifest

    data = _read(folder)
    data["documents"][0].update(signed_pdf="ttd/sk_tim.pdf", signed_externally=True,
                                waktu_ttd_lokal="2 Desember 2026 12.40 WITA",
                                kunci_masa_depan={"x": [1, 2]})
    data["approval"] = {"approved": True, "by": "Budi", "reason": "", "at": "x", "mac": "m"}
    data["zona_waktu"] = "WITA"
    data["kunci_baru"] = [{"a": None}]
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    manifest = Manifest.from_json(copy.deepcopy(data))
    assert manifest.to_json() == data
    assert manifest.text() == text
    assert Manifest.from_json(json.loads(manifest.text())).text() == text


def test_an_earlier_manifest_is_written_back_byte_for_byte(folder):
    from flows.outputs.manifest import Manifest

    before = (folder / "manifest.json").read_bytes()
    Manifest.read(folder).write(folder)
    assert (folder / "manifest.json").read_bytes() == before


def test_a_broken_manifest_is_an_error_not_an_empty_round(folder):
    from flows.outputs.manifest import Manifest, ManifestError

    (folder / "manifest.json").write_text('{"documents": [{"kind": "sk_tim"}]}')
    with pytest.raises(ManifestError):
        Manifest.read(folder)
    assert Manifest.read_or_none(folder) is None


# -- issue 14 item 8: human times in the office's zone ---------------------------------------

@pytest.mark.parametrize(("zone", "shown"), [("WIB", "2 Desember 2026 11.40 WIB"),
                                             ("WITA", "2 Desember 2026 12.40 WITA"),
                                             ("WIT", "2 Desember 2026 13.40 WIT")])
def test_the_human_time_fields_are_in_the_office_zone(folder, zone, shown):
    from flows.outputs.manifest import Manifest

    manifest = Manifest.read(folder)
    doc = manifest.documents[0]
    doc.signed_pdf, doc.signed_at = "ttd/sk_tim.pdf", "2026-12-02T04:40:00+00:00"
    doc.previous_signed.append({"path": "ttd/old.pdf", "sha256": "0" * 64, "reason": "r",
                                "signed_at": "2026-12-01T23:05:00+00:00"})
    manifest.approval = {"approved": True, "by": "Budi", "at": "2026-12-02T04:40:00+00:00"}
    manifest.zona_waktu = zone
    manifest.write(folder)
    data = _read(folder)
    assert data["zona_waktu"] == zone
    first = data["documents"][0]
    assert first["signed_at"] == "2026-12-02T04:40:00+00:00"  # the machine's stays ISO 8601
    assert first["waktu_ttd_lokal"] == shown
    assert first["previous_signed"][0]["waktu_ttd_lokal"].startswith("2 Desember 2026 0")
    assert data["approval"]["waktu_lokal"] == shown
    assert "waktu_ttd_lokal" not in data["documents"][1]  # not signed: no time


def test_archive_signed_writes_the_filing_time_in_the_office_zone(folder, tmp_path, anchors):
    from flows.archive_signed import archive_signed

    archive_signed(folder, [_signed_elsewhere(folder, "pdf/sk_tim.pdf", tmp_path)])
    data = _read(folder)
    doc = data["documents"][0]
    assert data["zona_waktu"] == "WITA"
    assert re.fullmatch(r"\d{1,2} \w+ \d{4} \d{2}\.\d{2} WITA", doc["waktu_ttd_lokal"])
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+00:00", doc["signed_at"])


def test_a_record_without_nip_or_docx_is_still_read():
    """The desk read such hand-made records before the model (kind, title, number needed)."""
    from flows.outputs.manifest import DocumentRecord

    record = DocumentRecord.from_json({"kind": "sk_tim", "title": "SK", "number": "800/1",
                                       "pdf": "pdf/sk_tim.pdf"})
    assert (record.nip, record.docx, record.pdf) == (None, "", "pdf/sk_tim.pdf")
