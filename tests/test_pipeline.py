"""pipeline.py: a setup means one run, the same every time, built from the engine's pieces."""

import numpy as np
import pytest

from logreg_core.data import make_dataset
from logreg_core.pipeline import prepare, run_setup
from logreg_core.train import train

SETUP = {
    "kind": "gauss", "n_samples": 120, "noise": None, "balance": 0.5, "seed": 3,
    "test_share": 0.25, "features": ("x1", "x2", "x1·x2"), "standardize": True,
    "learning_rate": 0.5, "num_iterations": 300, "init": "zeros", "init_seed": 0,
    "w1": 0.0, "w2": 0.0, "b0": 0.0, "l2": 0.0, "tol": None, "patience": None,
}  # fmt: skip


def test_prepare_splits_maps_and_standardizes_on_train_only():
    p = prepare(SETUP)
    assert p.feature_names == ("x1", "x2", "x1·x2")
    assert p.X_train.shape == (3, 90) and p.X_test.shape == (3, 30)
    np.testing.assert_allclose(p.X_train.mean(axis=1), 0, atol=1e-12)
    np.testing.assert_allclose(p.X_train.std(axis=1), 1, rtol=1e-12)
    raw = p.train.X
    np.testing.assert_allclose(p.X_train[2], (raw[0] * raw[1] - p.standardizer.mean[2, 0])
                               / p.standardizer.std[2, 0])  # fmt: skip


def test_run_is_deterministic_and_equals_a_direct_train():
    a, b = run_setup(SETUP), run_setup(SETUP)
    np.testing.assert_array_equal(a.history.w, b.history.w)
    h = train(a.prepared.X_train, a.prepared.train.Y, learning_rate=0.5, num_iterations=300)
    np.testing.assert_array_equal(a.history.w, h.w)
    assert 0.0 <= a.test_accuracy <= 1.0


def test_explicit_init_and_a_given_dataset():
    ds = make_dataset("one_feature", 80, seed=1)
    setup = SETUP | {"features": ("x1",), "init": "explicit", "w1": -3.0, "b0": 0.5,
                     "standardize": False, "test_share": 0.0}  # fmt: skip
    run = run_setup(setup, ds)
    assert run.history.w[0].tolist() == [-3.0] and run.history.b[0] == 0.5
    assert run.prepared.X_test.shape == (1, 0) and np.isnan(run.test_accuracy)


def test_bad_setup_values_raise_named_errors():
    with pytest.raises(ValueError, match="learning_rate"):
        run_setup(SETUP | {"learning_rate": -1.0})
    with pytest.raises(ValueError, match="feature map 'x2' needs x2"):
        run_setup(SETUP | {"kind": "one_feature", "features": ("x1", "x2")})
