"""Glue shared by the eight lesson pages: data, cached engine calls, readouts, the playground link.

The lessons draw their data through :func:`logreg_core.pipeline.prepare`, the
same path the playground follows, from setups written in the playground's own
keys (:data:`ui.state.DEFAULTS`).  So "open in the playground" hands over the
very data the lesson showed: same kind, size, noise and seed, no test split,
no standardizing.

Every word comes from the catalogues through :func:`ui.i18n.t`: the shared
words of the lessons are the ``[lessons]`` table, each page has its own
(``[lesson1]`` … ``[lesson8]``), and the figures' words are ``[figures_lessons]``
(:func:`figure_texts`).
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from logreg_core import lesson_math as core
from logreg_core.figures.derive import DERIVE_TEXT_KEYS
from logreg_core.figures.graph import graph_figure
from logreg_core.figures.lesson_figures import TEXTS as FIGURE_TEXTS
from logreg_core.model import propagate, sigmoid
from logreg_core.pipeline import prepare
from logreg_core.surface import cost_surface
from logreg_core.train import History, StopPoints, stop_points, train
from ui.i18n import t
from ui.presenter import present
from ui.state import DEFAULTS, apply_setup
from ui.texts import graph_texts

__all__ = [
    "DEFAULT_DATA",
    "ONE_FEATURE",
    "TRAP_STARTS",
    "TWO_FEATURES",
    "bowl",
    "chart",
    "cost_curves",
    "cost_view",
    "data_range",
    "derive_texts",
    "descent",
    "descent_view",
    "figure_texts",
    "fmt",
    "graph",
    "intervals",
    "lesson_data",
    "limits_view",
    "line",
    "loop_view",
    "loss_view",
    "one_step",
    "playground_link",
    "rays",
    "readouts",
    "sigmoid_view",
    "stop_run",
    "tex",
    "training",
    "trap_view",
    "verdicts",
    "what_to_try",
]

fmt = core.fmt

#: The one-feature data of lessons 1, 4 and 5: two overlapping classes
#: (y = 0 around −0.5, y = 1 around 1.5), 40 examples, all used for training.
ONE_FEATURE: Mapping[str, object] = {
    "source": "generated",
    "kind": "one_feature",
    "n_samples": 40,
    "noise": 2.0,
    "balance": 0.5,
    "seed": 0,
    "test_share": 0.0,
    "features": ("x1",),
    "standardize": False,
}

#: The two-feature data of lessons 4 (the bowl), 7 and 8: overlapping blobs.
TWO_FEATURES: Mapping[str, object] = {
    "source": "generated",
    "kind": "gauss",
    "n_samples": 200,
    "noise": None,
    "balance": 0.5,
    "seed": 0,
    "test_share": 0.0,
    "features": ("x1", "x2"),
    "standardize": False,
}

#: The playground's own default data, as the Data and Train pages first show
#: it (generated, split, standardized): lesson 4 asks whether its J has a
#: lowest point.
DEFAULT_DATA: Mapping[str, object] = dict(DEFAULTS)

#: Where lesson 4's two descents on the trap data start, and how they step.
TRAP_STARTS = (-2.5, 2.0)
TRAP_ALPHA = 1.0
TRAP_STEPS = 1000

#: The pages a lesson can open.
PLAYGROUND_PAGES = ("views/data.py", "views/train.py", "views/inspector.py")


@st.cache_data(max_entries=16, show_spinner=False)
def lesson_data(setup: Mapping[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """X of shape (n, m) and Y of shape (1, m) for a setup, through the playground's pipeline."""
    prepared = prepare(setup)
    return prepared.X_train, prepared.train.Y


@st.cache_data(max_entries=32, show_spinner=False)
def cost_curves(setup: Mapping[str, object], b: float, lo: float, hi: float, points: int = 321):
    """w grid, cross-entropy J(w) and squared-error J_se(w) at fixed b, with their shapes.

    Returns
    -------
    w, J_ce, J_se : ndarray of shape (points,)
    shape_ce, shape_se : logreg_core.lesson_math.Convexity
    """
    X, Y = lesson_data(setup)
    w = np.linspace(lo, hi, points)
    J_ce = core.cost_curve(X, Y, w, b=b)
    J_se = core.squared_error_curve(X, Y, w, b=b)
    return w, J_ce, J_se, core.convexity(w, J_ce), core.convexity(w, J_se)


