"""Every cached computation of the playground, keyed on plain values.

An argument whose name starts with ``_`` is not hashed: it is the data that the
other arguments (numbers, strings, tuples, a content digest) fully describe.
The setup's part of a key is :meth:`logreg_core.setup.Setup.key` of the
stage, and :func:`prepared` and :func:`trained` take their options from those
very pairs, so an option cannot reach the engine without being in the key.
``max_entries`` bounds every cache, and one that can hold a student's own
data forgets it after :data:`USER_TTL` (bench/load_bench.py measures the
server's memory with 30 students at once).
"""

from __future__ import annotations

import copy
import time

import streamlit as st

from logreg_core.animation import (
    AnimationData,
    Surface3D,
    animation_data,
    frame_numbers,
    surface_3d,
)
from logreg_core.csv_io import Table, dataset_from_table, read_table
from logreg_core.data import DataError, Dataset, make_dataset
from logreg_core.figures.player import player_payload
from logreg_core.figures.playground import surface3d_figure
from logreg_core.figures.style import presenter_figure
from logreg_core.pipeline import Prepared, Run, prepare, train_prepared
from logreg_core.separation import Separation
from logreg_core.separation import separation as find_separation
from ui.i18n import t
from ui.texts import figure_texts

__all__ = [
    "PROGRESS_EVERY",
    "USER_TTL",
    "animation",
    "csv_columns",
    "csv_dataset",
    "csv_table",
    "figure_3d",
    "figure_points",
    "generated_dataset",
    "player",
    "prepared",
    "separation",
    "surface",
    "trained",
]

#: Seconds between two updates of the training progress bar.
PROGRESS_EVERY = 0.2
#: How long an entry that may hold a student's own data (an uploaded file, its runs and
#: figures) is kept: a lesson's length.
USER_TTL = "1h"


def figure_points(p: Prepared) -> tuple[tuple, dict]:
    """The arguments every figure of the examples takes: the raw ``(X_train, Y_train, X_test,
    Y_test)``, of shapes (n_inputs, m) and (1, m), and ``input_names`` and ``class_names``."""
    names = {"input_names": p.dataset.feature_names, "class_names": p.dataset.class_names}
    return (p.train.X, p.train.Y, p.test.X, p.test.Y), names


@st.cache_data(max_entries=16, show_spinner=False)
def generated_dataset(
    kind: str, n_samples: int, noise: float, balance: float, seed: int
) -> Dataset:
    """A generated data set (:func:`logreg_core.data.make_dataset`)."""
    return make_dataset(kind, n_samples, noise=noise, balance=balance, seed=seed)


@st.cache_resource(ttl=USER_TTL, max_entries=4, show_spinner=False)
def csv_table(digest: str, _raw: bytes) -> Table | DataError:
    """An uploaded file (identified by its digest) read once: its Table, or why it cannot be.

    The column pickers and every Dataset made from the file come from this
    one Table, kept as the object itself (``st.cache_data`` would unpickle a
    copy at every call); its arrays are read-only.  A refusal is kept too, as
    a copy of the DataError without the traceback that would keep the file's
    bytes alive in the cache.
    """
    try:
        return read_table(_raw)
    except DataError as err:
        return copy.copy(err)  # rebuilt from its code and params: no traceback, no cause


def _csv_table(digest: str, raw: bytes) -> Table:
    """The Table of an uploaded file; raises its DataError (a fresh copy at each call)."""
    table = csv_table(digest, raw)
    if isinstance(table, DataError):
        raise copy.copy(table)
    return table


def csv_columns(digest: str, _raw: bytes) -> tuple[list[str], list[str]]:
    """All column names and the numeric ones of an uploaded file (identified by its digest)."""
    table = _csv_table(digest, _raw)
    return list(table.names), list(table.numeric_names)


@st.cache_data(ttl=USER_TTL, max_entries=16, show_spinner=False)  # callers show t("data.reading")
def csv_dataset(
    digest: str, features: tuple[str, ...] | None, label: str | None, positive, _raw: bytes
) -> Dataset:
    """An uploaded file with the chosen columns, from its one read; raises DataError."""
    return dataset_from_table(
        _csv_table(digest, _raw),
        features=list(features) if features is not None else None,
        label=label,
        positive=positive,
    )


