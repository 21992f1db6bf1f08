"""Lesson 2 · The sigmoid: from a score z to a probability a."""

import streamlit as st

from logreg_core.lessons import model, sigmoid
from logreg_core.lessons.shared import ONE_FEATURE
from ui import lesson_page
from ui.i18n import t
from ui.texts import fmt

lesson_page.opening(2, r"a = \sigma(z) = \frac{1}{1 + e^{-z}}, \qquad \sigma(0) = 0.5")
st.markdown(t("lesson2.why"))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    z0 = st.slider(t("lesson2.z"), -10.0, 10.0, 2.0, 0.1, key="l2_z")
    bound = sigmoid.saturation_bound(slope=0.01)
    st.caption(t("lesson2.saturation", bound=fmt(bound)))

z, a, slope, at = sigmoid.curves(z0)
with plot:
    texts = lesson_page.figure_texts(sigmoid.TEXTS)
    fig = sigmoid.sigmoid_figure(
        z, a, slope, point_z=z0, point_a=at["a"], saturation=bound, texts=texts
    )
    lesson_page.chart(fig, key="l2_figure")

lesson_page.readouts(
    [
        ("z", at["z"]),
        ("a = σ(z)", at["a"]),
        ("1 − a = σ(−z)", at["1 - a"]),
        (t("lesson2.slope"), at["slope"]),
        (t("lesson2.odds"), at["odds"]),
    ]
)
st.markdown(t("lesson2.slope_matters"))
lesson_page.what_to_try(t("lesson2.try"))
W_LINK = 4.0  # the steep start the closing link opens
X, _ = lesson_page.lesson_data(ONE_FEATURE)
z_link, _ = model.model_curve(W_LINK, 0.0, X[0])
lesson_page.playground_link(
    2,
    {**ONE_FEATURE, "init": "explicit", "w1": W_LINK, "b0": 0.0},
    count=int(sigmoid.saturated(z_link).sum()),
    m=X.shape[1],
    bound=fmt(bound),
)
