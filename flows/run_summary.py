"""What the clerk reads at the end of ``naskah run`` (here or on a pool): one line per round,
then what failed."""

from __future__ import annotations

from pathlib import Path
from typing import Any


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
            print(f"KESALAHAN  {Path(r['workbook']).name}: {r['message']}")
        if r["status"] == "ditolak":
            print(f"DITOLAK    {r['kode_putaran']}: {r['message']}")
    ok = all(r["status"] == "selesai" for r in results)
    print("Semua putaran selesai." if ok else "Ada putaran yang tidak selesai; lihat di atas.")
    return 0 if ok else 1
