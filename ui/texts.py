"""Words and number formats of the playground pages.

Every word comes from the catalogues (:mod:`ui.i18n`, tables ``[texts]``,
``[figures]``, ``[errors]``) in the session's language.  Messages that quote
a rule of the engine (how divergence is detected, what a plateau is) format
the engine's own constants, so the text cannot drift from the code.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping

import numpy as np

from logreg_core.data import KINDS, DataError
from logreg_core.figures.graph import GRAPH_TEXTS
from logreg_core.figures.playground import TEXTS as FIGURE_TEXTS
from logreg_core.formatting import fmt
from logreg_core.train import (
    ABOVE_START_RUN,
    ABOVE_START_SHARE,
    ABOVE_START_WINDOW,
    DIVERGENCE_RUN,
    INIT_METHODS,
    MAX_ITERATIONS,
    PLATEAU_REL,
)
from ui.i18n import catalogue, current_language, t

__all__ = [
    "FEATURE_HINTS",
    "INIT_LABELS",
    "KIND_LABELS",
    "SOURCE_LABELS",
    "Labels",
    "engine_message",
    "figure_texts",
    "fmt",
    "fmt_vector",
    "graph_texts",
    "help_text",
    "md_plain",
    "pct",
    "refusal",
    "stop_message",
    "tex",
]


_MARKDOWN_SIGNS = re.compile(r"([!-/:-@\[-`{-~])")  # every ASCII punctuation character
#: Control characters and line separators (a new paragraph, a list, a code block) and
#: lone surrogates (which no page can send: the whole message would fail to encode).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_WORD_JOINER = "\u2060"  # invisible, and breaks a web address or e-mail into plain text
_AUTOLINK = re.compile(r"(?i)(\\@|\\:|www)")


def md_plain(text) -> str:
    """A student's text (a file or column name, a class) for st.markdown, shown as typed.

    Every ASCII punctuation character gets a backslash (no ``**x**``, ``[a](…)``,
    ``$x$`` or ``:red[x]``), a word joiner (U+2060) keeps a bare web or e-mail
    address from becoming a link, a control character becomes a space and a
    lone surrogate U+FFFD.
    """
    shown = _UNSHOWABLE.sub(_showable, str(text))
    escaped = _MARKDOWN_SIGNS.sub(r"\\\1", shown)
    return _AUTOLINK.sub(_break_autolink, escaped)


def _showable(match: re.Match) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else " "


def _break_autolink(match: re.Match) -> str:
    sign = match.group()
    if sign == "\\@":
        return sign + _WORD_JOINER
    if sign == "\\:":
        return _WORD_JOINER + sign
    return sign[0] + _WORD_JOINER + sign[1:]


def fmt_vector(values, digits: int = 4) -> str:
    """Numbers as ``(0.1235, -3.142)``."""
    return "(" + ", ".join(fmt(v, digits) for v in values) + ")"


def pct(share) -> str:
    """A share as a percentage with one decimal, or "—" when there is none."""
    share = float(share)
    return "—" if not math.isfinite(share) else f"{100 * share:.1f} %"


def tex(value, *, paren: bool = False, digits: int = 4) -> str:
    """A number for st.latex: 4 significant digits, 1.5e+91 as 1.5 \\times 10^{91}.

    With ``paren=True`` a negative number is put in parentheses, to be multiplied.
    """
    text = fmt(value, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    text = text.replace(",", "{,}")
    return f"({text})" if paren and text.startswith("-") else text


class Labels(Mapping):
    """Words for a set of keys, looked up in the session's language on each access.

    ``Labels("texts.init_", INIT_METHODS)["zeros"]`` is ``t("texts.init_zeros")``.

    Parameters
    ----------
    text_key : str or callable (key) -> str
        The catalogue key of a key's words: a prefix put before it, or a function.
    keys : iterable of str, or a mapping
        The keys, fixed at construction; a mapping (a registry such as
        :data:`logreg_core.data.KINDS`) is read on each access instead.
    """

    def __init__(self, text_key: str | Callable[[str], str], keys: Iterable[str]) -> None:
        self._text_key = text_key if callable(text_key) else text_key.__add__
        self._keys = keys if isinstance(keys, Mapping) else tuple(keys)

    def __getitem__(self, key: str) -> str:
        if key not in self._keys:
            raise KeyError(key)
        return t(self._text_key(key))

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def now(self) -> dict[str, str]:
        """The words now, as a plain dict: a widget's ``format_func`` may run outside the script."""
        return {key: self[key] for key in self._keys}


