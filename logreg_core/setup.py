"""The setup of a run: every control's default, type, allowed values and link name, once.

:class:`Setup` is the one table (as scikit-learn's ``_parameter_constraints``):
each field declares its default, type, accepted values (:class:`Spec`), link
name and the stages it feeds.  The session's defaults, the widgets' bounds, the
link, the setup file, the caches' keys and the validator below all read it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from dataclasses import replace as _replace
from types import MappingProxyType

from .animation import DEFAULT_FRAMES, FRAME_SPACINGS, MAX_FRAMES
from .checks import shown
from .data import DATASET_KINDS, DEFAULT_NOISE, MAX_ROWS
from .features import FEATURE_MAPS, check_features
from .train import INIT_METHODS, MAX_ITERATIONS

__all__ = [
    "DEFAULTS",
    "MAX_NAMES",
    "MAX_TEXT",
    "SOURCES",
    "SPECS",
    "STAGES",
    "Setup",
    "Spec",
    "check_text",
    "check_value",
]

#: Where the data comes from.
SOURCES = ("generated", "uploaded", "edited")
#: Longest text a setup holds, in characters: a column name or a label value
#: (a CSV's header names and class names must fit, see :mod:`.csv_io`).
MAX_TEXT = 200
#: Most column names a setup holds: the data's inputs, x1 and x2 of the feature maps.
MAX_NAMES = 2
#: What a field can feed, each stage with its own cache key (:meth:`Setup.key`):
#: the data set, its split and feature maps, the training run, the animation's
#: frames, and the Step inspector's choice of step and example (no cache of its own).
STAGES = ("data", "preparation", "training", "animation", "inspector")


@dataclass(frozen=True)
class Spec:
    """What one field of :class:`Setup` accepts.

    Attributes
    ----------
    kind : {"int", "float", "bool", "choice", "text", "names", "features", "axes"}
    low, high : float or None
        Inclusive bounds of a number.
    above : bool
        ``low`` itself is refused (α > 0, tol > 0).
    choices : tuple of str
    optional : bool
        None is accepted too ("off", "automatic", "the kind's own").
    link : str or None
        The query parameter of a shareable link; None: never in a link.
    link_offset : int
        Added to the value in a link: 1 for a 0-based index the page numbers from 1.
    feeds : tuple of str
        The stages of :data:`STAGES` whose result (and cache key) the field changes.
    only_if : (str, str) or None
        The field counts only when another field has this value (w1 only with
        ``init="explicit"``): otherwise changing it changes no key.
    """

    kind: str
    low: float | None = None
    high: float | None = None
    above: bool = False
    choices: tuple[str, ...] = ()
    optional: bool = False
    link: str | None = None
    link_offset: int = 0
    feeds: tuple[str, ...] = ()
    only_if: tuple[str, str] | None = None


def _f(default, kind: str, **spec):
    return field(default=default, metadata={"spec": Spec(kind, **spec)})


# the stages each group of fields feeds (see Spec.feeds and Spec.only_if)
_DATA, _PREP, _TRAIN = ("data",), ("preparation",), ("training",)
_ANIM, _VIEW = ("animation",), ("inspector",)
_GEN = {"feeds": _DATA, "only_if": ("source", "generated")}  # what the generator is given
_CSV = {"feeds": _DATA, "only_if": ("source", "uploaded")}  # the columns of an uploaded file
_START = {"feeds": _TRAIN, "only_if": ("init", "explicit")}  # the given starting point


@dataclass(frozen=True)
class Setup:
    """Every control that shapes a run, with its default and what it accepts.

    Build one with :meth:`from_mapping` (missing fields take their defaults);
    the constructor checks every field (:func:`check_value`), so a ``Setup``
    always holds values the engine accepts.
    """

    # data (a generated data set, or the columns of an uploaded file)
    source: str = _f("generated", "choice", choices=SOURCES, link="src", feeds=_DATA)
    kind: str = _f("linear", "choice", choices=DATASET_KINDS, link="kind", **_GEN)
    n_samples: int = _f(200, "int", low=10, high=MAX_ROWS, link="n", **_GEN)
    noise: float | None = _f(None, "float", low=0.0, high=3.0, optional=True, link="noise", **_GEN)
    balance: float = _f(0.5, "float", low=0.05, high=0.95, link="balance", **_GEN)
    seed: int = _f(0, "int", low=0, high=2**31 - 1, link="seed", feeds=("data", "preparation"))
    test_share: float = _f(0.2, "float", low=0.0, high=0.5, link="test", feeds=_PREP)
    csv_label: str | None = _f(None, "text", optional=True, **_CSV)
    csv_features: tuple[str, ...] | None = _f(None, "names", optional=True, **_CSV)
    csv_positive: str | None = _f(None, "text", optional=True, **_CSV)
    features: tuple[str, ...] = _f(("x1", "x2"), "features", link="f", feeds=_PREP)
    standardize: bool = _f(True, "bool", link="std", feeds=_PREP)
    # training
    learning_rate: float = _f(
        0.1, "float", low=0.0, high=100.0, above=True, link="alpha", feeds=_TRAIN
    )
    num_iterations: int = _f(1000, "int", low=1, high=MAX_ITERATIONS, link="iters", feeds=_TRAIN)
    init: str = _f("zeros", "choice", choices=INIT_METHODS, link="init", feeds=_TRAIN)
    init_seed: int = _f(
        0, "int", low=0, high=2**31 - 1, link="iseed", feeds=_TRAIN, only_if=("init", "random")
    )
    w1: float = _f(0.0, "float", low=-50.0, high=50.0, link="w1", **_START)
    w2: float = _f(0.0, "float", low=-50.0, high=50.0, link="w2", **_START)
    b0: float = _f(0.0, "float", low=-50.0, high=50.0, link="b", **_START)
    l2: float = _f(0.0, "float", low=0.0, high=1000.0, link="l2", feeds=_TRAIN)
    tol: float | None = _f(
        None, "float", low=0.0, high=1.0, above=True, optional=True, link="tol", feeds=_TRAIN
    )
    patience: int | None = _f(
        None, "int", low=1, high=MAX_ITERATIONS, optional=True, link="patience", feeds=_TRAIN
    )
    # the animation
    frame_spacing: str = _f("log", "choice", choices=FRAME_SPACINGS, link="spacing", feeds=_ANIM)
    n_frames: int = _f(DEFAULT_FRAMES, "int", low=2, high=MAX_FRAMES, link="frames", feeds=_ANIM)
    surface_axes: tuple[int, int] = _f(
        (0, 1), "axes", high=len(FEATURE_MAPS) - 1, link="axes", feeds=_ANIM
    )
    # the Step inspector
    inspect_step: int = _f(0, "int", low=0, high=MAX_ITERATIONS, link="step", feeds=_VIEW)
    inspect_example: int = _f(
        0, "int", low=0, high=MAX_ROWS - 1, link="ex", link_offset=1, feeds=_VIEW
    )

    def __post_init__(self):
        for f in fields(self):
            object.__setattr__(self, f.name, check_value(f.name, getattr(self, f.name)))

    @classmethod
    def from_mapping(cls, values: Mapping[str, object] | Setup) -> Setup:
        """A Setup from control values; missing ones take their defaults, unknown keys raise.

        A Setup is returned as it is.
        """
        if isinstance(values, Setup):
            return values
        unknown = sorted(set(values) - set(DEFAULTS))
        if unknown:
            raise ValueError(f"unknown setup keys {unknown}; known keys are {sorted(DEFAULTS)}")
        return cls(**values)

    def as_dict(self) -> dict[str, object]:
        """The values as a plain dict (tuples stay tuples)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    def replace(self, **changes) -> Setup:
        """A copy with some fields changed (checked like any other Setup)."""
        return _replace(self, **changes)

    def key(self, stage: str, **values) -> tuple[tuple[str, object], ...]:
        """``(name, value)`` pairs of the fields that feed ``stage`` (one of :data:`STAGES`).

        In the table's order, those whose :attr:`Spec.feeds` names the stage
        and whose :attr:`Spec.only_if` holds; a noise of None is written as the
        kind's own, so both spellings name one data set.  ``values`` replace
        fields' values (the feature maps the data can use).
        """
        if stage not in STAGES:
            raise ValueError(f"stage must be one of {list(STAGES)}, got {stage!r}")
        pairs = []
        for name, spec in SPECS.items():
            if stage not in spec.feeds:
                continue
            if spec.only_if is not None and getattr(self, spec.only_if[0]) != spec.only_if[1]:
                continue
            value = values[name] if name in values else getattr(self, name)
            if name == "noise" and value is None:
                value = float(DEFAULT_NOISE[self.kind])
            pairs.append((name, value))
        return tuple(pairs)

    def data_key(self) -> tuple[tuple[str, object], ...]:
        """The fields that choose the data set: its source and that source's options."""
        return self.key("data")

    def prepare_key(
        self, features: tuple[str, ...] | None = None
    ) -> tuple[tuple[str, object], ...]:
        """The fields that split, map and standardize the data; ``features`` replaces the maps."""
        return self.key(
            "preparation", **({} if features is None else {"features": tuple(features)})
        )

    def train_key(self) -> tuple[tuple[str, object], ...]:
        """The training options (those the chosen initialization ignores left out)."""
        return self.key("training")


