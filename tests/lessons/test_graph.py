"""Lesson 6 · the computational graph of one example, with numbers."""

import math

import pytest

from logreg_core.lessons import graph
from tests.lessons.figures import reference_sigmoid


def test_chain_rule_with_numbers_matches_finite_differences():
    x, w, b, y = [1.0, 2.0], [0.5, -0.3], 0.1, 1
    c = graph.chain_rule(x, w, b, y)
    assert c.z.shape == (1,) and c.dw.shape == (2, 1)  # one case
    z = 0.5 * 1.0 - 0.3 * 2.0 + 0.1
    a = reference_sigmoid(z)
    assert c.z[0] == pytest.approx(z, rel=1e-15) and c.a[0] == pytest.approx(a, rel=1e-15)
    assert c.loss[0] == pytest.approx(-math.log(a), rel=1e-14)
    assert c.da[0] == pytest.approx(-1 / a, rel=1e-14)
    assert c.dadz[0] == pytest.approx(a * (1 - a), rel=1e-14)
    assert c.da[0] * c.dadz[0] == pytest.approx(c.dz[0], rel=1e-14)  # the chain rule
    assert c.dz[0] == pytest.approx(a - 1)

    def L_of(w1, w2, bb):
        return graph.chain_rule(x, [w1, w2], bb, y).loss[0]

    h = 1e-6
    dw, db = c.dw[:, 0], c.db[0]
    assert dw[0] == pytest.approx((L_of(0.5 + h, -0.3, b) - L_of(0.5 - h, -0.3, b)) / (2 * h))
    assert dw[1] == pytest.approx((L_of(0.5, -0.3 + h, b) - L_of(0.5, -0.3 - h, b)) / (2 * h))
    assert db == pytest.approx((L_of(0.5, -0.3, b + h) - L_of(0.5, -0.3, b - h)) / (2 * h))


def test_chain_rule_for_y_0_and_bad_input():
    c = graph.chain_rule([2.0, -1.0], [1.0, 1.0], 0.0, 0)
    a = reference_sigmoid(1.0)
    assert c.da[0] == pytest.approx(1 / (1 - a)) and c.dz[0] == pytest.approx(a)
    with pytest.raises(ValueError, match="y must be 0 or 1"):
        graph.chain_rule([1.0, 2.0], [1.0, 1.0], 0.0, 3)
    with pytest.raises(ValueError, match="x and w must be finite and the same length"):
        graph.chain_rule([1.0, 2.0, 3.0], [1.0, 1.0], 0.0, 1)
