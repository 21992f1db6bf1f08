"""lesson_math.py: lesson math against independent references, and what each lesson shows."""

import math

import numpy as np
import pytest

from logreg_core import lesson_math as L
from logreg_core import make_dataset
from logreg_core.model import accuracy, cost, hessian, propagate, sigmoid
from logreg_core.train import train


def reference_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


@pytest.fixture(scope="module")
def one_feature():
    """The lessons' one-feature data: y = 0 around −0.5, y = 1 around 1.5, noise 2."""
    ds = make_dataset("one_feature", 40, noise=2.0, seed=0)
    return ds.X, ds.Y


@pytest.fixture(scope="module")
def two_features():
    ds = make_dataset("gauss", 120, seed=1)
    return ds.X, ds.Y


# ----------------------------------------------------------------------------
# lessons 1 and 2
# ----------------------------------------------------------------------------


def test_model_curve_is_sigma_of_wx_plus_b():
    x = np.linspace(-4, 4, 9)
    z, a = L.model_curve(1.5, -0.5, x)
    np.testing.assert_allclose(z, 1.5 * x - 0.5, rtol=1e-15)
    np.testing.assert_allclose(a, reference_sigmoid(1.5 * x - 0.5), rtol=1e-14)


def test_decision_point_is_where_a_is_one_half():
    x0 = L.decision_point(2.0, 3.0)
    assert x0 == -1.5
    assert L.model_curve(2.0, 3.0, [x0])[1][0] == 0.5
    assert L.decision_point(0.0, 1.0) is None


def test_fit_of_matches_cost_and_a_count_of_correct_examples(two_features):
    X, Y = two_features
    w, b = [0.7, -0.2], 0.3
    J, acc = L.fit_of(X, Y, w, b=b)
    a = reference_sigmoid(0.7 * X[0] - 0.2 * X[1] + 0.3)
    y = Y[0]
    assert J == pytest.approx(-np.mean(y * np.log(a) + (1 - y) * np.log(1 - a)), rel=1e-12)
    assert acc == np.mean((a >= 0.5) == (y == 1))


def test_sigmoid_slope_is_the_derivative_of_sigma():
    z = np.linspace(-8, 8, 33)
    exact = np.exp(-z) / (1.0 + np.exp(-z)) ** 2  # d/dz (1 + e^(−z))^(−1)
    np.testing.assert_allclose(L.sigmoid_slope(z), exact, rtol=1e-12)
    h, zs = 1e-6, np.linspace(-3, 3, 13)
    numeric = (reference_sigmoid(zs + h) - reference_sigmoid(zs - h)) / (2 * h)
    np.testing.assert_allclose(L.sigmoid_slope(zs), numeric, rtol=1e-8)
    assert L.sigmoid_slope(0.0) == 0.25
    assert L.sigmoid_slope(40.0) < 1e-17


def test_logit_inverts_the_sigmoid():
    a = np.array([1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-9])
    np.testing.assert_allclose(sigmoid(L.logit(a)), a, rtol=1e-9)
    assert L.logit(0.5) == 0.0
    assert L.logit(0.75) == pytest.approx(math.log(3.0), rel=1e-15)


@pytest.mark.parametrize("bad", [0.0, 1.0, -0.1, 1.5, float("nan")])
def test_logit_rejects_values_outside_0_1(bad):
    with pytest.raises(ValueError, match="a must be strictly between 0 and 1"):
        L.logit(bad)


def test_saturation_bound_is_where_the_slope_drops_below_the_threshold():
    z = L.saturation_bound(slope=0.01)
    r = math.sqrt(1 - 4 * 0.01)
    assert z == pytest.approx(math.log((1 + r) / (1 - r)), rel=1e-12)  # ≈ 4.585
    assert L.sigmoid_slope(z) == pytest.approx(0.01, rel=1e-12)
    assert L.sigmoid_slope(-z) == pytest.approx(0.01, rel=1e-12)


@pytest.mark.parametrize("bad", [0.0, 0.25, -1.0, "x"])
def test_saturation_bound_rejects_bad_slopes(bad):
    with pytest.raises(ValueError, match="slope must"):
        L.saturation_bound(slope=bad)


