"""`naskah run` end to end: the real CLI, the embedded Prefect server, LibreOffice, pyHanko."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from flows.documents import REGISTRY
from flows.documents.text import document_text
from flows.domain.letters import LetterKind
from flows.outputs.files import sha256_file
from flows.outputs.lock import round_lock
from flows.samples import synthetic_round
from flows.workbook.writer import write_workbook
from tests.conftest import require_program
from tests.workbooks import sample, set_putaran, write

ROOT = Path(__file__).resolve().parents[2]
NASKAH = Path(sys.executable).with_name("naskah")
ROUNDS = {
    "contoh-evaluasi-kinerja.xlsx": "EVKIN-BUKITDAMAR-2024",
    "contoh-uji-kompetensi.xlsx": "UJIKOM-BUKITDAMAR-2025",
    "contoh-seleksi-terbuka.xlsx": "SELTER-BUKITDAMAR-2023",
}


def naskah(*args: str, env: dict[str, str], timeout: int = 600) -> subprocess.CompletedProcess:
    return subprocess.run([str(NASKAH), *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=timeout, check=False)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    """A private Prefect home and numbering register, so tests never touch the user's."""
    home = tmp_path_factory.mktemp("naskah-env")
    return {**os.environ, "PREFECT_HOME": str(home / "prefect"),
            "NASKAH_REGISTER": str(home / "register.sqlite"), "CI": os.environ.get("CI", "")}


@pytest.fixture(scope="module")
def bulk(env, tmp_path_factory):
    require_program("soffice")
    out = tmp_path_factory.mktemp("hasil")
    proc = naskah("run", "inputs", "--out", str(out), env=env)
    return out, proc


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): sha256_file(p) for p in sorted(folder.rglob("*"))
            if p.is_file() and p.name != ".naskah.lock"}


def test_a_bulk_run_of_the_inputs_folder_completes_every_sample(bulk):
    _out, proc = bulk
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Semua putaran selesai." in proc.stdout
    for line in (proc.stdout + proc.stderr).splitlines():
        assert "Traceback" not in line and "ERROR" not in line, line
    for kode in ROUNDS.values():
        assert f"{kode}" in proc.stdout


@pytest.mark.parametrize("workbook", sorted(ROUNDS))
def test_the_manifest_follows_the_interface_contract(bulk, workbook):
    out, _ = bulk
    folder = out / ROUNDS[workbook]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["kode_putaran"] == ROUNDS[workbook]
    assert manifest["jenis_putaran"] in ("evaluasi_kinerja", "uji_kompetensi", "seleksi_terbuka")
    kinds = [d["kind"] for d in manifest["documents"]]
    officials = len(manifest["results"])
    assert kinds.count("undangan") == kinds.count("pemberitahuan_hasil") == officials
    assert kinds.count("sk_tim") == kinds.count("berita_acara") == 1
    numbers = [d["number"] for d in manifest["documents"]]
    assert len(set(numbers)) == len(numbers)
    for doc in manifest["documents"]:
        assert (doc["nip"] is None) == (not REGISTRY[LetterKind(doc["kind"])].per_official)
        for part in ("docx", "pdf", "signed_pdf"):
            path = folder / doc[part]
            assert path.is_file(), path
            assert sha256_file(path) == doc["sha256"][part]
        assert "SPESIMEN" in doc["signer"]
        assert re.fullmatch(r"[A-Z2-7]{32}", doc["kode_cek"])  # the QR's /cek/{kode}
        assert doc["surat"]["tanggal"] and doc["surat"]["unit"]
    codes = [d["kode_cek"] for d in manifest["documents"]]
    assert len(set(codes)) == len(codes)
    result = manifest["results"][0]
    assert set(result) >= {"nip", "name", "final_score", "category", "rank", "recommendation",
                           "needs_request"}
    assert "." in result["final_score"] and len(result["nip"]) == 18
    assert (folder / "rekap.xlsx").is_file()


def test_the_rekap_workbook_is_formatted_for_the_office(bulk):
    from openpyxl import load_workbook

    out, _ = bulk
    wb = load_workbook(out / ROUNDS["contoh-evaluasi-kinerja.xlsx"] / "rekap.xlsx")
    assert wb.sheetnames == ["Hasil", "Peringatan"]
    hasil = wb["Hasil"]
    assert hasil.freeze_panes == "A2" and hasil.auto_filter.ref
    assert hasil["A1"].font.bold and hasil.column_dimensions["C"].width > 20
    assert hasil.max_row == 14 and hasil["A2"].value == 1  # the header and 13 officials
    final = next(c for c in hasil[1] if c.value == "Nilai akhir").column_letter
    assert hasil[f"{final}2"].value == 87.1 and hasil[f"{final}2"].number_format == "0.00"
    assert wb["Peringatan"].max_row == 5  # header and the round's four warnings


