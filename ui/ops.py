"""The server's upkeep, which no student sees: malloc set, a trim after runs, a reconnect timer.

app.py calls :func:`set_malloc` at the top of every run (it acts once per
process), :func:`rerun_on_reconnect` where the page is laid out, and
:func:`run_ended` when the page's script ends.  ``LOGREG_OPS=off`` in the
server's environment turns all three off (read on each call).

Malloc: every run builds figures and payloads of a few megabytes that are
freed when it ends, and with glibc's defaults that memory mostly stays with
the process, so its RSS creeps up while the live data does not grow
(bench/README.md has the soak's figures, before and after).  Here, once per
process and so on every host, Community Cloud too (the Dockerfile and
``deploy/`` set nothing): at most :data:`ARENAS` arenas, a fixed
:data:`MMAP_THRESHOLD` (a block this large gets pages of its own, returned
when it is freed; glibc's default moves the threshold up to the largest block
freed so far), and a fixed :data:`TRIM_THRESHOLD`.  What the arenas still
keep, a background thread returns with ``malloc_trim(0)``, at most once every
:data:`TRIM_EVERY` seconds and only after a run ended (:class:`MemoryKeeper`).

Reconnecting: Streamlit's browser client reruns a page after its websocket
reconnects only if the page has a timed fragment.  Behind a load balancer
that rerun lands on another replica with a fresh session and rebuilds the
setup from the address bar at once (``ui/share.py``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
import threading

import streamlit as st

__all__ = [
    "ARENAS",
    "ENV_VAR",
    "MMAP_THRESHOLD",
    "RECONNECT_EVERY",
    "TRIM_EVERY",
    "TRIM_THRESHOLD",
    "MemoryKeeper",
    "configure_malloc",
    "enabled",
    "rerun_on_reconnect",
    "run_ended",
    "set_malloc",
]

#: The switch: ``off`` (or 0, false, no) turns the upkeep off.
ENV_VAR = "LOGREG_OPS"
_OFF = frozenset({"off", "0", "false", "no"})
#: How often the reconnect fragment reruns itself when nothing else happens.
RECONNECT_EVERY = "1h"

#: Malloc arenas the server may use.
ARENAS = 2
#: Bytes from which a block gets pages of its own (glibc's starting value, held fixed).
MMAP_THRESHOLD = 128 * 1024
#: Free bytes at the top of an arena beyond which malloc returns them at once.
TRIM_THRESHOLD = 1024 * 1024
#: Seconds between two malloc_trim calls of the process, at the least.
TRIM_EVERY = 30.0
#: glibc's mallopt parameter numbers (malloc.h).
_M_TRIM_THRESHOLD = -1
_M_MMAP_THRESHOLD = -3
_M_ARENA_MAX = -8


def _libc():
    """glibc, or None where there is none (macOS, Windows, musl)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    if not all(hasattr(libc, name) for name in ("mallopt", "malloc_trim", "gnu_get_libc_version")):
        return None
    libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    libc.malloc_trim.argtypes = [ctypes.c_size_t]
    return libc


_configured: list[bool] = []


def configure_malloc(
    *,
    arenas: int = ARENAS,
    mmap_threshold: int = MMAP_THRESHOLD,
    trim_threshold: int = TRIM_THRESHOLD,
) -> bool:
    """Set glibc's malloc, once per process (a later call changes nothing).

    Parameters
    ----------
    arenas, mmap_threshold, trim_threshold : int
        ``M_ARENA_MAX``, ``M_MMAP_THRESHOLD`` (setting it stops glibc's moving
        threshold) and ``M_TRIM_THRESHOLD``, the last two in bytes.

    Returns
    -------
    bool
        True when glibc took all three settings (now or on an earlier call);
        False where there is no glibc (macOS, Windows, musl).
    """
    if _configured:
        return _configured[0]
    libc = _libc()
    ok = libc is not None and all(
        libc.mallopt(param, int(value))
        for param, value in (
            (_M_ARENA_MAX, arenas),
            (_M_MMAP_THRESHOLD, mmap_threshold),
            (_M_TRIM_THRESHOLD, trim_threshold),
        )
    )
    _configured.append(bool(ok))
    return bool(ok)


class MemoryKeeper:
    """A daemon thread that calls ``malloc_trim(0)`` after runs, at most once a period.

    Parameters
    ----------
    every : float, default TRIM_EVERY
        Seconds between two checks.  A check trims if :meth:`run_ended` was
        called since one of the two checks before it: memory freed just after
        a check (the run's last messages leaving) goes back at the next.
    trim : callable () -> object, optional
        What a trim does; by default glibc's ``malloc_trim(0)`` (nothing without glibc).
    """

    def __init__(self, *, every: float = TRIM_EVERY, trim=None) -> None:
        if not every > 0:
            raise ValueError(f"every must be > 0 seconds, got {every!r}")
        self.every = float(every)
        if trim is None:
            libc = _libc()
            trim = (lambda: libc.malloc_trim(0)) if libc is not None else (lambda: None)
        self._trim = trim
        self._pending = 0  # checks that still trim: 2 after a run ended
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        #: Trims made so far.
        self.trims = 0

    def run_ended(self) -> None:
        """Note that a script run ended (its figures and messages are being freed)."""
        self._pending = 2
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._loop, name="logreg-memory-keeper", daemon=True
                )
                self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Stop the thread (tests)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def check(self) -> bool:
        """One check: trim if a run ended since one of the last two checks. True when it trimmed."""
        if self._pending <= 0:
            return False
        self._pending -= 1
        self._trim()
        self.trims += 1
        return True

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            self.check()


_keeper = MemoryKeeper()


def enabled() -> bool:
    """False when the environment variable :data:`ENV_VAR` says ``off``; True otherwise."""
    return os.environ.get(ENV_VAR, "").strip().lower() not in _OFF


def set_malloc() -> bool:
    """Call at the top of every run: malloc set, once per process; False when off or no glibc."""
    return enabled() and configure_malloc()


@st.fragment(run_every=RECONNECT_EVERY)
def _reconnect_timer() -> None:
    """Draws nothing; its timer makes the browser rerun the page when its websocket reconnects."""


def rerun_on_reconnect() -> None:
    """Call once in every run, in the page's layout: the timed fragment (see above), unless off."""
    if enabled():
        _reconnect_timer()


def run_ended() -> None:
    """Call at the end of every script run: freed memory goes back within TRIM_EVERY seconds."""
    if enabled():
        _keeper.run_ended()
