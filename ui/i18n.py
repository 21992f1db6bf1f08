"""Every word on the screen, from one catalogue per language.

The catalogues ``ui/locales/en.toml`` and ``ui/locales/zh.toml`` hold TOML
tables per page or part, whose dotted paths are the keys (``t("data.title")``),
the same keys in both; a value may hold ``str.format`` fields that :func:`t`
fills.  The language is ``st.session_state["lang"]``, set by the switch in the
sidebar; pages call :func:`t` and never test the language themselves.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import streamlit as st

from ui.state import LANG_KEPT

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "catalogue", "current_language", "language_switch", "t"]

#: Language code -> its name, written in that language.
LANGUAGES: Mapping[str, str] = MappingProxyType({"en": "English", "zh": "简体中文"})
DEFAULT_LANGUAGE = "en"
LOCALES = Path(__file__).resolve().parent / "locales"


def _flatten(table: Mapping, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(_flatten(value, f"{path}."))
        else:
            out[path] = value
    return out


@functools.cache
def catalogue(lang: str) -> Mapping[str, str]:
    """The catalogue of ``lang`` ("en", "zh") as a read-only flat mapping; ValueError otherwise."""
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {sorted(LANGUAGES)}, got {lang!r}")
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return MappingProxyType(_flatten(tomllib.load(f)))


def current_language() -> str:
    """The language of this session: "en" (the default) or "zh"."""
    lang = st.session_state.get("lang") or st.session_state.get(LANG_KEPT) or DEFAULT_LANGUAGE
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, /, lang: str | None = None, **values) -> str:
    """The text of ``key`` in the session's language (or ``lang``), its fields filled.

    A key missing from the language's catalogue falls back to English; one
    missing from both raises ``KeyError``.
    """
    lang = lang or current_language()
    texts = catalogue(lang)
    text = texts[key] if key in texts else catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def _switched() -> None:
    st.session_state[LANG_KEPT] = st.session_state["lang"]


def language_switch() -> None:
    """The English / 简体中文 switch (in the sidebar; app.py draws it before the pages).

    The language travels in the URL as ``?lang=zh`` (none for English), written
    back on every run.  Not ``bind="query-params"``, which would write the
    shown option (``?lang=简体中文``).
    """
    if "lang" not in st.session_state:
        wanted = st.session_state.get(LANG_KEPT) or st.query_params.get("lang")
        st.session_state["lang"] = wanted if wanted in LANGUAGES else DEFAULT_LANGUAGE
    st.segmented_control(
        "Language · 语言",
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
        on_change=_switched,
        required=True,
        label_visibility="collapsed",
    )
    lang = current_language()
    st.session_state[LANG_KEPT] = lang
    if lang == DEFAULT_LANGUAGE:
        if "lang" in st.query_params:
            del st.query_params["lang"]
    elif st.query_params.get_all("lang") != [lang]:
        st.query_params["lang"] = lang
