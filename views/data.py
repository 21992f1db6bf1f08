"""Data page: generate or upload examples, edit them, choose the features."""

import streamlit as st

from ui import controls, data_page
from ui.data import current_data
from ui.i18n import t
from ui.state import current_setup, ensure_state
from ui.texts import FEATURE_HINTS

ensure_state()

st.title(t("data.title"))
st.caption(t("data.intro"))

source = controls.source_control(has_edited=st.session_state.get("_edited") is not None)
left, right = st.columns([2, 3], gap="large")
with left:
    if source == "generated":
        controls.generate_controls()
        st.caption(FEATURE_HINTS[st.session_state["kind"]])
    elif source == "uploaded":
        data_page.upload_panel()

setup = current_setup()  # after the controls above, which may have changed it
current = current_data(setup)
if source == "edited" and current.dataset is not None:
    with left:
        data_page.edited_panel(current)
with right:
    if current.dataset is None and source == "uploaded":
        st.info(t("data.plot_later"))
    elif current.dataset is None:
        (st.error if current.level == "error" else st.info)(current.problem)
    else:
        data_page.scatter_panel(current, setup)
        if source == "uploaded":
            data_page.preview_panel(current)

if current.dataset is not None:
    st.subheader(t("data.features_header"))
    st.caption(t("data.features_intro"))
    c1, c2 = st.columns([3, 2], gap="large")
    with c1:
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
    data_page.editor_panel(current)
