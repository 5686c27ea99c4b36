"""The one health wait of every child naskah starts (servers, the desk's worker)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from flows.errors import EngineError
from flows.processes import wait_until_healthy


def test_a_child_that_ends_before_answering_is_said_with_its_exit_code():
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.exit(3)"])
    child.wait()
    with pytest.raises(EngineError, match=r"^Server berhenti \(kode 3\)\.$"):
        wait_until_healthy(child, "http://127.0.0.1:9/tidak-ada", 30,
                           died="Server berhenti (kode {code}).", late="terlambat")


def test_a_child_that_never_answers_is_late():
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with pytest.raises(EngineError, match=r"^Tidak siap dalam 1 detik\.$"):
            wait_until_healthy(child, "http://127.0.0.1:9/tidak-ada", 1, poll_s=0.1,
                               died="berhenti", late="Tidak siap dalam 1 detik.")
    finally:
        child.kill()
        child.wait()
