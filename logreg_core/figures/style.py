"""Colours and layout shared by every figure of the app.

The class colours are from the Okabe–Ito palette, distinguishable with the
common colour-vision deficiencies; class 1 also gets a different marker shape,
so the classes never rely on colour alone.
"""

from __future__ import annotations

import copy
import html
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import plotly.colors
import plotly.graph_objects as go

#: Class 0 (negative) and class 1 (positive): Okabe–Ito blue and orange.
CLASS_COLORS = ("#0072B2", "#E69F00")
#: Marker symbols per class, so shape tells the classes apart too.
CLASS_SYMBOLS = ("circle", "diamond")
#: Forward values (black) and backward derivatives (red), as in the article's graph.
FORWARD_COLOR = "#111111"
BACKWARD_COLOR = "#CC3311"
#: The descent path and the current point.
PATH_COLOR = "#111111"
CURRENT_COLOR = "#CC3311"
#: The decision boundary a = 0.5.
BOUNDARY_COLOR = "#111111"
#: Test examples are drawn hollow.
TEST_OPACITY = 0.9
#: Background probability a = σ(z): from class-0 blue through white to class-1 orange.
PROBABILITY_SCALE = [
    [0.0, "#9ccbe8"],
    [0.5, "#ffffff"],
    [1.0, "#f7d08a"],
]
#: Cost surfaces: light (low J) to dark (high J), readable in grey print.
COST_SCALE = "Viridis"
#: The colours of COST_SCALE, low to high.
COST_COLORS = tuple(plotly.colors.sequential.Viridis)
#: Training and test accuracy curves: Okabe–Ito bluish green and sky blue.
ACCURACY_COLORS = ("#009E73", "#56B4E9")
#: The cost curve J against the iteration.
COST_CURVE_COLOR = "#111111"
#: The curve a = σ(z) along x1, when there is one input.
SIGMA_CURVE_COLOR = "#444444"
#: The whole descent path, faint, under the path so far.
WHOLE_PATH_COLOR = "rgba(17, 17, 17, 0.3)"
#: Latin fonts first, then CJK fallbacks so Chinese labels never show as boxes
#: (Noto on Linux/Cloud with fonts-noto-cjk, YaHei on Windows, PingFang on macOS).
FONT_FAMILY = (
    'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", "Noto Sans SC", '
    '"Microsoft YaHei", "PingFang SC", sans-serif'
)


# ----------------------------------------------------------------------------
# the Train page's player (ui/player_js/): it draws with these and nothing else
# ----------------------------------------------------------------------------

