"""Scenarios page: a gallery of named setups, each opened in the playground with one click."""

import streamlit as st

from ui import presets
from ui.i18n import t
from ui.state import require_entrypoint

require_entrypoint("pages/presets.py")

st.title(t("presets.title"))
st.caption(t("presets.intro"))
presets.gallery()
