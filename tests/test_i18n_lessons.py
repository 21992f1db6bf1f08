"""The eight lessons in English and in Chinese: every word from the catalogues, the same numbers.

Each lesson page runs twice in AppTest, once per language (``lang`` in the
session, as the sidebar switch sets it).  The Chinese run must show the zh
catalogue's title and widget labels, must leave no English sentence behind
(a text shown identically in both languages may only be notation), and must
show exactly the numbers of the English run: metrics, tables and every array
drawn in the figures.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from logreg_core.lessons import cost, descent, loss, model, sigmoid, summary, vectorize
from ui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
ZH = catalogue("zh")

#: Each lesson page -> its widgets whose label must be the catalogue's: (kind, key, catalogue key).
LABELS = {
    "lesson_1_model": [
        ("slider", "l1_w", "lessons.weight_w"),
        ("slider", "l1_b", "lessons.bias_b"),
        ("slider", "l1_x", "lesson1.x"),
    ],
    "lesson_2_sigmoid": [("slider", "l2_z", "lesson2.z")],
    "lesson_3_loss": [("slider", "l3_a", "lesson3.a")],
    "lesson_4_cost": [
        ("slider", "l4_w", "lessons.weight_w"),
        ("slider", "l4_b", "lesson4.b"),
        ("radio", "l4_surface", "lesson4.loss_inside"),
    ],
    "lesson_5_descent": [
        ("radio", "l5_start", "lesson5.start"),
        ("select_slider", "l5_alpha", "lessons.alpha"),
        ("button", "l5_one", "lesson5.one_step"),
        ("button", "l5_ten", "lesson5.ten_steps"),
        ("button", "l5_reset", "lesson5.reset"),
    ],
    "lesson_6_graph": [
        ("selectbox", "l6_y", "lesson6.y"),
        ("select_slider", "l6_alpha", "lessons.alpha"),
    ],
    "lesson_7_vectorize": [
        ("select_slider", "l7_m", "lesson7.m"),
        ("button", "l7_again", "lesson7.again"),
    ],
    "lesson_8_summary": [
        ("select_slider", "l8_iterations", "lesson8.iterations"),
        ("radio", "l8_rule", "lesson8.rule"),
    ],
}

LESSONS = list(LABELS)

#: Radio options shown through the catalogue: widget key -> catalogue keys, in order.
OPTIONS = {
    "l4_surface": ["lessons.ce", "lessons.se"],
    "l5_start": ["lesson5.case1", "lesson5.case2"],
    "l8_data": ["lesson8.data_gauss", "lesson8.data_linear"],
    "l8_rule": ["lesson8.rule_none", "lesson8.rule_tol", "lesson8.rule_patience"],
}

#: Lesson 7 measures time live: its timing metrics and bars differ from run to run.
LIVE_METRICS = {"lesson_7_vectorize": 3}
LIVE_FIGURES = {"lesson_7_vectorize"}

#: An English word of four letters or more: notation has none.
WORD = re.compile(r"[A-Za-z]{4,}")
#: A Chinese character.
CJK = re.compile(r"[\u4e00-\u9fff]")


def run(name: str, lang: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "views" / f"{name}.py"), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.fixture(scope="module")
def pages() -> dict[str, dict[str, AppTest]]:
    """Every lesson, run once in each language (English first)."""
    return {name: {lang: run(name, lang) for lang in ("en", "zh")} for name in LESSONS}


def figure_strings(spec: dict) -> list[str]:
    """The words a figure shows: trace names and texts, titles, axis titles, annotations."""
    out: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for k, v in node.items():
                if k in ("template", "font", "hovertemplate", "textposition"):
                    continue
                walk(v, k)
        elif isinstance(node, list):
            for v in node:
                walk(v, key)
        elif isinstance(node, str) and key in ("name", "text"):
            out.append(node)

    walk(spec)
    return out


def figure_numbers(spec: dict) -> list:
    """Every array of numbers a figure draws (x, y, z of each trace), in order."""
    return [[trace.get(axis) for axis in ("x", "y", "z")] for trace in spec["data"]]


def shown_texts(at: AppTest) -> list[str]:
    """Every word on the page outside st.latex, in page order within each element kind."""
    texts = [
        e.value for kind in ("title", "subheader", "markdown", "caption") for e in at.get(kind)
    ]
    texts += [e.value for kind in ("info", "success", "warning", "error") for e in at.get(kind)]
    texts += [m.label for m in at.metric] + [m.proto.help for m in at.metric if m.proto.help]
    for kind in ("slider", "select_slider", "radio", "selectbox", "number_input", "button"):
        for widget in at.get(kind):
            texts.append(widget.label)
            texts += list(getattr(widget.proto, "options", []))
    for frame in at.dataframe:
        texts += [str(c) for c in frame.value.columns if str(c)]
    for chart in at.get("plotly_chart"):
        texts += figure_strings(json.loads(chart.proto.spec))
    return texts


@pytest.mark.parametrize("name", LESSONS)
def test_the_title_and_the_key_widgets_are_in_chinese(pages, name):
    at = pages[name]["zh"]
    n = name.split("_")[1]
    assert at.title[0].value == ZH[f"lesson{n}.title"]
    for kind, key, text in LABELS[name]:
        widget = getattr(at, kind)(key=key)
        assert widget.label == ZH[text], (key, widget.label)
    for key, texts in OPTIONS.items():
        if at.get("radio") and key in {r.key for r in at.radio}:
            assert list(at.radio(key=key).proto.options) == [ZH[k] for k in texts]
    link = [b.label for b in at.button if b.key == f"l{n}_link"]
    assert link == [ZH["lessons.open_in_playground"]]
    what = ZH["lessons.what_to_try"].split("{")[0]
    assert any(c.value.startswith(what) for c in at.caption)


@pytest.mark.parametrize("name", LESSONS)
def test_no_english_sentence_is_left_on_the_chinese_page(pages, name):
    en, zh = shown_texts(pages[name]["en"]), shown_texts(pages[name]["zh"])
    assert len(en) == len(zh), "both languages draw the same elements"
    for text in zh:  # Chinese words, or notation and numbers only ("a = σ(z)", "950 µs")
        assert CJK.search(text) or not WORD.search(text), f"not translated: {text!r}"


@pytest.mark.parametrize("name", LESSONS)
def test_the_numbers_do_not_depend_on_the_language(pages, name):
    en, zh = pages[name]["en"], pages[name]["zh"]
    skip = LIVE_METRICS.get(name, 0)
    values_en = [m.value for m in en.metric][skip:]
    values_zh = [m.value for m in zh.metric][skip:]
    assert values_en and values_zh == values_en
    for frame_en, frame_zh in zip(en.dataframe, zh.dataframe, strict=True):
        assert frame_zh.value.values.tolist() == frame_en.value.values.tolist()
    specs_en = [json.loads(c.proto.spec) for c in en.get("plotly_chart")]
    specs_zh = [json.loads(c.proto.spec) for c in zh.get("plotly_chart")]
    assert len(specs_en) == len(specs_zh) >= 1
    if name not in LIVE_FIGURES:
        for spec_en, spec_zh in zip(specs_en, specs_zh, strict=True):
            assert figure_numbers(spec_zh) == figure_numbers(spec_en)
    latex_en = [e.value for e in en.latex]
    latex_zh = [e.value for e in zh.latex]
    assert len(latex_en) == len(latex_zh)
    if name != "lesson_8_summary":  # lesson 8 writes one word ("repeat:") inside its equation
        assert latex_zh == latex_en, "equations are notation, the same in both languages"


def test_chinese_widgets_still_drive_the_lesson():
    """Chinese labels over the same option values: the controls work as in English."""
    at = run("lesson_5_descent", "zh")
    at.radio(key="l5_start").set_value("case2").run()
    at.select_slider(key="l5_alpha").set_value(30.0).run()
    at.button(key="l5_ten").click().run()
    assert at.error and at.error[0].value.startswith(ZH["lesson5.verdict_grows"].split("。")[0])
    assert at.metric[0].value == "10"

    at = run("lesson_8_summary", "zh")
    at.radio(key="l8_rule").set_value("tol").run()
    assert not at.exception
    reason = ZH["lesson8.why_stopped"].format(reason=ZH["lesson8.reason_converged"])
    assert any(md.value == reason for md in at.markdown)


def test_the_figure_words_are_the_catalogues():
    """The words the lesson figures ask for are exactly the keys of [figures_lessons]."""
    table = "figures_lessons."
    for lang in ("en", "zh"):
        keys = {k.removeprefix(table) for k in catalogue(lang) if k.startswith(table)}
        lessons = (model, sigmoid, loss, cost, descent, vectorize, summary)
        assert keys == {key for lesson in lessons for key in lesson.TEXTS}, lang


def test_a_figure_draws_the_words_it_is_given_and_rejects_missing_ones():
    words = {k: ZH[f"figures_lessons.{k}"] for k in summary.TEXTS}
    fig = summary.training_figure(
        [0, 1, 10], [0.7, 0.6, 0.5], [0.5, 0.6, 0.7], stop_step=10, texts=words
    )
    shown = figure_strings(json.loads(fig.to_json()))
    assert words["training_accuracy"] in shown
    assert words["training_stopped"].format(steps="10") in shown
    assert fig.layout.xaxis2.title.text == words["training_x_axis"]
    with pytest.raises(ValueError, match=r"texts lacks the keys \['timing_x_axis'\]"):
        vectorize.timing_figure(["a"], [1.0], texts={"no_such_text": "x"})


def _is_punctuation(ch: str) -> bool:
    return unicodedata.category(ch).startswith(("P", "S"))


def emphasis_that_will_not_close(text: str) -> list[str]:
    """Runs of * that CommonMark cannot use as the delimiters they are meant to be.

    Runs alternate opener, closer.  An opener must be left-flanking and a
    closer right-flanking: "**停止原因：**跑" is not (a closer after
    punctuation must be followed by a space or punctuation), and the
    asterisks would show on the page.
    """
    bad = []
    runs = list(re.finditer(r"\*+", text))
    for k, run in enumerate(runs):
        before = text[run.start() - 1] if run.start() else " "
        after = text[run.end()] if run.end() < len(text) else " "
        space_before, space_after = before.isspace(), after.isspace()
        if k % 2 == 0:  # opener: left-flanking
            ok = not space_after and (
                not _is_punctuation(after) or space_before or _is_punctuation(before)
            )
        else:  # closer: right-flanking
            ok = not space_before and (
                not _is_punctuation(before) or space_after or _is_punctuation(after)
            )
        if not ok:
            bad.append(text[max(0, run.start() - 6) : run.end() + 6])
    return bad


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_bold_and_italic_in_the_lesson_texts_render(lang):
    mine = ("lessons.", "lesson1.", "lesson2.", "lesson3.", "lesson4.", "lesson5.", "lesson6.")
    mine += ("lesson7.", "lesson8.")
    for key, text in catalogue(lang).items():
        if key.startswith(mine):
            assert len(re.findall(r"\*+", text)) % 2 == 0, key
            assert emphasis_that_will_not_close(text) == [], key
    assert len(emphasis_that_will_not_close("**停止原因：**跑完了")) == 1
    assert emphasis_that_will_not_close("**停止原因：** 跑完了") == []
