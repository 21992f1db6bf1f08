"""The Train page in AppTest: the run is the engine's, controls change it, frames follow."""

from __future__ import annotations

import math
import time

import numpy as np
import pytest

from logreg_core.pipeline import run_setup
from tests.conftest import metrics, no_bad_numbers, open_page, player, spec_sizes, specs
from ui.i18n import catalogue, t
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
    # the default data are separable: the tol rule fired while J still fell, and the page says so
    stopped = t("texts.stop_converged", lang="en", step=int(h.steps[-1]), tol="0.0001")
    assert [i.value for i in at.info] == [stopped + t("robust.stop_separable", lang="en")]
    assert not at.success
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
    h = _engine(learning_rate=0.0001, num_iterations=20).history
    assert 0 < (h.cost[0] - h.cost[-1]) / h.cost[0] < 0.01
    assert any("barely lowered J" in w.value for w in at.warning)
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


# ----------------------------------------------------------------------------
# the stop messages say what each rule measured (issue 21): representative runs,
# each claim checked by a second route written here (a plain replay of the rule
# on every recorded J, the perceptron, Newton's method, a plain descent)
# ----------------------------------------------------------------------------

#: Representative runs of the page: setup changes, and the message's branch.
STOP_RUNS = {
    "separable, all iterations": ({}, "stop_ran_all"),
    "separable, tol": ({"tol": 1e-6, "num_iterations": 10_000}, "stop_converged"),
    "separable, patience not firing": ({"patience": 100}, "stop_ran_all"),
    "separable, tiny α": ({"learning_rate": 0.0001, "num_iterations": 100}, "stop_too_small"),
    "separable, λ > 0": ({"l2": 1.0}, "stop_ran_all"),
    "separable, 99 % right": (
        {"kind": "xor", "features": ("x1", "x2", "x1·x2"), "learning_rate": 1.0},
        "stop_ran_all",
    ),
    "overlapping, all iterations": ({"kind": "gauss"}, "stop_ran_all"),
    "overlapping, tol": ({"kind": "gauss", "tol": 1e-6}, "stop_converged"),
    "overlapping, patience": ({"kind": "gauss", "patience": 100}, "stop_plateau"),
    "overlapping, diverged": (
        {"kind": "gauss", "noise": 3.0, "standardize": False, "learning_rate": 5.0},
        "stop_diverged",
    ),
    "overlapping, J rose": (
        {"kind": "moons", "standardize": False, "learning_rate": 10.0, "num_iterations": 1},
        "stop_rose",
    ),
}


def _plain_cost(theta, Xt, y):
    z = theta @ Xt
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def _separates(X, Y):
    """The perceptron: a (w, b) with every example strictly on its own side, or None."""
    sign = 2.0 * Y[0] - 1.0
    Xt = np.vstack([X, np.ones(X.shape[1])])
    theta = np.zeros(Xt.shape[0])
    for _ in range(20_000):
        wrong = np.flatnonzero(sign * (theta @ Xt) <= 0)
        if wrong.size == 0:
            return theta
        theta = theta + sign[wrong[0]] * Xt[:, wrong[0]]
    return None


def _has_minimum(X, Y) -> bool:
    """Newton's method from 0: a point where every slope of J is 0 (then no line separates)."""
    y = Y[0].astype(float)
    Xt = np.vstack([X, np.ones(X.shape[1])])
    theta = np.zeros(Xt.shape[0])
    for _ in range(60):
        a = 0.5 * (1.0 + np.tanh(0.5 * (theta @ Xt)))
        hess = (Xt * (a * (1 - a))) @ Xt.T / Xt.shape[1]
        try:
            theta = theta - np.linalg.solve(hess, Xt @ (a - y) / Xt.shape[1])
        except np.linalg.LinAlgError:  # the curvature vanished: w ran off along a separating line
            return False
    a = 0.5 * (1.0 + np.tanh(0.5 * (theta @ Xt)))
    return bool(np.max(np.abs(Xt @ (a - y))) / Xt.shape[1] < 1e-10)


def _diverged_at(J) -> int | None:
    """The engine's four divergence rules (logreg_core/stop_rules.py), replayed plainly."""
    from logreg_core.stop_rules import (
        ABOVE_START_RUN,
        ABOVE_START_SHARE,
        ABOVE_START_WINDOW,
        DIVERGENCE_RUN,
    )

    rises = above = 0
    flags = []
    for step, value in enumerate(J):
        if not np.isfinite(value):
            return step
        rises = rises + 1 if step and value > J[step - 1] * (1 + 1e-12) else 0
        is_above = step > 0 and value > J[0] * (1 + 1e-12)
        above = above + 1 if is_above else 0
        flags.append(is_above)
        recent = sum(flags[-ABOVE_START_WINDOW:])
        if (
            rises >= DIVERGENCE_RUN
            or above >= ABOVE_START_RUN
            or recent >= ABOVE_START_SHARE * ABOVE_START_WINDOW
        ):
            return step
    return None


