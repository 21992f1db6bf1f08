"""Values from outside (setup files, links, file names, the table editor) cannot break a page.

One validator (:func:`logreg_core.setup.check_value`) takes every control's
value, whether it comes from a setup file, a link or the session; a setup
file is read once, with its size and nesting bounded before it is parsed; a
student's file name is quoted as text, never as markdown; and the table
editor keeps the limits of a CSV file.
"""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest

from logreg_core.csv_io import dataset_from_frame, dataset_to_frame, example_csv_bytes
from logreg_core.data import MAX_ROWS, DataError, make_dataset
from logreg_core.export import (
    MAX_SETUP_BYTES,
    MAX_SETUP_DEPTH,
    SETUP_FORMAT,
    SetupFileError,
    parse_setup_json,
    read_setup_file,
    setup_json,
)
from logreg_core.setup import DEFAULTS, MAX_NAMES, MAX_TEXT, Setup, check_text, check_value
from tests.conftest import APP_TIMEOUT, no_bad_numbers, open_page
from ui.i18n import LANGUAGES, t
from ui.share import decode, escape_markdown, problem_text
from ui.texts import engine_message, md_plain

TRAIN = "views/train.py"
DATA = "views/data.py"
LOADER = "setup_file_{}"
SURROGATE = "\ud800"
#: The tester's setup file: valid JSON, a lone surrogate escape as the label column.
SURROGATE_FILE = b'{"format": "' + SETUP_FORMAT.encode() + b'", "setup": {"csv_label": "\\ud800"}}'
#: The tester's file name: bold, a link and red text if it were read as markdown.
MARKDOWN_NAME = "**bold** [link](https:__x.example) :red[x].json"


def short_id(value) -> str:
    """A test id of a few characters, whatever the value (pytest would write it whole)."""
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10**20:
        return "huge-int"
    text = ascii(value)
    return text[:24] + f"~{len(text)}" if len(text) > 24 else text


def setup_file(setup: dict, **extra) -> bytes:
    return json.dumps({"format": SETUP_FORMAT, "setup": setup, **extra}).encode()


# ----------------------------------------------------------------------------
# the one validator
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, value, match",
    [
        ("csv_label", SURROGATE, r"csv_label must be valid Unicode text, got a lone surrogate"),
        ("csv_positive", "yes" + "\udfff", r"csv_positive must be valid Unicode text.*character 4"),
        ("csv_features", ("a", SURROGATE), r"csv_features must be valid Unicode text"),
        ("csv_label", "x" * 90_000, r"csv_label must be at most 200 characters long, got 90,000"),
        ("csv_features", ("a", "b" * 201), r"csv_features must be at most 200 characters long"),
        ("csv_features", ("a", "b", "c"), r"csv_features must hold at most 2 column names, got 3"),
        ("csv_positive", 10**400, r"csv_positive must be at most 200 characters long"),
        ("csv_positive", float("nan"), r"csv_positive must be a column name or a finite label"),
        ("n_samples", 10**5000, r"n_samples must be from 10 to 100000, got a number of more"),
        ("features", ["x1"] * 30_000, r"features must hold at most 7 feature maps, got 30,000"),
        ("features", ["q" * 1000], r"features must be at most 200 characters long, got 1,000"),
        ("kind", "k" * 90_000, r"kind must be one of \[.*\], got 'k{39}…$"),
    ],
    ids=short_id,
)
def test_check_value_refuses_what_no_page_can_hold(name, value, match):
    with pytest.raises(ValueError, match=match) as err:
        check_value(name, value)
    message = str(err.value)
    assert len(message) < 400, "a refused value is cut, never echoed whole"
    message.encode("utf-8")  # the message itself can be shown or logged


