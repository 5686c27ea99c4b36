"""Who may do what on the desk, and which letters an approver must open: pure rules."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable, Sequence
from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    """Uploads workbooks and starts rounds."""
    PENYETUJU = "penyetuju"
    """Approves or rejects rounds before signing; files letters signed elsewhere."""
    AUDITOR = "auditor"
    """Reads everything and runs verification."""
    ADMIN = "admin"
    """Everything, and manages accounts."""


class Action(StrEnum):
    READ = "lihat"
    UPLOAD = "unggah"
    START = "jalankan"
    APPROVE = "setujui"
    ARCHIVE_SIGNED = "arsipkan"
    VERIFY = "verifikasi"
    AUDIT_LOG = "riwayat"
    MANAGE_USERS = "kelola_pengguna"


ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ: frozenset(Role),
    Action.UPLOAD: frozenset({Role.OPERATOR, Role.ADMIN}),
    Action.START: frozenset({Role.OPERATOR, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.PENYETUJU, Role.ADMIN}),
    Action.ARCHIVE_SIGNED: frozenset({Role.PENYETUJU, Role.ADMIN}),
    Action.VERIFY: frozenset({Role.AUDITOR, Role.PENYETUJU, Role.ADMIN}),
    Action.AUDIT_LOG: frozenset({Role.AUDITOR, Role.ADMIN}),
    Action.MANAGE_USERS: frozenset({Role.ADMIN}),
}

ROLE_NAMES = {Role.OPERATOR: "Operator", Role.PENYETUJU: "Penyetuju", Role.AUDITOR: "Auditor",
              Role.ADMIN: "Admin"}


def parse_roles(text: str) -> frozenset[Role]:
    """``"operator,penyetuju"`` → roles; ValueError (in Indonesian) on an unknown role."""
    roles = set()
    for part in (p.strip().lower() for p in text.split(",")):
        if not part:
            continue
        try:
            roles.add(Role(part))
        except ValueError:
            raise ValueError(f"Peran {part!r} tidak dikenal; pilih dari: "
                             f"{', '.join(r.value for r in Role)}") from None
    if not roles:
        raise ValueError("Paling sedikit satu peran harus diberikan.")
    return frozenset(roles)


def may(roles: Iterable[Role], action: Action) -> bool:
    return any(role in ALLOWED[action] for role in roles)


def review_sample(kinds: Sequence[str], per_kind: int, seed: str) -> list[int]:
    """Indexes of the letters an approver must open: ``per_kind`` of each kind of letter,
    drawn at random but the same for the same seed (the flow run), in document order."""
    chooser = random.Random(seed)
    chosen: list[int] = []
    for kind in dict.fromkeys(kinds):
        indexes = [i for i, k in enumerate(kinds) if k == kind]
        chosen += chooser.sample(indexes, min(per_kind, len(indexes)))
    return sorted(chosen)


MIN_PASSWORD = 10
PASSWORD_RULES = (f"Kata sandi paling sedikit {MIN_PASSWORD} karakter, tidak memuat nama akun, "
                  "dan memakai paling sedikit 5 karakter berbeda.")
"""The rules of password_problem, as the pages state them."""


def password_problem(password: str, username: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD:
        return f"Kata sandi paling sedikit {MIN_PASSWORD} karakter."
    if username and username.lower() in password.lower():
        return "Kata sandi tidak boleh memuat nama akun."
    if len(set(password)) < 5:
        return "Kata sandi terlalu mudah ditebak (terlalu sedikit karakter berbeda)."
    return None


def username_problem(username: str) -> str | None:
    """Why a new account's name is refused, or None."""
    if not re.fullmatch(r"[a-z][a-z0-9._-]{2,31}", username):
        return ("Nama akun 3–32 karakter: huruf kecil, angka, titik, garis bawah atau tanda "
                "hubung, diawali huruf.")
    return None
