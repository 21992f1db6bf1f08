"""Lesson 1 · The model: y' = σ(wx + b) on one feature, its curve, its boundary, its fit.

Also the same model drawn as one neuron (:func:`neuron_figure`): the unit that
lesson 6 unrolls into its computational graph.
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
from .shared import GUIDE, dots, line, point_on_curve, weights

__all__ = [
    "NEURON_TEXTS",
    "TEXTS",
    "data_range",
    "decision_point",
    "fit_of",
    "model_curve",
    "neuron_figure",
    "one_feature_figure",
]

#: The words :func:`neuron_figure` writes, by key of the ``[figures_lessons]`` table.
NEURON_TEXTS = (
    "neuron_inputs",
    "neuron_weights",
    "neuron_sum",
    "neuron_activation",
    "neuron_output",
)
#: The words of lesson 1's two figures (:func:`one_feature_figure` and :func:`neuron_figure`).
TEXTS = ("model_boundary", "model_chosen", "model_x_axis", "model_y_axis", *NEURON_TEXTS)


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


#: Where the neuron's columns stand (x in the figure): inputs, weights, Σ, σ, the output's end.
NEURON_COLUMNS = {"inputs": 0.0, "weights": 1.15, "sum": 2.3, "activation": 3.6, "output": 4.9}
#: How far (figure units) an edge stops short of the node it enters, to leave room for its head.
_NODE_GAP = 0.27
#: The marker of a trace that only writes text.
_HIDDEN = {"size": 1, "color": "rgba(0, 0, 0, 0)"}
#: The columns' headings.
_HEADING_COLOR = "#666666"


def _edge(x0: float, y0: float, x1: float, y1: float) -> go.Scatter:
    """An arrow from (x0, y0) towards a node at (x1, y1), its head just short of the node."""
    dx, dy = x1 - x0, y1 - y0
    end = 1.0 - _NODE_GAP / float(np.hypot(dx, dy))
    head = {"symbol": "arrow", "size": [0, 12], "angleref": "previous", "color": FORWARD_COLOR}
    return line(
        [x0, x0 + end * dx],
        [y0, y0 + end * dy],
        {"color": FORWARD_COLOR, "width": 1.6},
        mode="lines+markers",
        marker=head,
        hoverinfo="skip",
    )


def neuron_figure(x, w, b, *, height: int = 300, texts: Mapping[str, str]) -> go.Figure:
    """Logistic regression as one neuron, with the numbers of one example filled in.

    Parameters
    ----------
    x : sequence of n floats
        The example's inputs x1 … xn, n ≥ 1.
    w : sequence of n floats
        The weights w1 … wn, one on each input's edge.
    b : float
        The bias, added in the sum.
    height : int, default 300
    texts : mapping of str to str
        The words of :data:`NEURON_TEXTS`: each column's heading, and the
        name of its trace.

    Returns
    -------
    go.Figure
        Left to right: the inputs (circles "xⱼ = …") and the bias (a square
        "b = …"), an edge from each into the sum node Σ, the weight
        "wⱼ = …" on each input's edge, the edge Σ → σ carrying
        "z = …" (z = wᵀx + b) and the edge out of σ ending in "a = …"
        (a = σ(z)); z and a from :func:`~logreg_core.model.forward`.
    """
    tx = words(texts, NEURON_TEXTS)
    x = np.asarray(x, dtype=np.float64).ravel()
    n = x.size
    if n < 1 or not np.all(np.isfinite(x)):
        raise ValueError(f"x must hold at least one finite input, got {x.tolist()}")
    w = weights(w, n)
    b = checks.real("b", b)
    Z, A = forward(w, b, x.reshape(n, 1))
    col = NEURON_COLUMNS
    rows = np.linspace(n / 2, -n / 2, n + 1)  # x1 … xn from the top, then b
    node = {"size": 46, "color": "white", "line": {"color": FORWARD_COLOR, "width": 2}}
    starts = [(col["inputs"], y, "sum") for y in rows]  # each input and b into Σ, then on
    starts += [(col["sum"], 0.0, "activation"), (col["activation"], 0.0, "output")]
    fig = go.Figure([_edge(x0, y0, col[to], 0.0) for x0, y0, to in starts])
    beside = {"mode": "markers+text", "textposition": "middle left", "textfont": {"size": 14}}
    fig.add_trace(
        dots(
            [col["inputs"]] * n,
            rows[:n],
            node,
            text=[f"x{j + 1} = {fmt(v)}" for j, v in enumerate(x)],
            name=tx["neuron_inputs"],
            **beside,
        )
    )
    fig.add_trace(
        dots(
            [col["inputs"]],
            rows[n:],
            {**node, "symbol": "square", "size": 30},
            text=[f"b = {fmt(b)}"],
            name="b",
            **beside,
        )
    )
    # each weight on its edge, where the edge crosses the weights' column
    share = (col["weights"] - col["inputs"]) / (col["sum"] - col["inputs"])
    fig.add_trace(
        dots(
            [col["weights"]] * n,
            rows[:n] * (1 - share),
            _HIDDEN,
            mode="text",
            text=[f"w{j + 1} = {fmt(v)}" for j, v in enumerate(w[:, 0])],
            textposition="top center",
            textfont={"color": CLASS_COLORS[0], "size": 14},
            name=tx["neuron_weights"],
        )
    )
    unit = {**node, "size": 58}
    for where, symbol in (("sum", "Σ"), ("activation", "σ")):
        fig.add_trace(
            dots(
                [col[where]],
                [0.0],
                unit,
                mode="markers+text",
                text=[symbol],
                textfont={"size": 22, "color": FORWARD_COLOR},
                name=tx[f"neuron_{where}"],
            )
        )
    for name, where, value, position in (
        ("z", (col["sum"] + col["activation"]) / 2, Z[0, 0], "top center"),
        ("a", col["output"], A[0, 0], "middle right"),
    ):
        fig.add_trace(
            dots(
                [where],
                [0.0],
                _HIDDEN,
                mode="text",
                text=[f"{name} = {fmt(value)}"],
                textposition=position,
                textfont={"color": CURRENT_COLOR, "size": 15},
                name=name,
            )
        )
    top = rows[0] + 0.8
    for key in ("inputs", "weights", "sum", "activation", "output"):
        fig.add_annotation(
            x=col[key],
            y=top,
            text=tx[f"neuron_{key}"],
            showarrow=False,
            font={"color": _HEADING_COLOR},
        )
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_xaxes(visible=False, range=[col["inputs"] - 1.4, col["output"] + 1.3])
    fig.update_yaxes(visible=False, range=[rows[-1] - 0.5, top + 0.3])
    return fig
