"""Scenarios page: a gallery of named setups, each opened in the playground with one click."""

import streamlit as st

from ui import presets
from ui.i18n import t
from ui.state import ensure_state

ensure_state()

st.title(t("presets.title"))
st.caption(t("presets.intro"))
presets.gallery()
