"""The sidebar every page shares: the current data set and the model settings, in brief.

The summary of the data and settings describes the playground (the Data,
Train, Step inspector and Scenarios pages).  A lesson computes on its own
examples, so its page takes the summary away (:func:`hide_playground_summary`,
called by :func:`ui.lesson_page.opening`) rather than show numbers it does not
use.
"""

from __future__ import annotations

import streamlit as st

from logreg_core.setup import Setup
from ui import share
from ui.data import current_data, data_key_label, usable_features
from ui.i18n import t
from ui.presenter import presenter_toggle
from ui.state import reset_all
from ui.texts import INIT_LABELS, fmt

__all__ = ["hide_playground_summary", "render_sidebar", "settings_summary"]

#: Session key of this run's empty slot that holds the playground summary (set by
#: :func:`render_sidebar` on every run, taken by :func:`hide_playground_summary`).
SUMMARY_SLOT = "_sidebar_summary"


def settings_summary(setup: Setup) -> list[str]:
    """The model settings as short markdown lines."""
    init = setup.init
    if init == "explicit":
        start = f"w1 = {fmt(setup.w1)}, w2 = {fmt(setup.w2)}, b = {fmt(setup.b0)}"
    elif init == "random":
        start = t("sidebar.start_random", seed=setup.init_seed)
    else:
        start = INIT_LABELS["zeros"]
    stops = []
    if setup.tol is not None:
        stops.append(f"|ΔJ| < {setup.tol:.0e}")
    if setup.patience is not None:
        stops.append(t("sidebar.stop_plateau", steps=int(setup.patience)))
    return [
        t(
            "sidebar.summary_alpha",
            alpha=fmt(setup.learning_rate),
            iterations=int(setup.num_iterations),
        ),
        t("sidebar.summary_start", start=start),
        t(
            "sidebar.summary_stop",
            l2=fmt(setup.l2),
            stops=", ".join(stops) if stops else t("sidebar.stop_none"),
        ),
        t(
            "sidebar.summary_animation",
            frames=setup.n_frames,
            spacing=t(f"sidebar.spacing_{setup.frame_spacing}"),
        ),
    ]


def render_sidebar(setup: Setup) -> None:
    """Draw the shared sidebar for this rerun's setup (app.py calls it before the page runs)."""
    with st.sidebar:
        presenter_toggle()
        slot = st.empty()
        st.session_state[SUMMARY_SLOT] = slot
        with slot.container():
            _playground_summary(setup)
        st.button(
            t("sidebar.reset"),
            icon=":material/restart_alt:",
            on_click=reset_all,
            help=t("sidebar.reset_help"),
            width="stretch",
        )
        share.share_panel(setup)


def hide_playground_summary() -> None:
    """Take the playground's data and settings out of this run's sidebar (lesson pages).

    Does nothing when no sidebar was drawn in this run (a page run on its own).
    """
    slot = st.session_state.pop(SUMMARY_SLOT, None)
    if slot is not None:
        slot.empty()


def _playground_summary(setup: Setup) -> None:
    """The current data set and the model settings of the playground, as markdown."""
    st.markdown("#### " + t("sidebar.current_data"))
    current = current_data(setup)
    if current.dataset is None:
        st.caption(
            t("sidebar.none_error") if current.level == "error" else t("sidebar.none_upload")
        )
    else:
        ds = current.dataset
        n0, n1 = ds.class_counts
        features, _ = usable_features(setup.features, ds.n_features)
        st.markdown(
            f"{data_key_label(current)}  \n"
            + t("sidebar.examples", m=ds.n_samples, n0=n0, n1=n1)
            + "  \n"
            + t("sidebar.test_share", pct=round(100 * setup.test_share))
            + "  \n"
            + t("sidebar.features", features=", ".join(features))
            + (" · " + t("sidebar.standardized") if setup.standardize else "")
        )
    st.markdown("#### " + t("sidebar.model_settings"))
    st.markdown("  \n".join(settings_summary(setup)))
