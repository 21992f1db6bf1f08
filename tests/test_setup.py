"""logreg_core.setup: one table of every control's default, range and link name."""

from __future__ import annotations

import math

import pytest

from logreg_core.data import DEFAULT_NOISE
from logreg_core.setup import DEFAULTS, SPECS, STAGES, Setup, check_value
from ui.controls import MAX_L2, MIN_FRAMES, MIN_SAMPLES, NOISE_RANGE, START_RANGE
from ui.exports import check_value as file_accepts
from ui.share import PARAMS, decode


def test_the_defaults_are_a_valid_setup():
    setup = Setup()
    assert setup.as_dict() == dict(DEFAULTS)
    assert Setup.from_mapping({}) == setup
    assert Setup.from_mapping({"kind": "moons", "surface_axes": [2, 3]}).surface_axes == (2, 3)


@pytest.mark.parametrize(
    "name, value, match",
    [
        ("n_samples", 9, r"n_samples must be from 10 to 100000, got 9"),
        ("n_samples", 10.5, r"n_samples must be a whole number, got 10\.5"),
        ("n_samples", True, r"n_samples must be a whole number, got True"),
        ("learning_rate", 0.0, r"learning_rate must be above 0 to 100, got 0\.0"),
        ("learning_rate", math.inf, r"learning_rate must be a finite number, got inf"),
        ("learning_rate", "0.1", r"learning_rate must be a number, got '0\.1'"),
        ("tol", 0.0, r"tol must be above 0 to 1, got 0\.0"),
        ("kind", "LINEAR", r"kind must be one of \['linear', .*\], got 'LINEAR'"),
        ("standardize", 1, r"standardize must be True or False, got 1"),
        ("features", ("x1", "x1"), r"features: "),
        ("features", "x1", r"features must be a list of feature maps, got 'x1'"),
        ("surface_axes", (1, 1), r"surface_axes must be two different weights, got \(1, 1\)"),
        ("surface_axes", (0, 7), r"surface_axes must be from 0 to 6, got 7"),
        ("surface_axes", (0,), r"surface_axes must be two weight indices, got \(0,\)"),
        ("csv_features", (), r"csv_features must be a list of column names, got \(\)"),
        ("seed", None, r"seed must be set, got None"),
        ("bogus", 1, r"unknown setup key 'bogus'"),
    ],
)
def test_a_bad_value_is_refused_by_name(name, value, match):
    with pytest.raises(ValueError, match=match):
        check_value(name, value)


def test_a_setup_refuses_a_bad_field_and_an_unknown_key():
    with pytest.raises(ValueError, match=r"l2 must be from 0 to 1000, got -1"):
        Setup(l2=-1)
    with pytest.raises(ValueError, match=r"unknown setup keys \['alpha'\]"):
        Setup.from_mapping({"alpha": 0.5})


def test_values_are_normalised():
    assert check_value("num_iterations", 200.0) == 200 and isinstance(
        check_value("num_iterations", 200.0), int
    )
    assert math.copysign(1.0, check_value("w1", -0.0)) == 1.0
    assert check_value("features", ["x1·x2", "x1"]) == ("x1", "x1·x2")
    assert check_value("noise", None) is None and check_value("tol", None) is None


@pytest.mark.parametrize("key", list(SPECS))
def test_link_file_and_widgets_accept_the_same_values(key):
    spec = SPECS[key]
    if spec.kind not in ("int", "float"):
        return
    inside = [spec.high] + ([] if spec.above else [spec.low])
    outside = [spec.high + 1, spec.low - 1] + ([spec.low] if spec.above else [])
    for value in inside:
        assert file_accepts(key, value), (key, value)
    for value in outside:
        assert not file_accepts(key, value), (key, value)
    if spec.link:
        (param,) = [p for p in PARAMS if p.key == key]
        for value in inside:
            reading = decode({param.name: param.dump(value)})
            assert reading.problems == () and reading.setup[key] == value
        for value in outside:
            assert decode({param.name: param.dump(value)}).problems != ()


def test_the_widgets_bounds_are_the_tables():
    assert MIN_SAMPLES == SPECS["n_samples"].low and MIN_FRAMES == SPECS["n_frames"].low
    assert NOISE_RANGE == (SPECS["noise"].low, SPECS["noise"].high)
    assert START_RANGE == (SPECS["b0"].low, SPECS["b0"].high) and MAX_L2 == SPECS["l2"].high


def test_surface_axes_mean_the_same_in_a_link_and_a_file():
    assert file_accepts("surface_axes", (5, 6)) and not file_accepts("surface_axes", (0, 7))
    assert decode({"axes": "6-7"}).setup["surface_axes"] == (5, 6)
    assert decode({"axes": "1-8"}).problems != ()
    assert [p for p in PARAMS if p.key.startswith("csv_")] == []  # file columns never travel


# ---- cache keys: each field feeds the stages its Spec names, and only those ----

