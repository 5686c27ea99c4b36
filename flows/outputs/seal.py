"""manifest.json.sig: a detached CMS signature of manifest.json by the office certificate
(SPESIMEN in the demo), written at the end of every run that signs. An edit of the manifest
(a hash with a fingerprint, a removed entry, the results, the approval) breaks it; a new seal
needs the office's key."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.outputs.files import write_atomic
from flows.outputs.manifest import MANIFEST

SEAL = "manifest.json.sig"


@dataclass(frozen=True, slots=True)
class SealCheck:
    intact: bool
    subject: str
    fingerprint: str
    trusted: bool
    """The sealing certificate chains to one of the trust anchors given."""


def _run(coroutine: Any) -> Any:
    """pyHanko's CMS calls are coroutines; run one whatever loop the caller is in."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def write_seal(folder: Path, signer: Any) -> None:
    """Seal the round's manifest with ``signer`` (a PyHankoSigner)."""
    data = (folder / MANIFEST).read_bytes()
    info = _run(signer.signer.async_sign_general_data(data, "sha256", detached=True))
    write_atomic(folder / SEAL, info.dump())


def check_seal(folder: Path, anchors: list[Any]) -> SealCheck:
    """The seal of the manifest as it is now; ValueError when it cannot be read."""
    from asn1crypto import cms
    from pyhanko.sign.validation.generic_cms import async_validate_detached_cms
    from pyhanko_certvalidator import ValidationContext

    try:
        info = cms.ContentInfo.load((folder / SEAL).read_bytes())
        signed = info["content"]
        status = _run(async_validate_detached_cms(
            (folder / MANIFEST).read_bytes(), signed,
            ValidationContext(trust_roots=list(anchors), allow_fetching=False)))
    except Exception as exc:
        raise ValueError(f"segel manifest tidak dapat dibaca ({type(exc).__name__})") from None
    cert = status.signing_cert
    return SealCheck(bool(status.intact and status.valid), cert.subject.human_friendly,
                     cert.sha256.hex(),
                     bool(anchors) and bool(status.trusted))


def reseal(folder: Path) -> bool:
    """Seal the manifest again with the office certificate after naskah changed it (filing a
    letter signed elsewhere); without the certificate's passphrase the stale seal is removed
    (verify then reports the manifest unsealed). Whether it was sealed."""
    from flows.pdf.signers import office_signer
    from flows.settings import load_settings

    try:
        write_seal(folder, office_signer(load_settings().signing))
        return True
    except Exception:
        (folder / SEAL).unlink(missing_ok=True)
        return False
