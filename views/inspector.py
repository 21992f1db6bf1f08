"""Step inspector page: every number of one example at one recorded step.

:func:`logreg_core.train.step_detail` gathers the numbers (the engine's
``example_values`` and the History); the panels, defined first, draw them,
and the page below reads top to bottom.
"""

import numpy as np
import pandas as pd
import streamlit as st

from logreg_core.animation import data_panel
from logreg_core.figures.graph import graph_figure
from logreg_core.figures.playground import model_figure
from logreg_core.model import derivation, l2_penalty
from logreg_core.train import History, StepDetail, step_detail
from ui.cache import figure_points
from ui.controls import example_input
from ui.data import Current
from ui.i18n import t
from ui.presenter import present, presenter_on, redraw_tables, table_place
from ui.state import INSPECT_NOTE, bind, current_setup, ensure_state
from ui.texts import figure_texts, fmt, fmt_vector, graph_texts, md_plain, tex
from ui.training import current_run

#: Rows of the per-example table shown at most (the means are over all m).
MAX_TABLE_ROWS = 2_000
SCATTER_KEY = "inspector_scatter"
TABLE_KEY = "inspector_table"


# ---- choosing the step and the example ----


def _move(steps: tuple, where: str) -> None:
    """Buttons first / previous / next / last: move the inspected step by one record."""
    current = st.session_state["inspect_step"]
    i = int(np.searchsorted(steps, current, side="right")) - 1
    i = {"first": 0, "prev": i - 1, "next": i + 1, "last": len(steps) - 1}[where]
    st.session_state["inspect_step"] = int(steps[min(max(i, 0), len(steps) - 1)])


def step_picker(history: History) -> int:
    """A slider over the recorded steps and first/previous/next/last buttons.

    Returns the record index of the chosen step.
    """
    steps = tuple(int(s) for s in history.steps)
    chosen = history.index_of(int(st.session_state["inspect_step"]))
    st.session_state["inspect_step"] = steps[chosen]
    st.select_slider(
        t("inspector.step"),
        options=steps,
        format_func=lambda v: f"{v:,}",
        help=t("inspector.step_help", n=len(steps)),
        **bind("inspect_step", to_widget=int),
    )
    buttons = [
        ("first", ":material/first_page:"),
        ("prev", ":material/chevron_left:"),
        ("next", ":material/chevron_right:"),
        ("last", ":material/last_page:"),
    ]
    columns = st.columns(4 if presenter_on() else 6)[:4]  # presenter mode: room for the words
    for col, (where, icon) in zip(columns, buttons, strict=True):
        col.button(
            t(f"inspector.{where}"),
            key=f"inspect_{where}",
            icon=icon,
            on_click=_move,
            args=(steps, where),
            help=t(f"inspector.{where}_help"),
            width="stretch",
        )
    return history.index_of(int(st.session_state["inspect_step"]))


def _pair(data) -> tuple[int, int] | None:
    """A point's customdata (index in its part, part) as two ints, from a list or a dict."""
    if isinstance(data, dict):
        data = [data[k] for k in sorted(data, key=lambda k: int(k))]
    try:
        index, part = (int(v) for v in list(data)[:2])
    except (TypeError, ValueError):
        return None
    return index, part


def _selected_in_scatter() -> None:
    """on_select of the scatter plot: a clicked training example becomes the inspected one."""
    event = st.session_state.get(SCATTER_KEY)
    points = (event or {}).get("selection", {}).get("points", [])
    for point in points:
        data = _pair(point.get("customdata"))
        if data is not None and data[1] == 0:
            st.session_state["inspect_example"] = data[0]
            return
    if points:
        st.session_state[INSPECT_NOTE] = "test_example"  # shown by example_scatter


def _selected_in_table(rows: tuple) -> None:
    """on_select of the table: a selected row becomes the inspected example."""
    event = st.session_state.get(TABLE_KEY)
    picked = (event or {}).get("selection", {}).get("rows", [])
    if picked:
        st.session_state["inspect_example"] = int(rows[picked[0]])


