"""What the eight lesson pages share: their data, figure words, readouts, the playground link.

The lessons draw their data through :func:`logreg_core.pipeline.prepare`, the
same path the playground follows, from setups written in the playground's own
keys (:data:`logreg_core.lessons.shared.ONE_FEATURE`, ``TWO_FEATURES``).  So
"open in the playground" hands over the very data the lesson showed: same
kind, size, noise and seed, no test split, no standardizing.

Every word comes from the catalogues through :func:`ui.i18n.t`: the shared
words of the lessons are the ``[lessons]`` table, each page has its own
(``[lesson1]`` … ``[lesson8]``), and the figures' words are ``[figures_lessons]``
(:func:`figure_texts`).  Each page's own cached calls sit in its file in views/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from logreg_core.pipeline import prepare
from ui.i18n import t
from ui.presenter import present
from ui.state import DEFAULTS, apply_setup
from ui.texts import fmt

__all__ = [
    "PLAYGROUND_PAGES",
    "chart",
    "figure_texts",
    "lesson_data",
    "playground_link",
    "readouts",
    "what_to_try",
]

#: The pages a lesson can open.
PLAYGROUND_PAGES = ("views/data.py", "views/train.py", "views/inspector.py")


@st.cache_data(max_entries=16, show_spinner=False)
def lesson_data(setup: Mapping[str, object]) -> tuple[np.ndarray, np.ndarray]:
    """X of shape (n, m) and Y of shape (1, m) for a setup, through the playground's pipeline."""
    prepared = prepare(setup)
    return prepared.X_train, prepared.train.Y


def figure_texts(keys: Sequence[str]) -> dict[str, str]:
    """The words ``keys`` (a lesson module's ``TEXTS``) in the session's language."""
    return {key: t(f"figures_lessons.{key}") for key in keys}


def readouts(items: Sequence[tuple[str, float]], *, help: Mapping[str, str] | None = None) -> None:
    """A row of ``st.metric``: each label with its value at 4 significant digits."""
    help = help or {}
    for col, (label, value) in zip(st.columns(len(items)), items, strict=True):
        col.metric(label, fmt(value), help=help.get(label))


def what_to_try(text: str) -> None:
    """The lesson's suggestions, in one short caption under the figure."""
    st.caption(t("lessons.what_to_try", text=text))


def playground_link(
    setup: Mapping[str, object],
    *,
    page: str = "views/train.py",
    label: str | None = None,
    note: str | None = None,
    key: str,
) -> None:
    """The closing link of every lesson: set the playground's controls, then open it.

    Parameters
    ----------
    setup : mapping
        Keys of :data:`ui.state.DEFAULTS`; every key not given takes its default,
        so the playground shows exactly the lesson's setup.
    page : str, default "views/train.py"
        One of :data:`PLAYGROUND_PAGES`.
    label : str, optional
        The button's text; by default "Open this setup in the playground"
        (``lessons.open_in_playground``) in the session's language.
    note : str, optional
        One line under the button saying what the playground will show.
    key : str
        The button's widget key (unique per page).
    """
    if page not in PLAYGROUND_PAGES:
        raise ValueError(f"page must be one of {PLAYGROUND_PAGES}, got {page!r}")
    full = {**DEFAULTS, **setup}
    st.divider()
    label = label or t("lessons.open_in_playground")
    # The state is set in the callback, before any widget of the next run exists.
    if st.button(label, key=key, icon=":material/play_arrow:", on_click=apply_setup, args=(full,)):
        st.switch_page(page)
    if note:
        st.caption(note)


def chart(fig, **options):
    """``st.plotly_chart`` of a lesson figure, scaled for the projector in presenter mode.

    ``options`` go to ``st.plotly_chart`` (``width``, ``key`` …); ``fig`` must be
    built in this run (presenter scaling changes it in place).
    """
    return st.plotly_chart(present(fig), **options)
