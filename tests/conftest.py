"""Shared fixtures and helpers: the app's path, AppTest runs, plotly specs of a page."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

#: Seconds AppTest waits for one run (the first run imports plotly and pandas).
APP_TIMEOUT = 60


def open_page(page: str | None = None, *, state: dict | None = None):
    """AppTest of app.py, run once, then switched to ``page`` ("views/train.py") and run.

    ``state`` is put into session state before the page's run (as a lesson's
    link or a callback would).
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
    assert not at.exception, at.exception
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page is not None:
        at.switch_page(page).run()
    return at


def specs(at) -> list[dict]:
    """The plotly figures of the page, as JSON dicts (with ``bdata`` arrays left encoded)."""
    return [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]


def player(at) -> tuple[dict, dict]:
    """The header and arrays of the Train page's animation player (as the browser reads them)."""
    from logreg_core.figures.player import read_payload

    (element,) = at.get("bidi_component")
    return read_payload(element.proto.bytes)


def spec_sizes(at) -> list[int]:
    """Bytes of each plotly chart's JSON spec on the page."""
    return [len(chart.proto.spec) for chart in at.get("plotly_chart")]


def metrics(at) -> dict[str, str]:
    """Label -> shown value of every st.metric on the page."""
    return {m.label: m.value for m in at.metric}


def decode(value) -> np.ndarray:
    """A plotly typed array (``{"dtype", "bdata", "shape"}``) or a list, as a numpy array."""
    import base64

    if isinstance(value, dict) and "bdata" in value:
        arr = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            shape = value["shape"]
            dims = shape if isinstance(shape, list) else str(shape).split(",")
            arr = arr.reshape([int(d) for d in dims])
        return arr
    return np.asarray(value, dtype=float)


def no_bad_numbers(at) -> None:
    """No metric, markdown or caption shows nan/inf, and the page shows no exception."""
    assert not at.exception, at.exception
    for m in at.metric:
        assert m.value not in ("nan", "inf", "-inf"), (m.label, m.value)
    for md in list(at.markdown) + list(at.caption):
        words = md.value.replace(",", " ").replace(".", " ").split()
        assert "nan" not in words and "inf" not in words, md.value


@pytest.fixture(scope="session")
def app_path() -> Path:
    return APP


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run (tests/browser and tests/deploy).

    Playwright's sync API can run only once at a time in a process, so every
    browser test shares this one.
    """
    from playwright.sync_api import sync_playwright

    from tests.browser.harness import launch_chromium

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()
