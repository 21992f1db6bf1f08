"""Lesson 7 · the loop over m examples against the vectorized step, the figures."""

import math

import numpy as np
import pytest

from logreg_core import make_dataset
from logreg_core.formatting import fmt
from logreg_core.lessons import vectorize
from logreg_core.model import propagate
from tests.lessons.figures import reference_sigmoid, spec, words
from tests.words import LESSONS

WORDS = words(vectorize.TEXTS)


def test_loop_equals_vectorized_to_1e_12(two_features):
    X, Y = two_features
    r = vectorize.compare_loop_vectorized([0.5, -0.3], 0.1, X, Y, repeats=2, budget=0.2)
    (g1, J1), (g2, J2) = r.loop, r.vectorized
    assert r.max_abs_diff <= 1e-12
    assert abs(J1 - J2) <= 1e-12 and abs(g1["db"] - g2["db"]) <= 1e-12
    np.testing.assert_allclose(g1["dw"], g2["dw"], rtol=0, atol=1e-12)
    grads, J = propagate(np.array([[0.5], [-0.3]]), 0.1, X, Y)
    assert J2 == J and np.array_equal(g2["dw"], grads["dw"])
    assert r.loop_seconds > 0 and r.vectorized_seconds > 0 and r.speedup > 0


def test_best_time_keeps_the_shortest_and_respects_repeats():
    calls = []
    t = vectorize.best_time(lambda: calls.append(1), repeats=3, budget=10.0)
    assert len(calls) == 3 and 0 <= t < 0.1
    calls.clear()
    vectorize.best_time(lambda: calls.append(1), repeats=50, budget=0.0)
    assert len(calls) == 1  # the budget is spent after the first call
    with pytest.raises(ValueError, match="repeats must be at least 1"):
        vectorize.best_time(lambda: None, repeats=0)


def test_compare_rejects_weights_of_the_wrong_length(two_features):
    X, Y = two_features
    with pytest.raises(ValueError, match="w must hold 2 finite weights"):
        vectorize.compare_loop_vectorized([1.0], 0.0, X, Y)


def test_loop_steps_sum_divided_by_m_is_the_vectorized_gradient(two_features):
    X, Y = two_features
    w, b = np.array([[0.5], [-0.3]]), 0.1
    steps = vectorize.loop_steps(w, b, X, Y, learning_rate=0.5)
    grads, _ = propagate(w, b, X, Y)
    m = X.shape[1]
    assert steps.m == m and steps.dw.shape == (2, m) and steps.w_path.shape == (2, m + 1)
    np.testing.assert_allclose(steps.dw_sum[:, -1] / m, grads["dw"][:, 0], rtol=1e-12, atol=1e-15)
    assert steps.db_sum[-1] / m == pytest.approx(grads["db"], rel=1e-12, abs=1e-15)
    np.testing.assert_allclose(steps.mean_dw, grads["dw"][:, 0], rtol=1e-12, atol=1e-15)
    # each example's contribution, by hand: x⁽ⁱ⁾ (σ(wᵀx⁽ⁱ⁾ + b) − y⁽ⁱ⁾)
    i = 7
    dz = reference_sigmoid(w[:, 0] @ X[:, i] + b) - Y[0, i]
    np.testing.assert_allclose(steps.dw[:, i], X[:, i] * dz, rtol=1e-12)
    # the path starts at w and ends where the vectorized update lands
    np.testing.assert_allclose(steps.w_path[:, 0], w[:, 0])
    np.testing.assert_allclose(steps.w_path[:, -1], w[:, 0] - 0.5 * grads["dw"][:, 0], rtol=1e-12)


def test_loop_steps_refuse_bad_input(two_features):
    X, Y = two_features
    with pytest.raises(ValueError, match=r"w must hold 2 finite weights, got \[0.0\]"):
        vectorize.loop_steps([0.0], 0.0, X, Y, learning_rate=1.0)
    with pytest.raises(ValueError, match=r"learning_rate must be a finite number > 0, got 0"):
        vectorize.loop_steps([0.0, 0.0], 0.0, X, Y, learning_rate=0)


