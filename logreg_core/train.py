"""Gradient descent on (w, b), with a bounded record of every step worth seeing."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import kernel
from .checks import data, real, whole
from .data import DataError
from .model import ExampleValues, Step, example_values, l2_gradient, l2_penalty
from .stop_rules import (
    ABOVE_START_RUN,
    ABOVE_START_SHARE,
    ABOVE_START_WINDOW,
    DIVERGENCE_RUN,
    PLATEAU_REL,
    Divergence,
    NoGain,
    Tolerance,
)

__all__ = [
    "ABOVE_START_RUN",
    "ABOVE_START_SHARE",
    "ABOVE_START_WINDOW",
    "DIVERGENCE_RUN",
    "INIT_METHODS",
    "MAX_ITERATIONS",
    "PLATEAU_REL",
    "History",
    "StepDetail",
    "StopPoints",
    "init_params",
    "record_schedule",
    "step_detail",
    "stop_points",
    "train",
]

#: The largest ``num_iterations`` accepted (the article's upper end, 1000k).
MAX_ITERATIONS = 1_000_000
#: Ways to initialise w and b, for :func:`init_params`.
INIT_METHODS = ("zeros", "random", "explicit")
#: How many times at most ``on_progress`` is called in one run.
PROGRESS_CALLS = 200


@dataclass(frozen=True)
class History:
    """What gradient descent did, one record per kept step (k records).

    Attributes
    ----------
    steps : ndarray of shape (k,), int64
        Number of updates made before each record: 0 is the initial
        parameters, the last is the last update made.
    w : ndarray of shape (k, n)
        Weights after ``steps[i]`` updates.
    b : ndarray of shape (k,)
    cost : ndarray of shape (k,)
        J at those parameters, plus the L2 term (λ / 2m)‖w‖² when l2 > 0.
    accuracy : ndarray of shape (k,)
        Training accuracy at those parameters (predicted class 1 ⇔ a ≥ 0.5).
    dw : ndarray of shape (k, n)
        Gradient of the cost (with the L2 term) with respect to w.
    db : ndarray of shape (k,)
    stop_reason : str
        "max_iterations", "converged" (|ΔJ| < tol), "plateau" (``patience``
        steps with no gain in accuracy or cost) or "diverged" (J not finite,
        or rising on ``DIVERGENCE_RUN`` consecutive steps, or above its
        starting value J₀ on ``ABOVE_START_RUN`` consecutive steps or on
        ``ABOVE_START_SHARE`` of the last ``ABOVE_START_WINDOW`` steps).
    learning_rate : float
        α used.
    l2 : float
        λ used.
    num_iterations : int
        The iteration budget asked for (the run may have stopped earlier).
    tol : float or None
        The "|ΔJ| < tol" stop rule it ran with (None: off).
    patience : int or None
        The "no gain for ``patience`` steps" stop rule it ran with (None: off).
    """

    steps: np.ndarray
    w: np.ndarray
    b: np.ndarray
    cost: np.ndarray
    accuracy: np.ndarray
    dw: np.ndarray
    db: np.ndarray
    stop_reason: str
    learning_rate: float = float("nan")
    l2: float = 0.0
    num_iterations: int = 0
    tol: float | None = None
    patience: int | None = None

    def __len__(self) -> int:
        return int(self.steps.shape[0])

    @property
    def final_w(self) -> np.ndarray:
        """Last recorded weights, ndarray of shape (n, 1)."""
        return self.w[-1].reshape(-1, 1).copy()

    @property
    def final_b(self) -> float:
        """Last recorded bias."""
        return float(self.b[-1])

    def index_of(self, step: int) -> int:
        """Index of the record at ``step``, or of the last record before it."""
        i = int(np.searchsorted(self.steps, step, side="right")) - 1
        return max(i, 0)


def init_params(n, *, method="zeros", scale=0.01, seed=0, w=None, b=0.0):
    """Initial parameters for gradient descent.

    Parameters
    ----------
    n : int
        Number of features (≥ 1).
    method : {"zeros", "random", "explicit"}, default "zeros"
        ``"zeros"``: w = 0, b = 0.  ``"random"``: w drawn from N(0, scale²) with
        a generator seeded by ``seed`` (the article initialises W randomly),
        b = 0.  ``"explicit"``: w and b as given.
    scale : float, default 0.01
        Standard deviation for ``"random"``.
    seed : int, default 0
        Seed of ``np.random.default_rng`` for ``"random"``.
    w : array_like of n numbers, optional
        Weights for ``"explicit"``.
    b : float, default 0.0
        Bias for ``"explicit"``.

    Returns
    -------
    w0 : ndarray of shape (n, 1)
    b0 : float
    """
    n = whole("n", n, 1)
    if method == "zeros":
        return np.zeros((n, 1)), 0.0
    if method == "random":
        scale = real("scale", scale, low=0.0)
        rng = np.random.default_rng(whole("seed", seed, 0))
        return rng.normal(0.0, scale, size=(n, 1)), 0.0
    if method == "explicit":
        if w is None:
            raise ValueError("w is required when method='explicit'")
        w0 = _as_weights("w", w, n)
        return w0, real("b", b)
    raise ValueError(f"method must be one of {INIT_METHODS}, got {method!r}")


def _as_weights(name, w, n) -> np.ndarray:
    try:
        w0 = np.array(w, dtype=np.float64).reshape(-1, 1)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be {n} numbers, got {w!r}") from None
    if w0.shape != (n, 1):
        raise ValueError(f"{name} must hold {n} weights (one per feature), got {w0.shape[0]}")
    if not np.all(np.isfinite(w0)):
        raise ValueError(f"{name} must be finite, got {w0.ravel().tolist()}")
    return w0


def record_schedule(num_iterations: int, max_records: int) -> np.ndarray:
    """The steps whose parameters are recorded, planned before training.

    Parameters
    ----------
    num_iterations : int
        Updates planned.
    max_records : int
        At most this many records in the History (≥ 2).

    Returns
    -------
    ndarray of shape (k,), int64, sorted, unique, k ≤ max_records − 1
        Holds step 0 and, when at least two slots are free, ``num_iterations``.
        Every step when they all fit; otherwise a quarter of the slots for the
        first steps one by one, a quarter spaced geometrically (where most
        happens early) and the rest uniformly.  One slot stays free for the
        step at which training ends, which :func:`train` always records.
    """
    budget = max_records - 1
    if num_iterations + 1 <= budget:
        return np.arange(num_iterations + 1, dtype=np.int64)
    q = budget // 4
    dense = np.arange(q, dtype=np.int64)
    geo = np.rint(np.geomspace(max(q, 1), num_iterations, q)).astype(np.int64)
    lin = np.rint(np.linspace(0, num_iterations, budget - 2 * q)).astype(np.int64)
    return np.union1d(np.union1d(dense, geo), lin)


def train(
    X,
    Y,
    *,
    learning_rate,
    num_iterations,
    w0=None,
    b0=0.0,
    l2=0.0,
    tol=None,
    patience=None,
    max_records=5000,
    on_progress: Callable[[int, int], None] | None = None,
) -> History:
    """Full-batch gradient descent on the cross-entropy cost, as in the article.

    Parameters
    ----------
    X : ndarray of shape (n, m)
        Training features, one column per example.
    Y : ndarray of shape (1, m)
        Labels 0/1.
    learning_rate : float
        α > 0.
    num_iterations : int
        Updates to make, 0 to MAX_ITERATIONS (1,000,000).
    w0 : ndarray of shape (n, 1), optional
        Initial weights; None means zeros.  See :func:`init_params`.
    b0 : float, default 0.0
        Initial bias.
    l2 : float, default 0.0
        λ ≥ 0 of the L2 penalty (λ / 2m)‖w‖² added to J (b is not penalised).
    tol : float, optional
        Stop with "converged" once |J_t − J_{t−1}| < tol.
    patience : int, optional
        Stop with "plateau" after this many consecutive steps in which neither
        the training accuracy rose above its best nor J fell below its best by
        more than PLATEAU_REL · J.
    max_records : int, default 5000
        At most this many records in the History (≥ 2); see
        :func:`record_schedule`.
    on_progress : callable (step, total) -> None, optional
        Called at most about PROGRESS_CALLS (200) times, and once at the end.

    Returns
    -------
    History

    Raises
    ------
    DataError
        "initial_cost_not_finite" when J overflows at ``w0``, ``b0`` (huge
        weights on huge features).
    ValueError
        If an argument is out of range or of the wrong shape, naming it.

    Notes
    -----
    Each iteration is the article's vectorized summary, w and b updated
    together from the gradient at the same point::

        Z = wᵀX + b          dZ = A − Y
        A = σ(Z)             dw = X dZᵀ / m  (+ λ w / m)
        J = mean(L(A, Y))    db = mean(dZ)
        w := w − α dw,  b := b − α db

    The loop evaluates J and the gradient at the parameters after t updates,
    records them when the schedule says so, checks the stop rules, then
    updates.  Divergence stops at once and keeps the last finite record.
    The steps run in compiled code (:mod:`logreg_core.kernel`) where Numba is
    installed; this numpy form is the reference, run otherwise or with
    ``LOGREG_KERNEL=numpy``, and the two agree to 1e-12.
    Gradient descent with a small enough α never raises J (the cost is convex
    and smooth), so a J that keeps rising or stays above J₀ means α is too
    large: the steps overshoot the minimum further each time.
    """
    X, Y = data(X, Y)
    n, m = X.shape
    alpha = real("learning_rate", learning_rate, low=0.0, low_open=True)
    total = whole("num_iterations", num_iterations, 0, MAX_ITERATIONS)
    lam = real("l2", l2, low=0.0)
    if tol is not None:
        tol = real("tol", tol, low=0.0, low_open=True)
    if patience is not None:
        patience = whole("patience", patience, 1)
    max_records = whole("max_records", max_records, 2)
    w = np.zeros((n, 1)) if w0 is None else _as_weights("w0", w0, n)
    b = real("b0", b0)

    records = _Records(record_schedule(total, max_records), n, m)
    loop = {
        "stop": _stop_rules(tol, patience),
        "records": records,
        "on_progress": on_progress,
        "every": max(1, total // PROGRESS_CALLS),
        "with_acc": patience is not None,  # the patience rule reads the accuracy of every step
    }
    fast = kernel.steps(X, Y)
    if fast is None:
        stop_reason, last = _numpy_loop(X, Y, w, b, alpha, lam, total, **loop)
    else:
        stop_reason, last = fast.train(w[:, 0].copy(), b, alpha, lam, total, **loop)
    if last is not None:
        records.last(*last)
    if on_progress is not None:
        on_progress(records.last_step, total)
    if records.k == 0:  # J not finite at the initial parameters: huge w0 on huge features
        raise DataError("initial_cost_not_finite")
    return records.history(
        stop_reason=stop_reason,
        learning_rate=alpha,
        l2=lam,
        num_iterations=total,
        tol=tol,
        patience=patience,
    )


def _stop_rules(tol, patience):
    """The rules of a run in their order: stop(J, acc) -> "diverged", "converged", … or None."""
    divergence = Divergence().update
    converged = Tolerance(tol).update if tol is not None else None
    plateau = NoGain(patience).update if patience is not None else None

    def stop(J, acc):
        if divergence(J):
            return "diverged"
        if converged is not None and converged(J):
            return "converged"
        if plateau is not None and plateau(J, acc):
            return "plateau"
        return None

    return stop


class _Records:
    """The History's arrays, filled at the steps of the schedule and at the step training ends."""

    def __init__(self, schedule: np.ndarray, n: int, m: int) -> None:
        k_max = schedule.size + 1
        self.schedule, self.due, self.inv_m, self.k = schedule, schedule.tolist(), 1.0 / m, 0
        self.steps = np.empty(k_max, np.int64)
        self.w, self.dw = np.empty((k_max, n)), np.empty((k_max, n))
        self.b, self.cost, self.acc, self.db = (np.empty(k_max) for _ in range(4))

    def add(self, t, w, b, J, acc, dw, db) -> None:
        """Keep step t (w, dw of shape (n,)), or k steps at once (t of shape (k,), w, dw (k, n))."""
        k, j = self.k, self.k + np.size(t)
        self.steps[k:j], self.w[k:j], self.b[k:j], self.cost[k:j] = t, w, b, J
        self.acc[k:j], self.dw[k:j], self.db[k:j] = acc, dw, db
        self.k = j

    def traced(self, t0: int, rows: int, trace) -> None:
        """Keep the scheduled steps among t0 … t0 + rows − 1, from a kernel's trace."""
        lo, hi = np.searchsorted(self.schedule, [t0, t0 + rows])
        if hi > lo:
            t, i = self.schedule[lo:hi], self.schedule[lo:hi] - t0
            acc = trace.hits[i] * self.inv_m
            self.add(t, trace.w[i], trace.b[i], trace.J[i], acc, trace.dw[i], trace.db[i])

    def last(self, t, w, b, J, acc, dw, db) -> None:
        """Keep the step training ended at, unless the schedule kept it."""
        if self.k == 0 or self.steps[self.k - 1] != t:
            self.add(t, w, b, J, acc, dw, db)

    @property
    def last_step(self) -> int:
        return int(self.steps[self.k - 1]) if self.k else 0

    def history(self, **settings) -> History:
        k = self.k
        return History(
            steps=self.steps[:k].copy(),
            w=self.w[:k].copy(),
            b=self.b[:k].copy(),
            cost=self.cost[:k].copy(),
            accuracy=self.acc[:k].copy(),
            dw=self.dw[:k].copy(),
            db=self.db[:k].copy(),
            **settings,
        )


