"""Office settings: the optional ``naskah.toml`` of an office, over the shipped defaults.

Looked up in this order: the ``--settings`` option, the ``NASKAH_SETTINGS`` environment
variable, ``naskah.toml`` in the current folder. Without any, the defaults apply.
"""

from __future__ import annotations

import os
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from flows.domain.ruleset import RuleSet, build_ruleset, merge_settings
from flows.domain.values import ValueProblem
from flows.errors import SettingsError

ENV_VAR = "NASKAH_SETTINGS"
DEFAULT_FILE = Path("naskah.toml")
SECTIONS = frozenset({"aturan"})
"""Top-level tables an office settings file may have."""


def default_rules_data() -> dict[str, Any]:
    """The shipped ``aturan.toml`` as a mapping."""
    text = resources.files("flows.data").joinpath("aturan.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def default_rules() -> RuleSet:
    """The shipped rules, ignoring any office settings."""
    return build_ruleset(default_rules_data())


def settings_path(explicit: Path | None = None) -> Path | None:
    """The settings file in force, or None."""
    if explicit is not None:
        return explicit
    if env := os.environ.get(ENV_VAR):
        return Path(env)
    return DEFAULT_FILE if DEFAULT_FILE.is_file() else None


def load_office_settings(path: Path | None) -> dict[str, Any]:
    """The office's settings file as a mapping (empty without one)."""
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SettingsError(f"Berkas pengaturan {path} tidak ditemukan.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(f"Berkas pengaturan {path} tidak dapat dibaca: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"Berkas pengaturan {path} bukan TOML yang sah: {exc}") from None
    unknown = sorted(set(data) - SECTIONS)
    if unknown:
        raise SettingsError(
            f"Berkas pengaturan {path}: bagian [{unknown[0]}] tidak dikenal; "
            f"bagian yang dikenal: {', '.join(sorted(SECTIONS))}."
        )
    return data


def load_rules(path: Path | None = None) -> RuleSet:
    """The rules in force: shipped defaults, overridden by the office's ``[aturan]``."""
    source = settings_path(path)
    office = load_office_settings(source).get("aturan", {})
    try:
        return build_ruleset(merge_settings(default_rules_data(), office))
    except ValueProblem as problem:
        where = f"Berkas pengaturan {source}" if source else "Aturan bawaan"
        raise SettingsError(f"{where}, bagian [aturan]: {problem.reason}.") from None
