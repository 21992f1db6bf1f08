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
