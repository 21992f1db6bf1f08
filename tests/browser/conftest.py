"""Fixtures for the real-browser tests: a `streamlit run` server and the system Chromium.

Without Chromium (or Playwright) the browser tests skip with one line saying
why, except under CI=true, where a missing browser is an error: CI must prove
what a student's browser does.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from .harness import (
    CHART_DRAWN,
    ROOT,
    StreamlitServer,
    browser_unavailable,
    launch_chromium,
    mark_browser_tests,
)

SHOTS = ROOT / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [i for i in items if here in Path(str(i.fspath)).parents]
    mark_browser_tests(browser_items, browser_unavailable(), "browser tests")


@pytest.fixture(scope="session")
def server():
    with StreamlitServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def tabs(playwright_api, server, tmp_path_factory):
    """A Chromium with a profile on disk, whose tabs are the tests' pages (one per worker).

    Its tabs of the server's site share one renderer process
    (``--process-per-site``), kept alive between tests by one more tab that
    holds the server's health page open, and the profile keeps Chromium's HTTP
    cache and V8's code cache: the app's JavaScript is compiled once, not once
    per test, which about halves Chromium's work per page on a 2-core machine.
    (Browser contexts of ``browser.new_context()`` keep nothing on disk and
    start a renderer of their own.)
    """
    context = launch_chromium(
        playwright_api,
        profile=tmp_path_factory.mktemp("chromium-profile"),
        one_renderer=True,
        viewport={"width": 1440, "height": 900},
        locale="en-US",
    )
    keeper = context.new_page()
    keeper.goto(f"{server.url}/_stcore/health")
    yield context
    context.close()


def new_tab(tabs, *, viewport: dict | None = None):
    """A new tab of ``tabs`` (a new Streamlit session), of the size ``viewport`` if given."""
    pg = tabs.new_page()
    if viewport is not None:
        pg.set_viewport_size(viewport)
    pg.set_default_timeout(30_000)
    return pg


def close_tab(tabs, server, pg) -> None:
    """Close a tab of ``tabs`` and clear what the app left in the browser."""
    try:  # Streamlit keeps the sidebar's width and state in the server's localStorage
        pg.goto(f"{server.url}/_stcore/health")
        pg.evaluate("() => localStorage.clear()")
    finally:
        pg.close()
        tabs.clear_cookies()


@pytest.fixture
def page(tabs, server):
    """A new tab, so a new Streamlit session; what the app left in the browser is cleared after."""
    pg = new_tab(tabs)
    yield pg
    close_tab(tabs, server, pg)


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def page_shown(page, path: str, title: str) -> None:
    """What every page must show once opened at ``path`` (tests/browser/test_pages.py).

    Its charts are drawn (the Scenarios gallery has buttons instead), no
    exception or traceback is on it, its link in the navigation is there once;
    a screenshot lands in screenshots/page-<path>.png.  A test that opens a page
    for more calls this on the same visit, so that no page is loaded twice for it.
    """
    if path != "scenarios":  # the gallery is cards and buttons, no chart
        page.wait_for_selector(CHART_DRAWN, timeout=30_000)
    else:
        page.wait_for_selector('[data-testid="stButton"]', timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not re.search(r"Traceback|Error:", page.locator('[data-testid="stMain"]').inner_text())
    link = page.locator('[data-testid="stSidebarNavLink"]', has_text=title)
    assert link.count() == 1
    screenshot(page, f"page-{path or 'data'}")
