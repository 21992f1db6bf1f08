"""Shareable links and presenter mode in a real Chromium.

The address bar follows the controls on every page; the link shown in the
sidebar, opened in a fresh browser context, shows the same run (the same w, b
and J, read from the page, and the engine's own numbers for that setup); a
hostile link gets a notice with its values as plain text.  (Presenter mode on
the Train page at 1280×720 is tests/browser/test_presenter.py's, on its visit.)
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

from logreg_core.pipeline import run_setup
from ui.share import decode
from ui.state import DEFAULTS
from ui.texts import fmt

from .conftest import close_tab, new_tab, screenshot
from .harness import StreamlitServer, wait_for_run


def _params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def _go(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
    wait_for_run(page, settle_ms=1200)


def _results(page) -> dict[str, str]:
    """Label -> value of the Train page's metrics (all five, once the run has drawn them)."""
    page.wait_for_function(
        "() => document.querySelectorAll('[data-testid=\"stMetric\"]').length >= 5"
    )
    out = {}
    for text in page.locator('[data-testid="stMetric"]').all_inner_texts():
        label, _, value = text.partition("\n")
        out[label.strip()] = value.strip()
    return out


def _weights(page) -> str:
    return page.locator('[data-testid="stMarkdownContainer"]', has_text="w1 (").first.inner_text()


def _reference(url: str):
    reading = decode({k: v for k, v in _params(url).items() if k != "lang"})
    assert reading.problems == ()
    return run_setup({**DEFAULTS, **reading.setup}).history


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert not re.search(r"Traceback", page.locator('[data-testid="stMain"]').inner_text())


def test_the_link_follows_the_controls_and_reopens_the_same_run(page, server, browser):
    page.goto(f"{server.url}/")
    wait_for_run(page, settle_ms=1200)
    seed = page.get_by_label("Seed", exact=True)
    seed.fill("7")
    seed.press("Enter")
    wait_for_run(page, settle_ms=800)
    assert _params(page.url).get("seed") == ["7"]

    _go(page, "Train")
    assert urlsplit(page.url).path == "/train" and _params(page.url).get("seed") == ["7"]
    alpha = page.locator('[data-testid="stSlider"]', has_text="Learning rate").locator(
        'input[type="range"]'
    )
    alpha.focus()
    alpha.press("ArrowRight")  # 0.1 -> 0.2
    wait_for_run(page, settle_ms=1200)
    assert _params(page.url) == {"seed": ["7"], "alpha": ["0.2"]}
    shown = _results(page)
    weights = _weights(page)
    _no_exception(page)

    _go(page, "Step inspector")
    assert _params(page.url) == {"seed": ["7"], "alpha": ["0.2"]}
    _go(page, "Data")
    assert _params(page.url) == {"seed": ["7"], "alpha": ["0.2"]}
    _go(page, "Train")
    assert _params(page.url) == {"seed": ["7"], "alpha": ["0.2"]}

    page.locator('[data-testid="stSidebar"] [data-testid="stExpander"]', has_text="Link").click()
    code = page.locator('[data-testid="stSidebar"] [data-testid="stCode"]')
    code.wait_for()
    link = code.inner_text().strip()
    assert link == f"{server.url}/train?seed=7&alpha=0.2"
    screenshot(page, "share-link-panel")

    h = _reference(link)  # the engine's own run of the link's setup
    assert shown["cost J"] == fmt(h.cost[-1]) and shown["bias b"] == fmt(h.b[-1])
    for value in h.w[-1]:
        assert fmt(value) in weights

    fresh = browser.new_context(viewport={"width": 1440, "height": 900}, locale="en-US")
    try:
        other = fresh.new_page()
        other.set_default_timeout(30_000)
        other.goto(link)
        wait_for_run(other, settle_ms=1500)
        assert _results(other) == shown
        assert _weights(other) == weights
        assert _params(other.url) == {"seed": ["7"], "alpha": ["0.2"]}
        assert other.get_by_text("could not be used").count() == 0  # nothing to report
        _no_exception(other)
    finally:
        fresh.close()

    # back to the defaults: the parameters leave the address bar
    page.get_by_role("button", name="Reset all settings", exact=True).click()
    wait_for_run(page, settle_ms=1200)
    assert _params(page.url) == {}


def test_a_hostile_link_gets_a_plain_text_notice_and_the_defaults(page, server):
    page.goto(
        f"{server.url}/train?n=abc&alpha=nan&seed=1e400&kind=%3Cb%3Ebold%3C%2Fb%3E"
        "&f=x1-x1&bogus=**y**%20%24z%24%20%3Ared%5Bhi%5D&iters=10&iters=20"
    )
    wait_for_run(page, settle_ms=1500)
    _no_exception(page)
    notice = page.locator('[data-testid="stAlertContentWarning"]').first
    text = notice.inner_text().replace("\u2060", "")  # Streamlit's word joiner before ":"
    for quoted in ("abc", "nan", "1e400", "<b>bold</b>", "x1-x1", "**y** $z$ :red[hi]"):
        assert f"“{quoted}”" in text, quoted
    assert "iters appears 2 times" in text
    assert notice.locator("b").count() == 0  # the value's tags are text, not markup
    assert _params(page.url) == {}  # the unusable values left the address bar
    h = run_setup(dict(DEFAULTS)).history
    assert _results(page)["cost J"] == fmt(h.cost[-1])
    screenshot(page, "share-hostile-link")
    page.get_by_role("button", name="OK, hide this").click()
    wait_for_run(page, settle_ms=800)
    assert page.locator('[data-testid="stAlertContentWarning"]').count() == 0


def test_a_link_from_uploaded_data_opens_generated_data(page, server):
    page.goto(f"{server.url}/data?src=uploaded&kind=xor")
    wait_for_run(page, settle_ms=1500)
    _no_exception(page)
    info = page.locator('[data-testid="stAlertContentInfo"]').first.inner_text()
    assert "uploaded CSV file" in info and "xor" in info
    assert _params(page.url) == {"kind": ["xor"]}


def test_a_deep_link_is_kept_for_the_first_visitor_of_a_fresh_server(tabs):
    # the first visitor of a fresh server arrives by a deep link with parameters
    with StreamlitServer() as fresh:
        pg = new_tab(tabs)
        try:
            pg.set_default_timeout(60_000)
            pg.goto(f"{fresh.url}/train?seed=3&alpha=0.5&iters=200&presenter=1")
            wait_for_run(pg, settle_ms=2000)
            _no_exception(pg)
            assert urlsplit(pg.url).path == "/train"
            assert _params(pg.url) == {
                "seed": ["3"],
                "alpha": ["0.5"],
                "iters": ["200"],
                "presenter": ["1"],
            }
            h = _reference(pg.url)
            shown = _results(pg)
            assert shown["cost J"] == fmt(h.cost[-1]) and shown["steps made"] == "200"
        finally:
            close_tab(tabs, fresh, pg)
