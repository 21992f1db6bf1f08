"""Every sentence with a number or a verdict on lessons 1–4, 6 and 7, checked by a second route.

Each test reads what a page says (AppTest, in both languages where the words
differ) and recomputes it without the function that produced it: a plain loop
over the examples with ``math.exp``, a closed form, a bisection, Newton's
method written here, scipy's linear programming.  A claim that depends on a
widget is checked over every setting the widget offers that affects it (the
extremes of lesson 1's sliders, every b of lesson 4, every α of lesson 6, every
m of lesson 7); a sentence worded to hold for every setting is checked as the
property it states.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import linprog
from streamlit.testing.v1 import AppTest

from logreg_core.formatting import fmt
from logreg_core.lessons.shared import ONE_FEATURE, TWO_FEATURES
from logreg_core.pipeline import prepare
from logreg_core.presets import preset
from ui.i18n import catalogue
from ui.state import DEFAULTS

VIEWS = Path(__file__).resolve().parents[2] / "views"
TEXTS = {"en": catalogue("en"), "zh": catalogue("zh")}


def run(name: str, lang: str = "en", **widgets) -> AppTest:
    """Lesson page ``name`` in ``lang``, with sliders/inputs set to ``widgets`` (key: value)."""
    at = AppTest.from_file(str(VIEWS / f"{name}.py"), default_timeout=60)
    at.session_state["lang"] = lang
    for key, value in widgets.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    """Every markdown and caption of the page."""
    return [e.value for kind in ("markdown", "caption") for e in at.get(kind)]


def say(lang: str, key: str, **fields) -> str:
    return TEXTS[lang][key].format(**fields)


def data(setup):
    p = prepare(setup)
    return p.X_train, p.train.Y


def sig(z: float) -> float:
    """σ(z) written out, without overflow."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def loss(z: float, y: int) -> float:
    """L(σ(z), y) written out: log(1 + e^(−z)) for y = 1, log(1 + e^z) for y = 0."""
    s = z if y == 0 else -z
    return max(s, 0.0) + math.log1p(math.exp(-abs(s)))


def examples(X, Y):
    """(x as a tuple, y) for each example: the loops below walk over these."""
    return [(tuple(float(v) for v in X[:, i]), int(Y[0, i])) for i in range(X.shape[1])]


def figure(at: AppTest, index: int) -> dict:
    return json.loads(at.get("plotly_chart")[index].proto.spec)


def trace_text(spec: dict) -> list[str]:
    return [s for tr in spec["data"] for s in (tr.get("text") or []) if isinstance(s, str)]


# ----------------------------------------------------------------------------
# 1 · the model and the neuron
# ----------------------------------------------------------------------------

ONE = examples(*data(ONE_FEATURE))


#: Corners of the three sliders ("min"/"max": the x slider's ends), w = 0, and two inside points.
SETTINGS_1 = [
    *[(w, b, x) for w in (-5.0, 5.0) for b in (-5.0, 5.0) for x in ("min", "max")],
    (0.0, 5.0, "min"),
    (0.0, -5.0, "max"),
    (1.0, 0.0, 1.5),
    (2.5, -1.0, 0.8),
]


