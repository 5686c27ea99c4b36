"""bundel.pdf: every unsigned PDF of the round in one file, one bookmark per letter, for
reading and printing (signed letters are archived one by one: merging breaks signatures).

The pages are joined by qpdf, which copies each letter's streams from its file as it writes
and so never holds the round in memory (pypdf held every page of every letter: 1 GiB more at
5,000 letters). The bookmarks and the title are added afterwards in one more qpdf pass, from
a JSON update naming only the new objects.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from flows.errors import EngineError
from flows.outputs.files import atomic_file, sha256_bytes, sha256_file
from flows.outputs.manifest import DocumentRecord

BUNDLE = "bundel.pdf"
CHUNK = 250
"""Letters joined by one qpdf call before the chunks are joined."""


def write_bundle(folder: Path, records: list[DocumentRecord],
                 previous: dict[str, str] | None) -> dict[str, str] | None:
    """The bundle's manifest entry; rebuilt only when one of its PDFs changed."""
    parts = [r for r in records if r.pdf and r.sha256.get("pdf")]
    if not parts:
        return None
    sources = sha256_bytes("\n".join(r.sha256["pdf"] or "" for r in parts).encode())
    path = folder / BUNDLE
    if (previous and previous.get("sources_sha256") == sources and path.is_file()
            and sha256_file(path) == previous.get("sha256")):
        return previous
    labels = [f"{r.title} {r.number}" + (f" (NIP {r.nip})" if r.nip else "") for r in parts]
    with atomic_file(path) as tmp:
        join_pdfs([folder / (r.pdf or "") for r in parts], labels, f"Bundel {folder.name}", tmp,
                  [r.pages for r in parts])
        digest = sha256_file(tmp)
    return {"path": BUNDLE, "sha256": digest, "sources_sha256": sources}


def join_pdfs(files: list[Path], labels: list[str], title: str, out: Path,
              pages: list[int | None] | None = None) -> None:
    """Write to ``out`` the pages of ``files`` in order in one PDF, a top-level bookmark
    ``labels[i]`` at the first page of ``files[i]``, and ``title`` as its Info title.
    ``pages``: each file's page count when known (the manifest's), else qpdf counts them."""
    joined = out.with_name(out.name + "-halaman")  # beside ``out`` (a temporary name)
    parts: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="naskah-bundel-") as work:
        update = Path(work) / "kerangka.json"
        try:
            # qpdf keeps every input file it joins open and parsed (about 0.3 MiB a letter):
            # join a chunk at a time, then the chunks
            chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
            if len(chunks) > 1:
                for number, chunk in enumerate(chunks):
                    parts.append(out.with_name(f"{out.name}-bagian{number}"))
                    _join(chunk, parts[-1], Path(work))
                _join(parts, joined, Path(work))
            else:
                _join(files, joined, Path(work))
            for part in parts:
                part.unlink()
            counts = [int(n or 0) for n in (pages or [None] * len(files))]
            if not all(counts) or sum(counts) != _page_count(joined):  # unknown or stale
                counts = [_page_count(f) for f in files]
            update.write_text(json.dumps(_outline_update(joined, counts, labels, title)),
                              encoding="utf-8")
            _qpdf(str(joined), f"--update-from-json={update}", "--deterministic-id", str(out))
        finally:
            for path in (joined, *parts):
                path.unlink(missing_ok=True)


def _join(files: list[Path], out: Path, work: Path) -> None:
    """``qpdf --empty --pages FILES -- OUT``, the names one a line in an @file (no
    command-line limit, no quoting)."""
    arguments = work / "halaman.args"
    arguments.write_text("\n".join(["--empty", "--pages", *(str(f.resolve()) for f in files),
                                    "--", str(out)]) + "\n", encoding="utf-8")
    _qpdf(f"@{arguments}")


def _qpdf(*arguments: str) -> str:
    try:
        done = subprocess.run(["qpdf", "--warning-exit-0", *arguments], capture_output=True,
                              text=True, check=False, env={**os.environ, "LC_ALL": "C"})
    except FileNotFoundError:
        raise EngineError("qpdf tidak terpasang: bundel.pdf tidak dapat dibuat (jalankan "
                          "scripts/install.sh)") from None
    if done.returncode != 0:
        raise EngineError(f"bundel.pdf tidak dapat dibuat: {done.stderr.strip()[:300]}")
    return done.stdout


def _page_count(path: Path) -> int:
    return int(_qpdf("--show-npages", str(path)).strip())


def _objects(path: Path, *refs: str) -> dict[str, Any]:
    """Objects of ``path`` (``trailer``, ``3 0 R`` …) in qpdf's JSON (version 2)."""
    text = _qpdf("--json=2", "--json-key=qpdf", *(f"--json-object={r}" for r in refs),
                 str(path))
    return json.loads(text)["qpdf"][1]


def _outline_update(path: Path, counts: list[int], labels: list[str],
                    title: str) -> dict[str, Any]:
    """qpdf's JSON update adding one outline item per letter (at its first page), the
    outline to the catalog and a new Info dictionary (title, producer)."""
    header = json.loads(_qpdf("--json=2", "--json-key=qpdf", "--json-object=trailer",
                              str(path)))["qpdf"]
    trailer = header[1]["trailer"]["value"]
    root_ref = trailer["/Root"]
    root = _objects(path, root_ref)[f"obj:{root_ref}"]["value"]
    pages = json.loads(_qpdf("--json=2", "--json-key=pages", str(path)))["pages"]
    if sum(counts) != len(pages):
        raise EngineError(f"bundel.pdf: {len(pages)} halaman, bukan {sum(counts)}")
    next_id = int(header[0]["maxobjectid"]) + 1

    def new() -> str:
        nonlocal next_id
        next_id += 1
        return f"{next_id - 1} 0 R"

    outlines, info = new(), new()
    items = [new() for _ in labels]
    objects: dict[str, Any] = {}
    first_page = 0
    for i, (ref, label) in enumerate(zip(items, labels, strict=True)):
        item: dict[str, Any] = {"/Title": "u:" + label, "/Parent": outlines,
                                "/Dest": [pages[first_page]["object"], "/Fit"]}
        if i:
            item["/Prev"] = items[i - 1]
        if i + 1 < len(items):
            item["/Next"] = items[i + 1]
        objects[f"obj:{ref}"] = {"value": item}
        first_page += counts[i]
    objects[f"obj:{outlines}"] = {"value": {"/Type": "/Outlines", "/First": items[0],
                                            "/Last": items[-1], "/Count": len(items)}}
    objects[f"obj:{info}"] = {"value": {"/Title": "u:" + title, "/Producer": "u:naskah"}}
    objects[f"obj:{root_ref}"] = {"value": {**root, "/Outlines": outlines}}
    objects["trailer"] = {"value": {**trailer, "/Info": info}}
    return {"qpdf": [{"jsonversion": 2, "pushedinheritedpageresources": False,
                      "calledgetallpages": False, "maxobjectid": next_id - 1}, objects]}
