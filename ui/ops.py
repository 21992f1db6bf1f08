"""The server's upkeep, which no student sees: malloc set, a trim after runs, a reconnect timer.

``app.py`` calls three functions, in this order:

- :func:`set_malloc` once at the top of every run (it acts once per process):
  glibc's malloc set so that freed memory goes back to the system;
- :func:`rerun_on_reconnect` where the page is laid out: a timed fragment that
  draws nothing, so the browser reruns the page after its websocket reconnects;
- :func:`run_ended` when the page's script ends: freed memory goes back
  within :data:`TRIM_EVERY` seconds.

The switch
----------
``LOGREG_OPS=off`` in the server's environment (``LOGREG_OPS=off streamlit
run app.py``) turns all three off: glibc's own malloc settings, no trim
thread, no timed fragment.  For measuring the app without them, or on a host
where they misbehave; unset (or any other value), they are on.  It is read on
each call, so a test can set it.

Malloc
------
Each Streamlit session runs its script in a thread of its own, and every run
builds figures, a player payload and messages of a few megabytes that are
freed when it ends.  With glibc's defaults that freed memory mostly stays
with the process, so the server's resident memory creeps up when the same
work repeats, though the live data does not grow.
``python bench/soak_bench.py --probe FILE`` shows it: after each 30-student
round malloc had about 150 MB in use, the same every round, and 259, 313,
313 and then 362 MB free in its arenas; nothing was in mmaps of its own
(bench/README.md).

Three settings of glibc's malloc, made once per process on the app's first
run, so every host gets them, Community Cloud too, where the environment
cannot be set before the server starts (this is their one home: the
Dockerfile and ``deploy/replicas.py`` set nothing):

- :data:`ARENAS` arenas at most.  Busy threads otherwise get arenas of their
  own (up to 8 per core), each keeping its own free memory in pieces.
- A fixed :data:`MMAP_THRESHOLD`.  A block at least this large gets pages of
  its own, which go back to the system the moment it is freed.  glibc's
  default moves this threshold up to the largest block freed so far (up to
  32 MB), so after the first large figure every payload and figure of the
  same size came from the arenas and stayed there once freed.
- A fixed trim threshold (:data:`TRIM_THRESHOLD`): free memory at the top of
  an arena beyond it is returned at once.

What the arenas still keep, a background thread returns with
``malloc_trim(0)``: at most once every :data:`TRIM_EVERY` seconds, and only
when a script run has ended since one of the last two checks
(:func:`run_ended`), so a class that has gone quiet costs nothing and no
student's run waits for a trim.  The measured effect, the same soak after:
RSS 306, 312, 316, 320 MB, flat; the peak 396 MB instead of 617 MB.
The fixed threshold has a price for large data: each array of 16,384
float64 or more that the training loop makes on every step (z, a, dz …,
one row of m values) then gets fresh pages, faulted in and given back each
time.  ``python bench/ops_bench.py`` measured ``train`` 4.8 times as slow as
under glibc's defaults at m = 100,000 (2.61 s against 0.54 s for 500
steps, 1,768 page faults a step against none) and 3.5 times at m = 20,000;
below 16,384 examples (the default data has 200) no such array reaches the
threshold.  A threshold of 4 MiB cost nothing there (bench/README.md);
whether it keeps the soak's memory flat is not measured yet.

Reconnecting
------------
Streamlit's browser client reruns a page after a reconnect only if the page
has a timed fragment.  Behind a load balancer, a reconnect after a replica
died lands on another replica with a fresh session: the rerun rebuilds the
student's setup from the address bar at once (``ui/share.py``), instead of
leaving the old page on screen until the next click.  Once every
:data:`RECONNECT_EVERY` the fragment reruns itself alone, which costs nothing.
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
    """Set glibc's arena count, mmap threshold and trim threshold, once per process.

    Parameters
    ----------
    arenas : int, default ARENAS
        Malloc arenas at most (``M_ARENA_MAX``).
    mmap_threshold : int, default MMAP_THRESHOLD
        Bytes from which a block is mmapped on its own (``M_MMAP_THRESHOLD``);
        setting it turns off glibc's moving threshold.
    trim_threshold : int, default TRIM_THRESHOLD
        Free bytes at an arena's top that malloc returns at once
        (``M_TRIM_THRESHOLD``).

    Returns
    -------
    bool
        True when glibc took all three settings (now or on an earlier call);
        False where there is no glibc (macOS, Windows, musl), which changes
        nothing else.
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
        What a trim does; by default glibc's ``malloc_trim(0)``, and nothing
        where there is no glibc.
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
        if self._thread is None:
            self.start()

    def start(self) -> None:
        """Start the thread (once; later calls do nothing)."""
        with self._lock:
            if self._thread is not None:
                return
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


# ---------------------------------------------------------------------------
# what app.py calls
# ---------------------------------------------------------------------------


def enabled() -> bool:
    """False when the environment variable :data:`ENV_VAR` says ``off``; True otherwise."""
    return os.environ.get(ENV_VAR, "").strip().lower() not in _OFF


def set_malloc() -> bool:
    """Call at the top of every run: glibc's malloc set as above, once per process.

    Returns
    -------
    bool
        True when the settings hold; False when the switch is off or there is
        no glibc.
    """
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
