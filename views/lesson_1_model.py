"""Lesson 1 · The model: y' = P(y = 1 | x) = σ(wᵀx + b), moved by hand on one feature."""

import numpy as np
import streamlit as st

from logreg_core.lessons import model
from logreg_core.lessons.shared import ONE_FEATURE
from ui import lesson_page
from ui.i18n import t
from ui.texts import fmt

lesson_page.opening(
    1, r"y' = P(y = 1 \mid x) = \sigma(w^\top x + b), \qquad z = w^\top x + b,\quad a = \sigma(z)"
)
st.markdown(t("lesson1.matrix"))

X, Y = lesson_page.lesson_data(ONE_FEATURE)
lo, hi = model.data_range(X)
n, m = X.shape
st.caption(t("lesson1.here", n=n, m=m))

controls, plot = st.columns([1, 3], gap="large")
with controls:
    w = st.slider(t("lessons.weight_w"), -5.0, 5.0, 1.0, 0.1, key="l1_w")
    b = st.slider(t("lessons.bias_b"), -5.0, 5.0, 0.0, 0.1, key="l1_b")
    x0 = st.slider(t("lesson1.x"), lo, hi, 1.5, 0.1, key="l1_x")

z0, a0 = (float(v[0]) for v in model.model_curve(w, b, [x0]))
curve_x = np.linspace(lo, hi, 301)
_, curve_a = model.model_curve(w, b, curve_x)
J, acc = model.fit_of(X, Y, [w], b=b)
with plot:
    fig = model.one_feature_figure(
        X[0],
        Y[0],
        curve_x,
        curve_a,
        point_x=x0,
        point_a=a0,
        boundary=model.decision_point(w, b),
        texts=lesson_page.figure_texts(model.TEXTS),
    )
    lesson_page.chart(fig, key="l1_figure")

prediction, cost = t("lesson1.prediction"), t("lesson1.cost")
lesson_page.readouts(
    [("z = w·x + b", z0), ("a = σ(z)", a0), (prediction, int(a0 >= 0.5)), (cost, J)],
    help={prediction: t("lesson1.prediction_help"), cost: t("lesson1.cost_help", m=m)},
)
shown = {"x": x0, "w": w, "b": b, "z": z0, "a": a0, "acc": 100 * acc}
st.markdown(t("lesson1.reading", m=m, **{name: fmt(v) for name, v in shown.items()}))
lesson_page.what_to_try(t("lesson1.try"))

st.subheader(t("lesson1.neuron"))
st.markdown(t("lesson1.neuron_text"))
neuron = model.neuron_figure([x0], [w], b, texts=lesson_page.figure_texts(model.NEURON_TEXTS))
lesson_page.chart(neuron, key="l1_neuron")
st.markdown(t("lesson1.activation", scenario=t("presets.xor_line.title")))
lesson_page.playground_link(1, {**ONE_FEATURE, "init": "explicit", "w1": w, "b0": b}, m=m)
