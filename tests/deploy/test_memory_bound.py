"""The caches are bounded by the memory they hold, not only by their count of entries."""

from __future__ import annotations

import tomllib

from streamlit import byte_util

from tests.browser.harness import ROOT

#: The smallest Community Cloud container, and the share of it the caches may hold.
CONTAINER_MB = 690
CACHE_SHARE = 0.25


def test_cache_data_has_a_byte_budget_that_fits_a_small_container():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    text = config["server"]["maxCacheDataSize"]
    budget = byte_util.config_max_cache_data_size_to_bytes(text)  # as Streamlit reads it
    assert budget == 150 * 1024**2
    assert 0 < budget <= CACHE_SHARE * CONTAINER_MB * 1e6


def test_the_soak_run_stops_when_memory_is_flat_for_three_rounds():
    from bench.soak_bench import FLAT_MB, flat

    assert not flat([300.0, 310.0, 305.0])  # three rounds are two changes: not yet
    assert flat([300.0, 300.0 + FLAT_MB, 300.0, 300.0 - FLAT_MB])
    assert not flat([250.0, 300.0, 300.0 + FLAT_MB + 1, 300.0, 300.0])  # one round jumped
    assert flat([250.0, 300.0 + FLAT_MB + 1, 300.0, 300.0, 300.0, 300.0])  # jumped earlier


def test_malloc_arenas_are_limited_once_per_process():
    import platform
    import sys

    from ui.memory import limit_malloc_arenas

    first = limit_malloc_arenas()
    assert limit_malloc_arenas() is first  # once per process: the same answer after
    if sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc":
        assert first is True  # glibc took the setting


def test_freed_memory_is_given_back_at_most_once_a_period():
    import platform
    import sys

    from ui import memory

    glibc = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"
    now = [1e9]
    clock = lambda: now[0]  # noqa: E731
    first = memory.give_back_freed_memory(every=30.0, clock=clock)
    assert first is glibc  # trims where there is glibc, does nothing elsewhere
    now[0] += 29.0
    assert memory.give_back_freed_memory(every=30.0, clock=clock) is False  # too soon
    now[0] += 2.0
    assert memory.give_back_freed_memory(every=30.0, clock=clock) is glibc
