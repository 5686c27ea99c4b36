"""Rounds per hour on a pool, measured on this box (docs/skala.md, *Capacity*).

python -m tests.skala_capacity --workers 1 --rounds 6 --officials 10

Starts the same stack as tests/e2e/test_skala.py (PostgreSQL, Prefect server, pool, workers
in their own PID namespaces), submits the rounds at once, and prints the time from submission
until every round completed, rounds per hour, and letters per second.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from flows.samples import synthetic_round
from flows.workbook.writer import write_workbook
from tests.e2e.test_skala import POOL, Box, flow_runs, naskah
from tests.workbooks import set_putaran


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--officials", type=int, default=10)
    parser.add_argument("--limit", type=int, default=1, help="rounds at once per worker")
    parser.add_argument("--libreoffice", type=int, default=2, help="global limit")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="naskah-kapasitas-"))
    box = Box(tmp)
    try:
        (tmp / "kantor").mkdir()
        (tmp / "inputs").mkdir()
        paths = []
        for i in range(args.rounds):
            content = synthetic_round(args.officials, seed=i)
            set_putaran(content, "kode_putaran", f"KAPASITAS-{i + 1:02d}")
            paths.append(tmp / "inputs" / f"kapasitas-{i + 1:02d}.xlsx")
            write_workbook(paths[-1], content)
        box.start()
        import os

        os.environ.update({k: box.env[k] for k in ("PREFECT_API_URL", "PREFECT_HOME")})
        done = naskah(box, "deploy", "--pool", POOL, "--batas-libreoffice",
                      str(args.libreoffice))
        assert done.returncode == 0, done.stderr
        for i in range(args.workers):
            box.start_worker(f"mesin-{i + 1}")
        time.sleep(10)  # workers online
        started = time.monotonic()
        done = naskah(box, "run", *map(str, paths), "--out", str(tmp / "outputs"), "--pool",
                      POOL)
        ids = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
        while True:
            runs = flow_runs(box, ids)
            if all(r.state is not None and r.state.is_final() for r in runs.values()):
                break
            time.sleep(1)
        elapsed = time.monotonic() - started
        states = sorted({r.state.name for r in runs.values()})
        durations = sorted((r.end_time - r.start_time).total_seconds() for r in runs.values()
                           if r.start_time and r.end_time)
        letters = args.rounds * (2 * args.officials + 4)
        print(json.dumps({
            "workers": args.workers, "limit": args.limit, "rounds": args.rounds,
            "officials": args.officials, "letters": letters, "states": states,
            "elapsed_s": round(elapsed, 1),
            "rounds_per_hour": round(args.rounds * 3600 / elapsed),
            "letters_per_s": round(letters / elapsed, 2),
            "round_s_median": durations[len(durations) // 2] if durations else None,
            "load": os.getloadavg(),
        }))
    finally:
        box.stop()
        import shutil

        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
