"""The code passes the type checker configured in pyproject.toml ([tool.mypy]): strict for
flows/domain/ and flows/documents/, every function annotated everywhere."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_mypy_finds_nothing():
    # The files, settings and cache (.mypy_cache/, warm runs take seconds) come from
    # pyproject.toml, so this is exactly what `.venv/bin/mypy` alone reports.
    proc = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Success: no issues found" in proc.stdout, proc.stdout + proc.stderr
