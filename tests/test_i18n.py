"""The catalogues, and the playground pages in both languages.

The catalogues hold the same keys in both languages, no empty value, and the
same fields.  The Data, Train and Step inspector pages run in AppTest in
English and in Chinese (``?lang=zh`` in the link): the Chinese run shows the
zh catalogue's words, leaves no English sentence behind and shows the same
numbers.  Every key the code asks for exists, and every DataError or note of
the engine has its text, whose fields are exactly the params the engine gives.
"""

from __future__ import annotations

import ast
import json
import pickle
import re
import string
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from logreg_core.csv_io import load_csv
from logreg_core.csv_read import _SIGNATURES
from logreg_core.data import KINDS, DataError, Note
from logreg_core.figures.graph import GRAPH_TEXTS, graph_figure
from logreg_core.figures.playground import TEXTS as FIGURE_TEXTS
from logreg_core.figures.playground import scatter_figure
from logreg_core.figures.style import FONT_FAMILY, base_layout
from tests.conftest import APP, APP_TIMEOUT, player
from tests.csv_corpus.make_corpus import CASES, Fails, Loads
from ui.i18n import LANGUAGES, catalogue, t


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_have_the_same_keys():
    en, zh = catalogue("en"), catalogue("zh")
    assert sorted(set(en) - set(zh)) == [], "keys missing from zh.toml"
    assert sorted(set(zh) - set(en)) == [], "keys missing from en.toml"


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_no_value_is_empty_and_every_value_is_text(lang):
    for key, text in catalogue(lang).items():
        assert isinstance(text, str), key
        assert text.strip(), f"{lang}: {key} is empty"


def test_both_languages_fill_the_same_fields():
    en, zh = catalogue("en"), catalogue("zh")
    for key in en:
        assert fields(en[key]) == fields(zh[key]), key


def test_t_fills_fields_and_rejects_unknown_language():
    assert t("app.title", lang="zh") == catalogue("zh")["app.title"]
    with pytest.raises(ValueError, match="lang must be one of"):
        catalogue("fr")
    with pytest.raises(KeyError):
        t("no.such.key", lang="en")


# ---------------------------------------------------------------------------
# The playground (Data, Train, Step inspector) in both languages
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
EN, ZH = catalogue("en"), catalogue("zh")
PLAYGROUND = ["views/data.py", "views/train.py", "views/inspector.py"]
#: An English word of four letters or more: notation has none.
WORD = re.compile(r"[A-Za-z]{4,}")
CJK = re.compile(r"[\u4e00-\u9fff]")
#: Words a Chinese page may show in Latin letters: the generated kinds' names
#: (shown beside their Chinese description), feature maps and the separators' names.
LATIN_OK = {"linear", "gauss", "circles", "moons", "spiral", "feature"}

#: Widgets whose label must be the catalogue's: page -> [(kind, widget key, catalogue key)].
LABELS = {
    "views/data.py": [
        ("segmented_control", "ctl_source", "controls.source"),
        ("selectbox", "ctl_kind", "controls.kind"),
        ("number_input", "ctl_n_samples", "controls.n_samples"),
        ("slider", "ctl_noise", "controls.noise"),
        ("slider", "ctl_balance", "controls.balance"),
        ("multiselect", "ctl_features", "controls.features"),
        ("toggle", "ctl_standardize", "controls.standardize"),
    ],
    "views/train.py": [
        ("select_slider", "learning_rate", "controls.learning_rate"),
        ("select_slider", "num_iterations", "controls.iterations"),
        ("radio", "init", "controls.init"),
        ("number_input", "l2", "controls.l2"),
        ("slider", "ctl_n_frames", "controls.n_frames"),
        ("radio", "ctl_frame_spacing", "controls.frame_spacing"),
    ],
    "views/inspector.py": [
        ("select_slider", "ctl_inspect_step", "inspector.step"),
        ("number_input", "ctl_inspect_example", "inspector.example"),
        ("button", "inspect_next", "inspector.next"),
    ],
}
#: Metric labels each page must show: catalogue keys.
METRICS = {
    "views/data.py": ["data.metric_m", "data.metric_train", "data.metric_test"],
    "views/train.py": ["train.metric_steps", "train.metric_cost", "train.metric_bias"],
    "views/inspector.py": ["inspector.mean_J", "inspector.mean_db"],
}
TITLES = {"views/data.py": "data", "views/train.py": "train", "views/inspector.py": "inspector"}


