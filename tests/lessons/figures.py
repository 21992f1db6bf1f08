"""What the lesson tests read in a figure, written once: its JSON, a trace by name, its words."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go

from ui.i18n import catalogue


def spec(fig: go.Figure) -> dict:
    """The JSON the browser receives, parsed back (typed arrays decoded by plotly)."""
    return json.loads(fig.to_json())


def assert_finite_json(fig: go.Figure) -> None:
    """No NaN and no Infinity reach the browser."""
    text = fig.to_json()
    assert "NaN" not in text and "Infinity" not in text


def trace(fig, name):
    """The figure's trace named ``name``."""
    return next(t for t in fig.data if t.name == name)


def reference_sigmoid(z):
    """σ(z) written the textbook way, an independent reference for the engine's."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=float)))


def words(keys) -> dict[str, dict[str, str]]:
    """A lesson figure's words (``module.TEXTS``) in each language, from the catalogues."""
    return {
        lang: {k: catalogue(lang)[f"figures_lessons.{k}"] for k in keys} for lang in ("en", "zh")
    }
