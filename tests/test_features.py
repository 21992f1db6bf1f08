"""features.py: the seven maps, their order, and the errors."""

import numpy as np
import pytest

from logreg_core.data import DataError
from logreg_core.features import FEATURE_MAPS, apply_features, check_features


def test_all_seven_maps():
    X = np.array([[1.0, -2.0, 0.5], [3.0, 0.25, -1.0]])
    F, names = apply_features(X, list(FEATURE_MAPS))
    assert names == ("x1", "x2", "x1²", "x2²", "x1·x2", "sin x1", "sin x2")
    x1, x2 = X
    expected = [x1, x2, x1**2, x2**2, x1 * x2, np.sin(x1), np.sin(x2)]
    np.testing.assert_allclose(F, np.array(expected))


@pytest.mark.parametrize(("names", "feature"), [(["x1", "x1²"], "x1²"), (["x1·x2"], "x1·x2")])
def test_a_map_whose_values_overflow_is_refused_by_name(names, feature):
    X = np.array([[1e200, -2.0], [1e200, 0.5]])
    with pytest.raises(DataError, match=rf"^feature_overflow\(feature='{feature}'\)$"):
        apply_features(X, names)
    F, _ = apply_features(X, ["x1", "sin x1"])  # large, but finite
    assert np.isfinite(F).all()


def test_order_follows_the_catalogue_not_the_request():
    X = np.array([[1.0, 2.0], [3.0, 4.0]])
    F, names = apply_features(X, ["x1·x2", "x1"])
    assert names == ("x1", "x1·x2")
    np.testing.assert_allclose(F, [[1.0, 2.0], [3.0, 8.0]])


def test_one_input_data():
    F, names = apply_features(np.array([[2.0, 3.0]]), ["x1", "x1²"])
    assert names == ("x1", "x1²") and F.tolist() == [[2.0, 3.0], [4.0, 9.0]]


@pytest.mark.parametrize(
    "names,n_inputs,match",
    [
        ([], 2, "names must hold at least one feature map"),
        (["x3"], 2, "unknown feature map 'x3'"),
        (["x2"], 1, "feature map 'x2' needs x2, but the data has one input"),
        (["x1·x2"], 1, "feature map 'x1·x2' needs x2"),
        (["x1", "x1"], 2, "names must not repeat a feature map"),
        (["x1"], 3, "n_inputs must be 1 or 2, got 3"),
    ],
)
def test_rejects_bad_choices(names, n_inputs, match):
    with pytest.raises(ValueError, match=match):
        check_features(names, n_inputs)
