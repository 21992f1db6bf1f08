"""Lesson 5 · Gradient descent in one dimension: follow the slope down J(w)."""

import streamlit as st

from logreg_core.figures.derive import alpha_limits_figure
from logreg_core.figures.lesson_figures import descent_figure
from ui import lesson_parts as ui
from ui.i18n import t
from ui.state import ensure_state

#: The article's two cases: w starts left (case 1) or right (case 2) of the minimum.
STARTS = {"case1": -1.5, "case2": 4.0}
ALPHAS = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0]
#: The α of "what to try", and the steps after which their verdicts are read.
TRY_ALPHAS = (0.03, 3.0, 10.0, 30.0)
TRY_STEPS = 20
STEPS = "l5_steps"  # {"k": steps taken, "for": the (start, α) they were taken with}
#: How each verdict of the descent is shown.
VERDICTS = {
    "start": st.info,
    "converging": st.success,
    "overshooting": st.warning,
    "diverging": st.error,
}


def _reset() -> None:
    st.session_state[STEPS]["k"] = 0


def _advance(k: int) -> None:
    st.session_state[STEPS]["k"] = min(st.session_state[STEPS]["k"] + k, 1000)


ensure_state()

st.title(t("lesson5.title"))
st.markdown(t("lesson5.intro"))
st.latex(
    r"w := w - \alpha \, \frac{\partial J}{\partial w}, \qquad "
    r"b := b - \alpha \, \frac{\partial J}{\partial b}"
)

X, Y = ui.lesson_data(ui.ONE_FEATURE)
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
    st.button(t("lesson5.reset"), key="l5_reset", on_click=_reset, width="stretch")

path, w, J, tangent_w, tangent_J = ui.descent_view(
    ui.ONE_FEATURE, STARTS[start], 0.0, alpha, steps["k"]
)
slope = float(path.slope[-1])
with plot:
    ui.chart(
        descent_figure(
            w,
            J,
            path.w,
            path.cost,
            tangent_w=tangent_w,
            tangent_J=tangent_J,
            slope=slope,
            texts=ui.figure_texts(),
        ),
        width="stretch",
        key="l5_figure",
    )
    here, with_bias, w_min, at_min = ui.limits_view(ui.ONE_FEATURE, float(path.w[-1]), 0.0)
    ui.chart(
        alpha_limits_figure(
            ALPHAS,
            alpha,
            zigzag=here.zigzag,
            diverge=here.diverge,
            diverge_with_bias=with_bias.diverge,
            texts=ui.derive_texts(),
        ),
        width="stretch",
        key="l5_limits",
    )
    st.caption(
        t("lesson5.limits_caption", zigzag=ui.fmt(here.zigzag), diverge=ui.fmt(here.diverge))
    )

ui.readouts(
    [
        (t("lesson5.steps"), path.steps),
        ("w", path.w[-1]),
        ("J(w)", path.cost[-1]),
        (t("lesson5.slope"), slope),
        (t("lesson5.next_w"), path.next_w),
    ]
)
if slope < 0:
    where = t("lesson5.where_negative")
elif slope > 0:
    where = t("lesson5.where_positive")
else:
    where = t("lesson5.where_zero")
st.markdown(
    t(
        "lesson5.update",
        where=where,
        w=ui.fmt(path.w[-1]),
        alpha=ui.fmt(alpha),
        slope=ui.fmt(slope),
        next=ui.fmt(path.next_w),
    )
)
VERDICTS[path.verdict](t(f"lesson5.verdict_{path.verdict}"))
st.markdown(
    t(
        "lesson5.limits",
        curvature=ui.fmt(here.curvature),
        zigzag=ui.fmt(here.zigzag),
        diverge=ui.fmt(here.diverge),
        w_min=ui.fmt(w_min, 3),
        zigzag_min=ui.fmt(at_min.zigzag),
        diverge_min=ui.fmt(at_min.diverge),
        diverge_wb=ui.fmt(with_bias.diverge),
    )
)
tried = ui.verdicts(ui.ONE_FEATURE, STARTS[start], 0.0, TRY_ALPHAS, TRY_STEPS)
words = {f"v{k}": t(f"lesson5.word_{v}") for k, v in enumerate(tried, start=1)}
ui.what_to_try(t("lesson5.try_from_start", steps=TRY_STEPS, **words))
ui.playground_link(
    {
        **ui.ONE_FEATURE,
        "learning_rate": alpha,
        "init": "explicit",
        "w1": STARTS[start],
        "b0": 0.0,
    },
    key="l5_link",
    note=t("lesson5.link_note"),
)
