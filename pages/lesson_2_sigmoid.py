"""Lesson 2 · The sigmoid: from a score z to a probability a."""

import streamlit as st

from logreg_core import lessons as core
from logreg_core.figures.lessons import sigmoid_figure
from ui import lessons as ui
from ui.state import require_entrypoint

require_entrypoint("pages/lesson_2_sigmoid.py")

st.title("2 · The sigmoid")
st.markdown(
    "The score z = wᵀx + b can be any real number, but a probability must lie between 0 and 1. "
    "The activation function σ, the *sigmoid*, does the conversion:"
)
st.latex(r"a = \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma(0) = 0.5")
st.markdown(
    "Why its output can be read as a probability:\n"
    "- **Every z lands in (0, 1).** Very negative scores give a near 0, very positive ones "
    "a near 1, and z = 0 gives exactly 0.5, the point of no preference.\n"
    "- **It never reverses the order.** A higher score always means a higher probability.\n"
    "- **The two classes are treated alike.** σ(−z) = 1 − σ(z): flipping the sign of the score "
    "swaps the probabilities of y = 1 and y = 0.\n"
    "- **z is the log-odds.** Solving for z gives z = log(a / (1 − a)); each extra unit of "
    "score multiplies the odds of y = 1 by e ≈ 2.718."
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    z0 = st.slider("score z", -10.0, 10.0, 2.0, 0.1, key="l2_z")
    bound = core.saturation_bound(slope=0.01)
    st.caption(
        f"Shaded: |z| > {ui.fmt(bound)}, where the slope a(1 − a) is below 0.01. "
        "The curve is almost flat there: it *saturates*."
    )

z, a, slope, at = ui.sigmoid_view(z0)
with plot:
    st.plotly_chart(
        sigmoid_figure(z, a, slope, point_z=z0, point_a=at["a"], saturation=bound),
        width="stretch",
        key="l2_figure",
    )

ui.readouts(
    [
        ("z", at["z"]),
        ("a = σ(z)", at["a"]),
        ("1 − a = σ(−z)", at["1 - a"]),
        ("slope da/dz = a(1 − a)", at["slope"]),
        ("odds a / (1 − a)", at["odds"]),
    ]
)
st.markdown(
    "The slope matters later: training pushes on z through σ, and the push is multiplied by "
    "da/dz. It is largest, 0.25, at z = 0, and nearly 0 on the saturated ends, where changing "
    "z hardly changes a. Lesson 3 shows how the cross-entropy loss cancels this factor, and "
    "lesson 4 what happens to a loss that does not."
)
ui.what_to_try(
    "Set z to 0 and read a = 0.5. Try z = 2 and z = −2: the two a add up to 1. "
    "Push z to 8: a barely moves any more and the slope is close to 0."
)
ui.playground_link(
    {**ui.ONE_FEATURE, "init": "explicit", "w1": 4.0, "b0": 0.0},
    key="l2_link",
    note=(
        "Opens the training page on one feature, starting from a steep w = 4: "
        "many examples sit on the saturated ends of σ."
    ),
)