# ----------------------------------------------------------------------------
# lesson 3
# ----------------------------------------------------------------------------


def test_loss_of_a_is_minus_log_of_the_right_probability():
    a = np.linspace(0.001, 0.999, 50)
    np.testing.assert_allclose(L.loss_of_a(a, 1), -np.log(a), rtol=1e-10)
    np.testing.assert_allclose(L.loss_of_a(a, 0), -np.log1p(-a), rtol=1e-10)


def test_loss_of_a_rejects_a_label_that_is_not_0_or_1():
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        L.loss_of_a(0.5, 2)


def test_squared_error_and_its_push_on_z():
    assert L.squared_error(0.25, 1) == 0.5625
    z = np.linspace(-6, 6, 25)
    h = 1e-6
    for y in (0, 1):
        numeric = (
            L.squared_error(reference_sigmoid(z + h), y)
            - L.squared_error(reference_sigmoid(z - h), y)
        ) / (2 * h)
        np.testing.assert_allclose(L.squared_error_dz(z, y), numeric, rtol=1e-6, atol=1e-12)


def test_push_on_z_cross_entropy_keeps_pushing_when_squared_error_fades():
    ce, se = L.push_on_z(0.001, 1)  # confidently wrong
    assert ce == pytest.approx(0.001 - 1, rel=1e-12)
    assert se == pytest.approx(2 * (0.001 - 1) * 0.001 * 0.999, rel=1e-9)
    assert abs(ce) > 400 * abs(se)
    assert L.push_on_z(0.3, 0) == pytest.approx((0.3, 2 * 0.3 * 0.3 * 0.7))
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        L.push_on_z(0.3, 0.5)


# ----------------------------------------------------------------------------
# lesson 4
# ----------------------------------------------------------------------------


def test_cost_curve_equals_cost_at_each_weight(one_feature):
    X, Y = one_feature
    w = np.linspace(-3, 3, 13)
    expected = [cost(np.array([[v]]), 0.5, X, Y) for v in w]
    np.testing.assert_allclose(L.cost_curve(X, Y, w, b=0.5), expected, rtol=1e-12)


def test_squared_error_costs_against_a_plain_loop(two_features):
    X, Y = two_features
    W = np.array([[0.0, 1.0, -2.0], [0.5, 0.0, 3.0]])
    expected = [np.mean((reference_sigmoid(W[:, k] @ X + 0.2) - Y[0]) ** 2) for k in range(3)]
    np.testing.assert_allclose(L.squared_error_costs(W, 0.2, X, Y), expected, rtol=1e-12)


def test_squared_error_costs_in_blocks_match_one_go():
    X, Y = make_dataset("gauss", 3000, seed=2).X, make_dataset("gauss", 3000, seed=2).Y
    W = np.random.default_rng(0).normal(size=(2, 200))  # 200 · 3000 > one block
    whole = [np.mean((reference_sigmoid(W[:, k] @ X) - Y[0]) ** 2) for k in range(200)]
    np.testing.assert_allclose(L.squared_error_costs(W, 0.0, X, Y), whole, rtol=1e-12)


def test_squared_error_surface_rows_follow_grid2(two_features):
    X, Y = two_features
    g1, g2 = np.linspace(-2, 2, 5), np.linspace(-1, 1, 3)
    S = L.squared_error_surface(X, Y, g1, g2, b=0.1)
    assert S.shape == (3, 5)
    assert S[2, 0] == pytest.approx(L.squared_error_costs([[-2.0], [1.0]], 0.1, X, Y)[0])


def test_squared_error_slope_matches_finite_differences(one_feature):
    X, Y = one_feature
    h = 1e-6
    for w in (-4.0, 0.0, 1.0, 3.0):
        up, down = L.squared_error_curve(X, Y, [w + h, w - h], b=0.3)
        assert L.squared_error_slope(X, Y, w, b=0.3) == pytest.approx(
            (up - down) / (2 * h), rel=1e-5, abs=1e-10
        )


