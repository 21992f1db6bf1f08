"""model.py: gradients vs finite differences, the article's loop, a graph computed by hand."""

import math
import warnings

import numpy as np
import pytest

from logreg_core.model import (
    DA_LIMIT,
    backward,
    cost,
    example_values,
    forward,
    loss,
    predict,
    propagate,
    propagate_loop,
    sigmoid,
    softplus,
)


def blobs(m, *, seed, shift=1.0, n=2):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(np.int64)
    X = rng.normal(size=(n, m)) + shift * (2 * Y - 1)
    return X, Y.reshape(1, m)


def article_loop(w, b, X, Y):
    """The article's per-example loop, written independently with math.log of a."""
    n, m = X.shape
    J, dw, db = 0.0, [0.0] * n, 0.0
    for i in range(m):
        z = sum(w[j, 0] * X[j, i] for j in range(n)) + b
        a = 1 / (1 + math.exp(-z))
        y = Y[0, i]
        J += -(y * math.log(a) + (1 - y) * math.log(1 - a))
        dz = a - y
        for j in range(n):
            dw[j] += X[j, i] * dz
        db += dz
    return J / m, np.array(dw).reshape(n, 1) / m, db / m


@pytest.mark.parametrize("seed", range(6))
def test_gradient_matches_central_differences(seed):
    rng = np.random.default_rng(100 + seed)
    n = 1 + seed % 3
    X, Y = blobs(50 + 17 * seed, seed=seed, shift=0.3 * seed, n=n)
    X = X * rng.uniform(0.5, 3.0, size=(n, 1))
    w = rng.normal(scale=1.5, size=(n, 1))
    b = float(rng.normal())
    grads, _ = propagate(w, b, X, Y)
    h = 1e-6
    num_dw = np.zeros_like(w)
    for j in range(n):
        e = np.zeros_like(w)
        e[j] = h
        num_dw[j] = (cost(w + e, b, X, Y) - cost(w - e, b, X, Y)) / (2 * h)
    num_db = (cost(w, b + h, X, Y) - cost(w, b - h, X, Y)) / (2 * h)
    rel = np.abs(grads["dw"] - num_dw) / np.maximum(np.abs(num_dw), 1e-8)
    assert rel.max() < 1e-6
    assert abs(grads["db"] - num_db) / max(abs(num_db), 1e-8) < 1e-6


@pytest.mark.parametrize("seed", range(4))
def test_vectorized_step_equals_the_articles_loop(seed):
    X, Y = blobs(40 + seed, seed=seed)
    rng = np.random.default_rng(seed)
    w, b = rng.normal(size=(2, 1)), float(rng.normal())
    grads, J = propagate(w, b, X, Y)
    J_loop, dw_loop, db_loop = article_loop(w, b, X, Y)
    assert J == pytest.approx(J_loop, rel=1e-12, abs=1e-12)
    np.testing.assert_allclose(grads["dw"], dw_loop, rtol=1e-12, atol=1e-12)
    assert grads["db"] == pytest.approx(db_loop, rel=1e-12, abs=1e-12)
    loop_grads, loop_J = propagate_loop(w, b, X, Y)
    assert loop_J == pytest.approx(J, rel=1e-12)
    np.testing.assert_allclose(loop_grads["dw"], grads["dw"], rtol=1e-12, atol=1e-15)
    assert loop_grads["db"] == pytest.approx(grads["db"], rel=1e-12, abs=1e-15)


