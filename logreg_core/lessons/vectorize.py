"""Lesson 7 · m examples: the article's loop against the vectorized step, same numbers, timed.

* timing the article's loop over i = 1 … m against the vectorized code
  (:func:`compare_loop_vectorized`);
* the loop example by example, each example adding its share to dw and db,
  ending in the vectorized step (:func:`loop_steps`);
* what one step does to each example's loss (:func:`step_losses`): J falls,
  some of the losses rise.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .. import checks
from ..figures.style import BACKWARD_COLOR, CLASS_COLORS, FORWARD_COLOR, base_layout, words
from ..formatting import fmt
from ..model import example_values, forward, loss, propagate, propagate_loop
from .shared import RIVAL_COLOR, dots, floats, line, weights

__all__ = [
    "TEXTS",
    "LoopSteps",
    "LoopVsVectorized",
    "best_time",
    "compare_loop_vectorized",
    "loop_check",
    "loop_figure",
    "loop_steps",
    "step_losses",
    "timing_figure",
]

#: The words the figures of lesson 7 write, by key of the ``[figures_lessons]`` table.
TEXTS = (
    "timing_x_axis",
    "loop_frame",
    "loop_start",
    "loop_shares",
    "loop_latest",
    "loop_vectorized",
    "loop_slider",
    "loop_play",
)


def best_time(fn: Callable[[], object], *, repeats=5, budget=1.0) -> float:
    """The shortest of a few timed calls of ``fn()``, in seconds.

    Parameters
    ----------
    fn : callable with no arguments
    repeats : int, default 5
        At most this many calls (≥ 1).
    budget : float, default 1.0
        Stop repeating once this many seconds have been spent (at least one
        call is always made).
    """
    repeats = checks.whole("repeats", repeats, 1)
    budget = checks.real("budget", budget)
    best, spent = math.inf, 0.0
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        dt = time.perf_counter() - t0
        best, spent = min(best, dt), spent + dt
        if spent >= budget:
            break
    return best


@dataclass(frozen=True)
class LoopVsVectorized:
    """The article's loop and the vectorized code, run on the same data.

    Attributes
    ----------
    loop, vectorized : tuple (grads, cost)
        What :func:`~logreg_core.model.propagate_loop` and
        :func:`~logreg_core.model.propagate` returned.
    max_abs_diff : float
        Largest |difference| over J, dw1 … dwn and db.
    loop_seconds, vectorized_seconds : float
        Best measured time of one call each.
    """

    loop: tuple
    vectorized: tuple
    max_abs_diff: float
    loop_seconds: float
    vectorized_seconds: float

    @property
    def speedup(self) -> float:
        """How many times faster the vectorized code ran."""
        return self.loop_seconds / max(self.vectorized_seconds, 1e-9)


def _flat(result) -> np.ndarray:
    grads, J = result
    return np.concatenate([[J], np.ravel(grads["dw"]), [grads["db"]]])


def compare_loop_vectorized(w, b, X, Y, *, repeats=5, budget=1.0) -> LoopVsVectorized:
    """Run and time the explicit loop over i = 1..m and the vectorized step.

    Parameters
    ----------
    w : ndarray of shape (n, 1) or (n,)
    b : float
    X, Y : ndarray of shape (n, m) and (1, m)
    repeats, budget
        Of :func:`best_time`, for each of the two.

    Returns
    -------
    LoopVsVectorized

    Notes
    -----
    Loop: for i = 1..m, z⁽ⁱ⁾ = wᵀx⁽ⁱ⁾ + b, a⁽ⁱ⁾ = σ(z⁽ⁱ⁾), J += L, dz⁽ⁱ⁾ = a⁽ⁱ⁾ − y⁽ⁱ⁾,
    dwⱼ += xⱼ⁽ⁱ⁾dz⁽ⁱ⁾, db += dz⁽ⁱ⁾; then divide by m.
    Vectorized: Z = wᵀX + b, A = σ(Z), dZ = A − Y, dw = X dZᵀ / m, db = mean(dZ).
    """
    X, Y = checks.data(X, Y)
    w = weights(w, X.shape[0])
    b = checks.real("b", b)
    loop = propagate_loop(w, b, X, Y)
    vec = propagate(w, b, X, Y)
    return LoopVsVectorized(
        loop=loop,
        vectorized=vec,
        max_abs_diff=float(np.max(np.abs(_flat(loop) - _flat(vec)))),
        loop_seconds=best_time(lambda: propagate_loop(w, b, X, Y), repeats=repeats, budget=budget),
        vectorized_seconds=best_time(lambda: propagate(w, b, X, Y), repeats=repeats, budget=budget),
    )


# ----------------------------------------------------------------------------
# the loop example by example
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class LoopSteps:
    """The article's loop over i = 1 … m, one example at a time, ending in one update.

    Attributes
    ----------
    dw : ndarray of shape (n, m)
        Each example's contribution x⁽ⁱ⁾ dz⁽ⁱ⁾ to the sum for dw.
    db : ndarray of shape (m,)
        Each example's dz⁽ⁱ⁾.
    dw_sum, db_sum : ndarray of shape (n, m) and (m,)
        The running sums after examples 1 … i (column i − 1).
    w_path : ndarray of shape (n, m + 1)
        w, then w − (α/m)·dw_sum after each example: where the update has got
        to once example i has added its share.  The last column is w − α dw.
    mean_dw : ndarray of shape (n,)
        dw_sum after all m examples, divided by m.
    mean_db : float
        db_sum after m, divided by m.
    learning_rate : float
        α.
    """

    dw: np.ndarray
    db: np.ndarray
    dw_sum: np.ndarray
    db_sum: np.ndarray
    w_path: np.ndarray
    mean_dw: np.ndarray
    mean_db: float
    learning_rate: float

    @property
    def m(self) -> int:
        """The number of examples."""
        return int(self.db.size)


def loop_steps(w, b, X, Y, *, learning_rate) -> LoopSteps:
    """Accumulate dw and db example by example, as the article's loop does.

    Parameters
    ----------
    w, b, X, Y
        As in :func:`compare_loop_vectorized`.
    learning_rate : float
        α > 0, for where the update lands.

    Returns
    -------
    LoopSteps
        The per-example values are the engine's
        (:func:`~logreg_core.model.example_values`), summed in the loop's
        order; after m examples the sums divided by m are the vectorized dw
        and db of :func:`~logreg_core.model.propagate`, up to rounding.
    """
    X, Y = checks.data(X, Y)
    w = weights(w, X.shape[0])
    alpha = checks.real("learning_rate", learning_rate, low=0.0, low_open=True)
    v = example_values(w, checks.real("b", b), X, Y)
    m = X.shape[1]
    dw_sum = np.cumsum(v.dw, axis=1)
    db_sum = np.cumsum(v.db)
    return LoopSteps(
        dw=v.dw,
        db=v.db,
        dw_sum=dw_sum,
        db_sum=db_sum,
        w_path=np.hstack([w, w - alpha / m * dw_sum]),
        mean_dw=dw_sum[:, -1] / m,
        mean_db=float(db_sum[-1] / m),
        learning_rate=alpha,
    )


def loop_check(w, b, X, Y, *, learning_rate):
    """:func:`loop_steps` (same arguments), the vectorized gradient there, and how far apart.

    Returns
    -------
    steps : LoopSteps
    grads : dict
        ``{"dw": (n, 1), "db": float}`` of :func:`~logreg_core.model.propagate`.
    difference : float
        The largest |difference| between the loop's dw, db and the vectorized ones.
    """
    steps = loop_steps(w, b, X, Y, learning_rate=learning_rate)
    grads, _ = propagate(weights(w, np.shape(X)[0]), b, X, Y)
    loop = np.append(steps.mean_dw, steps.mean_db)
    vectorized = np.append(grads["dw"][:, 0], grads["db"])
    return steps, grads, float(np.max(np.abs(loop - vectorized)))


def step_losses(w, b, X, Y, *, learning_rate) -> tuple[np.ndarray, np.ndarray]:
    """Each example's loss before and after one gradient-descent step on J.

    Parameters
    ----------
    w, b, X, Y
        As in :func:`compare_loop_vectorized`.
    learning_rate : float
        α > 0.

    Returns
    -------
    before, after : ndarray of shape (m,)
        L(a⁽ⁱ⁾, y⁽ⁱ⁾) at (w, b) and at (w − α·dw, b − α·db), dw and db from
        :func:`~logreg_core.model.propagate`; their means are J before and
        after the step.
    """
    X, Y = checks.data(X, Y)
    w = weights(w, X.shape[0])
    b = checks.real("b", b)
    alpha = checks.real("learning_rate", learning_rate, low=0.0, low_open=True)
    grads, _ = propagate(w, b, X, Y)
    points = ((w, b), (w - alpha * grads["dw"], b - alpha * grads["db"]))
    before, after = (loss(forward(wk, bk, X)[0], Y)[0] for wk, bk in points)
    return before, after


# ----------------------------------------------------------------------------
# the figures
# ----------------------------------------------------------------------------


def _seconds(s: float) -> str:
    if s >= 1.0:
        return f"{fmt(s, 3)} s"
    if s >= 1e-3:
        return f"{fmt(s * 1e3, 3)} ms"
    return f"{fmt(s * 1e6, 3)} µs"


def timing_figure(
    labels: Sequence[str],
    seconds,
    *,
    height: int = 260,
    texts: Mapping[str, str],
) -> go.Figure:
    """Measured time of each way to compute one step, as bars on a log scale.

    Parameters
    ----------
    labels : sequence of str, length k
    seconds : ndarray of shape (k,)
        Positive times.
    height : int, default 260
    texts : mapping of str to str
        The word of the key ``timing_x_axis`` of :data:`TEXTS`.
    """
    tx = words(texts, ["timing_x_axis"])
    seconds = np.asarray(seconds, dtype=np.float64)
    colors = [RIVAL_COLOR, CLASS_COLORS[0], CLASS_COLORS[1]][: len(labels)]
    fig = go.Figure(
        go.Bar(
            x=floats(seconds),
            y=list(labels),
            orientation="h",
            marker={"color": colors},
            text=[_seconds(s) for s in seconds],
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{y}: %{x:.3g} s<extra></extra>",
        )
    )
    lo = float(np.log10(max(seconds.min(), 1e-9))) - 0.5
    hi = float(np.log10(max(seconds.max(), 1e-9))) + 0.6
    fig.update_layout(**base_layout(height=height), showlegend=False)
    fig.update_xaxes(type="log", title_text=tx["timing_x_axis"], range=[lo, hi])
    fig.update_yaxes(autorange="reversed")
    return fig


def _animate(frames: list[str], duration: int, **more) -> list:
    """The ``args`` of a slider step or button that shows ``frames``, each ``duration`` ms."""
    return [
        frames,
        {"frame": {"duration": duration, "redraw": False}, "transition": {"duration": 0}, **more},
    ]


def loop_figure(steps, *, texts: Mapping[str, str], height: int = 460) -> go.Figure:
    """The loop over i = 1 … m in (w1, w2): each example adds its share of the step.

    Frame i (0 … m) shows w and the arrows of examples 1 … i laid head to
    tail; a slider and a play button step through the frames.  The dashed
    arrow from w to w − α dw (the vectorized step) is in every frame; the
    last arrow ends on its tip.

    Parameters
    ----------
    steps : LoopSteps
        From :func:`loop_steps` with n = 2 features.
    texts : mapping of str to str
        The words of the keys ``loop_*`` of :data:`TEXTS`.
    height : int, default 460

    """
    tx = words(texts, [key for key in TEXTS if key.startswith("loop_")])
    path = np.asarray(steps.w_path, dtype=np.float64)
    if path.ndim != 2 or path.shape[0] != 2:
        raise ValueError(
            f"steps must be of a model with 2 weights, got w_path of shape {path.shape}"
        )
    m = steps.m
    end = path[:, 0] - steps.learning_rate * np.asarray(steps.mean_dw, dtype=np.float64)
    xs = np.concatenate([path[0], [end[0]]])
    ys = np.concatenate([path[1], [end[1]]])
    pad_x = 0.12 * max(float(np.ptp(xs)), 1e-6)
    pad_y = 0.12 * max(float(np.ptp(ys)), 1e-6)
    x_range = [float(xs.min() - pad_x), float(xs.max() + pad_x)]
    y_range = [float(ys.min() - pad_y), float(ys.max() + 2.5 * pad_y)]

    def frame(i: int) -> list[go.Scatter]:
        # every frame holds m + 1 points (those not reached yet sit on the tip, unmarked):
        # plotly animates a line whose point count stays the same without losing segments
        shown = np.hstack([path[:, : i + 1], np.repeat(path[:, i : i + 1], m - i, axis=1)])
        last = path[:, [max(i - 1, 0), i]]
        sums = tx["loop_start"]
        if i:
            dw = steps.dw_sum[:, i - 1]
            sums = tx["loop_frame"].format(
                i=i, m=m, dw1=fmt(dw[0]), dw2=fmt(dw[1]), db=fmt(steps.db_sum[i - 1])
            )
        arrows = {"symbol": "arrow", "angleref": "previous"}
        return [
            line(
                shown[0],
                shown[1],
                {"color": FORWARD_COLOR, "width": 1.5},
                mode="lines+markers",
                marker={**arrows, "size": [0.0] + [9.0] * i + [0.0] * (m - i)},
                name=tx["loop_shares"],
            ),
            line(
                last[0],
                last[1],
                {"color": BACKWARD_COLOR, "width": 3},
                mode="lines+markers",
                marker={**arrows, "size": [0.0, 14.0 if i else 0.0], "color": BACKWARD_COLOR},
                name=tx["loop_latest"],
            ),
            # a text trace, not a title: plotly animates trace data, not layout, without a redraw
            go.Scatter(
                x=[x_range[0]],
                y=[y_range[1]],
                mode="text",
                text=[sums],
                textposition="bottom right",
                textfont={"size": 14, "color": FORWARD_COLOR},
                showlegend=False,
                hoverinfo="skip",
            ),
        ]

    vectorized = line(
        [path[0, 0], end[0]],
        [path[1, 0], end[1]],
        {"color": CLASS_COLORS[0], "width": 3, "dash": "dash"},
        mode="lines+markers",
        marker={"symbol": "arrow", "angleref": "previous", "size": [0.0, 16.0]},
        name=tx["loop_vectorized"],
    )
    start = dots(path[0, 0], path[1, 0], {"color": FORWARD_COLOR, "size": 10}, name="w")
    fig = go.Figure([vectorized, start, *frame(m)])
    fig.frames = [go.Frame(data=frame(i), traces=[2, 3, 4], name=str(i)) for i in range(m + 1)]
    names = [str(i) for i in range(m + 1)]
    slider = {
        "active": m,
        "x": 0.12,
        "len": 0.88,
        "currentvalue": {"prefix": tx["loop_slider"]},
        "pad": {"t": 40},
        "steps": [
            {"label": name, "method": "animate", "args": _animate([name], 0, mode="immediate")}
            for name in names
        ],
    }
    play = {
        "type": "buttons",
        "showactive": False,
        "x": 0,
        "y": -0.3,
        "xanchor": "left",
        "yanchor": "top",
        "buttons": [
            {
                "label": tx["loop_play"],
                "method": "animate",
                "args": _animate(names, 500, fromcurrent=False),
            }
        ],
    }
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(sliders=[slider], updatemenus=[play], margin={"t": 60, "b": 110})
    fig.update_xaxes(title_text="w1", range=x_range)
    fig.update_yaxes(title_text="w2", range=y_range)
    return fig
