"""Lesson 8 · Summary and stopping: the whole training step, repeated, and when to stop."""

import pandas as pd
import streamlit as st

from logreg_core import lesson_math as core
from logreg_core.figures.derive import power_of_ten, stop_rules_figure
from logreg_core.figures.lesson_figures import training_figure
from ui import lesson_parts as ui
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
#: The run, every step recorded, on which each stop rule is marked (both data sets).
STOP_RUN = 10_000
TOL, PATIENCE = RULES["tol"][0], RULES["patience"][1]

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

st.subheader(t("lesson8.stops_header"))
st.markdown(
    t(
        "lesson8.stops_intro",
        n=ui.fmt(STOP_RUN),
        alpha=ALPHA,
        patience=PATIENCE,
        tol=power_of_ten(TOL),
    )
)
stops = {
    name: ui.stop_run({**ui.TWO_FEATURES, "kind": name}, STOP_RUN, ALPHA, TOL, PATIENCE)
    for name in DATA
}
ui.chart(
    stop_rules_figure(
        [
            (t(f"lesson8.data_{name}"), run.steps, run.cost, points)
            for name, (run, points) in stops.items()
        ],
        texts=ui.derive_texts(),
    ),
    width="stretch",
    key="l8_stops",
)


def _at(step: int | None) -> str:
    return ui.fmt(step) if step is not None else "—"


rules = [t("lesson8.rule_accuracy"), f"|ΔJ| < {power_of_ten(TOL)}", t("lesson8.rule_patience")]
st.dataframe(
    pd.DataFrame(
        {
            t(f"lesson8.data_{name}"): [_at(p.accuracy), _at(p.tol), _at(p.patience)]
            for name, (_, p) in stops.items()
        },
        index=pd.Index(rules, name=t("lesson8.column_rule")),
    ),
)
if any(None in (p.accuracy, p.tol, p.patience) for _, p in stops.values()):
    st.caption(t("lesson8.never", n=ui.fmt(STOP_RUN)))
separable = stops["linear"][1]
if separable.patience is None:
    st.markdown(
        t(
            "lesson8.stops_separable",
            n=ui.fmt(STOP_RUN),
            best=ui.fmt(core.best_accuracy_step(stops["linear"][0])),
        )
    )
overlapping = stops["gauss"][1]
ui.what_to_try(t("lesson8.try_rules", tol=_at(overlapping.tol), patience=_at(overlapping.patience)))
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