def test_costs_at_agrees_with_the_curves_and_propagate(one_feature):
    X, Y = one_feature
    at = L.costs_at(X, Y, -4.0, b=0.0)
    grads, J = propagate(np.array([[-4.0]]), 0.0, X, Y)
    assert at["J"] == J and at["dJ"] == grads["dw"][0, 0]
    assert at["J_se"] == pytest.approx(L.squared_error_curve(X, Y, [-4.0], b=0.0)[0], rel=1e-15)
    # far from the minimum, cross-entropy pulls much harder than the squared error
    assert abs(at["dJ"]) > 50 * abs(at["dJ_se"])


@pytest.mark.parametrize("b", [-1.0, 0.0, 1.0])
def test_cross_entropy_is_convex_and_squared_error_is_not(one_feature, b):
    X, Y = one_feature
    w = np.linspace(-6, 6, 241)
    ce = L.convexity(w, L.cost_curve(X, Y, w, b=b))
    se = L.convexity(w, L.squared_error_curve(X, Y, w, b=b))
    assert ce.convex and len(ce.minima) == 1 and not ce.concave and not ce.flat
    assert np.all(np.diff(L.cost_curve(X, Y, w, b=b), 2) >= -1e-12)
    assert not se.convex and se.concave
    assert len(se.minima) > 1 or se.flat  # the article's third point: flat or several dips


def test_convexity_of_known_curves():
    w = np.linspace(-2, 2, 81)
    bowl = L.convexity(w, w**2)
    assert bowl.convex and bowl.minima == (pytest.approx(0.0, abs=1e-12),) and not bowl.flat
    line = L.convexity(w, 3 * w + 1)
    assert line.convex and not line.minima
    wave = L.convexity(np.linspace(0, 4 * np.pi, 401), np.cos(np.linspace(0, 4 * np.pi, 401)))
    assert not wave.convex and len(wave.minima) == 2
    plateau = L.convexity(w, 1 - np.exp(-4 * w**2))  # a dip in a flat plain
    assert plateau.flat and plateau.flat[0][0] == pytest.approx(-1.95)


