"""Lesson 3 · The loss: how much one wrong prediction costs."""

import streamlit as st

from logreg_core.figures.lessons import loss_figure
from ui import lessons as ui
from ui.state import require_entrypoint

require_entrypoint("pages/lesson_3_loss.py")

st.title("3 · The loss")
st.markdown(
    "The loss measures, for one example, the gap between the prediction a and the true label y. "
    "Training will make it small, so it must be small exactly when a is close to y. "
    "Logistic regression uses the *cross-entropy* loss:"
)
st.latex(r"L(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr)")
st.markdown(
    "Since y is 0 or 1, one of the two terms always vanishes:\n"
    "- **y = 1:** L = −log a. It is small only when log a is large, that is when a is close "
    "to 1.\n"
    "- **y = 0:** L = −log(1 − a). It is small only when 1 − a is large, that is when a is "
    "close to 0.\n\n"
    "Either way the loss is 0 for a perfect prediction and grows without limit as the "
    "prediction becomes confidently wrong."
)

controls, plot = st.columns([1, 3], gap="large")
with controls:
    a0 = st.slider("prediction a", 0.001, 0.999, 0.8, 0.001, format="%.3f", key="l3_a")
    st.caption("The same a is judged against both labels: left as if y = 1, right as if y = 0.")

a, curves, at = ui.loss_view(a0)
with plot:
    st.plotly_chart(
        loss_figure(
            a,
            curves["L1"],
            curves["L0"],
            curves["SE1"],
            curves["SE0"],
            point_a=a0,
            point_loss=(at["L1"], at["L0"]),
            point_se=(at["SE1"], at["SE0"]),
        ),
        width="stretch",
        key="l3_figure",
    )

ui.readouts(
    [
        ("y = 1: L = −log a", at["L1"]),
        ("y = 1: (a − 1)²", at["SE1"]),
        ("y = 0: L = −log(1 − a)", at["L0"]),
        ("y = 0: a²", at["SE0"]),
    ]
)

st.subheader("Why not the squared error?")
st.markdown(
    "Linear regression measures the gap with (a − y)², dashed above. Beside the loss, what "
    "training feels is its slope with respect to the score z, the push dL/dz:"
)
st.latex(
    r"\text{cross-entropy: } \frac{dL}{dz} = a - y"
    r"\qquad\qquad"
    r"\text{squared error: } \frac{d(a-y)^2}{dz} = 2(a - y)\,a(1 - a)"
)
ui.readouts(
    [
        ("y = 1: push, cross-entropy", at["dz_ce1"]),
        ("y = 1: push, squared error", at["dz_se1"]),
        ("y = 0: push, cross-entropy", at["dz_ce0"]),
        ("y = 0: push, squared error", at["dz_se0"]),
    ]
)
st.markdown(
    "The squared error never exceeds 1, and its push carries the sigmoid's slope a(1 − a): "
    "when a prediction is confidently wrong (a near 0 while y = 1), that factor is nearly 0 and "
    "the push fades away, just when it is needed most. The cross-entropy keeps pushing with "
    "a − y. Lesson 4 shows the consequence for the whole cost: convex for cross-entropy, "
    "with flat stretches and bends for the squared error."
)
ui.what_to_try(
    "Slide a towards 0.001. On the left, −log a shoots up past 6 while (a − 1)² stops at 1. "
    "Compare the two pushes for y = 1: about −1 against almost 0."
)
ui.playground_link(
    {**ui.ONE_FEATURE, "init": "explicit", "w1": -2.0, "b0": 0.0},
    key="l3_link",
    note=(
        "Opens the training page on one feature, starting from w = −2: most predictions are "
        "confidently wrong, and the cross-entropy still pulls them right."
    ),
)
