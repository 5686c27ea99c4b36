"""The reference of template variables, generated from the context types (never by hand)."""

from __future__ import annotations

import dataclasses
import typing

from flows.documents import REGISTRY


def variables_markdown() -> str:
    """docs/variabel-template.md: every variable of every document kind, with its meaning."""
    lines = [
        "# Variabel template",
        "",
        "Dibuat otomatis dari kode (`python -m scripts.make_docs`); jangan diubah manual.",
        "",
        "Setiap template Word memakai tag Jinja, misalnya `{{ putaran.nama_tim }}`. Daftar "
        "berisi (`tuple[…]`) diulang dengan `{% for h in hasil %} … {% endfor %}`, atau per "
        "baris tabel dengan `{%tr for h in hasil %}`. Periksa template kantor dengan "
        "`naskah check-templates FOLDER`.",
        "",
    ]
    described: list[type] = []
    for spec in REGISTRY.values():
        lines += [f"## `{spec.template}` — {spec.title}", "",
                  "| variabel | jenis | arti |", "|---|---|---|"]
        lines += _rows(spec.context_type, "", described)
        lines.append("")
    for cls in described:
        lines += [f"## Isi `{cls.__name__}`", "", "| atribut | jenis | arti |", "|---|---|---|"]
        lines += _rows(cls, "", [])
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _rows(cls: type, prefix: str, described: list[type]) -> list[str]:
    hints = typing.get_type_hints(cls)
    rows = []
    for f in dataclasses.fields(cls):
        kind = hints[f.name]
        nested = _nested(kind)
        if nested is not None and nested not in described:
            described.append(nested)
        rows.append(f"| `{prefix}{f.name}` | {_type_name(kind)} | {f.metadata.get('arti', '')} |")
    return rows


def _nested(kind: object) -> type | None:
    if typing.get_origin(kind) is tuple:
        kind = typing.get_args(kind)[0]
    return kind if isinstance(kind, type) and dataclasses.is_dataclass(kind) else None


def _type_name(kind: object) -> str:
    if typing.get_origin(kind) is tuple:
        return f"daftar `{_type_name(typing.get_args(kind)[0]).strip('`')}`"
    names = {str: "teks", int: "bilangan", bool: "ya/tidak"}
    if kind in names:
        return names[kind]
    return f"`{getattr(kind, '__name__', str(kind))}`"
