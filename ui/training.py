"""The current training run, its animation and its figures, all through the caches.

The Train page and the Step inspector both call :func:`current_run`; with the
same controls they get the same cached run, so the inspector shows the very
steps the animation played.
"""

from __future__ import annotations

from dataclasses import replace

from logreg_core.animation import AnimationData
from logreg_core.budget import check_work
from logreg_core.pipeline import work_of
from logreg_core.setup import Setup
from ui import cache
from ui.budget import host_max_work
from ui.data import Current, current_prepared
from ui.i18n import current_language, t
from ui.presenter import presenter_on
from ui.texts import refusal

__all__ = [
    "animation_for",
    "current_run",
    "lowest_point_text",
    "surface_axes",
    "surface_for",
]


def current_run(setup: Setup, current: Current | None = None) -> Current:
    """Train with the setup's options (cached); a progress bar shows while it runs.

    ``current`` is the setup's prepared data when the caller has it already.
    A run whose work (its steps and its animation) is over the host's ceiling
    (:func:`ui.budget.host_max_work`) is not started: the result says in the
    student's words what the ceiling is and what to lower.
    """
    current = current_prepared(setup) if current is None else current
    if current.prepared is None:
        return current
    pairs = setup.train_key()
    max_work = host_max_work()
    try:
        check_work(work_of(current.prepared, setup), max_work)
        run = cache.trained(current.prep_key, pairs, max_work, _prepared=current.prepared)
    except ValueError as err:  # a DataError too: over the ceiling
        return current.stop(refusal(err, "train.training_failed"))
    return replace(current, setup=setup, run=run, run_key=(current.prep_key, pairs))


def surface_axes(setup: Setup, n: int) -> tuple[int, int]:
    """The two weights the cost surfaces sweep: the setup's pair if the n weights have it."""
    axes = setup.surface_axes
    return axes if max(axes) < n else (0, 1)


def animation_for(trained: Current) -> tuple[tuple, AnimationData]:
    """The animation data of a run at the current frame settings, and its cache key."""
    s = trained.setup
    axes = surface_axes(s, trained.run.history.w.shape[1])
    anim = cache.animation(
        trained.run_key, s.n_frames, s.frame_spacing, axes, _run=trained.run, _box=trained.box
    )
    return (trained.run_key, s.key("animation", surface_axes=axes)), anim


def surface_for(trained: Current):
    """The 3-D view's surface and its figure."""
    axes = surface_axes(trained.setup, trained.run.history.w.shape[1])
    surface = cache.surface(trained.run_key, axes, _run=trained.run)
    fig = cache.figure_3d(
        (trained.run_key, axes),
        _surface=surface,
        _feature_names=trained.run.prepared.feature_names,
        presenter=presenter_on(),
        lang=current_language(),
    )
    return surface, fig


def lowest_point_text(trained: Current) -> str:
    """What the cost of this run's data has at its bottom, as the engine finds it.

    J has a lowest point only when the classes overlap or λ > 0; on separable
    training examples it keeps falling as w grows.
    """
    if trained.setup.l2 > 0:
        return t("train.lowest_l2")
    verdict = cache.separation(trained.prep_key, _prepared=trained.run.prepared).verdict
    return t(f"train.lowest_{verdict}")
