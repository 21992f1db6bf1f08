"""data.py: Dataset, the generators, the stratified split, the Standardizer, editor tables."""

import math

import numpy as np
import pandas as pd
import pytest

from logreg_core.csv_io import dataset_from_frame, dataset_to_frame
from logreg_core.data import (
    DATASET_KINDS,
    DEFAULT_NOISE,
    KINDS,
    DataError,
    Dataset,
    Kind,
    Standardizer,
    make_dataset,
    train_test_split,
)

# ---------------------------------------------------------------------------
# Dataset
# ---------------------------------------------------------------------------


def small(m=6):
    X = np.arange(2 * m, dtype=float).reshape(2, m)
    Y = (np.arange(m) % 2).reshape(1, m)
    return Dataset(X, Y, ("a", "b"), label_name="t", class_names=("no", "yes"), notes=("n",))


def test_dataset_stores_read_only_typed_copies():
    X = np.ones((2, 3), dtype=np.float32)
    Y = np.array([[True, False, True]])
    ds = Dataset(X, Y, ["p", "q"])
    assert ds.X.dtype == np.float64 and ds.Y.dtype == np.int64
    assert ds.feature_names == ("p", "q") and isinstance(ds.feature_names, tuple)
    assert (ds.label_name, ds.class_names, ds.notes) == ("y", ("0", "1"), ())
    with pytest.raises(ValueError, match="read-only"):
        ds.X[0, 0] = 5.0
    with pytest.raises(ValueError, match="read-only"):
        ds.Y[0, 0] = 1
    X[0, 0] = 7.0  # the caller's array is not shared
    assert ds.X[0, 0] == 1.0


def test_dataset_properties_and_subset():
    ds = small(6)
    assert (ds.n_features, ds.n_samples, ds.class_counts) == (2, 6, (3, 3))
    part = ds.subset([0, 2, 3])
    np.testing.assert_array_equal(part.X, ds.X[:, [0, 2, 3]])
    np.testing.assert_array_equal(part.Y, [[0, 0, 1]])
    assert (part.feature_names, part.label_name, part.class_names, part.notes) == (
        ds.feature_names,
        ds.label_name,
        ds.class_names,
        ds.notes,
    )
    assert ds.subset(ds.Y[0] == 1).class_counts == (0, 3)
    empty = ds.subset([])
    assert empty.X.shape == (2, 0) and empty.Y.shape == (1, 0) and empty.class_counts == (0, 0)


def test_dataset_equality():
    assert small() == small()
    assert small() != small(4)
    assert small() != small().subset([1, 0, 2, 3, 4, 5])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"X": np.ones(3)}, r"X must have shape \(n, m\)"),
        ({"X": np.ones((0, 3))}, r"n >= 1"),
        ({"X": [[1.0, np.nan, 0.0]]}, "NaN or inf"),
        ({"X": [[1.0, np.inf, 0.0]]}, "NaN or inf"),
        ({"Y": [[0, 1]]}, r"Y must have shape \(1, m\) = \(1, 3\)"),
        ({"Y": [0, 1, 0]}, r"Y must have shape"),
        ({"Y": [[0, 2, 1]]}, "only the labels 0 and 1, got 2"),
        ({"Y": [[0, 0.5, 1]]}, "only the labels 0 and 1, got 0.5"),
        ({"feature_names": ("a", "b")}, "one name per row of X"),
        ({"feature_names": ()}, "one name per row of X"),
        ({"label_name": "x1"}, "label_name 'x1' must differ"),
        ({"class_names": ("a", "a")}, "class_names must be two distinct"),
        ({"class_names": ("a",)}, "class_names must be two distinct"),
    ],
)
def test_dataset_rejects_bad_fields(kwargs, match):
    fields = {"X": [[1.0, 2.0, 3.0]], "Y": [[0, 1, 0]], "feature_names": ("x1",)} | kwargs
    with pytest.raises(ValueError, match=match):
        Dataset(**fields)


