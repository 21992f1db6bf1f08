"""Figures of the derivations behind lessons 5, 7 and 8: pure builders, arrays in, go.Figure out.

* :func:`alpha_limits_figure`: the α control's scale with the curvature limits
  1/λ_max and 2/λ_max marked (lesson 5);
* :func:`loop_figure`: the loop over i = 1 … m, example by example, as arrows
  in (w1, w2) that end in the vectorized step (lesson 7);
* :func:`stop_rules_figure`: one run per data set with the step at which each
  stop rule would end it (lesson 8).

Every number was computed by the engine (``lessons.step_limits``,
``lessons.loop_steps``, ``train.stop_points``); the builders only place it.
Their words come in through ``texts`` (the keys of :data:`DERIVE_TEXT_KEYS`,
the ``[figures_lessons]`` table of ui/locales/*.toml); there are no English
defaults here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from ..lesson_math import fmt
from .style import BACKWARD_COLOR, CLASS_COLORS, CURRENT_COLOR, FORWARD_COLOR, base_layout

__all__ = [
    "DERIVE_TEXT_KEYS",
    "alpha_limits_figure",
    "loop_figure",
    "power_of_ten",
    "stop_rules_figure",
]

#: The words these figures write, by key of the ``[figures_lessons]`` table.
DERIVE_TEXT_KEYS = (
    "alpha_axis",
    "alpha_steady",
    "alpha_zigzag",
    "alpha_diverge",
    "alpha_chosen",
    "alpha_with_bias",
    "loop_frame",
    "loop_start",
    "loop_shares",
    "loop_latest",
    "loop_vectorized",
    "loop_slider",
    "loop_play",
    "stops_accuracy",
    "stops_tol",
    "stops_patience",
    "stops_never",
    "stops_x_axis",
    "stops_cost_axis",
)

STEADY_COLOR = "rgba(0, 114, 178, 0.12)"
ZIGZAG_COLOR = "rgba(230, 159, 0, 0.22)"
DIVERGE_COLOR = "rgba(204, 51, 17, 0.18)"
GUIDE = {"color": "#555555", "width": 1, "dash": "dot"}
#: The α scale reaches at most this factor beyond the smallest and largest α on offer.
SPAN = 10.0
#: Points of each J curve in :func:`stop_rules_figure` (spread evenly on its log axis).
CURVE_POINTS = 400
#: Marker and colour of each stop rule, in the order accuracy, tol, patience.
RULE_STYLES = (
    ("star", CLASS_COLORS[1]),
    ("diamond", CLASS_COLORS[0]),
    ("square", BACKWARD_COLOR),
)


def _words(texts: Mapping[str, str], keys: Sequence[str]) -> Mapping[str, str]:
    missing = sorted(set(keys) - set(texts))
    if missing:
        raise ValueError(f"texts lacks the keys {missing}")
    unknown = sorted(set(texts) - set(DERIVE_TEXT_KEYS))
    if unknown:
        raise ValueError(f"texts holds unknown keys {unknown}; the keys are DERIVE_TEXT_KEYS")
    return texts


_SUPERSCRIPTS = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def power_of_ten(value: float) -> str:
    """A number as ``10⁻⁶`` when it is a power of ten, else as the lessons write numbers."""
    exponent = round(float(np.log10(value))) if value > 0 else None
    if exponent is not None and np.isclose(value, 10.0**exponent, rtol=1e-12, atol=0):
        return "10" + str(exponent).translate(_SUPERSCRIPTS)
    return fmt(value)


def _f(values) -> list[float]:
    return [float(v) for v in np.ravel(values)]


def alpha_limits_figure(
    alphas: Sequence[float],
    alpha: float,
    *,
    zigzag: float,
    diverge: float,
    diverge_with_bias: float | None = None,
    texts: Mapping[str, str],
    height: int = 170,
) -> go.Figure:
    """The α scale with the bands "steady", "zigzag" and "diverges", and the chosen α.

    Parameters
    ----------
    alphas : sequence of float, length ≥ 1, all > 0
        The values the α control offers (tick marks).
    alpha : float
        The chosen α.
    zigzag, diverge : float
        1/λ_max and 2/λ_max at the current point (> 0, zigzag < diverge).
    diverge_with_bias : float, optional
        2/λ_max over (w, b), drawn as a dotted line.
    texts : mapping of str to str
        The keys ``alpha_*`` of :data:`DERIVE_TEXT_KEYS`.
    height : int, default 170

    Returns
    -------
    go.Figure
    """
    tx = _words(texts, [k for k in DERIVE_TEXT_KEYS if k.startswith("alpha_")])
    alphas = np.asarray(alphas, dtype=np.float64)
    if alphas.size == 0 or np.any(~(alphas > 0)):
        raise ValueError(f"alphas must be numbers > 0, got {alphas.tolist()}")
    if not 0 < zigzag < diverge:
        raise ValueError(
            "zigzag and diverge must satisfy 0 < zigzag < diverge, "
            f"got zigzag={zigzag!r}, diverge={diverge!r}"
        )
    # the scale spans the α on offer (and a limit inside SPAN of them); a limit further
    # out is labelled at the edge, with an arrow pointing its way
    lo = float(np.log10(max(min(alphas.min(), zigzag), alphas.min() / SPAN) / 2))
    hi = float(np.log10(min(max(alphas.max(), diverge), alphas.max() * SPAN) * 2))
    fig = go.Figure()
    bands = [
        (10**lo, zigzag, STEADY_COLOR, tx["alpha_steady"]),
        (zigzag, diverge, ZIGZAG_COLOR, tx["alpha_zigzag"]),
        (diverge, 10**hi, DIVERGE_COLOR, tx["alpha_diverge"]),
    ]
    for x0, x1, color, label in bands:
        left, right = max(np.log10(x0), lo), min(np.log10(x1), hi)
        if left >= right:
            continue
        fig.add_vrect(x0=10**left, x1=10**right, fillcolor=color, line_width=0, layer="below")
        fig.add_annotation(
            x=float((left + right) / 2),
            y=0.9,
            yref="paper",
            text=label,
            showarrow=False,
            font={"size": 12},
        )
    # 1/λ is labelled to the left of its line, 2/λ to the right: they are a factor 2 apart
    for value, name, side, shift in ((zigzag, "1/λ", "right", -3), (diverge, "2/λ", "left", 3)):
        at = float(np.log10(value))
        text = f"{name} = {fmt(value, 3)}"
        if at > hi:
            at, side, shift, text = hi, "right", -3, f"{text} →"
        elif at < lo:
            at, side, shift, text = lo, "left", 3, f"← {text}"
        else:
            fig.add_vline(x=value, line={"color": "#333333", "width": 1.5})
        fig.add_annotation(
            x=at,
            y=0.08,
            yref="paper",
            text=text,
            showarrow=False,
            xanchor=side,
            xshift=shift,
            font={"size": 12},
        )
    fig.add_trace(
        go.Scatter(
            x=_f(alphas),
            y=[0.5] * alphas.size,
            mode="markers",
            marker={"color": "#888888", "size": 7, "symbol": "line-ns-open"},
            hoverinfo="x",
            showlegend=False,
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[float(alpha)],
            y=[0.5],
            mode="markers",
            name=tx["alpha_chosen"],
            marker={"color": CURRENT_COLOR, "size": 14, "symbol": "triangle-up"},
        )
    )
    if diverge_with_bias is not None:
        fig.add_trace(
            go.Scatter(
                x=[float(diverge_with_bias)] * 2,
                y=[0.15, 0.85],
                mode="lines",
                line=GUIDE,
                name=tx["alpha_with_bias"].format(value=fmt(diverge_with_bias, 3)),
            )
        )
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(margin={"l": 20, "r": 20, "t": 30, "b": 40})
    fig.update_xaxes(type="log", range=[lo, hi], title_text=tx["alpha_axis"])
    fig.update_yaxes(visible=False, range=[0, 1])
    return fig


def loop_figure(steps, *, texts: Mapping[str, str], height: int = 460) -> go.Figure:
    """The loop over i = 1 … m in (w1, w2): each example adds its share of the step.

    Parameters
    ----------
    steps : logreg_core.lesson_math.LoopSteps
        From :func:`~logreg_core.lesson_math.loop_steps` with n = 2 features.
    texts : mapping of str to str
        The keys ``loop_*`` of :data:`DERIVE_TEXT_KEYS`.
    height : int, default 460

    Returns
    -------
    go.Figure
        Frame i (0 … m) shows w and the arrows of examples 1 … i laid head to
        tail; a slider and a play button step through the frames.  The dashed
        arrow from w to w − α dw (the vectorized step) is in every frame; the
        last arrow ends on its tip.
    """
    tx = _words(texts, [k for k in DERIVE_TEXT_KEYS if k.startswith("loop_")])
    path = np.asarray(steps.w_path, dtype=np.float64)
    if path.ndim != 2 or path.shape[0] != 2:
        raise ValueError(
            f"steps must be of a model with 2 weights, got w_path of shape {path.shape}"
        )
    m = steps.m
    alpha = steps.learning_rate
    end = path[:, 0] - alpha * np.asarray(steps.mean_dw, dtype=np.float64)

    def traces(i: int) -> list[go.Scatter]:
        # every frame holds m + 1 points (those not reached yet sit on the tip, unmarked):
        # plotly animates a line whose point count stays the same without losing segments
        shown = np.hstack([path[:, : i + 1], np.repeat(path[:, i : i + 1], m - i, axis=1)])
        sizes = [0.0] + [9.0] * i + [0.0] * (m - i)
        last = path[:, [max(i - 1, 0), i]]
        return [
            go.Scatter(
                x=_f(shown[0]),
                y=_f(shown[1]),
                mode="lines+markers",
                line={"color": FORWARD_COLOR, "width": 1.5},
                marker={"symbol": "arrow", "angleref": "previous", "size": sizes},
                name=tx["loop_shares"],
            ),
            go.Scatter(
                x=_f(last[0]),
                y=_f(last[1]),
                mode="lines+markers",
                line={"color": BACKWARD_COLOR, "width": 3},
                marker={
                    "symbol": "arrow",
                    "angleref": "previous",
                    "size": [0.0, 14.0 if i else 0.0],
                    "color": BACKWARD_COLOR,
                },
                name=tx["loop_latest"],
            ),
        ]

    def title(i: int) -> str:
        if i == 0:
            return tx["loop_start"]
        return tx["loop_frame"].format(
            i=i,
            m=m,
            dw1=fmt(steps.dw_sum[0, i - 1]),
            dw2=fmt(steps.dw_sum[1, i - 1]),
            db=fmt(steps.db_sum[i - 1]),
        )

    fig = go.Figure()
    fig.add_trace(
        go.Scatter(
            x=_f([path[0, 0], end[0]]),
            y=_f([path[1, 0], end[1]]),
            mode="lines+markers",
            line={"color": CLASS_COLORS[0], "width": 3, "dash": "dash"},
            marker={"symbol": "arrow", "angleref": "previous", "size": [0.0, 16.0]},
            name=tx["loop_vectorized"],
        )
    )
    fig.add_trace(
        go.Scatter(
            x=[float(path[0, 0])],
            y=[float(path[1, 0])],
            mode="markers",
            marker={"color": FORWARD_COLOR, "size": 10},
            name="w",
        )
    )
    xs = np.concatenate([path[0], [end[0]]])
    ys = np.concatenate([path[1], [end[1]]])
    pad_x = 0.12 * max(float(np.ptp(xs)), 1e-6)
    pad_y = 0.12 * max(float(np.ptp(ys)), 1e-6)
    x_range = [float(xs.min() - pad_x), float(xs.max() + pad_x)]
    y_range = [float(ys.min() - pad_y), float(ys.max() + 2.5 * pad_y)]

    def sums(i: int) -> go.Scatter:
        # a text trace, not a title: plotly animates trace data, not layout, without a redraw
        return go.Scatter(
            x=[x_range[0]],
            y=[y_range[1]],
            mode="text",
            text=[title(i)],
            textposition="bottom right",
            textfont={"size": 14, "color": FORWARD_COLOR},
            showlegend=False,
            hoverinfo="skip",
        )

    for trace in [*traces(m), sums(m)]:
        fig.add_trace(trace)
    fig.frames = [
        go.Frame(data=[*traces(i), sums(i)], traces=[2, 3, 4], name=str(i)) for i in range(m + 1)
    ]
    slider = {
        "active": m,
        "x": 0.12,
        "len": 0.88,
        "currentvalue": {"prefix": tx["loop_slider"]},
        "pad": {"t": 40},
        "steps": [
            {
                "label": str(i),
                "method": "animate",
                "args": [
                    [str(i)],
                    {
                        "mode": "immediate",
                        "frame": {"duration": 0, "redraw": False},
                        "transition": {"duration": 0},
                    },
                ],
            }
            for i in range(m + 1)
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
                "args": [
                    [str(i) for i in range(m + 1)],
                    {
                        "frame": {"duration": 500, "redraw": False},
                        "transition": {"duration": 0},
                        "fromcurrent": False,
                    },
                ],
            }
        ],
    }
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(
        sliders=[slider],
        updatemenus=[play],
        margin={"t": 60, "b": 110},
    )
    fig.update_xaxes(title_text="w1", range=x_range)
    fig.update_yaxes(title_text="w2", range=y_range)
    return fig


def stop_rules_figure(
    runs: Sequence[tuple[str, np.ndarray, np.ndarray, object]],
    *,
    texts: Mapping[str, str],
    height: int = 400,
) -> go.Figure:
    """J of each run against the iterations, with the step at which each stop rule fires.

    Parameters
    ----------
    runs : sequence of (title, steps, cost, points)
        One panel each: its title, the recorded steps (ndarray of shape (k,)),
        J at them (ndarray of shape (k,)) and a
        :class:`~logreg_core.train.StopPoints` of the same run.
    texts : mapping of str to str
        The keys ``stops_*`` of :data:`DERIVE_TEXT_KEYS`.
    height : int, default 400

    Returns
    -------
    go.Figure
        One column per run, J on log–log axes (step 0 left out), a marker on
        the curve where each rule would stop, and a note for a rule that
        never fires within the run.
    """
    tx = _words(texts, [k for k in DERIVE_TEXT_KEYS if k.startswith("stops_")])
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
        fig.add_trace(
            go.Scatter(
                x=_f(steps[keep]),
                y=_f(cost[keep]),
                mode="lines",
                line={"color": FORWARD_COLOR},
                name="J",
                showlegend=col == 1,
            ),
            row=1,
            col=col,
        )
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
            fig.add_trace(
                go.Scatter(
                    x=[float(max(at, 1))],
                    y=[float(cost[k])],
                    mode="markers",
                    marker={"symbol": symbol, "color": color, "size": 13},
                    name=name,
                    legendgroup=name,
                    showlegend=col == 1,
                    hovertemplate=f"{name}<br>{fmt(at)}<extra></extra>",
                ),
                row=1,
                col=col,
            )
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
        fig.update_yaxes(type="log", row=1, col=1 if col == 1 else col)
    fig.update_yaxes(title_text=tx["stops_cost_axis"], row=1, col=1)
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(legend={"y": -0.25, "yanchor": "top"}, margin={"b": 110, "t": 40})
    return fig
