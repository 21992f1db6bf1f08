"""Issue 21, item 6: one word per idea in each language, as the glossary lists them.

``views/glossary.py`` holds ``TERMS`` (the ideas, each with the app's word in
``[glossary]`` of both catalogues) and ``AVOIDED`` (the other words for some of
those ideas, which the app does not use).  No catalogue text outside the
glossary uses an avoided word, except the few keys of :data:`ALLOWED`, where the
word means something else and is kept on purpose.  The article's own words,
quoted in parentheses at their first use ("（原文：成本函数）", "(the article:
cost function)"), are the article's, not the app's, and are not counted.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
TEXTS = {"en": catalogue("en"), "zh": catalogue("zh")}

#: (key, avoided word) -> why the word stays there: it does not name the idea.
ALLOWED = {
    ("train.animation_caption", "bottom"): "the panel at the bottom of the figure",
    ("data.editor_caption", "bottom"): "a new row is added at the bottom of the table",
}


#: The article's word quoted in parentheses: （原文：…） or (the article: …), (the article's …).
QUOTED = re.compile(r"（原文[^）]*）|\(the article(?:'s)?\b[^)]*\)", re.IGNORECASE)


def glossary_constant(name: str):
    """A constant of views/glossary.py (a Streamlit script, so read with ast, not imported)."""
    tree = ast.parse((ROOT / "views" / "glossary.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"views/glossary.py has no {name}")


TERMS = [key for key, _ in glossary_constant("TERMS")]
AVOIDED: dict[str, dict[str, tuple[str, ...]]] = glossary_constant("AVOIDED")


def pattern(lang: str, word: str) -> re.Pattern:
    """English: the start of a whole word, any case; Chinese: the characters anywhere."""
    if lang == "en":
        return re.compile(rf"\b{re.escape(word)}", re.IGNORECASE)
    return re.compile(re.escape(word))


def uses(lang: str, word: str) -> list[str]:
    """The catalogue keys outside ``[glossary]`` whose text in ``lang`` holds ``word``."""
    found = pattern(lang, word)
    return sorted(
        key
        for key, text in TEXTS[lang].items()
        if not key.startswith("glossary.") and found.search(QUOTED.sub("", text))
    )


def test_every_avoided_idea_is_a_glossary_row_with_its_own_word_in_both_languages():
    for idea, words in AVOIDED.items():
        assert idea in TERMS, idea
        assert set(words) == {"en", "zh"}, idea
        for lang, avoided in words.items():
            own = TEXTS[lang][f"glossary.{idea}"]
            for word in avoided:
                assert not pattern(lang, word).search(own), (idea, lang, word)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_no_text_uses_a_word_the_glossary_avoids(lang):
    offending = {}
    for idea, words in AVOIDED.items():
        for word in words[lang]:
            keys = [key for key in uses(lang, word) if (key, word) not in ALLOWED]
            if keys:
                offending[f"{word} (use {TEXTS[lang][f'glossary.{idea}']!r})"] = keys
    assert not offending, f"{lang}: avoided words in the catalogue: {offending}"


def test_a_quote_of_the_article_is_not_the_apps_word():
    assert QUOTED.sub("", "代价函数（原文：成本函数）") == "代价函数"
    assert QUOTED.sub("", "cost (the article's: lowest point) here") == "cost  here"
    assert QUOTED.sub("", "the bottom (of the bowl)") == "the bottom (of the bowl)"


def test_every_allowed_exception_is_still_needed():
    for key, word in ALLOWED:
        assert key in uses("en", word) or key in uses("zh", word), (key, word)


def test_the_glossary_names_the_articles_words_the_issue_asks_for():
    """全局最小值, 局部最小值, 偏导数, the translation's 衍生产品, and cross-entropy unnamed."""
    article = " ".join(TEXTS["zh"][f"glossary.article_{key}"] for key in TERMS)
    for word in ("全局最小值", "局部最小值", "偏导数", "衍生产品"):
        assert word in article, word
    assert "交叉熵" not in TEXTS["zh"]["glossary.article_cross_entropy"]
    assert "原文没有" in TEXTS["zh"]["glossary.article_cross_entropy"]
    source = (ROOT.parent / "shared" / "reference").glob("*.zh.md")
    for path in source:  # the article itself, where the project keeps a copy
        text = path.read_text(encoding="utf-8")
        assert "交叉熵" not in text
        for word in ("全局最小值", "局部最小值", "偏导数", "衍生产品"):
            assert word in text, word
