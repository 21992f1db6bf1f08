"""Lesson 2 · The sigmoid: from a score z to a probability a."""

import streamlit as st

from logreg_core import lesson_math as core
from logreg_core.figures.lesson_figures import sigmoid_figure
from ui import lesson_parts as ui
from ui.i18n import t
from ui.state import ensure_state

ensure_state()

st.title(t("lesson2.title"))
st.markdown(t("lesson2.intro"))
st.latex(r"a = \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma(0) = 0.5")
st.markdown(t("lesson2.why"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    z0 = st.slider(t("lesson2.z"), -10.0, 10.0, 2.0, 0.1, key="l2_z")
    bound = core.saturation_bound(slope=0.01)
    st.caption(t("lesson2.saturation", bound=ui.fmt(bound)))

z, a, slope, at = ui.sigmoid_view(z0)
with plot:
    ui.chart(
        sigmoid_figure(
            z,
            a,
            slope,
            point_z=z0,
            point_a=at["a"],
            saturation=bound,
            texts=ui.figure_texts(),
        ),
        width="stretch",
        key="l2_figure",
    )

ui.readouts(
    [
        ("z", at["z"]),
        ("a = σ(z)", at["a"]),
        ("1 − a = σ(−z)", at["1 - a"]),
        (t("lesson2.slope"), at["slope"]),
        (t("lesson2.odds"), at["odds"]),
    ]
)
st.markdown(t("lesson2.slope_matters"))
ui.what_to_try(t("lesson2.try"))
ui.playground_link(
    {**ui.ONE_FEATURE, "init": "explicit", "w1": 4.0, "b0": 0.0},
    key="l2_link",
    note=t("lesson2.link_note"),
)