@pytest.mark.parametrize("w,b,x", SETTINGS_1)
def test_lesson_1_reading_neuron_and_boundary_at_the_sliders_extremes(w, b, x):
    """lesson1.reading, the neuron's numbers and the boundary mark, from a plain loop."""
    sliders = run("lesson_1_model").slider
    assert (sliders(key="l1_w").min, sliders(key="l1_w").max) == (-5.0, 5.0)
    assert (sliders(key="l1_b").min, sliders(key="l1_b").max) == (-5.0, 5.0)
    lo, hi = sliders(key="l1_x").min, sliders(key="l1_x").max
    x = {"min": lo, "max": hi}.get(x, x)
    z = w * x + b
    a = sig(z)
    right = sum((sig(w * xi[0] + b) >= 0.5) == (yi == 1) for xi, yi in ONE)
    J = sum(loss(w * xi[0] + b, yi) for xi, yi in ONE) / len(ONE)
    for lang in ("en", "zh") if (w, b) in ((-5.0, -5.0), (0.0, 5.0)) else ("en",):
        at = run("lesson_1_model", lang, l1_w=w, l1_b=b, l1_x=x)
        values = {"x": x, "w": w, "b": b, "z": z, "a": a, "acc": 100 * right / len(ONE)}
        reading = say(lang, "lesson1.reading", m=len(ONE), **{k: fmt(v) for k, v in values.items()})
        assert reading in shown(at)
        metric = {m.label: m.value for m in at.metric}
        assert metric[TEXTS[lang]["lesson1.prediction"]] == str(int(a >= 0.5))
        assert metric[TEXTS[lang]["lesson1.cost"]] == fmt(J)
        curve, neuron = figure(at, 0), figure(at, 1)
        labels = trace_text(neuron)
        for label in (f"x1 = {fmt(x)}", f"w1 = {fmt(w)}", f"b = {fmt(b)}"):
            assert label in labels
        assert f"z = {fmt(z)}" in labels and f"a = {fmt(a)}" in labels
        marks = [ann["text"] for ann in curve["layout"].get("annotations", [])]
        crossing = None if w == 0 else -b / w  # where z = 0
        if crossing is not None and lo <= crossing <= hi:
            assert say(lang, "figures_lessons.model_boundary", x=fmt(crossing)) in marks
        else:
            assert not marks


def test_lesson_1_try_holds_for_every_w_and_b():
    """lesson1.try: steeper with larger w, reversed for w < 0, a = 0.5 at x = −b/w."""
    xs = np.linspace(-6, 5, 221)
    for b in np.linspace(-5, 5, 11):
        steepest = [max(sig(w * v + b) * (1 - sig(w * v + b)) * w for v in xs) for w in (1, 2, 4)]
        assert steepest == sorted(steepest)
        for w in (-5.0, -0.5, 0.5, 5.0):
            a = [sig(w * v + b) for v in xs]
            assert (np.diff(a) <= 0).all() if w < 0 else (np.diff(a) >= 0).all()
            assert sig(w * (-b / w) + b) == pytest.approx(0.5)


def separable_by_a_line(X, Y) -> bool:
    """Is there (w, b) with y'(wᵀx + b) ≥ 1 for every example (y' = ±1)? Linear programming."""
    n, m = X.shape
    sign = 2.0 * Y[0] - 1.0
    rows = -(sign[:, None] * np.vstack([X, np.ones((1, m))]).T)
    found = linprog(np.zeros(n + 1), A_ub=rows, b_ub=-np.ones(m), bounds=[(None, None)] * (n + 1))
    assert found.status in (0, 2), found.message  # solved, or proved infeasible
    return found.status == 0


def test_lesson_1_one_neuron_draws_a_straight_boundary_and_cannot_split_xor():
    """lesson1.activation: a ≥ 0.5 exactly where z ≥ 0; the XOR scenario has no separating line."""
    rng = np.random.default_rng(7)
    for _ in range(200):
        w, b, x = rng.normal(size=2) * 3, rng.normal() * 3, rng.normal(size=2) * 3
        z = float(w @ x + b)
        assert (sig(z) >= 0.5) == (z >= 0)
    xor = preset("xor_line").full_setup(DEFAULTS)
    assert tuple(xor["features"]) == ("x1", "x2")
    assert not separable_by_a_line(*data(xor))
    # the remedy the text names: the feature x1·x2 lets a flat boundary separate the same data
    assert separable_by_a_line(*data(preset("xor_product").full_setup(DEFAULTS)))
    for lang in ("en", "zh"):
        title = TEXTS[lang]["presets.xor_line.title"]
        assert say(lang, "lesson1.activation", scenario=title) in shown(run("lesson_1_model", lang))


# ----------------------------------------------------------------------------
# 2 · the sigmoid
# ----------------------------------------------------------------------------


def bisect(f, lo: float, hi: float) -> float:
    """The root of f between lo and hi (f changes sign there), to 1e-13."""
    f_lo = f(lo)
    while hi - lo > 1e-13:
        mid = (lo + hi) / 2
        if (f(mid) > 0) == (f_lo > 0):
            lo, f_lo = mid, f(mid)
        else:
            hi = mid
    return (lo + hi) / 2


