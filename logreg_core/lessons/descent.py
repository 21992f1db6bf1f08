"""Lesson 5 · Gradient descent on one weight: the steps down J(w), and how large α may be.

* a one-weight gradient descent with b held fixed, on cross-entropy or on the
  squared error, and its tangent lines (:func:`descend_1d`, which lesson 4's
  trap also walks);
* the minimum w* of J(w) and the curvature J″ there, whose limits 1/J″(w*)
  and 2/J″(w*) decide whether the descent settles (:func:`minimum_1d`,
  :func:`step_limits`);
* what a run does over enough steps: it settles, oscillates without settling,
  or J grows (:func:`outcomes`); and how, far from w*, one step can jump past
  it although α is below 1/J″ where it starts (:func:`far_jump`).

The curvature is written J″ (over w alone) or κ_max (the largest eigenvalue of
the Hessian over (w, b)); λ stays the L2 penalty's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import plotly.graph_objects as go

from .. import checks
from ..figures.style import BACKWARD_COLOR, CURRENT_COLOR, PATH_COLOR, base_layout, words
from ..formatting import fmt
from ..model import cost, hessian, propagate, sigmoid, sigmoid_slope
from ..model import loss as cross_entropy
from .cost import squared_error_costs, squared_error_slope
from .shared import dots, line, weights

__all__ = [
    "KINDS",
    "LONG_RUN",
    "LOSSES",
    "OUTCOMES",
    "TEXTS",
    "Descent1D",
    "FarJump",
    "Minimum1D",
    "Outcome",
    "StepLimits",
    "alpha_limits_figure",
    "curve_range",
    "descend_1d",
    "descent_figure",
    "far_jump",
    "minimum_1d",
    "outcomes",
    "step_limits",
    "tangent_line",
]


#: The words the figures of lesson 5 write, by key of the ``[figures_lessons]`` table.
TEXTS = (
    "descent_steps",
    "descent_tangent",
    "descent_current",
    "alpha_axis",
    "alpha_one_side",
    "alpha_zigzag",
    "alpha_unsettled",
    "alpha_chosen",
    "alpha_with_bias",
)


#: What a run does over enough steps, :attr:`Outcome.verdict`.
OUTCOMES = ("settles", "oscillates", "grows")
#: The verdict and, for a run that settles, whether it ever jumped past w*: :attr:`Outcome.kind`.
KINDS = ("settles_one_side", "settles_jumping", "oscillates", "grows")
#: The steps :func:`outcomes` takes before it reads what the run does.
LONG_RUN = 4000


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


# ----------------------------------------------------------------------------
# the curvature limits on α
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepLimits:
    """How large α may be near a point, from the curvature of J there.

    Attributes
    ----------
    curvature : float
        κ_max, the largest eigenvalue of the Hessian of J (> 0); over w alone
        it is J″(w).
    zigzag : float
        1 / κ_max: near the point, a step with a larger α jumps past the
        minimum of the bowl that fits J there.
    diverge : float
        2 / κ_max: with a larger α each step lands further from that bowl's
        minimum than the last.  Only near a minimum of J itself does this
        decide whether the descent settles (:func:`minimum_1d`).
    with_bias : bool
        True when the Hessian is over (w, b), False when over w alone (b fixed).
    """

    curvature: float
    zigzag: float
    diverge: float
    with_bias: bool


def step_limits(X, w, *, b, with_bias=True) -> StepLimits:
    """The α above which a step near (w, b) jumps past the minimum of the bowl fitted there.

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
    a row of ones for b).  Near the point J is a bowl of curvature κ_max along
    its steepest direction; one step multiplies the distance to its bottom
    along it by (1 − α κ_max), negative (a jump past it) for α > 1/κ_max and
    larger than 1 in size for α > 2/κ_max.  J itself is no bowl, so these
    hold near the point only: at a minimum of J they decide whether the
    descent settles there; far from it one large step can jump past the
    minimum with α below 1/κ_max (:func:`far_jump`).
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n, m) with m ≥ 1, got {X.shape}")
    w = weights(w, X.shape[0])
    H = hessian(w, checks.real("b", b), X)
    if not with_bias:
        H = H[:-1, :-1]
    kappa = float(np.linalg.eigvalsh(H)[-1])
    if not kappa > 0:
        raise ValueError(f"J has no curvature at w = {w.ravel().tolist()}, b = {b!r}")
    return StepLimits(
        curvature=kappa, zigzag=1.0 / kappa, diverge=2.0 / kappa, with_bias=bool(with_bias)
    )


