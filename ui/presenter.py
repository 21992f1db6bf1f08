"""Presenter mode: the playground on a classroom projector.

One switch in the sidebar (key ``"presenter"``, kept in the address bar as
``presenter=1`` but left out of a shared link: a way of showing, not a setting
of the run).  When it is on, the whole page is enlarged so that every text is
at least :data:`~logreg_core.figures.style.PRESENTER_MIN_FONT` (20) CSS pixels,
readable from the back of a room on a 1280 × 720 projector: the page's own
text, widgets, metrics and tables through one style sheet (:data:`PAGE_CSS`),
every chart through :func:`present` (larger text, lines and markers, and no
text under the minimum), the Train page's player through its payload's style
(``PLAYER_PRESENTER_SIZE``).  The pages' control blocks fold into collapsed
expanders (:func:`control_block`), so the charts fill the screen.
"""

from __future__ import annotations

import contextlib
import math
import re

import plotly.graph_objects as go
import streamlit as st

from logreg_core.figures.style import PRESENTER_MIN_FONT, presenter_figure
from ui.i18n import t

__all__ = [
    "KEY",
    "PAGE_CSS",
    "at_least",
    "control_block",
    "full_size_scripts",
    "present",
    "presenter_on",
    "presenter_toggle",
    "redraw_tables",
    "table_place",
]

#: Session-state key (and query parameter) of the switch.
KEY = "presenter"
#: Session-state key: whether the page's tables were last drawn in presenter mode.
_TABLES = "_presenter_tables"

#: Streamlit sizes its text in rem: body text 1 rem, its smallest text (captions, widget
#: labels, metric labels, the navigation, the cells of a table, drawn on a canvas from the
#: root's size) 0.875 rem.  A root of PRESENTER_MIN_FONT / 0.875 px puts all of them at
#: PRESENTER_MIN_FONT or more, and with them the player's controls and numbers (em of
#: 1.3 rem in its own style sheet, at least 0.78 of that: 1.02 rem).
_ROOT_PX = math.ceil(1000 * PRESENTER_MIN_FONT / 0.875) / 1000  # up: 0.875 rem ≥ the minimum
_MIN = f"{PRESENTER_MIN_FONT}px"

#: The style sheet of presenter mode, drawn on every page while the switch is on.  Headings,
#: the large numbers of metrics and the room above the title are held back (they would take
#: half of a 720-pixel screen), metrics wrap to a second row rather than cut their labels
#: short, and so do the navigation's page names; what the root leaves under the minimum
#: is raised to it: the link to skip to the content (in px) and formulas, whose indices are
#: 0.7 of their size (KaTeX's 1.21 em becomes 1.26 em: 0.7 × 1.26 × 22.86 px ≥ 20 px).
PAGE_CSS = f"""
html {{ font-size: {_ROOT_PX:.3f}px; }}
h1, [data-testid="stHeading"] h1 {{ font-size: 2rem; }}
h2, [data-testid="stHeading"] h2 {{ font-size: 1.6rem; }}
h3, [data-testid="stHeading"] h3 {{ font-size: 1.3rem; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 3rem; }}
[data-testid="stMetricValue"] {{ font-size: 1.75rem; }}
[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] [data-testid="stMetric"]) {{
  flex-wrap: wrap; }}
[data-testid="stColumn"]:has([data-testid="stMetric"]) {{ min-width: 6.5rem; }}
[data-testid="stMetric"] [data-testid="stMetricLabel"] :is(div, p) {{
  white-space: normal; overflow: visible; text-overflow: clip; word-break: normal;
  overflow-wrap: normal; }}
[data-testid="stSidebarNavLink"] :is(span, p) {{
  white-space: normal; overflow: visible; text-overflow: clip; }}
[data-testid="stSkipToContent"] {{ font-size: {_MIN}; }}
.katex {{ font-size: 1.26em; }}
"""

#: Figure parts whose font Plotly takes from the template when the figure leaves it unset
#: (Streamlit's theme sets its own sizes there): each gets a size of its own.
_AXIS = re.compile(r"^(?:[xyz]axis|radialaxis|angularaxis)\d*$")
_CONTAINER = re.compile(r"^(?:scene|polar|ternary|coloraxis)\d*$")


def presenter_on() -> bool:
    """Whether presenter mode is on in this session."""
    return bool(st.session_state.get(KEY, False))


def presenter_toggle() -> None:
    """The presenter-mode switch (in the sidebar, drawn on every page), and its style sheet."""
    st.toggle(t("presenter.toggle"), key=KEY, help=t("presenter.toggle_help"))
    # always one element here, so switching off replaces the style sheet at once
    st.html(f"<style>{PAGE_CSS if presenter_on() else ''}</style>")


