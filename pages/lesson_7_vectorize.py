"""Lesson 7 · m examples: the article's loop against the vectorized step, same numbers, timed."""

import streamlit as st

from logreg_core import lessons as core
from logreg_core.figures.lessons import timing_figure
from ui import lessons as ui
from ui.state import require_entrypoint

W, B = (0.5, -0.3), 0.1
SIZES = [100, 1_000, 10_000, 100_000]

require_entrypoint("pages/lesson_7_vectorize.py")

st.title("7 · m examples at once")
st.markdown(
    "Lesson 6 worked through one example. The cost J is the mean over all m, so the gradient "
    "is the mean too: one pass must visit every example. The article first writes it as a loop:"
)
st.latex(
    r"""\begin{aligned}
&J = 0,\; dw_1 = 0,\; dw_2 = 0,\; db = 0\\
&\text{for } i = 1 \dots m:\\
&\quad z^{(i)} = w^\top x^{(i)} + b,\quad a^{(i)} = \sigma\bigl(z^{(i)}\bigr),\quad
J \mathrel{+}= L\bigl(a^{(i)}, y^{(i)}\bigr)\\
&\quad dz^{(i)} = a^{(i)} - y^{(i)},\quad dw_1 \mathrel{+}= x_1^{(i)} dz^{(i)},\quad
dw_2 \mathrel{+}= x_2^{(i)} dz^{(i)},\quad db \mathrel{+}= dz^{(i)}\\
&J,\; dw_1,\; dw_2,\; db \;\mathrel{/}=\; m
\end{aligned}"""
)
st.markdown(
    "Stacking the examples as the columns of X turns the whole loop into a few matrix "
    "operations, which numpy runs in compiled code instead of one Python step per example:"
)
st.latex(
    r"Z = w^\top X + b,\quad A = \sigma(Z),\quad dZ = A - Y,\quad "
    r"dw = \frac{1}{m} X\, dZ^\top,\quad db = \frac{1}{m}\sum_{i=1}^{m} dZ^{(i)}"
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    m = st.select_slider(
        "number of examples m", options=SIZES, value=1_000, format_func=ui.fmt, key="l7_m"
    )
    st.button("Measure again", key="l7_again", width="stretch")
    st.caption(f"Both run at w = ({W[0]}, {W[1]}), b = {B} on two overlapping classes.")

setup = {**ui.TWO_FEATURES, "n_samples": m}
X, Y = ui.lesson_data(setup)
result = core.compare_loop_vectorized(W, B, X, Y)
loop_grads, loop_J = result.loop
vec_grads, vec_J = result.vectorized
with plot:
    st.plotly_chart(
        timing_figure(
            ["loop over i = 1..m", "vectorized"],
            [result.loop_seconds, result.vectorized_seconds],
        ),
        width="stretch",
        key="l7_figure",
    )

ui.readouts(
    [
        ("loop, ms per pass", result.loop_seconds * 1e3),
        ("vectorized, ms per pass", result.vectorized_seconds * 1e3),
        ("speed-up ×", result.speedup),
        ("largest |difference|", result.max_abs_diff),
    ]
)
rows = [
    ("J", loop_J, vec_J),
    ("dw1", loop_grads["dw"][0, 0], vec_grads["dw"][0, 0]),
    ("dw2", loop_grads["dw"][1, 0], vec_grads["dw"][1, 0]),
    ("db", loop_grads["db"], vec_grads["db"]),
]
st.dataframe(
    {
        "": [name for name, *_ in rows],
        "loop": [ui.fmt(lv, 15) for _, lv, _ in rows],
        "vectorized": [ui.fmt(vv, 15) for *_, vv in rows],
        "|difference|": [ui.fmt(abs(lv - vv)) for _, lv, vv in rows],
    },
    hide_index=True,
)
st.markdown(
    f"Same data, same numbers: the two agree to about 15 significant digits (the last digits "
    f"differ only because the sums are added in another order). The vectorized pass was "
    f"**{ui.fmt(result.speedup, 3)} times faster** on these {ui.fmt(m)} examples, and training "
    "repeats that pass thousands of times."
)
st.caption(
    "Times are measured live on the machine running this app (best of up to 5 runs), so they "
    "vary from machine to machine and run to run; the gap, not the exact figure, is the lesson."
)
ui.what_to_try(
    "Raise m from 100 to 100,000: the loop's time grows with m, the vectorized one barely moves "
    "at first, and the speed-up climbs into the tens. Press “Measure again” to see the noise."
)
ui.playground_link(
    {**setup, "num_iterations": 1000},
    key="l7_link",
    note=f"Opens the training page on these {ui.fmt(m)} examples; every iteration is one "
    "vectorized pass.",
)
