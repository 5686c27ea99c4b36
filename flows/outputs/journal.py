"""The signing journal beside the manifest: one line per signed file, appended (and synced)
as soon as the file is written, so a run killed before it writes the manifest (a crash, a
full disk) leaves a record of what it signed. The next run adopts those files instead of
signing a second copy; the journal is removed once the manifest holds them."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

JOURNAL = "manifest.jurnal.jsonl"


def append(folder: Path, entry: dict[str, Any]) -> None:
    line = (json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
    fd = os.open(folder / JOURNAL, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    try:
        os.write(fd, line)
        os.fsync(fd)
    finally:
        os.close(fd)


def entries(folder: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """The last entry of each letter (kind, nip); a torn last line is ignored."""
    found: dict[tuple[str, str], dict[str, Any]] = {}
    try:
        text = (folder / JOURNAL).read_text(encoding="utf-8", errors="replace")
    except FileNotFoundError:
        return found
    for line in text.splitlines():
        try:
            entry = json.loads(line)
            found[(str(entry["kind"]), str(entry.get("nip") or ""))] = entry
        except (json.JSONDecodeError, KeyError, TypeError):
            continue
    return found


def clear(folder: Path) -> None:
    (folder / JOURNAL).unlink(missing_ok=True)
