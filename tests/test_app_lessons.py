"""Lesson pages in AppTest: each runs, its widget moves the figure, its numbers are the engine's."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from logreg_core import lessons
from logreg_core.formatting import fmt
from logreg_core.lessons.shared import ONE_FEATURE, TWO_FEATURES
from logreg_core.model import cost, propagate, propagate_loop, sigmoid
from logreg_core.pipeline import prepare
from logreg_core.surface import cost_surface
from logreg_core.train import train
from ui.i18n import catalogue
from ui.state import DEFAULTS

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "views"
#: Each lesson page, and a few of the playground's values its closing link sets.
LINKS = [
    ("lesson_1_model", {"kind": "one_feature", "init": "explicit", "w1": 1.0, "b0": 0.0}),
    ("lesson_2_sigmoid", {"kind": "one_feature", "w1": 4.0}),
    ("lesson_3_loss", {"kind": "one_feature", "w1": -2.0}),
    ("lesson_4_cost", {"kind": "gauss", "w1": -4.0, "w2": -4.0}),
    ("lesson_5_descent", {"kind": "one_feature", "learning_rate": 1.0, "w1": -1.5}),
    ("lesson_6_graph", {"kind": "gauss", "w1": 0.5, "w2": -0.3, "b0": 0.1}),
    ("lesson_7_vectorize", {"kind": "gauss", "n_samples": 1000}),
    ("lesson_8_summary", {"kind": "gauss", "num_iterations": 1000, "tol": None}),
]
LESSONS = [name for name, _ in LINKS]


def run_page(name: str) -> AppTest:
    at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    return at


def specs(at: AppTest) -> list[str]:
    return [c.proto.spec for c in at.get("plotly_chart")]


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def data(setup):
    p = prepare(setup)
    return p.X_train, p.train.Y


def all_finite(at: AppTest) -> None:
    """No NaN or inf anywhere on the page: figures, metrics, text."""
    for s in specs(at):
        assert "NaN" not in s and "Infinity" not in s
    for value in metrics(at).values():
        assert value not in ("—", "nan", "inf", "-inf")
    for md in at.markdown:
        assert "nan" not in md.value.split() and "inf" not in md.value.split()


@pytest.mark.parametrize("name", LESSONS)
def test_every_lesson_runs_with_one_figure_and_a_playground_link(name):
    at = run_page(name)
    assert at.title[0].value[0] == name.split("_")[1]  # "1 · The model" …
    assert at.latex, "every lesson writes its equation with st.latex"
    link = [b for b in at.button if b.label == "Open this setup in the playground"]
    assert len(link) == 1
    assert at.caption and any("What to try" in c.value for c in at.caption)
    all_finite(at)
    assert specs(at), "every lesson shows an interactive figure"
    assert sum(len(s) for s in specs(at)) < 1_500_000


# ----------------------------------------------------------------------------
# 1 · the model
# ----------------------------------------------------------------------------


def test_lesson_1_numbers_are_the_models():
    at = run_page("lesson_1_model")
    X, Y = data(ONE_FEATURE)
    before = specs(at)[0]
    at.slider(key="l1_w").set_value(2.5).run()
    at.slider(key="l1_b").set_value(-1.0).run()
    at.slider(key="l1_x").set_value(0.8).run()
    assert specs(at)[0] != before
    z = 2.5 * 0.8 - 1.0
    shown = metrics(at)
    assert shown["z = w·x + b"] == fmt(z)
    assert shown["a = σ(z)"] == fmt(1 / (1 + math.exp(-z)))
    assert shown["predicted class"] == "1"
    assert shown["cost J"] == fmt(cost(np.array([[2.5]]), -1.0, X, Y))
    curve = next(t for t in json.loads(specs(at)[0])["data"] if t.get("name") == "a = σ(wx + b)")
    xs = np.array(curve["x"])
    np.testing.assert_allclose(curve["y"], sigmoid(2.5 * xs - 1.0), rtol=1e-12)


# ----------------------------------------------------------------------------
# 2 · the sigmoid
# ----------------------------------------------------------------------------


def test_lesson_2_readouts_follow_the_slider():
    at = run_page("lesson_2_sigmoid")
    before = specs(at)[0]
    at.slider(key="l2_z").set_value(-3.0).run()
    assert specs(at)[0] != before
    a = 1 / (1 + math.exp(3.0))
    shown = metrics(at)
    assert shown["a = σ(z)"] == fmt(a)
    assert shown["1 − a = σ(−z)"] == fmt(1 - a)
    assert shown["slope ∂a/∂z = σ′(z) = a(1 − a)"] == fmt(a * (1 - a))
    assert shown["odds a / (1 − a)"] == fmt(math.exp(-3.0))
    at.slider(key="l2_z").set_value(0.0).run()
    assert metrics(at)["a = σ(z)"] == "0.5"


# ----------------------------------------------------------------------------
# 3 · the loss
# ----------------------------------------------------------------------------


def test_lesson_3_penalties_and_pushes():
    at = run_page("lesson_3_loss")
    before = specs(at)[0]
    at.slider(key="l3_a").set_value(0.05).run()
    assert specs(at)[0] != before
    shown = metrics(at)
    assert shown["y = 1: L = −log a"] == fmt(-math.log(0.05))
    assert shown["y = 0: L = −log(1 − a)"] == fmt(-math.log(0.95))
    assert shown["y = 1: (a − 1)²"] == fmt(0.95**2)
    assert shown["y = 0: a²"] == fmt(0.05**2)
    assert shown["y = 1: push, cross-entropy"] == fmt(0.05 - 1)
    assert shown["y = 1: push, squared error"] == fmt(2 * (0.05 - 1) * 0.05 * 0.95)


def test_lesson_3_text_axis_and_marker_agree_at_the_sliders_lowest_a():
    at = run_page("lesson_3_loss")
    slider = at.slider(key="l3_a")
    a_min = slider.min
    L_top = float(lessons.loss.loss_of_a(a_min, 1))
    ce, se = lessons.loss.push_on_z(a_min, 1)
    tip = next(c.value for c in at.caption if "What to try" in c.value)
    for number in (a_min, L_top, (a_min - 1) ** 2, ce, se):
        assert fmt(number) in tip, (fmt(number), tip)
    slider.set_value(a_min).run()
    spec = json.loads(specs(at)[0])
    assert spec["layout"]["yaxis"]["range"][1] >= L_top  # the axis reaches the text's number
    marker = next(tr for tr in spec["data"] if tr.get("mode") == "markers+text")
    assert marker["y"] == [pytest.approx(L_top)] and marker["text"] == [f"L = {fmt(L_top)}"]
    assert metrics(at)["y = 1: L = −log a"] == fmt(L_top)


# ----------------------------------------------------------------------------
# 4 · cost and convexity
# ----------------------------------------------------------------------------


def test_lesson_4_costs_and_the_bowl():
    at = run_page("lesson_4_cost")
    X, Y = data(ONE_FEATURE)
    curves, bowl, *_ = specs(at)
    at.slider(key="l4_w").set_value(2.0).run()
    assert specs(at)[0] != curves
    grads, J = propagate(np.array([[2.0]]), 0.0, X, Y)
    a = sigmoid(2.0 * X[0])
    shown = metrics(at)
    assert shown["cross-entropy J(w)"] == fmt(J)
    assert shown["its slope dJ/dw"] == fmt(grads["dw"][0, 0])
    assert shown["squared-error J(w)"] == fmt(np.mean((a - Y[0]) ** 2))
    assert any("Cross-entropy** is convex" in md.value for md in at.markdown)

    at.slider(key="l4_b").set_value(1.0).run()
    assert metrics(at)["cross-entropy J(w)"] == fmt(cost(np.array([[2.0]]), 1.0, X, Y))

    X2, Y2 = data(TWO_FEATURES)
    surface = json.loads(bowl)["data"][0]
    grid = np.linspace(-6, 6, 41)
    z = np.asarray(go_array(surface["z"]), dtype=float)
    np.testing.assert_allclose(
        z, cost_surface(X2, Y2, np.zeros((2, 1)), 0.0, grid, grid), rtol=1e-6
    )
    at.radio(key="l4_surface").set_value("se").run()
    assert specs(at)[1] != bowl
    z = np.asarray(go_array(json.loads(specs(at)[1])["data"][0]["z"]), dtype=float)
    np.testing.assert_allclose(
        z, lessons.cost.squared_error_surface(X2, Y2, grid, grid, b=0.0), rtol=1e-6
    )


def test_lesson_4_says_only_what_the_engine_finds_about_a_lowest_point():
    at = run_page("lesson_4_cost")
    text = "\n".join(md.value for md in at.markdown)
    # the default data of the playground is separable: the engine finds the line
    Xd, Yd = data(DEFAULTS)
    sep = lessons.cost.separation(Xd, Yd)
    assert sep.verdict == "separable"
    assert np.all((2 * Yd[0] - 1) * (sep.w @ Xd + sep.b) > 0)
    # the bowl's data has a minimum, where the gradient vanishes
    X2, Y2 = data(TWO_FEATURES)
    over = lessons.cost.separation(X2, Y2)
    grads, J = propagate(over.w.reshape(-1, 1), over.b, X2, Y2)
    assert over.verdict == "minimum" and np.max(np.abs(grads["dw"])) < 1e-8
    assert f"J = {fmt(J)}" in text
    assert f"w = ({fmt(over.w[0], 3)}, {fmt(over.w[1], 3)}), b = {fmt(over.b, 3)}" in text
    assert f"**Separable classes** (the playground's default data, {Xd.shape[1]} training" in text
    # J along the separating direction keeps falling: the numbers shown are the engine's
    rays = json.loads(specs(at)[2])
    t_grid = np.array(rays["data"][1]["x"])
    d = np.append(sep.w, sep.b) / np.linalg.norm(np.append(sep.w, sep.b))
    J_sep = lessons.cost.cost_along(Xd, Yd, d[:-1], d[-1], t_grid)
    np.testing.assert_allclose(rays["data"][1]["y"], J_sep, rtol=1e-12)
    assert np.all(np.diff(J_sep) < 0) and J_sep[-1] > 0
    assert f"{fmt(J_sep[-1])} at {fmt(t_grid[-1], 3)}" in text
    # no sentence promises one minimum for every data set
    for claim in ("one lowest point and", "leads to the same minimum", "such bends can trap"):
        assert claim not in text
    # the start: W of the article, and why w = 0 is fine
    assert "n × 1" in text and "no symmetry to break" in text


def test_lesson_4_trap_descents_are_the_engines():
    at = run_page("lesson_4_cost")
    text = "\n".join(md.value for md in at.markdown)
    w = np.linspace(-6, 6, 1201)
    trap_x, trap_y = lessons.cost.TRAP_X, lessons.cost.TRAP_Y
    se = lessons.cost.convexity(w, lessons.cost.squared_error_curve(trap_x, trap_y, w, b=0.0))
    ce = lessons.cost.convexity(w, lessons.cost.cost_curve(trap_x, trap_y, w, b=0.0))
    assert f"local minima on this range: {len(se.minima)}." in text and len(se.minima) == 2
    assert f"minima on this range: {len(ce.minima)}." in text and len(ce.minima) == 1
    ends = {}
    for loss in ("se", "ce"):
        for w0 in (-2.5, 2.0):
            d = lessons.descent.descend_1d(
                trap_x, trap_y, w0, b=0.0, learning_rate=1.0, steps=1000, loss=loss
            )
            ends[loss, w0] = d
            assert f"w ≈ {fmt(d.w[-1], 3)}" in text
    assert fmt(ends["se", -2.5].w[-1], 3) != fmt(ends["se", 2.0].w[-1], 3)
    assert fmt(ends["ce", -2.5].w[-1], 3) == fmt(ends["ce", 2.0].w[-1], 3)
    trap = json.loads(specs(at)[3])
    paths = [tr for tr in trap["data"] if tr.get("mode") == "lines+markers"]
    assert len(paths) == 4
    assert {p["x"][-1] for p in paths} == {ends[k].w[-1] for k in ends}
    data_row = r"x = (" + r"\;".join(fmt(v) for v in lessons.cost.TRAP_X[0]) + ")"
    assert any(data_row in eq.value for eq in at.latex)  # the data shown is the data used


def go_array(value):
    """A plotly JSON array: a plain list, or a base64 typed array ("shape" is "r, c")."""
    if isinstance(value, dict) and "bdata" in value:
        raw = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            return raw.reshape([int(s) for s in str(value["shape"]).split(",")])
        return raw
    return value


# ----------------------------------------------------------------------------
# 5 · gradient descent
# ----------------------------------------------------------------------------


def test_lesson_5_steps_follow_the_engine():
    at = run_page("lesson_5_descent")
    X, Y = data(ONE_FEATURE)
    before = specs(at)[0]
    assert metrics(at)["steps taken"] == "0"
    at.button(key="l5_one").click().run()
    assert specs(at)[0] != before
    at.button(key="l5_ten").click().run()
    path = lessons.descent.descend_1d(X, Y, -1.5, b=0.0, learning_rate=1.0, steps=11)
    shown = metrics(at)
    assert shown["steps taken"] == "11"
    assert shown["w"] == fmt(path.w[-1]) and shown["J(w)"] == fmt(path.cost[-1])
    assert shown["slope dJ/dw"] == fmt(path.slope[-1])
    assert shown["next w = w − α·dJ/dw"] == fmt(path.next_w)
    assert path.w[-1] > -1.5  # case 1: negative slope, w increased
    assert at.success  # converging

    # case 2 resets the count; a positive slope makes w decrease
    at.radio(key="l5_start").set_value("case2").run()
    assert metrics(at)["steps taken"] == "0"
    at.button(key="l5_one").click().run()
    assert float(metrics(at)["w"]) < 4.0

    # too large an α: J goes up, said in words
    at.select_slider(key="l5_alpha").set_value(30.0).run()
    at.button(key="l5_ten").click().run()
    assert metrics(at)["steps taken"] == "10"
    assert at.error and "too large" in at.error[0].value
    at.button(key="l5_reset").click().run()
    assert metrics(at)["steps taken"] == "0"
    all_finite(at)


# ----------------------------------------------------------------------------
# 6 · the computational graph
# ----------------------------------------------------------------------------


def test_lesson_6_forward_and_backward_numbers():
    at = run_page("lesson_6_graph")
    before = specs(at)[0]
    at.number_input(key="l6_x1").set_value(2.0).run()
    at.number_input(key="l6_w2").set_value(0.4).run()
    at.selectbox(key="l6_y").set_value(0).run()
    assert specs(at)[0] != before
    x, w, b, y = np.array([2.0, 1.5]), np.array([0.5, 0.4]), 0.1, 0
    z = float(w @ x + b)
    a = 1 / (1 + math.exp(-z))
    dz = a - y
    shown = metrics(at)
    assert shown["z"] == fmt(z) and shown["a"] == fmt(a)
    assert shown["L"] == fmt(-math.log(1 - a))
    assert shown["da"] == fmt(1 / (1 - a))
    assert shown["dz"] == fmt(dz)
    assert (
        shown["dw1"] == fmt(2.0 * dz) and shown["dw2"] == fmt(1.5 * dz) and shown["db"] == fmt(dz)
    )
    # the chain rule written out: da · a(1 − a) equals a − y
    chain = [tex.value for tex in at.latex if "da \\cdot a(1 - a)" in tex.value]
    assert chain and chain[0].rstrip("$\n ").endswith(fmt(dz))
    # da is ∂L/∂a, and the chain rule is written with ∂: "da" means one thing only
    equations = " ".join(tex.value for tex in at.latex)
    assert "\\frac{dL}{da}" not in equations and "\\frac{da}{dz}" not in equations
    assert r"da = \frac{\partial L}{\partial a}" in equations
    assert r"\frac{\partial L}{\partial a} \cdot \frac{\partial a}{\partial z}" in equations
    assert r"db = \frac{\partial L}{\partial b}" in equations
    intro = at.markdown[0].value
    for name, symbol in (("da", "a"), ("dz", "z"), ("dw1", "w1"), ("dw2", "w2"), ("db", "b")):
        assert f"{name} for ∂L/∂{symbol}" in intro or f"{name} stands for ∂L/∂{symbol}" in intro
    # one step with α = 0.5, by the engine's train on this one example
    h = train(
        x.reshape(2, 1),
        np.array([[0]]),
        learning_rate=0.5,
        num_iterations=1,
        w0=w.reshape(2, 1),
        b0=b,
    )
    new_w = w - 0.5 * x * dz
    np.testing.assert_allclose(h.w[-1], new_w, rtol=1e-14)
    assert shown["L after the step"] == fmt(h.cost[-1])
    assert float(shown["L after the step"]) < float(shown["L before the step"])
    all_finite(at)


def test_lesson_6_stays_finite_when_a_saturates():
    at = run_page("lesson_6_graph")
    for key in ("l6_x1", "l6_x2", "l6_w1", "l6_w2", "l6_b"):
        at.number_input(key=key).set_value(10.0).run()
    at.selectbox(key="l6_y").set_value(0).run()
    shown = metrics(at)
    assert shown["a"] == "1" and shown["dz"] == "1" and shown["L"] == "210"
    assert float(shown["da"]) > 1e90  # 1 + e^z, formed without overflow
    all_finite(at)


# ----------------------------------------------------------------------------
# 7 · m examples
# ----------------------------------------------------------------------------


def table_values(at: AppTest, column: str) -> list[float]:
    return [float(v) for v in at.dataframe[0].value[column]]


def test_lesson_7_loop_equals_vectorized_on_the_same_data():
    at = run_page("lesson_7_vectorize")
    for m in (1_000, 100):
        if m != 1_000:
            at.select_slider(key="l7_m").set_value(m).run()
            assert not at.exception
        X, Y = data({**TWO_FEATURES, "n_samples": m})
        w = np.array([[0.5], [-0.3]])
        (g_loop, J_loop), (g_vec, J_vec) = propagate_loop(w, 0.1, X, Y), propagate(w, 0.1, X, Y)
        engine = [J_vec, g_vec["dw"][0, 0], g_vec["dw"][1, 0], g_vec["db"]]
        looped = [J_loop, g_loop["dw"][0, 0], g_loop["dw"][1, 0], g_loop["db"]]
        np.testing.assert_allclose(looped, engine, rtol=0, atol=1e-12)
        np.testing.assert_allclose(table_values(at, "loop"), looped, rtol=1e-14, atol=1e-15)
        np.testing.assert_allclose(table_values(at, "vectorized"), engine, rtol=1e-14, atol=1e-15)
        assert float(metrics(at)["largest |difference|"]) <= 1e-12
        assert float(metrics(at)["speed-up ×"].replace(",", "")) > 0
        assert any(f"on these {fmt(m)} examples" in md.value for md in at.markdown)
    assert any("vary from machine to machine" in c.value for c in at.caption)


# ----------------------------------------------------------------------------
# 8 · summary and stopping
# ----------------------------------------------------------------------------


def test_lesson_8_runs_the_engines_training_and_its_stop_rules():
    at = run_page("lesson_8_summary")
    X, Y = data(TWO_FEATURES)
    h = train(X, Y, learning_rate=0.1, num_iterations=1000)
    shown = metrics(at)
    assert shown["iterations run"] == "1000"
    assert shown["final cost J"] == fmt(h.cost[-1])
    assert shown["training accuracy %"] == fmt(100 * h.accuracy[-1])
    assert shown["best accuracy first at iteration"] == fmt(lessons.summary.best_accuracy_step(h))
    table = at.dataframe[0].value
    assert list(table["iterations"]) == ["0", "10", "100", "1000"]
    assert list(table["cost J"])[-1] == fmt(h.cost[-1])

    before = specs(at)[0]
    at.radio(key="l8_rule").set_value("tol").run()
    assert specs(at)[0] != before
    h = train(X, Y, learning_rate=0.1, num_iterations=1000, tol=1e-6)
    assert h.stop_reason == "converged"
    assert metrics(at)["iterations run"] == fmt(h.steps[-1])
    en = catalogue("en")
    why = en["lesson8.why_stopped"].format(reason=en["lesson8.reason_converged"])
    assert why in [md.value for md in at.markdown]  # overlapping data: no note on a minimum

    sep = prepare({**TWO_FEATURES, "kind": "linear"})
    at.radio(key="l8_data").set_value("linear").run()
    at.select_slider(key="l8_iterations").set_value(10_000).run()
    h = train(sep.X_train, sep.train.Y, learning_rate=0.1, num_iterations=10_000, tol=1e-6)
    assert h.stop_reason == "converged" and metrics(at)["iterations run"] == fmt(h.steps[-1])
    # separable data: the tol rule fires while J still falls, and the page says so
    assert why + en["lesson8.still_falling"] in [md.value for md in at.markdown]
    at.radio(key="l8_rule").set_value("none").run()
    h = train(sep.X_train, sep.train.Y, learning_rate=0.1, num_iterations=10_000)
    assert metrics(at)["final cost J"] == fmt(h.cost[-1])
    assert metrics(at)["training accuracy %"] == "100"
    why = en["lesson8.why_stopped"].format(reason=en["lesson8.reason_max_iterations"])
    assert why + en["lesson8.still_falling"] in [md.value for md in at.markdown]
    all_finite(at)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_lesson_8_says_how_close_the_tol_stop_is_to_the_minimum(lang):
    """lesson8.more: its numbers are the engine's on the lesson's own data, in both languages.

    tests/lessons/test_summary.py checks each of them by a second route (a plain
    loop, Newton's method written there, decimal rounding).
    """
    from logreg_core.separation import separation
    from logreg_core.train import stop_points

    at = AppTest.from_file(str(PAGES / "lesson_8_summary.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    runs = {}
    for kind in ("gauss", "linear"):
        X, Y = data({**TWO_FEATURES, "kind": kind})
        h = train(X, Y, learning_rate=0.1, num_iterations=10_000, max_records=10_002)
        runs[kind] = (X, Y, h, stop_points(h, tol=1e-6, patience=100))
    X, Y, h, points = runs["gauss"]
    minimum = separation(X, Y).cost
    J = float(h.cost[points.tol])
    digits = lessons.summary.agreeing_digits(J, minimum)
    text = catalogue(lang)["lesson8.more"].format(
        tol="10⁻⁶",
        step=fmt(points.tol),
        J=fmt(J, digits + 2),
        minimum=fmt(minimum, digits + 2),
        gap=fmt(J - minimum),
        digits=digits,
        best=fmt(lessons.summary.best_accuracy_step(runs["linear"][2])),
    )
    assert text in [md.value for md in at.markdown]
    assert fmt(J, digits) == fmt(minimum, digits) and fmt(J, digits + 1) != fmt(minimum, digits + 1)


def test_lesson_8_a_kept_run_is_served_again_without_error():
    """A second session reuses the kept run (no progress-bar replay error)."""
    first = run_page("lesson_8_summary")
    second = run_page("lesson_8_summary")
    assert metrics(second) == metrics(first)  # the same kept run, seconds included


# ----------------------------------------------------------------------------
# the closing link: lesson → playground, through app.py's navigation
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("name,expected", LINKS)
def test_each_lesson_opens_the_playground_with_its_setup(name, expected):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    title = at.title[0].value
    at.button(key=f"l{name[7]}_link").click().run()
    assert not at.exception, at.exception
    assert title not in [t.value for t in at.title]  # left the lesson
    for key, value in expected.items():
        assert at.session_state[key] == value, key
    assert at.session_state["source"] == "generated"
    assert at.session_state["test_share"] == 0.0 and at.session_state["standardize"] is False


# ----------------------------------------------------------------------------
# issue 13: what the article asks the reader to derive
# ----------------------------------------------------------------------------


def _try_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if "What to try" in c.value)


def test_lesson_5_what_to_try_says_the_engines_verdict_for_the_chosen_start():
    """Every α on offer, grouped by what the engine's long run does from the chosen start.

    α = 3 jumps past the minimum from case 1 but not from case 2, α = 20 oscillates from
    case 1 and makes J grow from case 2; the second route is in
    tests/lessons/test_descent_claims.py.
    """
    from itertools import groupby

    X, Y = data(ONE_FEATURE)
    at = run_page("lesson_5_descent")
    en = catalogue("en")
    alphas = (0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 20.0, 30.0)
    kinds = {}
    for case, w0 in (("case1", -1.5), ("case2", 4.0)):
        found = lessons.descent.outcomes(X, Y, w0, alphas, b=0.0)
        kinds[case] = {a: o.kind for a, o in zip(alphas, found, strict=True)}
    for case in ("case1", "case2"):
        at.radio(key="l5_start").set_value(case).run()
        text = _try_caption(at)
        groups = [
            f"α = {', '.join(fmt(a) for a in group)}: {en[f'lesson5.word_{kind}']}"
            for kind, group in groupby(alphas, key=kinds[case].get)
        ]
        assert f"the engine finds: {'; '.join(groups)}." in text, case
    assert kinds["case1"][3.0] == "settles_jumping" and kinds["case2"][3.0] == "settles_one_side"
    differ = [fmt(a) for a in alphas if kinds["case1"][a] != kinds["case2"][a]]
    assert f"the verdict changes for α = {', '.join(differ)}." in text


def test_lesson_5_marks_the_curvature_limits_on_the_alpha_scale():
    """1/J″ and 2/J″ at the minimum w* (b = 0), 2/κ_max at the minimum over (w, b): the engine's."""
    X, Y = data(ONE_FEATURE)
    at = run_page("lesson_5_descent")
    at.button(key="l5_ten").click().run()
    lowest = lessons.descent.minimum_1d(X, Y, b=0.0)
    both = lessons.cost.separation(X, Y)
    with_bias = lessons.descent.step_limits(X, both.w, b=both.b)
    limits = json.loads(specs(at)[1])
    lines = sorted(s["x0"] for s in limits["layout"]["shapes"] if s["type"] == "line")
    np.testing.assert_allclose(lines, [lowest.limits.zigzag, lowest.limits.diverge], rtol=1e-12)
    dotted = [t for t in limits["data"] if t.get("mode") == "lines"]
    assert dotted[0]["x"][0] == pytest.approx(with_bias.diverge, rel=1e-12)
    chosen = [t for t in limits["data"] if t.get("name") == "chosen α"]
    assert chosen[0]["x"] == [1.0]
    caption = f"1/J″(w∗) = {fmt(lowest.limits.zigzag)} and 2/J″(w∗) = {fmt(lowest.limits.diverge)}."
    assert any(caption in c.value for c in at.caption)
    text = next(md.value for md in at.markdown if md.value.startswith("**How large may α be?**"))
    assert f"= {fmt(lowest.limits.curvature)}," in text
    assert any(f"2/κ_max = {fmt(with_bias.diverge)}" in md.value for md in at.markdown)
    # either side of the limits at the minimum, the page's verdict changes as the engine says
    assert 3.0 < lowest.limits.zigzag < lowest.limits.diverge < 10.0
    at.radio(key="l5_start").set_value("case2").run()
    for alpha, shown in ((3.0, "success"), (10.0, "warning"), (30.0, "error")):
        at.select_slider(key="l5_alpha").set_value(alpha).run()
        at.button(key="l5_ten").click().run()
        assert getattr(at, shown), alpha
    all_finite(at)


def test_lesson_7_loop_example_by_example_ends_in_the_vectorized_step():
    setup = {**TWO_FEATURES, "n_samples": 10}
    X, Y = data(setup)
    w, b = np.array([[0.5], [-0.3]]), 0.1
    at = run_page("lesson_7_vectorize")
    loop = json.loads(specs(at)[1])
    steps = lessons.vectorize.loop_steps(w, b, X, Y, learning_rate=1.0)
    grads, _ = propagate(w, b, X, Y)
    assert len(loop["frames"]) == X.shape[1] + 1 == 11
    # the accumulated sums after m examples, divided by m, are the vectorized dw and db
    np.testing.assert_allclose(steps.dw_sum[:, -1] / 10, grads["dw"][:, 0], rtol=1e-12)
    assert steps.db_sum[-1] / 10 == pytest.approx(grads["db"], rel=1e-12)
    tip = loop["frames"][-1]["data"][0]
    np.testing.assert_allclose(
        [tip["x"][-1], tip["y"][-1]], w[:, 0] - grads["dw"][:, 0], rtol=1e-12
    )
    check = next(md.value for md in at.markdown if md.value.startswith("After all 10 examples"))
    assert f"dw = ({fmt(grads['dw'][0, 0], 12)}, {fmt(grads['dw'][1, 0], 12)})" in check
    assert f"db = {fmt(steps.mean_db, 12)}" in check


def test_lesson_8_marks_where_each_stop_rule_stops_on_both_data_sets():
    from logreg_core.train import stop_points

    at = run_page("lesson_8_summary")
    table = at.dataframe[1].value
    expected = {}
    for kind, column in (("gauss", "overlapping"), ("linear", "separable")):
        X, Y = data({**TWO_FEATURES, "kind": kind})
        h = train(X, Y, learning_rate=0.1, num_iterations=10_000, max_records=10_002)
        points = stop_points(h, tol=1e-6, patience=100)
        expected[kind] = points
        name = next(c for c in table.columns if c.startswith(column))
        shown = [
            fmt(v) if v is not None else "—" for v in (points.accuracy, points.tol, points.patience)
        ]
        assert list(table[name]) == shown
        # each position is where train itself stops with that rule
        assert (
            points.tol == train(X, Y, learning_rate=0.1, num_iterations=10_000, tol=1e-6).steps[-1]
        )
    # the example that works: on overlapping data the patience rule fires, and the page says where
    assert expected["gauss"].patience is not None
    text = next(c.value for c in at.caption if "What to try" in c.value)
    gauss = expected["gauss"]
    assert f"stops at {fmt(gauss.tol)}, the patience rule at {fmt(gauss.patience)}" in text
    # the separable case, honestly: patience never fires, and the page says so
    assert expected["linear"].patience is None
    assert any("patience rule does not stop within 10,000" in md.value for md in at.markdown)
    assert any(c.value.startswith("—: the rule does not stop within 10,000") for c in at.caption)
    stops = json.loads(specs(at)[1])
    assert any(a["text"] == "patience: not within 10,000" for a in stops["layout"]["annotations"])
    all_finite(at)


# ---------------------------------------------------------------------------
# issue 21: the sidebar of a lesson shows no data the lesson does not use
# ---------------------------------------------------------------------------


def sidebar_text(at) -> str:
    return " ".join(m.value for m in at.sidebar.markdown) + " ".join(
        c.value for c in at.sidebar.caption
    )


@pytest.mark.parametrize("name", LESSONS)
def test_a_lesson_page_hides_the_playgrounds_data_and_settings_from_the_sidebar(name):
    from tests.conftest import open_page
    from ui.i18n import catalogue

    en = catalogue("en")
    at = open_page("views/data.py")
    assert not at.exception, at.exception
    playground = sidebar_text(at)
    m = DEFAULTS["n_samples"]
    assert en["sidebar.current_data"] in playground and f"m = **{m}**" in playground
    at.switch_page(f"views/{name}.py").run()
    assert not at.exception, at.exception
    lesson = sidebar_text(at)
    for key in ("sidebar.current_data", "sidebar.model_settings"):
        assert en[key] not in lesson, (name, key)
    assert f"m = **{m}**" not in lesson and "α = **" not in lesson
    assert at.sidebar.button  # the rest of the sidebar stays: reset, share …
    at.switch_page("views/train.py").run()  # back in the playground, the summary is back
    assert not at.exception, at.exception
    assert en["sidebar.current_data"] in sidebar_text(at)
