"""Session state, initialised in one place.

Every control that shapes a result has one key in the session, with the
default that :class:`logreg_core.setup.Setup` declares.  Pages read
``st.session_state[key]``; a value set in code (a lesson's "open in the
playground" link, a preset) is what the widget shows.

Widgets on a page are forgotten by Streamlit when the student leaves the page,
so no widget owns one of these keys.  Each control's widget has its own key
(:func:`widget_key`); :func:`bind` copies the value into the widget before it
is drawn and copies it back when the student changes it (``on_change``).  So
the value survives page changes, lessons can set it, and it is always of the
type the engine expects (a tuple of feature names, ``None`` for "off").
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from logreg_core.setup import DEFAULTS as SETUP_DEFAULTS
from logreg_core.setup import Setup, check_value

__all__ = [
    "DEFAULTS",
    "apply_setup",
    "bind",
    "current_setup",
    "ensure_state",
    "followed_example",
    "init_state",
    "reset_all",
    "widget_key",
]

#: The default setup: what a student sees on first opening the app (declared,
#: with each control's range and link name, in :class:`logreg_core.setup.Setup`).
DEFAULTS: Mapping[str, object] = SETUP_DEFAULTS


_PREFIX = "ctl_"


def init_state() -> None:
    """Put every default into ``st.session_state`` once; later calls change nothing."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
    st.session_state.setdefault("_editor_version", 0)


def ensure_state() -> None:
    """Initialise the session state when a page script runs on its own.

    Under app.py the entrypoint has already called :func:`init_state`, so
    this does nothing; a page run alone (``AppTest.from_file`` of one page)
    still finds every control's default.  The page files live in ``views/``,
    not ``pages/``: a ``pages/`` folder makes Streamlit start in its old
    multipage mode, where the first deep link after a server start shows a
    "Page not found" dialog before st.navigation takes over.
    """
    init_state()


def apply_setup(setup: Mapping[str, object]) -> None:
    """Set several controls at once (a lesson link, a preset); unknown keys raise ValueError."""
    unknown = sorted(set(setup) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setup keys {unknown}; known keys are {sorted(DEFAULTS)}")
    for key, value in setup.items():
        st.session_state[key] = tuple(value) if isinstance(value, list) else value


def current_setup() -> Setup:
    """The current value of every control, read once per rerun and handed down.

    A value the session holds that the control cannot take (it cannot come
    from a widget, a link or a setup file, which all check it) is put back
    to its default rather than stopping the page.
    """
    values = {}
    for key, default in DEFAULTS.items():
        try:
            values[key] = check_value(key, st.session_state.get(key, default))
        except ValueError:
            values[key] = st.session_state[key] = default
    return Setup(**values)


def reset_all() -> None:
    """Every control back to its default (the uploaded file and edited table are kept)."""
    apply_setup(DEFAULTS)


def widget_key(key: str) -> str:
    """The key of the widget that shows the control ``key`` ("ctl_" + key)."""
    return _PREFIX + key


def _sync(key: str, from_widget: Callable | None, after: Callable | None) -> None:
    value = st.session_state[widget_key(key)]
    st.session_state[key] = from_widget(value) if from_widget else value
    if after is not None:
        after()


def bind(
    key: str,
    *,
    to_widget: Callable | None = None,
    from_widget: Callable | None = None,
    after: Callable | None = None,
) -> dict:
    """Keyword arguments that tie a widget to the control ``key``.

    Parameters
    ----------
    key : str
        A key of :data:`DEFAULTS`.
    to_widget : callable, optional
        Turns the control's value into the widget's (for example None into
        the kind's default noise).
    from_widget : callable, optional
        Turns the widget's value back (for example a list into a tuple).
    after : callable, optional
        Called after the value is stored (for example to reset a dependent
        control).

    Returns
    -------
    dict
        ``key`` and ``on_change``/``args`` for the widget call; pass no
        ``value``/``index`` to the widget, its value is set here.
    """
    if key not in DEFAULTS:
        raise ValueError(f"unknown control {key!r}; known keys are {sorted(DEFAULTS)}")
    value = st.session_state.get(key, DEFAULTS[key])
    st.session_state[widget_key(key)] = to_widget(value) if to_widget else value
    return {"key": widget_key(key), "on_change": _sync, "args": (key, from_widget, after)}


def followed_example(m: int) -> int:
    """The training example the numbers follow (0-based), within the m examples of this run."""
    i = int(st.session_state.get("inspect_example", DEFAULTS["inspect_example"]))
    return min(max(i, 0), max(m - 1, 0))
