"""Issue 13: the texts say only what is true on the page's own data, in the article's terms.

Each claim about the cost's lowest point is checked against the engine's
verdict (:func:`logreg_core.lessons.cost.separation`) on the data the page shows;
the Chinese catalogue uses one term per idea, and the glossary ties each of
them to the article's.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from logreg_core.lessons.cost import separation
from logreg_core.pipeline import prepare
from tests.conftest import open_page
from tests.test_glossary import QUOTED
from ui.i18n import catalogue
from ui.state import DEFAULTS

TRAIN = "views/train.py"
EN, ZH = catalogue("en"), catalogue("zh")

#: Sentences that promise one minimum whatever the data (the claims of issue 13, item 1).
UNIQUE_MINIMUM = (
    "every start reaches the same minimum",
    "one bowl, no other valleys",
    "reaches its bottom from any start",
    "one lowest point and no",
    "从哪里出发都会到达同一个最小值",
    "只有一个碗",
)


#: Counts typed into a text instead of computed for the page's data (items 4 and 6).
TYPED_COUNTS = ("about a thousand iterations", "大约一千次", "five times as many", "五倍")


def captions(at) -> list[str]:
    return [c.value for c in at.caption]


def test_the_default_data_is_separable_so_its_j_has_no_lowest_point():
    p = prepare(DEFAULTS)
    verdict = separation(p.X_train, p.train.Y)
    assert verdict.verdict == "separable"
    assert np.all((2 * p.train.Y[0] - 1) * (verdict.w @ p.X_train + verdict.b) > 0)


def test_no_catalogue_text_promises_one_minimum_for_every_data_set():
    for texts in (EN, ZH):
        for key, text in texts.items():
            for claim in UNIQUE_MINIMUM:
                assert claim not in text, (key, claim)


def test_no_catalogue_text_states_a_count_the_engine_did_not_compute():
    for texts in (EN, ZH):
        for key, text in texts.items():
            for claim in TYPED_COUNTS:
                assert claim not in text, (key, claim)


@pytest.mark.parametrize(
    "state,key",
    [
        ({}, "train.lowest_separable"),  # the default data: a line separates the classes
        ({"kind": "gauss"}, "train.lowest_minimum"),
        ({"l2": 1.0}, "train.lowest_l2"),
    ],
)
def test_the_train_page_says_what_the_engine_finds_about_the_lowest_point(state, key):
    at = open_page(TRAIN, state={**state, "_show_3d": True})
    assert not at.exception, at.exception
    shown = captions(at)
    assert EN[key] in shown
    others = {"train.lowest_separable", "train.lowest_minimum", "train.lowest_l2"} - {key}
    assert not any(EN[k] in shown for k in others)
    if not state:
        p = prepare(DEFAULTS)
        assert separation(p.X_train, p.train.Y).verdict == "separable"
    elif "kind" in state:
        p = prepare({**DEFAULTS, **state})
        assert separation(p.X_train, p.train.Y).verdict == "minimum"
    # the help of the Initialization control makes no promise the data may break
    (init,) = [r for r in at.radio if r.label == EN["controls.init"]]
    assert "same minimum" in init.help and "has no minimum" in init.help


def test_y_hat_is_the_probability_as_in_the_article_and_the_class_has_its_own_name():
    """The article's y′ (the course's ŷ) is a; the thresholded 0/1 is the "predicted class"."""
    for texts in (EN, ZH):
        for key, text in texts.items():
            if "ŷ" in text:
                assert "y′" in text, key  # ŷ only ever as the other name of y′
    assert "ŷ" not in EN["lesson1.prediction"] + ZH["lesson1.prediction"]
    assert EN["lesson1.prediction"] == "predicted class" and "y′" in EN["lesson1.prediction_help"]
    root = Path(__file__).resolve().parents[1]
    for folder in ("logreg_core", "ui", "views"):
        for path in (root / folder).rglob("*.py"):
            for line in path.read_text(encoding="utf-8").splitlines():
                assert "ŷ" not in line or "y′" in line, (path, line)  # the glossary's "y′ (ŷ)"


def test_lesson_1_shows_the_predicted_class_and_names_the_articles_w():
    at = open_page("views/lesson_1_model.py")
    labels = {m.label: m for m in at.metric}
    assert labels["predicted class"].value in ("0", "1")
    assert "weight matrix W" in at.markdown[1].value and "n × 1" in at.markdown[1].value


# ----------------------------------------------------------------------------
# one term per idea in Chinese, tied to the article's by the glossary
# ----------------------------------------------------------------------------

#: Variants the Chinese catalogue no longer mixes in (the article's words live in the glossary).
ZH_VARIANTS = {
    "情形": "情况 (case 1, case 2, as on lesson 5)",
    "正确率": "准确率",
    "成本": "代价",
    "偏差": "偏置",
    "后向传播": "反向传播",
    "精度": "准确率",
    "训练示例": "样本",
    "链规则": "链式法则",
}


def outside_glossary(texts: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in texts.items() if not k.startswith("glossary.")}


def test_chinese_uses_one_term_per_idea_and_one_kind_of_colon():
    for key, text in outside_glossary(ZH).items():
        text = QUOTED.sub("", text)  # the article's own word, quoted on purpose: （原文：…）
        for variant, term in ZH_VARIANTS.items():
            assert variant not in text, (key, variant, term)
        assert not re.search(r"单步检查(?!器)", text), key  # the Step inspector: 单步检查器
        plain = re.sub(r"\{[^}]*\}", "", text).replace(":=", "")  # fields and w := w − α·dw
        assert ":" not in plain, key  # full-width colons only
    assert ZH["app.page_inspector"] == ZH["inspector.title"] == "单步检查器"


@pytest.fixture(scope="module")
def terms() -> list[str]:
    """The glossary's row keys, read from the page file (a Streamlit script, not importable)."""
    import ast

    source = (Path(__file__).resolve().parents[1] / "views" / "glossary.py").read_text("utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and node.targets[0].id == "TERMS":
            return [key for key, _ in ast.literal_eval(node.value)]
    raise AssertionError("views/glossary.py has no TERMS")


def test_every_glossary_term_is_the_one_the_app_uses(terms):
    for lang, texts in (("en", EN), ("zh", ZH)):
        body = " ".join(outside_glossary(texts).values()).lower()
        for key in terms:
            for word in re.split(r"[、,] ?", texts[f"glossary.{key}"]):
                assert word.lower() in body, (lang, key, word)
            assert texts[f"glossary.article_{key}"] == ZH[f"glossary.article_{key}"]
    # the article's own words are the glossary's, not the app's
    for word in ("成本函数", "偏差", "训练示例", "后向传播", "精度", "权重矩阵 W"):
        assert any(word in ZH[f"glossary.article_{key}"] for key in terms), word


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_glossary_page_shows_both_languages_and_the_articles_words(terms, lang):
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parents[1]
    at = AppTest.from_file(str(root / "views" / "glossary.py"), default_timeout=30)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    texts = catalogue(lang)
    assert at.title[0].value == texts["glossary.title"]
    (table,) = at.table
    frame = table.value
    assert list(frame.columns) == [
        texts[f"glossary.column_{c}"] for c in ("symbol", "en", "zh", "article")
    ]
    assert len(frame) == len(terms)
    assert list(frame.iloc[:, 1]) == [EN[f"glossary.{k}"] for k in terms]
    assert list(frame.iloc[:, 2]) == [ZH[f"glossary.{k}"] for k in terms]
    assert list(frame.iloc[:, 3]) == [ZH[f"glossary.article_{k}"] for k in terms]


def test_the_glossary_is_in_the_navigation():
    at = open_page("views/glossary.py")
    assert not at.exception, at.exception
    assert at.title[0].value == EN["glossary.title"]
