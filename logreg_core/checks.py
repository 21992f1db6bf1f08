"""The engine's argument checks: each raises ValueError naming the argument and the bad value.

The engine's public functions check their arguments with these, so a value is
refused with the same words wherever it is passed.
"""

from __future__ import annotations

import math
from numbers import Integral, Real

import numpy as np

__all__ = ["data", "grid", "real", "shown", "whole"]


def shown(value) -> str:
    """``repr(value)``, cut to a few dozen characters (a bad value is never echoed whole)."""
    try:
        text = repr(value)
    except ValueError:  # an int of more digits than Python writes
        return "a number of more than 4,000 digits"
    return text[:40] + "…" if len(text) > 40 else text


def whole(name: str, value, low: int | None = None, high: int | None = None) -> int:
    """``value`` as an int in [low, high], or ValueError naming ``name``.

    Parameters
    ----------
    name : str
        The argument, named in the error.
    value : int, numpy integer, or float with no fractional part
        Booleans are refused.
    low, high : int or None, default None
        Inclusive bounds; None: no bound on that side.
    """
    ok = isinstance(value, Integral) or (
        isinstance(value, float | np.floating) and math.isfinite(value) and value == int(value)
    )
    if isinstance(value, bool | np.bool_) or not ok:
        raise ValueError(f"{name} must be a whole number, got {shown(value)}")
    value = int(value)
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            bound = f"between {low:,} and {high:,}"
        elif low is not None:
            bound = f"at least {low:,}"
        else:
            bound = f"at most {high:,}"
        raise ValueError(f"{name} must be {bound}, got {value:,}")
    return value


def real(
    name: str,
    value,
    *,
    low: float = -math.inf,
    high: float = math.inf,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """``value`` as a finite float in the interval from low to high, or ValueError naming ``name``.

    Parameters
    ----------
    name : str
        The argument, named in the error.
    value : real number (int, float, numpy scalar)
        Booleans and text are refused.
    low, high : float, default -inf and inf
        The interval's ends.
    low_open, high_open : bool, default False
        Leave that end out (α > 0 is ``low=0, low_open=True``).

    Returns
    -------
    float
        ``value`` as a Python float (-0.0 reads as 0.0).
    """
    if isinstance(value, bool | np.bool_) or not isinstance(value, Real):
        raise ValueError(f"{name} must be a number, got {shown(value)}")
    x = float(value)
    too_low = x <= low if low_open else x < low
    too_high = x >= high if high_open else x > high
    if not math.isfinite(x) or too_low or too_high:
        bounds = _bounds(low, high, low_open, high_open)
        raise ValueError(f"{name} must be a finite number{bounds}, got {shown(x)}")
    return x + 0.0


def _bounds(low: float, high: float, low_open: bool, high_open: bool) -> str:
    """ " > 0", " ≤ 1", " in [0, 1)" or "": the interval in words for an error."""
    if math.isinf(low) and math.isinf(high):
        return ""
    if math.isinf(high):
        return f" {'>' if low_open else '≥'} {low:g}"
    if math.isinf(low):
        return f" {'<' if high_open else '≤'} {high:g}"
    return f" in {'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"


def grid(name: str, values) -> np.ndarray:
    """``values`` as a non-empty 1-D float64 array of finite numbers; ValueError naming ``name``."""
    try:
        g = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a 1-D array of numbers, got {shown(values)}") from None
    if g.ndim != 1 or g.size < 1 or not np.all(np.isfinite(g)):
        raise ValueError(
            f"{name} must be a non-empty 1-D array of finite numbers, got {shown(values)}"
        )
    return g


def data(X, Y, *, n: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Features and labels in the article's shapes, or ValueError naming the bad one.

    Parameters
    ----------
    X : array_like of shape (n, m)
        Finite numbers, one column per example (m ≥ 1, n ≥ 1).
    Y : array_like of shape (1, m)
        Labels 0 and 1.
    n : int, optional
        The number of feature rows ``X`` must have.

    Returns
    -------
    X : ndarray of float64, shape (n, m)
    Y : ndarray, shape (1, m)
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y)
    if X.ndim != 2 or X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError(f"X must have shape (n, m) with n ≥ 1 and m ≥ 1, got {X.shape}")
    if n is not None and X.shape[0] != n:
        raise ValueError(f"X must have {n} feature row(s), got shape {X.shape}")
    if Y.shape != (1, X.shape[1]):
        raise ValueError(f"Y must have shape (1, {X.shape[1]}), got {Y.shape}")
    if not np.all((Y == 0) | (Y == 1)):
        raise ValueError(f"Y must hold labels 0 and 1 only, got {np.unique(Y)[:5].tolist()}")
    if not np.all(np.isfinite(X)):
        raise ValueError("X must be finite (no NaN or inf)")
    return X, Y
