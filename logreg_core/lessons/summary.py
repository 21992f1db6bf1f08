"""Lesson 8 · Summary and stopping: the whole training step, repeated, and when to stop.

* reading a training History at 1,000, 10,000, … iterations (:func:`milestones`)
  and where its accuracy first peaked (:func:`best_accuracy_step`);
* what a stop measured: how far J at a stop still is from the minimum of J
  (:func:`settled`, in significant digits: :func:`agreeing_digits`), and the
  words that say why a run stopped (:func:`why_stopped`);
* the figures of a long run on log axes and of where each stop rule would
  end it (the steps come from :func:`logreg_core.train.stop_points`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..figures.style import (
    BACKWARD_COLOR,
    CLASS_COLORS,
    CURRENT_COLOR,
    FORWARD_COLOR,
    base_layout,
    words,
)
from ..formatting import fmt
from ..train import History
from .shared import GUIDE, dots, line

__all__ = [
    "TEXTS",
    "Milestones",
    "Settled",
    "agreeing_digits",
    "best_accuracy_step",
    "milestones",
    "power_of_ten",
    "settled",
    "stop_rules_figure",
    "training_figure",
    "why_stopped",
]

#: The words the figures of lesson 8 write, by key of the ``[figures_lessons]`` table.
TEXTS = (
    "training_accuracy",
    "training_stopped",
    "training_best",
    "training_x_axis",
    "training_cost_axis",
    "training_accuracy_axis",
    "stops_accuracy",
    "stops_tol",
    "stops_patience",
    "stops_never",
    "stops_x_axis",
    "stops_cost_axis",
)


@dataclass(frozen=True)
class Milestones:
    """A training History read at chosen iteration counts.

    Attributes
    ----------
    steps : ndarray of shape (k,), int
        The iteration counts asked for that the run reached.
    recorded : ndarray of shape (k,), int
        The step of the record read for each: the last at or before it (the
        record schedule of :func:`~logreg_core.train.train` keeps round counts).
    cost, accuracy, norm_w : ndarray of shape (k,)
        J, training accuracy and ‖w‖ at those records.
    """

    steps: np.ndarray
    recorded: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray
    norm_w: np.ndarray


def best_accuracy_step(history: History) -> int:
    """``history.steps`` at the first record holding the best training accuracy.

    Training after it can still lower J (the model grows more confident) but
    classifies no more training examples correctly.
    """
    return int(history.steps[int(np.argmax(history.accuracy))])


def milestones(history: History, steps: Sequence[int]) -> Milestones:
    """J, accuracy and ‖w‖ of ``history`` after each of ``steps`` iterations it reached."""
    last = int(history.steps[-1])
    keep = np.array([int(s) for s in steps if 0 <= int(s) <= last], dtype=np.int64)
    idx = np.array([history.index_of(int(s)) for s in keep], dtype=np.int64)
    if idx.size == 0:
        empty = np.empty(0)
        return Milestones(keep, keep.copy(), empty, empty, empty)
    return Milestones(
        steps=keep,
        recorded=history.steps[idx],
        cost=history.cost[idx],
        accuracy=history.accuracy[idx],
        norm_w=np.linalg.norm(history.w[idx], axis=1),
    )


#: The most significant digits a float64 holds apart (17 always tell two floats apart).
MAX_DIGITS = 17


def agreeing_digits(value: float, reference: float) -> int:
    """How many leading significant digits ``value`` shares with ``reference``.

    The largest k (0 to :data:`MAX_DIGITS`) such that rounding both numbers to
    1, 2, …, k significant digits gives the same number each time: 0.50181 and
    0.50177 share 4 (both round to 0.5018, not to 0.50181), 0.44 and 0.56 none.
    """
    for k in range(1, MAX_DIGITS + 1):
        if f"{float(value):.{k - 1}e}" != f"{float(reference):.{k - 1}e}":
            return k - 1
    return MAX_DIGITS


@dataclass(frozen=True)
class Settled:
    """J where a stop rule ended a run, against the minimum of J.

    Attributes
    ----------
    step : int
        The iteration at which the rule stopped.
    cost : float
        J there.
    minimum : float
        The minimum of J (Newton's method finds it:
        :func:`logreg_core.separation.separation`).
    gap : float
        ``cost − minimum``: all that gradient descent can still take off J
        after the stop, however long it runs.
    digits : int
        The significant digits ``cost`` shares with ``minimum``
        (:func:`agreeing_digits`).
    """

    step: int
    cost: float
    minimum: float
    gap: float
    digits: int


def settled(history: History, step: int, minimum: float) -> Settled:
    """J at ``step`` of ``history`` against the minimum of J, ``minimum``.

    Parameters
    ----------
    history : History
        A run that recorded ``step`` (as :func:`logreg_core.train.stop_points`
        needs it: every step recorded).
    step : int
        Where a stop rule ended (or would have ended) the run.
    minimum : float
        The minimum of J on the run's data.

    Raises
    ------
    ValueError
        If ``history`` holds no record at ``step``.
    """
    i = history.index_of(int(step))
    if int(history.steps[i]) != int(step):
        raise ValueError(f"step must be a recorded step of history, got {step}")
    cost = float(history.cost[i])
    minimum = float(minimum)
    return Settled(int(step), cost, minimum, cost - minimum, agreeing_digits(cost, minimum))


def why_stopped(stop_reason: str, *, separable: bool) -> tuple[str, ...]:
    """The keys of the ``[lesson8]`` table that say why a run stopped, in order.

    ``reason_<stop_reason>`` (what the rule measured), then ``still_falling``
    when a line separates the classes: J has no minimum then, so whatever rule
    ended the run, one more iteration (with an α small enough that every step
    lowers J, as the lesson's) would lower J again and lengthen w.
    """
    keys = (f"reason_{stop_reason}",)
    return (*keys, "still_falling") if separable else keys


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float) -> str:
    """A number as ``10⁻⁶`` when it is a power of ten, else as the lessons write numbers."""
    exponent = round(float(np.log10(value))) if value > 0 else None
    if exponent is not None and np.isclose(value, 10.0**exponent, rtol=1e-12, atol=0):
        return "10" + str(exponent).translate(_SUPERSCRIPTS)
    return fmt(value)


# ----------------------------------------------------------------------------
# the figures
# ----------------------------------------------------------------------------


#: Points of each J curve in :func:`stop_rules_figure` (spread evenly on its log axis).
CURVE_POINTS = 400
#: Marker and colour of each stop rule, in the order accuracy, tol, patience.
RULE_STYLES = (
    ("star", CLASS_COLORS[1]),
    ("diamond", CLASS_COLORS[0]),
    ("square", BACKWARD_COLOR),
)


def training_figure(
    steps,
    cost,
    accuracy,
    *,
    stop_step: int | None = None,
    best_step: int | None = None,
    marks: Sequence[int] = (),
    height: int = 480,
    texts: Mapping[str, str],
) -> go.Figure:
    """J and the training accuracy against the iteration count, on a log axis.

    Parameters
    ----------
    steps : ndarray of shape (k,), int
        Iteration of each record; the start (step 0) has no place on a log axis.
    cost, accuracy : ndarray of shape (k,)
    stop_step : int, optional
        Where training stopped; marked on both panels.
    best_step : int, optional
        Where the accuracy first reached its best; a star on the lower panel.
    marks : sequence of int
        Iteration counts to mark with a dotted line (1,000, 10,000, …).
    height : int, default 480
    texts : mapping of str to str
        The words of the keys ``training_*`` of :data:`TEXTS`.
    """
    tx = words(texts, [key for key in TEXTS if key.startswith("training_")])
    steps = np.asarray(steps, dtype=np.float64)
    keep = steps >= 1
    if not np.any(keep):
        keep = np.ones_like(steps, dtype=bool)
    x = np.maximum(steps[keep], 1.0)
    cost = np.asarray(cost, dtype=np.float64)[keep]
    accuracy = np.asarray(accuracy, dtype=np.float64)[keep]
    fig = make_subplots(
        rows=2,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.08,
        row_heights=[0.6, 0.4],
    )
    fig.add_trace(line(x, cost, {"color": FORWARD_COLOR}, name="J"), row=1, col=1)
    percent = line(x, accuracy * 100.0, {"color": CLASS_COLORS[0]}, name=tx["training_accuracy"])
    fig.add_trace(percent, row=2, col=1)
    for mark in marks:
        fig.add_vline(x=max(float(mark), 1.0), line=GUIDE)
    if stop_step is not None:
        at = max(float(stop_step), 1.0)
        fig.add_vline(x=at, line={"color": CURRENT_COLOR, "width": 2})
        fig.add_annotation(
            x=float(np.log10(at)),  # annotations on a log axis take log10 positions
            y=1.0,
            xref="x",
            yref="y domain",
            text=tx["training_stopped"].format(steps=fmt(stop_step)),
            showarrow=False,
            xanchor="right",
            yanchor="top",
            xshift=-4,
            font={"color": CURRENT_COLOR},
        )
    if best_step is not None:
        star = {"color": CURRENT_COLOR, "size": 10, "symbol": "star"}
        best = max(float(best_step), 1.0), np.max(accuracy) * 100.0
        fig.add_trace(dots(*best, star, name=tx["training_best"]), row=2, col=1)
    fig.update_layout(**base_layout(height=height))
    span = [0.0, float(np.log10(max(float(x.max()), 10.0)))]
    fig.update_xaxes(type="log", range=span, row=1, col=1)
    fig.update_xaxes(type="log", range=span, title_text=tx["training_x_axis"], row=2, col=1)
    fig.update_yaxes(title_text=tx["training_cost_axis"], type="log", row=1, col=1)
    low = float(np.min(accuracy)) * 100.0 if accuracy.size else 0.0
    fig.update_yaxes(
        title_text=tx["training_accuracy_axis"], range=[max(0.0, low - 5.0), 101.0], row=2, col=1
    )
    return fig


def stop_rules_figure(
    runs: Sequence[tuple[str, np.ndarray, np.ndarray, object]],
    *,
    texts: Mapping[str, str],
    height: int = 400,
) -> go.Figure:
    """J of each run against the iterations, with the step at which each stop rule fires.

    One column per run, J on log–log axes (step 0 left out), a marker on the
    curve where each rule would stop, and a note for a rule that never fires
    within the run.

    Parameters
    ----------
    runs : sequence of (title, steps, cost, points)
        One panel each: its title, the recorded steps and J at them (ndarray
        of shape (k,) each) and a :class:`~logreg_core.train.StopPoints` of
        the same run.
    texts : mapping of str to str
        The words of the keys ``stops_*`` of :data:`TEXTS`.
    height : int, default 400
    """
    tx = words(texts, [key for key in TEXTS if key.startswith("stops_")])
    if not runs:
        raise ValueError("runs must hold at least one run")
    fig = make_subplots(
        rows=1, cols=len(runs), subplot_titles=[r[0] for r in runs], horizontal_spacing=0.08
    )
    for col, (_, steps, cost, points) in enumerate(runs, start=1):
        steps = np.asarray(steps, dtype=np.float64)
        cost = np.asarray(cost, dtype=np.float64)
        # at most CURVE_POINTS points, spaced evenly on the log axis (step 0 left out)
        first = int(np.searchsorted(steps, 1))
        keep = np.arange(0)
        if first < steps.size:
            spread = np.geomspace(first + 1, steps.size, CURVE_POINTS).astype(np.int64) - 1
            keep = np.unique(spread)
        J = line(steps[keep], cost[keep], {"color": FORWARD_COLOR}, name="J", showlegend=col == 1)
        fig.add_trace(J, row=1, col=col)
        rules = [
            (points.accuracy, tx["stops_accuracy"]),
            (points.tol, tx["stops_tol"].format(tol=power_of_ten(points.tol_value))),
            (points.patience, tx["stops_patience"]),
        ]
        never = []
        for (at, name), (symbol, color) in zip(rules, RULE_STYLES, strict=True):
            if at is None:
                never.append(name)
                continue
            k = int(np.searchsorted(steps, at))
            mark = dots(
                max(at, 1),
                cost[k],
                {"symbol": symbol, "color": color, "size": 13},
                name=name,
                legendgroup=name,
                showlegend=col == 1,
                hovertemplate=f"{name}<br>{fmt(at)}<extra></extra>",
            )
            fig.add_trace(mark, row=1, col=col)
        for j, name in enumerate(never):
            fig.add_annotation(
                text=tx["stops_never"].format(rule=name, n=fmt(points.last)),
                x=0.02,
                y=0.04 + 0.09 * j,
                xref=f"x{'' if col == 1 else col} domain",
                yref=f"y{'' if col == 1 else col} domain",
                xanchor="left",
                showarrow=False,
                font={"color": BACKWARD_COLOR},
            )
        fig.update_xaxes(type="log", title_text=tx["stops_x_axis"], row=1, col=col)
        fig.update_yaxes(type="log", row=1, col=col)
    fig.update_yaxes(title_text=tx["stops_cost_axis"], row=1, col=1)
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(legend={"y": -0.25, "yanchor": "top"}, margin={"b": 110, "t": 40})
    return fig
