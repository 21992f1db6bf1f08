"""Figures of the playground pages: the data, a model's shading, the 3-D bowl.

Pure builders: arrays in, ``go.Figure`` out.  The numbers come from the engine
(:mod:`logreg_core.animation`, ``model``, ``train``); the builders only place
them.  Arrays that only feed a picture are sent as float32, and the points of
a very large data set are thinned to :data:`POINT_LIMIT` per part, so that a
page stays light in the browser.

Every word a figure shows comes from its builder's keyword ``texts``, which
holds each key of :data:`TEXTS` (the pages pass their catalogue's
``[figures]`` table, so a chart speaks the page's language).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from ..animation import DataPanel, Surface3D, data_bounds, picture_array
from .style import (
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_SYMBOLS,
    COST_SCALE,
    CURRENT_COLOR,
    PATH_COLOR,
    PROBABILITY_SCALE,
    TEST_OPACITY,
    base_layout,
    empty_figure,
    plain,
    words,
)

__all__ = [
    "POINT_LIMIT",
    "TEXTS",
    "model_figure",
    "sample_points",
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


def _f32(values) -> np.ndarray:
    return picture_array(values)


def sample_points(m: int, limit: int = POINT_LIMIT, *, seed: int = 0) -> np.ndarray:
    """Indices of at most ``limit`` of m points, sorted, the same every time.

    Parameters
    ----------
    m : int
    limit : int, default POINT_LIMIT

    Returns
    -------
    ndarray of shape (min(m, limit),), int64
    """
    if m <= limit:
        return np.arange(m, dtype=np.int64)
    return np.sort(np.random.default_rng(seed).choice(m, size=limit, replace=False))


def _class_label(cls: int, class_names) -> str:
    name = class_names[cls] if class_names else str(cls)
    return f"y = {cls}" if name == str(cls) else f"y = {cls} ({plain(name)})"


def _point_traces(
    X,
    Y,
    *,
    part: str,
    input_names: Sequence[str],
    class_names,
    limit: int,
    tx: Mapping[str, str],
    showlegend: bool = True,
    highlight: int | None = None,
) -> list[go.Scatter]:
    """Scatter traces of one part (train or test), one per class.

    ``customdata`` holds each point's index in its part, the part (0 for
    train, 1 for test), so a selection can tell which example was clicked,
    and the number the hover label shows (the index + 1: i = 1 … m).
    One input: x1 against the label, with a little vertical jitter.
    """
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(Y).reshape(-1)
    m = y.size
    keep = sample_points(m, limit, seed=0 if part == "train" else 1)
    one = X.shape[0] == 1
    if one:
        jitter = np.random.default_rng(7 if part == "train" else 8).uniform(-JITTER, JITTER, m)
    traces = []
    test = part == "test"
    for cls in (0, 1):
        sel = keep[y[keep] == cls]
        xs = X[0, sel]
        ys = (cls + jitter[sel]) if one else X[1, sel]
        symbol = CLASS_SYMBOLS[cls] + ("-open" if test else "")
        hover = (
            f"{tx[part + '_example']} %{{customdata[2]}}<br>{plain(input_names[0])} = %{{x:.4g}}"
            + ("" if one else f"<br>{plain(input_names[1])} = %{{y:.4g}}")
            + f"<br>{_class_label(cls, class_names)}<extra></extra>"
        )
        traces.append(
            go.Scatter(
                x=_f32(xs),
                y=_f32(ys),
                customdata=np.column_stack([sel, np.full(sel.size, int(test)), sel + 1]).astype(
                    np.int32
                ),
                mode="markers",
                name=f"{tx[part]} · {_class_label(cls, class_names)}",
                legendgroup=f"{part}{cls}",
                showlegend=showlegend,
                hovertemplate=hover,
                marker={
                    "color": CLASS_COLORS[cls],
                    "symbol": symbol,
                    "size": 8 if m <= 500 else 6,
                    "opacity": TEST_OPACITY if test else 0.85,
                    "line": {"color": CLASS_COLORS[cls] if test else "white", "width": 1.5},
                },
            )
        )
    if highlight is not None and 0 <= highlight < m:
        hx = float(X[0, highlight])
        hy = float(y[highlight]) if one else float(X[1, highlight])
        traces.append(
            go.Scatter(
                x=[hx],
                y=[hy],
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


def _data_axes(fig, input_names, box, *, tx, row=None, col=None) -> None:
    """Axis titles and ranges of a data panel (one input: x1 against the label)."""
    kw = {} if row is None else {"row": row, "col": col}
    fig.update_xaxes(title_text=plain(input_names[0]), range=list(box[0]), **kw)
    if len(box) == 1:
        fig.update_yaxes(
            title_text=tx["label_axis"],
            range=[-0.15, 1.15],
            tickvals=[0, 0.5, 1],
            **kw,
        )
    else:
        fig.update_yaxes(title_text=plain(input_names[1]), range=list(box[1]), **kw)


def scatter_figure(
    X_train,
    Y_train,
    X_test,
    Y_test,
    *,
    input_names: Sequence[str],
    class_names: Sequence[str] = ("0", "1"),
    title: str | None = None,
    height: int = 480,
    limit: int = POINT_LIMIT,
    texts: Mapping[str, str],
) -> go.Figure:
    """The examples by class: training filled, test hollow, in their original units.

    Parameters
    ----------
    X_train : ndarray of shape (n_inputs, m_train)
        Raw inputs (1 or 2 rows).
    Y_train : ndarray of shape (1, m_train)
    X_test : ndarray of shape (n_inputs, m_test)
    Y_test : ndarray of shape (1, m_test)
    input_names : sequence of n_inputs str
        Axis titles.
    class_names : (str, str), default ("0", "1")
    title : str, optional
    height : int, default 480
    limit : int, default POINT_LIMIT
        At most this many points of each part are drawn.
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
        One input: x1 on the horizontal axis, the label (0 or 1, slightly
        jittered) on the vertical one.

    Raises
    ------
    ValueError
        If ``texts`` lacks a key of :data:`TEXTS`.
    """
    tx = words(texts, TEXTS)
    X_all = np.hstack([np.asarray(X_train, float), np.asarray(X_test, float)])
    if X_all.shape[1] == 0:
        return empty_figure(tx["no_examples"], height=height)
    box = data_bounds(X_all)
    fig = go.Figure()
    for part, X, Y in (("train", X_train, Y_train), ("test", X_test, Y_test)):
        for t in _point_traces(
            X, Y, part=part, input_names=input_names, class_names=class_names, limit=limit, tx=tx
        ):
            fig.add_trace(t)
    fig.update_layout(**base_layout(title=title, height=height))
    _data_axes(fig, input_names, box, tx=tx)
    if len(box) == 2:
        fig.update_yaxes(scaleanchor="x", scaleratio=1, constrain="domain")
        fig.update_xaxes(constrain="domain")
    return fig


# ----------------------------------------------------------------------------
# panel 1 pieces, shared by the training figure and the inspector's figure
# ----------------------------------------------------------------------------


def _percent(a) -> np.ndarray:
    """a in [0, 1] as whole percents, 1 byte each: the shading needs no more."""
    return np.rint(np.clip(np.asarray(a, dtype=np.float64), 0.0, 1.0) * 100).astype(np.uint8)


#: Colour bar of the shaded a = σ(z), whose values are whole percents.
A_TICKS = {
    "tickvals": [0, 25, 50, 75, 100],
    "ticktext": ["0", "0.25", "0.5", "0.75", "1"],
}


def _field_z(panel: DataPanel, f: int) -> np.ndarray:
    a = _percent(panel.a[f])
    return np.vstack([a, a]) if panel.n_inputs == 1 else a


def _field_trace(panel: DataPanel, f: int, *, showscale: bool, colorbar: dict | None):
    """The shaded a = σ(z) of frame f, as a smoothed heatmap (whole percents)."""
    one = panel.n_inputs == 1
    return go.Heatmap(
        x=panel.grid1,
        y=_f32([-0.15, 1.15]) if one else panel.grid2,
        z=_field_z(panel, f),
        zmin=0,
        zmax=100,
        zsmooth="best",
        colorscale=PROBABILITY_SCALE,
        showscale=showscale,
        colorbar={**(colorbar or {}), **A_TICKS},
        hoverinfo="skip" if one else None,
        hovertemplate=None
        if one
        else "x1 = %{x:.3g}<br>x2 = %{y:.3g}<br>a = σ(z) ≈ %{z} %<extra></extra>",
        name="a = σ(z)",
    )


def _boundary_xy(panel: DataPanel, f: int) -> tuple[np.ndarray, np.ndarray]:
    """The decision boundary of frame f as line coordinates (NaN separates pieces)."""
    bd = panel.boundary[f]
    if panel.n_inputs == 1:
        c = np.ravel(bd)
        xs = np.column_stack([c, c, np.full_like(c, np.nan)]).ravel()
        ys = np.tile([-0.15, 1.15, np.nan], c.size)
        return _f32(xs), _f32(ys)
    if bd.size == 0 or np.all(np.isnan(bd)):
        return _f32([]), _f32([])
    return _f32(bd[0]), _f32(bd[1])


def _boundary_trace(
    panel: DataPanel, f: int, *, tx: Mapping[str, str], showlegend: bool = True
) -> go.Scatter:
    xs, ys = _boundary_xy(panel, f)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": BOUNDARY_COLOR, "width": 3},
        name=tx["boundary"],
        hoverinfo="skip",
        showlegend=showlegend,
    )


def _curve_trace(panel: DataPanel, f: int) -> go.Scatter:
    """One input: the curve a = σ(z) along x1."""
    return go.Scatter(
        x=panel.grid1,
        y=panel.a[f],
        mode="lines",
        line={"color": "#444444", "width": 2, "dash": "dot"},
        name="a = σ(z)",
        hovertemplate="x1 = %{x:.3g}<br>a = %{y:.3f}<extra></extra>",
    )


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
    title: str | None = None,
    height: int = 460,
    limit: int = POINT_LIMIT,
    texts: Mapping[str, str],
) -> go.Figure:
    """The data with a model's a = σ(z) shaded and its decision boundary (frame 0 of ``panel``).

    Parameters
    ----------
    panel : DataPanel
        From :func:`logreg_core.animation.data_panel` with one set of parameters.
    X_train, Y_train, X_test, Y_test : ndarrays
        Raw inputs (n_inputs, m) and labels (1, m) of each part.
    input_names : sequence of str
    class_names : (str, str)
    highlight : int, optional
        Index of a training example to circle.
    title : str, optional
    height : int, default 460
    limit : int, default POINT_LIMIT
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
        The training points carry their index as ``customdata``, so that a
        click selects an example.
    """
    tx = words(texts, TEXTS)
    fig = go.Figure()
    cb = {"title": {"text": "a"}, "len": 0.8, "thickness": 12}
    fig.add_trace(_field_trace(panel, 0, showscale=True, colorbar=cb))
    if panel.n_inputs == 1:
        fig.add_trace(_curve_trace(panel, 0))
    fig.add_trace(_boundary_trace(panel, 0, tx=tx))
    for t in _point_traces(
        X_train,
        Y_train,
        part="train",
        input_names=input_names,
        class_names=class_names,
        limit=limit,
        tx=tx,
        highlight=highlight,
    ):
        fig.add_trace(t)
    for t in _point_traces(
        X_test,
        Y_test,
        part="test",
        input_names=input_names,
        class_names=class_names,
        limit=limit,
        tx=tx,
    ):
        fig.add_trace(t)
    layout = base_layout(title=title, height=height)
    layout["legend"] = {
        "orientation": "h",
        "yanchor": "top",
        "y": -0.16,
        "x": 0,
        "font": {"size": 11},
    }
    layout["margin"] = {"l": 50, "r": 10, "t": 40 if title else 10, "b": 40}
    fig.update_layout(**layout)
    fig.update_layout(clickmode="event+select")
    _data_axes(fig, input_names, panel.box, tx=tx)
    return fig


# ----------------------------------------------------------------------------
# the animated training figure
# ----------------------------------------------------------------------------


def _axis_title(name: str, feature_names) -> str:
    """ "w3 (x1²)" for a weight, "b" for the bias."""
    if name == "b":
        return "b"
    j = int(name[1:]) - 1
    return f"{name} ({feature_names[j]})" if j < len(feature_names) else name


# ----------------------------------------------------------------------------
# the 3-D view
# ----------------------------------------------------------------------------


def surface3d_figure(
    surface: Surface3D,
    *,
    feature_names: Sequence[str] = (),
    height: int = 520,
    texts: Mapping[str, str],
) -> go.Figure:
    """The cost surface in 3-D with the descent path lying on it.

    Parameters
    ----------
    surface : Surface3D
        From :func:`logreg_core.animation.surface_3d`.
    feature_names : sequence of str, optional
        Names of the features, to label the weight axes ("w3 (x1²)").
    height : int, default 520
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

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
            z=_f32(surface.pathJ + lift),
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
    layout = base_layout(height=height)
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
