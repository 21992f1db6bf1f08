"""Session state, initialised in one place.

Every control that shapes a result has one key here, with its default.  Pages
read and write ``st.session_state[key]``; widgets use the same key, so a value
set in code (a lesson's "open in the playground" link, a preset, a shared
URL) is what the widget shows.  Nothing else defines a default.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

import streamlit as st

#: The default setup: what a student sees on first opening the app.
DEFAULTS: Mapping[str, object] = MappingProxyType(
    {
        # data
        "source": "generated",  # "generated" | "uploaded" | "edited"
        "kind": "linear",
        "n_samples": 200,
        "noise": None,  # None: the kind's own default (see make_dataset)
        "balance": 0.5,
        "seed": 0,
        "test_share": 0.2,
        "features": ("x1", "x2"),
        "standardize": True,
        # training
        "learning_rate": 0.1,
        "num_iterations": 1000,
        "init": "zeros",  # "zeros" | "random" | "explicit"
        "init_seed": 0,
        "w1": 0.0,
        "w2": 0.0,
        "b0": 0.0,
        "l2": 0.0,
        "tol": None,
        "patience": None,
        "frame_spacing": "log",  # "log" | "uniform"
        "n_frames": 60,
        # inspector
        "inspect_step": 0,
        "inspect_example": 0,
    }
)


def init_state() -> None:
    """Put every default into ``st.session_state`` once; later calls change nothing."""
    for key, value in DEFAULTS.items():
        if key not in st.session_state:
            st.session_state[key] = value


def apply_setup(setup: Mapping[str, object]) -> None:
    """Set several controls at once (a lesson link, a preset); unknown keys raise ValueError."""
    unknown = sorted(set(setup) - set(DEFAULTS))
    if unknown:
        raise ValueError(f"unknown setup keys {unknown}; known keys are {sorted(DEFAULTS)}")
    for key, value in setup.items():
        st.session_state[key] = value


def current_setup() -> dict[str, object]:
    """The current value of every control, as a plain dict."""
    return {key: st.session_state.get(key, value) for key, value in DEFAULTS.items()}