@pytest.mark.parametrize(
    "args,kwargs,match",
    [
        (([0, 1], [0, 1]), {}, "J must be finite"),
        (([0, 1, 2], [0, np.nan, 1]), {}, "J must be finite"),
        (([2, 1, 0], [0, 1, 2]), {}, "w_grid must be increasing"),
        (([0, 1, 2], [0, 1, 2]), {"flat_share": 0}, "flat_share must be > 0"),
    ],
)
def test_convexity_rejects_bad_input(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        L.convexity(*args, **kwargs)


def test_curves_reject_data_of_the_wrong_shape(two_features):
    X, Y = two_features
    with pytest.raises(ValueError, match="X must have 1 feature row"):
        L.cost_curve(X, Y, [0.0], b=0.0)
    with pytest.raises(ValueError, match="Y must have shape"):
        L.cost_curve(X[:1], Y[:, :5], [0.0], b=0.0)
    with pytest.raises(ValueError, match="w_grid must be a non-empty"):
        L.cost_curve(X[:1], Y, [], b=0.0)
    with pytest.raises(ValueError, match="b must be finite"):
        L.cost_curve(X[:1], Y, [0.0], b=np.inf)
    with pytest.raises(ValueError, match="W must have shape"):
        L.squared_error_costs(np.zeros((3, 2)), 0.0, X, Y)


# ----------------------------------------------------------------------------
# lesson 5
# ----------------------------------------------------------------------------


def test_descent_moves_right_when_the_slope_is_negative(one_feature):
    X, Y = one_feature
    path = L.descend_1d(X, Y, -1.5, b=0.0, learning_rate=0.3, steps=5)
    assert path.slope[0] < 0 and np.all(np.diff(path.w) > 0)


def test_descent_moves_left_when_the_slope_is_positive(one_feature):
    X, Y = one_feature
    path = L.descend_1d(X, Y, 4.0, b=0.0, learning_rate=0.3, steps=5)
    assert path.slope[0] > 0 and np.all(np.diff(path.w) < 0)


def test_each_step_is_w_minus_alpha_times_the_finite_difference_slope(one_feature):
    X, Y = one_feature
    path = L.descend_1d(X, Y, 2.5, b=0.4, learning_rate=0.7, steps=3)
    h = 1e-6
    for t in range(3):
        w = path.w[t]
        numeric = (cost(np.array([[w + h]]), 0.4, X, Y) - cost(np.array([[w - h]]), 0.4, X, Y)) / (
            2 * h
        )
        assert path.slope[t] == pytest.approx(numeric, rel=1e-6)
        assert path.w[t + 1] == pytest.approx(w - 0.7 * numeric, rel=1e-6)
        assert path.cost[t] == cost(np.array([[w]]), 0.4, X, Y)
    assert path.next_w == path.w[-1] - 0.7 * path.slope[-1]


def test_a_small_alpha_never_raises_J_and_reaches_the_minimum(one_feature):
    X, Y = one_feature
    grid = np.linspace(-3, 5, 8001)
    w_star = grid[np.argmin(L.cost_curve(X, Y, grid, b=0.0))]
    for w0 in (-1.5, 4.0):
        path = L.descend_1d(X, Y, w0, b=0.0, learning_rate=1.0, steps=300)
        assert np.all(np.diff(path.cost) <= 1e-15)
        assert path.w[-1] == pytest.approx(w_star, abs=2e-3)
        assert path.verdict == "converging"


def test_a_too_large_alpha_overshoots_then_diverges(one_feature):
    X, Y = one_feature
    over = L.descend_1d(X, Y, -1.5, b=0.0, learning_rate=3.0, steps=10)
    assert over.w[1] > 1.5  # jumped past the minimum (near w = 1)
    assert np.sign(over.slope[1]) != np.sign(over.slope[0])
    assert np.all(np.diff(over.cost) <= 0) and over.verdict == "overshooting"
    wild = L.descend_1d(X, Y, 4.0, b=0.0, learning_rate=30.0, steps=10)
    assert np.any(np.diff(wild.cost) > 0) and wild.verdict == "diverging"
    assert wild.cost[-1] > over.cost[-1] + 1.0  # J far above the minimum


def test_descent_verdict_before_any_step(one_feature):
    X, Y = one_feature
    path = L.descend_1d(X, Y, 0.0, b=0.0, learning_rate=1.0, steps=0)
    assert path.steps == 0 and path.verdict == "start" and path.w.shape == (1,)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"learning_rate": 0.0}, "learning_rate must be > 0"),
        ({"learning_rate": "fast"}, "learning_rate must be a number"),
        ({"steps": -1}, "steps must be a whole number"),
        ({"steps": True}, "steps must be a whole number"),
        ({"steps": 2.5}, "steps must be a whole number"),
        ({"steps": 10_001}, "steps must be a whole number"),
        ({"b": math.nan}, "b must be finite"),
    ],
)
def test_descent_rejects_bad_options(one_feature, kwargs, match):
    X, Y = one_feature
    options = {"b": 0.0, "learning_rate": 1.0, "steps": 3, **kwargs}
    with pytest.raises(ValueError, match=match):
        L.descend_1d(X, Y, 0.0, **options)


def test_tangent_line_touches_at_w0_with_the_given_slope():
    w, J = L.tangent_line(1.0, 2.0, -0.5, half_width=2.0)
    np.testing.assert_allclose(w, [-1.0, 3.0])
    np.testing.assert_allclose(J, [3.0, 1.0])
    with pytest.raises(ValueError, match="half_width must be > 0"):
        L.tangent_line(1.0, 2.0, -0.5, half_width=0.0)


# ----------------------------------------------------------------------------
# lesson 6
# ----------------------------------------------------------------------------


