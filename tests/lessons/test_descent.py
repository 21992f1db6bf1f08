"""Lesson 5 · gradient descent on one weight, the curvature limits on α, the figures.

The claims the page makes from these functions on its own data, each checked
by a second route over every setting it offers, are in test_descent_claims.py.
"""

import math

import numpy as np
import pytest

import logreg_core.model
from logreg_core.lessons import cost, descent
from logreg_core.model import hessian, propagate
from logreg_core.train import train
from tests.lessons.figures import assert_finite_json, spec, trace, words
from tests.words import LESSONS

WORDS = words(descent.TEXTS)


def test_descent_moves_right_when_the_slope_is_negative(one_feature):
    X, Y = one_feature
    path = descent.descend_1d(X, Y, -1.5, b=0.0, learning_rate=0.3, steps=5)
    assert path.slope[0] < 0 and np.all(np.diff(path.w) > 0)


def test_descent_moves_left_when_the_slope_is_positive(one_feature):
    X, Y = one_feature
    path = descent.descend_1d(X, Y, 4.0, b=0.0, learning_rate=0.3, steps=5)
    assert path.slope[0] > 0 and np.all(np.diff(path.w) < 0)


def test_each_step_is_w_minus_alpha_times_the_finite_difference_slope(one_feature):
    X, Y = one_feature
    path = descent.descend_1d(X, Y, 2.5, b=0.4, learning_rate=0.7, steps=3)
    h = 1e-6
    for t in range(3):
        w = path.w[t]
        numeric = (
            logreg_core.model.cost(np.array([[w + h]]), 0.4, X, Y)
            - logreg_core.model.cost(np.array([[w - h]]), 0.4, X, Y)
        ) / (2 * h)
        assert path.slope[t] == pytest.approx(numeric, rel=1e-6)
        assert path.w[t + 1] == pytest.approx(w - 0.7 * numeric, rel=1e-6)
        assert path.cost[t] == logreg_core.model.cost(np.array([[w]]), 0.4, X, Y)
    assert path.next_w == path.w[-1] - 0.7 * path.slope[-1]


def test_a_small_alpha_never_raises_J_and_reaches_the_minimum(one_feature):
    X, Y = one_feature
    grid = np.linspace(-3, 5, 8001)
    w_star = grid[np.argmin(cost.cost_curve(X, Y, grid, b=0.0))]
    for w0 in (-1.5, 4.0):
        path = descent.descend_1d(X, Y, w0, b=0.0, learning_rate=1.0, steps=300)
        assert np.all(np.diff(path.cost) <= 1e-15)
        assert path.w[-1] == pytest.approx(w_star, abs=2e-3)


def test_a_too_large_alpha_overshoots_then_diverges(one_feature):
    """texts.help_learning_rate: "too large: the steps overshoot and J rises"."""
    X, Y = one_feature
    over = descent.descend_1d(X, Y, -1.5, b=0.0, learning_rate=3.0, steps=10)
    assert over.w[1] > 1.5  # jumped past the minimum (near w = 1)
    assert np.sign(over.slope[1]) != np.sign(over.slope[0])
    assert np.all(np.diff(over.cost) <= 0)  # yet J fell at every step
    wild = descent.descend_1d(X, Y, 4.0, b=0.0, learning_rate=30.0, steps=10)
    assert np.any(np.diff(wild.cost) > 0)  # a step raised J
    assert np.any(np.sign(wild.slope[1:]) != np.sign(wild.slope[:-1]))
    assert wild.cost.max() > over.cost[-1] + 1.0  # J far above the minimum


