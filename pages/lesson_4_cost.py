"""Lesson 4 · Cost and convexity: J over all m examples, and why its shape matters."""

import streamlit as st

from logreg_core.figures.lessons import bowl_figure, convexity_figure
from ui import lessons as ui
from ui.state import require_entrypoint

require_entrypoint("pages/lesson_4_cost.py")

st.title("4 · Cost and convexity")
st.markdown(
    "The loss judges one example; the **cost** J judges the parameters on the whole training "
    "set. It is the mean of the loss over the m examples:"
)
st.latex(
    r"J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L\bigl(a^{(i)}, y^{(i)}\bigr), \qquad "
    r"a^{(i)} = \sigma\bigl(w^\top x^{(i)} + b\bigr)"
)
st.markdown(
    "Training looks for the w and b with the smallest J. How hard that is depends on the shape "
    "of J. The cross-entropy cost is **convex**: a single valley with one lowest point and no "
    "other dips, so walking downhill from anywhere leads to the same minimum. Put the squared "
    "error (a − y)² in place of L and that guarantee is lost. Both costs below use the same "
    "40 examples of lesson 1, with b held fixed so that J depends on w alone."
)

X, Y = ui.lesson_data(ui.ONE_FEATURE)
controls, plot = st.columns([1, 4], gap="large")
with controls:
    w0 = st.slider("weight w", -6.0, 6.0, -4.0, 0.1, key="l4_w")
    b = st.slider("bias b (fixed)", -3.0, 3.0, 0.0, 0.5, key="l4_b")
w, J_ce, J_se, shape_ce, shape_se, at = ui.cost_view(ui.ONE_FEATURE, w0, b)
with plot:
    st.plotly_chart(
        convexity_figure(
            w,
            J_ce,
            J_se,
            point_w=w0,
            point_ce=at["J"],
            point_se=at["J_se"],
            concave=shape_se.concave,
            flat=shape_se.flat,
        ),
        width="stretch",
        key="l4_figure",
    )

st.caption(
    "Right panel: light red where the curve bends down (not convex), darker red where it is "
    "also nearly level (a plateau). × marks the lowest point of each curve."
)
ui.readouts(
    [
        ("cross-entropy J(w)", at["J"]),
        ("its slope dJ/dw", at["dJ"]),
        ("squared-error J(w)", at["J_se"]),
        ("its slope", at["dJ_se"]),
    ]
)
ce_words = (
    "convex: it never bends down"
    if shape_ce.convex
    else f"bends down for w from {ui.intervals(shape_ce.concave)}"
)
minima = len(shape_ce.minima)
st.markdown(
    f"- **Cross-entropy** is {ce_words}, and has "
    + ("one minimum" if minima == 1 else f"{minima} minima")
    + " on this range"
    + (f", at w ≈ {ui.fmt(shape_ce.minima[0], 3)}." if minima == 1 else ".")
    + "\n"
    f"- **Squared error** bends down (not convex) for w from {ui.intervals(shape_se.concave)}, "
    f"and is nearly flat for w from {ui.intervals(shape_se.flat)}. "
    "On such a plateau its slope is tiny, so gradient descent crawls or stalls far from the "
    "minimum, and with more features such bends can trap it in a dip that is not the lowest."
)
ui.what_to_try(
    "Start at w = −4 and compare the two slopes: the cross-entropy pulls about a hundred times "
    "harder. Move b: the minimum moves, but the cross-entropy curve stays a single valley."
)

st.subheader("Two weights: the bowl J(w1, w2)")
st.markdown(
    "With two features the cost is a surface over the plane of (w1, w2). For cross-entropy it "
    "is a bowl, as 200 examples of two overlapping classes show (b = 0). Drag to turn it."
)
loss_name = st.radio(
    "loss inside J",
    ["cross-entropy", "squared error"],
    horizontal=True,
    key="l4_surface",
)
grid, S = ui.bowl(ui.TWO_FEATURES, 0.0, loss_name == "squared error", 6.0)
st.plotly_chart(
    bowl_figure(grid, grid, S, title=f"J(w1, w2) with the {loss_name}, b = 0"),
    width="stretch",
    key="l4_bowl",
)
ui.what_to_try(
    "Switch to the squared error: the bowl turns into a plateau with a narrow dip, "
    "flat almost everywhere far from the middle."
)
ui.playground_link(
    {**ui.TWO_FEATURES, "init": "explicit", "w1": -4.0, "w2": -4.0, "b0": 0.0},
    key="l4_link",
    note="Opens the training page on the two-feature data, starting high on the bowl's rim.",
)
