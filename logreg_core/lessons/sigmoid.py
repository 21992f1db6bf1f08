"""Lesson 2 · The sigmoid: from a score z to a probability a, its slope, where it saturates.

Also what later lessons build on: the slope ∂a/∂z = a(1 − a) (lessons 3 and
6) and the logit, the inverse of σ (lesson 3 draws the loss over a with it).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

from .. import checks
from ..figures.style import BACKWARD_COLOR, CURRENT_COLOR, FORWARD_COLOR, base_layout, words
from ..model import sigmoid, sigmoid_slope  # the slope lesson 2 teaches, written once in the model
from .shared import GUIDE, SHADE_COLOR, dots, line, point_on_curve

__all__ = [
    "TEXTS",
    "curves",
    "logit",
    "saturated",
    "saturation_bound",
    "sigmoid_figure",
    "sigmoid_slope",
]

#: The words :func:`sigmoid_figure` writes, by key of the ``[figures_lessons]`` table.
TEXTS = (
    "sigmoid_saturated_low",
    "sigmoid_saturated_high",
    "sigmoid_slope",
    "sigmoid_chosen",
    "sigmoid_x_axis",
)


def logit(a):
    """The inverse of the sigmoid, the log-odds z = log(a / (1 − a)) with σ(z) = a.

    Parameters
    ----------
    a : float or ndarray of any shape
        Probabilities strictly between 0 and 1, or ValueError.

    Returns
    -------
    z : ndarray of the same shape
    """
    a = np.asarray(a, dtype=np.float64)
    if not np.all((a > 0.0) & (a < 1.0)):
        raise ValueError(f"a must be strictly between 0 and 1, got {a[~((a > 0) & (a < 1))][:3]}")
    return np.log(a) - np.log1p(-a)


def saturation_bound(*, slope=0.01) -> float:
    """The z* > 0 beyond which the sigmoid's slope a(1 − a) is below ``slope`` (in (0, 0.25)).

    a(1 − a) = s gives a = (1 + √(1 − 4s)) / 2 and z* = logit(a); z* ≈ 4.585 for s = 0.01.
    """
    s = checks.real("slope", slope, low=0.0, high=0.25, low_open=True, high_open=True)
    return float(logit((1.0 + math.sqrt(1.0 - 4.0 * s)) / 2.0))


def saturated(z, *, slope=0.01) -> np.ndarray:
    """Where σ saturates: |z| beyond :func:`saturation_bound`, its slope a(1 − a) below ``slope``.

    Parameters
    ----------
    z : float or ndarray of any shape
    slope : float, default 0.01

    Returns
    -------
    ndarray of bool, the shape of ``z``
    """
    return np.abs(np.asarray(z, dtype=np.float64)) > saturation_bound(slope=slope)


def curves(z0: float, *, limit: float = 10.0, points: int = 401):
    """Everything lesson 2 draws: the z grid, σ(z), its slope, and the values at z0.

    Parameters
    ----------
    z0 : float
        The chosen score.
    limit : float, default 10.0
        The grid runs from −limit to limit.
    points : int, default 401

    Returns
    -------
    z, a, slope : ndarray of shape (points,)
    at : dict
        z0, a, 1 − a (= σ(−z)), the slope a(1 − a) and the odds a / (1 − a) at z0.
    """
    z = np.linspace(-limit, limit, points)
    a0, a_neg = (float(v) for v in sigmoid(np.array([z0, -z0])))
    at = {
        "z": float(z0),
        "a": a0,
        "1 - a": a_neg,
        "slope": float(sigmoid_slope(z0)),
        "odds": a0 / a_neg,
    }
    return z, sigmoid(z), sigmoid_slope(z), at


def sigmoid_figure(
    z,
    a,
    slope,
    *,
    point_z: float,
    point_a: float,
    saturation: float,
    height: int = 430,
    texts: Mapping[str, str],
) -> go.Figure:
    """σ(z) and its slope ∂a/∂z, with σ(0) = 0.5 and the saturated ends shaded.

    Parameters
    ----------
    z, a, slope : ndarray of shape (g,)
        Scores, a = σ(z) and ∂a/∂z = a(1 − a).
    point_z, point_a : float
        The chosen score and its a.
    saturation : float
        |z| beyond which the slope is tiny; both ends beyond it are shaded.
    height : int, default 430
    texts : mapping of str to str
    """
    tx = words(texts, TEXTS)
    lo, hi = float(np.min(z)), float(np.max(z))
    fig = go.Figure()
    ends = ((lo, -saturation, lo, 0.62, "low"), (saturation, hi, hi, 0.38, "high"))
    for x0, x1, edge, y, side in ends:
        if x1 > x0:
            fig.add_vrect(x0=x0, x1=x1, fillcolor=SHADE_COLOR, line_width=0, layer="below")
        fig.add_annotation(
            x=(x0 + x1) / 2 if x1 > x0 else edge,
            y=y,
            text=tx[f"sigmoid_saturated_{side}"],
            showarrow=False,
            font={"color": BACKWARD_COLOR},
        )
    for level in (0.0, 1.0):
        fig.add_hline(y=level, line=GUIDE)
    fig.add_trace(line(z, a, {"color": FORWARD_COLOR, "width": 3}, name="a = σ(z)"))
    slope_line = {"color": BACKWARD_COLOR, "width": 2, "dash": "dash"}
    fig.add_trace(line(z, slope, slope_line, name=tx["sigmoid_slope"]))
    fig.add_trace(
        dots(
            [0.0],
            [0.5],
            {"color": FORWARD_COLOR, "size": 9},
            mode="markers+text",
            text=["σ(0) = 0.5"],
            textposition="middle left",
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_traces(
        point_on_curve(point_z, point_a, lo, name=tx["sigmoid_chosen"], color=CURRENT_COLOR)
    )
    fig.update_layout(**base_layout(height=height))
    fig.update_xaxes(title_text=tx["sigmoid_x_axis"], range=[lo, hi])
    fig.update_yaxes(title_text="a = σ(z)", range=[-0.05, 1.05])
    return fig
