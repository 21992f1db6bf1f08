"""Glossary: the app's words next to the article's, in English and in Chinese.

The article's Chinese translation names some ideas differently from this app
(成本函数 for the cost, 偏差 for the bias …).  The app keeps one word per
idea; this page ties each of them to the article's.  Every row shows both
languages whatever the session's language, read from the two catalogues.
"""

import streamlit as st

from ui.i18n import t
from ui.state import ensure_state

#: One row per idea: its catalogue key under [glossary] and its symbol (notation, not words).
TERMS = (
    ("cost", "J"),
    ("loss", "L(a, y)"),
    ("weights", "w (n × 1)"),
    ("bias", "b"),
    ("example", "x⁽ⁱ⁾, y⁽ⁱ⁾"),
    ("prediction", "a = y′ (ŷ)"),
    ("predicted_class", "1 ⇔ a ≥ 0.5"),
    ("activation", "σ"),
    ("forward", "z → a → L"),
    ("backward", "L → a → z → w, b"),
    ("derivatives", "da, dz, dw, db"),
    ("chain_rule", "∂L/∂z = ∂L/∂a · ∂a/∂z"),
    ("gradient_descent", "w := w − α dw"),
    ("learning_rate", "α"),
    ("graph", "z, a, L"),
    ("cases", "∂J/∂w < 0, ∂J/∂w > 0"),
    ("accuracy", "%"),
)

ensure_state()

st.title(t("glossary.title"))
st.markdown(t("glossary.intro"))
st.table(
    {
        t("glossary.column_symbol"): [symbol for _, symbol in TERMS],
        t("glossary.column_en"): [t(f"glossary.{key}", lang="en") for key, _ in TERMS],
        t("glossary.column_zh"): [t(f"glossary.{key}", lang="zh") for key, _ in TERMS],
        t("glossary.column_article"): [t(f"glossary.article_{key}") for key, _ in TERMS],
    }
)
st.caption(t("glossary.note"))
