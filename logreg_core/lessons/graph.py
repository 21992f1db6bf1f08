"""Lesson 6 · The computational graph of one example: forward values, backward derivatives.

The numbers come from :func:`~logreg_core.model.example_values` and
:func:`~logreg_core.train.train`; the figure is the step inspector's
(:func:`logreg_core.figures.graph.graph_figure`), not a second one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import checks
from ..model import ExampleValues, example_values
from ..train import History, train
from .sigmoid import sigmoid_slope

__all__ = ["ChainRule", "chain_rule", "one_step"]


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
    v = example_values(w, checks.real("b", b), x, np.array([[y]]))
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


def one_step(
    x: Sequence[float], w: Sequence[float], b: float, y: int, learning_rate: float
) -> History:
    """One gradient-descent update on a single example, by the engine's ``train``.

    Parameters
    ----------
    x : sequence of float, length n
        The example's features.
    w : sequence of float, length n
        The weights before the step.
    b : float
    y : {0, 1}
    learning_rate : float
        α.

    Returns
    -------
    History
        Two records: before the step and after it (w := w − α dw, b := b − α db).
    """
    X = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    w0 = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    return train(X, np.array([[y]]), learning_rate=learning_rate, num_iterations=1, w0=w0, b0=b)
