"""The setup in the address bar: a link that opens exactly the same run.

Every field of :class:`logreg_core.setup.Setup` with a ``link`` name is a query
parameter (:data:`PARAMS`: ``?kind=moons&n=300&alpha=0.5&f=x1-x2-x1x2`` …).
app.py keeps the address bar here, once per rerun (no widget is bound with
``bind="query-params"``):

- on a session's first run, :func:`read_link` reads the link into session
  state, each value through :func:`logreg_core.setup.check_value`; a value
  that cannot be used keeps the default and is listed in a notice
  (:func:`notices`) that quotes it as plain text;
- on every run, :func:`write_link` writes the setup back, defaults left out
  (Streamlit clears the query string on page navigation; the next run puts it back).

Numbers are written with ``repr``, so a link reproduces a run bit for bit.  An
uploaded file or an edited table cannot travel in a link: the link says
``src=uploaded`` (or ``edited``) and opens generated data, with a note.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from urllib.parse import urlencode

import streamlit as st

from logreg_core.features import FEATURE_MAPS
from logreg_core.setup import SPECS, Setup, Spec, check_text, check_value
from ui import presenter
from ui.i18n import t
from ui.state import ARRIVAL, DEFAULTS, LINK_READ, NOTICES, apply_setup
from ui.texts import KIND_LABELS, md_plain

__all__ = [
    "FEATURE_CODES",
    "OTHER_PARAMS",
    "PARAMS",
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

#: Query parameters kept elsewhere (``lang``: :func:`ui.i18n.language_switch`): never read here.
OTHER_PARAMS = frozenset({"lang"})
#: Each feature map's name in a link: its name without ², · and spaces ("x1²" is "x1sq").
FEATURE_CODES: Mapping[str, str] = MappingProxyType(
    {name: name.replace("²", "sq").replace("·", "").replace(" ", "") for name in FEATURE_MAPS}
)
_FEATURE_NAMES = {code: name for name, code in FEATURE_CODES.items()}
#: Lists (features, surface axes) are written with "-"; "," and " " are read too.
_LIST_SEP = re.compile(r"[-, ]")
_INT = re.compile(r"[+-]?[0-9]{1,12}")
_FLOAT = re.compile(r"[+-]?([0-9]{1,20}(\.[0-9]{0,20})?|\.[0-9]{1,20})([eE][+-]?[0-9]{1,3})?")
_AXES = re.compile(r"[0-9]{1,2}[-, ][0-9]{1,2}")
_BOOLS = {"1": True, "true": True, "0": False, "false": False}
#: Longest value quoted back in a notice, and most problems listed one by one.
_QUOTE_MAX = 40
_LIST_MAX = 10
#: The Data page, where a file is uploaded (as app.py registers it).
DATA_PAGE = "views/data.py"
#: The source's parameter, and the sources whose data stays in the browser session.
_SOURCE = SPECS["source"].link
_LOCAL_SOURCES = ("uploaded", "edited")


# ---- the parameters: text -> value (checked by the Setup table) and back ----


def _parse_bool(text: str) -> bool:
    if text.lower() not in _BOOLS:
        raise ValueError(text)
    return _BOOLS[text.lower()]


def _read(spec: Spec, text: str) -> object:
    """A link's text as a value of the spec's kind, not yet checked; ValueError when it is none."""
    kind = spec.kind
    if kind == "int" and _INT.fullmatch(text):
        return int(text) - spec.link_offset
    if kind == "float" and _FLOAT.fullmatch(text):
        return float(text)
    if kind == "choice":
        return text
    if kind == "bool":
        return _parse_bool(text)
    if kind == "features" and all(c in _FEATURE_NAMES for c in _LIST_SEP.split(text)):
        return tuple(_FEATURE_NAMES[c] for c in _LIST_SEP.split(text))
    if kind == "axes" and _AXES.fullmatch(text):  # 1-based in the link, as w1, w2, … are
        return tuple(int(part) - 1 for part in _LIST_SEP.split(text))
    raise ValueError(text)


def _number_text(value: float) -> str:
    return f"{int(value):,}" if float(value).is_integer() else repr(float(value))


@dataclass(frozen=True)
class Param:
    """One control in the link: the Setup field ``key``, its query parameter ``name``, its spec."""

    key: str
    name: str
    spec: Spec

    def parse(self, text: str) -> object:
        """The value ``text`` asks for, as the field holds it; ValueError when it cannot be used."""
        return check_value(self.key, _read(self.spec, text))

    def dump(self, value) -> str:
        """``value`` as the link writes it, so that ``parse(dump(v)) == v`` exactly."""
        kind = self.spec.kind
        if kind == "int":
            return str(int(value) + self.spec.link_offset)
        if kind == "float":
            return repr(float(value))
        if kind == "bool":
            return "1" if value else "0"
        if kind == "features":
            return "-".join(FEATURE_CODES[name] for name in value)
        if kind == "axes":
            return f"{int(value[0]) + 1}-{int(value[1]) + 1}"
        return str(value)

    def expected(self) -> str:
        """What the parameter accepts, in the student's words."""
        spec = self.spec
        if spec.kind == "int":
            offset = spec.link_offset
            return t("share.expect_int", lo=int(spec.low) + offset, hi=int(spec.high) + offset)
        if spec.kind == "float":
            key = "share.expect_above" if spec.above else "share.expect_float"
            return t(key, lo=_number_text(spec.low), hi=_number_text(spec.high))
        if spec.kind == "bool":
            return t("share.expect_bool")
        if spec.kind == "features":
            return t("share.expect_features", options=", ".join(FEATURE_CODES.values()))
        if spec.kind == "axes":
            return t("share.expect_axes", hi=int(spec.high) + 1)
        return t("share.expect_choice", options=", ".join(spec.choices))


