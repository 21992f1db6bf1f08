"""Lesson 4 · Cost and convexity: J over all m examples, and why its shape matters."""

from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from logreg_core.lessons import cost, descent
from logreg_core.lessons.shared import ONE_FEATURE, TWO_FEATURES
from logreg_core.surface import cost_surface
from ui import lesson_page
from ui.i18n import t
from ui.state import DEFAULTS
from ui.texts import fmt

W_COMPARE = -4.0  # where the tip compares the two slopes (b = 0)
#: The playground's own default data, as the Data and Train pages first show
#: it (generated, split, standardized): is there a lowest point of its J?
DEFAULT_DATA: Mapping[str, object] = dict(DEFAULTS)
#: Where the two descents on the trap data start, and how they step.
TRAP_STARTS = (-2.5, 2.0)
TRAP_ALPHA = 1.0
TRAP_STEPS = 1000


@st.cache_data(max_entries=32, show_spinner=False)
def cost_curves(setup: Mapping[str, object], b: float, lo=-6.0, hi=6.0, points=321):
    """The w grid, cross-entropy J(w) and squared-error J_se(w) at fixed b, and their shapes."""
    X, Y = lesson_page.lesson_data(setup)
    w = np.linspace(lo, hi, points)
    return (w, *cost.compare_costs(X, Y, w, b=b))


@st.cache_data(max_entries=8, show_spinner=False)
def bowl(setup: Mapping[str, object], b: float, squared: bool, half: float, points: int = 41):
    """Grid and J(w1, w2) at fixed b: cross-entropy (``cost_surface``) or the squared error."""
    X, Y = lesson_page.lesson_data(setup)
    grid = np.linspace(-half, half, points)
    if squared:
        return grid, cost.squared_error_surface(X, Y, grid, grid, b=b)
    return grid, cost_surface(X, Y, np.zeros((2, 1)), b, grid, grid)


@st.cache_data(max_entries=2, show_spinner=False)
def free_minimum(setup: Mapping[str, object]):
    """The engine's minimum of J(w, b) with b learned too (``cost.separation``, Newton's method)."""
    return cost.separation(*lesson_page.lesson_data(setup))


@st.cache_data(max_entries=4, show_spinner=False)
def rays(overlap: Mapping[str, object], separable: Mapping[str, object]):
    """The engine's verdict on two data sets, and J along each verdict's ray (``cost.rays``)."""
    return cost.rays(lesson_page.lesson_data(overlap), lesson_page.lesson_data(separable))


@st.cache_data(max_entries=2, show_spinner=False)
def trap(lo: float = -6.0, hi: float = 6.0, points: int = 1201):
    """Both costs on the trap data (b = 0), their shapes, and the descents from each start.

    The last value maps (loss, start) to the ``descent.Descent1D`` of that loss
    from that start of :data:`TRAP_STARTS`.
    """
    w = np.linspace(lo, hi, points)
    X, Y = cost.TRAP_X, cost.TRAP_Y
    options = {"b": 0.0, "learning_rate": TRAP_ALPHA, "steps": TRAP_STEPS}
    paths = {
        (name, w0): descent.descend_1d(X, Y, w0, loss=name, **options)
        for name in descent.LOSSES
        for w0 in TRAP_STARTS
    }
    return w, *cost.compare_costs(X, Y, w, b=0.0), paths


def intervals(spans: Sequence[tuple[float, float]]) -> str:
    """Intervals of w in words: "−6 to −0.25 and 1.75 to 6" ("nowhere" when empty)."""
    if not spans:
        return t("lessons.nowhere")
    parts = [t("lessons.interval", lo=fmt(lo, 3), hi=fmt(hi, 3)) for lo, hi in spans]
    if len(parts) == 1:
        return parts[0]
    rest = t("lessons.interval_sep").join(parts[:-1])
    return t("lessons.intervals_last", rest=rest, last=parts[-1])


def _point(verdict) -> str:
    """(w1, w2), b of a verdict, as the text shows them (rounding dust such as 1e-17 shown as 0)."""
    scale = float(np.max(np.abs(np.append(verdict.w, verdict.b))))
    shown = [0.0 if abs(v) < 1e-9 * scale else float(v) for v in np.append(verdict.w, verdict.b)]
    return t("lesson4.point", w=", ".join(fmt(v, 3) for v in shown[:-1]), b=fmt(shown[-1], 3))


