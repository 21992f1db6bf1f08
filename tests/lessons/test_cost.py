"""Lesson 4 · cost and convexity, the trap data, whether J has a lowest point, the figures."""

import math

import numpy as np
import plotly.graph_objects as go
import pytest

import logreg_core.model
from logreg_core import make_dataset
from logreg_core.lessons import cost
from logreg_core.model import propagate
from tests.lessons.figures import assert_finite_json, reference_sigmoid
from tests.words import LESSONS


def newton_reference(X, Y, iterations=60):
    """(w, b) by plain Newton steps on J, written independently of the engine."""
    n, m = X.shape
    Xa = np.vstack([X, np.ones((1, m))])
    theta = np.zeros(n + 1)
    for _ in range(iterations):
        a = reference_sigmoid(theta @ Xa)
        H = (Xa * (a * (1 - a))) @ Xa.T / m
        theta -= np.linalg.solve(H, Xa @ (a - Y[0]) / m)
    return theta[:n], theta[n]


def test_cost_curve_equals_cost_at_each_weight(one_feature):
    X, Y = one_feature
    w = np.linspace(-3, 3, 13)
    expected = [logreg_core.model.cost(np.array([[v]]), 0.5, X, Y) for v in w]
    np.testing.assert_allclose(cost.cost_curve(X, Y, w, b=0.5), expected, rtol=1e-12)


def test_squared_error_costs_against_a_plain_loop(two_features):
    X, Y = two_features
    W = np.array([[0.0, 1.0, -2.0], [0.5, 0.0, 3.0]])
    expected = [np.mean((reference_sigmoid(W[:, k] @ X + 0.2) - Y[0]) ** 2) for k in range(3)]
    np.testing.assert_allclose(cost.squared_error_costs(W, 0.2, X, Y), expected, rtol=1e-12)


def test_squared_error_costs_in_blocks_match_one_go():
    X, Y = make_dataset("gauss", 3000, seed=2).X, make_dataset("gauss", 3000, seed=2).Y
    W = np.random.default_rng(0).normal(size=(2, 200))  # 200 · 3000 > one block
    whole = [np.mean((reference_sigmoid(W[:, k] @ X) - Y[0]) ** 2) for k in range(200)]
    np.testing.assert_allclose(cost.squared_error_costs(W, 0.0, X, Y), whole, rtol=1e-12)


def test_squared_error_surface_rows_follow_grid2(two_features):
    X, Y = two_features
    g1, g2 = np.linspace(-2, 2, 5), np.linspace(-1, 1, 3)
    S = cost.squared_error_surface(X, Y, g1, g2, b=0.1)
    assert S.shape == (3, 5)
    assert S[2, 0] == pytest.approx(cost.squared_error_costs([[-2.0], [1.0]], 0.1, X, Y)[0])


def test_squared_error_slope_matches_finite_differences(one_feature):
    X, Y = one_feature
    h = 1e-6
    for w in (-4.0, 0.0, 1.0, 3.0):
        up, down = cost.squared_error_curve(X, Y, [w + h, w - h], b=0.3)
        assert cost.squared_error_slope(X, Y, w, b=0.3) == pytest.approx(
            (up - down) / (2 * h), rel=1e-5, abs=1e-10
        )


def test_costs_at_agrees_with_the_curves_and_propagate(one_feature):
    X, Y = one_feature
    at = cost.costs_at(X, Y, -4.0, b=0.0)
    grads, J = propagate(np.array([[-4.0]]), 0.0, X, Y)
    assert at["J"] == J and at["dJ"] == grads["dw"][0, 0]
    assert at["J_se"] == pytest.approx(cost.squared_error_curve(X, Y, [-4.0], b=0.0)[0], rel=1e-15)
    # far from the minimum, cross-entropy pulls much harder than the squared error
    assert abs(at["dJ"]) > 50 * abs(at["dJ_se"])


@pytest.mark.parametrize("b", [-1.0, 0.0, 1.0])
def test_cross_entropy_is_convex_and_squared_error_is_not(one_feature, b):
    X, Y = one_feature
    w = np.linspace(-6, 6, 241)
    ce = cost.convexity(w, cost.cost_curve(X, Y, w, b=b))
    se = cost.convexity(w, cost.squared_error_curve(X, Y, w, b=b))
    assert ce.convex and len(ce.minima) == 1 and not ce.concave and not ce.flat
    assert np.all(np.diff(cost.cost_curve(X, Y, w, b=b), 2) >= -1e-12)
    assert not se.convex and se.concave
    assert len(se.minima) > 1 or se.flat  # the article's third point: flat or several dips


