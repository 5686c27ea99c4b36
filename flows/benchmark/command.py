"""`naskah benchmark`: build a synthetic round, run it for real, measure the references in the
same run, print every figure with its target."""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flows.benchmark import reference
from flows.benchmark.runs import Measured, environment, naskah_run, plain_run
from flows.samples import synthetic_round
from flows.workbook.writer import write_workbook

if TYPE_CHECKING:
    from flows.documents.produce import RoundLetters

GIB = 1024 ** 3


@dataclass(frozen=True, slots=True)
class Target:
    name: str
    value: float
    limit: float
    higher_is_better: bool
    unit: str = "×"

    @property
    def passed(self) -> bool:
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def benchmark_command(args: argparse.Namespace) -> int:
    keep = args.folder is not None
    folder = (args.folder or Path(tempfile.mkdtemp(prefix="naskah-benchmark-"))).resolve()
    folder.mkdir(parents=True, exist_ok=True)
    try:
        results = run_benchmark(folder, args.n, args.naive, args.scale)
    finally:
        from flows import background_server

        background_server.stop(folder / "prefect")  # the runs' background server
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)
    print(render_report(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0 if all(t["passed"] for t in results["targets"]) else 1


def _workbook(folder: Path, officials: int) -> Path:
    path = folder / f"sintetis-{officials}.xlsx"
    write_workbook(path, synthetic_round(officials))
    return path


def run_benchmark(folder: Path, officials: int, naive_sample: int,
                  scale: bool) -> dict[str, Any]:
    steps = 8 + (2 if scale else 0)
    step = iter(range(1, steps + 1))
    workbook = _workbook(folder, officials)
    env = environment(folder, "register-pemanasan.sqlite")
    say(f"[{next(step)}/{steps}] pemanasan: basis data Prefect dibuat (tidak diukur)")
    naskah_run(_workbook(folder, 2), folder / "pemanasan", env, folder, "pemanasan", "--no-pdf")

    say(f"[{next(step)}/{steps}] mulai dingin: putaran kecil, lalu diulang tanpa pekerjaan")
    small_env = environment(folder, "register-kecil.sqlite")
    round_file = _workbook(folder, 3)  # one file: a new one would differ (its timestamps)
    small = naskah_run(round_file, folder / "kecil", small_env, folder, "kecil")
    rerun = naskah_run(round_file, folder / "kecil", small_env, folder, "kecil-ulang")
    # The same round once more, on a server started for it (no background server).
    private = naskah_run(round_file, folder / "kecil-pribadi", {
        **environment(folder, "register-kecil-pribadi.sqlite"),
        "NASKAH_SERVER_LATAR_MENIT": "0"}, folder, "kecil-pribadi")
    cold = {"letters": small.metrics.get("documents", 0), "first_done_s": small.first_done_s,
            "wall_s": small.wall_s, "rerun_wall_s": rerun.wall_s,
            "moments_s": _moments(small),
            "private_server": {"first_done_s": private.first_done_s, "wall_s": private.wall_s,
                               "moments_s": _moments(private)}}
    say(f"        surat pertama {small.first_done_s or 0:.1f} detik (server sendiri: "
        f"{private.first_done_s or 0:.1f}); ulang {rerun.wall_s:.1f} detik")

    say(f"[{next(step)}/{steps}] naskah run, ujung ke ujung: {workbook.name}")
    e2e = naskah_run(workbook, folder / "e2e", environment(folder, "register-e2e.sqlite"),
                     folder, "e2e")
    letters = e2e.metrics["documents"]
    say(f"        {letters} surat dalam {e2e.wall_s:.1f} detik")
    say(f"[{next(step)}/{steps}] langkah yang sama tanpa Prefect")
    plain = plain_run(workbook, folder / "tanpa-prefect",
                      environment(folder, "register-tanpa-prefect.sqlite"), folder)
    say(f"[{next(step)}/{steps}] hanya render (--no-pdf)")
    render_only = naskah_run(workbook, folder / "render", environment(
        folder, "register-render.sqlite"), folder, "render", "--no-pdf")

    say(f"[{next(step)}/{steps}] acuan: docxtpl polos, soffice polos paralel, pyHanko polos")
    round_letters, templates = _letters(workbook, folder / "register-acuan.sqlite")
    raw_render = reference.plain_render(round_letters, templates, folder / "acuan-docx")
    docx = sorted((folder / "acuan-docx").glob("*.docx"))
    raw_convert = reference.plain_convert(docx, folder / "acuan-pdf")
    raw_sign = reference.plain_sign(sorted((folder / "acuan-pdf").glob("*.pdf")))
    say(f"[{next(step)}/{steps}] acuan naif: satu soffice per surat, {naive_sample} surat")
    spread = docx[:: max(1, len(docx) // naive_sample)][:naive_sample]
    naive = reference.naive_convert(spread, folder / "naif-pdf")

    scaling = None
    if scale:
        say(f"[{next(step)}/{steps}] skala: 500 surat")
        small = naskah_run(_workbook(folder, 250), folder / "skala-500", environment(
            folder, "register-500.sqlite"), folder, "skala-500")
        say(f"[{next(step)}/{steps}] skala: 5.000 surat")
        large = naskah_run(_workbook(folder, 2500), folder / "skala-5000", environment(
            folder, "register-5000.sqlite"), folder, "skala-5000")
        scaling = {"small": _run_json(small), "large": _run_json(large)}
    say(f"[{next(step)}/{steps}] selesai")
    results = _results(officials, letters, e2e, plain, render_only, raw_render, raw_convert,
                       raw_sign, naive, scaling)
    results["cold_start"] = cold
    results["targets"] += [
        {"name": name, "value": value or 0.0, "limit": 10.0, "unit": " detik",
         "higher_is_better": False, "passed": value is not None and value <= 10.0}
        for name, value in (("putaran kecil: surat pertama selesai", cold["first_done_s"]),
                            ("ulang tanpa pekerjaan: selesai", cold["rerun_wall_s"]))]
    return results


COLD_START_MOMENTS = (
    ("prefect_imported", "Prefect dimuat"),
    ("server_ready", "server Prefect siap"),
    ("flow_started", "flow run mulai"),
    ("convert_first_end", "PDF pertama jadi"),
)
"""The moments of a cold start the report shows, in seconds after the command started."""


def _moment_row(label: str, moments: dict[str, float]) -> list[tuple[str, str]]:
    shown = [f"{name} {_number(moments[key])}" for key, name in COLD_START_MOMENTS
             if key in moments]
    return [(label, "; ".join(shown))] if shown else []


def _moments(run: Measured) -> dict[str, float]:
    """When the run reached each moment of its timeline, in seconds after it was started."""
    moments = dict(run.metrics.get("timeline", {}))
    for stage, data in run.metrics.get("stages", {}).items():
        if data.get("first_end_at"):
            moments[f"{stage}_first_end"] = data["first_end_at"]
    return {name: at - run.started_at for name, at in moments.items()}


def _letters(workbook: Path, register: Path) -> tuple[RoundLetters, Path]:
    from flows.documents.produce import prepare_letters, templates_folder
    from flows.pipeline.round import open_round
    from flows.register import Register
    from flows.settings import load_settings

    settings = replace(load_settings(), register=register)
    result = open_round(workbook, settings)
    assert result.round is not None and result.evaluation is not None
    templates = templates_folder(settings)
    return prepare_letters(result.round, result.evaluation, settings, Register(register),
                           templates), templates


def _run_json(run: Measured) -> dict[str, Any]:
    letters = run.metrics.get("documents", 0)
    return {"letters": letters, "wall_s": run.wall_s, "peak_bytes": run.peak_bytes,
            "per_letter_s": run.wall_s / letters if letters else None,
            "first_done_s": run.first_done_s, "stages": run.metrics.get("stages", {})}


def _results(officials: int, letters: int, e2e: Measured, plain: Measured,
             render_only: Measured, raw_render: reference.Timed,
             raw_convert: reference.Timed, raw_sign: reference.Timed, naive: reference.Timed,
             scaling: dict[str, Any] | None) -> dict[str, Any]:
    raw_s = raw_render.seconds + raw_convert.seconds + raw_sign.seconds
    raw_rate = letters / raw_s
    e2e_rate = letters / e2e.wall_s
    naive_rate = naive.rate
    rendered = render_only.metrics["stages"]["render"]
    render_rate = rendered["letters"] / rendered["span_s"] if rendered["span_s"] else 0.0
    prefect_share = max(0.0, (e2e.wall_s - plain.wall_s) / e2e.wall_s)
    targets = [
        Target("ujung ke ujung ÷ batas mentah", e2e_rate / raw_rate, 1.0, True),
        Target("ujung ke ujung ÷ naif", e2e_rate / naive_rate, 10.0, True),
        Target("hanya render ÷ docxtpl polos", render_rate / raw_render.rate, 1.5, True),
        Target("bagian Prefect dari waktu", prefect_share * 100, 10.0, False, "%"),
    ]
    if scaling:
        small, large = scaling["small"], scaling["large"]
        targets += [
            Target("memori puncak pada 5.000 surat", large["peak_bytes"] / GIB, 1.5, False,
                   " GiB"),
            Target("waktu per surat 5.000 ÷ 500", large["per_letter_s"] / small["per_letter_s"],
                   1.2, False),
        ]
    return {
        "machine": _machine(), "officials": officials, "letters": letters,
        "e2e": _run_json(e2e), "plain_pipeline": {"wall_s": plain.wall_s,
                                                  "peak_bytes": plain.peak_bytes},
        "render_only": {**_run_json(render_only), "render_rate": render_rate},
        "raw": {"render": _timed(raw_render), "convert": _timed(raw_convert),
                "sign": _timed(raw_sign), "seconds": raw_s, "rate": raw_rate},
        "naive": _timed(naive), "e2e_rate": e2e_rate, "prefect_share": prefect_share,
        "scaling": scaling,
        "targets": [{"name": t.name, "value": t.value, "limit": t.limit, "unit": t.unit,
                     "higher_is_better": t.higher_is_better, "passed": t.passed}
                    for t in targets],
    }


def _timed(timed: reference.Timed) -> dict[str, float]:
    return {"letters": timed.count, "seconds": timed.seconds, "rate": timed.rate}


def _machine() -> dict[str, Any]:
    import subprocess

    model = next((line.split(":", 1)[1].strip() for line in
                  Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor())
    memory = next((int(line.split()[1]) * 1024 for line in
                   Path("/proc/meminfo").read_text().splitlines()
                   if line.startswith("MemTotal")), 0)
    from flows.pdf.libreoffice import soffice_path

    office = subprocess.run([soffice_path(), "--version"], capture_output=True, text=True,
                            timeout=60).stdout.strip()
    return {"cpu": model, "cores": os.cpu_count(), "memory_gib": round(memory / GIB, 1),
            "python": platform.python_version(), "libreoffice": office}


def _number(value: float, digits: int = 1) -> str:
    return f"{value:,.{digits}f}".replace(",", "_").replace(".", ",").replace("_", ".")


def render_report(r: dict[str, Any]) -> str:
    e2e, raw = r["e2e"], r["raw"]
    lines = [f"Benchmark naskah: {r['officials']} pejabat, {r['letters']} surat",
             f"Mesin: {r['machine']['cpu']}, {r['machine']['cores']} inti, "
             f"{_number(r['machine']['memory_gib'])} GiB; {r['machine']['libreoffice']}", ""]
    rows = [("Ukuran", "Nilai")]
    rows.append(("ujung ke ujung (naskah run)",
                 f"{_number(e2e['wall_s'])} detik, {_number(r['e2e_rate'], 2)} surat/detik"))
    for stage, label in (("render", "render"), ("convert", "konversi PDF"),
                         ("sign", "tanda tangan")):
        data = e2e["stages"].get(stage)
        if data and data["span_s"]:
            rows.append((f"  tahap {label}", f"{_number(data['letters'] / data['span_s'], 2)} "
                                             f"surat/detik selama tahap berjalan "
                                             f"({_number(data['span_s'])} detik, bertumpang "
                                             "tindih dengan tahap lain)"))
    rows.append(("memori puncak (seluruh proses, termasuk LibreOffice)",
                 f"{_number(e2e['peak_bytes'] / 1024 ** 2, 0)} MiB"))
    rows.append(("bagian Prefect dari waktu",
                 f"{_number(r['prefect_share'] * 100)}% (tanpa Prefect: "
                 f"{_number(r['plain_pipeline']['wall_s'])} detik)"))
    if e2e["first_done_s"] is not None:
        rows.append(("mulai dingin sampai surat pertama selesai",
                     f"{_number(e2e['first_done_s'])} detik"))
    cold = r.get("cold_start")
    if cold:
        rows.append((f"mulai dingin, putaran kecil ({cold['letters']} surat, basis data "
                     "Prefect hangat, server latar berjalan)",
                     f"surat pertama {_number(cold['first_done_s'] or 0)} detik, semua "
                     f"{_number(cold['wall_s'])} detik; diulang tanpa pekerjaan "
                     f"{_number(cold['rerun_wall_s'])} detik"))
        rows += _moment_row("  detik setelah perintah mulai", cold.get("moments_s", {}))
        private = cold.get("private_server")
        if private:
            rows.append(("mulai dingin, putaran kecil, server Prefect dimulai untuknya",
                         f"surat pertama {_number(private['first_done_s'] or 0)} detik, "
                         f"semua {_number(private['wall_s'])} detik"))
            rows += _moment_row("  detik setelah perintah mulai", private["moments_s"])
    only = r["render_only"]
    rows.append(("hanya render (--no-pdf)", f"{_number(only['render_rate'], 1)} surat/detik "
                                            f"(perintah utuh {_number(only['wall_s'])} detik)"))
    rows.append(("acuan: docxtpl polos", f"{_number(raw['render']['rate'], 1)} surat/detik"))
    rows.append(("acuan: soffice polos paralel", f"{_number(raw['convert']['rate'], 2)} "
                                                 "surat/detik"))
    rows.append(("acuan: pyHanko polos", f"{_number(raw['sign']['rate'], 1)} surat/detik"))
    rows.append(("acuan: batas mentah (jumlah ketiganya)",
                 f"{_number(raw['seconds'])} detik, {_number(raw['rate'], 2)} surat/detik"))
    rows.append(("acuan: naif (satu soffice per surat)",
                 f"{_number(r['naive']['rate'], 2)} surat/detik "
                 f"({r['naive']['letters']} surat)"))
    if r["scaling"]:
        for key, label in (("small", "500"), ("large", "5.000")):
            s = r["scaling"][key]
            rows.append((f"skala {label} surat", f"{_number(s['per_letter_s'] * 1000, 0)} ms "
                                                 f"per surat, memori puncak "
                                                 f"{_number(s['peak_bytes'] / 1024 ** 2, 0)} MiB"))
    width = max(len(a) for a, _ in rows)
    lines += [f"{a.ljust(width)}  {b}" for a, b in rows]
    lines += ["", "Target:"]
    for t in r["targets"]:
        sign = "≥" if t["higher_is_better"] else "≤"
        lines.append(f"  {'LULUS' if t['passed'] else 'GAGAL':5}  {t['name']}: "
                     f"{_number(t['value'], 2)}{t['unit']} (target {sign} "
                     f"{_number(t['limit'], 1)}{t['unit']})")
    return "\n".join(lines)