def slope(z: float) -> float:
    return sig(z) * (1 - sig(z))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_2_saturation_and_the_links_saturated_examples(lang):
    """lesson2.saturation (the bound) and lesson2.link_note (how many examples at w = 4)."""
    bound = bisect(lambda z: slope(z) - 0.01, 0.0, 20.0)
    at = run("lesson_2_sigmoid", lang)
    assert say(lang, "lesson2.saturation", bound=fmt(bound)) in shown(at)
    count = sum(slope(4.0 * x[0]) < 0.01 for x, _ in ONE)
    assert count > len(ONE) / 2  # "many" of them
    assert say(lang, "lesson2.link_note", count=count, m=len(ONE), bound=fmt(bound)) in shown(at)


def test_lesson_2_general_sentences_hold_over_the_sliders_range():
    """lesson2.why, lesson2.slope_matters and lesson2.try, as properties of σ."""
    zs = np.linspace(-10, 10, 2001)  # the slider's range
    slopes = [slope(z) for z in zs]
    assert max(slopes) == 0.25 and zs[int(np.argmax(slopes))] == 0.0
    for z in zs:
        assert 0 < sig(z) < 1 and sig(-z) == pytest.approx(1 - sig(z), abs=1e-15)
    for z in (-3.0, 0.0, 2.5):  # one more unit of score multiplies the odds by e
        assert (sig(z + 1) / sig(-z - 1)) / (sig(z) / sig(-z)) == pytest.approx(math.e)
    assert sig(2.0) + sig(-2.0) == pytest.approx(1.0) and sig(0.0) == 0.5
    assert slope(8.0) < 0.01 and 8.0 <= run("lesson_2_sigmoid").slider(key="l2_z").max


# ----------------------------------------------------------------------------
# 3 · the loss
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_3_numbers_of_the_tip_and_of_the_link(lang):
    """lesson3.try at the slider's lowest a, and lesson3.link_note's count of wrong predictions."""
    at = run("lesson_3_loss", lang)
    a = at.slider(key="l3_a").min
    numbers = {
        "a": a,
        "L": -math.log(a),
        "se": (a - 1) ** 2,
        "push_ce": a - 1,
        "push_se": 2 * (a - 1) * a * (1 - a),
    }
    tip = say(lang, "lesson3.try", **{k: fmt(v) for k, v in numbers.items()})
    assert say(lang, "lessons.what_to_try", text=tip) in shown(at)
    wrong = sum((sig(-2.0 * x[0]) >= 0.5) != (y == 1) for x, y in ONE)
    assert say(lang, "lesson3.link_note", wrong=wrong, m=len(ONE)) in shown(at)


def test_lesson_3_pushes_and_the_update_they_drive():
    """lesson3.why_not_text and consequence: z moves by −α(‖x‖² + 1)·dL/dz; the squared error's
    push is the cross-entropy's times 2a(1 − a), never above 1 as a loss."""
    rng = np.random.default_rng(3)
    h = 1e-6
    for _ in range(50):
        x, w, b = rng.normal(size=2), rng.normal(size=2), rng.normal()
        y, alpha = int(rng.integers(2)), float(rng.choice([0.01, 0.5, 2.0]))
        z = float(w @ x + b)
        for L in (lambda z, y=y: loss(z, y), lambda z, y=y: (sig(z) - y) ** 2):
            push = (L(z + h) - L(z - h)) / (2 * h)  # dL/dz by finite differences
            # one update on this example: dw = x·dL/dz, db = dL/dz (finite differences again)
            Lw = [(L(z + h * xj) - L(z - h * xj)) / (2 * h) for xj in x]
            w_new, b_new = w - alpha * np.array(Lw), b - alpha * push
            dz = float(w_new @ x + b_new) - z
            assert dz == pytest.approx(-alpha * (x @ x + 1) * push, rel=1e-5, abs=1e-9)
            assert np.sign(dz) == -np.sign(push) or abs(push) < 1e-12
            assert (push < 0) == (sig(z) < y) or abs(push) < 1e-12
        ce, se = sig(z) - y, 2 * (sig(z) - y) * slope(z)
        assert se == pytest.approx(ce * 2 * sig(z) * (1 - sig(z)))
    a = np.linspace(1e-6, 1 - 1e-6, 1001)
    assert np.all((a - 1) ** 2 <= 1) and np.all(a**2 <= 1)


