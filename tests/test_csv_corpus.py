"""The corpus of malformed and odd CSV files: each one loads as stated or fails as stated."""

import warnings

import numpy as np
import pytest

from logreg_core.csv_io import load_csv
from logreg_core.data import DataError
from tests.csv_corpus.make_corpus import CASES, Fails, Loads


def test_corpus_is_large_enough():
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)


@pytest.mark.parametrize("name,data,expect", CASES, ids=[c[0] for c in CASES])
def test_corpus_case(name, data, expect):
    kwargs = dict(expect.kwargs)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        if isinstance(expect, Fails):
            with pytest.raises(DataError) as err:
                load_csv(data, **kwargs)
            assert (err.value.code, err.value.params) == (expect.code, expect.params)
            assert len(str(err.value)) < 600
            return
        ds = load_csv(data, **kwargs)
    assert isinstance(expect, Loads)
    assert ds.X.shape[1] == expect.m == ds.Y.shape[1]
    assert np.isfinite(ds.X).all() and set(np.unique(ds.Y)) == {0, 1}
    if expect.note:
        assert expect.note in [(n.code, n.params) for n in ds.notes], ds.notes
    if expect.class_names:
        assert ds.class_names == expect.class_names
