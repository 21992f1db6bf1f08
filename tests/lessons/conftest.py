"""The data sets the lesson tests share."""

import pytest

from logreg_core import make_dataset


@pytest.fixture(scope="module")
def one_feature():
    """The lessons' one-feature data: y = 0 around −0.5, y = 1 around 1.5, noise 2."""
    ds = make_dataset("one_feature", 40, noise=2.0, seed=0)
    return ds.X, ds.Y


@pytest.fixture(scope="module")
def two_features():
    ds = make_dataset("gauss", 120, seed=1)
    return ds.X, ds.Y
