"""Replicas behind HAProxy: sessions per replica, memory per replica, recovery after a replica dies.

``python bench/replica_bench.py`` starts 3 replicas and HAProxy
(``deploy/replicas.py``), opens 15 students on the Train page one after the
other (as ``tests/deploy/`` does: a browser context each, a link of its own),
and prints how HAProxy's sticky cookie spread them, each replica's resident
memory, and, after one replica is killed with SIGKILL, how long each of its
students waited for the page to come back on another replica.
``REPLICAS`` and ``STUDENTS`` in the environment change the numbers.

``python bench/replica_bench.py --ramp`` sizes one replica instead: rounds of
1, 2, 4, 8, … concurrent students on one server (``bench/load_bench.py``'s
work: a data set of their own, then a trained run drawn), until the slowest
student's trained run takes more than 10 s from opening the page.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_bench import memory_mb, run_load  # noqa: E402
from tests.browser.harness import chromium_path, launch_chromium  # noqa: E402
from tests.deploy.classroom import (  # noqa: E402
    Cluster,
    Student,
    expected_cost,
    haproxy_path,
    student_links,
)

PORT = 8740
#: The slowest trained run a class should wait for, in seconds (the sizing figure).
SLOW_S = 10.0
RAMP = (1, 2, 4, 6, 8, 12, 16, 24, 30)


def _load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def replicas(n_replicas: int = 3, n_students: int = 15) -> None:
    """Print sessions per replica, memory per replica and the recovery after a SIGKILL."""
    from playwright.sync_api import sync_playwright

    print(f"{n_students} students on {n_replicas} replicas behind HAProxy (load {_load()}):")
    with Cluster(n_replicas, PORT) as cluster, sync_playwright() as p:
        idle = {r.name: memory_mb(r.pid)[0] for r in cluster.replicas}
        browser = launch_chromium(p)
        students = []
        try:
            start = time.perf_counter()
            for i, params in enumerate(student_links(n_students)):
                students.append(Student(i, params).open(browser, cluster.url))
            opened = time.perf_counter() - start
            counts = Counter(s.replica() for s in students)
            print(f"  {n_students} students opened one after the other in {opened:.0f} s")
            print(f"  sessions per replica: {dict(sorted(counts.items()))}")
            for r in cluster.replicas:
                rss, peak = memory_mb(r.pid)
                print(
                    f"  {r.name}: RSS {idle[r.name]:.0f} MB idle, {rss:.0f} MB with "
                    f"{counts[r.name]} students (peak {peak:.0f} MB)"
                )
            victim = max(counts, key=counts.get)
            moved = [s for s in students if s.replica() == victim]
            sockets = {s.index: len(s.sockets) for s in moved}
            killed = time.monotonic()
            cluster.by_name(victim).kill()
            back = [s.wait_moved(victim, sockets[s.index], killed + 300) for s in moved]
            waits = sorted(at - killed for at in back)
            wrong = [s.index for s in moved if s.cost() != expected_cost(s.params)]
            print(
                f"  SIGKILL of {victim} ({len(moved)} students): each back on another replica "
                f"after {', '.join(f'{w:.1f}' for w in waits)} s, "
                f"{len(moved) - len(wrong)} of them with the engine's J for their link "
                f"(load {_load()})"
            )
            after = Counter(s.replica() for s in students)
            print(f"  sessions per replica after: {dict(sorted(after.items()))}")
        finally:
            for s in students:
                s.close()
            browser.close()


def ramp(steps: tuple[int, ...] = RAMP) -> None:
    """Concurrent students on one server until the slowest trained run passes SLOW_S.

    A trained run is timed from the click on Train to the animation's first
    frame of the trained run (gradient descent, its frames, the payload sent
    and drawn), after the student made a data set of their own on the Data page.
    """
    print(f"students per replica until the slowest trained run passes {SLOW_S:.0f} s:")
    for n in steps:
        fig = run_load(n, rounds=1)
        slow = max(fig.rounds[0], key=lambda s: s.train_seconds)
        print(
            f"  {n:>2} at once: slowest trained run {slow.train_seconds:.1f} s (whole session "
            f"{fig.slowest(0).seconds:.1f} s), peak RSS {fig.peak_mb[0]:.0f} MB, "
            f"{len(fig.failures)} failed (load {_load()})",
            flush=True,
        )
        if slow.train_seconds > SLOW_S:
            print(f"  passes {SLOW_S:.0f} s at {n} students on one replica, on this machine")
            return
    print(f"  stays under {SLOW_S:.0f} s up to {steps[-1]} students")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ramp", action="store_true", help="size one replica instead")
    args = parser.parse_args(argv)
    if chromium_path() is None or (not args.ramp and haproxy_path() is None):
        print("skipped: needs Chromium and haproxy (apt-get install chromium haproxy)")
        return
    if args.ramp:
        ramp()
    else:
        replicas(int(os.environ.get("REPLICAS", 3)), int(os.environ.get("STUDENTS", 15)))


if __name__ == "__main__":
    main()
