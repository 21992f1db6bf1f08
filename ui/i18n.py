"""Every word on the screen, from one catalogue per language.

The catalogues are ``ui/locales/en.toml`` and ``ui/locales/zh.toml``: TOML
tables per page or part (``[data]``, ``[lesson3]``, ``[figures]`` …), whose
dotted paths are the keys (``t("data.title")``).  Both hold the same keys and
no empty value (tests/test_i18n.py).  A value may hold ``str.format`` fields
(``"{m:,} examples"``); :func:`t` fills them.  The notation (z, a, da, dz, dw,
db, α, J) is the same in both languages.

The language is ``st.session_state["lang"]``, set by the switch in the
sidebar (:func:`language_switch`); pages call :func:`t` and never test the
language themselves.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import streamlit as st

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
    """The catalogue of ``lang`` ("en" or "zh") as a read-only flat mapping key -> text.

    Raises
    ------
    ValueError
        If ``lang`` is not one of :data:`LANGUAGES`.
    """
    if lang not in LANGUAGES:
        raise ValueError(f"lang must be one of {sorted(LANGUAGES)}, got {lang!r}")
    with open(LOCALES / f"{lang}.toml", "rb") as f:
        return MappingProxyType(_flatten(tomllib.load(f)))


def current_language() -> str:
    """The language of this session: "en" (the default) or "zh"."""
    lang = st.session_state.get("lang", DEFAULT_LANGUAGE)
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, /, lang: str | None = None, **values) -> str:
    """The text of ``key`` in the session's language (or ``lang``), its fields filled.

    A key missing from the language's catalogue falls back to English, and a
    key missing from both raises ``KeyError`` (tests render every page in both
    languages, so a missing key cannot reach a student).
    """
    lang = lang or current_language()
    texts = catalogue(lang)
    text = texts[key] if key in texts else catalogue(DEFAULT_LANGUAGE)[key]
    return text.format(**values) if values else text


def language_switch() -> None:
    """The English / 简体中文 switch (in the sidebar; app.py draws it before the pages)."""
    st.segmented_control(
        "Language · 语言",
        list(LANGUAGES),
        default=DEFAULT_LANGUAGE,
        format_func=LANGUAGES.__getitem__,
        key="lang",
        required=True,
        label_visibility="collapsed",
        bind="query-params",
    )
