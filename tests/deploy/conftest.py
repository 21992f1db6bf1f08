"""Fixtures of the deployment tests: 3 replicas behind HAProxy, and one Chromium.

Without haproxy (or Chromium, or Playwright) these tests skip with one line
saying why, except under CI=true, where that is an error: CI must prove that a
replica can die without losing a student's run (scripts/run-tests.sh installs
haproxy as root).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.harness import browser_unavailable, mark_browser_tests

from .classroom import haproxy_path, replicas

#: HAProxy's first choice of port for these tests; the replicas take the next ports.
PORT = 8720


def cluster_port(n: int, start: int = PORT) -> int:
    """The first port from ``start`` on with it and the n after it free (HAProxy, n replicas).

    Another run of these tests (or the bench, or a cluster left running) may hold
    8720-8723: the cluster then takes the next free ports instead of failing.
    """
    for port in range(start, start + 200):
        if all(replicas.port_free(p) for p in range(port, port + n + 1)):
            return port
    raise RuntimeError(f"no {n + 1} free ports in a row from {start} on")


def _unavailable() -> str | None:
    if haproxy_path() is None:
        return "no haproxy found (as root on Debian/Ubuntu: apt-get install haproxy)"
    return browser_unavailable()


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    mine = [
        i
        for i in items
        if here in Path(str(i.fspath)).parents and {"cluster", "chromium"} & set(i.fixturenames)
    ]
    mark_browser_tests(mine, _unavailable(), "deployment tests")


@pytest.fixture(scope="module")
def chromium(browser):
    """The run's one Chromium (tests/conftest.py): a second sync Playwright would fail."""
    return browser
