"""The numbers behind the animated training figure: frames, meshes, boundaries, cost surfaces.

Everything here is math on numpy arrays; :mod:`logreg_core.figures.playground`
turns the result into plotly traces.  A picture does not need float64, so the
arrays that only feed a picture are float32 (half the bytes sent to the
browser); values a student reads (J, accuracy, w, b) stay float64.

The three panels of the figure, per frame t (a record of the History):

1. the data in original units, with a = σ(z) on a mesh as a shaded background
   and the decision boundary a = 0.5 (a segment for the plain features x1, x2;
   the contour of the mesh for mapped features; points on the axis for one
   input);
2. the cost J over (w1, w2) at the frame's bias b (and its other weights), with
   the path of (w1, w2) so far; for a model with one weight, the exact J(w, b),
   the same for every frame;
3. J and the accuracies against the iteration.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .checks import whole
from .data import Note
from .features import apply_features
from .model import example_values, l2_penalty, loss, sigmoid
from .surface import cost_surface
from .train import History

__all__ = [
    "DEFAULT_FRAMES",
    "FRAME_SPACINGS",
    "MAX_FRAMES",
    "MESH_2D",
    "SURFACE_BUDGET",
    "SURFACE_GRID",
    "AnimationData",
    "CostPanel",
    "DataPanel",
    "FrameNumbers",
    "Surface3D",
    "animation_data",
    "boundary_crossings",
    "boundary_segment",
    "check_axes",
    "contour_segments",
    "cost_panel",
    "data_bounds",
    "data_panel",
    "frame_indices",
    "frame_numbers",
    "picture_array",
    "surface_3d",
]

#: Frames the figure shows by default, and at most: at 30 frames a second the
#: default run plays in about 7 s, each of its first updates a frame of its own.
DEFAULT_FRAMES = 200
MAX_FRAMES = 400
#: How frames are spread over the run: evenly in steps, or geometrically
#: (dense at the start, where most of the change happens).
FRAME_SPACINGS = ("log", "uniform")
#: Points per side of the probability mesh (2 inputs), and along x (1 input).
MESH_2D = 40
MESH_1D = 200
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


# ----------------------------------------------------------------------------
# frames
# ----------------------------------------------------------------------------


def frame_indices(steps, n_frames: int = DEFAULT_FRAMES, spacing: str = "log") -> np.ndarray:
    """Which records of a History become frames.

    Parameters
    ----------
    steps : ndarray of shape (k,), int
        ``History.steps``: sorted, distinct, starting at any step.
    n_frames : int, default DEFAULT_FRAMES (200)
        Frames wanted, 2 to MAX_FRAMES (120).
    spacing : {"log", "uniform"}, default "log"
        ``"uniform"``: target steps evenly spaced from the first to the last
        step.  ``"log"``: step 0 and then geometrically spaced steps, so the
        first updates, where J falls fastest, get most frames.

    Returns
    -------
    ndarray of shape (min(k, n_frames),), int64
        Increasing, distinct indices into the History; the first is 0 and the
        last is k − 1 (the initial and the final parameters are always shown).

    Notes
    -----
    Each target step is matched to its nearest record; where several targets
    fall on one record (the start of a log spacing), the indices are pushed
    apart to consecutive records, so exactly ``min(k, n_frames)`` frames result.
    """
    steps = np.asarray(steps)
    if steps.ndim != 1 or steps.size == 0:
        raise ValueError(f"steps must be a non-empty 1-D array, got shape {steps.shape}")
    if isinstance(n_frames, bool) or not isinstance(n_frames, int | np.integer):
        raise ValueError(f"n_frames must be a whole number, got {n_frames!r}")
    if not 2 <= n_frames <= MAX_FRAMES:
        raise ValueError(f"n_frames must be between 2 and {MAX_FRAMES}, got {n_frames}")
    if spacing not in FRAME_SPACINGS:
        raise ValueError(f"spacing must be one of {FRAME_SPACINGS}, got {spacing!r}")
    k = steps.size
    if k <= n_frames:
        return np.arange(k, dtype=np.int64)
    first, last = float(steps[0]), float(steps[-1])
    if spacing == "uniform":
        targets = np.linspace(first, last, n_frames)
    else:
        span = max(last - first, 1.0)
        targets = first + np.concatenate([[0.0], np.geomspace(1.0, span, n_frames - 1)])
    # nearest record to each target
    right = np.clip(np.searchsorted(steps, targets), 1, k - 1)
    left = right - 1
    idx = np.where(targets - steps[left] <= steps[right] - targets, left, right).astype(np.int64)
    idx[0], idx[-1] = 0, k - 1
    # strictly increasing: push up from the left, then down from the right
    ar = np.arange(n_frames, dtype=np.int64)
    idx = np.maximum.accumulate(idx - ar) + ar
    top = (k - 1) - (n_frames - 1) + ar  # the highest index slot i may take
    idx = np.minimum(idx, top)
    idx[-1] = k - 1
    return idx


def _curve_indices(k: int) -> np.ndarray:
    """At most MAX_CURVE_POINTS record indices, evenly spread, first and last kept."""
    if k <= MAX_CURVE_POINTS:
        return np.arange(k)
    return np.unique(np.rint(np.linspace(0, k - 1, MAX_CURVE_POINTS)).astype(np.int64))


# ----------------------------------------------------------------------------
# panel 1: the data, a = σ(z) and the boundary
# ----------------------------------------------------------------------------


def data_bounds(X_raw, *, margin: float = 0.1) -> tuple[tuple[float, float], ...]:
    """A box around the raw inputs, ``margin`` of the span beyond each side.

    Parameters
    ----------
    X_raw : ndarray of shape (n_inputs, m), m ≥ 1
        Raw inputs (1 or 2 rows), in their original units.
    margin : float, default 0.1

    Returns
    -------
    tuple of n_inputs pairs (low, high), low < high
    """
    X_raw = np.asarray(X_raw, dtype=np.float64)
    if X_raw.ndim != 2 or X_raw.shape[1] == 0:
        raise ValueError(f"X_raw must have shape (n_inputs, m) with m ≥ 1, got {X_raw.shape}")
    out = []
    for row in X_raw:
        lo, hi = float(row.min()), float(row.max())
        span = hi - lo
        if span <= 1e-12 * max(1.0, abs(lo), abs(hi)):
            span = max(1.0, abs(lo))
            lo, hi = lo - span / 2, hi + span / 2
            span = hi - lo
        out.append((lo - margin * span, hi + margin * span))
    return tuple(out)


def boundary_segment(w, b, box) -> np.ndarray:
    """The part of the line w1 x1 + w2 x2 + b = 0 inside a box.

    Parameters
    ----------
    w : sequence of 2 floats
        (w1, w2) in the units of the box.
    b : float
    box : ((x1_low, x1_high), (x2_low, x2_high))

    Returns
    -------
    ndarray of shape (2, 2)
        ``[[x1_start, x1_end], [x2_start, x2_end]]``; all NaN when the line
        misses the box or w = 0 (no boundary: every point has the same class).

    Notes
    -----
    The line crosses each side of the box where one coordinate is fixed:
    on x1 = c, x2 = −(w1 c + b)/w2 (when w2 ≠ 0); on x2 = c, x1 = −(w2 c + b)/w1
    (when w1 ≠ 0).  A nearly vertical line (w2 ≈ 0) is found on the sides
    x2 = c, so no division by a tiny number reaches the picture.
    """
    w1, w2 = float(w[0]), float(w[1])
    b = float(b)
    (x1lo, x1hi), (x2lo, x2hi) = box
    points = []
    scale = max(abs(w1), abs(w2))
    if scale == 0.0 or not math.isfinite(scale) or not math.isfinite(b):
        return np.full((2, 2), np.nan)
    w1, w2, b = w1 / scale, w2 / scale, b / scale
    tol = 1e-12
    if abs(w2) > tol:
        for c in (x1lo, x1hi):
            v = -(w1 * c + b) / w2
            if x2lo - tol <= v <= x2hi + tol:
                points.append((c, min(max(v, x2lo), x2hi)))
    if abs(w1) > tol:
        for c in (x2lo, x2hi):
            u = -(w2 * c + b) / w1
            if x1lo - tol <= u <= x1hi + tol:
                points.append((min(max(u, x1lo), x1hi), c))
    if not points:
        return np.full((2, 2), np.nan)
    pts = np.array(points)
    # the two points farthest apart (corners can appear twice)
    diff = pts[:, None, :] - pts[None, :, :]
    d = np.hypot(diff[..., 0], diff[..., 1])  # no overflow for coordinates near 1e300
    i, j = np.unravel_index(int(np.argmax(d)), d.shape)
    return np.array([[pts[i, 0], pts[j, 0]], [pts[i, 1], pts[j, 1]]])


def boundary_crossings(grid, z) -> np.ndarray:
    """Where z changes sign along a 1-D grid: the decision boundary of one input.

    Parameters
    ----------
    grid : ndarray of shape (g,)
        Increasing input values.
    z : ndarray of shape (g,)
        z at those inputs.

    Returns
    -------
    ndarray of shape (c,)
        The crossings, linearly interpolated between grid points (exact for a
        linear z); empty when z keeps one sign.
    """
    grid = np.asarray(grid, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    s = z >= 0
    i = np.flatnonzero(s[1:] != s[:-1])
    z0, z1 = z[i], z[i + 1]
    t = z0 / (z0 - z1)
    return grid[i] + t * (grid[i + 1] - grid[i])


def contour_segments(grid1, grid2, Z, level: float = 0.0) -> np.ndarray:
    """The curve Z = level on a mesh, as line segments (marching squares).

    Parameters
    ----------
    grid1 : ndarray of shape (g1,)
        Increasing x1 values (columns of Z).
    grid2 : ndarray of shape (g2,)
        Increasing x2 values (rows of Z).
    Z : ndarray of shape (g2, g1)
    level : float, default 0.0

    Returns
    -------
    ndarray of shape (2, 3s)
        x1 (row 0) and x2 (row 1) of s segments, each two points followed by
        a NaN column, so a plotting library draws them as separate pieces;
        shape (2, 0) when the curve misses the mesh.

    Notes
    -----
    In each cell the level is crossed on the edges whose corners lie on
    opposite sides of it, at the linearly interpolated point.  A cell with two
    crossings holds one segment; one with four (a saddle) holds two, paired by
    the value at the cell's centre.
    """
    g1 = np.asarray(grid1, dtype=np.float64)
    g2 = np.asarray(grid2, dtype=np.float64)
    V = np.asarray(Z, dtype=np.float64) - level
    v00, v10 = V[:-1, :-1], V[:-1, 1:]  # (row j, col i) and (j, i + 1)
    v01, v11 = V[1:, :-1], V[1:, 1:]
    x0, x1 = g1[None, :-1], g1[None, 1:]
    y0, y1 = g2[:-1, None], g2[1:, None]
    shape = v00.shape

    def cross(va, vb, pa, pb):
        hit = (va >= 0) != (vb >= 0)
        with np.errstate(divide="ignore", invalid="ignore"):
            t = np.where(hit, va / (va - vb), 0.0)
        return hit, pa + t * (pb - pa)

    # edges: bottom (00→10), right (10→11), top (01→11), left (00→01)
    hb, xb = cross(v00, v10, x0, x1)
    hr, yr = cross(v10, v11, y0, y1)
    ht, xt = cross(v01, v11, x0, x1)
    hl, yl = cross(v00, v01, y0, y1)
    pts = [
        (hb, np.broadcast_to(xb, shape), np.broadcast_to(y0, shape)),
        (hr, np.broadcast_to(x1, shape), np.broadcast_to(yr, shape)),
        (ht, np.broadcast_to(xt, shape), np.broadcast_to(y1, shape)),
        (hl, np.broadcast_to(x0, shape), np.broadcast_to(yl, shape)),
    ]
    hits = hb.astype(int) + hr + ht + hl
    segs = []
    # two crossings: join them (the first and second edge crossed, in edge order)
    two = hits == 2
    if two.any():
        order = np.stack([h for h, _, _ in pts])[:, two]  # (4, c)
        xs = np.stack([x[two] for _, x, _ in pts])
        ys = np.stack([y[two] for _, _, y in pts])
        first = np.argmax(order, axis=0)
        second = 3 - np.argmax(order[::-1], axis=0)
        c = np.arange(first.size)
        segs.append((xs[first, c], ys[first, c], xs[second, c], ys[second, c]))
    four = hits == 4
    if four.any():
        centre = (v00 + v10 + v01 + v11)[four] / 4
        same = (centre >= 0) == (v00[four] >= 0)  # the centre sides with corner 00
        xs = [x[four] for _, x, _ in pts]
        ys = [y[four] for _, _, y in pts]
        # centre with 00 (and 11): corners 10 and 01 are cut off, bottom–right and
        # top–left; otherwise 00 and 11 are, bottom–left and top–right
        with_bottom = np.where(same, 1, 3)
        with_top = np.where(same, 3, 1)
        xs, ys = np.stack(xs), np.stack(ys)
        c = np.arange(centre.size)
        segs.append((xs[0], ys[0], xs[with_bottom, c], ys[with_bottom, c]))
        segs.append((xs[2], ys[2], xs[with_top, c], ys[with_top, c]))
    if not segs:
        return np.empty((2, 0))
    xa, ya, xb2, yb2 = (np.concatenate(parts) for parts in zip(*segs, strict=True))
    nan = np.full_like(xa, np.nan)
    return np.vstack(
        [np.column_stack([xa, xb2, nan]).ravel(), np.column_stack([ya, yb2, nan]).ravel()]
    )


_F32_MAX = float(np.finfo(np.float32).max)
_F32_TINY = float(np.finfo(np.float32).tiny)


def picture_array(values) -> np.ndarray:
    """Values that only feed a picture: float32 when it holds them, else float64.

    float32 halves the bytes sent to the browser, but holds magnitudes only
    from about 1.2e-38 to 3.4e38: data of 1e300 (or weights of 1e-300) would
    turn into inf (with a RuntimeWarning) or 0.  Such arrays stay float64.

    Parameters
    ----------
    values : array_like of float

    Returns
    -------
    ndarray of the same shape, float32 or float64
    """
    arr = np.asarray(values, dtype=np.float64)
    size = np.abs(arr[np.isfinite(arr)])
    size = size[size > 0]
    if size.size and (size.max() > _F32_MAX or size.min() < _F32_TINY):
        return arr
    return arr.astype(np.float32)


@dataclass(frozen=True)
class DataPanel:
    """Panel 1 for each frame: the shaded probability and the decision boundary.

    Attributes
    ----------
    n_inputs : int
        1 or 2 raw inputs.
    grid1 : ndarray of shape (g1,), float32
        Mesh values of x1 (original units).
    grid2 : ndarray of shape (g2,), float32
        Mesh values of x2; empty for one input.
    a : ndarray of shape (F, g2, g1) or (F, g1), float32
        a = σ(z) on the mesh (rows follow x2) for each frame.
    linear : bool
        True when the features are exactly (x1, x2) or (x1,), so the boundary
        is a straight line (or a single point) and ``boundary`` holds it.
    boundary : tuple of F ndarrays
        The decision boundary z = 0 (a = 0.5) of each frame.  Two inputs: of
        shape (2, L), x1 and x2 of a polyline with NaN between pieces; for the
        plain features the exact segment ``[[x1, x1'], [x2, x2']]`` (NaN when
        it misses the box), for mapped features the marching-squares contour of
        z on the mesh (:func:`contour_segments`).  One input: of shape (c,), the
        crossings of z = 0 along x1.
    box : tuple of (low, high) pairs
        The plotted range of each input.
    """

    n_inputs: int
    grid1: np.ndarray
    grid2: np.ndarray
    a: np.ndarray
    linear: bool
    boundary: tuple
    box: tuple


def _features_of(points, feature_names, standardizer) -> np.ndarray:
    F, _ = apply_features(points, feature_names)
    if standardizer is not None:
        F = standardizer.transform(F)
    return F


def data_panel(
    W,
    B,
    feature_names: Sequence[str],
    standardizer,
    box,
    *,
    mesh: int | None = None,
) -> DataPanel:
    """σ(z) on a mesh of the raw inputs and the decision boundary, for several parameters.

    Parameters
    ----------
    W : ndarray of shape (F, n)
        Weights of each frame, for the n features the model sees.
    B : ndarray of shape (F,)
        Biases of each frame.
    feature_names : sequence of str, length n
        Feature maps (names from FEATURE_MAPS) that built the features.
    standardizer : object with ``.transform(F)``, or None
        The Standardizer fitted on the training features, if any.
    box : tuple of 1 or 2 (low, high) pairs
        The range of each raw input (see :func:`data_bounds`).
    mesh : int, optional
        Points per side; default MESH_2D (40) for two inputs, MESH_1D (200) for one.

    Returns
    -------
    DataPanel

    Notes
    -----
    Each mesh point x goes through the same path as an example: features
    φ(x), standardized (φ − μ)/σ, then z = wᵀφ + b and a = σ(z).  For the
    plain features the boundary is drawn in original units from
    ``standardizer.params_to_original`` (z = 0 is the same line in both).
    """
    W = np.atleast_2d(np.asarray(W, dtype=np.float64))
    B = np.asarray(B, dtype=np.float64).reshape(-1)
    names = tuple(feature_names)
    n_inputs = len(box)
    if W.shape[0] != B.shape[0] or W.shape[1] != len(names):
        raise ValueError(
            f"W must have shape (F, {len(names)}) and B (F,), got {W.shape}, {B.shape}"
        )
    if n_inputs == 2:
        g = mesh or MESH_2D
        grid1 = np.linspace(*box[0], g)
        grid2 = np.linspace(*box[1], g)
        u, v = np.meshgrid(grid1, grid2)  # (g2, g1), rows follow x2
        points = np.vstack([u.ravel(), v.ravel()])
    elif n_inputs == 1:
        g = mesh or MESH_1D
        grid1 = np.linspace(*box[0], g)
        grid2 = np.empty(0)
        points = grid1.reshape(1, -1)
    else:
        raise ValueError(f"box must hold 1 or 2 (low, high) pairs, got {len(box)}")
    Phi = _features_of(points, names, standardizer)  # (n, P)
    Z = W @ Phi + B[:, None]  # (F, P)
    A = sigmoid(Z).astype(np.float32)
    linear = names in (("x1", "x2"), ("x1",))
    boundary: list = []
    if n_inputs == 2:
        A = A.reshape(len(B), grid2.size, grid1.size)
        if linear:
            for w, b in zip(W, B, strict=True):
                wo, bo = _to_original(w, b, standardizer)
                boundary.append(boundary_segment(wo, bo, box))
        else:
            for z in Z:
                boundary.append(contour_segments(grid1, grid2, z.reshape(A.shape[1:])))
    else:
        boundary = [boundary_crossings(grid1, z) for z in Z]
    return DataPanel(
        n_inputs=n_inputs,
        grid1=picture_array(grid1),
        grid2=picture_array(grid2),
        a=A,
        linear=linear,
        boundary=tuple(boundary),
        box=tuple(tuple(float(v) for v in pair) for pair in box),
    )


def _to_original(w, b, standardizer):
    if standardizer is None:
        return np.asarray(w, dtype=np.float64).reshape(-1), float(b)
    wo, bo = standardizer.params_to_original(np.asarray(w).reshape(-1, 1), b)
    return wo.reshape(-1), bo


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
    curve = _curve_indices(len(history))
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
# the whole figure
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class AnimationData:
    """Everything the animated training figure draws.

    Attributes
    ----------
    indices : ndarray of shape (F,), int64
        The frames, as indices into the History.
    steps : ndarray of shape (F,), int64
        The update count of each frame.
    cost : ndarray of shape (F,), float64
        J of each frame.
    train_accuracy, test_accuracy : ndarray of shape (F,), float64
        Accuracies of each frame (test: NaN when there is no test example).
    curve_steps : ndarray of shape (c,), int64
        Steps of (at most MAX_CURVE_POINTS) records for the J curve.
    curve_cost, curve_train_accuracy, curve_test_accuracy : ndarray of shape (c,), float32
    data : DataPanel
    surface : CostPanel
    feature_names : tuple of str
    num_iterations : int
        The run's iteration budget (for the axis).
    """

    indices: np.ndarray
    steps: np.ndarray
    cost: np.ndarray
    train_accuracy: np.ndarray
    test_accuracy: np.ndarray
    curve_steps: np.ndarray
    curve_cost: np.ndarray
    curve_train_accuracy: np.ndarray
    curve_test_accuracy: np.ndarray
    data: DataPanel
    surface: CostPanel
    feature_names: tuple[str, ...]
    num_iterations: int

    @property
    def n_frames(self) -> int:
        """F, the number of frames."""
        return int(self.indices.size)


def _accuracies(W, B, X, Y) -> np.ndarray:
    """Accuracy of each parameter row on (X, Y); NaN for an empty X."""
    if X.shape[1] == 0:
        return np.full(len(B), np.nan)
    Z = W @ X + B[:, None]
    return np.mean((Z >= 0) == (Y.reshape(1, -1) == 1), axis=1)


def animation_data(
    history: History,
    X_train,
    Y_train,
    X_test,
    Y_test,
    *,
    feature_names: Sequence[str],
    standardizer,
    box,
    n_frames: int = DEFAULT_FRAMES,
    spacing: str = "log",
    mesh: int | None = None,
    grid: int = SURFACE_GRID,
    axes: tuple[int, int] = (0, 1),
) -> AnimationData:
    """The frames of a run and the arrays of the three panels.

    Parameters
    ----------
    history : History
    X_train : ndarray of shape (n, m)
        Training features as the model saw them (mapped, standardized).
    Y_train : ndarray of shape (1, m)
    X_test : ndarray of shape (n, m_test)
        Test features, the same way; m_test may be 0.
    Y_test : ndarray of shape (1, m_test)
    feature_names : sequence of str, length n
    standardizer : Standardizer or None
    box : tuple of 1 or 2 (low, high) pairs
        Range of the raw inputs to draw (see :func:`data_bounds`).
    n_frames : int, default DEFAULT_FRAMES (200)
        At most this many frames (2 … MAX_FRAMES).
    spacing : {"log", "uniform"}, default "log"
    mesh : int, optional
        Probability mesh size (default MESH_2D / MESH_1D).
    grid : int, default SURFACE_GRID
    axes : (int, int), default (0, 1)
        The two weights of the cost panel (see :func:`cost_panel`).

    Returns
    -------
    AnimationData
    """
    X_train = np.asarray(X_train, dtype=np.float64)
    X_test = np.asarray(X_test, dtype=np.float64)
    idx = frame_indices(history.steps, n_frames, spacing)
    W, B = history.w[idx], history.b[idx]
    curve = _curve_indices(len(history))
    test_all = _accuracies(history.w[curve], history.b[curve], X_test, np.asarray(Y_test))
    return AnimationData(
        indices=idx,
        steps=history.steps[idx].astype(np.int64),
        cost=history.cost[idx].astype(np.float64),
        train_accuracy=history.accuracy[idx].astype(np.float64),
        test_accuracy=_accuracies(W, B, X_test, np.asarray(Y_test)),
        curve_steps=history.steps[curve].astype(np.int64),
        curve_cost=picture_array(history.cost[curve]),
        curve_train_accuracy=history.accuracy[curve].astype(np.float32),
        curve_test_accuracy=test_all.astype(np.float32),
        data=data_panel(W, B, feature_names, standardizer, box, mesh=mesh),
        surface=cost_panel(history, idx, X_train, Y_train, axes=axes, grid=grid),
        feature_names=tuple(feature_names),
        num_iterations=int(history.num_iterations),
    )


# ----------------------------------------------------------------------------
# the numbers of each frame: one example's graph, the means, the update
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FrameNumbers:
    """Every number of the computational graph at each frame, for one training example.

    Attributes
    ----------
    example : int
        Which training example (0-based column of X).
    x : ndarray of shape (n,)
        Its features, as the model sees them (mapped, standardized).
    y : int
        Its label.
    w : ndarray of shape (F, n)
    b : ndarray of shape (F,)
        The parameters of each frame.
    z, a, loss, da, dz, db_i : ndarray of shape (F,)
        The example's forward and backward values at those parameters
        (:func:`logreg_core.model.example_values`); ``db_i`` = dz.
    dw_i : ndarray of shape (F, n)
        The example's dw = x dz.
    cost : ndarray of shape (F,)
        J, the mean of L over the m examples (plus the L2 term when λ > 0).
    dw : ndarray of shape (F, n)
    db : ndarray of shape (F,)
        The means over m that the update uses (``History.dw``, ``History.db``).
    alpha : float
    next_w : ndarray of shape (F, n)
    next_b : ndarray of shape (F,)
        w − α·dw and b − α·db: the parameters after the frame's update.
    """

    example: int
    x: np.ndarray
    y: int
    w: np.ndarray
    b: np.ndarray
    z: np.ndarray
    a: np.ndarray
    loss: np.ndarray
    da: np.ndarray
    dz: np.ndarray
    dw_i: np.ndarray
    db_i: np.ndarray
    cost: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    alpha: float
    next_w: np.ndarray
    next_b: np.ndarray


def frame_numbers(history: History, indices, X, Y, example: int) -> FrameNumbers:
    """The numbers of each frame's step for one training example.

    Parameters
    ----------
    history : History
    indices : ndarray of shape (F,), int
        The frames (indices into the History).
    X : ndarray of shape (n, m)
        Training features as the model saw them.
    Y : ndarray of shape (1, m)
    example : int
        The example to follow, 0 … m − 1.

    Returns
    -------
    FrameNumbers

    Raises
    ------
    ValueError
        If ``example`` is not a column of X.

    Notes
    -----
    Forward: z = wᵀx + b, a = σ(z), L(a, y).  Backward: da, dz = a − y,
    dw = x dz, db = dz (:func:`logreg_core.model.example_values`, the values
    the Step inspector shows).  Means and update as in :func:`train`:
    w := w − α dw, b := b − α db with the recorded dw, db of the frame.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y).reshape(1, -1)
    m = X.shape[1]
    if isinstance(example, bool) or not isinstance(example, int | np.integer):
        raise ValueError(f"example must be a whole number, got {example!r}")
    if not 0 <= example < m:
        raise ValueError(f"example must be between 0 and {m - 1}, got {example}")
    idx = np.asarray(indices, dtype=np.int64)
    x = X[:, example]
    y = int(Y[0, example])
    W, B = history.w[idx], history.b[idx]
    # one column per frame: the example repeated, each frame's own parameters
    per_frame = [example_values(w, b, x.reshape(-1, 1), [y]) for w, b in zip(W, B, strict=True)]
    alpha = float(history.learning_rate)
    dw, db = history.dw[idx], history.db[idx]
    return FrameNumbers(
        example=int(example),
        x=x.copy(),
        y=y,
        w=W.copy(),
        b=B.copy(),
        z=np.array([v.z[0] for v in per_frame]),
        a=np.array([v.a[0] for v in per_frame]),
        loss=np.array([v.loss[0] for v in per_frame]),
        da=np.array([v.da[0] for v in per_frame]),
        dz=np.array([v.dz[0] for v in per_frame]),
        dw_i=np.array([v.dw[:, 0] for v in per_frame]).reshape(len(idx), -1),
        db_i=np.array([v.db[0] for v in per_frame]),
        cost=history.cost[idx].copy(),
        dw=dw.copy(),
        db=db.copy(),
        alpha=alpha,
        next_w=W - alpha * dw,
        next_b=B - alpha * db,
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
    curve = _curve_indices(len(history))
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
