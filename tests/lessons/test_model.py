"""figures/lesson_figures.py: each builder draws the arrays it is given, finite, in its colours."""

import json

import numpy as np
import plotly.graph_objects as go
import pytest

from logreg_core import lesson_math as L
from logreg_core import make_dataset
from logreg_core.figures import lesson_figures as F
from logreg_core.figures.style import CLASS_COLORS, CURRENT_COLOR, FORWARD_COLOR
from logreg_core.train import train
from tests.words import LESSONS


def spec(fig: go.Figure) -> dict:
    """The JSON the browser receives, parsed back (typed arrays decoded by plotly)."""
    return json.loads(fig.to_json())


def assert_finite_json(fig: go.Figure) -> None:
    text = fig.to_json()
    assert "NaN" not in text and "Infinity" not in text


def trace(fig, name):
    return next(t for t in fig.data if t.name == name)


def test_model_figure_draws_points_curve_and_the_chosen_x():
    x = np.array([-1.0, 0.0, 2.0, 3.0])
    y = np.array([0, 0, 1, 1])
    cx = np.linspace(-2, 4, 7)
    _, ca = L.model_curve(1.0, -1.0, cx)
    fig = F.one_feature_figure(
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
    fig = F.one_feature_figure(
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


def test_sigmoid_figure_shades_both_saturated_ends():
    z = np.linspace(-10, 10, 201)
    a, s = 1 / (1 + np.exp(-z)), L.sigmoid_slope(z)
    fig = F.sigmoid_figure(
        z, a, s, point_z=2.0, point_a=float(a[120]), saturation=4.585, texts=LESSONS
    )
    rects = [sh for sh in fig.layout.shapes if sh.type == "rect"]
    assert sorted((r.x0, r.x1) for r in rects) == [(-10.0, -4.585), (4.585, 10.0)]
    np.testing.assert_allclose(trace(fig, "slope da/dz = a(1 − a)").y, s)
    assert trace(fig, "chosen z").marker.color == CURRENT_COLOR
    assert_finite_json(fig)


def test_loss_figure_puts_the_two_cases_side_by_side():
    a = np.linspace(0.001, 0.999, 99)
    fig = F.loss_figure(
        a,
        L.loss_of_a(a, 1),
        L.loss_of_a(a, 0),
        L.squared_error(a, 1),
        L.squared_error(a, 0),
        point_a=0.001,
        point_loss=(6.9, 0.001),
        point_se=(0.998, 1e-6),
        texts=LESSONS,
    )
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
    curves = (L.loss_of_a(a, 1), L.loss_of_a(a, 0), L.squared_error(a, 1), L.squared_error(a, 0))
    point = dict(point_a=0.001, point_loss=(6.9, 0.001), point_se=(0.998, 1e-6))
    fig = F.loss_figure(a, *curves, **point, y_max=5.0, texts=LESSONS)
    assert fig.layout.yaxis.range[1] == pytest.approx(1.05 * 6.9)
    fig = F.loss_figure(a, *curves, **{**point, "point_loss": (2.0, 0.1)}, y_max=5.0, texts=LESSONS)
    assert fig.layout.yaxis.range == (0, 5.0)


def test_convexity_figure_draws_descent_paths_from_a_hollow_start_to_a_filled_end():
    w = np.linspace(-6, 6, 121)
    paths = [(2, [-3.0, -3.5, -3.6], [0.3, 0.25, 0.24]), (1, [2.0, 1.0], [0.5, 0.4])]
    fig = F.convexity_figure(
        w, w**2, np.tanh(w), point_w=1.0, point_ce=1.0, point_se=0.5, paths=paths, texts=LESSONS
    )
    lines = [t for t in fig.data if t.mode == "lines+markers"]
    assert [t.xaxis for t in lines] == ["x2", "x"]
    assert lines[0].x == (-3.0, -3.5, -3.6) and lines[1].y == (0.5, 0.4)
    ends = [t for t in fig.data if t.mode == "markers" and len(t.x) == 2]
    assert ends[0].x == (-3.0, -3.6) and ends[0].marker.color[0] == "white"
    assert_finite_json(fig)


def test_ray_figure_puts_one_curve_per_panel_with_the_callers_words():
    t = np.linspace(0, 3, 31)
    fig = F.ray_figure(
        t,
        [("overlap", (t - 1) ** 2 + 0.5), ("separable", np.exp(-t))],
        x_title="how far t",
        marks=[(1, 1.0, 0.5)],
    )
    assert [a.text for a in fig.layout.annotations] == ["overlap", "separable"]
    assert fig.layout.xaxis.title.text == fig.layout.xaxis2.title.text == "how far t"
    assert fig.data[1].xaxis == "x2" and fig.data[2].x == (1.0,) and fig.data[2].xaxis == "x"
    np.testing.assert_allclose(fig.data[1].y, np.exp(-t))
    assert_finite_json(fig)


def test_convexity_figure_shades_the_squared_error_panel_only():
    w = np.linspace(-6, 6, 121)
    fig = F.convexity_figure(
        w,
        w**2,
        np.tanh(w),
        point_w=1.0,
        point_ce=1.0,
        point_se=float(np.tanh(1.0)),
        concave=[(0.0, 6.0)],
        flat=[(3.0, 6.0)],
        texts=LESSONS,
    )
    rects = [s for s in fig.layout.shapes if s.type == "rect"]
    assert len(rects) == 2 and all(r.xref == "x2" for r in rects)
    assert fig.data[0].xaxis == "x" and fig.data[-1].xaxis == "x2"
    lowest = fig.data[1]
    assert lowest.x == (0.0,) and lowest.y == (0.0,)
    assert_finite_json(fig)


def test_bowl_figure_is_a_surface_with_its_lowest_point():
    g = np.linspace(-2, 2, 5)
    J = np.add.outer(g**2, (g - 1) ** 2)  # rows follow grid2
    fig = F.bowl_figure(g, g, J, title="J", texts=LESSONS)
    surf = fig.data[0]
    assert isinstance(surf, go.Surface)
    np.testing.assert_allclose(np.asarray(surf.z, dtype=float), J)
    low = fig.data[1]
    assert (low.x[0], low.y[0], low.z[0]) == (1.0, 0.0, 0.0)
    assert len(fig.to_json()) < 20_000


def test_descent_figure_draws_the_path_arrows_and_tangent():
    w = np.linspace(-3, 5, 81)
    J = (w - 1) ** 2
    path_w = np.array([-2.0, 0.0, 0.8])
    path_J = (path_w - 1) ** 2
    tw, tJ = L.tangent_line(0.8, 0.04, -0.4, half_width=1.0)
    fig = F.descent_figure(
        w, J, path_w, path_J, tangent_w=tw, tangent_J=tJ, slope=-0.4, texts=LESSONS
    )
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert [(a.ax, a.x) for a in arrows] == [(-2.0, 0.0), (0.0, 0.8)]
    tangent = trace(fig, "tangent, slope dJ/dw = -0.4")
    np.testing.assert_allclose(tangent.y, tJ)
    assert trace(fig, "current w").x == (0.8,)
    many = F.descent_figure(
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


def test_timing_figure_uses_a_log_axis():
    fig = F.timing_figure(["loop", "vectorized"], [2e-3, 5e-5], texts=LESSONS)
    bar = fig.data[0]
    assert fig.layout.xaxis.type == "log"
    assert list(bar.text) == ["2 ms", "50 µs"]
    assert F.timing_figure(["a"], [1.5], texts=LESSONS).data[0].text == ("1.5 s",)


def test_training_figure_leaves_out_step_0_on_log_axes():
    ds = make_dataset("gauss", 80, seed=0)
    h = train(ds.X, ds.Y, learning_rate=0.5, num_iterations=1000)
    fig = F.training_figure(
        h.steps,
        h.cost,
        h.accuracy,
        stop_step=1000,
        best_step=3,
        marks=[10, 100, 1000],
        texts=LESSONS,
    )
    J = trace(fig, "J")
    assert J.x[0] == 1.0 and len(J.x) == len(h.steps) - 1
    np.testing.assert_allclose(J.y, h.cost[1:])
    np.testing.assert_allclose(trace(fig, "training accuracy (%)").y, 100 * h.accuracy[1:])
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis2.range == (0.0, 3.0)
    stop = [a for a in fig.layout.annotations if a.text and a.text.startswith("stopped")]
    assert stop and stop[0].x == pytest.approx(3.0)  # log10(1000): log axes take log positions
    assert trace(fig, "best accuracy first reached").x == (3.0,)
    assert_finite_json(fig)


def test_every_builder_payload_stays_small():
    a = np.linspace(0.0005, 0.9995, 500)
    fig = F.loss_figure(
        a,
        L.loss_of_a(a, 1),
        L.loss_of_a(a, 0),
        L.squared_error(a, 1),
        L.squared_error(a, 0),
        point_a=0.5,
        point_loss=(0.69, 0.69),
        point_se=(0.25, 0.25),
        texts=LESSONS,
    )
    assert len(fig.to_json()) < 150_000
