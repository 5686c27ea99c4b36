"""A round's files as the desk shows them: the manifest's letters by position, resolved
inside the round folder only, and the archive as a zip."""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from flows.outputs.lock import LOCK_NAME
from flows.outputs.manifest import Manifest
from flows.pipeline.steps import WORK_DIR


@dataclass(frozen=True, slots=True)
class Letter:
    index: int
    kind: str
    title: str
    number: str
    nip: str
    pdf: str | None
    signed: str | None
    signer: str | None
    pages: int | None
    replaces: int = 0
    """Earlier signed versions of this letter."""


class RoundFiles:
    def __init__(self, outputs: Path, kode_putaran: str) -> None:
        self.folder = (outputs / kode_putaran).resolve()

    def manifest(self) -> Manifest | None:
        """The round's manifest, None when there is none or it cannot be read."""
        return Manifest.read_or_none(self.folder)

    def letters(self, manifest: Manifest | None = None) -> list[Letter]:
        """The manifest's letters (``manifest`` when already read)."""
        manifest = manifest if manifest is not None else self.manifest()
        if manifest is None:
            return []
        return [Letter(i, d.kind, d.title, d.number, d.nip or "", d.pdf, d.signed_pdf,
                       d.signer, d.pages, len(d.previous_signed))
                for i, d in enumerate(manifest.documents)]

    def inside(self, relative: str | None) -> Path | None:
        """The file at a manifest path, only if it lies inside the round folder."""
        if not relative:
            return None
        path = (self.folder / relative).resolve()
        if not path.is_relative_to(self.folder) or not path.is_file():
            return None
        return path

    def letter_pdf(self, index: int) -> Path | None:
        """The signed PDF of a letter, else its unsigned PDF."""
        letters = self.letters()
        if not 0 <= index < len(letters):
            return None
        letter = letters[index]
        return self.inside(letter.signed) or self.inside(letter.pdf)

    def bundle(self) -> Path | None:
        manifest = self.manifest()
        return self.inside((manifest.bundle or {}).get("path") if manifest else None)

    def zip_archive(self) -> Path:
        """Every file of the round (not work files or the lock) in a temporary zip."""
        descriptor, name = tempfile.mkstemp(prefix="naskah-arsip-", suffix=".zip")
        with os.fdopen(descriptor, "wb") as handle, \
                zipfile.ZipFile(handle, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(self.folder.rglob("*")):
                relative = path.relative_to(self.folder)
                if (path.is_file() and not path.is_symlink() and relative.parts[0] != WORK_DIR
                        and path.name != LOCK_NAME):
                    archive.write(path, f"{self.folder.name}/{relative}")
        return Path(name)