def test_one_example_graph_by_hand():
    # x1 = 1, x2 = 2, w1 = 0.5, w2 = −0.25, b = 0, y = 1: z = 0, a = 1/2.
    v = example_values(np.array([[0.5], [-0.25]]), 0.0, np.array([[1.0], [2.0]]), np.array([[1]]))
    assert v.z[0] == 0.0
    assert v.a[0] == 0.5
    assert v.loss[0] == pytest.approx(math.log(2), rel=1e-15)  # −log(1/2)
    assert v.da[0] == pytest.approx(-2.0, rel=1e-15)  # −y/a
    assert v.dz[0] == -0.5  # a − y
    assert v.dw[:, 0].tolist() == [-0.5, -1.0]  # x1·dz, x2·dz
    assert v.db[0] == -0.5
    # x1 = ln 3, x2 = 5, w1 = 1, w2 = 0, b = 0, y = 0: z = ln 3, a = 3/4.
    v = example_values(np.array([1.0, 0.0]), 0.0, np.array([[math.log(3)], [5.0]]), np.array([0]))
    assert v.a[0] == pytest.approx(0.75, rel=1e-15)
    assert v.loss[0] == pytest.approx(math.log(4), rel=1e-14)  # −log(1 − 3/4)
    assert v.da[0] == pytest.approx(4.0, rel=1e-14)  # (1 − y)/(1 − a)
    assert v.dz[0] == pytest.approx(0.75, rel=1e-15)
    np.testing.assert_allclose(v.dw[:, 0], [math.log(3) * 0.75, 5 * 0.75], rtol=1e-15)
    assert v.db[0] == pytest.approx(0.75, rel=1e-15)
    assert not v.saturated.any() and not v.da_capped.any()


def test_example_values_means_are_the_gradient():
    X, Y = blobs(30, seed=3)
    w, b = np.array([[0.7], [-1.2]]), 0.3
    v = example_values(w, b, X, Y)
    grads, J = propagate(w, b, X, Y)
    np.testing.assert_allclose(v.mean_dw, grads["dw"][:, 0], rtol=1e-13)
    assert v.mean_db == pytest.approx(grads["db"], rel=1e-13)
    assert v.cost == pytest.approx(J, rel=1e-13)
    # da · a(1 − a) = dz wherever nothing saturates (the chain rule)
    np.testing.assert_allclose(v.da * v.a * (1 - v.a), v.dz, rtol=1e-12, atol=1e-15)


EXTREMES = np.array([-1e308, -1e3, -40.0, 0.0, 40.0, 1e3, 1e308])


@pytest.mark.filterwarnings("error")
def test_extremes_are_finite_and_silent():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(
            over="raise", invalid="raise", divide="raise"
        ):  # any overflow inside numpy raises (underflow to 0 is exact enough)
            a = sigmoid(EXTREMES)
            Z = EXTREMES.reshape(1, -1)
            for y in (0, 1):
                L = loss(Z, np.full_like(Z, y))
                assert np.isfinite(L).all() and (L >= 0).all()
            assert np.isfinite(softplus(EXTREMES)).all()
    assert np.isfinite(a).all()
    assert a[0] == 0.0 and a[-1] == 1.0 and a[3] == 0.5
    assert 0 < a[2] < 1e-17  # σ(−40) is tiny but representable; σ(40) rounds to 1
    # the loss of a confident wrong answer is |z|, right answer ~0
    assert loss(np.array([[1e3]]), np.array([[0]]))[0, 0] == pytest.approx(1e3)
    assert loss(np.array([[1e3]]), np.array([[1]]))[0, 0] == 0.0


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("y", [0, 1])
def test_example_values_at_extremes(y):
    X = EXTREMES.reshape(1, -1)
    Y = np.full((1, X.shape[1]), y)
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        v = example_values(np.array([[1.0]]), 0.0, X, Y)
    for arr in (v.z, v.a, v.loss, v.da, v.dz, v.dw, v.db):
        assert np.isfinite(arr).all()
    assert np.isfinite(v.cost) and np.isfinite(v.mean_db)
    # saturation is flagged where a rounded to 0 or 1
    np.testing.assert_array_equal(v.saturated, (v.a == 0) | (v.a == 1))
    # da keeps the exact value from z: -(1 + e^-z) for y = 1, 1 + e^z for y = 0
    k = 4  # z = 40: a rounds to 1 - 4e-18 -> 1.0 in float64
    expected = -(1 + math.exp(-40.0)) if y == 1 else 1 + math.exp(40.0)
    assert v.da[k] == pytest.approx(expected, rel=1e-14)
    # past e^709 it is capped and flagged
    big = -1 if y == 1 else 1  # the side where da blows up
    idx = 0 if big == -1 else -1
    assert v.da_capped[idx] and abs(v.da[idx]) <= DA_LIMIT


