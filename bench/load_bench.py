"""Many students at once: N concurrent browser sessions against one local server.

``python bench/load_bench.py`` prints the figures (``LOAD_SESSIONS`` sets N,
30 by default); ``bench/run.py`` calls :func:`run`; tests/browser/test_load.py
asserts what must hold (every session finishes without an exception, no
session sees another's data, memory stays flat when the work repeats).

One ``streamlit run`` server on 127.0.0.1 and one Chromium with N browser
contexts (separate cookies and websockets: N separate Streamlit sessions),
driven concurrently with Playwright's asyncio API.  Each session does what a
student does: on the Data page it picks a kind of data and types a seed of
its own (the first two upload a CSV file with column names of their own
instead), then opens the Train page and waits until gradient descent has run
and the animated figure is drawn.  The same N sessions' work is done twice
(round 2 in fresh sessions): the caches are bounded, so the server's memory
should not grow in round 2.

Memory is the server process's resident set from /proc/<pid>/status: VmHWM
(the peak since it started) and VmRSS (now).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from logreg_core.data import DATASET_KINDS, KINDS  # noqa: E402
from tests.browser.harness import CHROMIUM_ARGS, StreamlitServer, chromium_path  # noqa: E402
from ui.i18n import t  # noqa: E402

#: Sessions by default (LOAD_SESSIONS overrides), and the bound on one whole round.
SESSIONS = 30
ROUND_LIMIT = 600.0
#: The hosted container's memory (Community Cloud), the target for the server's peak.
MEMORY_BUDGET_MB = 690
#: The sessions that upload a file instead of generating data (at most this many).
UPLOADERS = 2
RUN_DONE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
VIEWPORT = {"width": 1280, "height": 900}


def sessions_from_env(default: int = SESSIONS) -> int:
    """N from the environment variable LOAD_SESSIONS (a positive whole number), else default."""
    text = os.environ.get("LOAD_SESSIONS", "").strip()
    if not text:
        return default
    if not text.isdigit() or int(text) < 1:
        raise ValueError(f"LOAD_SESSIONS must be a whole number ≥ 1, got {text!r}")
    return int(text)


@dataclass(frozen=True)
class Plan:
    """What session ``index`` does: generate (kind, seed) or upload a file of its own."""

    index: int
    kind: str
    seed: int
    upload: bool

    @property
    def prefix(self) -> str:
        """The column names of an uploading session start with this."""
        return f"s{self.index}_"

    def csv(self) -> bytes:
        p = self.prefix
        rows = [(0.5, 1.0, 0), (1.5, 0.2, 1), (2.5, -1.0, 1), (-0.5, 0.3, 0), (0.1, 2.2, 0)]
        rows += [(3.0, 0.1, 1), (2.0, 0.4 + self.index, 1), (0.2, 1.5 + self.index, 0)]
        body = "".join(f"{a},{b},{y}\n" for a, b, y in rows)
        return f"{p}hours,{p}sleep,{p}passed\n{body}".encode()


#: The kinds a generating session picks: those drawn from a seed (a real data set, read
#: from a file, has no seed to type, and a session of its own would show none).
GENERATED = tuple(k for k in DATASET_KINDS if KINDS[k].generated)


def plans(n: int) -> list[Plan]:
    """N sessions: the first (up to UPLOADERS, and only with N ≥ 2) upload, the rest generate."""
    uploaders = min(UPLOADERS, n) if n >= 2 else 0
    return [Plan(i, GENERATED[i % len(GENERATED)], 1000 + i, i < uploaders) for i in range(n)]


@dataclass
class Session:
    """What one session did and saw."""

    plan: Plan
    seconds: float = float("nan")
    train_seconds: float = float("nan")  # click on Train -> the trained run's first frame drawn
    error: str | None = None
    seen: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Figures:
    """The figures of one load run."""

    n: int
    rounds: tuple[tuple[Session, ...], ...]
    round_seconds: tuple[float, ...]
    rss_mb: tuple[float, ...]  # VmRSS after each round
    peak_mb: tuple[float, ...]  # VmHWM after each round
    cpu_s: tuple[float, ...]  # server CPU seconds (user + system) used in each round
    start_rss_mb: float

    @property
    def failures(self) -> list[str]:
        return [
            f"round {r + 1} session {s.plan.index}: {s.error}"
            for r, sessions in enumerate(self.rounds)
            for s in sessions
            if s.error
        ]

    def slowest(self, r: int) -> Session:
        return max(self.rounds[r], key=lambda s: s.seconds)


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds a process has used, from /proc/<pid>/stat."""
    with open(f"/proc/{pid}/stat") as f:
        after_name = f.read().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")


