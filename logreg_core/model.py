"""The one-neuron model: forward and backward, side by side.

Notation follows the article (docs/ARCHITECTURE.md): columns are examples.

======================  ==========  =====================
article                 code        shape
======================  ==========  =====================
X (n features, m ex.)   ``X``       (n, m)
Y (labels 0/1)          ``Y``       (1, m)
w, b                    ``w``, b    (n, 1), float
z = wᵀx + b, a = σ(z)   ``Z, A``    (1, m)
L(a, y), J              loss, cost  (1, m), float
da, dz, dw, db          ...         (1, m), (1, m), (n, 1), float
======================  ==========  =====================

Each formula of the model (σ, the loss, the gradients, the L2 term, the
Hessian) is written once, here (the update w − α·dw is in
:mod:`logreg_core.train`), in a form that cannot overflow: σ(z) and the loss
L = softplus(z) − y z both read ``exp(-|z|)``, so ``log(0)`` is never
evaluated and no ``RuntimeWarning`` is raised for any finite ``z``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

__all__ = [
    "DA_LIMIT",
    "Derivation",
    "ExampleValues",
    "Step",
    "accuracy",
    "backward",
    "cost",
    "cost_from_z",
    "derivation",
    "example_values",
    "forward",
    "forward_cost",
    "hessian",
    "l2_gradient",
    "l2_penalty",
    "loss",
    "predict",
    "propagate",
    "propagate_loop",
    "sigmoid",
    "sigmoid_slope",
    "softplus",
]

#: Largest magnitude reported for ``da``.  ``da = 1 + e^z`` for ``y = 0`` grows
#: without bound; past ``e^709`` it would overflow float64, so it is capped here.
DA_LIMIT = float(np.finfo(np.float64).max)
_LOG_DA_LIMIT = float(np.log(DA_LIMIT)) - 1e-9


def _as_float(z) -> np.ndarray:
    return np.asarray(z, dtype=np.float64)


def _sigmoid_from(z, e, out=None, tmp=None) -> np.ndarray:
    """σ(z) from e = exp(−|z|): 1/(1+e) if z ≥ 0, else e/(1+e); into ``out`` (``tmp``: 1+e)."""
    if out is None:
        out = np.array(e, dtype=np.float64)
    else:
        np.copyto(out, e)
    np.copyto(out, 1.0, where=z >= 0)
    np.divide(out, np.add(e, 1.0, out=tmp), out=out)
    return out


def _softplus_from(z, e, out=None, tmp=None) -> np.ndarray:
    """softplus(z) = log(1 + e^z) from e = exp(−|z|): max(z, 0) + log1p(e), into ``out``."""
    out = np.maximum(z, 0.0, out=out)
    out += np.log1p(e, out=tmp)
    return out


def sigmoid(z):
    """The logistic function σ(z) = 1 / (1 + e^(−z)).

    Parameters
    ----------
    z : float or ndarray of any shape
        Scores.  Any finite value is accepted, including ±1e308.

    Returns
    -------
    a : ndarray of the same shape as ``z``, float64
        Values in [0, 1].  In float64, σ(z) rounds to exactly 1.0 for z ≳ 37
        and underflows to 0.0 for z ≲ −745; both are correct roundings.

    Notes
    -----
    Computed as ``1/(1+e)`` for z ≥ 0 and ``e/(1+e)`` for z < 0 with
    ``e = exp(−|z|) ≤ 1``, so the exponential never overflows and no warning is
    raised.
    """
    z = _as_float(z)
    return _sigmoid_from(z, np.exp(-np.abs(z)))


def sigmoid_slope(z):
    """da/dz = a(1 − a) with a = σ(z), of z's shape, in [0, 0.25] (0.25 at z = 0).

    Computed as σ(z) · σ(−z): 1 − σ(z) = σ(−z) keeps its precision where a
    rounds to 1 (a − 1 would cancel to 0 for z ≳ 37).
    """
    z = _as_float(z)
    return sigmoid(z) * sigmoid(-z)


def softplus(z):
    """softplus(z) = log(1 + e^z), stable for any finite z.

    Parameters
    ----------
    z : float or ndarray of any shape

    Returns
    -------
    ndarray of the same shape as ``z``, float64, ≥ 0.

    Notes
    -----
    ``−log σ(z) = softplus(−z)`` and ``−log(1 − σ(z)) = softplus(z)``, which is
    how the loss avoids ``log(0)``.
    """
    z = _as_float(z)
    return _softplus_from(z, np.exp(-np.abs(z)))


# ----------------------------------------------------------------------------
# forward                                   | backward
# ----------------------------------------------------------------------------


def forward(w, b, X):
    """Forward pass: z = wᵀx + b, a = σ(z), for all m examples at once.

    Parameters
    ----------
    w : ndarray of shape (n, 1)
    b : float
    X : ndarray of shape (n, m)

    Returns
    -------
    Z : ndarray of shape (1, m)
    A : ndarray of shape (1, m)

    Notes
    -----
    Z = wᵀX + b,  A = σ(Z).  The matching backward step is :func:`backward`.
    """
    Z = w.T @ X + b
    return Z, sigmoid(Z)


def forward_cost(w, b, X, Y):
    """Forward pass and the cost together: z, a = σ(z) and J, sharing one exponential.

    Parameters
    ----------
    w : ndarray of shape (n, 1)
    b : float
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
        Labels 0/1 (as floats or ints).

    Returns
    -------
    Z : ndarray of shape (1, m)
    A : ndarray of shape (1, m)
    J : float
        The cross-entropy averaged over the m examples.

    Notes
    -----
    Z = wᵀX + b, A = σ(Z), J = (1/m) Σ (softplus(z) − y z), σ and softplus
    reading one e = exp(−|z|): :meth:`Step.forward` once, the forward half of
    every gradient-descent step; its backward half is :func:`backward`.
    """
    step = Step(_as_float(X), Y)
    J = step.forward(_as_float(w), b)
    return step.Z, step.A, J


def backward(X, A, Y):
    """Backward pass: dz = a − y, then dw = X dzᵀ / m and db = mean(dz).

    Parameters
    ----------
    X : ndarray of shape (n, m)
    A : ndarray of shape (1, m)
        Activations from :func:`forward`.
    Y : ndarray of shape (1, m)
        Labels 0/1.

    Returns
    -------
    dZ : ndarray of shape (1, m)
    dw : ndarray of shape (n, 1)
    db : float

    Notes
    -----
    By the chain rule, dz = dL/da · da/dz = (−y/a + (1−y)/(1−a)) · a(1−a) = a − y.
    Then dL/dwᵢ = xᵢ dz and dL/db = dz; J is the mean of L, so dw and db are the
    means over the m examples.
    """
    return _backward(X, A, Y)


def _backward(X, A, Y, dZ=None, dw=None):
    """:func:`backward`, writing dZ and dw into the given arrays when there are some."""
    inv_m = 1.0 / X.shape[1]
    dZ = np.subtract(A, Y, out=dZ)
    dw = np.dot(X, dZ.T, out=dw)
    dw *= inv_m
    db = float(np.sum(dZ)) * inv_m
    return dZ, dw, db


class Step:
    """Forward and backward of gradient descent on one data set, in arrays kept between steps.

    A run makes up to a million steps on the same (X, Y); a step allocates no
    array of m numbers (on large data, fresh arrays cost a page fault for
    every page they touch, which the server's malloc settings make certain).
    :func:`forward_cost` and :func:`backward` are the same formulas, used once.

    Parameters
    ----------
    X : ndarray of shape (n, m), float64
    Y : ndarray of shape (1, m), labels 0/1

    Attributes
    ----------
    Z, A, dZ : ndarray of shape (1, m)
        z, a = σ(z) and dz of the last step; overwritten by the next one.
    dw : ndarray of shape (n, 1)
        dw of the last :meth:`backward`; overwritten by the next one.
    """

    def __init__(self, X: np.ndarray, Y) -> None:
        n, m = X.shape
        self.X = X
        self.Y = _as_float(Y).reshape(1, m)
        self.Z, self.A, self.dZ = np.empty((1, m)), np.empty((1, m)), np.empty((1, m))
        self._e, self._loss, self._tmp = np.empty((1, m)), np.empty((1, m)), np.empty((1, m))
        self.dw = np.empty((n, 1))
        self._inv_m = 1.0 / m

    def forward(self, w: np.ndarray, b: float) -> float:
        """Z = wᵀX + b, A = σ(Z) (into :attr:`Z`, :attr:`A`); returns J, the mean loss."""
        Z = np.dot(w.T, self.X, out=self.Z)
        Z += b
        e = np.abs(Z, out=self._e)  # e = exp(−|z|), shared by σ and the loss
        np.negative(e, out=e)
        np.exp(e, out=e)
        _sigmoid_from(Z, e, out=self.A, tmp=self._tmp)
        L = _softplus_from(Z, e, out=self._loss, tmp=self._tmp)  # L = softplus(z) − y z
        L -= np.multiply(self.Y, Z, out=self.dZ)
        return float(np.sum(L)) * self._inv_m

    def backward(self) -> tuple[np.ndarray, float]:
        """dZ = A − Y, dw = X dZᵀ / m (into :attr:`dZ`, :attr:`dw`); returns (dw, db)."""
        _, dw, db = _backward(self.X, self.A, self.Y, dZ=self.dZ, dw=self.dw)
        return dw, db


def loss(Z, Y):
    """Cross-entropy loss per example, computed from the scores.

    Parameters
    ----------
    Z : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    L : ndarray of shape (1, m), float64, ≥ 0

    Notes
    -----
    L(a, y) = −(y log a + (1 − y) log(1 − a)) with a = σ(z) equals
    softplus(z) − y z, which is what is computed (never ``log(0)``).
    """
    Z = _as_float(Z)
    return softplus(Z) - Y * Z


def cost_from_z(Z, Y) -> float:
    """Cost J = (1/m) Σ L(a⁽ⁱ⁾, y⁽ⁱ⁾) from the scores ``Z`` of shape (1, m)."""
    return float(np.mean(loss(Z, Y)))


def l2_penalty(w_sq, l2: float, m: int):
    """The L2 term added to J: (λ/2m)‖w‖², from ‖w‖² (a number or an array of them).

    Notes
    -----
    Forward: J_λ = J + (λ/2m)‖w‖².  Its backward step is :func:`l2_gradient`.
    Written as ``0.5 · λ · (1/m) · ‖w‖²``, the very arithmetic of ``train``.
    """
    return 0.5 * l2 * (1.0 / m) * w_sq


def l2_gradient(w, l2: float, m: int):
    """The L2 term's share of dw: (λ/m)·w, of the shape of ``w``."""
    return l2 * (1.0 / m) * w


def cost(w, b, X, Y) -> float:
    """Cost J(w, b) = (1/m) Σᵢ L(σ(wᵀx⁽ⁱ⁾ + b), y⁽ⁱ⁾), a float, for w (n, 1), X (n, m), Y (1, m)."""
    return cost_from_z(w.T @ X + b, Y)


def propagate(w, b, X, Y):
    """One forward and one backward pass over all m examples.

    Parameters
    ----------
    w : ndarray of shape (n, 1)
    b : float
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    grads : dict
        ``{"dw": ndarray of shape (n, 1), "db": float}``, the gradient of J.
    cost : float
        J at (w, b), cross-entropy averaged over m.

    Notes
    -----
    The article's vectorized summary::

        Z = wᵀX + b        dZ = A − Y
        A = σ(Z)           dw = X dZᵀ / m
        J = mean(L(A, Y))  db = mean(dZ)
    """
    w = _as_float(w)
    X = _as_float(X)
    _, A, J = forward_cost(w, float(b), X, Y)
    _, dw, db = backward(X, A, Y)
    return {"dw": dw, "db": db}, J


def hessian(w, b, X):
    """Second derivatives of J over (w, b): the curvature that limits the step α.

    For w of shape (n, 1), b a float and X of shape (n, m), H is (n + 1, n + 1),
    symmetric and positive semi-definite; rows and columns are w1 … wn, then b.

    Notes
    -----
    The bias is a weight on a feature that is always 1: with X̃ = [X; 1ᵀ] of
    shape (n + 1, m), forward is z = [w; b]ᵀ x̃ and backward is
    dJ/d[w; b] = X̃ dZᵀ / m with dZ = A − Y.  Differentiating once more, only A
    depends on the parameters, with da/dz = a(1 − a), so

        H = X̃ · diag(a(1 − a)) · X̃ᵀ / m.

    Near a point, J is the bowl ½ dᵀ H d; gradient descent shrinks the error
    along H's top eigenvector λ_max only while α < 2 / λ_max (:func:`sigmoid_slope`).
    """
    w = _as_float(w).reshape(-1, 1)
    X = _as_float(X)
    if X.ndim != 2 or X.shape[0] != w.shape[0] or X.shape[1] == 0:
        raise ValueError(f"X must have shape ({w.shape[0]}, m) with m ≥ 1, got {X.shape}")
    Z = w.T @ X + float(b)
    S = sigmoid_slope(Z)  # da/dz = a(1 − a), shape (1, m)
    Xt = np.vstack([X, np.ones((1, X.shape[1]))])
    return (Xt * S) @ Xt.T / X.shape[1]


def predict(w, b, X, threshold=0.5):
    """Predicted classes: 1 when a = σ(wᵀx + b) ≥ threshold, else 0.

    Parameters
    ----------
    w : ndarray of shape (n, 1)
    b : float
    X : ndarray of shape (n, m)
    threshold : float, default 0.5
        Strictly between 0 and 1.

    Returns
    -------
    ndarray of shape (1, m), int64, values 0/1
    """
    threshold = float(threshold)
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be strictly between 0 and 1, got {threshold!r}")
    _, A = forward(_as_float(w), float(b), _as_float(X))
    return (A >= threshold).astype(np.int64)


def accuracy(Z, Y) -> float:
    """Share of examples whose predicted class (1 ⇔ z ≥ 0, a ≥ 0.5) is their label y."""
    if Z.shape[1] == 0:
        return float("nan")
    return float(np.mean((Z >= 0) == (Y == 1)))


@dataclass(frozen=True)
class ExampleValues:
    """Every number of the computational graph, for each of k cases.

    The one type of the graph's numbers: the Step inspector reads it for the
    m examples at one step, the Train page's player for one example at each
    of its frames, lesson 6 for one example at one set of parameters.

    Attributes
    ----------
    z, a, loss : ndarray of shape (k,)
        Forward values z = wᵀx + b, a = σ(z), L(a, y).
    da : ndarray of shape (k,)
        dL/da = −y/a + (1 − y)/(1 − a), evaluated exactly from z (see Notes of
        :func:`example_values`); finite, capped at ±DA_LIMIT.
    dadz : ndarray of shape (k,)
        da/dz = a(1 − a), the sigmoid's slope (σ(z)·σ(−z), exact where a rounds to 1).
    dz : ndarray of shape (k,)
        dL/dz = da · da/dz = a − y.
    dw : ndarray of shape (n, k)
        dL/dwⱼ = xⱼ dz for each feature j (rows) and case (columns).
    db : ndarray of shape (k,)
        dL/db = dz.
    saturated : ndarray of shape (k,), bool
        True where a rounds to exactly 0.0 or 1.0 in float64, so that the
        textbook expression for da would divide by zero.
    da_capped : ndarray of shape (k,), bool
        True where |da| exceeded DA_LIMIT and was capped.
    """

    z: np.ndarray
    a: np.ndarray
    loss: np.ndarray
    da: np.ndarray
    dadz: np.ndarray
    dz: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    saturated: np.ndarray
    da_capped: np.ndarray

    @property
    def cost(self) -> float:
        """J, the mean of ``loss`` over the cases (NaN for none)."""
        return float(np.mean(self.loss)) if self.loss.size else float("nan")

    @property
    def mean_dw(self) -> np.ndarray:
        """dw, the mean over the cases of ``dw`` (the gradient of J), shape (n,)."""
        return self.dw.mean(axis=1) if self.dz.size else np.full(self.dw.shape[0], np.nan)

    @property
    def mean_db(self) -> float:
        """db, the mean of ``db`` (NaN for no case)."""
        return float(self.dz.mean()) if self.dz.size else float("nan")


def example_values(w, b, X, Y) -> ExampleValues:
    """Forward and backward values of the computational graph, case by case.

    Parameters
    ----------
    w : ndarray of shape (n,), (n, 1) or (n, k)
        One set of weights for every case, or one per case (a column each).
    b : float or ndarray of shape (k,)
    X : ndarray of shape (n, k), or (n, 1) with one example for every case
    Y : ndarray of shape (1, k) or (k,)

    Returns
    -------
    ExampleValues

    Notes
    -----
    Forward: z = wᵀx + b, a = σ(z), L = −(y log a + (1 − y) log(1 − a)).

    Backward: da = −y/a + (1 − y)/(1 − a), da/dz = a(1 − a), dz = da · da/dz
    = a − y, dwⱼ = xⱼ dz, db = dz.

    ``da`` is what students are shown, and a computed ``a`` may round to 0.0 or
    1.0 in float64 (|z| ≳ 37), where the formula above would divide by zero.
    Since 1/a = 1 + e^(−z) and 1/(1 − a) = 1 + e^z exactly, ``da`` is computed
    as −y(1 + e^(−z)) + (1 − y)(1 + e^z): the same value, without rounding
    ``a`` first.  It is therefore always finite: where it would exceed the
    largest float64 (|z| > 709) it is capped at ±DA_LIMIT and ``da_capped`` is
    set.  ``saturated`` marks the cases whose ``a`` rounded to 0 or 1.
    """
    w = _as_float(w)
    w = w.reshape(-1, 1) if w.ndim == 1 else w
    X = _as_float(X)
    y = _as_float(Y).reshape(-1)
    n = w.shape[0]
    if X.ndim != 2 or X.shape[0] != n:
        raise ValueError(f"X must have shape ({n}, m), got {X.shape}")
    k = max(w.shape[1], X.shape[1])
    if w.ndim != 2 or w.shape[1] not in (1, k) or X.shape[1] not in (1, k):
        raise ValueError(f"w must have shape ({n}, 1) or ({n}, {k}), got {w.shape}")
    if y.shape[0] != k:
        raise ValueError(f"Y must hold {k} labels, got {y.shape[0]}")
    if not np.all((y == 0) | (y == 1)):
        raise ValueError(f"Y must hold labels 0 and 1 only, got {np.unique(y)[:5]}")
    if w.shape[1] == 1:
        z = (w.T @ X).reshape(-1)
    else:  # one set of weights per case
        z = np.einsum("jk,jk->k", w, np.broadcast_to(X, w.shape))
    z = z + (_as_float(b) if np.ndim(b) else float(b))
    e = np.exp(-np.abs(z))
    a = _sigmoid_from(z, e)
    L = _softplus_from(z, e) - y * z
    # 1/a = 1 + e^(−z) and 1/(1 − a) = 1 + e^z; only the term the label selects
    # is formed (so 0 · huge never appears), its exponent clipped below overflow.
    pos = y == 1
    expo = np.minimum(np.where(pos, -z, z), _LOG_DA_LIMIT)
    da = np.where(pos, -1.0, 1.0) * (1.0 + np.exp(expo))
    dz = a - y
    return ExampleValues(
        z=z,
        a=a,
        loss=L,
        da=da,
        dadz=sigmoid_slope(z),
        dz=dz,
        dw=X * dz,
        db=dz.copy(),
        saturated=(a == 0.0) | (a == 1.0),
        da_capped=expo >= _LOG_DA_LIMIT,
    )


def propagate_loop(w, b, X, Y):
    """The article's explicit loop over the m examples, one at a time.

    Same result as :func:`propagate`, written the way the article first does
    it (J, dw1 … dwn and db accumulated over i = 1..m, then divided by m), so
    the two can be compared and timed side by side.

    Takes and returns what :func:`propagate` does.

    Notes
    -----
    For i = 1..m: z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b, a⁽ⁱ⁾ = σ(z⁽ⁱ⁾), J += L(a⁽ⁱ⁾, y⁽ⁱ⁾),
    dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾, dwⱼ += xⱼ⁽ⁱ⁾ dz⁽ⁱ⁾, db += dz⁽ⁱ⁾; then J, dw, db /= m.
    σ and L are the same stable scalar forms as the vectorized code.
    """
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    wl = [float(v) for v in np.asarray(w, dtype=np.float64).reshape(-1)]
    yl = [float(v) for v in np.asarray(Y).reshape(-1)]
    cols = X.T.tolist()
    J, db = 0.0, 0.0
    dw = [0.0] * n
    for i in range(m):
        x, y = cols[i], yl[i]
        z = b
        for j in range(n):
            z += wl[j] * x[j]
        e = math.exp(-abs(z))
        a = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)
        J += max(z, 0.0) + math.log1p(e) - y * z  # L(a, y) = softplus(z) − y z
        dz = a - y
        for j in range(n):
            dw[j] += x[j] * dz
        db += dz
    return {"dw": np.array(dw).reshape(n, 1) / m, "db": db / m}, J / m


