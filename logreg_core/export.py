"""Exports of a training run: the History as CSV, the setup as JSON, a plain-numpy script.

Pure functions: values in, text out.  The page offers them as downloads.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .setup import Setup
from .train import History

__all__ = [
    "MAX_SETUP_BYTES",
    "MAX_SETUP_DEPTH",
    "SETUP_FORMAT",
    "SetupFile",
    "SetupFileError",
    "history_csv",
    "parse_setup_json",
    "read_setup_file",
    "reproduce_script",
    "setup_json",
]

#: Written into every setup file, checked when one is loaded back.
SETUP_FORMAT = "logreg-playground/setup/1"
#: Largest setup file read, in bytes (one the app writes is about 1 kB).
MAX_SETUP_BYTES = 100_000
#: Deepest nesting of lists and objects read (one the app writes has 3 levels).
MAX_SETUP_DEPTH = 8
#: The characters that open or close a list, an object or a string, and the escape.
_SIGNS = re.compile(r'[\[\]{}"\\]')


class SetupFileError(ValueError):
    """A file that is not a setup file; ``code`` (and ``str()``) says how, the page words it.

    "too_big" (over :data:`MAX_SETUP_BYTES`), "bad_json" (not JSON, or not
    UTF-8 text), "bad_nesting" (lists or objects nested deeper than
    :data:`MAX_SETUP_DEPTH`), "bad_text" (text no page can show: a lone
    surrogate escape such as ``\\ud800``), "bad_format" (JSON, but not a
    setup file of :data:`SETUP_FORMAT`) or "bad_empty" (no setup values).
    """

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def history_csv(history: History, feature_names: Sequence[str]) -> str:
    """The History as CSV text: one row per record.

    Parameters
    ----------
    history : History
    feature_names : sequence of str, length n
        Used in the column names ``w[name]`` and ``dw[name]``.

    Returns
    -------
    str
        Columns: step, w[…] (n), b, J, accuracy, dw[…] (n), db; numbers as ``repr`` (exact).
    """
    n = history.w.shape[1]
    if len(feature_names) != n:
        raise ValueError(f"feature_names must hold {n} names, got {len(feature_names)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: a CR in a name is quoted too
    w_cols = [f"w[{f}]" for f in feature_names]
    dw_cols = [f"dw[{f}]" for f in feature_names]
    writer.writerow(["step", *w_cols, "b", "J", "accuracy", *dw_cols, "db"])
    h = history
    numbers = np.column_stack([h.w, h.b, h.cost, h.accuracy, h.dw, h.db])
    for step, row in zip(h.steps, numbers, strict=True):
        writer.writerow([int(step), *(repr(float(v)) for v in row)])
    return out.getvalue()


def _plain(value):
    """JSON-safe copy: tuples become lists, numpy scalars become Python numbers."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def setup_json(setup: Setup | Mapping[str, object], history: History | None = None) -> str:
    """The setup (every control's value) and, optionally, the final parameters, as JSON.

    Parameters
    ----------
    setup : Setup or mapping of its keys to JSON-able values
    history : History, optional
        When given, ``result`` holds the final w, b, J, accuracy, step and
        stop reason.

    Returns
    -------
    str
        ``{"format": SETUP_FORMAT, "setup": {...}, "result": {...}}``, indented.
    """
    values = setup.as_dict() if isinstance(setup, Setup) else dict(setup)
    doc: dict[str, object] = {"format": SETUP_FORMAT, "setup": _plain(values)}
    if history is not None:
        doc["result"] = {
            "w": history.w[-1].tolist(),
            "b": float(history.b[-1]),
            "J": float(history.cost[-1]),
            "accuracy": float(history.accuracy[-1]),
            "steps": int(history.steps[-1]),
            "stop_reason": history.stop_reason,
        }
    return json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False)


@dataclass(frozen=True)
class SetupFile:
    """What a setup file holds, read once by :func:`read_setup_file`.

    Attributes
    ----------
    values : dict
        The setup entries whose keys are known and whose types match.
    result : dict or None
        The file's ``result`` object (the saved run's final w, b, J, steps …)
        as written, unchecked, or None when it has none.
    """

    values: dict
    result: dict | None = None


