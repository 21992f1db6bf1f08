"""Train page: gradient descent on J(w, b), animated in the browser."""

import streamlit as st

from ui import controls, presets, train_page
from ui.data import current_prepared
from ui.i18n import t
from ui.state import current_setup, ensure_state
from ui.training import current_run

ensure_state()

st.title(t("train.title"))
st.caption(t("train.intro"))

setup = current_setup()  # read once; every panel below is handed it
presets.active_note(setup)
ready = current_prepared(setup)
if ready.prepared is None:
    (st.error if ready.level == "error" else st.info)(ready.problem)
    st.page_link("views/data.py", label=t("train.go_data"), icon=":material/scatter_plot:")
    st.stop()

figure = st.container()  # the animation comes first, above the controls (a phone shows it first)
controls.training_controls(ready.prepared.X_train.shape[0])
trained = current_run(setup, ready)
if trained.run is None:
    st.error(trained.problem)
    st.stop()

with figure:
    train_page.animation_panel(trained)
train_page.result_panel(trained)
train_page.surface_panel(trained)
