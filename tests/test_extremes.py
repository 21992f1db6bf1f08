"""Numeric extremes, in the engine and on the pages: finite numbers, plain words, no warning.

The largest α the UI offers, features of 1e6 left unstandardized, perfectly
separable data for 1,000,000 iterations, one example per class, the same
points with both labels.  Every engine call runs with all warnings as errors
(pytest.ini_options already turns RuntimeWarning into an error for the page
runs), every number the page shows is finite, and the page says in words what
happened: "diverged", or that the weights grow without bound.
"""

from __future__ import annotations

import math
import re
import warnings

import numpy as np
import pytest

from logreg_core.csv_io import load_csv
from logreg_core.data import DATASET_KINDS, KINDS, DataError, make_dataset
from logreg_core.features import FEATURE_MAPS
from logreg_core.pipeline import run_setup
from logreg_core.train import MAX_ITERATIONS, train
from tests.conftest import metrics, no_bad_numbers, open_page
from ui.controls import ALPHAS, ITERATIONS
from ui.i18n import t

ALPHA_MAX = max(ALPHAS)
DATA = "views/data.py"
TRAIN = "views/train.py"
INSPECTOR = "views/inspector.py"
#: The separable rule in words, as the page says it (without its markdown).
UNBOUNDED = t("robust.stop_separable", lang="en").replace("**", "").strip()


def _quiet(fn, *args, **kwargs):
    """Call fn with every warning turned into an error."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return fn(*args, **kwargs)


def _finite_history(h) -> None:
    for name in ("w", "b", "cost", "accuracy", "dw", "db"):
        values = getattr(h, name)
        assert np.isfinite(values).all(), f"{name} holds {values[~np.isfinite(values)][:3]}"


def _separable_csv(scale: float, m: int = 60, *, overlap: float = 0.8) -> bytes:
    """Two inputs of size ``scale``; the label is x1 > 0 plus noise of ``overlap``."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(m, 2))
    y = (x[:, 0] + overlap * rng.normal(size=m) > 0).astype(int)
    rows = "".join(
        f"{a * scale:.17g},{b * scale:.17g},{c}\n" for (a, b), c in zip(x, y, strict=True)
    )
    return f"a,b,y\n{rows}".encode()


def _alerts(at) -> str:
    """Every error, warning, info and success text of the page, markdown removed."""
    texts = [e.value for kind in ("error", "warning", "info", "success") for e in getattr(at, kind)]
    return re.sub(r"\\(.)", r"\1", " ".join(texts)).replace("**", "").replace("\u2060", "")


def _no_bad_words(at) -> None:
    no_bad_numbers(at)
    words = re.findall(r"[a-z]+", _alerts(at).lower())
    assert "nan" not in words and "inf" not in words, _alerts(at)


# ----------------------------------------------------------------------------
# the engine
# ----------------------------------------------------------------------------


def test_the_ui_limits_are_the_engines():
    assert ALPHA_MAX == 10.0 and min(ALPHAS) == 1e-4
    assert max(ITERATIONS) == MAX_ITERATIONS == 1_000_000
    ds = make_dataset("linear", 20, seed=0)
    with pytest.raises(ValueError, match="num_iterations"):
        train(ds.X, ds.Y, learning_rate=0.1, num_iterations=MAX_ITERATIONS + 1)


@pytest.mark.parametrize("standardize", [True, False], ids=["standardized", "raw"])
@pytest.mark.parametrize("kind", DATASET_KINDS)
def test_largest_alpha_on_every_kind_and_every_feature_map(kind, standardize):
    n_inputs = KINDS[kind].n_inputs  # every map the kind's inputs allow
    features = tuple(name for name, (_, x2) in FEATURE_MAPS.items() if n_inputs > 1 or not x2)
    setup = {"kind": kind, "n_samples": 200, "features": features, "standardize": standardize}
    setup |= {"learning_rate": ALPHA_MAX, "num_iterations": 2000}
    run = _quiet(run_setup, setup)
    h = run.history
    _finite_history(h)
    assert h.stop_reason in ("diverged", "max_iterations")
    if h.stop_reason == "max_iterations":
        assert h.cost[-1] <= h.cost[0]


