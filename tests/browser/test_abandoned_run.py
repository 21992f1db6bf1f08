"""A run nobody watches stops: closing the tab or leaving the page ends the training.

The largest run the budget allows on the heaviest data the controls offer
(100,000 spiral examples, every feature map: about 20 s of one core) is opened
from a link; while it trains, the tab is
closed (or the student opens another page).  Had the run gone on, the
server would stay busy for many more seconds; it must fall idle soon after.
How soon is measured by bench/budget_bench.py, not asserted here: the bound
below is only far shorter than the run itself.
"""

from __future__ import annotations

import os
import time

from logreg_core.budget import MAX_WORK, max_iterations_within, run_work

from .harness import wait_for_run

#: Every feature map, as the link writes them (seven features).
ALL_MAPS = "x1-x2-x1sq-x2sq-x1x2-sinx1-sinx2"


def largest_link(m: int = 100_000, frames: int = 400) -> str:
    """A Train-page link to the largest run the budget allows on ``m`` spiral examples."""
    iters = max_iterations_within(run_work(m, 7, 1, frames=frames), MAX_WORK)
    return f"/train?kind=spiral&n={m}&test=0&f={ALL_MAPS}&frames={frames}&iters={iters}"


LARGEST_LINK = largest_link()
PROGRESS = '[data-testid="stProgress"]'
#: A server whose page is drawn uses less than this share of a core (no run going on).
IDLE_FLOOR = 0.04
#: Seconds the run would still need at the least when it is abandoned (it takes ~20 s).
STILL_TO_RUN = 12.0


def _cpu(pid: int) -> float:
    with open(f"/proc/{pid}/stat") as f:
        after_name = f.read().rsplit(")", 1)[1].split()
    return (int(after_name[11]) + int(after_name[12])) / os.sysconf("SC_CLK_TCK")


def _rate(pid: int, window: float = 1.0) -> float:
    """The server's CPU seconds per second over the next ``window`` s."""
    before = _cpu(pid)
    time.sleep(window)
    return (_cpu(pid) - before) / window


def _falls_idle(pid: int, training_rate: float, within: float) -> bool:
    """True when, within ``within`` s, the server uses under a third of its training rate.

    Compared with the rate measured while it trained, so that a busy machine,
    which slows both alike, does not decide the answer; 0.04 of a core at the
    least, what a server showing a page does without training.
    """
    end = time.monotonic() + within
    while time.monotonic() < end:
        if _rate(pid) < min(max(training_rate / 3, IDLE_FLOOR), 1 / 3):
            return True
    return False


def _still_to_run(rate: float) -> float:
    """Wall seconds the run would still go on at ``rate`` (a busy machine stretches them)."""
    return min(60.0, (STILL_TO_RUN - 4) / min(1.0, max(rate, 0.05)))


def _start_largest_run(page, server) -> float:
    """Open the largest run and return the server's CPU rate while it trains."""
    page.goto(server.url + LARGEST_LINK)
    page.wait_for_selector(PROGRESS, timeout=60_000)
    page.wait_for_timeout(1500)  # well into the run
    rate = _rate(server.pid, 2.0)
    assert rate > 0.05, f"the server should be training (it used {rate:.2f} of a core)"
    return rate


def test_closing_the_tab_stops_the_run(tabs, server):
    page = tabs.new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_default_timeout(60_000)
    try:
        rate = _start_largest_run(page, server)
    finally:
        page.close()  # the tab, its websocket with it
    assert _falls_idle(server.pid, rate, within=_still_to_run(rate))


def test_leaving_the_page_stops_the_run(page, server):
    rate = _start_largest_run(page, server)
    page.locator('[data-testid="stSidebarNavLink"]').first.click()  # the Data page
    wait_for_run(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert _falls_idle(server.pid, rate, within=_still_to_run(rate))
