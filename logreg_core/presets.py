"""Named scenarios for the classroom: one click sets every control for one lesson point.

Each preset is a set of control values (keys of :class:`logreg_core.setup.Setup`);
every key it does not name takes its default.  Its texts live in the catalogues
under ``presets.<key>``, and tests/test_presets.py checks what they promise.
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

#: The article's two cases: the same descent from a w that starts left or right of the minimum.
_CASE = {**_ONE_FEATURE, "init": "explicit", "b0": 0.0, "learning_rate": 0.5, "num_iterations": 200}

#: Moons with a parabola-shaped boundary: x2 spans about ±2 while x1² reaches about 12.5.
_MOONS_PARABOLA = {"kind": "moons", "features": ("x2", "x1²"), "learning_rate": 0.5}

#: The Palmer penguins, Adelie (y = 0) against Chinstrap (y = 1), by bill length in mm
#: (x1, tens) and body mass in g (x2, thousands), for 1,000 steps.
_PENGUINS = {"kind": "penguins", "num_iterations": 1000}


@dataclass(frozen=True)
class Preset:
    """One scenario of the gallery.

    Attributes
    ----------
    key : str
        Identifier.
    setup : mapping of str to value
        Control values that differ from the defaults.
    partner : str or None
        The key of the preset it is meant to be compared with (the pair sits
        side by side in the gallery), or None.
    title_key, watch_key : str
        The catalogue keys of its title and of two or three sentences on what
        to watch: ``presets.<key>.title`` and ``presets.<key>.watch``.
    """

    key: str
    setup: Mapping[str, object] = field(default_factory=dict)
    partner: str | None = None
    title_key: str = field(init=False)
    watch_key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "setup", MappingProxyType(dict(self.setup)))
        object.__setattr__(self, "title_key", f"presets.{self.key}.title")
        object.__setattr__(self, "watch_key", f"presets.{self.key}.watch")

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
    Preset("case_left", {**_CASE, "w1": -4.0}, partner="case_right"),
    Preset("case_right", {**_CASE, "w1": 6.0}, partner="case_left"),
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
        "penguins_unscaled",
        {**_PENGUINS, "standardize": False, "learning_rate": 5e-7},
        partner="penguins_standardized",
    ),
    Preset(
        "penguins_standardized",
        {**_PENGUINS, "standardize": True, "learning_rate": 1.0},
        partner="penguins_unscaled",
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
    """The preset called ``key``; ValueError if no preset has that key."""
    for p in PRESETS:
        if p.key == key:
            return p
    raise ValueError(f"unknown preset {key!r}; choose from {[p.key for p in PRESETS]}")
