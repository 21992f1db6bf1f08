"""The Train page's animation player: a canvas that draws a whole run sent once.

plotly.js cannot play a shaded a = σ(z) and a cost surface at 30 frames a
second (it re-renders a whole figure for each frame with a heatmap), so the
player is a Streamlit inline component (``st.components.v2``, no build step, no
iframe): the browser draws the payload of
:func:`logreg_core.figures.player.player_payload` frame after frame and sends
back only the frame where the student pauses, where the Step inspector opens,
and the point of the cost surface the student clicks (or taps, or picks with
the keyboard), where a new run starts: :func:`start_changes` turns it into the
manual start's controls, each checked like any other value of a setup.  A
click on the data panel adds a training example there, or removes one a click
added (:func:`ui.data.commit_click`, the table editor's route and limits).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

import streamlit as st

from logreg_core.figures.player import PLAYER_TEXTS, player_data
from logreg_core.figures.style import PLAYER_CSS_COLORS
from logreg_core.setup import Setup, check_value
from ui.data import commit_click, current_data
from ui.i18n import t
from ui.share import PARAMS, escape_markdown
from ui.state import (
    ADD_CLASS,
    EDITED,
    LAST_CLICK,
    LAST_RUN,
    PLAY_FROM_START,
    START_PROBLEM,
    STARTS,
    apply_setup,
    current_setup,
)

__all__ = [
    "KEY",
    "START_FIELDS",
    "player",
    "player_texts",
    "standalone_html",
    "start_changes",
]

#: The component's key on the page (its state holds the paused frame).
KEY = "train_player"
_HERE = Path(__file__).parent
_HTML = """<div class="lrp">
  <div class="lrp-bar">
    <button type="button" class="lrp-play"></button>
    <span class="lrp-speeds" role="group"></span>
    <input type="range" class="lrp-slider" step="1">
    <span class="lrp-label" aria-live="off"></span>
  </div>
  <canvas class="lrp-canvas" role="img"></canvas>
  <div class="lrp-graph"></div>
</div>"""


#: style.py's colours of the controls and the graph, as the variables player.css reads (the
#: canvas's colours, ranges and sizes come in each payload, in its header's style).
_COLORS = "; ".join(f"--lrp-{name}: {color}" for name, color in PLAYER_CSS_COLORS.items())
_CSS = f".lrp {{ {_COLORS}; }}\n" + (_HERE / "player.css").read_text(encoding="utf-8")
#: The player's script, by concern: the payload, numbers and colours; layout, axes and
#: legends; the three panels and the computational graph; playback and mounting.
JS_FILES = tuple(
    _HERE / "player_js" / name for name in ("data.js", "layout.js", "panels.js", "playback.js")
)
_JS = "\n".join(path.read_text(encoding="utf-8") for path in JS_FILES)

_component = st.components.v2.component("logreg_player", html=_HTML, css=_CSS, js=_JS)


def player_texts(lang: str | None = None) -> dict[str, str]:
    """The words the player draws, from the catalogue's ``[player]`` section."""
    return {key: t(f"player.{key}", lang) for key in PLAYER_TEXTS}


def _on_pause() -> None:
    """The student paused (or let go of the slider): the inspector opens on that step."""
    state = st.session_state.get(KEY)
    paused = state.get("paused") if hasattr(state, "get") else None
    step = paused.get("step") if isinstance(paused, dict) else None
    if isinstance(step, int) and not isinstance(step, bool) and step >= 0:
        st.session_state["inspect_step"] = step


#: The cost surfaces a click can start a run on, by their axes: the manual start's fields
#: the two clicked values set (one input: w1 and b; two weights or more: w1 and w2, with
#: the current start's b, and further weights starting at 0).
START_FIELDS: Mapping[tuple[str, str], tuple[str, str]] = MappingProxyType(
    {("w1", "w2"): ("w1", "w2"), ("w1", "b"): ("w1", "b0")}
)
#: Each start field's link parameter, whose words say what it accepts.
_PARAMS = {p.key: p for p in PARAMS}


def start_changes(value, setup: Setup, axes: tuple[str, str]) -> dict[str, object]:
    """The manual start that a click on the cost surface asks for.

    Parameters
    ----------
    value : object
        What the player sent: ``{"axes": [u, v], "values": [a, c]}``, the
        surface's two axes and the point's values on them.
    setup : Setup
        The setup of the run on the screen (its start's b is kept).
    axes : (str, str)
        The axes of the surface the page drew.

    Returns
    -------
    dict
        ``init="explicit"`` and ``w1``, ``w2``, ``b0``, each checked by
        :func:`logreg_core.setup.check_value` as a link's or a file's would be.

    Raises
    ------
    ValueError
        With the student's words (markdown, values quoted as plain text): the
        value cannot be read, is not a point of this surface, or one of its
        numbers is not a start the controls accept.
    """
    axes = tuple(axes)
    if axes not in START_FIELDS:
        u, v = (escape_markdown(a) for a in axes)
        raise ValueError(t("train.start_axes", u=u, v=v))
    if (
        not isinstance(value, dict)
        or not isinstance(value.get("axes"), list)
        or not isinstance(value.get("values"), list)
        or len(value["values"]) != 2
    ):
        raise ValueError(t("train.start_unreadable"))
    if tuple(value["axes"]) != axes:
        raise ValueError(t("train.start_unreadable"))
    start = {"w1": setup.w1, "w2": setup.w2, "b0": setup.b0 if setup.init == "explicit" else 0.0}
    for name, number in zip(START_FIELDS[axes], value["values"], strict=True):
        try:
            start[name] = check_value(name, number)
        except ValueError:
            p = _PARAMS[name]
            raise ValueError(
                t(
                    "train.start_bad",
                    name=p.name,
                    value=escape_markdown(str(number)),
                    expected=p.expected(),
                )
            ) from None
    return {"init": "explicit", **start}