def open_in(page: str, lang: str, *, via: str = "url") -> AppTest:
    """app.py with the language from the link (``?lang=``) or the session, then ``page``."""
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    if via == "url":
        at.query_params["lang"] = lang
    else:
        at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    at.session_state["_show_3d"] = True  # the Train page's 3-D view, with its words, too
    at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def playground() -> dict[str, dict[str, AppTest]]:
    """Each playground page, run once in each language (English first)."""
    return {page: {lang: open_in(page, lang) for lang in ("en", "zh")} for page in PLAYGROUND}


def figure_strings(spec: dict) -> list[str]:
    """The words a figure shows: names, texts, titles, hover templates, button labels."""
    out: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                if k not in ("template", "font", "frames"):
                    walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("name", "text", "hovertemplate", "label", "prefix"):
            out.append(re.sub(r"%\{[^}]*\}|<[^>]*>", " ", node))

    walk(spec)
    return out


def shown_texts(at: AppTest) -> list[str]:
    """Every word of the page and its sidebar, outside st.latex and the language switch."""
    texts = [
        e.value
        for kind in ("title", "subheader", "markdown", "caption", "info", "success", "warning")
        for e in at.get(kind)
    ]
    texts += [e.value for e in at.error]
    texts += [m.label for m in at.metric] + [m.proto.help for m in at.metric if m.proto.help]
    for kind in (
        "slider",
        "select_slider",
        "radio",
        "selectbox",
        "multiselect",
        "number_input",
        "toggle",
        "checkbox",
        "button",
        "segmented_control",
    ):
        for widget in at.get(kind):
            if widget.key == "lang":
                continue
            texts.append(widget.label)
            texts.append(widget.proto.help)
            if kind in ("radio", "selectbox", "segmented_control"):
                texts += [str(option) for option in widget.options]
    for chart in at.get("plotly_chart"):
        texts += figure_strings(json.loads(chart.proto.spec))
    return [text for text in texts if text]


def english_words(text: str) -> list[str]:
    return [w for w in WORD.findall(text) if w.lower() not in LATIN_OK]


@pytest.mark.parametrize("page", PLAYGROUND)
def test_a_playground_page_in_chinese_shows_the_zh_catalogue(playground, page):
    at = playground[page]["zh"]
    assert at.title[0].value == ZH[f"{TITLES[page]}.title"]
    for kind, key, text in LABELS[page]:
        assert getattr(at, kind)(key=key).label == ZH[text], key
    labels = {m.label for m in at.metric}
    assert {ZH[k] for k in METRICS[page]} <= labels
    assert at.query_params["lang"] in (["zh"], "zh")  # kept in the link, for sharing


@pytest.mark.parametrize("page", PLAYGROUND)
def test_no_english_is_left_on_a_chinese_playground_page(playground, page):
    en, zh = shown_texts(playground[page]["en"]), shown_texts(playground[page]["zh"])
    assert len(en) == len(zh), "both languages draw the same elements"
    left = [text for text in zh if not CJK.search(text) and english_words(text)]
    assert left == [], f"not translated: {left}"
    assert any(CJK.search(text) for text in zh)


@pytest.mark.parametrize("page", PLAYGROUND)
def test_the_numbers_of_a_page_do_not_depend_on_the_language(playground, page):
    en, zh = playground[page]["en"], playground[page]["zh"]
    assert [m.value for m in zh.metric] == [m.value for m in en.metric]
    assert [e.value for e in zh.latex] == [e.value for e in en.latex]
    specs_en = [json.loads(c.proto.spec) for c in en.get("plotly_chart")]
    specs_zh = [json.loads(c.proto.spec) for c in zh.get("plotly_chart")]
    assert len(specs_en) == len(specs_zh) >= 1
    for spec_en, spec_zh in zip(specs_en, specs_zh, strict=True):
        for trace_en, trace_zh in zip(spec_en["data"], spec_zh["data"], strict=True):
            assert [trace_zh.get(a) for a in "xyz"] == [trace_en.get(a) for a in "xyz"]


