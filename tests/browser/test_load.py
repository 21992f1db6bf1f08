"""Many students at once, and a long run cut short: the server keeps every session apart.

``test_many_students_at_once`` starts its own server and opens N concurrent
browser sessions (N = 4, or LOAD_SESSIONS), each generating a data set of its
own (two upload a file with column names of their own) and training; the same
work is then done again in fresh sessions.  Each session is a tab of its own
(its own websocket, so its own Streamlit session) in one Chromium whose tabs
share one renderer process and its compiled JavaScript: half the CPU of a
browser context each, which the server cannot tell apart.  Every session must finish without
an exception, see only its own data, and the server's memory must stay under
the hosted container's 690 MB and stop growing when the work repeats (the
caches are bounded).  ``python bench/load_bench.py`` prints the same figures.

N is small on purpose, with or without CI: a browser session costs Chromium
about 4 CPU-seconds even so, and the test command must pass, in minutes, on a
busy 2-core machine.  Four do what six did: two sessions upload files at once and
two generate data at once, side by side, and the same work is repeated in
fresh sessions.  Thirty, which fill the caches past their ``max_entries``,
belong to ``python bench/load_bench.py``.
Each round is bounded in time: LOAD_TIMEOUT seconds, by default 20 s per
session (at least 120 s).
"""

from __future__ import annotations

import os

from bench.load_bench import (
    MEMORY_BUDGET_MB,
    isolation_problems,
    plans,
    report,
    run_load,
    sessions_from_env,
)

from .harness import CHART_DRAWN, wait_for_run

#: Sessions of the test (two of them upload a file); the bench runs 30.
TEST_SESSIONS = 4


def _round_limit(n: int) -> float:
    """Seconds one round of n sessions may take (LOAD_TIMEOUT overrides)."""
    return float(os.environ.get("LOAD_TIMEOUT") or max(120.0, 20.0 * n))


def test_many_students_at_once():
    n = sessions_from_env(TEST_SESSIONS)
    fig = run_load(n, rounds=2, limit=_round_limit(n), tabs=True)
    print("\n" + "\n".join(report(fig)))
    assert fig.failures == [], fig.failures
    for sessions in fig.rounds:
        assert len(sessions) == n
        assert isolation_problems(list(sessions), plans(n)) == []
    assert max(fig.peak_mb) < MEMORY_BUDGET_MB
    # the same work again adds little: the caches are bounded, nothing piles up
    first = fig.rss_mb[0] - fig.start_rss_mb
    assert fig.rss_mb[1] - fig.rss_mb[0] < max(first / 3, 40.0), report(fig)


def _slider(page, label: str):
    return page.locator('[data-testid="stSlider"]').filter(has_text=label).get_by_role("slider")


def _metric(page, label: str) -> str:
    box = page.locator('[data-testid="stMetric"]').filter(has_text=label).first
    return box.locator('[data-testid="stMetricValue"]').inner_text()


def test_a_million_iteration_run_stops_when_a_control_changes(page, server):
    page.goto(f"{server.url}/train")
    wait_for_run(page, settle_ms=800, timeout=120_000)
    assert _metric(page, "steps made") == "1,000"
    iterations = _slider(page, "Iterations")
    iterations.focus()
    iterations.press("End")  # 1,000,000 iterations: the run starts, with its progress bar
    page.locator('[data-testid="stProgress"]').wait_for(timeout=60_000)
    assert page.locator('[data-testid="stApp"][data-test-script-state="running"]').count() == 1
    iterations.press("Home")  # a changed control: Streamlit stops the long run, starts anew
    wait_for_run(page, settle_ms=800, timeout=120_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert page.locator('[data-testid="stProgress"]').count() == 0
    assert _metric(page, "steps made") == "1"
    # the page stays usable: another change trains and draws again
    iterations.press("ArrowRight")
    wait_for_run(page, settle_ms=800, timeout=120_000)
    assert _metric(page, "steps made") == "2"
    assert page.locator('[data-testid="stException"]').count() == 0
    page.wait_for_selector(CHART_DRAWN)
