"""bundel.pdf: every unsigned PDF of the round in one file, one bookmark per letter, for
reading and printing (signed letters are archived one by one: merging breaks signatures)."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfWriter

from flows.outputs.files import sha256_bytes, sha256_file, write_atomic
from flows.outputs.manifest import DocumentRecord

BUNDLE = "bundel.pdf"


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
    writer = PdfWriter()
    for record in parts:
        assert record.pdf is not None  # kept by the filter above
        label = f"{record.title} {record.number}" + (f" (NIP {record.nip})" if record.nip else "")
        writer.append(str(folder / record.pdf), outline_item=label)
    writer.add_metadata({"/Title": f"Bundel {folder.name}", "/Producer": "naskah"})
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    write_atomic(path, data)
    return {"path": BUNDLE, "sha256": sha256_bytes(data), "sources_sha256": sources}
