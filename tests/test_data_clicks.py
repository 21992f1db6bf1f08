"""A click on the Train page's data panel (issue 22, item 2), without a browser: a training
example added where the student clicks, of the class chosen beside the figure, or one a click
added removed; the table editor's route, limits and words; the split of the other examples
unchanged; and what travels in a link or a setup file.

The browser half (a real click and a tap) is tests/browser/test_hand.py.
"""

from __future__ import annotations

import json

import numpy as np
import pytest

from logreg_core.animation import data_bounds
from logreg_core.data import MAX_ROWS, DataError, Dataset, make_dataset, train_test_split
from logreg_core.figures.player import added_points, player_data, read_data
from logreg_core.figures.playground import drawn_points
from logreg_core.pipeline import prepare, train_prepared
from tests.conftest import open_page, player
from tests.test_app_exports import download, media  # noqa: F401 (a fixture)
from tests.test_player_clicks import _click, _extras
from ui.data import click_changes, edited_dataset
from ui.i18n import t
from ui.state import DEFAULTS, EDITED
from ui.texts import engine_message, md_plain

TRAIN = "views/train.py"


def _blobs(m: int = 40, seed: int = 3) -> Dataset:
    return make_dataset("linear", m, seed=seed)


# ---------------------------------------------------------------------------
# the engine: points a click added are training examples, and move no other example
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0.0, 0.2, 0.5])
@pytest.mark.parametrize("k", [1, 3])
def test_added_points_go_to_training_and_the_others_split_as_before(share, k):
    base = _blobs()
    extra = np.array([[0.1, -1.0, 2.0][:k], [0.2, 0.5, -2.0][:k]])
    grown = Dataset(
        np.hstack([base.X, extra]), np.hstack([base.Y, [[1, 0, 1][:k]]]), base.feature_names
    )
    train0, test0 = train_test_split(base, test_share=share, seed=5)
    train1, test1 = train_test_split(grown, test_share=share, seed=5, keep_training=k)
    assert np.array_equal(test1.X, test0.X) and np.array_equal(test1.Y, test0.Y)
    assert np.array_equal(train1.X[:, :-k], train0.X) and np.array_equal(train1.X[:, -k:], extra)
    assert train1.Y[0, -k:].tolist() == [1, 0, 1][:k]
    # prepare passes it on
    p = prepare({**DEFAULTS, "test_share": share, "seed": 5}, grown, keep_training=k)
    assert np.array_equal(p.train.X, train1.X)


@pytest.mark.parametrize("bad", [-1, 41, 1.5, True])
def test_keep_training_out_of_range_is_refused_by_name(bad):
    with pytest.raises(ValueError, match=r"keep_training must be"):
        train_test_split(_blobs(), keep_training=bad)


def test_added_points_are_drawn_where_the_player_draws_every_training_point():
    for n in (1, 2):
        X = np.random.default_rng(0).normal(size=(n, 30))
        Y = (np.arange(30) % 2).reshape(1, -1)
        _, x, y, label = drawn_points(X, Y, 0)
        ax, ay, alabel = added_points(X, Y, 4)
        assert np.array_equal(ax, x[-4:]) and np.array_equal(ay, y[-4:])
        assert np.array_equal(alabel, label[-4:])
    assert all(a.size == 0 for a in added_points(X, Y, 0))


def test_the_extras_carry_the_added_points_and_the_class_a_click_adds():
    payload = b"\x02\x00\x00\x00{}"
    header, arrays, rest = read_data(
        player_data(
            payload,
            addable=True,
            added=(np.array([0.5]), np.array([-1.0]), np.array([0])),
            add_class=0,
        )
    )
    assert rest == payload and header["addable"] is True and header["add_class"] == 0
    assert arrays["added_x"].tolist() == [0.5] and arrays["added_class"].tolist() == [0]
    header, arrays, _ = read_data(
        player_data(
            payload, addable=True, added=added_points(np.zeros((2, 3)), np.zeros((1, 3)), 0)
        )
    )
    assert "added_x" not in arrays  # none added: nothing sent


# ---------------------------------------------------------------------------
# the click's value -> the table editor's edit
# ---------------------------------------------------------------------------


def test_a_click_adds_a_row_of_the_chosen_class_and_its_second_click_removes_it():
    base = _blobs()
    (lo1, hi1), (lo2, _) = data_bounds(base.X)
    point = [(lo1 + hi1) / 2, lo2]  # on the box's edge still counts
    for label in (0, 1):
        changes, added = click_changes({"add": point}, base, added=0, label=label)
        assert (
            changes == {"added_rows": [{"x1": point[0], "x2": point[1], "y": label}]} and added == 1
        )
        grown = edited_dataset(base, changes)
        assert grown.n_samples == base.n_samples + 1
        assert grown.X[:, -1].tolist() == point and grown.Y[0, -1] == label
        assert np.array_equal(grown.X[:, :-1], base.X)
        changes, added = click_changes({"remove": 0}, grown, added=1, label=1 - label)
        assert changes == {"deleted_rows": [base.n_samples]} and added == 0
        back = edited_dataset(grown, changes)
        assert np.array_equal(back.X, base.X) and np.array_equal(back.Y, base.Y)