def test_convexity_of_known_curves():
    w = np.linspace(-2, 2, 81)
    bowl = cost.convexity(w, w**2)
    assert bowl.convex and bowl.minima == (pytest.approx(0.0, abs=1e-12),) and not bowl.flat
    line = cost.convexity(w, 3 * w + 1)
    assert line.convex and not line.minima
    wave = cost.convexity(np.linspace(0, 4 * np.pi, 401), np.cos(np.linspace(0, 4 * np.pi, 401)))
    assert not wave.convex and len(wave.minima) == 2
    plateau = cost.convexity(w, 1 - np.exp(-4 * w**2))  # a dip in a flat plain
    assert plateau.flat and plateau.flat[0][0] == pytest.approx(-1.95)


@pytest.mark.parametrize(
    "args,kwargs,match",
    [
        (([0, 1], [0, 1]), {}, "J must be finite"),
        (([0, 1, 2], [0, np.nan, 1]), {}, "J must be finite"),
        (([2, 1, 0], [0, 1, 2]), {}, "w_grid must be increasing"),
        (([0, 1, 2], [0, 1, 2]), {"flat_share": 0}, "flat_share must be a finite number > 0"),
    ],
)
def test_convexity_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        cost.convexity(*args, **kwargs)


def test_curves_reject_data_of_the_wrong_shape(two_features):
    X, Y = two_features
    with pytest.raises(ValueError, match="X must have 1 feature row"):
        cost.cost_curve(X, Y, [0.0], b=0.0)
    with pytest.raises(ValueError, match="Y must have shape"):
        cost.cost_curve(X[:1], Y[:, :5], [0.0], b=0.0)
    with pytest.raises(ValueError, match="w_grid must be a non-empty"):
        cost.cost_curve(X[:1], Y, [], b=0.0)
    with pytest.raises(ValueError, match="b must be a finite number"):
        cost.cost_curve(X[:1], Y, [0.0], b=np.inf)
    with pytest.raises(ValueError, match="W must have shape"):
        cost.squared_error_costs(np.zeros((3, 2)), 0.0, X, Y)


def test_separation_finds_the_minimum_of_overlapping_classes(one_feature, two_features):
    for X, Y in (one_feature, two_features):
        s = cost.separation(X, Y)
        assert s.verdict == "minimum"
        w_ref, b_ref = newton_reference(X, Y)
        np.testing.assert_allclose(s.w, w_ref, atol=1e-8)
        assert s.b == pytest.approx(b_ref, abs=1e-8)
        assert s.cost == pytest.approx(
            logreg_core.model.cost(s.w.reshape(-1, 1), s.b, X, Y), rel=1e-12
        )
        # the lowest point: J is higher a little way off in every direction
        for d in np.eye(X.shape[0] + 1):
            for h in (1e-3, -1e-3):
                moved = logreg_core.model.cost(
                    (s.w + h * d[:-1]).reshape(-1, 1), s.b + h * d[-1], X, Y
                )
                assert moved > s.cost


def test_separation_finds_a_separating_line_and_j_keeps_falling_along_it():
    ds = make_dataset("linear", 200, seed=0)
    s = cost.separation(ds.X, ds.Y)
    assert s.verdict == "separable"
    z = s.w @ ds.X + s.b
    assert np.all((2 * ds.Y[0] - 1) * z > 0)  # every example on its own side
    t = np.linspace(0, 50, 101)
    J = cost.cost_along(ds.X, ds.Y, s.w, s.b, t)
    assert J[0] == pytest.approx(math.log(2)) and np.all(np.diff(J) < 0) and J[-1] < 1e-3
    assert J[-1] > 0  # falls towards 0 without reaching it: no lowest point


def test_separation_will_not_call_a_boundary_through_both_classes_a_minimum():
    # x = 1 holds one example of each class: J falls towards 2 ln 2 / 4 without reaching it
    X, Y = np.array([[0.0, 1.0, 1.0, 2.0]]), np.array([[0, 0, 1, 1]])
    s = cost.separation(X, Y)
    assert s.verdict == "undecided" and s.cost > math.log(2) / 2
    # the same points with identical labels on both sides of 0.5: a true minimum at w = 0
    X, Y = np.array([[0.0, 0.0, 1.0, 1.0]]), np.array([[0, 1, 0, 1]])
    assert cost.separation(X, Y).verdict == "minimum"