@st.cache_data(max_entries=8, show_spinner=False)
def bowl(setup: Mapping[str, object], b: float, squared: bool, half: float, points: int = 41):
    """Grid and J(w1, w2) at fixed b: cross-entropy (``cost_surface``) or the squared error."""
    X, Y = lesson_data(setup)
    grid = np.linspace(-half, half, points)
    if squared:
        return grid, core.squared_error_surface(X, Y, grid, grid, b=b)
    return grid, cost_surface(X, Y, np.zeros((2, 1)), b, grid, grid)


@st.cache_data(max_entries=64, show_spinner=False)
def descent(setup: Mapping[str, object], w0: float, b: float, alpha: float, steps: int):
    """The one-weight descent of lesson 5 after ``steps`` steps (recomputed, so no state drifts)."""
    X, Y = lesson_data(setup)
    return core.descend_1d(X, Y, w0, b=b, learning_rate=alpha, steps=steps)


#: Training runs kept for lesson 8 (a 1,000,000-iteration run takes seconds).
MAX_RUNS = 8
#: Seconds between two updates of the progress bar.
PROGRESS_EVERY = 0.2


@st.cache_data(max_entries=MAX_RUNS, show_spinner=False)
def training(
    setup: Mapping[str, object],
    num_iterations: int,
    learning_rate: float,
    tol: float | None,
    patience: int | None,
) -> tuple[History, float]:
    """Train on a lesson's data; the History and the seconds the run took.

    Cached (the last :data:`MAX_RUNS` runs), so a long run is paid for once.
    A progress bar is drawn where this is called while a new run trains, and
    removed at its end, so a cache hit replays nothing visible.
    """
    X, Y = lesson_data(setup)
    bar = st.progress(0.0, text=t("lesson8.progress", step=0, total=num_iterations))
    last = [time.perf_counter()]

    def on_progress(step: int, total: int) -> None:
        if time.perf_counter() - last[0] >= PROGRESS_EVERY:
            last[0] = time.perf_counter()
            bar.progress(step / max(total, 1), text=t("lesson8.progress", step=step, total=total))

    t0 = time.perf_counter()
    try:
        history = train(
            X,
            Y,
            learning_rate=learning_rate,
            num_iterations=num_iterations,
            tol=tol,
            patience=patience,
            on_progress=on_progress,
        )
    finally:
        bar.empty()
    return history, time.perf_counter() - t0


@st.cache_data(max_entries=4, show_spinner=False)
def rays(overlap: Mapping[str, object], separable: Mapping[str, object], points: int = 201):
    """Lesson 4's question, does J have a lowest point, answered by the engine on two data sets.

    Returns
    -------
    verdicts : tuple of two logreg_core.lesson_math.Separation
        For ``overlap`` and for ``separable``.
    t : ndarray of shape (points,)
        Lengths ‖(w, b)‖ along each ray, from 0 to three times the overlap's minimiser's.
    J_overlap, J_separable : ndarray of shape (points,)
        J along the unit direction of each verdict's (w, b), at those lengths.
    """
    out = []
    for setup in (overlap, separable):
        X, Y = lesson_data(setup)
        out.append((X, Y, core.separation(X, Y)))
    norm = [float(np.linalg.norm(np.append(s.w, s.b))) for _, _, s in out]
    t = np.linspace(0.0, 3.0 * norm[0], points)
    curves = [
        core.cost_along(X, Y, s.w / n, s.b / n, t) for (X, Y, s), n in zip(out, norm, strict=True)
    ]
    return (out[0][2], out[1][2]), t, curves[0], curves[1]


