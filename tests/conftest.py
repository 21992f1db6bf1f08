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


def pytest_configure(config):
    _scan_installed_components_once()
    _malloc_of_a_test_process()


#: Thresholds of glibc's malloc for the test process itself (see below), in bytes.
TEST_MMAP_THRESHOLD = 32 * 1024 * 1024
TEST_TRIM_THRESHOLD = 128 * 1024 * 1024


def _malloc_of_a_test_process() -> None:
    """The app's malloc settings taken in this process as app.py takes them, then its two
    thresholds raised again for the test process alone.

    AppTest runs app.py in the test process, and app.py's first run sets this
    process's malloc as a server's (ui/ops.py: a fixed 128 kB mmap threshold
    and a 1 MB trim threshold, so that a long-lived server gives freed memory
    back).  A test process does not live on between lessons, and with those
    thresholds every large array of its thousands of runs costs fresh pages
    from the kernel (a seventh of the AppTests' CPU).  Here the settings are
    taken first (so ``configure_malloc`` and app.py's ``set_malloc`` see them
    taken, as before), then the mmap and trim thresholds are raised for this
    process only.  The servers the browser and deployment tests start, and the
    child processes that measure memory, keep the app's settings.
    """
    try:
        from ui import ops
    except ImportError:
        return
    if not (ops.enabled() and ops.configure_malloc()):
        return  # switched off, or no glibc: app.py sets nothing either
    libc = ops._libc()
    libc.mallopt(ops._M_MMAP_THRESHOLD, TEST_MMAP_THRESHOLD)
    libc.mallopt(ops._M_TRIM_THRESHOLD, TEST_TRIM_THRESHOLD)


def _scan_installed_components_once() -> None:
    """Streamlit's component scan of the installed packages, once per test process.

    Every new AppTest reads the metadata of every installed distribution for
    Streamlit component manifests (about 0.1 s, hundreds of AppTests a run: a
    third of their time).  The installed packages do not change during a test
    run, so the scan's answer is kept and each AppTest registers it as before.
    """
    import functools

    try:
        from streamlit.components.v2 import manifest_scanner
    except ImportError:  # another Streamlit: nothing to keep
        return
    scan = getattr(manifest_scanner, "scan_component_manifests", None)
    if scan is None or hasattr(scan, "kept"):
        return
    kept = functools.cache(scan)

    @functools.wraps(scan)
    def scan_once(max_workers: int | None = None):
        return list(kept())

    scan_once.kept = kept
    manifest_scanner.scan_component_manifests = scan_once


#: The page app.py opens on (its first run): the Data page.
DEFAULT_PAGE = "views/data.py"


def open_page(page: str | None = None, *, state: dict | None = None):
    """AppTest of app.py, run once, then switched to ``page`` ("views/train.py") and run.

    ``state`` is put into session state before the page's run (as a lesson's
    link or a callback would).  The first run is the Data page's: asked for
    without ``state``, it is not run a second time.
    """
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
    assert not at.exception, at.exception
    for key, value in (state or {}).items():
        at.session_state[key] = value
    if page is not None and (page != DEFAULT_PAGE or state):
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
def playwright_api():
    """Playwright's sync API, started once per process (per xdist worker).

    It can run only once at a time in a process, so every browser of the run
    (tests/browser and tests/deploy) is launched from this one.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="session")
def browser(playwright_api):
    """One headless Chromium for the whole run (per xdist worker): its contexts start empty."""
    from tests.browser.harness import launch_chromium

    b = launch_chromium(playwright_api)
    yield b
    b.close()
