"""Lesson 5 · Gradient descent on one weight: the steps down J(w), and how large α may be.

* a one-weight gradient descent with b held fixed, on cross-entropy or on the
  squared error, its tangent lines and what α does to it (:func:`descend_1d`,
  whose verdict lesson 4's trap also reads);
* the curvature limits 1/λ_max and 2/λ_max on α (:func:`step_limits`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .. import checks
from ..figures.style import BACKWARD_COLOR, CURRENT_COLOR, PATH_COLOR, base_layout, words
from ..formatting import fmt
from ..model import hessian, propagate
from .cost import squared_error_costs, squared_error_slope
from .shared import dots, line, weights

__all__ = [
    "LOSSES",
    "TEXTS",
    "VERDICTS",
    "Descent1D",
    "StepLimits",
    "alpha_limits_figure",
    "curve_range",
    "descend_1d",
    "descent_figure",
    "step_limits",
    "tangent_line",
]


#: The words the figures of lesson 5 write, by key of the ``[figures_lessons]`` table.
TEXTS = (
    "descent_steps",
    "descent_tangent",
    "descent_current",
    "alpha_axis",
    "alpha_steady",
    "alpha_zigzag",
    "alpha_diverge",
    "alpha_chosen",
    "alpha_with_bias",
)


#: What a one-weight descent is doing, from :meth:`Descent1D.verdict`.
VERDICTS = ("start", "converging", "overshooting", "diverging")


#: The costs a one-weight descent can walk down: cross-entropy, squared error.
LOSSES = ("ce", "se")


def _step(w: float, slope: float, alpha: float) -> float:
    """The gradient-descent update of one weight, w := w − α dJ/dw."""
    return w - alpha * slope


@dataclass(frozen=True)
class Descent1D:
    """Gradient descent on one weight w with the bias b held fixed.

    Attributes
    ----------
    w, cost, slope : ndarray of shape (k + 1,)
        w before the first step and after each of the k steps, J(w) and dJ/dw
        (the tangent's slope) at each.
    learning_rate : float
        α.
    b : float
        The fixed bias.
    """

    w: np.ndarray
    cost: np.ndarray
    slope: np.ndarray
    learning_rate: float
    b: float

    @property
    def steps(self) -> int:
        """k, the number of steps taken."""
        return int(self.w.size - 1)

    @property
    def next_w(self) -> float:
        """Where the next step lands: w − α · dJ/dw at the current w."""
        return _step(float(self.w[-1]), float(self.slope[-1]), self.learning_rate)

    @property
    def verdict(self) -> str:
        """One of :data:`VERDICTS`.

        "start" before any step; "diverging" when some step raised J (α so
        large that the step landed higher up the other side of the minimum);
        "overshooting" when the slope changed sign (w jumped past the
        minimum) but every step lowered J; "converging" otherwise.
        """
        if self.steps == 0:
            return "start"
        if np.any(self.cost[1:] > self.cost[:-1] * (1.0 + 1e-12)):
            return "diverging"
        # a slope within rounding of 0 has no sign: at the minimum it flips at random
        floor = 1e-9 * float(np.max(np.abs(self.slope)))
        signs = np.where(np.abs(self.slope) > floor, np.sign(self.slope), 0.0)
        if np.any(signs[1:] * signs[:-1] < 0):
            return "overshooting"
        return "converging"


def descend_1d(X, Y, w0, *, b, learning_rate, steps, loss="ce") -> Descent1D:
    """Take ``steps`` gradient-descent steps on the one weight of a one-feature model.

    Parameters
    ----------
    X, Y : ndarray of shape (1, m)
    w0 : float
        Starting weight.
    b : float
        Bias, held fixed (so the picture stays one-dimensional).
    learning_rate : float
        α > 0.
    steps : int
        Steps to take, 0 to 10,000.
    loss : {"ce", "se"}, default "ce"
        The cost walked down: cross-entropy (dw from
        :func:`~logreg_core.model.propagate`) or the squared error
        (:func:`squared_error_costs`, :func:`squared_error_slope`).

    Returns
    -------
    Descent1D
        Each step is w := w − α dw; both gradients are bounded, so w stays
        finite for any finite α.
    """
    X, Y = checks.data(X, Y, n=1)
    w = checks.real("w0", w0)
    b = checks.real("b", b)
    alpha = checks.real("learning_rate", learning_rate, low=0.0, low_open=True)
    steps = checks.whole("steps", steps, 0, 10_000)
    if loss not in LOSSES:
        raise ValueError(f"loss must be one of {LOSSES}, got {loss!r}")
    ws, costs, slopes = [], [], []
    for t in range(steps + 1):
        if loss == "ce":
            grads, J = propagate(np.array([[w]]), b, X, Y)
            slope = float(grads["dw"][0, 0])
        else:
            J = float(squared_error_costs(np.array([[w]]), b, X, Y)[0])
            slope = squared_error_slope(X, Y, w, b=b)
        ws.append(w)
        costs.append(J)
        slopes.append(slope)
        if t < steps:
            w = _step(w, slope, alpha)
    return Descent1D(np.array(ws), np.array(costs), np.array(slopes), alpha, b)


def tangent_line(w0, J0, slope, *, half_width):
    """The tangent J0 + slope · (w − w0) to J at w0, as the segment over w0 ± half_width (> 0).

    Returns
    -------
    w, J : ndarray of shape (2,)
    """
    w0, J0, slope = checks.real("w0", w0), checks.real("J0", J0), checks.real("slope", slope)
    hw = checks.real("half_width", half_width, low=0.0, low_open=True)
    w = np.array([w0 - hw, w0 + hw])
    return w, J0 + slope * (w - w0)


def curve_range(w) -> tuple[float, float]:
    """Whole-number bounds of lesson 5's J(w) curve: −3 to 5, widened to hold every w (k,) given."""
    w = np.asarray(w, dtype=np.float64)
    return float(np.floor(min(-3.0, w.min()) - 0.5)), float(np.ceil(max(5.0, w.max()) + 0.5))


# ----------------------------------------------------------------------------
# the curvature limits on α
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepLimits:
    """How large α may be at a point, from the curvature of J there.

    Attributes
    ----------
    curvature : float
        λ_max, the largest eigenvalue of the Hessian of J (> 0).
    zigzag : float
        1 / λ_max: with a larger α a step jumps past the minimum of the local bowl.
    diverge : float
        2 / λ_max: with a larger α each jump lands further from that minimum, so J rises.
    with_bias : bool
        True when the Hessian is over (w, b), False when over w alone (b fixed).
    """

    curvature: float
    zigzag: float
    diverge: float
    with_bias: bool


def step_limits(X, w, *, b, with_bias=True) -> StepLimits:
    """The α at which gradient descent starts to zigzag and to diverge, near (w, b).

    Parameters
    ----------
    X : ndarray of shape (n, m)
    w : float or ndarray of shape (n,) or (n, 1)
    b : float
    with_bias : bool, default True
        The curvature over (w, b), as when both are learned (the playground),
        or over w alone, as when b is held fixed (lesson 5).

    Returns
    -------
    StepLimits

    Notes
    -----
    H = X̃ diag(a(1 − a)) X̃ᵀ / m (:func:`~logreg_core.model.hessian`, X̃ = X with
    a row of ones for b).  Near the point J is a bowl of curvature λ_max along
    its steepest direction; one step multiplies the distance to its bottom
    along it by (1 − α λ_max), negative (a jump past it) for α > 1/λ_max and
    larger than 1 in size for α > 2/λ_max.  J itself is no bowl, so these
    hold near the point only.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n, m) with m ≥ 1, got {X.shape}")
    w = weights(w, X.shape[0])
    H = hessian(w, checks.real("b", b), X)
    if not with_bias:
        H = H[:-1, :-1]
    lam = float(np.linalg.eigvalsh(H)[-1])
    if not lam > 0:
        raise ValueError(f"J has no curvature at w = {w.ravel().tolist()}, b = {b!r}")
    return StepLimits(curvature=lam, zigzag=1.0 / lam, diverge=2.0 / lam, with_bias=bool(with_bias))


# ----------------------------------------------------------------------------
# the figures
# ----------------------------------------------------------------------------


#: A curve that other marks are drawn over (the descent path on J(w)).
CURVE_COLOR = "#A9A9A9"
#: The bands of the α scale: steady, zigzag, diverges.
STEADY_COLOR = "rgba(0, 114, 178, 0.12)"
ZIGZAG_COLOR = "rgba(230, 159, 0, 0.22)"
DIVERGE_COLOR = "rgba(204, 51, 17, 0.18)"
#: The dotted line of 2/λ_max over (w, b) on the α scale.
WITH_BIAS_LINE = {"color": "#555555", "width": 1, "dash": "dot"}
#: The α scale reaches at most this factor beyond the smallest and largest α on offer.
SPAN = 10.0


def descent_figure(
    w,
    J,
    path_w,
    path_J,
    *,
    tangent_w,
    tangent_J,
    slope: float,
    max_arrows: int = 40,
    height: int = 450,
    texts: Mapping[str, str],
) -> go.Figure:
    """J(w), the steps taken so far, and the tangent at the current w.

    Parameters
    ----------
    w, J : ndarray of shape (g,)
        The cost curve.
    path_w, path_J : ndarray of shape (k + 1,)
        The start and each step's w and J; the last is the current point.
    tangent_w, tangent_J : ndarray of shape (2,)
        The tangent segment at the current point.
    slope : float
        dJ/dw at the current point, written on the tangent.
    max_arrows : int, default 40
        Only the last this many steps get an arrow.
    height : int, default 450
    texts : mapping of str to str
        The words of the keys ``descent_*`` of :data:`TEXTS`.
    """
    tx = words(texts, [key for key in TEXTS if key.startswith("descent_")])
    path_w, path_J = np.ravel(path_w), np.ravel(path_J)
    fig = go.Figure()
    curve = {"color": CURVE_COLOR, "width": 3}
    hover = "w = %{x:.3g}<br>J = %{y:.4g}<extra></extra>"
    fig.add_trace(line(w, J, curve, name="J(w)", hovertemplate=hover))
    hover = "w = %{x:.4g}<br>J = %{y:.4g}<extra></extra>"
    marker = {"color": PATH_COLOR, "size": 7}
    fig.add_trace(dots(path_w, path_J, marker, name=tx["descent_steps"], hovertemplate=hover))
    for t in range(max(0, path_w.size - 1 - max_arrows), path_w.size - 1):
        fig.add_annotation(
            x=float(path_w[t + 1]),
            y=float(path_J[t + 1]),
            ax=float(path_w[t]),
            ay=float(path_J[t]),
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            showarrow=True,
            arrowhead=2,
            arrowsize=1,
            arrowwidth=1.5,
            arrowcolor=PATH_COLOR,
            text="",
        )
    tangent = {"color": BACKWARD_COLOR, "width": 2.5, "dash": "dash"}
    name = tx["descent_tangent"].format(slope=fmt(slope))
    fig.add_trace(line(tangent_w, tangent_J, tangent, name=name))
    current = {"color": CURRENT_COLOR, "size": 14, "line": {"color": "white", "width": 1}}
    fig.add_trace(dots(path_w[-1], path_J[-1], current, name=tx["descent_current"]))
    top = float(max(np.max(J), path_J.max()))
    fig.update_layout(**base_layout(height=height))
    fig.update_xaxes(title_text="w", range=[float(np.min(w)), float(np.max(w))])
    fig.update_yaxes(title_text="J(w)", range=[0, top * 1.05])
    return fig


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
        The words of the keys ``alpha_*`` of :data:`TEXTS`.
    height : int, default 170
    """
    tx = words(texts, [key for key in TEXTS if key.startswith("alpha_")])
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
    ticks = {"color": "#888888", "size": 7, "symbol": "line-ns-open"}
    fig.add_trace(dots(alphas, [0.5] * alphas.size, ticks, hoverinfo="x", showlegend=False))
    chosen = {"color": CURRENT_COLOR, "size": 14, "symbol": "triangle-up"}
    fig.add_trace(dots(alpha, 0.5, chosen, name=tx["alpha_chosen"]))
    if diverge_with_bias is not None:
        name = tx["alpha_with_bias"].format(value=fmt(diverge_with_bias, 3))
        fig.add_trace(line([diverge_with_bias] * 2, [0.15, 0.85], WITH_BIAS_LINE, name=name))
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(margin={"l": 20, "r": 20, "t": 30, "b": 40})
    fig.update_xaxes(type="log", range=[lo, hi], title_text=tx["alpha_axis"])
    fig.update_yaxes(visible=False, range=[0, 1])
    return fig
