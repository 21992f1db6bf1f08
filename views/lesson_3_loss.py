"""Lesson 3 · The loss: how much one wrong prediction costs."""

import streamlit as st

from logreg_core import lesson_math as core
from logreg_core.figures.lesson_figures import loss_figure
from ui import lesson_parts as ui
from ui.i18n import t
from ui.state import ensure_state

A_MIN = 0.001  # the slider's lower end: the most confidently wrong prediction for y = 1

ensure_state()

st.title(t("lesson3.title"))
st.markdown(t("lesson3.intro"))
st.latex(r"L(a, y) = -\bigl(y \log a + (1 - y) \log(1 - a)\bigr)")
st.markdown(t("lesson3.cases"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    a0 = st.slider(t("lesson3.a"), A_MIN, 1 - A_MIN, 0.8, 0.001, format="%.3f", key="l3_a")
    st.caption(t("lesson3.both_labels"))

a, curves, at = ui.loss_view(a0)
with plot:
    ui.chart(
        loss_figure(
            a,
            curves["L1"],
            curves["L0"],
            curves["SE1"],
            curves["SE0"],
            point_a=a0,
            point_loss=(at["L1"], at["L0"]),
            point_se=(at["SE1"], at["SE0"]),
            texts=ui.figure_texts(),
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

st.subheader(t("lesson3.why_not"))
st.markdown(t("lesson3.why_not_text"))
ce, se = st.columns(2)
ce.markdown(f"**{t('lessons.ce')}**")
ce.latex(r"\frac{dL}{dz} = a - y")
se.markdown(f"**{t('lessons.se')}**")
se.latex(r"\frac{d(a-y)^2}{dz} = 2(a - y)\,a(1 - a)")
ui.readouts(
    [
        (t("lesson3.push_ce", y=1), at["dz_ce1"]),
        (t("lesson3.push_se", y=1), at["dz_se1"]),
        (t("lesson3.push_ce", y=0), at["dz_ce0"]),
        (t("lesson3.push_se", y=0), at["dz_se0"]),
    ]
)
st.markdown(t("lesson3.consequence"))
push_ce, push_se = core.push_on_z(A_MIN, 1)
ui.what_to_try(
    t(
        "lesson3.try",
        a=ui.fmt(A_MIN),
        L=ui.fmt(float(core.loss_of_a(A_MIN, 1))),
        se=ui.fmt(float(core.squared_error(A_MIN, 1))),
        push_ce=ui.fmt(push_ce),
        push_se=ui.fmt(push_se),
    )
)
ui.playground_link(
    {**ui.ONE_FEATURE, "init": "explicit", "w1": -2.0, "b0": 0.0},
    key="l3_link",
    note=t("lesson3.link_note"),
)
