"""The rules that end gradient descent early, written once for a run and for its replay.

Each rule reads one step at a time (J, and the training accuracy) and says
whether it fires: :func:`logreg_core.train.train` feeds it a run, and
:func:`logreg_core.train.stop_points` replays a recorded run, so the rule a
lesson draws is the very rule the Train page ran.
"""

from __future__ import annotations

import math

__all__ = [
    "ABOVE_START_RUN",
    "ABOVE_START_SHARE",
    "ABOVE_START_WINDOW",
    "DIVERGENCE_RUN",
    "PLATEAU_REL",
    "Divergence",
    "NoGain",
    "Tolerance",
]

#: J rising on this many consecutive steps counts as divergence.
DIVERGENCE_RUN = 10
#: J above its starting value J₀ on this many consecutive steps counts as
#: divergence too: with too large an α, logistic regression's gradient stays
#: bounded, so J jumps about far above the minimum rather than running off.
ABOVE_START_RUN = 50
#: J above J₀ on at least ABOVE_START_SHARE of the last ABOVE_START_WINDOW steps
#: counts as divergence as well: a large α can make J jump about, dipping below
#: J₀ now and then, without ever settling (seen on raw, unstandardized features).
ABOVE_START_WINDOW = 100
ABOVE_START_SHARE = 2 / 3
#: For ``patience``: a fall of J smaller than this share of J is no gain.
PLATEAU_REL = 1e-6
#: Rounding allowed before J counts as higher.
_RISE = 1.0 + 1e-12


class Divergence:
    """J rising, or above where it started (the constants above): α is too large ("diverged").

    With a small enough α gradient descent never raises J (the cost is convex
    and smooth), so each means the steps jump past the minimum.  A J that is
    not finite is the caller's check.
    """

    __slots__ = ("_above", "_in_window", "_limit", "_prev", "_rises", "_start", "_t", "_window")

    def __init__(self) -> None:
        self._prev = math.inf
        self._start = math.inf
        self._rises = self._above = self._in_window = self._t = 0
        self._window = bytearray(ABOVE_START_WINDOW)  # 1 where J was above J₀
        self._limit = math.ceil(ABOVE_START_SHARE * ABOVE_START_WINDOW)

    def update(self, J: float) -> bool:
        """Read J of the next step (the first call is step 0, which sets J₀)."""
        self._rises = self._rises + 1 if J > self._prev * _RISE else 0
        is_above = J > self._start * _RISE
        self._above = self._above + 1 if is_above else 0
        slot = self._t % ABOVE_START_WINDOW
        self._in_window += is_above - self._window[slot]
        self._window[slot] = is_above
        if self._t == 0:
            self._start = J
        self._prev = J
        self._t += 1
        return (
            self._rises >= DIVERGENCE_RUN
            or self._above >= ABOVE_START_RUN
            or self._in_window >= self._limit
        )


class Tolerance:
    """|J_t − J_{t−1}| < tol: J changed by less than ``tol`` in one step ("converged").

    It measures one step's change, not the distance to the minimum: on
    separable data J can change by less than tol while it still falls and
    ‖w‖ still grows.
    """

    __slots__ = ("_prev", "tol")

    def __init__(self, tol: float) -> None:
        self.tol = tol
        self._prev = math.inf

    def update(self, J: float) -> bool:
        """Read J of the next step; never fires on the first."""
        fired = abs(self._prev - J) < self.tol
        self._prev = J
        return fired


class NoGain:
    """``patience`` steps in a row without a gain ("plateau").

    A step gains when the training accuracy rises above its best so far, or
    (with ``with_cost``, as :func:`logreg_core.train.train` runs it) when J
    falls below its best by more than :data:`PLATEAU_REL` · |best J|.
    """

    __slots__ = ("_best_acc", "_best_cost", "_stale", "patience", "with_cost")

    def __init__(self, patience: int, *, with_cost: bool = True) -> None:
        self.patience = patience
        self.with_cost = with_cost
        self._best_acc, self._best_cost, self._stale = -1.0, math.inf, 0

    def update(self, J: float, acc: float) -> bool:
        """Read J and the accuracy of the next step."""
        gain = acc > self._best_acc or (
            self.with_cost and J < self._best_cost - PLATEAU_REL * abs(self._best_cost)
        )
        self._stale = 0 if gain else self._stale + 1
        self._best_acc = max(self._best_acc, acc)
        self._best_cost = min(self._best_cost, J)
        return self._stale >= self.patience
