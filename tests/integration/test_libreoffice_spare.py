"""The spare soffice (flows/pdf/libreoffice.py): started ahead, the first conversion is handed
to it; it is used once and ends; whatever goes wrong with it, the batch is still converted by
a soffice of its own. Real LibreOffice."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
import threading
import time
from pathlib import Path

import pytest

from flows.pdf import libreoffice
from tests.conftest import require_program

pytestmark = pytest.mark.slow


@pytest.fixture(autouse=True)
def _own_state(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    require_program("soffice")
    monkeypatch.setattr(libreoffice, "_spare", [])
    monkeypatch.setattr(libreoffice, "_stopping", threading.Event())
    yield
    libreoffice._end_spare()


def _docx(folder: Path, name: str = "surat") -> Path:
    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    document = Document()
    document.add_paragraph(f"Surat {name}: Dinas Pendidikan & Kebudayaan")
    path = folder / f"{name}.docx"
    document.save(str(path))
    return path


def _ended(spare: libreoffice.Spare) -> bool:
    """The spare ended and left nothing behind: no process, profile or pipe file."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and (spare.proc.poll() is None
                                           or Path(spare.profile).exists()):
        time.sleep(0.05)
    return (spare.proc.poll() is not None and not Path(spare.profile).exists()
            and not any(p.exists() for p in spare._pipes()))


def _ready_spare() -> libreoffice.Spare:
    libreoffice.start_spare()
    spare = libreoffice._spare[0]
    deadline = time.monotonic() + 60
    while not spare.ready():
        assert spare.proc.poll() is None, "the spare soffice ended before it was ready"
        assert time.monotonic() < deadline, "the spare soffice was not ready in 60 s"
        time.sleep(0.1)
    return spare


def _recording(monkeypatch: pytest.MonkeyPatch, fail_spare: bool = False) -> list[str]:
    profiles: list[str] = []
    convert = libreoffice._convert

    def recorded(sources, outdir, timeout_s, pdf_filter, profile):  # type: ignore[no-untyped-def]
        profiles.append(profile)
        if fail_spare and "naskah-lo-siap-" in profile:
            raise libreoffice.ConversionError("LibreOffice gagal (uji)")
        return convert(sources, outdir, timeout_s, pdf_filter, profile)

    monkeypatch.setattr(libreoffice, "_convert", recorded)
    return profiles


