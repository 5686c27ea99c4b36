"""`naskah cek FILE.pdf [--arsip DIR]`: the verification page's answer on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.cek.archive import ArchiveIndex, describe
from flows.cek.check import check_pdf
from flows.cek.code import grouped

EXIT_USAGE = 2


def cek_command(args: argparse.Namespace) -> int:
    from flows.settings import load_settings

    archive: Path = args.arsip or load_settings(args.settings).run.outputs
    if not args.file.is_file():
        print(f"naskah cek: kesalahan: berkas {args.file} tidak ada", file=sys.stderr)
        return EXIT_USAGE
    if not archive.is_dir():
        print(f"naskah cek: kesalahan: folder arsip {archive} tidak ada", file=sys.stderr)
        return EXIT_USAGE
    index = ArchiveIndex(archive)
    index.refresh(force=True)
    verdict = check_pdf(args.file.read_bytes(), index)
    print(f"{verdict.status.upper()}: {args.file}")
    print(f"  {verdict.reason}")
    version = verdict.version
    if version is not None:
        shown = describe(version)
        rows = [("Jenis", shown["jenis"]), ("Nomor", shown["nomor"]),
                ("Tanggal", shown["tanggal"]), ("Hal", shown["hal"]),
                ("Diterbitkan", shown["unit"]), ("Putaran", version.kode_putaran),
                ("Ditandatangani", "; ".join(shown["penanda_tangan"])),
                ("Waktu", shown["waktu"]), ("Kode", shown["kode"])]
        if not version.current:
            newer = index.current(version)
            rows.append(("Versi terbaru", grouped(newer.code) if newer and newer.code else "-"))
        for label, value in rows:
            if value:
                print(f"  {label + ':':<16}{value}")
    return 0 if verdict.genuine else 1