def test_a_zero_slope_is_the_minimum_and_a_zero_step(one_feature):
    """lesson5.where_zero: where dJ/dw = 0, w is at the minimum and the step is 0."""
    X, Y = one_feature
    lowest = descent.minimum_1d(X, Y, b=0.0)
    path = descent.descend_1d(X, Y, lowest.w, b=0.0, learning_rate=1.0, steps=0)
    assert path.steps == 0 and path.w.shape == (1,)
    assert abs(path.slope[0]) < 1e-15 and path.next_w == pytest.approx(lowest.w, abs=1e-15)
    grid = np.linspace(lowest.w - 3, lowest.w + 3, 6001)
    assert np.all(cost.cost_curve(X, Y, grid, b=0.0) >= lowest.cost - 1e-15)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"learning_rate": 0.0}, "learning_rate must be a finite number > 0"),
        ({"learning_rate": "fast"}, "learning_rate must be a number"),
        ({"steps": -1}, "steps must be between 0 and 10,000, got -1"),
        ({"steps": True}, "steps must be a whole number"),
        ({"steps": 2.5}, "steps must be a whole number"),
        ({"steps": 10_001}, "steps must be between 0 and 10,000, got 10,001"),
        ({"b": math.nan}, "b must be a finite number"),
    ],
)
def test_descent_rejects_bad_options(one_feature, kwargs, match):
    X, Y = one_feature
    options = {"b": 0.0, "learning_rate": 1.0, "steps": 3, **kwargs}
    with pytest.raises(ValueError, match=match):
        descent.descend_1d(X, Y, 0.0, **options)


def test_tangent_line_touches_at_w0_with_the_given_slope():
    w, J = descent.tangent_line(1.0, 2.0, -0.5, half_width=2.0)
    np.testing.assert_allclose(w, [-1.0, 3.0])
    np.testing.assert_allclose(J, [3.0, 1.0])
    with pytest.raises(ValueError, match="half_width must be a finite number > 0"):
        descent.tangent_line(1.0, 2.0, -0.5, half_width=0.0)


def test_descent_on_the_squared_error_ends_in_two_places_and_on_cross_entropy_in_one():
    X, Y = cost.TRAP_X, cost.TRAP_Y
    ends = {}
    for loss in ("se", "ce"):
        for w0 in (-2.5, 2.0):
            d = descent.descend_1d(X, Y, w0, b=0.0, learning_rate=1.0, steps=1000, loss=loss)
            assert np.all(np.diff(d.cost) <= 1e-15)  # J fell at every step
            assert abs(d.slope[-1]) < 1e-4  # it settled where the slope is (nearly) 0
            ends[loss, w0] = d.w[-1]
    assert abs(ends["se", -2.5] - ends["se", 2.0]) > 3
    assert ends["ce", -2.5] == pytest.approx(ends["ce", 2.0], abs=1e-6)
    # the squared-error slopes are the finite differences of its cost
    d = descent.descend_1d(X, Y, 1.0, b=0.0, learning_rate=1.0, steps=1, loss="se")
    h = 1e-6
    J = cost.squared_error_curve(X, Y, [1.0 - h, 1.0 + h], b=0.0)
    assert d.slope[0] == pytest.approx((J[1] - J[0]) / (2 * h), rel=1e-6)
    assert d.w[1] == pytest.approx(1.0 - d.slope[0])
    with pytest.raises(ValueError, match="loss must be one of"):
        descent.descend_1d(X, Y, 1.0, b=0.0, learning_rate=1.0, steps=1, loss="mse")


def test_step_limits_in_one_dimension_are_the_second_derivative(one_feature):
    """Over w alone, the curvature is J''(w), checked by central differences of J'(w)."""
    X, Y = one_feature
    for w in (-1.5, 0.7, 4.0):
        lim = descent.step_limits(X, w, b=0.0, with_bias=False)
        h = 1e-5
        slope = [float(propagate(np.array([[w + s]]), 0.0, X, Y)[0]["dw"][0, 0]) for s in (h, -h)]
        assert lim.curvature == pytest.approx((slope[0] - slope[1]) / (2 * h), rel=1e-6)
        assert lim.zigzag == pytest.approx(1 / lim.curvature) and lim.diverge == 2 * lim.zigzag
        assert not lim.with_bias


