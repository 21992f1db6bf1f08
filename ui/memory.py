"""Freed memory given back: at most two malloc arenas, and a malloc_trim now and then.

Each Streamlit session runs its script in a thread of its own, and glibc's
malloc gives busy threads arenas of their own (up to 8 per core).  Memory that
Python frees in one of them stays with that arena, in pieces, so the server's
resident memory creeps up when the same work repeats
(``python bench/soak_bench.py --trim`` measures it: malloc_trim gives about
100 MB back after 30-student rounds).  Two arenas, as ``MALLOC_ARENA_MAX=2``
in the environment would set (the Dockerfile and ``deploy/replicas.py`` do),
lowered the RSS after the first two rounds by about 60 MB but do not stop the
creep by themselves (bench/README.md).  Hosts where the environment cannot be
set before the server starts (Community Cloud) get the same glibc setting
here, on the first script run, for every thread started after it.

What the arenas still keep, :func:`give_back_freed_memory` returns to the
system: ``malloc_trim(0)``, at most once every :data:`TRIM_EVERY` seconds for
the whole process, called at the start of each rerun (so it follows the runs
and figures that the last reruns freed).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading
import time

__all__ = ["ARENAS", "TRIM_EVERY", "give_back_freed_memory", "limit_malloc_arenas"]

#: Malloc arenas the server may use.
ARENAS = 2
#: glibc's mallopt parameter number of M_ARENA_MAX (malloc.h).
_M_ARENA_MAX = -8
_done: list[bool] = []
#: Seconds between two malloc_trim calls of the process, at the least.
TRIM_EVERY = 30.0
_trim_lock = threading.Lock()
_last_trim = [-float("inf")]


def _libc():
    """glibc, or None where there is none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_malloc_arenas(arenas: int = ARENAS) -> bool:
    """Ask glibc for at most ``arenas`` malloc arenas, once per process.

    Returns
    -------
    bool
        True when glibc accepted the setting (now or on an earlier call);
        False where there is no glibc (macOS, Windows, musl), which changes
        nothing else.
    """
    if _done:
        return _done[0]
    ok = False
    libc = _libc()
    if libc is not None:
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        ok = bool(libc.mallopt(_M_ARENA_MAX, int(arenas)))
    _done.append(ok)
    return ok


def give_back_freed_memory(*, every: float = TRIM_EVERY, clock=time.monotonic) -> bool:
    """``malloc_trim(0)``: freed memory back to the system, at most once every ``every`` seconds.

    One call per process and period does the work (the others return at once),
    so a class of thirty rerunning together trims once.

    Parameters
    ----------
    every : float, default TRIM_EVERY
        Seconds that must have passed since the last trim.
    clock : callable () -> float, default time.monotonic

    Returns
    -------
    bool
        True when this call trimmed; False when it was too soon or there is
        no glibc.
    """
    now = clock()
    if now - _last_trim[0] < every or not _trim_lock.acquire(blocking=False):
        return False
    try:
        if now - _last_trim[0] < every:
            return False
        _last_trim[0] = now
        libc = _libc()
        if libc is None:
            return False
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
        libc.malloc_trim(0)
        return True
    finally:
        _trim_lock.release()