#: Each field's spec, by name, in the table's order.
SPECS: Mapping[str, Spec] = MappingProxyType({f.name: f.metadata["spec"] for f in fields(Setup)})
#: Each field's default, by name.
DEFAULTS: Mapping[str, object] = MappingProxyType({f.name: f.default for f in fields(Setup)})


def _number(name: str, value, spec: Spec, *, whole: bool):
    what = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be {what}, got {shown(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"{name} must be a finite number, got {shown(value)}")
    if whole and isinstance(value, float) and not value.is_integer():
        raise ValueError(f"{name} must be a whole number, got {shown(value)}")
    low = "above" if spec.above else "from"
    if value < spec.low or value > spec.high or (spec.above and value == spec.low):
        raise ValueError(f"{name} must be {low} {spec.low:g} to {spec.high:g}, got {shown(value)}")
    return int(value) if whole else float(value) + 0.0


def check_text(name: str, value: str, *, limit: int = MAX_TEXT) -> str:
    """``value`` if it is text a page can show and a file can hold, else ValueError naming ``name``.

    Refused: not a str, longer than ``limit`` characters, or not writable as
    UTF-8 (a lone surrogate such as ``"\\ud800"``, which JSON and a query
    string can carry); the message quotes a few dozen characters at most.
    """
    if not isinstance(value, str):
        raise ValueError(f"{name} must be text, got {shown(value)}")
    if len(value) > limit:
        raise ValueError(
            f"{name} must be at most {limit:,} characters long, got {len(value):,} "
            f"characters: {shown(value)}"
        )
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(
            f"{name} must be valid Unicode text, got a lone surrogate "
            f"{value[err.start]!r} at character {err.start + 1:,}: {shown(value)}"
        ) from None
    return value


def check_value(name: str, value) -> object:
    """``value`` as the field ``name`` holds it, or ValueError naming the field and the value.

    Whole numbers written as floats (200.0, as JSON may write them) are taken
    as ints; lists are taken as tuples; -0.0 reads as 0.0.
    """
    spec = SPECS.get(name)
    if spec is None:
        raise ValueError(f"unknown setup key {name!r}; known keys are {sorted(SPECS)}")
    if value is None:
        if spec.optional:
            return None
        raise ValueError(f"{name} must be set, got None")
    kind = spec.kind
    if kind in ("int", "float"):
        return _number(name, value, spec, whole=kind == "int")
    if kind == "bool":
        if not isinstance(value, bool):
            raise ValueError(f"{name} must be True or False, got {shown(value)}")
        return value
    if kind == "choice":
        if not isinstance(value, str) or value not in spec.choices:
            raise ValueError(f"{name} must be one of {list(spec.choices)}, got {shown(value)}")
        return value
    if kind == "text":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            raise ValueError(f"{name} must be a column name or a label value, got {shown(value)}")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(
                f"{name} must be a column name or a finite label value, got {shown(value)}"
            )
        if isinstance(value, int) and abs(value) >= 10**MAX_TEXT:  # too long when written
            raise ValueError(
                f"{name} must be at most {MAX_TEXT} characters long, got {shown(value)}"
            )
        return check_text(name, value) if isinstance(value, str) else value
    if kind == "names":
        if (
            not isinstance(value, list | tuple)
            or not value
            or not all(isinstance(v, str) for v in value)
        ):
            raise ValueError(f"{name} must be a list of column names, got {shown(value)}")
        if len(value) > MAX_NAMES:
            raise ValueError(
                f"{name} must hold at most {MAX_NAMES} column names, got {len(value):,}"
            )
        return tuple(check_text(name, v) for v in value)
    if kind == "features":
        if not isinstance(value, list | tuple):
            raise ValueError(f"{name} must be a list of feature maps, got {shown(value)}")
        if len(value) > len(FEATURE_MAPS):
            raise ValueError(
                f"{name} must hold at most {len(FEATURE_MAPS)} feature maps, got {len(value):,}"
            )
        for v in value:
            if isinstance(v, str):
                check_text(name, v)
        try:
            return check_features(tuple(value), 2)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{name}: {err}") from None
    # axes: two distinct weight indices
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"{name} must be two weight indices, got {shown(value)}")
    pair = tuple(_number(name, v, Spec("int", low=0, high=spec.high), whole=True) for v in value)
    if pair[0] == pair[1]:
        raise ValueError(f"{name} must be two different weights, got {shown(value)}")
    return pair
