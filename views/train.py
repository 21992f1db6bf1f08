"""Train page: gradient descent on J(w, b), played back in the browser with every number."""

import numpy as np
import streamlit as st

from logreg_core.figures.player import SPEEDS, added_points
from ui import cache, controls, exports, presets
from ui.data import current_prepared
from ui.i18n import current_language, t
from ui.player import START_FIELDS, player
from ui.presenter import control_block, presenter_on
from ui.state import ADD_CLASS, SHOW_3D, current_setup, ensure_state, followed_example
from ui.texts import SOURCE_LABELS, engine_message, fmt, fmt_vector, md_plain, pct, stop_message
from ui.training import (
    animation_for,
    clear_before,
    compare,
    current_run,
    lowest_point_text,
    surface_for,
)

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}

ensure_state()

st.title(t("train.title"))
st.caption(t("train.intro"))

setup = current_setup()  # as app.py read it at the top of this rerun
presets.active_note(setup)
ready = current_prepared(setup)
if ready.prepared is None:
    (st.error if ready.level == "error" else st.info)(ready.problem)
    st.page_link("views/data.py", label=t("train.go_data"), icon=":material/scatter_plot:")
    st.stop()

figure = st.container()  # the animation comes first, above the controls (a phone shows it first)
with control_block(t("presenter.controls_training")):
    setup = controls.training_controls(setup, ready.prepared.X_train.shape[0])
trained = current_run(setup, ready)
if trained.run is None:
    st.error(trained.problem)
    st.stop()
run, h, p = trained.run, trained.run.history, trained.run.prepared

# ---- the animation: three panels and the step's numbers, played in the browser ----
with figure:
    m = p.X_train.shape[1]
    example = followed_example(m)
    key, anim = animation_for(trained)
    before, label = compare(trained, anim)  # the run before the last change, until cleared
    payload = cache.player(key, example, presenter_on(), current_language(), _anim=anim, _run=run)
    classes = p.dataset.class_names
    st.segmented_control(  # the class a click on the data adds, beside the figure
        t("train.add_class"),
        (0, 1),
        format_func=lambda c: f"y = {c}" if classes[c] == str(c) else f"y = {c} ({classes[c]})",
        default=st.session_state.get(ADD_CLASS, 1),
        required=True,
        key="train_add_class",
        on_change=lambda: st.session_state.update({ADD_CLASS: st.session_state["train_add_class"]}),
        help=t("train.add_class_help"),
    )
    added = added_points(p.train.X, p.train.Y, trained.added)
    player(payload, axes=anim.surface.axis_names, before=before, before_label=label, added=added)
    step = int(st.session_state["inspect_step"])  # set when the student pauses
    st.page_link(
        "views/inspector.py",
        label=t("train.open_inspector", step=f"{step:,}", i=example + 1),
        icon=":material/account_tree:",
    )
    if before is not None:
        st.button(
            t("train.before_clear"),
            key="train_clear_before",
            on_click=clear_before,
            icon=":material/layers_clear:",
            help=t("train.before_clear_help"),
        )
    s = anim.surface
    u, v = s.axis_names
    cost_text = t("train.cost_exact") if s.exact else t("train.cost_slice", u=u, v=v)
    st.caption(
        t(
            "train.animation_caption",
            speeds=", ".join(SPEEDS),
            cost=cost_text,
            frames=anim.n_frames,
            records=len(h),
        )
    )
    for note in s.notes:
        st.caption(engine_message(note, "train.note_"))
    if s.axis_names in START_FIELDS:
        st.caption(t("train.click_hint"))
    st.caption(t("train.add_note", edited=SOURCE_LABELS["edited"]))
    with control_block(t("presenter.controls_frames")):
        controls.frame_controls(p.feature_names, m)

# ---- the result: final w, b, J, the accuracies and why training stopped ----
st.subheader(t("train.result"))
c = st.columns(5)
c[0].metric(t("train.metric_steps"), f"{int(h.steps[-1]):,}")
cost_help = t("train.metric_cost_help_l2", l2=fmt(h.l2)) if h.l2 else t("train.metric_cost_help")
c[1].metric(t("train.metric_cost"), fmt(h.cost[-1]), help=cost_help)
c[2].metric(t("train.metric_train_accuracy"), pct(h.accuracy[-1]))
c[3].metric(
    t("train.metric_test_accuracy"),
    pct(trained.test_accuracy),
    help=t("train.metric_test_accuracy_help"),
)
c[4].metric(t("train.metric_bias"), fmt(h.b[-1]))
names, w = p.feature_names, h.w[-1]
weights = " · ".join(
    f"w{j + 1} ({name}) = **{fmt(value)}**"
    for j, (name, value) in enumerate(zip(names, w, strict=True))
)
inputs = p.dataset.feature_names
if inputs in (("x1", "x2"), ("x1",)):
    st.markdown(t("train.weights", weights=weights))
else:
    named = ", ".join(f"x{j + 1} = {md_plain(name)}" for j, name in enumerate(inputs))
    st.markdown(t("train.weights_named", inputs=named, weights=weights))
if p.standardizer is not None and names in (("x1", "x2"), ("x1",)):
    w_orig, b_orig = p.standardizer.params_to_original(w, h.b[-1])
    st.caption(t("train.standardized", w=fmt_vector(np.ravel(w_orig)), b=fmt(b_orig)))
verdict = cache.separation(trained.prep_key, _prepared=p).verdict  # or "undecided": not known
level, text = stop_message(
    h,
    tol=h.tol,
    patience=h.patience,
    standardized=p.standardizer is not None,
    separable={"separable": True, "minimum": False}.get(verdict),
)
{"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[level](text)

# ---- the bowl in 3-D, on request (WebGL without a graphics card takes ~1.5 s), and downloads ----
st.subheader(t("train.surface_header"))
show = st.toggle(
    t("train.show_3d"),
    value=bool(st.session_state.get(SHOW_3D, False)),
    key="train_show_3d",
    on_change=lambda: st.session_state.update({SHOW_3D: st.session_state["train_show_3d"]}),
    help=t("train.show_3d_help"),
)
if show:
    surface, fig = surface_for(trained)
    left, right = st.columns([3, 2], gap="large")
    left.plotly_chart(fig, width="stretch", key="train_surface", config=PLOTLY_CONFIG, theme=None)
    with right:
        if surface.exact:
            st.markdown(t("train.surface_exact"))
        else:
            more = h.w.shape[1] > 2
            u, v = surface.axis_names
            key3d = "train.surface_slice_more" if more else "train.surface_slice"
            st.markdown(t(key3d, u=u, v=v, b=fmt(surface.b_fixed)))
            st.caption(t("train.surface_run_j"))
        st.caption(t("train.surface_drag"))
        st.caption(lowest_point_text(trained))
        for note in surface.notes:
            st.caption(engine_message(note, "train.note_"))
exports.downloads(trained)
