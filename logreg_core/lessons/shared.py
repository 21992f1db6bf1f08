"""What two or more lessons share: their data sets, the check of a weight vector, figure marks.

The project's colours and layout are :mod:`logreg_core.figures.style`; the
marks here are the lessons' own (the squared error drawn next to
cross-entropy, shaded stretches of a curve, dotted guide lines).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import plotly.graph_objects as go

__all__ = [
    "GUIDE",
    "ONE_FEATURE",
    "RIVAL_COLOR",
    "SHADE_COLOR",
    "TWO_FEATURES",
    "floats",
    "weights",
]

#: The one-feature data of lessons 1 to 5: two overlapping classes
#: (y = 0 around −0.5, y = 1 around 1.5), 40 examples, all used for training.
#: A setup in the playground's keys (:func:`logreg_core.pipeline.prepare`), so
#: "open in the playground" hands over the very data the lesson showed.
ONE_FEATURE: Mapping[str, object] = {
    "source": "generated",
    "kind": "one_feature",
    "n_samples": 40,
    "noise": 2.0,
    "balance": 0.5,
    "seed": 0,
    "test_share": 0.0,
    "features": ("x1",),
    "standardize": False,
}

#: The two-feature data of lessons 4 (the bowl), 6, 7 and 8: overlapping blobs.
TWO_FEATURES: Mapping[str, object] = {
    "source": "generated",
    "kind": "gauss",
    "n_samples": 200,
    "noise": None,
    "balance": 0.5,
    "seed": 0,
    "test_share": 0.0,
    "features": ("x1", "x2"),
    "standardize": False,
}

#: Secondary curves and bars (the squared error next to cross-entropy, the loop's time).
RIVAL_COLOR = "#7A7A7A"
#: Shading of the saturated ends of the sigmoid and of concave stretches of a cost.
SHADE_COLOR = "rgba(204, 51, 17, 0.10)"
#: Dotted guide lines (a = 0.5, a = 0 and 1, round iteration counts).
GUIDE = {"color": "#9A9A9A", "width": 1, "dash": "dot"}


def weights(w, n: int) -> np.ndarray:
    """``w`` as an (n, 1) column of finite floats, or ValueError naming it.

    Parameters
    ----------
    w : float or sequence of float or ndarray with n elements
    n : int
        The number of features.

    Returns
    -------
    ndarray of shape (n, 1)
    """
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != n or not np.all(np.isfinite(w)):
        raise ValueError(f"w must hold {n} finite weights, got {w.ravel().tolist()}")
    return w


def floats(values) -> list[float]:
    """Plain floats for plotly (small arrays: readable JSON, no typed-array payload)."""
    return [float(v) for v in np.ravel(values)]


def point_on_curve(x: float, y: float, left: float, *, name: str, color: str, **marker_trace):
    """A chosen point of a curve, with a dotted guide down to the x axis and across to the y axis.

    Parameters
    ----------
    x, y : float
        The point.
    left : float
        Where the x axis starts (the guide runs across to it).
    name : str
        The point's name in the legend.
    color : str
        Its colour (the guide's too).
    **marker_trace
        More of the point's ``go.Scatter`` options (``mode``, ``text``, ``textposition``,
        ``textfont``); the default mode is "markers".

    Returns
    -------
    list of go.Scatter
        The guide, then the point.
    """
    guide = go.Scatter(
        x=[x, x, left],
        y=[0.0, y, y],
        mode="lines",
        line={"color": color, "width": 1, "dash": "dot"},
        hoverinfo="skip",
        showlegend=False,
    )
    options = {"mode": "markers", **marker_trace}
    point = go.Scatter(
        x=[x],
        y=[y],
        name=name,
        marker={"color": color, "size": 13, "line": {"color": "white", "width": 1}},
        **options,
    )
    return [guide, point]