#: The canvas's paper, grid lines, text, colour-bar outlines, and the white
#: ring around filled markers (they stand out of the shading).
PAPER_COLOR = "#ffffff"
GRID_COLOR = "#e6e6e6"
TEXT_COLOR = "#333333"
FRAME_COLOR = "#999999"
OUTLINE_COLOR = "#ffffff"
#: The colours of the player's controls and of its computational graph, by name
#: (ui/player.css reads each as ``var(--lrp-<name>)``).
PLAYER_CSS_COLORS = {
    "ink": "#222222",
    "paper": PAPER_COLOR,
    "accent": CLASS_COLORS[0],
    "button-border": "#c9c9c9",
    "graph-paper": "#fafafa",
    "graph-border": "#e3e3e3",
    "rule": "#e0e0e0",
    "muted": "#666666",
    "faint": "#777777",
    "arrow": FRAME_COLOR,
    "node-border": "#dddddd",
    "backward-border": "#e8b3a6",
    "backward": BACKWARD_COLOR,
    "update": CLASS_COLORS[0],
}
#: Bands of the shaded a = σ(z) (0–0.1, 0.1–0.2, …, a filled contour) and of each cost surface.
A_BANDS = 10
J_BANDS = 12
#: The player's cost shading: COST_COLORS reversed, light where J is low, so the dark path reads.
PLAYER_COST_SCALE = [
    [i / (len(COST_COLORS) - 1), color] for i, color in enumerate(reversed(COST_COLORS))
]
#: The accuracy axis, a little above 1 so the line stays clear of the frame; with
#: one input, the label axis of the data panel (room for the jitter around 0 and 1).
ACCURACY_RANGE = (0.0, 1.05)
LABEL_RANGE = (-0.15, 1.15)
#: Sizes in CSS pixels.  In presenter mode the ones marked (×size) grow by
#: PLAYER_PRESENTER_SIZE, the line widths (×line) by PRESENTER_LINE; pairs are (normal, presenter).
PLAYER_SIZES = {
    "font": 12,  # the canvas's text (×size); titles in weight 600
    "title_weight": 600,
    "margin": {"l": 52, "r": 58, "t": 30, "b": 40},  # around each plot (×size)
    "legend_room": [3.2, 1.8],  # under the titles, in font heights: upper panels, curves
    "narrow": 700,  # below this width the three panels stack
    "min_width": 280,
    "panel": {"ratio": 0.86, "max": 520},  # side by side: height / width, at most max (×size)
    "curves": {"ratio": 0.55, "min": 220},  # the curves' height / the panels' height
    "stacked": {"panel": 0.82, "curves": 0.72},  # stacked: height / width
    "min_plot": 40,
    "headroom": 1.05,  # the cost axis reaches this many times the highest J
    "legend": {"swatch": 20, "row": 1.4},  # a legend's line or marker, its rows in font heights
    "tick_spacing": [75, 60],  # pixels per tick along x and y
    "colorbar": {"width": 10, "top": 0.15, "length": 0.7},  # width ×size; shares of the plot
    "point": [3.6, 5.0],  # radius of a data point
    "dense": {"count": 1000, "scale": 0.75},  # smaller points above this many
    "legend_point": [4, 5],
    "diamond": 1.3,  # half-diagonal of a class-1 diamond, in radii
    "current": 6,  # radius of this frame's parameters on the cost surface (×size)
    "cursor_dot": 5,  # radius of the curves' dots at this step (×size)
    "upsample": 8,  # image pixels per grid cell and side of a shading
    "lines": {  # ×line
        "boundary": 3,
        "path": 2,
        "whole_path": 1.5,
        "cost_curve": 2,
        "accuracy": 1.5,
        "sigma_curve": 2,
        "cursor": 1.5,
        "test_point": 1.5,
        "legend": 2,
    },
    "outlines": {"point": 1, "current": 2, "cursor_dot": 1.5},
    "dashes": {"sigma_curve": [3, 3], "test_accuracy": [6, 4], "cursor": [4, 3]},
}


def player_style() -> dict:
    """The look of the Train page's player, for its payload's header (JSON-ready).

    ``ui/player_js/`` keeps no colour, range or size of its own: ``colors`` (by
    role), ``a_scale`` and ``j_scale`` (stops ``[position, colour]``), the bands,
    font, presenter factors, ranges and ``sizes`` (:data:`PLAYER_SIZES`) all come from here.
    """
    return {
        "colors": {
            "class": list(CLASS_COLORS),
            "boundary": BOUNDARY_COLOR,
            "path": PATH_COLOR,
            "whole_path": WHOLE_PATH_COLOR,
            "current": CURRENT_COLOR,
            "cost_curve": COST_CURVE_COLOR,
            "accuracy": list(ACCURACY_COLORS),
            "sigma_curve": SIGMA_CURVE_COLOR,
            "paper": PAPER_COLOR,
            "grid": GRID_COLOR,
            "text": TEXT_COLOR,
            "frame": FRAME_COLOR,
            "outline": OUTLINE_COLOR,
        },
        "a_scale": [[float(pos), color] for pos, color in PROBABILITY_SCALE],
        "j_scale": [[float(pos), color] for pos, color in PLAYER_COST_SCALE],
        "a_bands": A_BANDS,
        "j_bands": J_BANDS,
        "font": FONT_FAMILY,
        "presenter": {"size": PLAYER_PRESENTER_SIZE, "line": PRESENTER_LINE},
        "accuracy_range": list(ACCURACY_RANGE),
        "label_range": list(LABEL_RANGE),
        "sizes": copy.deepcopy(PLAYER_SIZES),
    }


def words(texts: Mapping[str, str], keys: Sequence[str]) -> dict[str, str]:
    """The words ``keys`` of a builder's ``texts`` (the page's catalogue), as plain strings.

    Raises
    ------
    ValueError
        If ``texts`` lacks some of ``keys``, naming them.
    """
    missing = [key for key in keys if key not in texts]
    if missing:
        raise ValueError(f"texts lacks the keys {missing}")
    return {key: str(texts[key]) for key in keys}


def base_layout(*, title: str | None = None, height: int = 420, font_size: int = 13) -> dict:
    """Layout keywords every figure starts from (white background, compact margins)."""
    return {
        "title": {"text": title} if title else None,
        "height": height,
        "margin": {"l": 50, "r": 20, "t": 50 if title else 20, "b": 45},
        "template": "plotly_white",
        "font": {"family": FONT_FAMILY, "size": font_size},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
    }