def test_forward_and_backward_shapes():
    X, Y = blobs(7, seed=1, n=3)
    w = np.ones((3, 1))
    Z, A = forward(w, 0.5, X)
    assert Z.shape == A.shape == (1, 7)
    dZ, dw, db = backward(X, A, Y)
    assert dZ.shape == (1, 7) and dw.shape == (3, 1) and isinstance(db, float)


def test_predict():
    X = np.array([[-2.0, -0.1, 0.0, 0.1, 3.0]])  # σ(3) ≈ 0.953
    np.testing.assert_array_equal(predict(np.array([[1.0]]), 0.0, X), [[0, 0, 1, 1, 1]])
    np.testing.assert_array_equal(
        predict(np.array([[1.0]]), 0.0, X, threshold=0.9), [[0, 0, 0, 0, 1]]
    )
    assert predict(np.array([[1.0]]), 0.0, X).dtype == np.int64


@pytest.mark.parametrize("threshold", [0, 1, 1.5, -0.1, float("nan")])
def test_predict_rejects_bad_threshold(threshold):
    with pytest.raises(ValueError, match="threshold must be strictly between 0 and 1"):
        predict(np.array([[1.0]]), 0.0, np.zeros((1, 3)), threshold=threshold)


def test_example_values_rejects_bad_shapes():
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        example_values(np.zeros((2, 1)), 0.0, np.zeros((3, 4)), np.zeros((1, 4)))
    with pytest.raises(ValueError, match="Y must hold 4 labels, got 3"):
        example_values(np.zeros((2, 1)), 0.0, np.zeros((2, 4)), np.zeros((1, 3)))
    with pytest.raises(ValueError, match="Y must hold labels 0 and 1 only"):
        example_values(np.zeros((2, 1)), 0.0, np.zeros((2, 2)), np.array([[0, 2]]))


# ----------------------------------------------------------------------------
# the derivation of dz = a − y, and the Hessian
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("w", "b", "x", "y"),
    [
        ([0.5, -0.3], 0.1, [1.2, 0.4], 1),
        ([0.5, -0.3], 0.1, [1.2, 0.4], 0),
        ([-2.0, 1.5, 0.7], -0.4, [0.3, -1.1, 2.0], 1),
        ([3.0], 1.0, [2.5], 0),
    ],
)
def test_derivation_steps_match_complex_step_derivatives_and_a_nudge(w, b, x, y):
    """Each step's value equals a complex-step derivative of the textbook formulas.

    The complex step f'(t) = Im f(t + iε) / ε (ε = 1e-30) is exact to rounding and
    shares no code with the engine: σ and L are written here with cmath.
    """
    import cmath

    from logreg_core.model import derivation

    eps = 1e-30
    d = derivation(np.array(w), b, np.array(x), y)

    def sig(z):
        return 1 / (1 + cmath.exp(-z))

    def L_of_a(a):
        return -(y * cmath.log(a) + (1 - y) * cmath.log(1 - a))

    def L_of_w1(w1):
        rest = sum(wj * xj for wj, xj in zip(w[1:], x[1:], strict=True))
        return L_of_a(sig(w1 * x[0] + rest + b))

    z0 = sum(wj * xj for wj, xj in zip(w, x, strict=True)) + b
    a0 = sig(z0).real
    assert d.z == pytest.approx(z0, rel=1e-14) and d.a == pytest.approx(a0, rel=1e-14)
    assert d.da == pytest.approx(L_of_a(a0 + 1j * eps).imag / eps, rel=1e-12)
    assert d.dadz == pytest.approx(sig(z0 + 1j * eps).imag / eps, rel=1e-12)
    assert d.product == pytest.approx(d.dz, rel=1e-12, abs=1e-15)  # step 3 simplifies to step 4
    assert d.dz == pytest.approx(a0 - y, rel=1e-12, abs=1e-15)
    dw1 = L_of_w1(w[0] + 1j * eps).imag / eps
    assert d.dw1 == pytest.approx(dw1, rel=1e-12, abs=1e-15)
    assert d.fd_dw1 == pytest.approx(dw1, rel=1e-6, abs=1e-9)
    assert d.fd_error < 1e-6
    assert d.x1 == x[0] and d.y == y


