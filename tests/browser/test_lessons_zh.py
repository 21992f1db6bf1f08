"""Lessons in Chinese, in a real Chromium: the switch turns the text, the controls, the charts.

Each lesson is first checked in English as every page is (``page_shown``,
test_pages.py), on the same visit.
"""

import pytest

from ui.i18n import catalogue

from .conftest import page_shown, screenshot
from .harness import wait_for_heading, wait_for_run

ZH, EN = catalogue("zh"), catalogue("en")

#: url path, lesson number, a figure word the chart must draw, a widget label.
LESSONS = [
    ("lesson-model", 1, "figures_lessons.model_x_axis", "lesson1.x"),
    ("lesson-loss", 3, "figures_lessons.loss_x_axis", "lesson3.a"),
    ("lesson-summary", 8, "figures_lessons.training_x_axis", "lesson8.iterations"),
]


@pytest.mark.parametrize("path,n,figure_word,label", LESSONS, ids=[p for p, *_ in LESSONS])
def test_a_lesson_switched_to_chinese(page, server, path, n, figure_word, label):
    page.set_viewport_size({"width": 1440, "height": 2600})  # the main pane scrolls on its own
    page.goto(f"{server.url}/{path}")  # a deep link, even as a fresh server's first visitor
    wait_for_run(page, settle_ms=800)
    page_shown(page, path, EN[f"lesson{n}.nav"])  # in English, before the switch
    page.locator('[data-testid="stSidebar"]').get_by_role("radio", name="简体中文").click()
    wait_for_heading(page, ZH[f"lesson{n}.title"])
    page.wait_for_selector('[data-testid="stPlotlyChart"] .main-svg', timeout=30_000)
    main = page.locator('[data-testid="stMain"]')
    assert page.locator("h1").first.inner_text().strip() == ZH[f"lesson{n}.title"]
    assert ZH[label] in main.inner_text()
    assert ZH["lessons.open_in_playground"] in main.inner_text()
    chart = page.locator('[data-testid="stPlotlyChart"]').first
    drawn = " ".join(svg.text_content() or "" for svg in chart.locator("svg").all())
    assert ZH[figure_word] in drawn  # the CJK words are in the chart's SVG text
    nav = page.locator('[data-testid="stSidebarNavLink"]', has_text=ZH[f"lesson{n}.nav"])
    assert nav.count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, f"lesson-zh-{path}")
