"""What the clerk reads at the end of ``naskah run`` (here or on a pool): one line per round,
then what failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

DETAIL = "Rincian teknis: "
"""Starts the secondary line of a crash's message (the exception, for the administrator)."""


def crash_message(exc: BaseException | str, kode_putaran: str | None = None,
                  folder: Path | str | None = None, workbook: str | None = None,
                  run_name: str | None = None) -> str:
    """What the clerk reads when a round stopped on an internal fault (an unexpected
    exception, not a fault of the workbook or the office's setup): which round, that numbers
    and partial results may exist, that the same command resumes, where the details are;
    the exception itself only on a second line."""
    which = (f"Putaran {kode_putaran}" if kode_putaran
             else f"Putaran dari workbook {Path(workbook).name}" if workbook else "Putaran")
    where = f"di folder {folder}" if folder else "di folder hasil"
    run = f' (run "{run_name}")' if run_name else ""
    text = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    detail = (text.strip().splitlines() or ["tanpa keterangan"])[0][:300]
    return (f"{which} berhenti karena gangguan internal pada naskah, bukan karena isi "
            f"workbook. Nomor surat dan sebagian hasil mungkin sudah dibuat {where}; "
            "jalankan perintah yang sama lagi untuk melanjutkan: nomor yang sudah diberikan "
            "tetap dipakai dan surat yang sudah selesai tidak dibuat ulang. Rinciannya tercatat "
            f"di log Prefect{run} dan tampil di layar tempat putaran dijalankan; bila "
            f"terulang, kirimkan kepada pengelola aplikasi.\n{DETAIL}{detail}")


def print_summary(results: list[dict[str, Any]]) -> int:
    """The rounds' table, their failures and one closing line; the exit code (0: all done)."""
    invalid = [r for r in results if r["status"] == "tidak sah"]
    for r in invalid:
        print(r["report"])
        print()
    rows = [("Workbook", "Putaran", "Status", "Dokumen", "Dilewati", "Gagal", "Folder")]
    for r in results:
        rows.append((Path(r["workbook"]).name, r["kode_putaran"] or "-", r["status"],
                     str(r["documents"]), str(r["skipped"]), str(len(r["failures"])),
                     r["folder"] or "-"))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    print("Ringkasan:")
    for row in rows:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)))
    for r in results:
        for f in r["failures"]:
            print(f"GAGAL      {r['kode_putaran']}: {f['kind']} {f['nip']}: {f['error']}")
        if r["status"] == "error":
            print(_lines(f"KESALAHAN  {Path(r['workbook']).name}: {r['message']}"))
        if r["status"] == "ditolak":
            print(f"DITOLAK    {r['kode_putaran']}: {r['message']}")
    ok = all(r["status"] == "selesai" for r in results)
    print("Semua putaran selesai." if ok else "Ada putaran yang tidak selesai; lihat di atas.")
    return 0 if ok else 1


def _lines(text: str) -> str:
    """A message's further lines (a crash's technical detail) indented under its first."""
    return "\n           ".join(text.splitlines())
