"""Step inspector page: every number of one example at one recorded step."""

import streamlit as st

from ui import inspector
from ui.i18n import t
from ui.state import current_setup, ensure_state
from ui.training import current_run

ensure_state()

st.title(t("inspector.title"))
st.caption(t("inspector.intro"))

trained = current_run(current_setup())
if trained.run is None:
    (st.error if trained.level == "error" else st.info)(trained.problem)
    st.page_link("views/data.py", label=t("inspector.go_data"), icon=":material/scatter_plot:")
    st.stop()

history = trained.run.history
p = trained.run.prepared
index = inspector.step_picker(history)
detail = inspector.step_detail(history, p.X_train, p.train.Y, index)

left, right = st.columns(2, gap="large")
with right:
    i = inspector.example_input(p.X_train.shape[1])
    inspector.metrics_row(detail, i)
with left:
    inspector.example_scatter(trained, detail, i)

st.subheader(t("inspector.graph_header", i=i, step=detail.step))
inspector.graph_panel(trained, detail, i)

st.subheader(t("inspector.formulas_header", i=i))
inspector.equations_panel(trained, detail, i)

st.subheader(t("inspector.all_header"))
inspector.table_panel(trained, detail, i)

st.subheader(t("inspector.update_header"))
st.caption(
    t(
        "inspector.update_caption",
        alpha=f"{history.learning_rate:g}",
        step=detail.step,
        next=detail.step + 1,
    )
)
inspector.update_panel(trained, detail)