@st.cache_data(max_entries=2, show_spinner=False)
def trap_view(lo: float = -6.0, hi: float = 6.0, points: int = 1201):
    """Lesson 4's trap: both costs on :data:`logreg_core.lesson_math.TRAP_X`, b = 0, descents.

    Returns
    -------
    w, J_ce, J_se : ndarray of shape (points,)
    shape_ce, shape_se : logreg_core.lesson_math.Convexity
    paths : dict
        (loss, start) -> logreg_core.lesson_math.Descent1D, for loss "ce" and "se"
        and each start of :data:`TRAP_STARTS`.
    """
    X, Y = core.TRAP_X, core.TRAP_Y
    w = np.linspace(lo, hi, points)
    J_ce = core.cost_curve(X, Y, w, b=0.0)
    J_se = core.squared_error_curve(X, Y, w, b=0.0)
    paths = {
        (loss, w0): core.descend_1d(
            X, Y, w0, b=0.0, learning_rate=TRAP_ALPHA, steps=TRAP_STEPS, loss=loss
        )
        for loss in core.LOSSES
        for w0 in TRAP_STARTS
    }
    return w, J_ce, J_se, core.convexity(w, J_ce), core.convexity(w, J_se), paths


def sigmoid_view(z0: float, *, limit: float = 10.0, points: int = 401):
    """Everything lesson 2 draws: the z grid, σ(z), its slope, and the values at z0.

    Returns
    -------
    z, a, slope : ndarray of shape (points,)
    at : dict
        z0, a, 1 − a (= σ(−z)), the slope a(1 − a) and the odds a / (1 − a) at z0.
    """
    z = np.linspace(-limit, limit, points)
    a0, a_neg = (float(v) for v in sigmoid(np.array([z0, -z0])))
    at = {
        "z": float(z0),
        "a": a0,
        "1 - a": a_neg,
        "slope": float(core.sigmoid_slope(z0)),
        "odds": a0 / a_neg,
    }
    return z, sigmoid(z), core.sigmoid_slope(z), at


def loss_view(a0: float, *, points: int = 500):
    """Everything lesson 3 draws: the a grid, L and the squared error for y = 1 and 0, values at a0.

    Returns
    -------
    a : ndarray of shape (points,)
    curves : dict of ndarray
        "L1" = −log a, "L0" = −log(1 − a), "SE1" = (a − 1)², "SE0" = a².
    at : dict of float
        The same four at a0, and "dz_ce1", "dz_se1", "dz_ce0", "dz_se0" (dL/dz for y = 1 and 0).
    """
    a = np.linspace(0.0005, 0.9995, points)
    curves = {
        "L1": core.loss_of_a(a, 1),
        "L0": core.loss_of_a(a, 0),
        "SE1": core.squared_error(a, 1),
        "SE0": core.squared_error(a, 0),
    }
    at = {key: float(f(a0, y)) for key, f, y in _AT_A0}
    at["dz_ce1"], at["dz_se1"] = core.push_on_z(a0, 1)
    at["dz_ce0"], at["dz_se0"] = core.push_on_z(a0, 0)
    return a, curves, at


_AT_A0 = (
    ("L1", core.loss_of_a, 1),
    ("L0", core.loss_of_a, 0),
    ("SE1", core.squared_error, 1),
    ("SE0", core.squared_error, 0),
)


def cost_view(setup: Mapping[str, object], w0: float, b: float, *, lo=-6.0, hi=6.0):
    """Everything lesson 4's curves need: both J(w) at fixed b, their shapes, values at w0.

    Returns
    -------
    w, J_ce, J_se : ndarray
    shape_ce, shape_se : logreg_core.lesson_math.Convexity
    at : dict
        "J", "dJ", "J_se", "dJ_se" at w0 (:func:`logreg_core.lesson_math.costs_at`).
    """
    X, Y = lesson_data(setup)
    w, J_ce, J_se, shape_ce, shape_se = cost_curves(setup, b, lo, hi)
    return w, J_ce, J_se, shape_ce, shape_se, core.costs_at(X, Y, w0, b=b)


def intervals(spans: Sequence[tuple[float, float]]) -> str:
    """Intervals of w in words: "−6 to −0.25 and 1.75 to 6" ("nowhere" when empty)."""
    if not spans:
        return t("lessons.nowhere")
    parts = [t("lessons.interval", lo=fmt(lo, 3), hi=fmt(hi, 3)) for lo, hi in spans]
    if len(parts) == 1:
        return parts[0]
    rest = t("lessons.interval_sep").join(parts[:-1])
    return t("lessons.intervals_last", rest=rest, last=parts[-1])


