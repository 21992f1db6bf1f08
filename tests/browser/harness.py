"""A `streamlit run` server and the system Chromium, for browser tests and benchmarks.

Playwright's own browser download does not work on these machines, so the
Debian Chromium is launched by path.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


def chromium_path() -> str | None:
    """The Chromium to drive: $CHROMIUM_PATH, the system's, or one Playwright downloaded.

    The system Chromium (Debian's ``chromium`` package) comes first; Playwright's
    own download (``python -m playwright install chromium``, the fallback of
    scripts/run-tests.sh where apt has no ``chromium``, as on Ubuntu) second.
    """
    return _system_chromium() or _playwright_chromium()


def _system_chromium() -> str | None:
    for candidate in (os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", "chromium"):
        if candidate and (found := shutil.which(candidate)):
            return found
    return None


def _playwright_chromium() -> str | None:
    """The executable of Playwright's downloaded Chromium, if it is on disk."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # no driver, no browser: there is nothing to run
        return None
    return path if path and os.access(path, os.X_OK) else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def browser_unavailable() -> str | None:
    """Why a browser cannot be driven here (no Playwright, no Chromium), or None."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (pip install -r requirements-dev.txt)"
    if chromium_path() is None:
        return "no Chromium found (as root on Debian/Ubuntu: apt-get install chromium)"
    return None


class PortTaken(RuntimeError):
    """The server's port was taken between its choice and the server's start."""


class StreamlitServer:
    """`streamlit run app.py` on a free loopback port, stopped on exit.

    Under pytest-xdist several workers start servers at once: if another process
    takes the free port before this server binds it, a second one is chosen.
    """

    def __init__(self, *, port: int | None = None, env: dict | None = None, cwd: Path = ROOT):
        self.chosen = port is not None
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = env
        self.cwd = cwd
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> StreamlitServer:
        try:
            return self._start()
        except PortTaken:
            if self.chosen:
                raise
        # another process (a parallel test worker) took the free port first: once more
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        return self._start()

    def _start(self) -> StreamlitServer:
        cmd = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true",
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none",
        ]  # fmt: skip
        env = os.environ.copy() | (self.env or {})
        self.proc = subprocess.Popen(
            cmd, cwd=self.cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode(errors="replace")[-2000:]
                self.proc.stderr.close()
                if f"Port {self.port} is not available" in err:
                    raise PortTaken(err)
                raise RuntimeError(f"streamlit exited early:\n{err}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as r:
                    if r.read().decode().strip() == "ok":
                        return self
            except OSError:
                time.sleep(0.3)
        self.__exit__()
        raise RuntimeError("streamlit did not answer /_stcore/health within 60 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc and self.proc.stderr:
            self.proc.stderr.close()  # else a ResourceWarning when it is collected

    @property
    def pid(self) -> int:
        return self.proc.pid


#: A chart is drawn: a plotly figure's SVG or the Train page's animation player (its
#: first frame); Playwright's CSS selectors look inside the player's shadow root.
CHART_DRAWN = '[data-testid="stPlotlyChart"] .main-svg, .lrp[data-frame]'


def wait_for_run(page, *, settle_ms: int = 300, timeout: int = 60_000) -> None:
    """Wait until Streamlit has finished the current script run."""
    page.wait_for_timeout(settle_ms)
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=timeout
    )


def wait_for_heading(page, text: str, *, timeout: int = 60_000) -> None:
    """Wait until the page's first heading reads ``text`` (the run that writes it has come),
    then until that run has ended: a wait for a condition, not for a fixed time."""
    page.wait_for_function(
        "t => { const h = document.querySelector('h1'); return !!h && h.innerText.trim() === t; }",
        arg=text,
        timeout=timeout,
    )
    wait_for_run(page, settle_ms=0, timeout=timeout)


def launch_chromium(
    playwright, *, profile: Path | None = None, one_renderer: bool = False, **context_options
):
    """Chromium with flags for a headless box; the system's, else Playwright's own (None).

    With a ``profile`` folder, the browser's one context keeps its caches there
    and is returned (``context_options`` are its viewport, locale, …); without,
    the browser is returned, whose ``new_context()`` contexts keep nothing.
    ``one_renderer`` runs every tab of a site in one renderer process
    (``--process-per-site``), which keeps what it compiled while one is open.
    """
    chromium, path = playwright.chromium, _system_chromium()
    args = [*CHROMIUM_ARGS, "--process-per-site"] if one_renderer else CHROMIUM_ARGS
    if profile is None:
        return chromium.launch(executable_path=path, args=args)
    return chromium.launch_persistent_context(
        profile, executable_path=path, args=args, **context_options
    )


def mark_browser_tests(items, reason: str | None, what: str) -> None:
    """Mark ``items`` as browser tests; with a ``reason`` they cannot run, skip them in one line.

    Under CI=true a reason is an error instead (pytest.UsageError): CI must
    prove what the browser does.  ``what`` names the tests in the messages.
    """
    import pytest

    for item in items:
        item.add_marker(pytest.mark.browser)
    if reason is None or not items:
        return
    if IN_CI:
        raise pytest.UsageError(f"{what} cannot run in CI: {reason}")
    print(f"\n{what} skipped: {reason}")
    marker = pytest.mark.skip(reason=f"{what} skipped: {reason}")
    for item in items:
        item.add_marker(marker)