def test_dataset_rejects_duplicate_or_string_feature_names():
    with pytest.raises(ValueError, match="feature_names must be distinct"):
        Dataset(np.ones((2, 2)), [[0, 1]], ("a", "a"))
    with pytest.raises(ValueError, match="feature_names must be a sequence of names, got 'ab'"):
        Dataset(np.ones((2, 2)), [[0, 1]], "ab")


def test_dataset_accepts_no_examples():
    ds = Dataset(np.zeros((2, 0)), np.zeros((1, 0), dtype=int), ("x1", "x2"))
    assert (ds.n_samples, ds.class_counts) == (0, (0, 0))


# ---------------------------------------------------------------------------
# Generators: shape, balance, determinism, geometry, errors
# ---------------------------------------------------------------------------

#: The kinds drawn by a generator (the real data sets are tested in test_penguins.py).
GENERATED = tuple(name for name, kind in KINDS.items() if kind.generated)


@pytest.mark.parametrize("kind", GENERATED)
def test_generator_shapes_types_and_names(kind):
    ds = make_dataset(kind, 150)
    n = KINDS[kind].n_inputs
    assert ds.X.shape == (n, 150) and ds.X.dtype == np.float64
    assert ds.Y.shape == (1, 150) and ds.Y.dtype == np.int64
    assert set(np.unique(ds.Y)) == {0, 1}
    assert ds.feature_names == ("x1", "x2")[:n]
    assert (ds.label_name, ds.class_names) == ("y", ("0", "1"))
    assert np.all(np.isfinite(ds.X))
    assert np.max(np.abs(ds.X)) < 5.0  # about [-4, 4] at the default noise
    (note,) = ds.notes
    assert note.startswith(f"generated: {kind}, 150 examples")
    assert f"noise {DEFAULT_NOISE[kind]:g}" in note and note.endswith("seed 0")


@pytest.mark.parametrize("kind", GENERATED)
def test_generator_is_deterministic_for_a_seed(kind):
    a = make_dataset(kind, 60, seed=3)
    assert a == make_dataset(kind, 60, seed=3)
    b = make_dataset(kind, 60, seed=4)
    assert not np.array_equal(a.X, b.X)


@pytest.mark.parametrize("kind", GENERATED)
def test_generator_shuffles_the_examples(kind):
    Y = make_dataset(kind, 100).Y[0]
    assert not np.array_equal(Y, np.sort(Y))


@pytest.mark.parametrize(
    ("m", "balance", "counts"),
    [
        (200, 0.5, (100, 100)),
        (101, 0.3, (71, 30)),  # 30.3 -> 30
        (10, 0.25, (7, 3)),  # 2.5 -> 3, half up
        (10, 0.01, (9, 1)),  # 0.1 -> 0, kept at 1
        (10, 0.99, (1, 9)),  # 9.9 -> 10, kept at 9
        (2, 0.5, (1, 1)),
    ],
)
def test_balance_sets_the_class_counts(m, balance, counts):
    for kind in GENERATED:
        assert make_dataset(kind, m, balance=balance).class_counts == counts


def test_n_samples_accepts_numpy_and_integral_floats():
    assert make_dataset("xor", np.int64(40)).n_samples == 40
    assert make_dataset("xor", 40.0).n_samples == 40


def test_noise_zero_puts_blobs_on_their_centres():
    ds = make_dataset("linear", 20, noise=0.0, separation=2.0)
    centre = np.array([1.0, 1.0]) / math.sqrt(2.0)
    expected = np.where(ds.Y == 1, centre[:, None], -centre[:, None])
    np.testing.assert_allclose(ds.X, expected)


def test_linear_with_a_wide_separation_is_separable_along_the_diagonal():
    ds = make_dataset("linear", 500, separation=10.0)
    projection = (ds.X[0] + ds.X[1]) / math.sqrt(2.0)
    assert projection[ds.Y[0] == 1].min() > 0 > projection[ds.Y[0] == 0].max()
    assert "separation 10" in ds.notes[0]