# ----------------------------------------------------------------------------
# the minimum of J(w), and what a run does over enough steps
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Minimum1D:
    """w* where dJ/dw = 0 (b held fixed), J(w*), and the step limits there (over w alone)."""

    w: float
    cost: float
    limits: StepLimits


def _slope(X, Y, w: float, b: float) -> float:
    """dJ/dw of the cross-entropy at one w (b fixed), from :func:`~logreg_core.model.propagate`."""
    return float(propagate(np.array([[w]]), b, X, Y)[0]["dw"][0, 0])


def minimum_1d(X, Y, *, b) -> Minimum1D:
    """The w that minimises the cross-entropy J(w) of ``X, Y`` (shape (1, m)) with b held fixed.

    J is convex in w, so dJ/dw never decreases: w* is found by bisection on its
    sign, between bounds doubled from ±1, down to adjacent floats.  Raises
    ValueError when J(w) has no minimum (a weight puts every example on its own
    side with this b, so J keeps falling as w grows that way).
    """
    X, Y = checks.data(X, Y, n=1)
    b = checks.real("b", b)
    lo, hi = -1.0, 1.0
    while _slope(X, Y, lo, b) >= 0:
        lo *= 2.0
        if lo < -1e30:
            raise ValueError(
                f"J(w) has no minimum on these data with b = {b!r}: it falls as w → −∞"
            )
    while _slope(X, Y, hi, b) <= 0:
        hi *= 2.0
        if hi > 1e30:
            raise ValueError(
                f"J(w) has no minimum on these data with b = {b!r}: it falls as w → +∞"
            )
    while True:
        mid = 0.5 * (lo + hi)
        if mid in (lo, hi):
            break
        slope = _slope(X, Y, mid, b)
        if slope == 0:
            lo = hi = mid
            break
        if slope < 0:
            lo = mid
        else:
            hi = mid
    w = lo if abs(_slope(X, Y, lo, b)) <= abs(_slope(X, Y, hi, b)) else hi
    return Minimum1D(
        w=w,
        cost=cost(np.array([[w]]), b, X, Y),
        limits=step_limits(X, w, b=b, with_bias=False),
    )


@dataclass(frozen=True)
class Outcome:
    """What gradient descent on one weight (b fixed) does over a long run, from :func:`outcomes`.

    ``verdict`` is one of :data:`OUTCOMES`; ``first_jump`` the first step that
    took w across w* (None if none did); the ``w_*`` and ``cost_*`` ranges and
    mean are read over the ``tail`` (the run's second half); ``cost_start`` is J
    at the start.
    """

    verdict: str
    learning_rate: float
    steps: int
    tail: int
    first_jump: int | None
    w_low: float
    w_high: float
    cost_low: float
    cost_high: float
    cost_mean: float
    cost_start: float

    @property
    def jumped(self) -> bool:
        """Whether some step jumped past the minimum."""
        return self.first_jump is not None

    @property
    def kind(self) -> str:
        """One of :data:`KINDS`: the verdict; for a run that settles, whether it jumped past w*."""
        if self.verdict == "settles":
            return "settles_jumping" if self.jumped else "settles_one_side"
        return self.verdict


def _curvature_bound(x: np.ndarray, centre: float, radius: float, b: float) -> float:
    """An upper bound of J″(u) = mean of x² σ′(ux + b) over |u − centre| ≤ radius.

    Each example's term is largest where its z = ux + b is closest to 0, so
    the mean of those largest terms bounds the largest J″ (equal to it when
    one u is closest to 0 for every example, as for b = 0).
    """
    ends = np.stack([(centre - radius) * x + b, (centre + radius) * x + b])
    nearest = np.clip(0.0, ends.min(axis=0), ends.max(axis=0))
    return float(np.mean(x * x * sigmoid_slope(nearest)))


