"""The hand on the Train page (issue 22), without a browser: a click on the cost surface
becomes the manual start, checked like any value of a setup; the run before stays drawn,
labelled with what changed, until it is cleared.

The browser half (a real click, a tap, the keyboard) is tests/browser/test_hand.py.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from logreg_core.figures.player import (
    BEFORE_ARRAYS,
    EXTRAS_MARK,
    kept_run,
    player_data,
    read_data,
    read_payload,
)
from logreg_core.model import example_values
from logreg_core.pipeline import run_setup
from logreg_core.setup import Setup
from tests.conftest import metrics, open_page
from tests.test_app_exports import download, media  # noqa: F401 (a fixture)
from ui.i18n import catalogue, t
from ui.player import START_FIELDS, start_changes
from ui.state import BEFORE, DEFAULTS
from ui.texts import fmt
from ui.training import CHANGED_FIELDS, before_label

TRAIN = "views/train.py"


def _setup(**changes) -> Setup:
    return Setup.from_mapping({**DEFAULTS, **changes})


def _extras(at) -> tuple[dict, dict]:
    """The extras block the page sent the player with its run: header and arrays."""
    (element,) = at.get("bidi_component")
    header, arrays, _ = read_data(element.proto.bytes)
    return header, arrays


def _click(at, value, event: str = "start") -> None:
    """What the browser sends when the player calls setTriggerValue(event, value), and the
    rerun it starts (AppTest has no way of its own to drive a component)."""
    from streamlit.components.v2.bidi_component.main import _make_trigger_id

    (element,) = at.get("bidi_component")
    states = at._tree.get_widget_states()
    trigger = states.widgets.add()
    trigger.id = _make_trigger_id(element.proto.id, "events")
    trigger.json_trigger_value = json.dumps([{"event": event, "value": value}])
    at._run(states)
    assert not at.exception, at.exception


# ---------------------------------------------------------------------------
# the click's value -> the manual start
# ---------------------------------------------------------------------------


def test_a_click_on_w1_w2_keeps_the_starts_b():
    value = {"axes": ["w1", "w2"], "values": [1.25, -0.5]}
    assert start_changes(value, _setup(), ("w1", "w2")) == {
        "init": "explicit",
        "w1": 1.25,
        "w2": -0.5,
        "b0": 0.0,  # a zeros start's b
    }
    manual = _setup(init="explicit", w1=3.0, w2=4.0, b0=-2.5)
    assert start_changes(value, manual, ("w1", "w2"))["b0"] == -2.5
    # a random start's b is 0 too (its w are drawn, its b is not)
    assert start_changes(value, _setup(init="random", b0=7.0), ("w1", "w2"))["b0"] == 0.0


def test_a_click_on_one_inputs_surface_sets_w_and_b():
    value = {"axes": ["w1", "b"], "values": [2, -1.5]}
    changes = start_changes(value, _setup(w2=9.0), ("w1", "b"))
    assert changes == {"init": "explicit", "w1": 2.0, "w2": 9.0, "b0": -1.5}
    assert type(changes["w1"]) is float  # as the field holds it


def _refusal(value, axes=("w1", "w2")) -> str:
    with pytest.raises(ValueError) as err:
        start_changes(value, _setup(), axes)
    return str(err.value)


@pytest.mark.parametrize("number", [60, -50.5, "1", True, None, [1], "**bold** [x](http://e.io)"])
def test_a_forged_number_is_refused_in_the_links_words(number):
    from ui.share import escape_markdown

    text = _refusal({"axes": ["w1", "w2"], "values": [0.5, number]})
    shown = escape_markdown(str(number))
    assert text == t("train.start_bad", name="w2", value=shown, expected="a number from -50 to 50")
    assert "**bold**" not in text and "](" not in text  # markup is shown as typed, not rendered


@pytest.mark.parametrize(
    "value",
    [
        None,
        "w1=1",
        [1, 2],
        {"values": [1, 2]},
        {"axes": ["w1", "w2"], "values": [1]},
        {"axes": ["w1", "w2"], "values": [1, 2, 3]},
        {"axes": ["w1", "b"], "values": [1, 2]},  # not the surface the page drew
        {"axes": "w1,w2", "values": [1, 2]},
    ],
)
def test_an_unreadable_click_is_refused(value):
    assert _refusal(value) == t("train.start_unreadable")


def test_a_surface_over_other_weights_sets_no_start():
    text = _refusal({"axes": ["w1", "w3"], "values": [1, 2]}, axes=("w1", "w3"))
    assert text == t("train.start_axes", u="w1", v="w3")
    assert set(START_FIELDS) == {("w1", "w2"), ("w1", "b")}


# ---------------------------------------------------------------------------
# the label of what changed
# ---------------------------------------------------------------------------


def test_every_field_that_trains_again_has_its_words_in_both_languages():
    for lang in ("en", "zh"):
        words = catalogue(lang)
        missing = [n for n in CHANGED_FIELDS if f"train.field_{n}" not in words]
        assert missing == []
    assert {"learning_rate", "num_iterations", "init", "w1", "features", "kind"} <= set(
        CHANGED_FIELDS
    )
    assert not {"n_frames", "frame_spacing", "surface_axes", "inspect_step"} & set(CHANGED_FIELDS)


@pytest.mark.parametrize(
    ("old", "new", "label"),
    [
        ({}, {"learning_rate": 1.0}, "before: α = 0.1"),
        ({"learning_rate": 0.5}, {}, "before: α = 0.5"),
        ({}, {"num_iterations": 50}, "before: iterations = 1,000"),
        ({}, {"l2": 0.5}, "before: λ = 0"),
        ({}, {"features": ("x1", "x2", "x1·x2")}, "before: features = x1, x2"),
        ({}, {"standardize": False}, "before: standardized = on"),
        ({}, {"kind": "moons"}, "before: data = linear · two separate blobs"),
        ({}, {"tol": 1e-6}, "before: tolerance = off"),
        ({}, {"test_share": 0.3}, "before: test share = 20 %"),
        # a start: zeros before, by its words; a manual start before, by its numbers
        ({}, {"init": "explicit", "w1": 1.0}, "before: start = zeros (w = 0, b = 0)"),
        (
            {"init": "explicit", "w1": 1.5, "w2": -2.0},
            {"init": "explicit", "w1": 0.25, "w2": -2.0},
            "before: w1 = 1.5",
        ),
        ({"init": "explicit", "w1": 1.5, "b0": 2.0}, {}, "before: w1 = 1.5, w2 = 0, b = 2"),
        # more than LABEL_MAX changes: the first ones, then "…"
        (
            {},
            {"learning_rate": 1.0, "num_iterations": 50, "l2": 1.0, "kind": "moons"},
            "before: data = linear · two separate blobs, α = 0.1, iterations = 1,000, …",
        ),
        # fields that do not count for the run change nothing it says
        ({}, {"n_frames": 50, "w1": 3.0}, "before: the earlier run"),
    ],
)
def test_the_label_names_each_change_by_its_value_before(old, new, label):
    assert before_label(_setup(**old), _setup(**new)) == label


def test_the_label_of_other_data():
    assert before_label(_setup(), _setup(), other_data=True) == "before: the earlier data"
    assert before_label(_setup(), _setup()) == "before: the earlier run"


# ---------------------------------------------------------------------------
# the player's data: extras in front of the payload
# ---------------------------------------------------------------------------


def test_the_extras_travel_in_front_of_the_unchanged_payload():
    from tests.test_player import _payload

    _, anim, payload = _payload({})
    kept = kept_run(anim)
    assert tuple(kept) == BEFORE_ARRAYS and all(a.dtype == np.float32 for a in kept.values())
    assert np.array_equal(kept["path1"], anim.surface.full1)
    assert np.array_equal(kept["cost"], anim.curve_cost)
    data = player_data(payload, before=kept, before_label="before: α = 0.1", clickable=True, play=3)
    assert data.startswith(EXTRAS_MARK) and data.endswith(payload)
    header, arrays, rest = read_data(data)
    assert rest == payload and header["before"] == {"label": "before: α = 0.1"}
    assert header["clickable"] is True and header["play"] == 3
    for name in BEFORE_ARRAYS:
        assert np.array_equal(arrays[name], kept[name])
    assert read_payload(data)[0] == read_payload(payload)[0]  # the run, past the extras
    alone = read_data(player_data(payload))
    assert alone[0]["before"] is None and alone[1] == {} and alone[2] == payload
    assert read_data(payload) == (None, {}, payload)
    with pytest.raises(ValueError, match=r"before lacks the arrays \['cost'\]"):
        player_data(payload, before={k: v for k, v in kept.items() if k != "cost"})


# ---------------------------------------------------------------------------
# the page: a click, a forged click, the run before and its clearing
# ---------------------------------------------------------------------------


def test_a_click_starts_a_run_there_once_played_from_its_first_frame(media):  # noqa: F811
    at = open_page(TRAIN)
    header, _ = _extras(at)
    assert header["clickable"] is True and header["play"] == 0 and header["before"] is None
    _click(at, {"axes": ["w1", "w2"], "values": [1.5, -2.25]})
    setup = {k: at.session_state[k] for k in ("init", "w1", "w2", "b0")}
    assert setup == {"init": "explicit", "w1": 1.5, "w2": -2.25, "b0": 0.0}
    link = {name: at.query_params[name] for name in ("init", "w1", "w2")}
    assert link == {"init": "explicit", "w1": "1.5", "w2": "-2.25"} and "b" not in at.query_params
    from tests.conftest import player

    _, arrays = player(at)
    engine = run_setup({**DEFAULTS, **setup}).history
    assert arrays["w"][0].tolist() == [1.5, -2.25] and arrays["b"][0] == 0.0
    assert np.array_equal(arrays["w"][-1], engine.w[-1])
    header, before = _extras(at)
    assert header["play"] == 1 and header["answered"] == 1
    assert header["before"] == {"label": "before: start = zeros (w = 0, b = 0)"}
    assert before["path1"][0] == 0.0 and before["path2"][0] == 0.0  # the zeros run's path
    # the Step inspector's numbers column and the manual start's inputs agree
    assert at.number_input(key="w1").value == 1.5 and at.number_input(key="w2").value == -2.25
    at.run()  # the next rerun plays nothing again
    assert _extras(at)[0]["play"] == 0
    assert not at.warning
    # the setup file holds the manual start, and the Step inspector opens on its run
    content, _ = download(at, media, "json")
    saved = json.loads(content)["setup"]
    assert {k: saved[k] for k in setup} == setup
    at.switch_page("views/inspector.py").run()
    assert not at.exception
    p = run_setup({**DEFAULTS, **setup}).prepared
    v = example_values(engine.w[0].reshape(-1, 1), engine.b[0], p.X_train, p.train.Y)
    assert metrics(at)["z"] == fmt(v.z[0]) != fmt(0.0)


@pytest.mark.parametrize(
    "value",
    [
        {"axes": ["w1", "w2"], "values": [99, 0]},
        {"axes": ["w1", "w2"], "values": ["<script>", 0]},
        {"axes": ["w1", "b"], "values": [1, 0]},
        "nonsense",
    ],
)
def test_a_forged_click_is_refused_and_the_run_stays(value):
    at = open_page(TRAIN)
    before = _extras(at)[0]
    _click(at, value)
    (warning,) = at.warning
    expected = (
        t("train.start_unreadable")
        if not isinstance(value, dict) or value["axes"] != ["w1", "w2"]
        else t(
            "train.start_bad",
            name="w1",
            value="99" if value["values"][0] == 99 else "\\<script\\>",
            expected="a number from -50 to 50",
        )
    )
    assert warning.value == expected
    assert at.session_state["init"] == "zeros" and "init" not in at.query_params
    header, _ = _extras(at)
    assert header["play"] == 0 and header["answered"] == before["answered"] + 1
    assert header["before"] is None  # nothing trained again
    at.run()
    assert not at.warning  # said once


def test_the_run_before_stays_until_cleared_and_comes_back_at_the_next_change():
    at = open_page(TRAIN)
    first = _extras(at)[1]
    assert first == {}
    alpha = DEFAULTS["learning_rate"]
    at.select_slider(key="learning_rate").set_value(1.0).run()
    header, before = _extras(at)
    assert header["before"] == {"label": "before: α = 0.1"}
    old = run_setup({**DEFAULTS, "learning_rate": alpha}).history
    assert before["steps"][-1] == old.steps[-1] and before["cost"][0] == np.float32(old.cost[0])
    assert at.button(key="train_clear_before").label == "Clear the earlier run"
    # a change that does not train again keeps it, still against the same run
    at.slider(key="ctl_n_frames").set_value(50).run()
    assert _extras(at)[0]["before"] == {"label": "before: α = 0.1"}
    at.button(key="train_clear_before").click().run()
    assert _extras(at)[0]["before"] is None and at.session_state[BEFORE] is None
    assert not [b for b in at.button if b.key == "train_clear_before"]
    at.select_slider(key="num_iterations").set_value(100).run()
    assert _extras(at)[0]["before"] == {"label": "before: iterations = 1,000"}


def test_the_label_speaks_the_pages_language():
    at = open_page(TRAIN, state={"lang": "zh"})
    at.select_slider(key="num_iterations").set_value(100).run()
    assert _extras(at)[0]["before"] == {"label": "之前：迭代次数 = 1,000"}
    assert at.button(key="train_clear_before").label == "清除上一次训练"


def test_one_inputs_surface_starts_from_the_clicked_w_and_b():
    at = open_page(TRAIN, state={"kind": "one_feature", "features": ("x1",)})
    header, _ = _extras(at)
    assert header["clickable"] is True
    assert t("train.click_hint") in [c.value for c in at.caption]
    _click(at, {"axes": ["w1", "b"], "values": [1.25, -0.5]})
    from tests.conftest import player

    _, arrays = player(at)
    assert arrays["w"][0].tolist() == [1.25] and arrays["b"][0] == -0.5
    assert at.session_state["init"] == "explicit" and at.session_state["b0"] == -0.5


def test_a_surface_over_other_weights_takes_no_click():
    state = {"kind": "xor", "features": ("x1", "x2", "x1·x2"), "surface_axes": (0, 2)}
    at = open_page(TRAIN, state=state)
    assert _extras(at)[0]["clickable"] is False
    assert t("train.click_hint") not in [c.value for c in at.caption]
    _click(at, {"axes": ["w1", "w3"], "values": [1.0, 2.0]})
    (warning,) = at.warning
    assert warning.value == t("train.start_axes", u="w1", v="w3")
    assert at.session_state["init"] == "zeros"
