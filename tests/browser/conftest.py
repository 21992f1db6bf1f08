"""Fixtures for the real-browser tests: a `streamlit run` server and the system Chromium.

Without Chromium (or Playwright) the browser tests skip with one line saying
why, except under CI=true, where a missing browser is an error: CI must prove
what a student's browser does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .harness import ROOT, StreamlitServer, browser_unavailable, mark_browser_tests

SHOTS = ROOT / "screenshots"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    browser_items = [i for i in items if here in Path(str(i.fspath)).parents]
    mark_browser_tests(browser_items, browser_unavailable(), "browser tests")


@pytest.fixture(scope="session")
def server():
    with StreamlitServer() as srv:
        yield srv


@pytest.fixture
def page(browser, server):
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    pg = context.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    context.close()


def screenshot(page, name: str) -> Path:
    SHOTS.mkdir(exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
