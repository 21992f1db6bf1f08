"""The Scenarios gallery: one card per preset, and the reminder the Train page shows.

A card's button sets every control (the preset's values over the defaults) and
switches to the Train page, which repeats what to watch (:func:`active_note`)
while the controls still hold the scenario's values.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import streamlit as st

from logreg_core.presets import PRESETS, Preset, preset
from logreg_core.setup import Setup
from ui.i18n import t
from ui.state import DEFAULTS, PRESET, apply_setup

__all__ = ["TRAIN_PAGE", "active_note", "gallery", "matches", "open_preset"]

#: Where a card's button leads.
TRAIN_PAGE = "views/train.py"


def open_preset(key: str) -> None:
    """Set every control to the scenario ``key`` (a button callback, so it runs before widgets)."""
    apply_setup(preset(key).full_setup(DEFAULTS))
    st.session_state[PRESET] = key


def _same(a, b) -> bool:
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, int | float)
            and isinstance(b, int | float)
            and math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-15)
        )
    if isinstance(a, list | tuple) and isinstance(b, list | tuple):
        return tuple(a) == tuple(b)
    return a == b


def matches(p: Preset, setup: Mapping[str, object]) -> bool:
    """True while ``setup`` holds every value of the scenario ``p`` (defaults included)."""
    values = Setup.from_mapping(setup)
    return all(_same(getattr(values, k), v) for k, v in p.full_setup(DEFAULTS).items())


def active_note(setup: Setup) -> None:
    """On the Train page: the opened scenario's title and what to watch, while it is unchanged."""
    key = st.session_state.get(PRESET)
    if key is None:
        return
    p = preset(key)
    if matches(p, setup):
        st.info(
            t("presets.active", title=t(p.title_key), watch=t(p.watch_key)),
            icon=":material/school:",
        )


def _card(p: Preset) -> None:
    st.markdown(f"**{t(p.title_key)}**")
    st.markdown(t(p.watch_key))
    if p.partner is not None:
        st.caption(t("presets.compare", title=t(preset(p.partner).title_key)))
    if st.button(
        t("presets.open"),
        key=f"preset_{p.key}",
        icon=":material/play_arrow:",
        help=t("presets.open_help"),
        on_click=open_preset,
        args=(p.key,),
    ):
        st.switch_page(TRAIN_PAGE)


def gallery(columns: int = 2) -> None:
    """Every preset as a bordered card, ``columns`` to a row (pairs share a row)."""
    for start in range(0, len(PRESETS), columns):
        row = PRESETS[start : start + columns]
        for col, p in zip(st.columns(columns, gap="medium"), row, strict=False):
            with col, st.container(border=True, height="stretch"):
                _card(p)
