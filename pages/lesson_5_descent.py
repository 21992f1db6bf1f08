"""Lesson 5 · Gradient descent in one dimension: follow the slope down J(w)."""

import streamlit as st

from logreg_core.figures.lessons import descent_figure
from ui import lessons as ui
from ui.state import require_entrypoint

STARTS = {
    "Case 1: w = −1.5, left of the minimum": -1.5,
    "Case 2: w = 4, right of the minimum": 4.0,
}
ALPHAS = [0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0]
STEPS = "l5_steps"  # {"k": steps taken, "for": the (start, α) they were taken with}


def _reset() -> None:
    st.session_state[STEPS]["k"] = 0


def _advance(k: int) -> None:
    st.session_state[STEPS]["k"] = min(st.session_state[STEPS]["k"] + k, 1000)


require_entrypoint("pages/lesson_5_descent.py")

st.title("5 · Gradient descent")
st.markdown(
    "Gradient descent finds the minimum of J by walking downhill. It starts from some w and b "
    "and repeats one update, with a *learning rate* α > 0 that sets the length of each step:"
)
st.latex(
    r"w := w - \alpha \, \frac{\partial J}{\partial w}, \qquad "
    r"b := b - \alpha \, \frac{\partial J}{\partial b}"
)
st.markdown(
    "The derivative ∂J/∂w is the slope of the tangent to J at the current w. "
    "**Case 1:** w is left of the minimum, the slope is negative, so subtracting α times it "
    "*increases* w. **Case 2:** w is right of the minimum, the slope is positive, and w "
    "*decreases*. Either way w moves towards the minimum, and the steps shrink as the slope "
    "flattens. Here b stays fixed at 0, so J depends on w alone (the 40 examples of lesson 1)."
)

X, Y = ui.lesson_data(ui.ONE_FEATURE)
steps = st.session_state.setdefault(STEPS, {"k": 0, "for": None})
controls, plot = st.columns([1, 3], gap="large")
with controls:
    start = st.radio("start", list(STARTS), key="l5_start")
    alpha = st.select_slider("learning rate α", options=ALPHAS, value=1.0, key="l5_alpha")
    if steps["for"] != (start, alpha):  # a new start or α: begin again
        steps["k"], steps["for"] = 0, (start, alpha)
    one, ten = st.columns(2)
    one.button("One step", key="l5_one", on_click=_advance, args=(1,), width="stretch")
    ten.button("10 steps", key="l5_ten", on_click=_advance, args=(10,), width="stretch")
    st.button("Back to the start", key="l5_reset", on_click=_reset, width="stretch")

path, w, J, tangent_w, tangent_J = ui.descent_view(
    ui.ONE_FEATURE, STARTS[start], 0.0, alpha, steps["k"]
)
slope = float(path.slope[-1])
with plot:
    st.plotly_chart(
        descent_figure(
            w,
            J,
            path.w,
            path.cost,
            tangent_w=tangent_w,
            tangent_J=tangent_J,
            slope=slope,
        ),
        width="stretch",
        key="l5_figure",
    )

ui.readouts(
    [
        ("steps taken", path.steps),
        ("w", path.w[-1]),
        ("J(w)", path.cost[-1]),
        ("slope dJ/dw", slope),
        ("next w = w − α·dJ/dw", path.next_w),
    ]
)
if slope < 0:
    where = "negative: w is left of the minimum (case 1), so the next step **increases** w"
elif slope > 0:
    where = "positive: w is right of the minimum (case 2), so the next step **decreases** w"
else:
    where = "zero: w is at the minimum, and the step is 0"
st.markdown(
    f"The slope is {where}: w − α · dJ/dw = {ui.fmt(path.w[-1])} − {ui.fmt(alpha)} · "
    f"({ui.fmt(slope)}) = **{ui.fmt(path.next_w)}**."
)
VERDICTS = {
    "start": (st.info, "Take a step: the red dashed tangent shows which way is downhill."),
    "converging": (st.success, "Converging: every step lowered J, and w closes in on the minimum."),
    "overshooting": (
        st.warning,
        "Overshooting: a step jumped past the minimum (the slope changed sign), yet J still fell "
        "at every step. α is large; the descent zigzags but gets there.",
    ),
    "diverging": (
        st.error,
        "α is too large: a step raised J. Each jump overshoots the minimum and lands higher up "
        "the other side, so w bounces around instead of settling. Gradient descent with a small "
        "enough α never raises J.",
    ),
}
show, text = VERDICTS[path.verdict]
show(text)
ui.what_to_try(
    "With α = 1, take steps from both cases and watch w approach the minimum from either side. "
    "Try α = 0.03: safe but slow. Then α = 3 (a zigzag past the minimum), 10 and 30: J goes "
    "up and w bounces."
)
ui.playground_link(
    {
        **ui.ONE_FEATURE,
        "learning_rate": alpha,
        "init": "explicit",
        "w1": STARTS[start],
        "b0": 0.0,
    },
    key="l5_link",
    note="Opens the training page with this start and this α; there b is learned too.",
)
