"""Lesson 6 · The computational graph of one example: forward values, backward derivatives.

The numbers come from :func:`~logreg_core.model.example_values` and
:func:`~logreg_core.train.train`; the figure is the step inspector's
(:func:`logreg_core.figures.graph.graph_figure`), not a second one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .. import checks
from ..model import ExampleValues, example_values
from ..train import History, train

__all__ = ["chain_rule", "one_step"]


def chain_rule(x, w, b, y) -> ExampleValues:
    """Forward values and backward derivatives of one example, from the engine.

    Parameters
    ----------
    x, w : sequence of float, length n
        The example's features and the weights.
    b : float
    y : {0, 1}

    Returns
    -------
    ExampleValues
        One case: z, a, L forward; da, ∂a/∂z, dz = da · ∂a/∂z = a − y, dw, db
        backward (the numbers the Step inspector and the Train page's player show).
    """
    x = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if x.shape != w.shape or not (np.all(np.isfinite(x)) and np.all(np.isfinite(w))):
        raise ValueError(f"x and w must be finite and the same length, got {x.size} and {w.size}")
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    return example_values(w, checks.real("b", b), x, np.array([[y]]))


def one_step(
    x: Sequence[float], w: Sequence[float], b: float, y: int, learning_rate: float
) -> History:
    """One gradient-descent update on a single example (as :func:`chain_rule`), by ``train``.

    Returns the History of two records: before the step and after it
    (w := w − α dw, b := b − α db, α = ``learning_rate``).
    """
    X = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    w0 = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    return train(X, np.array([[y]]), learning_rate=learning_rate, num_iterations=1, w0=w0, b0=b)
