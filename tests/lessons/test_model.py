"""Lesson 1 · the model: σ(wx + b) on one feature, its fit, its figure, the neuron."""

import math

import numpy as np
import plotly.graph_objects as go
import pytest

from logreg_core.figures.style import CLASS_COLORS, FORWARD_COLOR
from logreg_core.formatting import fmt
from logreg_core.lessons import model
from tests.lessons.figures import assert_finite_json, reference_sigmoid, trace, words
from tests.words import LESSONS


def test_model_curve_is_sigma_of_wx_plus_b():
    x = np.linspace(-4, 4, 9)
    z, a = model.model_curve(1.5, -0.5, x)
    np.testing.assert_allclose(z, 1.5 * x - 0.5, rtol=1e-15)
    np.testing.assert_allclose(a, reference_sigmoid(1.5 * x - 0.5), rtol=1e-14)


def test_decision_point_is_where_a_is_one_half():
    x0 = model.decision_point(2.0, 3.0)
    assert x0 == -1.5
    assert model.model_curve(2.0, 3.0, [x0])[1][0] == 0.5
    assert model.decision_point(0.0, 1.0) is None


def test_fit_of_matches_cost_and_a_count_of_correct_examples(two_features):
    X, Y = two_features
    w, b = [0.7, -0.2], 0.3
    J, acc = model.fit_of(X, Y, w, b=b)
    a = reference_sigmoid(0.7 * X[0] - 0.2 * X[1] + 0.3)
    y = Y[0]
    assert J == pytest.approx(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)), rel=1e-12)
    assert acc == np.mean((a >= 0.5) == (y == 1))


def test_model_figure_draws_points_curve_and_the_chosen_x():
    x = np.array([-1.0, 0.0, 2.0, 3.0])
    y = np.array([0, 0, 1, 1])
    cx = np.linspace(-2, 4, 7)
    _, ca = model.model_curve(1.0, -1.0, cx)
    fig = model.one_feature_figure(
        x, y, cx, ca, point_x=2.0, point_a=0.731, boundary=1.0, texts=LESSONS
    )
    assert isinstance(fig, go.Figure)
    neg, pos = trace(fig, "y = 0"), trace(fig, "y = 1")
    assert list(neg.x) == [-1.0, 0.0] and list(neg.y) == [0.0, 0.0]
    assert neg.marker.color == CLASS_COLORS[0] and pos.marker.color == CLASS_COLORS[1]
    curve = trace(fig, "a = σ(wx + b)")
    np.testing.assert_allclose(curve.y, ca)
    assert curve.line.color == FORWARD_COLOR
    chosen = trace(fig, "chosen x")
    assert chosen.x == (2.0,) and chosen.text == ("a = 0.731",)
    assert any(s.x0 == 1.0 and s.x1 == 1.0 for s in fig.layout.shapes)  # a = 0.5 line
    assert_finite_json(fig)


def test_model_figure_without_a_boundary_and_with_class_names():
    fig = model.one_feature_figure(
        [0.0, 1.0],
        [0, 1],
        [0.0, 1.0],
        [0.5, 0.5],
        point_x=0.5,
        point_a=0.5,
        boundary=None,
        class_names=("no", "yes"),
        texts=LESSONS,
    )
    assert trace(fig, "y = 1 (yes)")
    assert not [s for s in fig.layout.shapes if s.x0 == s.x1 and s.type == "line"]


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda X, Y: model.fit_of(X, Y, [1.0], b=0.0), "w must hold 2 finite weights"),
        (lambda X, Y: model.fit_of(X, Y, [1.0, np.nan], b=0.0), "w must hold 2 finite weights"),
        (lambda X, Y: model.fit_of(X[0], Y, [1.0, 1.0], b=0.0), r"X must have shape \(n, m\)"),
        (lambda X, Y: model.fit_of(X, Y, [1.0, 1.0], b="b"), "b must be a number"),
        (lambda X, Y: model.model_curve(1.0, 0.0, [[0.0, 1.0]]), "x must be a non-empty 1-D"),
        (lambda X, Y: model.decision_point(np.inf, 0.0), "w must be a finite number"),
    ],
)
def test_bad_input_is_named(two_features, call, match):
    X, Y = two_features
    with pytest.raises(ValueError, match=match):
        call(X, Y)


