"""The sidebar every page shares: the current data set and the model settings, in brief."""

from __future__ import annotations

import streamlit as st

from ui.data import current_data, data_key_label, usable_features
from ui.state import current_setup, reset_all
from ui.texts import INIT_LABELS, fmt

__all__ = ["render_sidebar", "settings_summary"]


def settings_summary(setup) -> list[str]:
    """The model settings as short markdown lines."""
    init = setup["init"]
    if init == "explicit":
        start = f"w1 = {fmt(setup['w1'])}, w2 = {fmt(setup['w2'])}, b = {fmt(setup['b0'])}"
    elif init == "random":
        start = f"random, seed {setup['init_seed']}"
    else:
        start = INIT_LABELS["zeros"]
    stops = []
    if setup["tol"] is not None:
        stops.append(f"|ΔJ| < {setup['tol']:.0e}")
    if setup["patience"] is not None:
        stops.append(f"plateau of {setup['patience']:,} steps")
    return [
        f"α = **{fmt(setup['learning_rate'])}** · **{int(setup['num_iterations']):,}** iterations",
        f"start: {start}",
        f"λ = {fmt(setup['l2'])} · stop: {', '.join(stops) if stops else 'after all iterations'}",
        f"animation: {setup['n_frames']} frames, {setup['frame_spacing']} spacing",
    ]


def render_sidebar() -> None:
    """Draw the shared sidebar (called by app.py before the page runs)."""
    setup = current_setup()
    with st.sidebar:
        st.markdown("#### Current data set")
        current = current_data()
        if current.dataset is None:
            st.caption(
                "None yet: the file cannot be used (see the Data page)."
                if current.level == "error"
                else "None yet: upload a CSV file on the Data page."
            )
        else:
            ds = current.dataset
            n0, n1 = ds.class_counts
            features, _ = usable_features(setup["features"], ds.n_features)
            st.markdown(
                f"{data_key_label(current)}  \n"
                f"m = **{ds.n_samples:,}** examples ({n0:,} of class 0, {n1:,} of class 1)  \n"
                f"test share {round(100 * setup['test_share'])} %  \n"
                f"features: {', '.join(features)}"
                + (" · standardized" if setup["standardize"] else "")
            )
        st.markdown("#### Model settings")
        st.markdown("  \n".join(settings_summary(setup)))
        st.button(
            "↺ Reset all settings",
            on_click=reset_all,
            help="Every control back to its default (an uploaded file and an edited table "
            "stay available).",
            width="stretch",
        )
