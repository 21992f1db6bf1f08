"""A soak run: the load bench's work, round after round, until the server's memory is flat.

``python bench/soak_bench.py`` starts one server and repeats the work of
``bench/load_bench.py`` (N concurrent students, N = ``LOAD_SESSIONS`` or 30:
each generates or uploads a data set of its own and trains) in fresh browser
sessions, round after round, printing the server's resident memory (VmRSS) and
peak (VmHWM) after each.  It stops when the RSS has been flat for
:data:`FLAT_ROUNDS` rounds in a row (each within :data:`FLAT_MB` of the round
before), or after :data:`MAX_ROUNDS` rounds.

After the last round, ``--trim`` asks the server's C library to give free
memory back to the system (``malloc_trim(0)`` through gdb) and prints the RSS
before and after: what it gives back was memory freed by Python but kept by
malloc, not live objects.

``--pause S`` waits S seconds between rounds (default 0: the next class comes
in at once).  ``--probe FILE`` starts the server with :mod:`bench.memory_probe`
and prints, after each round (and after each pause), what the memory holds:
malloc's bytes in use, free in its arenas and in mmaps of their own, Python's
objects, Streamlit's caches and sessions; the whole snapshots go to FILE, one JSON line each.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_bench import (  # noqa: E402
    ROUND_LIMIT,
    _round,
    _run_apart,
    memory_mb,
    plans,
    sessions_from_env,
)
from tests.browser.harness import StreamlitServer, chromium_path  # noqa: E402

#: Rounds in a row whose RSS stays within FLAT_MB of the round before: memory is flat.
FLAT_ROUNDS = 3
FLAT_MB = 15.0
MAX_ROUNDS = 10


def flat(rss: list[float], rounds: int = FLAT_ROUNDS, within: float = FLAT_MB) -> bool:
    """Whether the last ``rounds`` values each differ from the one before by at most ``within``."""
    if len(rss) < rounds + 1:
        return False
    tail = rss[-(rounds + 1) :]
    return all(abs(b - a) <= within for a, b in itertools.pairwise(tail))


def malloc_trim(pid: int) -> tuple[float, float] | None:
    """RSS (MB) of a process before and after ``malloc_trim(0)`` in it (None without gdb)."""
    gdb = shutil.which("gdb")
    if gdb is None:
        return None
    before, _ = memory_mb(pid)
    cmd = [gdb, "-p", str(pid), "-batch", "-ex", "call (int) malloc_trim(0)"]
    subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    after, _ = memory_mb(pid)
    return before, after


def probe(pid: int, path: Path, timeout: float = 120.0) -> dict:
    """Ask the server for a :mod:`bench.memory_probe` snapshot and return it."""
    lines = path.read_text().splitlines() if path.exists() else []
    os.kill(pid, signal.SIGUSR1)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = path.read_text().splitlines() if path.exists() else []
        if len(now) > len(lines):
            return json.loads(now[-1])
        time.sleep(0.5)
    return {"error": "no answer"}


def probe_line(snap: dict) -> str:
    """One printed line of a snapshot."""
    if "error" in snap:
        return f"probe: {snap['error']}"
    caches = sum(v for k, v in snap.get("stats_mb", {}).items() if k.startswith("st_cache"))
    files = sum(v for k, v in snap.get("stats_mb", {}).items() if not k.startswith("st_cache"))
    return (
        f"probe: RSS {snap['rss_mb']:.0f} MB = malloc in use {snap.get('in_use_mb', 0):.0f}"
        f" + free in arenas {snap.get('free_mb', 0):.0f} + mmapped {snap.get('mmapped_mb', 0):.0f}"
        f" (+ code, stacks); large bytes "
        f"{snap['big_bytes_mb']:.0f} MB, {snap['objects']:,} objects; "
        f"caches {caches:.0f} MB, media and uploaded files {files:.0f} MB; "
        f"{snap.get('sessions', '?')} sessions ({snap.get('active_sessions', '?')} active), "
        f"{snap['threads']} threads"
    )


def soak(
    n: int,
    *,
    pause: float = 0.0,
    max_rounds: int = MAX_ROUNDS,
    trim: bool = False,
    probe_path: Path | None = None,
) -> list:
    """Run rounds of n sessions until the RSS is flat; print and return (rss, peak, failures)."""
    chromium = chromium_path()
    if chromium is None:
        print("  skipped: no Chromium (apt-get install chromium)")
        return []
    env = {}
    if probe_path is not None:
        probe_path.unlink(missing_ok=True)
        paths = [str(ROOT / "bench" / "probe"), str(ROOT), os.environ.get("PYTHONPATH", "")]
        env |= {"PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        env |= {"LOGREG_PROBE": str(probe_path)}
    plan_list = plans(n)
    rows, rss = [], []
    with StreamlitServer(env=env) as server:
        start, _ = memory_mb(server.pid)
        print(f"  server RSS at start: {start:.0f} MB")
        if probe_path is not None:
            print("  " + probe_line(probe(server.pid, probe_path)), flush=True)
        for r in range(1, max_rounds + 1):
            sessions, took = _run_apart(_round(server.url, plan_list, ROUND_LIMIT, chromium))
            now, peak = memory_mb(server.pid)
            failed = sum(1 for s in sessions if s.error)
            rss.append(now)
            rows.append((now, peak, failed))
            change = f"{now - rss[-2]:+.0f} MB" if len(rss) > 1 else f"{now - start:+.0f} MB"
            print(
                f"  round {r}: RSS {now:.0f} MB ({change}), peak {peak:.0f} MB, "
                f"{n - failed}/{n} sessions without error, {took:.0f} s",
                flush=True,
            )
            if probe_path is not None:
                print("    " + probe_line(probe(server.pid, probe_path)), flush=True)
            if flat(rss):
                print(f"  flat for {FLAT_ROUNDS} rounds (each within {FLAT_MB:.0f} MB)")
                break
            if pause:
                time.sleep(pause)
                if probe_path is not None:
                    print(f"    after {pause:.0f} s: " + probe_line(probe(server.pid, probe_path)))
        else:
            print(f"  not flat after {max_rounds} rounds")
        if trim and (trimmed := malloc_trim(server.pid)) is not None:
            before, after = trimmed
            print(f"  malloc_trim(0): RSS {before:.0f} MB -> {after:.0f} MB")
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between rounds")
    parser.add_argument("--max-rounds", type=int, default=MAX_ROUNDS)
    parser.add_argument("--trim", action="store_true", help="malloc_trim(0) after the last round")
    parser.add_argument("--probe", type=Path, help="JSON lines of memory snapshots go here")
    args = parser.parse_args(argv)
    n = sessions_from_env()
    print(f"soak: {n} concurrent browser sessions a round on one server")
    soak(
        n,
        pause=args.pause,
        max_rounds=args.max_rounds,
        trim=args.trim,
        probe_path=args.probe,
    )


if __name__ == "__main__":
    main()