def outcomes(X, Y, w0, learning_rates, *, b, steps=LONG_RUN) -> tuple[Outcome, ...]:
    """What gradient descent on the one weight does over ``steps`` steps, for each α.

    Parameters
    ----------
    X, Y : ndarray of shape (1, m)
        Data on which J(w) has a minimum (:func:`minimum_1d`).
    w0 : float
        The start.
    learning_rates : sequence of float, length k ≥ 1, each > 0
        The α to run, all at once.
    b : float
        The bias, held fixed.
    steps : int, default :data:`LONG_RUN`
        Steps of each run, 2 to 100,000.

    Returns
    -------
    tuple of Outcome, length k
        In the order of ``learning_rates``.

    Notes
    -----
    Each run takes the steps w := w − α dJ/dw of :func:`descend_1d`, then:

    * **settles** when, from where the run ended, every further step must
      bring w closer to w*.  One step multiplies w − w* by 1 − α J″(u) for
      some u between w and w*; J″ > 0, so when α J″ < 2 on the whole stretch
      |u − w*| ≤ |w − w*| (checked with an upper bound of J″ there) the
      distance shrinks by a factor below 1 at every step, and w → w*.
      This holds as soon as α is below 2 / (the largest J″ anywhere), and
      near w* for every α below 2/J″(w*).
    * otherwise the run has not settled, and the tail (its second half)
      tells the rest: **grows** when J over the tail averages above J at the
      start (the run ends up worse than it began), **oscillates** (without
      settling) when not.  Neither is a divergence to infinity: the slope of
      J is bounded by mean |x|, so each step moves w by at most α · mean |x|
      and J stays finite at every step.

    A step jumped past the minimum when w − w* changed sign, both sides
    farther than 10⁻⁹ (1 + |w*|) from w* (rounding at w* is no jump).
    """
    X, Y = checks.data(X, Y, n=1)
    w0 = checks.real("w0", w0)
    b = checks.real("b", b)
    alphas = np.asarray(learning_rates, dtype=np.float64).ravel()
    if alphas.size == 0 or not np.all(np.isfinite(alphas) & (alphas > 0)):
        raise ValueError(
            f"learning_rates must be finite numbers > 0, got {checks.shown(learning_rates)}"
        )
    steps = checks.whole("steps", steps, 2, 100_000)
    lowest = minimum_1d(X, Y, b=b)
    x, y, m = X[0], Y[0], X.shape[1]
    tail = steps - steps // 2
    first = steps - tail + 1  # the tail: w after step first, first + 1, …, steps
    W = np.empty((steps + 1, alphas.size))
    J = np.empty((tail, alphas.size))
    W[0] = w0
    for t in range(steps):
        Z = np.outer(W[t], x) + b
        if t >= first:
            J[t - first] = cross_entropy(Z, y).mean(axis=1)
        W[t + 1] = W[t] - alphas * ((sigmoid(Z) - y) @ x) / m  # dw = mean of x (a − y)
    J[-1] = cross_entropy(np.outer(W[steps], x) + b, y).mean(axis=1)
    start = cost(np.array([[w0]]), b, X, Y)
    gap = W - lowest.w
    side = np.where(np.abs(gap) > 1e-9 * (1.0 + abs(lowest.w)), np.sign(gap), 0.0)
    crossed = side[1:] * side[:-1] < 0
    found = []
    for j, alpha in enumerate(alphas):
        radius = abs(float(W[steps, j]) - lowest.w)
        settles = alpha * _curvature_bound(x, lowest.w, radius, b) < 2.0
        if settles:
            verdict = "settles"
        elif J[:, j].mean() > start:
            verdict = "grows"
        else:
            verdict = "oscillates"
        jumps = np.flatnonzero(crossed[:, j])
        tail_w = W[first:, j]
        found.append(
            Outcome(
                verdict=verdict,
                learning_rate=float(alpha),
                steps=steps,
                tail=tail,
                first_jump=int(jumps[0]) + 1 if jumps.size else None,
                w_low=float(tail_w.min()),
                w_high=float(tail_w.max()),
                cost_low=float(J[:, j].min()),
                cost_high=float(J[:, j].max()),
                cost_mean=float(J[:, j].mean()),
                cost_start=start,
            )
        )
    return tuple(found)


@dataclass(frozen=True)
class FarJump:
    """One step from ``w0``, far from w*, that lands past w* (at ``w1``) with α below 1/J″(w0).

    ``limits`` are the step limits at w0 (over w alone); ``bowl_min`` is the
    minimum of the bowl that fits J at w0, w0 − J′(w0) / J″(w0).
    """

    w0: float
    limits: StepLimits
    learning_rate: float
    w1: float
    bowl_min: float


