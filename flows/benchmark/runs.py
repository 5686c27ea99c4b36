"""The measured runs: `naskah run` and the plain pipeline as fresh processes, with the peak
memory of their process trees."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.benchmark.memory import PeakSampler


@dataclass(frozen=True, slots=True)
class Measured:
    wall_s: float
    peak_bytes: int
    metrics: dict[str, Any]
    """What the run wrote to its NASKAH_METRICS file (empty for the plain pipeline)."""
    started_at: float
    """time.time() when the process was started."""

    @property
    def first_done_s(self) -> float | None:
        first = self.metrics.get("first_done_at")
        return first - self.started_at if first else None


def measure(command: list[str], env: dict[str, str], metrics: Path | None,
            log: Path) -> Measured:
    """Run ``command`` to its end; RuntimeError with the log's tail if it fails."""
    started_at, started = time.time(), time.perf_counter()
    with log.open("wb") as output:
        proc = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
        with PeakSampler(proc.pid) as sampler:
            code = proc.wait()
    wall = time.perf_counter() - started
    if code != 0:
        tail = log.read_text(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(command[:3])} … keluar dengan kode {code}:\n{tail}")
    data = json.loads(metrics.read_text()) if metrics and metrics.exists() else {}
    return Measured(wall, sampler.peak, data, started_at)


def naskah_run(workbook: Path, out: Path, env: dict[str, str], folder: Path, name: str,
               *extra: str) -> Measured:
    metrics = folder / f"{name}.json"
    naskah = Path(sys.executable).with_name("naskah")
    return measure([str(naskah), "run", str(workbook), "--out", str(out), *extra],
                   {**env, "NASKAH_METRICS": str(metrics)}, metrics, folder / f"{name}.log")


def plain_run(workbook: Path, out: Path, env: dict[str, str], folder: Path) -> Measured:
    return measure([sys.executable, "-m", "flows.benchmark.plain_run", str(workbook),
                    str(out)], env, None, folder / "tanpa-prefect.log")


def environment(folder: Path, register: str) -> dict[str, str]:
    """A private Prefect home and register: the benchmark never touches the office's. The
    runs share a background Prefect server there, as an office's runs do (the benchmark
    stops it at its end)."""
    env = {**os.environ, "PREFECT_HOME": str(folder / "prefect"),
           "NASKAH_REGISTER": str(folder / register),
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "NASKAH_SERVER_LATAR_MENIT": "30"}
    env.pop("PREFECT_API_URL", None)
    return env
