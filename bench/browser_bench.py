"""What a student's browser and the server see: page loads, animation frame rate, start-up, memory.

``python bench/browser_bench.py`` prints them; ``bench/run.py`` calls :func:`run`.
``python bench/browser_bench.py --screenshot docs/train.png`` writes the README's picture.

Figures and budgets (issue 5):

- per page, the time from navigation to the first chart drawn (a plotly
  ``.main-svg`` inside ``stPlotlyChart``), each in a new session: on a cold
  server (the page's first visit since the server started), for a new visitor
  (server caches warm, empty browser cache: plotly.js is downloaded and
  compiled) and for a returning visitor (browser cache filled): budget < 3 s;
- the Train animation while playing at 1× and while the student drags its
  step slider: the median and 90th-percentile interval between drawn frames,
  from the browser's own timestamps (``performance.now()`` at each frame the
  player draws): budget ≥ 30 frames a second (an interval ≤ 33.3 ms), and the
  share of strongly coloured pixels in the figure at rest and while playing
  (the shading and the cost surface are drawn on every frame);
- the time from a click on "Train" in the sidebar (on the Data page) to the
  animation drawn: budget 2 s;
- the time from a click on the Train page's cost surface (which starts a new
  run there, issue 22) to that run moving on screen (its second frame drawn),
  split into the server's answer (the click to the new run's bytes in the
  player), the player's build and its first frames: budget 1 s with the
  default setup;
- the app's import time and its first AppTest runs, in a fresh process;
- the memory (VmRSS, VmHWM) of one ``streamlit run`` server with one browser
  session after the default run was trained.

Wall-clock times move with the machine's load (its load average is printed
first); next to them are the CPU seconds Chromium (all its processes, which
work in parallel) and the server spent, which depend much less on the load.  Without Chromium (or
Playwright) the browser part prints one line and is skipped.
"""

from __future__ import annotations

import argparse
import itertools
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.browser.harness import (  # noqa: E402
    StreamlitServer,
    browser_unavailable,
    launch_chromium,
    wait_for_run,
)

APP = ROOT / "app.py"
BUDGET_FIRST_CHART = 3.0  # s
BUDGET_FPS = 30.0
BUDGET_OPEN_TRAIN = 2.0  # s
BUDGET_CLICK_START = 1.0  # s
#: Where the cost-surface clicks land, as shares of the plot's width and height (from its top left).
CLICK_PLACES = ((0.7, 0.3), (0.3, 0.6), (0.5, 0.5), (0.2, 0.25), (0.8, 0.7))
CLOUD_MEMORY_MB = 690  # the smallest Community Cloud container
VIEWPORT = {"width": 1280, "height": 800}
SHOT_VIEWPORT = {"width": 1280, "height": 1000}  # the README's picture: the whole figure
LONG = 120_000  # ms: generous, for a cold server on a busy 2-core machine

#: Finds an element by a CSS selector, inside open shadow roots too (the
#: animation player is a component with a shadow root of its own).
DEEP = """const deep = (node, sel) => {
  const hit = node.querySelector(sel);
  if (hit) return hit;
  for (const el of node.querySelectorAll('*')) {
    if (el.shadowRoot) { const h = deep(el.shadowRoot, sel); if (h) return h; }
  }
  return null;
};"""
#: A chart is drawn: a plotly figure's SVG, or the player's first frame.
DRAWN = (
    "document.querySelector('[data-testid=\"stPlotlyChart\"] .main-svg') "
    "|| deep(document, '.lrp[data-frame]')"
)
#: Runs in the page before its own scripts: notes performance.now() (ms since
#: the navigation started) on the first browser frame that shows a drawn chart.
WATCH_FIRST_CHART = (
    "(() => {\n"
    + DEEP
    + """
  const tick = () => {
    if ("""
    + DRAWN
    + """) {
      window.__firstChart = performance.now();
    } else {
      requestAnimationFrame(tick);
    }
  };
  requestAnimationFrame(tick);
})();"""
)
#: Seconds a page may take, after its run has finished, to draw a chart it sent.
CHART_GRACE = 10

