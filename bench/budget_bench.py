"""The work budget of a run: the largest allowed runs, the stop of an abandoned run, the neighbours.

``python bench/budget_bench.py`` prints, and ``bench/run.py`` calls :func:`run`:

- the largest run :mod:`logreg_core.budget` allows for several shapes of data
  (training examples × features), trained here, with its seconds: the budget
  aims at about 20 s for each (the estimate's constants are fitted from short
  runs and printed beside the ones in the code);
- a run nobody watches stops: a server trains the largest run on the default
  data (1,000,000 iterations, from a link); the tab is closed, or the student
  opens another page, while it trains; printed is the time from then until the
  server's CPU falls idle (the run ended) and, for the other page, until it is
  drawn;
- one student's largest run does not stall the others: five sessions of the
  load bench (bench/load_bench.py) open the Train page's default run, once
  alone and once while a sixth session trains the largest run; printed is the
  slowest of the five "click on Train → animation drawn" times in each case.

Without Chromium (or Playwright) the browser parts print one line and are skipped.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.load_bench import _round, _run_apart, cpu_seconds, plans  # noqa: E402
from logreg_core.budget import (  # noqa: E402
    ELEMENT_SECONDS,
    MAX_WORK,
    STEP_OVERHEAD,
    max_iterations_within,
    run_work,
)
from logreg_core.train import train  # noqa: E402
from tests.browser.harness import (  # noqa: E402
    CHROMIUM_ARGS,
    StreamlitServer,
    browser_unavailable,
    chromium_path,
)

#: Shapes (training examples, features) whose largest allowed run is timed.
SHAPES = ((200, 2), (5_000, 2), (40_000, 5), (100_000, 7))
from tests.browser.test_abandoned_run import LARGEST_LINK  # noqa: E402

PROGRESS = '[data-testid="stProgress"]'
RUN_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def _data(m: int, n: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, m))
    Y = (X[:1] + 0.8 * rng.normal(size=(1, m)) > 0).astype(np.int64)
    return X, Y


def _seconds(m: int, n: int, iterations: int) -> float:
    X, Y = _data(m, n)
    start = time.perf_counter()
    train(X, Y, learning_rate=0.1, num_iterations=iterations, on_progress=lambda s, t: None)
    return time.perf_counter() - start


def fit_constants() -> dict:
    """Seconds per step at small m and per element at large m, from short runs."""
    small = _seconds(200, 2, 20_000) / 20_000  # ≈ overhead + 200 · 4 elements
    large = _seconds(100_000, 7, 100) / 100  # ≈ overhead + 100,000 · 9 elements
    element = (large - small) / (100_000 * 9 - 200 * 4)
    overhead = small - 200 * 4 * element
    return {
        "element_s": element,
        "overhead_elements": overhead / element,
        "step_s": small,
    }


def largest_runs(print_fn=print) -> list[dict]:
    """Train the largest allowed run of each shape and time it."""
    rows = []
    for m, n in SHAPES:
        work = run_work(m, n, 0)
        iterations = min(1_000_000, max_iterations_within(work, MAX_WORK))
        seconds = _seconds(m, n, iterations)
        estimate = run_work(m, n, iterations).seconds
        rows.append({"m": m, "n": n, "iterations": iterations, "s": seconds, "est": estimate})
        print_fn(
            f"largest allowed run, m = {m:,} × n = {n}: {iterations:,} iterations, "
            f"{seconds:.1f} s (estimated {estimate:.1f} s)"
        )
    return rows


def _wait_idle(pid: int, *, watch: float = 4.0, tick: float = 0.05, share: float = 0.5) -> float:
    """Seconds from now to the end of the last tick in which the process used ``share`` of a core.

    The process is watched for ``watch`` seconds; inf if it was still busy at the end.
    """
    start = time.perf_counter()
    last_busy, before, t0 = 0.0, cpu_seconds(pid), start
    while t0 - start < watch:
        time.sleep(tick)
        now, t1 = cpu_seconds(pid), time.perf_counter()
        if now - before >= share * (t1 - t0):
            last_busy = t1 - start
        before, t0 = now, t1
    return float("inf") if last_busy > watch - 2 * tick else last_busy


async def _abandon(url: str, chromium: str, how: str, pid: int) -> dict:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1280, "height": 900})
            page = await context.new_page()
            page.set_default_timeout(120_000)
            await page.goto(url + LARGEST_LINK)
            await page.wait_for_selector(PROGRESS)
            await page.wait_for_timeout(2000)  # well into the run
            busy_before = cpu_seconds(pid)
            await page.wait_for_timeout(500)
            busy = (cpu_seconds(pid) - busy_before) / 0.5
            start = time.perf_counter()
            drawn = float("nan")
            if how == "close":
                await context.close()
            else:
                await page.locator('[data-testid="stSidebarNavLink"]').first.click()
                await page.wait_for_timeout(300)
                await page.wait_for_selector(RUN_DONE)
                drawn = time.perf_counter() - start
            idle = await asyncio.get_running_loop().run_in_executor(None, _wait_idle, pid)
            return {"busy": busy, "idle_s": idle, "drawn_s": drawn}
        finally:
            await browser.close()


def abandoned_runs(print_fn=print) -> dict:
    """How soon the largest run stops when its tab closes or its student leaves the page."""
    chromium = chromium_path()
    out = {}
    with StreamlitServer() as server:
        for how in ("close", "navigate"):
            r = _run_apart(_abandon(server.url, chromium, how, server.pid))
            out[how] = r
            what = "tab closed" if how == "close" else "student opened the Data page"
            extra = f", the Data page drawn after {r['drawn_s']:.1f} s" if how == "navigate" else ""
            print_fn(
                f"largest run abandoned ({what}; server at {r['busy']:.0%} of a core while "
                f"training): its last busy moment {r['idle_s']:.2f} s later{extra}"
            )
    return out


async def _heavy_session(url: str, chromium: str) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            page = await (await browser.new_context()).new_page()
            page.set_default_timeout(180_000)
            await page.goto(url + LARGEST_LINK)
            await page.wait_for_selector(PROGRESS)
            await page.wait_for_selector(".lrp[data-frame]")  # trained and drawn
        finally:
            await browser.close()


async def _beside_heavy(url: str, chromium: str, n: int, limit: float):
    heavy = asyncio.create_task(_heavy_session(url, chromium))
    await asyncio.sleep(6)  # the heavy run is training
    sessions, _ = await _round(url, plans(n)[2:] if n > 2 else plans(n), limit, chromium)
    heavy_done = heavy.done()
    await heavy
    return sessions, heavy_done


def neighbours(print_fn=print, n: int = 7, limit: float = 300.0) -> dict:
    """The default run's time for five students, alone and beside the largest run."""
    chromium = chromium_path()
    out = {}
    with StreamlitServer() as server:
        alone, _ = _run_apart(_round(server.url, plans(n)[2:], limit, chromium))
    with StreamlitServer() as server:
        beside, heavy_done = _run_apart(_beside_heavy(server.url, chromium, n, limit))
    for name, sessions in (("alone", alone), ("beside the largest run", beside)):
        times = sorted(s.train_seconds for s in sessions)
        errors = [s.error for s in sessions if s.error]
        out[name] = {"train_s": times, "errors": errors}
        print_fn(
            f"{len(sessions)} students open the default Train page, {name}: "
            f"median {times[len(times) // 2]:.1f} s, slowest {times[-1]:.1f} s"
            + (f" ({len(errors)} failed: {errors[0][:80]})" if errors else "")
        )
    out["heavy_finished_first"] = heavy_done
    return out