def test_chain_rule_with_numbers_matches_finite_differences():
    x, w, b, y = [1.0, 2.0], [0.5, -0.3], 0.1, 1
    c = L.chain_rule(x, w, b, y)
    z = 0.5 * 1.0 - 0.3 * 2.0 + 0.1
    a = reference_sigmoid(z)
    assert c.z == pytest.approx(z, rel=1e-15) and c.a == pytest.approx(a, rel=1e-15)
    assert c.loss == pytest.approx(-math.log(a), rel=1e-14)
    assert c.da == pytest.approx(-1 / a, rel=1e-14)
    assert c.dadz == pytest.approx(a * (1 - a), rel=1e-14)
    assert c.dz_chain == pytest.approx(c.dz, rel=1e-14) and c.dz == pytest.approx(a - 1)

    def L_of(w1, w2, bb):
        return L.chain_rule(x, [w1, w2], bb, y).loss

    h = 1e-6
    assert c.dw[0] == pytest.approx((L_of(0.5 + h, -0.3, b) - L_of(0.5 - h, -0.3, b)) / (2 * h))
    assert c.dw[1] == pytest.approx((L_of(0.5, -0.3 + h, b) - L_of(0.5, -0.3 - h, b)) / (2 * h))
    assert c.db == pytest.approx((L_of(0.5, -0.3, b + h) - L_of(0.5, -0.3, b - h)) / (2 * h))


def test_chain_rule_for_y_0_and_bad_input():
    c = L.chain_rule([2.0, -1.0], [1.0, 1.0], 0.0, 0)
    a = reference_sigmoid(1.0)
    assert c.da == pytest.approx(1 / (1 - a)) and c.dz == pytest.approx(a)
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        L.chain_rule([1.0, 2.0], [1.0, 1.0], 0.0, 3)
    with pytest.raises(ValueError, match="x and w must be finite and the same length"):
        L.chain_rule([1.0, 2.0, 3.0], [1.0, 1.0], 0.0, 1)


# ----------------------------------------------------------------------------
# lesson 7
# ----------------------------------------------------------------------------


def test_loop_equals_vectorized_to_1e_12(two_features):
    X, Y = two_features
    r = L.compare_loop_vectorized([0.5, -0.3], 0.1, X, Y, repeats=2, budget=0.2)
    (g1, J1), (g2, J2) = r.loop, r.vectorized
    assert r.max_abs_diff <= 1e-12
    assert abs(J1 - J2) <= 1e-12 and abs(g1["db"] - g2["db"]) <= 1e-12
    np.testing.assert_allclose(g1["dw"], g2["dw"], rtol=0, atol=1e-12)
    grads, J = propagate(np.array([[0.5], [-0.3]]), 0.1, X, Y)
    assert J2 == J and np.array_equal(g2["dw"], grads["dw"])
    assert r.loop_seconds > 0 and r.vectorized_seconds > 0 and r.speedup > 0


def test_best_time_keeps_the_shortest_and_respects_repeats():
    calls = []
    t = L.best_time(lambda: calls.append(1), repeats=3, budget=10.0)
    assert len(calls) == 3 and 0 <= t < 0.1
    calls.clear()
    L.best_time(lambda: calls.append(1), repeats=50, budget=0.0)
    assert len(calls) == 1  # the budget is spent after the first call
    with pytest.raises(ValueError, match="repeats must be a whole number"):
        L.best_time(lambda: None, repeats=0)


def test_compare_rejects_weights_of_the_wrong_length(two_features):
    X, Y = two_features
    with pytest.raises(ValueError, match="w must hold 2 weights"):
        L.compare_loop_vectorized([1.0], 0.0, X, Y)


# ----------------------------------------------------------------------------
# lesson 8
# ----------------------------------------------------------------------------


def test_milestones_read_the_history_at_round_counts(two_features):
    X, Y = two_features
    h = train(X, Y, learning_rate=0.5, num_iterations=2000)
    ms = L.milestones(h, [0, 10, 1000, 10_000])
    assert ms.steps.tolist() == [0, 10, 1000]  # 10,000 is beyond the run
    assert ms.recorded.tolist() == [0, 10, 1000]
    for k, s in enumerate(ms.steps):
        i = h.index_of(int(s))
        assert ms.cost[k] == h.cost[i] and ms.accuracy[k] == h.accuracy[i]
        assert ms.norm_w[k] == pytest.approx(np.linalg.norm(h.w[i]))
    empty = L.milestones(h, [5000])
    assert empty.steps.size == 0 and empty.cost.size == 0


