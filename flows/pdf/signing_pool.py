"""Signing in worker processes. pyHanko is pure Python: signing in threads holds the one
interpreter lock that rendering, splitting and bookkeeping need too, so letters are signed in
a pool of processes (one per core), each holding the same certificates."""

from __future__ import annotations

import atexit
import multiprocessing
import os
import threading
from concurrent.futures import Future, ProcessPoolExecutor

from flows.pdf.letter_signing import SignRequest, sign_letter
from flows.pdf.signing import PdfSigner, PyHankoSigner, from_key_and_certificate, with_timestamps
from flows.processes import watch_parent

Material = tuple[bytes, bytes, tuple[bytes, ...], str | None]
"""A signer as bytes: private key, certificate, chain, timestamp authority."""

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_workers_signers: dict[Material, PyHankoSigner] = {}
"""In a worker: the signers built so far."""

WORKERS_ENV = "NASKAH_PROSES_TANDA_TANGAN"
"""Signing processes (0: sign in the calling thread); default one per core."""


def submit(request: SignRequest, chain: list[PdfSigner]) -> Future[bytes]:
    """``request`` being signed by ``chain``: in the pool when every signer can travel
    there, else here and now."""
    if not all(isinstance(s, PyHankoSigner) for s in chain) or _workers() == 0:
        done: Future[bytes] = Future()
        try:
            done.set_result(sign_letter(request, chain))
        except Exception as exc:
            done.set_exception(exc)
        return done
    material = tuple(_material(s) for s in chain)  # type: ignore[arg-type]
    return _executor().submit(_work, material, request)


def start() -> None:
    """Start every worker now and have each import pyHanko, so that the first signature
    does not wait for that; returns when they are ready."""
    workers = _workers()
    if workers:
        pool = _executor()
        for job in [pool.submit(_ready) for _ in range(workers)]:
            job.result()


def _ready() -> int:
    """In a worker: nothing, but running it imports this module, and so pyHanko (about a
    second of CPU), before the first letter is there to sign."""
    return os.getpid()


def shutdown() -> None:
    """Stop the workers (at exit, or when a run is cancelled)."""
    global _pool
    with _lock:
        pool, _pool = _pool, None
    if pool is not None:
        pool.shutdown(wait=False, cancel_futures=True)


def _workers() -> int:
    value = os.environ.get(WORKERS_ENV)
    return int(value) if value and value.isdigit() else (os.cpu_count() or 1)


def _executor() -> ProcessPoolExecutor:
    global _pool
    with _lock:
        if _pool is None:
            # spawn, not fork: the parent runs threads (Prefect, LibreOffice watchers).
            _pool = ProcessPoolExecutor(_workers(), mp_context=multiprocessing.get_context(
                "spawn"), initializer=watch_parent, initargs=(os.getpid(),))
        return _pool


def _material(signer: PyHankoSigner) -> Material:
    inner = signer.signer
    certificate, key = inner.signing_cert, inner.signing_key
    assert certificate is not None and key is not None  # a PyHankoSigner has both
    chain = tuple(c.dump() for c in inner.cert_registry if c.dump() != certificate.dump())
    url = getattr(signer.timestamper, "url", None)
    return key.dump(), certificate.dump(), chain, url


def _work(material: tuple[Material, ...], request: SignRequest) -> bytes:
    chain: list[PdfSigner] = []
    for item in material:
        if item not in _workers_signers:
            key, certificate, others, url = item
            _workers_signers[item] = with_timestamps(
                from_key_and_certificate(key, certificate, others), url)
        chain.append(_workers_signers[item])
    return sign_letter(request, chain)


atexit.register(shutdown)
