"""Playground budgets, measured in AppTest: the Train page's warm rerun, each page's chart payload.

``python bench/app_bench.py`` prints them; ``bench/run.py`` calls :func:`run`.
Budgets (bench/README.md): a warm rerun of the default Train page under 0.5 s; all
chart payloads of one page (plotly figures' JSON and the animation player's
bytes) under 1 MB by default and under 4 MB at the largest settings the
controls allow.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from logreg_core.animation import MAX_FRAMES  # noqa: E402
from logreg_core.data import MAX_ROWS  # noqa: E402
from logreg_core.features import FEATURE_MAPS  # noqa: E402

APP = ROOT / "app.py"
PAGES = ("views/data.py", "views/train.py", "views/inspector.py")

#: The largest settings the controls allow, where they make a page heavier: the most
#: examples (thinned to POINT_LIMIT per part in the plots), every feature map, the
#: most frames.  Iterations beyond ~5,000 add nothing to the payload (the History
#: keeps at most 5,000 records, the curves at most 1,000 points); 2,000 fill the
#: curves while keeping the run short.
LARGEST = {
    "kind": "spiral",
    "n_samples": MAX_ROWS,
    "test_share": 0.5,
    "features": tuple(FEATURE_MAPS),
    "n_frames": MAX_FRAMES,
    "frame_spacing": "uniform",
    "num_iterations": 2_000,
    "learning_rate": 0.5,
    "inspect_step": 1_000,
}
BUDGET_DEFAULT = 1_000_000
BUDGET_LARGEST = 4_000_000
BUDGET_RERUN = 0.5


def _app(state: dict | None = None, timeout: float = 600):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=timeout).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at


def page_payloads(state: dict | None = None) -> dict[str, dict]:
    """Bytes of each chart on each playground page (plotly JSON, player bytes); run seconds."""
    at = _app(state)
    out = {}
    for page in PAGES:
        t0 = time.perf_counter()
        at.switch_page(page).run()
        seconds = time.perf_counter() - t0
        if at.exception:
            raise RuntimeError(f"{page} raised: {at.exception}")
        sizes = [len(chart.proto.spec) for chart in at.get("plotly_chart")]
        sizes += [len(player.proto.bytes) for player in at.get("bidi_component")]
        out[page] = {"sizes": sizes, "total": sum(sizes), "seconds": seconds}
    return out


def warm_rerun(repeats: int = 7) -> dict:
    """Seconds of a rerun of the default Train page with warm caches (best and median)."""
    at = _app()
    at.switch_page("views/train.py").run()
    at.run()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t0)
    times.sort()
    return {"best": times[0], "median": times[len(times) // 2], "repeats": repeats}


def _mb(n: int) -> str:
    return f"{n / 1e6:.3f} MB"


def run(print_fn=print) -> dict:
    """Measure and print every playground budget; returns the numbers."""
    rerun = warm_rerun()
    print_fn(
        f"Train page warm rerun (AppTest, defaults): best {rerun['best']:.3f} s, median "
        f"{rerun['median']:.3f} s of {rerun['repeats']} (budget < {BUDGET_RERUN} s)"
    )
    results = {"rerun": rerun}
    for name, state, budget in (
        ("default", None, BUDGET_DEFAULT),
        ("largest", LARGEST, BUDGET_LARGEST),
    ):
        payloads = page_payloads(state)
        results[name] = payloads
        for page, r in payloads.items():
            charts = ", ".join(_mb(s) for s in r["sizes"])
            ok = "ok" if r["total"] < budget else "OVER"
            print_fn(
                f"{name:>7} settings, {page:<19} charts {_mb(r['total'])} [{charts}] "
                f"(budget < {_mb(budget)}: {ok}); page run {r['seconds']:.2f} s"
            )
    return results


if __name__ == "__main__":
    run()
