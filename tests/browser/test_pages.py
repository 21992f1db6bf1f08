"""Every page, in a real Chromium: it loads, draws its charts, and shows no exception."""

import re

import pytest

from .conftest import screenshot
from .harness import CHART_DRAWN, wait_for_run

PAGES = [
    ("", "Data"),
    ("train", "Train"),
    ("inspector", "Step inspector"),
    ("scenarios", "Scenarios"),
    ("lesson-model", "1 · The model"),
    ("lesson-sigmoid", "2 · The sigmoid"),
    ("lesson-loss", "3 · The loss"),
    ("lesson-cost", "4 · Cost and convexity"),
    ("lesson-descent", "5 · Gradient descent"),
    ("lesson-graph", "6 · Computational graph"),
    ("lesson-vectorize", "7 · m examples"),
    ("lesson-summary", "8 · Summary"),
]


@pytest.mark.parametrize("path,title", PAGES, ids=[p or "data" for p, _ in PAGES])
def test_page_loads_with_charts_and_no_exception(page, server, path, title):
    page.goto(f"{server.url}/{path}")
    wait_for_run(page, settle_ms=800)
    if path != "scenarios":  # the gallery is cards and buttons, no chart
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    else:
        page.wait_for_selector('[data-testid="stButton"]', timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not re.search(r"Traceback|Error:", page.locator('[data-testid="stMain"]').inner_text())
    link = page.locator('[data-testid="stSidebarNavLink"]', has_text=title)
    assert link.count() == 1
    screenshot(page, f"page-{path or 'data'}")
