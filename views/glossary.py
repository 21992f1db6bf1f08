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
    ("cross_entropy", "−y log a − (1 − y) log(1 − a)"),
    ("weights", "w (n × 1)"),
    ("bias", "b"),
    ("example", "x⁽ⁱ⁾, y⁽ⁱ⁾"),
    ("prediction", "a = y′ (ŷ)"),
    ("predicted_class", "1 ⇔ a ≥ 0.5"),
    ("activation", "σ"),
    ("forward", "z → a → L"),
    ("backward", "L → a → z → w, b"),
    ("derivatives", "da, dz, dw, db"),
    ("push", "dz = ∂L/∂z"),
    ("slope", "∂J/∂w"),
    ("chain_rule", "∂L/∂z = ∂L/∂a · ∂a/∂z"),
    ("gradient_descent", "w := w − α dw"),
    ("learning_rate", "α"),
    ("minimum", "min J"),
    ("local_minimum", "J(w*) ≤ J(w) near w*"),
    ("graph", "z, a, L"),
    ("cases", "∂J/∂w < 0, ∂J/∂w > 0"),
    ("accuracy", "%"),
    ("playground", "—"),
)

#: One word per idea: the other words for some ideas of TERMS, which the app does
#: not use in that language (the word in the idea's own column is the one).  English:
#: the start of a whole word, in any case ("pull" also finds "pulls"); Chinese: any
#: occurrence.  tests/test_glossary.py checks both catalogues against this list.
AVOIDED = {
    "minimum": {"en": ("lowest point", "bottom"), "zh": ("最低点", "谷底", "碗底")},
    "local_minimum": {"en": ("dip",), "zh": ("小坑",)},
    "push": {"en": ("pull",), "zh": ("拉力", "拉向", "拉扯")},
    "playground": {"en": (), "zh": ("练习场",)},
}

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
