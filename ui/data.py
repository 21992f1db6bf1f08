"""The current data set: generated, uploaded or edited, and the data ready for training.

Everything a page needs to know about the data goes through
:func:`current_data` and :func:`current_prepared`; problems come back as a
message in the student's words, never as an exception.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from logreg_core.animation import data_bounds
from logreg_core.csv_io import dataset_from_frame, dataset_to_frame
from logreg_core.data import DataError, Dataset
from logreg_core.features import FEATURE_MAPS
from logreg_core.pipeline import Prepared, Run
from logreg_core.setup import Setup
from ui import cache
from ui.i18n import t
from ui.texts import engine_message, md_plain, refusal

__all__ = [
    "MAX_EDIT_ROWS",
    "Current",
    "apply_editor_changes",
    "clear_upload",
    "commit_edits",
    "current_data",
    "current_prepared",
    "data_key_label",
    "discard_edits",
    "feature_options",
    "store_upload",
    "usable_features",
]

#: Largest table offered for editing on screen.
MAX_EDIT_ROWS = 5_000


@dataclass(frozen=True)
class Current:
    """The setup of this rerun and what it has made so far, or why it stops.

    One type for every stage: :func:`current_data` fills ``dataset``,
    :func:`current_prepared` also ``prepared`` and ``box``, and
    :func:`ui.training.current_run` also ``run``; a stage that cannot be done
    leaves its field None and says why in ``problem``.

    Attributes
    ----------
    setup : Setup
        The controls this result was made with.
    data_key : tuple of (str, object) pairs, or None
        What identifies the data set (for caches): its source and the values
        that choose it.
    dataset : Dataset or None
    prepared : Prepared or None
        The data split, mapped and standardized.
    box : tuple or None
        The data's bounds ``(x1_min, x1_max, x2_min, x2_max)`` for the figures.
    run : Run or None
        The trained run.
    prep_key, run_key : tuple or None
        What identifies ``prepared`` and ``run`` (for caches).
    note : str or None
        What was changed to make the setup fit this data (feature maps dropped).
    problem : str or None
        Why a stage could not be done, in the student's words.
    level : {"error", "info"}
        "error" for bad data, "info" for a step not yet taken (no file yet).
    """

    setup: Setup
    data_key: tuple | None = None
    dataset: Dataset | None = None
    prepared: Prepared | None = None
    box: tuple | None = None
    run: Run | None = None
    prep_key: tuple | None = None
    run_key: tuple | None = None
    note: str | None = None
    problem: str | None = None
    level: str = "error"

    def stop(self, problem: str, level: str = "error") -> Current:
        """This result, stopped at its stage with ``problem`` said in the student's words."""
        return replace(self, problem=problem, level=level)

    @property
    def test_accuracy(self) -> float:
        """Test accuracy at the final parameters (NaN without a run or test examples)."""
        if self.run is None or self.run.prepared.test.n_samples == 0:
            return float("nan")
        return self.run.test_accuracy


def _digest(raw: bytes) -> str:
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def _dataset_digest(ds: Dataset) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    h.update(np.ascontiguousarray(ds.X).tobytes())
    h.update(np.ascontiguousarray(ds.Y).tobytes())
    h.update(repr((ds.feature_names, ds.label_name, ds.class_names)).encode())
    return h.hexdigest()


def current_data(setup: Setup) -> Current:
    """The data set the setup chooses (cached), or the reason there is none."""
    current = Current(setup)
    if setup.source == "edited":
        edited = st.session_state.get("_edited")
        if edited is None:
            return current.stop(t("data.no_edited"), "info")
        key = (("source", "edited"), ("digest", edited["digest"]))
        return replace(current, data_key=key, dataset=edited["dataset"])
    if setup.source == "uploaded":
        upload = st.session_state.get("_upload")
        if upload is None:
            return current.stop(t("data.no_file"), "info")
        digest, features = upload["digest"], setup.csv_features
        label, positive = setup.csv_label, setup.csv_positive
        key = (("source", "uploaded"), ("digest", digest), ("features", features))
        current = replace(current, data_key=(*key, ("label", label), ("positive", positive)))
        if features is not None and not features:
            return current.stop(t("data.pick_feature_on_data"), "info")
        try:
            with st.spinner(t("data.reading")):
                ds = cache.csv_dataset(digest, features, label, positive, _raw=upload["bytes"])
        except DataError as err:
            return current.stop(md_plain(engine_message(err)))
        if ds.n_features > 2:
            return current.stop(t("data.too_many_inputs"))
        return replace(current, dataset=ds)
    pairs = setup.data_key()
    current = replace(current, data_key=(("source", "generated"), *pairs))
    try:
        ds = cache.generated_dataset(**dict(pairs))
    except ValueError as err:
        return current.stop(t("data.cannot_generate", error=err))
    return replace(current, dataset=ds)


def data_key_label(current: Current) -> str:
    """A short description of the data set for the sidebar."""
    if current.data_key is None:
        return t("data.key_none")
    s = current.setup
    if s.source == "generated":
        return t("data.key_generated", kind=s.kind.replace("_", "-"), seed=s.seed)
    if s.source == "uploaded":
        upload = st.session_state.get("_upload") or {}
        return t("data.key_uploaded", name=md_plain(upload.get("name") or t("data.key_file")))
    return t("data.key_edited")


