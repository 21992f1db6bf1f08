"""The current training run, its animation and its figures, all through the caches.

The Train page and the Step inspector both call :func:`current_run`; with the
same controls they get the same cached run, so the inspector shows the very
steps the animation played.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from logreg_core.animation import AnimationData
from logreg_core.pipeline import Run
from ui import cache
from ui.data import Ready, current_prepared
from ui.i18n import current_language
from ui.presenter import presenter_on
from ui.texts import refusal

__all__ = [
    "Trained",
    "animation_for",
    "current_run",
    "surface_axes",
    "surface_for",
    "train_key",
]


def train_key(setup) -> tuple:
    """The training options of a setup as sorted ``(name, value)`` pairs of plain values.

    Options that the chosen initialization ignores are left out, so that
    changing them does not retrain.
    """
    init = setup["init"]
    key = {
        "learning_rate": float(setup["learning_rate"]),
        "num_iterations": int(setup["num_iterations"]),
        "init": init,
        "l2": float(setup["l2"]),
        "tol": None if setup["tol"] is None else float(setup["tol"]),
        "patience": None if setup["patience"] is None else int(setup["patience"]),
    }
    if init == "random":
        key["init_seed"] = int(setup["init_seed"])
    if init == "explicit":
        key.update(w1=float(setup["w1"]), w2=float(setup["w2"]), b0=float(setup["b0"]))
    return tuple(sorted(key.items()))


@dataclass(frozen=True)
class Trained:
    """A run, the setup it was trained with and its identity, or why there is none."""

    setup: Mapping[str, object]
    ready: Ready
    key: tuple | None
    run: Run | None
    problem: str | None = None
    level: str = "error"

    @property
    def test_accuracy(self) -> float:
        """Test accuracy at the final parameters (NaN without test examples)."""
        if self.run is None or self.run.prepared.test.n_samples == 0:
            return float("nan")
        return self.run.test_accuracy


def current_run(setup: Mapping[str, object], ready: Ready | None = None) -> Trained:
    """Train with the setup's options (cached); a progress bar shows while it runs.

    ``ready`` is the setup's prepared data when the caller has it already.
    """
    ready = current_prepared(setup) if ready is None else ready
    if ready.prepared is None:
        return Trained(setup, ready, None, None, ready.problem, ready.level)
    tkey = train_key(setup)
    try:
        run = cache.trained(ready.key, tkey, _prepared=ready.prepared)
    except ValueError as err:
        return Trained(setup, ready, None, None, refusal(err, "train.training_failed"))
    return Trained(setup, ready, (ready.key, tkey), run)


def surface_axes(setup: Mapping[str, object], n: int) -> tuple[int, int]:
    """The two weights the cost surfaces sweep: the setup's pair if this model has it."""
    axes = tuple(int(a) for a in setup["surface_axes"])
    if len(axes) != 2 or axes[0] == axes[1] or max(axes) >= n or min(axes) < 0:
        return (0, 1)
    return axes


def animation_for(trained: Trained) -> tuple[tuple, AnimationData]:
    """The animation data of a run at the current frame settings, and its cache key."""
    s = trained.setup
    n_frames, spacing = int(s["n_frames"]), str(s["frame_spacing"])
    axes = surface_axes(s, trained.run.history.w.shape[1])
    anim = cache.animation(
        trained.key, n_frames, spacing, axes, _run=trained.run, _box=trained.ready.box
    )
    return (trained.key, n_frames, spacing, axes), anim


def surface_for(trained: Trained):
    """The 3-D view's surface and its figure."""
    axes = surface_axes(trained.setup, trained.run.history.w.shape[1])
    surface = cache.surface(trained.key, axes, _run=trained.run)
    fig = cache.figure_3d(
        (trained.key, axes),
        _surface=surface,
        _feature_names=trained.run.prepared.feature_names,
        presenter=presenter_on(),
        lang=current_language(),
    )
    return surface, fig