def test_cost_along_a_minimiser_is_lowest_at_t_1(two_features):
    X, Y = two_features
    s = cost.separation(X, Y)
    t = np.linspace(0, 3, 301)
    J = cost.cost_along(X, Y, s.w, s.b, t)
    assert t[np.argmin(J)] == pytest.approx(1.0)
    assert J[100] == pytest.approx(s.cost, rel=1e-12)
    with pytest.raises(ValueError, match="w must hold 2 finite weights"):
        cost.cost_along(X, Y, [1.0], 0.0, t)
    with pytest.raises(ValueError, match="max_iter must be at least 1"):
        cost.separation(X, Y, max_iter=0)


def test_the_trap_data_gives_the_squared_error_two_dips_and_cross_entropy_one():
    X, Y = cost.TRAP_X, cost.TRAP_Y
    w = np.linspace(-6, 6, 1201)
    se = cost.convexity(w, cost.squared_error_curve(X, Y, w, b=0.0))
    ce = cost.convexity(w, cost.cost_curve(X, Y, w, b=0.0))
    assert len(se.minima) == 2 and len(ce.minima) == 1 and ce.convex
    # the two dips are apart, and a ridge stands between them
    lo, hi = se.minima
    assert hi - lo > 3
    J = cost.squared_error_curve(X, Y, w, b=0.0)
    between = J[(w > lo) & (w < hi)].max()
    assert between - max(cost.squared_error_curve(X, Y, [lo, hi], b=0.0)) > 0.05
    assert cost.separation(X, Y).verdict == "minimum"


def test_convexity_figure_draws_descent_paths_from_a_hollow_start_to_a_filled_end():
    w = np.linspace(-6, 6, 121)
    paths = [(2, [-3.0, -3.5, -3.6], [0.3, 0.25, 0.24]), (1, [2.0, 1.0], [0.5, 0.4])]
    fig = cost.convexity_figure(
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
    fig = cost.ray_figure(
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
    fig = cost.convexity_figure(
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
    fig = cost.bowl_figure(g, g, J, title="J", texts=LESSONS)
    surf = fig.data[0]
    assert isinstance(surf, go.Surface)
    np.testing.assert_allclose(np.asarray(surf.z, dtype=float), J)
    low = fig.data[1]
    assert (low.x[0], low.y[0], low.z[0]) == (1.0, 0.0, 0.0)
    assert len(fig.to_json()) < 20_000


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda X, Y: cost.squared_error_surface(X[:1], Y, [0.0], [0.0], b=0.0), "2 feature row"),
        (lambda X, Y: cost.costs_at(X, Y, 1.0, b=0.0), "1 feature row"),
    ],
)
def test_bad_input_is_named(two_features, call, match):
    X, Y = two_features
    with pytest.raises(ValueError, match=match):
        call(X, Y)


def test_rays_through_a_minimiser_and_along_a_separating_line(one_feature):
    line = make_dataset("linear", 200, seed=0)
    (over, sep), t, J_over, J_sep = cost.rays(one_feature, (line.X, line.Y))
    assert over.verdict == "minimum" and sep.verdict == "separable"
    norm = np.linalg.norm(np.append(over.w, over.b))
    assert t[-1] == pytest.approx(3 * norm) and t[np.argmin(J_over)] == pytest.approx(
        norm, rel=0.02
    )
    assert np.all(np.diff(J_sep) < 0)


def test_compare_costs_is_both_curves_and_their_shapes(one_feature):
    X, Y = one_feature
    w = np.linspace(-6, 6, 121)
    J_ce, J_se, shape_ce, shape_se = cost.compare_costs(X, Y, w, b=0.0)
    np.testing.assert_array_equal(J_ce, cost.cost_curve(X, Y, w, b=0.0))
    np.testing.assert_array_equal(J_se, cost.squared_error_curve(X, Y, w, b=0.0))
    assert shape_ce == cost.convexity(w, J_ce) and shape_se == cost.convexity(w, J_se)


def test_surface_extremes_finds_the_lowest_and_highest_grid_points():
    g1, g2 = np.linspace(-2, 2, 5), np.linspace(-1, 1, 5)
    J = np.add.outer((g2 - 0.5) ** 2, (g1 + 1) ** 2)  # rows follow grid2: lowest at (−1, 0.5)
    ends = cost.surface_extremes(g1, g2, J)
    assert ends["lo_at"] == (-1.0, 0.5) and ends["lo"] == 0.0
    assert ends["hi_at"] == (2.0, -1.0) and ends["hi"] == pytest.approx(9 + 2.25)
    with pytest.raises(ValueError, match=r"J must be finite of shape \(5, 5\)"):
        cost.surface_extremes(g1, g2, J[:3])
    with pytest.raises(ValueError, match="grid1 must be a non-empty"):
        cost.surface_extremes([], g2, J)
