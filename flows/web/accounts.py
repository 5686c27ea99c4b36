"""`naskah user`: accounts of the desk from the command line (the first admin, above all)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from flows.errors import EngineError
from flows.settings import load_settings
from flows.web.policy import ROLE_NAMES, parse_roles, password_problem, username_problem
from flows.web.store import Store

PASSWORD_ENV = "NASKAH_KATA_SANDI_BARU"
"""For scripts: the new account's password (instead of the prompt)."""


def user_command(args: argparse.Namespace) -> int:
    store = Store(load_settings().web.database)
    if args.user_command == "list":
        for user in store.users():
            role_names = ", ".join(ROLE_NAMES[r] for r in sorted(user.roles))
            state = "aktif" if user.active else "nonaktif"
            print(f"{user.username:<20} {user.full_name:<30} {role_names:<30} {state}")
        return 0
    username = args.username.strip().lower()
    if args.user_command == "add":
        problem = username_problem(username)
        if problem:
            raise EngineError(problem)
        try:
            roles = parse_roles(args.peran)
        except ValueError as exc:
            raise EngineError(str(exc)) from None
        password = _new_password(username)
        try:
            store.add_user(username, args.nama or username, password, roles)
        except ValueError as exc:
            raise EngineError(str(exc)) from None
        store.log("naskah user", "tambah akun", detail=f"{username} ({args.peran})")
        print(f"Akun {username} dibuat dengan peran "
              f"{', '.join(ROLE_NAMES[r] for r in sorted(roles))}.")
        return 0
    if store.user(username) is None:
        raise EngineError(f"Akun {username} tidak ada.")
    if args.user_command == "passwd":
        store.set_password(username, _new_password(username))
        store.log("naskah user", "ganti kata sandi", detail=username)
        print(f"Kata sandi {username} diganti; sesi yang terbuka ditutup.")
    else:  # disable
        store.set_active(username, False)
        store.log("naskah user", "nonaktifkan akun", detail=username)
        print(f"Akun {username} dinonaktifkan.")
    return 0


def _new_password(username: str) -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password is None:
        if not sys.stdin.isatty():
            raise EngineError(f"Kata sandi tidak dapat ditanyakan (bukan terminal). Setel "
                              f"variabel {PASSWORD_ENV}.")
        password = getpass.getpass("Kata sandi baru: ")
        if getpass.getpass("Ulangi kata sandi: ") != password:
            raise EngineError("Kedua kata sandi tidak sama.")
    problem = password_problem(password, username)
    if problem:
        raise EngineError(problem)
    return password
