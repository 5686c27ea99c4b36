"""The kinds of letter a round can produce: one name each, in the order a round produces them.

Each member is declared once, by the module of the same name in ``flows/documents/`` (its
context, template, date, when it is needed); the member's value is the string written in the
manifest, the settings (``[penomoran.naskah.<kind>]``, ``[tanda_tangan.naskah]``), file names
and JSON, so it never changes once letters were made with it.
"""

from __future__ import annotations

from enum import StrEnum


class LetterKind(StrEnum):
    SK_TIM = "sk_tim"
    BERITA_ACARA = "berita_acara"
    SARAN_PENDAPAT = "saran_pendapat"
    PERMOHONAN_PERSETUJUAN_MENDAGRI = "permohonan_persetujuan_mendagri"
    PERMOHONAN_REKOMENDASI = "permohonan_rekomendasi"
    UNDANGAN = "undangan"
    PEMBERITAHUAN_HASIL = "pemberitahuan_hasil"
    PENGUMUMAN_HASIL = "pengumuman_hasil"