def example_scatter(trained: Current, detail: StepDetail, i: int) -> None:
    """The data with the boundary of this step; the inspected example circled; click to pick."""
    p = trained.run.prepared
    panel = data_panel(
        detail.w.reshape(1, -1),
        np.array([detail.b]),
        p.feature_names,
        p.standardizer,
        trained.box,
    )
    points, names = figure_points(p)
    fig = model_figure(panel, *points, **names, highlight=i, height=440, texts=figure_texts())
    st.plotly_chart(
        present(fig),
        width="stretch",
        key=SCATTER_KEY,
        on_select=_selected_in_scatter,
        selection_mode="points",
        config={"displaylogo": False},
        theme=None,
    )
    note = st.session_state.pop(INSPECT_NOTE, None)
    if note:
        st.info(t(f"inspector.{note}"))
    st.caption(t("inspector.scatter_caption", step=detail.step, i=i + 1))


# ---- the numbers ----


def graph_panel(trained: Current, detail: StepDetail, i: int) -> None:
    """The computational graph of example i with the numbers of this step."""
    p = trained.run.prepared
    x = p.X_train[:, i]
    y = int(p.train.Y[0, i])
    fig = graph_figure(
        x=x,
        w=detail.w,
        b=detail.b,
        y=y,
        values=detail.values,
        index=i,
        feature_names=p.feature_names,
        texts=graph_texts(),
    )
    st.plotly_chart(
        present(fig, font=1.1),  # its text sits in boxes of a fixed size
        width="stretch",
        key="inspector_graph",
        config={"displayModeBar": False},
        theme=None,
    )
    raw = ", ".join(
        f"{md_plain(name)} = {fmt(v)}"
        for name, v in zip(p.dataset.feature_names, p.train.X[:, i], strict=True)
    )
    key = "inspector.graph_caption" + ("_scaled" if p.standardizer is not None else "")
    st.caption(t(key, i=i + 1, raw=raw, y=y))


def _metrics(items: list, per_row: int) -> None:
    """(label, value) pairs as metrics, ``per_row`` to a row."""
    for start in range(0, len(items), per_row):
        row = items[start : start + per_row]
        for col, (label, value) in zip(st.columns(per_row), row, strict=False):
            col.metric(label, fmt(value))


def metrics_row(detail: StepDetail, i: int) -> None:
    """The forward and backward values of example i, as metrics, three to a row."""
    v = detail.values
    values = [("z", v.z), ("a", v.a), ("L", v.loss), ("da", v.da), ("dz", v.dz), ("db", v.db)]
    dws = [(f"dw{j + 1}", v.dw[j, i]) for j in range(detail.w.size)]
    _metrics([(label, row[i]) for label, row in values] + dws, 3)


def equations_panel(trained: Current, detail: StepDetail, i: int) -> None:
    """The article's formulas with the numbers of example i substituted."""
    p = trained.run.prepared
    v = detail.values
    x = p.X_train[:, i]
    y = int(p.train.Y[0, i])
    n = detail.w.size
    a, z = v.a[i], v.z[i]
    terms = " + ".join(f"w_{{{j + 1}}} x_{{{j + 1}}}" for j in range(n))
    products = [f"{tex(detail.w[j], paren=True)}\\cdot{tex(x[j], paren=True)}" for j in range(n)]
    lines = [" + ".join(products[k : k + 3]) for k in range(0, n, 3)]
    body = r" \\ &\quad + ".join(lines)
    forward = [
        rf"\begin{{aligned}} z &= {terms} + b \\ &= {body} + {tex(detail.b, paren=True)}"
        rf" \\ &= {tex(z)} \end{{aligned}}",
        rf"a = \sigma(z) = \frac{{1}}{{1 + e^{{-z}}}} = {tex(a)}",
        rf"L(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr) = {tex(v.loss[i])}",
    ]
    backward = [
        rf"da = -\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}} = -\frac{{{y}}}{{{tex(a)}}} + "
        rf"\frac{{{1 - y}}}{{1 - {tex(a)}}} = {tex(v.da[i])}",
        rf"dz = a - y = {tex(a)} - {y} = {tex(v.dz[i])}",
        *(
            rf"dw_{{{j + 1}}} = x_{{{j + 1}}} \cdot dz = {tex(x[j], paren=True)} \cdot "
            rf"{tex(v.dz[i], paren=True)} = {tex(v.dw[j, i])}"
            for j in range(n)
        ),
        rf"db = dz = {tex(v.db[i])}",
    ]
    sides = (("forward", forward), ("backward", backward))
    for col, (side, formulas) in zip(st.columns(2, gap="large"), sides, strict=True):
        with col:
            st.markdown(t(f"inspector.{side}"))
            for formula in formulas:
                st.latex(formula)
    if v.saturated[i]:
        st.caption(t("inspector.saturated"))