def _numpy_loop(X, Y, w, b, alpha, lam, total, *, stop, records, on_progress, every, with_acc):
    """The reference loop: one vectorized numpy step at a time, as lesson 7 writes it.

    Returns the stop reason and the last finite evaluation (t, w, b, J, acc, dw, db), or None.
    """
    m, inv_m = X.shape[1], records.inv_m
    pos = Y == 1
    due, next_rec = records.due, 0
    next_step = due[0]
    step = Step(X, Y)  # forward and backward, in arrays reused from step to step
    last = None
    last_dw = np.empty(w.shape)  # dw of `last`: the step's own array is overwritten by the next
    t = 0
    with np.errstate(over="ignore", invalid="ignore"):
        while True:
            # forward: Z, A = σ(Z), J        | backward: dZ = A − Y, dw, db
            J = step.forward(w, b)
            dw, db = step.backward()
            if lam:
                J += l2_penalty(float(np.sum(w * w)), lam, m)
                dw = dw + l2_gradient(w, lam, m)
            if not (math.isfinite(J) and math.isfinite(db)):  # dw is finite when these are
                return "diverged", None if last is None else _with_accuracy(last, X, pos, inv_m)
            scheduled = t == next_step
            acc = None
            if scheduled or with_acc:
                acc = float(np.count_nonzero((step.Z >= 0) == pos)) * inv_m
            if scheduled:
                records.add(t, w[:, 0], b, J, acc, dw[:, 0], db)
                next_rec += 1
                next_step = due[next_rec] if next_rec < len(due) else -1
            np.copyto(last_dw, dw)
            last = (t, w, b, J, acc, last_dw, db)
            reason = stop(J, acc)  # the stop rules (logreg_core.stop_rules), in their order
            if reason is not None:
                return reason, _with_accuracy(last, X, pos, inv_m)
            if t == total:
                return "max_iterations", _with_accuracy(last, X, pos, inv_m)
            if on_progress is not None and t % every == 0:
                on_progress(t, total)
            # an overflow here shows up as a non-finite J at the top of the next step
            w = w - alpha * dw
            b = b - alpha * db
            t += 1


