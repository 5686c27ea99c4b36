"""The functional core imports nothing but the standard library and itself."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "flows" / "domain"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_domain_modules_import_only_the_stdlib_and_the_domain():
    files = sorted(DOMAIN.rglob("*.py"))
    assert len(files) > 10
    offenders = {}
    for path in files:
        for name in imported_modules(path):
            top = name.split(".")[0]
            if name.startswith("flows.domain") or top in sys.stdlib_module_names:
                continue
            offenders.setdefault(str(path.relative_to(DOMAIN)), []).append(name)
    assert offenders == {}
