"""presets.py: every scenario is a valid setup and does what its text promises.

Each preset runs through logreg_core.pipeline.run_setup (the path the app
follows) and its promise is checked against an independent reference: a
Newton (IRLS) optimum written here, the Hessian of J, the labels themselves.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from logreg_core.pipeline import prepare, run_setup
from logreg_core.presets import PRESETS, Preset, preset
from ui.i18n import LANGUAGES, catalogue
from ui.state import DEFAULTS

KEYS = [p.key for p in PRESETS]


def full(key: str) -> dict:
    return preset(key).full_setup(DEFAULTS)


def run(key: str, **changes):
    return run_setup({**full(key), **changes})


def newton_optimum(X, Y, iterations=60):
    """(w*, b*, J*) by Newton's method on the cross-entropy, independent of the engine."""
    n, m = X.shape
    Xa = np.vstack([X, np.ones((1, m))])
    theta = np.zeros(n + 1)
    y = Y.ravel().astype(float)
    for _ in range(iterations):
        z = theta @ Xa
        a = 1.0 / (1.0 + np.exp(-z))
        grad = Xa @ (a - y) / m
        H = (Xa * (a * (1 - a))) @ Xa.T / m
        theta = theta - np.linalg.solve(H, grad)
    z = theta @ Xa
    J = float(np.mean(np.logaddexp(0.0, z) - y * z))
    return theta[:n], float(theta[n]), J


def hessian_ww(X, w, b):
    """∂²J/∂w² at (w, b): X diag(a(1 − a)) Xᵀ / m."""
    a = 1.0 / (1.0 + np.exp(-(np.asarray(w).reshape(1, -1) @ X + b)))
    return (X * (a * (1 - a))) @ X.T / X.shape[1]


def zigzag_share(history, X):
    """Share of consecutive steps whose move along the steepest direction changes sign."""
    H = hessian_ww(X, history.w[0], history.b[0])[:2, :2]
    steep = np.linalg.eigh(H)[1][:, -1]
    moves = np.diff(history.w[:, :2], axis=0) @ steep
    return float(np.mean(np.sign(moves[1:]) != np.sign(moves[:-1])))


# ----------------------------------------------------------------------------
# the presets as data
# ----------------------------------------------------------------------------


def test_keys_are_unique_and_partners_are_mutual():
    assert len(set(KEYS)) == len(KEYS) >= 10
    for p in PRESETS:
        if p.partner is not None:
            assert preset(p.partner).partner == p.key, p.key


@pytest.mark.parametrize("key", KEYS)
def test_setup_uses_only_control_keys_with_the_defaults_types(key):
    p = preset(key)
    assert p.setup, "a preset changes at least one control"
    assert set(p.setup) <= set(DEFAULTS), sorted(set(p.setup) - set(DEFAULTS))
    for name, value in p.setup.items():
        default = DEFAULTS[name]
        if default is None:
            assert value is None or isinstance(value, int | float), (name, value)
        elif isinstance(default, bool):
            assert isinstance(value, bool), (name, value)
        elif isinstance(default, float):
            assert isinstance(value, float), (name, value)
        else:
            assert type(value) is type(default), (name, value)
    assert p.full_setup(DEFAULTS) == {**DEFAULTS, **p.setup}


@pytest.mark.parametrize("key", KEYS)
def test_both_catalogues_hold_the_title_and_two_or_three_sentences(key):
    p = preset(key)
    for lang in LANGUAGES:
        texts = catalogue(lang)
        assert texts[p.title_key].strip() and texts[p.watch_key].strip(), (lang, key)
    english = catalogue("en")[p.watch_key]
    assert 2 <= english.count(". ") + english.endswith(".") <= 3, english


def test_setup_is_read_only_and_unknown_keys_are_refused():
    with pytest.raises(TypeError):
        PRESETS[0].setup["learning_rate"] = 1.0
    with pytest.raises(ValueError, match=r"unknown setup keys \['bogus'\]"):
        Preset("odd", {"bogus": 1}).full_setup(DEFAULTS)
    with pytest.raises(ValueError, match="unknown preset 'nope'"):
        preset("nope")


# ----------------------------------------------------------------------------
# what each preset promises
# ----------------------------------------------------------------------------


def test_case_left_starts_left_of_the_minimum_and_w_only_increases():
    r = run("case_left")
    w = r.history.w[:, 0]
    w_star, _, J_star = newton_optimum(r.prepared.X_train, r.prepared.train.Y)
    assert w[0] == -4.0 < w_star[0]
    assert np.all(np.diff(w) > 0)
    assert w[-1] == pytest.approx(w_star[0], abs=0.01)
    assert r.history.cost[-1] == pytest.approx(J_star, abs=1e-5)


def test_case_right_starts_right_of_the_minimum_and_w_only_decreases():
    r = run("case_right")
    w = r.history.w[:, 0]
    w_star, _, _ = newton_optimum(r.prepared.X_train, r.prepared.train.Y)
    assert w[0] == 6.0 > w_star[0]
    assert np.all(np.diff(w) < 0)
    assert w[-1] == pytest.approx(w_star[0], abs=0.01)


def steps_to_bottom(key):
    """Updates until each named criterion first holds, against the Newton optimum (w*, J*)."""
    r = run(key)
    h = r.history
    w_star, _, J_star = newton_optimum(r.prepared.X_train, r.prepared.train.Y)
    criteria = {
        "|w − w*| < 0.1": np.abs(h.w[:, 0] - w_star[0]) < 0.1,
        "|w − w*| < 0.01": np.abs(h.w[:, 0] - w_star[0]) < 0.01,
        "J − J* < 10⁻³": h.cost - J_star < 1e-3,
        "J − J* < 10⁻⁴": h.cost - J_star < 1e-4,
    }
    return {name: int(h.steps[np.argmax(ok)]) for name, ok in criteria.items() if ok.any()}


