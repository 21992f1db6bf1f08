"""The setup in the address bar: a link that opens exactly the same run.

Every control that shapes a result has a short query parameter
(:data:`PARAMS`: ``?kind=moons&n=300&alpha=0.5&f=x1-x2-x1x2`` …).  The
controls keep their values in ``st.session_state`` under the keys of
``ui.state.DEFAULTS``, and the address bar is kept here, in one place, by
app.py at the top of each rerun, rather than by the widgets themselves (no
widget is bound with ``bind="query-params"``):

- on a session's first run, :func:`read_link` reads the link's parameters
  into session state, each one checked against the bounds its widget has; a
  value that cannot be used keeps the default and is listed in a notice that
  names the parameter and quotes the value as plain text (:func:`notices`);
- on every run :func:`write_link` writes the rerun's setup back to
  ``st.query_params``, leaving out values equal to their defaults, so the
  address bar holds the setup on every page of the playground (Streamlit
  clears the query string on page navigation; the next run puts it back).

Numbers are written with ``repr`` (the shortest text that reads back as the
same float), so a link reproduces a run bit for bit.  An uploaded file or an
edited table cannot travel in a link: the link says ``src=uploaded`` (or
``edited``) and opens the generated data of its other settings, with a note.

The parsing and writing (:func:`encode`, :func:`decode`) are plain functions
of strings; only :func:`read_link`, :func:`write_link`, :func:`notices` and
:func:`share_panel` touch Streamlit.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from urllib.parse import urlencode

import streamlit as st

from logreg_core.setup import SPECS, Setup, Spec, check_text, check_value
from ui import presenter
from ui.i18n import t
from ui.state import ARRIVAL, DEFAULTS, LINK_READ, NOTICES, apply_setup
from ui.texts import KIND_LABELS, md_plain

__all__ = [
    "FEATURE_CODES",
    "MAX_ALPHA",
    "OTHER_PARAMS",
    "PARAMS",
    "PRESENTER_PARAM",
    "Param",
    "Problem",
    "Reading",
    "decode",
    "encode",
    "escape_markdown",
    "notices",
    "problem_text",
    "read_link",
    "share_link",
    "share_panel",
    "write_link",
]

#: Largest learning rate a link may ask for (the α slider's options reach 10).
MAX_ALPHA = SPECS["learning_rate"].high
#: Query parameters kept elsewhere (``lang``: the language switch,
#: :func:`ui.i18n.language_switch`, writes it itself): known, never written here.
OTHER_PARAMS = frozenset({"lang"})
#: Presenter mode in the address bar (a way of showing, not part of the setup:
#: kept on reload, left out of the shared link).
PRESENTER_PARAM = "presenter"
#: Each feature map's name in a link (the on-screen names hold ², · and spaces).
FEATURE_CODES: Mapping[str, str] = MappingProxyType(
    {
        "x1": "x1",
        "x2": "x2",
        "x1²": "x1sq",
        "x2²": "x2sq",
        "x1·x2": "x1x2",
        "sin x1": "sinx1",
        "sin x2": "sinx2",
    }
)
_FEATURE_NAMES = {code: name for name, code in FEATURE_CODES.items()}
#: Lists (features, surface axes) are written with "-"; "," and " " are read too.
_LIST_SEP = re.compile(r"[-, ]")
_INT = re.compile(r"[+-]?[0-9]{1,12}")
_FLOAT = re.compile(r"[+-]?([0-9]{1,20}(\.[0-9]{0,20})?|\.[0-9]{1,20})([eE][+-]?[0-9]{1,3})?")
#: Longest value quoted back in a notice, and most problems listed one by one.
_QUOTE_MAX = 40
_LIST_MAX = 10
#: The Data page, where a file is uploaded (as app.py registers it).
DATA_PAGE = "views/data.py"


# ----------------------------------------------------------------------------
# the parameters: parse (str -> value, ValueError when unusable) and dump
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Param:
    """One control in the link.

    Attributes
    ----------
    key : str
        The control's key in ``ui.state.DEFAULTS``.
    name : str
        The query parameter.
    parse : callable (str) -> value
        Reads a value; raises ValueError when the text cannot be used.
    dump : callable (value) -> str
        Writes a value so that ``parse(dump(v)) == v`` exactly.
    expect : str
        Catalogue key (under ``share.``) of the words that say what is accepted.
    fields : mapping
        Fields of those words (bounds, options).
    """

    key: str
    name: str
    parse: Callable[[str], object]
    dump: Callable[[object], str]
    expect: str
    fields: Mapping[str, object] = field(default_factory=dict)


def _number_text(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else repr(float(value))


def _int_param(key: str, name: str, lo: int, hi: int, offset: int = 0) -> Param:
    """A whole number in [lo, hi], written in the link as ``value + offset``."""

    def parse(text: str) -> int:
        if not _INT.fullmatch(text):
            raise ValueError(text)
        value = int(text) - offset
        if not lo <= value <= hi:
            raise ValueError(text)
        return value

    fields = {"lo": lo + offset, "hi": hi + offset}
    return Param(key, name, parse, lambda v: str(int(v) + offset), "expect_int", fields)


def _float_param(key: str, name: str, lo: float, hi: float, *, above: bool = False) -> Param:
    """A number in [lo, hi] (in (lo, hi] with ``above``); no NaN, no inf."""

    def parse(text: str) -> float:
        if not _FLOAT.fullmatch(text):
            raise ValueError(text)
        value = float(text)
        if not math.isfinite(value) or value > hi or value < lo or (above and value == lo):
            raise ValueError(text)
        return value + 0.0  # -0.0 reads as 0.0

    expect = "expect_above" if above else "expect_float"
    fields = {"lo": _number_text(lo), "hi": _number_text(hi)}
    return Param(key, name, parse, lambda v: repr(float(v)), expect, fields)


def _choice_param(key: str, name: str, options: tuple[str, ...]) -> Param:
    def parse(text: str) -> str:
        if text not in options:
            raise ValueError(text)
        return text

    return Param(key, name, parse, str, "expect_choice", {"options": ", ".join(options)})


def _parse_bool(text: str) -> bool:
    value = {"1": True, "true": True, "0": False, "false": False}.get(text.lower())
    if value is None:
        raise ValueError(text)
    return value


def _parse_features(text: str) -> tuple[str, ...]:
    codes = _LIST_SEP.split(text)
    if not text or any(code not in _FEATURE_NAMES for code in codes):
        raise ValueError(text)
    if len(set(codes)) != len(codes):
        raise ValueError(text)
    return tuple(_FEATURE_NAMES[code] for code in codes)


def _parse_axes(text: str) -> tuple[int, int]:
    parts = _LIST_SEP.split(text)
    if len(parts) != 2 or not all(re.fullmatch(r"[0-9]{1,2}", p) for p in parts):
        raise ValueError(text)
    a, b = (int(p) for p in parts)
    hi = int(SPECS["surface_axes"].high) + 1
    if a == b or not (1 <= a <= hi and 1 <= b <= hi):
        raise ValueError(text)
    return a - 1, b - 1


def _param(key: str, spec: Spec) -> Param:
    """The link parameter of one field of :class:`logreg_core.setup.Setup`, from its spec."""
    name = spec.link
    if key == "source":  # any text: a local source (an upload) opens generated data
        return Param(key, name, lambda text: text, str, "expect_choice")
    if spec.kind == "int":
        return _int_param(key, name, int(spec.low), int(spec.high), spec.link_offset)
    if spec.kind == "float":
        return _float_param(key, name, spec.low, spec.high, above=spec.above)
    if spec.kind == "choice":
        return _choice_param(key, name, spec.choices)
    if spec.kind == "bool":
        return Param(key, name, _parse_bool, lambda v: "1" if v else "0", "expect_bool")
    if spec.kind == "features":
        return Param(
            key,
            name,
            _parse_features,
            lambda v: "-".join(FEATURE_CODES[name] for name in v),
            "expect_features",
            {"options": ", ".join(FEATURE_CODES.values())},
        )
    if spec.kind == "axes":  # 1-based in the link, as the weights are named (w1, w2, …)
        return Param(
            key,
            name,
            _parse_axes,
            lambda v: f"{int(v[0]) + 1}-{int(v[1]) + 1}",
            "expect_axes",
            {"hi": int(spec.high) + 1},
        )
    raise ValueError(f"{key} has no link form for the kind {spec.kind!r}")


#: Every control in a link, in the order the link lists them (the table's order).
PARAMS: tuple[Param, ...] = tuple(_param(key, spec) for key, spec in SPECS.items() if spec.link)
_BY_NAME = {p.name: p for p in PARAMS}
_BY_KEY = {p.key: p for p in PARAMS}
#: Sources whose data stays in the browser session: a link opens generated data.
_LOCAL_SOURCES = ("uploaded", "edited")


# ----------------------------------------------------------------------------
# reading and writing a link (plain functions)
# ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Problem:
    """A parameter of a link that could not be used.

    Attributes
    ----------
    reason : {"bad", "repeated", "unknown"}
    name : str
        The query parameter as the link spells it.
    value : str
        The value as the link gives it (the last one when repeated).
    count : int
        How often the parameter appears.
    """

    reason: str
    name: str
    value: str = ""
    count: int = 1


@dataclass(frozen=True)
class Reading:
    """What a link asks for.

    Attributes
    ----------
    setup : dict
        Control key -> value, for every parameter that could be used.
    problems : tuple of Problem
    local_source : str or None
        "uploaded" or "edited" when the link was made with data that cannot
        travel in it (the setup then uses generated data).
    presenter : bool or None
        Presenter mode as the link asks for it (None: not said).
    """

    setup: dict
    problems: tuple[Problem, ...]
    local_source: str | None = None
    presenter: bool | None = None


def encode(setup: Mapping[str, object]) -> dict[str, str]:
    """The link's parameters of a setup: query name -> text, defaults left out.

    Parameters
    ----------
    setup : mapping
        Control values (keys of ``ui.state.DEFAULTS``; missing keys count as
        their defaults).

    Returns
    -------
    dict
        In the order of :data:`PARAMS`; ``decode(encode(s)).setup`` gives back
        every non-default value of ``s`` exactly.
    """
    values = Setup.from_mapping(setup)
    out = {}
    for p in PARAMS:
        value = getattr(values, p.key)
        default = DEFAULTS[p.key]
        if value is None:
            continue
        text = p.dump(value)
        if default is None or text != p.dump(default):
            out[p.name] = text
    return out


def decode(params: Mapping[str, object]) -> Reading:
    """Read a link's parameters, checking each one.

    Parameters
    ----------
    params : mapping
        Query name -> a str, or a list of str when the name is repeated (as
        ``st.query_params.get_all`` gives).  ``presenter`` (1/0) is read
        into ``Reading.presenter``.

    Returns
    -------
    Reading
        Parameters that cannot be used (out of range, wrong type, NaN or
        inf, unknown kind or feature, repeated, unknown name) are left out
        of ``setup`` (so the control keeps its default) and listed in
        ``problems``.  Names in :data:`OTHER_PARAMS` are left alone.
        Every value goes through :func:`logreg_core.setup.check_text` first
        (a lone surrogate or more than ``MAX_TEXT`` characters is "bad"
        before any parser reads it) and what a parser reads through
        :func:`logreg_core.setup.check_value`, the validator of setup files
        and of the session too.
    """
    setup: dict = {}
    problems: list[Problem] = []
    local = None
    presenter = None
    for name, raw in params.items():
        values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
        if name in OTHER_PARAMS:
            continue
        last = values[-1] if values else ""
        known = name in _BY_NAME or name == PRESENTER_PARAM
        if not known:
            problems.append(Problem("unknown", name, last, len(values)))
            continue
        if len(values) != 1:
            problems.append(Problem("repeated", name, last, len(values)))
            continue
        if name == PRESENTER_PARAM:
            try:
                presenter = _parse_bool(check_text(name, last))
            except ValueError:
                problems.append(Problem("bad", name, last))
            continue
        p = _BY_NAME[name]
        try:
            check_text(name, last)
        except ValueError:
            problems.append(Problem("bad", name, last))
            continue
        if p is _BY_KEY["source"]:
            if last in _LOCAL_SOURCES:
                local = last
            elif last != "generated":
                problems.append(Problem("bad", name, last))
            continue
        try:
            setup[p.key] = check_value(p.key, p.parse(last))
        except ValueError:
            problems.append(Problem("bad", name, last))
    return Reading(setup, tuple(problems), local, presenter)


# ----------------------------------------------------------------------------
# the words
# ----------------------------------------------------------------------------


def escape_markdown(text: str, *, limit: int = _QUOTE_MAX) -> str:
    """A value from a link as plain text inside Streamlit markdown.

    Control characters become spaces, text beyond ``limit`` characters is cut
    with "…", and every ASCII punctuation mark is backslash-escaped
    (:func:`ui.texts.md_plain`), so ``**``, ``<b>``, ``$…$``, ``[…](…)`` and
    ``:red[…]`` all show as typed.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    if len(text) > limit:
        text = text[:limit] + "…"
    return md_plain(text)


