"""Convert Word documents to PDF with headless LibreOffice.

Each conversion uses its own profile directory (a shared profile makes concurrent soffice
processes fail silently), runs in its own process group, and is killed with everything it
started when it exceeds its timeout.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

from flows.credentials import child_env
from flows.errors import EngineError

PDF_FILTER = ('pdf:writer_pdf_Export:{"SelectPdfVersion":{"type":"long","value":"2"},'
              '"ExportBookmarksToPDFDestination":{"type":"boolean","value":"true"}}')
"""PDF/A-2b; Word bookmarks become named destinations (where merged letters start)."""


class ConversionError(EngineError):
    """LibreOffice is missing, failed, or took too long."""


_slots = threading.BoundedSemaphore(os.cpu_count() or 1)
"""The cap of a conversion without a LibreOffice of its own (a test, a tool)."""
_active: set[subprocess.Popen[str]] = set()
"""Every soffice this Python process started and still waits for, whoever started it: Ctrl-C
(kill_all) ends them all."""
_active_lock = threading.Lock()
_stopping = threading.Event()
"""Set by kill_all: no new soffice is started while the process shuts down."""


class LibreOffice:
    """The converter of a run: at most ``processes`` soffice at once over every round that
    uses this one object (a bulk run builds one for all its rounds)."""

    def __init__(self, processes: int) -> None:
        self.processes = max(1, processes)
        self._slots = threading.BoundedSemaphore(self.processes)

    def convert(self, sources: Sequence[Path], outdir: Path, timeout_s: float) -> list[Path]:
        return convert_batch(sources, outdir, timeout_s, slots=self._slots)


def soffice_path() -> str:
    path = shutil.which("soffice") or shutil.which("libreoffice")
    if path is None:
        raise ConversionError("LibreOffice (soffice) tidak ditemukan. Pasang dengan: "
                              "bash scripts/install.sh")
    return path


class Spare:
    """A soffice started ahead of the first conversion, idle, with a profile of its own.

    Starting LibreOffice costs about 2 s of CPU; a ``soffice --convert-to`` run with the
    same profile while this one runs hands its files over to it and returns when they are
    converted (about 0.4 s), and the spare then ends. So the run's first letter does not
    wait for a LibreOffice to start. Used once, and only when it is ready: its ``--accept``
    pipe exists, so it is past the point where a second soffice would start beside it on
    the same profile. Whatever goes wrong with it, the batch is converted again by a soffice
    of its own (``convert_batch``).
    """

    def __init__(self) -> None:
        self.profile = tempfile.mkdtemp(prefix="naskah-lo-siap-")
        self.pipe = f"naskah-siap-{os.getpid()}-{secrets.token_hex(4)}"
        # Idle until a conversion comes, it must not outlive naskah however naskah ends
        # (killed, its terminal closed: no atexit). Linux sends the shell SIGTERM when
        # naskah's starting thread ends (the run's, alive until the flow is done), and the
        # shell kills its process group: soffice's launcher and soffice.bin with it. Its
        # umask makes its pipes (the --accept one is a UNO endpoint) the user's alone; the
        # PDFs it writes are read back by naskah, which writes its own files.
        try:
            command = ["/bin/sh", "-c", 'umask 077; trap "kill -KILL 0" TERM; "$@" & wait',
                       "naskah-lo",
                       soffice_path(), "--headless", "--norestore", "--nolockcheck",
                       f"-env:UserInstallation=file://{self.profile}",
                       f"--accept=pipe,name={self.pipe};urp;"]
            # Its own temp folder inside the profile: killed (Ctrl-C, or when naskah ends
            # with it unused), LibreOffice cannot remove its lu*.tmp folder, which would
            # otherwise stay in TMPDIR.
            # (Its pipes are in /tmp whatever TMPDIR says.)
            temp = os.path.join(self.profile, "tmp")
            os.mkdir(temp, 0o700)
            self.proc = _start(command, quiet=True, tied=True, env={"TMPDIR": temp})
        except BaseException:  # no LibreOffice, Ctrl-C: nothing of it stays
            shutil.rmtree(self.profile, ignore_errors=True)
            raise

    def _pipes(self) -> list[Path]:
        """Where LibreOffice puts its --accept pipe (not in TMPDIR)."""
        return [Path(f"{folder}/OSL_PIPE_{os.getuid()}_{self.pipe}")
                for folder in ("/tmp", "/var/tmp")]

    def ready(self) -> bool:
        if self.proc.poll() is not None:
            return False
        return any(pipe.exists() for pipe in self._pipes())

    def end(self, used: bool = False, wait_s: float = 5) -> None:
        """After it converted (``used``), it ends by itself (LibreOffice's own exit removes
        its pipe files): waited for, up to ``wait_s``; an unused spare that is ready is
        handed a blank text to convert, and so ends the same way. Else, or when it does not
        end, it is killed. Its profile and pipe are removed either way."""
        try:
            if not used and self.ready():
                blank = Path(self.profile) / "kosong.txt"
                blank.write_text("\n", encoding="utf-8")
                with contextlib.suppress(ConversionError, OSError):
                    _convert([blank], Path(self.profile) / "keluar", 10, "pdf",
                             self.profile)
                used = True
            if used:
                with contextlib.suppress(subprocess.TimeoutExpired):
                    self.proc.wait(timeout=wait_s)
        finally:
            if self.proc.poll() is None:
                _kill_group(self.proc)
            with _active_lock:
                _active.discard(self.proc)
            self.remove()

    def end_later(self) -> None:
        """``end(used=True)`` without holding up the batch it converted."""
        threading.Thread(target=self.end, args=(True,), name="naskah-lo-cadangan").start()

    def remove(self) -> None:
        """What the soffice leaves once ended or killed: its profile and its pipe."""
        shutil.rmtree(self.profile, ignore_errors=True)
        for pipe in self._pipes():
            pipe.unlink(missing_ok=True)


_spare: list[Spare] = []
"""The process's spare soffice, until a conversion takes it (at most one)."""


