"""The real `naskah` console script, run as a clerk would run it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from flows import cli
from flows.samples import SAMPLES

ROOT = Path(__file__).resolve().parents[2]
NASKAH = Path(sys.executable).with_name("naskah")


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    command = [str(NASKAH)] if NASKAH.exists() else [sys.executable, "-m", "flows"]
    return subprocess.run([*command, *args], capture_output=True, text=True, cwd=cwd,
                          timeout=120, check=False)


def assert_no_traceback(proc: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in proc.stdout + proc.stderr


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_validate_accepts_every_sample(name):
    proc = run("validate", f"inputs/{name}")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Workbook sah: 0 kesalahan" in proc.stdout
    assert "Hasil perhitungan" in proc.stdout
    assert proc.stderr == ""


def test_validate_json_gives_the_results_in_manifest_terms():
    proc = run("validate", "inputs/contoh-evaluasi-kinerja.xlsx", "--json")
    assert proc.returncode == 0
    report = json.loads(proc.stdout)
    assert report["ok"] is True and report["errors"] == 0 and report["warnings"] == 4
    assert report["round"]["kode_putaran"] == "EVKIN-BUKITDAMAR-2024"
    assert report["round"]["weights_source"] == "default"
    first = report["results"][0]
    assert first == {
        "nip": "197001021996031003", "name": "Ir. Syamsul Bahri, M.T.", "final_score": "87.10",
        "category": "Baik", "rank": 1, "recommendation": "Diperpanjang dalam jabatan",
        "needs_request": True, "manual_recommendation": False, "outcome": "perpanjangan",
        "tenure": {"years": 5, "months": 10}, "notes": [
            "Masa jabatan Ir. Syamsul Bahri, M.T. sebagai Kepala Dinas Pekerjaan Umum dan "
            "Penataan Ruang pada tanggal pelaksanaan penilaian adalah 5 (lima) tahun 10 (sepuluh) "
            "bulan, "
            "telah mencapai 5 (lima) tahun sebagaimana ditentukan dalam Peraturan Pemerintah "
            "Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil sebagaimana telah diubah "
            "dengan Peraturan Pemerintah Nomor 17 Tahun 2020 tentang Perubahan atas Peraturan "
            "Pemerintah Nomor 11 Tahun 2017 tentang Manajemen Pegawai Negeri Sipil."],
    }
    warnings = {i["ref"]: i for i in report["issues"]}
    assert warnings["Pejabat!R12"]["code"] == "rekomendasi.manual"
    assert warnings["Pejabat!P11"]["code"] == "masa_jabatan.perlindungan"
    assert warnings["Putaran"]["code"] == "pilkada.persetujuan_mendagri"


def test_python_dash_m_flows_is_the_same_command():
    proc = subprocess.run([sys.executable, "-m", "flows", "--version"], capture_output=True,
                          text=True, cwd=ROOT, check=False)
    assert proc.returncode == 0 and proc.stdout.startswith("naskah ")


def test_a_file_that_is_not_a_workbook_gets_one_clear_message(tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("bukan excel", encoding="utf-8")
    proc = run("validate", str(path))
    assert proc.returncode == 1
    assert proc.stderr.startswith("KESALAHAN: data.xlsx: bukan berkas Excel .xlsx")
    assert_no_traceback(proc)
    proc = run("validate", str(path), "--json")
    assert proc.returncode == 1
    report = json.loads(proc.stdout)
    assert report["ok"] is False and report["issues"][0]["code"] == "workbook.unreadable"


def test_a_missing_file(tmp_path):
    proc = run("validate", str(tmp_path / "hilang.xlsx"))
    assert proc.returncode == 1
    assert "tidak ditemukan" in proc.stderr
    assert_no_traceback(proc)


def test_usage_errors_are_in_indonesian():
    proc = run("validate")
    assert proc.returncode == 2
    assert "Penggunaan: naskah validate" in proc.stderr
    assert "argumen berikut wajib diisi: WORKBOOK" in proc.stderr
    proc = run("kirim")
    assert proc.returncode == 2
    assert "perintah 'kirim' tidak dikenal" in proc.stderr
    proc = run("validate", "x.xlsx", "--jsn")
    assert "argumen tidak dikenal: --jsn" in proc.stderr


def test_help_is_in_indonesian():
    proc = run("--help")
    assert proc.returncode == 0
    for words in ("Penggunaan: naskah", "perintah:", "template-workbook", "validate",
                  "tampilkan bantuan ini"):
        assert words in proc.stdout
    assert "usage" not in proc.stdout.lower() and "show this help" not in proc.stdout


def test_a_broken_settings_file_is_a_message_not_a_traceback(tmp_path):
    settings = tmp_path / "naskah.toml"
    settings.write_text("[aturan.ambang]\nbatas_baik = 'tinggi'\n", encoding="utf-8")
    proc = run("validate", str(ROOT / "inputs/contoh-uji-kompetensi.xlsx"), cwd=tmp_path)
    assert proc.returncode == 1
    assert "ambang.batas_baik harus berupa angka" in proc.stderr
    assert_no_traceback(proc)


def test_an_office_settings_file_in_the_current_folder_changes_the_wording(tmp_path):
    (tmp_path / "naskah.toml").write_text(
        '[aturan.rekomendasi.uji_kompetensi.dipertahankan]\n'
        'teks = "Layak dan tetap di tempat yang lama"\nperlu_permohonan = false\n',
        encoding="utf-8")
    proc = run("validate", str(ROOT / "inputs/contoh-uji-kompetensi.xlsx"), cwd=tmp_path)
    assert proc.returncode == 0
    assert "Layak dan tetap di tempat yang lama" in proc.stdout


def test_template_then_validate_round_trip(tmp_path):
    path = tmp_path / "baru.xlsx"
    proc = run("template-workbook", str(path))
    assert proc.returncode == 0 and path.exists()
    assert "naskah validate" in proc.stdout
    proc = run("validate", str(path))
    assert proc.returncode == 1
    assert "KESALAHAN  Putaran!B2: kode putaran wajib diisi" in proc.stdout
    assert_no_traceback(proc)


def test_an_unexpected_failure_is_logged_not_shown(monkeypatch, capsys, tmp_path):
    def explode(_args):
        raise RuntimeError("contoh kegagalan")

    monkeypatch.setattr(cli, "_validate", explode)
    monkeypatch.setattr(cli.tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("NASKAH_DEBUG", raising=False)
    assert cli.main(["validate", "x.xlsx"]) == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "KESALAHAN INTERNAL" in err and "Traceback" not in err
    assert "Tidak ada berkas yang diubah" in err  # true: validate writes nothing
    logs = list(tmp_path.glob("naskah-galat-*.log"))
    assert len(logs) == 1 and "contoh kegagalan" in logs[0].read_text(encoding="utf-8")


def test_a_crash_after_numbering_says_what_may_be_written(monkeypatch, capsys, tmp_path):
    """Not "Tidak ada berkas yang diubah": the round was numbered and files were written."""
    from flows import orchestration, prefect_setup

    out = tmp_path / "hasil"

    def numbered_then_crashed(workbook, out, **_options):  # type: ignore[no-untyped-def]
        folder = Path(out) / "EK-2026-01"
        folder.mkdir(parents=True)
        (folder / "register-nomor.txt").write_text("800/001/BKPSDM/2026\n", encoding="utf-8")
        raise RuntimeError("koneksi ke basis data Prefect terputus")

    monkeypatch.setattr(prefect_setup, "configure", lambda **_: None)
    monkeypatch.setattr(prefect_setup, "start_embedded", lambda *_: None)
    monkeypatch.setattr(orchestration, "round_flow", numbered_then_crashed)
    monkeypatch.setattr(cli.tempfile, "tempdir", str(tmp_path))
    monkeypatch.delenv("NASKAH_DEBUG", raising=False)
    code = cli.main(["run", "inputs/contoh-evaluasi-kinerja.xlsx", "--out", str(out),
                     "--no-sign"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL and (out / "EK-2026-01").is_dir()
    assert "Tidak ada berkas yang diubah" not in err
    assert f"folder {out}/ mungkin berisi hasil sebagian" in err
    assert "Jalankan perintah yang sama lagi untuk melanjutkan" in err
    log = next(tmp_path.glob("naskah-galat-*.log")).read_text(encoding="utf-8")
    assert "koneksi ke basis data Prefect terputus" in log


def test_two_moves_into_one_post_stop_the_round_and_nothing_is_numbered(tmp_path):
    from tests.workbooks import sample, write

    content = sample()
    content.pejabat[8]["jabatan_sasaran"] = "Kepala Badan Perencanaan Pembangunan Daerah"
    path = write(tmp_path, content, "dua-usulan.xlsx")
    proc = run("validate", str(path))
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "KESALAHAN  Pejabat!P10:" in proc.stdout and "(baris 5)" in proc.stdout
    out = tmp_path / "keluaran"
    proc = run("run", str(path), "--no-pdf", "--out", str(out), cwd=tmp_path)
    assert proc.returncode == 1
    assert_no_traceback(proc)
    assert not list(out.rglob("*.docx")) and not (tmp_path / "register").exists()
