"""Exports of a training run: the History as CSV, the setup as JSON, a plain-numpy script.

Pure functions: values in, text out.  The page offers them as downloads.
"""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Mapping, Sequence

import numpy as np

from .setup import Setup
from .train import History

__all__ = [
    "SETUP_FORMAT",
    "SetupFileError",
    "history_csv",
    "parse_setup_json",
    "reproduce_script",
    "setup_json",
]

#: Written into every setup file, checked when one is loaded back.
SETUP_FORMAT = "logreg-playground/setup/1"


class SetupFileError(ValueError):
    """A file that is not a setup file; ``code`` says how ("bad_json", "bad_format", "bad_empty").

    The page words the code (``exports.<code>`` in its catalogue); ``str()``
    is the code alone.
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
        Columns: step, w[…] (n), b, J, accuracy, dw[…] (n), db.  Numbers are
        written with ``repr`` so they read back exactly.
    """
    n = history.w.shape[1]
    if len(feature_names) != n:
        raise ValueError(f"feature_names must hold {n} names, got {len(feature_names)}")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180: a CR in a name is quoted too
    w_cols = [f"w[{f}]" for f in feature_names]
    dw_cols = [f"dw[{f}]" for f in feature_names]
    writer.writerow(["step", *w_cols, "b", "J", "accuracy", *dw_cols, "db"])
    for i in range(len(history)):
        w, dw = history.w[i].tolist(), history.dw[i].tolist()
        b, J, acc, db = history.b[i], history.cost[i], history.accuracy[i], history.db[i]
        numbers = [*w, b, J, acc, *dw, db]
        writer.writerow([int(history.steps[i]), *(repr(float(v)) for v in numbers)])
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
    setup : Setup or mapping of str to JSON-able values
        Control keys and values (as in :class:`logreg_core.setup.Setup`).
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


def parse_setup_json(text: str | bytes, known: Mapping[str, object]) -> dict[str, object]:
    """Read a setup file back: the setup entries whose keys are in ``known``.

    Parameters
    ----------
    text : str or bytes
        What :func:`setup_json` wrote.
    known : mapping
        The known control keys with their defaults; a value whose type does
        not match its default's (int/float interchangeable, lists for tuples,
        None allowed where the default is None) is dropped.

    Returns
    -------
    dict
        Valid entries only; the caller validates ranges.

    Raises
    ------
    SetupFileError
        With code "bad_json" when the text is not JSON, "bad_format" when it
        is not a setup file of :data:`SETUP_FORMAT`, "bad_empty" when it
        holds no setup.
    """
    try:
        doc = json.loads(text)
    except (ValueError, UnicodeDecodeError):
        raise SetupFileError("bad_json") from None
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
    return out


def _text_literal(text: str) -> str:
    """``text`` as a Python string literal that reads back to exactly ``text``.

    ``repr`` escapes quotes, backslashes, control characters and the Unicode
    line and paragraph separators, so no text can end the literal or start a
    new line of code.  Text that UTF-8 cannot encode (a lone surrogate) is
    written with ``ascii`` escapes instead.
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
        Written into the script as the list ``FEATURE_NAMES`` of string
        literals (never as code, whatever the names hold); empty means
        ``x1 … xn``.
    input_names : sequence of str, default ()
        The data's own column names (x1, x2 … of the feature maps), written
        as the list ``COLUMNS`` of string literals; empty leaves it out.

    Returns
    -------
    str
        Python source.  Run, it prints ``w = [...]``, ``b = ...`` and ``J = ...``;
        the arithmetic is the same as :func:`logreg_core.train.train`, so the
        numbers agree with the app's to rounding.
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
