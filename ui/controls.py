"""The widgets of the playground, each tied to its control in ``ui.state``.

A block of controls takes the rerun's :class:`~logreg_core.setup.Setup` and
returns it with the values its widgets now show (``setup =
training_controls(setup, n)``).  Every widget is bounded by the ``Setup``
table, so what the student can enter is what the engine accepts.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from logreg_core.animation import FRAME_SPACINGS, MAX_FRAMES
from logreg_core.data import DATASET_KINDS, DEFAULT_NOISE, KINDS, MAX_ROWS
from logreg_core.setup import SPECS, Setup
from logreg_core.train import INIT_METHODS, MAX_ITERATIONS
from ui.data import feature_options, usable_features
from ui.i18n import t
from ui.state import DEFAULTS, LAST_VALUE, bind, followed_example, persisted, widget_key
from ui.texts import INIT_LABELS, KIND_LABELS, SOURCE_LABELS, fmt, help_text

__all__ = [
    "ALPHAS",
    "BALANCE_RANGE",
    "ITERATIONS",
    "MAX_L2",
    "MAX_SEED",
    "MAX_TEST_PERCENT",
    "MIN_FRAMES",
    "MIN_SAMPLES",
    "NOISE_RANGE",
    "START_RANGE",
    "TOLERANCES",
    "example_input",
    "feature_controls",
    "frame_controls",
    "generate_controls",
    "source_control",
    "test_share_control",
    "training_controls",
]

#: α on a log scale, 1e-4 … 10 (1, 2, 5 in each decade).
ALPHAS = (*(float(f"{m}e{e}") for e in range(-4, 1) for m in (1, 2, 5)), 10.0)
#: Iteration counts on a log scale, 1 … MAX_ITERATIONS.
ITERATIONS = tuple(
    int(m * 10**e) for e in range(7) for m in (1, 2, 5) if m * 10**e <= MAX_ITERATIONS
)
#: Tolerances for the "stop when J stops changing" rule.
TOLERANCES = tuple(10.0**-e for e in range(2, 13))
#: The widgets' bounds, as :class:`logreg_core.setup.Setup` declares them.
MIN_SAMPLES = int(SPECS["n_samples"].low)
NOISE_RANGE = (SPECS["noise"].low, SPECS["noise"].high)
BALANCE_RANGE = (SPECS["balance"].low, SPECS["balance"].high)
MAX_TEST_PERCENT = round(100 * SPECS["test_share"].high)
MAX_SEED = int(SPECS["seed"].high)
START_RANGE = (SPECS["w1"].low, SPECS["w1"].high)
MAX_L2 = SPECS["l2"].high
MIN_FRAMES = int(SPECS["n_frames"].low)


def _with(options: tuple, value) -> list:
    """The options, plus ``value`` in its sorted place if it is not one of them."""
    return sorted(set(options) | {value}) if value not in options else list(options)


# ---- data ----


def _kind_changed() -> None:
    """A new kind of data: its own default noise, and features it can use."""
    st.session_state["noise"] = None
    kind = st.session_state["kind"]
    features = st.session_state["features"]
    n_inputs = KINDS[kind].n_inputs
    if n_inputs < 2:
        st.session_state["features"] = usable_features(features, n_inputs)[0]
    elif set(features) <= set(feature_options(1)):
        st.session_state["features"] = DEFAULTS["features"]


def _new_seed() -> None:
    # a fresh seed for the student; everything downstream stays seeded
    st.session_state["seed"] = int(np.random.default_rng().integers(0, 100_000))


def source_control(has_edited: bool) -> str:
    """Where the data comes from: generated, an uploaded CSV or the edited table."""
    options = ["generated", "uploaded"] + (["edited"] if has_edited else [])
    if st.session_state["source"] not in options:
        st.session_state["source"] = "generated"
    return st.segmented_control(
        t("controls.source"),
        options,
        format_func=SOURCE_LABELS.now().get,
        required=True,
        help=t("controls.source_help"),
        **bind("source"),
    )


def _noise_help() -> str:
    """The noise slider's help, with the own noise of each generated kind (real data has none)."""
    own = [f"{name.replace('_', '-')} {k.noise:g}" for name, k in KINDS.items() if k.generated]
    return t("texts.help_noise", defaults=", ".join(own))