def _with_accuracy(last, X, pos, inv_m):
    """``last`` with its accuracy, computed if the loop did not need it, and w, dw as rows."""
    t, w, b, J, acc, dw, db = last
    if acc is None:
        Z = w.T @ X + b
        acc = float(np.count_nonzero((Z >= 0) == pos)) * inv_m
    return t, w[:, 0], b, J, acc, dw[:, 0], db


# ----------------------------------------------------------------------------
# where each stop rule would have stopped a run
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StopPoints:
    """The step at which each stop rule would have ended one run (None: it never fires).

    Attributes
    ----------
    accuracy : int or None
        "Stop when the accuracy stops improving": the step at which the training
        accuracy has not risen above its best for ``patience`` steps in a row.
    tol : int or None
        "|ΔJ| < tol": the first step t ≥ 1 with |J_t − J_{t−1}| < tol
        (``train(..., tol=tol)`` stops there with "converged").
    patience : int or None
        ``train``'s own patience rule: ``patience`` steps in a row with neither a
        better accuracy nor a J lower than its best by more than PLATEAU_REL · J
        (``train(..., patience=patience)`` stops there with "plateau").
    last : int
        The run's last step: a rule that did not fire by then is None.
    tol_value : float
    patience_value : int
        The settings the rules were read with.
    """

    accuracy: int | None
    tol: int | None
    patience: int | None
    last: int
    tol_value: float
    patience_value: int