def _default_text(p: Param) -> str:
    value = DEFAULTS[p.key]
    if value is None:
        return t("share.default_noise") if p.key == "noise" else t("share.default_off")
    return p.dump(value)


def problem_text(problem: Problem) -> str:
    """One problem of a link, in the student's words (markdown, value escaped)."""
    name = escape_markdown(problem.name)
    value = escape_markdown(problem.value)
    if problem.reason == "unknown":
        return t("share.unknown", name=name, value=value)
    if problem.name == PRESENTER_PARAM:
        default = t("share.default_off")
        if problem.reason == "repeated":
            return t("share.repeated", name=name, count=problem.count, default=default)
        expected = t("share.expect_bool")
        return t("share.bad", name=name, value=value, expected=expected, default=default)
    p = _BY_NAME[problem.name]
    if problem.reason == "repeated":
        return t("share.repeated", name=name, count=problem.count, default=_default_text(p))
    if p.key == "source":
        expected = t("share.expect_choice", options=", ".join(SPECS["source"].choices))
    else:
        expected = t(f"share.{p.expect}", **p.fields)
    return t("share.bad", name=name, value=value, expected=expected, default=_default_text(p))


def _local_words(source: str) -> str:
    return t("share.local_uploaded") if source == "uploaded" else t("share.local_edited")