def test_gauss_overlaps_along_the_diagonal():
    ds = make_dataset("gauss", 500)
    projection = (ds.X[0] + ds.X[1]) / math.sqrt(2.0)
    assert projection[ds.Y[0] == 1].min() < projection[ds.Y[0] == 0].max()
    gap = projection[ds.Y[0] == 1].mean() - projection[ds.Y[0] == 0].mean()
    assert gap == pytest.approx(1.5, abs=0.3)


def test_xor_label_is_the_sign_of_x1_times_x2():
    ds = make_dataset("xor", 400)
    agree = np.mean((ds.X[0] * ds.X[1] > 0) == (ds.Y[0] == 1))
    assert agree > 0.95


def test_circles_inner_disk_is_class_1():
    ds = make_dataset("circles", 400)
    radius = np.hypot(ds.X[0], ds.X[1])
    assert np.mean((radius < 1.5) == (ds.Y[0] == 1)) > 0.95


def test_moons_upper_moon_is_class_0():
    ds = make_dataset("moons", 400)
    mean0, mean1 = ds.X[:, ds.Y[0] == 0].mean(axis=1), ds.X[:, ds.Y[0] == 1].mean(axis=1)
    assert mean1[0] - mean0[0] == pytest.approx(2.0, abs=0.3)  # the lower moon is to the right
    assert mean0[1] - mean1[1] == pytest.approx(4 * (2 / np.pi - 0.25), abs=0.3)  # and below


def test_spiral_angle_follows_the_radius_on_each_arm():
    ds = make_dataset("spiral", 400)
    radius, angle = np.hypot(ds.X[0], ds.X[1]), np.arctan2(ds.X[1], ds.X[0])
    t = (radius - 0.5) / 3.0
    distance = []
    for offset in (0.0, np.pi):  # arm of class 0, arm of class 1
        d = np.angle(np.exp(1j * (angle - 2 * np.pi * 1.25 * t - offset)))
        distance.append(np.abs(d))
    nearest_arm = np.argmin(distance, axis=0)
    assert np.mean(nearest_arm == ds.Y[0]) > 0.9


def test_one_feature_has_one_feature_and_overlapping_classes():
    ds = make_dataset("one_feature", 300)
    x, y = ds.X[0], ds.Y[0]
    assert ds.n_features == 1
    assert x[y == 1].mean() - x[y == 0].mean() == pytest.approx(2.0, abs=0.4)
    assert x[y == 1].min() < x[y == 0].max()  # not separable: the optimum is finite


def test_separation_is_ignored_by_other_kinds():
    assert make_dataset("moons", 50, separation=-7) == make_dataset("moons", 50)


def test_seed_accepts_numpy_and_integral_floats():
    assert make_dataset("xor", 30, seed=np.int64(3)) == make_dataset("xor", 30, seed=3.0)


# ---------------------------------------------------------------------------
# The registry of kinds
# ---------------------------------------------------------------------------


def test_the_kinds_names_and_noise_are_read_from_the_registry():
    assert DATASET_KINDS == tuple(KINDS)
    assert DEFAULT_NOISE == {name: kind.noise for name, kind in KINDS.items()}
    for name, kind in KINDS.items():
        assert kind.name == name
        assert (kind.label_key, kind.hint_key) == (f"texts.kind_{name}", f"texts.hint_{name}")
    assert {name: KINDS[name].separation for name in ("linear", "gauss")} == {
        "linear": 3.0,
        "gauss": 1.5,
    }
    # every kind is drawn, except the real data set, which is read and cited
    assert [name for name, kind in KINDS.items() if not kind.generated] == ["penguins"]
    for name, kind in KINDS.items():
        assert (kind.draw is None) == (not kind.generated) == (kind.load is not None)
        assert kind.cite_key == (None if kind.generated else f"texts.cite_{name}")
        assert bool(kind.links) == (not kind.generated)
    assert all(address.startswith("https://") for _, address in KINDS["penguins"].links)


