"""What the eight lesson pages share: their opening, data, figure words, readouts, closing link.

The lessons draw their data through :func:`logreg_core.pipeline.prepare`, the
playground's own path, from setups in its keys
(:data:`logreg_core.lessons.shared.ONE_FEATURE`, ``TWO_FEATURES``), so "open
in the playground" hands over the very data the lesson showed.  Every word
comes through :func:`ui.i18n.t`: the ``[lessons]`` table, the page's own
(``[lesson1]`` … ``[lesson8]``) and the figures' ``[figures_lessons]``.
Each page's own cached calls sit in its file in views/.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import streamlit as st

from logreg_core.pipeline import prepare
from ui.i18n import t
from ui.presenter import present
from ui.sidebar import hide_playground_summary
from ui.state import DEFAULTS, apply_setup, ensure_state
from ui.texts import fmt

__all__ = [
    "PLAYGROUND_PAGES",
    "chart",
    "figure_texts",
    "lesson_data",
    "opening",
    "playground_link",
    "readouts",
    "what_to_try",
]

#: The pages a lesson can open.
PLAYGROUND_PAGES = ("views/data.py", "views/train.py", "views/inspector.py")


def opening(n: int, equation: str) -> None:
    """Lesson ``n``'s title, its introduction and its equation (LaTeX), on a ready session.

    The sidebar's summary of the playground's data and settings goes: the
    lesson computes on its own examples, not on those.
    """
    ensure_state()
    hide_playground_summary()
    st.title(t(f"lesson{n}.title"))
    st.markdown(t(f"lesson{n}.intro"))
    st.latex(equation)


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
    n: int, setup: Mapping[str, object], *, page: str = "views/train.py", **note
) -> None:
    """The closing link of lesson ``n``: set the playground's controls, then open it.

    Parameters
    ----------
    n : int
        The lesson: its button's key is ``l<n>_link``, the line under it
        ``lesson<n>.link_note`` with the fields ``note``.
    setup : mapping
        Keys of :data:`ui.state.DEFAULTS`; every key not given takes its default,
        so the playground shows exactly the lesson's setup.
    page : str, default "views/train.py"
        One of :data:`PLAYGROUND_PAGES`.
    """
    if page not in PLAYGROUND_PAGES:
        raise ValueError(f"page must be one of {PLAYGROUND_PAGES}, got {page!r}")
    full = {**DEFAULTS, **setup}
    key = f"l{n}_link"
    st.divider()
    label = t("lessons.open_in_playground")
    # The state is set in the callback, before any widget of the next run exists.
    if st.button(label, key=key, icon=":material/play_arrow:", on_click=apply_setup, args=(full,)):
        st.switch_page(page)
    st.caption(t(f"lesson{n}.link_note", **note))


def chart(fig, *, key: str):
    """``st.plotly_chart`` of a lesson figure built in this run, scaled in presenter mode."""
    return st.plotly_chart(present(fig), key=key)