def _on_start() -> None:
    """A click on the cost surface: the manual start there, and its run played from frame 0."""
    state = st.session_state.get(KEY)
    value = state.get("start") if hasattr(state, "get") else None
    last = st.session_state.get(LAST_RUN) or {}
    st.session_state[STARTS] = count = int(st.session_state.get(STARTS, 0)) + 1
    try:
        changes = start_changes(value, current_setup(), last.get("axes", ("", "")))
    except ValueError as err:
        st.session_state[START_PROBLEM] = str(err)
        return
    apply_setup(changes)
    st.session_state[START_PROBLEM] = None
    st.session_state[PLAY_FROM_START] = count


def _on_point() -> None:
    """A click on the data: a training example added there (or one a click added removed),
    the edited data set trained again and played from frame 0."""
    state = st.session_state.get(KEY)
    value = state.get("point") if hasattr(state, "get") else None
    st.session_state[STARTS] = count = int(st.session_state.get(STARTS, 0)) + 1
    label = 1 if st.session_state.get(ADD_CLASS, 1) == 1 else 0
    problem = commit_click(value, current_data(current_setup()), label)
    st.session_state[START_PROBLEM] = problem
    if problem is None:
        change = "removed" if "remove" in value else "added"
        st.session_state[LAST_CLICK] = (change, st.session_state[EDITED]["digest"])
        st.session_state[PLAY_FROM_START] = count


def player(
    payload: bytes,
    *,
    axes: tuple[str, str],
    before: Mapping | None = None,
    before_label: str = "",
    added=None,
) -> None:
    """Mount the player with a run's payload (sent once; a rerun with the same bytes keeps it).

    Parameters
    ----------
    payload : bytes
        The run's :func:`logreg_core.figures.player.player_payload`.
    axes : (str, str)
        The axes of its cost surface: a click there starts a run if they are
        one of :data:`START_FIELDS`.
    before, before_label
        The run before, drawn faint, and what changed since
        (:func:`logreg_core.figures.player.player_data`).
    added : (x, y, label) of ndarrays, optional
        The points that clicks added, as drawn; with it a click on the data
        adds a training example of the class in :data:`ui.state.ADD_CLASS`.

    Why a click changed nothing is said above the player, once.
    """
    notice = st.empty()  # always there, so the player keeps its place on the page
    problem = st.session_state.pop(START_PROBLEM, None)
    if problem:
        notice.warning(problem, icon=":material/block:")
    data = player_data(
        payload,
        before=before,
        before_label=before_label,
        clickable=tuple(axes) in START_FIELDS,
        addable=added is not None,
        added=added,
        add_class=st.session_state.get(ADD_CLASS, 1),
        play=st.session_state.pop(PLAY_FROM_START, None) or 0,
        answered=int(st.session_state.get(STARTS, 0)),
    )
    _component(
        data=data,
        key=KEY,
        on_paused_change=_on_pause,
        on_start_change=_on_start,
        on_point_change=_on_point,
        width="stretch",
    )


def standalone_html(payload: bytes, title: str) -> str:
    """One HTML file that plays the run offline with the same player (no network, no plotly.js).

    Parameters
    ----------
    payload : bytes
        A :func:`logreg_core.figures.player.player_payload`.
    title : str
        The page's title (escaped).

    Returns
    -------
    str
        The player's script, its styles, and the payload in base64 (letters,
        digits, ``+/=`` only); every word it shows is set as text, never as markup.
    """
    script = _JS.replace("export default function", "window.__lrpMount = function", 1)
    data = base64.b64encode(payload).decode("ascii")
    return f"""<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>body {{ margin: 1rem auto; max-width: 1200px; padding: 0 1rem; }}
{_CSS}</style>
</head>
<body>
{_HTML}
<script type="application/octet-stream" id="lrp-payload">{data}</script>
<script>
{script};
(() => {{
  const text = document.getElementById("lrp-payload").textContent.trim();
  const bytes = Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  window.__lrpMount({{ data: bytes, parentElement: document.body, setStateValue: () => {{}} }});
}})();
</script>
</body>
</html>
"""
