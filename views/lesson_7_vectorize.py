"""Lesson 7 · m examples: the article's loop against the vectorized step, same numbers, timed."""

from collections.abc import Mapping, Sequence

import streamlit as st

from logreg_core.lessons import vectorize
from logreg_core.lessons.shared import TWO_FEATURES
from ui import lesson_page
from ui.i18n import t
from ui.presenter import redraw_tables, table_place
from ui.texts import fmt

W, B = (0.5, -0.3), 0.1
SIZES = [100, 1_000, 10_000, 100_000]
#: The loop drawn example by example: a small data set, and the α of its update.
LOOP_M = 10
LOOP_ALPHA = 1.0


@st.cache_data(max_entries=8, show_spinner=False)
def loop_check(setup: Mapping[str, object], w: Sequence[float], b: float, alpha: float):
    """The loop example by example, the vectorized gradient, and their largest difference."""
    X, Y = lesson_page.lesson_data(setup)
    return vectorize.loop_check(w, b, X, Y, learning_rate=alpha)


@st.cache_data(max_entries=8, show_spinner=False)
def step_losses(setup: Mapping[str, object], w: Sequence[float], b: float, alpha: float):
    """Each example's loss before and after one step (``vectorize.step_losses``)."""
    X, Y = lesson_page.lesson_data(setup)
    return vectorize.step_losses(w, b, X, Y, learning_rate=alpha)


lesson_page.opening(
    7,
    r"""\begin{aligned}
&J = 0,\; dw_1 = 0,\; dw_2 = 0,\; db = 0\\
&\text{for } i = 1 \dots m:\\
&\quad z^{(i)} = w^\top x^{(i)} + b,\quad a^{(i)} = \sigma\bigl(z^{(i)}\bigr),\quad
J \mathrel{+}= L\bigl(a^{(i)}, y^{(i)}\bigr)\\
&\quad dz^{(i)} = a^{(i)} - y^{(i)},\quad dw_1 \mathrel{+}= x_1^{(i)} dz^{(i)},\quad
dw_2 \mathrel{+}= x_2^{(i)} dz^{(i)},\quad db \mathrel{+}= dz^{(i)}\\
&J,\; dw_1,\; dw_2,\; db \;\mathrel{/}=\; m
\end{aligned}""",
)
st.markdown(t("lesson7.vectorize"))
st.latex(
    r"Z = w^\top X + b,\quad A = \sigma(Z),\quad dZ = A - Y,\quad "
    r"dw = \frac{1}{m} X\, dZ^\top,\quad db = \frac{1}{m}\sum_{i=1}^{m} dZ^{(i)}"
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    m = st.select_slider(t("lesson7.m"), options=SIZES, value=1_000, format_func=fmt, key="l7_m")
    st.button(t("lesson7.again"), key="l7_again", width="stretch")
    st.caption(t("lesson7.both_at", w1=W[0], w2=W[1], b=B))

setup = {**TWO_FEATURES, "n_samples": m}
X, Y = lesson_page.lesson_data(setup)
result = vectorize.compare_loop_vectorized(W, B, X, Y)
loop_grads, loop_J = result.loop
vec_grads, vec_J = result.vectorized
texts = lesson_page.figure_texts(vectorize.TEXTS)
with plot:
    fig = vectorize.timing_figure(
        [t("lesson7.loop_label"), t("lesson7.vectorized_label")],
        [result.loop_seconds, result.vectorized_seconds],
        texts=texts,
    )
    lesson_page.chart(fig, key="l7_figure")

lesson_page.readouts(
    [
        (t("lesson7.loop_ms"), result.loop_seconds * 1e3),
        (t("lesson7.vectorized_ms"), result.vectorized_seconds * 1e3),
        (t("lesson7.speedup"), result.speedup),
        (t("lesson7.largest_difference"), result.max_abs_diff),
    ]
)
rows = [
    ("J", loop_J, vec_J),
    ("dw1", loop_grads["dw"][0, 0], vec_grads["dw"][0, 0]),
    ("dw2", loop_grads["dw"][1, 0], vec_grads["dw"][1, 0]),
    ("db", loop_grads["db"], vec_grads["db"]),
]
with table_place():  # drawn anew at presenter mode's text size
    st.dataframe(
        {
            "": [name for name, *_ in rows],
            t("lesson7.column_loop"): [fmt(lv, 15) for _, lv, _ in rows],
            t("lesson7.column_vectorized"): [fmt(vv, 15) for *_, vv in rows],
            t("lesson7.column_difference"): [fmt(abs(lv - vv)) for _, lv, vv in rows],
        },
        hide_index=True,
    )
st.markdown(
    t("lesson7.same", diff=fmt(result.max_abs_diff), speedup=fmt(result.speedup, 3), m=fmt(m))
)
st.caption(t("lesson7.timing_note"))

st.subheader(t("lesson7.loop_header"))
small = {**TWO_FEATURES, "n_samples": LOOP_M}
steps, vec_small, loop_diff = loop_check(small, W, B, LOOP_ALPHA)
st.markdown(t("lesson7.loop_intro", m=steps.m, w1=W[0], w2=W[1], b=B, alpha=LOOP_ALPHA))
lesson_page.chart(vectorize.loop_figure(steps, texts=texts), key="l7_loop")
st.markdown(
    t(
        "lesson7.loop_check",
        m=steps.m,
        dw1=fmt(steps.mean_dw[0], 12),
        dw2=fmt(steps.mean_dw[1], 12),
        db=fmt(steps.mean_db, 12),
        vdw1=fmt(vec_small["dw"][0, 0], 12),
        vdw2=fmt(vec_small["dw"][1, 0], 12),
        vdb=fmt(vec_small["db"], 12),
        diff=fmt(loop_diff),
    )
)
# the article's "minimise every example's loss", against what one step does to each of them
before, after = step_losses(small, W, B, LOOP_ALPHA)
shown = {"J0": fmt(before.mean()), "J1": fmt(after.mean()), "up": int((after > before).sum())}
st.markdown(t("lesson7.article", m=steps.m, alpha=LOOP_ALPHA, **shown))
lesson_page.what_to_try(t("lesson7.try"))
lesson_page.playground_link(7, {**setup, "num_iterations": 1000}, m=fmt(m))
redraw_tables()  # after presenter mode was switched: the table at the new text size