def test_the_chinese_charts_speak_chinese(playground):
    (scatter,) = [
        json.loads(c.proto.spec) for c in playground["views/data.py"]["zh"].get("plotly_chart")
    ]
    names = [trace["name"] for trace in scatter["data"]]
    assert names[0] == f"{ZH['figures.train']} · y = 0"
    assert ZH["figures.train_example"] in scatter["data"][0]["hovertemplate"]
    train = [
        json.loads(c.proto.spec) for c in playground["views/train.py"]["zh"].get("plotly_chart")
    ]
    texts = player(playground["views/train.py"]["zh"])[0]["texts"]
    for key in ("data_title", "curves_title", "iteration_axis", "pause", "cost_curve", "forward"):
        assert texts[key] == ZH[f"player.{key}"], key
    assert ZH["figures.descent_path"] in " ".join(figure_strings(train[0]))
    graph = json.loads(playground["views/inspector.py"]["zh"].get("plotly_chart")[1].proto.spec)
    assert ZH["figures.graph_forward"] in " ".join(figure_strings(graph))


def test_the_language_comes_from_the_session_or_the_switch_and_english_is_the_default():
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.session_state["lang"] = "zh"
    at.run()
    assert not at.exception and at.title[0].value == ZH["data.title"]
    assert at.query_params["lang"] in (["zh"], "zh")  # written to the link, for sharing
    at.switch_page("views/train.py").run()
    assert at.title[0].value == ZH["train.title"]
    assert at.info[0].value.startswith(ZH["texts.stop_ran_all"].split("{")[0])

    plain = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
    assert plain.session_state["lang"] == "en" and plain.title[0].value == EN["data.title"]
    assert "lang" not in plain.query_params  # English is the default: no parameter
    plain.segmented_control(key="lang").set_value("zh").run()
    assert not plain.exception and plain.title[0].value == ZH["data.title"]
    plain.switch_page("views/inspector.py").run()  # the choice outlives the page change
    assert plain.title[0].value == ZH["inspector.title"]


def test_the_sidebar_and_the_navigation_speak_the_language():
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params["lang"] = "zh"
    at.run()
    shown = [m.value for m in at.sidebar.markdown]
    assert "#### " + ZH["sidebar.current_data"] in shown
    assert "#### " + ZH["sidebar.model_settings"] in shown
    assert any(v.startswith(ZH["data.key_generated"].split(" ·")[0] + " · linear") for v in shown)
    assert [b.label for b in at.sidebar.button][:1] == [ZH["sidebar.reset"]]
    left = [text for text in shown if not CJK.search(text) and english_words(text)]
    assert left == []


def test_an_unknown_language_in_the_link_falls_back_to_english():
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params["lang"] = "fr"
    at.run()
    assert not at.exception and at.session_state["lang"] == "en"
    assert at.title[0].value == EN["data.title"]


def test_a_bad_csv_is_explained_in_chinese():
    at = open_in("views/data.py", "zh")
    at.segmented_control(key="ctl_source").set_value("uploaded").run()
    bad = b"x,y\n1,0\nabc,1\n2,0\n3,1\n"
    at.file_uploader(key="upload_file").set_value(("bad.csv", bad, "text/csv")).run()
    assert not at.exception, at.exception
    shown = " ".join(e.value for e in at.error)
    expected = ZH["errors.not_a_number"].split("{")[0]  # "特征列 "
    assert expected in shown and "abc" in shown and "not a number" not in shown
    good = b"height,kind\n1.0,cat\n2.0,dog\n1.5,cat\n2.5,dog\n1.2,cat\n2.2,dog\n,dog\n"
    at.file_uploader(key="upload_file").set_value(("pets.csv", good, "text/csv")).run()
    notes = [c.value for c in at.caption if c.value.startswith("•")]
    assert any("已读取 6 个样本" in n for n in notes), notes
    assert any(ZH["data.note_excluded_rows_one"].split("（")[0] in n for n in notes), notes


