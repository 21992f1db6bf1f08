"""The computational graph of one example, as in the article's figure (step inspector, lesson 6).

Inputs x1, w1, …, b feed z, then a = σ(z), then the loss L(a, y): forward
values in black in the boxes, backward derivatives in red on the arrows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ..formatting import fmt
from ..model import ExampleValues
from .style import BACKWARD_COLOR, FONT_FAMILY, FORWARD_COLOR, plain, words

__all__ = ["GRAPH_TEXTS", "fmt_html", "graph_figure"]

#: Box outline and fill of the nodes.
NODE_LINE = "#555555"
NODE_FILL = "#F4F4F4"
INPUT_FILL = "#FFFFFF"
ARROW_COLOR = "#777777"

#: The words of the graph (``texts`` must hold each key; the notation is written by the builder).
GRAPH_TEXTS = ("graph_forward", "graph_backward", "graph_saturated")


def fmt_html(value, digits: int = 4) -> str:
    """:func:`~logreg_core.formatting.fmt`, with a power of ten as HTML: "1.5×10<sup>91</sup>"."""
    text = fmt(value, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        return f"{mantissa}×10<sup>{int(exponent)}</sup>"
    return text


def _scalars(values, index: int, n: int) -> dict:
    """The numbers of one case as Python scalars (dw: n floats), from ExampleValues or a mapping."""
    if isinstance(values, ExampleValues):
        names = ("z", "a", "loss", "da", "dz", "db", "saturated")
        case = {k: np.ravel(getattr(values, k))[index] for k in names}
        case["dw"] = values.dw[:, index]
    elif isinstance(values, Mapping):
        case = {"saturated": False, **values}
    else:
        raise TypeError(f"values must be ExampleValues or a mapping, got {type(values).__name__}")
    out = {k: float(case[k]) for k in ("z", "a", "loss", "da", "dz", "db")}
    out["dw"] = [float(v) for v in np.ravel(case["dw"])]
    out["saturated"] = bool(case["saturated"])
    if len(out["dw"]) != n:
        raise ValueError(f"values must hold {n} derivatives dw (one per weight), got {out['dw']}")
    return out


def graph_figure(
    *,
    x: Sequence[float],
    w: Sequence[float],
    b: float,
    y: int,
    values,
    index: int = 0,
    feature_names: Sequence[str] | None = None,
    texts: Mapping[str, str],
) -> go.Figure:
    """The article's computational graph with the numbers of one example filled in.

    Parameters
    ----------
    x : sequence of n floats
        The example's features x1 … xn (as the model sees them), n ≥ 1.
    w : sequence of n floats
        The weights w1 … wn.
    b : float
        The bias.
    y : {0, 1}
        The example's label.
    values : ExampleValues or mapping
        The engine's forward and backward values of m examples
        (:func:`~logreg_core.model.example_values`), or a mapping of one
        example's floats ``z, a, loss, da, dz, db`` and ``dw`` (n floats).
    index : int, default 0
        Which example of ``values`` to draw.
    feature_names : sequence of n str, optional
        What each input is (for example "x1²"); shown beside xⱼ when it differs
        from the plain name "xⱼ".
    texts : mapping of str to str
        The words of :data:`GRAPH_TEXTS`; a missing key raises ValueError.

    Returns
    -------
    go.Figure
        Boxes for x1, w1, …, xn, wn, b, then z, a and L(a, y), joined by
        arrows; on them dwⱼ = xⱼ·dz and db = dz into z, dz = a − y into a,
        da = −y/a + (1 − y)/(1 − a) into L.
    """
    x = [float(v) for v in np.ravel(x)]
    w = [float(v) for v in np.ravel(w)]
    n = len(x)
    if n < 1 or len(w) != n:
        raise ValueError(f"x and w must hold the same number (≥ 1) of values, got {n} and {len(w)}")
    if y not in (0, 1):
        raise ValueError(f"y must be 0 or 1, got {y!r}")
    v = _scalars(values, index, n)
    names = list(feature_names) if feature_names is not None else [f"x{j + 1}" for j in range(n)]
    if len(names) != n:
        raise ValueError(f"feature_names must hold {n} names, got {len(names)}")
    texts = words(texts, GRAPH_TEXTS)

    rows = 2 * n + 1  # x1, w1, …, xn, wn, b
    gap = 1.0
    top = (rows - 1) * gap
    mid = top / 2
    mapped = any(names[j] != f"x{j + 1}" for j in range(n))
    W_IN, W_Z, W_A, W_L = (2.2 if mapped else 1.5), 2.6, 1.7, 1.9
    X_IN = 0.0
    X_Z = X_IN + W_IN / 2 + 2.65 + W_Z / 2
    X_A = X_Z + W_Z / 2 + 1.15 + W_A / 2
    X_L = X_A + W_A / 2 + 1.2 + W_L / 2
    H_IN, H_NODE = 0.62, 1.05

    shapes, annotations = [], []

    def box(cx, cy, width, height_, fill):
        shapes.append(
            {
                "type": "rect",
                "x0": cx - width / 2,
                "x1": cx + width / 2,
                "y0": cy - height_ / 2,
                "y1": cy + height_ / 2,
                "line": {"color": NODE_LINE, "width": 1.5},
                "fillcolor": fill,
                "layer": "below",
            }
        )

    def text(cx, cy, html, color, size=14, **kw):
        annotations.append(
            {
                "x": cx,
                "y": cy,
                "text": html,
                "showarrow": False,
                "font": {"color": color, "size": size},
                **kw,
            }
        )

    def arrow(x0, y0, x1, y1):
        annotations.append(
            {
                "x": x1,
                "y": y1,
                "ax": x0,
                "ay": y0,
                "xref": "x",
                "yref": "y",
                "axref": "x",
                "ayref": "y",
                "text": "",
                "showarrow": True,
                "arrowhead": 2,
                "arrowsize": 1.2,
                "arrowwidth": 1.6,
                "arrowcolor": ARROW_COLOR,
            }
        )

    # inputs from the top, each with the label of its derivative (the article draws none for x)
    inputs = []
    for j in range(n):
        label_x = f"x<sub>{j + 1}</sub>"
        if names[j] != f"x{j + 1}":
            label_x += f" <span style='font-size:11px'>({plain(names[j])})</span>"
        inputs.append((label_x, x[j], None))
        inputs.append(
            (f"w<sub>{j + 1}</sub>", w[j], f"dw<sub>{j + 1}</sub> = {fmt_html(v['dw'][j])}")
        )
    inputs.append(("b", float(b), f"db = {fmt_html(v['db'])}"))
    z_left = X_Z - W_Z / 2
    for r, (label, value, deriv) in enumerate(inputs):
        cy = top - r * gap
        box(X_IN, cy, W_IN, H_IN, INPUT_FILL)
        text(X_IN, cy, f"{label} = {fmt_html(value)}", FORWARD_COLOR, size=13)
        if deriv is None:
            continue
        # arrow from the parameter's box into z, its derivative written on it
        x0 = X_IN + W_IN / 2
        y1 = mid + (cy - mid) * 0.25
        arrow(x0, cy, z_left, y1)
        tx, ty = x0 + 0.3 * (z_left - x0), cy + 0.3 * (y1 - cy)
        white = "rgba(255,255,255,0.8)"
        text(tx, ty, deriv, BACKWARD_COLOR, size=13, yshift=10, xanchor="left", bgcolor=white)
    # the x inputs feed z too (no derivative drawn)
    for r in range(0, 2 * n, 2):
        cy = top - r * gap
        arrow(X_IN + W_IN / 2, cy, z_left, mid + (cy - mid) * 0.25)

    if n <= 2:
        terms = " + ".join(f"w<sub>{j + 1}</sub>x<sub>{j + 1}</sub>" for j in range(n))
    else:
        terms = f"w<sub>1</sub>x<sub>1</sub> + … + w<sub>{n}</sub>x<sub>{n}</sub>"
    box(X_Z, mid, W_Z, H_NODE * 1.25, NODE_FILL)
    text(X_Z, mid + 0.2, f"z = {terms} + b", FORWARD_COLOR, size=12)
    text(X_Z, mid - 0.25, f"z = {fmt_html(v['z'])}", FORWARD_COLOR, size=15)

    box(X_A, mid, W_A, H_NODE, NODE_FILL)
    text(X_A, mid + 0.2, "a = σ(z)", FORWARD_COLOR, size=13)
    text(X_A, mid - 0.22, f"a = {fmt_html(v['a'])}", FORWARD_COLOR, size=15)

    box(X_L, mid, W_L, H_NODE, NODE_FILL)
    text(X_L, mid + 0.2, f"L(a, y), y = {y}", FORWARD_COLOR, size=13)
    text(X_L, mid - 0.22, f"L = {fmt_html(v['loss'])}", FORWARD_COLOR, size=15)

    arrow(X_Z + W_Z / 2, mid, X_A - W_A / 2, mid)
    arrow(X_A + W_A / 2, mid, X_L - W_L / 2, mid)
    below = mid - H_NODE / 2 - 0.3
    text((X_Z + W_Z / 2 + X_A - W_A / 2) / 2, below, f"⟵ dz = {fmt_html(v['dz'])}", BACKWARD_COLOR)
    text((X_A + W_A / 2 + X_L - W_L / 2) / 2, below, f"⟵ da = {fmt_html(v['da'])}", BACKWARD_COLOR)
    # legend for the colours
    text(
        X_IN - W_IN / 2, top + 0.85, texts["graph_forward"], FORWARD_COLOR, size=12, xanchor="left"
    )
    text(X_IN + 1.6, top + 0.85, texts["graph_backward"], BACKWARD_COLOR, size=12, xanchor="left")
    if v["saturated"]:
        text(X_A, mid + H_NODE / 2 + 0.25, texts["graph_saturated"], FORWARD_COLOR, size=11)

    fig = go.Figure()
    fig.update_layout(
        shapes=shapes,
        annotations=annotations,
        height=int(max(300, 70 * rows + 90)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        template="plotly_white",
        font={"family": FONT_FAMILY, "size": 13},
        showlegend=False,
        xaxis={"visible": False, "range": [X_IN - W_IN / 2 - 0.1, X_L + W_L / 2 + 0.1]},
        yaxis={"visible": False, "range": [-0.8, top + 1.2], "fixedrange": True},
        dragmode=False,
    )
    fig.update_xaxes(fixedrange=True)
    return fig