# ----------------------------------------------------------------------------
# Streamlit: the address bar, the notices, the link
# ----------------------------------------------------------------------------


def _url_params() -> dict[str, list[str]]:
    return {name: st.query_params.get_all(name) for name in st.query_params}


def read_link() -> None:
    """On the session's first run, the link's parameters into session state; later, nothing.

    app.py calls it at the top of every rerun, before the setup is read.
    """
    if st.session_state.get(LINK_READ):
        return
    st.session_state[LINK_READ] = True
    params = _url_params()
    reading = decode(params)
    apply_setup(reading.setup)
    if reading.local_source is not None:
        st.session_state["source"] = "generated"
    if reading.presenter is not None:
        st.session_state[presenter.KEY] = reading.presenter
    st.session_state[NOTICES] = list(reading.problems)
    st.session_state[ARRIVAL] = reading.local_source
    for problem in reading.problems:
        if problem.reason == "unknown" and problem.name in st.query_params:
            del st.query_params[problem.name]


def write_link(setup: Setup) -> None:
    """Make the address bar hold ``setup`` (defaults left out) and presenter mode.

    app.py calls it once per rerun with the setup it read, before the page draws.
    """
    wanted = encode(setup)
    qp = st.query_params
    for p in PARAMS:
        if p.name not in wanted and p.name in qp:
            del qp[p.name]
    changed = {name: text for name, text in wanted.items() if qp.get_all(name) != [text]}
    if changed:
        qp.update(changed)
    on = presenter.presenter_on()
    if on and qp.get_all(PRESENTER_PARAM) != ["1"]:
        qp[PRESENTER_PARAM] = "1"
    elif not on and PRESENTER_PARAM in qp:
        del qp[PRESENTER_PARAM]


