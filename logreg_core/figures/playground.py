"""Figures of the playground pages: the data, a model's shading, the 3-D bowl.

Pure builders: arrays in, ``go.Figure`` out; the numbers come from the engine.
Arrays that only feed a picture are float32, and a very large data set is
thinned to :data:`POINT_LIMIT` points per part, so that a page stays light.
Every word comes from the builder's keyword ``texts``, which holds each key of
:data:`TEXTS` (the catalogue's ``[figures]`` table, in the page's language).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ..cost_panel import Surface3D
from ..data_panel import DataPanel, data_bounds, picture_array
from .style import (
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_SYMBOLS,
    COST_SCALE,
    CURRENT_COLOR,
    LABEL_RANGE,
    PATH_COLOR,
    PROBABILITY_SCALE,
    SIGMA_CURVE_COLOR,
    TEST_OPACITY,
    base_layout,
    empty_figure,
    plain,
    words,
)

__all__ = [
    "POINT_LIMIT",
    "TEXTS",
    "drawn_points",
    "model_figure",
    "scatter_figure",
    "surface3d_figure",
]

#: At most this many points of each part (train, test) are drawn.
POINT_LIMIT = 3000
#: Vertical spread of the points of a one-input data set around y = 0 and y = 1.
JITTER = 0.05

#: The words of the playground figures (``texts`` must hold each key), with
#: ``str.format`` fields where a value goes in.  Mathematical notation (z, a,
#: σ, J, w, b, y) is written by the builders, not in the words.
TEXTS = (
    "train",
    "test",
    "train_example",
    "test_example",
    "example",
    "no_examples",
    "label_axis",
    "boundary",
    "descent_path",
    "start",
    "end",
)


def drawn_points(X, Y, part: int, limit: int = POINT_LIMIT):
    """The points of one part that the figures and the player draw, the same every time.

    Parameters
    ----------
    X : ndarray of shape (n_inputs, m)
        Raw inputs (1 or 2 rows).
    Y : ndarray of shape (1, m)
    part : {0, 1}
        Training (0) or test (1) examples: each part is sampled and jittered its own way.
    limit : int, default POINT_LIMIT

    Returns
    -------
    index, x, y, label : ndarrays of shape (c,), c = min(m, limit)
        The sampled examples (sorted), their position (one input: x1 and the
        label jittered by up to JITTER) and their label.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(Y).reshape(-1)
    keep = np.arange(y.size, dtype=np.int64)
    if y.size > limit:
        keep = np.sort(np.random.default_rng(part).choice(y.size, size=limit, replace=False))
    if X.shape[0] == 1:
        jitter = np.random.default_rng(7 + part).uniform(-JITTER, JITTER, y.size)
        return keep, X[0, keep], y[keep] + jitter[keep], y[keep]
    return keep, X[0, keep], X[1, keep], y[keep]


def _class_label(cls: int, class_names) -> str:
    name = class_names[cls] if class_names else str(cls)
    return f"y = {cls}" if name == str(cls) else f"y = {cls} ({plain(name)})"


def _point_traces(
    X, Y, part: int, *, input_names, class_names, tx, highlight: int | None = None
) -> list[go.Scatter]:
    """Scatter traces of one part (0 train, 1 test), one per class; a ring around ``highlight``.

    ``customdata`` holds each point's index in its part, the part, and the
    number its hover label shows (i = index + 1).
    """
    name = ("train", "test")[part]
    index, xs, ys, labels = drawn_points(X, Y, part)
    one = np.shape(X)[0] == 1
    m = np.size(Y)
    traces = []
    for cls in (0, 1):
        mine = labels == cls
        sel = index[mine]
        hover = (
            f"{tx[name + '_example']} %{{customdata[2]}}<br>{plain(input_names[0])} = %{{x:.4g}}"
            + ("" if one else f"<br>{plain(input_names[1])} = %{{y:.4g}}")
            + f"<br>{_class_label(cls, class_names)}<extra></extra>"
        )
        traces.append(
            go.Scatter(
                x=picture_array(xs[mine]),
                y=picture_array(ys[mine]),
                customdata=np.column_stack([sel, np.full(sel.size, part), sel + 1]).astype(
                    np.int32
                ),
                mode="markers",
                name=f"{tx[name]} · {_class_label(cls, class_names)}",
                legendgroup=f"{name}{cls}",
                showlegend=True,
                hovertemplate=hover,
                marker={
                    "color": CLASS_COLORS[cls],
                    "symbol": CLASS_SYMBOLS[cls] + ("-open" if part else ""),
                    "size": 8 if m <= 500 else 6,
                    "opacity": TEST_OPACITY if part else 0.85,
                    "line": {"color": CLASS_COLORS[cls] if part else "white", "width": 1.5},
                },
            )
        )
    if highlight is not None and 0 <= highlight < m:
        X = np.asarray(X, dtype=np.float64)
        hy = np.ravel(Y)[highlight] if one else X[1, highlight]
        traces.append(
            go.Scatter(
                x=[float(X[0, highlight])],
                y=[float(hy)],
                mode="markers",
                name=tx["example"].format(i=highlight + 1),  # numbered 1 … m on screen
                showlegend=False,
                hoverinfo="skip",
                marker={
                    "symbol": "circle-open",
                    "size": 20,
                    "color": CURRENT_COLOR,
                    "line": {"width": 3, "color": CURRENT_COLOR},
                },
            )
        )
    return traces


