"""figures/derive.py: the α scale, the loop example by example, the stop rules, their words."""

import json

import numpy as np
import pytest

from logreg_core import lesson_math as L
from logreg_core import make_dataset
from logreg_core.figures import derive as D
from logreg_core.model import propagate
from logreg_core.train import stop_points, train
from ui.i18n import catalogue

WORDS = {
    lang: {k: catalogue(lang)[f"figures_lessons.{k}"] for k in D.DERIVE_TEXT_KEYS}
    for lang in ("en", "zh")
}


def spec(fig):
    return json.loads(fig.to_json())


def test_every_key_has_words_in_both_catalogues():
    for lang in ("en", "zh"):
        assert all(WORDS[lang].values()), lang


def test_alpha_limits_figure_marks_both_limits_and_the_chosen_alpha():
    fig = D.alpha_limits_figure(
        [0.1, 1.0, 10.0], 3.0, zigzag=4.35, diverge=8.7, diverge_with_bias=8.4, texts=WORDS["zh"]
    )
    s = spec(fig)
    lines = [sh["x0"] for sh in s["layout"]["shapes"] if sh["type"] == "line"]
    assert lines == [4.35, 8.7]
    texts = [a["text"] for a in s["layout"]["annotations"]]
    assert "1/λ = 4.35" in texts and "2/λ = 8.7" in texts
    assert WORDS["zh"]["alpha_zigzag"] in texts
    chosen = next(t for t in s["data"] if t.get("name") == WORDS["zh"]["alpha_chosen"])
    assert chosen["x"] == [3.0]
    assert s["layout"]["xaxis"]["type"] == "log"
    with pytest.raises(ValueError, match=r"0 < zigzag < diverge, got zigzag=5, diverge=2"):
        D.alpha_limits_figure([1.0], 1.0, zigzag=5, diverge=2, texts=WORDS["en"])
    with pytest.raises(ValueError, match=r"texts lacks the keys \['alpha_axis'"):
        D.alpha_limits_figure([1.0], 1.0, zigzag=1, diverge=2, texts={})


def test_loop_figure_has_a_frame_per_example_ending_in_the_vectorized_step():
    ds = make_dataset("gauss", 8, seed=0)
    w, b = np.array([[0.5], [-0.3]]), 0.1
    steps = L.loop_steps(w, b, ds.X, ds.Y, learning_rate=1.0)
    fig = D.loop_figure(steps, texts=WORDS["en"])
    s = spec(fig)
    assert len(s["frames"]) == steps.m + 1
    assert len(s["layout"]["sliders"][0]["steps"]) == steps.m + 1
    grads, _ = propagate(w, b, ds.X, ds.Y)
    vectorized = s["data"][0]
    end = w[:, 0] - grads["dw"][:, 0]
    np.testing.assert_allclose([vectorized["x"][1], vectorized["y"][1]], end, rtol=1e-12)
    last = s["frames"][-1]["data"][0]
    assert len(last["x"]) == steps.m + 1
    np.testing.assert_allclose([last["x"][-1], last["y"][-1]], end, rtol=1e-12)
    first = s["frames"][0]
    assert first["data"][2]["text"] == [WORDS["en"]["loop_start"]]  # the running sums, as text
    # every frame holds m + 1 points; before the loop they all sit on w, unmarked
    assert first["data"][0]["x"] == [0.5] * (steps.m + 1) and set(
        first["data"][0]["marker"]["size"]
    ) == {0}
    two = s["frames"][2]["data"][0]
    np.testing.assert_allclose(two["x"][:3], steps.w_path[0, :3])
    assert two["x"][3:] == [two["x"][2]] * (steps.m - 2) and two["marker"]["size"][3:] == [0] * 6
    (three,) = s["frames"][3]["data"][2]["text"]
    assert three.startswith("after example 3 of 8") and L.fmt(steps.dw_sum[0, 2]) in three
    with pytest.raises(ValueError, match=r"2 weights, got w_path of shape \(1, 9\)"):
        one = make_dataset("one_feature", 8, seed=0)
        D.loop_figure(L.loop_steps([0.5], 0.0, one.X, one.Y, learning_rate=1.0), texts=WORDS["en"])


def test_stop_rules_figure_marks_where_each_rule_fires_and_says_which_never_do():
    runs = []
    for kind in ("gauss", "linear"):
        ds = make_dataset(kind, 200, seed=0)
        h = train(ds.X, ds.Y, learning_rate=0.1, num_iterations=3000, max_records=3002)
        runs.append((kind, h.steps, h.cost, stop_points(h, tol=1e-6, patience=100)))
    fig = D.stop_rules_figure(runs, texts=WORDS["en"])
    s = spec(fig)
    assert len(json.dumps(s)) < 100_000  # each curve thinned to at most CURVE_POINTS points
    for col, (*_, points) in enumerate(runs, start=1):
        axis = "x" if col == 1 else f"x{col}"
        marks = {
            t["name"]: t["x"][0] for t in s["data"] if t["xaxis"] == axis and t["mode"] == "markers"
        }
        fired = {
            WORDS["en"]["stops_accuracy"]: points.accuracy,
            "|ΔJ| < 10⁻⁶": points.tol,
            WORDS["en"]["stops_patience"]: points.patience,
        }
        assert marks == {name: at for name, at in fired.items() if at is not None}
        said = [
            a["text"]
            for a in s["layout"]["annotations"]
            if "not within" in a["text"] and a["xref"] == f"{axis} domain"
        ]
        assert said == [f"{name}: not within 3000" for name, at in fired.items() if at is None]
    assert runs[1][3].patience is None  # separable data: the patience rule never fires
    assert D.power_of_ten(1e-6) == "10⁻⁶" and D.power_of_ten(0.003) == "0.003"
    with pytest.raises(ValueError, match=r"runs must hold at least one run"):
        D.stop_rules_figure([], texts=WORDS["en"])


def test_alpha_limits_far_outside_the_offered_alphas_are_labelled_at_the_edge():
    """Far from the minimum J is nearly flat, 2/λ is huge: the scale stays on the α on offer."""
    fig = D.alpha_limits_figure([0.03, 30.0], 1.0, zigzag=5e40, diverge=1e41, texts=WORDS["en"])
    s = spec(fig)
    lo, hi = s["layout"]["xaxis"]["range"]
    assert lo == pytest.approx(np.log10(0.03 / 2))
    assert hi == pytest.approx(np.log10(30.0 * D.SPAN * 2))
    assert not [sh for sh in s["layout"]["shapes"] if sh["type"] == "line"]
    texts = {a["text"]: a for a in s["layout"]["annotations"]}
    assert texts["2/λ = 1e+41 →"]["x"] == hi and texts["1/λ = 5e+40 →"]["x"] == hi
    assert WORDS["en"]["alpha_steady"] in texts and WORDS["en"]["alpha_diverge"] not in texts
