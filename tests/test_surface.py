"""surface.py: cost_surface equals cost() point by point, on both code paths, within memory."""

import tracemalloc

import numpy as np
import pytest

from logreg_core.model import cost
from logreg_core.surface import cost_surface


def data(m, n=2, *, seed=0, scale=1.0):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.4).astype(np.int64).reshape(1, m)
    X = (rng.normal(size=(n, m)) + 0.7 * (2 * Y - 1)) * scale
    return X, Y


def reference(X, Y, w, b, g1, g2, axes):
    out = np.empty((g2.size, g1.size))
    for j, v in enumerate(g2):
        for i, u in enumerate(g1):
            ww, bb = w.copy(), b
            ww[axes[0], 0] = u
            if axes[1] is None:
                bb = v
            else:
                ww[axes[1], 0] = v
            out[j, i] = cost(ww, bb, X, Y)
    return out


@pytest.mark.parametrize("m", [1, 2, 3, 57])
@pytest.mark.parametrize("scale", [1.0, 400.0])  # 400: |z| > 350, the stable path
def test_matches_cost_point_by_point(m, scale):
    X, Y = data(m, seed=m, scale=scale)
    w, b = np.array([[0.3], [-0.2]]), 0.1
    g1, g2 = np.linspace(-3, 4, 7), np.linspace(-2, 2, 5)
    S = cost_surface(X, Y, w, b, g1, g2)
    assert S.shape == (5, 7)
    np.testing.assert_allclose(S, reference(X, Y, w, b, g1, g2, (0, 1)), rtol=1e-12, atol=1e-13)


def test_other_axes_hold_the_remaining_weights():
    X, Y = data(40, n=3, seed=2)
    w, b = np.array([[0.5], [1.5], [-1.0]]), -0.3
    g1, g2 = np.linspace(-1, 1, 4), np.linspace(-2, 0, 3)
    S = cost_surface(X, Y, w, b, g1, g2, axes=(2, 0))
    np.testing.assert_allclose(S, reference(X, Y, w, b, g1, g2, (2, 0)), rtol=1e-12)


def test_bias_axis_gives_the_exact_one_feature_surface():
    X, Y = data(30, n=1, seed=3)
    g1, g2 = np.linspace(-4, 4, 9), np.linspace(-3, 3, 6)
    S = cost_surface(X, Y, np.zeros((1, 1)), 0.0, g1, g2, axes=(0, None))
    np.testing.assert_allclose(S, reference(X, Y, np.zeros((1, 1)), 0.0, g1, g2, (0, None)))
    # convex: second differences along each axis are ≥ 0
    assert (np.diff(S, 2, axis=1) >= -1e-12).all() and (np.diff(S, 2, axis=0) >= -1e-12).all()


@pytest.mark.filterwarnings("error")
def test_extreme_values_stay_finite():
    X, Y = data(20, seed=4, scale=1e6)
    S = cost_surface(X, Y, np.zeros((2, 1)), 0.0, np.linspace(-1e3, 1e3, 5), [-1e3, 0, 1e3])
    assert np.isfinite(S).all() and (S >= 0).all()


def test_temporary_memory_is_bounded():
    X, Y = data(60_000, seed=5)
    g = np.linspace(-3, 3, 120)
    tracemalloc.start()
    cost_surface(X, Y, np.zeros((2, 1)), 0.0, g, g)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 64 * 2**20  # a naive (120, 120, 60000) array would be 6.9 GB


@pytest.mark.parametrize(
    "args,match",
    [
        ({"grid1": []}, "grid1 must be a non-empty 1-D array"),
        ({"grid2": [[1.0]]}, "grid2 must be a non-empty 1-D array"),
        ({"grid1": [np.nan]}, "grid1 must be a non-empty 1-D array of finite numbers"),
        ({"axes": (0, 0)}, "axes must be two distinct feature indices below 2"),
        ({"axes": (0, 5)}, "axes must be two distinct feature indices below 2"),
        ({"w": np.zeros((3, 1))}, "w must hold 2 weights, got 3"),
        ({"Y": np.zeros((1, 3))}, "Y must hold the 10 labels of X"),
    ],
)
def test_rejects_bad_arguments(args, match):
    X, Y = data(10)
    kw = {"X": X, "Y": Y, "w": np.zeros((2, 1)), "b": 0.0, "grid1": [0.0], "grid2": [0.0]}
    with pytest.raises(ValueError, match=match):
        cost_surface(**(kw | args))