def _add_points(fig, parts, box, *, input_names, class_names, tx, highlight=None):
    """The points of both parts (training filled, test hollow), and the axes of a data panel."""
    for part, (X, Y) in enumerate(parts):
        ring = None if part else highlight
        kw = {"input_names": input_names, "class_names": class_names, "tx": tx}
        fig.add_traces(_point_traces(X, Y, part, highlight=ring, **kw))
    fig.update_xaxes(title_text=plain(input_names[0]), range=list(box[0]))
    if len(box) == 1:
        fig.update_yaxes(title_text=tx["label_axis"], range=list(LABEL_RANGE), tickvals=[0, 0.5, 1])
    else:
        fig.update_yaxes(title_text=plain(input_names[1]), range=list(box[1]))


def scatter_figure(
    X_train,
    Y_train,
    X_test,
    Y_test,
    *,
    input_names: Sequence[str],
    class_names: Sequence[str] = ("0", "1"),
    height: int = 480,
    texts: Mapping[str, str],
) -> go.Figure:
    """The examples by class: training filled, test hollow, in their original units.

    Parameters
    ----------
    X_train, Y_train : ndarray of shape (n_inputs, m_train), (1, m_train)
        Raw inputs (1 or 2 rows) and labels.
    X_test, Y_test : ndarray of shape (n_inputs, m_test), (1, m_test)
    input_names : sequence of n_inputs str
        Axis titles.
    class_names : (str, str), default ("0", "1")
    height : int, default 480
    texts : mapping of str to str
        The words of :data:`TEXTS`; a missing key raises ValueError.

    Returns
    -------
    go.Figure
        One input: x1 on the horizontal axis, the label (0 or 1, slightly
        jittered) on the vertical one; at most POINT_LIMIT points of each part.
    """
    tx = words(texts, TEXTS)
    X_all = np.hstack([np.asarray(X_train, float), np.asarray(X_test, float)])
    if X_all.shape[1] == 0:
        return empty_figure(tx["no_examples"], height=height)
    box = data_bounds(X_all)
    fig = go.Figure()
    fig.update_layout(**base_layout(height=height))
    parts = ((X_train, Y_train), (X_test, Y_test))
    _add_points(fig, parts, box, input_names=input_names, class_names=class_names, tx=tx)
    if len(box) == 2:
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")
    return fig


def model_figure(
    panel: DataPanel,
    X_train,
    Y_train,
    X_test,
    Y_test,
    *,
    input_names: Sequence[str],
    class_names: Sequence[str] = ("0", "1"),
    highlight: int | None = None,
    height: int = 460,
    texts: Mapping[str, str],
) -> go.Figure:
    """The data with a model's a = σ(z) shaded and its decision boundary (frame 0 of ``panel``).

    Parameters
    ----------
    panel : DataPanel
        From :func:`logreg_core.data_panel.data_panel` with one set of parameters.
    X_train, Y_train, X_test, Y_test, input_names, class_names, texts
        As in :func:`scatter_figure`.
    highlight : int, optional
        Index of a training example to circle.
    height : int, default 460

    Returns
    -------
    go.Figure
        The training points carry their index as ``customdata``, so that a
        click selects an example.
    """
    tx = words(texts, TEXTS)
    one = panel.n_inputs == 1
    a = np.rint(np.clip(np.asarray(panel.a[0], dtype=np.float64), 0.0, 1.0) * 100)
    a = a.astype(np.uint8)  # whole percents, 1 byte each: the shading needs no more
    bd = panel.boundary[0]
    if one:  # a vertical line at each crossing
        c = np.ravel(bd)
        bx = np.column_stack([c, c, np.full_like(c, np.nan)]).ravel()
        by = np.tile([*LABEL_RANGE, np.nan], c.size)
    else:
        bx, by = ([], []) if bd.size == 0 or np.all(np.isnan(bd)) else bd
    fig = go.Figure()
    fig.add_trace(
        go.Heatmap(
            x=panel.grid1,
            y=picture_array(LABEL_RANGE) if one else panel.grid2,
            z=np.vstack([a, a]) if one else a,
            zmin=0,
            zmax=100,
            zsmooth="best",
            colorscale=PROBABILITY_SCALE,
            showscale=True,
            colorbar={
                "title": {"text": "a"},
                "len": 0.8,
                "thickness": 12,
                "tickvals": [0, 25, 50, 75, 100],
                "ticktext": ["0", "0.25", "0.5", "0.75", "1"],
            },
            hoverinfo="skip" if one else None,
            hovertemplate=None
            if one
            else "x1 = %{x:.3g}<br>x2 = %{y:.3g}<br>a = σ(z) ≈ %{z} %<extra></extra>",
            name="a = σ(z)",
        )
    )
    if one:
        fig.add_trace(
            go.Scatter(
                x=panel.grid1,
                y=panel.a[0],
                mode="lines",
                line={"color": SIGMA_CURVE_COLOR, "width": 2, "dash": "dot"},
                name="a = σ(z)",
                hovertemplate="x1 = %{x:.3g}<br>a = %{y:.3f}<extra></extra>",
            )
        )
    fig.add_trace(
        go.Scatter(
            x=picture_array(bx),
            y=picture_array(by),
            mode="lines",
            line={"color": BOUNDARY_COLOR, "width": 3},
            name=tx["boundary"],
            hoverinfo="skip",
            showlegend=True,
        )
    )
    layout = base_layout(height=height)
    layout["legend"] = {
        "orientation": "h",
        "yanchor": "top",
        "y": -0.16,
        "x": 0,
        "font": {"size": 11},
    }
    layout["margin"] = {"l": 50, "r": 10, "t": 10, "b": 40}
    fig.update_layout(**layout, clickmode="event+select")
    parts = ((X_train, Y_train), (X_test, Y_test))
    kw = {"input_names": input_names, "class_names": class_names, "tx": tx}
    _add_points(fig, parts, panel.box, highlight=highlight, **kw)
    return fig