def test_lessons_3_and_4_the_square_of_z_is_convex_the_square_of_sigma_is_not():
    """lesson3.consequence, lesson4.shape: (z − y)² gives a convex cost, (σ(z) − y)² does not."""
    for setup in (ONE_FEATURE, TWO_FEATURES):
        X, _ = data(setup)
        Xa = np.vstack([X, np.ones((1, X.shape[1]))])
        hessian = 2 * Xa @ Xa.T / X.shape[1]  # of the mean of (wᵀx + b − y)², everywhere
        assert np.linalg.eigvalsh(hessian).min() > 0
    ws = np.linspace(-6, 6, 241)
    J_se = [sum((sig(w * x[0]) - y) ** 2 for x, y in ONE) / len(ONE) for w in ws]
    J_lin = [sum((w * x[0] - y) ** 2 for x, y in ONE) / len(ONE) for w in ws]
    assert np.diff(J_se, 2).min() < 0 and np.diff(J_lin, 2).min() > 0


# ----------------------------------------------------------------------------
# 4 · cost and convexity
# ----------------------------------------------------------------------------

#: Every b the slider of lesson 4 offers.
B_VALUES = [float(v) for v in np.arange(-3.0, 3.01, 0.5)]
W_GRID = np.linspace(-6, 6, 321)  # the page's w grid


def slopes_1d(w: float, b: float, xy=ONE) -> tuple[float, float, float, float]:
    """dJ/dw and d²J/dw² of cross-entropy, and of the squared error of σ, by closed forms."""
    m = len(xy)
    d_ce = d2_ce = d_se = d2_se = 0.0
    for (x,), y in xy:
        a = sig(w * x + b)
        s = a * (1 - a)
        d_ce += (a - y) * x
        d2_ce += s * x * x
        d_se += 2 * (a - y) * s * x
        d2_se += 2 * s * x * x * (s + (a - y) * (1 - 2 * a))
    return d_ce / m, d2_ce / m, d_se / m, d2_se / m


def runs(mask: np.ndarray, grid: np.ndarray, min_width: float) -> list[tuple[float, float]]:
    out, start = [], None
    for i, inside in enumerate([*mask, False]):
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            if grid[i - 1] - grid[start] >= min_width:
                out.append((grid[start], grid[i - 1]))
            start = None
    return out


#: Where a sentence of lesson 4 lists the intervals of w: (after, before) in each language.
CONCAVE = {"en": ("(not convex) for w from ", ", and "), "zh": ("代价在 w 取 ", " 时向下弯")}
FLAT = {"en": ("nearly flat for w from ", ". "), "zh": ("，在 w 取 ", " 时几乎是平的")}


def spans(text: str, lang: str, where) -> list[tuple[float, float]]:
    """The intervals "lo to hi" a sentence lists between the two marks ``where[lang]``."""
    after, before = where[lang]
    part = text.split(after, 1)[1].split(before, 1)[0]
    join = {"en": r"(-?[\d.]+) to (-?[\d.]+)", "zh": r"(-?[\d.]+) 到 (-?[\d.]+)"}[lang]
    return [(float(lo), float(hi)) for lo, hi in re.findall(join, part)]


def close_spans(stated, true, tol=0.1) -> bool:
    return len(stated) == len(true) and all(
        abs(s0 - t0) <= tol and abs(s1 - t1) <= tol
        for (s0, s1), (t0, t1) in zip(stated, true, strict=True)
    )


