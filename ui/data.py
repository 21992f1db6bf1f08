"""The current data set: generated, uploaded or edited, and the data ready for training.

Everything a page needs to know about the data goes through
:func:`current_data` and :func:`current_prepared`; problems come back as a
message in the student's words, never as an exception.
"""

from __future__ import annotations

import hashlib
import math
import sys
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from logreg_core.animation import data_bounds
from logreg_core.csv_io import dataset_from_frame, dataset_to_frame
from logreg_core.data import KINDS, MAX_ROWS, DataError, Dataset
from logreg_core.features import FEATURE_MAPS
from logreg_core.pipeline import Prepared, Run
from logreg_core.setup import Setup
from ui import cache
from ui.i18n import t
from ui.state import EDIT_ERROR, EDITED, EDITOR_VERSION, UPLOAD
from ui.texts import engine_message, md_plain, refusal

__all__ = [
    "MAX_EDIT_ROWS",
    "Current",
    "apply_editor_changes",
    "check_editor_changes",
    "clear_upload",
    "click_changes",
    "commit_click",
    "commit_edits",
    "current_data",
    "current_prepared",
    "data_key_label",
    "discard_edits",
    "edited_dataset",
    "feature_options",
    "store_upload",
    "usable_features",
]

#: Largest table offered for editing on screen.
MAX_EDIT_ROWS = 5_000
#: The editor's own column for the row labels (``st.data_editor`` may send it).
_INDEX_COLUMN = "_index"
#: Characters of a cell or a column name quoted in a message.
_QUOTE = 30


@dataclass(frozen=True)
class Current:
    """The setup of this rerun and what it has made so far, or why it stops.

    :func:`current_data` fills ``dataset``, :func:`current_prepared` also
    ``prepared`` and ``box``, :func:`ui.training.current_run` also ``run``; a
    stage that cannot be done leaves its field None and says why in ``problem``.

    Attributes
    ----------
    setup : Setup
    data_key, prep_key, run_key : tuple or None
        What identifies the data set, ``prepared`` and ``run`` for the caches:
        the setup's keys, and for a file or an edited table its digest.
    dataset : Dataset or None
    prepared : Prepared or None
    box : tuple of (low, high) pairs, or None
        A box around the raw inputs for the figures, one pair per input
        (:func:`logreg_core.animation.data_bounds`).
    run : Run or None
    added : int
        How many of the data set's last examples a click on the data panel
        added (they are all training examples).
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
    added: int = 0

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
        edited = st.session_state.get(EDITED)
        if edited is None:
            return current.stop(t("data.no_edited"), "info")
        added = edited.get("added", 0)
        key = (*setup.data_key(), ("digest", edited["digest"]), ("added", added))
        return replace(current, data_key=key, dataset=edited["dataset"], added=added)
    if setup.source == "uploaded":
        upload = st.session_state.get(UPLOAD)
        if upload is None:
            return current.stop(t("data.no_file"), "info")
        digest, features = upload["digest"], setup.csv_features
        label, positive = setup.csv_label, setup.csv_positive
        current = replace(current, data_key=(*setup.data_key(), ("digest", digest)))
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
    current = replace(current, data_key=pairs)
    try:
        ds = cache.generated_dataset(**{name: value for name, value in pairs if name != "source"})
    except ValueError as err:
        return current.stop(t("data.cannot_generate", error=err))
    return replace(current, dataset=ds)


def data_key_label(current: Current) -> str:
    """A short description of the data set for the sidebar."""
    if current.data_key is None:
        return t("data.key_none")
    s = current.setup
    if s.source == "generated" and not KINDS[s.kind].generated:  # real data: the seed splits
        return t("data.key_real", kind=s.kind, seed=s.seed)
    if s.source == "generated":
        return t("data.key_generated", kind=s.kind.replace("_", "-"), seed=s.seed)
    if s.source == "uploaded":
        upload = st.session_state.get(UPLOAD) or {}
        return t("data.key_uploaded", name=md_plain(upload.get("name") or t("data.key_file")))
    return t("data.key_edited")


# ---- features ----


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


# ---- the data ready for training ----


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
        prepared = cache.prepared(current.data_key, pairs, current.added, _dataset=ds)
    except ValueError as err:
        return current.stop(refusal(err, "data.cannot_prepare"))
    return replace(
        current,
        prepared=prepared,
        box=data_bounds(ds.X),
        prep_key=(current.data_key, pairs),
        note=note,
    )


# ---- callbacks of the Data page: the uploaded file and the table editor ----


def store_upload(widget: str) -> None:
    """on_change of the file uploader: keep the file's bytes beyond this page."""
    file = st.session_state.get(widget)
    if file is None:
        return
    clear_upload()
    raw = file.getvalue()
    st.session_state[UPLOAD] = {"name": file.name, "bytes": raw, "digest": _digest(raw)}
    st.session_state["source"] = "uploaded"


def clear_upload() -> None:
    """Forget the uploaded file."""
    st.session_state.pop(UPLOAD, None)
    for key in ("csv_label", "csv_features", "csv_positive"):
        st.session_state[key] = None