def test_one_input_adds_x1_only():
    base = make_dataset("one_feature", 30, seed=1)
    changes, _ = click_changes({"add": [0.25]}, base, added=0, label=1)
    assert changes["added_rows"] == [{"x1": 0.25, "y": 1}]


@pytest.mark.parametrize(
    "value",
    [
        {"add": [99.0, 0.0]},  # outside the panel's box
        {"add": [float("nan"), 0.0]},
        {"add": [True, 0.0]},
        {"add": ["0.5", 0.0]},
        {"add": [0.5]},  # one number for two inputs
        {"add": [0.5, 0.0], "remove": 0},
        {"remove": 0},  # no point was added
        {"remove": True},
        "nonsense",
        None,
    ],
)
def test_a_forged_click_is_refused_in_words(value):
    with pytest.raises(DataError, match="click_unreadable"):
        click_changes(value, _blobs(), added=0, label=1)


def test_a_click_meets_the_table_editors_limit_in_its_words():
    X = np.zeros((2, MAX_ROWS))
    X[0, ::2] = 1.0
    full = Dataset(X, (np.arange(MAX_ROWS) % 2).reshape(1, -1), ("x1", "x2"))
    changes, _ = click_changes({"add": [0.5, 0.0]}, full, added=0, label=1)
    with pytest.raises(DataError, match="table_too_many_rows") as err:
        edited_dataset(full, changes)
    assert md_plain(engine_message(err.value)) == md_plain(
        t("errors.table_too_many_rows", rows=MAX_ROWS + 1, max_rows=MAX_ROWS)
    )


# ---------------------------------------------------------------------------
# the page
# ---------------------------------------------------------------------------


def _training_points(at) -> tuple[np.ndarray, np.ndarray]:
    _, arrays = player(at)
    train = arrays["ppart"] == 0
    return np.vstack([arrays["px"][train], arrays["py"][train]]), arrays["pclass"][train]


def test_a_click_on_the_data_adds_a_training_example_and_a_second_click_removes_it():
    at = open_page(TRAIN)
    header, _ = _extras(at)
    assert header["addable"] is True and header["add_class"] == 1
    assert t("train.add_note", edited=t("texts.source_edited")) in [c.value for c in at.caption]
    points, classes = _training_points(at)
    m = points.shape[1]
    at.segmented_control(key="train_add_class").set_value(0).run()
    assert _extras(at)[0]["add_class"] == 0
    _click(at, {"add": [0.5, 0.25]}, "point")
    assert at.session_state["source"] == "edited"
    grown, grown_classes = _training_points(at)
    assert grown.shape[1] == m + 1 and grown_classes[-1] == 0
    assert np.allclose(grown[:, -1], [0.5, 0.25]) and np.array_equal(grown[:, :-1], points)
    header, arrays = _extras(at)
    assert header["before"] == {"label": t("train.before_added")} and header["play"] == 1
    assert arrays["added_x"].tolist() == [0.5] and arrays["added_class"].tolist() == [0]
    # the engine's run on the grown data set, the point held in the training part
    dataset = at.session_state[EDITED]["dataset"]
    p = prepare(DEFAULTS, dataset, keep_training=1)
    engine = train_prepared(p, DEFAULTS).history
    assert p.train.n_samples == m + 1 and np.array_equal(p.test.X, prepare(DEFAULTS).test.X)
    _, anim = player(at)
    assert np.array_equal(anim["w"][-1], engine.w[-1]) and anim["b"][-1] == engine.b[-1]
    _click(at, {"remove": 0}, "point")
    back, back_classes = _training_points(at)
    assert np.array_equal(back, points) and np.array_equal(back_classes, classes)
    header, arrays = _extras(at)
    assert header["before"] == {"label": t("train.before_removed")} and "added_x" not in arrays
    assert not at.warning or all("cannot travel" in w.value for w in at.warning)


def test_a_forged_click_on_the_data_changes_nothing_and_is_said_once():
    at = open_page(TRAIN)
    points, _ = _training_points(at)
    _click(at, {"add": [1e300, 0.0]}, "point")
    (warning,) = at.warning
    assert warning.value == md_plain(t("errors.click_unreadable"))
    assert at.session_state["source"] == "generated"
    assert np.array_equal(_training_points(at)[0], points)
    at.run()
    assert not at.warning


def test_the_points_travel_in_no_link_and_no_setup_file(media):  # noqa: F811
    at = open_page(TRAIN)
    m = _training_points(at)[0].shape[1]
    _click(at, {"add": [0.5, 0.25]}, "point")
    assert _training_points(at)[0].shape[1] == m + 1
    assert at.query_params["src"] == "edited"  # the link says so, and carries no point
    assert not any("0.25" in str(v) for v in at.query_params.values())
    content, _ = download(at, media, "json")
    saved = json.loads(content)
    assert saved["setup"]["source"] == "edited" and b"0.25" not in content
    # whoever opens the link gets the generated data, without the point
    from tests.test_app_share import app_with

    other = app_with({k: v for k, v in at.query_params.items()})
    other.switch_page(TRAIN).run()
    assert not other.exception and _training_points(other)[0].shape[1] == m
