"""The Train page's animation player: a canvas that draws a whole run sent once.

plotly.js cannot play a shaded a = σ(z) and a cost surface at 30 frames a
second (it re-renders a whole figure for each frame with a heatmap), so the
player is a Streamlit inline component (``st.components.v2``, no build step, no
iframe): the browser draws the payload of
:func:`logreg_core.figures.player.player_payload` frame after frame and sends
back only the frame where the student pauses, where the Step inspector opens.
"""

from __future__ import annotations

import base64
import html
from pathlib import Path

import streamlit as st

from logreg_core.figures.player import PLAYER_TEXTS
from logreg_core.figures.style import PLAYER_CSS_COLORS
from ui.i18n import t

__all__ = ["KEY", "player", "player_texts", "standalone_html"]

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


def player(payload: bytes) -> None:
    """Mount the player with a run's payload (sent once; a rerun with the same bytes keeps it)."""
    _component(data=payload, key=KEY, on_paused_change=_on_pause, width="stretch")


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