def empty_figure(message: str, *, height: int = 300) -> go.Figure:
    """A blank figure that says why there is nothing to draw."""
    fig = go.Figure()
    fig.update_layout(**base_layout(height=height))
    fig.add_annotation(text=message, showarrow=False, x=0.5, y=0.5, xref="paper", yref="paper")
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return fig


def plain(text) -> str:
    """A student's text (a column name, a class) for a plotly title, legend or hover text.

    Plotly reads HTML tags and entities in every text and ``%{…}`` fields in
    hover templates: ``&``, ``<``, ``>`` become entities and ``%`` ``&#37;``, so
    a column named ``<b>x</b>`` reads "<b>x</b>", exactly as typed.
    """
    return html.escape(str(text), quote=False).replace("%", "&#37;")


# ----------------------------------------------------------------------------
# presenter mode: the same figure, readable on a projector
# ----------------------------------------------------------------------------

#: Presenter mode: text grows by FONT (up to MAX_FONT px), lines by LINE,
#: markers by MARKER, the figure's height by HEIGHT; titles of narrow subplots
#: longer than WRAP characters are broken onto two lines.
PRESENTER_FONT = 1.4
PRESENTER_MAX_FONT = 20.0
PRESENTER_LINE = 2.0
PRESENTER_MARKER = 1.5
PRESENTER_HEIGHT = 1.1
PRESENTER_WRAP = 28
#: Presenter mode's smallest text, in CSS pixels, readable from the back of a room on a
#: 1280 × 720 projector: every text of a page (ui/presenter.py), of its charts and of the player.
PRESENTER_MIN_FONT = 20
#: The player's factor for its sizes marked (×size) in presenter mode: its one text size,
#: PLAYER_SIZES["font"], grows to PRESENTER_MIN_FONT (and its margins and dots with it).
PLAYER_PRESENTER_SIZE = PRESENTER_MIN_FONT / PLAYER_SIZES["font"]
#: A subplot narrower than this share of the figure's width is "narrow".
_NARROW = 0.6
#: Presenter mode: a subplot with another one on its left (above it) gives up
#: this share of the figure's width (height) on that side, as room for the
#: larger tick labels and axis titles between them.
_ROOM_X = 0.09
_ROOM_Y = 0.04
#: Plotly's own defaults, used when a figure leaves a size unset.
_PLOTLY_FONT = 12.0
_PLOTLY_LINE = 2.0
_PLOTLY_MARKER = {"scatter": 6.0, "scattergl": 6.0, "scatter3d": 8.0}
_SCATTERS = frozenset(_PLOTLY_MARKER)
#: Keys under which plotly keeps a font (``{"size": …, "family": …}``).
_FONT_KEYS = frozenset(
    {"font", "tickfont", "textfont", "insidetextfont", "outsidetextfont", "grouptitlefont"}
)
#: Layout parts left as they are: the template, and the colour bars (their
#: labels sit between two panels, where larger text would run into the next one).
_SKIP_KEYS = frozenset({"template", "colorbar"})


@dataclass(frozen=True)
class _Scale:
    """The factors of one :func:`presenter_figure` call."""

    font: float
    max_font: float
    line: float
    marker: float

    def text(self, size: float) -> float:
        """A font size: times ``font``, but not beyond ``max_font`` (nor below ``size``)."""
        size = float(size)
        return max(size, min(size * self.font, self.max_font))


def _scale_fonts(node, scale: _Scale):
    """A copy of a layout part (dicts, lists, scalars) with every font size scaled."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key in _SKIP_KEYS:
                out[key] = value
                continue
            if key in _FONT_KEYS and isinstance(value, dict):
                value = dict(value)
                if isinstance(value.get("size"), (int, float)):
                    value["size"] = scale.text(value["size"])
            out[key] = _scale_fonts(value, scale)
        return out
    if isinstance(node, (list, tuple)):
        return [_scale_fonts(item, scale) for item in node]
    return node


def _text_width(text: str) -> int:
    """Width of ``text`` in Latin letters: a wide (CJK) character counts as two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_text(text: str, width: int) -> str:
    """``text`` broken onto two lines ("<br>") at the space or comma nearest its middle.

    A space next to "=" is no place to break.  Text at most ``width`` Latin
    letters wide (a Chinese character counts as two), text that already holds
    markup, and text with nowhere to break come back unchanged.
    """
    if _text_width(text) <= width or "<" in text:
        return text
    breaks = [
        i
        for i, ch in enumerate(text)
        if ch in "，、" or (ch == " " and "=" not in text[max(i - 1, 0) : i + 2])
    ]  # never next to "=", so "a = σ(z)" stays on one line
    if not breaks:
        return text
    half = _text_width(text) / 2
    i = min(breaks, key=lambda k: abs(_text_width(text[:k]) - half))
    keep = "" if text[i] == " " else text[i]
    return f"{text[:i]}{keep}<br>{text[i + 1 :]}"


