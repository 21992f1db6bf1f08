"""Lesson 4 · Cost and convexity: J over all m examples, and why its shape matters."""

import streamlit as st

from logreg_core.figures.lessons import bowl_figure, convexity_figure
from ui import lessons as ui
from ui.i18n import t
from ui.state import ensure_state

LOSSES = ("ce", "se")  # cross-entropy, squared error: the loss inside J of the bowl

ensure_state()

st.title(t("lesson4.title"))
st.markdown(t("lesson4.intro"))
st.latex(
    r"J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L\bigl(a^{(i)}, y^{(i)}\bigr), \qquad "
    r"a^{(i)} = \sigma\bigl(w^\top x^{(i)} + b\bigr)"
)

X, Y = ui.lesson_data(ui.ONE_FEATURE)
st.markdown(t("lesson4.shape", m=X.shape[1]))
controls, plot = st.columns([1, 4], gap="large")
with controls:
    w0 = st.slider(t("lessons.weight_w"), -6.0, 6.0, -4.0, 0.1, key="l4_w")
    b = st.slider(t("lesson4.b"), -3.0, 3.0, 0.0, 0.5, key="l4_b")
w, J_ce, J_se, shape_ce, shape_se, at = ui.cost_view(ui.ONE_FEATURE, w0, b)
texts = ui.figure_texts()
with plot:
    ui.chart(
        convexity_figure(
            w,
            J_ce,
            J_se,
            point_w=w0,
            point_ce=at["J"],
            point_se=at["J_se"],
            concave=shape_se.concave,
            flat=shape_se.flat,
            texts=texts,
        ),
        width="stretch",
        key="l4_figure",
    )

st.caption(t("lesson4.shading"))
ui.readouts(
    [
        (t("lesson4.ce_cost"), at["J"]),
        (t("lesson4.ce_slope"), at["dJ"]),
        (t("lesson4.se_cost"), at["J_se"]),
        (t("lesson4.se_slope"), at["dJ_se"]),
    ]
)
ce_shape = (
    t("lesson4.ce_convex")
    if shape_ce.convex
    else t("lesson4.ce_bends", spans=ui.intervals(shape_ce.concave))
)
if len(shape_ce.minima) == 1:
    ce_line = t("lesson4.ce_one_minimum", shape=ce_shape, w=ui.fmt(shape_ce.minima[0], 3))
else:
    ce_line = t("lesson4.ce_minima", shape=ce_shape, count=len(shape_ce.minima))
se_flat = (
    t("lesson4.se_flat", spans=ui.intervals(shape_se.flat))
    if shape_se.flat
    else t("lesson4.se_no_flat")
)
se_line = t("lesson4.se_shape", concave=ui.intervals(shape_se.concave), flat=se_flat)
st.markdown(f"{ce_line}\n{se_line}")
ui.what_to_try(t("lesson4.try"))

st.subheader(t("lesson4.bowl"))
st.markdown(t("lesson4.bowl_text", m=ui.TWO_FEATURES["n_samples"]))
loss_names = {name: t(f"lessons.{name}") for name in LOSSES}
loss = st.radio(
    t("lesson4.loss_inside"),
    LOSSES,
    format_func=loss_names.__getitem__,
    horizontal=True,
    key="l4_surface",
)
grid, S = ui.bowl(ui.TWO_FEATURES, 0.0, loss == "se", 6.0)
ui.chart(
    bowl_figure(grid, grid, S, title=t("lesson4.bowl_title", loss=loss_names[loss]), texts=texts),
    width="stretch",
    key="l4_bowl",
)
ui.what_to_try(t("lesson4.bowl_try"))
ui.playground_link(
    {**ui.TWO_FEATURES, "init": "explicit", "w1": -4.0, "w2": -4.0, "b0": 0.0},
    key="l4_link",
    note=t("lesson4.link_note"),
)
