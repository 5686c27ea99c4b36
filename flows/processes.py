"""Child processes: tied to naskah's life, and waited for until they answer.

Stdlib only, and imports nothing of naskah but its errors: every layer that starts a process
(the Prefect servers, the desk's worker, the signing pool) may use it.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
import time
import urllib.request

from flows.errors import EngineError


def die_with_parent() -> None:
    """In a child, before it runs (``preexec_fn``): Linux ends it when naskah ends, however
    naskah ends (killed, not only Ctrl-C), so no server is left behind holding its port."""
    import ctypes
    import signal

    with contextlib.suppress(OSError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def watch_parent(parent: int) -> None:
    """In a worker process (an executor's ``initializer``): end when the process that
    started it ends, however it ends (killed, a full disk, a crash), so no worker holding the
    office's key outlives its run. (Not PR_SET_PDEATHSIG: that fires when the starting
    *thread* ends, and a pool outlives the Prefect task thread that first used it.)"""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, name="naskah-induk", daemon=True).start()


def api_request(url: str, auth: str | None) -> urllib.request.Request:
    """A request to a Prefect API that requires an auth string (``user:password``, sent as
    HTTP basic authentication, as Prefect's clients do); without one, a plain request."""
    request = urllib.request.Request(url)
    if auth:
        import base64

        request.add_header("Authorization",
                           "Basic " + base64.b64encode(auth.encode("utf-8")).decode("ascii"))
    return request


def wait_until_healthy(process: subprocess.Popen[bytes] | None,
                       request: urllib.request.Request | str, timeout_s: float, *,
                       died: str, late: str, poll_s: float = 0.5,
                       answer_timeout_s: float = 2) -> None:
    """Until ``request`` answers (any 2xx/3xx), while ``process`` (None: nobody) still runs.

    EngineError with ``died`` (``{code}`` is the exit code) when the process ends first, with
    ``late`` when ``timeout_s`` passes.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise EngineError(died.format(code=process.returncode))
        try:
            with urllib.request.urlopen(request, timeout=answer_timeout_s):
                return
        except OSError:
            time.sleep(poll_s)
    raise EngineError(late)