def far_jump(X, Y, w0, learning_rates, *, b) -> FarJump | None:
    """The smallest α of ``learning_rates`` that jumps past w* in one step though below 1/J″(w0).

    The bowl that fits J at w0 says a step with α < 1/J″(w0) stays on its
    side of that bowl's minimum; J is not that bowl, and far from w* it is
    flatter, so one step can still land past w* itself.

    ``X, Y`` have shape (1, m); None when no such α is on offer.
    """
    X, Y = checks.data(X, Y, n=1)
    w0, b = checks.real("w0", w0), checks.real("b", b)
    lowest = minimum_1d(X, Y, b=b)
    here = step_limits(X, w0, b=b, with_bias=False)
    slope = _slope(X, Y, w0, b)
    for alpha in sorted(float(a) for a in learning_rates):
        w1 = _step(w0, slope, alpha)
        if alpha < here.zigzag and (w0 - lowest.w) * (w1 - lowest.w) < 0:
            bowl_min = w0 - slope / here.curvature
            return FarJump(w0=w0, limits=here, learning_rate=alpha, w1=w1, bowl_min=bowl_min)
    return None


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
# the figures
# ----------------------------------------------------------------------------


#: A curve that other marks are drawn over (the descent path on J(w)).
CURVE_COLOR = "#A9A9A9"
#: The bands of the α scale: settles from one side, settles zigzagging, never settles.
STEADY_COLOR = "rgba(0, 114, 178, 0.12)"
ZIGZAG_COLOR = "rgba(230, 159, 0, 0.22)"
DIVERGE_COLOR = "rgba(204, 51, 17, 0.18)"
#: The dotted line of 2/κ_max over (w, b) on the α scale.
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
    height: int = 190,
) -> go.Figure:
    """The α scale with three bands set by the curvature at the minimum, and the chosen α.

    Parameters
    ----------
    alphas : sequence of float, length ≥ 1, all > 0
        The values the α control offers (tick marks).
    alpha : float
        The chosen α.
    zigzag, diverge : float
        1/J″(w*) and 2/J″(w*) at the minimum w* (:attr:`Minimum1D.limits`;
        > 0, zigzag < diverge).  Below 1/J″(w*) the band "settles, the last
        steps from one side"; up to 2/J″(w*) "settles, zigzagging in";
        above it "never settles": near w* one step multiplies w − w* by
        1 − α J″(w*) (:func:`outcomes` runs the descent itself).
    diverge_with_bias : float, optional
        2/κ_max over (w, b) at its minimum, drawn as a dotted line.
    texts : mapping of str to str
        The words of the keys ``alpha_*`` of :data:`TEXTS`.
    height : int, default 190
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
        (10**lo, zigzag, STEADY_COLOR, tx["alpha_one_side"]),
        (zigzag, diverge, ZIGZAG_COLOR, tx["alpha_zigzag"]),
        (diverge, 10**hi, DIVERGE_COLOR, tx["alpha_unsettled"]),
    ]
    for x0, x1, color, label in bands:
        left, right = max(np.log10(x0), lo), min(np.log10(x1), hi)
        if left >= right:
            continue
        fig.add_vrect(x0=10**left, x1=10**right, fillcolor=color, line_width=0, layer="below")
        fig.add_annotation(
            x=float((left + right) / 2),
            y=0.98,
            yref="paper",
            yanchor="top",
            text=label,
            showarrow=False,
            font={"size": 12},
        )
    # 1/J″ is labelled to the left of its line, 2/J″ to the right: they are a factor 2 apart
    limits = ((zigzag, "1/J″(w∗)", "right", -3), (diverge, "2/J″(w∗)", "left", 3))
    for value, name, side, shift in limits:
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
        # below the bands' two-line labels
        fig.add_trace(line([diverge_with_bias] * 2, [0.15, 0.62], WITH_BIAS_LINE, name=name))
    fig.update_layout(**base_layout(height=height))
    fig.update_layout(margin={"l": 20, "r": 20, "t": 30, "b": 40})
    fig.update_xaxes(type="log", range=[lo, hi], title_text=tx["alpha_axis"])
    fig.update_yaxes(visible=False, range=[0, 1])
    return fig
