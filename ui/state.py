"""Session state: every key the app keeps, declared in one place, and the setup of a rerun.

Every control that shapes a result has one key in the session, the name of its
field in :class:`logreg_core.setup.Setup`, with that table's default
(:data:`DEFAULTS`, what a student sees on first opening the app).  app.py
reads the setup once at the top of each rerun (:func:`read_setup`; widget
callbacks have run by then) and pages get it with :func:`current_setup`.

A widget is tied to its control in one of two ways: the training controls
(:data:`PERSISTED`) use the control's key with ``persist_state="session"``
(:func:`persisted`); the others show another form of the value (a percent,
i = 1 … m, the kind's own noise for None) under their own key, and
:func:`bind` copies the value in and out.  The private keys (``_``-prefixed)
are the constants below.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from logreg_core.setup import DEFAULTS, Setup, check_value

__all__ = [
    "ADD_CLASS",
    "ARRIVAL",
    "BEFORE",
    "DEFAULTS",
    "EDITED",
    "EDITOR_VERSION",
    "EDIT_ERROR",
    "INSPECT_NOTE",
    "LANG_KEPT",
    "LAST_CLICK",
    "LAST_RUN",
    "LAST_VALUE",
    "LINK_READ",
    "LOADER_MESSAGES",
    "LOADER_VERSION",
    "NOTICES",
    "PERSISTED",
    "PLAY_FROM_START",
    "PRESET",
    "SETUP",
    "SHOW_3D",
    "STARTS",
    "START_PROBLEM",
    "UPLOAD",
    "apply_setup",
    "bind",
    "current_setup",
    "ensure_state",
    "followed_example",
    "init_state",
    "persisted",
    "read_setup",
    "reset_all",
    "widget_key",
]

_PREFIX = "ctl_"

# ---- private session keys: every one the app uses, and what it holds ----

#: The Setup read at the top of this rerun (:func:`read_setup`; :func:`current_setup` returns it).
SETUP = "_setup"
#: The uploaded CSV: {"name", "bytes", "digest"} (ui/data.py store_upload, clear_upload).
UPLOAD = "_upload"
#: The edited table's data set: {"dataset", "digest", "added"}, its last "added" examples
#: added by clicks on the Train page's data panel (ui/data.py commit_edits, commit_click).
EDITED = "_edited"
#: Why the last edit of the table was not used (a DataError, worded where it is shown).
EDIT_ERROR = "_edit_error"
#: Bumped to give the table editor a new key, which empties its pending edits.
EDITOR_VERSION = "_editor_version"
#: Whether the student asked for the Train page's 3-D view (kept across pages).
SHOW_3D = "_show_3d"
#: Bumped to give the setup-file uploader a new key, which empties it (ui/exports.py).
LOADER_VERSION = "_setup_loader_version"
#: What reading a setup file said, shown once on the next run (ui/exports.py).
LOADER_MESSAGES = "_setup_loader_messages"
#: The language, kept while a run does not draw the switch (whose key "lang" is then forgotten).
LANG_KEPT = "_lang"
#: The scenario last opened from the gallery (ui/presets.py).
PRESET = "_preset"
#: True once this session's link has been read (ui/share.py, on the first run).
LINK_READ = "_share_read"
#: The problems of the link this session opened with, until dismissed (ui/share.py).
NOTICES = "_share_notices"
#: "uploaded"/"edited" when the link was made with data that cannot travel in it (ui/share.py).
ARRIVAL = "_share_arrival"
#: A note for the inspector's scatter plot ("test_example": a test point was clicked).
INSPECT_NOTE = "_inspect_note"
#: The run the Train page drew last: {"key", "setup", "axes", and ui/training.py's kept arrays}.
LAST_RUN = "_last_run"
#: The run before it, drawn faint for comparison until the student clears it (same form, or None).
BEFORE = "_before_run"
#: Clicks on the cost surface or the data the server has read (a number the player sees change).
STARTS = "_starts"
#: The click to play from the first frame on the next drawing of the player (its number), or None.
PLAY_FROM_START = "_play_from_start"
#: Why the last click on the cost surface or the data changed nothing (words for the page), or None.
START_PROBLEM = "_start_problem"
#: The class (0 or 1) that a click on the Train page's data panel adds (kept across pages).
ADD_CLASS = "_add_class"
#: The last click on the data: ("added" or "removed", the edited data set's digest after it).
LAST_CLICK = "_last_click"
#: The last value of an optional control (tol, patience) before its checkbox switched it off.
LAST_VALUE: Mapping[str, str] = {"tol": "_last_tol", "patience": "_last_patience"}

#: Controls whose widget has the control's key and keeps it with ``persist_state="session"``.
PERSISTED = frozenset(
    {"learning_rate", "num_iterations", "init", "init_seed", "w1", "w2", "b0", "l2"}
)


def init_state() -> None:
    """Put every default into ``st.session_state`` once; later calls change nothing."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value
    st.session_state.setdefault(EDITOR_VERSION, 0)


