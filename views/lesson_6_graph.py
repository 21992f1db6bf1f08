"""Lesson 6 · The computational graph of one example: forward values, backward derivatives."""

import streamlit as st

from logreg_core.figures.graph import graph_figure
from logreg_core.lessons import graph
from logreg_core.lessons.shared import TWO_FEATURES
from ui import lesson_page
from ui.i18n import t
from ui.texts import graph_texts, tex

lesson_page.opening(
    6,
    r"z = w_1 x_1 + w_2 x_2 + b \;\longrightarrow\; a = \sigma(z) \;\longrightarrow\; "
    r"L(a, y) = -\bigl(y \log a + (1 - y)\log(1 - a)\bigr)",
)

example, params = st.columns(2, gap="large")
with example:
    st.markdown(t("lesson6.example"))
    c1, c2, c3 = st.columns(3)
    x1 = c1.number_input("x1", -10.0, 10.0, 1.0, 0.1, key="l6_x1")
    x2 = c2.number_input("x2", -10.0, 10.0, 1.5, 0.1, key="l6_x2")
    y = c3.selectbox(t("lesson6.y"), [1, 0], key="l6_y")
with params:
    st.markdown(t("lesson6.parameters"))
    c1, c2, c3 = st.columns(3)
    w1 = c1.number_input("w1", -10.0, 10.0, 0.5, 0.1, key="l6_w1")
    w2 = c2.number_input("w2", -10.0, 10.0, -0.3, 0.1, key="l6_w2")
    b = c3.number_input("b", -10.0, 10.0, 0.1, 0.1, key="l6_b")

v = graph.chain_rule([x1, x2], [w1, w2], b, y)  # one case: the numbers the inspector shows
z, a, loss, da, dadz, dz, db = (float(f[0]) for f in (v.z, v.a, v.loss, v.da, v.dadz, v.dz, v.db))
dw = v.dw[:, 0]
# the very graph the step inspector draws (forward values black, backward red), its words too
fig = graph_figure(x=[x1, x2], w=[w1, w2], b=b, y=y, values=v, texts=graph_texts())
lesson_page.chart(fig, key="l6_figure")

lesson_page.readouts([("z", z), ("a", a), ("L", loss), ("da", da)])
lesson_page.readouts([("dz", dz), ("dw1", dw[0]), ("dw2", dw[1]), ("db", db)])

st.markdown(t("lesson6.forward"))
st.latex(
    rf"z = {tex(w1, paren=True)}\cdot{tex(x1, paren=True)} + {tex(w2, paren=True)}\cdot"
    rf"{tex(x2, paren=True)} + {tex(b, paren=True)} = {tex(z)}"
)
st.latex(rf"a = \sigma(z) = \frac{{1}}{{1 + e^{{-z}}}} = {tex(a)}")
st.latex(rf"L = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr) = {tex(loss)}")
st.markdown(t("lesson6.backward"))
st.latex(
    rf"da = \frac{{\partial L}}{{\partial a}} = -\frac{{y}}{{a}} + \frac{{1 - y}}{{1 - a}} "
    rf"= {tex(da)}"
)
st.latex(
    rf"dz = \frac{{\partial L}}{{\partial z}} = \frac{{\partial L}}{{\partial a}} \cdot "
    rf"\frac{{\partial a}}{{\partial z}} = da \cdot a(1 - a) = "
    rf"{tex(da, paren=True)} \cdot {tex(dadz, paren=True)} = {tex(da * dadz)}"
)
st.latex(rf"dz = a - y = {tex(a)} - {y} = {tex(dz)}")
st.latex(
    rf"dw_1 = \frac{{\partial L}}{{\partial w_1}} = \frac{{\partial L}}{{\partial z}} \cdot "
    rf"\frac{{\partial z}}{{\partial w_1}} = x_1\, dz = {tex(dw[0])}, \quad "
    rf"dw_2 = x_2\, dz = {tex(dw[1])}, \quad "
    rf"db = \frac{{\partial L}}{{\partial b}} = dz = {tex(db)}"
)
st.markdown(t("lesson6.agree"))

st.subheader(t("lesson6.one_step"))
alpha = st.select_slider(
    t("lessons.alpha"), options=[0.01, 0.1, 0.5, 1.0, 2.0, 5.0], value=0.5, key="l6_alpha"
)
step = graph.one_step([x1, x2], [w1, w2], b, y, alpha)
w_new, b_new, loss_new = step.w[-1], float(step.b[-1]), float(step.cost[-1])
st.latex(
    rf"w_1 := w_1 - \alpha\, dw_1 = {tex(w_new[0])}, \quad "
    rf"w_2 := w_2 - \alpha\, dw_2 = {tex(w_new[1])}, \quad "
    rf"b := b - \alpha\, db = {tex(b_new)}"
)
lesson_page.readouts([(t("lesson6.loss_before"), loss), (t("lesson6.loss_after"), loss_new)])
lesson_page.what_to_try(t("lesson6.try"))
lesson_page.playground_link(
    6, {**TWO_FEATURES, "init": "explicit", "w1": w1, "w2": w2, "b0": b}, page="views/inspector.py"
)
