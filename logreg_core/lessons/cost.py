"""Lesson math the engine does not hold already: curves, paths and timings for the 8 lessons.

Everything here is built on :mod:`~logreg_core.model`, :mod:`~logreg_core.surface`
and :mod:`~logreg_core.train`; no formula of the model is written a second
time.  What is new:

* the logit z = log(a / (1 − a)), the inverse of σ, so the loss can be drawn
  over a (lesson 3);
* the slope of the sigmoid da/dz = a(1 − a) (lessons 2 and 6);
* the squared error (a − y)² and its cost over a grid of weights, the
  non-convex rival of cross-entropy, and a small data set on which it has
  two dips (lesson 4);
* whether J has a lowest point at all: a separating line or a minimiser,
  found by Newton's method, and J along a ray t·(w, b) (lesson 4 and the
  Train page);
* a one-weight gradient descent with b held fixed, its tangent lines and
  what α does to it (lesson 5);
* the chain rule of the computational graph with numbers (lesson 6);
* the curvature limits 1/λ_max and 2/λ_max on α (lesson 5);
* timing the article's loop against the vectorized code, and the loop
  example by example (lesson 7);
* reading a training History at 1,000, 10,000, … iterations (lesson 8).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from .model import (
    ExampleValues,
    accuracy,
    backward,
    cost_from_z,
    example_values,
    forward,
    hessian,
    loss,
    propagate,
    propagate_loop,
    sigmoid,
)
from .surface import cost_surface
from .train import History

__all__ = [
    "LOSSES",
    "TRAP_X",
    "TRAP_Y",
    "VERDICTS",
    "ChainRule",
    "Convexity",
    "Descent1D",
    "LoopSteps",
    "LoopVsVectorized",
    "Milestones",
    "Separation",
    "StepLimits",
    "best_accuracy_step",
    "best_time",
    "chain_rule",
    "compare_loop_vectorized",
    "convexity",
    "cost_along",
    "cost_curve",
    "costs_at",
    "decision_point",
    "descend_1d",
    "fit_of",
    "fmt",
    "logit",
    "loop_steps",
    "loss_of_a",
    "milestones",
    "model_curve",
    "push_on_z",
    "saturation_bound",
    "separation",
    "sigmoid_slope",
    "squared_error",
    "squared_error_costs",
    "squared_error_curve",
    "squared_error_dz",
    "squared_error_slope",
    "squared_error_surface",
    "step_limits",
    "tangent_line",
]

#: What a one-weight descent is doing, from :meth:`Descent1D.verdict`.
VERDICTS = ("start", "converging", "overshooting", "diverging")

#: The costs a one-weight descent can walk down: cross-entropy, squared error.
LOSSES = ("ce", "se")

#: A small one-feature data set on which the squared-error cost of σ(wx),
#: b = 0, has two dips: three y = 1 examples just left of 0, three y = 0 just
#: right of it (they ask for w < 0), one y = 1 among the right ones and one
#: far y = 0 example at x = −7 (it asks for w > 0).  Found by a search over
#: small data sets; tests/test_lessons_math.py checks the two dips with
#: :func:`convexity` and :func:`descend_1d`, and that the cross-entropy has
#: one minimum on the same data.
TRAP_X = np.array([[-7.0, -0.6, -0.5, -0.4, 0.4, 0.5, 0.6, 0.5]])
TRAP_Y = np.array([[0, 1, 1, 1, 0, 0, 0, 1]])


# ----------------------------------------------------------------------------
# checks
# ----------------------------------------------------------------------------


def _finite(name: str, value) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def _grid(name: str, grid) -> np.ndarray:
    g = np.asarray(grid, dtype=np.float64)
    if g.ndim != 1 or g.size < 1 or not np.all(np.isfinite(g)):
        raise ValueError(f"{name} must be a non-empty 1-D array of finite numbers, got {grid!r}")
    return g


def _data(X, Y, *, n: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n, m) with m ≥ 1, got {X.shape}")
    if n is not None and X.shape[0] != n:
        raise ValueError(f"X must have {n} feature row(s), got shape {X.shape}")
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y must have shape (1, {X.shape[1]}), got {Y.shape}")
    return X, Y


def fmt(value, digits: int = 4) -> str:
    """A number as the lessons show it: ``digits`` significant digits, readable.

    Parameters
    ----------
    value : float
    digits : int, default 4

    Returns
    -------
    str
        ``"0.1235"``, ``"-3.142"``, ``"12,346"`` (whole numbers from 10,000 up
        get thousands separators instead of an exponent), ``"1.235e-05"``;
        ``"—"`` for a value that is not finite.  Never ``"-0"``.
    """
    value = float(value)
    if not math.isfinite(value):
        return "—"
    if 1e4 <= abs(value) < 1e12:
        return f"{value:,.0f}"
    text = f"{value + 0.0:.{digits}g}"
    return "0" if text in ("-0", "0") else text


# ----------------------------------------------------------------------------
# lessons 1 and 2: the model and the sigmoid
# ----------------------------------------------------------------------------


def model_curve(w, b, x):
    """z and a = σ(wx + b) along a line of inputs, for a one-feature model.

    Parameters
    ----------
    w : float
        The one weight.
    b : float
        The bias.
    x : ndarray of shape (g,)
        Input values.

    Returns
    -------
    z, a : ndarray of shape (g,)
        z = wx + b and a = σ(z), from :func:`~logreg_core.model.forward`.
    """
    w, b = _finite("w", w), _finite("b", b)
    x = _grid("x", x)
    Z, A = forward(np.array([[w]]), b, x.reshape(1, -1))
    return Z[0], A[0]


def decision_point(w, b) -> float | None:
    """The input x at which a = 0.5 (z = wx + b = 0), or None when w = 0.

    Parameters
    ----------
    w, b : float

    Returns
    -------
    float or None
        −b / w; None when w = 0 (then a is the same for every x).
    """
    w, b = _finite("w", w), _finite("b", b)
    return None if w == 0.0 else -b / w


def fit_of(X, Y, w, *, b) -> tuple[float, float]:
    """The cost J and the training accuracy of the weights ``w`` and bias ``b``.

    Parameters
    ----------
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
    w : sequence of float, length n
    b : float

    Returns
    -------
    J : float
        Cross-entropy cost, :func:`~logreg_core.model.cost_from_z`.
    accuracy : float
        Share of examples whose predicted class (1 ⇔ a ≥ 0.5) is y
        (:func:`~logreg_core.model.accuracy`).
    """
    X, Y = _data(X, Y)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != X.shape[0] or not np.all(np.isfinite(w)):
        raise ValueError(f"w must hold {X.shape[0]} finite weights, got {w.ravel().tolist()}")
    Z, _ = forward(w, _finite("b", b), X)
    return cost_from_z(Z, Y), accuracy(Z, Y)


def sigmoid_slope(z):
    """The slope of the sigmoid, da/dz = a(1 − a) with a = σ(z).

    Parameters
    ----------
    z : float or ndarray of any shape

    Returns
    -------
    ndarray of the same shape, in [0, 0.25]

    Notes
    -----
    d/dz (1 + e^(−z))^(−1) = e^(−z) / (1 + e^(−z))² = σ(z) · (1 − σ(z)).
    Largest, 0.25, at z = 0; close to 0 on the saturated ends.  Computed as
    σ(z) · σ(−z), since 1 − σ(z) = σ(−z) keeps its precision where a rounds
    to 1 (a − 1 would cancel to 0 for z ≳ 37).
    """
    z = np.asarray(z, dtype=np.float64)
    return sigmoid(z) * sigmoid(-z)


def logit(a):
    """The inverse of the sigmoid: the score z with σ(z) = a, z = log(a / (1 − a)).

    Parameters
    ----------
    a : float or ndarray of any shape
        Probabilities strictly between 0 and 1.

    Returns
    -------
    z : ndarray of the same shape

    Raises
    ------
    ValueError
        If some ``a`` is not strictly between 0 and 1.

    Notes
    -----
    z is the log-odds: e^z = a / (1 − a), the odds of y = 1.
    """
    a = np.asarray(a, dtype=np.float64)
    if not np.all((a > 0.0) & (a < 1.0)):
        raise ValueError(f"a must be strictly between 0 and 1, got {a[~((a > 0) & (a < 1))][:3]}")
    return np.log(a) - np.log1p(-a)


def saturation_bound(*, slope=0.01) -> float:
    """The |z| beyond which the sigmoid's slope a(1 − a) is below ``slope``.

    Parameters
    ----------
    slope : float, default 0.01
        Strictly between 0 and 0.25 (the largest slope, at z = 0).

    Returns
    -------
    float
        z* > 0 with σ'(±z*) = slope: a(1 − a) = s gives a = (1 + √(1 − 4s)) / 2,
        and z* = logit(a).  For s = 0.01, z* ≈ 4.585.
    """
    s = _finite("slope", slope)
    if not 0.0 < s < 0.25:
        raise ValueError(f"slope must be strictly between 0 and 0.25, got {slope!r}")
    return float(logit((1.0 + math.sqrt(1.0 - 4.0 * s)) / 2.0))


# ----------------------------------------------------------------------------
# lesson 3: the loss over a
# ----------------------------------------------------------------------------


def loss_of_a(a, y):
    """The cross-entropy loss L(a, y) = −(y log a + (1 − y) log(1 − a)) drawn over a.

    Parameters
    ----------
    a : float or ndarray
        Predictions strictly between 0 and 1.
    y : {0, 1}
        The label.

    Returns
    -------
    ndarray of the same shape as ``a``, ≥ 0
        −log a for y = 1, −log(1 − a) for y = 0.

    Notes
    -----
    Computed as :func:`~logreg_core.model.loss` at z = logit(a), the engine's
    own stable form of L, so the loss is written once.
    """
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    return loss(logit(a), y)


def squared_error(a, y):
    """The squared error (a − y)², the loss linear regression uses.

    Parameters
    ----------
    a : float or ndarray
        Predictions.
    y : float or ndarray
        Labels, broadcast against ``a``.

    Returns
    -------
    ndarray, ≥ 0; at most 1 when a and y are in [0, 1].
    """
    d = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return d * d


def push_on_z(a, y) -> tuple[float, float]:
    """dL/dz of the cross-entropy and of the squared error, for one prediction a and label y.

    Parameters
    ----------
    a : float
        Strictly between 0 and 1.
    y : {0, 1}

    Returns
    -------
    ce, se : float
        a − y (from :func:`~logreg_core.model.backward`) and 2(a − y) a(1 − a)
        (:func:`squared_error_dz`): how hard gradient descent pushes the score.
    """
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    z = logit(_finite("a", a))
    dZ, _, _ = backward(np.ones((1, 1)), sigmoid(z).reshape(1, 1), np.array([[y]]))
    return float(dZ[0, 0]), float(squared_error_dz(z, y))


# ----------------------------------------------------------------------------
# lesson 4: cost over a grid of weights, cross-entropy against squared error
# ----------------------------------------------------------------------------


def cost_curve(X, Y, w_grid, *, b):
    """J(w) = mean of the cross-entropy L over m examples, one weight swept, b fixed.

    Parameters
    ----------
    X : ndarray of shape (1, m)
        One feature.
    Y : ndarray of shape (1, m)
    w_grid : ndarray of shape (g,)
        Values of the one weight.
    b : float
        The bias, held fixed.

    Returns
    -------
    J : ndarray of shape (g,)

    Notes
    -----
    :func:`~logreg_core.surface.cost_surface` with the bias axis held at the
    single value ``b``.
    """
    X, Y = _data(X, Y, n=1)
    b = _finite("b", b)
    return cost_surface(X, Y, np.zeros((1, 1)), b, _grid("w_grid", w_grid), [b], axes=(0, None))[0]


#: Elements (weights × examples) per block of :func:`squared_error_costs`.
_BLOCK = 1 << 18


def squared_error_costs(W, b, X, Y):
    """The squared-error cost of σ(z), J_se = (1/m) Σ (a⁽ⁱ⁾ − y⁽ⁱ⁾)², for many weight vectors.

    Parameters
    ----------
    W : ndarray of shape (n, k)
        k candidate weight vectors, one per column.
    b : float
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    ndarray of shape (k,)

    Notes
    -----
    a comes from :func:`~logreg_core.model.forward` (each column of W is a w),
    worked in blocks so memory stays bounded for any k and m.
    """
    X, Y = _data(X, Y)
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 2 or W.shape[0] != X.shape[0] or not np.all(np.isfinite(W)):
        raise ValueError(f"W must have shape ({X.shape[0]}, k) and be finite, got {W.shape}")
    b = _finite("b", b)
    step = max(1, _BLOCK // X.shape[1])
    out = np.empty(W.shape[1])
    for k0 in range(0, W.shape[1], step):
        _, A = forward(W[:, k0 : k0 + step], b, X)  # (k, m): row j is a for the j-th w
        out[k0 : k0 + step] = squared_error(A, Y).mean(axis=1)
    return out


def squared_error_curve(X, Y, w_grid, *, b):
    """J_se(w) for one feature, b fixed: the squared-error rival of :func:`cost_curve`.

    Parameters
    ----------
    X : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)
    w_grid : ndarray of shape (g,)
    b : float

    Returns
    -------
    ndarray of shape (g,)
    """
    _data(X, Y, n=1)
    return squared_error_costs(_grid("w_grid", w_grid).reshape(1, -1), b, X, Y)


def squared_error_surface(X, Y, grid1, grid2, *, b):
    """J_se(w1, w2) over a grid, for two features, b fixed.

    Parameters
    ----------
    X : ndarray of shape (2, m)
    Y : ndarray of shape (1, m)
    grid1 : ndarray of shape (g1,)
        Values of w1.
    grid2 : ndarray of shape (g2,)
        Values of w2.
    b : float

    Returns
    -------
    ndarray of shape (g2, g1)
        Rows follow ``grid2``, as :func:`~logreg_core.surface.cost_surface` does.
    """
    _data(X, Y, n=2)
    g1, g2 = _grid("grid1", grid1), _grid("grid2", grid2)
    W = np.vstack([np.tile(g1, g2.size), np.repeat(g2, g1.size)])
    return squared_error_costs(W, b, X, Y).reshape(g2.size, g1.size)


def squared_error_dz(z, y):
    """d(a − y)²/dz = 2(a − y) · a(1 − a) with a = σ(z): the squared error's push on z.

    Parameters
    ----------
    z : float or ndarray
    y : float or ndarray
        Labels, broadcast against ``z``.

    Returns
    -------
    ndarray

    Notes
    -----
    Compare dz = a − y of the cross-entropy (:func:`~logreg_core.model.backward`):
    the extra factor a(1 − a) (:func:`sigmoid_slope`) is nearly 0 wherever σ
    saturates, so a confidently wrong prediction gets almost no push.
    """
    a = sigmoid(z)
    return 2.0 * (a - np.asarray(y, dtype=np.float64)) * sigmoid_slope(z)


def squared_error_slope(X, Y, w, *, b) -> float:
    """dJ_se/dw for one feature: the slope of :func:`squared_error_curve` at w.

    Parameters
    ----------
    X : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)
    w, b : float

    Returns
    -------
    float

    Notes
    -----
    By the chain rule, d(a − y)²/dw = :func:`squared_error_dz` · x, and its
    factor a(1 − a) vanishes when a saturates, even when a is wrong: that is
    where the squared error's plateaus come from.  The cross-entropy slope,
    (a − y) x, has no such factor.
    """
    X, Y = _data(X, Y, n=1)
    w, b = _finite("w", w), _finite("b", b)
    Z, _ = forward(np.array([[w]]), b, X)
    return float(np.mean(squared_error_dz(Z, Y) * X))


def costs_at(X, Y, w, *, b) -> dict[str, float]:
    """Both costs and both slopes at one weight of a one-feature model.

    Parameters
    ----------
    X : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)
    w, b : float

    Returns
    -------
    dict
        "J" and "dJ" (cross-entropy J and dJ/dw, from
        :func:`~logreg_core.model.propagate`), "J_se" and "dJ_se" (squared
        error, :func:`squared_error_costs` and :func:`squared_error_slope`).
    """
    X, Y = _data(X, Y, n=1)
    w, b = _finite("w", w), _finite("b", b)
    grads, J = propagate(np.array([[w]]), b, X, Y)
    return {
        "J": J,
        "dJ": float(grads["dw"][0, 0]),
        "J_se": float(squared_error_costs(np.array([[w]]), b, X, Y)[0]),
        "dJ_se": squared_error_slope(X, Y, w, b=b),
    }


@dataclass(frozen=True)
class Convexity:
    """The shape of a sampled curve J(w).

    Attributes
    ----------
    convex : bool
        Every second difference is ≥ −tolerance: the curve never bends down.
    minima : tuple of float
        w of each local minimum on the grid (ends excluded).
    concave : tuple of (float, float)
        Intervals of w where the curve bends down (second difference < 0).
    flat : tuple of (float, float)
        Plateaus: intervals of w where the curve bends down and is nearly
        level, so gradient descent crawls there.
    """

    convex: bool
    minima: tuple[float, ...]
    concave: tuple[tuple[float, float], ...]
    flat: tuple[tuple[float, float], ...]


def _runs(w: np.ndarray, mask: np.ndarray, min_width: float) -> tuple[tuple[float, float], ...]:
    """Intervals of ``w`` where ``mask`` holds, at least ``min_width`` wide."""
    out = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        lo, hi = float(w[start]), float(w[stop - 1])
        if hi - lo >= min_width:
            out.append((lo, hi))
    return tuple(out)


def convexity(w_grid, J, *, flat_share=0.05, min_width=None) -> Convexity:
    """Where a sampled J(w) is convex, bends down, or is flat.

    Parameters
    ----------
    w_grid : ndarray of shape (g,), g ≥ 3, evenly spaced
    J : ndarray of shape (g,)
    flat_share : float, default 0.05
        A point is on a plateau when the curve bends down there and |dJ/dw| is
        below this share of its largest magnitude on the grid.  (A convex
        curve has no plateau: its slope only grows, so it is level only near
        its minimum.)
    min_width : float, optional
        Shortest interval reported; None means 5 % of the w range.

    Returns
    -------
    Convexity

    Notes
    -----
    Second differences J[i−1] − 2J[i] + J[i+1] are compared against a
    tolerance of 1e-12 · max|J| (rounding), so a straight stretch counts as
    convex.
    """
    w = _grid("w_grid", w_grid)
    J = np.asarray(J, dtype=np.float64)
    if w.size < 3 or J.shape != w.shape or not np.all(np.isfinite(J)):
        raise ValueError(
            f"J must be finite with the shape of w_grid ({w.size},), w_grid ≥ 3 points"
        )
    flat_share = _finite("flat_share", flat_share)
    if flat_share <= 0:
        raise ValueError(f"flat_share must be > 0, got {flat_share!r}")
    h = float(np.mean(np.diff(w)))
    if not h > 0:
        raise ValueError("w_grid must be increasing")
    span = float(w[-1] - w[0])
    min_width = 0.05 * span if min_width is None else _finite("min_width", min_width)
    d2 = np.diff(J, 2)
    tol = 1e-12 * max(1.0, float(np.max(np.abs(J))))
    inner = w[1:-1]
    slope = np.abs(np.gradient(J, h)[1:-1])
    concave = d2 < -tol
    flat = concave & (slope <= flat_share * slope.max())
    minima = (J[1:-1] < J[:-2]) & (J[1:-1] <= J[2:])
    return Convexity(
        convex=bool(np.all(d2 >= -tol)),
        minima=tuple(float(v) for v in inner[minima]),
        concave=_runs(inner, concave, min_width),
        flat=_runs(inner, flat, min_width),
    )


@dataclass(frozen=True)
class Separation:
    """Whether the cross-entropy cost J(w, b) of a data set has a lowest point.

    Attributes
    ----------
    verdict : {"separable", "minimum", "undecided"}
        "separable": (w, b) puts every example strictly on its own side, so
        J(t·w, t·b) falls towards 0 as t grows and J has no minimiser (the
        weights of gradient descent grow without bound).  "minimum": the
        slopes of J vanish at (w, b), so (w, b) is where J is lowest (J is
        convex).  "undecided": neither was found within the iterations
        allowed (for example a boundary that touches examples of both
        classes).
    w : ndarray of shape (n,)
    b : float
        The separating direction, or the minimiser.
    cost : float
        J at (w, b).
    iterations : int
        Newton steps taken.
    """

    verdict: str
    w: np.ndarray
    b: float
    cost: float
    iterations: int


def separation(X, Y, *, max_iter=100, gtol=1e-9, stol=1e-7) -> Separation:
    """Does J(w, b) have a minimum, or does a line separate the classes?

    Parameters
    ----------
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m), labels 0/1
    max_iter : int, default 100
        Newton steps at most.
    gtol : float, default 1e-9
        The minimum is found when every slope |dwⱼ|, |db| is below
        ``gtol`` · max(1, max |X|) and the Newton step is below ``stol``
        times the size of (w, b): a small gradient alone is no proof, since
        it also fades far out along a ray where J keeps falling without
        reaching its bound (a boundary through examples of both classes).

    Returns
    -------
    Separation

    Notes
    -----
    Newton's method on J from w = 0, b = 0, each step halved until J falls
    (so it never leaves the convex J's downhill).  Both verdicts carry their
    proof: a separating (w, b) is checked example by example,
    (2y − 1)(wᵀx + b) > 0, and a minimum is a point where the gradient of
    :func:`~logreg_core.model.propagate` vanishes.  On separable data the
    Hessian X diag(a(1 − a)) Xᵀ / m fades as ‖w‖ grows, so the steps get
    longer and a separating (w, b) turns up within a few steps.
    """
    X, Y = _data(X, Y)
    if isinstance(max_iter, bool) or not isinstance(max_iter, int) or max_iter < 1:
        raise ValueError(f"max_iter must be a whole number ≥ 1, got {max_iter!r}")
    gtol = _finite("gtol", gtol) * max(1.0, float(np.max(np.abs(X))))
    n, m = X.shape
    Xa = np.vstack([X, np.ones((1, m))])  # (n + 1, m): b is the weight of a row of ones
    sign = 2.0 * Y[0] - 1.0
    theta = np.zeros(n + 1)

    def at(th):
        return th[:n].reshape(-1, 1), float(th[n])

    grads, J = propagate(*at(theta), X, Y)
    for k in range(max_iter + 1):
        w, b = at(theta)
        Z = (w.T @ X + b)[0]
        if np.all(sign * Z > 0):
            return Separation("separable", w[:, 0].copy(), b, J, k)
        g = np.concatenate([grads["dw"][:, 0], [grads["db"]]])
        H = (Xa * sigmoid_slope(Z)) @ Xa.T / m  # the Hessian of J, with a(1 − a)
        step = np.linalg.lstsq(H + 1e-12 * np.trace(H) * np.eye(n + 1), g, rcond=None)[0]
        if np.max(np.abs(g)) <= gtol and np.max(np.abs(step)) <= stol * max(1.0, *np.abs(theta)):
            return Separation("minimum", w[:, 0].copy(), b, J, k)
        if k == max_iter:
            break
        t = 1.0
        while t > 1e-12:
            trial = theta - t * step
            grads_t, J_t = propagate(*at(trial), X, Y)
            if J_t < J:
                break
            t /= 2.0
        else:
            break
        theta, grads, J = trial, grads_t, J_t
    w, b = at(theta)
    return Separation("undecided", w[:, 0].copy(), b, J, k)


def cost_along(X, Y, w, b, t_grid):
    """J(t·w, t·b): the cross-entropy cost along the ray from the origin through (w, b).

    Parameters
    ----------
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
    w : sequence of float, length n
    b : float
    t_grid : ndarray of shape (g,)
        How far along the ray: t = 1 is (w, b) itself, t = 0 is w = 0, b = 0.

    Returns
    -------
    ndarray of shape (g,)

    Notes
    -----
    z = t(wᵀx + b), so J(t) is :func:`~logreg_core.model.cost_from_z` of t·Z.
    Along a separating direction every (2y − 1) z grows with t and J(t)
    falls towards 0 without reaching it; through a minimiser J(t) is lowest
    at t = 1.
    """
    X, Y = _data(X, Y)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != X.shape[0] or not np.all(np.isfinite(w)):
        raise ValueError(f"w must hold {X.shape[0]} finite weights, got {w.ravel().tolist()}")
    Z, _ = forward(w, _finite("b", b), X)
    return np.array([cost_from_z(t * Z, Y) for t in _grid("t_grid", t_grid)])


# ----------------------------------------------------------------------------
# lesson 5: gradient descent on one weight
# ----------------------------------------------------------------------------


def _step(w: float, slope: float, alpha: float) -> float:
    """The gradient-descent update of one weight, w := w − α dJ/dw."""
    return w - alpha * slope


@dataclass(frozen=True)
class Descent1D:
    """Gradient descent on one weight w with the bias b held fixed.

    Attributes
    ----------
    w : ndarray of shape (k + 1,)
        w before the first step, then after each of the k steps.
    cost : ndarray of shape (k + 1,)
        J(w) at each of those.
    slope : ndarray of shape (k + 1,)
        dJ/dw at each of those (the tangent's slope).
    learning_rate : float
        α.
    b : float
        The fixed bias.
    """

    w: np.ndarray
    cost: np.ndarray
    slope: np.ndarray
    learning_rate: float
    b: float

    @property
    def steps(self) -> int:
        """k, the number of steps taken."""
        return int(self.w.size - 1)

    @property
    def next_w(self) -> float:
        """Where the next step lands: w − α · dJ/dw at the current w."""
        return _step(float(self.w[-1]), float(self.slope[-1]), self.learning_rate)

    @property
    def verdict(self) -> str:
        """One of :data:`VERDICTS`.

        "start" before any step; "diverging" when some step raised J (α too
        large: the step jumped past the minimum and landed higher up the other
        side; with a small enough α gradient descent never raises J);
        "overshooting" when w has jumped past the minimum (the slope changed
        sign, not counting slopes within 10⁻⁹ of the largest, which rounding
        leaves at the minimum with either sign) but every step still lowered
        J; "converging" otherwise.
        """
        if self.steps == 0:
            return "start"
        if np.any(self.cost[1:] > self.cost[:-1] * (1.0 + 1e-12)):
            return "diverging"
        # a slope within rounding of 0 has no sign: at the minimum it flips at random
        floor = 1e-9 * float(np.max(np.abs(self.slope)))
        signs = np.where(np.abs(self.slope) > floor, np.sign(self.slope), 0.0)
        if np.any(signs[1:] * signs[:-1] < 0):
            return "overshooting"
        return "converging"


def descend_1d(X, Y, w0, *, b, learning_rate, steps, loss="ce") -> Descent1D:
    """Take ``steps`` gradient-descent steps on the one weight of a one-feature model.

    Parameters
    ----------
    X : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)
    w0 : float
        Starting weight.
    b : float
        Bias, held fixed (so the picture stays one-dimensional).
    learning_rate : float
        α > 0.
    steps : int
        Steps to take, 0 to 10,000.
    loss : {"ce", "se"}, default "ce"
        The cost walked down: cross-entropy, or the squared error (a − y)²
        (:func:`squared_error_costs`, :func:`squared_error_slope`).

    Returns
    -------
    Descent1D

    Notes
    -----
    Each step is w := w − α dw with dw = dJ/dw from
    :func:`~logreg_core.model.propagate` (or :func:`squared_error_slope`).
    Left of the minimum dw < 0, so w grows; right of it dw > 0, so w
    shrinks.  The gradient of either cost is bounded (|dw| ≤ mean |x| for
    the cross-entropy), so w stays finite for any finite α.
    """
    X, Y = _data(X, Y, n=1)
    w = _finite("w0", w0)
    b = _finite("b", b)
    alpha = _finite("learning_rate", learning_rate)
    if alpha <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
    if (
        isinstance(steps, bool)
        or not isinstance(steps, int | np.integer)
        or not 0 <= steps <= 10_000
    ):
        raise ValueError(f"steps must be a whole number from 0 to 10,000, got {steps!r}")
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
    ws, costs, slopes = [], [], []
    for t in range(int(steps) + 1):
        if loss == "ce":
            grads, J = propagate(np.array([[w]]), b, X, Y)
            slope = float(grads["dw"][0, 0])
        else:
            J = float(squared_error_costs(np.array([[w]]), b, X, Y)[0])
            slope = squared_error_slope(X, Y, w, b=b)
        ws.append(w)
        costs.append(J)
        slopes.append(slope)
        if t < steps:
            w = _step(w, slopes[-1], alpha)
    return Descent1D(np.array(ws), np.array(costs), np.array(slopes), alpha, b)


def tangent_line(w0, J0, slope, *, half_width):
    """The tangent to J at w0: J0 + slope · (w − w0), as a segment of two points.

    Parameters
    ----------
    w0, J0, slope : float
        The point of contact and dJ/dw there.
    half_width : float
        > 0; the segment spans w0 ± half_width.

    Returns
    -------
    w, J : ndarray of shape (2,)
    """
    w0, J0, slope = _finite("w0", w0), _finite("J0", J0), _finite("slope", slope)
    hw = _finite("half_width", half_width)
    if hw <= 0:
        raise ValueError(f"half_width must be > 0, got {half_width!r}")
    w = np.array([w0 - hw, w0 + hw])
    return w, J0 + slope * (w - w0)


@dataclass(frozen=True)
class StepLimits:
    """How large α may be at a point, from the curvature of J there.

    Attributes
    ----------
    curvature : float
        λ_max, the largest eigenvalue of the Hessian of J (> 0).
    zigzag : float
        1 / λ_max: with a larger α a step jumps past the minimum of the local
        bowl (the slope changes sign), so the descent zigzags.
    diverge : float
        2 / λ_max: with a larger α each jump lands further from the minimum of
        the local bowl than it started, so J rises.
    with_bias : bool
        True when the Hessian is over (w, b), False when over w alone (b fixed).
    """

    curvature: float
    zigzag: float
    diverge: float
    with_bias: bool


def step_limits(X, w, *, b, with_bias=True) -> StepLimits:
    """The α at which gradient descent starts to zigzag and to diverge, near (w, b).

    Parameters
    ----------
    X : ndarray of shape (n, m)
    w : float or ndarray of shape (n,) or (n, 1)
        The current weights.
    b : float
        The current bias.
    with_bias : bool, default True
        True: the curvature over (w, b), as when both are learned (the
        playground).  False: over w alone, as when b is held fixed (lesson 5).

    Returns
    -------
    StepLimits

    Notes
    -----
    H = X̃ diag(a(1 − a)) X̃ᵀ / m (:func:`~logreg_core.model.hessian`, X̃ = X with
    a row of ones for b).  Near the point J is a bowl with curvature λ_max along
    its steepest direction; one step multiplies the distance to that bowl's
    bottom along it by (1 − α λ_max): positive for α < 1/λ_max, negative (a
    jump past it) above, and larger than 1 in size (further away) for
    α > 2/λ_max.  J itself is no bowl, so these hold near the point only.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n, m) with m ≥ 1, got {X.shape}")
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != X.shape[0] or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be {X.shape[0]} finite weights, got {w.ravel().tolist()}")
    H = hessian(w, _finite("b", b), X)
    if not with_bias:
        H = H[:-1, :-1]
    lam = float(np.linalg.eigvalsh(H)[-1])
    if not lam > 0:
        raise ValueError(f"J has no curvature at w = {w.ravel().tolist()}, b = {b!r}")
    return StepLimits(curvature=lam, zigzag=1.0 / lam, diverge=2.0 / lam, with_bias=bool(with_bias))


