"""Panel 2 of the training figure and the 3-D view: the cost J over two parameters, with the path.

The surfaces of one figure cost at most :data:`SURFACE_BUDGET` (grid point ×
example) evaluations in all: above it the grid shrinks, then the examples are
sampled (and the panel says so).
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
#: one figure (about half a second).
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


def check_axes(axes, n: int) -> tuple[int, int]:
    """Two distinct weight indices below n (for n ≥ 2), as plain ints."""
    if not isinstance(axes, list | tuple | np.ndarray) or len(axes) != 2:
        raise ValueError(f"axes must be two weight indices, got {axes!r}")
    a1, a2 = (whole("axes", a) for a in axes)
    if not (0 <= a1 < n and 0 <= a2 < n) or a1 == a2:
        raise ValueError(f"axes must be two distinct weight indices below {n}, got {axes!r}")
    return a1, a2


def _span(values, *, margin: float = 0.25, minimum: float = 1.0) -> np.ndarray:
    """(low, high) around values, ``margin`` of the span on each side, span ≥ minimum."""
    lo, hi = float(np.min(values)), float(np.max(values))
    mid, half = (lo + hi) / 2, (hi - lo) / 2
    half = max(half * (1 + 2 * margin), minimum / 2, 1e-9 * abs(mid))
    return np.array([mid - half, mid + half])


@dataclass(frozen=True)
class _Sweep:
    """The two parameters a run's surfaces sweep, their grids, and the examples J is taken over."""

    axes: tuple  # two weights, or (0, None): w1 and the bias
    names: tuple[str, str]
    along1: np.ndarray  # the swept values at every record, (k,)
    along2: np.ndarray
    grid1: np.ndarray
    grid2: np.ndarray
    X: np.ndarray  # all the training examples, or the budget's sample of them
    Y: np.ndarray
    l2: float
    m: int  # all the training examples: the L2 term's m
    notes: tuple

    def surface(self, w, b: float) -> np.ndarray:
        """J over the grids, shape (g, g), other weights from w (n,), plus the run's L2 term."""
        g1, g2 = self.grid1, self.grid2
        J = cost_surface(self.X, self.Y, w.reshape(-1, 1), b, g1, g2, axes=self.axes)
        if not self.l2:
            return J
        swept = (g1 * g1)[None, :]
        if self.axes[1] is not None:
            swept = swept + (g2 * g2)[:, None]
        rest = float(np.sum(np.delete(w, [a for a in self.axes if a is not None]) ** 2))
        return J + l2_penalty(swept + rest, self.l2, self.m)