def _message(name):
    """The run of STOP_RUNS[name], its data, and the message as views/train.py builds it."""
    from logreg_core.separation import separation
    from ui.texts import stop_message

    changes, _ = STOP_RUNS[name]
    setup = {**DEFAULTS, **changes}
    run = run_setup(setup)
    X, Y = run.prepared.X_train, run.prepared.train.Y
    verdict = separation(X, Y).verdict
    level, text = stop_message(
        run.history,
        tol=setup["tol"],
        patience=setup["patience"],
        standardized=setup["standardize"],
        separable={"separable": True, "minimum": False}.get(verdict),
    )
    return setup, run, X, Y, level, text


def _every_step(setup, X, Y, history):
    """J and the accuracy at every step of the same run (the engine, every step recorded)."""
    from logreg_core.train import train

    last = int(history.steps[-1])
    full = train(X, Y, learning_rate=setup["learning_rate"], num_iterations=last,
                 l2=setup["l2"], max_records=last + 2)  # fmt: skip
    assert full.cost[-1] == history.cost[-1] and int(full.steps[-1]) == last
    return full.cost, full.accuracy


@pytest.mark.parametrize("name", list(STOP_RUNS))
def test_each_stop_message_says_what_its_rule_measured(name):
    from logreg_core.stop_rules import ABOVE_START_RUN, ABOVE_START_WINDOW, DIVERGENCE_RUN

    setup, run, X, Y, level, text = _message(name)
    h = run.history
    _, branch = STOP_RUNS[name]
    en = {k.removeprefix("texts."): v for k, v in catalogue("en").items()}
    head = en[branch].split("{")[0]
    assert text.startswith(head), (name, text)
    # the separable note: exactly when a line separates the training examples and λ = 0
    line = _separates(X, Y)
    assert (line is not None) != _has_minimum(X, Y)  # one or the other, found independently
    note = t("robust.stop_separable", lang="en")
    assert text.endswith(note) == (line is not None and setup["l2"] == 0), name
    if line is not None:  # "scaling that w and b up makes J fall towards 0 without end"
        y = Y[0].astype(float)
        Xt = np.vstack([X, np.ones(X.shape[1])])
        scaled = [_plain_cost(s * line, Xt, y) for s in (1, 1.5, 2, 3)]
        assert np.all(np.diff(scaled) < 0) and scaled[-1] > 0
        assert _plain_cost(1000 * line, Xt, y) < 1e-6 * scaled[0]
    J, acc = _every_step(setup, X, Y, h)
    last, J0, J1 = len(J) - 1, J[0], J[-1]
    if branch == "stop_converged":  # "one step changed J by less than tol"
        assert abs(J[-1] - J[-2]) < setup["tol"] <= np.abs(np.diff(J[:-1])).min()
        assert level == ("info" if line is not None else "success")
    elif branch == "stop_plateau":  # patience steps with neither a better accuracy nor J
        stale, best_acc, best_J, fired = 0, -1.0, np.inf, None
        for step, (cost, accuracy) in enumerate(zip(J, acc, strict=True)):
            gain = accuracy > best_acc or cost < best_J - 1e-6 * abs(best_J)
            stale = 0 if gain else stale + 1
            best_acc, best_J = max(best_acc, accuracy), min(best_J, cost)
            if stale >= setup["patience"] and fired is None:
                fired = step
        assert fired == last
    elif branch == "stop_diverged":  # one of the four rules the text lists fired, there
        assert _diverged_at(J) == last
        for number in (DIVERGENCE_RUN, ABOVE_START_RUN, ABOVE_START_WINDOW):
            assert f" {number} " in text
        assert f" {math.ceil(2 / 3 * ABOVE_START_WINDOW)} " in text and "overflowed" in text
    elif branch == "stop_rose":
        assert J1 > J0 and h.stop_reason == "max_iterations"
    elif branch == "stop_too_small":
        assert 0 <= (J0 - J1) / J0 < 0.01
    else:
        assert branch == "stop_ran_all" and (J0 - J1) / J0 >= 0.01 and last == h.num_iterations
    if branch in ("stop_diverged", "stop_rose"):
        _small_alpha_lowers_j_at_every_step(X, Y)


def _small_alpha_lowers_j_at_every_step(X, Y, steps=300):
    """ "With a small enough α every step lowers J": α = 1/L, L the largest curvature of J."""
    y = Y[0].astype(float)
    Xt = np.vstack([X, np.ones(X.shape[1])])
    alpha = 1.0 / np.linalg.eigvalsh(Xt @ Xt.T / (4 * Xt.shape[1])).max()
    theta, J = np.zeros(Xt.shape[0]), []
    for _ in range(steps):
        J.append(_plain_cost(theta, Xt, y))
        a = 0.5 * (1.0 + np.tanh(0.5 * (theta @ Xt)))
        theta = theta - alpha * Xt @ (a - y) / Xt.shape[1]
    assert np.all(np.diff(J) <= 1e-15)


