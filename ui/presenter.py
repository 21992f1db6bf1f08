"""Presenter mode: the playground on a classroom projector.

One switch in the sidebar (:func:`presenter_toggle`, key ``"presenter"``, kept
in the address bar as ``presenter=1`` by ``ui.share``).  When it is on:

- every chart of the playground is drawn with larger text, thicker lines and
  larger markers (:func:`present`, through
  :func:`logreg_core.figures.style.presenter_figure`);
- the control blocks of the Data and Train pages fold into collapsed
  expanders (:func:`control_block`), so the charts and numbers fill the
  screen.

The switch lives in the sidebar, which app.py draws on every page, so it keeps
its value across pages without a copy in the setup: it is a way of showing,
not a setting of the run (a shared link leaves it out, see ``ui.share``).
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
    st.toggle(
        t("presenter.toggle"),
        key=KEY,
        help=t("presenter.toggle_help"),
    )


def present(fig: go.Figure, **options) -> go.Figure:
    """A freshly built figure, scaled for the projector when presenter mode is on.

    Scales ``fig`` in place: pass only a figure built for this run (a cached
    figure gets the flag in its cache key instead, see ``ui.cache``).
    ``options`` go to :func:`logreg_core.figures.style.presenter_figure`
    (``font=1.2`` for a figure whose text sits in boxes of a fixed size).
    """
    return presenter_figure(fig, **options) if presenter_on() else fig


def control_block(label: str):
    """A container for a block of controls: a collapsed expander in presenter mode.

    Parameters
    ----------
    label : str
        The expander's label (shown only in presenter mode).

    Returns
    -------
    context manager
        ``with control_block(t(...)):`` draws its widgets inside.
    """
    if presenter_on():
        return st.expander(label, expanded=False, icon=":material/tune:")
    return contextlib.nullcontext()
