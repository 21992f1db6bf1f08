"""train.py: gradient descent against a Newton (IRLS) optimum, History, stop rules, errors."""

import math

import numpy as np
import pytest

from logreg_core.data import DataError
from logreg_core.model import cost, propagate
from logreg_core.train import (
    ABOVE_START_RUN,
    DIVERGENCE_RUN,
    MAX_ITERATIONS,
    History,
    init_params,
    record_schedule,
    train,
)


def overlapping(m=200, seed=0):
    """Two overlapping Gaussian classes in 2-D: not separable, finite optimum."""
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(np.int64)
    X = rng.normal(size=(2, m)) + np.outer([0.8, -0.4], 2 * Y - 1)
    return X, Y.reshape(1, m)


def newton_optimum(X, Y, iters=50):
    """Iteratively reweighted least squares on θ = (w, b): an independent reference."""
    n, m = X.shape
    Xa = np.vstack([X, np.ones((1, m))])  # (n + 1, m)
    y = Y.reshape(-1).astype(float)
    theta = np.zeros(n + 1)
    for _ in range(iters):
        a = 1 / (1 + np.exp(-(theta @ Xa)))
        grad = Xa @ (a - y) / m
        H = (Xa * (a * (1 - a))) @ Xa.T / m
        theta -= np.linalg.solve(H, grad)
    z = theta @ Xa
    J = np.mean(np.logaddexp(0, z) - y * z)
    return theta[:n].reshape(n, 1), theta[n], J


def test_reaches_the_newton_optimum():
    X, Y = overlapping()
    w_ref, b_ref, J_ref = newton_optimum(X, Y)
    h = train(X, Y, learning_rate=2.0, num_iterations=20_000)
    assert h.cost[-1] == pytest.approx(J_ref, abs=1e-6)
    assert h.cost[-1] >= J_ref - 1e-12  # never below the true minimum
    np.testing.assert_allclose(h.final_w, w_ref, atol=1e-4)
    assert h.final_b == pytest.approx(b_ref, abs=1e-4)


def test_each_step_is_the_articles_update():
    X, Y = overlapping(60, seed=4)
    h = train(X, Y, learning_rate=0.3, num_iterations=5, w0=np.array([[0.2], [-0.1]]), b0=0.05)
    w, b = np.array([[0.2], [-0.1]]), 0.05
    for i in range(6):
        grads, J = propagate(w, b, X, Y)
        assert h.steps[i] == i
        np.testing.assert_allclose(h.w[i], w[:, 0], rtol=1e-13)
        assert h.b[i] == pytest.approx(b, rel=1e-13)
        assert h.cost[i] == pytest.approx(J, rel=1e-13)
        np.testing.assert_allclose(h.dw[i], grads["dw"][:, 0], rtol=1e-12)
        assert h.db[i] == pytest.approx(grads["db"], rel=1e-12)
        acc = np.mean((w.T @ X + b >= 0) == (Y == 1))
        assert h.accuracy[i] == pytest.approx(acc)
        w, b = w - 0.3 * grads["dw"], b - 0.3 * grads["db"]  # simultaneous update


def test_l2_adds_its_term_and_gradient():
    X, Y = overlapping(80, seed=2)
    lam, m = 3.0, 80
    h = train(X, Y, learning_rate=0.5, num_iterations=3, l2=lam, w0=np.array([[1.0], [2.0]]))
    w = h.w[1].reshape(2, 1)
    grads, J = propagate(w, h.b[1], X, Y)
    assert h.cost[1] == pytest.approx(J + lam / (2 * m) * float(np.sum(w**2)), rel=1e-13)
    np.testing.assert_allclose(h.dw[1], (grads["dw"] + lam / m * w)[:, 0], rtol=1e-12)
    # a strong penalty keeps the weights smaller
    free = train(X, Y, learning_rate=0.5, num_iterations=2000)
    tied = train(X, Y, learning_rate=0.5, num_iterations=2000, l2=50.0)
    assert np.linalg.norm(tied.w[-1]) < np.linalg.norm(free.w[-1])


