"""Train page: gradient descent on J(w, b), animated in the browser."""

import streamlit as st

from ui import controls, train_page
from ui.data import current_prepared
from ui.state import require_entrypoint
from ui.training import current_run

require_entrypoint("pages/train.py")

st.title("Train")
st.caption(
    "Gradient descent repeats w := w − α·dw and b := b − α·db, where dw and db are the "
    "slopes of the cost J (the mean loss over the training examples). Choose α and the "
    "number of steps; the run is recorded and played back below."
)

ready = current_prepared()
if ready.prepared is None:
    (st.error if ready.level == "error" else st.info)(ready.problem)
    st.page_link("pages/data.py", label="Go to the Data page", icon="📊")
    st.stop()

controls.training_controls(ready.prepared.X_train.shape[0])
trained = current_run()
if trained.run is None:
    st.error(trained.problem)
    st.stop()

train_page.animation_panel(trained)
train_page.result_panel(trained)
train_page.surface_panel(trained)