def _sweep(history: History, X, Y, axes, *, surfaces: int, grid: int, extent=None) -> _Sweep:
    """Sweep (w1, b) or the weights ``axes``; shrink the grid, then sample X, to the budget.

    The box holds the run's path and, if given, ``extent``: ((low, high), (low, high))
    of the two swept parameters that must be in view too (an earlier run's path).
    """
    X = np.asarray(X, dtype=np.float64)
    n, m = X.shape
    if n == 1:
        axes, names = (0, None), ("w1", "b")
        along = (history.w[:, 0], history.b)
    else:
        axes = check_axes(axes, n)
        names = (f"w{axes[0] + 1}", f"w{axes[1] + 1}")
        along = (history.w[:, axes[0]], history.w[:, axes[1]])
    g = grid
    while g > MIN_SURFACE_GRID and g * g * m * surfaces > SURFACE_BUDGET:
        g -= 2
    keep = max(50, SURFACE_BUDGET // (g * g * surfaces))
    notes = ()
    if keep < m:
        subset = np.sort(np.random.default_rng(0).choice(m, size=keep, replace=False))
        X, Y = X[:, subset], Y[:, subset]
        notes = (Note("surface_subset", keep=int(keep), m=int(m)),)
    spans = along if extent is None else (np.r_[a, e] for a, e in zip(along, extent, strict=True))
    g1, g2 = (np.linspace(*_span(a), g) for a in spans)
    return _Sweep(axes, names, *along, g1, g2, X, Y, history.l2, m, notes)


@dataclass(frozen=True)
class CostPanel:
    """Panel 2: J over two parameters, per frame or once.

    Attributes
    ----------
    exact : bool
        True for a model with one weight: the grids sweep (w1, b) and J is the
        exact J(w, b), one surface for every frame.  False: the grids sweep two
        weights, and each frame has the surface at its own b and other weights.
    axis_names : (str, str)
        What the grids sweep: two weights such as ("w1", "w2"), or ("w1", "b").
    grid1, grid2 : ndarray of shape (g,), float32
    J : ndarray of shape (S, g, g), float32
        S = 1 when ``exact``, else one surface per frame.
    path1, path2 : ndarray of shape (F,), float64
        The frames' values of the two swept parameters.
    full1, full2 : ndarray of shape (c,), float32
        The same for (at most MAX_CURVE_POINTS of) all records: the whole path.
    notes : tuple of Note
        What was simplified (a subset of the examples).
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
    notes: tuple[str, ...]


def cost_panel(
    history: History,
    indices,
    X,
    Y,
    *,
    axes: tuple[int, int] = (0, 1),
    grid: int = SURFACE_GRID,
    extent=None,
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
        Which two weights the grids sweep (0-based); ignored for one weight.
    grid : int, default SURFACE_GRID (35)
        Points per side (fewer for large m; see SURFACE_BUDGET).
    extent : ((float, float), (float, float)), optional
        Ranges of the two swept parameters the box must hold besides the run's
        path: an earlier run's path drawn beside this one.

    Returns
    -------
    CostPanel

    Notes
    -----
    n ≥ 2: frame t shows J(u, v) = J(w with wᵢ = u, wⱼ = v, b = b_t), the
    other weights at their values of frame t, over a box around the whole path
    of (wᵢ, wⱼ) (a quarter of its span beyond each end); the path's point of
    frame t lies on it.  n = 1: J(w, b) over a box around the path of (w, b),
    the exact cost of the model.
    """
    indices = np.asarray(indices, dtype=np.int64)
    exact = np.shape(X)[0] == 1
    surfaces = 1 if exact else len(indices)
    s = _sweep(history, X, Y, axes, surfaces=surfaces, grid=grid, extent=extent)
    if exact:
        J = s.surface(np.zeros(1), 0.0)[None]
    else:
        J = np.stack([s.surface(history.w[i], float(history.b[i])) for i in indices])
    finite = J[np.isfinite(J)]
    jmax = float(finite.max()) if finite.size else 1.0
    curve = curve_indices(len(history))
    return CostPanel(
        exact=exact,
        axis_names=s.names,
        grid1=picture_array(s.grid1),
        grid2=picture_array(s.grid2),
        J=picture_array(np.nan_to_num(J, nan=jmax, posinf=jmax)),
        path1=np.asarray(s.along1[indices], dtype=np.float64),
        path2=np.asarray(s.along2[indices], dtype=np.float64),
        full1=picture_array(s.along1[curve]),
        full2=picture_array(s.along2[curve]),
        notes=s.notes,
    )


@dataclass(frozen=True)
class Surface3D:
    """A cost surface and the descent path lying on it.

    Attributes
    ----------
    axis_names, grid1, grid2, notes
        As in :class:`CostPanel`.
    J : ndarray of shape (g, g), float32
    path1, path2 : ndarray of shape (c,), float32
        The swept parameters along the run (at most MAX_CURVE_POINTS records).
    pathJ : ndarray of shape (c,), float32
        The path's height: J on this very surface at (path1, path2).
    b_fixed : float or None
        The bias the surface is drawn at (None when the surface sweeps b).
    exact : bool
        True when the surface is the model's whole J (one weight), so the
        path's height is the J of the run.
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
) -> Surface3D:
    """The cost surface at the final parameters, with the descent path on it.

    Parameters
    ----------
    history, X, Y, axes
        As in :func:`cost_panel`.
    grid : int, default SURFACE_GRID_3D (50)

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
    s = _sweep(history, X, Y, axes, surfaces=2, grid=grid)
    curve = curve_indices(len(history))
    p1, p2 = s.along1[curve], s.along2[curve]
    w_end, b_end = history.w[-1], history.final_b
    exact = s.axes[1] is None
    J = s.surface(w_end, b_end)
    if exact:
        pathJ = history.cost[curve]
    else:  # the path's height on this surface: z = c + u·x_i + v·x_j for each record
        a1, a2 = s.axes
        rest = np.ones(w_end.size, dtype=bool)
        rest[[a1, a2]] = False
        c = w_end[rest] @ s.X[rest] + b_end
        Zp = p1[:, None] * s.X[a1] + p2[:, None] * s.X[a2] + c
        pathJ = loss(Zp, s.Y.reshape(1, -1)).mean(axis=1)
        if s.l2:
            pathJ = pathJ + l2_penalty(
                p1 * p1 + p2 * p2 + float(np.sum(w_end[rest] ** 2)), s.l2, s.m
            )
    return Surface3D(
        axis_names=s.names,
        grid1=picture_array(s.grid1),
        grid2=picture_array(s.grid2),
        J=picture_array(J),
        path1=picture_array(p1),
        path2=picture_array(p2),
        pathJ=picture_array(pathJ),
        b_fixed=None if exact else b_end,
        exact=exact,
        notes=s.notes,
    )