def newton(X, Y, *, l2: float = 0.0, start=None, iterations: int = 100):
    """The minimiser (w, b) of J (plus (λ/2m)‖w‖²), by Newton steps written here, each step
    halved until J falls (so it converges from any start)."""
    n, m = X.shape
    Xa = np.vstack([X, np.ones((1, m))])
    ridge = np.diag([l2 / m] * n + [0.0])

    def J(theta):
        z = theta @ Xa
        return np.mean(np.logaddexp(0, -z) * Y[0] + np.logaddexp(0, z) * (1 - Y[0])) + (
            theta @ ridge @ theta / 2
        )

    theta = np.zeros(n + 1) if start is None else np.array(start, dtype=float)
    for _ in range(iterations):
        a = 1.0 / (1.0 + np.exp(-(theta @ Xa)))
        grad = Xa @ (a - Y[0]) / m + ridge @ theta
        step = np.linalg.solve(
            (Xa * (a * (1 - a))) @ Xa.T / m + ridge + 1e-12 * np.eye(n + 1), grad
        )
        t = 1.0
        while J(theta - t * step) > J(theta) and t > 1e-10:
            t /= 2
        theta = theta - t * step
    return theta


@pytest.mark.parametrize("b", B_VALUES)
def test_lesson_4_shapes_and_minima_for_every_b_the_slider_offers(b):
    """ce_convex, ce_one_minimum (its b, and the minimum with b learned), se_shape, se_flat."""
    X, Y = data(ONE_FEATURE)
    d = [slopes_1d(float(w), b) for w in W_GRID]
    _, d2_ce, d_se, d2_se = (np.array(c) for c in zip(*d, strict=True))
    assert d2_ce.min() > 0  # convex: it never bends down
    true_w = bisect(lambda w: slopes_1d(w, b)[0], -6.0, 6.0)  # where dJ/dw = 0
    w_free, b_free = newton(X, Y)
    concave = runs(d2_se < 0, W_GRID, 0.6)
    flat = runs((d2_se < 0) & (np.abs(d_se) <= 0.05 * np.abs(d_se).max()), W_GRID, 0.6)
    for lang in ("en", "zh") if b in (-3.0, 0.0) else ("en",):
        at = run("lesson_4_cost", lang, l4_b=b)
        (text,) = [s for s in shown(at) if s.startswith("- **")][:1]
        ce_line, se_line = text.split("\n")
        assert TEXTS[lang]["lesson4.ce_convex"] in ce_line
        assert f"w ≈ {fmt(true_w, 3)}" in ce_line  # w* itself, as lesson 5 writes it
        assert f"b = {fmt(b)}" in ce_line
        assert f"w ≈ {fmt(w_free, 3)}" in ce_line and f"b ≈ {fmt(b_free, 3)}" in ce_line
        assert close_spans(spans(se_line, lang, CONCAVE), concave)
        if flat:
            assert close_spans(spans(se_line, lang, FLAT), flat)
        else:
            assert TEXTS[lang]["lesson4.se_no_flat"] in se_line


def test_lesson_4_try_the_slopes_ratio_and_one_minimum_for_every_b():
    """lesson4.try: the ratio at w = −4, b = 0; convex with one minimum, which moves with b."""
    d_ce, _, d_se, _ = slopes_1d(-4.0, 0.0)
    minima = []
    for b in B_VALUES:
        assert min(slopes_1d(float(w), b)[1] for w in W_GRID[::8]) > 0
        assert slopes_1d(-6.0, b)[0] < 0 < slopes_1d(6.0, b)[0]  # one minimum inside the range
        minima.append(bisect(lambda w, b=b: slopes_1d(w, b)[0], -6.0, 6.0))
    assert len({round(v, 3) for v in minima}) == len(B_VALUES)
    for lang in ("en", "zh"):
        tip = say(lang, "lesson4.try", w=fmt(-4.0), ratio=fmt(d_ce / d_se, 2))
        assert say(lang, "lessons.what_to_try", text=tip) in shown(run("lesson_4_cost", lang))


def test_lesson_4_the_case_scenarios_learn_b_and_descend_to_the_minimum_of_j_w_b():
    """ce_one_minimum's last sentence: same data as the lesson, b learned, the minimum reached."""
    X, Y = data(ONE_FEATURE)
    theta = newton(X, Y)
    for key in ("case_left", "case_right"):
        setup = preset(key).full_setup(DEFAULTS)
        Xs, Ys = data(setup)
        np.testing.assert_array_equal(Xs, X)
        np.testing.assert_array_equal(Ys, Y)
        w, b, alpha = setup["w1"], setup["b0"], setup["learning_rate"]
        for _ in range(20_000):  # plain gradient descent on w and b together
            dz = 1.0 / (1.0 + np.exp(-(w * X[0] + b))) - Y[0]
            w, b = w - alpha * np.mean(dz * X[0]), b - alpha * np.mean(dz)
        np.testing.assert_allclose([w, b], theta, atol=1e-6)


