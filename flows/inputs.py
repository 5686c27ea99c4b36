"""Input discovery: the workbooks a clerk can choose in an inputs folder."""

from __future__ import annotations

from pathlib import Path


def choices_in(folder: Path) -> list[str]:
    """The workbooks of ``folder`` by name (not Excel's lock files ``~$…`` nor hidden ones)."""
    return sorted(p.name for p in folder.glob("*.xlsx") if not p.name.startswith(("~$", ".")))