# ---------------------------------------------------------------------------
# Every key the code asks for, every engine message the pages translate
# ---------------------------------------------------------------------------

#: t("section.key" …) with a literal key, in the app's code.
T_CALL = re.compile(r"""\bt\(\s*["']([A-Za-z0-9_]+\.[A-Za-z0-9_.]+)["']""")


def test_every_literal_key_the_code_uses_exists_in_both_catalogues():
    files = [ROOT / "app.py", *sorted((ROOT / "views").glob("*.py"))]
    files += sorted((ROOT / "ui").glob("*.py"))
    used = {}
    for path in files:
        for key in T_CALL.findall(path.read_text(encoding="utf-8")):
            used.setdefault(key, path.name)
    assert len(used) > 100, "the scan finds the t() calls"
    missing = {key: where for key, where in used.items() if key not in EN or key not in ZH}
    assert missing == {}


def test_every_registered_kind_of_data_has_its_words_in_both_catalogues():
    keys = [key for kind in KINDS.values() for key in (kind.label_key, kind.hint_key)]
    assert len(keys) == 2 * len(KINDS) == len(set(keys))
    assert [key for key in keys if key not in EN or key not in ZH] == []


def _codes(path: Path, call: str) -> dict[str, set[str]]:
    """The codes given to ``call`` (DataError or Note) in a module, and the params each names.

    ``call("code", name=value, …)``; dynamic codes are expanded: ``f"file_{kind}"``
    for each signature, and ``"one_class" + excluded`` with ``**after`` as the
    code without rows excluded and the ``_after_excluding`` one with ``excluded``.
    """
    codes: dict[str, set[str]] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == call):
            continue
        assert len(node.args) == 1, f"{path.name}:{node.lineno}: one positional argument, the code"
        code = node.args[0]
        params = {k.arg for k in node.keywords if k.arg is not None}
        spread = [ast.unparse(k.value) for k in node.keywords if k.arg is None]
        if isinstance(code, ast.Constant) and not spread:
            codes[code.value] = params
        elif isinstance(code, ast.JoinedStr) and not spread:  # f"file_{kind}"
            codes |= {f"file_{kind}": params for _, kind in _SIGNATURES}
        elif isinstance(code, ast.BinOp) and spread == ["after"]:  # "one_class" + excluded
            codes[code.left.value] = params
            codes[code.left.value + "_after_excluding"] = params | {"excluded"}
        else:
            raise AssertionError(f"{path.name}:{node.lineno}: a call this test cannot read")
    return codes


#: Where the notes of each module are worded: a cost surface's on the Train page.
NOTE_PREFIX = {"animation.py": "train.note_", "cost_panel.py": "train.note_"}


def _engine_messages() -> dict[str, set[str]]:
    """Catalogue key -> the params the code gives, for every DataError and Note of the app."""
    files = sorted((ROOT / "logreg_core").rglob("*.py")) + sorted((ROOT / "ui").glob("*.py"))
    files += sorted((ROOT / "views").glob("*.py"))
    keys: dict[str, set[str]] = {}
    for path in files:
        for code, params in _codes(path, "DataError").items():
            keys[f"errors.{code}"] = params
        prefix = NOTE_PREFIX.get(path.name, "data.note_")
        for code, params in _codes(path, "Note").items():
            keys[f"{prefix}{code}"] = params
    return keys


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_every_engine_message_has_its_text_with_exactly_its_params(lang):
    """Each code raised or noted has a text in the catalogue whose fields are its params.

    A ``_one`` variant (used when ``count`` is 1) may leave out fields, ``count`` itself.
    """
    keys = _engine_messages()
    assert len([k for k in keys if k.startswith("errors.")]) >= 40
    assert {"train.note_surface_subset", "data.note_loaded", "errors.keep_two_per_class"} <= set(
        keys
    )
    texts = catalogue(lang)
    assert sorted(k for k in keys if k not in texts) == []
    assert {k: fields(texts[k]) for k in keys} == keys
    for key, params in keys.items():
        if f"{key}_one" in texts:
            assert fields(texts[f"{key}_one"]) <= params, key


