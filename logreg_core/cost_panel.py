"""Panel 2 of the training figure and the 3-D view: the cost J over two parameters, with the path.

Every surface is bounded in work: at most :data:`SURFACE_BUDGET` (grid point ×
example) evaluations for all the surfaces of one figure; above it the grid
shrinks, then the examples are sampled (and the panel says so).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .checks import whole
from .data import Note
from .data_panel import picture_array
from .model import l2_penalty, loss
from .surface import cost_surface
from .train import History

__all__ = [
    "MAX_CURVE_POINTS",
    "MIN_SURFACE_GRID",
    "SURFACE_BUDGET",
    "SURFACE_GRID",
    "SURFACE_GRID_3D",
    "CostPanel",
    "Surface3D",
    "check_axes",
    "cost_panel",
    "curve_indices",
    "surface_3d",
]

#: Points per side of the cost-surface grid (animated panel) and of the 3-D view.
SURFACE_GRID = 35
SURFACE_GRID_3D = 50
#: At most this many (grid point × example) evaluations for all the surfaces of
#: one figure (about half a second); above it the grid shrinks, then the
#: surfaces use a random subset of the training examples (and say so).
SURFACE_BUDGET = 300_000_000
#: Smallest grid the budget may shrink the animated surface to.
MIN_SURFACE_GRID = 21
#: Largest number of History records drawn as the faint full path and the curves.
MAX_CURVE_POINTS = 1000


def curve_indices(k: int) -> np.ndarray:
    """At most MAX_CURVE_POINTS record indices, evenly spread, first and last kept."""
    if k <= MAX_CURVE_POINTS:
        return np.arange(k)
    return np.unique(np.rint(np.linspace(0, k - 1, MAX_CURVE_POINTS)).astype(np.int64))


# ----------------------------------------------------------------------------
# panel 2: the cost surface
# ----------------------------------------------------------------------------


def _span(values, *, margin: float, minimum: float) -> np.ndarray:
    """(low, high) around values, ``margin`` of the span on each side, span ≥ minimum."""
    lo, hi = float(np.min(values)), float(np.max(values))
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    half = max(half * (1 + 2 * margin), minimum / 2, 1e-9 * abs(mid))
    return np.array([mid - half, mid + half])


@dataclass(frozen=True)
class CostPanel:
    """Panel 2: J over two parameters, per frame or once.

    Attributes
    ----------
    exact : bool
        True for a model with one weight: the grids sweep (w1, b) and J is the
        exact J(w, b), one surface for every frame.  False: the grids sweep
        (w1, w2), and each frame has the surface at its own b (and its other
        weights w3 … wn).
    axis_names : (str, str)
        What the grids sweep: two weights such as ("w1", "w2"), or ("w1", "b").
    grid1, grid2 : ndarray of shape (g1,), (g2,), float32
    J : ndarray of shape (S, g2, g1), float32
        S = 1 when ``exact``, else one surface per frame.
    path1, path2 : ndarray of shape (F,), float64
        The frames' values of the two swept parameters.
    full1, full2 : ndarray of shape (c,), float32
        The same for (at most MAX_CURVE_POINTS of) all records: the whole path.
    jmin, jmax : float
        The range of J over every surface (the colour scale is shared by all frames).
    notes : tuple of str
        What was simplified, in words (a smaller grid, a subset of examples).
    """

    exact: bool
    axis_names: tuple[str, str]
    grid1: np.ndarray
    grid2: np.ndarray
    J: np.ndarray
    path1: np.ndarray
    path2: np.ndarray
    full1: np.ndarray
    full2: np.ndarray
    jmin: float
    jmax: float
    notes: tuple[str, ...]


def _l2_term(l2, m, w_sq) -> float | np.ndarray:
    return l2_penalty(w_sq, l2, m) if l2 else 0.0


def _surface_plan(m: int, n_surfaces: int, grid: int, seed: int = 0):
    """Grid size, example subset (or None) and notes, so that g² · m · surfaces ≤ SURFACE_BUDGET."""
    g = grid
    while g > MIN_SURFACE_GRID and g * g * m * n_surfaces > SURFACE_BUDGET:
        g -= 2
    keep = max(50, SURFACE_BUDGET // (g * g * n_surfaces))
    if keep >= m:
        return g, None, ()
    subset = np.sort(np.random.default_rng(seed).choice(m, size=keep, replace=False))
    note = Note("surface_subset", keep=int(keep), m=int(m))
    return g, subset, (note,)


def check_axes(axes, n: int) -> tuple[int, int]:
    """Two distinct weight indices below n (for n ≥ 2), as plain ints."""
    if not isinstance(axes, list | tuple | np.ndarray) or len(axes) != 2:
        raise ValueError(f"axes must be two weight indices, got {axes!r}")
    a1, a2 = (whole("axes", a) for a in axes)
    if not (0 <= a1 < n and 0 <= a2 < n) or a1 == a2:
        raise ValueError(f"axes must be two distinct weight indices below {n}, got {axes!r}")
    return a1, a2


def cost_panel(
    history: History,
    indices,
    X,
    Y,
    *,
    axes: tuple[int, int] = (0, 1),
    grid: int = SURFACE_GRID,
    margin: float = 0.25,
) -> CostPanel:
    """The cost surface of each frame, and the path of the two swept parameters.

    Parameters
    ----------
    history : History
        The run; ``history.l2`` is added to J as in training.
    indices : ndarray of shape (F,), int
        The frames (indices into the History), from :func:`frame_indices`.
    X : ndarray of shape (n, m)
        Training features, as the model saw them.
    Y : ndarray of shape (1, m)
    axes : (int, int), default (0, 1)
        Which two weights the grids sweep (0-based; (0, 1) is (w1, w2)).
        Ignored for a model with one weight.
    grid : int, default SURFACE_GRID (35)
        Points per side (it may shrink for large m; see SURFACE_BUDGET).
    margin : float, default 0.25
        Share of the path's span added beyond each end of a grid.

    Returns
    -------
    CostPanel

    Notes
    -----
    n ≥ 2: frame t shows J(u, v) = J(w with wᵢ = u, wⱼ = v, b = b_t), the
    other weights at their values of frame t, over a box around the whole path
    of (wᵢ, wⱼ); the path's point of frame t lies on it.  n = 1: J(w, b) over a
    box around the path of (w, b), the exact cost of the model.
    """
    indices = np.asarray(indices, dtype=np.int64)
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    exact = n == 1
    curve = curve_indices(len(history))
    if exact:
        all1, all2 = history.w[:, 0], history.b
        names = ("w1", "b")
    else:
        a1, a2 = check_axes(axes, n)
        all1, all2 = history.w[:, a1], history.w[:, a2]
        names = (f"w{a1 + 1}", f"w{a2 + 1}")
    lo1, hi1 = _span(all1, margin=margin, minimum=1.0)
    lo2, hi2 = _span(all2, margin=margin, minimum=1.0)
    n_surfaces = 1 if exact else len(indices)
    g, subset, notes = _surface_plan(m, n_surfaces, grid)
    g1 = np.linspace(lo1, hi1, g)
    g2 = np.linspace(lo2, hi2, g)
    Xs, Ys = (X, Y) if subset is None else (X[:, subset], Y[:, subset])
    if exact:
        J = cost_surface(Xs, Ys, np.zeros((1, 1)), 0.0, g1, g2, axes=(0, None))
        J = J + _l2_term(history.l2, m, (g1 * g1)[None, :])
        J = J[None]
    else:
        J = np.empty((len(indices), g, g))
        rest = np.ones(n, dtype=bool)
        rest[[a1, a2]] = False
        for f, i in enumerate(indices):
            w = history.w[i].reshape(-1, 1)
            J[f] = cost_surface(Xs, Ys, w, float(history.b[i]), g1, g2, axes=(a1, a2))
            if history.l2:
                rest_sq = float(np.sum(history.w[i, rest] ** 2))
                uu, vv = np.meshgrid(g1 * g1, g2 * g2)
                J[f] += _l2_term(history.l2, m, uu + vv + rest_sq)
    finite = J[np.isfinite(J)]
    jmin = float(finite.min()) if finite.size else 0.0
    jmax = float(finite.max()) if finite.size else 1.0
    return CostPanel(
        exact=exact,
        axis_names=names,
        grid1=picture_array(g1),
        grid2=picture_array(g2),
        J=picture_array(np.nan_to_num(J, nan=jmax, posinf=jmax)),
        path1=np.asarray(all1[indices], dtype=np.float64),
        path2=np.asarray(all2[indices], dtype=np.float64),
        full1=picture_array(all1[curve]),
        full2=picture_array(all2[curve]),
        jmin=jmin,
        jmax=max(jmax, jmin + 1e-12),
        notes=notes,
    )


# ----------------------------------------------------------------------------
# the 3-D view
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Surface3D:
    """A cost surface and a descent path lying on it.

    Attributes
    ----------
    axis_names : (str, str)
        ("w1", "w2") or, for one weight, ("w1", "b").
    grid1, grid2 : ndarray of shape (g1,), (g2,), float32
    J : ndarray of shape (g2, g1), float32
    path1, path2 : ndarray of shape (c,), float32
        The swept parameters along the run (at most MAX_CURVE_POINTS records).
    pathJ : ndarray of shape (c,), float32
        The path's height: J on this very surface at (path1, path2).
    b_fixed : float or None
        The bias the surface is drawn at (None when the surface sweeps b).
    exact : bool
        True when the surface is the model's whole J (one weight), so the
        path's height is the J of the run.
    notes : tuple of str
    """

    axis_names: tuple[str, str]
    grid1: np.ndarray
    grid2: np.ndarray
    J: np.ndarray
    path1: np.ndarray
    path2: np.ndarray
    pathJ: np.ndarray
    b_fixed: float | None
    exact: bool
    notes: tuple[str, ...]


def surface_3d(
    history: History,
    X,
    Y,
    *,
    axes: tuple[int, int] = (0, 1),
    grid: int = SURFACE_GRID_3D,
    margin: float = 0.25,
) -> Surface3D:
    """The cost surface at the final parameters, with the descent path on it.

    Parameters
    ----------
    history : History
    X : ndarray of shape (n, m)
        Training features as the model saw them.
    Y : ndarray of shape (1, m)
    axes : (int, int), default (0, 1)
        Which two weights the surface sweeps (ignored for one weight).
    grid : int, default SURFACE_GRID_3D (50)
    margin : float, default 0.25

    Returns
    -------
    Surface3D

    Notes
    -----
    n = 1: J(w, b), exact, and the path (w_t, b_t, J_t) lies on it.
    n ≥ 2: J(wᵢ, wⱼ) with b and the other weights at their final values; the
    path's height is J on this surface at (wᵢ_t, wⱼ_t), so that it lies on the
    surface (the run's own J, with b moving too, is the curve of panel 3).
    """
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    curve = curve_indices(len(history))
    exact = n == 1
    if exact:
        a1, a2 = 0, None
        all1, all2 = history.w[:, 0], history.b
        names = ("w1", "b")
    else:
        a1, a2 = check_axes(axes, n)
        all1, all2 = history.w[:, a1], history.w[:, a2]
        names = (f"w{a1 + 1}", f"w{a2 + 1}")
    p1, p2 = all1[curve], all2[curve]
    lo1, hi1 = _span(all1, margin=margin, minimum=1.0)
    lo2, hi2 = _span(all2, margin=margin, minimum=1.0)
    g, subset, notes = _surface_plan(m, 2, grid)
    Xs, Ys = (X, Y) if subset is None else (X[:, subset], Y[:, subset])
    g1, g2 = np.linspace(lo1, hi1, g), np.linspace(lo2, hi2, g)
    w_end, b_end = history.final_w, history.final_b
    if exact:
        J = cost_surface(Xs, Ys, w_end, 0.0, g1, g2, axes=(0, None))
        J = J + _l2_term(history.l2, m, (g1 * g1)[None, :])
        pathJ = history.cost[curve]
        b_fixed = None
    else:
        J = cost_surface(Xs, Ys, w_end, b_end, g1, g2, axes=(a1, a2))
        rest = np.ones(n, dtype=bool)
        rest[[a1, a2]] = False
        rest_sq = float(np.sum(w_end[rest] ** 2))
        if history.l2:
            uu, vv = np.meshgrid(g1 * g1, g2 * g2)
            J = J + _l2_term(history.l2, m, uu + vv + rest_sq)
        # the path's height on this surface: z = c + u·x_i + v·x_j for each record
        c = w_end[rest, 0] @ Xs[rest] + b_end
        Zp = p1[:, None] * Xs[a1] + p2[:, None] * Xs[a2] + c
        pathJ = loss(Zp, Ys.reshape(1, -1)).mean(axis=1)
        pathJ = pathJ + _l2_term(history.l2, m, p1 * p1 + p2 * p2 + rest_sq)
        b_fixed = b_end
    return Surface3D(
        axis_names=names,
        grid1=picture_array(g1),
        grid2=picture_array(g2),
        J=picture_array(J),
        path1=picture_array(p1),
        path2=picture_array(p2),
        pathJ=picture_array(pathJ),
        b_fixed=b_fixed,
        exact=exact,
        notes=notes,
    )