def test_best_accuracy_step_is_the_first_record_at_the_best_accuracy(two_features):
    X, Y = two_features
    h = train(X, Y, learning_rate=0.5, num_iterations=300)
    step = L.best_accuracy_step(h)
    i = h.index_of(step)
    assert h.accuracy[i] == h.accuracy.max() and np.all(h.accuracy[:i] < h.accuracy.max())
    w = h.w[i].reshape(-1, 1)
    assert accuracy(w.T @ X + h.b[i], Y) == h.accuracy.max()


# ----------------------------------------------------------------------------
# numbers on screen
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value,digits,text",
    [
        (0.123456, 4, "0.1235"),
        (-3.14159, 4, "-3.142"),
        (12345.6, 4, "12,346"),
        (1_000_000, 4, "1,000,000"),
        (1000, 4, "1000"),
        (-0.0, 4, "0"),
        (2.5e-7, 4, "2.5e-07"),
        (float("nan"), 4, "—"),
        (float("inf"), 4, "—"),
        (0.675120877540372, 15, "0.675120877540372"),
    ],
)
def test_fmt(value, digits, text):
    assert L.fmt(value, digits) == text


# ----------------------------------------------------------------------------
# does J have a lowest point?  (lesson 4 and the Train page)
# ----------------------------------------------------------------------------


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


def test_separation_finds_the_minimum_of_overlapping_classes(one_feature, two_features):
    for X, Y in (one_feature, two_features):
        s = L.separation(X, Y)
        assert s.verdict == "minimum"
        w_ref, b_ref = newton_reference(X, Y)
        np.testing.assert_allclose(s.w, w_ref, atol=1e-8)
        assert s.b == pytest.approx(b_ref, abs=1e-8)
        assert s.cost == pytest.approx(cost(s.w.reshape(-1, 1), s.b, X, Y), rel=1e-12)
        # the lowest point: J is higher a little way off in every direction
        for d in np.eye(X.shape[0] + 1):
            for h in (1e-3, -1e-3):
                moved = cost((s.w + h * d[:-1]).reshape(-1, 1), s.b + h * d[-1], X, Y)
                assert moved > s.cost


def test_separation_finds_a_separating_line_and_j_keeps_falling_along_it():
    ds = make_dataset("linear", 200, seed=0)
    s = L.separation(ds.X, ds.Y)
    assert s.verdict == "separable"
    z = s.w @ ds.X + s.b
    assert np.all((2 * ds.Y[0] - 1) * z > 0)  # every example on its own side
    t = np.linspace(0, 50, 101)
    J = L.cost_along(ds.X, ds.Y, s.w, s.b, t)
    assert J[0] == pytest.approx(math.log(2)) and np.all(np.diff(J) < 0) and J[-1] < 1e-3
    assert J[-1] > 0  # falls towards 0 without reaching it: no lowest point


def test_separation_will_not_call_a_boundary_through_both_classes_a_minimum():
    # x = 1 holds one example of each class: J falls towards 2 ln 2 / 4 without reaching it
    X, Y = np.array([[0.0, 1.0, 1.0, 2.0]]), np.array([[0, 0, 1, 1]])
    s = L.separation(X, Y)
    assert s.verdict == "undecided" and s.cost > math.log(2) / 2
    # the same points with identical labels on both sides of 0.5: a true minimum at w = 0
    X, Y = np.array([[0.0, 0.0, 1.0, 1.0]]), np.array([[0, 1, 0, 1]])
    assert L.separation(X, Y).verdict == "minimum"


def test_cost_along_a_minimiser_is_lowest_at_t_1(two_features):
    X, Y = two_features
    s = L.separation(X, Y)
    t = np.linspace(0, 3, 301)
    J = L.cost_along(X, Y, s.w, s.b, t)
    assert t[np.argmin(J)] == pytest.approx(1.0)
    assert J[100] == pytest.approx(s.cost, rel=1e-12)
    with pytest.raises(ValueError, match="w must hold 2 finite weights"):
        L.cost_along(X, Y, [1.0], 0.0, t)
    with pytest.raises(ValueError, match="max_iter must be a whole number"):
        L.separation(X, Y, max_iter=0)


