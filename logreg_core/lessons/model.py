"""Lesson 1 · The model: y' = σ(wx + b) on one feature, its curve, its boundary, its fit."""

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
from .shared import GUIDE, dots, line, point_on_curve, weights

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
    """z = wx + b and a = σ(z) along a line of inputs, for a one-feature model.

    Parameters
    ----------
    w, b : float
        The one weight and the bias.
    x : ndarray of shape (g,)

    Returns
    -------
    z, a : ndarray of shape (g,)
    """
    w, b = checks.real("w", w), checks.real("b", b)
    Z, A = forward(np.array([[w]]), b, checks.grid("x", x).reshape(1, -1))
    return Z[0], A[0]


def decision_point(w, b) -> float | None:
    """The input x = −b / w at which a = 0.5 (z = 0), or None when w = 0 (a is then flat)."""
    w, b = checks.real("w", w), checks.real("b", b)
    return None if w == 0.0 else -b / w


def fit_of(X, Y, w, *, b) -> tuple[float, float]:
    """The cost J and the training accuracy (1 ⇔ a ≥ 0.5) of the weights ``w`` and bias ``b``.

    Parameters
    ----------
    X, Y : ndarray of shape (n, m) and (1, m)
    w : sequence of float, length n
    b : float

    Returns
    -------
    J, accuracy : float
    """
    X, Y = checks.data(X, Y)
    Z, _ = forward(weights(w, X.shape[0]), checks.real("b", b), X)
    return cost_from_z(Z, Y), accuracy(Z, Y)


def data_range(X, *, pad: float = 0.5) -> tuple[float, float]:
    """floor(min x1 − pad) and ceil(max x1 + pad) of X (n, m): the range of lesson 1's sliders."""
    return float(np.floor(np.min(X[0]) - pad)), float(np.ceil(np.max(X[0]) + pad))


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
    x, y : ndarray of shape (m,)
        The feature of each example and its label 0/1 (drawn at that height).
    curve_x, curve_a : ndarray of shape (g,)
        The model's curve.
    point_x, point_a : float
        The chosen input and its a, marked on the curve.
    boundary : float or None
        x where a = 0.5, drawn as a dashed line when given.
    class_names : pair of str, default ("0", "1")
    height : int, default 430
    texts : mapping of str to str
    """
    tx = words(texts, TEXTS)
    fig = go.Figure()
    fig.add_hline(y=0.5, line=GUIDE)
    y = np.ravel(y)
    for cls in (0, 1):
        named = not class_names or class_names[cls] == str(cls)
        marker = {
            "color": CLASS_COLORS[cls],
            "symbol": CLASS_SYMBOLS[cls],
            "size": 9,
            "opacity": 0.75,
            "line": {"color": "white", "width": 0.5},
        }
        fig.add_trace(
            dots(
                np.ravel(x)[y == cls],
                y[y == cls],
                marker,
                name=f"y = {cls}" if named else f"y = {cls} ({plain(class_names[cls])})",
                showlegend=True,
            )
        )
    fig.add_trace(
        line(curve_x, curve_a, {"color": FORWARD_COLOR, "width": 3}, name="a = σ(wx + b)")
    )
    lo, hi = float(np.min(curve_x)), float(np.max(curve_x))
    if boundary is not None and lo <= boundary <= hi:
        right = boundary > (lo + hi) / 2
        fig.add_vline(x=boundary, line={"color": BOUNDARY_COLOR, "width": 1.5, "dash": "dash"})
        fig.add_annotation(
            x=boundary,
            y=0.2,
            text=tx["model_boundary"].format(x=fmt(boundary)),
            showarrow=False,
            xanchor="right" if right else "left",
            xshift=-6 if right else 6,
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
        title_text=tx["model_y_axis"], range=[-0.08, 1.08], tickvals=[0, 0.25, 0.5, 0.75, 1]
    )
    return fig
