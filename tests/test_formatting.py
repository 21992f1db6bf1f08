"""formatting.py: how the app writes a number."""

import pytest

from logreg_core.formatting import fmt


@pytest.mark.parametrize(
    "value,digits,text",
    [
        (0.123456, 4, "0.1235"),
        (-3.14159, 4, "-3.142"),
        (12345.6, 4, "12,346"),
        (1_000_000, 4, "1,000,000"),
        (1000, 4, "1000"),
        (-0.0, 4, "0"),
        (2.5e-7, 4, "2.5e-07"),
        (float("nan"), 4, "—"),
        (float("inf"), 4, "—"),
        (0.675120877540372, 15, "0.675120877540372"),
    ],
)
def test_fmt(value, digits, text):
    assert fmt(value, digits) == text
