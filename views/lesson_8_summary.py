"""Lesson 8 · Summary and stopping: the whole training step, repeated, and when to stop."""

import streamlit as st

from logreg_core import lessons as core
from logreg_core.figures.lessons import training_figure
from ui import lessons as ui
from ui.i18n import t
from ui.state import ensure_state

#: The two data sets, by their generator kind (their words: lesson8.data_<kind>).
DATA = ("gauss", "linear")
ITERATIONS = [1_000, 10_000, 100_000, 1_000_000]
#: Stop rules, name -> (tol, patience) (their words: lesson8.rule_<name>).
RULES = {
    "none": (None, None),
    "tol": (1e-6, None),
    "patience": (None, 100),
}
ALPHA = 0.1
MARKS = [1_000, 10_000, 100_000, 1_000_000]
TABLE = [0, 10, 100, *MARKS]

ensure_state()

st.title(t("lesson8.title"))
st.markdown(t("lesson8.intro"))
st.latex(
    r"""\begin{aligned}
&\textbf{"""
    + t("lesson8.repeat")
    + r"""}\\
&\quad Z = w^\top X + b, \qquad A = \sigma(Z), \qquad
J = -\tfrac{1}{m}\textstyle\sum_{i}\bigl(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\bigr)\\
&\quad dZ = A - Y, \qquad dw = \tfrac{1}{m}\, X\, dZ^\top, \qquad
db = \tfrac{1}{m}\textstyle\sum_{i} dZ^{(i)}\\
&\quad w := w - \alpha\, dw, \qquad b := b - \alpha\, db
\end{aligned}"""
)
st.markdown(t("lesson8.how_long"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    kind = st.radio(
        t("lesson8.data", m=ui.TWO_FEATURES["n_samples"]),
        DATA,
        format_func={name: t(f"lesson8.data_{name}") for name in DATA}.__getitem__,
        key="l8_data",
    )
    iterations = st.select_slider(
        t("lesson8.iterations"),
        options=ITERATIONS,
        value=1_000,
        format_func=ui.fmt,
        key="l8_iterations",
    )
    rule = st.radio(
        t("lesson8.rule"),
        list(RULES),
        format_func={name: t(f"lesson8.rule_{name}") for name in RULES}.__getitem__,
        key="l8_rule",
    )
    st.caption(t("lesson8.start", alpha=ALPHA))
    bar = st.empty()  # where the progress bar shows while a new run trains

tol, patience = RULES[rule]
setup = {**ui.TWO_FEATURES, "kind": kind}

with bar.container():
    history, seconds = ui.training(setup, iterations, ALPHA, tol, patience)
last = int(history.steps[-1])
best_step = core.best_accuracy_step(history)
with plot:
    ui.chart(
        training_figure(
            history.steps,
            history.cost,
            history.accuracy,
            stop_step=last,
            best_step=best_step,
            marks=[mk for mk in MARKS if mk <= iterations],
            texts=ui.figure_texts(),
        ),
        width="stretch",
        key="l8_figure",
    )

ui.readouts(
    [
        (t("lesson8.iterations_run"), last),
        (t("lesson8.final_cost"), history.cost[-1]),
        (t("lesson8.accuracy"), 100 * history.accuracy[-1]),
        (t("lesson8.best_step"), best_step),
        (t("lesson8.seconds"), seconds),
    ]
)
st.markdown(t("lesson8.why_stopped", reason=t(f"lesson8.reason_{history.stop_reason}")))

ms = core.milestones(history, TABLE)
st.dataframe(
    {
        t("lesson8.column_iterations"): [ui.fmt(s) for s in ms.steps],
        t("lesson8.column_cost"): [ui.fmt(v) for v in ms.cost],
        t("lesson8.column_accuracy"): [ui.fmt(100 * v) for v in ms.accuracy],
        "‖w‖": [ui.fmt(v) for v in ms.norm_w],
    },
    hide_index=True,
)
st.markdown(t("lesson8.more"))
ui.what_to_try(t("lesson8.try"))
ui.playground_link(
    {
        **setup,
        "learning_rate": ALPHA,
        "num_iterations": iterations,
        "tol": tol,
        "patience": patience,
    },
    key="l8_link",
    note=t("lesson8.link_note"),
)
