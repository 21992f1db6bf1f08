"""Lesson 6 · The computational graph of one example: forward values, backward derivatives."""

import streamlit as st

from logreg_core import lessons as core
from ui import lessons as ui
from ui.state import require_entrypoint

require_entrypoint("pages/lesson_6_graph.py")

st.title("6 · The computational graph")
st.markdown(
    "Gradient descent needs the derivatives of the loss with respect to every parameter. "
    "A *computational graph* makes them easy to find. Take one example with two features "
    "x1 and x2, so two weights w1 and w2. Going **forward** (black), the inputs produce z, "
    "then a, then the loss L. Going **backward** (red), the chain rule carries dL/d(·) from "
    "L back to each parameter. The article names the results da, dz, dw1, dw2 and db."
)
st.latex(
    r"z = w_1 x_1 + w_2 x_2 + b \;\longrightarrow\; a = \sigma(z) \;\longrightarrow\; "
    r"L(a, y) = -\bigl(y \log a + (1 - y)\log(1 - a)\bigr)"
)

example, params = st.columns(2, gap="large")
with example:
    st.markdown("**The example**")
    c1, c2, c3 = st.columns(3)
    x1 = c1.number_input("x1", -10.0, 10.0, 1.0, 0.1, key="l6_x1")
    x2 = c2.number_input("x2", -10.0, 10.0, 1.5, 0.1, key="l6_x2")
    y = c3.selectbox("label y", [1, 0], key="l6_y")
with params:
    st.markdown("**The parameters**")
    c1, c2, c3 = st.columns(3)
    w1 = c1.number_input("w1", -10.0, 10.0, 0.5, 0.1, key="l6_w1")
    w2 = c2.number_input("w2", -10.0, 10.0, -0.3, 0.1, key="l6_w2")
    b = c3.number_input("b", -10.0, 10.0, 0.1, 0.1, key="l6_b")

c = core.chain_rule([x1, x2], [w1, w2], b, y)
st.plotly_chart(ui.graph(c, x=[x1, x2], w=[w1, w2], b=b, y=y), width="stretch", key="l6_figure")

ui.readouts([("z", c.z), ("a", c.a), ("L", c.loss), ("da", c.da)])
ui.readouts([("dz", c.dz), ("dw1", c.dw[0]), ("dw2", c.dw[1]), ("db", c.db)])

t = ui.tex
st.markdown("**Forward**, left to right")
st.latex(
    rf"z = {t(w1, paren=True)}\cdot{t(x1, paren=True)} + {t(w2, paren=True)}\cdot"
    rf"{t(x2, paren=True)} + {t(b, paren=True)} = {t(c.z)}"
)
st.latex(rf"a = \sigma(z) = \frac{{1}}{{1 + e^{{-z}}}} = {t(c.a)}")
st.latex(rf"L = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr) = {t(c.loss)}")
st.markdown("**Backward**, right to left, by the chain rule")
st.latex(rf"da = \frac{{dL}}{{da}} = -\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}} = {t(c.da)}")
st.latex(
    rf"dz = \frac{{dL}}{{da}} \cdot \frac{{da}}{{dz}} = da \cdot a(1 - a) = "
    rf"{t(c.da, paren=True)} \cdot {t(c.dadz, paren=True)} = {t(c.dz_chain)}"
)
st.latex(rf"dz = a - y = {t(c.a)} - {y} = {t(c.dz)}")
st.latex(
    rf"dw_1 = x_1\, dz = {t(c.dw[0])}, \quad dw_2 = x_2\, dz = {t(c.dw[1])}, \quad "
    rf"db = dz = {t(c.db)}"
)
st.markdown(
    "The two lines for dz agree: multiplying −y/a + (1 − y)/(1 − a) by a(1 − a) simplifies to "
    "a − y, which is why the code computes dz = a − y directly. Since z = w1·x1 + w2·x2 + b, "
    "a change in w1 moves z by x1, so dw1 = x1·dz; likewise dw2 = x2·dz and db = dz."
)

st.subheader("One step of gradient descent on this example")
alpha = st.select_slider(
    "learning rate α", options=[0.01, 0.1, 0.5, 1.0, 2.0, 5.0], value=0.5, key="l6_alpha"
)
step = ui.one_step([x1, x2], [w1, w2], b, y, alpha)
w_new, b_new, loss_new = step.w[-1], float(step.b[-1]), float(step.cost[-1])
st.latex(
    rf"w_1 := w_1 - \alpha\, dw_1 = {t(w_new[0])}, \quad "
    rf"w_2 := w_2 - \alpha\, dw_2 = {t(w_new[1])}, \quad "
    rf"b := b - \alpha\, db = {t(b_new)}"
)
ui.readouts([("L before the step", c.loss), ("L after the step", loss_new)])
ui.what_to_try(
    "Change y from 1 to 0: da and dz change sign, so the step pushes the other way. "
    "Make w1 and w2 large so that a is near 1 while y = 0: the loss and da grow large, yet "
    "dz = a − y never exceeds 1. Raise α: with one example L only falls, since the step "
    "always moves z towards the right side; overshooting needs many examples pulling "
    "different ways (lesson 5)."
)
ui.playground_link(
    {**ui.TWO_FEATURES, "init": "explicit", "w1": w1, "w2": w2, "b0": b},
    page="pages/inspector.py",
    key="l6_link",
    note=(
        "Opens the step inspector on two-feature data, starting from these w1, w2 and b: "
        "it shows this graph for any example at any step."
    ),
)
