"""Data page: generate or upload examples, edit them, choose the features.

The panels (the upload, the preview, the scatter plot, the table editor) are
functions defined first; the page itself reads top to bottom below them.
"""

import hashlib

import pandas as pd
import streamlit as st

from logreg_core.csv_io import MAX_BYTES, dataset_to_frame, example_csv_bytes
from logreg_core.data import KINDS, MAX_ROWS, DataError
from logreg_core.figures.playground import POINT_LIMIT, scatter_figure
from logreg_core.setup import Setup
from ui import cache, controls
from ui.controls import test_share_control
from ui.data import (
    MAX_EDIT_ROWS,
    Current,
    clear_upload,
    commit_edits,
    current_data,
    current_prepared,
    discard_edits,
    store_upload,
)
from ui.i18n import t
from ui.presenter import control_block, present, redraw_tables, table_place
from ui.state import EDIT_ERROR, EDITED, EDITOR_VERSION, UPLOAD, bind, current_setup, ensure_state
from ui.texts import FEATURE_HINTS, SOURCE_LABELS, engine_message, figure_texts, md_plain

UPLOAD_WIDGET = "upload_file"


def _size(n: int) -> str:
    if n >= 1e6:
        return t("data.size_mb", n=n / 1e6)
    return t("data.size_kb", n=n / 1e3) if n >= 1e3 else t("data.size_bytes", n=n)


def upload_limit() -> str:
    """The largest file a student can upload, as "20 MB": the server's limit or MAX_BYTES."""
    server_mb = float(st.get_option("server.maxUploadSize"))
    return f"{min(server_mb, MAX_BYTES / 1e6):g} MB"


def _label_changed() -> None:
    st.session_state["csv_features"] = None
    st.session_state["csv_positive"] = None


def upload_panel(setup: Setup) -> Setup:
    """File uploader, example file, and the pickers for features, label and positive class.

    Returns ``setup`` with the columns, the positive class, the test share and
    the split's seed the pickers show (as far as the file lets the student choose).
    """
    st.file_uploader(
        t("data.upload"),
        type=["csv"],
        key=UPLOAD_WIDGET,
        on_change=store_upload,
        args=(UPLOAD_WIDGET,),
        help=t("data.upload_help", rows=MAX_ROWS, size=upload_limit()),
    )
    st.download_button(
        t("data.example_download"),
        example_csv_bytes(),
        icon=":material/download:",
        file_name="example_students.csv",
        mime="text/csv",
        help=t("data.example_help"),
    )
    upload = st.session_state.get(UPLOAD)
    if upload is None:
        st.info(t("data.upload_info"))
        return setup
    c1, c2 = st.columns([3, 2], vertical_alignment="center")
    c1.caption(
        t("data.using_file", name=md_plain(upload["name"]), size=_size(len(upload["bytes"])))
    )
    c2.button(t("data.remove_file"), icon=":material/close:", on_click=clear_upload)
    try:
        columns, numeric = cache.csv_columns(upload["digest"], _raw=upload["bytes"])
    except DataError as err:
        st.error(md_plain(engine_message(err)))
        return setup
    if setup.csv_label not in columns:
        st.session_state["csv_label"] = columns[-1]
    label = st.selectbox(
        t("data.label_column"),
        columns,
        help=t("data.label_column_help"),
        **bind("csv_label", after=_label_changed),
    )
    setup = setup.replace(csv_label=label)
    options = [c for c in numeric if c != label]
    if not options:
        st.error(t("data.no_numeric_feature", label=md_plain(label)))
        return setup
    chosen = setup.csv_features
    if chosen is None or not set(chosen) <= set(options):
        st.session_state["csv_features"] = tuple(options[:2])
    features = st.multiselect(
        t("data.feature_columns"),
        options,
        max_selections=2,
        help=t("data.feature_columns_help"),
        **bind("csv_features", to_widget=list, from_widget=tuple),
    )
    if not features:
        st.warning(t("data.pick_feature"))
        return setup
    setup = setup.replace(csv_features=tuple(features))
    try:
        with st.spinner(t("data.reading")):
            probe = cache.csv_dataset(
                upload["digest"], tuple(features), label, None, _raw=upload["bytes"]
            )
    except DataError as err:
        st.error(md_plain(engine_message(err)))
        return setup
    negative, positive = probe.class_names
    if setup.csv_positive not in (negative, positive):
        st.session_state["csv_positive"] = positive
    chosen_positive = st.selectbox(
        t("data.positive_class"),
        [positive, negative],
        help=t("data.positive_help"),
        **bind("csv_positive"),
    )
    return test_share_control(setup.replace(csv_positive=chosen_positive))


def preview_panel(current: Current) -> None:
    """The first rows of an uploaded or a real data set, and the notes on what was read."""
    ds = current.dataset
    with st.expander(t("data.preview"), expanded=True):
        with table_place():
            st.dataframe(dataset_to_frame(ds).head(8), hide_index=False, height=200)
        for note in ds.notes:
            st.caption(f"• {md_plain(engine_message(note, 'data.note_'))}")


def edited_panel(current: Current) -> Setup:
    """What the edited table is, a button to drop it, and the split; returns the setup."""
    ds = current.dataset
    st.info(
        t(
            "data.edited_info",
            m=ds.n_samples,
            generate=SOURCE_LABELS["generated"],
            upload=SOURCE_LABELS["uploaded"],
        )
    )
    st.button(t("data.discard"), icon=":material/delete:", on_click=discard_edits)
    return test_share_control(current.setup)


