"""Workers on several machines share one outputs folder: temporary names never collide."""

from __future__ import annotations

import os
import socket

from flows.outputs import files


def test_temporary_names_are_unique_per_host_process_and_call(tmp_path, monkeypatch):
    seen: list[str] = []
    real = os.replace

    def spy(src, dst):  # type: ignore[no-untyped-def]
        seen.append(os.path.basename(src))
        real(src, dst)

    monkeypatch.setattr(files.os, "replace", spy)
    files.write_atomic(tmp_path / "a.pdf", b"1")
    files.write_atomic(tmp_path / "a.pdf", b"2")
    host = socket.gethostname().split(".")[0]
    assert all(name.startswith(f"a.pdf{files.TMP_MARK}") for name in seen)
    assert all(host in name and f"-{os.getpid()}-" in name for name in seen)
    assert len(set(seen)) == 2
    assert (tmp_path / "a.pdf").read_bytes() == b"2"
    assert not list(tmp_path.glob(f"*{files.TMP_MARK}*"))