def _make_room(layout: dict) -> None:
    """Widen the gaps between subplots, moving their titles along (in place).

    An x domain that does not start at 0 starts :data:`_ROOM_X` later; a y
    domain that does not end at 1 ends :data:`_ROOM_Y` lower.  A subplot title
    (a paper annotation centred over the x domain, on top of the y domain) follows.
    """
    notes = [n for n in layout.get("annotations") or [] if n.get("xref") == "paper"]
    for key, axis in layout.items():
        domain = axis.get("domain") if isinstance(axis, dict) else None
        if not domain or domain[1] <= domain[0]:
            continue
        d0, d1 = domain
        if key.startswith("xaxis") and d0 > 0:
            axis["domain"] = [min(d0 + _ROOM_X, (d0 + d1) / 2), d1]
            for note in notes:
                if abs(note.get("x", -1) - (d0 + d1) / 2) < 1e-6:
                    note["x"] = (axis["domain"][0] + d1) / 2
        elif key.startswith("yaxis") and d1 < 1:
            axis["domain"] = [d0, max(d1 - _ROOM_Y, (d0 + d1) / 2)]
            for note in notes:
                if abs(note.get("y", -1) - d1) < 1e-6:
                    note["y"] = axis["domain"][1]


_SAME = object()


def _changes(old, new):
    """What of ``new`` (a scaled copy of the layout part ``old``) differs from it, or :data:`_SAME`.

    Dicts give their changed keys; lists of dicts of one length give a dict per
    element (``{}``, which plotly's update leaves alone, where none changed).
    """
    if isinstance(old, dict) and isinstance(new, dict):
        out = {}
        for key, value in new.items():
            change = _changes(old[key], value) if key in old else value
            if change is not _SAME:
                out[key] = change
        return out or _SAME
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and len(old) == len(new)
        and all(isinstance(item, dict) for item in old + new)
    ):
        parts = [_changes(a, b) for a, b in zip(old, new, strict=True)]
        if all(part is _SAME for part in parts):
            return _SAME
        return [{} if part is _SAME else part for part in parts]
    if new is old or (isinstance(old, (int, float, str)) and type(old) is type(new) and old == new):
        return _SAME
    return new


def _titles_narrow_subplot(note: dict, layout: dict) -> bool:
    """Whether an annotation is the title of a narrow subplot (centred over its x axis)."""
    if note.get("xref") != "paper" or note.get("yref") != "paper" or not note.get("text"):
        return False
    x = note.get("x")
    if not isinstance(x, (int, float)):
        return False
    widths = [
        d1 - d0
        for key, axis in layout.items()
        if key.startswith("xaxis") and isinstance(axis, dict) and "domain" in axis
        for d0, d1 in [axis["domain"]]
        if abs((d0 + d1) / 2 - x) < 1e-6
    ]
    return bool(widths) and min(widths) < _NARROW


def _has_mode(trace, part: str) -> bool:
    """Whether a scatter-like trace draws ``part`` ("lines" or "markers")."""
    if "mode" not in trace:
        return False
    mode = trace["mode"]
    if mode is None:  # plotly's default: lines (and markers for short traces)
        return part == "lines"
    return part in mode