def test_the_limit_over_w_and_b_decides_whether_train_diverges(two_features):
    """2/κ_max over (w, b) at the optimum: train converges just below it and diverges above."""
    X, Y = two_features
    w, b = np.zeros((2, 1)), 0.0
    for _ in range(30):  # Newton's method to the optimum
        g, _ = propagate(w, b, X, Y)
        step = np.linalg.solve(hessian(w, b, X), np.append(g["dw"][:, 0], g["db"]))
        w, b = w - step[:2].reshape(2, 1), b - float(step[2])
    lim = descent.step_limits(X, w, b=b)
    assert lim.with_bias
    full = np.vstack([X, np.ones((1, X.shape[1]))])
    a = logreg_core.model.sigmoid(w.T @ X + b)
    reference = np.linalg.eigvalsh((full * (a * (1 - a))) @ full.T / X.shape[1])[-1]
    assert lim.curvature == pytest.approx(reference, rel=1e-12)
    start = {"w0": w + 0.05, "b0": b + 0.05, "num_iterations": 2000}
    assert train(X, Y, learning_rate=0.9 * lim.diverge, **start).stop_reason == "max_iterations"
    assert train(X, Y, learning_rate=1.1 * lim.diverge, **start).stop_reason == "diverged"


def test_step_limits_refuse_bad_input(one_feature):
    X, _ = one_feature
    with pytest.raises(ValueError, match=r"w must hold 1 finite weights, got \[nan\]"):
        descent.step_limits(X, float("nan"), b=0.0)
    with pytest.raises(ValueError, match=r"b must be a finite number, got inf"):
        descent.step_limits(X, 0.0, b=math.inf)
    with pytest.raises(ValueError, match=r"X must have shape \(n, m\) with m ≥ 1, got \(1, 0\)"):
        descent.step_limits(np.zeros((1, 0)), 0.0, b=0.0)


def test_descent_figure_draws_the_path_arrows_and_tangent():
    w = np.linspace(-3, 5, 81)
    J = (w - 1) ** 2
    path_w = np.array([-2.0, 0.0, 0.8])
    path_J = (path_w - 1) ** 2
    tw, tJ = descent.tangent_line(0.8, 0.04, -0.4, half_width=1.0)
    fig = descent.descent_figure(
        w, J, path_w, path_J, tangent_w=tw, tangent_J=tJ, slope=-0.4, texts=LESSONS
    )
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert [(a.ax, a.x) for a in arrows] == [(-2.0, 0.0), (0.0, 0.8)]
    tangent = trace(fig, "tangent, slope dJ/dw = -0.4")
    np.testing.assert_allclose(tangent.y, tJ)
    assert trace(fig, "current w").x == (0.8,)
    many = descent.descent_figure(
        w,
        J,
        np.linspace(-2, 1, 100),
        np.zeros(100),
        tangent_w=tw,
        tangent_J=tJ,
        slope=0.0,
        texts=LESSONS,
    )
    assert len([a for a in many.layout.annotations if a.showarrow]) == 40
    assert_finite_json(fig)


def test_alpha_limits_figure_marks_both_limits_and_the_chosen_alpha():
    fig = descent.alpha_limits_figure(
        [0.1, 1.0, 10.0], 3.0, zigzag=4.35, diverge=8.7, diverge_with_bias=8.4, texts=WORDS["zh"]
    )
    s = spec(fig)
    lines = [sh["x0"] for sh in s["layout"]["shapes"] if sh["type"] == "line"]
    assert lines == [4.35, 8.7]
    texts = [a["text"] for a in s["layout"]["annotations"]]
    assert "1/J″(w∗) = 4.35" in texts and "2/J″(w∗) = 8.7" in texts
    for key in ("alpha_one_side", "alpha_zigzag", "alpha_unsettled"):
        assert WORDS["zh"][key] in texts
    bands = [(sh["x0"], sh["x1"]) for sh in s["layout"]["shapes"] if sh["type"] == "rect"]
    lo, hi = s["layout"]["xaxis"]["range"]
    assert bands == [(10**lo, 4.35), (4.35, 8.7), (8.7, 10**hi)]
    with_bias = next(t for t in s["data"] if t.get("mode") == "lines")
    assert with_bias["x"] == [8.4, 8.4]
    assert with_bias["name"] == WORDS["zh"]["alpha_with_bias"].format(value="8.4")
    chosen = next(t for t in s["data"] if t.get("name") == WORDS["zh"]["alpha_chosen"])
    assert chosen["x"] == [3.0]
    assert s["layout"]["xaxis"]["type"] == "log"
    with pytest.raises(ValueError, match=r"0 < zigzag < diverge, got zigzag=5, diverge=2"):
        descent.alpha_limits_figure([1.0], 1.0, zigzag=5, diverge=2, texts=WORDS["en"])
    with pytest.raises(ValueError, match=r"texts lacks the keys \['alpha_axis'"):
        descent.alpha_limits_figure([1.0], 1.0, zigzag=1, diverge=2, texts={})