# ----------------------------------------------------------------------------
# lesson 6: the computational graph of one example
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ChainRule:
    """Every number of the computational graph for one example, and the chain rule.

    Attributes
    ----------
    z, a, loss : float
        Forward: z = wᵀx + b, a = σ(z), L(a, y).
    da : float
        dL/da = −y/a + (1 − y)/(1 − a).
    dadz : float
        da/dz = a(1 − a).
    dz_chain : float
        da · da/dz, the chain rule multiplied out.
    dz : float
        a − y, what the product simplifies to.
    dw : ndarray of shape (n,)
        dwⱼ = xⱼ dz.
    db : float
        dz.
    values : ExampleValues
        The engine's record for this one example (m = 1).
    """

    z: float
    a: float
    loss: float
    da: float
    dadz: float
    dz_chain: float
    dz: float
    dw: np.ndarray
    db: float
    values: ExampleValues


def chain_rule(x, w, b, y) -> ChainRule:
    """Forward values and backward derivatives of one example, from the engine.

    Parameters
    ----------
    x : sequence of float, length n
        The example's features x1 … xn.
    w : sequence of float, length n
        The weights w1 … wn.
    b : float
    y : {0, 1}

    Returns
    -------
    ChainRule

    Notes
    -----
    The values come from :func:`~logreg_core.model.example_values` with m = 1;
    da/dz from :func:`sigmoid_slope`.  dz_chain equals dz up to rounding.
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if x.shape != w.shape or not (np.all(np.isfinite(x)) and np.all(np.isfinite(w))):
        raise ValueError(f"x and w must be finite and the same length, got {x.size} and {w.size}")
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    v = example_values(w, _finite("b", b), x, np.array([[y]]))
    z, da = float(v.z[0]), float(v.da[0])
    dadz = float(sigmoid_slope(z))
    return ChainRule(
        z=z,
        a=float(v.a[0]),
        loss=float(v.loss[0]),
        da=da,
        dadz=dadz,
        dz_chain=da * dadz,
        dz=float(v.dz[0]),
        dw=v.dw[:, 0].copy(),
        db=float(v.db[0]),
        values=v,
    )


# ----------------------------------------------------------------------------
# lesson 7: the loop over m examples against the vectorized form
# ----------------------------------------------------------------------------


def best_time(fn: Callable[[], object], *, repeats=5, budget=1.0) -> float:
    """The shortest of a few timed calls of ``fn()``, in seconds.

    Parameters
    ----------
    fn : callable with no arguments
    repeats : int, default 5
        At most this many calls (≥ 1).
    budget : float, default 1.0
        Stop repeating once this many seconds have been spent (at least one
        call is always made).

    Returns
    -------
    float
        min over the calls of ``time.perf_counter()`` after − before.
    """
    if isinstance(repeats, bool) or not isinstance(repeats, int) or repeats < 1:
        raise ValueError(f"repeats must be a whole number ≥ 1, got {repeats!r}")
    budget = _finite("budget", budget)
    best, spent = math.inf, 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best, spent = min(best, dt), spent + dt
        if spent >= budget:
            break
    return best


@dataclass(frozen=True)
class LoopVsVectorized:
    """The article's loop and the vectorized code, run on the same data.

    Attributes
    ----------
    loop, vectorized : tuple (grads, cost)
        What :func:`~logreg_core.model.propagate_loop` and
        :func:`~logreg_core.model.propagate` returned.
    max_abs_diff : float
        Largest |difference| over J, dw1 … dwn and db.
    loop_seconds, vectorized_seconds : float
        Best measured time of one call each.
    """

    loop: tuple
    vectorized: tuple
    max_abs_diff: float
    loop_seconds: float
    vectorized_seconds: float

    @property
    def speedup(self) -> float:
        """How many times faster the vectorized code ran."""
        return self.loop_seconds / max(self.vectorized_seconds, 1e-9)


def _flat(result) -> np.ndarray:
    grads, J = result
    return np.concatenate([[J], np.ravel(grads["dw"]), [grads["db"]]])


def compare_loop_vectorized(w, b, X, Y, *, repeats=5, budget=1.0) -> LoopVsVectorized:
    """Run and time the explicit loop over i = 1..m and the vectorized step.

    Parameters
    ----------
    w : ndarray of shape (n, 1)
    b : float
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
    repeats : int, default 5
        Timed calls of each (best kept), see :func:`best_time`.
    budget : float, default 1.0
        Seconds each of the two may spend on repeats.

    Returns
    -------
    LoopVsVectorized

    Notes
    -----
    Loop: for i = 1..m, z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b, a⁽ⁱ⁾ = σ(z⁽ⁱ⁾), J += L, dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾,
    dwⱼ += xⱼ⁽ⁱ⁾dz⁽ⁱ⁾, db += dz⁽ⁱ⁾; then divide by m.
    Vectorized: Z = wᵀX + b, A = σ(Z), dZ = A − Y, dw = X dZᵀ / m, db = mean(dZ).
    """
    X, Y = _data(X, Y)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != X.shape[0]:
        raise ValueError(f"w must hold {X.shape[0]} weights, got {w.shape[0]}")
    b = _finite("b", b)
    loop = propagate_loop(w, b, X, Y)
    vec = propagate(w, b, X, Y)
    return LoopVsVectorized(
        loop=loop,
        vectorized=vec,
        max_abs_diff=float(np.max(np.abs(_flat(loop) - _flat(vec)))),
        loop_seconds=best_time(lambda: propagate_loop(w, b, X, Y), repeats=repeats, budget=budget),
        vectorized_seconds=best_time(lambda: propagate(w, b, X, Y), repeats=repeats, budget=budget),
    )


@dataclass(frozen=True)
class LoopSteps:
    """The article's loop over i = 1 … m, one example at a time, ending in one update.

    Attributes
    ----------
    dw : ndarray of shape (n, m)
        Each example's contribution x⁽ⁱ⁾ dz⁽ⁱ⁾ to the sum for dw.
    db : ndarray of shape (m,)
        Each example's dz⁽ⁱ⁾.
    dw_sum : ndarray of shape (n, m)
        The running sums dw1, dw2, … after examples 1 … i (column i − 1).
    db_sum : ndarray of shape (m,)
        The running sum db after examples 1 … i.
    w_path : ndarray of shape (n, m + 1)
        w, then w − (α/m)·dw_sum after each example: where the update has got
        to once example i has added its share.  The last column is w − α dw.
    mean_dw : ndarray of shape (n,)
        dw_sum after all m examples, divided by m.
    mean_db : float
        db_sum after m, divided by m.
    learning_rate : float
        α.
    """

    dw: np.ndarray
    db: np.ndarray
    dw_sum: np.ndarray
    db_sum: np.ndarray
    w_path: np.ndarray
    mean_dw: np.ndarray
    mean_db: float
    learning_rate: float

    @property
    def m(self) -> int:
        """The number of examples."""
        return int(self.db.size)


def loop_steps(w, b, X, Y, *, learning_rate) -> LoopSteps:
    """Accumulate dw and db example by example, as the article's loop does.

    Parameters
    ----------
    w : ndarray of shape (n, 1) or (n,)
    b : float
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
    learning_rate : float
        α > 0, for where the update lands.

    Returns
    -------
    LoopSteps

    Notes
    -----
    dw = 0, db = 0; for i = 1 … m: dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾, dw += x⁽ⁱ⁾ dz⁽ⁱ⁾,
    db += dz⁽ⁱ⁾; then dw /= m, db /= m and w := w − α dw.  The per-example
    values are the engine's (:func:`~logreg_core.model.example_values`); the
    sums are running sums in the loop's order.  After m examples the result is
    the vectorized dw = X dZᵀ / m and db = mean(dZ) of
    :func:`~logreg_core.model.propagate`, up to rounding.
    """
    X, Y = _data(X, Y)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != X.shape[0] or not np.all(np.isfinite(w)):
        raise ValueError(f"w must be {X.shape[0]} finite weights, got {w.ravel().tolist()}")
    alpha = _finite("learning_rate", learning_rate)
    if alpha <= 0:
        raise ValueError(f"learning_rate must be > 0, got {learning_rate!r}")
    v = example_values(w, _finite("b", b), X, Y)
    m = X.shape[1]
    dw_sum = np.cumsum(v.dw, axis=1)
    db_sum = np.cumsum(v.db)
    path = np.hstack([w, w - alpha / m * dw_sum])
    return LoopSteps(
        dw=v.dw,
        db=v.db,
        dw_sum=dw_sum,
        db_sum=db_sum,
        w_path=path,
        mean_dw=dw_sum[:, -1] / m,
        mean_db=float(db_sum[-1] / m),
        learning_rate=alpha,
    )


# ----------------------------------------------------------------------------
# lesson 8: many iterations
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Milestones:
    """A training History read at chosen iteration counts.

    Attributes
    ----------
    steps : ndarray of shape (k,), int
        The iteration counts asked for that the run reached.
    recorded : ndarray of shape (k,), int
        The step of the record read for each (the last at or before it; the
        record schedule of :func:`~logreg_core.train.train` keeps round counts).
    cost, accuracy, norm_w : ndarray of shape (k,)
        J, training accuracy and ‖w‖ at (the last record at or before) each.
    """

    steps: np.ndarray
    recorded: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray
    norm_w: np.ndarray


def best_accuracy_step(history: History) -> int:
    """The first recorded iteration at which the training accuracy reached its best.

    Parameters
    ----------
    history : History

    Returns
    -------
    int
        ``history.steps`` at the first record holding the largest accuracy.
        Training after it can still lower J (the model grows more confident)
        but classifies no more training examples correctly.
    """
    return int(history.steps[int(np.argmax(history.accuracy))])


def milestones(history: History, steps: Sequence[int]) -> Milestones:
    """J, accuracy and ‖w‖ after 1,000, 10,000, … iterations of one run.

    Parameters
    ----------
    history : History
    steps : sequence of int
        Iteration counts; those beyond the run's last update are dropped.

    Returns
    -------
    Milestones
    """
    last = int(history.steps[-1])
    keep = np.array([int(s) for s in steps if 0 <= int(s) <= last], dtype=np.int64)
    idx = np.array([history.index_of(int(s)) for s in keep], dtype=np.int64)
    if idx.size == 0:
        empty = np.empty(0)
        return Milestones(keep, keep.copy(), empty, empty, empty)
    return Milestones(
        steps=keep,
        recorded=history.steps[idx],
        cost=history.cost[idx],
        accuracy=history.accuracy[idx],
        norm_w=np.linalg.norm(history.w[idx], axis=1),
    )
