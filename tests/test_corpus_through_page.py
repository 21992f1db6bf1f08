"""Every file of the CSV corpus, uploaded on the Data page and then trained on the Train page.

The engine-level test (tests/test_csv_corpus.py) checks what ``load_csv``
returns or raises.  Here each file goes through the pages as a student's
upload does: the page shows either the expected notes or an ``st.error``
with the expected message, the Train page then trains on it or says why it
cannot, and no page ever shows an exception (RuntimeWarning is an error in
the test run, so an overflow anywhere on the way fails too).

A case's extra ``load_csv`` arguments become the controls a student would
set (or a stale value left from an earlier file): the page keeps a choice it
can use and replaces one it cannot, so a few cases end differently from the
engine call; :data:`ON_THE_PAGE` lists them with the reason.
"""

from __future__ import annotations

import re

import pytest

from logreg_core.data import DataError, Note
from tests.conftest import metrics, no_bad_numbers, open_page
from tests.csv_corpus.make_corpus import CASES, Fails, Loads
from ui.i18n import t
from ui.texts import engine_message

DATA = "views/data.py"
TRAIN = "views/train.py"

#: Cases whose outcome on the page differs from the plain engine call, and why.
ON_THE_PAGE = {
    # the page picks the first two numeric columns (a, b) for the student; a is constant
    "many_numeric_columns": Fails("constant_feature", {"column": "'a'", "value": "1"}),
    # the pickers offer only the file's own columns and classes: an unknown choice is
    # replaced by the default one, so the file loads
    "unknown_feature": Loads(6),
    "unknown_label": Loads(6),
    "unknown_positive": Loads(6, class_names=("no", "yes")),
}

#: Cases the Data page explains in its own words (the Train page shows the engine's): no
#: column but the label holds numbers, so the feature picker is empty and the page says so.
PAGE_WORDS = {"only_non_numeric_features": t("data.no_numeric_feature", "en", label="y")}

#: load_csv keyword -> the session-state control the Data page reads it from.
CONTROL = {"features": "csv_features", "label": "csv_label", "positive": "csv_positive"}


def _upload(name: str, data: bytes, kwargs: dict):
    at = open_page(DATA)
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    at.file_uploader(key="upload_file").set_value((f"{name}.csv", data, "text/csv")).run()
    assert not at.exception, at.exception
    if kwargs:
        for key, value in kwargs.items():
            at.session_state[CONTROL[key]] = value
        at.run()
    return at


