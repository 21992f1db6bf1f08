"""Print the project's performance and size figures: `python bench/run.py`.

Ratios are measured in one run on this machine, so machine noise cancels;
nothing here is asserted by the tests.  ``python bench/run.py --steps`` prints
the step ratios alone, ``--budget`` the figures of the work budget's constants.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench import (  # noqa: E402
    app_bench,
    browser_bench,
    budget_bench,
    csv_bench,
    engine_bench,
    ops_bench,
)

#: (examples, iterations) of the step ratios, and the most each ratio may be.
STEP_RUNS = ((200, 1_000_000, 1 / 3), (100_000, 300, 1.1))


def textbook_loop(X, Y, learning_rate, num_iterations):
    """Lesson 7's vectorized loop, bare: σ, dZ, dw, db and the update (no J, record or rule)."""
    n, m = X.shape
    w, b = np.zeros((n, 1)), 0.0
    for _ in range(num_iterations):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        dZ = A - Y
        dw = X @ dZ.T / m
        db = np.sum(dZ) / m
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b


def _data(m: int, seed: int = 2):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(np.int64).reshape(1, m)
    return rng.normal(size=(2, m)) + 0.8 * (2 * Y - 1), Y


def _engine(X, Y, iterations: int, kernel: str | None = None) -> float:
    """Seconds of ``train`` (J, records, stop rules, a progress callback), with LOGREG_KERNEL."""
    from logreg_core.kernel import ENV_VAR
    from logreg_core.train import train

    before = os.environ.pop(ENV_VAR, None)
    if kernel is not None:
        os.environ[ENV_VAR] = kernel
    try:
        start = time.perf_counter()
        train(X, Y, learning_rate=0.1, num_iterations=iterations, on_progress=lambda s, t: None)
        return time.perf_counter() - start
    finally:
        os.environ.pop(ENV_VAR, None)
        if before is not None:
            os.environ[ENV_VAR] = before


def step_ratios(print_fn=print, numpy_iterations: int = 100_000) -> list[dict]:
    """The engine against lesson 7's textbook loop, same data, in one run.

    At m = 200 × 1,000,000 iterations and m = 100,000 × 300 (two features):
    ``train`` with its compiled kernel, and with the numpy reference step
    (``LOGREG_KERNEL=numpy``, on ``numpy_iterations`` at m = 200, compared
    step for step).  The kernel is compiled (or loaded from its cache) first.
    The short runs are repeated, interleaved, and the best of each kept; the
    machine's load average is printed before and after.
    """
    from logreg_core.kernel import compiled

    start = time.perf_counter()
    ready = "ready" if compiled() is not None else "not available"
    took = time.perf_counter() - start
    print_fn(f"compiled kernel: {ready} ({took:.2f} s to import Numba and compile or load it)")
    print_fn("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    rows = []
    for m, iterations, target in STEP_RUNS:
        X, Y = _data(m)
        repeats = 1 if m * iterations > 10**8 else 5
        book = engine = float("inf")
        for _ in range(repeats):
            start = time.perf_counter()
            textbook_loop(X, Y, 0.1, iterations)
            book = min(book, time.perf_counter() - start)
            engine = min(engine, _engine(X, Y, iterations))
        numpy_its = min(iterations, numpy_iterations)
        ref = min(_engine(X, Y, numpy_its, "numpy") for _ in range(repeats))
        ref *= iterations / numpy_its
        row = {"m": m, "iterations": iterations, "engine_s": engine, "textbook_s": book,
               "numpy_s": ref, "ratio": engine / book, "numpy_ratio": ref / book}  # fmt: skip
        rows.append(row)
        print_fn(
            f"m = {m:,}, {iterations:,} iterations: engine {engine:.2f} s, textbook loop "
            f"{book:.2f} s, ratio {row['ratio']:.2f} (target ≤ {target:.2f}); numpy reference "
            f"step {row['numpy_ratio']:.2f} × the textbook loop"
            + (f" (on {numpy_its:,} iterations)" if numpy_its < iterations else "")
        )
    print_fn("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    return rows


#: (examples, features, steps) timed for the work budget's constants.
BUDGET_SHAPES = ((200, 2, 200_000), (5_000, 2, 20_000), (100_000, 2, 300),
                 (40_000, 5, 1000), (100_000, 7, 300))  # fmt: skip


def budget_figures(print_fn=print) -> list[dict]:
    """A step's CPU time for several shapes, then the largest allowed runs, wall and CPU.

    What the constants of logreg_core/budget.py are fitted to: CPU time (best
    of 3), which a busy machine inflates less than the wall clock.
    """
    from bench.budget_bench import SHAPES
    from bench.budget_bench import _data as shaped
    from logreg_core.budget import MAX_WORK, max_iterations_within, run_work
    from logreg_core.kernel import compiled
    from logreg_core.train import train

    compiled()
    print_fn("load average before: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    rows = []
    for m, n, steps in BUDGET_SHAPES:
        X, Y = shaped(m, n)
        cpu = float("inf")
        for _ in range(3):
            start = time.process_time()
            train(X, Y, learning_rate=0.1, num_iterations=steps, on_progress=lambda s, t: None)
            cpu = min(cpu, time.process_time() - start)
        rows.append({"m": m, "n": n, "step_s": cpu / steps})
        print_fn(f"m = {m:,} × n = {n}: {cpu / steps * 1e6:.2f} µs a step, "
                 f"{cpu / steps / (m * (n + 2)) * 1e9:.2f} ns an element operation "
                 f"(CPU time, best of 3 runs of {steps:,} steps)")  # fmt: skip
    for m, n in SHAPES:
        iterations = min(1_000_000, max_iterations_within(run_work(m, n, 0), MAX_WORK))
        X, Y = shaped(m, n)
        wall, cpu = time.perf_counter(), time.process_time()
        train(X, Y, learning_rate=0.1, num_iterations=iterations, on_progress=lambda s, t: None)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        rows.append({"m": m, "n": n, "iterations": iterations, "wall_s": wall, "cpu_s": cpu})
        print_fn(f"largest allowed run, m = {m:,} × n = {n}: {iterations:,} iterations, "
                 f"{wall:.1f} s ({cpu:.1f} s of CPU; estimated "
                 f"{run_work(m, n, iterations).seconds:.1f} s)")  # fmt: skip
    print_fn("load average after: {:.1f} {:.1f} {:.1f}".format(*os.getloadavg()))
    return rows


def main() -> None:
    if "--steps" in sys.argv[1:]:
        step_ratios()
        return
    if "--budget" in sys.argv[1:]:
        budget_figures()
        return
    print("== the training step against lesson 7's textbook loop ==")
    step_ratios()
    print("== the work budget's constants: a step's CPU time, the largest allowed runs ==")
    budget_figures()
    print("== engine ==")
    engine_bench.run()
    print("== the training loop under the server's malloc settings (ui/ops.py) and glibc's ==")
    ops_bench.run()
    print("== reading CSV files: the largest of nasty shapes ==")
    csv_bench.run()
    print("== the work of a run: largest allowed runs, abandoned runs, neighbours, messages ==")
    budget_bench.run()
    print("== app (AppTest) ==")
    app_bench.run()
    print("== start-up, browser (Chromium) and server memory ==")
    browser_bench.run()
    print("== many students at once (load) ==")
    from bench import load_bench

    load_bench.run()


if __name__ == "__main__":
    main()