def _stripes(rng, n_neg, n_pos, noise):
    """A kind registered by a test: vertical stripes, class 0 at x1 < 0."""
    X0 = np.vstack([-rng.uniform(0.5, 2.0, n_neg), rng.uniform(-2, 2, n_neg)])
    X1 = np.vstack([rng.uniform(0.5, 2.0, n_pos), rng.uniform(-2, 2, n_pos)])
    return X0 + noise * rng.standard_normal(X0.shape), X1 + noise * rng.standard_normal(X1.shape)


def _points(rng, n_neg, n_pos, noise, separation):
    """A one-input kind with a separation, registered by a test."""
    X0 = -separation / 2 + noise * rng.standard_normal((1, n_neg))
    return X0, separation / 2 + noise * rng.standard_normal((1, n_pos))


def test_a_kind_registered_in_the_table_is_drawn_by_make_dataset(monkeypatch):
    monkeypatch.setitem(KINDS, "stripes", Kind("stripes", _stripes, noise=0.1))
    ds = make_dataset("stripes", 120, seed=2)
    assert ds.X.shape == (2, 120) and ds.feature_names == ("x1", "x2")
    assert ds.notes == ("generated: stripes, 120 examples (60 of class 1), noise 0.1, seed 2",)
    assert np.mean((ds.X[0] > 0) == (ds.Y[0] == 1)) > 0.95
    assert make_dataset("stripes", 120, seed=2, separation=-1) == ds  # it has no separation
    assert make_dataset("stripes", 40, noise=0.0, seed=1).notes[0].endswith("noise 0, seed 1")

    points = Kind("points", _points, noise=0.2, n_inputs=1, separation=4)
    monkeypatch.setitem(KINDS, "points", points)
    one = make_dataset("points", 50)
    assert one.X.shape == (1, 50) and one.feature_names == ("x1",)
    assert "noise 0.2, separation 4, seed 0" in one.notes[0]
    assert one.X[0, one.Y[0] == 1].min() > one.X[0, one.Y[0] == 0].max()
    with pytest.raises(ValueError, match=r"separation must be a finite number ≥ 0, got -1\.0"):
        make_dataset("points", 50, separation=-1)