def _shown(markdown: str) -> str:
    """What markdown shows: the page escapes the file's text (ui.texts.md_plain)."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", markdown).replace("\u2060", "")


def _errors(at) -> str:
    return " ".join(_shown(e.value) for e in at.error)


def _notes(at) -> list[str]:
    return [_shown(c.value).removeprefix("• ") for c in at.caption if c.value.startswith("•")]


def test_the_overrides_name_real_cases():
    assert {*ON_THE_PAGE, *PAGE_WORDS} <= {name for name, _, _ in CASES}


@pytest.mark.parametrize("name,data,expect", CASES, ids=[c[0] for c in CASES])
def test_corpus_file_through_the_pages(name, data, expect):
    kwargs = dict(expect.kwargs)
    expect = ON_THE_PAGE.get(name, expect)
    at = _upload(name, data, kwargs)
    no_bad_numbers(at)
    if isinstance(expect, Fails):
        shown = _errors(at)
        worded = engine_message(DataError(expect.code, **expect.params), lang="en")
        assert PAGE_WORDS.get(name, worded) in shown, shown
        assert "Traceback" not in shown and "Error:" not in shown
        assert not at.get("plotly_chart"), "no plot of data that cannot be used"
        at.switch_page(TRAIN).run()
        no_bad_numbers(at)
        assert worded in _errors(at), "the Train page says the same"
        assert "cost J" not in metrics(at)
        return
    assert isinstance(expect, Loads)
    assert not at.error, _errors(at)
    assert metrics(at)["examples m"] == f"{expect.m:,}"
    notes = _notes(at)
    assert any(n.startswith(f"Loaded {expect.m} examples") for n in notes), notes
    if expect.note:
        code, params = expect.note
        assert engine_message(Note(code, **params), "data.note_", lang="en") in notes, notes
    if expect.class_names:
        negative, positive = expect.class_names
        labels = {_shown(label) for label in metrics(at)}
        for cls, cname in ((0, negative), (1, positive)):
            assert (f"class {cls}" if cname == str(cls) else f"class {cls} ({cname})") in labels
    at.switch_page(TRAIN).run()
    no_bad_numbers(at)
    assert not at.error, _errors(at)
    shown = metrics(at)
    assert shown["cost J"] != "—" and shown["train accuracy"].endswith("%")


# ----------------------------------------------------------------------------
# the file's own text, where the app shows it
# ----------------------------------------------------------------------------

HOSTILE = ("<img src=x onerror=alert(1)>", "<b>%{y}</b> & co")


def test_plotly_text_of_a_name_shows_it_as_typed():
    from logreg_core.figures.style import plain

    assert plain("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"
    assert plain("50% & %{x}") == "50&#37; &amp; &#37;{x}"
    assert plain("x1") == "x1" and plain(3) == "3"


def test_figures_escape_column_and_class_names():
    import numpy as np

    from logreg_core.figures.playground import scatter_figure
    from tests.words import FIGURES

    X = np.array([[0.0, 1.0, 2.0, 3.0], [1.0, 0.0, 1.0, 0.0]])
    Y = np.array([[0, 1, 0, 1]])
    fig = scatter_figure(
        X, Y, X[:, :0], Y[:, :0], input_names=HOSTILE, class_names=HOSTILE, texts=FIGURES
    )
    texts = [fig.layout.xaxis.title.text, fig.layout.yaxis.title.text]
    texts += [t.name for t in fig.data] + [t.hovertemplate for t in fig.data]
    for text in texts:
        assert "<img" not in text and "<b>" not in text and "%{y}</b>" not in text, text
    assert fig.layout.xaxis.title.text == "&lt;img src=x onerror=alert(1)&gt;"
    assert "(&lt;b&gt;&#37;{y}&lt;/b&gt; &amp; co)" in fig.data[1].name
    # the template's own fields are untouched
    assert "%{x:.4g}" in fig.data[0].hovertemplate


def test_markdown_text_of_a_name_shows_it_as_typed():
    from ui.texts import md_plain

    for text in ("**x**", "[a](javascript:alert(1))", "$x$", ":red[x]", "a_b_c", "<i>x</i>"):
        escaped = md_plain(text)
        assert _shown(escaped) == text
        assert re.search(r"(?<!\\)[*_\[\]$:<]", escaped) is None, escaped
    assert "\u2060" in md_plain("x@example.org") and "\u2060" in md_plain("www.example.org")
    assert md_plain("hours studied 2") == "hours studied 2"


def test_no_raw_html_anywhere_in_the_app():
    from tests.conftest import ROOT

    sources = [ROOT / "app.py"]
    for folder in ("views", "ui", "logreg_core"):
        sources += sorted((ROOT / folder).rglob("*.py"))
    assert len(sources) > 10
    # the one exception: presenter mode's style sheet, a constant of ui/presenter.py
    style = """st.html(f"<style>{PAGE_CSS if presenter_on() else ''}</style>")"""
    for path in sources:
        code = path.read_text(encoding="utf-8").replace(style, "")
        for banned in ("unsafe_allow_html", "st.html(", "components.html(", "components.v1"):
            assert banned not in code, f"{banned} in {path.relative_to(ROOT)}"


def test_the_player_sets_every_word_as_text_and_fetches_nothing():
    """The page's own JavaScript (the animation player, also inside the offline HTML)
    builds no markup from strings, evaluates no code and makes no request."""

    from ui.player import JS_FILES

    code = "\n".join(path.read_text(encoding="utf-8") for path in JS_FILES)
    assert "textContent" in code  # words go in as text
    for banned in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
        "fetch(",
        "XMLHttpRequest",
        "WebSocket",
        "import(",
        "setTimeout('",
        'setTimeout("',
    ):
        assert banned not in code, f"{banned} in ui/player_js/"
