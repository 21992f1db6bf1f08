"""Lesson 2 · the sigmoid: its slope, the logit, where it saturates, its figure."""

import math

import numpy as np
import pytest

import logreg_core.model
from logreg_core.figures.style import CURRENT_COLOR
from logreg_core.lessons import sigmoid
from tests.lessons.figures import assert_finite_json, reference_sigmoid, trace
from tests.words import LESSONS


def test_sigmoid_slope_is_the_derivative_of_sigma():
    z = np.linspace(-8, 8, 33)
    exact = np.exp(-z) / (1.0 + np.exp(-z)) ** 2  # d/dz (1 + e^(−z))^(−1)
    np.testing.assert_allclose(sigmoid.sigmoid_slope(z), exact, rtol=1e-12)
    h, zs = 1e-6, np.linspace(-3, 3, 13)
    numeric = (reference_sigmoid(zs + h) - reference_sigmoid(zs - h)) / (2 * h)
    np.testing.assert_allclose(sigmoid.sigmoid_slope(zs), numeric, rtol=1e-8)
    assert sigmoid.sigmoid_slope(0.0) == 0.25
    assert sigmoid.sigmoid_slope(40.0) < 1e-17


def test_logit_inverts_the_sigmoid():
    a = np.array([1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-9])
    np.testing.assert_allclose(logreg_core.model.sigmoid(sigmoid.logit(a)), a, rtol=1e-9)
    assert sigmoid.logit(0.5) == 0.0
    assert sigmoid.logit(0.75) == pytest.approx(math.log(3.0), rel=1e-15)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_logit_rejects_values_outside_0_1(bad):
    with pytest.raises(ValueError, match="a must be strictly between 0 and 1"):
        sigmoid.logit(bad)


def test_saturation_bound_is_where_the_slope_drops_below_the_threshold():
    z = sigmoid.saturation_bound(slope=0.01)
    r = math.sqrt(1 - 4 * 0.01)
    assert z == pytest.approx(math.log((1 + r) / (1 - r)), rel=1e-12)  # ≈ 4.585
    assert sigmoid.sigmoid_slope(z) == pytest.approx(0.01, rel=1e-12)
    assert sigmoid.sigmoid_slope(-z) == pytest.approx(0.01, rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, 0.25, -1.0, "x"])
def test_saturation_bound_rejects_bad_slopes(bad):
    with pytest.raises(ValueError, match="slope must"):
        sigmoid.saturation_bound(slope=bad)


def test_sigmoid_figure_shades_both_saturated_ends():
    z = np.linspace(-10, 10, 201)
    a, s = 1 / (1 + np.exp(-z)), sigmoid.sigmoid_slope(z)
    fig = sigmoid.sigmoid_figure(
        z, a, s, point_z=2.0, point_a=float(a[120]), saturation=4.585, texts=LESSONS
    )
    rects = [sh for sh in fig.layout.shapes if sh.type == "rect"]
    assert sorted((r.x0, r.x1) for r in rects) == [(-10.0, -4.585), (4.585, 10.0)]
    np.testing.assert_allclose(trace(fig, LESSONS["sigmoid_slope"]).y, s)
    assert trace(fig, "chosen z").marker.color == CURRENT_COLOR
    assert_finite_json(fig)


def test_curves_hold_the_values_at_the_chosen_score():
    z, a, slope, at = sigmoid.curves(2.0)
    assert z.shape == a.shape == slope.shape == (401,) and z[0] == -10.0 and z[-1] == 10.0
    assert at["a"] == pytest.approx(reference_sigmoid(2.0), rel=1e-15)
    assert at["1 - a"] == pytest.approx(1 - reference_sigmoid(2.0), rel=1e-12)
    assert at["odds"] == pytest.approx(math.exp(2.0), rel=1e-12)
    assert at["slope"] == pytest.approx(at["a"] * at["1 - a"], rel=1e-15)


def test_saturated_is_where_the_slope_is_below_the_threshold():
    z = np.linspace(-10, 10, 2001)
    slope = reference_sigmoid(z) * (1 - reference_sigmoid(z))
    np.testing.assert_array_equal(sigmoid.saturated(z), slope < 0.01)
    np.testing.assert_array_equal(sigmoid.saturated(z, slope=0.1), slope < 0.1)
    assert sigmoid.saturated(5.0) and not sigmoid.saturated(-4.5)
