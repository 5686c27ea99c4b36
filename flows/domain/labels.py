"""The words a clerk reads for the workbook's keys: ``tempat_pelaksanaan`` is "tempat
pelaksanaan", ``tmt_jabatan`` "TMT jabatan". Every validation message goes through
:func:`clerk_words`, so no message shows a raw key (the cell reference says where it is);
a key in quotes stays as written: it is a column title or a value to type."""

from __future__ import annotations

import re

from flows.domain import layout

_WORDS = {"nip": "NIP", "sk": "SK", "tmt": "TMT", "mendagri": "Mendagri",
          "paslon": "pasangan calon"}
_SPECIAL = {
    "kepala_daerah_jabatan": "jabatan kepala daerah",
    "kepala_daerah_nama": "nama kepala daerah",
    "kepala_unit_nama": "nama kepala unit",
    "kepala_unit_pangkat_golongan": "pangkat/golongan kepala unit",
    "kepala_unit_nip": "NIP kepala unit",
    "pangkat_golongan": "pangkat/golongan",
    "persetujuan_mendagri_nomor": "nomor persetujuan Mendagri",
    "persetujuan_mendagri_tanggal": "tanggal persetujuan Mendagri",
}
KEYS = frozenset(f.name for f in (*layout.PUTARAN, *layout.TIM, *layout.PEJABAT,
                                  *layout.BOBOT))
"""The workbook's contract keys."""
_KEY = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")


def label(key: str) -> str:
    """A key as a clerk reads it: lower case words (acronyms kept), as in a sentence."""
    return _SPECIAL.get(key) or " ".join(_WORDS.get(w, w) for w in key.split("_"))


def is_key(word: str) -> bool:
    """A key of the contract, or a score column (``nilai_…``) the office added."""
    return word in KEYS or (word.startswith(layout.SCORE_PREFIX) and word != layout.SCORE_PREFIX)


def clerk_words(text: str) -> str:
    """``text`` with each key outside quotes replaced by its label."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # outside quotes
        parts[i] = _KEY.sub(lambda m: label(m[0]) if is_key(m[0]) else m[0], parts[i])
    return '"'.join(parts)