# ----------------------------------------------------------------------------
# features
# ----------------------------------------------------------------------------


def feature_options(n_inputs: int) -> list[str]:
    """The feature maps available for data with 1 or 2 inputs."""
    return [name for name, (_, needs_x2) in FEATURE_MAPS.items() if n_inputs > 1 or not needs_x2]


def usable_features(features, n_inputs: int) -> tuple[tuple[str, ...], str | None]:
    """The chosen feature maps that this data can use, and a note on what was dropped.

    Returns
    -------
    features : tuple of str
        In the order of FEATURE_MAPS; ("x1",) when nothing usable is left.
    note : str or None
    """
    allowed = feature_options(n_inputs)
    chosen = [name for name in FEATURE_MAPS if name in tuple(features or ())]
    kept = tuple(name for name in chosen if name in allowed)
    note = None
    if len(kept) < len(chosen):
        dropped = ", ".join(name for name in chosen if name not in allowed)
        note = t("data.one_input", dropped=dropped)
    if not kept:
        kept = ("x1",)
        note = (note or "") + t("data.using_x1")
    return kept, note


# ----------------------------------------------------------------------------
# the data ready for training
# ----------------------------------------------------------------------------


def current_prepared(setup: Setup, current: Current | None = None) -> Current:
    """The data set of the setup split, mapped and standardized (cached).

    ``current`` is that data set (:func:`current_data`) when the caller has it already.
    """
    current = current_data(setup) if current is None else current
    if current.dataset is None:
        return current
    ds = current.dataset
    features, note = usable_features(setup.features, ds.n_features)
    pairs = setup.prepare_key(features)
    try:
        prepared = cache.prepared(current.data_key, pairs, _dataset=ds)
    except ValueError as err:
        return current.stop(refusal(err, "data.cannot_prepare"))
    return replace(
        current,
        prepared=prepared,
        box=data_bounds(ds.X),
        prep_key=(current.data_key, pairs),
        note=note,
    )


# ----------------------------------------------------------------------------
# callbacks of the Data page: the uploaded file and the table editor
# ----------------------------------------------------------------------------


def store_upload(widget: str) -> None:
    """on_change of the file uploader: keep the file's bytes beyond this page."""
    file = st.session_state.get(widget)
    if file is None:
        return
    raw = file.getvalue()
    st.session_state["_upload"] = {"name": file.name, "bytes": raw, "digest": _digest(raw)}
    for key in ("csv_label", "csv_features", "csv_positive"):
        st.session_state[key] = None
    st.session_state["source"] = "uploaded"


def clear_upload() -> None:
    """Forget the uploaded file."""
    st.session_state.pop("_upload", None)
    for key in ("csv_label", "csv_features", "csv_positive"):
        st.session_state[key] = None


def apply_editor_changes(frame: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """A table with the edits of ``st.data_editor`` applied (its session-state value).

    Parameters
    ----------
    frame : DataFrame
        The table the editor was given (any index).
    changes : dict
        ``{"edited_rows": {row: {column: value}}, "added_rows": [{column: value}],
        "deleted_rows": [row]}``, rows counted by position from 0.

    Returns
    -------
    DataFrame with a fresh 0..m'−1 index.
    """
    out = frame.reset_index(drop=True).astype(object)
    columns = list(out.columns)
    for row, cells in (changes.get("edited_rows") or {}).items():
        for column, value in cells.items():
            if column in columns and 0 <= int(row) < len(out):
                out.iat[int(row), columns.index(column)] = value
    deleted = {int(r) for r in changes.get("deleted_rows") or []}
    out = out.iloc[[r for r in range(len(out)) if r not in deleted]]
    added = [{c: row.get(c) for c in columns} for row in changes.get("added_rows") or []]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=columns)], ignore_index=True)
    return out.reset_index(drop=True)


def commit_edits(widget: str, base: Dataset) -> None:
    """on_change of the table editor: keep a valid edited table as the data set.

    An edit that leaves the table invalid (a half-filled new row) is kept in
    the editor and explained on the page; the last valid data stays in use.
    """
    changes = st.session_state.get(widget) or {}
    frame = apply_editor_changes(dataset_to_frame(base), changes)
    try:
        ds = dataset_from_frame(
            frame,
            feature_names=base.feature_names,
            label_name=base.label_name,
            class_names=base.class_names,
            notes=("edited on screen",),
        )
        if ds.n_samples < 4 or min(ds.class_counts) < 2:
            raise DataError("keep_two_per_class")
    except DataError as err:
        st.session_state["_edit_error"] = err  # shown in the language of the page that shows it
        return
    st.session_state.pop("_edit_error", None)
    st.session_state["_edited"] = {"dataset": ds, "digest": _dataset_digest(ds)}
    st.session_state["source"] = "edited"
    st.session_state["_editor_version"] = st.session_state.get("_editor_version", 0) + 1


def discard_edits() -> None:
    """Forget the edited table and go back to generated data."""
    st.session_state.pop("_edited", None)
    st.session_state.pop("_edit_error", None)
    st.session_state["source"] = "generated"
    st.session_state["_editor_version"] = st.session_state.get("_editor_version", 0) + 1
