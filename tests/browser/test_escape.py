"""A hostile CSV in a real browser: its HTML and markdown show as text and never run.

The file's column names, label values and even its file name hold
``<img src=x onerror=alert(1)>``, ``<script>window.__pwned=1</script>`` and
markdown (a link, bold).  Everywhere the app shows them (column pickers,
metrics, notes, preview table, sidebar, chart axis titles and legends, the
Train and Step inspector pages) they must read exactly as typed; no image
element appears, no dialog opens, the script never runs.
"""

from __future__ import annotations

import re

from .conftest import screenshot
from .harness import CHART_DRAWN, wait_for_run

IMG = "<img src=x onerror=alert(1)>"
SCRIPT = "<script>window.__pwned=1</script>"
LABEL = "**label** [a](javascript:alert(2))"
FILE_NAME = "<img src=x onerror=alert(3)> [b](mailto:x@example.com) *c*.csv"
ROWS = [(0.5, 1.0, 0), (1.5, 0.2, 1), (2.5, -1.0, 1), (-0.5, 0.3, 0)]
ROWS += [(0.1, 2.2, 0), (3.0, 0.1, 1), (2.0, 0.5, 1), (0.2, 1.5, 0)]


def _hostile_csv() -> dict:
    body = "".join(f"{a},{b},{SCRIPT if y else IMG}\n" for a, b, y in ROWS)
    data = f"{IMG},{SCRIPT},{LABEL}\n{body}".encode()
    return {"name": FILE_NAME, "mimeType": "text/csv", "buffer": data}


def _seen(text: str) -> str:
    """Text as a student reads it (the app puts invisible word joiners into addresses)."""
    return text.replace("\u2060", "")


def _nothing_ran(page, dialogs) -> None:
    assert dialogs == [], f"a dialog opened: {dialogs}"
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator('img[src="x"]').count() == 0
    assert page.locator("script", has_text="__pwned").count() == 0
    # the only links in the sidebar are the page links: the file name made none
    hrefs = page.locator('[data-testid="stSidebar"] a:not([data-testid="stSidebarNavLink"])')
    assert all(
        "example.com" not in (h or "")
        for h in hrefs.evaluate_all("els => els.map(e => e.getAttribute('href'))")
    )
    assert page.locator('[data-testid="stException"]').count() == 0


def _picked(page, label: str) -> str:
    """The shown value of a selectbox (its combobox input)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    return box.locator('input[role="combobox"]').input_value()


def _chart_texts(page) -> list[str]:
    return page.locator('[data-testid="stPlotlyChart"] .main-svg text').all_text_contents()


def _go(page, title: str) -> None:
    page.locator('[data-testid="stSidebarNavLink"]', has_text=title).click()
    wait_for_run(page, settle_ms=1200, timeout=120_000)
    page.wait_for_selector(CHART_DRAWN, timeout=60_000)


def test_hostile_names_show_as_text_and_never_run(page, server):
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(server.url)
    wait_for_run(page, settle_ms=800)
    page.get_by_text("Upload a CSV").click()
    wait_for_run(page)
    page.locator(
        '[data-testid="stMain"] [data-testid="stFileUploaderDropzoneInput"]'
    ).set_input_files(_hostile_csv())
    wait_for_run(page, settle_ms=1500)
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg')

    # column pickers: the label column, the feature chips, the positive class
    assert _picked(page, "Label column") == LABEL
    assert _picked(page, "Positive class") == SCRIPT
    chips = page.locator('[data-testid="stMultiSelect"]').filter(has_text="Feature columns")
    assert IMG in chips.inner_text() and SCRIPT in chips.inner_text()
    # metrics, the notes and the "Using <file>" line
    main = _seen(page.locator('[data-testid="stMain"]').inner_text())
    assert f"class 0 ({IMG})" in main.replace("\n", " ") or f"class 0 ({IMG}" in main
    captions = _seen(" ".join(page.locator('[data-testid="stCaptionContainer"]').all_inner_texts()))
    assert f"Using {FILE_NAME}" in captions
    # (the notes cut a long name to 30 characters)
    assert f"features ({IMG}, " in captions and f"label '{LABEL[:30]}…'" in captions
    # the preview table's column headers (the grid keeps an accessible table)
    grid = page.locator('[data-testid="stDataFrame"]').first
    grid.scroll_into_view_if_needed()
    grid.locator("th").filter(has_text=SCRIPT).first.wait_for(state="attached")
    table = grid.locator("th").all_text_contents()
    assert {IMG, SCRIPT, LABEL} <= set(table), table
    # the sidebar
    sidebar = _seen(page.locator('[data-testid="stSidebar"]').inner_text())
    assert f"uploaded · {FILE_NAME}" in sidebar
    # chart axis titles and legend
    texts = _chart_texts(page)
    assert IMG in texts and SCRIPT in texts, texts
    assert f"train · y = 1 ({SCRIPT})" in texts
    _nothing_ran(page, dialogs)
    screenshot(page, "escape-data")

    _go(page, "Train")
    page.wait_for_selector(".lrp-canvas[aria-label]")
    texts = page.locator(".lrp-canvas").get_attribute("aria-label").split("; ")
    assert IMG in texts and SCRIPT in texts and f"test · y = 0 ({IMG})" in texts
    main = _seen(page.locator('[data-testid="stMain"]').inner_text())
    assert f"Weights (x1 = {IMG}, x2 = {SCRIPT})" in main
    assert not re.search(r"Traceback|Error:", main)
    _nothing_ran(page, dialogs)
    screenshot(page, "escape-train")

    _go(page, "Step inspector")
    assert IMG in _chart_texts(page)
    main = _seen(page.locator('[data-testid="stMain"]').inner_text())
    assert f"Example 1: {IMG} = " in main and f", {SCRIPT} = " in main
    _nothing_ran(page, dialogs)
