"""Panels of the Train page: the animation, the result in words and numbers, the 3-D view."""

from __future__ import annotations

import numpy as np
import streamlit as st

from logreg_core.figures.player import SPEEDS
from ui import cache, exports
from ui.controls import frame_controls
from ui.i18n import current_language, t
from ui.player import player
from ui.presenter import presenter_on
from ui.state import followed_example
from ui.texts import engine_message, fmt, fmt_vector, md_plain, pct, stop_message
from ui.training import Trained, animation_for, surface_for

__all__ = ["animation_panel", "result_panel", "surface_panel"]

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def animation_panel(trained: Trained) -> None:
    """The animated three panels and the step's numbers, with the frame settings below them."""
    m = trained.run.prepared.X_train.shape[1]
    example = followed_example(m)
    key, anim = animation_for(trained)
    payload = cache.player(
        key, example, presenter_on(), current_language(), _anim=anim, _run=trained.run
    )
    player(payload)
    step = int(st.session_state["inspect_step"])
    st.page_link(
        "views/inspector.py",
        label=t("train.open_inspector", step=f"{step:,}", i=example + 1),
        icon=":material/account_tree:",
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
            records=len(trained.run.history),
        )
    )
    for note in s.notes:
        st.caption(engine_message(note, "train.note_"))
    frame_controls(trained.run.prepared.feature_names, m)


def result_panel(trained: Trained) -> None:
    """Final w, b, J, accuracies and why training stopped."""
    h = trained.run.history
    p = trained.run.prepared
    names = p.feature_names
    w = h.w[-1]
    st.subheader(t("train.result"))
    c = st.columns(5)
    c[0].metric(t("train.metric_steps"), f"{int(h.steps[-1]):,}")
    c[1].metric(t("train.metric_cost"), fmt(h.cost[-1]), help=t("train.metric_cost_help"))
    c[2].metric(t("train.metric_train_accuracy"), pct(h.accuracy[-1]))
    c[3].metric(
        t("train.metric_test_accuracy"),
        pct(trained.test_accuracy),
        help=t("train.metric_test_accuracy_help"),
    )
    c[4].metric(t("train.metric_bias"), fmt(h.b[-1]))
    weights = " · ".join(
        f"w{j + 1} ({name}) = **{fmt(v)}**"
        for j, (name, v) in enumerate(zip(names, w, strict=True))
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
    level, text = stop_message(
        h,
        tol=h.tol,
        patience=h.patience,
        standardized=p.standardizer is not None,
    )
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[level](text)


#: Session key: whether the student asked for the 3-D view (kept across pages).
SHOW_3D = "_show_3d"


def _keep_3d() -> None:
    st.session_state[SHOW_3D] = st.session_state["train_show_3d"]


def surface_panel(trained: Trained) -> None:
    """The 3-D view of the cost surface with the descent path on it (on request), and the
    downloads.

    The 3-D view is drawn with WebGL, which a school laptop without a graphics
    card (and headless Chromium) renders in software: about 1.5 s before the
    page is usable.  The animation's cost panel already shows J over the same
    weights, so the bowl in 3-D waits for the student's toggle.
    """
    st.subheader(t("train.surface_header"))
    show = st.toggle(
        t("train.show_3d"),
        value=bool(st.session_state.get(SHOW_3D, False)),
        key="train_show_3d",
        on_change=_keep_3d,
        help=t("train.show_3d_help"),
    )
    if not show:
        exports.downloads(trained)
        return
    surface, fig = surface_for(trained)
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(fig, width="stretch", key="train_surface", config=PLOTLY_CONFIG, theme=None)
    with right:
        if surface.exact:
            st.markdown(t("train.surface_exact"))
        else:
            more = trained.run.history.w.shape[1] > 2
            u, v = surface.axis_names
            key = "train.surface_slice_more" if more else "train.surface_slice"
            st.markdown(t(key, u=u, v=v, b=fmt(surface.b_fixed)))
            st.caption(t("train.surface_run_j"))
        st.caption(t("train.surface_drag"))
        for note in surface.notes:
            st.caption(engine_message(note, "train.note_"))
        exports.downloads(trained)
