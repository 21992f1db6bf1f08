"""Panels of the Data page: the upload, the preview, the scatter plot and the table editor."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from logreg_core.data import MAX_BYTES, MAX_ROWS, DataError, dataset_to_frame, example_csv_bytes
from logreg_core.figures.playground import POINT_LIMIT, scatter_figure
from ui import cache
from ui.controls import test_share_control
from ui.data import (
    MAX_EDIT_ROWS,
    Current,
    clear_upload,
    commit_edits,
    current_prepared,
    discard_edits,
    store_upload,
)
from ui.state import bind

__all__ = ["edited_panel", "editor_panel", "scatter_panel", "upload_panel"]

UPLOAD_WIDGET = "upload_file"


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{n / 1e3:.1f} kB" if n >= 1e3 else f"{n} bytes"


def _label_changed() -> None:
    st.session_state["csv_features"] = None
    st.session_state["csv_positive"] = None


def upload_panel() -> None:
    """File uploader, example file, and the pickers for features, label and positive class."""
    st.file_uploader(
        "CSV file",
        type=["csv"],
        key=UPLOAD_WIDGET,
        on_change=store_upload,
        args=(UPLOAD_WIDGET,),
        help=f"A header row, then one example per row; commas, semicolons or tabs. At most "
        f"{MAX_ROWS:,} rows and {_size(MAX_BYTES)}.",
    )
    st.download_button(
        "⬇ Download an example CSV",
        example_csv_bytes(),
        file_name="example_students.csv",
        mime="text/csv",
        help="40 students: hours studied, hours slept, and whether they passed (1) or not (0).",
    )
    upload = st.session_state.get("_upload")
    if upload is None:
        st.info("Upload a CSV file to use your own data (try the example file).")
        return
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.caption(f"Using **{upload['name']}** ({_size(len(upload['bytes']))}).")
    c2.button("✕ Remove the file", on_click=clear_upload)
    try:
        columns, numeric = cache.csv_columns(upload["digest"], _raw=upload["bytes"])
    except DataError as err:
        st.error(str(err))
        return
    if st.session_state["csv_label"] not in columns:
        st.session_state["csv_label"] = columns[-1]
    st.selectbox(
        "Label column (y)",
        columns,
        help="The column that holds the class of each example; it must have two values.",
        **bind("csv_label", after=_label_changed),
    )
    label = st.session_state["csv_label"]
    options = [c for c in numeric if c != label]
    if not options:
        st.error(
            f"No column other than the label '{label}' holds numbers, so there is no feature. "
            "Pick another label column, or add a numeric column to the file."
        )
        return
    chosen = st.session_state["csv_features"]
    if chosen is None or not set(chosen) <= set(options):
        st.session_state["csv_features"] = tuple(options[:2])
    st.multiselect(
        "Feature columns (x1, x2)",
        options,
        max_selections=2,
        help="One or two numeric columns: the playground draws them as x1 and x2.",
        **bind("csv_features", to_widget=list, from_widget=tuple),
    )
    features = st.session_state["csv_features"]
    if not features:
        st.warning("Pick at least one feature column.")
        return
    try:
        probe = cache.csv_dataset(
            upload["digest"], tuple(features), label, None, _raw=upload["bytes"]
        )
    except DataError as err:
        st.error(str(err))
        return
    negative, positive = probe.class_names
    if st.session_state["csv_positive"] not in (negative, positive):
        st.session_state["csv_positive"] = positive
    st.selectbox(
        "Positive class (y = 1)",
        [positive, negative],
        help="Which value of the label column becomes y = 1; the other becomes y = 0.",
        **bind("csv_positive"),
    )
    test_share_control()


def preview_panel(current: Current) -> None:
    """The first rows of an uploaded data set and the notes on what was loaded or excluded."""
    ds = current.dataset
    with st.expander("Preview and notes", expanded=True):
        st.dataframe(dataset_to_frame(ds).head(8), hide_index=False, height=200)
        for note in ds.notes:
            st.caption(f"• {note}")


def edited_panel(current: Current) -> None:
    """What the edited table is, and a button to drop it."""
    ds = current.dataset
    st.info(
        f"Using your edited table: {ds.n_samples:,} examples. Change it in the table below; "
        "pick **Generate** or **Upload a CSV** above to use those again."
    )
    st.button("🗑 Discard the edited table", on_click=discard_edits)
    test_share_control()


def scatter_panel(current: Current) -> None:
    """The examples by class, training filled and test hollow, and their counts."""
    ds = current.dataset
    ready = current_prepared()
    if ready.prepared is not None:
        p = ready.prepared
        parts = (p.train.X, p.train.Y, p.test.X, p.test.Y)
        counts = (p.train.n_samples, p.test.n_samples)
    else:
        parts = (ds.X, ds.Y, ds.X[:, :0], ds.Y[:, :0])
        counts = (ds.n_samples, 0)
    n0, n1 = ds.class_counts
    c = st.columns(5)
    c[0].metric("examples m", f"{ds.n_samples:,}")
    for col, cls, count in ((c[1], 0, n0), (c[2], 1, n1)):
        name = ds.class_names[cls]
        label = f"class {cls}" if name == str(cls) else f"class {cls} ({name})"
        col.metric(label, f"{count:,}", help=f"Examples with y = {cls}.")
    c[3].metric("training", f"{counts[0]:,}", help="Examples gradient descent learns from.")
    c[4].metric("test", f"{counts[1]:,}", help="Examples held out to check the boundary.")
    fig = scatter_figure(
        *parts, input_names=ds.feature_names, class_names=ds.class_names, height=470
    )
    st.plotly_chart(fig, width="stretch", key="data_scatter", theme=None)
    shown = max(counts)
    extra = f" Showing {POINT_LIMIT:,} points of each part." if shown > POINT_LIMIT else ""
    st.caption(
        "Filled markers: training examples; hollow: test examples. Blue circles are class 0, "
        "orange diamonds class 1 (the same on every page)." + extra
    )
    if ready.problem:
        st.error(ready.problem)


def editor_panel(current: Current) -> None:
    """The examples in an editable table; a valid edit becomes the data set."""
    ds = current.dataset
    if ds.n_samples > MAX_EDIT_ROWS:
        st.caption(
            f"The table has {ds.n_samples:,} rows; editing is offered up to {MAX_EDIT_ROWS:,}."
        )
        return
    tag = hashlib.sha1(repr(current.key).encode(), usedforsecurity=False).hexdigest()[:10]
    key = f"editor_{tag}_{st.session_state.get('_editor_version', 0)}"
    label = ds.label_name
    config = {
        name: st.column_config.NumberColumn(name, format="%.4g", required=True)
        for name in ds.feature_names
    }
    config[label] = st.column_config.NumberColumn(
        f"{label} (0 or 1)", min_value=0, max_value=1, step=1, required=True
    )
    frame = dataset_to_frame(ds)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    st.data_editor(
        frame,
        num_rows="dynamic",
        key=key,
        on_change=commit_edits,
        args=(key, ds),
        column_config=config,
        height=320,
    )
    problem = st.session_state.get("_edit_error")
    if problem:
        st.warning(f"The edit is not used yet: {problem}")
    st.caption(
        "Change a value, add a row at the bottom, or select rows and delete them. Each valid "
        "change makes an edited copy of the data (the source becomes **My edited table**), "
        "and the plot above follows."
    )
