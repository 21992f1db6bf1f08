"""Lesson 4 · Cost and convexity: J over m examples, its shape, and whether it has a lowest point.

* J(w) of cross-entropy against the squared-error cost of σ(z), over one
  weight (b fixed) and over two (the bowl), and where each bends down or is
  flat (:func:`convexity`);
* a small data set on which the squared error has two dips (:data:`TRAP_X`);
* whether J has a lowest point at all: a separating line or a minimiser,
  found by Newton's method (:func:`separation`, also the Train page's
  verdict), and J along a ray t·(w, b) (:func:`cost_along`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import checks
from ..figures.style import COST_SCALE, CURRENT_COLOR, FORWARD_COLOR, base_layout, words
from ..model import cost_from_z, forward, propagate
from ..separation import Separation, separation
from ..surface import cost_surface
from .loss import squared_error, squared_error_dz
from .shared import RIVAL_COLOR, SHADE_COLOR, dots, line, weights

__all__ = [
    "TEXTS",
    "TRAP_X",
    "TRAP_Y",
    "Convexity",
    "Separation",
    "bowl_figure",
    "compare_costs",
    "convexity",
    "convexity_figure",
    "cost_along",
    "cost_curve",
    "costs_at",
    "ray_figure",
    "rays",
    "separation",
    "squared_error_costs",
    "squared_error_curve",
    "squared_error_slope",
    "squared_error_surface",
    "surface_extremes",
]

#: The words the figures of lesson 4 write, by key of the ``[figures_lessons]`` table
#: (:func:`ray_figure` takes its few words as arguments).
TEXTS = (
    "convexity_ce_title",
    "convexity_se_title",
    "convexity_lowest",
    "convexity_chosen",
    "bowl_lowest",
)


#: A small one-feature data set on which the squared-error cost of σ(wx),
#: b = 0, has two dips: three y = 1 examples just left of 0, three y = 0 just
#: right of it (they ask for w < 0), one y = 1 among the right ones and one
#: far y = 0 example at x = −7 (it asks for w > 0).  Found by a search over
#: small data sets; tests/lessons/test_cost.py checks the two dips, and the
#: one minimum of the cross-entropy on the same data.
TRAP_X = np.array([[-7.0, -0.6, -0.5, -0.4, 0.4, 0.5, 0.6, 0.5]])
TRAP_Y = np.array([[0, 1, 1, 1, 0, 0, 0, 1]])


# ----------------------------------------------------------------------------
# J over one weight and over two: cross-entropy against squared error
# ----------------------------------------------------------------------------


def cost_curve(X, Y, w_grid, *, b):
    """J(w), the cross-entropy cost of a one-feature model over a grid of its weight, b fixed.

    Parameters
    ----------
    X, Y : ndarray of shape (1, m)
    w_grid : ndarray of shape (g,)
    b : float

    Returns
    -------
    J : ndarray of shape (g,)
        :func:`~logreg_core.surface.cost_surface` with the bias held at ``b``.
    """
    X, Y = checks.data(X, Y, n=1)
    b = checks.real("b", b)
    return cost_surface(
        X, Y, np.zeros((1, 1)), b, checks.grid("w_grid", w_grid), [b], axes=(0, None)
    )[0]


#: Elements (weights × examples) per block of :func:`squared_error_costs`.
_BLOCK = 1 << 18


def squared_error_costs(W, b, X, Y):
    """The squared-error cost of σ(z), J_se = (1/m) Σ (a⁽ⁱ⁾ − y⁽ⁱ⁾)², for many weight vectors.

    Parameters
    ----------
    W : ndarray of shape (n, k)
        k weight vectors, one per column.
    b : float
    X, Y : ndarray of shape (n, m) and (1, m)

    Returns
    -------
    ndarray of shape (k,)
        Worked in blocks, so memory stays bounded for any k and m.
    """
    X, Y = checks.data(X, Y)
    W = np.asarray(W, dtype=np.float64)
    if W.ndim != 2 or W.shape[0] != X.shape[0] or not np.all(np.isfinite(W)):
        raise ValueError(f"W must have shape ({X.shape[0]}, k) and be finite, got {W.shape}")
    b = checks.real("b", b)
    step = max(1, _BLOCK // X.shape[1])
    out = np.empty(W.shape[1])
    for k0 in range(0, W.shape[1], step):
        _, A = forward(W[:, k0 : k0 + step], b, X)  # (k, m): row j is a for the j-th w
        out[k0 : k0 + step] = squared_error(A, Y).mean(axis=1)
    return out


def squared_error_curve(X, Y, w_grid, *, b):
    """J_se(w), the squared-error rival of :func:`cost_curve`, with the same arguments."""
    checks.data(X, Y, n=1)
    return squared_error_costs(checks.grid("w_grid", w_grid).reshape(1, -1), b, X, Y)


def squared_error_surface(X, Y, grid1, grid2, *, b):
    """J_se(w1, w2) over a grid, for two features, b fixed.

    Parameters
    ----------
    X, Y : ndarray of shape (2, m) and (1, m)
    grid1, grid2 : ndarray of shape (g1,) and (g2,)
        Values of w1 and of w2.
    b : float

    Returns
    -------
    ndarray of shape (g2, g1)
        Rows follow ``grid2``, as in :func:`~logreg_core.surface.cost_surface`.
    """
    checks.data(X, Y, n=2)
    g1, g2 = checks.grid("grid1", grid1), checks.grid("grid2", grid2)
    W = np.vstack([np.tile(g1, g2.size), np.repeat(g2, g1.size)])
    return squared_error_costs(W, b, X, Y).reshape(g2.size, g1.size)


def surface_extremes(grid1, grid2, J) -> dict[str, object]:
    """The lowest and the highest J of a surface over a grid, and where on the grid they lie.

    Parameters
    ----------
    grid1, grid2 : ndarray of shape (g1,) and (g2,)
        Values of w1 and of w2.
    J : ndarray of shape (g2, g1)
        Rows follow ``grid2``, as from :func:`squared_error_surface`.

    Returns
    -------
    dict
        "lo" and "hi" (float), "lo_at" and "hi_at" ((w1, w2), floats).
    """
    g1, g2 = checks.grid("grid1", grid1), checks.grid("grid2", grid2)
    J = np.asarray(J, dtype=np.float64)
    if J.shape != (g2.size, g1.size) or not np.all(np.isfinite(J)):
        raise ValueError(f"J must be finite of shape ({g2.size}, {g1.size}), got {J.shape}")
    out: dict[str, object] = {}
    for name, k in (("lo", int(np.argmin(J))), ("hi", int(np.argmax(J)))):
        j, i = np.unravel_index(k, J.shape)
        out[name], out[f"{name}_at"] = float(J[j, i]), (float(g1[i]), float(g2[j]))
    return out


def squared_error_slope(X, Y, w, *, b) -> float:
    """dJ_se/dw at the weight w of a one-feature model (X, Y of shape (1, m)), b fixed.

    By the chain rule, d(a − y)²/dw = :func:`squared_error_dz` · x, whose
    factor a(1 − a) vanishes when a saturates, even when a is wrong: hence
    the squared error's plateaus.  The cross-entropy slope (a − y) x has no
    such factor.
    """
    X, Y = checks.data(X, Y, n=1)
    w, b = checks.real("w", w), checks.real("b", b)
    Z, _ = forward(np.array([[w]]), b, X)
    return float(np.mean(squared_error_dz(Z, Y) * X))


def costs_at(X, Y, w, *, b) -> dict[str, float]:
    """Both costs and both slopes at the weight w of a one-feature model (X, Y of shape (1, m)).

    Returns
    -------
    dict
        "J" and "dJ" (cross-entropy J and dJ/dw, from
        :func:`~logreg_core.model.propagate`), "J_se" and "dJ_se" (squared
        error, :func:`squared_error_costs` and :func:`squared_error_slope`).
    """
    X, Y = checks.data(X, Y, n=1)
    w, b = checks.real("w", w), checks.real("b", b)
    grads, J = propagate(np.array([[w]]), b, X, Y)
    return {
        "J": J,
        "dJ": float(grads["dw"][0, 0]),
        "J_se": float(squared_error_costs(np.array([[w]]), b, X, Y)[0]),
        "dJ_se": squared_error_slope(X, Y, w, b=b),
    }


@dataclass(frozen=True)
class Convexity:
    """The shape of a sampled curve J(w).

    Attributes
    ----------
    convex : bool
        Every second difference is ≥ −tolerance: the curve never bends down.
    minima : tuple of float
        w of each local minimum on the grid (ends excluded).
    concave, flat : tuple of (float, float)
        Intervals of w where the curve bends down, and where it bends down
        and is nearly level (plateaus, where gradient descent crawls).
    """

    convex: bool
    minima: tuple[float, ...]
    concave: tuple[tuple[float, float], ...]
    flat: tuple[tuple[float, float], ...]


def _runs(w: np.ndarray, mask: np.ndarray, min_width: float) -> tuple[tuple[float, float], ...]:
    """Intervals of ``w`` where ``mask`` holds, at least ``min_width`` wide."""
    out = []
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    for start, stop in zip(edges[::2], edges[1::2], strict=True):
        lo, hi = float(w[start]), float(w[stop - 1])
        if hi - lo >= min_width:
            out.append((lo, hi))
    return tuple(out)


def convexity(w_grid, J, *, flat_share=0.05, min_width=None) -> Convexity:
    """Where a sampled J(w) is convex, bends down, or is flat.

    Parameters
    ----------
    w_grid : ndarray of shape (g,), g ≥ 3, evenly spaced
    J : ndarray of shape (g,)
    flat_share : float, default 0.05
        A point is on a plateau when the curve bends down there and |dJ/dw| is
        below this share of its largest magnitude on the grid.
    min_width : float, optional
        Shortest interval reported; None means 5 % of the w range.

    Returns
    -------
    Convexity
        Second differences are compared against a tolerance of
        1e-12 · max|J| (rounding), so a straight stretch counts as convex.
    """
    w = checks.grid("w_grid", w_grid)
    J = np.asarray(J, dtype=np.float64)
    if w.size < 3 or J.shape != w.shape or not np.all(np.isfinite(J)):
        raise ValueError(
            f"J must be finite with the shape of w_grid ({w.size},), w_grid ≥ 3 points"
        )
    flat_share = checks.real("flat_share", flat_share, low=0.0, low_open=True)
    h = float(np.mean(np.diff(w)))
    if not h > 0:
        raise ValueError("w_grid must be increasing")
    span = float(w[-1] - w[0])
    min_width = 0.05 * span if min_width is None else checks.real("min_width", min_width)
    d2 = np.diff(J, 2)
    tol = 1e-12 * max(1.0, float(np.max(np.abs(J))))
    inner = w[1:-1]
    slope = np.abs(np.gradient(J, h)[1:-1])
    concave = d2 < -tol
    flat = concave & (slope <= flat_share * slope.max())
    minima = (J[1:-1] < J[:-2]) & (J[1:-1] <= J[2:])
    return Convexity(
        convex=bool(np.all(d2 >= -tol)),
        minima=tuple(float(v) for v in inner[minima]),
        concave=_runs(inner, concave, min_width),
        flat=_runs(inner, flat, min_width),
    )


def compare_costs(X, Y, w_grid, *, b):
    """Both costs over one weight, b fixed, and the shape of each (arguments of :func:`cost_curve`).

    Returns
    -------
    J_ce, J_se : ndarray of shape (g,)
        :func:`cost_curve` and :func:`squared_error_curve`.
    shape_ce, shape_se : Convexity
        :func:`convexity` of each.
    """
    J_ce = cost_curve(X, Y, w_grid, b=b)
    J_se = squared_error_curve(X, Y, w_grid, b=b)
    return J_ce, J_se, convexity(w_grid, J_ce), convexity(w_grid, J_se)


def cost_along(X, Y, w, b, t_grid):
    """J(t·w, t·b): the cross-entropy cost along the ray from the origin through (w, b).

    Parameters
    ----------
    X, Y : ndarray of shape (n, m) and (1, m)
    w : sequence of float, length n
    b : float
    t_grid : ndarray of shape (g,)
        How far along the ray: t = 1 is (w, b) itself, t = 0 is w = 0, b = 0.

    Returns
    -------
    ndarray of shape (g,)
        z = t(wᵀx + b).  Along a separating direction J(t) falls towards 0
        without reaching it; through a minimiser it is lowest at t = 1.
    """
    X, Y = checks.data(X, Y)
    Z, _ = forward(weights(w, X.shape[0]), checks.real("b", b), X)
    return np.array([cost_from_z(t * Z, Y) for t in checks.grid("t_grid", t_grid)])


def rays(overlap, separable, *, points: int = 201):
    """Lesson 4's question, does J have a lowest point, answered on two data sets.

    Parameters
    ----------
    overlap, separable : (X, Y)
        Two data sets, X of shape (n, m) and Y of shape (1, m) each.
    points : int, default 201

    Returns
    -------
    verdicts : tuple of two Separation
        :func:`separation` of ``overlap`` and of ``separable``.
    t : ndarray of shape (points,)
        Lengths ‖(w, b)‖ along each ray, from 0 to three times the overlap's minimiser's.
    J_overlap, J_separable : ndarray of shape (points,)
        J along the unit direction of each verdict's (w, b), at those lengths.
    """
    found = [(X, Y, separation(X, Y)) for X, Y in (overlap, separable)]
    norm = [float(np.linalg.norm(np.append(s.w, s.b))) for _, _, s in found]
    t = np.linspace(0.0, 3.0 * norm[0], points)
    along = [
        cost_along(X, Y, s.w / n, s.b / n, t) for (X, Y, s), n in zip(found, norm, strict=True)
    ]
    return (found[0][2], found[1][2]), t, along[0], along[1]


# ----------------------------------------------------------------------------
# the figures
# ----------------------------------------------------------------------------


#: Plateaus of the squared-error cost, darker than its concave stretches.
PLATEAU_COLOR = "rgba(204, 51, 17, 0.22)"
#: Descent paths drawn on one curve (two starts), told apart by colour.
PATH_COLORS = ("#0077BB", "#EE7733")


def _hover(var: str, note: str | None = None) -> str:
    """The hover text of a point (var, J) of a panel, under ``note`` when given."""
    head = f"{note}<br>" if note else ""
    return head + f"{var} = %{{x:.3g}}<br>J = %{{y:.4g}}<extra></extra>"


def _panel(fig: go.Figure, col: int, traces, *, top: float, x_title: str) -> None:
    """Panel ``col`` of a row of panels: its traces, its y axis from 0 to 8 % above ``top``."""
    fig.add_traces(traces, rows=1, cols=col)
    fig.update_yaxes(range=[0, top * 1.08], row=1, col=col)
    fig.update_xaxes(title_text=x_title, row=1, col=col)


def _panels_layout(fig: go.Figure, *, y_title: str, height: int) -> go.Figure:
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_yaxes(title_text=y_title, row=1, col=1)
    fig.update_annotations(font_size=14)
    return fig


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
    """
    tx = words(texts, TEXTS)
    fig = make_subplots(
        rows=1,
        cols=2,
        horizontal_spacing=0.08,
        subplot_titles=(tx["convexity_ce_title"], tx["convexity_se_title"]),
    )
    chosen = {"color": CURRENT_COLOR, "size": 12, "line": {"color": "white", "width": 1}}
    for col, J, color, pj in ((1, J_ce, FORWARD_COLOR, point_ce), (2, J_se, RIVAL_COLOR, point_se)):
        J = np.asarray(J, dtype=np.float64)
        i = int(np.argmin(J))
        lowest = {"color": color, "size": 10, "symbol": "x"}
        traces = [
            line(w, J, {"color": color, "width": 3}, hovertemplate=_hover("w")),
            dots(np.ravel(w)[i], J[i], lowest, hovertemplate=_hover("w", tx["convexity_lowest"])),
        ]
        if point_w is not None:
            note = tx["convexity_chosen"]
            traces.append(dots(point_w, pj, chosen, hovertemplate=_hover("w", note)))
        top = float(J.max() if point_w is None else max(J.max(), pj))
        _panel(fig, col, traces, top=top, x_title="w")
    for k, (col, pw, pJ) in enumerate(paths):
        pw, pJ = np.ravel(pw), np.ravel(pJ)
        color = PATH_COLORS[k % len(PATH_COLORS)]
        ends = {
            "color": ["white", color],
            "size": 12,
            "symbol": "circle",
            "line": {"color": color, "width": 2},
        }
        path = line(
            pw,
            pJ,
            {"color": color, "width": 2},
            mode="lines+markers",
            marker={"color": color, "size": 5},
            hovertemplate=_hover("w"),
        )
        start_end = dots(
            pw[[0, -1]],
            pJ[[0, -1]],
            ends,
            hovertemplate="w = %{x:.4g}<br>J = %{y:.4g}<extra></extra>",
        )
        fig.add_traces([path, start_end], rows=1, cols=col)
    # after the traces: shapes on an empty subplot would be dropped
    for spans, shade in ((concave, SHADE_COLOR), (flat, PLATEAU_COLOR)):
        for lo, hi in spans:
            fig.add_vrect(x0=lo, x1=hi, fillcolor=shade, line_width=0, layer="below", row=1, col=2)
    return _panels_layout(fig, y_title="J(w)", height=height)


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
    """
    fig = make_subplots(
        rows=1,
        cols=len(panels),
        horizontal_spacing=0.08,
        subplot_titles=[title for title, _ in panels],
    )
    for col, (_, J) in enumerate(panels, start=1):
        curve = line(t, J, {"color": FORWARD_COLOR, "width": 3}, hovertemplate=_hover("t"))
        _panel(fig, col, [curve], top=float(np.max(J)), x_title=x_title)
    mark = {"color": CURRENT_COLOR, "size": 11, "symbol": "x"}
    for col, mt, mJ in marks:
        fig.add_trace(dots(mt, mJ, mark, hovertemplate=_hover("t")), row=1, col=col)
    return _panels_layout(fig, y_title="J", height=height)


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
    grid1, grid2 : ndarray of shape (g1,) and (g2,)
        Values of w1 and of w2.
    J : ndarray of shape (g2, g1)
        Rows follow ``grid2`` (as in :func:`~logreg_core.surface.cost_surface`).
    title, z_title : str
    height : int, default 480
    texts : mapping of str to str
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