def _tables_drawn() -> bool:
    """Whether the page's tables are drawn in presenter mode (False until redrawn)."""
    return bool(st.session_state.setdefault(_TABLES, False))


def table_place():
    """The place of a table (``st.dataframe``, ``st.data_editor``) that follows presenter mode.

    A table reads its font size from the page once, when it is first drawn
    (its cells are drawn on a canvas), and the page keeps an element drawn
    in the same place (a new key is not enough), so after the switch the
    table must move: ``with table_place(): st.dataframe(...)`` draws it one
    container deeper while the page's tables are drawn in presenter mode.
    :func:`redraw_tables` says when that mode changes.
    """
    if _tables_drawn():
        return st.container()
    return contextlib.nullcontext()


#: The browser's answer that the page's style sheet applies (once per switch): a table
#: drawn in the same update of the page as the style sheet reads the size from before it.
_READY_JS = """
export default function ({ data, setStateValue }) {
  if (data) requestAnimationFrame(() => setStateValue("applied", data.on));
}
"""
_ready = st.components.v2.component("logreg_presenter_tables", html="<span></span>", js=_READY_JS)
#: The component's key (its state holds the mode the browser says applies).
_READY = "presenter_tables"


def _tables_ready() -> None:
    """The browser draws the page in the new mode: the tables move (:func:`table_place`)."""
    state = st.session_state.get(_READY)
    applied = state.get("applied") if hasattr(state, "get") else None
    if isinstance(applied, bool):
        st.session_state[_TABLES] = applied


def redraw_tables() -> None:
    """At the end of a page with tables: after a switch, have them drawn anew.

    While the tables are drawn for the other mode (after the switch, and on a
    session's first page in presenter mode: the tables count as drawn plain
    until then), a tiny component waits until the browser has the page in the
    new mode, then sends it back: the run that follows draws the tables in
    their new place (:func:`table_place`), at the page's new text size.
    """
    if _tables_drawn() != presenter_on():
        _ready(data={"on": presenter_on()}, key=_READY, on_applied_change=_tables_ready, height=0)


def present(fig: go.Figure, **options) -> go.Figure:
    """``fig``, built for this run, scaled in place for the projector when presenter mode is on.

    ``options`` go to :func:`logreg_core.figures.style.presenter_figure`; then
    :func:`at_least` raises every text still under ``PRESENTER_MIN_FONT``.  A
    cached figure gets the flag in its cache key instead (``ui.cache``).
    """
    if not presenter_on():
        return fig
    return at_least(presenter_figure(fig, **options), PRESENTER_MIN_FONT)


def _raise(font, size: float, inherited: float) -> None:
    """Set ``font.size`` (a plotly font object) to at least ``size``; unset means ``inherited``."""
    current = font.size if isinstance(font.size, int | float) else inherited
    font.size = max(float(current), float(size))


