"""Pangkat and golongan/ruang of civil servants (PP 99/2000), and their agreement."""

from __future__ import annotations

import re

from flows.domain.values import ValueProblem

GOLONGAN_PANGKAT: dict[str, str] = {
    "I/a": "Juru Muda", "I/b": "Juru Muda Tingkat I", "I/c": "Juru", "I/d": "Juru Tingkat I",
    "II/a": "Pengatur Muda", "II/b": "Pengatur Muda Tingkat I", "II/c": "Pengatur",
    "II/d": "Pengatur Tingkat I",
    "III/a": "Penata Muda", "III/b": "Penata Muda Tingkat I", "III/c": "Penata",
    "III/d": "Penata Tingkat I",
    "IV/a": "Pembina", "IV/b": "Pembina Tingkat I", "IV/c": "Pembina Utama Muda",
    "IV/d": "Pembina Utama Madya", "IV/e": "Pembina Utama",
}
"""Golongan/ruang to pangkat, as written on letters."""

_PANGKAT_GOLONGAN = {p.lower(): g for g, p in GOLONGAN_PANGKAT.items()}
_GOLONGAN = re.compile(r"^(IV|III|II|I|4|3|2|1)\s*[/.\-\s]?\s*([a-e])$", re.IGNORECASE)
_ARABIC = {"1": "I", "2": "II", "3": "III", "4": "IV"}
_TINGKAT = re.compile(r"\b(?:tingkat|tk)\.?\s*(i|1)\b\.?", re.IGNORECASE)
_COMBINED = re.compile(
    r"^(?P<pangkat>[^()/]+?)\s*[(/,]\s*(?P<gol>[IVX1-4]+\s*[/.\-]?\s*[a-e])\s*\)?$",
    re.IGNORECASE,
)


def normalise_golongan(text: str) -> str:
    """``iv/c``, ``IV.c``, ``4c`` → ``IV/c``; ValueProblem when unknown."""
    m = _GOLONGAN.match(text.strip())
    if not m:
        raise ValueProblem("bukan golongan/ruang yang dikenal", "misalnya IV/a, IV/b, IV/c")
    roman = _ARABIC.get(m[1], m[1].upper())
    gol = f"{roman}/{m[2].lower()}"
    if gol not in GOLONGAN_PANGKAT:
        raise ValueProblem("bukan golongan/ruang yang dikenal", "misalnya IV/a, IV/b, IV/c")
    return gol


def normalise_pangkat(text: str) -> str:
    """``pembina tk. I`` → ``Pembina Tingkat I``; ValueProblem when unknown."""
    clean = " ".join(_TINGKAT.sub("Tingkat I", text).split())
    gol = _PANGKAT_GOLONGAN.get(clean.lower())
    if gol is None:
        raise ValueProblem("bukan nama pangkat yang dikenal", "misalnya Pembina Utama Muda")
    return GOLONGAN_PANGKAT[gol]


def golongan_of(pangkat: str) -> str:
    """The golongan that goes with a normalised pangkat."""
    return _PANGKAT_GOLONGAN[pangkat.lower()]


def split_pangkat_golongan(text: str) -> tuple[str, str] | None:
    """``Pembina Utama Muda (IV/c)`` → (pangkat, golongan), normalised; None if not that form."""
    m = _COMBINED.match(text.strip())
    if not m:
        return None
    try:
        return normalise_pangkat(m["pangkat"]), normalise_golongan(m["gol"])
    except ValueProblem:
        return None


def format_pangkat_golongan(pangkat: str | None, golongan: str | None) -> str:
    """``Pembina Utama Muda (IV/c)``, or whichever part is known."""
    if pangkat and golongan:
        return f"{pangkat} ({golongan})"
    return pangkat or golongan or ""