@dataclass(frozen=True)
class Derivation:
    """The chain rule of one example, step by step, and a finite-difference check.

    Attributes
    ----------
    z, a, loss : float
        Forward: z = wᵀx + b, a = σ(z), L(a, y).
    y : int
        The label, 0 or 1.
    da : float
        Step 1, dL/da = −y/a + (1 − y)/(1 − a).
    dadz : float
        Step 2, da/dz = a(1 − a).
    product : float
        Step 3, da · da/dz: the chain rule multiplied out.
    dz : float
        Step 4, a − y: what the product simplifies to.
    x1 : float
        The example's first feature.
    dw1 : float
        ∂L/∂w1 = x1 · dz, by the chain rule.
    h : float
        The finite-difference step on w1.
    loss_plus, loss_minus : float
        L at w1 + h and at w1 − h (everything else unchanged).
    fd_dw1 : float
        (L(w1 + h) − L(w1 − h)) / (2h), the central finite difference.
    fd_error : float
        |fd_dw1 − dw1| / max(|dw1|, |fd_dw1|, 1e-12).
    """

    z: float
    a: float
    loss: float
    y: int
    da: float
    dadz: float
    product: float
    dz: float
    x1: float
    dw1: float
    h: float
    loss_plus: float
    loss_minus: float
    fd_dw1: float
    fd_error: float