def generate_controls(setup: Setup) -> Setup:
    """Kind, number of examples, noise, class balance, seed and test share.

    For real data (a kind that is not :attr:`~logreg_core.data.Kind.generated`)
    the page says that the number of examples, the noise and the balance do
    not apply, and shows only the test share and the split's seed.

    Returns ``setup`` with the values the widgets show (a noise left at the
    kind's own stays None).
    """
    kind = st.selectbox(
        t("controls.kind"),
        DATASET_KINDS,
        format_func=KIND_LABELS.now().get,
        help=help_text("kind"),
        **bind("kind", after=_kind_changed),
    )
    if not KINDS[kind].generated:
        st.info(t("data.real_kind"), icon=":material/straighten:")
        return test_share_control(setup.replace(kind=kind))
    c1, c2 = st.columns(2)
    n_samples = c1.number_input(
        t("controls.n_samples"),
        min_value=MIN_SAMPLES,
        max_value=MAX_ROWS,
        step=50,
        help=help_text("n_samples") + t("robust.n_samples_range", lo=MIN_SAMPLES, hi=MAX_ROWS),
        **bind("n_samples", to_widget=int),
    )
    own_noise = float(DEFAULT_NOISE[kind])
    noise = c2.slider(
        t("controls.noise"),
        *NOISE_RANGE,
        step=0.05,
        help=_noise_help(),
        **bind(
            "noise",
            to_widget=lambda v: own_noise if v is None else float(v),
            from_widget=float,
        ),
    )
    c1, c2 = st.columns(2)
    balance = c1.slider(
        t("controls.balance"),
        *BALANCE_RANGE,
        step=0.05,
        help=help_text("balance"),
        **bind("balance", to_widget=float),
    )
    test_share = _test_share_slider(c2)
    c1, c2 = st.columns([2, 1], vertical_alignment="bottom")
    seed = _seed_input(t("controls.seed"), help_text("seed"), c1)
    c2.button(
        t("controls.new_seed"),
        icon=":material/casino:",
        on_click=_new_seed,
        help=t("controls.new_seed_help"),
    )
    return setup.replace(
        kind=kind,
        n_samples=n_samples,
        noise=None if setup.noise is None and noise == own_noise else noise,
        balance=balance,
        seed=seed,
        test_share=test_share,
    )


def _seed_input(label: str, help: str, where=st) -> int:
    """The data's seed, which also splits it, in ``where`` (a column, or the page)."""
    return where.number_input(
        label, min_value=0, max_value=MAX_SEED, step=1, help=help, **bind("seed", to_widget=int)
    )


def _test_share_slider(where=st) -> float:
    """The test share in percent, in ``where`` (a column, or the page); returns it as a share."""
    percent = where.slider(
        t("controls.test_share"),
        0,
        MAX_TEST_PERCENT,
        step=5,
        format="%d %%",
        help=help_text("test_share"),
        **bind("test_share", to_widget=lambda v: round(100 * v), from_widget=lambda v: v / 100),
    )
    return percent / 100


def test_share_control(setup: Setup) -> Setup:
    """The test share and the split's seed (for uploaded and edited data); returns the setup."""
    test_share = _test_share_slider()
    seed = _seed_input(t("controls.split_seed"), t("controls.split_seed_help"))
    return setup.replace(test_share=test_share, seed=seed)


def feature_controls(n_inputs: int) -> tuple[tuple[str, ...], str | None]:
    """Feature maps and standardizing; returns the usable features and a note."""
    options = feature_options(n_inputs)
    st.multiselect(
        t("controls.features"),
        options,
        help=help_text("features"),
        placeholder=t("controls.features_placeholder"),
        **bind(
            "features",
            to_widget=lambda v: list(usable_features(v, n_inputs)[0]),
            from_widget=tuple,
        ),
    )
    st.toggle(t("controls.standardize"), help=help_text("standardize"), **bind("standardize"))
    return usable_features(st.session_state["features"], n_inputs)


# ---- training ----


def _optional(key: str, default, label: str, help: str) -> bool:
    """A checkbox that switches a None-able control (tol, patience) on and off."""
    box = widget_key(key) + "_on"
    remember = LAST_VALUE[key]

    def toggled():
        on = st.session_state[box]
        if on:
            st.session_state[key] = st.session_state.get(remember, default)
        else:
            if st.session_state[key] is not None:
                st.session_state[remember] = st.session_state[key]
            st.session_state[key] = None

    st.session_state[box] = st.session_state[key] is not None
    return st.checkbox(label, key=box, on_change=toggled, help=help)


