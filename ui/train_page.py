"""Panels of the Train page: the animation, the result in words and numbers, the 3-D view."""

from __future__ import annotations

import numpy as np
import streamlit as st

from logreg_core.export import history_csv, setup_json
from logreg_core.figures.playground import SPEEDS
from ui import cache
from ui.controls import frame_controls
from ui.state import current_setup
from ui.texts import fmt, fmt_vector, pct, stop_message
from ui.training import Trained, animation_for, surface_for

__all__ = ["animation_panel", "downloads", "result_panel", "surface_panel"]

PLOTLY_CONFIG = {"displaylogo": False, "modeBarButtonsToRemove": ["lasso2d", "select2d"]}


def animation_panel(trained: Trained) -> None:
    """The animated three-panel figure, with its frame settings above it."""
    frame_controls(trained.run.prepared.feature_names)
    key, anim = animation_for(trained)
    fig = cache.training_chart(key, _anim=anim, _run=trained.run)
    st.plotly_chart(fig, width="stretch", key="train_animation", config=PLOTLY_CONFIG, theme=None)
    s = anim.surface
    u, v = s.axis_names
    cost_text = (
        "the exact cost J(w1, b) of this one-weight model"
        if s.exact
        else f"J over ({u}, {v}) with b (and any other weights) fixed at the frame's values, "
        f"so the surface shifts as b moves; the black path is ({u}, {v}) so far"
    )
    st.caption(
        f"Press ▶ to play ({', '.join(SPEEDS)} speed) or drag the slider; the animation runs "
        f"in your browser. **Left:** the examples, a = σ(z) shaded (blue: a near 0, orange: "
        f"a near 1) and the decision boundary a = 0.5. **Right:** {cost_text}; the red "
        f"dot marks the current parameters. **Bottom:** J and the "
        f"accuracies against the iteration. {anim.n_frames} frames of "
        f"{len(trained.run.history):,} recorded steps."
    )
    for note in s.notes:
        st.caption(note)


def result_panel(trained: Trained) -> None:
    """Final w, b, J, accuracies and why training stopped."""
    h = trained.run.history
    p = trained.run.prepared
    setup = current_setup()
    names = p.feature_names
    w = h.w[-1]
    st.subheader("Result")
    c = st.columns(5)
    c[0].metric("steps made", f"{int(h.steps[-1]):,}")
    c[1].metric("cost J", fmt(h.cost[-1]), help="Cross-entropy averaged over the training set.")
    c[2].metric("train accuracy", pct(h.accuracy[-1]))
    c[3].metric(
        "test accuracy",
        pct(trained.test_accuracy),
        help="On the held-out test examples ('—' when the test share is 0).",
    )
    c[4].metric("bias b", fmt(h.b[-1]))
    weights = " · ".join(
        f"w{j + 1} ({name}) = **{fmt(v)}**"
        for j, (name, v) in enumerate(zip(names, w, strict=True))
    )
    inputs = p.dataset.feature_names
    named = (
        ""
        if inputs in (("x1", "x2"), ("x1",))
        else " (" + ", ".join(f"x{j + 1} = {name}" for j, name in enumerate(inputs)) + ")"
    )
    st.markdown(f"Weights{named}: {weights}")
    if p.standardizer is not None and names in (("x1", "x2"), ("x1",)):
        w_orig, b_orig = p.standardizer.params_to_original(w, h.b[-1])
        st.caption(
            "The features were standardized; in the original units of the data the same "
            f"boundary has w = {fmt_vector(np.ravel(w_orig))}, b = {fmt(b_orig)}."
        )
    level, text = stop_message(h, tol=setup["tol"], patience=setup["patience"])
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[level](text)


def surface_panel(trained: Trained) -> None:
    """The 3-D view of the cost surface with the descent path on it, and the downloads."""
    surface, fig = surface_for(trained)
    st.subheader("The cost surface in 3-D")
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.plotly_chart(fig, width="stretch", key="train_surface", config=PLOTLY_CONFIG, theme=None)
    with right:
        if surface.exact:
            st.markdown(
                "The exact cost **J(w1, b)** of this one-weight model, with the path of "
                "(w1, b) on it, from the white dot (start) to the red dot (end)."
            )
        else:
            more = trained.run.history.w.shape[1] > 2
            u, v = surface.axis_names
            st.markdown(
                f"**J({u}, {v})** with b fixed at its final value b = {fmt(surface.b_fixed)}"
                + (" and the other weights at their final values" if more else "")
                + f". The path of ({u}, {v}) runs from the white dot (start) to the red dot "
                "(end), drawn at its height on this surface."
            )
            st.caption("The run's own J, with b moving too, is the curve under the animation.")
        st.caption(
            "Drag to turn the bowl, scroll to zoom. The cross-entropy cost of logistic "
            "regression is convex: one bowl, no other valleys, so gradient descent with a "
            "small enough α reaches its bottom from any start."
        )
        for note in surface.notes:
            st.caption(note)
        downloads(trained)


def downloads(trained: Trained) -> None:
    """The History as CSV and the setup as JSON."""
    h = trained.run.history
    st.download_button(
        "⬇ History (CSV)",
        history_csv(h, trained.run.prepared.feature_names),
        file_name="history.csv",
        mime="text/csv",
        help="Every recorded step: w, b, J, accuracy, dw, db.",
    )
    st.download_button(
        "⬇ Setup (JSON)",
        setup_json(current_setup(), h),
        file_name="setup.json",
        mime="application/json",
        help="Every control's value and the final parameters.",
    )