def _depth(text: str) -> int:
    """How deeply lists and objects nest in JSON ``text``: one pass, before :func:`json.loads`."""
    depth = deepest = 0
    in_string = False
    escaped = -1  # the position of a character escaped by a backslash
    for match in _SIGNS.finditer(text):
        at, sign = match.start(), match.group()
        if at == escaped:
            continue
        if in_string:
            if sign == "\\":
                escaped = at + 1
            elif sign == '"':
                in_string = False
        elif sign == '"':
            in_string = True
        elif sign in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif sign in "]}":
            depth -= 1
    return deepest


def read_setup_file(text: str | bytes, known: Mapping[str, object]) -> SetupFile:
    """Read a setup file back, once: its known setup entries and its saved result.

    Parameters
    ----------
    text : str or bytes
        What :func:`setup_json` wrote: JSON in UTF-8 (or UTF-16, UTF-32), at
        most :data:`MAX_SETUP_BYTES` characters (bytes).
    known : mapping
        The known control keys with their defaults; a value whose type does
        not match its default's (int/float alike, lists for tuples, None
        where the default is None) is dropped.

    Returns
    -------
    SetupFile
        The caller validates the values' ranges (:func:`logreg_core.setup.check_value`).

    Raises
    ------
    SetupFileError
        Whatever the text holds, a file that cannot be read raises only this
        (its codes: :class:`SetupFileError`); too large or too deeply nested
        text is refused before it is parsed.
    """
    if len(text) > MAX_SETUP_BYTES:
        raise SetupFileError("too_big")
    if isinstance(text, bytes | bytearray):
        try:
            text = bytes(text).decode(json.detect_encoding(text))
        except (UnicodeDecodeError, LookupError):
            raise SetupFileError("bad_json") from None
    elif not isinstance(text, str):
        raise TypeError(f"text must be str or bytes, got {type(text).__name__}")
    if _depth(text) > MAX_SETUP_DEPTH:
        raise SetupFileError("bad_nesting")
    try:
        doc = json.loads(text)
    except ValueError:  # JSONDecodeError, an int of more digits than Python reads
        raise SetupFileError("bad_json") from None
    try:
        json.dumps(doc, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate escape ("\\ud800"), in a key or a value
        raise SetupFileError("bad_text") from None
    if not isinstance(doc, dict) or doc.get("format") != SETUP_FORMAT:
        raise SetupFileError("bad_format")
    setup = doc.get("setup")
    if not isinstance(setup, dict):
        raise SetupFileError("bad_empty")
    out: dict[str, object] = {}
    for key, value in setup.items():
        if key not in known:
            continue
        default = known[key]
        if isinstance(default, tuple) and isinstance(value, list):
            out[key] = tuple(value)
        elif default is None or value is None:
            out[key] = value
        elif isinstance(default, bool):
            if isinstance(value, bool):
                out[key] = value
        elif isinstance(default, int | float) and isinstance(value, int | float):
            if not isinstance(value, bool):
                out[key] = type(default)(value) if isinstance(default, float) else value
        elif isinstance(value, type(default)):
            out[key] = value
    result = doc.get("result")
    return SetupFile(out, result if isinstance(result, dict) else None)


def parse_setup_json(text: str | bytes, known: Mapping[str, object]) -> dict[str, object]:
    """``read_setup_file(text, known).values``: the setup entries of :func:`read_setup_file`."""
    return read_setup_file(text, known).values


def _text_literal(text: str) -> str:
    """``text`` as a Python string literal that reads back to it and cannot end it or a line.

    ``repr`` escapes quotes, backslashes, control characters and line
    separators; text that UTF-8 cannot encode is written with ``ascii`` escapes.
    """
    literal = repr(text)
    try:
        literal.encode("utf-8")
    except UnicodeEncodeError:
        literal = ascii(text)
    return literal


def _text_list(texts: Sequence[str]) -> str:
    return "[" + ", ".join(_text_literal(t) for t in texts) + "]"


def _array_literal(a: np.ndarray) -> str:
    rows = ",\n        ".join("[" + ", ".join(repr(float(v)) for v in row) + "]" for row in a)
    return f"np.array([\n        {rows},\n    ])"


def reproduce_script(
    X,
    Y,
    *,
    learning_rate: float,
    num_iterations: int,
    w0,
    b0: float,
    l2: float = 0.0,
    feature_names: Sequence[str] = (),
    input_names: Sequence[str] = (),
) -> str:
    """A short, self-contained numpy script that repeats a training run.

    Parameters
    ----------
    X : ndarray of shape (n, m)
        The training features exactly as trained on (after feature maps and
        standardization).
    Y : ndarray of shape (1, m)
    learning_rate : float
    num_iterations : int
        Updates to make (use ``history.steps[-1]`` to repeat a run that stopped early).
    w0 : ndarray of shape (n, 1)
    b0 : float
    l2 : float, default 0.0
    feature_names : sequence of str, default ()
        Written as the list ``FEATURE_NAMES`` of string literals (never as
        code, whatever the names hold); empty means ``x1 … xn``.
    input_names : sequence of str, default ()
        The data's own column names (x1, x2 … of the feature maps), written
        as the list ``COLUMNS`` of string literals; empty leaves it out.

    Returns
    -------
    str
        Python source that prints ``w``, ``b`` and ``J``, computed as
        :func:`logreg_core.train.train` does, so they agree with the app's to rounding.
    """
    X = np.asarray(X, dtype=np.float64)
    Y = np.asarray(Y).reshape(1, -1)
    w0 = np.asarray(w0, dtype=np.float64).reshape(-1, 1)
    names = [str(f) for f in feature_names] or [f"x{i + 1}" for i in range(X.shape[0])]
    if len(names) != X.shape[0]:
        raise ValueError(f"feature_names must hold {X.shape[0]} names, got {len(names)}")
    columns = ""
    if input_names:
        columns = (
            "# The data's columns as its file names them: x1 is COLUMNS[0], x2 is COLUMNS[1]\n"
            f"COLUMNS = {_text_list([str(c) for c in input_names])}\n"
        )
    return f'''"""Logistic regression as a one-neuron network, trained by gradient descent.

Exported from the logistic regression playground: the same data, the same
starting point and the same {int(num_iterations):,} updates.  Needs numpy only.
"""

import numpy as np

# One name per row of X (feature maps of the data's columns x1, x2, ...)
FEATURE_NAMES = {_text_list(names)}
{columns}
# X: one column per example (n features x m examples); Y: labels 0/1 (1 x m)
X = {_array_literal(X)}
Y = np.array([{", ".join(str(int(v)) for v in Y[0])}])

alpha = {float(learning_rate)!r}  # learning rate
lam = {float(l2)!r}  # L2 penalty (lambda / 2m) * |w|^2
w = np.array({w0.tolist()!r})
b = {float(b0)!r}
m = X.shape[1]


def sigmoid_and_softplus(Z):
    """a = sigma(z) and log(1 + e^z), computed without overflow."""
    e = np.exp(-np.abs(Z))
    return np.where(Z >= 0, 1.0, e) / (1.0 + e), np.maximum(Z, 0.0) + np.log1p(e)


for step in range({int(num_iterations)} + 1):
    Z = w.T @ X + b  # forward: z = w^T x + b
    A, softplus = sigmoid_and_softplus(Z)  # a = sigma(z)
    J = float(np.sum(softplus - Y * Z)) * (1.0 / m)  # cost: mean of L(a, y)
    dZ = A - Y  # backward: dz = a - y
    dw = X @ dZ.T * (1.0 / m)  # dw = X dz^T / m
    db = float(np.sum(dZ)) * (1.0 / m)  # db = mean(dz)
    if lam:
        J += 0.5 * lam * (1.0 / m) * float(np.sum(w * w))
        dw = dw + lam * (1.0 / m) * w
    if step == {int(num_iterations)}:
        break
    w = w - alpha * dw  # update w and b together
    b = b - alpha * db

print("w =", w.ravel().tolist())
print("b =", b)
print("J =", J)
'''