def derivation_panel(trained: Current, detail: StepDetail, i: int) -> None:
    """dz = a − y derived in four steps with example i's numbers, and ∂L/∂w1 checked by a nudge."""
    p = trained.run.prepared
    y = int(p.train.Y[0, i])
    d = derivation(detail.w, detail.b, p.X_train[:, i], y)
    st.subheader(t("inspector.derive_header", i=i + 1))
    st.caption(t("inspector.derive_intro", i=i + 1, step=detail.step))
    shown = st.select_slider(
        t("inspector.derive_step"),
        options=[1, 2, 3, 4],
        value=1,
        format_func=lambda k: t(f"inspector.derive_step{k}"),
        key="inspect_derive_step",
    )
    a, ya = tex(d.a), f"{y}"
    lines = [
        rf"\frac{{dL}}{{da}} = -\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}} = -\frac{{{ya}}}{{{a}}}"
        rf" + \frac{{{1 - y}}}{{1 - {a}}} = {tex(d.da)}",
        rf"\frac{{da}}{{dz}} = \frac{{e^{{-z}}}}{{(1 + e^{{-z}})^2}} = a(1 - a) = {a}\,(1 - {a})"
        rf" = {tex(d.dadz)}",
        rf"dz = \frac{{dL}}{{da}}\cdot\frac{{da}}{{dz}} = {tex(d.da, paren=True)}\cdot"
        rf"{tex(d.dadz, paren=True)} = {tex(d.product)}",
        rf"dz = \Bigl(-\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}}\Bigr)\, a(1 - a)"
        rf" = -y(1 - a) + (1 - y)\,a = a - y = {a} - {ya} = {tex(d.dz)}",
    ]
    for k in range(shown):
        st.markdown(t(f"inspector.derive_text{k + 1}"))
        st.latex(lines[k])
    st.markdown(t("inspector.derive_check", h=fmt(d.h)))
    st.latex(
        rf"\frac{{L(w_1 + h) - L(w_1 - h)}}{{2h}} = \frac{{{tex(d.loss_plus, digits=12)} - "
        rf"{tex(d.loss_minus, digits=12)}}}{{2 \cdot {tex(d.h)}}} = {tex(d.fd_dw1, digits=10)}"
    )
    st.latex(
        rf"x_1 \cdot dz = {tex(d.x1, paren=True)}\cdot{tex(d.dz, paren=True)}"
        rf" = {tex(d.dw1, digits=10)}"
    )
    key = "inspector.derive_agree" if d.fd_error < 1e-5 else "inspector.derive_disagree"
    st.caption(t(key, error=fmt(d.fd_error)))


def example_table(detail: StepDetail, X, Y, names) -> tuple[pd.DataFrame, tuple]:
    """One row per example (at most MAX_TABLE_ROWS) and the example index of each row."""
    v = detail.values
    m = v.z.size
    rows = np.arange(min(m, MAX_TABLE_ROWS))
    table = {"i": rows + 1}  # numbered 1 … m, as in the article
    for j in range(X.shape[0]):
        plain = f"x{j + 1}"
        table[plain if names[j] == plain else f"{plain} = {names[j]}"] = X[j, rows]
    table["y"] = np.asarray(Y).reshape(-1)[rows]
    for name in ("z", "a", "loss", "da", "dz"):
        table["L" if name == "loss" else name] = getattr(v, name)[rows]
    for j in range(X.shape[0]):
        table[f"dw{j + 1}"] = v.dw[j, rows]
    table["db"] = v.db[rows]
    return pd.DataFrame(table), tuple(int(r) for r in rows)


