"""The Data page in AppTest: generate, upload (good and bad CSV files), edit, features."""

from __future__ import annotations

import re

import numpy as np
import pytest

from logreg_core import data
from logreg_core.csv_io import dataset_from_frame, dataset_to_frame, example_csv_bytes, load_csv
from logreg_core.data import KINDS, DataError, make_dataset, train_test_split
from logreg_core.setup import SPECS
from tests.conftest import decode, metrics, no_bad_numbers, open_page, specs
from ui import controls, i18n
from ui.data import apply_editor_changes
from ui.texts import FEATURE_HINTS, KIND_LABELS, engine_message, help_text

DATA = "views/data.py"


def _upload(at, name: str, content: bytes):
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    at.file_uploader(key="upload_file").set_value((name, content, "text/csv")).run()
    return at


def test_defaults_run_and_show_the_engines_data_set():
    at = open_page(DATA)
    no_bad_numbers(at)
    assert at.title[0].value.endswith("Data")
    ds = make_dataset("linear", 200, seed=0)
    train, test = train_test_split(ds, test_share=0.2, seed=0)
    shown = metrics(at)
    assert shown["examples m"] == "200"
    assert shown["training"] == f"{train.n_samples}" and shown["test"] == f"{test.n_samples}"
    assert shown["class 0"] == str(ds.class_counts[0])
    (scatter,) = specs(at)
    assert scatter["layout"]["xaxis"]["title"]["text"] == "x1"
    assert [t["name"] for t in scatter["data"]] == [
        "train · y = 0",
        "train · y = 1",
        "test · y = 0",
        "test · y = 1",
    ]
    assert at.multiselect(key="ctl_features").value == ["x1", "x2"]


def test_kind_noise_seed_change_the_plot():
    at = open_page(DATA)
    before = at.get("plotly_chart")[0].proto.spec
    at.selectbox(key="ctl_kind").set_value("xor").run()
    assert at.session_state["kind"] == "xor" and at.session_state["noise"] is None
    assert at.slider(key="ctl_noise").value == 0.5  # the kind's own default noise
    after = at.get("plotly_chart")[0].proto.spec
    assert after != before
    at.slider(key="ctl_noise").set_value(1.0).run()
    assert at.session_state["noise"] == 1.0
    seed = at.session_state["seed"]
    new_seed = next(b for b in at.button if b.label.endswith("New seed"))
    new_seed.click().run()
    assert at.session_state["seed"] != seed
    assert at.get("plotly_chart")[0].proto.spec != after
    no_bad_numbers(at)


def test_one_input_data_keeps_only_the_features_it_can_use():
    at = open_page(DATA, state={"features": ("x1", "x2", "x1²")})
    at.selectbox(key="ctl_kind").set_value("one_feature").run()
    assert at.session_state["features"] == ("x1", "x1²")
    assert set(at.multiselect(key="ctl_features").options) == {"x1", "x1²", "sin x1"}
    (scatter,) = specs(at)
    assert scatter["layout"]["yaxis"]["title"]["text"].startswith("label y")
    at.selectbox(key="ctl_kind").set_value("moons").run()
    assert "x2" in at.session_state["features"] or at.session_state["features"] == ("x1", "x1²")


def _stripes(rng, n_neg, n_pos, noise):
    """A kind registered by a test: two vertical stripes, class 1 at x1 > 0."""
    X0 = np.vstack([-rng.uniform(0.5, 2.0, n_neg), rng.uniform(-2.0, 2.0, n_neg)])
    X1 = np.vstack([rng.uniform(0.5, 2.0, n_pos), rng.uniform(-2.0, 2.0, n_pos)])
    return X0 + noise * rng.standard_normal(X0.shape), X1 + noise * rng.standard_normal(X1.shape)


#: The words of the registered kind, in both languages.
STRIPES_WORDS = {
    "en": {"texts.kind_stripes": "stripes · two bands", "texts.hint_stripes": "Try x1 alone."},
    "zh": {"texts.kind_stripes": "stripes · 两条带", "texts.hint_stripes": "只用 x1 试试。"},
}


@pytest.fixture
def stripes(monkeypatch):
    """A new kind, "stripes", registered for one test: its entry, its words, and the names
    the app reads at import (the picker's list, the noise table, Setup's choices)."""
    monkeypatch.setitem(data.KINDS, "stripes", data.Kind("stripes", _stripes, noise=0.15))
    monkeypatch.setitem(data.DEFAULT_NOISE, "stripes", 0.15)
    monkeypatch.setattr(controls, "DATASET_KINDS", (*data.DATASET_KINDS, "stripes"))
    words = {lang: {**i18n.catalogue(lang), **STRIPES_WORDS[lang]} for lang in i18n.LANGUAGES}
    monkeypatch.setattr(i18n, "catalogue", words.__getitem__)
    spec = SPECS["kind"]  # a frozen Spec, shared by Setup's field and the link's decoder
    choices = spec.choices
    object.__setattr__(spec, "choices", (*choices, "stripes"))
    try:
        yield "stripes"
    finally:
        object.__setattr__(spec, "choices", choices)


def test_a_registered_kind_has_its_words(stripes):
    assert list(KIND_LABELS)[-1] == stripes and len(KIND_LABELS) == len(data.DATASET_KINDS) + 1
    for lang in i18n.LANGUAGES:
        words = STRIPES_WORDS[lang]
        assert i18n.t(KINDS[stripes].label_key, lang) == words["texts.kind_stripes"]
        assert i18n.t(KINDS[stripes].hint_key, lang) == words["texts.hint_stripes"]
    assert KIND_LABELS[stripes] == "stripes · two bands"  # the session's language: English
    assert FEATURE_HINTS[stripes] == "Try x1 alone."
    assert "stripes 0.15" in help_text("noise")


