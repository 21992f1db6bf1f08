"""The work budget of a run (logreg_core.budget, ui.budget): counted before, refused in words.

A run's work is counted from its shape; a request over the ceiling is refused
before any step is made, wherever it comes from, and the page says in the
student's words what the ceiling is and what to lower.  The ceiling admits
the article's largest run on the default data and every scenario.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from logreg_core.budget import (
    MAX_WORK,
    STEP_OVERHEAD,
    Work,
    check_work,
    max_iterations_within,
    run_work,
)
from logreg_core.data import DataError
from logreg_core.pipeline import prepare, run_setup, train_prepared, work_of
from logreg_core.presets import PRESETS
from logreg_core.setup import Setup
from tests.conftest import APP, APP_TIMEOUT
from ui import budget as host
from ui.i18n import t
from ui.share import encode
from ui.state import DEFAULTS

#: The link of the bounded-work issue: 100,000 examples, seven feature maps,
#: a million iterations, no test share: about 12 minutes of one core.
HUGE = {
    "n_samples": 100_000,
    "test_share": 0.0,
    "features": ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2"),
    "num_iterations": 1_000_000,
}


def test_work_counts_steps_and_frames():
    w = run_work(160, 2, 1000, frames=50, m_all=200)
    assert isinstance(w, Work)
    assert w.units == 1000 * (160 * 4 + STEP_OVERHEAD) + 50 * 200 * 4
    assert run_work(160, 2, 0).units == 0
    assert w.seconds > 0 and math.isclose(w.seconds, w.units * (w.seconds / w.units))


def test_the_ceiling_admits_the_articles_largest_run_on_the_default_data():
    s = Setup(num_iterations=1_000_000, test_share=0.0, n_frames=400)
    p = prepare(s)
    assert check_work(work_of(p, s)) is not None


def test_every_scenario_is_within_the_ceiling():
    for preset in PRESETS:
        s = Setup.from_mapping(preset.full_setup(DEFAULTS))
        work = work_of(prepare(s), s)
        assert work.units <= MAX_WORK, preset


def test_max_iterations_is_the_most_that_fits():
    work = run_work(80_000, 7, 1_000_000, frames=200, m_all=100_000)
    k = max_iterations_within(work, MAX_WORK)
    assert 0 < k < 1_000_000
    fits = run_work(80_000, 7, k, frames=200, m_all=100_000)
    over = run_work(80_000, 7, k + 1, frames=200, m_all=100_000)
    assert fits.units <= MAX_WORK < over.units


def test_a_run_over_the_ceiling_is_refused_with_what_to_lower():
    work = run_work(100_000, 7, 1_000_000, frames=200)
    with pytest.raises(DataError, match="over_budget") as info:
        check_work(work)
    p = info.value.params
    assert p["m"] == 100_000 and p["n"] == 7 and p["iterations"] == 1_000_000
    assert p["seconds"] > p["max_seconds"] > 0
    assert p["max_iterations"] == max_iterations_within(work, MAX_WORK)


def test_data_too_big_for_even_one_iteration_is_refused_as_such():
    with pytest.raises(DataError, match="over_budget_data") as info:
        check_work(run_work(1000, 2, 10, frames=100), ceiling=1000)
    assert info.value.params == {"max_seconds": 0.0, "m": 1000, "n": 2}


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"m": 0, "n": 2, "iterations": 1}, "m must be a whole number of at least 1, got 0"),
        ({"m": 10, "n": 2.5, "iterations": 1}, "n must be a whole number of at least 1"),
        ({"m": 10, "n": 2, "iterations": -1}, "iterations must be a whole number of at least 0"),
        ({"m": 10, "n": 2, "iterations": math.nan}, "iterations must be a whole number, got nan"),
        ({"m": 10, "n": 2, "iterations": True}, "iterations must be a whole number, got True"),
        ({"m": 10, "n": 2, "iterations": 1, "frames": -2}, "frames must be a whole number"),
    ],
)
def test_bad_counts_are_named(kwargs, match):
    with pytest.raises(ValueError, match=match):
        run_work(**kwargs)


def test_a_bad_ceiling_is_named():
    with pytest.raises(ValueError, match="ceiling must be a whole number of at least 1, got 0"):
        check_work(run_work(10, 2, 1), ceiling=0)


def test_the_pipeline_refuses_before_the_first_step(monkeypatch):
    import logreg_core.pipeline as pipeline

    def no_training(*args, **kwargs):
        raise AssertionError("train() was called for a run over the ceiling")

    monkeypatch.setattr(pipeline, "train", no_training)
    s = Setup(num_iterations=1000)
    with pytest.raises(DataError, match="over_budget"):
        train_prepared(prepare(s), s, max_work=1000)
    with pytest.raises(DataError, match="over_budget"):
        run_setup(s, max_work=1000)


def test_within_the_ceiling_the_pipeline_trains_as_before():
    s = Setup(num_iterations=50)
    a = run_setup(s)
    b = run_setup(s, max_work=MAX_WORK * 10)
    np.testing.assert_array_equal(a.history.w, b.history.w)


# ----------------------------------------------------------------------------
# the host's ceiling
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("abc", None),
        ("0", None),
        ("-5", None),
        ("nan", None),
        ("inf", None),
        ("1e9", None),
        (True, None),
        ("20", 20),
        (" 60 ", 60),
        (5, 5),
    ],
)
def test_the_hosts_setting_is_read_in_seconds(value, expected):
    from logreg_core.budget import ELEMENT_SECONDS

    got = host.max_work_from(value)
    if expected is None:
        assert got is None
    else:
        assert got == max(1, int(expected / ELEMENT_SECONDS))


def test_the_environment_raises_or_lowers_the_ceiling(monkeypatch):
    host.host_max_work.cache_clear()
    try:
        monkeypatch.setenv(host.ENV_VAR, "600")
        assert host.host_max_work() == host.max_work_from("600") > MAX_WORK
        host.host_max_work.cache_clear()
        monkeypatch.setenv(host.ENV_VAR, "not a number")
        assert host.host_max_work() == MAX_WORK
        host.host_max_work.cache_clear()
        monkeypatch.delenv(host.ENV_VAR)
        assert host.host_max_work() == MAX_WORK
    finally:
        host.host_max_work.cache_clear()


# ----------------------------------------------------------------------------
# the pages
# ----------------------------------------------------------------------------


def _app_with_link(params: dict, lang: str = "en"):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params.update(encode({**DEFAULTS, **params}) | {"lang": lang})
    return at.run()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_over_budget_link_opens_the_train_page_with_the_budget_message(lang):
    # started, this run would take about 12 minutes: AppTest's 60 s would time out
    at = _app_with_link(HUGE, lang)
    assert not at.exception, at.exception
    at.switch_page("views/train.py").run()
    assert not at.exception, at.exception
    errors = _plain("\n".join(e.value for e in at.error))
    # the iterations the page offers, by a second route: the budget's formula written out
    # here over the link's shape (100,000 examples, all for training, 7 maps, 200 frames)
    m, n, frames = 100_000, 7, DEFAULTS["n_frames"]
    k = (MAX_WORK - frames * m * (n + 2)) // (m * (n + 2) + STEP_OVERHEAD)
    assert f"{k:,}" in errors
    assert f"{1_000_000:,}" in errors and f"{100_000:,}" in errors
    first = _plain(t("errors.over_budget", lang, **dict.fromkeys(_PARAMS, 0)).split("0")[0])
    assert first and first in errors
    assert not at.metric  # no result: nothing was trained
    # the controls stay, so the student can lower the iterations
    assert any(s.key == "num_iterations" for s in at.select_slider)


_PARAMS = ("m", "n", "iterations", "seconds", "max_seconds", "max_iterations")


def _plain(markdown: str) -> str:
    """Text as read on the page: markdown escapes and word joiners removed."""
    return markdown.replace("\\", "").replace("\u2060", "")


def test_the_inspector_refuses_the_same_run():
    at = _app_with_link(HUGE)
    at.switch_page("views/inspector.py").run()
    assert not at.exception, at.exception
    assert any("1,000,000" in _plain(e.value) for e in at.error)


def test_lesson_8_keeps_to_the_hosts_ceiling(monkeypatch):
    """A host's ceiling below the lesson's million steps: the words, not the run."""
    from streamlit.testing.v1 import AppTest

    from logreg_core.lessons.shared import TWO_FEATURES

    # half the work of a million steps on the lesson's data, in seconds
    lesson = run_work(TWO_FEATURES["n_samples"], len(TWO_FEATURES["features"]), 1_000_000)
    monkeypatch.setenv(host.ENV_VAR, f"{lesson.seconds / 2:.6f}")
    host.host_max_work.cache_clear()
    try:
        at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
        at.switch_page("views/lesson_8_summary.py").run()
        at.select_slider(key="l8_iterations").set_value(1_000_000).run()
        assert not at.exception, at.exception
        assert any("1,000,000" in _plain(e.value) for e in at.error)
        at.select_slider(key="l8_iterations").set_value(1_000).run()
        assert not at.exception, at.exception
        assert not any("1,000,000" in _plain(e.value) for e in at.error)
    finally:
        host.host_max_work.cache_clear()