def notices() -> None:
    """What the link could not carry, at the top of the page, until dismissed."""
    problems = st.session_state.get(NOTICES) or []
    local = st.session_state.get(ARRIVAL)
    if local:
        kind = KIND_LABELS.get(st.session_state["kind"], st.session_state["kind"])
        words = t("share.arrival_local", what=_local_words(local), kind=kind)
        if local == "uploaded":  # also what a student sees whose server stopped (deploy/)
            words += "\n\n" + t("share.arrival_upload_lost")
        st.info(words, icon=":material/link:")
        if local == "uploaded":
            st.page_link(DATA_PAGE, label=t("share.upload_again"), icon=":material/upload_file:")
    if problems:
        lines = "\n".join(f"- {problem_text(p)}" for p in problems[:_LIST_MAX])
        if len(problems) > _LIST_MAX:
            lines += "\n- " + t("share.more", count=len(problems) - _LIST_MAX)
        st.warning(f"{t('share.notice_heading')}\n\n{lines}", icon=":material/link_off:")
    if problems or local:
        st.button(t("share.dismiss"), key="share_dismiss", on_click=_dismiss)


def _dismiss() -> None:
    st.session_state[NOTICES] = []
    st.session_state[ARRIVAL] = None


def share_link(setup: Mapping[str, object]) -> str:
    """The full link to this page with the setup (and the language).

    Built from ``st.context.url`` (scheme, host, port and page path, as the
    browser shows them; Community Cloud's inner frame path "/~/+" is left
    out, so the link opens the app's own page); without it (a test run) the
    link is the query string alone, starting with "?".
    """
    pairs = list(encode(setup).items())
    pairs += [("lang", value) for value in st.query_params.get_all("lang")]
    query = urlencode(pairs)
    base = (st.context.url or "").replace("/~/+", "", 1)
    return f"{base}?{query}" if query else (base or "?")


def share_panel(setup: Setup) -> None:
    """The "link to this setup" control: the full link in a code box with a copy button."""
    with st.expander(t("share.panel_label"), icon=":material/link:"):
        st.code(share_link(setup), language=None, wrap_lines=True)
        st.caption(t("share.panel_caption"))
        source = setup.source
        if source in _LOCAL_SOURCES:
            kind = KIND_LABELS.get(st.session_state["kind"], st.session_state["kind"])
            st.warning(t("share.panel_local", what=_local_words(source), kind=kind))