def test_on_separable_data_every_stop_says_so_even_a_divergence():
    """Four points a line separates, α too large: diverged, and J still has no minimum."""
    from logreg_core.train import train
    from ui.texts import stop_message

    X, Y = np.array([[100.0, 100.2, 100.8, 101.0]]), np.array([[0, 0, 1, 1]])
    h = train(X, Y, learning_rate=0.1, num_iterations=5000, max_records=5002)
    assert h.stop_reason == "diverged" and h.accuracy[-1] < 1
    assert np.all((2 * Y - 1) * (X - 100.5) > 0)  # the line x = 100.5 separates them
    assert _diverged_at(h.cost) == int(h.steps[-1])
    level, text = stop_message(h, separable=True, standardized=False)
    assert level == "error" and text.endswith(t("robust.stop_separable", lang="en"))
    # the lesson data, the patience rule at 940,524 (1,000,000 iterations): separable too
    from logreg_core.lessons.shared import TWO_FEATURES
    from logreg_core.pipeline import prepare

    p = prepare({**TWO_FEATURES, "kind": "linear"})
    h = train(p.X_train, p.train.Y, learning_rate=0.1, num_iterations=1_000_000, patience=100)
    assert h.stop_reason == "plateau" and _separates(p.X_train, p.train.Y) is not None
    level, text = stop_message(h, patience=100, separable=True)
    assert text.startswith(t("texts.stop_plateau", lang="en").split("{")[0])
    assert text.endswith(t("robust.stop_separable", lang="en"))
    # "the lower gradient descent takes J, the larger w must be": J < ε forces ‖w‖ up,
    # since each loss is below mε, so every margin exceeds M = −log(e^(mε) − 1)
    X, Y, m = p.X_train, p.train.Y[0], p.X_train.shape[1]
    closest = min(
        np.linalg.norm(X[:, i] - X[:, j])
        for i in np.flatnonzero(Y == 1)
        for j in np.flatnonzero(Y == 0)
    )
    for cost, w in zip(h.cost, h.w, strict=True):
        margin = -np.log(np.expm1(m * cost))
        if margin > 0:
            assert np.linalg.norm(w) >= 2 * margin / closest * (1 - 1e-9)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_shows_the_separable_note_on_a_tol_stop_and_below_100_percent(lang):
    at = open_page(TRAIN, state={"tol": 1e-6, "num_iterations": 10_000, "lang": lang})
    assert not at.exception, at.exception
    h = _engine(tol=1e-6, num_iterations=10_000).history
    assert h.stop_reason == "converged"
    stopped = t("texts.stop_converged", lang=lang, step=int(h.steps[-1]), tol="1e-06")
    assert [i.value for i in at.info] == [stopped + t("robust.stop_separable", lang=lang)]
    # a separable run that has not yet put every example on its side says so too
    xor = {"kind": "xor", "features": ("x1", "x2", "x1·x2"), "learning_rate": 1.0}
    at = open_page(TRAIN, state={**xor, "lang": lang})
    h = _engine(**xor).history
    assert h.accuracy[-1] < 1 and _separates(*_data(xor)) is not None
    assert any(i.value.endswith(t("robust.stop_separable", lang=lang)) for i in at.info)


def _data(changes):
    run = _engine(**changes)
    return run.prepared.X_train, run.prepared.train.Y


def test_the_cost_metric_says_when_it_holds_the_l2_penalty():
    """train.metric_cost_help(_l2): the J shown is the cross-entropy, plus (λ/2m)‖w‖² when λ > 0."""
    for l2 in (0.0, 2.0):
        at = open_page(TRAIN, state={"l2": l2, "kind": "gauss"})
        run = _engine(l2=l2, kind="gauss")
        X, Y, h = run.prepared.X_train, run.prepared.train.Y, run.history
        (metric,) = [m for m in at.metric if m.label == "cost J"]
        w, b, m = h.w[-1], float(h.b[-1]), X.shape[1]
        Xt = np.vstack([X, np.ones(m)])
        plain = _plain_cost(np.append(w, b), Xt, Y[0].astype(float))
        J = plain + l2 / (2 * m) * float(w @ w)
        assert metric.value == fmt(J) and h.cost[-1] == pytest.approx(J, rel=1e-12)
        if l2:
            assert metric.proto.help == t("train.metric_cost_help_l2", lang="en", l2="2")
            assert "(λ/2m)·‖w‖²" in metric.proto.help and plain < J
        else:
            assert metric.proto.help == t("train.metric_cost_help", lang="en")
