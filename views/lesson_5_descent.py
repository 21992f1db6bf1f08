"""Lesson 5 · Gradient descent in one dimension: follow the slope down J(w)."""

from collections.abc import Mapping
from itertools import groupby

import numpy as np
import streamlit as st

from logreg_core.lessons import cost, descent
from logreg_core.lessons.shared import ONE_FEATURE
from logreg_core.separation import separation
from ui import lesson_page
from ui.i18n import t
from ui.texts import fmt

#: The article's two cases: w starts left (case 1) or right (case 2) of the minimum.
STARTS = {"case1": -1.5, "case2": 4.0}
ALPHAS = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0]
STEPS = "l5_steps"  # {"k": steps taken, "for": the (start, α) they were taken with}
#: The word for where w is, by the sign of the slope.
SIDES = {-1.0: "negative", 0.0: "zero", 1.0: "positive"}
#: How each long-run verdict of the descent (``descent.Outcome.kind``) is shown.
VERDICTS = {
    "settles_one_side": st.success,
    "settles_jumping": st.success,
    "oscillates": st.warning,
    "grows": st.error,
}


@st.cache_data(max_entries=64, show_spinner=False)
def descend(setup: Mapping[str, object], w0: float, b: float, alpha: float, steps: int):
    """The one-weight descent after ``steps`` steps (recomputed, so no state drifts)."""
    X, Y = lesson_page.lesson_data(setup)
    return descent.descend_1d(X, Y, w0, b=b, learning_rate=alpha, steps=steps)


@st.cache_data(max_entries=4, show_spinner=False)
def long_runs(setup: Mapping[str, object], w0: float, b: float):
    """What the descent from w0 does over ``descent.LONG_RUN`` steps, for each α of ALPHAS."""
    X, Y = lesson_page.lesson_data(setup)
    return dict(zip(ALPHAS, descent.outcomes(X, Y, w0, ALPHAS, b=b), strict=True))


@st.cache_data(max_entries=32, show_spinner=False)
def cost_curve(setup: Mapping[str, object], b: float, lo: float, hi: float, points: int = 321):
    """The w grid from lo to hi and the cross-entropy J(w) over it, at fixed b."""
    X, Y = lesson_page.lesson_data(setup)
    w = np.linspace(lo, hi, points)
    return w, cost.cost_curve(X, Y, w, b=b)


@st.cache_data(max_entries=2, show_spinner=False)
def minima(setup: Mapping[str, object], b: float):
    """The minimum of J(w) at this b (``descent.Minimum1D``), and of J(w, b) with its limits.

    The last two are ``separation``'s verdict (w and b learned, as in the
    playground) and the ``descent.StepLimits`` over (w, b) there.
    """
    X, Y = lesson_page.lesson_data(setup)
    both = separation(X, Y)
    return (
        descent.minimum_1d(X, Y, b=b),
        both,
        descent.step_limits(X, both.w, b=both.b) if both.verdict == "minimum" else None,
    )


@st.cache_data(max_entries=4, show_spinner=False)
def far_jump(setup: Mapping[str, object], w0: float, b: float):
    """``descent.far_jump`` from w0 over the α of ALPHAS (None when no α jumps so)."""
    X, Y = lesson_page.lesson_data(setup)
    return descent.far_jump(X, Y, w0, ALPHAS, b=b)


def _advance(k: int) -> None:
    """Take k more steps (k = 0: back to the start), at most 1,000 in all."""
    taken = st.session_state[STEPS]
    taken["k"] = min(taken["k"] + k, 1000) if k else 0


def _alphas(values) -> str:
    """A list of α as the text writes it: "0.03, 0.1, 0.3"."""
    return t("lesson5.alpha_sep").join(fmt(a) for a in values)


lesson_page.opening(
    5,
    r"w := w - \alpha \, \frac{\partial J}{\partial w}, \qquad "
    r"b := b - \alpha \, \frac{\partial J}{\partial b}",
)

X, Y = lesson_page.lesson_data(ONE_FEATURE)
lowest, both, at_both = minima(ONE_FEATURE, 0.0)
st.markdown(t("lesson5.cases"))
if both.verdict == "minimum":
    st.markdown(
        t(
            "lesson5.fixed_b",
            m=X.shape[1],
            w_star=fmt(lowest.w, 3),
            J_star=fmt(lowest.cost),
            w_wb=fmt(both.w[0], 3),
            b_wb=fmt(both.b, 3),
            J_wb=fmt(both.cost),
        )
    )
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
at_min = lowest.limits
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
    fig = descent.alpha_limits_figure(
        ALPHAS,
        alpha,
        zigzag=at_min.zigzag,
        diverge=at_min.diverge,
        diverge_with_bias=None if at_both is None else at_both.diverge,
        texts=texts,
    )
    lesson_page.chart(fig, key="l5_limits")
    st.caption(
        t(
            "lesson5.limits_caption",
            w_star=fmt(lowest.w, 3),
            zigzag=fmt(at_min.zigzag),
            diverge=fmt(at_min.diverge),
        )
    )

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
runs = long_runs(ONE_FEATURE, STARTS[start], 0.0)
run = runs[alpha]
if path.steps == 0:
    st.info(t("lesson5.verdict_start"))
else:
    VERDICTS[run.kind](
        t(
            f"lesson5.verdict_{run.kind}",
            steps=f"{run.steps:,}",
            tail=f"{run.tail:,}",
            step=run.first_jump,
            w_star=fmt(lowest.w, 3),
            J_star=fmt(lowest.cost),
            w_low=fmt(run.w_low, 3),
            w_high=fmt(run.w_high, 3),
            J_low=fmt(run.cost_low),
            J_high=fmt(run.cost_high),
            J_mean=fmt(run.cost_mean),
            J_start=fmt(run.cost_start),
        )
    )
st.markdown(
    t(
        "lesson5.limits",
        k_star=fmt(at_min.curvature),
        zigzag_star=fmt(at_min.zigzag),
        diverge_star=fmt(at_min.diverge),
    )
)
jump = far_jump(ONE_FEATURE, STARTS[start], 0.0)
if jump is not None:
    st.markdown(
        t(
            "lesson5.limits_far",
            w0=fmt(jump.w0),
            k0=fmt(jump.limits.curvature),
            zigzag0=fmt(jump.limits.zigzag),
            alpha=fmt(jump.learning_rate),
            w1=fmt(jump.w1),
            k_star=fmt(at_min.curvature),
            bowl_min=fmt(jump.bowl_min, 3),
            w_star=fmt(lowest.w, 3),
        )
    )
if at_both is not None:
    st.markdown(t("lesson5.limits_bias", diverge_wb=fmt(at_both.diverge)))

groups = groupby(ALPHAS, key=lambda a: runs[a].kind)
verdicts = t("lesson5.try_sep").join(
    t("lesson5.try_group", alphas=_alphas(group), word=t(f"lesson5.word_{kind}"))
    for kind, group in groups
)
other = long_runs(ONE_FEATURE, STARTS["case2" if start == "case1" else "case1"], 0.0)
differ = [a for a in ALPHAS if other[a].kind != runs[a].kind]
lesson_page.what_to_try(
    t(
        "lesson5.try_from_start" if differ else "lesson5.try_from_start_same",
        steps=f"{descent.LONG_RUN:,}",
        verdicts=verdicts,
        differ=_alphas(differ),
    )
)
lesson_page.playground_link(
    5, {**ONE_FEATURE, "learning_rate": alpha, "init": "explicit", "w1": STARTS[start], "b0": 0.0}
)