def test_check_value_keeps_what_a_file_can_hold():
    longest = "é" * MAX_TEXT
    assert check_value("csv_label", longest) == longest
    assert check_value("csv_features", ["a", longest]) == ("a", longest)
    assert check_value("csv_positive", 3) == 3 and check_value("csv_positive", 2.5) == 2.5
    assert len(check_value("csv_features", ["a"] * MAX_NAMES)) == MAX_NAMES
    with pytest.raises(ValueError, match=r"csv_label must be at most 200 characters long"):
        Setup(csv_label=longest + "x")
    with pytest.raises(ValueError, match=r"name must be text, got 5"):
        check_text("name", 5)
    with pytest.raises(ValueError, match=r"name must be at most 3 characters long, got 4"):
        check_text("name", "abcd", limit=3)


def test_a_setup_holding_any_valid_value_downloads_as_utf8():
    setup = Setup(csv_label="é" * MAX_TEXT, csv_features=("a", "b"), csv_positive="yes")
    setup_json(setup).encode("utf-8")


# ----------------------------------------------------------------------------
# setup files: one bounded parse, every failure a SetupFileError
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, code",
    [
        (b"[" * 30_000 + b"]" * 30_000, "bad_nesting"),
        (b'{"a": ' * 10_000 + b"1" + b"}" * 10_000, "bad_nesting"),
        (b"[" * (MAX_SETUP_DEPTH + 1) + b"]" * (MAX_SETUP_DEPTH + 1), "bad_nesting"),
        (b'"' + b'\\"' * 40_000, "bad_json"),  # an escaped quote after another: one pass
        (b'{"format": "\xff\xfe\xfa"}', "bad_json"),  # not UTF-8
        (b"\xed\xa0\x80", "bad_json"),  # a surrogate encoded as UTF-8 bytes
        (
            setup_file({"seed": 1}).replace(b"1}", b"9" * 5000 + b"}"),
            "bad_json",
        ),
        (SURROGATE_FILE, "bad_text"),
        (setup_file({"seed": 3}).replace(b'"seed"', b'"\\udc00"'), "bad_text"),
        (
            setup_file({"seed": 3}, result={"stop_reason": "\\ud83d"}).replace(b"\\\\", b"\\"),
            "bad_text",
        ),
        (b" " * (MAX_SETUP_BYTES + 1), "too_big"),
        (b"[1, 2, 3]", "bad_format"),
        (b'"just text"', "bad_format"),
        (b"NaN", "bad_format"),
        (b"", "bad_json"),
        (json.dumps({"format": SETUP_FORMAT, "setup": [1]}).encode(), "bad_empty"),
    ],
    ids=short_id,
)
def test_any_bad_setup_file_is_a_setup_file_error_with_a_code(raw, code):
    with pytest.raises(SetupFileError, match=rf"^{code}$") as err:
        parse_setup_json(raw, DEFAULTS)
    assert err.value.code == code
    with pytest.raises(SetupFileError, match=rf"^{code}$"):
        read_setup_file(raw.decode("latin-1") if code == "too_big" else raw, DEFAULTS)


def test_every_setup_file_error_has_words_in_both_languages():
    codes = ("too_big", "bad_json", "bad_nesting", "bad_text", "bad_format", "bad_empty")
    for lang in LANGUAGES:
        for code in codes:
            words = t(f"exports.{code}", lang, name="f.json", size="120")
            assert "f.json" in words and "{" not in words, (lang, code)


def test_a_setup_file_is_read_once_with_its_result():
    raw = setup_file({"seed": 7, "noise": None}, result={"steps": 12, "J": 0.5})
    file = read_setup_file(raw, DEFAULTS)
    assert file.values == {"seed": 7, "noise": None}
    assert file.result == {"steps": 12, "J": 0.5}
    assert read_setup_file(setup_file({"seed": 7}, result=[1]), DEFAULTS).result is None
    # NaN is a value the validator drops (one control), not a broken file
    nan = raw.replace(b'"noise": null', b'"noise": NaN')
    assert (
        read_setup_file(nan, DEFAULTS).values["noise"]
        != read_setup_file(nan, DEFAULTS).values["noise"]
    )
    # brackets inside strings are text, not nesting; the app's own files are depth 3
    brackets = setup_file({"csv_label": "[{" * 90})
    assert read_setup_file(brackets, DEFAULTS).values == {"csv_label": "[{" * 90}
    assert read_setup_file(setup_file({"seed": 1}).decode("utf-8").encode("utf-16"), DEFAULTS)


