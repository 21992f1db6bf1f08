"""Lesson 8 · a long run read at round counts, the stop rules, the figures."""

import json

import numpy as np
import pytest

from logreg_core import make_dataset
from logreg_core.lessons import summary
from logreg_core.model import accuracy
from logreg_core.train import stop_points, train
from tests.lessons.figures import assert_finite_json, spec, trace, words
from tests.words import LESSONS

WORDS = words(summary.TEXTS)


def test_milestones_read_the_history_at_round_counts(two_features):
    X, Y = two_features
    h = train(X, Y, learning_rate=0.5, num_iterations=2000)
    ms = summary.milestones(h, [0, 10, 1000, 10_000])
    assert ms.steps.tolist() == [0, 10, 1000]  # 10,000 is beyond the run
    assert ms.recorded.tolist() == [0, 10, 1000]
    for k, s in enumerate(ms.steps):
        i = h.index_of(int(s))
        assert ms.cost[k] == h.cost[i] and ms.accuracy[k] == h.accuracy[i]
        assert ms.norm_w[k] == pytest.approx(np.linalg.norm(h.w[i]))
    empty = summary.milestones(h, [5000])
    assert empty.steps.size == 0 and empty.cost.size == 0


def test_best_accuracy_step_is_the_first_record_at_the_best_accuracy(two_features):
    X, Y = two_features
    h = train(X, Y, learning_rate=0.5, num_iterations=300)
    step = summary.best_accuracy_step(h)
    i = h.index_of(step)
    assert h.accuracy[i] == h.accuracy.max() and np.all(h.accuracy[:i] < h.accuracy.max())
    w = h.w[i].reshape(-1, 1)
    assert accuracy(w.T @ X + h.b[i], Y) == h.accuracy.max()


def test_training_figure_leaves_out_step_0_on_log_axes():
    ds = make_dataset("gauss", 80, seed=0)
    h = train(ds.X, ds.Y, learning_rate=0.5, num_iterations=1000)
    fig = summary.training_figure(
        h.steps,
        h.cost,
        h.accuracy,
        stop_step=1000,
        best_step=3,
        marks=[10, 100, 1000],
        texts=LESSONS,
    )
    J = trace(fig, "J")
    assert J.x[0] == 1.0 and len(J.x) == len(h.steps) - 1
    np.testing.assert_allclose(J.y, h.cost[1:])
    np.testing.assert_allclose(trace(fig, "training accuracy (%)").y, 100 * h.accuracy[1:])
    assert fig.layout.xaxis.type == "log" and fig.layout.yaxis.type == "log"
    assert fig.layout.xaxis2.range == (0.0, 3.0)
    stop = [a for a in fig.layout.annotations if a.text and a.text.startswith("stopped")]
    assert stop and stop[0].x == pytest.approx(3.0)  # log10(1000): log axes take log positions
    assert trace(fig, "best accuracy first reached").x == (3.0,)
    assert_finite_json(fig)


def test_stop_rules_figure_marks_where_each_rule_fires_and_says_which_never_do():
    runs = []
    for kind in ("gauss", "linear"):
        ds = make_dataset(kind, 200, seed=0)
        h = train(ds.X, ds.Y, learning_rate=0.1, num_iterations=3000, max_records=3002)
        runs.append((kind, h.steps, h.cost, stop_points(h, tol=1e-6, patience=100)))
    fig = summary.stop_rules_figure(runs, texts=WORDS["en"])
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
    assert summary.power_of_ten(1e-6) == "10⁻⁶" and summary.power_of_ten(0.003) == "0.003"
    with pytest.raises(ValueError, match=r"runs must hold at least one run"):
        summary.stop_rules_figure([], texts=WORDS["en"])