def stop_points(history: History, *, tol, patience) -> StopPoints:
    """Replay the stop rules of :func:`train` on a run that recorded every step.

    Parameters
    ----------
    history : History
        A run with records at steps 0, 1, 2, … without gaps (train it with
        ``max_records`` above ``num_iterations + 1``, and no stop rule, so it
        runs on past the points found here).
    tol : float
        > 0, for the "|ΔJ| < tol" rule.
    patience : int
        ≥ 1, steps without a gain, for the accuracy-only rule and for ``train``'s
        patience rule.

    Returns
    -------
    StopPoints

    Notes
    -----
    The same tests as ``train`` makes at step t, in its order, on the recorded
    J_t and accuracy_t:  tol fires when |J_t − J_{t−1}| < tol (t ≥ 1);  a step
    is stale for patience when acc_t ≤ best acc and J_t ≥ best J − PLATEAU_REL·|best J|,
    and for the accuracy-only rule when acc_t ≤ best acc; a rule fires on the
    ``patience``-th stale step in a row.
    """
    if not isinstance(history, History):
        raise ValueError(f"history must be a History, got {type(history).__name__}")
    tol = real("tol", tol, low=0.0, low_open=True)
    patience = whole("patience", patience, 1)
    steps = history.steps
    k = len(history)
    if k == 0 or int(steps[0]) != 0 or np.any(np.diff(steps) != 1):
        raise ValueError(
            "history must record every step 0, 1, 2, … without gaps; "
            f"got {k:,} records up to step {int(steps[-1]) if k else 0:,} "
            "(train with max_records > num_iterations + 1)"
        )
    J = history.cost.tolist()
    acc = history.accuracy.tolist()
    # the rules train() runs, fed the recorded steps; the accuracy-only rule beside them
    tol_rule, acc_rule, pat_rule = (
        Tolerance(tol),
        NoGain(patience, with_cost=False),
        NoGain(patience),
    )
    at_tol = at_acc = at_pat = None
    for t in range(k):
        if at_tol is None and tol_rule.update(J[t]):
            at_tol = t
        if at_acc is None and acc_rule.update(J[t], acc[t]):
            at_acc = t
        if at_pat is None and pat_rule.update(J[t], acc[t]):
            at_pat = t
        if at_tol is not None and at_acc is not None and at_pat is not None:
            break
    return StopPoints(
        accuracy=at_acc,
        tol=at_tol,
        patience=at_pat,
        last=int(steps[-1]),
        tol_value=tol,
        patience_value=patience,
    )


