"""Colours and layout shared by every figure of the app.

The class colours are from the Okabe–Ito palette, distinguishable with the
common colour-vision deficiencies; class 1 also gets a different marker shape,
so the classes never rely on colour alone.
"""

from __future__ import annotations

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
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Sans CJK SC", sans-serif'


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
