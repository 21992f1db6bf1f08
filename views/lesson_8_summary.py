"""Lesson 8 · Summary and stopping: the whole training step, repeated, and when to stop."""

import time
from collections.abc import Mapping

import pandas as pd
import streamlit as st

from logreg_core.budget import check_work, run_work
from logreg_core.data import DataError
from logreg_core.lessons import summary
from logreg_core.lessons.shared import TWO_FEATURES
from logreg_core.separation import Separation, separation
from logreg_core.train import PLATEAU_REL, History, StopPoints, stop_points, train
from ui import lesson_page
from ui.budget import host_max_work
from ui.i18n import t
from ui.presenter import redraw_tables, table_place
from ui.texts import engine_message, fmt, md_plain

#: The two data sets, by their generator kind (their words: lesson8.data_<kind>).
DATA = ("gauss", "linear")
#: The run lengths on offer, each marked on the figure and read in the table.
ITERATIONS = [1_000, 10_000, 100_000, 1_000_000]
#: Stop rules, name -> (tol, patience) (their words: lesson8.rule_<name>).
RULES = {
    "none": (None, None),
    "tol": (1e-6, None),
    "patience": (None, 100),
}
ALPHA = 0.1
TABLE = [0, 10, 100, *ITERATIONS]
#: The run, every step recorded, on which each stop rule is marked (both data sets).
STOP_RUN = 10_000
TOL, PATIENCE = RULES["tol"][0], RULES["patience"][1]
#: Training runs kept (a 1,000,000-iteration run takes seconds).
MAX_RUNS = 8
#: Seconds between two updates of the progress bar.
PROGRESS_EVERY = 0.2


@st.cache_data(max_entries=MAX_RUNS, show_spinner=False)
def training(
    setup: Mapping[str, object],
    num_iterations: int,
    learning_rate: float,
    tol: float | None,
    patience: int | None,
) -> tuple[History, float]:
    """Train on a lesson's data; the History and the seconds the run took.

    A new run draws a progress bar where this is called and removes it at its
    end, so a cache hit replays nothing visible.
    """
    X, Y = lesson_page.lesson_data(setup)
    bar = st.progress(0.0, text=t("lesson8.progress", step=0, total=num_iterations))
    last = [time.perf_counter()]

    def on_progress(step: int, total: int) -> None:
        if time.perf_counter() - last[0] >= PROGRESS_EVERY:
            last[0] = time.perf_counter()
            bar.progress(step / max(total, 1), text=t("lesson8.progress", step=step, total=total))

    t0 = time.perf_counter()
    try:
        history = train(
            X,
            Y,
            learning_rate=learning_rate,
            num_iterations=num_iterations,
            tol=tol,
            patience=patience,
            on_progress=on_progress,
        )
    finally:
        bar.empty()
    return history, time.perf_counter() - t0


@st.cache_data(max_entries=4, show_spinner=False)
def stop_run(
    setup: Mapping[str, object],
    num_iterations: int,
    learning_rate: float,
    tol: float,
    patience: int,
) -> tuple[History, StopPoints]:
    """One run with no stop rule, every step recorded, and where each stop rule would end it."""
    X, Y = lesson_page.lesson_data(setup)
    history = train(
        X,
        Y,
        learning_rate=learning_rate,
        num_iterations=num_iterations,
        max_records=num_iterations + 2,
    )
    return history, stop_points(history, tol=tol, patience=patience)


@st.cache_data(max_entries=4, show_spinner=False)
def lowest(setup: Mapping[str, object]) -> Separation:
    """Whether J has a minimum on a lesson's data (Newton's method), and where."""
    return separation(*lesson_page.lesson_data(setup))


