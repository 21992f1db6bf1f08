"""The Scenarios page in AppTest: each card's button lands on Train with the preset's run.

The promised outcome is read off the page and compared with the same setup
run through logreg_core.pipeline.run_setup (the diverged message, the XOR
accuracy, the message on separable data …).
"""

from __future__ import annotations

import pytest

from logreg_core.pipeline import prepare, run_setup
from logreg_core.presets import PRESETS, preset
from logreg_core.separation import separation
from tests.conftest import metrics, no_bad_numbers, open_page
from ui.i18n import catalogue, t
from ui.state import DEFAULTS
from ui.texts import fmt, pct, stop_message

SCENARIOS = "views/presets.py"
KEYS = [p.key for p in PRESETS]


def open_preset(key: str, state: dict | None = None):
    at = open_page(SCENARIOS, state=state)
    assert not at.exception, at.exception
    at.button(key=f"preset_{key}").click().run()
    assert not at.exception, at.exception
    return at


def reference(key: str):
    return run_setup(preset(key).full_setup(DEFAULTS))


def page_message(key: str, history) -> tuple[str, str]:
    """The result message the Train page shows for a preset's run (as views/train.py asks)."""
    setup = preset(key).full_setup(DEFAULTS)
    p = prepare(setup)
    verdict = separation(p.X_train, p.train.Y).verdict
    return stop_message(
        history,
        tol=setup["tol"],
        patience=setup["patience"],
        standardized=setup["standardize"],
        separable={"separable": True, "minimum": False}.get(verdict),
    )


def shown_percent(text: str) -> float:
    return float(text.replace("%", "").strip()) / 100


def test_the_gallery_shows_every_preset_with_its_text_and_one_button():
    at = open_page(SCENARIOS)
    no_bad_numbers(at)
    assert at.title[0].value == t("presets.title", lang="en")
    shown = " ".join(m.value for m in at.markdown)
    for p in PRESETS:
        assert t(p.title_key, lang="en") in shown and t(p.watch_key, lang="en") in shown
        assert at.button(key=f"preset_{p.key}").label == t("presets.open", lang="en")


def test_the_gallery_in_chinese():
    at = open_page(SCENARIOS)
    at.segmented_control(key="lang").set_value("zh").run()
    assert not at.exception, at.exception
    zh = catalogue("zh")
    assert at.title[0].value == zh["presets.title"]
    shown = " ".join(m.value for m in at.markdown)
    for p in PRESETS:
        assert zh[p.title_key] in shown and zh[p.watch_key] in shown
    at.button(key="preset_xor_product").click().run()
    assert not at.exception, at.exception
    assert any(zh["presets.xor_product.title"] in i.value for i in at.info)


@pytest.mark.parametrize("key", KEYS)
def test_each_preset_lands_on_train_with_its_setup_and_its_run(key):
    # a control the preset does not name is reset to its default
    at = open_preset(key, state={"l2": 3.0, "n_frames": 17})
    no_bad_numbers(at)
    assert at.title[0].value.endswith("Train")
    p = preset(key)
    for name, value in p.full_setup(DEFAULTS).items():
        assert at.session_state[name] == value, name
    note = t("presets.active", lang="en", title=t(p.title_key), watch=t(p.watch_key))
    assert note in [i.value for i in at.info]
    r = reference(key)
    h = r.history
    shown = metrics(at)
    assert shown["steps made"] == f"{int(h.steps[-1]):,}"
    assert shown["cost J"] == fmt(h.cost[-1])
    assert shown["train accuracy"] == pct(h.accuracy[-1])
    level, text = page_message(key, h)
    assert text in [e.value for e in getattr(at, level)]


def test_alpha_too_large_shows_diverged():
    at = open_preset("alpha_large")
    h = reference("alpha_large").history
    assert h.stop_reason == "diverged"
    assert at.error and at.error[0].value == page_message("alpha_large", h)[1]


def test_alpha_too_small_shows_barely_moved():
    at = open_preset("alpha_small")
    h = reference("alpha_small").history
    assert (h.cost[0] - h.cost[-1]) / h.cost[0] < 0.01
    assert at.warning and at.warning[0].value == page_message("alpha_small", h)[1]


def test_xor_accuracy_with_a_line_and_with_x1x2():
    line = shown_percent(metrics(open_preset("xor_line"))["train accuracy"])
    product = metrics(open_preset("xor_product"))
    assert 0.4 <= line <= 0.65
    assert shown_percent(product["train accuracy"]) > 0.95
    assert shown_percent(product["test accuracy"]) > 0.95


def test_separable_data_says_w_keeps_growing():
    at = open_preset("separable")
    h = reference("separable").history
    level, text = page_message("separable", h)
    assert h.accuracy[-1] == 1.0 and level == "info"
    assert "λ" in text  # the message for separable data (it names the L2 penalty)
    assert text in [i.value for i in at.info]


def test_imbalanced_accuracy_is_about_always_saying_0():
    at = open_preset("imbalanced")
    r = reference("imbalanced")
    always_0 = float((r.prepared.train.Y == 0).mean())
    acc = shown_percent(metrics(at)["train accuracy"])
    assert always_0 >= 0.88 and abs(acc - always_0) <= 0.02


def test_unscaled_is_slower_than_standardized_on_the_same_steps():
    raw = metrics(open_preset("unscaled"))
    std = metrics(open_preset("standardized"))
    assert raw["steps made"] == std["steps made"]
    assert float(std["cost J"]) < float(raw["cost J"]) - 0.03


def test_the_reminder_goes_when_a_control_changes():
    at = open_preset("xor_product")
    title = t("presets.xor_product.title", lang="en")
    assert any(title in i.value for i in at.info)
    at.number_input(key="l2").set_value(0.5).run()
    assert not at.exception, at.exception
    assert not any(title in i.value for i in at.info)
