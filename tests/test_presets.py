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


def test_partners_share_a_row_of_the_two_column_gallery():
    for i, p in enumerate(PRESETS):
        if p.partner is not None:
            assert KEYS.index(p.partner) // 2 == i // 2, (p.key, p.partner)


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
    assert zigzag_share(raw.history, raw.prepared.X_train) == 1.0  # each step overshoots
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


# ----------------------------------------------------------------------------
# issue 21: every number and verdict of the scenario texts, by a second route
# ----------------------------------------------------------------------------

#: The numbers a text states (a decimal, or two digits or more; a lone digit is a case's
#: name, "case 1" / "情况一", written in words in Chinese).
NUMBER = re.compile(r"\d+(?:\.\d+)?(?:⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def stated_numbers(text: str) -> list[str]:
    return sorted(n for n in NUMBER.findall(text) if "." in n or len(n) > 1)


def plain_descent(X, Y, alpha, steps, *, w=None, b=0.0, l2=0.0):
    """Gradient descent written out here, not the engine's: (J, w, b) after each step 0 … steps."""
    n, m = X.shape
    w = np.zeros(n) if w is None else np.array(w, dtype=float)
    y = Y.ravel().astype(float)
    Js, Ws, Bs = [], [], []
    for _ in range(steps + 1):
        z = w @ X + b
        Js.append(float(np.mean(np.logaddexp(0.0, z) - y * z) + l2 / (2 * m) * w @ w))
        Ws.append(w.copy())
        Bs.append(b)
        a = 1.0 / (1.0 + np.exp(-z))
        w, b = w - alpha * (X @ (a - y) / m + l2 / m * w), b - alpha * float(np.mean(a - y))
    return np.array(Js), np.array(Ws), np.array(Bs)


def best_line_accuracy(X, Y):
    """The best accuracy of any straight line in the plane, by enumeration.

    A best line can be turned until it touches two examples, so the directions
    normal to every pair x_i − x_j (turned a hair either way) with every threshold
    between two projections hold a best line.
    """
    y = Y.ravel() == 1
    m = X.shape[1]
    i, j = np.triu_indices(m, 1)
    d = X[:, j] - X[:, i]
    angles = np.arctan2(d[1], d[0]) + np.pi / 2
    angles = np.concatenate([angles - 1e-7, angles + 1e-7])
    u = np.stack([np.cos(angles), np.sin(angles)])  # (2, k)
    best = 0.0
    for part in np.array_split(np.arange(u.shape[1]), 20):
        s = u[:, part].T @ X  # (k, m)
        order = np.argsort(s, axis=1)
        ys = y[order]
        # a threshold after the first k examples: those below say 0, the others 1
        ones_above = ys.sum(axis=1, keepdims=True) - np.cumsum(ys, axis=1)
        zeros_below = np.cumsum(~ys, axis=1)
        right = np.concatenate([ys.sum(axis=1, keepdims=True), zeros_below + ones_above], axis=1)
        best = max(best, float(right.max()) / m, float((m - right).max()) / m)
    return best


def test_both_languages_state_the_same_numbers_in_every_scenario():
    en, zh = catalogue("en"), catalogue("zh")
    for p in PRESETS:
        for key in (p.title_key, p.watch_key):
            assert stated_numbers(en[key]) == stated_numbers(zh[key]), key


def test_unscaled_ranges_are_the_datas():
    """ "x2 stays within about ±2 while x1² reaches about 12.5": squared here from the raw x1."""
    r = run("unscaled")
    x1, x2 = r.prepared.train.X
    assert np.max(np.abs(x2)) < 2.0 and np.max(np.abs(x2)) > 1.5
    assert round(float(np.max(x1 * x1)), 1) == 12.5
    assert r.prepared.feature_names == ("x2", "x1²")
    for lang in LANGUAGES:
        text = catalogue(lang)["presets.unscaled.watch"]
        assert "12.5" in text and "±2" in text and "16" not in text, lang


def test_case_left_slows_down_near_a_minimum_that_b_moves():
    r = run("case_left")
    X, Y = r.prepared.X_train, r.prepared.train.Y
    w_star, _, _ = newton_optimum(X, Y)
    w = r.history.w[:, 0]
    steps = np.diff(w)
    assert np.all(steps[1:] < steps[:-1])  # big steps first, smaller near the minimum
    assert np.all(w <= w_star[0] + 1e-9)  # it slides down the left side and never past
    # with b held at 0 (lessons 4 and 5) the minimum of J(w) is elsewhere: a grid and Newton
    x, y = X[0], Y.ravel()
    grid = np.linspace(-5, 5, 20001)
    J = np.mean(np.logaddexp(0.0, np.outer(grid, x)) - np.outer(grid, x) * y, axis=1)
    w0 = grid[np.argmin(J)]
    for _ in range(20):
        a = 1 / (1 + np.exp(-w0 * x))
        w0 -= np.mean((a - y) * x) / np.mean(a * (1 - a) * x * x)
    assert abs(w0 - w_star[0]) > 0.05


def test_case_right_starts_on_the_gentle_side_with_small_steps():
    left, right = run("case_left"), run("case_right")
    X, Y = left.prepared.X_train, left.prepared.train.Y.ravel()

    def slope(w, h=1e-6):  # J(w, b = 0) by finite differences, not the engine's dw
        J = [np.mean(np.logaddexp(0.0, v * X[0]) - Y * v * X[0]) for v in (w - h, w + h)]
        return (J[1] - J[0]) / (2 * h)

    assert 0 < slope(6.0) < abs(slope(-4.0)) / 5 and slope(-4.0) < 0
    assert np.max(np.abs(np.diff(right.history.w[:, 0]))) < abs(np.diff(left.history.w[:2, 0]))[0]


def test_alpha_large_jumps_past_the_minimum_at_every_step_and_never_settles():
    r = run("alpha_large")
    X, Y = r.prepared.X_train, r.prepared.train.Y
    J, W, B = plain_descent(X, Y, 2.0, 3000)
    h = r.history
    assert np.allclose(J[: len(h.cost)], h.cost, rtol=1e-9)  # the run is plain descent
    # J jumps up and down, always above J₀, and after 3000 steps still swings by more than 0.5
    rises = np.diff(J) > 0
    assert np.all(J[1:] > J[0]) and np.all(rises[3:] != rises[2:-1])  # up, down from step 2 on
    assert np.ptp(J[-100:]) > 0.5 and J[-1000:].max() <= J[:100].max()  # bounces, not grows
    # the engine's stop after 50 steps in a row above J₀: the first step where that holds
    assert h.stop_reason == "diverged" and h.steps[-1] == 50
    # past the minimum at every step: along the bowl's steepest direction at the minimum
    w_star, b_star, _ = newton_optimum(X, Y)
    theta = np.column_stack([W, B]) - np.append(w_star, b_star)
    Xa = np.vstack([X, np.ones(X.shape[1])])
    a = 1 / (1 + np.exp(-(np.append(w_star, b_star) @ Xa)))
    curv, vecs = np.linalg.eigh((Xa * (a * (1 - a))) @ Xa.T / X.shape[1])
    side = np.sign(theta[1:] @ vecs[:, -1])
    assert np.all(side[1:] != side[:-1])
    assert 2.0 > 2 / curv[-1]  # α = 2 is past the limit 2/λ_max of the bowl at its minimum
    # the boundary flips: w turns by more than 90° at every step
    cos = (
        np.sum(W[1:-1] * W[2:], axis=1)
        / np.linalg.norm(W[1:-1], axis=1)
        / np.linalg.norm(W[2:], axis=1)
    )
    assert np.all(cos < 0)
    # steep because not standardized: the same data standardized has a flatter bowl
    std = prepare({**full("alpha_large"), "standardize": True})
    Xs = np.vstack([std.X_train, np.ones(X.shape[1])])
    assert np.linalg.eigvalsh(Xs @ Xs.T)[-1] < np.linalg.eigvalsh(Xa @ Xa.T)[-1]
    for lang in LANGUAGES:
        assert "50" in catalogue(lang)["presets.alpha_large.watch"], lang


def test_standardized_steps_point_at_the_minimum_and_reach_it_first():
    raw, std = run("unscaled"), run("standardized")
    X = std.prepared.X_train
    assert np.allclose(X.mean(axis=1), 0, atol=1e-12) and np.allclose(X.std(axis=1), 1)
    w_star, b_star, J_std = newton_optimum(X, std.prepared.train.Y)
    theta = np.column_stack([std.history.w, std.history.b])
    to_min = np.append(w_star, b_star) - theta[:-1]
    moves = np.diff(theta, axis=0)
    cos = (
        np.sum(moves * to_min, axis=1)
        / np.linalg.norm(moves, axis=1)
        / np.linalg.norm(to_min, axis=1)
    )
    assert np.all(cos > np.cos(np.radians(5)))  # almost straight at the minimum, every step
    assert len(std.history.cost) == len(raw.history.cost) == 201
    assert std.history.cost[-1] - J_std < 1e-5
    _, _, J_raw = newton_optimum(raw.prepared.X_train, raw.prepared.train.Y)
    assert raw.history.cost[-1] - J_raw > 0.05
    assert np.all(raw.history.cost[1:] > std.history.cost[1:])  # J falls more slowly, unscaled


def test_xor_line_no_line_separates_and_j_is_lowest_near_w_0():
    r = run("xor_line")
    X, Y = r.prepared.X_train, r.prepared.train.Y
    best = best_line_accuracy(X, Y)
    assert best < 1.0  # no line separates the classes …
    assert 0.2 <= 1 - best <= 0.3  # … and the best one gets about a quarter wrong
    w_star, b_star, J_star = newton_optimum(X, Y)
    a = 1 / (1 + np.exp(-(w_star @ X + b_star)))
    assert np.linalg.norm(w_star) < 0.2 and np.max(np.abs(a - 0.5)) < 0.1
    assert abs(J_star - np.log(2)) < 0.005 and abs(r.history.cost[-1] - np.log(2)) < 0.005
    assert np.all(np.abs(r.history.accuracy[1:] - 0.5) <= 0.05)  # near 50 %, and below best
    # the data are symmetric: class 1 in quadrants I and III, class 0 in II and IV
    raw = r.prepared.train.X
    y = Y.ravel() == 1
    assert np.mean((raw[0] * raw[1] > 0) == y) > 0.95


def test_xor_product_is_positive_in_the_corners_of_class_1():
    r = run("xor_product")
    raw, y = r.prepared.train.X, r.prepared.train.Y.ravel() == 1
    for cls in (True, False):
        corners = raw[:, y == cls]
        quadrant = np.sign(corners[0]) * np.sign(corners[1])
        assert np.mean(quadrant == (1 if cls else -1)) > 0.95, cls


def test_imbalanced_model_finds_very_few_of_class_1():
    r = run("imbalanced")
    for X, data in ((r.prepared.X_train, r.prepared.train), (r.prepared.X_test, r.prepared.test)):
        y = data.Y.ravel()
        assert np.mean(y) == pytest.approx(0.1)
        z = r.history.final_w.ravel() @ X + r.history.final_b
        assert np.mean(z[y == 1] >= 0) <= 0.2  # very few of class 1 …
        assert abs(np.mean((z >= 0) == (y == 1)) - 0.9) < 0.02  # … at about 90 %


def test_alpha_small_points_the_right_way_with_every_a_near_one_half():
    r = run("alpha_small")
    X, Y = r.prepared.X_train, r.prepared.train.Y.ravel()
    z = r.history.final_w.ravel() @ X + r.history.final_b
    assert np.all((z >= 0) == (Y == 1))
    assert np.max(np.abs(1 / (1 + np.exp(-z)) - 0.5)) < 0.01
    assert r.history.cost[0] == pytest.approx(np.log(2)) and r.history.cost[-1] > 0.99 * np.log(2)


def test_separable_boundary_stays_put_and_any_l2_bounds_w():
    r = run("separable")
    X, Y = r.prepared.X_train, r.prepared.train.Y
    assert best_line_accuracy(X, Y) == 1.0  # a line separates them
    h = r.history
    later = h.steps >= 10
    angle = np.degrees(np.arctan2(h.w[later, 1], h.w[later, 0]))
    offset = -h.b[later] / np.linalg.norm(h.w[later], axis=1)
    assert np.ptp(angle) < 1 and np.ptp(offset) < 0.05
    assert np.linalg.norm(h.w[-1]) > 3 * np.linalg.norm(h.w[later][0])
    # every a closer to 0 or 1: |z| grew for every training example
    first = np.argmax(later)
    z_then, z_now = (h.w[i] @ X + h.b[i] for i in (first, -1))
    assert np.all(np.abs(z_now) > np.abs(z_then)) and np.all((z_now > 0) == (Y.ravel() == 1))
    # any λ > 0: the penalised J falls at every step, so (λ/2m)‖w‖² ≤ J₀ = ln 2 for ever
    m = X.shape[1]
    for l2 in (0.01, 0.1, 1.0, 10.0):
        J, W, _ = plain_descent(X, Y, 1.0, 2000, l2=l2)
        assert np.all(np.diff(J) <= 1e-12), l2
        assert np.all(np.linalg.norm(W, axis=1) <= np.sqrt(2 * m * np.log(2) / l2)), l2
