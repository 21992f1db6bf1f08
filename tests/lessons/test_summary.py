"""Lesson 8 · a long run read at round counts, the stop rules, the figures."""

import json

import numpy as np
import pytest

from logreg_core import make_dataset
from logreg_core.formatting import fmt
from logreg_core.lessons import summary
from logreg_core.model import accuracy
from logreg_core.train import stop_points, train
from tests.lessons.figures import assert_finite_json, spec, trace, words
from tests.words import LESSONS
from ui.i18n import catalogue

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


# ----------------------------------------------------------------------------
# what lesson 8 says about its own data, checked by a second route: a plain
# gradient-descent loop written here, Newton's method written here, decimal
# rounding, the perceptron; over every setting the page offers
# ----------------------------------------------------------------------------

#: The page's settings (views/lesson_8_summary.py): α, the run lengths and the stop rules.
ALPHA = 0.1
ITERATIONS = (1_000, 10_000, 100_000, 1_000_000)
RULES = {"none": (None, None), "tol": (1e-6, None), "patience": (None, 100)}
#: The run, every step recorded, on which the page marks each rule.
STOP_RUN = 10_000


def lesson_data(kind):
    """The lesson's two-feature data of ``kind``, through the playground's pipeline."""
    from logreg_core.lessons.shared import TWO_FEATURES
    from logreg_core.pipeline import prepare

    p = prepare({**TWO_FEATURES, "kind": kind})
    return p.X_train, p.train.Y


def plain_cost(w, b, X, y):
    """The cross-entropy written out: mean of log(1 + e^(−z)) for y = 1, log(1 + e^z) for y = 0."""
    z = w @ X + b
    return float(np.mean(y * np.logaddexp(0.0, -z) + (1 - y) * np.logaddexp(0.0, z)))


def plain_step(w, b, X, y, alpha=ALPHA):
    """One update w := w − α dw, b := b − α db, the gradient written out."""
    a = 0.5 * (1.0 + np.tanh(0.5 * (w @ X + b)))
    dz = a - y
    return w - alpha * (X @ dz) / X.shape[1], b - alpha * float(np.mean(dz))


def plain_run(X, Y, steps):
    """J, the accuracy (a ≥ 0.5 read as class 1) and ‖w‖ after 0 … ``steps`` plain updates."""
    y = Y[0].astype(float)
    w, b = np.zeros(X.shape[0]), 0.0
    J, acc, norm = [], [], []
    for t in range(steps + 1):
        if t:
            w, b = plain_step(w, b, X, y)
        J.append(plain_cost(w, b, X, y))
        acc.append(float(np.mean((w @ X + b >= 0) == (y == 1))))
        norm.append(float(np.linalg.norm(w)))
    return np.array(J), np.array(acc), np.array(norm)


def newton(X, Y, iterations=50):
    """The minimiser of J by plain Newton steps from 0: (J there, largest |slope| there)."""
    y = Y[0].astype(float)
    Xt = np.vstack([X, np.ones(X.shape[1])])
    theta = np.zeros(Xt.shape[0])
    for _ in range(iterations):
        a = 0.5 * (1.0 + np.tanh(0.5 * (theta @ Xt)))
        grad = Xt @ (a - y) / Xt.shape[1]
        hess = (Xt * (a * (1 - a))) @ Xt.T / Xt.shape[1]
        theta = theta - np.linalg.solve(hess, grad)
    a = 0.5 * (1.0 + np.tanh(0.5 * (theta @ Xt)))
    slope = float(np.max(np.abs(Xt @ (a - y) / Xt.shape[1])))
    return plain_cost(theta[:-1], theta[-1], X, y), slope


def perceptron(X, Y, updates=100_000):
    """A (w, b) that puts every example strictly on its own side, or None (none found)."""
    sign = 2.0 * Y[0] - 1.0
    Xt = np.vstack([X, np.ones(X.shape[1])])
    theta = np.zeros(Xt.shape[0])
    for _ in range(updates):
        wrong = np.flatnonzero(sign * (theta @ Xt) <= 0)
        if wrong.size == 0:
            return theta[:-1], theta[-1]
        theta = theta + sign[wrong[0]] * Xt[:, wrong[0]]
    return None


def decimal_digits(value, reference):
    """agreeing_digits by decimal arithmetic: round both exactly, half to even, k = 1, 2, …"""
    from decimal import ROUND_HALF_EVEN, Decimal

    def rounded(x, k):
        d = Decimal(x)  # the float's exact value
        exponent = d.adjusted() - (k - 1)
        return d.quantize(Decimal(1).scaleb(exponent), rounding=ROUND_HALF_EVEN)

    k = 0
    while k < summary.MAX_DIGITS and rounded(value, k + 1) == rounded(reference, k + 1):
        k += 1
    return k