def derivation(w, b, x, y, *, h=1e-6) -> Derivation:
    """Derive dz = a − y for one example with its numbers, and check ∂L/∂w1 numerically.

    Parameters
    ----------
    w : ndarray of shape (n, 1) or (n,)
    b : float
    x : ndarray of shape (n,) or (n, 1)
        One example's features.
    y : {0, 1}
        Its label.
    h : float, default 1e-6
        Step of the central finite difference on w1, > 0.

    Returns
    -------
    Derivation

    Notes
    -----
    Forward z = wᵀx + b, a = σ(z), L = −(y log a + (1 − y) log(1 − a)); backward

        da = −y/a + (1 − y)/(1 − a)          (step 1)
        da/dz = a(1 − a)                     (step 2)
        dz = da · da/dz                      (step 3)
           = −y(1 − a) + (1 − y)a = a − y    (step 4)
        ∂L/∂w1 = x1 · dz.

    ``da`` is the engine's (:func:`example_values`, finite where a rounds to 0
    or 1); da/dz is σ(z)σ(−z).  The check evaluates L, by :func:`loss`, at
    w1 ± h with everything else fixed.
    """
    w = _as_float(w).reshape(-1, 1)
    x = _as_float(x).reshape(-1, 1)
    if x.shape != w.shape:
        raise ValueError(f"x must hold {w.shape[0]} features, got {x.shape[0]}")
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    h = float(h)
    if not (math.isfinite(h) and h > 0):
        raise ValueError(f"h must be a finite number > 0, got {h!r}")
    b = float(b)
    v = example_values(w, b, x, np.array([[y]]))
    z, a, da = float(v.z[0]), float(v.a[0]), float(v.da[0])
    dadz = float(sigmoid(z) * sigmoid(-z))
    dz = float(v.dz[0])
    dw1 = float(v.dw[0, 0])
    shift = np.zeros_like(w)
    shift[0, 0] = h
    Y = np.array([[y]])
    plus = float(loss((w + shift).T @ x + b, Y)[0, 0])
    minus = float(loss((w - shift).T @ x + b, Y)[0, 0])
    fd = (plus - minus) / (2.0 * h)
    return Derivation(
        z=z,
        a=a,
        loss=float(v.loss[0]),
        y=int(y),
        da=da,
        dadz=dadz,
        product=da * dadz,
        dz=dz,
        x1=float(x[0, 0]),
        dw1=dw1,
        h=h,
        loss_plus=plus,
        loss_minus=minus,
        fd_dw1=fd,
        fd_error=abs(fd - dw1) / max(abs(dw1), abs(fd), 1e-12),
    )
