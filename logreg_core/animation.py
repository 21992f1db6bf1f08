"""The numbers behind the animated training figure: which records become frames, and all of them.

Everything here is math on numpy arrays; the Train page's canvas player draws
the result (:func:`logreg_core.figures.player.player_payload` packs it), and
the standalone HTML plays the same payload.  A picture does not need float64, so the
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

Panel 1 is computed in :mod:`logreg_core.data_panel`, panel 2 and the 3-D view
in :mod:`logreg_core.cost_panel`; this module picks the frames
(:func:`frame_indices`), gathers the panels (:func:`animation_data`) and the
numbers of the computational graph at each frame (:func:`frame_numbers`).
Their names are importable from here too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cost_panel import (
    SURFACE_BUDGET,
    SURFACE_GRID,
    CostPanel,
    Surface3D,
    check_axes,
    cost_panel,
    curve_indices,
    surface_3d,
)
from .data_panel import (
    MESH_2D,
    DataPanel,
    boundary_crossings,
    boundary_segment,
    contour_segments,
    data_bounds,
    data_panel,
    picture_array,
)
from .model import ExampleValues, example_values
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
        Frames wanted, 2 to MAX_FRAMES (400).
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
    curve = curve_indices(len(history))
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
    values : ExampleValues
        The example's forward and backward values at each frame's parameters,
        one case a frame (:func:`logreg_core.model.example_values`: the type
        the Step inspector and lesson 6 read too).
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
    values: ExampleValues
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
    alpha = float(history.learning_rate)
    dw, db = history.dw[idx], history.db[idx]
    return FrameNumbers(
        example=int(example),
        x=x.copy(),
        y=y,
        w=W.copy(),
        b=B.copy(),
        # one case a frame: the example, with each frame's own parameters
        values=example_values(W.T, B, x.reshape(-1, 1), np.full(len(idx), y)),
        cost=history.cost[idx].copy(),
        dw=dw.copy(),
        db=db.copy(),
        alpha=alpha,
        next_w=W - alpha * dw,
        next_b=B - alpha * db,
    )