#: The player's state: its frame, whether it plays, the draws it recorded.
PLAYER_STATE = (
    "() => {"
    + DEEP
    + """
  const p = deep(document, '.lrp');
  const s = window.__lrpStats || {draws: [], ms: []};
  return {frame: Number(p.dataset.frame), frames: Number(p.dataset.frames),
          playing: p.dataset.playing === '1', draws: s.draws, ms: s.ms};
}"""
)


def app_pages(browser, server) -> list[tuple[str, str]]:
    """(URL path, title) of every page, in the order the sidebar's navigation lists them.

    Read from the navigation the server draws, not from app.py's source: "" is
    the default page (its link is the site's root).
    """
    context = _new_context(browser)
    try:
        page = context.new_page()
        page.goto(server.url)
        links = page.locator('[data-testid="stSidebarNavLink"]')
        links.first.wait_for(timeout=LONG)
        found = links.evaluate_all(
            "els => els.map(e => [e.getAttribute('href'), e.innerText.trim().split('\\n').pop()])"
        )
    finally:
        context.close()
    return [(urlsplit(href).path.strip("/"), title) for href, title in found]


# ----------------------------------------------------------------------------
# start-up: imports and the first AppTest runs, each in a fresh process
# ----------------------------------------------------------------------------

_STARTUP = """
import sys, time
sys.path.insert(0, {root!r})
t0 = time.perf_counter()
import streamlit
t1 = time.perf_counter()
import numpy, pandas, plotly.graph_objects
t2 = time.perf_counter()
import logreg_core, logreg_core.figures.playground, logreg_core.pipeline
t3 = time.perf_counter()
from streamlit.testing.v1 import AppTest
at = AppTest.from_file({app!r}, default_timeout=300)
t4 = time.perf_counter()
at.run()
t5 = time.perf_counter()
at.switch_page("views/train.py").run()
t6 = time.perf_counter()
at.run()
t7 = time.perf_counter()
bad = [str(e.value) for e in at.exception]
print(t1 - t0, t2 - t1, t3 - t2, t5 - t4, t6 - t5, t7 - t6, len(bad))
"""


def startup() -> dict:
    """Seconds to import streamlit, the libraries, the engine; of the first runs of two pages."""
    code = _STARTUP.format(root=str(ROOT), app=str(APP))
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    values = [float(v) for v in out.stdout.split()[-7:]]
    keys = ("streamlit", "libraries", "engine", "first_run", "train_first", "train_rerun")
    return dict(zip(keys, values[:6], strict=True)) | {"exceptions": int(values[6])}


# ----------------------------------------------------------------------------
# the browser
# ----------------------------------------------------------------------------


def _new_context(browser, viewport=VIEWPORT):
    context = browser.new_context(viewport=viewport, locale="en-US")
    context.add_init_script(WATCH_FIRST_CHART)
    return context


class CpuMeter:
    """CPU seconds spent by Chromium (all its processes) and by the server process.

    Wall-clock times on a shared machine grow with its load; the CPU a page
    costs does not, so both are printed.  Chromium's figure comes from its
    ``SystemInfo.getProcessInfo``; the server's from /proc/<pid>/stat.
    """

    def __init__(self, browser, server_pid: int):
        self.cdp = browser.new_browser_cdp_session()
        self.server_pid = server_pid
        self.tick = os.sysconf("SC_CLK_TCK")

    def snapshot(self) -> tuple[dict[int, float], float]:
        procs = self.cdp.send("SystemInfo.getProcessInfo")["processInfo"]
        fields = Path(f"/proc/{self.server_pid}/stat").read_text().rsplit(")", 1)[1].split()
        server = (int(fields[11]) + int(fields[12])) / self.tick  # utime + stime
        return {p["id"]: p["cpuTime"] for p in procs}, server

    def since(self, before) -> tuple[float, float]:
        """(Chromium, server) CPU seconds since ``before`` (a snapshot)."""
        procs, server = self.snapshot()
        chromium = sum(cpu - before[0].get(pid, 0.0) for pid, cpu in procs.items())
        return chromium, server - before[1]