# ----------------------------------------------------------------------------
# a data set on which the squared error has two dips (lesson 4)
# ----------------------------------------------------------------------------


def test_the_trap_data_gives_the_squared_error_two_dips_and_cross_entropy_one():
    X, Y = L.TRAP_X, L.TRAP_Y
    w = np.linspace(-6, 6, 1201)
    se = L.convexity(w, L.squared_error_curve(X, Y, w, b=0.0))
    ce = L.convexity(w, L.cost_curve(X, Y, w, b=0.0))
    assert len(se.minima) == 2 and len(ce.minima) == 1 and ce.convex
    # the two dips are apart, and a ridge stands between them
    lo, hi = se.minima
    assert hi - lo > 3
    J = L.squared_error_curve(X, Y, w, b=0.0)
    between = J[(w > lo) & (w < hi)].max()
    assert between - max(L.squared_error_curve(X, Y, [lo, hi], b=0.0)) > 0.05
    assert L.separation(X, Y).verdict == "minimum"


def test_descent_on_the_squared_error_ends_in_two_places_and_on_cross_entropy_in_one():
    X, Y = L.TRAP_X, L.TRAP_Y
    ends = {}
    for loss in ("se", "ce"):
        for w0 in (-2.5, 2.0):
            d = L.descend_1d(X, Y, w0, b=0.0, learning_rate=1.0, steps=1000, loss=loss)
            assert d.verdict in ("converging", "overshooting")  # J fell at every step
            assert abs(d.slope[-1]) < 1e-4  # it settled where the slope is (nearly) 0
            ends[loss, w0] = d.w[-1]
    assert abs(ends["se", -2.5] - ends["se", 2.0]) > 3
    assert ends["ce", -2.5] == pytest.approx(ends["ce", 2.0], abs=1e-6)
    # the squared-error slopes are the finite differences of its cost
    d = L.descend_1d(X, Y, 1.0, b=0.0, learning_rate=1.0, steps=1, loss="se")
    h = 1e-6
    J = L.squared_error_curve(X, Y, [1.0 - h, 1.0 + h], b=0.0)
    assert d.slope[0] == pytest.approx((J[1] - J[0]) / (2 * h), rel=1e-6)
    assert d.w[1] == pytest.approx(1.0 - d.slope[0])
    with pytest.raises(ValueError, match="loss must be one of"):
        L.descend_1d(X, Y, 1.0, b=0.0, learning_rate=1.0, steps=1, loss="mse")


@pytest.mark.parametrize(
    "call,match",
    [
        (lambda X, Y: L.fit_of(X, Y, [1.0], b=0.0), "w must hold 2 finite weights"),
        (lambda X, Y: L.fit_of(X, Y, [1.0, np.nan], b=0.0), "w must hold 2 finite weights"),
        (lambda X, Y: L.fit_of(X[0], Y, [1.0, 1.0], b=0.0), r"X must have shape \(n, m\)"),
        (lambda X, Y: L.fit_of(X, Y, [1.0, 1.0], b="b"), "b must be a number"),
        (lambda X, Y: L.model_curve(1.0, 0.0, [[0.0, 1.0]]), "x must be a non-empty 1-D"),
        (lambda X, Y: L.decision_point(np.inf, 0.0), "w must be finite"),
        (lambda X, Y: L.squared_error_surface(X[:1], Y, [0.0], [0.0], b=0.0), "2 feature row"),
        (lambda X, Y: L.costs_at(X, Y, 1.0, b=0.0), "1 feature row"),
        (lambda X, Y: L.best_time(lambda: None, budget=np.nan), "budget must be finite"),
        (lambda X, Y: L.push_on_z(1.0, 1), "a must be strictly between 0 and 1"),
    ],
)
def test_bad_input_is_named(two_features, call, match):
    X, Y = two_features
    with pytest.raises(ValueError, match=match):
        call(X, Y)


# ----------------------------------------------------------------------------
# lesson 5: the curvature limits on α
# ----------------------------------------------------------------------------


def _minimum_1d(X, Y):
    return float(L.descend_1d(X, Y, 0.0, b=0.0, learning_rate=1.0, steps=400).w[-1])