@pytest.fixture(scope="module")
def plain():
    """The plain loop's first STOP_RUN steps on both lesson data sets, and Newton's minimum."""
    out = {}
    for kind in ("gauss", "linear"):
        X, Y = lesson_data(kind)
        out[kind] = (X, Y, *plain_run(X, Y, STOP_RUN))
    return out


def test_agreeing_digits_is_decimal_rounding_digit_by_digit():
    rng = np.random.default_rng(0)
    pairs = [(0.50181, 0.50177), (0.49, 0.51), (1.0, 1.0), (0.1249, 0.1251), (9.96, 9.97)]
    base = rng.uniform(1e-6, 1e3, 200)
    near = base * (1 + rng.uniform(-1, 1, 200) * 10.0 ** -rng.integers(1, 16, 200))
    pairs += list(zip(base, near, strict=True))
    for value, reference in pairs:
        assert summary.agreeing_digits(value, reference) == decimal_digits(value, reference)
    assert summary.agreeing_digits(0.50181, 0.50177) == 4  # 0.5018 both; 0.50181 ≠ 0.50177
    assert summary.agreeing_digits(0.44, 0.56) == 0 and summary.agreeing_digits(2.0, 2.0) == 17


def test_the_tol_stop_on_overlapping_data_is_as_far_from_the_minimum_as_the_page_says(plain):
    """lesson8.more: the |ΔJ| < 10⁻⁶ stop, J there, the minimum, the digits they share, the gap."""
    from logreg_core.separation import separation

    X, Y, J, _, _ = plain["gauss"]
    h = train(X, Y, learning_rate=ALPHA, num_iterations=STOP_RUN, max_records=STOP_RUN + 2)
    points = stop_points(h, tol=1e-6, patience=100)
    end = summary.settled(h, points.tol, separation(X, Y).cost)  # as the page computes it
    # the plain loop: the first step that changes J by less than 10⁻⁶
    step = int(np.argmax(np.abs(np.diff(J)) < 1e-6)) + 1
    assert end.step == step and end.cost == pytest.approx(J[step], rel=1e-12)
    # Newton's method written here: the minimum of J, where every slope is 0
    minimum, slope = newton(X, Y)
    assert slope < 1e-12 and end.minimum == pytest.approx(minimum, rel=1e-12)
    assert end.digits == decimal_digits(J[step], minimum) and 1 <= end.digits < 8
    assert end.gap == pytest.approx(J[step] - minimum, rel=1e-6) and end.gap > 0
    # "all that the iterations after the stop could still take off J, however many are run":
    # with this α every step lowers J (α below 2/L, L the largest curvature of J) …
    Xt = np.vstack([X, np.ones(X.shape[1])])
    curvature = np.linalg.eigvalsh(Xt @ Xt.T / (4 * X.shape[1])).max()
    assert ALPHA < 2 / curvature and np.all(np.diff(J) <= 1e-15)
    # … and never below the minimum: 1,000,000 iterations end within the gap
    J_end = float(train(X, Y, learning_rate=ALPHA, num_iterations=ITERATIONS[-1]).cost[-1])
    assert minimum - 1e-15 <= J_end <= J[step] and J[step] - J_end <= end.gap + 1e-15
    with pytest.raises(ValueError, match="step must be a recorded step"):
        summary.settled(train(X, Y, learning_rate=ALPHA, num_iterations=5000), 4321, minimum)


def test_the_separable_data_reach_every_answer_at_once_and_j_keeps_falling(plain):
    """lesson8.more (100 % at {best}), stops_separable and try_rules, by the plain loop."""
    X, Y, J, acc, norm = plain["linear"]
    h = train(X, Y, learning_rate=ALPHA, num_iterations=STOP_RUN, max_records=STOP_RUN + 2)
    best = summary.best_accuracy_step(h)
    assert perceptron(X, Y) is not None  # a line separates the classes
    # 100 % first at {best}, and from there on (stops_separable: "at its best since")
    assert acc[best] == 1.0 and np.all(acc[:best] < 1.0) and np.all(acc[best:] == 1.0)
    # stops_separable: J falls by more than a millionth of itself at every step
    assert np.all(-np.diff(J) > 1e-6 * J[:-1])
    assert stop_points(h, tol=1e-6, patience=100).patience is None
    # try_rules: on the separable data the table's J keeps shrinking and ‖w‖ keeps growing
    ms = summary.milestones(
        train(X, Y, learning_rate=ALPHA, num_iterations=ITERATIONS[-1]), [0, 10, 100, *ITERATIONS]
    )
    assert np.all(np.diff(ms.cost) < 0) and np.all(np.diff(ms.norm_w) > 0)
    assert len({fmt(c) for c in ms.cost}) == ms.cost.size  # each row shows a smaller J
    np.testing.assert_allclose(ms.cost[:5], J[[0, 10, 100, 1000, 10_000]], rtol=1e-9)
    np.testing.assert_allclose(ms.norm_w[:5], norm[[0, 10, 100, 1000, 10_000]], rtol=1e-9)


