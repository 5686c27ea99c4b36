"""Approvals the desk issues: an HMAC-SHA256, with the installation's approval key, over the
round, its flow run, the decision, the approver, the time and the hash of every PDF of the
round. The round worker signs only when the MAC matches the PDFs it converted, so a resume
through the Prefect API (without the key) signs nothing."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterable, Mapping
from typing import Any

from flows.outputs.manifest import Manifest

VERSION = "naskah-persetujuan-1"


def message(*, kode_putaran: str, flow_run_id: str, approved: bool, approver: str, at: str,
            pdfs: Iterable[tuple[str, str]]) -> bytes:
    """The canonical bytes an approval covers (PDFs sorted by path)."""
    return json.dumps([VERSION, kode_putaran, str(flow_run_id), bool(approved), approver, at,
                       sorted([str(p), str(h)] for p, h in pdfs)],
                      ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def issue(key: bytes, **fields: Any) -> str:
    """The MAC (hex) of an approval; ``fields`` as for ``message``."""
    return hmac.new(key, message(**fields), hashlib.sha256).hexdigest()


def valid(key: bytes, mac: str, **fields: Any) -> bool:
    return bool(mac) and hmac.compare_digest(issue(key, **fields), mac)


def manifest_pdfs(manifest: Manifest | Mapping[str, Any] | None) -> list[tuple[str, str]]:
    """The round's PDFs and their hashes as the manifest lists them (what the desk shows)."""
    if manifest is None:
        return []
    if not isinstance(manifest, Manifest):
        manifest = Manifest.from_json(dict(manifest))
    return [(d.pdf, d.sha256.get("pdf") or "") for d in manifest.documents if d.pdf]