def test_a_real_kind_registered_in_the_table_is_read_by_make_dataset(monkeypatch):
    calls = []

    def load():
        calls.append(1)
        return small(6)

    monkeypatch.setitem(KINDS, "table", Kind("table", None, noise=0.0, load=load))
    assert not KINDS["table"].generated and KINDS["table"].cite_key == "texts.cite_table"
    # the data set is the loader's: the number of examples, noise, balance and seed do not
    # change it, but they are still checked
    assert make_dataset("table") == small(6)
    assert make_dataset("table", 50, noise=2.0, balance=0.2, seed=9) == small(6)
    assert len(calls) == 2
    with pytest.raises(ValueError, match="n_samples must be between 2 and 100,000, got 1"):
        make_dataset("table", 1)
    with pytest.raises(ValueError, match="seed must be at least 0, got -1"):
        make_dataset("table", seed=-1)
    assert len(calls) == 2  # refused before it is read


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"draw": None}, "give draw .* or load .*, not both or neither: got draw=None, load=None"),
        ({"load": small}, "give draw .* or load .*, not both or neither: got draw=<function"),
        ({"draw": None, "load": "table.csv"}, "load must be callable, got 'table.csv'"),
        ({"name": "two words"}, "name must be a word of letters, digits and _, got 'two words'"),
        ({"name": 3}, "name must be a word of letters, digits and _, got 3"),
        ({"draw": "stripes"}, "draw must be callable, got 'stripes'"),
        ({"noise": -0.5}, "noise must be a finite number ≥ 0, got -0.5"),
        ({"noise": None}, "noise must be a number, got None"),
        ({"n_inputs": 3}, "n_inputs must be between 1 and 2, got 3"),
        ({"n_inputs": 1.5}, "n_inputs must be a whole number, got 1.5"),
        ({"separation": float("inf")}, "separation must be a finite number ≥ 0, got inf"),
    ],
)
def test_a_kind_rejects_bad_fields(kwargs, match):
    fields = {"name": "stripes", "draw": _stripes, "noise": 0.1} | kwargs
    with pytest.raises(ValueError, match=match):
        Kind(**fields)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"kind": "square"}, "kind must be one of .* got 'square'"),
        ({"kind": ["linear"]}, r"kind must be one of .* got \['linear'\]"),
        ({"n_samples": 1}, "n_samples must be between 2 and 100,000, got 1"),
        ({"n_samples": 0}, "n_samples must be between 2 and 100,000, got 0"),
        ({"n_samples": 100_001}, "n_samples must be between 2 and 100,000, got 100,001"),
        ({"n_samples": 1.5}, "n_samples must be a whole number, got 1.5"),
        ({"n_samples": True}, "n_samples must be a whole number, got True"),
        ({"n_samples": "200"}, "n_samples must be a whole number, got '200'"),
        ({"noise": -1}, "noise must be a finite number ≥ 0, got -1.0"),
        ({"noise": float("nan")}, "noise must be a finite number .* got nan"),
        ({"noise": float("inf")}, "noise must be a finite number .* got inf"),
        ({"noise": "0.1"}, "noise must be a number, got '0.1'"),
        ({"balance": 0}, r"balance must be a finite number in \(0, 1\), got 0.0"),
        ({"balance": 1}, r"balance must be a finite number in \(0, 1\), got 1.0"),
        ({"balance": 1.2}, r"balance must be a finite number in \(0, 1\), got 1.2"),
        ({"balance": True}, "balance must be a number, got True"),
        ({"seed": -1}, "seed must be at least 0, got -1"),
        ({"seed": 1.5}, "seed must be a whole number, got 1.5"),
        ({"seed": "0"}, "seed must be a whole number, got '0'"),
        ({"separation": -1.0}, "separation must be a finite number ≥ 0, got -1.0"),
        ({"separation": "far"}, "separation must be a number, got 'far'"),
    ],
)
def test_make_dataset_rejects_bad_parameters(kwargs, match):
    args = {"kind": "linear"} | kwargs
    with pytest.raises(ValueError, match=match):
        make_dataset(**args)


# ---------------------------------------------------------------------------
# Stratified split
# ---------------------------------------------------------------------------


def columns(ds):
    return {tuple(column) for column in ds.X.T}


def test_split_is_stratified_disjoint_and_complete():
    ds = make_dataset("gauss", 200, balance=0.3)  # 140 negatives, 60 positives
    train, test = train_test_split(ds, test_share=0.2, seed=1)
    assert test.class_counts == (28, 12) and train.class_counts == (112, 48)
    assert columns(train) | columns(test) == columns(ds)
    assert not columns(train) & columns(test)
    assert train.notes == (*ds.notes, "training part: 160 of 200 (test share 0.2, seed 1)")
    assert test.notes[-1] == "test part: 40 of 200 (test share 0.2, seed 1)"
    assert train.feature_names == ds.feature_names and test.class_names == ds.class_names


def test_split_keeps_the_order_and_pairs_of_examples():
    ds = make_dataset("xor", 50)
    train, test = train_test_split(ds, test_share=0.3)
    for part in (train, test):
        index = [int(np.flatnonzero((ds.X.T == column).all(axis=1))[0]) for column in part.X.T]
        assert index == sorted(index)
        np.testing.assert_array_equal(part.Y[0], ds.Y[0, index])


def test_split_is_seeded():
    ds = make_dataset("moons", 100)
    assert train_test_split(ds, seed=5) == train_test_split(ds, seed=5)
    assert train_test_split(ds, seed=5)[1] != train_test_split(ds, seed=6)[1]


def test_split_with_share_0_has_an_empty_test_part():
    ds = make_dataset("circles", 30)
    train, test = train_test_split(ds, test_share=0)
    assert test.X.shape == (2, 0) and test.Y.shape == (1, 0)
    np.testing.assert_array_equal(train.X, ds.X)


