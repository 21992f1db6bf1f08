"""Data page: generate or upload examples, edit them, choose the features."""

import streamlit as st

from ui import controls, data_page
from ui.data import current_data
from ui.state import require_entrypoint
from ui.texts import FEATURE_HINTS

require_entrypoint("pages/data.py")

st.title("Data")
st.caption(
    "The examples the neuron learns from: each has inputs x1 (and x2) and a label y, 0 or 1. "
    "A share of them is held out as a test set that training never sees."
)

source = controls.source_control(has_edited=st.session_state.get("_edited") is not None)
left, right = st.columns([2, 3], gap="large")
with left:
    if source == "generated":
        controls.generate_controls()
        st.caption(FEATURE_HINTS[st.session_state["kind"]])
    elif source == "uploaded":
        data_page.upload_panel()
    else:
        current = current_data()
        if current.dataset is not None:
            data_page.edited_panel(current)

current = current_data()
with right:
    if current.dataset is None and source == "uploaded":
        st.info("The plot appears here once the file and the columns can be used.")
    elif current.dataset is None:
        (st.error if current.level == "error" else st.info)(current.problem)
    else:
        data_page.scatter_panel(current)
        if source == "uploaded":
            data_page.preview_panel(current)

if current.dataset is not None:
    st.subheader("Features")
    st.caption(
        "The neuron computes z = w1·f1 + w2·f2 + … + b from the features you choose; each "
        "feature gets its own weight."
    )
    c1, c2 = st.columns([3, 2], gap="large")
    with c1:
        features, note = controls.feature_controls(current.dataset.n_features)
    with c2:
        n = len(features)
        st.markdown(
            f"**{n} feature{'s' if n > 1 else ''}:** {', '.join(features)}  \n"
            f"The model learns {n} weight{'s' if n > 1 else ''} "
            f"(w1 … w{n}) and a bias b."
            if n > 1
            else f"**1 feature:** {features[0]}  \nThe model learns one weight w1 and a bias b."
        )
        if note:
            st.warning(note)

    st.subheader("Edit the points")
    data_page.editor_panel(current)
