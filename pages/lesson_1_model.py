"""Lesson 1 · The model: y' = P(y = 1 | x) = σ(wᵀx + b), moved by hand on one feature."""

import streamlit as st

from logreg_core import lessons as core
from logreg_core.figures.lessons import model_figure
from ui import lessons as ui
from ui.state import require_entrypoint

require_entrypoint("pages/lesson_1_model.py")

st.title("1 · The model")
st.markdown(
    "Logistic regression answers a yes/no question: given the features **x** of an example, "
    "how likely is it that **y = 1**? The answer, y′, is a probability. "
    "The model first scores the example with a weighted sum, then squeezes that score into "
    "(0, 1) with the sigmoid σ:"
)
st.latex(
    r"y' = P(y = 1 \mid x) = \sigma(w^\top x + b), \qquad z = w^\top x + b,\quad a = \sigma(z)"
)
st.markdown(
    "The data **X** is an n × m matrix: n features, m examples, one column per example. "
    "The weights **w** form an n × 1 column and the bias **b** is a single number. "
    "Seen as a neural network this is one neuron: inputs x, weights w, bias b, "
    "activation σ, output a = y′."
)

X, Y = ui.lesson_data(ui.ONE_FEATURE)
lo, hi = ui.data_range(X)
n, m = X.shape
st.caption(f"Here: one feature, so X is {n} × {m}, w is 1 × 1 (a single weight) and b a number.")

controls, plot = st.columns([1, 3], gap="large")
with controls:
    w = st.slider("weight w", -5.0, 5.0, 1.0, 0.1, key="l1_w")
    b = st.slider("bias b", -5.0, 5.0, 0.0, 0.1, key="l1_b")
    x0 = st.slider("a chosen input x", lo, hi, 1.5, 0.1, key="l1_x")

z0, a0 = (float(v[0]) for v in core.model_curve(w, b, [x0]))
curve_x = ui.line(lo, hi)
_, curve_a = core.model_curve(w, b, curve_x)
J, acc = core.fit_of(X, Y, [w], b=b)
with plot:
    st.plotly_chart(
        model_figure(
            X[0],
            Y[0],
            curve_x,
            curve_a,
            point_x=x0,
            point_a=a0,
            boundary=core.decision_point(w, b),
        ),
        width="stretch",
        key="l1_figure",
    )

ui.readouts(
    [("z = w·x + b", z0), ("a = σ(z)", a0), ("prediction ŷ", int(a0 >= 0.5)), ("cost J", J)],
    help={
        "prediction ŷ": "1 when a ≥ 0.5, else 0",
        "cost J": f"The mean loss over the {m} examples (lessons 3 and 4)",
    },
)
st.markdown(
    f"At x = {ui.fmt(x0)} the score is z = {ui.fmt(w)} · {ui.fmt(x0)} + {ui.fmt(b)} = "
    f"**{ui.fmt(z0)}**, and the model says y = 1 with probability **{ui.fmt(a0)}**. "
    f"Over all {m} examples these w and b classify {ui.fmt(100 * acc)} % correctly."
)
ui.what_to_try(
    "Make w larger: the curve gets steeper and the model more confident. Make w negative: "
    "large x now means y = 0. Move b: the curve slides sideways; it crosses a = 0.5 where "
    "z = 0, at x = −b/w. Look for the w and b that make J smallest — that is what training does."
)
ui.playground_link(
    {**ui.ONE_FEATURE, "init": "explicit", "w1": w, "b0": b},
    key="l1_link",
    note="The playground starts gradient descent from your w and b, on these same 40 examples.",
)
