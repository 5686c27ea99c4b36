"""Secrets of one installation, kept in the office's data folder (``[web] folder_data``):

- ``prefect-auth``: the Prefect API auth string (``user:password``) of the Prefect servers
  naskah starts (``naskah web``, ``naskah serve``); their clients get it in
  ``PREFECT_API_AUTH_STRING``.
- ``kunci-persetujuan``: the key of the approvals the desk issues (flows.approval); only the
  desk and its round worker read it.

Each file is made once, with mode 0600, atomically (a second process never reads half a
file); its content is never printed or logged. The p12 passphrase is not here: it stays in
the environment of the processes that sign, and ``child_env`` keeps it (and these secrets)
out of the children that never sign (Prefect servers, LibreOffice).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Callable, Collection, Mapping
from pathlib import Path

from flows.errors import EngineError

AUTH_FILE = "prefect-auth"
APPROVAL_KEY_FILE = "kunci-persetujuan"
CLIENT_AUTH_ENV = "PREFECT_API_AUTH_STRING"
SERVER_AUTH_ENV = "PREFECT_SERVER_API_AUTH_STRING"


def _secret_file(path: Path, make: Callable[[], str]) -> str:
    """The content of a 0600 secret file, made now when it does not exist yet."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            temp = path.with_name(f".{path.name}.{secrets.token_hex(8)}")
            fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(fd, "w", encoding="ascii") as out:
                    out.write(make() + "\n")
                    out.flush()
                    os.fsync(out.fileno())
                with contextlib.suppress(FileExistsError):  # another process made it first
                    os.link(temp, path)
            finally:
                temp.unlink(missing_ok=True)
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            os.chmod(path, 0o600)
        value = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError) as exc:
        raise EngineError(f"Berkas rahasia {path} tidak dapat dibuat atau dibaca "
                          f"({type(exc).__name__}). Periksa izin folder data.") from None
    if not value:
        raise EngineError(f"Berkas rahasia {path} kosong. Hapus berkas itu agar naskah "
                          "membuat yang baru, lalu jalankan ulang.")
    return value


def prefect_auth_string(data: Path) -> str:
    """The installation's Prefect API auth string (``naskah:<random>``)."""
    return _secret_file(data / AUTH_FILE, lambda: "naskah:" + secrets.token_urlsafe(32))


def approval_key(data: Path) -> bytes:
    """The key of the desk's approvals (32 random bytes)."""
    return bytes.fromhex(_secret_file(data / APPROVAL_KEY_FILE,
                                      lambda: secrets.token_hex(32)))


def secret_names() -> set[str]:
    """Environment variables holding secrets no non-signing child needs."""
    names = {CLIENT_AUTH_ENV, SERVER_AUTH_ENV, "NASKAH_P12_PASSWORD"}
    try:
        from flows.settings import load_settings

        names.add(load_settings().signing.passphrase_env)
    except Exception:  # settings errors are reported where settings are used
        pass
    return names


def child_env(base: Mapping[str, str] | None = None, /, *,
              keep: Collection[str] = frozenset(), **extra: str) -> dict[str, str]:
    """``base`` (the environment) without the signing passphrase and API secrets, except the
    names in ``keep``, plus ``extra``."""
    drop = secret_names() - set(keep)
    env = {k: v for k, v in (os.environ if base is None else base).items() if k not in drop}
    env.update(extra)
    return env
