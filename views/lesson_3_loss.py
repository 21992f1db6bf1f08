"""Lesson 3 · The loss: how much one wrong prediction costs."""

import streamlit as st

from logreg_core.lessons import loss, model
from logreg_core.lessons.shared import ONE_FEATURE
from ui import lesson_page
from ui.i18n import t
from ui.texts import fmt

A_MIN = 0.001  # the slider's lower end: the most confidently wrong prediction for y = 1

lesson_page.opening(3, r"L(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr)")
st.markdown(t("lesson3.cases"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    a0 = st.slider(t("lesson3.a"), A_MIN, 1 - A_MIN, 0.8, 0.001, format="%.3f", key="l3_a")
    st.caption(t("lesson3.both_labels"))

a, curves, at = loss.curves(a0)
with plot:
    fig = loss.loss_figure(
        a,
        curves["L1"],
        curves["L0"],
        curves["SE1"],
        curves["SE0"],
        point_a=a0,
        point_loss=(at["L1"], at["L0"]),
        point_se=(at["SE1"], at["SE0"]),
        texts=lesson_page.figure_texts(loss.TEXTS),
    )
    lesson_page.chart(fig, key="l3_figure")

lesson_page.readouts(
    [
        ("y = 1: L = −log a", at["L1"]),
        ("y = 1: (a − 1)²", at["SE1"]),
        ("y = 0: L = −log(1 − a)", at["L0"]),
        ("y = 0: a²", at["SE0"]),
    ]
)

st.subheader(t("lesson3.why_not"))
st.markdown(t("lesson3.why_not_text"))
ce, se = st.columns(2)
ce.markdown(f"**{t('lessons.ce')}**")
ce.latex(r"\frac{dL}{dz} = a - y")
se.markdown(f"**{t('lessons.se')}**")
se.latex(r"\frac{d(a-y)^2}{dz} = 2(a - y)\,a(1 - a)")
lesson_page.readouts(
    [
        (t("lesson3.push_ce", y=1), at["dz_ce1"]),
        (t("lesson3.push_se", y=1), at["dz_se1"]),
        (t("lesson3.push_ce", y=0), at["dz_ce0"]),
        (t("lesson3.push_se", y=0), at["dz_se0"]),
    ]
)
st.markdown(t("lesson3.consequence"))
push_ce, push_se = loss.push_on_z(A_MIN, 1)
worst = {"L": loss.loss_of_a(A_MIN, 1), "se": loss.squared_error(A_MIN, 1)}
shown = {"a": A_MIN, "push_ce": push_ce, "push_se": push_se, **worst}
lesson_page.what_to_try(t("lesson3.try", **{name: fmt(float(v)) for name, v in shown.items()}))
W_LINK = -2.0  # the wrong-way start the closing link opens
X, Y = lesson_page.lesson_data(ONE_FEATURE)
_, accuracy = model.fit_of(X, Y, [W_LINK], b=0.0)
m = X.shape[1]
lesson_page.playground_link(
    3,
    {**ONE_FEATURE, "init": "explicit", "w1": W_LINK, "b0": 0.0},
    wrong=m - round(accuracy * m),
    m=m,
)
