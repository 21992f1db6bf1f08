"""Lesson 1 · The model: y' = σ(wx + b) on one feature, its curve, its boundary, its fit.

The numbers come from :func:`~logreg_core.model.forward`,
:func:`~logreg_core.model.cost_from_z` and :func:`~logreg_core.model.accuracy`;
the figure places them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from .. import checks
from ..figures.style import (
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_SYMBOLS,
    CURRENT_COLOR,
    FORWARD_COLOR,
    base_layout,
    plain,
    words,
)
from ..formatting import fmt
from ..model import accuracy, cost_from_z, forward
from .shared import GUIDE, floats, point_on_curve, weights

__all__ = [
    "TEXTS",
    "data_range",
    "decision_point",
    "fit_of",
    "model_curve",
    "one_feature_figure",
]

#: The words :func:`one_feature_figure` writes, by key of the ``[figures_lessons]`` table.
TEXTS = ("model_boundary", "model_chosen", "model_x_axis", "model_y_axis")


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
    w, b = checks.real("w", w), checks.real("b", b)
    x = checks.grid("x", x)
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
    w, b = checks.real("w", w), checks.real("b", b)
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
    X, Y = checks.data(X, Y)
    Z, _ = forward(weights(w, X.shape[0]), checks.real("b", b), X)
    return cost_from_z(Z, Y), accuracy(Z, Y)


def data_range(X, *, pad: float = 0.5) -> tuple[float, float]:
    """Whole-number bounds around the first feature of X, ``pad`` beyond its extremes.

    Parameters
    ----------
    X : ndarray of shape (n, m)
    pad : float, default 0.5

    Returns
    -------
    lo, hi : float
        floor(min x1 − pad) and ceil(max x1 + pad): the range of lesson 1's sliders and curve.
    """
    return float(np.floor(np.min(X[0]) - pad)), float(np.ceil(np.max(X[0]) + pad))


# ----------------------------------------------------------------------------
# the figure
# ----------------------------------------------------------------------------


def _points(fig, x, y, labels, *, class_names, row=None, col=None, showlegend=True):
    labels = np.ravel(labels)
    for cls in (0, 1):
        sel = labels == cls
        fig.add_trace(
            go.Scatter(
                x=floats(np.ravel(x)[sel]),
                y=floats(np.ravel(y)[sel]),
                mode="markers",
                name=(
                    f"y = {cls}"
                    if not class_names or class_names[cls] == str(cls)
                    else f"y = {cls} ({plain(class_names[cls])})"
                ),
                marker={
                    "color": CLASS_COLORS[cls],
                    "symbol": CLASS_SYMBOLS[cls],
                    "size": 9,
                    "opacity": 0.75,
                    "line": {"color": "white", "width": 0.5},
                },
                showlegend=showlegend,
            ),
            row=row,
            col=col,
        )


def one_feature_figure(
    x,
    y,
    curve_x,
    curve_a,
    *,
    point_x: float,
    point_a: float,
    boundary: float | None,
    class_names: Sequence[str] = ("0", "1"),
    height: int = 430,
    texts: Mapping[str, str],
) -> go.Figure:
    """One-feature examples at y = 0 and y = 1, with the curve a = σ(wx + b) over them.

    Parameters
    ----------
    x : ndarray of shape (m,)
        The feature of each example.
    y : ndarray of shape (m,)
        Labels 0/1 (drawn at height 0 and 1).
    curve_x, curve_a : ndarray of shape (g,)
        The model's curve.
    point_x, point_a : float
        The chosen input and its a, marked on the curve.
    boundary : float or None
        x where a = 0.5, drawn as a dashed line when given.
    class_names : pair of str, default ("0", "1")
    height : int, default 430
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    fig = go.Figure()
    fig.add_hline(y=0.5, line=GUIDE)
    _points(fig, x, y, y, class_names=class_names)
    fig.add_trace(
        go.Scatter(
            x=floats(curve_x),
            y=floats(curve_a),
            mode="lines",
            name="a = σ(wx + b)",
            line={"color": FORWARD_COLOR, "width": 3},
        )
    )
    lo, hi = float(np.min(curve_x)), float(np.max(curve_x))
    if boundary is not None and lo <= boundary <= hi:
        fig.add_vline(x=boundary, line={"color": BOUNDARY_COLOR, "width": 1.5, "dash": "dash"})
        fig.add_annotation(
            x=boundary,
            y=0.2,
            text=tx["model_boundary"].format(x=fmt(boundary)),
            showarrow=False,
            xanchor="right" if boundary > (lo + hi) / 2 else "left",
            xshift=-6 if boundary > (lo + hi) / 2 else 6,
            font={"color": BOUNDARY_COLOR},
        )
    fig.add_traces(
        point_on_curve(
            point_x,
            point_a,
            lo,
            name=tx["model_chosen"],
            color=CURRENT_COLOR,
            mode="markers+text",
            text=[f"a = {fmt(point_a)}"],
            textposition="bottom right" if point_a > 0.5 else "top right",
            textfont={"color": CURRENT_COLOR, "size": 14},
        )
    )
    fig.update_layout(**base_layout(height=height))
    fig.update_xaxes(title_text=tx["model_x_axis"], range=[lo, hi], zeroline=False)
    fig.update_yaxes(
        title_text=tx["model_y_axis"],
        range=[-0.08, 1.08],
        tickvals=[0, 0.25, 0.5, 0.75, 1],
    )
    return fig
