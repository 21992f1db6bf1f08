"""Lesson 6 · the computational graph of one example, with numbers."""

import math

import numpy as np
import pytest

from logreg_core.lessons import graph


def reference_sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def test_chain_rule_with_numbers_matches_finite_differences():
    x, w, b, y = [1.0, 2.0], [0.5, -0.3], 0.1, 1
    c = graph.chain_rule(x, w, b, y)
    z = 0.5 * 1.0 - 0.3 * 2.0 + 0.1
    a = reference_sigmoid(z)
    assert c.z == pytest.approx(z, rel=1e-15) and c.a == pytest.approx(a, rel=1e-15)
    assert c.loss == pytest.approx(-math.log(a), rel=1e-14)
    assert c.da == pytest.approx(-1 / a, rel=1e-14)
    assert c.dadz == pytest.approx(a * (1 - a), rel=1e-14)
    assert c.dz_chain == pytest.approx(c.dz, rel=1e-14) and c.dz == pytest.approx(a - 1)

    def L_of(w1, w2, bb):
        return graph.chain_rule(x, [w1, w2], bb, y).loss

    h = 1e-6
    assert c.dw[0] == pytest.approx((L_of(0.5 + h, -0.3, b) - L_of(0.5 - h, -0.3, b)) / (2 * h))
    assert c.dw[1] == pytest.approx((L_of(0.5, -0.3 + h, b) - L_of(0.5, -0.3 - h, b)) / (2 * h))
    assert c.db == pytest.approx((L_of(0.5, -0.3, b + h) - L_of(0.5, -0.3, b - h)) / (2 * h))


def test_chain_rule_for_y_0_and_bad_input():
    c = graph.chain_rule([2.0, -1.0], [1.0, 1.0], 0.0, 0)
    a = reference_sigmoid(1.0)
    assert c.da == pytest.approx(1 / (1 - a)) and c.dz == pytest.approx(a)
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        graph.chain_rule([1.0, 2.0], [1.0, 1.0], 0.0, 3)
    with pytest.raises(ValueError, match="x and w must be finite and the same length"):
        graph.chain_rule([1.0, 2.0, 3.0], [1.0, 1.0], 0.0, 1)
