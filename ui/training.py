"""The current training run, its animation and its figures, all through the caches.

The Train page and the Step inspector both call :func:`current_run`; with the
same controls they get the same cached run, so the inspector shows the very
steps the animation played.  The Train page keeps the run it drew last, so
that after a change that trains again the run before stays drawn beside the
new one (:func:`compare`), labelled with what changed (:func:`before_label`).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import streamlit as st

from logreg_core.animation import AnimationData
from logreg_core.budget import check_work
from logreg_core.figures.player import kept_run
from logreg_core.pipeline import work_of
from logreg_core.setup import SPECS, Setup
from ui import cache
from ui.budget import host_max_work
from ui.data import Current, current_prepared
from ui.i18n import current_language, t
from ui.presenter import presenter_on
from ui.state import BEFORE, LAST_CLICK, LAST_RUN
from ui.texts import INIT_LABELS, KIND_LABELS, SOURCE_LABELS, fmt, refusal

__all__ = [
    "CHANGED_FIELDS",
    "LABEL_MAX",
    "animation_for",
    "before_label",
    "clear_before",
    "compare",
    "current_run",
    "lowest_point_text",
    "surface_axes",
    "surface_for",
]

#: The fields whose change trains again (they feed the data, its preparation or the
#: training), in the table's order: each has its words, ``train.field_<name>``.
CHANGED_FIELDS = tuple(
    name for name, spec in SPECS.items() if {"data", "preparation", "training"} & set(spec.feeds)
)
#: Most changes a label names; more are shown as "…".
LABEL_MAX = 3


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
    """The animation data of a run at the current frame settings, and its cache key.

    The cost panel's box also holds the path of the run drawn beside this one
    (:func:`compare`), so that neither path leaves the surface.
    """
    s = trained.setup
    axes = surface_axes(s, trained.run.history.w.shape[1])
    earlier = _earlier(trained)
    extent = None
    if earlier is not None and earlier.get("sweep") == axes:
        arrays = earlier["arrays"]
        extent = tuple(
            (float(np.min(arrays[k])), float(np.max(arrays[k]))) for k in ("path1", "path2")
        )
    anim = cache.animation(
        trained.run_key,
        s.n_frames,
        s.frame_spacing,
        axes,
        extent,
        _run=trained.run,
        _box=trained.box,
    )
    return (trained.run_key, s.key("animation", surface_axes=axes), extent), anim


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


# ---- the run before: kept, compared, cleared ----


def _run_fields(setup: Setup) -> dict[str, object]:
    """The fields that make the run: those in its cache keys (w1 of a zeros start does not
    count), with the setup's own values (a noise of None stays the kind's own)."""
    return {
        name: getattr(setup, name)
        for stage in ("data", "preparation", "training")
        for name, _ in setup.key(stage)
    }


def _value_text(name: str, value) -> str:
    """A field's value in the student's words."""
    if value is None:
        return t("share.default_noise") if name == "noise" else t("share.default_off")
    labels = {"init": INIT_LABELS, "kind": KIND_LABELS, "source": SOURCE_LABELS}.get(name)
    if labels is not None:
        return labels.get(value, str(value))
    kind = SPECS[name].kind
    if kind == "bool":
        return t("train.field_on") if value else t("train.field_off")
    if name == "test_share":
        return f"{round(100 * value)} %"
    if kind == "int":
        return f"{value:,}"
    if kind == "float":
        return fmt(value)
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def before_label(old: Setup, new: Setup, *, other_data: bool = False) -> str:
    """What the run before had that this one does not: "before: α = 0.1".

    Parameters
    ----------
    old, new : Setup
        The setups of the run before and of this run.
    other_data : bool, default False
        The data set itself differs (an edited table or a file whose content
        changed), which no field names.

    Returns
    -------
    str
        ``train.before`` with each changed field of :data:`CHANGED_FIELDS` as
        "name = its value before" (at most :data:`LABEL_MAX`, then "…"); a
        manual start before is named by its w1, w2, b.  With no field
        changed: ``train.before_data`` or ``train.before_run``.
    """
    was, now = _run_fields(old), _run_fields(new)
    names = [n for n in CHANGED_FIELDS if n in was and (n not in now or now[n] != was[n])]
    if "init" in names and old.init == "explicit":
        names.remove("init")  # its w1, w2, b say it
    parts = [f"{t(f'train.field_{n}')} = {_value_text(n, was[n])}" for n in names]
    if not parts:
        return t("train.before_data") if other_data else t("train.before_run")
    more = ", …" if len(parts) > LABEL_MAX else ""
    return t("train.before", changes=", ".join(parts[:LABEL_MAX]) + more)


def compare(trained: Current, anim: AnimationData) -> tuple[dict | None, str]:
    """Keep the run on the screen; return the run before it and what changed since.

    The Train page calls it at each drawing: the run's key, setup, data key,
    cost-surface axes and :func:`logreg_core.figures.player.kept_run` are kept
    in the session; when the key differs from the one kept last (a change that
    trained again), the run kept last becomes the run before, until
    :func:`clear_before`.

    Returns
    -------
    before : dict of str to ndarray, or None
        The run before's kept arrays; None when there is none, or when its
        cost surface swept other parameters than this run's.
    label : str
        :func:`before_label` ("" without a run before).
    """
    axes = tuple(anim.surface.axis_names)
    st.session_state[BEFORE] = _earlier(trained)
    st.session_state[LAST_RUN] = {
        "key": trained.run_key,
        "setup": trained.setup,
        "data_key": trained.data_key,
        "axes": axes,
        "sweep": surface_axes(trained.setup, trained.run.history.w.shape[1]),
        "arrays": kept_run(anim),
    }
    before = st.session_state.get(BEFORE)
    if before is None or before["axes"] != axes or before["key"] == trained.run_key:
        return None, ""
    digest = [dict(key or ()).get("digest") for key in (before["data_key"], trained.data_key)]
    other = digest[0] != digest[1]
    click = st.session_state.get(LAST_CLICK)
    if other and click is not None and click[1] == digest[1]:  # a click on the data made this data
        return before["arrays"], t(f"train.before_{click[0]}")
    return before["arrays"], before_label(before["setup"], trained.setup, other_data=other)


def _earlier(trained: Current) -> dict | None:
    """The run to draw beside ``trained``: the one kept last if it was another run."""
    last = st.session_state.get(LAST_RUN)
    if last is not None and last["key"] != trained.run_key:
        return last
    return st.session_state.get(BEFORE)


def clear_before() -> None:
    """The student cleared the run before: only the new run is drawn, until the next change."""
    st.session_state[BEFORE] = None
