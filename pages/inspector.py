"""Step inspector page: every number of one example at one recorded step."""

import streamlit as st

from ui import inspector
from ui.state import require_entrypoint
from ui.training import current_run

require_entrypoint("pages/inspector.py")

st.title("Step inspector")
st.caption(
    "Stop the run at any recorded step and read every number of the computational graph: "
    "the forward values z, a, L and the derivatives da, dz, dw, db, for one example and for "
    "all of them, and the update they make."
)

trained = current_run()
if trained.run is None:
    (st.error if trained.level == "error" else st.info)(trained.problem)
    st.page_link("pages/data.py", label="Go to the Data page", icon="📊")
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

st.subheader(f"The computational graph of example {i} at step {detail.step:,}")
inspector.graph_panel(trained, detail, i)

st.subheader(f"The formulas for example {i}")
inspector.equations_panel(trained, detail, i)

st.subheader("All m examples at this step")
inspector.table_panel(trained, detail, i)

st.subheader("The update")
st.caption(
    f"One step of gradient descent with α = {history.learning_rate:g}, from step "
    f"{detail.step:,} to step {detail.step + 1:,}."
)
inspector.update_panel(trained, detail)