def test_split_with_share_half():
    ds = make_dataset("linear", 41, balance=0.5)  # 20 and 21: 10 and 11 (half up) to test
    train, test = train_test_split(ds, test_share=0.5)
    assert test.class_counts == (10, 11) and train.class_counts == (10, 10)


def test_split_keeps_a_lone_example_in_training():
    ds = Dataset([[0.0, 1.0, 2.0, 3.0]], [[0, 0, 0, 1]], ("x1",))
    train, test = train_test_split(ds, test_share=0.5)
    assert train.class_counts == (1, 1) and test.class_counts == (2, 0)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"test_share": 0.6}, r"test_share must be a finite number in \[0, 0.5\], got 0.6"),
        ({"test_share": -0.1}, r"test_share must be .* got -0.1"),
        ({"test_share": float("nan")}, r"test_share must be .* got nan"),
        ({"test_share": True}, "test_share must be a number, got True"),
        ({"seed": -2}, "seed must be at least 0, got -2"),
        ({"seed": 1.5}, "seed must be a whole number, got 1.5"),
    ],
)
def test_split_rejects_bad_parameters(kwargs, match):
    with pytest.raises(ValueError, match=match):
        train_test_split(make_dataset("xor", 20), **kwargs)


# ---------------------------------------------------------------------------
# Standardizer
# ---------------------------------------------------------------------------


def test_standardizer_gives_mean_0_and_std_1_on_the_training_part():
    rng = np.random.default_rng(0)
    X = np.array([[50.0], [-3.0]]) + np.array([[10.0], [0.01]]) * rng.standard_normal((2, 80))
    scaler = Standardizer.fit(X)
    assert scaler.mean.shape == (2, 1) and scaler.std.shape == (2, 1)
    np.testing.assert_allclose(scaler.mean[:, 0], X.mean(axis=1))
    np.testing.assert_allclose(scaler.std[:, 0], X.std(axis=1))
    Xs = scaler.transform(X)
    np.testing.assert_allclose(Xs.mean(axis=1), 0.0, atol=1e-12)
    np.testing.assert_allclose(Xs.std(axis=1), 1.0)


def test_standardizer_uses_the_training_statistics_for_other_data():
    train, test = train_test_split(make_dataset("gauss", 100), test_share=0.3)
    scaler = Standardizer.fit(train.X)
    np.testing.assert_allclose(scaler.transform(test.X), (test.X - scaler.mean) / scaler.std)


def test_standardizer_leaves_a_constant_feature_undivided():
    X = np.array([[3.0, 3.0, 3.0], [1.0, 2.0, 3.0]])
    scaler = Standardizer.fit(X)
    assert scaler.std[0, 0] == 1.0 and scaler.mean[0, 0] == 3.0
    np.testing.assert_allclose(scaler.transform(X)[0], 0.0)


def test_standardizer_handles_huge_values_without_overflow():
    X = np.array([[1e300, -1.7e308, 3e307, 2.5e300]])  # the mean of these sums past 1e308
    scaler = Standardizer.fit(X)
    assert np.all(np.isfinite(scaler.mean)) and np.all(np.isfinite(scaler.std))
    assert np.all(np.isfinite(scaler.transform(X)))


