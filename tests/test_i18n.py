"""The catalogues: same keys in both languages, no empty value, fields that match."""

from __future__ import annotations

import string

import pytest

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