CORPUS_FAILS = [(n, d) for n, d, e in CASES if isinstance(e, Fails) and not e.kwargs]
CORPUS_LOADS = [(n, d) for n, d, e in CASES if isinstance(e, Loads) and not e.kwargs]


@pytest.mark.parametrize("lang", list(LANGUAGES))
def test_the_catalogue_text_of_each_corpus_error_takes_the_engines_params(lang):
    """The text of every error or note the corpus raises has exactly the engine's params."""
    texts = catalogue(lang)
    seen = set()
    for name, data in CORPUS_FAILS:
        with pytest.raises(DataError) as err:
            load_csv(data)
        key = f"errors.{err.value.code}"
        assert key in texts, name
        assert fields(texts[key]) == set(err.value.params), name
        seen.add(err.value.code)
    assert len(seen) >= 10
    for name, data in CORPUS_LOADS:
        for note in load_csv(data).notes:
            key = f"data.note_{note.code}"
            assert fields(texts[key]) == set(note.params), (name, key)


def test_a_data_error_is_a_code_with_params_and_pickles():
    with pytest.raises(
        DataError, match=r"^not_a_number\(column=\"'x'\", row=3, value=\"'abc'\"\)$"
    ) as err:
        load_csv(b"x,y\n1,0\nabc,1\n2,0\n3,1\n")
    assert err.value.code == "not_a_number"
    assert err.value.params == {"column": "'x'", "row": 3, "value": "'abc'"}
    again = pickle.loads(pickle.dumps(err.value))  # as a cache or a process pool would
    assert type(again) is DataError
    assert (str(again), again.code, again.params) == (str(err.value), "not_a_number", again.params)
    note = load_csv(b"x,y\n1,0\n2,1\n3,0\n4,1\n").notes[0]
    assert isinstance(note, Note) and note.code == "loaded" and note.params["m"] == 4
    assert note.startswith("loaded(m=4, count=1, features='x', label=")
    copy = pickle.loads(pickle.dumps(note))
    assert type(copy) is Note and copy == note and copy.params == note.params


def test_the_figures_table_holds_the_words_the_figures_ask_for():
    """Every word of a playground figure or of the graph has a key, and every key is drawn."""
    for lang in LANGUAGES:
        keys = {k.removeprefix("figures.") for k in catalogue(lang) if k.startswith("figures.")}
        assert keys == {*FIGURE_TEXTS, *GRAPH_TEXTS}, lang
    assert set(FIGURE_TEXTS).isdisjoint(GRAPH_TEXTS)


def test_figure_builders_take_words_and_refuse_missing_ones():
    X, Y = np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([[0, 1]])
    zh = {key: ZH[f"figures.{key}"] for key in FIGURE_TEXTS}
    fig = scatter_figure(X, Y, X[:, :0], Y[:, :0], input_names=("x1", "x2"), texts=zh)
    assert fig.data[0].name == f"{zh['train']} · y = 0"
    with pytest.raises(ValueError, match=r"texts lacks the keys \['train', 'test', "):
        scatter_figure(X, Y, X, Y, input_names=("x1", "x2"), texts={"nope": "x"})
    values = {"z": 0.0, "a": 0.5, "loss": 0.69, "da": -2.0, "dz": -0.5, "db": -0.5, "dw": [0.1]}
    words = {key: ZH[f"figures.{key}"] for key in GRAPH_TEXTS}
    graph = graph_figure(x=[1.0], w=[0.0], b=0.0, y=1, values=values, texts=words)
    assert words["graph_forward"] in [a.text for a in graph.layout.annotations]
    missing = r"texts lacks the keys \['graph_forward', 'graph_backward', 'graph_saturated'\]"
    with pytest.raises(ValueError, match=missing):
        graph_figure(x=[1.0], w=[0.0], b=0.0, y=1, values=values, texts={"train": "x"})


def test_chart_fonts_fall_back_to_chinese_fonts():
    for font in ("Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", "PingFang SC"):
        assert f'"{font}"' in FONT_FAMILY
    assert base_layout()["font"]["family"] == FONT_FAMILY