# ----------------------------------------------------------------------------
# one recorded step, every number of it
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepDetail:
    """Every number of one recorded step.

    Attributes
    ----------
    index : int
        Record index in the History.
    step : int
        Updates made before this record.
    w : ndarray of shape (n,)
    b : float
    values : ExampleValues
        Forward and backward values of every training example (m of them).
    dw : ndarray of shape (n,)
        The gradient used by the update: mean of the per-example dw, plus
        (λ/m)·w when λ > 0.
    db : float
    l2_term : ndarray of shape (n,)
        (λ/m)·w (zeros when λ = 0).
    alpha : float
    next_w : ndarray of shape (n,)
        w − α·dw.
    next_b : float
        b − α·db.
    recorded_next : int or None
        Index of the record of step + 1, if the History kept it.
    """

    index: int
    step: int
    w: np.ndarray
    b: float
    values: ExampleValues
    dw: np.ndarray
    db: float
    l2_term: np.ndarray
    alpha: float
    next_w: np.ndarray
    next_b: float
    recorded_next: int | None


def step_detail(history: History, X, Y, index: int) -> StepDetail:
    """The numbers of record ``index`` of a run on training data (X, Y).

    Parameters
    ----------
    history : History
    X : ndarray of shape (n, m)
        Training features as the model saw them.
    Y : ndarray of shape (1, m)
    index : int
        Record index, 0 … len(history) − 1.

    Returns
    -------
    StepDetail

    Notes
    -----
    Per example: z = wᵀx + b, a = σ(z), L, da, dz = a − y, dwⱼ = xⱼ dz,
    db = dz (:func:`logreg_core.model.example_values`).  The update is
    w := w − α dw and b := b − α db with dw, db the means over the m examples
    (plus (λ/m) w for the L2 penalty), as in ``train``.
    """
    w = history.w[index].astype(np.float64)
    b = float(history.b[index])
    values = example_values(w.reshape(-1, 1), b, X, Y)
    m = X.shape[1]
    l2_term = l2_gradient(w, history.l2, m) if history.l2 else np.zeros_like(w)
    dw = values.mean_dw + l2_term
    db = values.mean_db
    alpha = float(history.learning_rate)
    step = int(history.steps[index])
    nxt = index + 1
    recorded = nxt if nxt < len(history) and int(history.steps[nxt]) == step + 1 else None
    return StepDetail(
        index=index,
        step=step,
        w=w,
        b=b,
        values=values,
        dw=dw,
        db=db,
        l2_term=l2_term,
        alpha=alpha,
        next_w=w - alpha * dw,
        next_b=b - alpha * db,
        recorded_next=recorded,
    )
