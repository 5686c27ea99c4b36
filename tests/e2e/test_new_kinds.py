"""The v2 letters through the real CLI: the Mendagri request (evaluasi kinerja sample, in the
2024 election window) and the pengumuman hasil (seleksi terbuka sample), numbered, converted
to PDF/A and listed in the manifest like the other letters."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from tests.conftest import require_program
from tests.e2e.test_run import ROOT, naskah

EXPECTED = {
    "contoh-evaluasi-kinerja.xlsx": ("EVKIN-BUKITDAMAR-2024", "permohonan_persetujuan_mendagri",
                                     "c.q. Direktur Jenderal Otonomi Daerah"),
    "contoh-seleksi-terbuka.xlsx": ("SELTER-BUKITDAMAR-2023", "pengumuman_hasil",
                                    "bersifat mutlak dan tidak dapat diganggu gugat"),
}


@pytest.fixture(scope="module")
def run_env(tmp_path_factory):
    import os

    home = tmp_path_factory.mktemp("naskah-v2")
    return {**os.environ, "PREFECT_HOME": str(home / "prefect"),
            "NASKAH_REGISTER": str(home / "register.sqlite"), "CI": os.environ.get("CI", "")}


@pytest.mark.parametrize("workbook", sorted(EXPECTED))
def test_the_new_kind_is_numbered_converted_and_in_the_manifest(run_env, tmp_path, workbook):
    require_program("soffice")
    kode, kind, words = EXPECTED[workbook]
    out = tmp_path / "hasil"
    proc = naskah("run", str(ROOT / "inputs" / workbook), "--out", str(out), "--no-sign",
                  env=run_env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = json.loads((out / kode / "manifest.json").read_text(encoding="utf-8"))
    (doc,) = [d for d in manifest["documents"] if d["kind"] == kind]
    assert doc["nip"] is None and doc["number"]
    pdf = out / kode / doc["pdf"]
    assert pdf.is_file()
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True, check=True).stdout
        assert words in " ".join(text.split())
