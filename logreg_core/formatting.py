"""How the app writes a number: one format for the pages, the lessons and the figures."""

from __future__ import annotations

import math

__all__ = ["fmt"]


def fmt(value, digits: int = 4) -> str:
    """A number as the pages show it: ``digits`` significant digits, readable.

    Parameters
    ----------
    value : float
    digits : int, default 4

    Returns
    -------
    str
        ``"0.1235"``, ``"-3.142"``, ``"12,346"`` (whole numbers from 10,000 up
        get thousands separators instead of an exponent), ``"1.235e-05"``;
        ``"—"`` for a value that is not finite.  Never ``"-0"``.
    """
    value = float(value)
    if not math.isfinite(value):
        return "—"
    if 1e4 <= abs(value) < 1e12:
        return f"{value:,.0f}"
    text = f"{value + 0.0:.{digits}g}"
    return "0" if text in ("-0", "0") else text
