"""Feature maps: new inputs built from x1 and x2, so a line in feature space can curve."""

from __future__ import annotations

import numpy as np

from .data import DataError

__all__ = ["FEATURE_MAPS", "apply_features", "check_features"]

#: Name of each map (as shown on screen) -> (function of x1 and x2, each of shape (m,), needs x2).
#: x2 is None for a one-feature data set; maps that need it are then unavailable.
FEATURE_MAPS = {
    "x1": (lambda x1, x2: x1, False),
    "x2": (lambda x1, x2: x2, True),
    "x1²": (lambda x1, x2: x1 * x1, False),
    "x2²": (lambda x1, x2: x2 * x2, True),
    "x1·x2": (lambda x1, x2: x1 * x2, True),
    "sin x1": (lambda x1, x2: np.sin(x1), False),
    "sin x2": (lambda x1, x2: np.sin(x2), True),
}


def check_features(names, n_inputs: int) -> tuple[str, ...]:
    """Feature maps ``names`` (at least one, no repeats) checked for ``n_inputs`` (1 or 2) inputs.

    Returns the names in the order of FEATURE_MAPS; ValueError names the bad one.
    """
    if n_inputs not in (1, 2):
        raise ValueError(f"n_inputs must be 1 or 2, got {n_inputs!r}")
    names = tuple(names)
    if not names:
        raise ValueError("names must hold at least one feature map, got none")
    for name in names:
        if name not in FEATURE_MAPS:
            raise ValueError(f"unknown feature map {name!r}; choose from {list(FEATURE_MAPS)}")
        if FEATURE_MAPS[name][1] and n_inputs < 2:
            raise ValueError(f"feature map {name!r} needs x2, but the data has one input")
    if len(set(names)) != len(names):
        raise ValueError(f"names must not repeat a feature map, got {list(names)}")
    return tuple(k for k in FEATURE_MAPS if k in names)


def apply_features(X, names):
    """Build the feature matrix from the raw inputs.

    Parameters
    ----------
    X : ndarray of shape (n_inputs, m)
        Raw inputs: row 0 is x1, row 1 (if present) is x2.
    names : sequence of str
        Feature maps to apply (:func:`check_features`).

    Returns
    -------
    F : ndarray of shape (k, m), float64
        One row per chosen map, in the order of FEATURE_MAPS.
    names : tuple of str, length k

    Raises
    ------
    DataError
        "feature_overflow" (param ``feature``, its name) when a map's values
        pass the largest float64, as x1² of a value of 1e200 does.
    """
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n_inputs, m), got {X.shape}")
    names = check_features(names, X.shape[0])
    x1 = X[0]
    x2 = X[1] if X.shape[0] > 1 else None
    F = np.empty((len(names), X.shape[1]))
    with np.errstate(over="ignore"):
        for i, name in enumerate(names):
            F[i] = FEATURE_MAPS[name][0](x1, x2)
    for name, row in zip(names, F, strict=True):
        if not np.all(np.isfinite(row)):
            raise DataError("feature_overflow", feature=name)
    return F, names