def first_chart(context, url: str, meter: CpuMeter) -> dict | None:
    """Wall seconds from navigation to the first chart drawn, in a new tab (a new session),
    and the CPU seconds Chromium and the server spent meanwhile.

    Returns None for a page without charts.  ``context`` holds the browser's
    cache: a new context is a first-time visitor, which downloads and compiles
    plotly.js; a used one is a returning visitor.
    """
    page = context.new_page()
    try:
        before = meter.snapshot()
        page.goto(url, wait_until="commit")
        page.wait_for_selector('[data-testid="stMain"] h1', timeout=LONG)
        page.wait_for_function(
            "end => window.__firstChart || performance.now() > end",
            arg=page.evaluate("performance.now()") + CHART_GRACE * 1000,
            timeout=LONG,
        )
        browser_cpu, server_cpu = meter.since(before)
        wait_for_run(page, timeout=LONG)
        ms = page.evaluate("window.__firstChart || null")
        if ms is None:  # nothing drawn within CHART_GRACE of the title, and the run ended
            if page.locator('[data-testid="stPlotlyChart"]').count():
                raise RuntimeError(f"{url}: a chart was sent but not drawn in time")
            return None
        return {"wall": ms / 1000, "chromium": browser_cpu, "server": server_cpu}
    finally:
        page.close()


def page_loads(browser, server, pages) -> dict[str, dict[str, dict | None]]:
    """First chart of every page: on a cold server, for a new visitor, for a returning one."""
    meter = CpuMeter(browser, server.pid)
    times: dict[str, dict[str, dict | None]] = {path: {} for path, _ in pages}
    for label in ("cold", "new"):  # the page's first visit since the start, then again
        for path, _ in pages:
            context = _new_context(browser)
            try:
                times[path][label] = first_chart(context, f"{server.url}/{path}", meter)
            finally:
                context.close()
    context = _new_context(browser)  # one browser, its cache filled by the first page
    try:
        first_chart(context, f"{server.url}/{pages[0][0]}", meter)
        for path, _ in pages:
            times[path]["returning"] = first_chart(context, f"{server.url}/{path}", meter)
    finally:
        context.close()
    return times


