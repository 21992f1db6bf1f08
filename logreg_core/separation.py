"""Does the cost J have a lowest point on these examples, or do the classes separate?

The cross-entropy J is convex, but it has a lowest point only when the
classes overlap (or an L2 penalty λ > 0 is added): on separable examples J
keeps falling as w grows along a separating direction.  Lesson 4 teaches it;
the Train page says which case its own data is.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import checks
from .model import hessian, propagate

__all__ = ["Separation", "separation"]


@dataclass(frozen=True)
class Separation:
    """Whether the cross-entropy cost J(w, b) of a data set has a lowest point.

    Attributes
    ----------
    verdict : {"separable", "minimum", "undecided"}
        "separable": (w, b) puts every example strictly on its own side, so
        J(t·w, t·b) falls towards 0 as t grows and J has no minimiser.
        "minimum": the slopes of J vanish at (w, b), where the convex J is
        lowest.  "undecided": neither was found within the iterations allowed.
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
    gtol, stol : float, default 1e-9 and 1e-7
        The minimum is found when every slope |dwⱼ|, |db| is below
        ``gtol`` · max(1, max |X|) and the Newton step below ``stol`` times
        the size of (w, b): a small gradient alone also fades far out along
        a ray where J keeps falling.

    Returns
    -------
    Separation

    Notes
    -----
    Newton's method on J from w = 0, b = 0, each step halved until J falls.
    A separating (w, b) is checked example by example, (2y − 1)(wᵀx + b) > 0.
    On separable data the Hessian X̃ diag(a(1 − a)) X̃ᵀ / m fades as ‖w‖
    grows, so the steps get longer and a separating (w, b) soon turns up.
    """
    X, Y = checks.data(X, Y)
    max_iter = checks.whole("max_iter", max_iter, 1)
    gtol = checks.real("gtol", gtol) * max(1.0, float(np.max(np.abs(X))))
    n = X.shape[0]
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
        H = hessian(w, b, X)
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
