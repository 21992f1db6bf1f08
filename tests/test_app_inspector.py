"""The Step inspector in AppTest: its numbers are the engine's for the same step and example."""

from __future__ import annotations

import numpy as np
import pytest

from logreg_core.model import example_values
from logreg_core.pipeline import run_setup
from tests.conftest import metrics, no_bad_numbers, open_page, specs
from ui.state import DEFAULTS
from ui.texts import fmt, fmt_vector, tex

INSPECTOR = "views/inspector.py"


def _engine(**changes):
    return run_setup({**DEFAULTS, **changes})


def _check_numbers(at, run, step: int, i: int) -> None:
    """Every metric of the page equals the engine's value at (step, example i)."""
    h = run.history
    k = h.index_of(step)
    assert h.steps[k] == step
    X, Y = run.prepared.X_train, run.prepared.train.Y
    v = example_values(h.w[k].reshape(-1, 1), h.b[k], X, Y)
    shown = metrics(at)
    expected = {"z": v.z[i], "a": v.a[i], "L": v.loss[i], "da": v.da[i], "dz": v.dz[i]}
    expected |= {f"dw{j + 1}": v.dw[j, i] for j in range(X.shape[0])}
    expected["db"] = v.db[i]
    expected["J = mean of L"] = v.cost
    expected |= {f"dw{j + 1} = mean": v.mean_dw[j] for j in range(X.shape[0])}
    expected["db = mean"] = v.mean_db
    for label, value in expected.items():
        assert shown[label] == fmt(value), label
    # the engine's own record of the cost and the gradient at that step
    m = X.shape[1]
    penalty = h.l2 / (2 * m) * float(np.sum(h.w[k] ** 2))
    np.testing.assert_allclose(v.cost + penalty, h.cost[k], rtol=1e-12)
    if h.l2:
        assert shown["J + (λ/2m)‖w‖²"] == fmt(h.cost[k])
    np.testing.assert_allclose(v.mean_dw + h.l2 / m * h.w[k], h.dw[k], rtol=1e-10)


def test_defaults_show_step_0_example_0():
    at = open_page(INSPECTOR)
    no_bad_numbers(at)
    _check_numbers(at, _engine(), 0, 0)
    assert len(specs(at)) == 2  # the data with the boundary, and the graph


def test_numbers_equal_the_engines_for_the_chosen_step_and_example():
    at = open_page(INSPECTOR)
    at.select_slider(key="ctl_inspect_step").set_value(37).run()
    at.number_input(key="ctl_inspect_example").set_value(6).run()  # i = 6: index 5
    run = _engine()
    _check_numbers(at, run, 37, 5)
    # the update, and the next step's parameters, are the engine's next record
    h = run.history
    k = h.index_of(38)
    update = " ".join(i.value for i in at.info)
    assert f"w = {fmt_vector(h.w[k])}" in update and f"b = {fmt(h.b[k])}" in update
    assert "✓" in update
    # the equations carry the same numbers
    latex = " ".join(t.value for t in at.latex)
    v = example_values(h.w[k - 1].reshape(-1, 1), h.b[k - 1], run.prepared.X_train,
                       run.prepared.train.Y)  # fmt: skip
    assert fmt(v.z[5]) in latex and fmt(v.dz[5]) in latex
    # the table holds every training example
    (table,) = at.dataframe
    assert len(table.value) == run.prepared.X_train.shape[1]
    np.testing.assert_allclose(table.value["dz"].to_numpy(), v.dz)
    no_bad_numbers(at)


def test_step_buttons_move_through_the_records():
    at = open_page(INSPECTOR)
    at.button(key="inspect_next").click().run()
    assert at.session_state["inspect_step"] == 1
    at.button(key="inspect_last").click().run()
    assert at.session_state["inspect_step"] == DEFAULTS["num_iterations"]
    assert any("stopped here" in i.value for i in at.info)
    at.button(key="inspect_prev").click().run()
    assert at.session_state["inspect_step"] == DEFAULTS["num_iterations"] - 1
    at.button(key="inspect_first").click().run()
    assert at.session_state["inspect_step"] == 0
    no_bad_numbers(at)


@pytest.mark.parametrize("l2", [0.0, 4.0])
def test_mapped_features_show_every_weight_and_the_l2_term(l2):
    features = ("x1", "x2", "x1²", "x2²", "x1·x2")
    state = {"kind": "circles", "features": features, "l2": l2, "learning_rate": 0.5}
    at = open_page(INSPECTOR, state=state)
    at.select_slider(key="ctl_inspect_step").set_value(12).run()
    at.number_input(key="ctl_inspect_example").set_value(10).run()  # i = 10: index 9
    run = _engine(**state)
    _check_numbers(at, run, 12, 9)
    graph = specs(at)[1]
    texts = " ".join(a["text"] for a in graph["layout"]["annotations"])
    for j in range(1, 6):
        assert f"dw<sub>{j}</sub>" in texts and f"w<sub>{j}</sub> = " in texts
    latex = " ".join(t.value for t in at.latex)
    assert ("frac{4}" in latex) == (l2 > 0)  # the (λ/m)·w term only with λ > 0
    no_bad_numbers(at)


def test_an_example_number_beyond_the_data_is_clamped():
    at = open_page(INSPECTOR, state={"inspect_example": 10_000, "inspect_step": 999_999})
    no_bad_numbers(at)
    m = _engine().prepared.X_train.shape[1]
    assert at.session_state["inspect_example"] == m - 1
    assert at.session_state["inspect_step"] == DEFAULTS["num_iterations"]


def test_the_derivation_steps_through_dz_with_the_inspected_examples_numbers():
    """Steps 1 … 4 of dz = a − y and the finite-difference check: the engine's derivation()."""
    from logreg_core.model import derivation

    at = open_page(INSPECTOR)
    at.select_slider(key="ctl_inspect_step").set_value(37).run()
    at.number_input(key="ctl_inspect_example").set_value(6).run()  # i = 6: index 5
    run = _engine()
    h, p = run.history, run.prepared
    k = h.index_of(37)
    d = derivation(h.w[k], h.b[k], p.X_train[:, 5], int(p.train.Y[0, 5]))
    assert any(s.value == "Derive dz = a − y for example 6, step by step" for s in at.subheader)

    def shown() -> str:
        return " ".join(t.value for t in at.latex)

    # one step at a time: step 1 shows da, not yet the product
    assert "frac{dL}{da} = -\\frac{y}{a}" in shown() and f"= {tex(d.da)}" in shown()
    assert "Bigl(" not in shown()
    at.select_slider(key="inspect_derive_step").set_value(4).run()
    latex = shown()
    for value in (d.da, d.dadz, d.product, d.dz):
        assert f"= {tex(value)}" in latex
    assert "a - y = " in latex and f"{tex(d.a)} - {d.y} = {tex(d.dz)}" in latex
    # beside it, the nudge of w1 and x1 · dz at the same point
    assert f"= {tex(d.fd_dw1, digits=10)}" in latex and f"= {tex(d.dw1, digits=10)}" in latex
    assert d.fd_error < 1e-5
    assert any(c.value.startswith("Relative difference") and "agree" in c.value for c in at.caption)
    # the derivation's dz is the step's dz of that example, as the metrics show it
    assert metrics(at)["dz"] == fmt(d.dz)
    no_bad_numbers(at)