def _quoted(value) -> str:
    """A cell or a name for a DataError's params: its text, cut short, in quotes."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > sys.float_info.max:
        text = f"{'-' if value < 0 else ''}1e+{int(math.log10(abs(value)))}"  # no 4,300-digit str
    else:
        text = str(value)
    return repr(text[:_QUOTE] + "…" if len(text) > _QUOTE else text)


def _cell(value):
    """An edited cell as the table can hold it: a number, a text, a truth value or None.

    A whole number beyond a float ("1e+400", refused later as not a finite
    number) or anything else (a list, an object) becomes its short text.
    """
    if value is None or isinstance(value, bool | float | str):
        return value
    if isinstance(value, int):
        return value if abs(value) <= sys.float_info.max else _quoted(value)[1:-1]
    return _quoted(value)[1:-1]


def check_editor_changes(changes, columns, m: int) -> dict:
    """The edits of ``st.data_editor`` checked against the limits of a CSV file.

    The rows are counted first, so a change set too large is refused before
    any cell is read.

    Parameters
    ----------
    changes : dict
        The editor's session-state value: ``{"edited_rows": {row: {column: value}},
        "added_rows": [{column: value}], "deleted_rows": [row]}``.
    columns : sequence of str
        The columns of the table the editor was given.
    m : int
        Its number of rows.

    Returns
    -------
    dict
        The same three entries (missing or malformed ones empty), rows out of
        ``0 … m−1`` left out, every cell one the table can hold; and
        ``"dropped"``, how many edits were left out (only a broken client
        sends them).

    Raises
    ------
    DataError
        "table_too_many_rows" above :data:`logreg_core.data.MAX_ROWS` rows,
        "table_unknown_column" for a column the table does not have.
    """
    changes = changes if isinstance(changes, dict) else {}
    edited = changes.get("edited_rows")
    added = changes.get("added_rows")
    deleted = changes.get("deleted_rows")
    edited = edited if isinstance(edited, dict) else {}
    added = added if isinstance(added, list) else []
    deleted = deleted if isinstance(deleted, list) else []
    gone = {r for r in deleted if isinstance(r, int) and not isinstance(r, bool) and 0 <= r < m}
    rows = m - len(gone) + len(added)
    if rows > MAX_ROWS:
        raise DataError("table_too_many_rows", rows=rows, max_rows=MAX_ROWS)
    known = {*map(str, columns), _INDEX_COLUMN}

    def cells(row) -> dict:
        if not isinstance(row, dict):
            return {}
        for column in row:
            if column not in known:
                shown = [_quoted(c) for c in columns]
                raise DataError("table_unknown_column", name=_quoted(column), columns=shown)
        return {c: _cell(v) for c, v in row.items() if c != _INDEX_COLUMN}

    out_edited = {}
    for row, values in edited.items():
        position = row if isinstance(row, int) and not isinstance(row, bool) else None
        if position is None and isinstance(row, str) and row.isdecimal() and len(row) < 10:
            position = int(row)
        if position is not None and 0 <= position < m:
            out_edited[position] = cells(values)
    malformed = sum(not isinstance(row, dict) for row in added)
    malformed += sum(not isinstance(row, dict) for row in edited.values())
    return {
        "edited_rows": out_edited,
        "added_rows": [cells(row) for row in added],
        "deleted_rows": sorted(gone),
        "dropped": len(edited) - len(out_edited) + len(deleted) - len(gone) + malformed,
    }


def apply_editor_changes(frame: pd.DataFrame, changes: dict) -> pd.DataFrame:
    """A table with the edits of ``st.data_editor`` applied (its session-state value).

    Parameters
    ----------
    frame : DataFrame
        The table the editor was given (any index).
    changes : dict
        ``{"edited_rows": {row: {column: value}}, "added_rows": [{column: value}],
        "deleted_rows": [row]}``, rows counted by position from 0; checked
        first by :func:`check_editor_changes`.

    Returns
    -------
    DataFrame with a fresh 0..m'−1 index.

    Raises
    ------
    DataError
        As :func:`check_editor_changes`, before any table is built.
    """
    columns = list(frame.columns)
    changes = check_editor_changes(changes, columns, len(frame))
    out = frame.reset_index(drop=True).astype(object)
    for row, cells in changes["edited_rows"].items():
        for column, value in cells.items():
            out.iat[row, columns.index(column)] = value
    deleted = set(changes["deleted_rows"])
    out = out.iloc[[r for r in range(len(out)) if r not in deleted]]
    added = [{c: row.get(c) for c in columns} for row in changes["added_rows"]]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=columns)], ignore_index=True)
    return out.reset_index(drop=True)


#: Problems of an edit that no further typing can mend: the editor starts afresh.
_RESET_ON = frozenset({"table_too_many_rows", "table_unknown_column"})


def commit_edits(widget: str, base: Dataset) -> None:
    """on_change of the table editor: keep a valid edited table as the data set.

    An edit that leaves the table invalid (a half-filled new row) is kept in
    the editor and explained on the page; the last valid data stays in use.
    One that no typing can mend (beyond a CSV file's limits, or rows out of
    range) is explained too, and the editor starts again from the data in use.
    """
    changes = st.session_state.get(widget) or {}
    table = dataset_to_frame(base)
    dropped = 0
    try:
        checked = check_editor_changes(changes, list(table.columns), len(table))
        dropped = checked["dropped"]
        ds = edited_dataset(base, checked)
    except DataError as err:
        st.session_state[EDIT_ERROR] = err  # shown in the language of the page that shows it
        if err.code in _RESET_ON or dropped:
            st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
        return
    st.session_state.pop(EDIT_ERROR, None)
    _keep_edited(ds, added=0)  # the points a click added are rows of the table like the others now


def edited_dataset(base: Dataset, changes: dict) -> Dataset:
    """``base`` with the edits of ``st.data_editor`` (or of a click) applied and checked.

    Parameters
    ----------
    base : Dataset
        The data set in use.
    changes : dict
        Edits in the editor's form (:func:`check_editor_changes`).

    Returns
    -------
    Dataset
        Noted "edited on screen".

    Raises
    ------
    DataError
        As :func:`apply_editor_changes` and
        :func:`logreg_core.csv_io.dataset_from_frame`, and
        "keep_two_per_class" when a class would keep fewer than 2 examples.
    """
    frame = apply_editor_changes(dataset_to_frame(base), changes)
    ds = dataset_from_frame(
        frame,
        feature_names=base.feature_names,
        label_name=base.label_name,
        class_names=base.class_names,
        notes=("edited on screen",),
    )
    if ds.n_samples < 4 or min(ds.class_counts) < 2:
        raise DataError("keep_two_per_class")
    return ds


def _keep_edited(ds: Dataset, *, added: int) -> None:
    """Use ``ds`` as the edited data set (its last ``added`` examples added by clicks)."""
    st.session_state[EDITED] = {"dataset": ds, "digest": _dataset_digest(ds), "added": added}
    st.session_state["source"] = "edited"
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1


# ---- a click on the Train page's data panel: a point added there, or one it added removed ----


def click_changes(value, base: Dataset, *, added: int, label: int) -> tuple[dict, int]:
    """The edit of the data set that a click on the data panel asks for.

    Parameters
    ----------
    value : object
        What the player sent: ``{"add": [x1, x2]}`` (one input: ``[x1]``), a
        point inside the panel's box, or ``{"remove": j}``, the j-th of the
        points that clicks added (0 ≤ j < ``added``).
    base : Dataset
        The data set in use (1 or 2 inputs); its last ``added`` examples were
        added by clicks.
    added : int
    label : {0, 1}
        The class of a point to add (chosen beside the figure).

    Returns
    -------
    changes : dict
        The edit in the table editor's form (:func:`check_editor_changes`), so
        that it meets the same limits and is refused in the same words.
    added : int
        How many of the last examples were added by clicks after the edit.

    Raises
    ------
    DataError
        "click_unreadable": not a point of this panel, or no point a click added.
    """
    names = base.feature_names
    if not isinstance(value, dict) or len(value) != 1 or base.n_features > 2:
        raise DataError("click_unreadable")
    if "remove" in value:
        j = value["remove"]
        if isinstance(j, bool) or not isinstance(j, int) or not 0 <= j < added:
            raise DataError("click_unreadable")
        return {"deleted_rows": [base.n_samples - added + j]}, added - 1
    point = value.get("add")
    if not isinstance(point, list) or len(point) != len(names):
        raise DataError("click_unreadable")
    for (low, high), x in zip(data_bounds(base.X), point, strict=True):
        ok = isinstance(x, int | float) and not isinstance(x, bool)
        if not ok or not low <= x <= high:  # also refuses NaN
            raise DataError("click_unreadable")
    row = {name: float(x) for name, x in zip(names, point, strict=True)}
    row[base.label_name] = 1 if label == 1 else 0
    return {"added_rows": [row]}, added + 1


def commit_click(value, current: Current, label: int) -> str | None:
    """A click on the data panel: the edited data set with a point more or one fewer.

    Parameters
    ----------
    value : object
        What the player sent (:func:`click_changes`).
    current : Current
        The data set in use (:func:`current_data`).
    label : {0, 1}
        The class chosen beside the figure.

    Returns
    -------
    str or None
        Why the data set is unchanged, in the student's words; None when the
        edited data set (source "edited") now holds the change.
    """
    if current.dataset is None:
        return current.problem
    try:
        changes, added = click_changes(value, current.dataset, added=current.added, label=label)
        ds = edited_dataset(current.dataset, changes)
    except DataError as err:
        return md_plain(engine_message(err))
    _keep_edited(ds, added=added)
    return None


def discard_edits() -> None:
    """Forget the edited table and go back to generated data."""
    st.session_state.pop(EDITED, None)
    st.session_state.pop(EDIT_ERROR, None)
    st.session_state["source"] = "generated"
    st.session_state[EDITOR_VERSION] = st.session_state.get(EDITOR_VERSION, 0) + 1
