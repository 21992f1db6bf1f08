"""The work of a run, counted before it starts, and the one ceiling it must stay under.

A run's time is the time of its gradient-descent steps plus the time of its
animation.  A step costs a fixed overhead (Python reading its J through the
stop rules, whatever the size of the data) plus work proportional to the
examples times the features; the animation evaluates every frame's
parameters on every example.
:func:`run_work` counts both in one unit, an *element operation*, from the
shape of the request alone, so a request is refused before any of its work is
done, wherever it comes from (the widgets, a link, a setup file, a scenario).

The cost surfaces of the animation and the 3-D view are bounded on their own
(:data:`logreg_core.animation.SURFACE_BUDGET` shrinks their grid or samples
the examples), so they add a bounded amount to any run and are not counted.

The ceiling :data:`MAX_WORK` is about 20 s of training on one core of the
2-core machine the project is measured on (``python bench/run.py`` prints
the largest allowed runs of several shapes and their seconds); the
article's largest run on the default data set, 1,000,000 iterations on its
200 examples with two features, takes about a second of it.  The constants
are the compiled training loop's (:mod:`logreg_core.kernel`); the numpy
loop, used where Numba is missing, takes longer: about 20 times at 200
examples, 4 times at 100,000.
Whoever hosts the app can raise or lower the ceiling (``ui.budget`` reads
the host's setting); the engine never reads it from the environment itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .data import DataError

__all__ = [
    "ELEMENT_SECONDS",
    "MAX_RUN_SECONDS",
    "MAX_WORK",
    "STEP_OVERHEAD",
    "Work",
    "check_work",
    "max_iterations_within",
    "run_work",
]

#: The fixed cost of one gradient-descent step, in element operations: about
#: 0.4 µs, whatever m and n are: the stop rules reading its J, in Python
#: (``python bench/run.py --budget``).
STEP_OVERHEAD = 500
#: Seconds of one element operation on the machine the project is measured on
#: (one core of a 2-core cloud machine): a step on m examples with n features
#: costs ``STEP_OVERHEAD + m * (n + 2)`` of them.  Measured at large data with
#: two features (100,000 examples: the exponential and the logarithm of each
#: example weigh most with few features); with more features a run takes less.
ELEMENT_SECONDS = 0.8e-9


@dataclass(frozen=True)
class Work:
    """The work a run asks for, counted from its shape.

    Attributes
    ----------
    m : int
        Training examples.
    n : int
        Features (after the feature maps).
    iterations : int
        Gradient-descent steps asked for.
    frames : int
        Frames of the animation.
    m_all : int
        Examples the animation evaluates every frame on (training and test).
    units : int
        Element operations: ``iterations * (m * (n + 2) + STEP_OVERHEAD)``
        for the steps plus ``frames * m_all * (n + 2)`` for the animation.
    """

    m: int
    n: int
    iterations: int
    frames: int
    m_all: int
    units: int

    @property
    def seconds(self) -> float:
        """The estimated time on the measured machine, in seconds."""
        return self.units * ELEMENT_SECONDS


def _count(name: str, value, low: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a whole number, got {value!r}")
    if value != int(value) or value < low:
        raise ValueError(f"{name} must be a whole number of at least {low}, got {value!r}")
    return int(value)


def run_work(m: int, n: int, iterations: int, *, frames: int = 0, m_all: int | None = None) -> Work:
    """Count the work of a run before it starts.

    Parameters
    ----------
    m : int
        Training examples, at least 1.
    n : int
        Features after the feature maps, at least 1.
    iterations : int
        Gradient-descent steps, at least 0.
    frames : int, default 0
        Frames of the animation (0: no animation).
    m_all : int, optional
        Examples the animation evaluates (training and test); default ``m``.

    Returns
    -------
    Work

    Raises
    ------
    ValueError
        Naming the argument, when one is not a whole number in its range.
    """
    m, n = _count("m", m, 1), _count("n", n, 1)
    iterations, frames = _count("iterations", iterations, 0), _count("frames", frames, 0)
    m_all = m if m_all is None else _count("m_all", m_all, 1)
    steps = iterations * (m * (n + 2) + STEP_OVERHEAD)
    animation = frames * m_all * (n + 2)
    return Work(m, n, iterations, frames, m_all, steps + animation)


#: The default ceiling in seconds of training on the measured machine.
MAX_RUN_SECONDS = 20.0
#: The default ceiling in element operations: 20 s.  The article's largest run
#: on the default data (1,000,000 iterations on 200 examples, two features,
#: animated with the most frames) is about 5 % of it.
MAX_WORK = int(MAX_RUN_SECONDS / ELEMENT_SECONDS)


def max_iterations_within(work: Work, ceiling: int) -> int:
    """The most iterations that keep a run of ``work``'s shape under ``ceiling`` (0 if none)."""
    fixed = work.frames * work.m_all * (work.n + 2)
    per_step = work.m * (work.n + 2) + STEP_OVERHEAD
    return max(0, (int(ceiling) - fixed) // per_step)


def check_work(work: Work, ceiling: int = MAX_WORK) -> Work:
    """``work`` if it is within ``ceiling``, else a DataError that says what to lower.

    Parameters
    ----------
    work : Work
        From :func:`run_work`.
    ceiling : int, default MAX_WORK
        The most element operations one run may take (at least 1).

    Returns
    -------
    Work
        The same ``work``.

    Raises
    ------
    DataError
        Code "over_budget", with ``seconds`` (the estimate), ``max_seconds``
        (the ceiling), ``m``, ``n``, ``iterations`` and ``max_iterations``
        (the most iterations this data allows); "over_budget_data", with
        ``max_seconds``, ``m`` and ``n``, when not even one iteration fits
        (the data and its animation alone are too much).
    ValueError
        If ``ceiling`` is not a whole number of at least 1.
    """
    ceiling = _count("ceiling", ceiling, 1)
    if work.units <= ceiling:
        return work
    max_iterations = max_iterations_within(work, ceiling)
    seconds = _round_seconds(work.seconds)
    max_seconds = _round_seconds(ceiling * ELEMENT_SECONDS)
    if max_iterations == 0:
        raise DataError("over_budget_data", max_seconds=max_seconds, m=work.m, n=work.n)
    raise DataError(
        "over_budget",
        seconds=seconds,
        max_seconds=max_seconds,
        m=work.m,
        n=work.n,
        iterations=work.iterations,
        max_iterations=max_iterations,
    )


def _round_seconds(seconds: float) -> int | float:
    """Seconds as a student reads them: whole above 10, one decimal below."""
    return round(seconds) if seconds >= 10 else round(seconds, 1)