#: What each field feeds, written out here as a second route to Spec.feeds (a new
#: field must be added here, with the stages it changes). "only_if" fields count
#: only under their condition (below).
FEEDS = {
    "source": {"data"},
    "kind": {"data"},
    "n_samples": {"data"},
    "noise": {"data"},
    "balance": {"data"},
    "seed": {"data", "preparation"},
    "test_share": {"preparation"},
    "csv_label": {"data"},
    "csv_features": {"data"},
    "csv_positive": {"data"},
    "features": {"preparation"},
    "standardize": {"preparation"},
    "learning_rate": {"training"},
    "num_iterations": {"training"},
    "init": {"training"},
    "init_seed": {"training"},
    "w1": {"training"},
    "w2": {"training"},
    "b0": {"training"},
    "l2": {"training"},
    "tol": {"training"},
    "patience": {"training"},
    "frame_spacing": {"animation"},
    "n_frames": {"animation"},
    "surface_axes": {"animation"},
    "inspect_step": {"inspector"},
    "inspect_example": {"inspector"},
}
#: The setting under which a field counts at all (and, as the base, one under which it does not).
COUNTS_WHEN = {
    "kind": ({"source": "generated"}, {"source": "uploaded"}),
    "n_samples": ({"source": "generated"}, {"source": "edited"}),
    "noise": ({"source": "generated"}, {"source": "uploaded"}),
    "balance": ({"source": "generated"}, {"source": "uploaded"}),
    "csv_label": ({"source": "uploaded"}, {"source": "generated"}),
    "csv_features": ({"source": "uploaded"}, {"source": "generated"}),
    "csv_positive": ({"source": "uploaded"}, {"source": "edited"}),
    "init_seed": ({"init": "random"}, {"init": "zeros"}),
    "w1": ({"init": "explicit"}, {"init": "zeros"}),
    "w2": ({"init": "explicit"}, {"init": "random"}),
    "b0": ({"init": "explicit"}, {"init": "zeros"}),
}
#: A value other than the default, for every field.
OTHER = {
    "source": "uploaded",
    "kind": "moons",
    "n_samples": 300,
    "noise": 1.0,
    "balance": 0.3,
    "seed": 5,
    "test_share": 0.3,
    "csv_label": "passed",
    "csv_features": ("hours",),
    "csv_positive": "yes",
    "features": ("x1", "x2", "x1²"),
    "standardize": False,
    "learning_rate": 0.5,
    "num_iterations": 50,
    "init": "random",
    "init_seed": 3,
    "w1": 1.5,
    "w2": -2.0,
    "b0": 0.5,
    "l2": 0.1,
    "tol": 1e-6,
    "patience": 20,
    "frame_spacing": "uniform",
    "n_frames": 30,
    "surface_axes": (0, 2),
    "inspect_step": 7,
    "inspect_example": 4,
}


def _keys(setup: Setup) -> dict[str, tuple]:
    return {stage: setup.key(stage) for stage in STAGES}


def test_every_field_says_which_stages_it_feeds():
    assert set(FEEDS) == set(SPECS) == set(OTHER)
    for name, spec in SPECS.items():
        assert set(spec.feeds) == FEEDS[name], name
        assert set(spec.feeds) <= set(STAGES), name
        assert (spec.only_if is not None) == (name in COUNTS_WHEN), name


@pytest.mark.parametrize("name", list(SPECS))
def test_changing_a_field_changes_exactly_the_keys_it_feeds(name):
    when, not_when = COUNTS_WHEN.get(name, ({}, None))
    base = Setup.from_mapping(when)
    changed = _keys(base.replace(**{name: OTHER[name]}))
    before = _keys(base)
    differ = {stage for stage in STAGES if changed[stage] != before[stage]}
    assert differ == FEEDS[name], name
    if not_when is not None:  # where the field does not count, changing it changes no key
        base = Setup.from_mapping(not_when)
        assert _keys(base.replace(**{name: OTHER[name]})) == _keys(base), name


def test_the_key_methods_are_the_stages_keys():
    s = Setup.from_mapping({"init": "explicit", "w1": 2.0, "features": ("x1", "x1²")})
    assert s.data_key() == s.key("data")
    assert s.prepare_key() == s.key("preparation")
    assert s.train_key() == s.key("training") and ("w1", 2.0) in s.train_key()
    assert dict(s.prepare_key(("x1",)))["features"] == ("x1",)
    with pytest.raises(ValueError, match=r"stage must be one of \['data', .*\], got 'plot'"):
        s.key("plot")


def test_no_noise_is_the_kinds_own_noise_in_the_data_key():
    for kind, noise in DEFAULT_NOISE.items():
        own = Setup(kind=kind)
        assert own.data_key() == own.replace(noise=float(noise)).data_key(), kind
        assert dict(own.data_key())["noise"] == float(noise)


def test_a_start_that_the_initialization_ignores_does_not_retrain():
    zeros = Setup()
    assert zeros.replace(w1=3.0, w2=-1.0, b0=2.0, init_seed=9).train_key() == zeros.train_key()
    random = Setup(init="random")
    assert random.replace(w1=3.0).train_key() == random.train_key()
    assert random.replace(init_seed=9).train_key() != random.train_key()