def table_panel(trained: Current, detail: StepDetail, i: int) -> None:
    """All m examples at this step, and the means that make J, dw and db."""
    p = trained.run.prepared
    v = detail.values
    m = v.z.size
    n = detail.w.size
    frame, rows = example_table(detail, p.X_train, p.train.Y, p.feature_names)
    number = st.column_config.NumberColumn(format="%.4g")
    config = {c: number for c in frame.columns if c not in ("i", "y")}
    config["i"] = st.column_config.NumberColumn("i", format="%d", width="small")
    config["y"] = st.column_config.NumberColumn("y", format="%d", width="small")
    with table_place():  # drawn anew at presenter mode's text size
        st.dataframe(
            frame,
            hide_index=True,
            height=300,
            column_config=config,
            key=TABLE_KEY,
            on_select=lambda: _selected_in_table(rows),
            selection_mode="single-row",
        )
    key = "inspector.table_caption" + ("" if m <= MAX_TABLE_ROWS else "_cut")
    st.caption(t(key, m=m, step=detail.step, rows=MAX_TABLE_ROWS, i=i + 1))
    h = trained.run.history
    means = {t("inspector.mean_J"): v.cost}
    if h.l2:
        means["J + (λ/2m)‖w‖²"] = v.cost + l2_penalty(float(np.sum(detail.w**2)), h.l2, m)
    means.update({t("inspector.mean_dw", j=j + 1): v.mean_dw[j] for j in range(n)})
    means[t("inspector.mean_db")] = v.mean_db
    _metrics(list(means.items()), 4)
    st.latex(
        rf"J = \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} L^{{(i)}},\quad "
        rf"dw_j = \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} x_j^{{(i)}} dz^{{(i)}},\quad "
        rf"db = \frac{{1}}{{m}}\sum_{{i=1}}^{{m}} dz^{{(i)}}, \qquad m = {m:,}"
    )


def update_panel(trained: Current, detail: StepDetail) -> None:
    """w := w − α·dw and b := b − α·db with numbers, and the next step's parameters."""
    h = trained.run.history
    n = detail.w.size
    alpha = tex(detail.alpha)
    m = detail.values.z.size
    if h.l2:
        st.markdown(t("inspector.l2_note", l2=fmt(h.l2)))
        for j in range(n):
            st.latex(
                rf"dw_{{{j + 1}}} = {tex(detail.values.mean_dw[j])} + "
                rf"\frac{{{fmt(h.l2)}}}{{{m}}}\cdot{tex(detail.w[j], paren=True)} = "
                rf"{tex(detail.dw[j])}"
            )
    for j in range(n):
        st.latex(
            rf"w_{{{j + 1}}} := w_{{{j + 1}}} - \alpha\, dw_{{{j + 1}}} = {tex(detail.w[j])} - "
            rf"{alpha}\cdot{tex(detail.dw[j], paren=True)} = {tex(detail.next_w[j])}"
        )
    st.latex(
        rf"b := b - \alpha\, db = {tex(detail.b)} - {alpha}\cdot{tex(detail.db, paren=True)} "
        rf"= {tex(detail.next_b)}"
    )
    text = t(
        "inspector.next_params",
        step=detail.step + 1,
        w=fmt_vector(detail.next_w),
        b=fmt(detail.next_b),
    )
    if detail.recorded_next is not None:
        k = detail.recorded_next
        same = np.allclose(h.w[k], detail.next_w, rtol=1e-9, atol=1e-12) and np.isclose(
            h.b[k], detail.next_b, rtol=1e-9, atol=1e-12
        )
        text += (  # each sentence brings its own leading space where the language has one
            t("inspector.same_record")
            if same
            else t("inspector.differs", w=fmt_vector(h.w[k]), b=fmt(h.b[k]))
        )
    elif detail.index == len(h) - 1:
        text += t("inspector.stopped_here")
    else:
        text += t("inspector.not_kept")
    st.info(text)


# ---- the page ----

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
index = step_picker(history)
detail = step_detail(history, p.X_train, p.train.Y, index)

left, right = st.columns(2, gap="large")
with right:
    i = example_input(t("inspector.example"), t("inspector.example_help"), p.X_train.shape[1])
    metrics_row(detail, i)
with left:
    example_scatter(trained, detail, i)

st.subheader(t("inspector.graph_header", i=i + 1, step=detail.step))
graph_panel(trained, detail, i)

st.subheader(t("inspector.formulas_header", i=i + 1))
equations_panel(trained, detail, i)
derivation_panel(trained, detail, i)

st.subheader(t("inspector.all_header"))
table_panel(trained, detail, i)

st.subheader(t("inspector.update_header"))
st.caption(
    t(
        "inspector.update_caption",
        alpha=f"{history.learning_rate:g}",
        step=detail.step,
        next=detail.step + 1,
    )
)
update_panel(trained, detail)
redraw_tables()  # after presenter mode was switched: the table at the new text size
