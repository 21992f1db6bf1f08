"""The cost J over a grid of two weights: the bowl that gradient descent rolls down."""

from __future__ import annotations

import numpy as np

from .checks import grid
from .model import loss

__all__ = ["cost_surface"]

#: Temporary memory per block, in float64 elements (8 MB); the total stays under ~64 MB.
_BLOCK = 1 << 20
#: Below this bound on |z| the separable, paired fast path cannot overflow.
_FAST_Z = 350.0


def cost_surface(X, Y, w, b, grid1, grid2, axes=(0, 1)):
    """J(w, b) with two weights swept over a grid and the rest held fixed.

    Parameters
    ----------
    X : ndarray of shape (n, m)
    Y : ndarray of shape (1, m)
        Labels 0/1.
    w : ndarray of shape (n, 1)
        Weights; those not in ``axes`` stay at these values.
    b : float
        Bias, held fixed.
    grid1 : ndarray of shape (g1,)
        Values of w[axes[0]].
    grid2 : ndarray of shape (g2,)
        Values of w[axes[1]].
    axes : tuple of two distinct ints, default (0, 1)
        Which weights the grids sweep.  For one-feature data, use
        ``axes=(0, None)`` to sweep w1 along ``grid1`` and the bias along
        ``grid2``: the exact J(w, b).

    Returns
    -------
    J : ndarray of shape (g2, g1)
        ``J[j, i]`` is the cost with w[axes[0]] = grid1[i] and
        w[axes[1]] = grid2[j] (rows follow grid2, as a contour plot expects).

    Notes
    -----
    With z = c + u·p + v·q (c the fixed part of wᵀx + b, p and q the two swept
    features), J = (1/m) Σ softplus(z) − (1/m) Σ y z.

    When every |z| on the grid is below 350, the second sum is linear in
    (u, v), and the first is taken by :func:`_softplus_sums_separable`
    (absolute error below ~1e-13).  Otherwise each L = softplus(z) − y z is
    summed in the stable form of :func:`~logreg_core.model.loss`.  Work runs in
    blocks of about 1M elements: temporary memory stays under ~64 MB.
    """
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    y = np.asarray(Y, dtype=np.float64).reshape(-1)
    if y.shape[0] != m or m == 0:
        raise ValueError(f"Y must hold the {m} labels of X (m ≥ 1), got shape {np.shape(Y)}")
    w = np.asarray(w, dtype=np.float64).reshape(-1)
    if w.shape[0] != n:
        raise ValueError(f"w must hold {n} weights, got {w.shape[0]}")
    g1, g2 = grid("grid1", grid1), grid("grid2", grid2)
    a1, a2 = axes
    if a1 not in range(n) or (a2 is not None and a2 not in range(n)) or a1 == a2:
        raise ValueError(f"axes must be two distinct feature indices below {n}, got {axes!r}")

    p = X[a1]
    rest = np.ones(n, dtype=bool)
    rest[a1] = False
    if a2 is None:  # sweep the bias: q = 1, and b is replaced by v
        q = np.ones(m)
        c = w[rest] @ X[rest]
    else:
        q = X[a2]
        rest[a2] = False
        c = w[rest] @ X[rest] + float(b)

    zmax = np.abs(c) + np.abs(g1).max() * np.abs(p) + np.abs(g2).max() * np.abs(q)
    fast = bool(zmax.max() < _FAST_Z)
    total = np.zeros((g2.size, g1.size))
    mc = max(2, min(m, _BLOCK // max(g1.size, g2.size)))
    for k0 in range(0, m, mc):
        sl = slice(k0, min(m, k0 + mc))
        rows = max(1, _BLOCK // (g1.size * (sl.stop - k0)))
        if fast:
            total += _softplus_sums_separable(c[sl], p[sl], q[sl], g1, g2, rows)
        else:  # L = softplus(z) − y z per element: no cancellation between big sums
            for j0 in range(0, g2.size, rows):
                js = slice(j0, j0 + rows)
                z = c[sl] + g1[None, :, None] * p[sl] + g2[js, None, None] * q[sl]
                total[js] += loss(z, y[sl]).sum(axis=2)
    if fast:  # Σ y z is exactly linear in (u, v)
        total -= (y @ c) + g1[None, :] * (y @ p) + g2[:, None] * (y @ q)
    return total / m


def _softplus_sums_separable(c, p, q, g1, g2, rows):
    """Σₖ softplus(cₖ + u pₖ + v qₖ) for every (v, u) of the grid, when every |z| < 350.

    e^z = e^(c + u p) · e^(v q) needs only (g1 + g2)·m exponentials.  Examples are
    paired, k with k + h, and log1p(s) + log1p(t) = log1p(s + t + s t) halves the
    logarithms; with |z| < 350, s t cannot overflow.
    """
    h = c.size // 2
    P = np.exp(c + g1[:, None] * p)  # (g1, mc)
    Q = np.exp(g2[:, None] * q)  # (g2, mc)
    out = np.empty((g2.size, g1.size))
    buf = np.empty((3, rows, g1.size, h))  # reused: no fresh pages per block
    for j0 in range(0, g2.size, rows):
        js = slice(j0, j0 + rows)
        r = min(rows, g2.size - j0)
        s, t, st = buf[0, :r], buf[1, :r], buf[2, :r]
        np.multiply(P[None, :, :h], Q[js, None, :h], out=s)
        np.multiply(P[None, :, h : 2 * h], Q[js, None, h : 2 * h], out=t)
        np.multiply(s, t, out=st)
        s += t
        s += st
        total = np.log1p(s, out=s).sum(axis=2)
        if c.size % 2:  # the unpaired last example
            total += np.log1p(P[None, :, -1] * Q[js, None, -1])
        out[js] = total
    return out