# ----------------------------------------------------------------------------
# file names and column names as text, never markdown
# ----------------------------------------------------------------------------

#: Every way a name could turn into formatting, a link, math, HTML or a block.
MARKDOWN_TRAPS = [
    MARKDOWN_NAME,
    "$x^2$ and $$y$$",
    "<b>bold</b><script>alert(1)</script>",
    "a\n\n    code block\n# heading\n- item",
    "x@example.org www.example.org https://example.org",
    "`code` ~~gone~~ _it_ > quote | table |",
    ":material/home: :smile: :blue-background[x]",
    "lone " + SURROGATE + " surrogate\u2028line",
]


def _shown(markdown: str) -> str:
    """What markdown shows of an escaped text: each backslash escape read as its sign."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


@pytest.mark.parametrize("text", MARKDOWN_TRAPS)
@pytest.mark.parametrize("escape", [md_plain, escape_markdown], ids=["md_plain", "escape"])
def test_a_name_is_neutralised_for_markdown(text, escape):
    out = escape(text) if escape is md_plain else escape(text, limit=1000)
    out.encode("utf-8")
    assert not re.search(r"[\x00-\x1f\u2028\u2029]", out), "no line break: no block"
    bare = re.sub(r"\\[!-/:-@\[-`{-~]", "", out)  # every escaped sign left out
    assert re.search(r"[!-/:-@\[-`{-~]", bare) is None, out  # no sign is left bare
    assert re.search(r"(?i)(?<!\u2060)\\:|\\@(?!\u2060)|www", out) is None, "no autolink"
    lone = "\ufffd" if escape is md_plain else " "  # escape_markdown: not printable, a space
    expected = re.sub(r"[\x00-\x1f\u2028\u2029]", " ", text).replace(SURROGATE, lone)
    assert _shown(out) == expected


def _loader_script():
    from ui.exports import setup_loader
    from ui.state import init_state

    init_state()
    setup_loader()


def _load(at, name: str, content: bytes, version: int = 0):
    at.file_uploader(key=LOADER.format(version)).set_value((name, content, "application/json"))
    at.run()
    assert not at.exception, at.exception
    return at


def test_the_setup_loader_shows_a_file_name_as_text():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_loader_script, default_timeout=APP_TIMEOUT).run()
    _load(at, MARKDOWN_NAME, b"not json")
    (error,) = at.error
    assert error.value == t("exports.bad_json", "en", name=escape_markdown(MARKDOWN_NAME, limit=80))
    _load(at, MARKDOWN_NAME, setup_file({"seed": 4}), version=1)
    (success,) = at.success
    for shown in (error.value, success.value):
        assert "**bold**" not in shown and "[link](" not in shown and ":red[" not in shown
        assert _shown(shown).startswith(MARKDOWN_NAME) or MARKDOWN_NAME in _shown(shown)
    long_name = "n" * 5000 + ".json"
    _load(at, long_name, b"[]", version=2)
    assert len(at.error[0].value) < 400, "a long file name is cut"


def _upload_csv(at, name: str = "students.csv"):
    at.switch_page(DATA).run()
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    at.file_uploader(key="upload_file").set_value((name, example_csv_bytes(), "text/csv")).run()
    assert not at.exception, at.exception
    return at


def test_the_data_page_and_the_sidebar_show_the_csv_name_as_text(monkeypatch):
    csv_name = MARKDOWN_NAME.replace(".json", ".csv")
    at = _upload_csv(open_page(), csv_name)
    captions = [c.value for c in at.caption]
    assert t("data.using_file", "en", name=md_plain(csv_name), size="757 bytes") in captions or any(
        md_plain(csv_name) in c for c in captions
    ), captions
    assert not any("**bold**" in c or "[link](" in c for c in captions)
    # the sidebar's data label (AppTest keeps only the first run's sidebar: called here)
    import ui.data
    from ui.data import Current, data_key_label

    monkeypatch.setattr(ui.data.st, "session_state", {"_upload": {"name": csv_name}})
    current = Current(Setup(source="uploaded"), data_key=(("source", "uploaded"),))
    label = data_key_label(current)
    assert label == t("data.key_uploaded", "en", name=md_plain(csv_name))
    assert "**bold**" not in label and _shown(md_plain(csv_name)) == csv_name


# ----------------------------------------------------------------------------
# the tester's setup files, through the app
# ----------------------------------------------------------------------------


def _pages_run(at):
    for page in (TRAIN, DATA, TRAIN):
        at.switch_page(page).run()
        no_bad_numbers(at)


def test_the_surrogate_setup_file_is_refused_and_every_page_still_runs():
    at = _upload_csv(open_page())
    label = at.session_state["csv_label"]
    _load(at, "evil.json", SURROGATE_FILE)
    assert at.session_state["_setup_loader_version"] == 1, "the file was read"
    assert at.session_state["csv_label"] == label
    from ui.exports import restore_setup

    assert restore_setup({"csv_label": SURROGATE})[1] == ["csv_label"]
    _pages_run(at)
    words = t("exports.bad_text", "en", name=escape_markdown("evil.json"))
    from streamlit.testing.v1 import AppTest

    loader = AppTest.from_function(_loader_script, default_timeout=APP_TIMEOUT).run()
    assert [e.value for e in _load(loader, "evil.json", SURROGATE_FILE).error] == [words]


def test_a_surrogate_or_a_huge_label_in_the_session_is_put_back_to_its_default():
    """Whatever put it there: every rerun validates the session (ui.state.current_setup)."""
    for bad in (SURROGATE, "x" * 90_000):
        at = _upload_csv(open_page())
        at.session_state["csv_label"] = bad
        at.session_state["csv_positive"] = bad
        _pages_run(at)
        assert at.session_state["csv_label"] != bad
        assert at.session_state["csv_positive"] != bad


def test_a_huge_label_in_a_setup_file_is_dropped_with_a_notice():
    raw = setup_file({"csv_label": "x" * 90_000, "seed": 5})
    assert len(raw) < MAX_SETUP_BYTES
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_loader_script, default_timeout=APP_TIMEOUT).run()
    _load(at, "big.json", raw)
    assert [w.value for w in at.warning] == [t("exports.dropped", "en", keys="csv_label")]
    assert at.session_state["csv_label"] is None and at.session_state["seed"] == 5
    app = _load(open_page(), "big.json", raw)
    _pages_run(app)


def test_the_deeply_nested_file_is_not_a_setup_file():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(_loader_script, default_timeout=APP_TIMEOUT).run()
    _load(at, "deep.json", b"[" * 30_000 + b"]" * 30_000)
    assert [e.value for e in at.error] == [
        t("exports.bad_nesting", "en", name=escape_markdown("deep.json"))
    ]


# ----------------------------------------------------------------------------
# links
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, value",
    [
        ("n", SURROGATE),
        ("n", "2" + SURROGATE),
        ("kind", "moons" + SURROGATE),
        ("src", SURROGATE),
        ("presenter", SURROGATE),
        ("kind", "x" * 90_000),
        ("alpha", "0." + "1" * 90_000),
        ("f", "-".join(["x1"] * 30_000)),
    ],
    ids=short_id,
)
def test_a_link_value_no_page_can_hold_is_refused_with_the_usual_notice(name, value):
    reading = decode({name: value, "seed": "4"})
    assert reading.setup == {"seed": 4}
    assert [(p.reason, p.name) for p in reading.problems] == [("bad", name)]
    text = problem_text(reading.problems[0])
    text.encode("utf-8")
    assert len(text) < 600
    assert "…" in text or len(value) <= 40


def test_a_link_with_a_huge_value_opens_the_page_with_a_notice():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params.update({"kind": "x" * 90_000, "seed": "4"})
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["seed"] == 4 and at.session_state["kind"] == DEFAULTS["kind"]
    notice = "\n".join(w.value for w in at.warning)
    assert "**kind**" in notice and len(notice) < 2000


# ----------------------------------------------------------------------------
# the table editor keeps the limits of a CSV file
# ----------------------------------------------------------------------------


@pytest.fixture
def session(monkeypatch):
    """ui.data's st.session_state as a plain dict (the editor's callback alone)."""
    import ui.data

    state: dict = {"_editor_version": 3}
    monkeypatch.setattr(ui.data.st, "session_state", state)
    return state


def test_300000_added_rows_are_refused_before_any_table_is_built(session, monkeypatch):
    from ui.data import apply_editor_changes, commit_edits

    base = make_dataset("linear", 200, seed=0)
    row = {"x1": 1.0, "x2": 2.0, "y": 1}
    changes = {"edited_rows": {}, "added_rows": [row] * 300_000, "deleted_rows": []}
    frame = dataset_to_frame(base)

    def no_frames(*args, **kwargs):
        raise AssertionError("a table was built")

    with monkeypatch.context() as m:
        m.setattr(pd, "concat", no_frames)
        m.setattr(pd, "DataFrame", no_frames)
        with pytest.raises(
            DataError, match=r"^table_too_many_rows\(rows=300200, max_rows=100000\)$"
        ):
            apply_editor_changes(frame, changes)
    session["editor"] = changes
    commit_edits("editor", base)
    err = session["_edit_error"]
    assert err.code == "table_too_many_rows" and err.params["rows"] == 300_200
    assert "_edited" not in session and "source" not in session
    assert session["_editor_version"] == 4, "the editor starts again from the data in use"
    for lang in LANGUAGES:
        words = engine_message(err, lang=lang)
        assert "300,200" in words and f"{MAX_ROWS:,}" in words, (lang, words)


def test_rows_up_to_the_limit_are_counted_with_the_deleted_ones(session):
    from ui.data import check_editor_changes

    m = 200
    added = [{"x1": 1.0}] * (MAX_ROWS - m + 5)
    with pytest.raises(DataError, match=r"^table_too_many_rows\(rows=100003, max_rows=100000\)$"):
        check_editor_changes({"added_rows": added, "deleted_rows": [0, 1, 1, -1, 10**9]}, ["x1"], m)
    ok = check_editor_changes({"added_rows": added, "deleted_rows": list(range(5))}, ["x1"], m)
    assert len(ok["added_rows"]) == len(added) and ok["deleted_rows"] == [0, 1, 2, 3, 4]


def test_an_edit_naming_another_column_is_refused(session):
    from ui.data import apply_editor_changes, check_editor_changes, commit_edits

    base = make_dataset("linear", 20, seed=0)
    frame = dataset_to_frame(base)
    for changes in (
        {"added_rows": [{"x1": 1.0, "x3": 2.0}]},
        {"edited_rows": {0: {"zz" * 100: 1.0}}},
    ):
        with pytest.raises(DataError, match=r"^table_unknown_column\(name=\"'(x3|z{30}…)'\""):
            apply_editor_changes(frame, changes)
        session["editor"] = changes
        commit_edits("editor", base)
        assert session["_edit_error"].code == "table_unknown_column"
    # the editor's own index column is not a column of the data
    same = check_editor_changes({"added_rows": [{"_index": 5, "x1": 1.0}]}, ["x1"], 3)
    assert same["added_rows"] == [{"x1": 1.0}]
    for lang in LANGUAGES:
        words = engine_message(session["_edit_error"], lang=lang)
        assert "'x1', 'x2', 'y'" in words, (lang, words)


@pytest.mark.parametrize(
    "cell, match",
    [
        (10**400, r"table_cell_not_a_number\(row=21, column=\"'x1'\", value=\"'1e\+400'\"\)"),
        (-(10**5000), r"table_cell_not_a_number\(row=21, column=\"'x1'\", value=\"'-1e\+5000'\"\)"),
        ([1, 2], r"table_cell_not_a_number\(row=21, column=\"'x1'\", value=\"'\[1, 2\]'\"\)"),
        ({"a": 1}, r"table_cell_not_a_number\(row=21, column=\"'x1'\""),
        (float("inf"), r"table_cell_not_a_number\(row=21, column=\"'x1'\", value=\"'inf'\"\)"),
        ("9" * 5000, r"table_cell_not_a_number\(row=21, column=\"'x1'\", value=\"'9{30}…'\"\)"),
    ],
    ids=short_id,
)
def test_a_cell_no_number_can_hold_is_explained(session, cell, match):
    from ui.data import apply_editor_changes, commit_edits

    base = make_dataset("linear", 20, seed=0)
    changes = {"added_rows": [{"x1": cell, "x2": 1.0, "y": 1}]}
    frame = apply_editor_changes(dataset_to_frame(base), changes)
    with pytest.raises(DataError, match=match):
        dataset_from_frame(frame, feature_names=("x1", "x2"), label_name="y")
    session["editor"] = changes
    commit_edits("editor", base)
    assert session["_edit_error"].code == "table_cell_not_a_number"
    assert session["_editor_version"] == 3, "a cell the student can mend stays in the editor"


def test_a_change_set_only_a_broken_client_sends_is_not_kept_in_the_editor(session):
    from ui.data import check_editor_changes, commit_edits

    base = make_dataset("linear", 20, seed=0)
    odd = {
        "edited_rows": {10**6: {"x1": 1.0}, 0: {"x1": "abc"}},
        "added_rows": ["not a row"],
        "deleted_rows": [3, 3, -1],
    }
    checked = check_editor_changes(odd, ["x1", "x2", "y"], 20)
    assert checked["edited_rows"] == {0: {"x1": "abc"}} and checked["deleted_rows"] == [3]
    assert checked["added_rows"] == [{}] and checked["dropped"] == 4
    session["editor"] = odd
    commit_edits("editor", base)
    assert session["_edit_error"].code == "table_cell_not_a_number"
    assert session["_editor_version"] == 4, "the editor starts again: the rows were out of range"


def test_a_valid_edit_still_becomes_the_data_set(session):
    from ui.data import commit_edits

    base = make_dataset("linear", 20, seed=0)
    session["editor"] = {"edited_rows": {"0": {"x1": 5}}, "added_rows": [], "deleted_rows": [1]}
    commit_edits("editor", base)
    assert "_edit_error" not in session and session["source"] == "edited"
    ds = session["_edited"]["dataset"]
    assert ds.n_samples == 19 and ds.X[0, 0] == 5.0


def test_the_refusal_is_shown_on_the_data_page_in_both_languages():
    from streamlit.testing.v1 import AppTest

    from tests.conftest import APP

    err = DataError("table_too_many_rows", rows=300_200, max_rows=MAX_ROWS)
    for lang in LANGUAGES:
        at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
        at.query_params["lang"] = lang
        at.run()
        at.session_state["_edit_error"] = err
        at.switch_page(DATA).run()
        no_bad_numbers(at)
        problem = md_plain(engine_message(err, lang=lang))
        assert t("data.edit_not_used", lang, problem=problem) in [w.value for w in at.warning]