def test_params_to_original_gives_the_same_z():
    ds = make_dataset("gauss", 60, seed=2)
    X = ds.X * np.array([[100.0], [0.01]]) + np.array([[5.0], [-2.0]])
    scaler = Standardizer.fit(X)
    w, b = np.array([[0.7], [-1.3]]), 0.4
    w_orig, b_orig = scaler.params_to_original(w, b)
    assert w_orig.shape == (2, 1) and isinstance(b_orig, float)
    z_standardized = w.T @ scaler.transform(X) + b
    z_original = w_orig.T @ X + b_orig
    np.testing.assert_allclose(z_original, z_standardized, atol=1e-9)
    w_flat, b_flat = scaler.params_to_original(w.ravel(), b)
    np.testing.assert_array_equal(w_flat, w_orig)
    assert b_flat == b_orig


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: Standardizer.fit(np.zeros((2, 0))), r"at least one example \(m >= 1\)"),
        (lambda: Standardizer.fit(np.zeros(3)), r"X must have shape \(n, m\)"),
        (lambda: Standardizer.fit(np.ones((2, 3))).transform(np.ones((3, 3))), "must have 2 rows"),
        (lambda: Standardizer.fit(np.ones((2, 3))).params_to_original([1.0], 0.0), "2 weights"),
        (lambda: Standardizer(np.zeros((2, 1)), np.ones((2,))), r"shape \(n, 1\)"),
        (lambda: Standardizer(np.zeros((1, 1)), np.zeros((1, 1))), "std finite and > 0"),
    ],
)
def test_standardizer_rejects_bad_input(call, match):
    with pytest.raises(ValueError, match=match):
        call()


# ---------------------------------------------------------------------------
# Tables for the data editor
# ---------------------------------------------------------------------------


def test_frame_round_trip():
    ds = make_dataset("moons", 30)
    frame = dataset_to_frame(ds)
    assert list(frame.columns) == ["x1", "x2", "y"] and frame.shape == (30, 3)
    back = dataset_from_frame(frame, feature_names=ds.feature_names, label_name="y")
    np.testing.assert_array_equal(back.X, ds.X)
    np.testing.assert_array_equal(back.Y, ds.Y)


def test_frame_accepts_edits_text_numbers_bools_and_skips_blank_rows():
    frame = pd.DataFrame(
        {
            "x1": [1.0, " 2.5 ", None, 4, 5],
            "y": [True, 0, None, "1", 0.0],
            "other": ["ignored", None, None, 1, 2],
        }
    )
    ds = dataset_from_frame(frame, feature_names=["x1"], label_name="y", class_names=("a", "b"))
    np.testing.assert_array_equal(ds.X, [[1.0, 2.5, 4.0, 5.0]])
    np.testing.assert_array_equal(ds.Y, [[1, 0, 1, 0]])
    assert ds.class_names == ("a", "b")


@pytest.mark.parametrize(
    ("frame", "code", "params"),
    [
        (
            pd.DataFrame({"x1": [1.0, 2.0]}),
            "table_no_column",
            {"name": "'y'", "columns": ["'x1'"]},
        ),
        (
            pd.DataFrame({"x1": [1.0, "abc", 3.0], "y": [0, 1, 1]}),
            "table_cell_not_a_number",
            {"row": 2, "column": "'x1'", "value": "'abc'"},
        ),
        (
            pd.DataFrame({"x1": [1.0, None, 3.0], "y": [0, 1, 1]}),
            "table_cell_empty",
            {"row": 2, "column": "'x1'"},
        ),
        (
            pd.DataFrame({"x1": [1.0, 2.0, np.inf], "y": [0, 1, 1]}),
            "table_cell_not_a_number",
            {"row": 3, "column": "'x1'", "value": "'inf'"},
        ),
        (
            pd.DataFrame({"x1": [None, 1.0, 2.0], "y": [None, 0, 2]}),
            "table_label_not_binary",
            {"row": 3, "label": "'y'", "value": "2"},
        ),
        (
            pd.DataFrame({"x1": [1.0, 2.0], "y": [1, 1]}),
            "table_no_class",
            {"cls": 0, "name": "'0'"},
        ),
        (pd.DataFrame({"x1": [], "y": []}), "table_no_class", {"cls": 0, "name": "'0'"}),
    ],
)
def test_frame_errors_name_the_row(frame, code, params):
    with pytest.raises(DataError) as err:
        dataset_from_frame(frame, feature_names=["x1"], label_name="y")
    assert (err.value.code, err.value.params) == (code, params)


def test_frame_needs_a_feature():
    with pytest.raises(DataError, match=r"^table_no_features\(\)$"):
        dataset_from_frame(pd.DataFrame({"y": [0, 1]}), feature_names=[], label_name="y")
