"""The server's upkeep: malloc settings, the trim after runs, the reconnect timer, the switch."""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import threading

import pytest

from tests.browser.harness import ROOT
from ui import ops

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
needs_glibc = pytest.mark.skipif(not GLIBC, reason="glibc's malloc settings only exist on glibc")

#: A child process: large blocks, each followed by a small one that stays, then the large
#: ones freed.  Prints the RSS and malloc's free bytes before and after (MB).
_CHURN = r"""
import ctypes, json, sys
sys.path.insert(0, {root!r})
from ui.ops import configure_malloc
from bench.memory_probe import malloc_info, process_memory

if {configure}:
    assert configure_malloc()
first = b"\x01" * 4_000_000  # one large block freed: glibc's own threshold moves up past it
del first
before = process_memory()["rss_mb"]
big, small = [], []
for i in range(60):
    big.append(b"\x01" * 1_000_000)
    small.append(b"\x01" * (64_000 + i))  # stays: it pins the memory below it
del big
after = process_memory()["rss_mb"]
print(json.dumps({{"before": before, "after": after, "free": malloc_info()["free_mb"]}}))
"""


def _churn(configure: bool) -> dict:
    code = _CHURN.format(root=str(ROOT), configure=configure)
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(out.stdout)


@needs_glibc
def test_glibc_keeps_freed_blocks_by_default_and_gives_them_back_once_configured():
    kept = _churn(configure=False)
    given = _churn(configure=True)
    # glibc's moving threshold: the 60 MB of freed 1 MB blocks stay with the process
    assert kept["free"] > 50 and kept["after"] - kept["before"] > 50, kept
    # a fixed threshold: each block had pages of its own, returned when it was freed
    assert given["free"] < 5 and given["after"] - given["before"] < 10, given


@needs_glibc
def test_malloc_is_configured_once_per_process():
    first = ops.configure_malloc()
    assert first is True  # glibc took all three settings
    assert ops.configure_malloc(arenas=1) is first  # once: a later call changes nothing


def test_a_trim_follows_a_run_within_two_checks_and_none_without_runs():
    trims = []
    keeper = ops.MemoryKeeper(every=3600.0, trim=lambda: trims.append(1))
    assert keeper.check() is False  # no run has ended: nothing to give back
    keeper._thread = object()  # the loop is not started: checks are made by hand
    keeper.run_ended()
    assert keeper.check() is True
    assert keeper.check() is True  # memory freed just after a check goes back at the next
    assert keeper.check() is False
    assert keeper.trims == len(trims) == 2


def test_the_keepers_thread_trims_after_a_run_ended():
    done = threading.Event()
    keeper = ops.MemoryKeeper(every=0.01, trim=done.set)
    try:
        keeper.run_ended()  # starts the thread
        assert done.wait(10.0)
    finally:
        keeper.stop()
    assert keeper.trims >= 1


def test_the_period_must_be_positive():
    with pytest.raises(ValueError, match=r"every must be > 0 seconds, got 0"):
        ops.MemoryKeeper(every=0)


@needs_glibc
def test_the_default_trim_calls_glibc():
    keeper = ops.MemoryKeeper(every=3600.0)
    keeper._pending = 1
    assert keeper.check() is True  # malloc_trim(0) ran without error


# ---------------------------------------------------------------------------
# what app.py calls, and the switch
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "on"),
    [(None, True), ("on", True), ("", True), ("off", False), (" OFF ", False), ("0", False)],
)
def test_the_switch_is_read_from_the_environment(monkeypatch, value, on):
    if value is None:
        monkeypatch.delenv(ops.ENV_VAR, raising=False)
    else:
        monkeypatch.setenv(ops.ENV_VAR, value)
    assert ops.enabled() is on


class _Recorder:
    """Stands in for the upkeep's three parts and notes which ran."""

    def __init__(self, monkeypatch):
        self.calls = []
        monkeypatch.setattr(ops, "configure_malloc", lambda: self.calls.append("malloc") or True)
        monkeypatch.setattr(ops, "_reconnect_timer", lambda: self.calls.append("timer"))
        keeper = ops.MemoryKeeper(every=3600.0, trim=lambda: None)
        keeper._thread = object()  # no thread: run_ended only notes the run
        monkeypatch.setattr(keeper, "run_ended", lambda: self.calls.append("trim"))
        monkeypatch.setattr(ops, "_keeper", keeper)


def test_app_calls_run_all_three_parts_when_on(monkeypatch):
    monkeypatch.delenv(ops.ENV_VAR, raising=False)
    parts = _Recorder(monkeypatch)
    assert ops.set_malloc() is True
    ops.rerun_on_reconnect()
    ops.run_ended()
    assert parts.calls == ["malloc", "timer", "trim"]


def test_switched_off_none_of_the_three_runs(monkeypatch):
    monkeypatch.setenv(ops.ENV_VAR, "off")
    parts = _Recorder(monkeypatch)
    assert ops.set_malloc() is False
    ops.rerun_on_reconnect()
    ops.run_ended()
    assert parts.calls == []


def test_the_reconnect_timer_is_a_timed_fragment_that_draws_nothing():
    assert ops.RECONNECT_EVERY == "1h"
    assert ops._reconnect_timer() is None  # outside a script run: the plain function


@pytest.mark.parametrize("switch", ["on", "off"])
def test_the_app_runs_with_the_upkeep_on_and_off(monkeypatch, switch):
    from tests.conftest import open_page

    monkeypatch.setenv(ops.ENV_VAR, switch)
    parts = _Recorder(monkeypatch)
    at = open_page("views/data.py").run()  # the Data page's first run, and one more
    assert not at.exception, at.exception
    expected = ["malloc", "timer", "trim"] * 2 if switch == "on" else []  # two runs
    assert parts.calls == expected
