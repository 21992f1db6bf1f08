"""logreg_core.figures.graph: the computational graph shows the engine's numbers."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from logreg_core.figures.graph import fmt_html, graph_figure
from logreg_core.figures.style import BACKWARD_COLOR, FORWARD_COLOR
from logreg_core.model import example_values
from tests.words import FIGURES


def _texts(fig, color=None):
    return [
        a.text
        for a in fig.layout.annotations
        if a.text and (color is None or (a.font and a.font.color == color))
    ]


def _example(n, seed=0, y=1):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    w = rng.normal(size=(n, 1))
    Y = np.array([[y, 1 - y, y]])
    return X, w, 0.25, Y


@pytest.mark.parametrize("n", [1, 2, 3, 7])
def test_every_weight_has_a_box_and_a_red_derivative(n):
    X, w, b, Y = _example(n)
    v = example_values(w, b, X, Y)
    i = 1
    fig = graph_figure(
        x=X[:, i], w=w.ravel(), b=b, y=int(Y[0, i]), values=v, index=i, texts=FIGURES
    )
    assert isinstance(fig, go.Figure)
    boxes = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(boxes) == 2 * n + 1 + 3  # x1, w1, …, xn, wn, b; then z, a, L
    red = " ".join(_texts(fig, BACKWARD_COLOR))
    black = " ".join(_texts(fig, FORWARD_COLOR))
    for j in range(n):
        assert f"dw<sub>{j + 1}</sub> = {fmt_html(v.dw[j, i])}" in red
        assert f"w<sub>{j + 1}</sub> = {fmt_html(w[j, 0])}" in black
        assert f"x<sub>{j + 1}</sub> = {fmt_html(X[j, i])}" in black
    assert f"db = {fmt_html(v.db[i])}" in red
    assert f"dz = {fmt_html(v.dz[i])}" in red
    assert f"da = {fmt_html(v.da[i])}" in red
    assert f"z = {fmt_html(v.z[i])}" in black
    assert f"a = {fmt_html(v.a[i])}" in black
    assert f"L = {fmt_html(v.loss[i])}" in black
    assert f"y = {int(Y[0, i])}" in black


def test_a_mapping_of_plain_numbers_works_too():
    values = {
        "z": 0.5,
        "a": 0.62,
        "loss": 0.47,
        "da": -1.6,
        "dz": -0.38,
        "dw": [-0.38],
        "db": -0.38,
    }
    fig = graph_figure(x=[1.0], w=[0.5], b=0.0, y=1, values=values, texts=FIGURES)
    assert "da = -1.6" in " ".join(_texts(fig, BACKWARD_COLOR))


def test_saturated_example_stays_finite_and_says_so():
    X = np.array([[10.0], [10.0]])
    w = np.array([[10.0], [10.0]])
    v = example_values(w, 10.0, X, np.array([[0]]))
    fig = graph_figure(x=X[:, 0], w=w.ravel(), b=10.0, y=0, values=v, texts=FIGURES)
    texts = " ".join(_texts(fig))
    assert "a rounds to 0 or 1" in texts
    assert "×10<sup>91</sup>" in texts  # da = 1 + e^210, written as a power of ten
    assert "nan" not in texts.lower() and "inf" not in texts.lower()


def test_feature_names_label_mapped_inputs():
    X, w, b, Y = _example(3)
    v = example_values(w, b, X, Y)
    fig = graph_figure(
        x=X[:, 0], w=w.ravel(), b=b, y=1, values=v, feature_names=["x1", "x2", "x1²"], texts=FIGURES
    )
    assert any("(x1²)" in t for t in _texts(fig))


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"x": [1.0, 2.0], "w": [1.0]}, "same number"),
        ({"y": 2}, "y must be 0 or 1"),
        ({"values": 3.0}, "values must be ExampleValues or a mapping, got float"),
        ({"feature_names": ["a", "b"]}, "feature_names must hold 1"),
    ],
)
def test_bad_arguments_are_refused(kw, match):
    args = {
        "x": [1.0],
        "w": [0.5],
        "b": 0.0,
        "y": 1,
        "values": example_values(np.array([[0.5]]), 0.0, np.array([[1.0]]), np.array([[1]])),
        "texts": FIGURES,
    }
    args.update(kw)
    with pytest.raises((ValueError, TypeError), match=match):
        graph_figure(**args)


@pytest.mark.parametrize(
    "value, text",
    [
        (0.123456, "0.1235"),
        (-0.0, "0"),
        (12345.6, "12,346"),
        (1.5e91, "1.5×10<sup>91</sup>"),
        (2e-7, "2×10<sup>-7</sup>"),
        (float("nan"), "—"),
    ],
)
def test_fmt_html(value, text):
    assert fmt_html(value) == text