#: The heaviest pages the controls allow, as links: the most examples, every feature
#: map, the most frames, presenter mode (larger text), and one input (1-D panels).
HEAVY_LINKS = (
    "/train?kind=spiral&n=100000&test=0.5&f=x1-x2-x1sq-x2sq-x1x2-sinx1-sinx2"
    "&frames=400&spacing=uniform&iters=2000&alpha=0.5&presenter=1",
    "/train?kind=one_feature&n=100000&test=0.5&f=x1&frames=400&spacing=uniform&iters=2000",
    "/inspector?kind=spiral&n=100000&test=0.5&f=x1-x2-x1sq-x2sq-x1x2-sinx1-sinx2"
    "&frames=400&iters=2000&step=1000&presenter=1",
    "/?kind=spiral&n=100000&test=0.5&presenter=1",  # the Data page is the default page: "/"
    "/?kind=linear&n=5000&presenter=1",
)


async def _largest_frames(url: str, chromium: str) -> list[tuple[str, int, int]]:
    from playwright.async_api import async_playwright

    out = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            for link in HEAVY_LINKS:
                context = await browser.new_context(viewport={"width": 1280, "height": 900})
                page = await context.new_page()
                page.set_default_timeout(300_000)
                sizes = {"in": [0], "out": [0]}

                def watch(ws, sizes=sizes):
                    ws.on("framereceived", lambda f: sizes["in"].append(len(f)))
                    ws.on("framesent", lambda f: sizes["out"].append(len(f)))

                page.on("websocket", watch)
                await page.goto(url + link)
                await page.wait_for_timeout(500)
                await page.wait_for_selector(RUN_DONE)
                if link.startswith("/train"):
                    toggle = page.locator('[data-testid="stCheckbox"]').filter(has_text="3-D")
                    if await toggle.count():
                        await toggle.first.click()
                        await page.wait_for_timeout(500)
                        await page.wait_for_selector(RUN_DONE)
                out.append((link, max(sizes["in"]), max(sizes["out"])))
                await context.close()
        finally:
            await browser.close()
    return out


def largest_messages(print_fn=print) -> list[tuple[str, int, int]]:
    """The largest websocket message each heavy page sends to the browser, and receives."""
    chromium = chromium_path()
    with StreamlitServer() as server:
        rows = _run_apart(_largest_frames(server.url, chromium))
    for link, down, up in rows:
        print_fn(
            f"largest message {down / 1e6:.2f} MB to the browser, {up / 1e3:.1f} kB from it: "
            f"{link[:60]}…"
        )
    return rows


def run(print_fn=print) -> dict:
    c = fit_constants()
    print_fn(
        f"step cost: {c['step_s'] * 1e6:.1f} µs at m = 200, n = 2; element operation "
        f"{c['element_s'] * 1e9:.2f} ns (code: {ELEMENT_SECONDS * 1e9:.2f} ns), step overhead "
        f"{c['overhead_elements']:,.0f} elements (code: {STEP_OVERHEAD:,})"
    )
    result = {"constants": c, "largest": largest_runs(print_fn)}
    reason = browser_unavailable()
    if reason:
        print_fn(f"browser parts skipped: {reason}")
        return result
    result["abandoned"] = abandoned_runs(print_fn)
    result["neighbours"] = neighbours(print_fn)
    result["messages"] = largest_messages(print_fn)
    return result


if __name__ == "__main__":
    run()