def test_alpha_limits_far_outside_the_offered_alphas_are_labelled_at_the_edge():
    """A very flat minimum puts 1/J″ and 2/J″ far out: the scale stays on the α on offer."""
    fig = descent.alpha_limits_figure(
        [0.03, 30.0], 1.0, zigzag=5e40, diverge=1e41, texts=WORDS["en"]
    )
    s = spec(fig)
    lo, hi = s["layout"]["xaxis"]["range"]
    assert lo == pytest.approx(np.log10(0.03 / 2))
    assert hi == pytest.approx(np.log10(30.0 * descent.SPAN * 2))
    assert not [sh for sh in s["layout"]["shapes"] if sh["type"] == "line"]
    texts = {a["text"]: a for a in s["layout"]["annotations"]}
    assert texts["2/J″(w∗) = 1e+41 →"]["x"] == hi and texts["1/J″(w∗) = 5e+40 →"]["x"] == hi
    assert WORDS["en"]["alpha_one_side"] in texts
    assert WORDS["en"]["alpha_unsettled"] not in texts


def test_curve_range_holds_every_step_and_at_least_minus_3_to_5():
    assert descent.curve_range([0.0, 1.0]) == (-4.0, 6.0)
    assert descent.curve_range([-10.2, 20.0]) == (-11.0, 21.0)


# ----------------------------------------------------------------------------
# the minimum of J(w), and what a run does over enough steps
# ----------------------------------------------------------------------------


def test_minimum_1d_is_where_the_slope_changes_sign(one_feature):
    X, Y = one_feature
    for b in (0.0, 0.7):
        lowest = descent.minimum_1d(X, Y, b=b)
        assert float(propagate(np.array([[lowest.w]]), b, X, Y)[0]["dw"][0, 0]) == (
            pytest.approx(0.0, abs=1e-15)
        )
        near = cost.cost_curve(X, Y, lowest.w + np.linspace(-1e-3, 1e-3, 201), b=b)
        assert lowest.cost == pytest.approx(near.min(), rel=1e-12)
        assert lowest.limits == descent.step_limits(X, lowest.w, b=b, with_bias=False)


def test_minimum_1d_refuses_data_where_J_keeps_falling():
    X, Y = np.array([[-2.0, -1.0, 1.0, 3.0]]), np.array([[0, 0, 1, 1]])
    with pytest.raises(ValueError, match=r"J\(w\) has no minimum .* as w → \+∞"):
        descent.minimum_1d(X, Y, b=0.0)
    with pytest.raises(ValueError, match=r"J\(w\) has no minimum .* as w → −∞"):
        descent.minimum_1d(-X, Y, b=0.0)