def test_the_first_conversion_is_handed_to_the_ready_spare_which_then_ends(tmp_path,
                                                                           monkeypatch):
    spare = _ready_spare()
    profiles = _recording(monkeypatch)
    pdfs = libreoffice.convert_batch([_docx(tmp_path / "docx", "a"),
                                      _docx(tmp_path / "docx", "b")], tmp_path / "pdf", 120)
    assert [p.name for p in pdfs] == ["a.pdf", "b.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert profiles == [spare.profile]  # one soffice call, on the spare's profile
    assert _ended(spare) and spare.proc.returncode == 0  # it ended by itself
    assert not libreoffice._spare

    # Used once: the next batch has a soffice of its own.
    libreoffice.convert_batch([_docx(tmp_path / "docx", "c")], tmp_path / "pdf", 120)
    assert len(profiles) == 2 and profiles[1] != spare.profile


def test_a_spare_still_starting_is_not_waited_for(tmp_path, monkeypatch):
    libreoffice.start_spare()
    spare = libreoffice._spare[0]
    assert not spare.ready()  # it has only just been started
    profiles = _recording(monkeypatch)
    pdfs = libreoffice.convert_batch([_docx(tmp_path / "docx")], tmp_path / "pdf", 120)
    assert pdfs[0].is_file()
    assert profiles and spare.profile not in profiles
    assert _ended(spare) and not libreoffice._spare


def test_when_the_spare_fails_the_batch_is_converted_by_its_own_soffice(tmp_path,
                                                                         monkeypatch):
    spare = _ready_spare()
    profiles = _recording(monkeypatch, fail_spare=True)
    pdfs = libreoffice.convert_batch([_docx(tmp_path / "docx")], tmp_path / "pdf", 120)
    assert pdfs[0].read_bytes().startswith(b"%PDF")
    assert profiles[0] == spare.profile and len(profiles) == 2
    assert _ended(spare)


def test_an_unused_spare_ends_with_the_process_and_leaves_nothing(monkeypatch):
    spare = _ready_spare()
    profiles = _recording(monkeypatch)
    libreoffice._end_spare()  # at exit
    assert _ended(spare) and spare.proc.returncode == 0  # it ended by itself, not killed
    assert profiles == [spare.profile]  # it was handed a blank text to convert


def test_ctrl_c_ends_an_unused_spare(tmp_path):
    libreoffice.start_spare()
    spare = libreoffice._spare[0]
    libreoffice.kill_all()
    assert _ended(spare)
    libreoffice.start_spare()  # none after Ctrl-C
    assert not libreoffice._spare


def _office_processes(marker: str) -> list[int]:
    """The processes whose command line names ``marker`` (the spare's profile)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if marker.encode() in (entry / "cmdline").read_bytes():
                    found.append(int(entry.name))
            except OSError:
                pass
    return found


def test_a_spare_ends_when_naskah_is_killed(tmp_path):
    """Killed (a closed terminal, kill -9, the OOM killer), naskah runs no atexit: its idle
    spare LibreOffice, in a session of its own, must not stay up for ever."""
    import os
    import signal
    import subprocess
    import sys

    script = ("import sys, time\n"
              "from flows.pdf import libreoffice\n"
              "libreoffice.start_spare()\n"
              "spare = libreoffice._spare[0]\n"
              "while not spare.ready(): time.sleep(0.1)\n"
              "print(spare.profile, flush=True)\n"
              "time.sleep(120)\n")
    naskah = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                              text=True, cwd=Path(__file__).resolve().parents[2])
    profile = ""
    try:
        assert naskah.stdout is not None
        profile = naskah.stdout.readline().strip()
        assert profile and _office_processes(profile)
        naskah.send_signal(signal.SIGKILL)
        naskah.wait()
        deadline = time.monotonic() + 15
        while _office_processes(profile) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not _office_processes(profile), "the spare LibreOffice outlived naskah"
    finally:
        naskah.kill()
        for pid in _office_processes(profile) if profile else []:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        if profile.startswith(tempfile.gettempdir()):
            shutil.rmtree(profile, ignore_errors=True)  # left by a killed naskah


def test_a_used_spare_leaves_nothing_in_the_temp_folder(tmp_path, monkeypatch):
    """Once used, the spare ends: LibreOffice's own temp folder (lu*.tmp, in TMPDIR) must
    go with it, not pile up in /tmp, one per run."""
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setenv("TMPDIR", str(temp))
    monkeypatch.setattr(tempfile, "tempdir", str(temp))
    source = _docx(tmp_path / "docx")
    spare = _ready_spare()
    profiles = _recording(monkeypatch)
    libreoffice.convert_batch([source], tmp_path / "pdf", 120)
    assert profiles == [spare.profile]  # converted by the spare
    assert _ended(spare)  # it ends by itself, beside the next batch
    assert sorted(p.name for p in temp.iterdir()) == []


def test_ctrl_c_removes_the_profile_of_a_spare_still_writing_it(tmp_path):
    """Ctrl-C in a run's first seconds, while the spare soffice still creates its profile:
    killed only after its profile was removed, it would write it again and leave it."""
    import subprocess
    import sys

    profile = tmp_path / "naskah-lo-siap-uji"
    writer = ("import itertools, os, sys\n"
              "user = os.path.join(sys.argv[1], 'user')\n"
              "for i in itertools.count():\n"
              "    os.makedirs(os.path.join(user, 'config'), exist_ok=True)\n"
              "    open(os.path.join(user, str(i)), 'w').close()\n")
    spare = libreoffice.Spare.__new__(libreoffice.Spare)
    spare.profile = str(profile)
    spare.pipe = "uji"
    spare.proc = subprocess.Popen([sys.executable, "-c", writer, str(profile)], text=True,
                                  start_new_session=True)
    with libreoffice._active_lock:
        libreoffice._active.add(spare.proc)
        libreoffice._spare.append(spare)
    deadline = time.monotonic() + 30
    while not (profile / "user" / "config").is_dir():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    libreoffice.kill_all()
    assert spare.proc.poll() is not None
    assert not profile.exists()


def test_an_ended_spare_leaves_no_pipe_in_tmp():
    """Killed, LibreOffice cannot remove its --accept pipe: one socket file per run in /tmp."""
    spare = _ready_spare()
    pipes = [p for p in Path("/tmp").iterdir() if p.name.endswith(spare.pipe)]
    assert pipes  # what ready() looks for
    libreoffice._end_spare()
    assert spare.proc.poll() is not None
    assert not [p for p in pipes if p.exists() or p.is_socket()]


def test_the_spare_listens_to_its_user_alone():
    """Its --accept pipe is a UNO endpoint (anyone who can connect can make LibreOffice run
    code as the clerk), created with the umask: with a group-writable umask (002, common
    with a group per office) the group could connect. It is the user's alone."""
    import os
    import stat

    old = os.umask(0o002)
    try:
        spare = _ready_spare()
    finally:
        os.umask(old)
    pipes = [p for p in Path("/tmp").iterdir() if p.name.endswith(spare.pipe)]
    assert pipes
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in pipes)


def test_a_spare_that_cannot_start_leaves_no_profile(tmp_path, monkeypatch):
    """No LibreOffice installed (or Ctrl-C as it starts): the run goes on without a spare,
    and without an empty profile folder left in the temp folder every time."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))

    def missing() -> str:
        raise libreoffice.ConversionError("LibreOffice (soffice) tidak ditemukan.")

    monkeypatch.setattr(libreoffice, "soffice_path", missing)
    libreoffice.start_spare()
    assert not libreoffice._spare
    assert list(tmp_path.iterdir()) == []