@pytest.mark.filterwarnings("error")
def test_separable_weights_grow_while_cost_falls():
    X = np.array([[-2.0, -1.0, 1.0, 2.0], [0.5, -0.5, 0.3, -0.2]])
    Y = np.array([[0, 0, 1, 1]])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        h = train(X, Y, learning_rate=1.0, num_iterations=20_000)
    norms = np.linalg.norm(h.w, axis=1)
    assert np.all(np.diff(norms) > 0)
    assert np.all(np.diff(h.cost) <= 0)
    assert np.all(np.isfinite(h.cost)) and h.cost[-1] < 1e-3
    assert h.stop_reason == "max_iterations"
    assert h.accuracy[-1] == 1.0


def test_history_shapes_and_ends():
    X, Y = overlapping(50, seed=1)
    w0, b0 = init_params(2, method="random", seed=3, scale=0.5)
    h = train(X, Y, learning_rate=0.1, num_iterations=300, w0=w0, b0=b0)
    assert isinstance(h, History) and len(h) == 301
    k, n = len(h), 2
    assert h.steps.shape == (k,) and h.steps.dtype == np.int64
    assert h.w.shape == (k, n) and h.dw.shape == (k, n)
    for arr in (h.b, h.cost, h.accuracy, h.db):
        assert arr.shape == (k,)
    np.testing.assert_array_equal(h.w[0], w0[:, 0])
    assert h.b[0] == b0 and h.steps[0] == 0 and h.steps[-1] == 300
    assert h.cost[0] == pytest.approx(cost(w0, b0, X, Y))
    with pytest.raises(AttributeError):
        h.stop_reason = "x"  # frozen


def test_million_iterations_keep_a_bounded_history():
    X = np.array([[-1.0, -0.5, 0.4, 1.2]])
    Y = np.array([[0, 1, 0, 1]])
    calls = []
    h = train(
        X,
        Y,
        learning_rate=0.5,
        num_iterations=MAX_ITERATIONS,
        max_records=300,
        on_progress=lambda s, t: calls.append((s, t)),
    )
    assert len(h) <= 300
    assert h.steps[0] == 0 and h.steps[-1] == MAX_ITERATIONS
    assert np.all(np.diff(h.steps) > 0)
    assert np.all(np.diff(h.steps[:50]) == 1)  # early steps dense
    assert 2 <= len(calls) <= 250 and calls[-1] == (MAX_ITERATIONS, MAX_ITERATIONS)


@pytest.mark.parametrize(
    "n_iter,max_records", [(0, 2), (1, 2), (10, 5), (4998, 5000), (10**6, 5000)]
)
def test_record_schedule(n_iter, max_records):
    s = record_schedule(n_iter, max_records)
    assert s[0] == 0 and s.size <= max_records - 1
    assert np.all(np.diff(s) > 0) and s[-1] <= n_iter


def test_stop_converged():
    X, Y = overlapping()
    h = train(X, Y, learning_rate=1.0, num_iterations=100_000, tol=1e-10)
    assert h.stop_reason == "converged"
    assert h.steps[-1] < 100_000
    assert abs(h.cost[-1] - h.cost[-2]) < 1e-10 or h.steps[-1] - h.steps[-2] > 1


def test_stop_plateau_at_the_optimum():
    X, Y = overlapping()
    w_ref, b_ref, _ = newton_optimum(X, Y)
    h = train(X, Y, learning_rate=0.1, num_iterations=10_000, w0=w_ref, b0=b_ref, patience=25)
    assert h.stop_reason == "plateau"
    assert h.steps[-1] == 25


def test_stop_diverged_keeps_the_last_finite_record():
    X, Y = overlapping(100, seed=5)
    h = train(X * 1000, Y, learning_rate=10.0, num_iterations=5000)
    assert h.stop_reason == "diverged"
    assert h.steps[-1] <= ABOVE_START_RUN
    assert np.all(np.isfinite(h.cost)) and np.all(np.isfinite(h.w))
    assert h.cost[-1] > h.cost[0]


def test_stop_diverged_on_overflow():
    X, Y = overlapping(20, seed=6)
    h = train(X * 1e300, Y, learning_rate=1e10, num_iterations=50)
    assert h.stop_reason == "diverged"
    assert np.all(np.isfinite(h.cost)) and np.all(np.isfinite(h.w))


def test_max_iterations_when_nothing_stops_it():
    X, Y = overlapping(40)
    h = train(X, Y, learning_rate=0.01, num_iterations=50, tol=1e-15, patience=1000)
    assert h.stop_reason == "max_iterations" and h.steps[-1] == 50
    assert DIVERGENCE_RUN > 1


