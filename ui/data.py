"""The current data set: generated, uploaded or edited, and the data ready for training.

Everything a page needs to know about the data goes through
:func:`current_data` and :func:`current_prepared`; problems come back as a
message in the student's words, never as an exception.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from logreg_core.animation import data_bounds
from logreg_core.csv_io import dataset_from_frame, dataset_to_frame
from logreg_core.data import DEFAULT_NOISE, DataError, Dataset
from logreg_core.features import FEATURE_MAPS
from logreg_core.pipeline import Prepared
from ui import cache
from ui.i18n import t
from ui.texts import engine_message, md_plain, refusal

__all__ = [
    "MAX_EDIT_ROWS",
    "Current",
    "Ready",
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
    """The data set the controls describe, or why there is none.

    Attributes
    ----------
    key : tuple or None
        Plain values that identify the data set (for caches).
    dataset : Dataset or None
    problem : str or None
        Why there is no data set, in the student's words.
    level : {"error", "info"}
        "error" for bad data, "info" for a step not yet taken (no file yet).
    """

    key: tuple | None
    dataset: Dataset | None
    problem: str | None = None
    level: str = "error"


def _digest(raw: bytes) -> str:
    return hashlib.sha1(raw, usedforsecurity=False).hexdigest()


def _dataset_digest(ds: Dataset) -> str:
    h = hashlib.sha1(usedforsecurity=False)
    h.update(np.ascontiguousarray(ds.X).tobytes())
    h.update(np.ascontiguousarray(ds.Y).tobytes())
    h.update(repr((ds.feature_names, ds.label_name, ds.class_names)).encode())
    return h.hexdigest()


def _noise(kind: str, noise) -> float:
    return float(DEFAULT_NOISE[kind] if noise is None else noise)


def _upload_key(upload: dict, s: dict) -> tuple:
    features = tuple(s["csv_features"]) if s["csv_features"] else None
    return ("uploaded", upload["digest"], features, s["csv_label"], s["csv_positive"])


def current_data(s: Mapping[str, object]) -> Current:
    """The data set the setup ``s`` chooses (cached), or the reason there is none."""
    source = s["source"]
    if source == "edited":
        edited = st.session_state.get("_edited")
        if edited is None:
            return Current(None, None, t("data.no_edited"), "info")
        return Current(("edited", edited["digest"]), edited["dataset"])
    if source == "uploaded":
        upload = st.session_state.get("_upload")
        if upload is None:
            return Current(None, None, t("data.no_file"), "info")
        key = _upload_key(upload, s)
        if s["csv_features"] is not None and not s["csv_features"]:
            return Current(key, None, t("data.pick_feature_on_data"), "info")
        try:
            with st.spinner(t("data.reading")):
                ds = cache.csv_dataset(*key[1:], _raw=upload["bytes"])
        except DataError as err:
            return Current(key, None, md_plain(engine_message(err)))
        if ds.n_features > 2:
            return Current(key, None, t("data.too_many_inputs"))
        return Current(key, ds)
    kind = s["kind"]
    key = ("generated", kind, int(s["n_samples"]), _noise(kind, s["noise"]), float(s["balance"]))
    key += (int(s["seed"]),)
    try:
        ds = cache.generated_dataset(*key[1:])
    except ValueError as err:
        return Current(key, None, t("data.cannot_generate", error=err))
    return Current(key, ds)


def data_key_label(current: Current) -> str:
    """A short description of the data set for the sidebar."""
    if current.key is None:
        return t("data.key_none")
    kind = current.key[0]
    if kind == "generated":
        return t("data.key_generated", kind=current.key[1].replace("_", "-"), seed=current.key[5])
    if kind == "uploaded":
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


@dataclass(frozen=True)
class Ready:
    """Prepared data and its identity, or why there is none."""

    key: tuple | None
    prepared: Prepared | None
    box: tuple | None
    problem: str | None = None
    level: str = "error"
    note: str | None = None


def current_prepared(s: Mapping[str, object], current: Current | None = None) -> Ready:
    """The data set of the setup ``s`` split, mapped and standardized (cached).

    ``current`` is that data set when the caller has it already.
    """
    current = current_data(s) if current is None else current
    if current.dataset is None:
        return Ready(None, None, None, current.problem, current.level)
    ds = current.dataset
    features, note = usable_features(s["features"], ds.n_features)
    key = (current.key, float(s["test_share"]), int(s["seed"]), features, bool(s["standardize"]))
    try:
        prepared = cache.prepared(*key, _dataset=ds)
    except ValueError as err:
        return Ready(None, None, None, refusal(err, "data.cannot_prepare"))
    return Ready(key, prepared, data_bounds(ds.X), note=note)


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
