"""Figures of the eight lessons: pure builders, arrays in, ``go.Figure`` out.

Every number drawn here was computed by the engine (``logreg_core.model``,
``surface``, ``train``, ``lessons``); the builders only place it.  Colours come
from :mod:`.style`, so class 0 / class 1, forward (black) and backward (red)
look the same as on the playground pages.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..lesson_math import fmt
from .style import (
    BACKWARD_COLOR,
    BOUNDARY_COLOR,
    CLASS_COLORS,
    CLASS_SYMBOLS,
    COST_SCALE,
    CURRENT_COLOR,
    FORWARD_COLOR,
    PATH_COLOR,
    base_layout,
    plain,
    words,
)

__all__ = [
    "TEXTS",
    "bowl_figure",
    "convexity_figure",
    "descent_figure",
    "loss_figure",
    "one_feature_figure",
    "ray_figure",
    "sigmoid_figure",
    "timing_figure",
    "training_figure",
]

#: Secondary curves (the squared error next to cross-entropy).
RIVAL_COLOR = "#7A7A7A"
#: A curve that other marks are drawn over (the descent path on J(w)).
CURVE_COLOR = "#A9A9A9"
#: Shading of the saturated ends of the sigmoid and of concave stretches.
SHADE_COLOR = "rgba(204, 51, 17, 0.10)"
PLATEAU_COLOR = "rgba(204, 51, 17, 0.22)"
GUIDE = {"color": "#9A9A9A", "width": 1, "dash": "dot"}
#: Descent paths drawn on one curve (two starts), told apart by colour.
PATH_COLORS = ("#0077BB", "#EE7733")

#: Every word the lesson figures write: each builder's ``texts`` holds these
#: keys, in the student's language (the app passes the ``[figures_lessons]``
#: table of ui/locales/*.toml).  A value may hold ``str.format`` fields
#: (``{x}``), filled with numbers formatted here.  Pure notation (``a = σ(z)``,
#: ``J(w)``, ``w1``) is not text: it is the same in every language and stays
#: in the builders.
TEXTS = (
    "model_boundary",
    "model_chosen",
    "model_x_axis",
    "model_y_axis",
    "sigmoid_saturated_low",
    "sigmoid_saturated_high",
    "sigmoid_slope",
    "sigmoid_chosen",
    "sigmoid_x_axis",
    "loss_ce",
    "loss_se",
    "loss_x_axis",
    "loss_y_axis",
    "convexity_ce_title",
    "convexity_se_title",
    "convexity_lowest",
    "convexity_chosen",
    "bowl_lowest",
    "descent_steps",
    "descent_tangent",
    "descent_current",
    "timing_x_axis",
    "training_accuracy",
    "training_stopped",
    "training_best",
    "training_x_axis",
    "training_cost_axis",
    "training_accuracy_axis",
)


def _f(values) -> list[float]:
    """Plain floats for plotly (small arrays: readable JSON, no typed-array payload)."""
    return [float(v) for v in np.ravel(values)]


def _points(fig, x, y, labels, *, class_names, row=None, col=None, showlegend=True):
    labels = np.ravel(labels)
    for cls in (0, 1):
        sel = labels == cls
        fig.add_trace(
            go.Scatter(
                x=_f(np.ravel(x)[sel]),
                y=_f(np.ravel(y)[sel]),
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


# ----------------------------------------------------------------------------
# lesson 1: the model
# ----------------------------------------------------------------------------


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
            x=_f(curve_x),
            y=_f(curve_a),
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
    fig.add_trace(
        go.Scatter(
            x=[point_x, point_x, lo],
            y=[0.0, point_a, point_a],
            mode="lines",
            line={"color": CURRENT_COLOR, "width": 1, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[point_x],
            y=[point_a],
            mode="markers+text",
            name=tx["model_chosen"],
            text=[f"a = {fmt(point_a)}"],
            textposition="bottom right" if point_a > 0.5 else "top right",
            textfont={"color": CURRENT_COLOR, "size": 14},
            marker={"color": CURRENT_COLOR, "size": 13, "line": {"color": "white", "width": 1}},
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


# ----------------------------------------------------------------------------
# lesson 2: the sigmoid
# ----------------------------------------------------------------------------


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
    """σ(z) and its slope da/dz, with σ(0) = 0.5 and the saturated ends shaded.

    Parameters
    ----------
    z, a, slope : ndarray of shape (g,)
        Scores, a = σ(z) and da/dz = a(1 − a).
    point_z, point_a : float
        The chosen score and its a.
    saturation : float
        |z| beyond which the slope is tiny; both ends beyond it are shaded.
    height : int, default 430
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    lo, hi = float(np.min(z)), float(np.max(z))
    fig = go.Figure()
    for x0, x1 in ((lo, -saturation), (saturation, hi)):
        if x1 > x0:
            fig.add_vrect(x0=x0, x1=x1, fillcolor=SHADE_COLOR, line_width=0, layer="below")
    fig.add_annotation(
        x=(lo - saturation) / 2 if lo < -saturation else lo,
        y=0.62,
        text=tx["sigmoid_saturated_low"],
        showarrow=False,
        font={"color": BACKWARD_COLOR},
    )
    fig.add_annotation(
        x=(hi + saturation) / 2 if hi > saturation else hi,
        y=0.38,
        text=tx["sigmoid_saturated_high"],
        showarrow=False,
        font={"color": BACKWARD_COLOR},
    )
    for level in (0.0, 1.0):
        fig.add_hline(y=level, line=GUIDE)
    fig.add_trace(
        go.Scatter(
            x=_f(z),
            y=_f(a),
            mode="lines",
            name="a = σ(z)",
            line={"color": FORWARD_COLOR, "width": 3},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_f(z),
            y=_f(slope),
            mode="lines",
            name=tx["sigmoid_slope"],
            line={"color": BACKWARD_COLOR, "width": 2, "dash": "dash"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[0.0],
            y=[0.5],
            mode="markers+text",
            text=["σ(0) = 0.5"],
            textposition="middle left",
            marker={"color": FORWARD_COLOR, "size": 9},
            showlegend=False,
            hoverinfo="skip",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[point_z, point_z, lo],
            y=[0.0, point_a, point_a],
            mode="lines",
            line={"color": CURRENT_COLOR, "width": 1, "dash": "dot"},
            hoverinfo="skip",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[point_z],
            y=[point_a],
            mode="markers",
            name=tx["sigmoid_chosen"],
            marker={"color": CURRENT_COLOR, "size": 13, "line": {"color": "white", "width": 1}},
        )
    )
    fig.update_layout(**base_layout(height=height))
    fig.update_xaxes(title_text=tx["sigmoid_x_axis"], range=[lo, hi])
    fig.update_yaxes(title_text="a = σ(z)", range=[-0.05, 1.05])
    return fig


# ----------------------------------------------------------------------------
# lesson 3: the loss
# ----------------------------------------------------------------------------


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
        Top of the vertical axis (−log a grows without bound as a → 0).  None
        means the largest loss drawn, curves and chosen point alike, plus 5 %;
        the axis is raised to hold the chosen point whatever is given, so the
        marker always sits at its true height.
    height : int, default 430
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
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
        first = col == 1
        fig.add_trace(
            go.Scatter(
                x=_f(a),
                y=_f(np.minimum(ce, 10 * y_max)),  # a given y_max may cut the curve
                mode="lines",
                name=tx["loss_ce"],
                legendgroup="ce",
                showlegend=first,
                line={"color": FORWARD_COLOR, "width": 3},
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=_f(a),
                y=_f(se),
                mode="lines",
                name=tx["loss_se"],
                legendgroup="se",
                showlegend=first,
                line={"color": RIVAL_COLOR, "width": 2, "dash": "dash"},
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[point_a],
                y=[point_loss[k]],
                mode="markers+text",
                text=[f"L = {fmt(point_loss[k])}"],
                textposition="top right" if point_a < 0.5 else "top left",
                textfont={"color": CURRENT_COLOR, "size": 13},
                marker={"color": CURRENT_COLOR, "size": 11},
                showlegend=False,
                hoverinfo="skip",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[point_a],
                y=[point_se[k]],
                mode="markers",
                marker={"color": RIVAL_COLOR, "size": 9},
                showlegend=False,
                hovertemplate="(a − y)² = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.update_xaxes(title_text=tx["loss_x_axis"], range=[0, 1], row=1, col=col)
    fig.add_vline(x=point_a, line={"color": CURRENT_COLOR, "width": 1, "dash": "dot"})
    layout = base_layout(height=height)
    layout["margin"] = {**layout["margin"], "t": 90}
    layout["legend"] = {**layout["legend"], "y": 1.12}
    fig.update_layout(**layout)
    fig.update_yaxes(range=[0, y_max], row=1, col=1, title_text=tx["loss_y_axis"])
    fig.update_yaxes(range=[0, y_max], row=1, col=2)
    return fig


# ----------------------------------------------------------------------------
# lesson 4: cost and convexity
# ----------------------------------------------------------------------------


def convexity_figure(
    w,
    J_ce,
    J_se,
    *,
    point_w: float | None,
    point_ce: float | None = None,
    point_se: float | None = None,
    concave: Sequence[tuple[float, float]] = (),
    flat: Sequence[tuple[float, float]] = (),
    paths: Sequence[tuple[int, Sequence[float], Sequence[float]]] = (),
    height: int = 430,
    texts: Mapping[str, str],
) -> go.Figure:
    """J(w) of cross-entropy next to the squared-error cost of σ(z), same data.

    Parameters
    ----------
    w : ndarray of shape (g,)
    J_ce, J_se : ndarray of shape (g,)
        The two costs over ``w``.
    point_w, point_ce, point_se : float or None
        The chosen w and both costs there; None for no chosen point.
    concave, flat : sequence of (float, float)
        Intervals of w where the squared-error curve bends down, and its
        plateaus; shaded on the right panel.
    paths : sequence of (panel, w, J)
        Gradient-descent paths to draw on a panel (1: cross-entropy, 2: squared
        error): the w and J of each step, from a hollow start to a filled end.
    height : int, default 430
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.08,
        subplot_titles=(tx["convexity_ce_title"], tx["convexity_se_title"]),
    )
    curves = ((1, J_ce, FORWARD_COLOR, point_ce), (2, J_se, RIVAL_COLOR, point_se))
    for col, J, color, pj in curves:
        J = np.asarray(J, dtype=np.float64)
        fig.add_trace(
            go.Scatter(
                x=_f(w),
                y=_f(J),
                mode="lines",
                line={"color": color, "width": 3},
                hovertemplate="w = %{x:.3g}<br>J = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        i = int(np.argmin(J))
        fig.add_trace(
            go.Scatter(
                x=[float(np.ravel(w)[i])],
                y=[float(J[i])],
                mode="markers",
                marker={"color": color, "size": 10, "symbol": "x"},
                hovertemplate=(
                    f"{tx['convexity_lowest']}<br>w = %{{x:.3g}}<br>J = %{{y:.4g}}<extra></extra>"
                ),
            ),
            row=1,
            col=col,
        )
        if point_w is not None:
            fig.add_trace(
                go.Scatter(
                    x=[point_w],
                    y=[pj],
                    mode="markers",
                    marker={
                        "color": CURRENT_COLOR,
                        "size": 12,
                        "line": {"color": "white", "width": 1},
                    },
                    hovertemplate=(
                        f"{tx['convexity_chosen']}<br>w = %{{x:.3g}}<br>"
                        "J = %{y:.4g}<extra></extra>"
                    ),
                ),
                row=1,
                col=col,
            )
        top = float(J.max() if point_w is None else max(J.max(), pj))
        fig.update_yaxes(range=[0, top * 1.08], row=1, col=col)
        fig.update_xaxes(title_text="w", row=1, col=col)
    for k, (col, pw, pJ) in enumerate(paths):
        pw, pJ = _f(pw), _f(pJ)
        color = PATH_COLORS[k % len(PATH_COLORS)]
        fig.add_trace(
            go.Scatter(
                x=pw,
                y=pJ,
                mode="lines+markers",
                line={"color": color, "width": 2},
                marker={"color": color, "size": 5},
                hovertemplate="w = %{x:.3g}<br>J = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.add_trace(
            go.Scatter(
                x=[pw[0], pw[-1]],
                y=[pJ[0], pJ[-1]],
                mode="markers",
                marker={
                    "color": ["white", color],
                    "size": 12,
                    "symbol": "circle",
                    "line": {"color": color, "width": 2},
                },
                hovertemplate="w = %{x:.4g}<br>J = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    # after the traces: shapes on an empty subplot would be dropped
    for lo, hi in concave:
        fig.add_vrect(
            x0=lo, x1=hi, fillcolor=SHADE_COLOR, line_width=0, layer="below", row=1, col=2
        )
    for lo, hi in flat:
        fig.add_vrect(
            x0=lo, x1=hi, fillcolor=PLATEAU_COLOR, line_width=0, layer="below", row=1, col=2
        )
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_yaxes(title_text="J(w)", row=1, col=1)
    fig.update_annotations(font_size=14)
    return fig


def ray_figure(
    t,
    panels: Sequence[tuple[str, Sequence[float]]],
    *,
    x_title: str,
    marks: Sequence[tuple[int, float, float]] = (),
    height: int = 380,
) -> go.Figure:
    """J along a ray t·(w, b), one panel per data set, side by side.

    Parameters
    ----------
    t : ndarray of shape (g,)
        How far along each ray.
    panels : sequence of (title, J)
        Each panel's title (in the reader's language) and J over ``t``.
    x_title : str
        The words under the t axis (in the reader's language).
    marks : sequence of (panel, t, J)
        Points to mark, such as the minimum (panel counts from 1).
    height : int, default 380

    Returns
    -------
    go.Figure
    """
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        horizontal_spacing=0.08,
        subplot_titles=[title for title, _ in panels],
    )
    for col, (_, J) in enumerate(panels, start=1):
        J = np.asarray(J, dtype=np.float64)
        fig.add_trace(
            go.Scatter(
                x=_f(t),
                y=_f(J),
                mode="lines",
                line={"color": FORWARD_COLOR, "width": 3},
                hovertemplate="t = %{x:.3g}<br>J = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
        fig.update_yaxes(range=[0, float(J.max()) * 1.08], row=1, col=col)
        fig.update_xaxes(title_text=x_title, row=1, col=col)
    for col, mt, mJ in marks:
        fig.add_trace(
            go.Scatter(
                x=[float(mt)],
                y=[float(mJ)],
                mode="markers",
                marker={"color": CURRENT_COLOR, "size": 11, "symbol": "x"},
                hovertemplate="t = %{x:.3g}<br>J = %{y:.4g}<extra></extra>",
            ),
            row=1,
            col=col,
        )
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_yaxes(title_text="J", row=1, col=1)
    fig.update_annotations(font_size=14)
    return fig


def bowl_figure(
    grid1,
    grid2,
    J,
    *,
    title: str = "J(w1, w2)",
    z_title: str = "J",
    height: int = 480,
    texts: Mapping[str, str],
) -> go.Figure:
    """The cost over (w1, w2) as a 3-D surface: the bowl, with its lowest grid point marked.

    Parameters
    ----------
    grid1 : ndarray of shape (g1,)
        Values of w1.
    grid2 : ndarray of shape (g2,)
        Values of w2.
    J : ndarray of shape (g2, g1)
        Rows follow ``grid2`` (as :func:`~logreg_core.surface.cost_surface`).
    title, z_title : str
    height : int, default 480
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    J = np.asarray(J, dtype=np.float64)
    j, i = np.unravel_index(int(np.argmin(J)), J.shape)
    fig = go.Figure(
        go.Surface(
            x=np.asarray(grid1, dtype=np.float32),
            y=np.asarray(grid2, dtype=np.float32),
            z=J.astype(np.float32),
            colorscale=COST_SCALE,
            colorbar={"title": {"text": z_title}, "len": 0.7},
            contours={"z": {"show": True, "usecolormap": True, "project": {"z": True}}},
            hovertemplate="w1 = %{x:.3g}<br>w2 = %{y:.3g}<br>J = %{z:.4g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter3d(
            x=[float(np.ravel(grid1)[i])],
            y=[float(np.ravel(grid2)[j])],
            z=[float(J[j, i])],
            mode="markers",
            marker={"color": CURRENT_COLOR, "size": 6},
            name=tx["bowl_lowest"],
        )
    )
    layout = base_layout(title=title, height=height)
    layout["margin"] = {"l": 0, "r": 0, "t": 40, "b": 0}
    fig.update_layout(
        **layout,
        scene={
            "xaxis_title": "w1",
            "yaxis_title": "w2",
            "zaxis_title": z_title,
            "aspectratio": {"x": 1.0, "y": 1.0, "z": 0.65},
            "camera": {"eye": {"x": 1.35, "y": -1.35, "z": 0.7}, "center": {"z": -0.1}},
        },
    )
    return fig


# ----------------------------------------------------------------------------
# lesson 5: gradient descent on one weight
# ----------------------------------------------------------------------------


def descent_figure(
    w,
    J,
    path_w,
    path_J,
    *,
    tangent_w,
    tangent_J,
    slope: float,
    max_arrows: int = 40,
    height: int = 450,
    texts: Mapping[str, str],
) -> go.Figure:
    """J(w), the steps taken so far, and the tangent at the current w.

    Parameters
    ----------
    w, J : ndarray of shape (g,)
        The cost curve.
    path_w, path_J : ndarray of shape (k + 1,)
        The start and each step's w and J; the last is the current point.
    tangent_w, tangent_J : ndarray of shape (2,)
        The tangent segment at the current point.
    slope : float
        dJ/dw at the current point, written on the tangent.
    max_arrows : int, default 40
        Only the last this many steps get an arrow.
    height : int, default 450
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    path_w, path_J = np.ravel(path_w), np.ravel(path_J)
    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=_f(w),
            y=_f(J),
            mode="lines",
            name="J(w)",
            line={"color": CURVE_COLOR, "width": 3},
            hovertemplate="w = %{x:.3g}<br>J = %{y:.4g}<extra></extra>",
        )
    )
    fig.add_trace(
        go.Scatter(
            x=_f(path_w),
            y=_f(path_J),
            mode="markers",
            name=tx["descent_steps"],
            marker={"color": PATH_COLOR, "size": 7},
            hovertemplate="w = %{x:.4g}<br>J = %{y:.4g}<extra></extra>",
        )
    )
    start = max(0, path_w.size - 1 - max_arrows)
    for t in range(start, path_w.size - 1):
        fig.add_annotation(
            x=float(path_w[t + 1]),
            y=float(path_J[t + 1]),
            ax=float(path_w[t]),
            ay=float(path_J[t]),
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowsize=1,
            arrowwidth=1.5,
            arrowcolor=PATH_COLOR,
            text="",
        )
    fig.add_trace(
        go.Scatter(
            x=_f(tangent_w),
            y=_f(tangent_J),
            mode="lines",
            name=tx["descent_tangent"].format(slope=fmt(slope)),
            line={"color": BACKWARD_COLOR, "width": 2.5, "dash": "dash"},
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[float(path_w[-1])],
            y=[float(path_J[-1])],
            mode="markers",
            name=tx["descent_current"],
            marker={"color": CURRENT_COLOR, "size": 14, "line": {"color": "white", "width": 1}},
        )
    )
    J = np.asarray(J, dtype=np.float64)
    top = float(max(J.max(), path_J.max()))
    fig.update_layout(**base_layout(height=height))
    fig.update_xaxes(title_text="w", range=[float(np.min(w)), float(np.max(w))])
    fig.update_yaxes(title_text="J(w)", range=[0, top * 1.05])
    return fig


# ----------------------------------------------------------------------------
# lesson 7: loop against vectorized
# ----------------------------------------------------------------------------


def _seconds(s: float) -> str:
    if s >= 1.0:
        return f"{fmt(s, 3)} s"
    if s >= 1e-3:
        return f"{fmt(s * 1e3, 3)} ms"
    return f"{fmt(s * 1e6, 3)} µs"


def timing_figure(
    labels: Sequence[str],
    seconds,
    *,
    height: int = 260,
    texts: Mapping[str, str],
) -> go.Figure:
    """Measured time of each way to compute one step, as bars on a log scale.

    Parameters
    ----------
    labels : sequence of str, length k
    seconds : ndarray of shape (k,)
        Positive times.
    height : int, default 260
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    seconds = np.asarray(seconds, dtype=np.float64)
    colors = [RIVAL_COLOR, CLASS_COLORS[0], CLASS_COLORS[1]][: len(labels)]
    fig = go.Figure(
        go.Bar(
            x=_f(seconds),
            y=list(labels),
            orientation="h",
            marker={"color": colors},
            text=[_seconds(s) for s in seconds],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.3g} s<extra></extra>",
        )
    )
    lo = float(np.log10(max(seconds.min(), 1e-9))) - 0.5
    hi = float(np.log10(max(seconds.max(), 1e-9))) + 0.6
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_xaxes(type="log", title_text=tx["timing_x_axis"])
    fig.update_xaxes(range=[lo, hi])
    fig.update_yaxes(autorange="reversed")
    return fig


# ----------------------------------------------------------------------------
# lesson 8: many iterations
# ----------------------------------------------------------------------------


def training_figure(
    steps,
    cost,
    accuracy,
    *,
    stop_step: int | None = None,
    best_step: int | None = None,
    marks: Sequence[int] = (),
    height: int = 480,
    texts: Mapping[str, str],
) -> go.Figure:
    """J and the training accuracy against the iteration count, on a log axis.

    Parameters
    ----------
    steps : ndarray of shape (k,), int
        Iteration of each record.  The start (step 0) is left out: a log
        axis has no place for it.
    cost, accuracy : ndarray of shape (k,)
    stop_step : int, optional
        Where training stopped; marked on both panels.
    best_step : int, optional
        Where the accuracy first reached its best; a star on the lower panel.
    marks : sequence of int
        Iteration counts to mark with a dotted line (1,000, 10,000, …).
    height : int, default 480
    texts : mapping of str to str
        The words of :data:`TEXTS`, in the page's language.

    Returns
    -------
    go.Figure
    """
    tx = words(texts, TEXTS)
    steps = np.asarray(steps, dtype=np.float64)
    keep = steps >= 1  # the start (step 0) has no place on a log axis
    if not np.any(keep):
        keep = np.ones_like(steps, dtype=bool)
    x = np.maximum(steps[keep], 1.0)
    cost = np.asarray(cost, dtype=np.float64)[keep]
    accuracy = np.asarray(accuracy, dtype=np.float64)[keep]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        row_heights=[0.6, 0.4],
    )
    fig.add_trace(
        go.Scatter(x=_f(x), y=_f(cost), mode="lines", name="J", line={"color": FORWARD_COLOR}),
        row=1,
        col=1,
    )
    fig.add_trace(
        go.Scatter(
            x=_f(x),
            y=_f(np.asarray(accuracy) * 100.0),
            mode="lines",
            name=tx["training_accuracy"],
            line={"color": CLASS_COLORS[0]},
        ),
        row=2,
        col=1,
    )
    for mark in marks:
        fig.add_vline(x=max(float(mark), 1.0), line=GUIDE)
    if stop_step is not None:
        at = max(float(stop_step), 1.0)
        fig.add_vline(x=at, line={"color": CURRENT_COLOR, "width": 2})
        fig.add_annotation(
            x=float(np.log10(at)),  # annotations on a log axis take log10 positions
            y=1.0,
            xref="x",
            yref="y domain",
            text=tx["training_stopped"].format(steps=fmt(stop_step)),
            showarrow=False,
            xanchor="right",
            yanchor="top",
            xshift=-4,
            font={"color": CURRENT_COLOR},
        )
    if best_step is not None:
        fig.add_trace(
            go.Scatter(
                x=[max(float(best_step), 1.0)],
                y=[float(np.max(accuracy)) * 100.0],
                mode="markers",
                name=tx["training_best"],
                marker={"color": CURRENT_COLOR, "size": 10, "symbol": "star"},
            ),
            row=2,
            col=1,
        )
    fig.update_layout(**base_layout(height=height))
    span = [0.0, float(np.log10(max(float(x.max()), 10.0)))]
    fig.update_xaxes(type="log", range=span, row=1, col=1)
    fig.update_xaxes(type="log", range=span, title_text=tx["training_x_axis"], row=2, col=1)
    fig.update_yaxes(title_text=tx["training_cost_axis"], type="log", row=1, col=1)
    low = float(np.min(accuracy)) * 100.0 if accuracy.size else 0.0
    fig.update_yaxes(
        title_text=tx["training_accuracy_axis"], range=[max(0.0, low - 5.0), 101.0], row=2, col=1
    )
    return fig
