"""What a running server's memory holds, written on request: live objects or kept free memory.

A bench tool, never imported by the app.  ``bench/soak_bench.py --probe``
starts the server with ``bench/probe`` first on ``PYTHONPATH``; its
``sitecustomize`` calls :func:`install`, which makes SIGUSR1 append one JSON
line to the file named by the environment variable ``LOGREG_PROBE``:

- the resident set (VmRSS) and its peak;
- glibc's ``mallinfo2``: bytes malloc has handed out (``in_use``), bytes it
  holds free inside its arenas (``free``; glibc counts them until they are
  reused, even those a trim has given back), and bytes in mmaps of their own
  (``mmapped``, live blocks).  RSS growth with ``in_use`` and ``mmapped`` flat
  is memory Python freed but malloc kept; their growth is live data;
- after ``gc.collect()``: Python's allocated blocks, the count of objects by
  type (the 25 most common), and the bytes of the ``bytes`` objects over
  1 KB that tracked objects hold (numpy arrays are not tracked by the gc);
- Streamlit's own accounting (``Runtime.stats_mgr``): the bytes of every
  cache, the session state and the uploaded and media files, by cache name;
- the sessions Streamlit holds (active, and kept after their tab closed) and
  the threads.

The work runs in a thread of its own (the handler only sets an event), so the
server's event loop is not held while it counts.
"""

from __future__ import annotations

import collections
import ctypes
import ctypes.util
import gc
import json
import os
import signal
import sys
import threading
import time

__all__ = ["install", "malloc_info", "process_memory", "snapshot"]


class _Mallinfo2(ctypes.Structure):
    _fields_ = [
        (name, ctypes.c_size_t)
        for name in (
            "arena", "ordblks", "smblks", "hblks", "hblkhd",
            "usmblks", "fsmblks", "uordblks", "fordblks", "keepcost",
        )
    ]  # fmt: skip


def malloc_info() -> dict:
    """glibc's mallinfo2 in MB: arenas, in use, free in arenas, mmapped ({} without glibc)."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        fn = libc.mallinfo2
    except (OSError, AttributeError):
        return {}
    fn.restype = _Mallinfo2
    m = fn()
    mb = 1e6
    return {
        "arena_mb": m.arena / mb,
        "in_use_mb": m.uordblks / mb,
        "free_mb": m.fordblks / mb,
        "mmapped_mb": m.hblkhd / mb,
        "mmapped_chunks": m.hblks,
        "top_releasable_mb": m.keepcost / mb,
    }


def process_memory() -> dict:
    """This process's VmRSS and VmHWM in MB, and its thread count, from /proc/self/status."""
    out = {}
    with open("/proc/self/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM", "Threads"):
                out[name] = int(value.split()[0])
    return {
        "rss_mb": out.get("VmRSS", 0) * 1024 / 1e6,
        "peak_mb": out.get("VmHWM", 0) * 1024 / 1e6,
        "threads": out.get("Threads", 0),
    }


def _objects() -> dict:
    gc.collect()
    counts: collections.Counter = collections.Counter()
    bytes_bytes = 0
    for obj in gc.get_objects():
        counts[type(obj).__qualname__] += 1
    # bytes are not tracked by the gc: reach them through the objects that hold them
    seen = set()
    for obj in gc.get_objects():
        for ref in gc.get_referents(obj):
            if type(ref) is bytes and id(ref) not in seen and len(ref) > 1024:
                seen.add(id(ref))
                bytes_bytes += len(ref)
    return {
        "blocks": sys.getallocatedblocks(),
        "objects": sum(counts.values()),
        "big_bytes_mb": bytes_bytes / 1e6,
        "top_types": counts.most_common(25),
    }


def _streamlit() -> dict:
    try:
        from streamlit.runtime import Runtime

        runtime = Runtime.instance()
    except Exception:  # not started yet
        return {}
    by_name: collections.Counter = collections.Counter()
    from streamlit.runtime.stats import CACHE_MEMORY_FAMILY

    for stat in runtime.stats_mgr.get_stats([CACHE_MEMORY_FAMILY]).get(CACHE_MEMORY_FAMILY, []):
        by_name[f"{stat.category_name}:{stat.cache_name}"] += stat.byte_length
    mgr = runtime._session_mgr
    sessions = mgr.list_sessions()
    active = mgr.list_active_sessions()
    return {
        "stats_mb": {k: round(v / 1e6, 3) for k, v in by_name.most_common()},
        "sessions": len(sessions),
        "active_sessions": len(active),
    }


def snapshot() -> dict:
    """Everything :mod:`bench.memory_probe` reports, as one dict."""
    before = process_memory()
    return {
        "time": time.time(),
        **before,
        **malloc_info(),
        **_objects(),
        **_streamlit(),
    }


def install(path: str | None = None) -> None:
    """Append a :func:`snapshot` line to ``path`` (default $LOGREG_PROBE) on each SIGUSR1."""
    path = path or os.environ.get("LOGREG_PROBE")
    if not path:
        return
    wanted = threading.Event()

    def work() -> None:
        while True:
            wanted.wait()
            wanted.clear()
            try:
                line = json.dumps(snapshot())
            except Exception as err:  # a probe must not take the server down
                line = json.dumps({"error": repr(err)})
            with open(path, "a") as f:
                f.write(line + "\n")

    threading.Thread(target=work, name="memory-probe", daemon=True).start()
    signal.signal(signal.SIGUSR1, lambda *_: wanted.set())