def presenter_figure(
    fig: go.Figure,
    *,
    font: float = PRESENTER_FONT,
    max_font: float = PRESENTER_MAX_FONT,
    line: float = PRESENTER_LINE,
    marker: float = PRESENTER_MARKER,
    height: float = PRESENTER_HEIGHT,
    wrap: int = PRESENTER_WRAP,
) -> go.Figure:
    """Make a figure readable from the back of a room: larger text, thicker lines, markers.

    Changes ``fig`` in place and returns it, so call it on a figure built for
    the purpose, never on one shared by a cache.

    Parameters
    ----------
    fig : go.Figure
        Any figure of the app (frames too: they carry data and texts, not styles).
    font : float, default PRESENTER_FONT (1.4)
        Factor for every font size (plotly's 12 when unset), but colour bars'
        and legends' (and legend symbols').
    max_font : float, default PRESENTER_MAX_FONT (20)
        No text grows beyond this many pixels (text already larger stays).
    line : float, default PRESENTER_LINE (2.0)
        Factor for line widths (plotly's 2 when unset) of traces, marker
        outlines, contours and shapes.
    marker : float, default PRESENTER_MARKER (1.5)
        Factor for marker sizes (plotly's 6, or 8 in 3-D, when unset).
    height : float, default PRESENTER_HEIGHT (1.1)
        Factor for the figure's height (when it sets one).
    wrap : int, default PRESENTER_WRAP (28)
        Titles of narrow subplots (under 60 % of the width) longer than this
        are broken onto two lines (:func:`wrap_text`), the top margin one line taller.

    Returns
    -------
    go.Figure
        ``fig``, scaled.

    Raises
    ------
    ValueError
        If a factor is not a finite number of at least 1, or ``max_font`` or
        ``wrap`` is not positive.
    """
    for name, value in (("font", font), ("line", line), ("marker", marker), ("height", height)):
        if not isinstance(value, (int, float)) or not 1.0 <= float(value) < float("inf"):
            raise ValueError(f"{name} must be a finite number ≥ 1, got {value!r}")
    if not isinstance(max_font, (int, float)) or not 0 < float(max_font) < float("inf"):
        raise ValueError(f"max_font must be a positive number of pixels, got {max_font!r}")
    if not isinstance(wrap, int) or wrap < 1:
        raise ValueError(f"wrap must be a positive whole number of characters, got {wrap!r}")
    scale = _Scale(float(font), float(max_font), float(line), float(marker))
    layout = {k: v for k, v in fig.layout.to_plotly_json().items() if k != "template"}
    scaled = _scale_fonts(layout, scale)
    base = (layout.get("font") or {}).get("size") or _PLOTLY_FONT
    scaled.setdefault("font", {})["size"] = scale.text(base)
    # legends keep their size: a taller legend would squeeze the plot under it
    legend = scaled.setdefault("legend", {})
    legend_font = ((layout.get("legend") or {}).get("font") or {}).get("size") or base
    legend.setdefault("font", {})["size"] = legend_font
    legend["itemsizing"] = "constant"
    for shape in scaled.get("shapes") or []:
        width = (shape.get("line") or {}).get("width")
        if width is not None:
            shape["line"]["width"] = float(width) * scale.line
    wrapped = False
    for note in scaled.get("annotations") or []:
        if _titles_narrow_subplot(note, layout):
            text = wrap_text(note["text"], wrap)
            wrapped |= text != note["text"]
            note["text"] = text
    if wrapped and "t" in (scaled.get("margin") or {}):
        scaled["margin"]["t"] = scaled["margin"]["t"] + 1.4 * scaled["font"]["size"]
    if isinstance(layout.get("height"), (int, float)):
        scaled["height"] = round(layout["height"] * height)
    _make_room(scaled)
    changes = _changes(layout, scaled)
    if changes is not _SAME:
        fig.update_layout(changes)  # only what changed: a slider's steps are not checked again
    for trace in fig.data:
        _scale_trace(trace, scale)
    return fig


def _scale_trace(trace, scale: _Scale) -> None:
    """One trace of :func:`presenter_figure`, in place."""
    update: dict = {}
    kind = trace.type
    if "line" in trace and kind != "heatmap":
        width = trace["line.width"]
        if width is not None:
            update["line.width"] = width * scale.line
        elif kind in _SCATTERS and _has_mode(trace, "lines"):
            update["line.width"] = _PLOTLY_LINE * scale.line
    if "marker" in trace and (kind not in _SCATTERS or _has_mode(trace, "markers")):
        size = trace["marker.size"] if "size" in trace.marker else None  # bars: no size
        if size is None:
            size = _PLOTLY_MARKER.get(kind)
        if size is not None:
            update["marker.size"] = _times(size, scale.marker)
        outline = trace["marker.line.width"]
        if outline is not None:
            update["marker.line.width"] = _times(outline, scale.line)
    for part in ("textfont", "insidetextfont", "outsidetextfont"):
        if part in trace and trace[f"{part}.size"] is not None:
            size = trace[f"{part}.size"]
            many = not isinstance(size, (int, float))
            update[f"{part}.size"] = [scale.text(v) for v in size] if many else scale.text(size)
    for path, value in update.items():
        trace[path] = value


def _times(value, factor: float):
    """A size (number, or a sequence of numbers) multiplied by ``factor``."""
    if isinstance(value, (int, float)):
        return float(value) * factor
    return [float(v) * factor for v in value]
