"""At most two malloc arenas for the server: less freed memory kept by malloc.

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
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

__all__ = ["ARENAS", "limit_malloc_arenas"]

#: Malloc arenas the server may use.
ARENAS = 2
#: glibc's mallopt parameter number of M_ARENA_MAX (malloc.h).
_M_ARENA_MAX = -8
_done: list[bool] = []


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
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
            mallopt = libc.mallopt
        except (OSError, AttributeError):
            mallopt = None
        if mallopt is not None:
            mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
            ok = bool(mallopt(_M_ARENA_MAX, int(arenas)))
    _done.append(ok)
    return ok