def test_data_range_is_whole_numbers_half_a_unit_beyond_the_first_feature():
    assert model.data_range(np.array([[-1.2, 3.4], [50.0, -50.0]])) == (-2.0, 4.0)
    assert model.data_range(np.array([[0.5, 1.5]]), pad=0.0) == (0.0, 2.0)


# ----------------------------------------------------------------------------
# the neuron
# ----------------------------------------------------------------------------

NEURON_WORDS = words(model.NEURON_TEXTS)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize(
    "x,w,b", [([1.5], [1.0], 0.0), ([-5.2], [-5.0], 5.0), ([1.0, 1.5, -2.0], [0.5, -0.3, 2.0], 0.1)]
)
def test_neuron_figure_draws_inputs_weights_sum_activation_and_output(lang, x, w, b):
    texts = NEURON_WORDS[lang]
    fig = model.neuron_figure(x, w, b, texts=texts)
    n = len(x)
    z = sum(wj * xj for wj, xj in zip(w, x, strict=True)) + b  # the sum, written out
    a = 1.0 / (1.0 + math.exp(-z))
    inputs = trace(fig, texts["neuron_inputs"])
    assert list(inputs.text) == [f"x{j + 1} = {fmt(v)}" for j, v in enumerate(x)]
    assert trace(fig, "b").text == (f"b = {fmt(b)}",)
    weights = trace(fig, texts["neuron_weights"])
    assert list(weights.text) == [f"w{j + 1} = {fmt(v)}" for j, v in enumerate(w)]
    assert trace(fig, texts["neuron_sum"]).text == ("Σ",)
    assert trace(fig, texts["neuron_activation"]).text == ("σ",)
    assert trace(fig, "z").text == (f"z = {fmt(z)}",)
    assert trace(fig, "a").text == (f"a = {fmt(a)}",)
    # left to right: inputs, weights, Σ, z on its way to σ, σ, then a
    order = [
        inputs.x[0],
        weights.x[0],
        trace(fig, texts["neuron_sum"]).x[0],
        trace(fig, "z").x[0],
        trace(fig, texts["neuron_activation"]).x[0],
        trace(fig, "a").x[0],
    ]
    assert order == sorted(order) and len(set(order)) == len(order)
    # one edge from each input and from b into Σ, one Σ → σ, one out of σ: arrows point right
    edges = [t for t in fig.data if t.mode == "lines+markers"]
    assert len(edges) == n + 3
    assert all(e.x[1] > e.x[0] and e.marker.symbol == "arrow" for e in edges)
    into_sum = [e for e in edges if e.x[0] == inputs.x[0]]
    assert sorted(e.y[0] for e in into_sum) == sorted([*inputs.y, *trace(fig, "b").y])
    # each weight sits on its input's edge
    for j in range(n):
        edge = next(e for e in into_sum if e.y[0] == inputs.y[j])
        share = (weights.x[j] - edge.x[0]) / (trace(fig, texts["neuron_sum"]).x[0] - edge.x[0])
        assert weights.y[j] == pytest.approx(edge.y[0] * (1 - share))
    headings = [ann.text for ann in fig.layout.annotations]
    assert headings == [texts[k] for k in model.NEURON_TEXTS]
    assert_finite_json(fig)


def test_neuron_figure_names_bad_input_and_missing_words():
    texts = NEURON_WORDS["en"]
    with pytest.raises(ValueError, match="x must hold at least one finite input"):
        model.neuron_figure([], [], 0.0, texts=texts)
    with pytest.raises(ValueError, match="x must hold at least one finite input"):
        model.neuron_figure([np.nan], [1.0], 0.0, texts=texts)
    with pytest.raises(ValueError, match="w must hold 2 finite weights"):
        model.neuron_figure([1.0, 2.0], [1.0], 0.0, texts=texts)
    with pytest.raises(ValueError, match="b must be a finite number"):
        model.neuron_figure([1.0], [1.0], np.inf, texts=texts)
    with pytest.raises(ValueError, match=r"texts lacks the keys \['neuron_inputs'"):
        model.neuron_figure([1.0], [1.0], 0.0, texts={"model_boundary": "x"})
