"""The verification code of a signed letter: 160 random bits in base32 (32 characters),
printed in groups of four and typed back with or without the dashes."""

from __future__ import annotations

import base64
import re
import secrets

CODE_BYTES = 20
CODE_LENGTH = 32
_CODE = re.compile(r"[A-Z2-7]{32}")


def new_code() -> str:
    """A fresh code: ``secrets`` randomness, never derived from the letter (not guessable)."""
    return base64.b32encode(secrets.token_bytes(CODE_BYTES)).decode("ascii")


def normalise(text: str) -> str | None:
    """The code in ``text`` as stored (upper case, no dashes or spaces), or None when it is
    not a well-formed code. Nothing else ever reaches a lookup."""
    if len(text) > 64:
        return None
    cleaned = re.sub(r"[\s\-.]", "", text).upper()
    return cleaned if _CODE.fullmatch(cleaned) else None


def grouped(code: str) -> str:
    """``ABCD-EFGH-…``: how the code is printed under the QR and shown on the page."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))


PRINTED = re.compile(rb"[A-Z2-7]{4}(?:-[A-Z2-7]{4}){7}")
"""The printed form, as found in a signature's appearance stream."""