def scatter_panel(current: Current) -> None:
    """The examples by class, training filled and test hollow, and their counts."""
    ds = current.dataset
    ready = current_prepared(current.setup, current)
    if ready.prepared is not None:
        points, _ = cache.figure_points(ready.prepared)
    else:
        points = (ds.X, ds.Y, ds.X[:, :0], ds.Y[:, :0])
    counts = (points[0].shape[1], points[2].shape[1])
    n0, n1 = ds.class_counts
    c = st.columns(5)
    c[0].metric(t("data.metric_m"), f"{ds.n_samples:,}")
    for col, cls, count in ((c[1], 0, n0), (c[2], 1, n1)):
        name = ds.class_names[cls]
        label = (
            t("data.metric_class", cls=cls)
            if name == str(cls)
            else t("data.metric_class_named", cls=cls, name=md_plain(name))
        )
        col.metric(label, f"{count:,}", help=t("data.metric_class_help", cls=cls))
    c[3].metric(t("data.metric_train"), f"{counts[0]:,}", help=t("data.metric_train_help"))
    c[4].metric(t("data.metric_test"), f"{counts[1]:,}", help=t("data.metric_test_help"))
    fig = scatter_figure(
        *points,
        input_names=ds.feature_names,
        class_names=ds.class_names,
        height=470,
        texts=figure_texts(),
    )
    setup = current.setup
    if setup.source == "generated" and not KINDS[setup.kind].generated:
        # measurements in two units (mm and g): each axis its own scale, not one for both
        fig.layout.yaxis.scaleanchor = fig.layout.yaxis.scaleratio = None
    st.plotly_chart(present(fig), width="stretch", key="data_scatter", theme=None)
    shown = max(counts)
    extra = t("data.showing_points", limit=POINT_LIMIT) if shown > POINT_LIMIT else ""
    st.caption(t("data.scatter_caption") + extra)
    if ready.problem:
        st.error(ready.problem)


def editor_panel(current: Current) -> None:
    """The examples in an editable table; a valid edit becomes the data set."""
    ds = current.dataset
    if ds.n_samples > MAX_EDIT_ROWS:
        st.caption(t("data.too_big_to_edit", m=ds.n_samples, max=MAX_EDIT_ROWS))
        return
    tag = hashlib.sha1(repr(current.data_key).encode(), usedforsecurity=False).hexdigest()[:10]
    key = f"editor_{tag}_{st.session_state.get(EDITOR_VERSION, 0)}"
    label = ds.label_name
    config = {
        name: st.column_config.NumberColumn(name, format="%.4g", required=True)
        for name in ds.feature_names
    }
    config[label] = st.column_config.NumberColumn(
        t("data.label_01", label=label), min_value=0, max_value=1, step=1, required=True
    )
    frame = dataset_to_frame(ds)
    frame.index = pd.RangeIndex(1, len(frame) + 1, name="row")
    with table_place():
        st.data_editor(
            frame,
            num_rows="dynamic",
            key=key,
            on_change=commit_edits,
            args=(key, ds),
            column_config=config,
            height=320,
        )
    problem = st.session_state.get(EDIT_ERROR)
    if problem:
        st.warning(t("data.edit_not_used", problem=md_plain(engine_message(problem))))
    st.caption(t("data.editor_caption", edited=SOURCE_LABELS["edited"]))


# ---- the page ----

ensure_state()

st.title(t("data.title"))
st.caption(t("data.intro"))

setup = current_setup()  # as app.py read it at the top of this rerun
source = controls.source_control(has_edited=st.session_state.get(EDITED) is not None)
setup = setup.replace(source=source)
left, right = st.columns([2, 3], gap="large")
with left:
    if source == "generated":
        with control_block(t("presenter.controls_data")):
            setup = controls.generate_controls(setup)
        st.caption(FEATURE_HINTS[setup.kind])
        kind = KINDS[setup.kind]
        if not kind.generated:  # real data: where it comes from
            st.caption(t(kind.cite_key, **dict(kind.links)))
    elif source == "uploaded":
        setup = upload_panel(setup)
real = source == "generated" and not KINDS[setup.kind].generated

current = current_data(setup)  # the data set of what the controls above show
if source == "edited" and current.dataset is not None:
    with left:
        setup = edited_panel(current)
    current = current_data(setup)  # with the test share and split seed just shown
with right:
    if current.dataset is None and source == "uploaded":
        st.info(t("data.plot_later"))
    elif current.dataset is None:
        (st.error if current.level == "error" else st.info)(current.problem)
    else:
        scatter_panel(current)
        if source == "uploaded" or real:  # a file's first rows and its notes
            preview_panel(current)

if current.dataset is not None:
    st.subheader(t("data.features_header"))
    st.caption(t("data.features_intro"))
    c1, c2 = st.columns([3, 2], gap="large")
    with c1, control_block(t("presenter.controls_features")):
        features, note = controls.feature_controls(current.dataset.n_features)
    with c2:
        n = len(features)
        st.markdown(
            t("data.n_features_many", n=n, features=", ".join(features))
            if n > 1
            else t("data.n_features_one", feature=features[0])
        )
        if note:
            st.warning(note)

    st.subheader(t("data.edit_header"))
    editor_panel(current)
redraw_tables()  # after presenter mode was switched: the tables at the new text size
