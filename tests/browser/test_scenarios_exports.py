"""Scenarios and exports in a real Chromium: a preset's button, each download, the offline HTML,
a setup file loaded back.

The downloads go through the real server (deferred files are built on the
click), and the animation file is opened with the network switched off.
"""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import urlparse

from logreg_core.export import SETUP_FORMAT
from ui.i18n import t

from .conftest import page_shown, screenshot
from .harness import CHART_DRAWN, wait_for_run

EN = {key: t(f"exports.{key}", lang="en") for key in ("csv", "json", "html", "script")}


def _download(page, label: str):
    with page.expect_download(timeout=60_000) as info:
        page.get_by_role("button", name=label).click()
    return info.value


def test_a_preset_opens_train_with_its_outcome(page, server):
    page.goto(f"{server.url}/scenarios")  # a deep link, even as a fresh server's first visitor
    wait_for_run(page, settle_ms=800)
    page_shown(page, "scenarios", "Scenarios")  # no exception; screenshots/page-scenarios.png
    page.locator(".st-key-preset_alpha_large").get_by_role("button").click()
    wait_for_run(page, settle_ms=1500)
    page.wait_for_selector(CHART_DRAWN, timeout=60_000)
    assert urlparse(page.url).path.rstrip("/").endswith("/train")
    main = page.locator('[data-testid="stMain"]').inner_text()
    assert t("presets.alpha_large.title", lang="en") in main
    assert "diverged" in main
    assert page.locator('[data-testid="stException"]').count() == 0
    screenshot(page, "page-train-alpha-large")


def test_downloads_the_offline_animation_and_a_setup_file(page, server, browser, tmp_path):
    """On one visit of the Train page: each download, the animation file offline, then a
    setup file loaded from the sidebar."""
    page.goto(f"{server.url}/train")
    wait_for_run(page, settle_ms=800)
    page.wait_for_selector(CHART_DRAWN, timeout=60_000)
    page_shown(page, "train", "Train")

    rows = list(csv.reader(io.StringIO(_download(page, EN["csv"]).path().read_text("utf-8"))))
    assert rows[0][:3] == ["step", "w[x1]", "w[x2]"] and len(rows) > 2
    doc = json.loads(_download(page, EN["json"]).path().read_text("utf-8"))
    assert doc["format"] == SETUP_FORMAT and doc["result"]["steps"] == int(rows[-1][0])
    script = _download(page, EN["script"]).path().read_text("utf-8")
    assert "import numpy as np" in script
    html_file = tmp_path / "animation.html"
    _download(page, EN["html"]).save_as(html_file)
    assert page.locator('[data-testid="stException"]').count() == 0

    offline = browser.new_context(offline=True)
    try:
        viewer = offline.new_page()
        viewer.goto(html_file.as_uri())
        viewer.wait_for_selector(".lrp[data-frame]", timeout=30_000)
        state = "() => ['frames', 'frame'].map(k => document.querySelector('.lrp').dataset[k])"
        frames, before = viewer.evaluate(state)
        assert int(frames) == doc["setup"]["n_frames"] and int(before) == int(frames) - 1
        viewer.locator(".lrp-play").click()
        viewer.wait_for_timeout(1500)
        after = viewer.evaluate(state)[1]
        assert after != before, "Play moves the animation with no network"
        screenshot(viewer, "export-animation-offline")
    finally:
        offline.close()

    _a_setup_file_loads_from_the_sidebar(page, tmp_path)


def _a_setup_file_loads_from_the_sidebar(page, tmp_path) -> None:
    setup = {"format": SETUP_FORMAT, "setup": {"kind": "moons", "learning_rate": 0.5}}
    path = tmp_path / "moons.json"
    path.write_text(json.dumps(setup), "utf-8")
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text(t("exports.loader_title", lang="en")).click()
    sidebar.locator('[data-testid="stFileUploaderDropzoneInput"]').set_input_files(str(path))
    wait_for_run(page, settle_ms=1500)
    alert = sidebar.locator('[data-testid="stAlertContentSuccess"]')
    assert t("exports.loaded", lang="en", name="moons.json", count=2) in alert.inner_text()
    assert "moons" in sidebar.inner_text()
    screenshot(page, "sidebar-setup-loaded")