def test_init_params():
    w, b = init_params(3)
    assert w.shape == (3, 1) and not w.any() and b == 0.0
    w1, _ = init_params(3, method="random", seed=7)
    w2, _ = init_params(3, method="random", seed=7)
    w3, _ = init_params(3, method="random", seed=8)
    np.testing.assert_array_equal(w1, w2)
    assert not np.array_equal(w1, w3) and np.abs(w1).max() < 0.1
    w, b = init_params(2, method="explicit", w=[1.5, -2], b=0.25)
    assert w.tolist() == [[1.5], [-2.0]] and b == 0.25


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"learning_rate": 0}, r"learning_rate must be a finite number > 0, got 0\.0"),
        ({"learning_rate": -1}, "learning_rate must be a finite number > 0"),
        ({"learning_rate": math.nan}, "learning_rate must be a finite number > 0, got nan"),
        ({"learning_rate": "fast"}, "learning_rate must be a number, got 'fast'"),
        ({"num_iterations": -1}, "num_iterations must be between 0 and 1,000,000, got -1"),
        ({"num_iterations": 2_000_000}, "num_iterations must be between 0 and 1,000,000"),
        ({"num_iterations": 1.5}, "num_iterations must be a whole number, got 1.5"),
        ({"num_iterations": True}, "num_iterations must be a whole number, got True"),
        ({"l2": -0.1}, r"l2 must be a finite number ≥ 0, got -0\.1"),
        ({"tol": 0}, "tol must be a finite number > 0"),
        ({"patience": 0}, "patience must be at least 1, got 0"),
        ({"max_records": 1}, "max_records must be at least 2, got 1"),
        ({"w0": [1, 2, 3]}, r"w0 must hold 2 weights \(one per feature\), got 3"),
        ({"w0": [math.inf, 0]}, "w0 must be finite"),
        ({"b0": math.nan}, "b0 must be a finite number"),
    ],
)
def test_train_rejects_bad_options(kwargs, match):
    X, Y = overlapping(10)
    args = {"learning_rate": 0.1, "num_iterations": 10} | kwargs
    with pytest.raises(ValueError, match=match):
        train(X, Y, **args)


def test_train_rejects_bad_data():
    X, Y = overlapping(10)
    with pytest.raises(ValueError, match=r"Y must have shape \(1, 10\)"):
        train(X, Y[:, :5], learning_rate=0.1, num_iterations=1)
    with pytest.raises(ValueError, match="Y must hold labels 0 and 1 only"):
        train(X, Y * 2, learning_rate=0.1, num_iterations=1)
    with pytest.raises(ValueError, match=r"X must have shape \(n, m\) with n ≥ 1 and m ≥ 1"):
        train(np.zeros((2, 0)), np.zeros((1, 0)), learning_rate=0.1, num_iterations=1)
    bad = X.copy()
    bad[0, 0] = np.nan
    with pytest.raises(ValueError, match="X must be finite"):
        train(bad, Y, learning_rate=0.1, num_iterations=1)


def test_a_cost_that_overflows_at_the_start_is_a_data_error():
    X, Y = overlapping(10)
    w0 = np.full((X.shape[0], 1), 50.0)
    with (
        np.errstate(all="ignore"),
        pytest.raises(DataError, match=r"^initial_cost_not_finite\(\)$"),
    ):
        train(X * 1e307, Y, learning_rate=0.1, num_iterations=1, w0=w0)


@pytest.mark.parametrize(
    "kwargs,match",
    [
        ({"method": "ones"}, "method must be one of"),
        ({"method": "explicit"}, "w is required when method='explicit'"),
        ({"method": "random", "seed": -1}, "seed must be at least 0, got -1"),
        ({"method": "random", "scale": -1}, "scale must be a finite number ≥ 0"),
    ],
)
def test_init_params_rejects_bad_options(kwargs, match):
    with pytest.raises(ValueError, match=match):
        init_params(2, **kwargs)


