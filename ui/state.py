"""Session state: every key the app keeps, declared in one place, and the setup of a rerun.

Every control that shapes a result has one key in the session, the name of its
field in :class:`logreg_core.setup.Setup`, with the default that table
declares.  A value set in code (a lesson's "open in the playground" link, a
scenario, a link, a setup file) is what the widget shows.

app.py reads the setup once at the top of each rerun (:func:`read_setup`), and
pages get that value with :func:`current_setup`.  Widget callbacks run before
the script, so that reading already holds the student's last change.

Two ways tie a widget to its control:

- The Train page's training controls use Streamlit's
  ``persist_state="session"``: the widget's key *is* the control's key
  (:data:`PERSISTED`), and Streamlit keeps its value for the whole session,
  also while the student is on another page.
- The other widgets have their own key (:func:`widget_key`, "ctl_" + the
  control), because the widget shows another form of the value (a percent,
  i = 1 … m, the kind's own noise for None): :func:`bind` copies the value into
  the widget before it is drawn and back when the student changes it.

The private keys (``_``-prefixed: uploaded data, notices, versions that empty a
widget) are the constants below, each with what it holds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import streamlit as st

from logreg_core.setup import DEFAULTS as SETUP_DEFAULTS
from logreg_core.setup import Setup, check_value

__all__ = [
    "ARRIVAL",
    "DEFAULTS",
    "EDITED",
    "EDITOR_VERSION",
    "EDIT_ERROR",
    "INSPECT_NOTE",
    "LANG_KEPT",
    "LAST_VALUE",
    "LINK_READ",
    "LOADER_MESSAGES",
    "LOADER_VERSION",
    "NOTICES",
    "PERSISTED",
    "PRESET",
    "SETUP",
    "SHOW_3D",
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

#: The default setup: what a student sees on first opening the app (declared,
#: with each control's range and link name, in :class:`logreg_core.setup.Setup`).
DEFAULTS: Mapping[str, object] = SETUP_DEFAULTS


_PREFIX = "ctl_"

# ---- private session keys: every one the app uses, and what it holds ----

#: The Setup read at the top of this rerun (:func:`read_setup`; :func:`current_setup` returns it).
SETUP = "_setup"
#: The uploaded CSV: {"name", "bytes", "digest"} (ui/data.py store_upload, clear_upload).
UPLOAD = "_upload"
#: The edited table's data set: {"dataset", "digest"} (ui/data.py commit_edits).
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
#: The last value of an optional control (tol, patience) before its checkbox switched it off.
LAST_VALUE: Mapping[str, str] = {"tol": "_last_tol", "patience": "_last_patience"}

#: Controls whose widget keeps its own value with ``persist_state="session"``: the
#: widget's key is the control's key, and the widget shows the value unchanged.
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
    """Set several controls at once (a lesson link, a preset, a link, a setup file).

    Call it before the controls' widgets are drawn (a button's ``on_click``,
    or app.py on the first run).  Each value is stored as its field holds it
    (:func:`logreg_core.setup.check_value`: 2 becomes 2.0 for α, a list a
    tuple), the type its widget takes.

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
    """Read every control from the session: app.py calls it once, at the top of each rerun.

    The result is kept for the rest of the rerun (:func:`current_setup`).  A
    value the session holds that the control cannot take (it cannot come from
    a widget, a link or a setup file, which all check it) is put back to its
    default rather than stopping the page; a value is stored back in the type
    its field holds (the type its widget takes).
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
    """The setup of this rerun, as app.py read it (:func:`read_setup`), not read again.

    A page script run on its own (without app.py) reads it here on its first call.
    """
    setup = st.session_state.get(SETUP)
    return setup if isinstance(setup, Setup) else read_setup()


def reset_all() -> None:
    """Every control back to its default (the uploaded file and edited table are kept)."""
    apply_setup(DEFAULTS)


def widget_key(key: str) -> str:
    """The key of the widget that shows the control ``key``.

    The control's own key for a :data:`PERSISTED` control, else "ctl_" + key.
    """
    return key if key in PERSISTED else _PREFIX + key


def persisted(key: str) -> dict:
    """Keyword arguments of a widget that holds the control ``key`` itself, for the session.

    Pass no ``value``/``index`` to the widget: it shows the session's value,
    which a link, a lesson, a scenario or a setup file may have set before it
    is drawn.
    """
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
    if key in PERSISTED:
        raise ValueError(f"{key!r} keeps its own value: use persisted({key!r})")
    value = st.session_state.get(key, DEFAULTS[key])
    st.session_state[widget_key(key)] = to_widget(value) if to_widget else value
    return {"key": widget_key(key), "on_change": _sync, "args": (key, from_widget, after)}


def followed_example(m: int) -> int:
    """The training example the numbers follow (0-based), within the m examples of this run."""
    i = int(st.session_state.get("inspect_example", DEFAULTS["inspect_example"]))
    return min(max(i, 0), max(m - 1, 0))
