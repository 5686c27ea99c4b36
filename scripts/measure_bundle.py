"""Peak memory of making bundel.pdf alone, for a round of many letters, without running the
round: the letters of a finished round folder are copied round-robin to ``--letters`` files
(so each is its own file to read, as in a real round), then the bundle is made in a fresh
process whose peak resident memory (with its children: qpdf) is sampled from /proc.

    .venv/bin/python -m scripts.measure_bundle outputs/EVKIN-… --letters 5004 --work /tmp/b
    … --way pypdf    the way before issue 15 item 9 (pypdf's PdfWriter), for comparison
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path


def prepare(source: Path, work: Path, letters: int) -> Path:
    """``work/KODE`` with ``letters`` PDFs and a records file; reused when already there."""
    folder = work / "UJI-BUNDEL"
    records = folder / "records.json"
    if records.is_file() and len(json.loads(records.read_text())) == letters:
        return folder
    from flows.outputs.manifest import Manifest

    manifest = Manifest.read(source)
    originals = [d for d in manifest.documents if d.pdf]
    shutil.rmtree(folder, ignore_errors=True)
    (folder / "pdf").mkdir(parents=True)
    out = []
    for i in range(letters):
        doc = originals[i % len(originals)]
        relative = f"pdf/{i:05d}-{Path(doc.pdf or '').name}"
        shutil.copyfile(source / (doc.pdf or ""), folder / relative)
        record = doc.to_json() | {"pdf": relative, "number": f"{doc.number}-{i}"}
        out.append(record)
    records.write_text(json.dumps(out))
    return folder


def build(folder: Path, way: str) -> None:
    """Make the bundle in this process (the child the parent measures)."""
    from flows.outputs.manifest import DocumentRecord

    records = [DocumentRecord.from_json(r)
               for r in json.loads((folder / "records.json").read_text())]
    (folder / "bundel.pdf").unlink(missing_ok=True)
    if way == "naskah":
        from flows.outputs.bundle import write_bundle

        write_bundle(folder, records, None)
        return
    from pypdf import PdfWriter  # the way before issue 15 item 9

    writer = PdfWriter()
    for record in records:
        label = f"{record.title} {record.number}" + (f" (NIP {record.nip})" if record.nip else "")
        writer.append(str(folder / (record.pdf or "")), outline_item=label)
    writer.add_metadata({"/Title": f"Bundel {folder.name}", "/Producer": "naskah"})
    buffer = io.BytesIO()
    writer.write(buffer)
    (folder / "bundel.pdf").write_bytes(buffer.getvalue())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, nargs="?")
    parser.add_argument("--letters", type=int, default=5004)
    parser.add_argument("--work", type=Path, default=Path("/tmp/naskah-bundel-ukur"))
    parser.add_argument("--way", choices=("naskah", "pypdf"), default="naskah")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        build(args.child, args.way)
        return 0
    from flows.benchmark.memory import PeakSampler

    folder = prepare(args.source, args.work, args.letters)
    start = time.monotonic()
    child = subprocess.Popen([sys.executable, "-m", "scripts.measure_bundle", "--way", args.way,
                              "--child", str(folder)])
    with PeakSampler(child.pid) as sampler:
        code = child.wait()
    seconds = time.monotonic() - start
    size = (folder / "bundel.pdf").stat().st_size if code == 0 else 0
    print(json.dumps({"way": args.way, "letters": args.letters, "exit": code,
                      "peak_mib": round(sampler.peak / 2**20), "seconds": round(seconds, 1),
                      "bundle_mib": round(size / 2**20, 1)}))
    return code


if __name__ == "__main__":
    raise SystemExit(main())
