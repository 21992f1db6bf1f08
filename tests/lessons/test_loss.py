"""Lesson 3 · the loss over a against the squared error, their push on z, the figure."""

import numpy as np
import pytest

from logreg_core.lessons import loss
from tests.lessons.figures import assert_finite_json, reference_sigmoid
from tests.words import LESSONS


def test_loss_of_a_is_minus_log_of_the_right_probability():
    a = np.linspace(0.001, 0.999, 50)
    np.testing.assert_allclose(loss.loss_of_a(a, 1), -np.log(a), rtol=1e-10)
    np.testing.assert_allclose(loss.loss_of_a(a, 0), -np.log1p(-a), rtol=1e-10)


def test_loss_of_a_rejects_a_label_that_is_not_0_or_1():
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        loss.loss_of_a(0.5, 2)


def test_squared_error_and_its_push_on_z():
    assert loss.squared_error(0.25, 1) == 0.5625
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    for y in (0, 1):
        numeric = (
            loss.squared_error(reference_sigmoid(z + h), y)
            - loss.squared_error(reference_sigmoid(z - h), y)
        ) / (2 * h)
        np.testing.assert_allclose(loss.squared_error_dz(z, y), numeric, rtol=1e-6, atol=1e-12)


def test_push_on_z_cross_entropy_keeps_pushing_when_squared_error_fades():
    ce, se = loss.push_on_z(0.001, 1)  # confidently wrong
    assert ce == pytest.approx(0.001 - 1, rel=1e-12)
    assert se == pytest.approx(2 * (0.001 - 1) * 0.001 * 0.999, rel=1e-9)
    assert abs(ce) > 400 * abs(se)
    assert loss.push_on_z(0.3, 0) == pytest.approx((0.3, 2 * 0.3 * 0.3 * 0.7))
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        loss.push_on_z(0.3, 0.5)


def figure(a, point_a, point_loss, point_se, **options):
    """``loss.loss_figure`` of both losses and both squared errors over the grid ``a``."""
    curves = [loss.loss_of_a(a, 1), loss.loss_of_a(a, 0)]
    curves += [loss.squared_error(a, 1), loss.squared_error(a, 0)]
    return loss.loss_figure(
        a,
        *curves,
        point_a=point_a,
        point_loss=point_loss,
        point_se=point_se,
        texts=LESSONS,
        **options,
    )


def test_loss_figure_puts_the_two_cases_side_by_side():
    a = np.linspace(0.001, 0.999, 99)
    fig = figure(a, 0.001, (6.9, 0.001), (0.998, 1e-6))
    titles = [ann.text for ann in fig.layout.annotations]
    assert "y = 1:  L = −log a" in titles and "y = 0:  L = −log(1 − a)" in titles
    ce = [t for t in fig.data if t.name == "cross-entropy L(a, y)"]
    assert len(ce) == 2 and {ce[0].xaxis, ce[1].xaxis} == {"x", "x2"}
    np.testing.assert_allclose(ce[0].y, -np.log(a), rtol=1e-10)
    # the axis holds the whole curve, and the chosen point sits at its true height
    top = fig.layout.yaxis.range[1]
    assert top == pytest.approx(1.05 * -np.log(0.001)) and fig.layout.yaxis2.range[1] == top
    marked = [t for t in fig.data if t.mode == "markers+text"]
    assert marked[0].y == (6.9,) and marked[0].text == ("L = 6.9",)
    assert_finite_json(fig)


def test_loss_figure_raises_a_given_axis_to_hold_the_chosen_point():
    a = np.linspace(0.01, 0.99, 99)
    fig = figure(a, 0.001, (6.9, 0.001), (0.998, 1e-6), y_max=5.0)
    assert fig.layout.yaxis.range[1] == pytest.approx(1.05 * 6.9)
    fig = figure(a, 0.001, (2.0, 0.1), (0.998, 1e-6), y_max=5.0)
    assert fig.layout.yaxis.range == (0, 5.0)


def test_every_builder_payload_stays_small():
    fig = figure(np.linspace(0.0005, 0.9995, 500), 0.5, (0.69, 0.69), (0.25, 0.25))
    assert len(fig.to_json()) < 150_000


def test_push_on_z_names_a_prediction_outside_0_1():
    with pytest.raises(ValueError, match="a must be strictly between 0 and 1"):
        loss.push_on_z(1.0, 1)


def test_curves_hold_both_labels_and_the_pushes_at_the_chosen_a():
    a, drawn, at = loss.curves(0.2)
    np.testing.assert_allclose(drawn["L1"], -np.log(a), rtol=1e-10)
    np.testing.assert_allclose(drawn["SE0"], a**2, rtol=1e-15)
    assert at["L1"] == pytest.approx(-np.log(0.2)) and at["L0"] == pytest.approx(-np.log(0.8))
    assert (at["dz_ce1"], at["dz_se1"]) == loss.push_on_z(0.2, 1)
    assert (at["dz_ce0"], at["dz_se0"]) == loss.push_on_z(0.2, 0)
