"""Exports of a run (Train page) and loading a saved setup back (sidebar).

Four downloads: the History as CSV, the setup and final parameters as JSON,
the animation as one standalone HTML file that plays with no network, and a
plain-numpy script that repeats the run; the large ones are built only when
the student clicks.  A setup file comes back through :func:`setup_loader`,
every value checked by :func:`logreg_core.setup.check_value`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import streamlit as st

from logreg_core.export import (
    MAX_SETUP_BYTES,
    SetupFileError,
    history_csv,
    read_setup_file,
    reproduce_script,
    setup_json,
)
from logreg_core.pipeline import Run
from logreg_core.setup import check_value as setup_value
from ui import cache
from ui.data import Current
from ui.i18n import current_language, t
from ui.player import standalone_html
from ui.share import escape_markdown
from ui.state import (
    DEFAULTS,
    EDITED,
    LOADER_MESSAGES,
    LOADER_VERSION,
    UPLOAD,
    apply_setup,
    followed_example,
)
from ui.texts import fmt
from ui.training import animation_for

__all__ = [
    "FILE_NAMES",
    "MAX_SETUP_BYTES",
    "check_value",
    "downloads",
    "load_setup_bytes",
    "restore_setup",
    "script_for",
    "setup_loader",
]

#: The names the downloads are saved under.
FILE_NAMES = {
    "csv": "history.csv",
    "json": "setup.json",
    "html": "animation.html",
    "script": "logreg_run.py",
}
#: Longest file name quoted in the loader's messages.
NAME_MAX = 80


# ---- downloads ----


def script_for(run: Run) -> str:
    """The plain-numpy script that repeats ``run`` (the updates it made, from its start)."""
    h, p = run.history, run.prepared
    return reproduce_script(
        p.X_train,
        p.train.Y,
        learning_rate=h.learning_rate,
        num_iterations=int(h.steps[-1]),
        w0=run.w0,
        b0=run.b0,
        l2=h.l2,
        feature_names=p.feature_names,
        input_names=p.dataset.feature_names,
    )


def _later(build: Callable[..., str], *args) -> Callable[[], bytes]:
    """A no-argument callable for ``st.download_button``: builds the file on click."""

    def make() -> bytes:
        return build(*args).encode("utf-8")

    return make


def downloads(trained: Current) -> None:
    """The four downloads of the current run."""
    run = trained.run
    h, p = run.history, run.prepared
    key, anim = animation_for(trained)
    example = followed_example(p.X_train.shape[1])
    payload = cache.player(key, example, False, current_language(), _anim=anim, _run=run)
    st.markdown(f"**{t('exports.heading')}**")
    files = (
        ("csv", _later(history_csv, h, p.feature_names), "text/csv", ":material/table_view:"),
        ("json", setup_json(trained.setup, h), "application/json", ":material/data_object:"),
        ("html", _later(standalone_html, payload, t("app.title")), "text/html", ":material/movie:"),
        ("script", _later(script_for, run), "text/x-python", ":material/code:"),
    )
    for kind, data, mime, icon in files:
        st.download_button(
            t(f"exports.{kind}"),
            data,
            file_name=FILE_NAMES[kind],
            mime=mime,
            key=f"export_{kind}",
            help=t(f"exports.{kind}_help"),
            icon=icon,
            on_click="ignore",
        )


# ---- loading a setup back ----


def check_value(key: str, value) -> bool:
    """True when the control ``key`` can hold ``value``; ValueError for an unknown ``key``."""
    if key not in DEFAULTS:
        raise ValueError(f"unknown control {key!r}; known keys are {sorted(DEFAULTS)}")
    try:
        setup_value(key, value)
    except ValueError:
        return False
    return True


def restore_setup(values: Mapping[str, object]) -> tuple[dict[str, object], list[str]]:
    """The full setup a file's values describe, and the keys that were dropped.

    Parameters
    ----------
    values : mapping
        Control values, as :func:`logreg_core.export.parse_setup_json` returns them.

    Returns
    -------
    setup : dict
        Every control: the file's valid values over the defaults.
    dropped : list of str
        Keys whose value is out of range (they keep the default).
    """
    setup = dict(DEFAULTS)
    dropped = []
    for key, value in values.items():
        if key not in DEFAULTS:
            continue
        try:
            setup[key] = setup_value(key, value)
        except ValueError:
            dropped.append(key)
    return setup, sorted(dropped)


def load_setup_bytes(name: str, raw: bytes) -> list[tuple[str, str]]:
    """Apply a setup file to the session; returns the messages to show, as (level, text).

    ``level`` is "success", "warning" or "error"; nothing changes on an error.
    The file's name is quoted as plain text, never as markdown.
    """
    name = escape_markdown(name, limit=NAME_MAX)
    try:
        file = read_setup_file(raw, DEFAULTS)  # too_big: over MAX_SETUP_BYTES, not parsed
    except SetupFileError as err:
        size = f"{len(raw) / 1000:,.0f}"
        return [("error", t(f"exports.{err.code}", name=name, size=size))]
    values = file.values
    if not values:
        return [("error", t("exports.bad_empty", name=name))]
    setup, dropped = restore_setup(values)
    messages = []
    if setup["source"] == "uploaded" and st.session_state.get(UPLOAD) is None:
        messages.append(("warning", t("exports.upload_needed")))
    if setup["source"] == "edited" and st.session_state.get(EDITED) is None:
        setup["source"] = "generated"
        messages.append(("warning", t("exports.edited_missing")))
    apply_setup(setup)
    restored = len(values) - len(dropped)
    done = t("exports.loaded", name=name, count=restored)
    result = _saved_result(file.result)
    if result is not None:
        done += " " + t("exports.loaded_result", steps=f"{result[0]:,}", J=fmt(result[1]))
    messages.insert(0, ("success", done))
    if dropped:
        messages.append(("warning", t("exports.dropped", keys=", ".join(dropped))))
    return messages


def _saved_result(result: dict | None) -> tuple[int, float] | None:
    """Steps and J of the run saved in a setup file (its ``result``), if it holds them."""
    if not isinstance(result, dict):
        return None
    steps, J = result.get("steps"), result.get("J")
    if not check_value("inspect_step", steps):  # a step count of a run: the same range
        return None
    if isinstance(J, bool) or not isinstance(J, int | float) or not 0 <= J < math.inf:
        return None
    return int(steps), float(J)


def _widget() -> str:
    return f"setup_file_{st.session_state.get(LOADER_VERSION, 0)}"


def _on_upload() -> None:
    widget = _widget()
    file = st.session_state.get(widget)
    if file is None:
        return
    st.session_state[LOADER_MESSAGES] = load_setup_bytes(file.name, file.getvalue())
    st.session_state[LOADER_VERSION] = st.session_state.get(LOADER_VERSION, 0) + 1


def setup_loader() -> None:
    """The "load a setup file" control: a file uploader and what loading it did."""
    messages = st.session_state.pop(LOADER_MESSAGES, None)
    with st.expander(
        t("exports.loader_title"), expanded=bool(messages), icon=":material/upload_file:"
    ):
        st.file_uploader(
            t("exports.loader_label"),
            type=["json"],
            key=_widget(),
            on_change=_on_upload,
            help=t("exports.loader_help"),
        )
        show = {"success": st.success, "warning": st.warning, "error": st.error}
        for level, text in messages or ():
            show[level](text)
