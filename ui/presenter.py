"""Presenter mode: the playground on a classroom projector.

One switch in the sidebar (key ``"presenter"``, kept in the address bar as
``presenter=1`` but left out of a shared link: a way of showing, not a setting
of the run).  When it is on, every chart is drawn with larger text, lines and
markers (:func:`present`), and the pages' control blocks fold into collapsed
expanders (:func:`control_block`), so the charts fill the screen.
"""

from __future__ import annotations

import contextlib

import plotly.graph_objects as go
import streamlit as st

from logreg_core.figures.style import presenter_figure
from ui.i18n import t

__all__ = ["KEY", "control_block", "present", "presenter_on", "presenter_toggle"]

#: Session-state key (and query parameter) of the switch.
KEY = "presenter"


def presenter_on() -> bool:
    """Whether presenter mode is on in this session."""
    return bool(st.session_state.get(KEY, False))


def presenter_toggle() -> None:
    """The presenter-mode switch (in the sidebar, drawn on every page)."""
    st.toggle(t("presenter.toggle"), key=KEY, help=t("presenter.toggle_help"))


def present(fig: go.Figure, **options) -> go.Figure:
    """``fig``, built for this run, scaled in place for the projector when presenter mode is on.

    ``options`` go to :func:`logreg_core.figures.style.presenter_figure`; a
    cached figure gets the flag in its cache key instead (``ui.cache``).
    """
    return presenter_figure(fig, **options) if presenter_on() else fig


def control_block(label: str):
    """A container for a block of controls: an expander named ``label`` in presenter mode.

    ``with control_block(t(...)):`` draws its widgets inside.
    """
    if presenter_on():
        return st.expander(label, expanded=False, icon=":material/tune:")
    return contextlib.nullcontext()