def test_derivation_refuses_bad_input():
    from logreg_core.model import derivation

    with pytest.raises(ValueError, match=r"x must hold 2 features, got 3"):
        derivation(np.zeros(2), 0.0, np.zeros(3), 1)
    with pytest.raises(ValueError, match=r"y must be 0 or 1, got 2"):
        derivation(np.zeros(2), 0.0, np.zeros(2), 2)
    with pytest.raises(ValueError, match=r"h must be a finite number > 0, got -1"):
        derivation(np.zeros(2), 0.0, np.zeros(2), 1, h=-1)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_hessian_equals_finite_differences_of_the_gradient(seed):
    """H over (w, b) against central differences of propagate's (dw, db): an independent check."""
    from logreg_core.model import hessian

    rng = np.random.default_rng(seed)
    X, Y = blobs(50, seed=seed, n=3)
    w = rng.normal(size=(3, 1))
    b = float(rng.normal())
    H = hessian(w, b, X)
    assert H.shape == (4, 4)
    np.testing.assert_allclose(H, H.T, rtol=0, atol=1e-15)
    assert np.linalg.eigvalsh(H)[0] > -1e-12

    def grad(theta):
        g, _ = propagate(theta[:3].reshape(3, 1), float(theta[3]), X, Y)
        return np.append(g["dw"][:, 0], g["db"])

    theta = np.append(w[:, 0], b)
    h = 1e-5
    numeric = np.column_stack(
        [(grad(theta + h * e) - grad(theta - h * e)) / (2 * h) for e in np.eye(4)]
    )
    np.testing.assert_allclose(H, numeric, rtol=1e-6, atol=1e-9)


def test_hessian_refuses_a_mismatched_X():
    from logreg_core.model import hessian

    with pytest.raises(ValueError, match=r"X must have shape \(2, m\) with m ≥ 1, got \(3, 5\)"):
        hessian(np.zeros((2, 1)), 0.0, np.zeros((3, 5)))


def test_example_values_take_one_set_of_weights_per_case():
    """The player's frames: one example at each frame's (w, b), the same numbers one by one."""
    rng = np.random.default_rng(5)
    W, B = rng.normal(size=(3, 6)), rng.normal(size=6)
    x, y = rng.normal(size=(3, 1)), 1
    together = example_values(W, B, x, np.full(6, y))
    for k in range(6):
        alone = example_values(W[:, k], B[k], x, [y])
        for name in ("z", "a", "loss", "da", "dadz", "dz", "db"):
            assert getattr(together, name)[k] == pytest.approx(getattr(alone, name)[0], rel=1e-14)
        np.testing.assert_allclose(together.dw[:, k], alone.dw[:, 0], rtol=1e-14)
    # da/dz is the sigmoid's slope, by an independent route: a complex step of σ
    z = together.z
    slope = (1.0 / (1.0 + np.exp(-(z + 1e-20j)))).imag / 1e-20
    np.testing.assert_allclose(together.dadz, slope, rtol=1e-12)
    with pytest.raises(ValueError, match=r"w must have shape \(3, 1\) or \(3, 6\), got \(3, 4\)"):
        example_values(W[:, :4], 0.0, rng.normal(size=(3, 6)), np.ones(6))