def test_outcomes_follow_the_descent_and_the_rule(one_feature):
    """Each outcome reads the run descend_1d takes; the rule sorts three kinds of run."""
    X, Y = one_feature
    lowest = descent.minimum_1d(X, Y, b=0.0)
    alphas = [0.5, 0.9 * lowest.limits.zigzag, 1.5 * lowest.limits.zigzag, 40.0]
    found = descent.outcomes(X, Y, 4.0, alphas, b=0.0, steps=400)
    assert [o.learning_rate for o in found] == alphas
    for o in found:
        path = descent.descend_1d(X, Y, 4.0, b=0.0, learning_rate=o.learning_rate, steps=400)
        tail = path.w[400 - o.tail + 1 :]
        assert o.steps == 400 and o.tail == 200 and tail.size == 200
        assert o.w_low == pytest.approx(tail.min(), abs=1e-9)
        assert o.w_high == pytest.approx(tail.max(), abs=1e-9)
        assert o.cost_mean == pytest.approx(path.cost[-200:].mean(), rel=1e-9)
        assert o.cost_start == path.cost[0]
        gap = path.w - lowest.w
        crossed = np.flatnonzero(gap[1:] * gap[:-1] < 0)
        assert o.first_jump == (int(crossed[0]) + 1 if crossed.size else None)
    assert [o.kind for o in found] == [
        "settles_one_side",
        "settles_one_side",
        "settles_jumping",
        "grows",
    ]
    assert found[-1].cost_mean > found[-1].cost_start


def test_outcomes_call_a_bounded_cycle_oscillating_not_growing():
    """Above 2/J″(w*) the run ends in a 2-cycle around w*, below J at a far start.

    Started next to w*, the same cycle is above J at the start: J grew.
    """
    X, Y = np.array([[1.0, -1.0, -1.0]]), np.array([[1, 0, 1]])
    lowest = descent.minimum_1d(X, Y, b=0.0)
    high = 2.2 * lowest.limits.zigzag
    far, near = (
        descent.outcomes(X, Y, w0, [high], b=0.0, steps=2000)[0]
        for w0 in (lowest.w - 3.0, lowest.w + 1e-3)
    )
    assert far.verdict == "oscillates" and far.kind == "oscillates"
    assert far.w_low < lowest.w < far.w_high and far.cost_low > lowest.cost
    assert far.cost_mean < far.cost_start
    assert near.verdict == "grows" and near.cost_mean > near.cost_start
    assert (near.w_low, near.w_high) == pytest.approx((far.w_low, far.w_high), rel=1e-6)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"learning_rates": []}, r"learning_rates must be finite numbers > 0, got \[\]"),
        ({"learning_rates": [1.0, 0.0]}, r"learning_rates must be finite numbers > 0"),
        ({"learning_rates": [math.inf]}, r"learning_rates must be finite numbers > 0"),
        ({"steps": 1}, r"steps must be between 2 and 100,000, got 1"),
        ({"b": math.nan}, r"b must be a finite number"),
    ],
)
def test_outcomes_reject_bad_options(one_feature, kwargs, match):
    X, Y = one_feature
    options = {"learning_rates": [1.0], "b": 0.0, "steps": 10, **kwargs}
    with pytest.raises(ValueError, match=match):
        descent.outcomes(X, Y, 0.0, **options)


def test_far_jump_is_the_smallest_alpha_below_1_over_J2_that_crosses_on_step_one(one_feature):
    X, Y = one_feature
    lowest = descent.minimum_1d(X, Y, b=0.0)
    alphas = [0.1, 1.0, 3.0, 10.0, 20.0, 30.0, 200.0]
    for w0 in (-1.5, 4.0):
        jump = descent.far_jump(X, Y, w0, alphas, b=0.0)
        here = descent.step_limits(X, w0, b=0.0, with_bias=False)
        assert jump.limits == here and jump.learning_rate < here.zigzag
        step = descent.descend_1d(X, Y, w0, b=0.0, learning_rate=jump.learning_rate, steps=1)
        assert jump.w1 == step.w[1] and (step.w[0] - lowest.w) * (step.w[1] - lowest.w) < 0
        smaller = [a for a in alphas if a < jump.learning_rate]
        for a in smaller:
            w1 = descent.descend_1d(X, Y, w0, b=0.0, learning_rate=a, steps=1).w[1]
            assert (w0 - lowest.w) * (w1 - lowest.w) > 0
        assert jump.bowl_min == pytest.approx(w0 - step.slope[0] / here.curvature)
    assert descent.far_jump(X, Y, -1.5, [0.1, 1.0], b=0.0) is None