@st.cache_data(ttl=USER_TTL, max_entries=16, show_spinner=False)
def prepared(data_key: tuple, prepare_key: tuple, added: int, _dataset: Dataset) -> Prepared:
    """Split, feature maps and standardizing (``prepare_key``: :meth:`Setup.prepare_key`).

    The last ``added`` examples (points added with a click) are all training examples.
    """
    return prepare(dict(prepare_key), _dataset, keep_training=added)


@st.cache_data(ttl=USER_TTL, max_entries=16, show_spinner=False)
def separation(prep_key: tuple, _prepared: Prepared) -> Separation:
    """Does J have a lowest point on these training examples (a minimum, or a separating line)?"""
    return find_separation(_prepared.X_train, _prepared.train.Y)


@st.cache_data(ttl=USER_TTL, max_entries=16, show_spinner=False)
def trained(prep_key: tuple, train_key: tuple, max_work: int, _prepared: Prepared) -> Run:
    """Gradient descent on prepared data, with a progress bar while it runs.

    ``train_key`` holds the pairs of :meth:`logreg_core.setup.Setup.train_key`;
    a run over ``max_work`` is refused before its first step.  The bar is
    removed at the end, so a cache hit replays nothing visible.  Each update
    of the bar is a point where Streamlit stops the script: a closed tab or a
    changed control ends the run there, and nothing is cached.
    """
    setup = dict(train_key)
    total = int(setup["num_iterations"])
    bar = st.progress(0.0, text=t("train.progress_start", total=total))
    last = [time.perf_counter()]

    def on_progress(step: int, total: int) -> None:
        now = time.perf_counter()
        if now - last[0] >= PROGRESS_EVERY:
            last[0] = now
            share = step / total if total else 1.0
            bar.progress(
                min(max(share, 0.0), 1.0), text=t("train.progress", step=step, total=total)
            )

    try:
        return train_prepared(_prepared, setup, on_progress=on_progress, max_work=max_work)
    finally:
        bar.empty()


@st.cache_data(ttl=USER_TTL, max_entries=8, show_spinner=False)
def animation(
    run_key: tuple,
    n_frames: int,
    spacing: str,
    axes: tuple[int, int],
    extent: tuple | None,
    _run: Run,
    _box: tuple,
) -> AnimationData:
    """The frames and panel arrays of the animated training figure (``extent``: see cost_panel)."""
    p = _run.prepared
    return animation_data(
        _run.history,
        p.X_train,
        p.train.Y,
        p.X_test,
        p.test.Y,
        feature_names=p.feature_names,
        standardizer=p.standardizer,
        box=_box,
        n_frames=n_frames,
        spacing=spacing,
        axes=axes,
        extent=extent,
    )


@st.cache_data(ttl=USER_TTL, max_entries=8, show_spinner=False)
def player(
    anim_key: tuple,
    example: int,
    presenter: bool,
    lang: str,
    _anim: AnimationData,
    _run: Run,
) -> bytes:
    """The canvas player's payload: every frame of the animation and its numbers for one example."""
    from ui.player import player_texts  # the component registers itself on import

    p = _run.prepared
    numbers = frame_numbers(_run.history, _anim.indices, p.X_train, p.train.Y, example)
    points, names = figure_points(p)
    return player_payload(
        _anim,
        numbers,
        *points,
        **names,
        texts=player_texts(lang),
        l2=_run.history.l2,
        presenter=presenter,
    )


@st.cache_data(ttl=USER_TTL, max_entries=8, show_spinner=False)
def surface(run_key: tuple, axes: tuple[int, int], _run: Run) -> Surface3D:
    """The cost surface of the 3-D view, with the path on it."""
    p = _run.prepared
    return surface_3d(_run.history, p.X_train, p.train.Y, axes=axes)


@st.cache_resource(ttl=USER_TTL, max_entries=4, show_spinner=False)
def figure_3d(
    surface_key: tuple,
    _surface: Surface3D,
    _feature_names: tuple,
    presenter: bool = False,
    lang: str = "en",
):
    """The 3-D cost surface with the descent path, kept as built (st.plotly_chart only reads it).

    ``st.cache_data`` would unpickle and validate the figure again on every
    rerun, which costs more than the whole rest of a warm rerun.
    """
    fig = surface3d_figure(_surface, feature_names=_feature_names, texts=figure_texts(lang))
    return presenter_figure(fig) if presenter else fig