def test_letters_carry_their_numbers_and_signatures_validate(bulk):
    require_program("pdfsig")
    out, _ = bulk
    folder = out / ROUNDS["contoh-evaluasi-kinerja.xlsx"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    sk = next(d for d in manifest["documents"] if d["kind"] == "sk_tim")
    assert f"NOMOR {sk['number']}" in document_text((folder / sk["docx"]).read_bytes())
    check = subprocess.run(["pdfsig", str(folder / sk["signed_pdf"])], capture_output=True,
                           text=True, check=False)
    assert "Signature is Valid" in check.stdout
    signed = (folder / sk["signed_pdf"]).read_bytes()
    assert signed.startswith((folder / sk["pdf"]).read_bytes())  # an incremental revision
    ba = next(d for d in manifest["documents"] if d["kind"] == "berita_acara")
    check = subprocess.run(["pdfsig", str(folder / ba["signed_pdf"])], capture_output=True,
                           text=True, check=False)
    # every member of the team signs, each with a SPESIMEN certificate of their own
    assert check.stdout.count("Signature is Valid.") == len(ba["signers"]) == 5


def test_every_generated_pdf_passes_qpdf_check(bulk):
    require_program("qpdf")
    out, _ = bulk
    pdfs = sorted(out.rglob("*.pdf"))
    assert len(pdfs) > 150  # unsigned, signed and the bundles of three rounds
    for pdf in pdfs:
        proc = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True, text=True,
                              check=False)
        assert proc.returncode == 0, (pdf, proc.stdout[-500:])


def test_a_rerun_changes_nothing(bulk, env):
    out, _ = bulk
    before = {kode: snapshot(out / kode) for kode in ROUNDS.values()}
    proc = naskah("run", "inputs", "--out", str(out), env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert {kode: snapshot(out / kode) for kode in ROUNDS.values()} == before
    assert proc.stdout.count("selesai") >= 3


def test_an_invalid_workbook_stops_only_itself_and_writes_nothing(env, tmp_path):
    bad = sample()
    bad.pejabat[0]["nip"] = "123"
    set_putaran(bad, "kode_putaran", "RUSAK-2024")
    good = synthetic_round(3)
    folder = tmp_path / "masuk"
    write(folder, bad, "rusak.xlsx")
    write_workbook(folder / "baik.xlsx", good)
    out = tmp_path / "hasil"
    proc = naskah("run", str(folder), "--out", str(out), "--no-pdf", env=env)
    assert proc.returncode == 1
    assert "KESALAHAN  Pejabat!B2" in proc.stdout
    assert "tidak sah" in proc.stdout and "selesai" in proc.stdout
    assert not (out / "RUSAK-2024").exists()
    manifest = json.loads((out / "SINTETIS-3" / "manifest.json").read_text(encoding="utf-8"))
    assert all(d["pdf"] is None and d["signed_pdf"] is None for d in manifest["documents"])


def test_a_second_run_of_the_same_round_refuses_while_the_first_holds_it(env, tmp_path):
    workbook = tmp_path / "satu.xlsx"
    write_workbook(workbook, synthetic_round(2))
    out = tmp_path / "hasil"
    with round_lock(out / "SINTETIS-2", "SINTETIS-2"):
        proc = naskah("run", str(workbook), "--out", str(out), "--no-pdf", env=env)
    assert proc.returncode == 1
    assert "Putaran SINTETIS-2 sedang diproses (PID" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_killed_run_resumes_without_lost_repeated_or_partial_files(env, tmp_path):
    workbook = tmp_path / "besar.xlsx"
    write_workbook(workbook, synthetic_round(60))
    out = tmp_path / "hasil"
    folder = out / "SINTETIS-60"
    proc = subprocess.Popen([str(NASKAH), "run", str(workbook), "--out", str(out), "--no-pdf"],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and len(list(folder.glob("docx/*.docx"))) < 15:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    written = len(list(folder.glob("docx/*.docx")))
    assert 15 <= written < 124, "the run was not killed midway"
    proc = naskah("run", str(workbook), "--out", str(out), "--no-pdf", env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert not list(folder.rglob("*.tmp-*"))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 124  # 60 invitations, 60 notices, 4 round letters
    for doc in manifest["documents"]:
        assert sha256_file(folder / doc["docx"]) == doc["sha256"]["docx"]
    db = sqlite3.connect(env["NASKAH_REGISTER"])
    rows = db.execute("SELECT kind, nip, nomor, urut FROM allocation "
                      "WHERE kode_putaran = 'SINTETIS-60'").fetchall()
    db.close()
    assert len(rows) == 124 and len({r[2] for r in rows}) == 124
    assert {r[2] for r in rows} == {d["number"] for d in manifest["documents"]}