def test_a_registered_kind_goes_through_the_data_pages_picker(stripes):
    at = open_page(DATA)
    assert at.selectbox(key="ctl_kind").options[-1] == "stripes · two bands"
    at.selectbox(key="ctl_kind").set_value(stripes).run()
    assert not at.exception, at.exception
    assert at.session_state["kind"] == stripes and at.session_state["noise"] is None
    assert at.slider(key="ctl_noise").value == 0.15  # the kind's own default noise
    assert "Try x1 alone." in [c.value for c in at.caption]
    ds = make_dataset(stripes, 200, seed=0)
    train, _ = train_test_split(ds, test_share=0.2, seed=0)
    assert metrics(at)["training"] == f"{train.n_samples}"
    (scatter,) = specs(at)
    assert len(scatter["data"]) == 4  # train and test, y = 0 and y = 1
    no_bad_numbers(at)


def test_the_example_csv_goes_through_the_page():
    at = open_page(DATA)
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    example = [b for b in at.get("download_button") if "example" in b.proto.label.lower()]
    assert example, "the page offers a small example CSV"
    _upload(at, "students.csv", example_csv_bytes())
    no_bad_numbers(at)
    assert not at.error
    ds = load_csv(example_csv_bytes())
    assert metrics(at)["examples m"] == str(ds.n_samples)
    assert at.selectbox(key="ctl_csv_label").value == "passed"
    assert at.multiselect(key="ctl_csv_features").value == ["hours_studied", "hours_slept"]
    (scatter,) = specs(at)
    assert scatter["layout"]["xaxis"]["title"]["text"] == "hours_studied"
    assert any("Loaded 40 examples" in c.value for c in at.caption)  # the notes
    # the positive class can be swapped
    at.selectbox(key="ctl_csv_positive").set_value("0").run()
    swapped = load_csv(example_csv_bytes(), positive="0")
    assert metrics(at)["class 1 (0)"] == f"{swapped.class_counts[1]}"  # y = 1 is now "0"
    # and the Train page trains on it
    at.switch_page("views/train.py").run()
    no_bad_numbers(at)
    assert "cost J" in metrics(at)


def test_a_csv_with_one_feature_column_and_text_labels():
    content = b"height,kind\n1.0,cat\n2.0,dog\n1.5,cat\n2.5,dog\n1.2,cat\n2.2,dog\n,dog\n"
    at = _upload(open_page(DATA), "pets.csv", content)
    no_bad_numbers(at)
    assert not at.error
    assert metrics(at)["examples m"] == "6"
    assert any("Excluded 1 row" in c.value for c in at.caption)


BAD_FILES = [
    ("empty.csv", b"", "empty"),
    ("one.csv", b"only\n1\n2\n3\n", "column"),
    ("three.csv", b"x,y\n1,a\n2,b\n3,c\n4,a\n", "classes"),
    ("text.csv", b"x,y\n1,0\nabc,1\n2,0\n3,1\n", "not a number"),
    ("binary.csv", bytes(range(256)) * 4, "text"),
]


@pytest.mark.parametrize("name, content, words", BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_a_bad_csv_shows_an_error_in_plain_words_and_no_exception(name, content, words):
    at = _upload(open_page(DATA), name, content)
    assert not at.exception, at.exception
    errors = " ".join(e.value for e in at.error)
    assert words in errors.lower()
    with pytest.raises(DataError) as err:
        load_csv(content)
    shown = re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", errors).replace("\u2060", "")  # as shown
    assert engine_message(err.value, lang="en") in shown  # the page words the engine's code
    # the other pages say what to do instead of failing
    at.switch_page("views/train.py").run()
    assert not at.exception and (at.error or at.info)


def test_upload_source_without_a_file_explains_itself():
    at = open_page(DATA)
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    assert not at.exception and any("Upload" in i.value for i in at.info)
    at.switch_page("views/inspector.py").run()
    assert not at.exception and at.info


def test_an_edited_table_becomes_the_data_set():
    base = make_dataset("gauss", 50, seed=2)
    frame = apply_editor_changes(
        dataset_to_frame(base),
        {
            "edited_rows": {0: {"x1": 9.0}},
            "added_rows": [{"x1": -9.0, "x2": 9.0, "y": 1}],
            "deleted_rows": [3, 4],
        },
    )
    assert len(frame) == 49 and frame.loc[0, "x1"] == 9.0 and frame.iloc[-1]["x2"] == 9.0
    edited = dataset_from_frame(frame, feature_names=("x1", "x2"), label_name="y")
    at = open_page(
        DATA,
        state={
            "_edited": {"dataset": edited, "digest": "test-edit"},
            "source": "edited",
        },
    )
    no_bad_numbers(at)
    assert metrics(at)["examples m"] == "49"
    assert any("edited table" in i.value for i in at.info)
    shown = sum(decode(t["x"]).size for t in specs(at)[0]["data"])
    assert shown == 49  # every example is in the plot
    discard = next(b for b in at.button if "Discard" in b.label)
    discard.click().run()
    assert at.session_state["source"] == "generated" and "_edited" not in at.session_state


def test_an_invalid_edit_is_explained():
    base = make_dataset("gauss", 10, seed=2)
    frame = apply_editor_changes(dataset_to_frame(base), {"added_rows": [{"x1": 1.0}]})
    with pytest.raises(DataError, match=r"^table_cell_empty\(row=11, column=\"'x2'\"\)$"):
        dataset_from_frame(frame, feature_names=("x1", "x2"), label_name="y")