def _axis_title(name: str, feature_names) -> str:
    """ "w3 (x1²)" for a weight, "b" for the bias."""
    if name == "b":
        return "b"
    j = int(name[1:]) - 1
    return f"{name} ({feature_names[j]})" if j < len(feature_names) else name


def surface3d_figure(
    surface: Surface3D,
    *,
    feature_names: Sequence[str] = (),
    texts: Mapping[str, str],
) -> go.Figure:
    """The cost surface in 3-D with the descent path lying on it.

    Parameters
    ----------
    surface : Surface3D
        From :func:`logreg_core.cost_panel.surface_3d`.
    feature_names : sequence of str, optional
        Names of the features, to label the weight axes ("w3 (x1²)").
    texts : mapping of str to str
        The words of :data:`TEXTS`.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    u, v = surface.axis_names
    fig = go.Figure()
    fig.add_trace(
        go.Surface(
            x=surface.grid1,
            y=surface.grid2,
            z=surface.J,
            colorscale=COST_SCALE,
            opacity=0.92,
            colorbar={"title": {"text": "J"}, "thickness": 12, "len": 0.7},
            hovertemplate=f"{u} = %{{x:.3g}}<br>{v} = %{{y:.3g}}<br>J = %{{z:.4g}}<extra></extra>",
            contours={"z": {"show": True, "usecolormap": True, "project": {"z": True}}},
            name="J",
        )
    )
    lift = 0.005 * float(np.ptp(surface.J) or 1.0)
    fig.add_trace(
        go.Scatter3d(
            x=surface.path1,
            y=surface.path2,
            z=picture_array(surface.pathJ + lift),
            mode="lines",
            line={"color": PATH_COLOR, "width": 6},
            name=tx["descent_path"],
            hovertemplate=f"{u} = %{{x:.4g}}<br>{v} = %{{y:.4g}}<br>J = %{{z:.4g}}<extra></extra>",
        )
    )
    for i, name, color in ((0, tx["start"], "#FFFFFF"), (-1, tx["end"], CURRENT_COLOR)):
        fig.add_trace(
            go.Scatter3d(
                x=[float(surface.path1[i])],
                y=[float(surface.path2[i])],
                z=[float(surface.pathJ[i]) + lift],
                mode="markers",
                marker={"size": 6, "color": color, "line": {"color": "#111111", "width": 2}},
                name=name,
                hovertemplate=f"{name}<br>J = %{{z:.4g}}<extra></extra>",
            )
        )
    layout = base_layout(height=520)
    layout["margin"] = {"l": 0, "r": 0, "t": 0, "b": 0}
    layout["legend"] = {"orientation": "h", "x": 0.0, "y": 1.0, "yanchor": "top"}
    fig.update_layout(**layout)
    fig.update_layout(
        scene={
            "xaxis": {"title": {"text": _axis_title(u, feature_names)}},
            "yaxis": {"title": {"text": _axis_title(v, feature_names)}},
            "zaxis": {"title": {"text": "J"}},
            "camera": {"eye": {"x": 1.45, "y": -1.45, "z": 0.95}},
            "aspectmode": "manual",
            "aspectratio": {"x": 1, "y": 1, "z": 0.7},
        }
    )
    return fig