def own_surface(X, Y, grid, squared: bool) -> np.ndarray:
    """J(w1, w2), b = 0, with a sigmoid and a loss written here (rows follow w2)."""
    out = np.empty((grid.size, grid.size))
    for j, w2 in enumerate(grid):
        for i, w1 in enumerate(grid):
            z = w1 * X[0] + w2 * X[1]
            a = 1.0 / (1.0 + np.exp(-z))
            if squared:
                out[j, i] = np.mean((a - Y[0]) ** 2)
            else:
                out[j, i] = np.mean(np.logaddexp(0, -z) * Y[0] + np.logaddexp(0, z) * (1 - Y[0]))
    return out


@pytest.mark.parametrize("surface", ["ce", "se"])
def test_lesson_4_bowl_try_describes_the_squared_error_surface(surface):
    """lesson4.bowl_try's numbers and words (shallow, tilted, a wide trough, level far out)."""
    X, Y = data(TWO_FEATURES)
    grid = np.linspace(-6, 6, 41)
    se, ce = own_surface(X, Y, grid, True), own_surface(X, Y, grid, False)
    jl, il = np.unravel_index(np.argmin(se), se.shape)
    jh, ih = np.unravel_index(np.argmax(se), se.shape)
    lo, hi = se.min(), se.max()
    assert hi - lo < 0.1 * (ce.max() - ce.min())  # shallow, beside the cross-entropy bowl
    assert {jh, ih} & {0, grid.size - 1}  # highest on the rim: a tilted sheet
    assert 0 < jl < grid.size - 1 and 0 < il < grid.size - 1  # the trough is inside
    assert np.mean(se < lo + 0.1 * (hi - lo)) > 0.1  # wide: no narrow dip
    g2, g1 = np.gradient(se, grid, grid)
    steep = np.hypot(g1, g2)
    rim = np.ones_like(se, dtype=bool)
    rim[5:-5, 5:-5] = False
    assert np.median(steep[rim]) < 0.25 * steep.max()  # it levels off far out
    numbers = {"lo": lo, "hi": hi, "ce_lo": ce.min(), "ce_hi": ce.max()}
    numbers |= {"hw1": grid[ih], "hw2": grid[jh], "lw1": grid[il], "lw2": grid[jl]}
    for lang in ("en", "zh"):
        tip = say(lang, "lesson4.bowl_try", **{k: fmt(v, 3) for k, v in numbers.items()})
        at = run("lesson_4_cost", lang, l4_surface=surface)
        assert say(lang, "lessons.what_to_try", text=tip) in shown(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_4_the_minimum_or_none_and_the_correction_of_the_article(lang):
    """has_minimum, no_minimum, lowest_rule and lesson4.article, by LP and Newton written here."""
    at = run("lesson_4_cost", lang)
    text = "\n".join(shown(at))
    X2, Y2 = data(TWO_FEATURES)
    Xd, Yd = data(DEFAULTS)
    assert not separable_by_a_line(X2, Y2) and separable_by_a_line(Xd, Yd)
    theta = newton(X2, Y2)
    J = sum(loss(float(theta[:2] @ x + theta[2]), y) for x, y in examples(X2, Y2)) / X2.shape[1]
    point = say(
        lang, "lesson4.point", w=", ".join(fmt(v, 3) for v in theta[:2]), b=fmt(theta[2], 3)
    )
    assert say(lang, "lesson4.has_minimum", m=X2.shape[1], point=point, J=fmt(J)) in text
    # from other starts Newton ends at the same minimum; with λ > 0 the separable data has one too
    for start in ([3.0, -2.0, 1.0], [-1.0, 4.0, -2.0]):
        np.testing.assert_allclose(newton(X2, Y2, start=start), theta, atol=1e-8)
    ridge = newton(Xd, Yd, l2=1.0)
    np.testing.assert_allclose(newton(Xd, Yd, l2=1.0, start=ridge + 1.0), ridge, atol=1e-8)
    # along the separating line's direction J keeps falling towards 0: the numbers shown
    fields = re.search(
        r"(?P<J1>[\d.]+) at ‖\(w, b\)‖ = (?P<t1>[\d.]+) and (?P<J2>[\d.e-]+) at (?P<t2>[\d.]+)"
        if lang == "en"
        else r"= (?P<t1>[\d.]+) 时是 (?P<J1>[\d.]+)，(?P<t2>[\d.]+) 时是 (?P<J2>[\d.e-]+)",
        text,
    )
    assert fields
    sep = re.search(
        r"line of w = \((-?[\d.]+), (-?[\d.]+)\), b = (-?[\d.e-]+)"
        if lang == "en"
        else r"可分的类别\*\*（[^）]*）：w = \((-?[\d.]+), (-?[\d.]+)\)，b = (-?[\d.e-]+)",
        text,
    )
    d = np.array([float(v) for v in sep.groups()])
    sign = 2 * Yd[0] - 1
    assert np.all(sign * (d[:2] @ Xd + d[2]) > 0)  # the stated line separates every example
    d /= np.linalg.norm(d)
    ends = [float(fields[k]) for k in ("t1", "t2")]
    along = [sum(loss(t * float(d[:2] @ x + d[2]), y) for x, y in examples(Xd, Yd)) for t in ends]
    along = [v / Xd.shape[1] for v in along]
    # the line is shown to 3 digits: the J along it agree to 2 significant digits
    assert float(fields["J1"]) == pytest.approx(along[0], rel=0.02)
    assert float(fields["J2"]) == pytest.approx(along[1], rel=0.05)
    assert along[1] < along[0]
    assert TEXTS[lang]["lesson4.lowest_rule"] in text
    assert TEXTS[lang]["lesson4.article"] in text  # shown because the default data is separable


def descend(w: float, xy, *, squared: bool, steps: int = 1000, alpha: float = 1.0) -> float:
    """Plain gradient descent on one weight, b = 0, with the slopes of :func:`slopes_1d`."""
    for _ in range(steps):
        d_ce, _, d_se, _ = slopes_1d(w, 0.0, xy)
        w -= alpha * (d_se if squared else d_ce)
    return w


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_4_trap_by_a_plain_descent(lang):
    """trap_se and trap_ce: where each descent ends, how many local minima, which is not lowest."""
    from logreg_core.lessons.cost import TRAP_X, TRAP_Y

    xy = examples(TRAP_X, TRAP_Y)

    def J(w, squared):
        return sum((sig(w * x[0]) - y) ** 2 if squared else loss(w * x[0], y) for x, y in xy) / len(
            xy
        )

    fine = np.linspace(-6, 6, 1201)
    counts = {}
    for squared in (True, False):
        d = np.array([slopes_1d(float(w), 0.0, xy)[2 if squared else 0] for w in fine])
        counts[squared] = int(np.sum((d[:-1] < 0) & (d[1:] >= 0)))
    ends_se = [descend(w0, xy, squared=True) for w0 in (-2.5, 2.0)]
    ends_ce = [descend(w0, xy, squared=False) for w0 in (-2.5, 2.0)]
    high, low = sorted(ends_se, key=lambda w: -J(w, True))
    assert J(high, True) > J(low, True)
    _, _, d_se, d2_se = slopes_1d(high, 0.0, xy)
    assert abs(d_se) < 1e-6 and d2_se > 0  # a local minimum, yet not the lowest
    text = "\n".join(shown(run("lesson_4_cost", lang)))
    se_text = say(
        lang,
        "lesson4.trap_se",
        count=counts[True],
        end1=fmt(ends_se[0], 3),
        J1=fmt(J(ends_se[0], True)),
        end2=fmt(ends_se[1], 3),
        J2=fmt(J(ends_se[1], True)),
    )
    ce_text = say(
        lang,
        "lesson4.trap_ce",
        count=counts[False],
        end1=fmt(ends_ce[0], 3),
        end2=fmt(ends_ce[1], 3),
    )
    assert counts[True] == 2 and counts[False] == 1
    assert se_text in text and ce_text in text


# ----------------------------------------------------------------------------
# 6 · the computational graph
# ----------------------------------------------------------------------------


def test_lesson_6_one_step_never_raises_the_loss_for_every_alpha_offered():
    """lesson6.try and lesson6.agree over the page's α options and its inputs' extremes."""
    at = run("lesson_6_graph")
    alphas = [float(v) for v in at.select_slider(key="l6_alpha").options]
    limit = at.number_input(key="l6_x1").max
    assert alphas and limit == 10.0
    rng = np.random.default_rng(6)
    corners = [np.full(5, s * limit) for s in (-1, 1)]
    corners += [rng.uniform(-limit, limit, 5) for _ in range(40)]
    for x1, x2, w1, w2, b in corners:
        x, w = np.array([x1, x2]), np.array([w1, w2])
        z = float(w @ x + b)
        for y in (0, 1):
            a = sig(z)
            dz = a - y
            assert abs(dz) <= 1
            # dw1 = x1·dz: a change h in w1 moves z by x1·h, and L by x1·dz·h
            h = 1e-6
            dL = (loss(z + x1 * h, y) - loss(z - x1 * h, y)) / (2 * h)
            assert dL == pytest.approx(x1 * dz, rel=1e-5, abs=1e-8)
            for alpha in alphas:
                w_new, b_new = w - alpha * x * dz, b - alpha * dz
                assert loss(float(w_new @ x + b_new), y) <= loss(z, y)
        if 0 < sig(z) < 1:  # da and dz change sign with y
            da = {y: -y / sig(z) + (1 - y) / (1 - sig(z)) for y in (0, 1)}
            assert da[0] > 0 > da[1] and sig(z) - 0 > 0 > sig(z) - 1


# ----------------------------------------------------------------------------
# 7 · m examples
# ----------------------------------------------------------------------------


def plain_pass(w, b, xy):
    """J, dw and db by a loop over the examples, with math.exp: the course's loop, written here."""
    J, dw, db = 0.0, [0.0] * len(w), 0.0
    for x, y in xy:
        z = sum(wj * xj for wj, xj in zip(w, x, strict=True)) + b
        J += loss(z, y)
        dz = sig(z) - y
        dw = [d + xj * dz for d, xj in zip(dw, x, strict=True)]
        db += dz
    m = len(xy)
    return J / m, [d / m for d in dw], db / m


@pytest.mark.parametrize("m", [100, 1_000, 10_000, 100_000])
def test_lesson_7_same_numbers_for_every_m(m):
    """lesson7.same: the loop and the vectorized pass agree with a plain loop; the shown
    difference is rounding."""
    at = run("lesson_7_vectorize", l7_m=m)
    J, dw, db = plain_pass((0.5, -0.3), 0.1, examples(*data({**TWO_FEATURES, "n_samples": m})))
    frame = at.dataframe[0].value
    for column in ("loop", "vectorized"):
        np.testing.assert_allclose(
            [float(v) for v in frame[column]], [J, *dw, db], rtol=1e-12, atol=1e-14
        )
    (same,) = [s for s in shown(at) if s.startswith("Same data")]
    diff = float(re.search(r"largest difference, ([^,]+),", same).group(1))
    assert diff <= 1e-12


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_7_the_article_corrected_one_step_raises_some_losses(lang):
    """lesson7.article: J falls, some examples' losses rise, by a plain loop."""
    at = run("lesson_7_vectorize", lang)
    xy = examples(*data({**TWO_FEATURES, "n_samples": 10}))
    w, b, alpha = (0.5, -0.3), 0.1, 1.0
    J0, dw, db = plain_pass(w, b, xy)
    w1 = [wj - alpha * d for wj, d in zip(w, dw, strict=True)]
    b1 = b - alpha * db
    J1 = plain_pass(w1, b1, xy)[0]
    up = sum(
        loss(sum(p * q for p, q in zip(w1, x, strict=True)) + b1, y)
        > loss(sum(p * q for p, q in zip(w, x, strict=True)) + b, y)
        for x, y in xy
    )
    assert J1 < J0 and up > 0
    text = say(lang, "lesson7.article", m=10, alpha=alpha, J0=fmt(J0), J1=fmt(J1), up=up)
    assert text in shown(at)