def test_timing_figure_uses_a_log_axis():
    fig = vectorize.timing_figure(["loop", "vectorized"], [2e-3, 5e-5], texts=LESSONS)
    bar = fig.data[0]
    assert fig.layout.xaxis.type == "log"
    assert list(bar.text) == ["2 ms", "50 µs"]
    assert vectorize.timing_figure(["a"], [1.5], texts=LESSONS).data[0].text == ("1.5 s",)


def test_loop_figure_has_a_frame_per_example_ending_in_the_vectorized_step():
    ds = make_dataset("gauss", 8, seed=0)
    w, b = np.array([[0.5], [-0.3]]), 0.1
    steps = vectorize.loop_steps(w, b, ds.X, ds.Y, learning_rate=1.0)
    fig = vectorize.loop_figure(steps, texts=WORDS["en"])
    s = spec(fig)
    assert len(s["frames"]) == steps.m + 1
    assert len(s["layout"]["sliders"][0]["steps"]) == steps.m + 1
    grads, _ = propagate(w, b, ds.X, ds.Y)
    vectorized = s["data"][0]
    end = w[:, 0] - grads["dw"][:, 0]
    np.testing.assert_allclose([vectorized["x"][1], vectorized["y"][1]], end, rtol=1e-12)
    last = s["frames"][-1]["data"][0]
    assert len(last["x"]) == steps.m + 1
    np.testing.assert_allclose([last["x"][-1], last["y"][-1]], end, rtol=1e-12)
    first = s["frames"][0]
    assert first["data"][2]["text"] == [WORDS["en"]["loop_start"]]  # the running sums, as text
    # every frame holds m + 1 points; before the loop they all sit on w, unmarked
    assert first["data"][0]["x"] == [0.5] * (steps.m + 1) and set(
        first["data"][0]["marker"]["size"]
    ) == {0}
    two = s["frames"][2]["data"][0]
    np.testing.assert_allclose(two["x"][:3], steps.w_path[0, :3])
    assert two["x"][3:] == [two["x"][2]] * (steps.m - 2) and two["marker"]["size"][3:] == [0] * 6
    (three,) = s["frames"][3]["data"][2]["text"]
    assert three.startswith("after example 3 of 8") and fmt(steps.dw_sum[0, 2]) in three
    with pytest.raises(ValueError, match=r"2 weights, got w_path of shape \(1, 9\)"):
        one = make_dataset("one_feature", 8, seed=0)
        vectorize.loop_figure(
            vectorize.loop_steps([0.5], 0.0, one.X, one.Y, learning_rate=1.0), texts=WORDS["en"]
        )


def test_best_time_names_a_budget_that_is_not_finite():
    with pytest.raises(ValueError, match="budget must be a finite number"):
        vectorize.best_time(lambda: None, budget=np.nan)


def test_loop_check_ends_where_the_vectorized_gradient_is(two_features):
    X, Y = two_features
    steps, grads, difference = vectorize.loop_check((0.5, -0.3), 0.1, X, Y, learning_rate=1.0)
    assert steps.m == X.shape[1] and difference <= 1e-12
    np.testing.assert_allclose(steps.mean_dw, grads["dw"][:, 0], rtol=1e-12)


def test_step_losses_are_each_examples_loss_before_and_after_one_step(two_features):
    X, Y = two_features
    w, b, alpha = np.array([0.5, -0.3]), 0.1, 1.0
    before, after = vectorize.step_losses(w, b, X, Y, learning_rate=alpha)
    m = X.shape[1]

    def losses(w, b):  # one example at a time, the textbook way
        return np.array(
            [
                -math.log(a) if y == 1 else -math.log(1 - a)
                for a, y in ((1 / (1 + math.exp(-(w @ X[:, i] + b))), Y[0, i]) for i in range(m))
            ]
        )

    dz = [1 / (1 + math.exp(-(w @ X[:, i] + b))) - Y[0, i] for i in range(m)]
    dw = sum(X[:, i] * dz[i] for i in range(m)) / m
    db = sum(dz) / m
    np.testing.assert_allclose(before, losses(w, b), rtol=1e-12)
    np.testing.assert_allclose(after, losses(w - alpha * dw, b - alpha * db), rtol=1e-12)
    assert after.mean() < before.mean()
    with pytest.raises(ValueError, match="learning_rate must be a finite number > 0"):
        vectorize.step_losses(w, b, X, Y, learning_rate=0.0)
