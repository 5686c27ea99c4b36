"""Which certificates sign which letters, loaded once per process from the office settings.

The passphrase comes from the environment variable the settings name, or from a prompt on a
terminal; never from an argument, a file, a log or a Prefect parameter.
"""

from __future__ import annotations

import getpass
import os
import sys
import threading
from pathlib import Path

from flows.pdf.signing import (
    PdfSigner,
    SigningError,
    load_pkcs12,
    specimen_signer,
    with_timestamps,
)
from flows.settings import SigningSettings

_lock = threading.Lock()
_loaded: dict[Path | None, PdfSigner] = {}
_specimens: dict[str, PdfSigner] = {}


def signers_for(kind: str, settings: SigningSettings,
                members: tuple[str, ...] = ()) -> list[PdfSigner]:
    """The signers of one kind of letter, in signing order.

    ``members``: the people who each sign the letter in their own row (the berita acara's
    team). Without certificates of the kind's own, the demo (no office certificate) makes a
    throwaway SPESIMEN certificate per member, so every member's signature shows.
    """
    if members and not settings.per_kind.get(kind) and settings.certificate is None:
        return [_specimen(name, settings) for name in members]
    return [_signer(path, settings) for path in settings.certificates(kind)]


def _specimen(holder: str, settings: SigningSettings) -> PdfSigner:
    with _lock:
        if holder not in _specimens:
            _specimens[holder] = with_timestamps(specimen_signer(holder=holder),
                                                 settings.timestamp_url)
        return _specimens[holder]


def office_signer(settings: SigningSettings) -> PdfSigner:
    """The office's own certificate (it seals the manifest): ``sertifikat``, else the first
    certificate of a kind of letter, else SPESIMEN."""
    if settings.certificate is None:
        for files in settings.per_kind.values():
            if files:
                return _signer(files[0], settings)
    return _signer(settings.certificate, settings)


def _signer(path: Path | None, settings: SigningSettings) -> PdfSigner:
    with _lock:
        if path not in _loaded:
            signer = specimen_signer() if path is None else load_pkcs12(
                path, _passphrase(path, settings.passphrase_env))
            _loaded[path] = with_timestamps(signer, settings.timestamp_url)
        return _loaded[path]


def _passphrase(path: Path, env: str) -> bytes:
    value = os.environ.get(env)
    if value is not None:
        return value.encode("utf-8")
    if sys.stdin is not None and sys.stdin.isatty():
        return getpass.getpass(f"Kata sandi sertifikat {path.name}: ").encode("utf-8")
    raise SigningError(f"Kata sandi sertifikat {path.name} tidak tersedia: isi variabel "
                       f"lingkungan {env}.")


def preload(settings: SigningSettings, kinds: list[str]) -> None:
    """Load (and ask for) every certificate before work starts, not in a worker thread."""
    for kind in kinds:
        signers_for(kind, settings)


class Signers:
    """The signers of one office's settings, as a run uses them. The keys themselves stay in
    this module's cache for the whole process: a passphrase is asked once (``naskah run``
    asks on the terminal before the flow starts), not once per round."""

    def __init__(self, settings: SigningSettings) -> None:
        self.settings = settings

    def of(self, kind: str, members: tuple[str, ...] = ()) -> list[PdfSigner]:
        """The signers of one kind of letter, in signing order (see signers_for)."""
        return signers_for(kind, self.settings, members)

    def preload(self, kinds: list[str]) -> None:
        preload(self.settings, kinds)

    def office(self) -> PdfSigner:
        return office_signer(self.settings)