def figure_texts() -> dict[str, str]:
    """The words of the lesson figures in the session's language (their ``texts`` argument)."""
    return {key: t(f"figures_lessons.{key}") for key in FIGURE_TEXTS}


def derive_texts() -> dict[str, str]:
    """The words of the figures of ``figures.derive`` in the session's language."""
    return {key: t(f"figures_lessons.{key}") for key in DERIVE_TEXT_KEYS}


def verdicts(
    setup: Mapping[str, object], w0: float, b: float, alphas: Sequence[float], steps: int
) -> list[str]:
    """The verdict (:data:`logreg_core.lesson_math.VERDICTS`) after ``steps`` steps, for each α."""
    return [descent(setup, w0, b, float(alpha), steps).verdict for alpha in alphas]


@st.cache_data(max_entries=32, show_spinner=False)
def limits_view(setup: Mapping[str, object], w: float, b: float):
    """Lesson 5's limits on α: at w (b fixed), over (w, b) at w, and near the minimum.

    Returns
    -------
    here : logreg_core.lesson_math.StepLimits
        Over w alone at (w, b), as lesson 5 descends (b held fixed).
    with_bias : logreg_core.lesson_math.StepLimits
        Over (w, b) at the same point, as when b is learned too.
    w_min : float
        The lowest point of J(w) on the grid of :func:`cost_curves`.
    at_min : logreg_core.lesson_math.StepLimits
        Over w alone at w_min.
    """
    X, _ = lesson_data(setup)
    grid, J, *_ = cost_curves(setup, b, -6.0, 6.0)
    w_min = float(grid[int(np.argmin(J))])
    return (
        core.step_limits(X, w, b=b, with_bias=False),
        core.step_limits(X, w, b=b, with_bias=True),
        w_min,
        core.step_limits(X, w_min, b=b, with_bias=False),
    )


@st.cache_data(max_entries=8, show_spinner=False)
def loop_view(setup: Mapping[str, object], w: Sequence[float], b: float, alpha: float):
    """Lesson 7's loop example by example, and the vectorized step, on a setup's data.

    Returns
    -------
    steps : logreg_core.lesson_math.LoopSteps
    grads : dict
        The vectorized ``{"dw": (n, 1), "db": float}`` of
        :func:`logreg_core.model.propagate` at the same point.
    difference : float
        The largest |difference| between the loop's dw, db and the vectorized ones.
    """
    X, Y = lesson_data(setup)
    w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    steps = core.loop_steps(w, b, X, Y, learning_rate=alpha)
    grads, _ = propagate(w, b, X, Y)
    loop = np.append(steps.mean_dw, steps.mean_db)
    vectorized = np.append(grads["dw"][:, 0], grads["db"])
    return steps, grads, float(np.max(np.abs(loop - vectorized)))


@st.cache_data(max_entries=4, show_spinner=False)
def stop_run(
    setup: Mapping[str, object],
    num_iterations: int,
    learning_rate: float,
    tol: float,
    patience: int,
) -> tuple[History, StopPoints]:
    """One run with no stop rule, every step recorded, and where each stop rule would end it."""
    X, Y = lesson_data(setup)
    history = train(
        X,
        Y,
        learning_rate=learning_rate,
        num_iterations=num_iterations,
        max_records=num_iterations + 2,
    )
    return history, stop_points(history, tol=tol, patience=patience)


def descent_view(setup: Mapping[str, object], w0: float, b: float, alpha: float, steps: int):
    """Everything lesson 5 draws: the path so far, J(w) over a range that holds it, the tangent.

    Returns
    -------
    path : logreg_core.lesson_math.Descent1D
    w, J : ndarray
        The cross-entropy curve over a range that covers the whole path.
    tangent_w, tangent_J : ndarray of shape (2,)
    """
    path = descent(setup, w0, b, alpha, steps)
    lo = float(np.floor(min(-3.0, path.w.min()) - 0.5))
    hi = float(np.ceil(max(5.0, path.w.max()) + 0.5))
    w, J, *_ = cost_curves(setup, b, lo, hi)
    tw, tJ = core.tangent_line(path.w[-1], path.cost[-1], path.slope[-1], half_width=(hi - lo) / 8)
    return path, w, J, tw, tJ