def _thin(n: int) -> np.ndarray:
    """Indices of a path of n points to draw: every early step, then fewer, and the last."""
    return np.unique(np.concatenate([np.arange(min(n, 30)), np.arange(30, n, 25), [n - 1]]))


def _bullets(lines: Sequence[str]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines))


lesson_page.opening(
    4,
    r"J(w, b) = \frac{1}{m} \sum_{i=1}^{m} L\bigl(a^{(i)}, y^{(i)}\bigr), \qquad "
    r"a^{(i)} = \sigma\bigl(w^\top x^{(i)} + b\bigr)",
)

X, Y = lesson_page.lesson_data(ONE_FEATURE)
st.markdown(t("lesson4.shape", m=X.shape[1]))
controls, plot = st.columns([1, 4], gap="large")
with controls:
    w0 = st.slider(t("lessons.weight_w"), -6.0, 6.0, -4.0, 0.1, key="l4_w")
    b = st.slider(t("lesson4.b"), -3.0, 3.0, 0.0, 0.5, key="l4_b")
w, J_ce, J_se, shape_ce, shape_se = cost_curves(ONE_FEATURE, b)
at = cost.costs_at(X, Y, w0, b=b)
texts = lesson_page.figure_texts(cost.TEXTS)
with plot:
    fig = cost.convexity_figure(
        w,
        J_ce,
        J_se,
        point_w=w0,
        point_ce=at["J"],
        point_se=at["J_se"],
        concave=shape_se.concave,
        flat=shape_se.flat,
        texts=texts,
    )
    lesson_page.chart(fig, key="l4_figure")

st.caption(t("lesson4.shading"))
lesson_page.readouts(
    [
        (t("lesson4.ce_cost"), at["J"]),
        (t("lesson4.ce_slope"), at["dJ"]),
        (t("lesson4.se_cost"), at["J_se"]),
        (t("lesson4.se_slope"), at["dJ_se"]),
    ]
)
if shape_ce.convex:
    ce_shape = t("lesson4.ce_convex")
else:
    ce_shape = t("lesson4.ce_bends", spans=intervals(shape_ce.concave))
free = free_minimum(ONE_FEATURE)
if len(shape_ce.minima) == 1 and free.verdict == "minimum":
    ce_line = t(
        "lesson4.ce_one_minimum",
        shape=ce_shape,
        w=fmt(descent.minimum_1d(*lesson_page.lesson_data(ONE_FEATURE), b=b).w, 3),
        b=fmt(b),
        w_free=fmt(free.w[0], 3),
        b_free=fmt(free.b, 3),
    )
else:
    ce_line = t("lesson4.ce_minima", shape=ce_shape, count=len(shape_ce.minima))
if shape_se.flat:
    se_flat = t("lesson4.se_flat", spans=intervals(shape_se.flat))
else:
    se_flat = t("lesson4.se_no_flat")
se_line = t("lesson4.se_shape", concave=intervals(shape_se.concave), flat=se_flat)
st.markdown(f"{ce_line}\n{se_line}")
slopes = cost.costs_at(X, Y, W_COMPARE, b=0.0)
ratio = fmt(slopes["dJ"] / slopes["dJ_se"], 2)
lesson_page.what_to_try(t("lesson4.try", w=fmt(W_COMPARE), ratio=ratio))

st.subheader(t("lesson4.bowl"))
st.markdown(t("lesson4.bowl_text", m=TWO_FEATURES["n_samples"]))
loss_names = {name: t(f"lessons.{name}") for name in descent.LOSSES}
loss = st.radio(
    t("lesson4.loss_inside"),
    descent.LOSSES,
    format_func=loss_names.__getitem__,
    horizontal=True,
    key="l4_surface",
)
surfaces = {name: bowl(TWO_FEATURES, 0.0, name == "se", 6.0) for name in descent.LOSSES}
grid, S = surfaces[loss]
title = t("lesson4.bowl_title", loss=loss_names[loss])
lesson_page.chart(cost.bowl_figure(grid, grid, S, title=title, texts=texts), key="l4_bowl")
# the squared error's surface described from its numbers, whichever loss is drawn
se, ce = (cost.surface_extremes(grid, grid, surfaces[name][1]) for name in ("se", "ce"))
shown = {"lo": se["lo"], "hi": se["hi"], "ce_lo": ce["lo"], "ce_hi": ce["hi"]}
shown |= {"hw1": se["hi_at"][0], "hw2": se["hi_at"][1]}
shown |= {"lw1": se["lo_at"][0], "lw2": se["lo_at"][1]}
lesson_page.what_to_try(t("lesson4.bowl_try", **{k: fmt(v, 3) for k, v in shown.items()}))

