"""Engine benchmarks: ratios measured in one run, on the same data, best of several repeats."""

from __future__ import annotations

import time

import numpy as np

from logreg_core import cost_surface, train


def _best(fn, repeats):
    best = float("inf")
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _data(m, seed):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(np.int64).reshape(1, m)
    X = rng.normal(size=(2, m)) + 0.8 * (2 * Y - 1)
    return X, Y


def textbook_loop(X, Y, learning_rate, num_iterations):
    """The bare loop a textbook prints: no stability, no stop rules, no history."""
    n, m = X.shape
    w, b = np.zeros((n, 1)), 0.0
    for _ in range(num_iterations):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A)) / m  # noqa: F841
        dZ = A - Y
        dw = X @ dZ.T / m
        db = np.sum(dZ) / m
        w = w - learning_rate * dw
        b = b - learning_rate * db
    return w, b


def bench_train(m=400, iterations=20_000, repeats=5):
    """Ratio of train() with history recording to the textbook loop, interleaved."""
    X, Y = _data(m, seed=1)
    ours, bare = float("inf"), float("inf")
    for _ in range(repeats):  # interleave so both see the same machine noise
        ours = min(
            ours, _best(lambda: train(X, Y, learning_rate=0.1, num_iterations=iterations), 1)
        )
        bare = min(bare, _best(lambda: textbook_loop(X, Y, 0.1, iterations), 1))
    return {"train_s": ours, "textbook_s": bare, "ratio": ours / bare, "m": m, "iters": iterations}


def bench_million(m=200):
    X, Y = _data(m, seed=2)
    t0 = time.perf_counter()
    h = train(X, Y, learning_rate=0.1, num_iterations=1_000_000, on_progress=lambda s, t: None)
    return {"seconds": time.perf_counter() - t0, "records": len(h), "m": m}


def bench_surface(grid=100, m=10_000, repeats=5):
    """Ratio of cost_surface to np.exp over grid² · m elements (preallocated output)."""
    X, Y = _data(m, seed=3)
    g = np.linspace(-4, 4, grid)
    src = np.random.default_rng(4).normal(size=grid * grid * m)
    out = np.empty_like(src)
    ours, ref = float("inf"), float("inf")
    for _ in range(repeats):
        ours = min(ours, _best(lambda: cost_surface(X, Y, np.zeros((2, 1)), 0.1, g, g), 1))
        ref = min(ref, _best(lambda: np.exp(src, out=out), 1))
    return {"surface_s": ours, "exp_s": ref, "ratio": ours / ref, "grid": grid, "m": m}


def run(print_fn=print):
    r = bench_train()
    print_fn(
        f"train vs textbook loop (m={r['m']}, {r['iters']:,} iterations): "
        f"{r['train_s']:.3f} s vs {r['textbook_s']:.3f} s, ratio {r['ratio']:.2f} (target ≤ 1.20)"
    )
    s = bench_surface()
    print_fn(
        f"cost_surface vs np.exp ({s['grid']}×{s['grid']} grid, m={s['m']:,}): "
        f"{s['surface_s']:.3f} s vs {s['exp_s']:.3f} s, ratio {s['ratio']:.2f} (target ≤ 2.00)"
    )
    big = bench_million()
    print_fn(
        f"1,000,000 iterations (m={big['m']}): {big['seconds']:.1f} s, "
        f"{big['records']:,} records kept (max_records 5,000)"
    )
    return {"train": r, "surface": s, "million": big}