def test_stop_diverged_when_j_mostly_sits_above_its_start():
    """α = 10 on raw polynomial features: J jumps about, dipping below J₀ now and then."""
    import warnings

    from logreg_core.features import FEATURE_MAPS
    from logreg_core.pipeline import run_setup
    from logreg_core.train import ABOVE_START_SHARE, ABOVE_START_WINDOW

    setup = {"kind": "gauss", "n_samples": 200, "features": tuple(FEATURE_MAPS)}
    setup |= {"standardize": False, "learning_rate": 10.0, "num_iterations": 2000}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        h = run_setup(setup).history
    assert h.stop_reason == "diverged"
    above = h.cost > h.cost[0] * (1 + 1e-12)
    longest = max(len(r) for r in "".join("1" if a else "0" for a in above).split("0"))
    assert longest < ABOVE_START_RUN, "the windowed rule, not the consecutive one, stopped it"
    assert above[-ABOVE_START_WINDOW:].mean() >= ABOVE_START_SHARE


def test_history_records_the_stop_rules_it_ran_with():
    X, Y = overlapping(40)
    h = train(X, Y, learning_rate=0.1, num_iterations=30, tol=1e-9, patience=7)
    assert (h.tol, h.patience, h.learning_rate, h.num_iterations) == (1e-9, 7, 0.1, 30)
    plain = train(X, Y, learning_rate=0.1, num_iterations=5)
    assert plain.tol is None and plain.patience is None


# ----------------------------------------------------------------------------
# stop_points: where each stop rule would have ended a run
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("tol", "patience"), [(1e-6, 100), (1e-4, 20), (1e-8, 300)])
def test_stop_points_are_where_train_itself_stops(tol, patience):
    from logreg_core.train import stop_points

    X, Y = overlapping()
    full = train(X, Y, learning_rate=0.1, num_iterations=3000, max_records=3002)
    points = stop_points(full, tol=tol, patience=patience)
    by_tol = train(X, Y, learning_rate=0.1, num_iterations=3000, tol=tol)
    by_patience = train(X, Y, learning_rate=0.1, num_iterations=3000, patience=patience)
    assert by_tol.stop_reason == "converged" and points.tol == int(by_tol.steps[-1])
    assert by_patience.stop_reason == "plateau" and points.patience == int(by_patience.steps[-1])
    assert points.last == 3000 and points.tol_value == tol and points.patience_value == patience


def test_stop_points_accuracy_rule_by_hand_and_a_rule_that_never_fires():
    """On separable data J keeps falling: only the accuracy rule and |ΔJ| fire."""
    from logreg_core.train import stop_points

    rng = np.random.default_rng(3)
    Y = (rng.random(100) < 0.5).astype(np.int64)
    X = rng.normal(size=(2, 100)) * 0.3 + 3.0 * np.outer([1.0, 1.0], 2 * Y - 1)
    h = train(X, Y.reshape(1, -1), learning_rate=0.1, num_iterations=2000, max_records=2002)
    points = stop_points(h, tol=1e-12, patience=50)
    assert h.accuracy[-1] == 1.0
    assert points.patience is None and points.tol is None
    # accuracy only: the patience-th step in a row without a new best accuracy
    best, stale, expected = -1.0, 0, None
    for t, acc in enumerate(h.accuracy):
        stale = 0 if acc > best else stale + 1
        best = max(best, acc)
        if stale >= 50:
            expected = t
            break
    assert points.accuracy == expected is not None
    assert (
        train(X, Y.reshape(1, -1), learning_rate=0.1, num_iterations=2000, patience=50).stop_reason
        == "max_iterations"
    )


def test_stop_points_refuses_a_history_with_gaps_and_bad_settings():
    from logreg_core.train import stop_points

    X, Y = overlapping()
    sparse = train(X, Y, learning_rate=0.1, num_iterations=500, max_records=50)
    with pytest.raises(ValueError, match=r"history must record every step 0, 1, 2"):
        stop_points(sparse, tol=1e-6, patience=10)
    full = train(X, Y, learning_rate=0.1, num_iterations=20, max_records=30)
    with pytest.raises(ValueError, match=r"tol must be a finite number > 0, got 0.0"):
        stop_points(full, tol=0.0, patience=10)
    with pytest.raises(ValueError, match=r"patience must be at least 1, got 0"):
        stop_points(full, tol=1e-6, patience=0)
    with pytest.raises(ValueError, match=r"history must be a History, got dict"):
        stop_points({}, tol=1e-6, patience=10)
