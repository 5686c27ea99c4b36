"""The commands that read office settings take `--settings` like `run` and `validate`: an
office whose settings file is not ./naskah.toml (nor $NASKAH_SETTINGS) searches, verifies and
files letters with its own archive folder, trust anchors and register."""

from __future__ import annotations

import json

from flows.cli import main


def _office(tmp_path, monkeypatch, body: str):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NASKAH_SETTINGS", "")  # restored after the test: archive-signed sets it
    monkeypatch.delenv("NASKAH_SETTINGS")
    monkeypatch.chdir(tmp_path)  # no ./naskah.toml here
    settings = tmp_path / "kantor" / "pengaturan.toml"
    settings.parent.mkdir()
    settings.write_text(body, encoding="utf-8")
    return settings


def test_cari_searches_the_archive_of_the_settings_file(tmp_path, monkeypatch, capsys):
    archive = tmp_path / "arsip-kantor"
    folder = archive / "EVKIN-CONTOH-2024"
    folder.mkdir(parents=True)
    (folder / "manifest.json").write_text(json.dumps({
        "kode_putaran": "EVKIN-CONTOH-2024", "jenis_putaran": "evaluasi_kinerja",
        "documents": [{"kind": "sk_tim", "nip": None, "title": "Keputusan",
                       "number": "800.1.5.3/1/BKPSDM/2024", "pdf": "pdf/sk_tim.pdf"}],
        "results": []}), encoding="utf-8")
    settings = _office(tmp_path, monkeypatch,
                       f'[jalan]\nfolder_keluaran = "{archive.as_posix()}"\n')
    assert main(["cari", "EVKIN-CONTOH", "--settings", str(settings)]) == 0
    assert "800.1.5.3/1/BKPSDM/2024" in capsys.readouterr().out


def test_verify_uses_the_trust_anchors_of_the_settings_file(tmp_path, monkeypatch, capsys):
    missing = tmp_path / "tidak-ada.pem"
    settings = _office(tmp_path, monkeypatch,
                       f'[tanda_tangan]\nakar_tepercaya = ["{missing.as_posix()}"]\n')
    folder = tmp_path / "EVKIN-CONTOH-2024"
    folder.mkdir()
    assert main(["verify", str(folder), "--settings", str(settings)]) == 1
    err = capsys.readouterr().err
    assert "akar_tepercaya" in err and "tidak-ada.pem" in err


def test_archive_signed_uses_the_trust_anchors_of_the_settings_file(tmp_path, monkeypatch,
                                                                    capsys):
    missing = tmp_path / "tidak-ada.pem"
    settings = _office(tmp_path, monkeypatch,
                       f'[tanda_tangan]\nakar_tepercaya = ["{missing.as_posix()}"]\n')
    signed = tmp_path / "surat.pdf"
    signed.write_bytes(b"%PDF-1.7\n")
    assert main(["archive-signed", str(tmp_path), str(signed),
                 "--settings", str(settings)]) == 1
    err = capsys.readouterr().err
    assert "akar_tepercaya" in err and "tidak-ada.pem" in err
