"""The numbers behind the animated training figure: which records become frames, and all of them.

Per frame t (a record of the History), the Train page's player draws three panels:
the data with a = σ(z) shaded and the decision boundary (:mod:`.data_panel`);
the cost J over two parameters with the path so far (:mod:`.cost_panel`); J and
the accuracies against the iteration.  This module picks the frames, gathers the
panels and the numbers of the computational graph at each frame.  Arrays that
only feed a picture are float32; the values a student reads stay float64.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .checks import whole
from .cost_panel import CostPanel, Surface3D, cost_panel, curve_indices, surface_3d
from .data_panel import DataPanel, data_bounds, data_panel, picture_array
from .model import ExampleValues, example_values
from .train import History

__all__ = [
    "DEFAULT_FRAMES",
    "FRAME_SPACINGS",
    "MAX_FRAMES",
    "AnimationData",
    "FrameNumbers",
    "Surface3D",
    "animation_data",
    "data_bounds",
    "data_panel",
    "frame_indices",
    "frame_numbers",
    "surface_3d",
]

#: Frames the figure shows by default, and at most: at 30 frames a second the
#: default run plays in about 7 s, each of its first updates a frame of its own.
DEFAULT_FRAMES = 200
MAX_FRAMES = 400
#: How frames are spread over the run: evenly in steps, or geometrically
#: (dense at the start, where most of the change happens).
FRAME_SPACINGS = ("log", "uniform")


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
    n_frames = whole("n_frames", n_frames, 2, MAX_FRAMES)
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


@dataclass(frozen=True)
class AnimationData:
    """Everything the animated training figure draws.

    Attributes
    ----------
    indices, steps : ndarray of shape (F,), int64
        The frames, as indices into the History, and their update counts.
    cost, train_accuracy, test_accuracy : ndarray of shape (F,), float64
        J and the accuracies of each frame (test: NaN when there is no test example).
    curve_steps : ndarray of shape (c,), int64
        Steps of (at most MAX_CURVE_POINTS) records for the curves.
    curve_cost, curve_train_accuracy, curve_test_accuracy : ndarray of shape (c,), float32
    data : DataPanel
    surface : CostPanel
    feature_names : tuple of str
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
    axes: tuple[int, int] = (0, 1),
    extent=None,
) -> AnimationData:
    """The frames of a run and the arrays of the three panels.

    Parameters
    ----------
    history : History
    X_train, Y_train : ndarray of shape (n, m), (1, m)
        Training features as the model saw them (mapped, standardized), and labels.
    X_test, Y_test : ndarray of shape (n, m_test), (1, m_test)
        Test examples, the same way; m_test may be 0.
    feature_names : sequence of str, length n
    standardizer : Standardizer or None
    box : tuple of 1 or 2 (low, high) pairs
        Range of the raw inputs to draw (see :func:`data_bounds`).
    n_frames : int, default DEFAULT_FRAMES (200)
        At most this many frames (2 … MAX_FRAMES).
    spacing : {"log", "uniform"}, default "log"
    axes : (int, int), default (0, 1)
        The two weights of the cost panel (see :func:`cost_panel`).
    extent : ((float, float), (float, float)), optional
        Ranges the cost panel's box must also hold (see :func:`cost_panel`).

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
        data=data_panel(W, B, feature_names, standardizer, box),
        surface=cost_panel(history, idx, X_train, Y_train, axes=axes, extent=extent),
        feature_names=tuple(feature_names),
    )


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
    w, b : ndarray of shape (F, n), (F,)
        The parameters of each frame.
    values : ExampleValues
        The example's forward and backward values, one case a frame
        (:func:`logreg_core.model.example_values`).
    dw, db : ndarray of shape (F, n), (F,)
        The means over m that the update uses (``History.dw``, ``History.db``).
    alpha : float
    next_w, next_b : ndarray of shape (F, n), (F,)
        w − α·dw and b − α·db: the parameters after the frame's update.
    """

    example: int
    x: np.ndarray
    y: int
    w: np.ndarray
    b: np.ndarray
    values: ExampleValues
    dw: np.ndarray
    db: np.ndarray
    alpha: float
    next_w: np.ndarray
    next_b: np.ndarray


def frame_numbers(history: History, indices, X, Y, example: int) -> FrameNumbers:
    """The numbers of each frame's step for one training example.

    Parameters
    ----------
    history, indices, X, Y
        As in :func:`logreg_core.cost_panel.cost_panel`.
    example : int
        The example to follow, 0 … m − 1.

    Returns
    -------
    FrameNumbers

    Notes
    -----
    Forward z = wᵀx + b, a = σ(z), L(a, y); backward da, dz = a − y, dw = x dz,
    db = dz; update w := w − α dw, b := b − α db with the frame's recorded dw, db.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y).reshape(1, -1)
    example = whole("example", example, 0, X.shape[1] - 1)
    idx = np.asarray(indices, dtype=np.int64)
    x = X[:, example]
    y = int(Y[0, example])
    W, B = history.w[idx], history.b[idx]
    alpha = float(history.learning_rate)
    dw, db = history.dw[idx], history.db[idx]
    return FrameNumbers(
        example=example,
        x=x.copy(),
        y=y,
        w=W.copy(),
        b=B.copy(),
        values=example_values(W.T, B, x.reshape(-1, 1), np.full(len(idx), y)),
        dw=dw.copy(),
        db=db.copy(),
        alpha=alpha,
        next_w=W - alpha * dw,
        next_b=B - alpha * db,
    )