def test_on_overlapping_data_the_tables_j_stops_changing(plain):
    """try_rules: "raise the iterations on the overlapping data: the table's J stops changing"."""
    X, Y, J, _, _ = plain["gauss"]
    minimum, _ = newton(X, Y)
    # J falls at every step towards the minimum: from 1,000 iterations on the 4 digits are final
    assert np.all(np.diff(J) <= 1e-15) and fmt(J[1000]) == fmt(minimum)
    assert fmt(J[100]) != fmt(minimum)


@pytest.mark.parametrize("kind", ["gauss", "linear"])
def test_why_stopped_says_what_stopped_each_run_the_page_offers(kind, plain):
    """lesson8.reason_* and still_falling over every run length and stop rule of the page."""
    X, Y, J, acc, _ = plain[kind]
    y = Y[0].astype(float)
    separable = perceptron(X, Y) is not None
    if not separable:
        assert newton(X, Y)[1] < 1e-12  # J has a minimum, so no line separates the classes
    assert separable == (kind == "linear")
    for iterations in ITERATIONS:
        for rule, (tol, patience) in RULES.items():
            h = train(X, Y, learning_rate=ALPHA, num_iterations=iterations, tol=tol,
                      patience=patience)  # fmt: skip
            reason, *notes = summary.why_stopped(h.stop_reason, separable=separable)
            assert reason == f"reason_{h.stop_reason}"
            last = int(h.steps[-1])
            if reason == "reason_max_iterations":
                assert last == iterations
            elif reason == "reason_converged":  # "one iteration changed J by less than 10⁻⁶"
                assert rule == "tol" and last <= STOP_RUN
                assert abs(J[last] - J[last - 1]) < tol <= np.abs(np.diff(J[:last])).min()
            else:  # reason_plateau: patience iterations with no better accuracy nor J
                assert reason == "reason_plateau" and rule == "patience"
                J_tail, acc_tail = _last_steps(X, Y, h, last, patience + 1)
                best_acc = acc[: min(last - patience, STOP_RUN) + 1].max()
                assert np.all(acc_tail[1:] <= best_acc)
                assert np.all(J_tail[:-1] - J_tail[1:] <= 1e-6 * J_tail[:-1])
            assert notes == (["still_falling"] if separable else [])
            if separable:  # one more iteration lowers J again and makes ‖w‖ larger
                w, b = h.w[-1], float(h.b[-1])
                w1, b1 = plain_step(w, b, X, y)
                assert plain_cost(w1, b1, X, y) < plain_cost(w, b, X, y)
                assert np.linalg.norm(w1) > np.linalg.norm(w)
    for lang in ("en", "zh"):
        texts = catalogue(lang)
        assert {"reason_max_iterations", "reason_converged", "reason_plateau"} <= {
            k.removeprefix("lesson8.") for k in texts
        }
        assert "10⁻⁶" in texts["lesson8.reason_converged"]


def _last_steps(X, Y, h, last, count):
    """J and the accuracy at the ``count`` steps up to ``last`` of the run ``h`` made.

    The engine runs to ``last − count + 1`` (the same updates as ``h``), the plain
    loop makes the rest.
    """
    y = Y[0].astype(float)
    start = train(X, Y, learning_rate=ALPHA, num_iterations=last - count + 1)
    w, b = start.w[-1], float(start.b[-1])
    J, acc = [], []
    for t in range(count):
        if t:
            w, b = plain_step(w, b, X, y)
        J.append(plain_cost(w, b, X, y))
        acc.append(float(np.mean((w @ X + b >= 0) == (y == 1))))
    assert abs(J[-1] - float(h.cost[-1])) <= 1e-12 * J[-1]  # the same run as the page's
    return np.array(J), np.array(acc)