def memory_mb(pid: int) -> tuple[float, float]:
    """(VmRSS, VmHWM) of a process, in MB (10⁶ bytes), from /proc/<pid>/status."""
    fields = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            name, _, value = line.partition(":")
            if name in ("VmRSS", "VmHWM"):
                fields[name] = int(value.split()[0]) * 1024 / 1e6
    return fields["VmRSS"], fields["VmHWM"]


async def _settled(page, timeout_ms: float) -> None:
    await page.wait_for_timeout(400)
    await page.wait_for_selector(RUN_DONE, timeout=timeout_ms)


async def _shows(page, where: str, text: str) -> None:
    """Wait until the element ``where`` shows ``text`` (the run that makes it has happened)."""
    await page.locator(where).filter(has_text=text).first.wait_for()


async def _pick(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    await box.locator('input[role="combobox"]').click()
    await page.get_by_role("option", name=option, exact=True).click()


async def _type_number(page, label: str, value: int) -> None:
    box = page.locator('[data-testid="stNumberInput"]').filter(has_text=label).first
    field_ = box.locator("input")
    await field_.fill(str(value))
    await field_.press("Enter")


async def _new_page(browser):
    """A page for one session and how to close it: a browser context of its own, or a tab.

    ``browser`` is a Browser (each session its own context: its own cookies) or
    the one BrowserContext of :func:`_launch` with ``tabs`` (each session a tab).
    Either way the page opens its own websocket: a Streamlit session of its own.
    """
    if hasattr(browser, "new_context"):
        context = await browser.new_context(viewport=VIEWPORT, locale="en-US")
        return await context.new_page(), context.close
    page = await browser.new_page()
    return page, page.close


async def _session(browser, url: str, plan: Plan, timeout_ms: float, shots: Path | None) -> Session:
    result = Session(plan)
    page, close = await _new_page(browser)
    page.set_default_timeout(timeout_ms)
    sidebar = '[data-testid="stSidebar"]'
    start = time.perf_counter()
    try:
        await page.goto(url)
        await _settled(page, timeout_ms)
        main = page.locator('[data-testid="stMain"]')
        if plan.upload:
            await page.get_by_text(t("texts.source_uploaded", lang="en"), exact=True).click()
            upload = main.locator('[data-testid="stFileUploaderDropzoneInput"]')
            payload = {"name": f"class_{plan.index}.csv", "mimeType": "text/csv"}
            await upload.set_input_files({**payload, "buffer": plan.csv()})
            await _shows(page, '[data-testid="stPlotlyChart"]', f"{plan.prefix}hours")
        else:
            await _type_number(page, t("controls.seed", lang="en"), plan.seed)
            await _shows(page, sidebar, f"seed {plan.seed}")
            if plan.kind != "linear":
                kind = t(f"texts.kind_{plan.kind}", lang="en")
                await _pick(page, t("controls.kind", lang="en"), kind)
                await _shows(page, sidebar, f"{plan.kind.replace('_', '-')} · seed {plan.seed}")
        await _settled(page, timeout_ms)
        result.seen["data"] = await main.inner_text()
        result.seen["sidebar"] = await page.locator(sidebar).inner_text()
        train = t("app.page_train", lang="en")
        clicked = time.perf_counter()
        await page.locator('[data-testid="stSidebarNavLink"]', has_text=train).click()
        await _shows(page, '[data-testid="stMetric"]', "cost J")
        await page.wait_for_selector(".lrp[data-frame]")  # the animation drew its first frame
        result.train_seconds = time.perf_counter() - clicked
        await _settled(page, timeout_ms)
        result.seconds = time.perf_counter() - start
        result.seen["train"] = await main.inner_text()
        result.seen["train_sidebar"] = await page.locator(sidebar).inner_text()
        cost = page.locator('[data-testid="stMetric"]').filter(has_text="cost J").first
        result.seen["cost"] = await cost.locator('[data-testid="stMetricValue"]').inner_text()
        texts = page.locator('[data-testid="stPlotlyChart"] .main-svg text')
        words = await page.locator(".lrp-canvas").get_attribute("aria-label") or ""
        result.seen["chart"] = " ".join([*await texts.all_text_contents(), words])
        if await page.locator('[data-testid="stException"]').count():
            result.error = (
                "stException: "
                + (await page.locator('[data-testid="stException"]').first.inner_text())[:300]
            )
    except Exception as err:  # a timeout or a vanished element: the session failed
        result.error = f"{type(err).__name__}: {str(err).splitlines()[0][:300]}"
        result.seconds = time.perf_counter() - start
        if shots is not None:
            shots.mkdir(exist_ok=True)
            await page.screenshot(path=str(shots / f"load-failed-{plan.index}.png"))
    finally:
        await close()
    return result


async def _launch(p, chromium: str, tabs: bool, profile: Path | None = None):
    """Chromium for the sessions: a Browser, or with ``tabs`` one context whose tabs they are.

    With ``tabs`` Chromium runs every page of the server's site in one renderer
    process (``--process-per-site``) and keeps its compiled scripts in a profile
    on disk: a session then costs Chromium about half the CPU of a context of
    its own, whose renderer starts and compiles the app's JavaScript anew.
    """
    if not tabs:
        return await p.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
    return await p.chromium.launch_persistent_context(
        profile,
        executable_path=chromium,
        args=[*CHROMIUM_ARGS, "--process-per-site"],
        viewport=VIEWPORT,
        locale="en-US",
    )


async def _sessions(
    browser, url: str, plan_list: list[Plan], limit: float, shots: Path | None = None
) -> tuple[list[Session], float]:
    """The plans' sessions at once; what each did, and the round's seconds."""
    start = time.perf_counter()
    tasks = [_session(browser, url, plan, limit * 1000, shots) for plan in plan_list]
    sessions = await asyncio.wait_for(asyncio.gather(*tasks), timeout=limit + 30)
    return list(sessions), time.perf_counter() - start


async def _round(
    url: str, plan_list: list[Plan], limit: float, chromium: str, shots: Path | None = None
) -> tuple[list[Session], float]:
    """One round in a Chromium of its own, each session a browser context."""
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await _launch(p, chromium, tabs=False)
        try:
            return await _sessions(browser, url, plan_list, limit, shots)
        finally:
            await browser.close()


async def _rounds(
    server: StreamlitServer,
    plan_list: list[Plan],
    rounds: int,
    limit: float,
    chromium: str,
    *,
    tabs: bool,
    shots: Path | None = None,
) -> list[tuple[list[Session], float, float, float, float]]:
    """``rounds`` rounds in one Chromium; after each: sessions, seconds, RSS, peak, server CPU.

    With ``tabs``, one more tab holds the server's health page open for the
    whole run, so that the site's renderer (and what it compiled) outlives
    the rounds' tabs.
    """
    import tempfile

    from playwright.async_api import async_playwright

    out = []
    with tempfile.TemporaryDirectory(prefix="load-chromium-") as profile:
        async with async_playwright() as p:
            browser = await _launch(p, chromium, tabs, Path(profile))
            try:
                if tabs:
                    keeper = await browser.new_page()
                    await keeper.goto(f"{server.url}/_stcore/health")
                for _ in range(rounds):
                    cpu_before = cpu_seconds(server.pid)
                    sessions, took = await _sessions(browser, server.url, plan_list, limit, shots)
                    now, high = memory_mb(server.pid)
                    out.append((sessions, took, now, high, cpu_seconds(server.pid) - cpu_before))
            finally:
                await browser.close()
    return out


def expected_cost(plan: Plan) -> str:
    """The final J the Train page shows for a plan, computed here by the engine (as shown)."""
    from logreg_core.csv_io import load_csv
    from logreg_core.data import DEFAULT_NOISE, KINDS
    from logreg_core.pipeline import run_setup
    from ui.state import DEFAULTS
    from ui.texts import fmt

    setup = dict(DEFAULTS) | {"kind": plan.kind, "seed": plan.seed}
    setup["noise"] = DEFAULT_NOISE[plan.kind]
    dataset = load_csv(plan.csv()) if plan.upload else None
    if KINDS[plan.kind].n_inputs == 1 and not plan.upload:  # the page keeps what one input allows
        setup["features"] = ("x1",)
    if plan.upload:
        setup["seed"] = DEFAULTS["seed"]
    return fmt(run_setup(setup, dataset).history.cost[-1])


def isolation_problems(sessions: list[Session], plan_list: list[Plan]) -> list[str]:
    """What a session saw of another session's data or results (an empty list when none).

    Each session must show its own columns (an upload) or its own seed (in the
    sidebar, on both pages), never another session's columns, and the final J
    that the engine, run here, gives for its own plan.
    """
    problems = []
    costs = {p.index: expected_cost(p) for p in plan_list}
    prefixes = {p.index: p.prefix for p in plan_list if p.upload}
    for s in sessions:
        if s.error:
            continue
        shown = " ".join(s.seen.values())
        for index, prefix in prefixes.items():
            if index != s.plan.index and prefix in shown:
                problems.append(f"session {s.plan.index} saw the upload of session {index}")
        if s.seen.get("cost") != costs[s.plan.index]:
            problems.append(
                f"session {s.plan.index} shows J = {s.seen.get('cost')}, its own run gives "
                f"{costs[s.plan.index]}"
            )
        if s.plan.upload:
            if f"{s.plan.prefix}hours" not in s.seen.get("chart", ""):
                problems.append(f"session {s.plan.index} does not see its own columns")
            continue
        for where in ("sidebar", "train_sidebar"):
            seeds = {int(v) for v in re.findall(r"seed (\d+)", s.seen.get(where, ""))}
            if seeds != {s.plan.seed}:
                problems.append(
                    f"session {s.plan.index} (seed {s.plan.seed}) shows seeds {seeds} ({where})"
                )
    return problems


def _run_apart(coroutine):
    """``asyncio.run(coroutine)`` in a thread of its own.

    Under pytest, Playwright's sync fixtures of other browser tests keep an
    event loop running in the main thread, where asyncio.run() is refused.
    """
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


def run_load(
    n: int = SESSIONS, *, rounds: int = 2, limit: float = ROUND_LIMIT, tabs: bool = False
) -> Figures:
    """Start a server, run ``rounds`` rounds of N concurrent sessions, measure memory.

    One Chromium serves every round; each session is a browser context of its
    own, or with ``tabs`` a tab of one context (see :func:`_launch`).
    """
    plan_list = plans(n)
    chromium = chromium_path()  # looked up here: it may start a sync Playwright
    if chromium is None:
        raise RuntimeError("no Chromium found (as root on Debian/Ubuntu: apt-get install chromium)")
    with StreamlitServer() as server:
        start_rss, _ = memory_mb(server.pid)
        shots = ROOT / "screenshots"
        done = _run_apart(
            _rounds(server, plan_list, rounds, limit, chromium, tabs=tabs, shots=shots)
        )
    sessions, seconds, rss, peak, cpu = zip(*done, strict=True)
    return Figures(n, tuple(map(tuple, sessions)), seconds, rss, peak, cpu, start_rss)


def report(fig: Figures) -> list[str]:
    """The figures as printed lines."""
    lines = [f"server RSS at start: {fig.start_rss_mb:.0f} MB"]
    for r, sessions in enumerate(fig.rounds):
        slow = fig.slowest(r)
        ok = sum(1 for s in sessions if not s.error)
        lines.append(
            f"round {r + 1}: {ok}/{fig.n} sessions finished without error in "
            f"{fig.round_seconds[r]:.1f} s; slowest session {slow.seconds:.1f} s "
            f"(#{slow.plan.index}, {'upload' if slow.plan.upload else slow.plan.kind}); "
            f"server CPU {fig.cpu_s[r]:.1f} s; "
            f"server RSS {fig.rss_mb[r]:.0f} MB, peak (VmHWM) {fig.peak_mb[r]:.0f} MB"
        )
    growth = fig.rss_mb[-1] - fig.rss_mb[0] if len(fig.rss_mb) > 1 else 0.0
    lines.append(
        f"peak RSS {max(fig.peak_mb):.0f} MB for {fig.n} sessions "
        f"(budget {MEMORY_BUDGET_MB} MB); RSS change from round 1 to round "
        f"{len(fig.rss_mb)}: {growth:+.0f} MB"
    )
    lines += fig.failures
    return lines


def run(n: int | None = None) -> Figures | None:
    """Print the load figures (bench/run.py calls this)."""
    n = sessions_from_env() if n is None else n
    print(f"{n} concurrent browser sessions on one server (127.0.0.1), twice:")
    if chromium_path() is None:
        print("  skipped: no Chromium (apt-get install chromium)")
        return None
    fig = run_load(n)
    for line in report(fig):
        print("  " + line)
    for r, sessions in enumerate(fig.rounds):
        for problem in isolation_problems(list(sessions), plans(n)):
            print(f"  round {r + 1}: {problem}")
    return fig


if __name__ == "__main__":
    run()