#: Where the data comes from.
SOURCE_LABELS = Labels("texts.source_", ("generated", "uploaded", "edited"))
#: The kinds of generated data (:attr:`logreg_core.data.Kind.label_key`).
KIND_LABELS = Labels(lambda kind: KINDS[kind].label_key, KINDS)
#: What to try on the Features panel for each kind of data (its ``hint_key``).
FEATURE_HINTS = Labels(lambda kind: KINDS[kind].hint_key, KINDS)
#: The ways to start gradient descent.
INIT_LABELS = Labels("texts.init_", INIT_METHODS)


def figure_texts(lang: str | None = None) -> dict[str, str]:
    """The words of the playground figures (``texts=`` of their builders), from ``[figures]``."""
    return {key: t(f"figures.{key}", lang) for key in FIGURE_TEXTS}


def graph_texts(lang: str | None = None) -> dict[str, str]:
    """The words of the computational graph (``texts=`` of ``graph_figure``)."""
    return {key: t(f"figures.{key}", lang) for key in GRAPH_TEXTS}


#: Items of a list shown in an error before "and N more".
LIST_LIMIT = 10


def _param(name: str, value, lang: str) -> str | int | float:
    """One value a DataError or a Note quotes, ready for the catalogue's text."""
    if name == "sep":  # "commas", "semicolons", "tabs": words of the catalogue
        return t(f"errors.sep_{value}", lang)
    if isinstance(value, list | tuple):
        if not value:
            return t("errors.none", lang)
        text = ", ".join(str(v) for v in value[:LIST_LIMIT])
        more = len(value) - LIST_LIMIT
        return text + (" " + t("errors.more", lang, n=more) if more > 0 else "")
    return value


def engine_message(message, prefix: str = "errors.", lang: str | None = None) -> str:
    """A DataError or a Note of the engine, worded in the session's language.

    Parameters
    ----------
    message : DataError or Note
        Worded by the catalogue's ``prefix + code`` (``+ "_one"`` when that
        exists and ``params["count"] == 1``), filled with its params.
    prefix : str, default "errors."
        "data.note_" or "train.note_" for the notes of a file or a surface.
    lang : str, optional
        Default: the session's.
    """
    lang = lang or current_language()
    key = f"{prefix}{message.code}"
    if message.params.get("count") == 1 and f"{key}_one" in catalogue(lang):
        key = f"{key}_one"
    return t(key, lang, **{name: _param(name, v, lang) for name, v in message.params.items()})


def refusal(err: ValueError, key: str) -> str:
    """Why the engine refused a setup, as markdown: a DataError in the catalogue's words,
    another ValueError (which the controls prevent) in ``key``'s text as its ``error``."""
    return md_plain(engine_message(err)) if isinstance(err, DataError) else t(key, error=err)


def help_text(name: str) -> str:
    """The ``help=`` text of a control (``texts.help_<name>``)."""
    fields = {
        "noise": {
            "defaults": ", ".join(
                f"{name.replace('_', '-')} {kind.noise:g}" for name, kind in KINDS.items()
            )
        },
        "num_iterations": {"max": MAX_ITERATIONS},
        "patience": {"rel": f"{PLATEAU_REL:g}"},
    }.get(name, {})
    return t(f"texts.help_{name}", **fields)