def one_step(x: Sequence[float], w: Sequence[float], b: float, y: int, alpha: float) -> History:
    """One gradient-descent update on a single example, by the engine's ``train`` (2 records)."""
    X = np.asarray(x, dtype=np.float64).reshape(-1, 1)
    w0 = np.asarray(w, dtype=np.float64).reshape(-1, 1)
    return train(X, np.array([[y]]), learning_rate=alpha, num_iterations=1, w0=w0, b0=b)


def graph(chain: core.ChainRule, *, x: Sequence[float], w: Sequence[float], b: float, y: int):
    """The computational-graph figure of the playground's ``figures.graph``.

    Lesson 6 draws the very graph the step inspector draws (forward values
    black, backward derivatives red) rather than a second one, with its words
    from the playground's ``[figures]`` table.
    """
    return graph_figure(x=list(x), w=list(w), b=b, y=y, values=chain.values, texts=graph_texts())


def tex(value: float, *, paren: bool = False) -> str:
    """A number for st.latex, 4 significant digits: 1.5e+91 becomes 1.5 \\times 10^{91}.

    With ``paren=True`` a negative number is put in parentheses, to be multiplied.
    """
    text = fmt(value)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    text = text.replace(",", "{,}")
    return f"({text})" if paren and text.startswith("-") else text


def data_range(X, *, pad: float = 0.5) -> tuple[float, float]:
    """Whole-number bounds around the first feature of X, ``pad`` beyond its extremes."""
    return float(np.floor(np.min(X[0]) - pad)), float(np.ceil(np.max(X[0]) + pad))


def line(lo: float, hi: float, points: int = 301) -> np.ndarray:
    """``points`` evenly spaced values from lo to hi, for drawing a curve."""
    return np.linspace(lo, hi, points)


def readouts(items: Sequence[tuple[str, float]], *, help: Mapping[str, str] | None = None) -> None:
    """A row of ``st.metric``: each label with its value at 4 significant digits."""
    help = help or {}
    for col, (label, value) in zip(st.columns(len(items)), items, strict=True):
        col.metric(label, fmt(value), help=help.get(label))


def what_to_try(text: str) -> None:
    """The lesson's suggestions, in one short caption under the figure."""
    st.caption(t("lessons.what_to_try", text=text))


def playground_link(
    setup: Mapping[str, object],
    *,
    page: str = "views/train.py",
    label: str | None = None,
    note: str | None = None,
    key: str,
) -> None:
    """The closing link of every lesson: set the playground's controls, then open it.

    Parameters
    ----------
    setup : mapping
        Keys of :data:`ui.state.DEFAULTS`; every key not given takes its default,
        so the playground shows exactly the lesson's setup.
    page : str, default "views/train.py"
        One of :data:`PLAYGROUND_PAGES`.
    label : str, optional
        The button's text; by default "Open this setup in the playground"
        (``lessons.open_in_playground``) in the session's language.
    note : str, optional
        One line under the button saying what the playground will show.
    key : str
        The button's widget key (unique per page).
    """
    if page not in PLAYGROUND_PAGES:
        raise ValueError(f"page must be one of {PLAYGROUND_PAGES}, got {page!r}")
    full = {**DEFAULTS, **setup}
    st.divider()
    label = label or t("lessons.open_in_playground")
    # The state is set in the callback, before any widget of the next run exists.
    if st.button(label, key=key, icon=":material/play_arrow:", on_click=apply_setup, args=(full,)):
        st.switch_page(page)
    if note:
        st.caption(note)


def chart(fig, **options):
    """``st.plotly_chart`` of a lesson figure, scaled for the projector in presenter mode.

    ``options`` go to ``st.plotly_chart`` (``width``, ``key`` …); ``fig`` must be
    built in this run (presenter scaling changes it in place).
    """
    return st.plotly_chart(present(fig), **options)
