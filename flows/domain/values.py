"""Shared helpers for turning raw cell values into typed values."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation


class ValueProblem(ValueError):
    """A raw value that cannot become the typed value a field needs."""

    def __init__(self, reason: str, expected: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.expected = expected


_SPACES = re.compile(r"\s+")
# XML 1.0 forbids these; Word and LibreOffice refuse documents that carry them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_key(text: str) -> str:
    """Header or key as matched: case-insensitive, trimmed, spaces as underscores."""
    text = unicodedata.normalize("NFKC", text).strip().lower()
    return _SPACES.sub("_", text)


def clean_text(value: object) -> str | None:
    """Cell value as trimmed single-spaced text, or None when blank.

    Raises ValueProblem for control characters, which would corrupt a letter.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        text = "Ya" if value else "Tidak"
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ")
    if _CONTROL.search(text):
        raise ValueProblem(
            "berisi karakter kendali yang tidak terlihat (misalnya hasil salin-tempel)",
            "teks biasa tanpa karakter kendali",
        )
    text = _SPACES.sub(" ", text).strip()
    return text or None


def preview(value: object, limit: int = 60) -> str:
    """Short printable form of a raw value for messages."""
    text = "" if value is None else str(value)
    text = _CONTROL.sub("\N{REPLACEMENT CHARACTER}", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


_DECIMAL_TEXT = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def parse_decimal(value: object) -> Decimal:
    """A number from a numeric cell or from text with a decimal point or comma."""
    if isinstance(value, bool) or value is None:
        raise ValueProblem("bukan angka", "angka, misalnya 82,5")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueProblem("bukan angka", "angka, misalnya 82,5")
        # repr gives the shortest decimal that round-trips: 82.5, not 82.4999…
        return Decimal(repr(value))
    if isinstance(value, Decimal):
        return value
    text = str(value).strip().replace(" ", "")
    if not _DECIMAL_TEXT.match(text):
        raise ValueProblem("bukan angka", "angka, misalnya 82,5")
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:  # pragma: no cover - the regex rules this out
        raise ValueProblem("bukan angka", "angka, misalnya 82,5") from exc


def format_decimal(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros, for messages."""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")