def test_step_limits_in_one_dimension_are_the_second_derivative(one_feature):
    """Over w alone, λ = J''(w), checked by central differences of J'(w)."""
    X, Y = one_feature
    for w in (-1.5, 0.7, 4.0):
        lim = L.step_limits(X, w, b=0.0, with_bias=False)
        h = 1e-5
        slope = [float(propagate(np.array([[w + s]]), 0.0, X, Y)[0]["dw"][0, 0]) for s in (h, -h)]
        assert lim.curvature == pytest.approx((slope[0] - slope[1]) / (2 * h), rel=1e-6)
        assert lim.zigzag == pytest.approx(1 / lim.curvature) and lim.diverge == 2 * lim.zigzag
        assert not lim.with_bias


def test_the_verdicts_change_at_the_limits_on_the_lessons_data(one_feature):
    """Near the minimum: below 1/λ converging, between 1/λ and 2/λ zigzag, above 2/λ diverging."""
    X, Y = one_feature
    w_min = _minimum_1d(X, Y)
    lim = L.step_limits(X, w_min, b=0.0, with_bias=False)

    def verdict(alpha):
        return L.descend_1d(X, Y, w_min + 0.05, b=0.0, learning_rate=alpha, steps=30).verdict

    assert verdict(0.9 * lim.zigzag) == "converging"
    assert verdict(1.1 * lim.zigzag) == "overshooting"
    assert verdict(0.95 * lim.diverge) == "overshooting"
    assert verdict(1.05 * lim.diverge) == "diverging"


def test_the_limit_over_w_and_b_decides_whether_train_diverges(two_features):
    """2/λ_max over (w, b) at the optimum: train converges just below it and diverges above."""
    X, Y = two_features
    w, b = np.zeros((2, 1)), 0.0
    for _ in range(30):  # Newton's method to the optimum
        g, _ = propagate(w, b, X, Y)
        step = np.linalg.solve(hessian(w, b, X), np.append(g["dw"][:, 0], g["db"]))
        w, b = w - step[:2].reshape(2, 1), b - float(step[2])
    lim = L.step_limits(X, w, b=b)
    assert lim.with_bias
    full = np.vstack([X, np.ones((1, X.shape[1]))])
    a = sigmoid(w.T @ X + b)
    reference = np.linalg.eigvalsh((full * (a * (1 - a))) @ full.T / X.shape[1])[-1]
    assert lim.curvature == pytest.approx(reference, rel=1e-12)
    start = {"w0": w + 0.05, "b0": b + 0.05, "num_iterations": 2000}
    assert train(X, Y, learning_rate=0.9 * lim.diverge, **start).stop_reason == "max_iterations"
    assert train(X, Y, learning_rate=1.1 * lim.diverge, **start).stop_reason == "diverged"


def test_step_limits_refuse_bad_input(one_feature):
    X, _ = one_feature
    with pytest.raises(ValueError, match=r"w must be 1 finite weights, got \[nan\]"):
        L.step_limits(X, float("nan"), b=0.0)
    with pytest.raises(ValueError, match=r"b must be finite, got inf"):
        L.step_limits(X, 0.0, b=math.inf)
    with pytest.raises(ValueError, match=r"X must have shape \(n, m\) with m ≥ 1, got \(1, 0\)"):
        L.step_limits(np.zeros((1, 0)), 0.0, b=0.0)


# ----------------------------------------------------------------------------
# lesson 7: the loop example by example
# ----------------------------------------------------------------------------


def test_loop_steps_sum_divided_by_m_is_the_vectorized_gradient(two_features):
    X, Y = two_features
    w, b = np.array([[0.5], [-0.3]]), 0.1
    steps = L.loop_steps(w, b, X, Y, learning_rate=0.5)
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
    with pytest.raises(ValueError, match=r"w must be 2 finite weights, got \[0.0\]"):
        L.loop_steps([0.0], 0.0, X, Y, learning_rate=1.0)
    with pytest.raises(ValueError, match=r"learning_rate must be > 0, got 0"):
        L.loop_steps([0.0, 0.0], 0.0, X, Y, learning_rate=0)
