"""Freed memory given back to the system: how glibc's malloc is set, and a trim after runs.

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
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
import threading

__all__ = [
    "ARENAS",
    "MMAP_THRESHOLD",
    "TRIM_EVERY",
    "TRIM_THRESHOLD",
    "MemoryKeeper",
    "configure_malloc",
    "run_ended",
]

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


def run_ended() -> None:
    """Call at the end of every script run: freed memory goes back within TRIM_EVERY seconds."""
    _keeper.run_ended()