#: Slopes |dw|, |db| below this at the last step: J is at its lowest value.
FLAT_GRADIENT = 1e-6
#: J at the end above J₀ by more than this share of J₀: J rose over the run (the
#: divergence rules' own allowance for rounding).
_ROSE = 1e-12
#: How many of the last ABOVE_START_WINDOW steps above J₀ count as divergence.
_ABOVE_START_COUNT = math.ceil(ABOVE_START_SHARE * ABOVE_START_WINDOW)


def stop_message(
    history, *, tol=None, patience=None, standardized=True, separable=None
) -> tuple[str, str]:
    """Why training stopped, in words that say what each rule measured, and how serious it is.

    Parameters
    ----------
    history : History
    tol, patience : the stop rules that were set (None when off)
    standardized : bool, default True
        Whether the features were standardized; a diverged run on raw
        features also suggests standardizing them.
    separable : bool or None, default None
        Whether a line separates the classes of the training examples, as
        :func:`logreg_core.separation.separation` finds it.  None (not known):
        judged from the run, separable when its last step classifies every
        training example correctly.  On separable data with λ = 0, J has no
        minimum, and every message ends by saying so (``robust.stop_separable``).

    Returns
    -------
    level : {"success", "info", "warning", "error"}
    text : str (markdown)
    """
    if separable is None:
        separable = float(history.accuracy[-1]) == 1.0
    unbounded = bool(separable) and history.l2 == 0
    level, text = _stop_words(history, tol=tol, patience=patience, unbounded=unbounded)
    if history.stop_reason == "diverged" and not standardized:
        text += t("robust.stop_standardize")
    if unbounded:
        text += t("robust.stop_separable")  # its own leading space where the language has one
        level = "info" if level == "success" else level
    return level, text


def _stop_words(history, *, tol, patience, unbounded) -> tuple[str, str]:
    """The level and the words of the branch ``stop_message`` takes (before its notes)."""
    last = int(history.steps[-1])
    alpha = history.learning_rate
    reason = history.stop_reason
    J0, J1 = float(history.cost[0]), float(history.cost[-1])
    if reason == "diverged":
        return "error", t(
            "texts.stop_diverged",
            step=last,
            run=DIVERGENCE_RUN,
            J0=fmt(J0),
            above=ABOVE_START_RUN,
            share=_ABOVE_START_COUNT,
            window=ABOVE_START_WINDOW,
            smaller=fmt(alpha / 10),
            alpha=fmt(alpha),
        )
    if reason == "converged":
        return "success", t(
            "texts.stop_converged", step=last, tol=fmt(tol) if tol is not None else "—"
        )
    if reason == "plateau":
        return "info", t("texts.stop_plateau", step=last, patience=patience, rel=f"{PLATEAU_REL:g}")
    drop = (J0 - J1) / J0 if J0 > 0 else 0.0
    flat = max(float(np.max(np.abs(history.dw[-1]), initial=0.0)), abs(float(history.db[-1])))
    if last > 0 and drop < 0.01 and flat < FLAT_GRADIENT and not unbounded:
        return "info", t("robust.stop_at_minimum", J1=fmt(J1), flat=fmt(FLAT_GRADIENT))
    steps = t("texts.steps_one") if last == 1 else t("texts.steps_many", n=last)
    if last > 0 and J1 > J0 * (1.0 + _ROSE):
        return "warning", t(
            "texts.stop_rose",
            steps=steps,
            J0=fmt(J0),
            J1=fmt(J1),
            alpha=fmt(alpha),
            smaller=fmt(alpha / 10),
        )
    if last > 0 and drop < 0.01:
        return "warning", t(
            "texts.stop_too_small",
            alpha=fmt(alpha),
            steps=steps,
            J0=fmt(J0),
            J1=fmt(J1),
            drop=f"{100 * drop:.2g}",
            larger=fmt(alpha * 10),
        )
    return "info", t("texts.stop_ran_all", steps=last, J0=fmt(J0), J1=fmt(J1))
