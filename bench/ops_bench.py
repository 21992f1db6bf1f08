"""The training loop under the server's malloc settings (ui/ops.py) against glibc's defaults.

``python bench/ops_bench.py`` (options: ``--sizes 20000 100000 --iterations 500
--repeats 7``).  The server holds glibc's mmap threshold at 128 KiB
(:data:`ui.ops.MMAP_THRESHOLD`), so every array of 16,384 float64 or more gets
pages of its own and gives them back when freed; the training loop makes a
few such arrays of m values on every step (z, a, dz, the loss), and with
glibc's defaults they come from the arena instead, once its moving threshold
has passed them.  Each measurement runs in a fresh child process with one
setting, the two settings interleaved (in turn first) so that both see the
same machine; each child times one :func:`logreg_core.train.train` on
``make_dataset("gauss", m)`` after a short warm-up, and counts its minor page
faults.  Printed: the median of each setting, their ratio, and the median
page faults per step.  Nothing here is asserted by the tests.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: The two settings: the server's (ui/ops.py's configure_malloc) and glibc's own.
SETTINGS = ("server", "glibc")

#: One measurement in a child: prints {"seconds", "faults", "configured"} as JSON.
_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, {root!r})
from ui import ops  # imported by both settings, so both children hold the same modules
from logreg_core.data import make_dataset
from logreg_core.train import train

configured = ops.configure_malloc(**{options}) if {server} else False
ds = make_dataset("gauss", {m}, seed=0)
train(ds.X, ds.Y, learning_rate=0.1, num_iterations=5)  # warm-up: numpy's first calls
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
t0 = time.perf_counter()
train(ds.X, ds.Y, learning_rate=0.1, num_iterations={iterations})
seconds = time.perf_counter() - t0
faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults
print(json.dumps({{"seconds": seconds, "faults": faults, "configured": configured}}))
"""


def _options(setting: str) -> dict:
    """configure_malloc's options for a setting: "server", with "mmap=N" or "trim=N" (bytes)."""
    options = {}
    for part in setting.split(",")[1:]:
        name, value = part.strip().split("=")
        options[{"mmap": "mmap_threshold", "trim": "trim_threshold"}[name]] = int(value)
    return options


def measure(setting: str, m: int, iterations: int) -> dict:
    """One child process: ``train`` on m examples for ``iterations`` steps under ``setting``.

    ``setting`` is "glibc" (its defaults), "server" (ui/ops.py's settings) or
    the server's with a threshold changed: "server,mmap=1048576,trim=2097152".
    """
    server = setting.startswith("server")
    code = _CHILD.format(
        root=str(ROOT), server=server, options=_options(setting), m=m, iterations=iterations
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=600, check=True
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if server and not result["configured"]:
        raise RuntimeError("glibc did not take the server's malloc settings (no glibc here?)")
    return result


def bench_malloc(m: int, iterations: int = 500, repeats: int = 7, settings=SETTINGS) -> dict:
    """Medians of each setting over ``repeats`` interleaved children, and their ratio.

    Returns
    -------
    dict
        ``server_s``, ``glibc_s`` (median seconds of one train), ``ratio``
        (server / glibc), ``server_faults``, ``glibc_faults`` (median minor page
        faults per step), ``all`` (every measurement), ``m``, ``iters``.
    """
    settings = tuple(settings)
    runs: dict[str, list[dict]] = {setting: [] for setting in settings}
    for r in range(repeats):
        order = settings[r % len(settings) :] + settings[: r % len(settings)]  # in turn first
        for setting in order:
            runs[setting].append(measure(setting, m, iterations))
    med = {s: statistics.median(x["seconds"] for x in runs[s]) for s in settings}
    faults = {s: statistics.median(x["faults"] for x in runs[s]) / iterations for s in settings}
    return {
        "server_s": med["server"],
        "glibc_s": med["glibc"],
        "ratio": med["server"] / med["glibc"],
        "server_faults": faults["server"],
        "glibc_faults": faults["glibc"],
        "median_s": med,
        "faults": faults,
        "all": {s: [round(x["seconds"], 4) for x in runs[s]] for s in settings},
        "m": m,
        "iters": iterations,
    }


def run(sizes=(20_000, 100_000), iterations: int = 500, repeats: int = 7, extra=()) -> None:
    """Print one line per data size and setting (bench/run.py calls this)."""
    if not sys.platform.startswith("linux"):
        print("  malloc settings: glibc only, skipped on this platform")
        return
    settings = (*SETTINGS, *extra)
    for m in sizes:
        r = bench_malloc(m, iterations, repeats, settings)
        print(
            f"  train, m = {m:,}, {iterations} steps: server's malloc {r['server_s']:.3f} s, "
            f"glibc's defaults {r['glibc_s']:.3f} s (medians of {repeats}), "
            f"ratio {r['ratio']:.2f}; page faults per step {r['server_faults']:.0f} "
            f"vs {r['glibc_faults']:.0f}"
        )
        for s in extra:
            print(
                f"    {s}: {r['median_s'][s]:.3f} s, ratio to glibc's "
                f"{r['median_s'][s] / r['glibc_s']:.2f}, page faults per step {r['faults'][s]:.0f}"
            )
        print(f"    every run (s): {r['all']}")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--iterations", type=int, default=500)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--also",
        nargs="*",
        default=[],
        metavar="SETTING",
        help='the server\'s settings with a threshold changed, such as "server,mmap=1048576"',
    )
    args = parser.parse_args(argv)
    print("== the server's malloc settings (ui/ops.py) against glibc's defaults ==")
    run(tuple(args.sizes), args.iterations, args.repeats, tuple(args.also))


if __name__ == "__main__":
    main()
