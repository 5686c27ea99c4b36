"""The letters of a round: one module per kind, each with its template and context."""

from __future__ import annotations

from flows.documents import (
    berita_acara,
    pemberitahuan_hasil,
    pengumuman_hasil,
    permohonan_persetujuan_mendagri,
    permohonan_rekomendasi,
    saran_pendapat,
    sk_tim,
    undangan,
)
from flows.documents.base import DocumentSpec

REGISTRY: dict[str, DocumentSpec] = {
    spec.kind: spec for spec in (
        sk_tim.SPEC, berita_acara.SPEC, saran_pendapat.SPEC,
        permohonan_persetujuan_mendagri.SPEC, permohonan_rekomendasi.SPEC, undangan.SPEC,
        pemberitahuan_hasil.SPEC, pengumuman_hasil.SPEC,
    )
}
"""Every document kind, in the order a round produces them."""
