"""The Train page in AppTest: the run is the engine's, controls change it, frames follow."""

from __future__ import annotations

import time

import numpy as np

from logreg_core.pipeline import run_setup
from tests.conftest import metrics, no_bad_numbers, open_page, player, spec_sizes, specs
from ui.state import DEFAULTS
from ui.texts import fmt, pct

TRAIN = "views/train.py"


def _engine(**changes):
    return run_setup({**DEFAULTS, **changes})


def _steps(at) -> list[int]:
    """The update count of each frame the player plays."""
    return player(at)[1]["steps"].tolist()


def test_defaults_run_and_show_the_engines_result():
    at = open_page(TRAIN)
    no_bad_numbers(at)
    run = _engine()
    h = run.history
    shown = metrics(at)
    assert shown["cost J"] == fmt(h.cost[-1])
    assert shown["train accuracy"] == pct(h.accuracy[-1])
    assert shown["test accuracy"] == pct(run.test_accuracy)
    assert shown["steps made"] == f"{h.steps[-1]:,}"
    assert shown["bias b"] == fmt(h.b[-1])
    header, arrays = player(at)
    assert header["frames"] == DEFAULTS["n_frames"] == len(arrays["steps"])
    assert arrays["steps"][-1] == h.steps[-1] and arrays["cost"][-1] == h.cost[-1]
    assert specs(at) == []  # the animation is the canvas player; the 3-D view waits
    at.toggle(key="train_show_3d").set_value(True).run()
    assert at.session_state["_show_3d"] is True
    (surface,) = specs(at)
    assert any(d["type"] == "surface" for d in surface["data"])
    no_bad_numbers(at)


def test_learning_rate_and_iterations_change_the_result():
    at = open_page(TRAIN)
    before = metrics(at)["cost J"]
    at.select_slider(key="learning_rate").set_value(1.0).run()
    assert at.session_state["learning_rate"] == 1.0
    assert metrics(at)["cost J"] == fmt(_engine(learning_rate=1.0).history.cost[-1]) != before
    at.select_slider(key="num_iterations").set_value(50).run()
    h = _engine(learning_rate=1.0, num_iterations=50).history
    assert metrics(at)["steps made"] == "50" and metrics(at)["cost J"] == fmt(h.cost[-1])
    assert _steps(at)[-1] == 50
    no_bad_numbers(at)


def test_frames_follow_the_setting():
    at = open_page(TRAIN)
    at.slider(key="ctl_n_frames").set_value(25).run()
    log_steps = _steps(at)
    assert len(log_steps) == 25 and player(at)[0]["frames"] == 25
    at.radio(key="ctl_frame_spacing").set_value("uniform").run()
    steps = np.array(_steps(at))
    assert steps.tolist() != log_steps and steps[0] == 0 and steps[-1] == 1000
    assert np.ptp(np.diff(steps)) <= 2  # evenly spread


def test_initialization_and_stop_rules_are_the_engines():
    at = open_page(TRAIN)
    at.radio(key="init").set_value("explicit").run()
    at.number_input(key="w1").set_value(-2.0).run()
    at.number_input(key="b0").set_value(1.5).run()
    at.checkbox(key="ctl_tol_on").check().run()
    assert at.session_state["tol"] == 1e-6
    at.select_slider(key="ctl_tol").set_value(10.0**-4).run()
    h = _engine(init="explicit", w1=-2.0, b0=1.5, tol=1e-4).history
    assert h.stop_reason == "converged"
    assert metrics(at)["steps made"] == f"{h.steps[-1]:,}"
    assert any("Converged" in s.value for s in at.success)
    at.checkbox(key="ctl_tol_on").uncheck().run()
    assert at.session_state["tol"] is None
    at.number_input(key="l2").set_value(2.0).run()
    h = _engine(init="explicit", w1=-2.0, b0=1.5, l2=2.0).history
    assert metrics(at)["cost J"] == fmt(h.cost[-1])
    no_bad_numbers(at)


def test_divergence_is_said_in_words():
    state = {"kind": "gauss", "noise": 3.0, "standardize": False, "learning_rate": 5.0}
    at = open_page(TRAIN, state=state)
    no_bad_numbers(at)
    assert _engine(**state).history.stop_reason == "diverged"
    (error,) = at.error
    assert "diverged" in error.value and "smaller α" in error.value


def test_a_tiny_learning_rate_is_said_too():
    at = open_page(TRAIN, state={"learning_rate": 0.0001, "num_iterations": 20})
    assert any("barely moved" in w.value for w in at.warning)
    no_bad_numbers(at)


def test_one_feature_setup_from_a_lesson_shows_the_exact_surface():
    state = {
        "kind": "one_feature",
        "n_samples": 40,
        "noise": 2.0,
        "test_share": 0.0,
        "features": ("x1",),
        "standardize": False,
        "init": "explicit",
        "w1": -1.5,
    }
    at = open_page(TRAIN, state=state)
    no_bad_numbers(at)
    header, _ = player(at)
    assert header["surface_exact"] and header["surface_titles"][1] == "b"
    assert header["inputs"] == 1
    assert metrics(at)["test accuracy"] == "—"  # no test examples
    assert at.session_state["w1"] == -1.5 and at.session_state["tol"] is None


def test_mapped_features_let_the_surface_sweep_other_weights():
    features = ("x1", "x2", "x1²", "x2²")
    at = open_page(TRAIN, state={"kind": "circles", "features": features, "_show_3d": True})
    at.selectbox(key="ctl_surface_axes").set_value((2, 3)).run()
    assert at.session_state["surface_axes"] == (2, 3)
    header, _ = player(at)
    assert header["surface_titles"] == ["w3 (x1²)", "w4 (x2²)"]
    surface = specs(at)[0]
    assert surface["layout"]["scene"]["xaxis"]["title"]["text"] == "w3 (x1²)"
    no_bad_numbers(at)


def test_warm_rerun_and_payload_budgets():
    at = open_page(TRAIN)
    at.run()
    best = min(_timed(at) for _ in range(3))
    assert best < 0.5, f"warm rerun took {best:.3f} s"
    (element,) = at.get("bidi_component")
    assert sum(spec_sizes(at)) + len(element.proto.bytes) < 1_000_000


def _timed(at) -> float:
    t0 = time.perf_counter()
    at.run()
    return time.perf_counter() - t0


def test_a_value_no_control_can_hold_falls_back_to_its_default():
    # the session holds what widgets, links and files checked; should a value still be out of
    # range, the rerun's Setup takes the default for it and the page shows that run
    at = open_page(TRAIN, state={"learning_rate": -1.0, "num_iterations": 50})
    assert not at.exception
    assert at.session_state["learning_rate"] == DEFAULTS["learning_rate"]
    h = _engine(num_iterations=50).history
    assert metrics(at)["steps made"] == "50" and metrics(at)["cost J"] == fmt(h.cost[-1])
