"""Lesson 5 · Gradient descent in one dimension: follow the slope down J(w)."""

from collections.abc import Mapping

import numpy as np
import streamlit as st

from logreg_core.lessons import cost, descent
from logreg_core.lessons.shared import ONE_FEATURE
from ui import lesson_page
from ui.i18n import t
from ui.texts import fmt

#: The article's two cases: w starts left (case 1) or right (case 2) of the minimum.
STARTS = {"case1": -1.5, "case2": 4.0}
ALPHAS = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0]
#: The α of "what to try", and the steps after which their verdicts are read.
TRY_ALPHAS = (0.03, 3.0, 10.0, 30.0)
TRY_STEPS = 20
STEPS = "l5_steps"  # {"k": steps taken, "for": the (start, α) they were taken with}
#: The word for where w is, by the sign of the slope.
SIDES = {-1.0: "negative", 0.0: "zero", 1.0: "positive"}
#: How each verdict of the descent is shown.
VERDICTS = {
    "start": st.info,
    "converging": st.success,
    "overshooting": st.warning,
    "diverging": st.error,
}


@st.cache_data(max_entries=64, show_spinner=False)
def descend(setup: Mapping[str, object], w0: float, b: float, alpha: float, steps: int):
    """The one-weight descent after ``steps`` steps (recomputed, so no state drifts)."""
    X, Y = lesson_page.lesson_data(setup)
    return descent.descend_1d(X, Y, w0, b=b, learning_rate=alpha, steps=steps)


@st.cache_data(max_entries=32, show_spinner=False)
def cost_curve(setup: Mapping[str, object], b: float, lo: float, hi: float, points: int = 321):
    """The w grid from lo to hi and the cross-entropy J(w) over it, at fixed b."""
    X, Y = lesson_page.lesson_data(setup)
    w = np.linspace(lo, hi, points)
    return w, cost.cost_curve(X, Y, w, b=b)


@st.cache_data(max_entries=32, show_spinner=False)
def limits(setup: Mapping[str, object], w: float, b: float):
    """The ``descent.StepLimits`` on α near w (b fixed) and near the lowest w of J(w).

    Returns the limits over w alone and over (w, b) at w, the lowest w on the
    grid from −6 to 6, and the limits over w alone there.
    """
    X, _ = lesson_page.lesson_data(setup)
    grid, J = cost_curve(setup, b, -6.0, 6.0)
    w_min = float(grid[int(np.argmin(J))])
    return (
        descent.step_limits(X, w, b=b, with_bias=False),
        descent.step_limits(X, w, b=b, with_bias=True),
        w_min,
        descent.step_limits(X, w_min, b=b, with_bias=False),
    )


def _advance(k: int) -> None:
    """Take k more steps (k = 0: back to the start), at most 1,000 in all."""
    taken = st.session_state[STEPS]
    taken["k"] = min(taken["k"] + k, 1000) if k else 0


lesson_page.opening(
    5,
    r"w := w - \alpha \, \frac{\partial J}{\partial w}, \qquad "
    r"b := b - \alpha \, \frac{\partial J}{\partial b}",
)

X, Y = lesson_page.lesson_data(ONE_FEATURE)
st.markdown(t("lesson5.cases", m=X.shape[1]))
steps = st.session_state.setdefault(STEPS, {"k": 0, "for": None})
controls, plot = st.columns([1, 3], gap="large")
with controls:
    start = st.radio(
        t("lesson5.start"),
        list(STARTS),
        format_func={case: t(f"lesson5.{case}") for case in STARTS}.__getitem__,
        key="l5_start",
    )
    alpha = st.select_slider(t("lessons.alpha"), options=ALPHAS, value=1.0, key="l5_alpha")
    if steps["for"] != (start, alpha):  # a new start or α: begin again
        steps["k"], steps["for"] = 0, (start, alpha)
    one, ten = st.columns(2)
    one.button(t("lesson5.one_step"), key="l5_one", on_click=_advance, args=(1,), width="stretch")
    ten.button(t("lesson5.ten_steps"), key="l5_ten", on_click=_advance, args=(10,), width="stretch")
    st.button(t("lesson5.reset"), key="l5_reset", on_click=_advance, args=(0,), width="stretch")

path = descend(ONE_FEATURE, STARTS[start], 0.0, alpha, steps["k"])
lo, hi = descent.curve_range(path.w)
w, J = cost_curve(ONE_FEATURE, 0.0, lo, hi)
tangent_w, tangent_J = descent.tangent_line(
    path.w[-1], path.cost[-1], path.slope[-1], half_width=(hi - lo) / 8
)
slope = float(path.slope[-1])
texts = lesson_page.figure_texts(descent.TEXTS)
with plot:
    fig = descent.descent_figure(
        w,
        J,
        path.w,
        path.cost,
        tangent_w=tangent_w,
        tangent_J=tangent_J,
        slope=slope,
        texts=texts,
    )
    lesson_page.chart(fig, key="l5_figure")
    here, with_bias, w_min, at_min = limits(ONE_FEATURE, float(path.w[-1]), 0.0)
    fig = descent.alpha_limits_figure(
        ALPHAS,
        alpha,
        zigzag=here.zigzag,
        diverge=here.diverge,
        diverge_with_bias=with_bias.diverge,
        texts=texts,
    )
    lesson_page.chart(fig, key="l5_limits")
    st.caption(t("lesson5.limits_caption", zigzag=fmt(here.zigzag), diverge=fmt(here.diverge)))

lesson_page.readouts(
    [
        (t("lesson5.steps"), path.steps),
        ("w", path.w[-1]),
        ("J(w)", path.cost[-1]),
        (t("lesson5.slope"), slope),
        (t("lesson5.next_w"), path.next_w),
    ]
)
where = t(f"lesson5.where_{SIDES[np.sign(slope)]}")
st.markdown(
    t(
        "lesson5.update",
        where=where,
        w=fmt(path.w[-1]),
        alpha=fmt(alpha),
        slope=fmt(slope),
        next=fmt(path.next_w),
    )
)
VERDICTS[path.verdict](t(f"lesson5.verdict_{path.verdict}"))
st.markdown(
    t(
        "lesson5.limits",
        curvature=fmt(here.curvature),
        zigzag=fmt(here.zigzag),
        diverge=fmt(here.diverge),
        w_min=fmt(w_min, 3),
        zigzag_min=fmt(at_min.zigzag),
        diverge_min=fmt(at_min.diverge),
        diverge_wb=fmt(with_bias.diverge),
    )
)
tried = [descend(ONE_FEATURE, STARTS[start], 0.0, a, TRY_STEPS).verdict for a in TRY_ALPHAS]
words = {f"v{k}": t(f"lesson5.word_{v}") for k, v in enumerate(tried, start=1)}
lesson_page.what_to_try(t("lesson5.try_from_start", steps=TRY_STEPS, **words))
lesson_page.playground_link(
    5, {**ONE_FEATURE, "learning_rate": alpha, "init": "explicit", "w1": STARTS[start], "b0": 0.0}
)