@pytest.mark.parametrize("alpha", [min(ALPHAS), ALPHA_MAX])
def test_features_of_a_million_unstandardized(alpha):
    ds = load_csv(_separable_csv(1e6))
    assert np.abs(ds.X).max() > 1e6
    h = _quiet(train, ds.X, ds.Y, learning_rate=alpha, num_iterations=5000)
    _finite_history(h)
    # the classes overlap: every step overshoots, however small α is in the UI
    assert h.stop_reason == "diverged" and h.steps[-1] < 5000
    # and separable data of that size: w grows, J falls towards 0, nothing overflows
    ds = load_csv(_separable_csv(1e6, overlap=0.0))
    h = _quiet(train, ds.X, ds.Y, learning_rate=alpha, num_iterations=5000)
    _finite_history(h)
    assert h.accuracy[-1] == 1.0 and h.cost[-1] < h.cost[0]


@pytest.mark.slow  # 1,000,000 steps: 20-90 s on 2 shared cores
def test_separable_data_for_a_million_iterations():
    ds = make_dataset("linear", 40, seed=3)
    h = _quiet(train, ds.X, ds.Y, learning_rate=ALPHA_MAX, num_iterations=MAX_ITERATIONS)
    _finite_history(h)
    assert h.stop_reason == "max_iterations" and h.steps[-1] == MAX_ITERATIONS
    assert len(h.steps) <= 5000 and h.steps[0] == 0
    assert h.accuracy[-1] == 1.0
    # J keeps falling towards 0 and ‖w‖ keeps growing: no minimum is ever reached
    norm = np.linalg.norm(h.w, axis=1)
    late = slice(len(norm) // 2, None)
    assert np.all(np.diff(norm[late]) > 0) and np.all(np.diff(h.cost[late]) <= 0)
    assert 0.0 <= h.cost[-1] < 1e-5
    # the growth is logarithmic in the steps: from 10⁵ to 10⁶ steps, about ln 10 / margin
    half = int(np.searchsorted(h.steps, MAX_ITERATIONS // 10))
    assert norm[-1] > norm[half] > norm[0]


def test_one_example_per_class():
    X, Y = np.array([[-1.0, 2.0]]), np.array([[0, 1]])
    h = _quiet(train, X, Y, learning_rate=ALPHA_MAX, num_iterations=100_000)
    _finite_history(h)
    assert h.accuracy[-1] == 1.0 and h.cost[-1] < 1e-4 and h.w[-1, 0] > 0
    # a file with one example per class is refused, naming the class and its count
    with pytest.raises(DataError, match=r"""^few_examples\(value="'0'", label="'y'", count=1\)$"""):
        load_csv(b"x1,x2,y\n1,2,0\n3,1,1\n")


def test_duplicated_points_with_opposite_labels():
    X = np.array([[1.0, 1.0, 2.0, 2.0, -1.0, -1.0], [0.0, 0.0, 1.0, 1.0, 3.0, 3.0]])
    Y = np.array([[0, 1, 0, 1, 1, 0]])
    h = _quiet(train, X, Y, learning_rate=ALPHA_MAX, num_iterations=10_000)
    _finite_history(h)
    # every point carries both labels: the best a is 0.5 everywhere, J = ln 2, the slopes 0
    assert h.cost[-1] == pytest.approx(math.log(2), abs=1e-12)
    assert np.abs(h.dw[-1]).max() < 1e-12 and abs(h.db[-1]) < 1e-12
    # one extra point tips the balance: J falls below ln 2 and stays finite
    X2, Y2 = np.hstack([X, [[5.0], [5.0]]]), np.hstack([Y, [[1]]])
    h = _quiet(train, X2, Y2, learning_rate=0.1, num_iterations=10_000)
    _finite_history(h)
    assert h.cost[-1] < math.log(2)


# ----------------------------------------------------------------------------
# the pages
# ----------------------------------------------------------------------------


def _upload_and_train(csv: bytes, state: dict, *, timeout: float = 120):
    at = open_page(DATA)
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    at.file_uploader(key="upload_file").set_value(("extreme.csv", csv, "text/csv")).run()
    assert not at.exception, at.exception
    for key, value in state.items():
        at.session_state[key] = value
    at.switch_page(TRAIN).run(timeout=timeout)
    return at


def test_page_largest_alpha_on_separable_data_says_the_weights_grow():
    at = open_page(TRAIN, state={"learning_rate": ALPHA_MAX})
    _no_bad_words(at)
    assert UNBOUNDED in _alerts(at)
    assert "grow without bound" in _alerts(at)
    assert metrics(at)["train accuracy"] == "100.0 %"


def test_page_largest_alpha_on_overlapping_raw_data():
    at = open_page(TRAIN, state={"learning_rate": ALPHA_MAX, "kind": "gauss", "standardize": False})
    _no_bad_words(at)
    assert "diverged" in _alerts(at) or t("texts.stop_ran_all", lang="en")[:8] in _alerts(at)


@pytest.mark.parametrize("alpha", [min(ALPHAS), ALPHA_MAX])
def test_page_features_of_a_million_raw_diverge_in_words(alpha):
    at = _upload_and_train(_separable_csv(1e6), {"standardize": False, "learning_rate": alpha})
    _no_bad_words(at)
    said = _alerts(at)
    assert "Gradient descent diverged" in said
    # α cannot go lower in the UI than 1e-4: the page points at the real cure
    assert "Standardize the features" in said
    steps = int(metrics(at)["steps made"].replace(",", ""))
    assert 0 < steps < 1000
    # the inspector reads every number of that run, all finite
    at.switch_page(INSPECTOR).run()
    _no_bad_words(at)


def test_page_features_of_a_million_standardized_train_fine():
    at = _upload_and_train(_separable_csv(1e6), {"standardize": True, "learning_rate": ALPHA_MAX})
    _no_bad_words(at)
    assert "diverged" not in _alerts(at)


def test_page_one_example_per_class_is_refused_in_words():
    at = _upload_and_train(b"x1,x2,y\n1,2,0\n3,1,1\n", {})
    _no_bad_words(at)
    assert re.search(r"only 1 example.*at least 2", _alerts(at)), _alerts(at)
    assert "cost J" not in metrics(at)


@pytest.mark.parametrize("standardize", [True, False])
def test_page_a_feature_map_that_overflows_is_refused_in_words(standardize):
    state = {"standardize": standardize, "features": ("x1", "x2", "x1²")}
    at = _upload_and_train(_separable_csv(1e300), state)
    _no_bad_words(at)
    assert t("errors.feature_overflow", "en", feature="x1²") in _alerts(at), _alerts(at)
    assert "cost J" not in metrics(at)


def test_page_huge_starting_weights_on_huge_raw_features_are_refused_in_words():
    state = {"standardize": False, "init": "explicit", "w1": 50.0, "w2": 50.0}
    at = _upload_and_train(_separable_csv(1e307), state)
    _no_bad_words(at)
    assert t("errors.initial_cost_not_finite", "en") in _alerts(at), _alerts(at)
    assert "cost J" not in metrics(at)


def test_page_duplicated_points_with_opposite_labels():
    csv = b"x1,x2,y\n" + b"1,2,0\n1,2,1\n3,1,0\n3,1,1\n0,0,0\n0,0,1\n2,2,0\n2,2,1\n"
    at = _upload_and_train(csv, {"learning_rate": ALPHA_MAX, "test_share": 0.0})
    _no_bad_words(at)
    shown = metrics(at)
    assert shown["cost J"] == "0.6931" and shown["train accuracy"] == "50.0 %"
    said = _alerts(at)
    assert "J is at its minimum" in said and "barely moved" not in said
    at.switch_page(INSPECTOR).run()
    _no_bad_words(at)


@pytest.mark.slow  # 1,000,000 steps: 20-90 s on 2 shared cores
def test_page_separable_data_for_a_million_iterations():
    at = open_page(TRAIN, state={"learning_rate": ALPHA_MAX, "n_samples": 40, "seed": 3})
    at.session_state["num_iterations"] = MAX_ITERATIONS
    at.run(timeout=600)
    _no_bad_words(at)
    shown = metrics(at)
    assert shown["steps made"] == f"{MAX_ITERATIONS:,}"
    assert shown["train accuracy"] == "100.0 %"
    assert "grow without bound" in _alerts(at)
    assert not re.search(r"diverged", _alerts(at))


# ----------------------------------------------------------------------------
# the limits, and where a student meets them
# ----------------------------------------------------------------------------


def test_upload_size_is_capped_at_20_mb_and_said():
    import tomllib

    from logreg_core.csv_io import MAX_BYTES
    from logreg_core.data import MAX_ROWS
    from tests.conftest import ROOT

    with open(ROOT / ".streamlit" / "config.toml", "rb") as f:
        server_mb = tomllib.load(f)["server"]["maxUploadSize"]
    assert 0 < server_mb <= 20
    at = open_page(DATA)
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    uploader = at.file_uploader(key="upload_file")
    assert uploader.proto.max_upload_size_mb == server_mb  # the browser refuses bigger files
    limit = f"{min(server_mb, MAX_BYTES / 1e6):g} MB"
    assert f"At most {MAX_ROWS:,} rows and {limit}." in uploader.proto.help


def test_generated_examples_are_capped_and_said():
    from logreg_core.data import MAX_ROWS

    at = open_page(DATA)
    box = at.number_input(key="ctl_n_samples")
    assert box.max == MAX_ROWS == 100_000 and f"{MAX_ROWS:,}" in box.help
    with pytest.raises(ValueError, match="n_samples"):
        make_dataset("linear", MAX_ROWS + 1)


def test_iterations_and_frames_are_capped_and_said():
    from logreg_core.animation import MAX_FRAMES

    at = open_page(TRAIN)
    iterations = at.select_slider(key="num_iterations")
    assert (
        iterations.options[-1] == f"{MAX_ITERATIONS:,}" and f"{MAX_ITERATIONS:,}" in iterations.help
    )
    frames = at.slider(key="ctl_n_frames")
    assert frames.max == MAX_FRAMES and f"to {MAX_FRAMES} frames" in frames.help
    alpha = at.select_slider(key="learning_rate")
    assert alpha.options[0] == "0.0001" and alpha.options[-1] == "10"


def test_large_data_says_what_is_drawn_edited_and_swept():
    from logreg_core.figures.playground import POINT_LIMIT
    from ui.data import MAX_EDIT_ROWS

    at = open_page(DATA, state={"n_samples": 20_000})
    no_bad_numbers(at)
    captions = " ".join(c.value for c in at.caption)
    assert f"Showing {POINT_LIMIT:,} points of each part." in captions
    assert f"editing is offered up to {MAX_EDIT_ROWS:,}" in captions
    at.switch_page(TRAIN).run(timeout=300)
    no_bad_numbers(at)
    captions = " ".join(c.value for c in at.caption)
    assert re.search(r"cost surface is computed on a random [\d,]+ of the 16,000", captions)


def test_every_cache_is_bounded_and_forgets_a_students_data():
    from streamlit.runtime.caching.cache_utils import CachedFunc

    import ui.cache as cache

    cached = {name: fn._info for name, fn in vars(cache).items() if isinstance(fn, CachedFunc)}
    assert len(cached) >= 8
    for name, info in cached.items():
        assert info.max_entries is not None and 0 < info.max_entries <= 32, name
        # shared data (the same seed gives everyone the same set) needs no time limit
        if name != "generated_dataset":
            assert info.ttl == cache.USER_TTL, name