def test_case_right_needs_more_steps_than_case_left_by_every_criterion():
    """The texts say "more steps", with no factor: measured, it is 1.9× to 3.1× by criterion."""
    left, right = steps_to_bottom("case_left"), steps_to_bottom("case_right")
    assert left.keys() == right.keys() and len(left) == 4
    for name in left:
        assert right[name] > left[name], name
    ratios = [right[name] / left[name] for name in left]
    assert max(ratios) / min(ratios) > 1.3  # no single factor describes it: none is stated


def test_the_numbers_in_the_case_texts_are_the_engines():
    for lang in LANGUAGES:
        right = catalogue(lang)["presets.case_right.watch"]
        assert not re.search(r"五倍|five times|\d+ ?×", right), lang
        left = catalogue(lang)["presets.case_left.watch"]
        (shown,) = re.findall(r"w ≈ ([0-9.]+)", left)
        r = run("case_left")
        w_star, _, _ = newton_optimum(r.prepared.X_train, r.prepared.train.Y)
        assert shown == f"{w_star[0]:.2f}", lang  # the bottom of the bowl, to the digits shown


def test_alpha_too_large_oscillates_then_diverges():
    r = run("alpha_large")
    h = r.history
    assert h.stop_reason == "diverged"
    steps = np.diff(h.cost)
    flips = np.mean(np.sign(steps[1:]) != np.sign(steps[:-1]))
    assert flips > 0.8, "J goes up and down, step after step"
    assert h.cost[-1] > h.cost[0]
    # the same data with a quarter of the step size trains normally
    calm = run("alpha_large", learning_rate=0.5).history
    assert calm.stop_reason == "max_iterations" and calm.cost[-1] < calm.cost[0]


def test_alpha_too_small_barely_moves_j():
    h = run("alpha_small").history
    J0, J1 = h.cost[0], h.cost[-1]
    assert h.stop_reason == "max_iterations"
    assert 0 < (J0 - J1) / J0 < 0.01
    # the default α, same number of steps, goes most of the way down
    default = run("alpha_small", learning_rate=DEFAULTS["learning_rate"]).history
    assert (J0 - default.cost[-1]) / J0 > 0.5


def test_unscaled_features_make_an_elongated_bowl_and_a_zigzag():
    raw, std = run("unscaled"), run("standardized")
    assert full("unscaled")["learning_rate"] == full("standardized")["learning_rate"]

    def elongation(r):
        ev = np.linalg.eigvalsh(hessian_ww(r.prepared.X_train, r.history.w[0], r.history.b[0]))
        return ev[-1] / ev[0]

    assert elongation(raw) > 10 > 2 > elongation(std)
    assert zigzag_share(raw.history, raw.prepared.X_train) > 0.9
    assert zigzag_share(std.history, std.prepared.X_train) < 0.1
    # the same number of steps: the standardized run is at the bottom, the other is not
    _, _, J_std = newton_optimum(std.prepared.X_train, std.prepared.train.Y)
    _, _, J_raw = newton_optimum(raw.prepared.X_train, raw.prepared.train.Y)
    assert J_std == pytest.approx(J_raw, abs=1e-9)  # one model, two parametrizations
    assert std.history.cost[-1] - J_std < 1e-3
    assert raw.history.cost[-1] - J_raw > 0.03


def test_xor_is_not_separable_by_a_line_but_is_with_x1x2():
    line = run("xor_line")
    assert 0.4 <= line.history.accuracy[-1] <= 0.65
    product = run("xor_product")
    assert product.history.accuracy[-1] > 0.95 and product.test_accuracy > 0.95
    assert full("xor_line")["seed"] == full("xor_product")["seed"]  # the same data


def test_separable_data_w_keeps_growing():
    r = run("separable")
    h = r.history
    assert h.stop_reason == "max_iterations" and h.accuracy[-1] == 1.0 and h.l2 == 0
    norm = np.linalg.norm(h.w, axis=1)
    assert np.all(np.diff(norm[-200:]) > 0)
    deciles = norm[np.linspace(len(norm) // 10, len(norm) - 1, 10).astype(int)]
    assert np.all(np.diff(deciles) > 0.05)  # slower and slower, but never stopping
    assert np.all(np.diff(h.cost[-200:]) < 0)
    # with an L2 penalty the same run settles: the last steps barely move w
    settled = run("separable", l2=1.0).history
    moved = np.linalg.norm(settled.w[-1] - settled.w[-100])
    assert moved < 1e-6 < np.linalg.norm(h.w[-1] - h.w[-100])


def test_imbalanced_accuracy_is_no_better_than_always_saying_0():
    r = run("imbalanced")
    Y = r.prepared.train.Y.ravel()
    always_0 = float(np.mean(Y == 0))
    assert always_0 >= 0.88
    acc = r.history.accuracy[-1]
    assert acc <= always_0 + 0.02 and acc > 0.85  # a high-looking accuracy …
    Z = r.history.w[-1] @ r.prepared.X_train + r.history.b[-1]
    recall = float(np.mean(Z[Y == 1] >= 0))
    assert recall < 0.5  # … that misses most examples of class 1


def test_every_preset_prepares_without_error():
    for p in PRESETS:
        prepared = prepare(p.full_setup(DEFAULTS))
        assert prepared.X_train.shape[0] == len(prepared.feature_names)