def ensure_state() -> None:
    """:func:`init_state` for a page script run on its own (under app.py it changes nothing)."""
    init_state()


def apply_setup(setup: Mapping[str, object]) -> None:
    """Set several controls at once, before their widgets are drawn (a callback, or app.py).

    Each value is stored as its field holds it (:func:`logreg_core.setup.check_value`:
    2 becomes 2.0 for α, a list a tuple), the type its widget takes.

    Raises
    ------
    ValueError
        For an unknown key, or a value its control does not accept.
    """
    unknown = sorted(set(setup) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setup keys {unknown}; known keys are {sorted(DEFAULTS)}")
    for key, value in setup.items():
        st.session_state[key] = check_value(key, value)


def read_setup() -> Setup:
    """Read every control from the session, once per rerun (app.py), and keep it for the rerun.

    A value the control cannot take is put back to its default rather than
    stopping the page; a value is stored back in the type its field holds.
    """
    values = {}
    for key, default in DEFAULTS.items():
        held = st.session_state.get(key, default)
        try:
            values[key] = check_value(key, held)
        except ValueError:
            values[key] = st.session_state[key] = default
            continue
        if type(values[key]) is not type(held) or values[key] != held:
            st.session_state[key] = values[key]
    setup = st.session_state[SETUP] = Setup(**values)
    return setup


def current_setup() -> Setup:
    """The setup of this rerun as app.py read it (a page run on its own reads it here)."""
    setup = st.session_state.get(SETUP)
    return setup if isinstance(setup, Setup) else read_setup()


def reset_all() -> None:
    """Every control back to its default (the uploaded file and edited table are kept)."""
    apply_setup(DEFAULTS)


def widget_key(key: str) -> str:
    """The widget key of the control ``key``: its own if PERSISTED, else "ctl_" + key."""
    return key if key in PERSISTED else _PREFIX + key


def persisted(key: str) -> dict:
    """Keyword arguments of a widget that holds the control ``key`` itself (pass no ``value``)."""
    if key not in PERSISTED:
        raise ValueError(f"{key!r} is not one of the persisted controls {sorted(PERSISTED)}")
    return {"key": key, "persist_state": "session"}


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
    to_widget, from_widget : callable, optional
        Turn the control's value into the widget's (None into the kind's own
        noise) and back (a list into a tuple).
    after : callable, optional
        Called after the value is stored (to reset a dependent control).

    Returns
    -------
    dict
        ``key`` and ``on_change``/``args`` for the widget call; pass no
        ``value``/``index`` to the widget, its value is set here.
    """
    if key not in DEFAULTS:
        raise ValueError(f"unknown control {key!r}; known keys are {sorted(DEFAULTS)}")
    if key in PERSISTED:
        raise ValueError(f"{key!r} keeps its own value: use persisted({key!r})")
    value = st.session_state.get(key, DEFAULTS[key])
    st.session_state[widget_key(key)] = to_widget(value) if to_widget else value
    return {"key": widget_key(key), "on_change": _sync, "args": (key, from_widget, after)}


def followed_example(m: int) -> int:
    """The training example the numbers follow (0-based), within the m examples of this run."""
    i = int(st.session_state.get("inspect_example", DEFAULTS["inspect_example"]))
    return min(max(i, 0), max(m - 1, 0))
