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
    "dots",
    "floats",
    "line",
    "point_on_curve",
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
    **ONE_FEATURE,
    "kind": "gauss",
    "n_samples": 200,
    "noise": None,
    "features": ("x1", "x2"),
}

#: Secondary curves and bars (the squared error next to cross-entropy, the loop's time).
RIVAL_COLOR = "#7A7A7A"
#: Shading of the saturated ends of the sigmoid and of concave stretches of a cost.
SHADE_COLOR = "rgba(204, 51, 17, 0.10)"
#: Dotted guide lines (a = 0.5, a = 0 and 1, round iteration counts).
GUIDE = {"color": "#9A9A9A", "width": 1, "dash": "dot"}


def weights(w, n: int) -> np.ndarray:
    """``w`` (a float or n floats) as an (n, 1) column of finite floats, or ValueError naming it."""
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    if w.shape[0] != n or not np.all(np.isfinite(w)):
        raise ValueError(f"w must hold {n} finite weights, got {w.ravel().tolist()}")
    return w


def floats(values) -> list[float]:
    """Plain floats for plotly (small arrays: readable JSON, no typed-array payload)."""
    return [float(v) for v in np.ravel(values)]


def line(x, y, style: Mapping[str, object], *, mode="lines", **options) -> go.Scatter:
    """The curve through (x, y) in ``style`` (plotly's ``line``); ``options`` go to the trace."""
    return go.Scatter(x=floats(x), y=floats(y), mode=mode, line=style, **options)


def dots(x, y, marker: Mapping[str, object], *, mode="markers", **options) -> go.Scatter:
    """Markers at (x, y) drawn as ``marker``; ``options`` go to the trace."""
    return go.Scatter(x=floats(x), y=floats(y), mode=mode, marker=marker, **options)


def point_on_curve(x: float, y: float, left: float, *, name: str, color: str, **options):
    """A chosen point (x, y) of a curve, with a dotted guide down to y = 0 and across to ``left``.

    Returns the guide and the point, two ``go.Scatter``; the point is named
    ``name`` and drawn in ``color``, as is its guide; ``options`` go to the
    point's trace (``mode``, ``text`` …).
    """
    guide = line(
        [x, x, left],
        [0.0, y, y],
        {"color": color, "width": 1, "dash": "dot"},
        hoverinfo="skip",
        showlegend=False,
    )
    marker = {"color": color, "size": 13, "line": {"color": "white", "width": 1}}
    return [guide, dots([x], [y], marker, name=name, **options)]
