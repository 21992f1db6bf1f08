"""Panel 1 of the training figure: the data, a = σ(z) on a mesh, and the decision boundary.

Math on numpy arrays only; :mod:`logreg_core.figures` and the player draw it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .features import apply_features
from .model import sigmoid

__all__ = [
    "MESH_1D",
    "MESH_2D",
    "DataPanel",
    "boundary_crossings",
    "boundary_segment",
    "contour_segments",
    "data_bounds",
    "data_panel",
    "picture_array",
]

#: Points per side of the probability mesh (2 inputs), and along x (1 input).
MESH_2D = 40
MESH_1D = 200


def data_bounds(X_raw) -> tuple[tuple[float, float], ...]:
    """A box around the raw inputs, a tenth of the span beyond each side.

    Parameters
    ----------
    X_raw : ndarray of shape (n_inputs, m), m ≥ 1
        Raw inputs (1 or 2 rows), in their original units.

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
        out.append((lo - 0.1 * span, hi + 0.1 * span))
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
    On a side x1 = c the line is at x2 = −(w1 c + b)/w2, on a side x2 = c at
    x1 = −(w2 c + b)/w1; a side is used only when its divisor is not tiny.
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
        The crossings, linearly interpolated (exact for a linear z); empty when z keeps one sign.
    """
    grid = np.asarray(grid, dtype=np.float64)
    z = np.asarray(z, dtype=np.float64)
    s = z >= 0
    i = np.flatnonzero(s[1:] != s[:-1])
    z0, z1 = z[i], z[i + 1]
    t = z0 / (z0 - z1)
    return grid[i] + t * (grid[i + 1] - grid[i])


def contour_segments(grid1, grid2, Z) -> np.ndarray:
    """The curve Z = 0 on a mesh, as line segments (marching squares).

    Parameters
    ----------
    grid1 : ndarray of shape (g1,)
        Increasing x1 values (columns of Z).
    grid2 : ndarray of shape (g2,)
        Increasing x2 values (rows of Z).
    Z : ndarray of shape (g2, g1)

    Returns
    -------
    ndarray of shape (2, 3s)
        x1 (row 0) and x2 (row 1) of s segments, each two points and a NaN
        column; shape (2, 0) when the curve misses the mesh.

    Notes
    -----
    A cell's edges whose corners lie on opposite sides of 0 are
    crossed at the linearly interpolated point.  Two crossings make one
    segment; four (a saddle) make two, paired by the value at the cell's centre.
    """
    g1 = np.asarray(grid1, dtype=np.float64)
    g2 = np.asarray(grid2, dtype=np.float64)
    V = np.asarray(Z, dtype=np.float64)
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
    hit = np.stack([hb, hr, ht, hl])  # (4, g2 - 1, g1 - 1)
    X = np.stack([np.broadcast_to(p, shape) for p in (xb, x1, xt, x0)])
    Y = np.stack([np.broadcast_to(p, shape) for p in (y0, yr, y1, yl)])
    hits = hit.sum(axis=0)
    segs = []
    # two crossings: join them (the first and second edge crossed, in edge order)
    two = hits == 2
    if two.any():
        first = np.argmax(hit[:, two], axis=0)
        second = 3 - np.argmax(hit[::-1, two], axis=0)
        xs, ys, c = X[:, two], Y[:, two], np.arange(first.size)
        segs.append((xs[first, c], ys[first, c], xs[second, c], ys[second, c]))
    four = hits == 4
    if four.any():
        centre = (v00 + v10 + v01 + v11)[four] / 4
        same = (centre >= 0) == (v00[four] >= 0)  # the centre sides with corner 00
        # centre with 00 (and 11): corners 10 and 01 are cut off, bottom–right and
        # top–left; otherwise 00 and 11 are, bottom–left and top–right
        with_bottom = np.where(same, 1, 3)
        with_top = np.where(same, 3, 1)
        xs, ys, c = X[:, four], Y[:, four], np.arange(centre.size)
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
    """Values that only feed a picture: float32 (half the bytes) when it holds them, else float64.

    float32 holds magnitudes from about 1.2e-38 to 3.4e38 only: data of 1e300
    (or weights of 1e-300) stay float64 rather than turn into inf or 0.

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
    boundary : tuple of F ndarrays
        The decision boundary z = 0 (a = 0.5) of each frame.  Two inputs:
        shape (2, L), x1 and x2 of a polyline with NaN between pieces (the
        :func:`boundary_segment` of plain features, else the
        :func:`contour_segments` of z on the mesh).  One input: shape (c,),
        the crossings of z = 0 along x1.
    box : tuple of (low, high) pairs
        The plotted range of each input.
    """

    n_inputs: int
    grid1: np.ndarray
    grid2: np.ndarray
    a: np.ndarray
    boundary: tuple
    box: tuple


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
    Each mesh point x goes the way of an example: features φ(x), standardized
    (φ − μ)/σ, then z = wᵀφ + b and a = σ(z).  The plain features' boundary is
    the line of ``standardizer.params_to_original`` (z = 0 in original units).
    """
    W = np.atleast_2d(np.asarray(W, dtype=np.float64))
    B = np.asarray(B, dtype=np.float64).reshape(-1)
    names = tuple(feature_names)
    n_inputs = len(box)
    if W.shape[0] != B.shape[0] or W.shape[1] != len(names):
        raise ValueError(
            f"W must have shape (F, {len(names)}) and B (F,), got {W.shape}, {B.shape}"
        )
    if n_inputs not in (1, 2):
        raise ValueError(f"box must hold 1 or 2 (low, high) pairs, got {len(box)}")
    grid1 = np.linspace(*box[0], mesh or (MESH_2D if n_inputs == 2 else MESH_1D))
    grid2 = np.linspace(*box[1], mesh or MESH_2D) if n_inputs == 2 else np.empty(0)
    u, v = np.meshgrid(grid1, grid2)  # (g2, g1), rows follow x2
    points = np.vstack([u.ravel(), v.ravel()]) if n_inputs == 2 else grid1.reshape(1, -1)
    Phi, _ = apply_features(points, names)  # (n, P)
    if standardizer is not None:
        Phi = standardizer.transform(Phi)
    Z = W @ Phi + B[:, None]  # (F, P)
    A = sigmoid(Z).astype(np.float32)
    if n_inputs == 1:
        boundary = [boundary_crossings(grid1, z) for z in Z]
    elif names == ("x1", "x2"):  # a straight line
        boundary = []
        for w, b in zip(W, B, strict=True):
            if standardizer is not None:
                w, b = standardizer.params_to_original(w.reshape(-1, 1), b)
            boundary.append(boundary_segment(np.ravel(w), b, box))
    else:
        boundary = [contour_segments(grid1, grid2, z.reshape(u.shape)) for z in Z]
    return DataPanel(
        n_inputs=n_inputs,
        grid1=picture_array(grid1),
        grid2=picture_array(grid2),
        a=A.reshape(len(B), *u.shape) if n_inputs == 2 else A,
        boundary=tuple(boundary),
        box=tuple(tuple(float(v) for v in pair) for pair in box),
    )
