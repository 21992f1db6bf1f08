"""Named scenarios for the classroom: one click sets every control for one lesson point.

Each preset is a set of control values (the keys of the playground's setup,
``ui.state.DEFAULTS``); every key it does not name takes its default.  The
texts (title, what to watch) live in the catalogues under ``presets.<key>``,
so this module holds numbers only and never imports streamlit.

tests/test_presets.py runs every preset through
:func:`logreg_core.pipeline.run_setup` and checks what its text promises:
the too-large α ends with stop reason "diverged", the x1·x2 feature solves
XOR, and so on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["PRESETS", "Preset", "preset"]

#: The lessons' one-feature data (lessons 1, 4 and 5): 40 examples on one
#: axis, y = 0 around -0.5 and y = 1 around 1.5, overlapping, all for
#: training and not standardized, so J(w, b) is the article's curve.
_ONE_FEATURE = {
    "kind": "one_feature",
    "n_samples": 40,
    "noise": 2.0,
    "seed": 0,
    "test_share": 0.0,
    "features": ("x1",),
    "standardize": False,
}

#: Moons with a parabola-shaped boundary: x2 spans about ±2 while x1² reaches 16.
_MOONS_PARABOLA = {"kind": "moons", "features": ("x2", "x1²"), "learning_rate": 0.5}


@dataclass(frozen=True)
class Preset:
    """One scenario of the gallery.

    Attributes
    ----------
    key : str
        Identifier; the catalogues hold ``presets.<key>.title`` and
        ``presets.<key>.watch`` (two or three sentences on what to watch).
    setup : mapping of str to value
        Control values that differ from the defaults (keys of
        ``ui.state.DEFAULTS``, values of the types given there).
    partner : str or None
        The key of the preset it is meant to be compared with (the pair sits
        side by side in the gallery), or None.
    """

    key: str
    setup: Mapping[str, object] = field(default_factory=dict)
    partner: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "setup", MappingProxyType(dict(self.setup)))

    @property
    def title_key(self) -> str:
        """Catalogue key of the title: ``presets.<key>.title``."""
        return f"presets.{self.key}.title"

    @property
    def watch_key(self) -> str:
        """Catalogue key of the what-to-watch text: ``presets.<key>.watch``."""
        return f"presets.{self.key}.watch"

    def full_setup(self, defaults: Mapping[str, object]) -> dict[str, object]:
        """Every control's value: ``defaults`` overridden by this preset's setup.

        Raises
        ------
        ValueError
            If the preset names a key that ``defaults`` does not have.
        """
        unknown = sorted(set(self.setup) - set(defaults))
        if unknown:
            raise ValueError(f"preset {self.key!r} has unknown setup keys {unknown}")
        return {**defaults, **self.setup}


#: The gallery, in the order shown (pairs are neighbours).
PRESETS: tuple[Preset, ...] = (
    Preset(
        "case_left",
        {
            **_ONE_FEATURE,
            "init": "explicit",
            "w1": -4.0,
            "b0": 0.0,
            "learning_rate": 0.5,
            "num_iterations": 200,
        },
        partner="case_right",
    ),
    Preset(
        "case_right",
        {
            **_ONE_FEATURE,
            "init": "explicit",
            "w1": 6.0,
            "b0": 0.0,
            "learning_rate": 0.5,
            "num_iterations": 200,
        },
        partner="case_left",
    ),
    Preset(
        "alpha_large",
        {
            "kind": "gauss",
            "noise": 3.0,
            "standardize": False,
            "learning_rate": 2.0,
            "num_iterations": 1000,
        },
        partner="alpha_small",
    ),
    Preset(
        "alpha_small",
        {"learning_rate": 0.0001, "num_iterations": 100},
        partner="alpha_large",
    ),
    Preset(
        "unscaled",
        {**_MOONS_PARABOLA, "standardize": False, "num_iterations": 200},
        partner="standardized",
    ),
    Preset(
        "standardized",
        {**_MOONS_PARABOLA, "standardize": True, "num_iterations": 200},
        partner="unscaled",
    ),
    Preset(
        "xor_line",
        {"kind": "xor", "features": ("x1", "x2"), "learning_rate": 1.0, "num_iterations": 1000},
        partner="xor_product",
    ),
    Preset(
        "xor_product",
        {
            "kind": "xor",
            "features": ("x1", "x2", "x1·x2"),
            "learning_rate": 1.0,
            "num_iterations": 1000,
        },
        partner="xor_line",
    ),
    Preset(
        "separable",
        {"kind": "linear", "noise": 0.3, "learning_rate": 1.0, "num_iterations": 2000},
    ),
    Preset(
        "imbalanced",
        {
            "kind": "gauss",
            "n_samples": 500,
            "balance": 0.1,
            "learning_rate": 0.1,
            "num_iterations": 1000,
        },
    ),
)


def preset(key: str) -> Preset:
    """The preset called ``key``.

    Raises
    ------
    ValueError
        If no preset has that key.
    """
    for p in PRESETS:
        if p.key == key:
            return p
    raise ValueError(f"unknown preset {key!r}; choose from {[p.key for p in PRESETS]}")