#: Plotly draws ``<sub>``/``<sup>`` at 0.7 of the text's size: in presenter mode an index
#: or a power becomes its Unicode form, drawn at the text's size ("w<sub>1</sub>" -> "w₁").
_SCRIPTS = {
    "sub": str.maketrans("0123456789+-−=()aeoxhklmnpstij", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼ"),
    "sup": str.maketrans("0123456789+-−=()ni", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿⁱ"),
}
_SCRIPT = re.compile(r"<(sub|sup)>([^<]*)</\1>")


def full_size_scripts(text):
    """``text`` with each ``<sub>``/``<sup>`` that Unicode can write written so (others kept)."""
    if not isinstance(text, str) or "<su" not in text:
        return text

    def one(match: re.Match) -> str:
        kind, inner = match.groups()
        out = inner.translate(_SCRIPTS[kind])
        return (
            match.group(0)
            if any(ch == other for ch, other in zip(inner, out, strict=True) if ch != " ")
            else out
        )

    return _SCRIPT.sub(one, text)


def _full_size_log_ticks(axis) -> None:
    """A log axis labels its 2s and 5s at 0.75 of its size: decades only, or (under a
    decade and a half of range) its own ticks at 1, 2, 5 (or 1 … 9), all at full size."""
    if axis.type != "log":
        return
    if axis.range is None or axis.tickvals is not None:
        if axis.tickvals is None and axis.dtick is None:
            axis.dtick = 1
        return
    lo, hi = sorted(float(v) for v in axis.range)
    if hi - lo >= 1.5:
        axis.dtick = 1
        return
    for ms in ((1, 2, 5), range(1, 10)):
        values = [
            m * 10.0**k
            for k in range(math.floor(lo) - 1, math.ceil(hi) + 1)
            for m in ms
            if lo <= math.log10(m * 10.0**k) <= hi
        ]
        if len(values) >= 2:
            break
    else:
        return  # under two ticks even so: plotly labels such a short range at full size
    axis.tickvals = values
    axis.ticktext = [f"{v:g}" for v in values]


def at_least(fig: go.Figure, size: float) -> go.Figure:
    """Every text of ``fig`` at least ``size`` pixels, in place; ``fig`` is returned.

    The figure's font, each axis's tick labels and title, the legend, the
    title, the annotations, the buttons and sliders, every colour bar and the
    text of the traces: a size left unset is set (so no template's smaller
    size applies), one below ``size`` raised, a larger one kept.  Indices and
    powers (``<sub>``, ``<sup>``) of the annotations, titles and trace texts
    are written in Unicode, and log axes label only what they draw at full size.

    Parameters
    ----------
    fig : go.Figure
    size : float
        The smallest text, in pixels, > 0.

    Returns
    -------
    go.Figure
        ``fig``.

    Raises
    ------
    ValueError
        If ``size`` is not a positive number.
    """
    if isinstance(size, bool) or not isinstance(size, int | float) or not 0 < size < 1e4:
        raise ValueError(f"size must be a positive number of pixels, got {size!r}")
    lay = fig.layout
    _raise(lay.font, size, 12.0)
    base = float(lay.font.size)

    def axes_of(container) -> None:
        for name in container.to_plotly_json():
            if _AXIS.match(name):
                axis = container[name]
                _raise(axis.tickfont, size, base)
                _raise(axis.title.font, size, base)
                axis.title.text = full_size_scripts(axis.title.text)
                _full_size_log_ticks(axis)
            elif name == "colorbar":
                colorbar(container.colorbar)

    def colorbar(bar) -> None:
        _raise(bar.tickfont, size, base)
        _raise(bar.title.font, size, base)

    axes_of(lay)
    for name in lay.to_plotly_json():
        if _CONTAINER.match(name):
            axes_of(lay[name])
    for trace in fig.data:  # the axes a trace draws on, set or not
        for letter in ("x", "y"):
            if f"{letter}axis" in trace:
                ref = trace[f"{letter}axis"] or letter
                axis = lay[f"{letter}axis{ref[1:]}"]
                _raise(axis.tickfont, size, base)
                _raise(axis.title.font, size, base)
        if "scene" in trace:
            scene = lay[f"scene{(trace.scene or 'scene')[5:]}"]
            for letter in "xyz":
                _raise(scene[f"{letter}axis"].tickfont, size, base)
                _raise(scene[f"{letter}axis"].title.font, size, base)
    _raise(lay.legend.font, size, base)
    _raise(lay.legend.title.font, size, base)
    _raise(lay.title.font, size, base)
    lay.title.text = full_size_scripts(lay.title.text)
    for note in lay.annotations:
        _raise(note.font, size, base)
        note.text = full_size_scripts(note.text)
    for menu in lay.updatemenus:
        _raise(menu.font, size, base)
    for slider in lay.sliders:
        _raise(slider.font, size, base)
        _raise(slider.currentvalue.font, size, base)
    for trace in fig.data:
        if "text" in trace and trace.text is not None:
            text = trace.text
            trace.text = (
                [full_size_scripts(v) for v in text]
                if isinstance(text, list | tuple)
                else full_size_scripts(text)
            )
        for part in ("textfont", "insidetextfont", "outsidetextfont"):
            if part in trace:
                font = trace[part]
                if isinstance(font.size, list | tuple):
                    font.size = [max(float(v), float(size)) for v in font.size]
                else:
                    _raise(font, size, base)
        # a colour bar that is drawn: a heatmap's or a contour's unless switched off, a
        # marker's only when switched on (setting a font of a hidden one would draw it)
        if "colorbar" in trace and trace.showscale is not False:
            colorbar(trace.colorbar)
        marker = trace.marker if "marker" in trace else None
        if marker is not None and "colorbar" in marker and marker.showscale is True:
            colorbar(marker.colorbar)
    return fig


def control_block(label: str):
    """A container for a block of controls: an expander named ``label`` in presenter mode.

    ``with control_block(t(...)):`` draws its widgets inside.
    """
    if presenter_on():
        return st.expander(label, expanded=False, icon=":material/tune:")
    return contextlib.nullcontext()