def training_controls(setup: Setup, n_features: int) -> Setup:
    """α, iterations, initialization, λ and the stop rules, in four columns; returns the setup.

    The stop rules' widgets are tied with :func:`ui.state.bind`, and a checkbox
    switches each to None; the others keep their values themselves.
    """
    chosen = {}
    c1, c2, c3, c4 = st.columns(4, gap="medium")
    with c1:
        chosen["learning_rate"] = st.select_slider(
            t("controls.learning_rate"),
            options=_with(ALPHAS, setup.learning_rate),
            format_func=fmt,
            help=help_text("learning_rate"),
            **persisted("learning_rate"),
        )
        chosen["num_iterations"] = st.select_slider(
            t("controls.iterations"),
            options=_with(ITERATIONS, setup.num_iterations),
            format_func=lambda v: f"{v:,}",
            help=help_text("num_iterations"),
            **persisted("num_iterations"),
        )
    with c2:
        init = chosen["init"] = st.radio(
            t("controls.init"),
            INIT_METHODS,
            format_func=INIT_LABELS.now().get,
            help=help_text("init"),
            **persisted("init"),
        )
        if init == "random":
            chosen["init_seed"] = st.number_input(
                t("controls.init_seed"),
                min_value=0,
                max_value=MAX_SEED,
                step=1,
                **persisted("init_seed"),
            )
        elif init == "explicit":
            cols = st.columns(3 if n_features > 1 else 2)
            names = ["w1", "w2", "b0"] if n_features > 1 else ["w1", "b0"]
            for col, name in zip(cols, names, strict=True):
                chosen[name] = col.number_input(
                    "b" if name == "b0" else name,
                    min_value=START_RANGE[0],
                    max_value=START_RANGE[1],
                    step=0.5,
                    format="%g",  # every digit of a start picked on the cost surface
                    help=t("controls.start_help") if name == "w2" else None,
                    **persisted(name),
                )
    with c3:
        chosen["l2"] = st.number_input(
            t("controls.l2"),
            min_value=0.0,
            max_value=MAX_L2,
            step=0.1,
            format="%g",
            help=help_text("l2"),
            **persisted("l2"),
        )
    with c4:
        chosen["tol"] = chosen["patience"] = None
        if _optional("tol", 1e-6, t("controls.tol_on"), help_text("tol")):
            chosen["tol"] = st.select_slider(
                t("controls.tol"),
                options=_with(TOLERANCES, float(st.session_state["tol"])),
                format_func=lambda v: f"{v:.0e}",
                **bind("tol", to_widget=float),
            )
        if _optional("patience", 100, t("controls.patience_on"), help_text("patience")):
            chosen["patience"] = st.number_input(
                t("controls.patience"),
                min_value=1,
                max_value=MAX_ITERATIONS,
                step=10,
                **bind("patience", to_widget=int),
            )
    return setup.replace(**chosen)


def _pair(axes) -> tuple[int, int]:
    return tuple(int(a) for a in axes)


def frame_controls(feature_names=("x1", "x2"), m: int = 1) -> int:
    """Frames, spacing, the surface's weights and the example the numbers follow (returned)."""
    n = len(feature_names)
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    label = t("controls.follow_example", m=f"{m:,}")
    example = example_input(label, t("controls.follow_example_help"), m, c4)
    c1.slider(
        t("controls.n_frames"),
        MIN_FRAMES,
        MAX_FRAMES,
        step=1,
        help=help_text("n_frames") + t("robust.n_frames_range", lo=MIN_FRAMES, hi=MAX_FRAMES),
        **bind("n_frames", to_widget=int),
    )
    c2.radio(
        t("controls.frame_spacing"),
        FRAME_SPACINGS,
        format_func={s: t(f"controls.spacing_{s}") for s in FRAME_SPACINGS}.get,
        horizontal=True,
        help=help_text("frame_spacing"),
        **bind("frame_spacing"),
    )
    if n > 2:
        pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
        c3.selectbox(
            t("controls.surface_axes"),
            pairs,
            format_func=lambda p: (
                f"w{p[0] + 1} ({feature_names[p[0]]}), w{p[1] + 1} ({feature_names[p[1]]})"
            ),
            help=t("controls.surface_axes_help"),
            **bind(
                "surface_axes",
                to_widget=lambda v: _pair(v) if _pair(v) in pairs else (0, 1),
                from_widget=_pair,
            ),
        )
    return example


def example_input(label: str, help: str, m: int, where=st) -> int:
    """The followed training example, numbered i = 1 … m on screen as in the article; 0-based."""
    st.session_state["inspect_example"] = followed_example(m)
    where.number_input(
        label,
        min_value=1,
        max_value=max(m, 1),
        step=1,
        help=help,
        **bind("inspect_example", to_widget=lambda i: int(i) + 1, from_widget=lambda v: int(v) - 1),
    )
    return followed_example(m)
