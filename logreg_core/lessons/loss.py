"""Lesson 3 · The loss: L(a, y) over a for y = 1 and y = 0, against the squared error.

Also what lesson 4 builds on: the squared error (a − y)² and its push on the
score, d(a − y)²/dz, the rival of cross-entropy's dz = a − y.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import checks
from ..figures.style import CURRENT_COLOR, FORWARD_COLOR, base_layout, words
from ..formatting import fmt
from ..model import backward, loss, sigmoid
from .shared import RIVAL_COLOR, dots, line
from .sigmoid import logit, sigmoid_slope

__all__ = [
    "TEXTS",
    "curves",
    "loss_figure",
    "loss_of_a",
    "push_on_z",
    "squared_error",
    "squared_error_dz",
]

#: The words :func:`loss_figure` writes, by key of the ``[figures_lessons]`` table.
TEXTS = ("loss_ce", "loss_se", "loss_x_axis", "loss_y_axis")


def _label(y) -> None:
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")


def loss_of_a(a, y):
    """The cross-entropy L(a, y) = −(y log a + (1 − y) log(1 − a)) over predictions a in (0, 1).

    Parameters
    ----------
    a : float or ndarray
    y : {0, 1}

    Returns
    -------
    ndarray of the shape of ``a``
        −log a for y = 1, −log(1 − a) for y = 0: the engine's own stable
        :func:`~logreg_core.model.loss` at z = logit(a).
    """
    _label(y)
    return loss(logit(a), y)


def squared_error(a, y):
    """The squared error (a − y)² of linear regression, ``a`` and ``y`` broadcast together."""
    d = np.asarray(a, dtype=np.float64) - np.asarray(y, dtype=np.float64)
    return d * d


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
    the extra factor a(1 − a) is nearly 0 wherever σ saturates, so a
    confidently wrong prediction gets almost no push.
    """
    a = sigmoid(z)
    return 2.0 * (a - np.asarray(y, dtype=np.float64)) * sigmoid_slope(z)


def push_on_z(a, y) -> tuple[float, float]:
    """dL/dz of the cross-entropy, a − y, and of the squared error, for a in (0, 1) and y in {0, 1}.

    Returns
    -------
    ce, se : float
        From :func:`~logreg_core.model.backward` and :func:`squared_error_dz`:
        how hard gradient descent pushes the score.
    """
    _label(y)
    z = logit(checks.real("a", a))
    dZ, _, _ = backward(np.ones((1, 1)), sigmoid(z).reshape(1, 1), np.array([[y]]))
    return float(dZ[0, 0]), float(squared_error_dz(z, y))


def curves(a0: float, *, points: int = 500):
    """Everything lesson 3 draws: the a grid, L and the squared error for y = 1 and 0, values at a0.

    Parameters
    ----------
    a0 : float
        The chosen prediction, strictly between 0 and 1.
    points : int, default 500

    Returns
    -------
    a : ndarray of shape (points,)
        From 0.0005 to 0.9995.
    curves : dict of ndarray
        "L1" = −log a, "L0" = −log(1 − a), "SE1" = (a − 1)², "SE0" = a².
    at : dict of float
        The same four at a0, and "dz_ce1", "dz_se1", "dz_ce0", "dz_se0" (dL/dz for y = 1 and 0).
    """

    def four(a):
        return {
            "L1": loss_of_a(a, 1),
            "L0": loss_of_a(a, 0),
            "SE1": squared_error(a, 1),
            "SE0": squared_error(a, 0),
        }

    a = np.linspace(0.0005, 0.9995, points)
    at = {key: float(value) for key, value in four(a0).items()}
    at["dz_ce1"], at["dz_se1"] = push_on_z(a0, 1)
    at["dz_ce0"], at["dz_se0"] = push_on_z(a0, 0)
    return a, four(a), at


def loss_figure(
    a,
    loss_pos,
    loss_neg,
    se_pos,
    se_neg,
    *,
    point_a: float,
    point_loss: tuple[float, float],
    point_se: tuple[float, float],
    y_max: float | None = None,
    height: int = 430,
    texts: Mapping[str, str],
) -> go.Figure:
    """The two cases of the loss side by side, with the squared error for comparison.

    Parameters
    ----------
    a : ndarray of shape (g,)
        Predictions in (0, 1).
    loss_pos, loss_neg : ndarray of shape (g,)
        L(a, 1) = −log a and L(a, 0) = −log(1 − a).
    se_pos, se_neg : ndarray of shape (g,)
        (a − 1)² and a².
    point_a : float
        The chosen a.
    point_loss, point_se : (float, float)
        L and the squared error at ``point_a``, for y = 1 and for y = 0.
    y_max : float, optional
        Top of the vertical axis (−log a grows without bound as a → 0); by
        default the largest loss drawn plus 5 %.  The axis always holds the
        chosen point, so its marker sits at its true height.
    height : int, default 430
    texts : mapping of str to str
    """
    tx = words(texts, TEXTS)
    highest = float(max(np.max(loss_pos), np.max(loss_neg), *point_loss))
    y_max = 1.05 * highest if y_max is None else max(float(y_max), 1.05 * max(point_loss))
    fig = make_subplots(
        rows=1,
        cols=2,
        shared_yaxes=True,
        horizontal_spacing=0.06,
        subplot_titles=("y = 1:  L = −log a", "y = 0:  L = −log(1 − a)"),
    )
    panels = ((1, loss_pos, se_pos, 0), (2, loss_neg, se_neg, 1))
    for col, ce, se, k in panels:
        traces = [
            line(
                a,
                np.minimum(ce, 10 * y_max),  # a given y_max may cut the curve
                {"color": FORWARD_COLOR, "width": 3},
                name=tx["loss_ce"],
                legendgroup="ce",
                showlegend=col == 1,
            ),
            line(
                a,
                se,
                {"color": RIVAL_COLOR, "width": 2, "dash": "dash"},
                name=tx["loss_se"],
                legendgroup="se",
                showlegend=col == 1,
            ),
            dots(
                [point_a],
                [point_loss[k]],
                {"color": CURRENT_COLOR, "size": 11},
                mode="markers+text",
                text=[f"L = {fmt(point_loss[k])}"],
                textposition="top right" if point_a < 0.5 else "top left",
                textfont={"color": CURRENT_COLOR, "size": 13},
                showlegend=False,
                hoverinfo="skip",
            ),
            dots(
                [point_a],
                [point_se[k]],
                {"color": RIVAL_COLOR, "size": 9},
                showlegend=False,
                hovertemplate="(a − y)² = %{y:.4g}<extra></extra>",
            ),
        ]
        fig.add_traces(traces, rows=1, cols=col)
        fig.update_xaxes(title_text=tx["loss_x_axis"], range=[0, 1], row=1, col=col)
    fig.add_vline(x=point_a, line={"color": CURRENT_COLOR, "width": 1, "dash": "dot"})
    layout = base_layout(height=height)
    layout["margin"] = {**layout["margin"], "t": 90}
    layout["legend"] = {**layout["legend"], "y": 1.12}
    fig.update_layout(**layout)
    fig.update_yaxes(range=[0, y_max], row=1, col=1, title_text=tx["loss_y_axis"])
    fig.update_yaxes(range=[0, y_max], row=1, col=2)
    return fig
