"""Lesson 4 · Cost and convexity: J over all m examples, and why its shape matters."""

import numpy as np
import streamlit as st

from logreg_core import lesson_math as core
from logreg_core.figures.lesson_figures import bowl_figure, convexity_figure, ray_figure
from ui import lesson_parts as ui
from ui.i18n import t
from ui.state import ensure_state

LOSSES = ("ce", "se")  # cross-entropy, squared error: the loss inside J of the bowl
W_COMPARE = -4.0  # where the tip compares the two slopes (b = 0)

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
X1, Y1 = ui.lesson_data(ui.ONE_FEATURE)
pull = core.costs_at(X1, Y1, W_COMPARE, b=0.0)
ui.what_to_try(t("lesson4.try", w=ui.fmt(W_COMPARE), ratio=ui.fmt(pull["dJ"] / pull["dJ_se"], 2)))

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


def _point(verdict) -> str:
    """(w1, w2), b of a verdict, as the text shows them (rounding dust such as 1e-17 shown as 0)."""
    scale = float(np.max(np.abs(np.append(verdict.w, verdict.b))))
    shown = [0.0 if abs(v) < 1e-9 * scale else float(v) for v in np.append(verdict.w, verdict.b)]
    return t("lesson4.point", w=", ".join(ui.fmt(v, 3) for v in shown[:-1]), b=ui.fmt(shown[-1], 3))


def _thin(n: int) -> np.ndarray:
    """Indices of a path of n points to draw: every early step, then fewer, and the last."""
    return np.unique(np.concatenate([np.arange(min(n, 30)), np.arange(30, n, 25), [n - 1]]))


# ---- convex, but is there a lowest point?  The engine's verdict on two data sets ----
st.subheader(t("lesson4.lowest"))
st.markdown(t("lesson4.lowest_text"))
(overlap, separable), ray_t, J_over, J_sep = ui.rays(ui.TWO_FEATURES, ui.DEFAULT_DATA)
m_over = ui.lesson_data(ui.TWO_FEATURES)[0].shape[1]
m_sep = ui.lesson_data(ui.DEFAULT_DATA)[0].shape[1]
panels, marks, lines = [], [], []
if overlap.verdict == "minimum":
    i = int(np.argmin(J_over))
    panels.append((t("lesson4.ray_overlap"), J_over))
    marks.append((1, ray_t[i], J_over[i]))
    lines.append(t("lesson4.has_minimum", m=m_over, point=_point(overlap), J=ui.fmt(overlap.cost)))
if separable.verdict == "separable":
    panels.append((t("lesson4.ray_separable"), J_sep))
    lines.append(
        t(
            "lesson4.no_minimum",
            m=m_sep,
            point=_point(separable),
            t1=ui.fmt(ray_t[len(ray_t) // 2], 3),
            J1=ui.fmt(J_sep[len(ray_t) // 2]),
            t2=ui.fmt(ray_t[-1], 3),
            J2=ui.fmt(J_sep[-1]),
        )
    )
if panels:
    ui.chart(
        ray_figure(ray_t, panels, x_title=t("lesson4.ray_axis"), marks=marks),
        width="stretch",
        key="l4_rays",
    )
st.markdown("\n".join(f"- {line}" for line in lines))
st.markdown(t("lesson4.lowest_rule"))

# ---- a data set where the squared error does trap gradient descent ----
st.subheader(t("lesson4.trap"))
w_trap, Jt_ce, Jt_se, trap_ce, trap_se, trap_paths = ui.trap_view()
st.markdown(t("lesson4.trap_text", m=core.TRAP_X.shape[1]))
row = r"\;".join
st.latex(
    r"x = (" + row(ui.fmt(v) for v in core.TRAP_X[0]) + r"),\quad "
    r"y = (" + row(str(int(v)) for v in core.TRAP_Y[0]) + r"),\quad b = 0"
)
panel = {"ce": 1, "se": 2}
ui.chart(
    convexity_figure(
        w_trap,
        Jt_ce,
        Jt_se,
        point_w=None,
        concave=trap_se.concave,
        flat=trap_se.flat,
        paths=[
            (panel[loss], d.w[_thin(d.w.size)], d.cost[_thin(d.w.size)])
            for (loss, _), d in trap_paths.items()
        ],
        texts=texts,
    ),
    width="stretch",
    key="l4_trap",
)
starts = ui.TRAP_STARTS
se_ends = [trap_paths["se", w0] for w0 in starts]
ce_ends = [trap_paths["ce", w0] for w0 in starts]
trap_lines = [
    t(
        "lesson4.trap_descent",
        alpha=ui.fmt(ui.TRAP_ALPHA),
        steps=ui.TRAP_STEPS,
        w1=ui.fmt(starts[0]),
        w2=ui.fmt(starts[1]),
    ),
    t(
        "lesson4.trap_se",
        count=len(trap_se.minima),
        end1=ui.fmt(se_ends[0].w[-1], 3),
        J1=ui.fmt(se_ends[0].cost[-1]),
        end2=ui.fmt(se_ends[1].w[-1], 3),
        J2=ui.fmt(se_ends[1].cost[-1]),
    ),
    t(
        "lesson4.trap_ce",
        count=len(trap_ce.minima),
        end1=ui.fmt(ce_ends[0].w[-1], 3),
        end2=ui.fmt(ce_ends[1].w[-1], 3),
    ),
]
st.markdown("\n".join(f"- {line}" for line in trap_lines))

# ---- where to start: the article's random W, the playground's choice ----
st.subheader(t("lesson4.start"))
st.markdown(t("lesson4.start_text"))
ui.playground_link(
    {**ui.TWO_FEATURES, "init": "explicit", "w1": -4.0, "w2": -4.0, "b0": 0.0},
    key="l4_link",
    note=t("lesson4.link_note"),
)