def start_spare() -> None:
    """Start a spare soffice for the first conversion of this process (see Spare); a
    courtesy: nothing fails when it cannot start."""
    with _active_lock:
        if _spare or _stopping.is_set():
            return
    try:
        spare = Spare()
    except (OSError, ConversionError):
        return
    with _active_lock:
        _spare.append(spare)


def _take_spare() -> Spare | None:
    with _active_lock:
        spare = _spare.pop() if _spare else None
    if spare is not None and not spare.ready():
        spare.end(wait_s=0)  # still starting: the batch does not wait for it
        return None
    return spare


def _start(command: list[str], quiet: bool = False, tied: bool = False,
           env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    preexec = None
    if tied:
        import ctypes

        # Looked up here: in the forked child (other threads of naskah may hold the dynamic
        # loader's lock at the fork) only the call itself runs.
        prctl = ctypes.CDLL("libc.so.6", use_errno=True).prctl

        def preexec() -> None:
            prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG

    with _active_lock:
        if _stopping.is_set():
            raise ConversionError("Dihentikan.")
        output = subprocess.DEVNULL if quiet else subprocess.PIPE
        # No passphrase or API secret in LibreOffice's environment: it never signs.
        proc = subprocess.Popen(command, stdout=output, stderr=output, text=True,
                                start_new_session=True, env=child_env(**(env or {})),
                                preexec_fn=preexec)
        _active.add(proc)
    return proc


def convert_batch(sources: Sequence[Path], outdir: Path, timeout_s: float = 300,
                  pdf_filter: str = PDF_FILTER,
                  slots: threading.BoundedSemaphore | None = None) -> list[Path]:
    """PDFs of ``sources`` in ``outdir`` (same stems), converted by one soffice process, once
    one of ``slots`` is free (by the spare soffice, when one is ready)."""
    outdir.mkdir(parents=True, exist_ok=True)
    with slots or _slots:
        spare = _take_spare()
        if spare is not None:
            try:
                return _convert(sources, outdir, timeout_s, pdf_filter, spare.profile)
            except ConversionError:
                if _stopping.is_set():
                    raise
            finally:
                spare.end_later()
        with tempfile.TemporaryDirectory(prefix="naskah-lo-") as profile:
            return _convert(sources, outdir, timeout_s, pdf_filter, profile)


def _convert(sources: Sequence[Path], outdir: Path, timeout_s: float, pdf_filter: str,
             profile: str) -> list[Path]:
    command = [soffice_path(), "--headless", "--norestore", "--nolockcheck",
               f"-env:UserInstallation=file://{profile}", "--convert-to", pdf_filter,
               "--outdir", os.path.abspath(outdir), *map(os.path.abspath, sources)]
    proc = _start(command)
    try:
        out, err = proc.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        _kill_group(proc)
        raise ConversionError(f"LibreOffice tidak selesai dalam {timeout_s:.0f} detik dan "
                              "dihentikan.") from None
    except BaseException:
        _kill_group(proc)
        raise
    finally:
        with _active_lock:
            _active.discard(proc)
    results = [outdir / f"{source.stem}.pdf" for source in sources]
    missing = [p.name for p in results if not p.is_file() or p.stat().st_size == 0]
    if proc.returncode != 0 or missing:
        detail = (err or out).strip().splitlines()[-1:] or [f"kode keluar {proc.returncode}"]
        raise ConversionError(f"LibreOffice gagal mengubah {', '.join(missing) or 'dokumen'} "
                              f"menjadi PDF: {detail[0]}")
    return results


def kill_all() -> int:
    """Kill every soffice this process started and is still waiting for, and start no new
    one (on Ctrl-C)."""
    with _active_lock:
        _stopping.set()
        running = list(_active)
        spares, _spare[:] = list(_spare), []
    for proc in running:
        _kill_group(proc)
    for spare in spares:  # once killed: a soffice still starting writes its profile
        spare.remove()
    return len(running)


def _kill_group(proc: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


@atexit.register
def _end_spare() -> None:
    """An unused spare ends with the process."""
    with _active_lock:
        spares, _spare[:] = list(_spare), []
    for spare in spares:
        spare.end()