#: Every control in a link, in the order the link lists them (the table's order).
PARAMS: tuple[Param, ...] = tuple(
    Param(key, spec.link, spec) for key, spec in SPECS.items() if spec.link
)
_BY_NAME = {p.name: p for p in PARAMS}


# ---- reading and writing a link (plain functions) ----


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
        value, default = getattr(values, p.key), DEFAULTS[p.key]
        if value is not None and (default is None or p.dump(value) != p.dump(default)):
            out[p.name] = p.dump(value)
    return out


def decode(params: Mapping[str, object]) -> Reading:
    """Read a link's parameters, checking each one.

    Parameters
    ----------
    params : mapping
        Query name -> a str, or a list of str when the name is repeated (as
        ``st.query_params.get_all`` gives).

    Returns
    -------
    Reading
        A parameter that cannot be used (unknown, repeated, or a value that
        :func:`logreg_core.setup.check_text` or
        :func:`logreg_core.setup.check_value` refuses) is left out of
        ``setup``, so the control keeps its default, and listed in
        ``problems``.  Names in :data:`OTHER_PARAMS` are left alone.
    """
    setup: dict = {}
    problems: list[Problem] = []
    local = presenting = None
    for name, raw in params.items():
        if name in OTHER_PARAMS:
            continue
        values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
        last = values[-1] if values else ""
        if name not in _BY_NAME and name != presenter.KEY:
            problems.append(Problem("unknown", name, last, len(values)))
            continue
        if len(values) != 1:
            problems.append(Problem("repeated", name, last, len(values)))
            continue
        try:
            check_text(name, last)
            if name == presenter.KEY:
                presenting = _parse_bool(last)
            elif name == _SOURCE and last in _LOCAL_SOURCES:
                local = last
            else:
                setup[_BY_NAME[name].key] = _BY_NAME[name].parse(last)
        except ValueError:
            problems.append(Problem("bad", name, last))
    return Reading(setup, tuple(problems), local, presenting)


# ---- the words ----


def escape_markdown(text: str, *, limit: int = _QUOTE_MAX) -> str:
    """A value from a link as plain text inside Streamlit markdown.

    Control characters become spaces, text beyond ``limit`` characters is cut
    with "…", and the rest is escaped by :func:`ui.texts.md_plain`.
    """
    text = "".join(ch if ch.isprintable() else " " for ch in str(text))
    if len(text) > limit:
        text = text[:limit] + "…"
    return md_plain(text)


def _default_text(p: Param | None) -> str:
    value = None if p is None else DEFAULTS[p.key]  # None: the presenter switch, off
    if value is None:
        return t("share.default_noise") if p and p.key == "noise" else t("share.default_off")
    return p.dump(value)


def problem_text(problem: Problem) -> str:
    """One problem of a link, in the student's words (markdown, value escaped)."""
    name = escape_markdown(problem.name)
    value = escape_markdown(problem.value)
    if problem.reason == "unknown":
        return t("share.unknown", name=name, value=value)
    p = _BY_NAME.get(problem.name)
    default = _default_text(p)
    if problem.reason == "repeated":
        return t("share.repeated", name=name, count=problem.count, default=default)
    expected = t("share.expect_bool") if p is None else p.expected()
    return t("share.bad", name=name, value=value, expected=expected, default=default)


def _local_words(source: str) -> dict[str, str]:
    """Which data the link could not carry, and the kind it opens instead."""
    what = t("share.local_uploaded") if source == "uploaded" else t("share.local_edited")
    kind = st.session_state["kind"]
    return {"what": what, "kind": KIND_LABELS.get(kind, kind)}


# ---- Streamlit: the address bar, the notices, the link ----


def read_link() -> None:
    """On the session's first run, the link's parameters into session state; later, nothing."""
    if st.session_state.get(LINK_READ):
        return
    st.session_state[LINK_READ] = True
    reading = decode({name: st.query_params.get_all(name) for name in st.query_params})
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
    """Make the address bar hold ``setup`` (defaults left out) and presenter mode."""
    wanted = encode(setup)
    if presenter.presenter_on():
        wanted[presenter.KEY] = "1"
    qp = st.query_params
    for name in (*_BY_NAME, presenter.KEY):
        if name not in wanted and name in qp:
            del qp[name]
    changed = {name: text for name, text in wanted.items() if qp.get_all(name) != [text]}
    if changed:
        qp.update(changed)


def notices() -> None:
    """What the link could not carry, at the top of the page, until dismissed."""
    problems = st.session_state.get(NOTICES) or []
    local = st.session_state.get(ARRIVAL)
    if local:
        words = t("share.arrival_local", **_local_words(local))
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

    Built from ``st.context.url``, without Community Cloud's inner frame path
    "/~/+"; without a URL (a test run) it is the query string alone, "?…".
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
        if setup.source in _LOCAL_SOURCES:
            st.warning(t("share.panel_local", **_local_words(setup.source)))