lesson_page.opening(
    8,
    r"""\begin{aligned}
&\textbf{"""
    + t("lesson8.repeat")
    + r"""}\\
&\quad Z = w^\top X + b, \qquad A = \sigma(Z), \qquad
J = -\tfrac{1}{m}\textstyle\sum_{i}\bigl(y^{(i)}\log a^{(i)} + (1-y^{(i)})\log(1-a^{(i)})\bigr)\\
&\quad dZ = A - Y, \qquad dw = \tfrac{1}{m}\, X\, dZ^\top, \qquad
db = \tfrac{1}{m}\textstyle\sum_{i} dZ^{(i)}\\
&\quad w := w - \alpha\, dw, \qquad b := b - \alpha\, db
\end{aligned}""",
)
st.markdown(t("lesson8.how_long"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    kind = st.radio(
        t("lesson8.data", m=TWO_FEATURES["n_samples"]),
        DATA,
        format_func={name: t(f"lesson8.data_{name}") for name in DATA}.__getitem__,
        key="l8_data",
    )
    iterations = st.select_slider(
        t("lesson8.iterations"),
        options=ITERATIONS,
        value=1_000,
        format_func=fmt,
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
setup = {**TWO_FEATURES, "kind": kind}

X_lesson, _ = lesson_page.lesson_data(setup)
try:  # the host's ceiling on one run's work holds here too (ui/budget.py)
    check_work(run_work(X_lesson.shape[1], X_lesson.shape[0], iterations), host_max_work())
except DataError as err:
    st.error(md_plain(engine_message(err)))
    st.stop()
with bar.container():
    history, seconds = training(setup, iterations, ALPHA, tol, patience)
last = int(history.steps[-1])
best_step = summary.best_accuracy_step(history)
texts = lesson_page.figure_texts(summary.TEXTS)
with plot:
    fig = summary.training_figure(
        history.steps,
        history.cost,
        history.accuracy,
        stop_step=last,
        best_step=best_step,
        marks=[mk for mk in ITERATIONS if mk <= iterations],
        texts=texts,
    )
    lesson_page.chart(fig, key="l8_figure")

lesson_page.readouts(
    [
        (t("lesson8.iterations_run"), last),
        (t("lesson8.final_cost"), history.cost[-1]),
        (t("lesson8.accuracy"), 100 * history.accuracy[-1]),
        (t("lesson8.best_step"), best_step),
        (t("lesson8.seconds"), seconds),
    ]
)
reason, *notes = summary.why_stopped(
    history.stop_reason, separable=lowest(setup).verdict == "separable"
)
st.markdown(
    t(
        "lesson8.why_stopped",
        reason=t(f"lesson8.{reason}", patience=PATIENCE, rel=summary.power_of_ten(PLATEAU_REL)),
    )
    + "".join(t(f"lesson8.{note}") for note in notes)  # each with its own leading space
)

ms = summary.milestones(history, TABLE)
with table_place():  # drawn anew at presenter mode's text size
    st.dataframe(
        {
            t("lesson8.column_iterations"): [fmt(s) for s in ms.steps],
            t("lesson8.column_cost"): [fmt(v) for v in ms.cost],
            t("lesson8.column_accuracy"): [fmt(100 * v) for v in ms.accuracy],
            "‖w‖": [fmt(v) for v in ms.norm_w],
        },
        hide_index=True,
    )
stops = {
    name: stop_run({**TWO_FEATURES, "kind": name}, STOP_RUN, ALPHA, TOL, PATIENCE) for name in DATA
}
overlap_run, overlapping = stops["gauss"]
end = summary.settled(overlap_run, overlapping.tol, lowest({**TWO_FEATURES, "kind": "gauss"}).cost)
st.markdown(
    t(
        "lesson8.more",
        tol=summary.power_of_ten(TOL),
        step=fmt(end.step),
        J=fmt(end.cost, end.digits + 2),
        minimum=fmt(end.minimum, end.digits + 2),
        gap=fmt(end.gap),
        digits=end.digits,
        best=fmt(summary.best_accuracy_step(stops["linear"][0])),
    )
)

st.subheader(t("lesson8.stops_header"))
st.markdown(
    t(
        "lesson8.stops_intro",
        n=fmt(STOP_RUN),
        alpha=ALPHA,
        patience=PATIENCE,
        tol=summary.power_of_ten(TOL),
    )
)
runs = [(t(f"lesson8.data_{name}"), h.steps, h.cost, points) for name, (h, points) in stops.items()]
lesson_page.chart(summary.stop_rules_figure(runs, texts=texts), key="l8_stops")


def _at(step: int | None) -> str:
    return fmt(step) if step is not None else "—"


rules = [
    t("lesson8.rule_accuracy"),
    f"|ΔJ| < {summary.power_of_ten(TOL)}",
    t("lesson8.rule_patience"),
]
with table_place():
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
    st.caption(t("lesson8.never", n=fmt(STOP_RUN)))
separable = stops["linear"][1]
if separable.patience is None:
    st.markdown(
        t(
            "lesson8.stops_separable",
            n=fmt(STOP_RUN),
            best=fmt(summary.best_accuracy_step(stops["linear"][0])),
        )
    )
lesson_page.what_to_try(
    t("lesson8.try_rules", tol=_at(overlapping.tol), patience=_at(overlapping.patience))
)
run = {"learning_rate": ALPHA, "num_iterations": iterations, "tol": tol, "patience": patience}
lesson_page.playground_link(8, {**setup, **run})
redraw_tables()  # after presenter mode was switched: the tables at the new text size