def _intervals(draws: list[float]) -> dict:
    """Median and 90th-percentile interval (ms) between drawn frames, and frames a second."""
    gaps = sorted(b - a for a, b in itertools.pairwise(draws))
    if not gaps:
        return {"frames": len(draws), "median": float("nan"), "p90": float("nan"), "fps": 0.0}
    span = draws[-1] - draws[0]
    return {
        "frames": len(draws),
        "median": gaps[len(gaps) // 2],
        "p90": gaps[min(len(gaps) - 1, int(0.9 * len(gaps)))],
        "fps": (len(draws) - 1) / (span / 1000) if span > 0 else float("nan"),
    }


def coloured_share(png: bytes) -> float:
    """Share of strongly coloured pixels in the top part (data and cost panels) of the figure."""
    import io

    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("HSV")
    w, h = img.size
    px = list(img.crop((0, 0, w, int(h * 0.55))).get_flattened_data())
    return sum(1 for _, s, v in px if s > 40 and v > 60) / len(px)


def animation_rate(page, meter: CpuMeter, *, timeout: float = 120.0) -> dict:
    """Play the Train animation at 1× to its end: frame intervals from the browser's clock,
    Chromium's CPU per frame, and the coloured share of the figure at rest and mid-play."""
    canvas = page.locator(".lrp .lrp-canvas")
    rest = coloured_share(canvas.screenshot())
    page.evaluate("window.__lrpStats = {draws: [], ms: []}")
    before = meter.snapshot()
    page.locator(".lrp .lrp-play").click()
    frames = page.evaluate(PLAYER_STATE)["frames"]
    page.wait_for_function(
        f"n => ({PLAYER_STATE})().draws.length >= n", arg=frames // 2, timeout=timeout * 1000
    )
    playing = coloured_share(canvas.screenshot())
    page.wait_for_function(
        f"() => {{ const s = ({PLAYER_STATE})(); return !s.playing && s.draws.length > 2; }}",
        timeout=timeout * 1000,
    )
    chromium_cpu, _ = meter.since(before)
    state = page.evaluate(PLAYER_STATE)
    out = _intervals(state["draws"])
    ms = sorted(state["ms"])
    out |= {
        "draw_ms": ms[len(ms) // 2] if ms else float("nan"),
        "cpu_ms_per_frame": 1000 * chromium_cpu / max(out["frames"], 1),
        "coloured_rest": rest,
        "coloured_playing": playing,
    }
    return out


def drag_rate(page) -> dict:
    """Drag the step slider from one end to the other: the frames the player draws meanwhile."""
    slider = page.locator(".lrp .lrp-slider")
    box = slider.bounding_box()
    y = box["y"] + box["height"] / 2
    page.evaluate("window.__lrpStats = {draws: [], ms: [], recordAll: true}")
    page.mouse.move(box["x"] + 4, y)
    page.mouse.down()
    moves = 150
    for k in range(moves + 1):
        page.mouse.move(box["x"] + 4 + (box["width"] - 8) * k / moves, y)
    page.mouse.up()
    state = page.evaluate(PLAYER_STATE)
    out = _intervals(state["draws"])
    ms = sorted(state["ms"])
    out["draw_ms"] = ms[len(ms) // 2] if ms else float("nan")
    return out


def open_train(browser, server) -> list[float]:
    """Seconds from a click on "Train" in the sidebar (on the Data page) to the animation drawn,
    in two new sessions one after the other."""
    times = []
    for _ in range(2):
        context = _new_context(browser)
        page = context.new_page()
        try:
            page.goto(f"{server.url}/")  # the Data page is the default page
            page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=LONG)
            wait_for_run(page, settle_ms=500, timeout=LONG)
            t0 = page.evaluate("performance.now()")
            page.locator('[data-testid="stSidebarNavLink"]', has_text="Train").click()
            page.wait_for_function(
                "() => {" + DEEP + " return !!deep(document, '.lrp[data-frame]'); }",
                timeout=LONG,
            )
            times.append((page.evaluate("performance.now()") - t0) / 1000)
        finally:
            context.close()
    return times


#: The player's cost plot on the page (CSS pixels), and its times of the last click on it.
COST_PLOT = (
    "() => {"
    + DEEP
    + """
  const P = deep(document, '.lrp').__lrpState.player;
  const box = P.el.canvas.getBoundingClientRect();
  const c = P.L.cost;
  return {x: box.left + c.px, y: box.top + c.py, w: c.pw, h: c.ph};
}"""
)
CLICK_TIMES = """() => { const s = window.__lrpStats;
  return {clicked: s.clicked, received: s.received, built: s.built,
          moving: s.draws.filter((t) => t > s.built)[1]}; }"""


def click_start(page) -> list[dict]:
    """Click the cost surface at :data:`CLICK_PLACES`, one after the other: for each, ms from the
    click to the new run's bytes in the player, to the player built, to its second frame drawn."""
    page.locator(".lrp .lrp-canvas").scroll_into_view_if_needed()
    page.evaluate("window.__lrpStats = {draws: [], ms: []}")  # the frames drawn while playing
    out = []
    for fx, fy in CLICK_PLACES:
        plot = page.evaluate(COST_PLOT)
        page.mouse.click(plot["x"] + fx * plot["w"], plot["y"] + fy * plot["h"])
        page.wait_for_function(
            """() => { const s = window.__lrpStats || {};
              return s.built > s.clicked && s.draws.filter((t) => t > s.built).length >= 2; }""",
            timeout=LONG,
        )
        t = page.evaluate(CLICK_TIMES)
        out.append(
            {
                "answer": t["received"] - t["clicked"],
                "build": t["built"] - t["received"],
                "first_frames": t["moving"] - t["built"],
                "total": t["moving"] - t["clicked"],
            }
        )
        wait_for_run(page, settle_ms=500, timeout=LONG)
    return out


def _status_kb(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0])
    return fields


def _open_train(browser, server, *, viewport=VIEWPORT):
    context = _new_context(browser, viewport)
    page = context.new_page()
    page.goto(f"{server.url}/train")
    page.wait_for_selector(".lrp[data-frame]", timeout=LONG)
    wait_for_run(page, settle_ms=1000, timeout=LONG)
    return context, page


def server_memory(browser) -> dict:
    """VmRSS and VmHWM (kB) of a fresh server once one session has trained the default run."""
    with StreamlitServer() as server:
        idle = _status_kb(server.pid)
        context, _ = _open_train(browser, server)
        try:
            return {"idle": idle, "trained": _status_kb(server.pid)}
        finally:
            context.close()


def browser_figures(print_fn=print) -> dict:
    """Launch Chromium and two fresh servers; measure and print every browser figure."""
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            mem = server_memory(browser)
            results["memory"] = mem
            rss, hwm = mem["trained"]["VmRSS"] / 1024, mem["trained"]["VmHWM"] / 1024
            print_fn(
                f"server memory, one session after the default run: RSS {rss:.0f} MB, peak "
                f"{hwm:.0f} MB (idle server {mem['idle']['VmRSS'] / 1024:.0f} MB; "
                f"Community Cloud gives at least {CLOUD_MEMORY_MB} MB)"
            )
            with StreamlitServer() as server:
                pages = app_pages(browser, server)
                times = page_loads(browser, server, pages)
                results["first_chart"] = times
                print_fn(
                    "first chart drawn, wall seconds [CPU seconds of Chromium + of the server], "
                    "each in a new session:"
                )
                for path, title in pages:
                    t = times[path]
                    name = f"/{path}"
                    if t["new"] is None:
                        print_fn(f"  {name:<18} no chart on this page ({title})")
                        continue
                    over = [k for k, v in t.items() if v["wall"] >= BUDGET_FIRST_CHART]
                    verdict = f"OVER: {', '.join(over)}" if over else "ok"
                    cells = ", ".join(
                        f"{label} {t[key]['wall']:.1f} s [{t[key]['chromium']:.1f}+"
                        f"{t[key]['server']:.1f}]"
                        for key, label in (
                            ("cold", "cold server"),
                            ("new", "new visitor"),
                            ("returning", "returning"),
                        )
                    )
                    print_fn(f"  {name:<18} {cells} (budget < {BUDGET_FIRST_CHART:g} s: {verdict})")
                opened = open_train(browser, server)
                results["open_train"] = opened
                ok = "ok" if opened[-1] <= BUDGET_OPEN_TRAIN else "OVER"
                print_fn(
                    f"click on Train (sidebar, from the Data page) to the animation drawn: "
                    f"{opened[0]:.2f} s in a new session, {opened[1]:.2f} s in "
                    f"another (budget {BUDGET_OPEN_TRAIN:g} s: {ok})"
                )
                context, page = _open_train(browser, server)
                try:
                    anim = animation_rate(page, CpuMeter(browser, server.pid))
                    drag = drag_rate(page)
                    clicks = click_start(page)
                finally:
                    context.close()
            results["animation"] = anim
            results["drag"] = drag
            results["click_start"] = clicks
            # judged by the rate over the whole play, as printed: the player draws a frame on the
            # display's tick after each 1/30 s, so one interval's median (33.4 ms) reads 29.9/s
            ok = "ok" if round(anim["fps"], 1) >= BUDGET_FPS else "UNDER"
            print_fn(
                f"animation at 1×: {anim['frames']} frames, {anim['fps']:.1f} frames/s; interval "
                f"median {anim['median']:.1f} ms, 90th percentile {anim['p90']:.1f} ms "
                f"(budget ≥ {BUDGET_FPS:g}/s: {ok}); drawing a frame {anim['draw_ms']:.1f} ms; "
                f"Chromium CPU {anim['cpu_ms_per_frame']:.0f} ms per frame; coloured pixels "
                f"{anim['coloured_rest']:.0%} at rest, {anim['coloured_playing']:.0%} mid-play"
            )
            print_fn(
                f"dragging the step slider: {drag['frames']} frames drawn, interval median "
                f"{drag['median']:.1f} ms, 90th percentile {drag['p90']:.1f} ms "
                f"({drag['fps']:.0f} frames/s, as fast as the mouse moved); drawing a frame "
                f"{drag['draw_ms']:.1f} ms"
            )
            totals = sorted(c["total"] / 1000 for c in clicks)
            median = totals[len(totals) // 2]
            ok = "ok" if median <= BUDGET_CLICK_START else "OVER"
            parts = "; ".join(
                f"{c['total']:.0f} ms (server {c['answer']:.0f} + build {c['build']:.0f} + "
                f"frames {c['first_frames']:.0f})"
                for c in clicks
            )
            print_fn(
                f"click on the cost surface to the new run moving, default setup: median "
                f"{median:.2f} s, slowest {totals[-1]:.2f} s (budget {BUDGET_CLICK_START:g} s: "
                f"{ok}); each: {parts}"
            )
        finally:
            browser.close()
    return results


def run(print_fn=print) -> dict:
    """Start-up figures, then the browser's (or one line saying why they are skipped)."""
    print_fn(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start "
        "(the browser figures below are wall-clock times and move with it)"
    )
    s = startup()
    print_fn(
        f"imports (fresh process): streamlit {s['streamlit']:.2f} s, numpy+pandas+plotly "
        f"{s['libraries']:.2f} s, engine {s['engine']:.2f} s"
    )
    print_fn(
        f"first AppTest runs (fresh process): data page {s['first_run']:.2f} s, train page "
        f"{s['train_first']:.2f} s, train rerun {s['train_rerun']:.2f} s"
        + (f"; {s['exceptions']} EXCEPTIONS" if s["exceptions"] else "")
    )
    results = {"startup": s}
    reason = browser_unavailable()
    if reason is not None:
        print_fn(f"browser figures skipped: {reason}")
        return results
    results |= browser_figures(print_fn)
    return results


# ----------------------------------------------------------------------------
# the README's screenshot
# ----------------------------------------------------------------------------


def readme_screenshot(path: Path, *, colors: int = 256) -> int:
    """The Train page at 1280 × 1000, its whole figure in view, palette-quantized; returns bytes."""
    from PIL import Image
    from playwright.sync_api import sync_playwright

    raw = path.with_suffix(".raw.png")
    with StreamlitServer() as server, sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            context, page = _open_train(browser, server, viewport=SHOT_VIEWPORT)
            page.evaluate("document.fonts.ready")
            page.locator(".lrp").scroll_into_view_if_needed()
            page.evaluate(
                "() => {"
                + DEEP
                + """ deep(document, '.lrp').scrollIntoView({block: 'start'});
                   document.querySelector('[data-testid="stMain"]').scrollBy(0, -60); }"""
            )
            page.mouse.move(5, SHOT_VIEWPORT["height"] - 5)  # no hover label on the picture
            page.wait_for_timeout(1500)
            page.screenshot(path=str(raw))
            context.close()
        finally:
            browser.close()
    with Image.open(raw) as im:
        small = im.convert("RGB").quantize(colors=colors, method=Image.Quantize.FASTOCTREE)
        small.save(path, optimize=True)
    raw.unlink()
    return path.stat().st_size


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screenshot", type=Path, help="write the README's Train page PNG here")
    args = parser.parse_args(argv)
    if args.screenshot:
        reason = browser_unavailable()
        if reason:
            sys.exit(f"cannot take the screenshot: {reason}")
        size = readme_screenshot(args.screenshot)
        print(f"{args.screenshot}: {size / 1024:.0f} KB")
        return
    run()


if __name__ == "__main__":
    main()