# ---- convex, but is there a minimum?  The engine's verdict on two data sets ----
st.subheader(t("lesson4.lowest"))
st.markdown(t("lesson4.lowest_text"))
(overlap, separable), ray_t, J_over, J_sep = rays(TWO_FEATURES, DEFAULT_DATA)
m_over = lesson_page.lesson_data(TWO_FEATURES)[0].shape[1]
m_sep = lesson_page.lesson_data(DEFAULT_DATA)[0].shape[1]
panels, marks, lines = [], [], []
if overlap.verdict == "minimum":
    i = int(np.argmin(J_over))
    panels.append((t("lesson4.ray_overlap"), J_over))
    marks.append((1, ray_t[i], J_over[i]))
    lines.append(t("lesson4.has_minimum", m=m_over, point=_point(overlap), J=fmt(overlap.cost)))
if separable.verdict == "separable":
    half = len(ray_t) // 2
    panels.append((t("lesson4.ray_separable"), J_sep))
    lines.append(
        t(
            "lesson4.no_minimum",
            m=m_sep,
            point=_point(separable),
            t1=fmt(ray_t[half], 3),
            J1=fmt(J_sep[half]),
            t2=fmt(ray_t[-1], 3),
            J2=fmt(J_sep[-1]),
        )
    )
if panels:
    fig = cost.ray_figure(ray_t, panels, x_title=t("lesson4.ray_axis"), marks=marks)
    lesson_page.chart(fig, key="l4_rays")
_bullets(lines)
st.markdown(t("lesson4.lowest_rule"))
if separable.verdict == "separable":  # the article's "a single global minimum", corrected
    st.markdown(t("lesson4.article"))

# ---- a data set where the squared error does trap gradient descent ----
st.subheader(t("lesson4.trap"))
w_trap, Jt_ce, Jt_se, trap_ce, trap_se, trap_paths = trap()
st.markdown(t("lesson4.trap_text", m=cost.TRAP_X.shape[1]))
row = r"\;".join
st.latex(
    r"x = (" + row(fmt(v) for v in cost.TRAP_X[0]) + r"),\quad "
    r"y = (" + row(str(int(v)) for v in cost.TRAP_Y[0]) + r"),\quad b = 0"
)
panel = {"ce": 1, "se": 2}
fig = cost.convexity_figure(
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
)
lesson_page.chart(fig, key="l4_trap")
se_ends = [trap_paths["se", w0] for w0 in TRAP_STARTS]
ce_ends = [trap_paths["ce", w0] for w0 in TRAP_STARTS]
_bullets(
    [
        t(
            "lesson4.trap_descent",
            alpha=fmt(TRAP_ALPHA),
            steps=TRAP_STEPS,
            w1=fmt(TRAP_STARTS[0]),
            w2=fmt(TRAP_STARTS[1]),
        ),
        t(
            "lesson4.trap_se",
            count=len(trap_se.minima),
            end1=fmt(se_ends[0].w[-1], 3),
            J1=fmt(se_ends[0].cost[-1]),
            end2=fmt(se_ends[1].w[-1], 3),
            J2=fmt(se_ends[1].cost[-1]),
        ),
        t(
            "lesson4.trap_ce",
            count=len(trap_ce.minima),
            end1=fmt(ce_ends[0].w[-1], 3),
            end2=fmt(ce_ends[1].w[-1], 3),
        ),
    ]
)

# ---- where to start: the article's random W, the playground's choice ----
st.subheader(t("lesson4.start"))
st.markdown(t("lesson4.start_text"))
lesson_page.playground_link(
    4, {**TWO_FEATURES, "init": "explicit", "w1": -4.0, "w2": -4.0, "b0": 0.0}
)
