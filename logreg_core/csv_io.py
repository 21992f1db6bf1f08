"""CSV files and edited tables: bytes or a table in, a :class:`~logreg_core.data.Dataset` out.

:func:`load_csv` reads a file a student uploads and, when it cannot, says
what is wrong with it (a :class:`~logreg_core.data.DataError`: a code and
the values it names, which the page words); :func:`read_columns` lists a file's columns for
the pickers; :func:`dataset_to_frame` and :func:`dataset_from_frame` carry a
data set to the table editor and back.

This is the only module of the engine that imports pandas.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
import pandas as pd

from .data import MAX_ROWS, DataError, Dataset, Note

__all__ = [
    "MAX_BYTES",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_ROWS",
    "MISSING_MARKERS",
    "dataset_from_frame",
    "dataset_to_frame",
    "example_csv_bytes",
    "load_csv",
    "read_columns",
]


# ---------------------------------------------------------------------------
# CSV files: bytes -> text -> table of strings
# ---------------------------------------------------------------------------

#: The largest file :func:`load_csv` reads, in bytes.
MAX_BYTES = 25_000_000
#: The most columns, and the most values (rows × columns), :func:`load_csv` reads:
#: parsed cells are Python strings, and the hosted app has about 690 MB of memory.
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000

#: Cell texts (compared in lower case) that mean "no value"; such rows are excluded.
MISSING_MARKERS = frozenset(
    ["", "na", "n/a", "nan", "null", "none", "?", "-", "#n/a", "#div/0!", "#num!", "#value!"]
)

_SEPARATORS = {",": "commas", ";": "semicolons", "\t": "tabs"}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_SIGNATURES = [(b"PK\x03\x04", "xlsx"), (b"\xd0\xcf\x11\xe0", "xls"), (b"%PDF", "pdf")]
_DECIMAL_COMMA = r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?"  # 0,5 or -1,25e3
_NAN_WORD = r"[+-]?nan"  # NaN, -nan: no number, like an empty cell
_LEADING_BLANK_LINES = re.compile(r"(?:[ \t\f\v]*(?:\r\n|\r|\n))*")
_SAMPLE_LINES = 20


def _cut(value, limit: int = 30) -> str:
    """A cell or a name as text, cut to ``limit`` characters."""
    text = str(value)
    return text[:limit] + "…" if len(text) > limit else text


def _show(value, limit: int = 30) -> str:
    """A cell or a name for the params of a DataError: cut to ``limit`` characters, in quotes."""
    return repr(_cut(value, limit))


def _shown(values) -> list[str]:
    """Each value as :func:`_show` gives it, for the ``params`` of a DataError."""
    return [_show(v) for v in values]


def _read_source(source) -> bytes:
    """The raw bytes of a path, a bytes object or a binary file-like object."""
    if isinstance(source, bytes | bytearray | memoryview):
        return bytes(source)
    if isinstance(source, str | os.PathLike):
        try:
            with open(source, "rb") as f:
                return f.read()
        except (OSError, ValueError) as err:  # ValueError: a NUL character in the path
            reason = getattr(err, "strerror", None) or str(err)
            raise DataError("cannot_open", file=_show(source, 80), reason=reason) from err
    if hasattr(source, "getvalue"):  # io.BytesIO and Streamlit's UploadedFile: whole content
        data = source.getvalue()
    elif hasattr(source, "read"):
        data = source.read()
    else:
        raise TypeError(
            f"source must be a path, bytes or a binary file object, got {type(source).__name__}"
        )
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f]")  # not tab, line breaks, \f, \v, ^Z


def _looks_binary(text: str) -> bool:
    """NUL characters, or more than 1 % control characters other than tab and line breaks."""
    return "\x00" in text or len(_CONTROL.findall(text)) > 0.01 * len(text)


def _decode(raw: bytes) -> tuple[str, list[str]]:
    """Text of the file, and notes about its encoding; DataError for non-text files."""
    if not raw.strip():
        raise DataError("empty_file")
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise DataError(f"file_{kind}")
    notes = []
    codec = next((codec for bom, codec in _BOMS if raw.startswith(bom)), None)
    if codec is not None:
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as err:
            raise DataError("bad_encoding", codec=codec.upper(), byte=err.start) from err
    elif b"\x00" in raw:
        raise DataError("binary_file")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = raw.decode("cp1252")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            notes.append(Note("not_utf8"))
    if _looks_binary(text):
        raise DataError("binary_file")
    if not text.strip():
        raise DataError("empty_file")
    return text, notes


def _detect_separator(text: str) -> str:
    """Comma, semicolon or tab: the one whose count in the header repeats in the next lines."""
    lines = re.split(r"\r\n|\r|\n", text, maxsplit=4 * _SAMPLE_LINES)[: 4 * _SAMPLE_LINES]
    lines = [line for line in lines if line.strip()][:_SAMPLE_LINES]
    best, best_score = None, None
    for order, sep in enumerate(_SEPARATORS):
        n_fields = lines[0].count(sep) + 1
        if n_fields < 2:
            continue
        consistent = sum(line.count(sep) + 1 == n_fields for line in lines)
        score = (consistent, n_fields, -order)
        if best_score is None or score > best_score:
            best, best_score = sep, score
    if best is None:
        raise DataError("one_column", header=_show(lines[0].strip()))
    return best


def _parse_error(err: Exception, first_row: int, sep: str) -> DataError:
    """A pandas parse error as a DataError; ``first_row`` is the row number of the header."""
    message = str(err)
    ragged = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", message)
    if ragged:
        expected, line, saw = (int(g) for g in ragged.groups())
        row = line + first_row - 1
        return DataError("ragged_row", row=row, saw=saw, expected=expected, sep=_SEPARATORS[sep])
    quote = re.search(r"EOF inside string starting at (?:row|line) (\d+)", message)
    if quote:
        row = int(quote.group(1)) + first_row
        return DataError("open_quote", row=row)
    return DataError("parse_failed", sep=_SEPARATORS[sep], detail=message.strip()[:200])


@dataclass(frozen=True, eq=False)
class _Table:
    """A CSV file as stripped strings: one object array per column, and file row numbers."""

    columns: dict  # name -> ndarray of str, shape (rows,)
    rows: np.ndarray  # row number of each data row in the file (header = header_row)
    header_row: int
    sep: str
    notes: tuple[str, ...]


def _check_size(body: str, sep: str) -> None:
    """Refuse, before parsing, a table too big for memory: too many columns or values."""
    n_columns = body.split("\n", 1)[0].count(sep) + 1  # about: quotes are not counted
    if n_columns > MAX_COLUMNS:
        raise DataError("too_many_columns", n_columns=n_columns, max_columns=MAX_COLUMNS)
    n_lines = body.count("\n") + body.count("\r") - body.count("\r\n") + 1
    n_rows = min(n_lines - 1, MAX_ROWS + 1)  # more rows are refused after reading
    if n_columns * n_rows > MAX_CELLS:
        raise DataError("too_many_values", n_columns=n_columns, n_rows=n_rows, max_cells=MAX_CELLS)


def _read_table(source) -> _Table:
    raw = _read_source(source)
    if len(raw) > MAX_BYTES:
        raise DataError("file_too_big", mb=round(len(raw) / 1e6), max_mb=round(MAX_BYTES / 1e6))
    text, notes = _decode(raw)
    lead = _LEADING_BLANK_LINES.match(text).group()
    header_row = len(re.findall(r"\r\n|\r|\n", lead)) + 1
    body = text[len(lead) :].rstrip()  # blank lines at the end are not rows
    sep = _detect_separator(body)
    _check_size(body, sep)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            frame = pd.read_csv(
                io.StringIO(body),
                sep=sep,
                header=None,
                dtype=str,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
                nrows=MAX_ROWS + 2,
            )
    except Exception as err:  # pandas raises several kinds; none may reach the student raw
        raise _parse_error(err, header_row, sep) from err
    cells = frame.fillna("").astype(str).apply(lambda column: column.str.strip()).to_numpy()
    header, data = cells[0], cells[1:]
    rows = header_row + np.arange(1, len(data) + 1)
    blank = np.all(data == "", axis=1)
    data, rows = data[~blank], rows[~blank]
    if len(frame) > MAX_ROWS + 1:  # read stops at MAX_ROWS + 2 rows, the header included
        raise DataError("too_many_rows", max_rows=MAX_ROWS)
    columns = {}
    for j, name in enumerate(header):
        if name == "":
            if np.all(data[:, j] == ""):
                continue  # an empty column, e.g. from a separator at the end of each line
            raise DataError("column_without_name", column=j + 1, row=header_row)
        if name in columns:
            raise DataError("duplicate_column", name=_show(name), row=header_row)
        columns[name] = data[:, j]
    if len(columns) < 2:
        raise DataError("one_value_column", columns=_shown(columns))
    if len(data) == 0:
        raise DataError("no_data_rows")
    if sep != ",":
        notes.append(Note("separated_by", sep=_SEPARATORS[sep]))
    if blank.any():
        n_blank = int(blank.sum())
        notes.append(Note("blank_rows", count=n_blank))
    return _Table(columns, rows, header_row, sep, tuple(notes))


def _to_numbers(cells: np.ndarray, sep: str):
    """Parse a column of stripped strings.

    Returns
    -------
    values : ndarray of float64, NaN where there is no number
    missing : ndarray of bool, a missing marker such as "" or "NA"
    bad : ndarray of bool, a value that is not a number
    decimal_commas : int, the number of values read with a decimal comma ("0,5")
    """
    text = pd.Series(cells, dtype=object)
    missing = text.str.lower().isin(MISSING_MARKERS).to_numpy()
    decimal_commas = 0
    if sep != ",":  # with ; or tab, "0,5" is a decimal number, as in much of Europe
        comma = text.str.fullmatch(_DECIMAL_COMMA).to_numpy(dtype=bool)
        decimal_commas = int(comma.sum())
        if decimal_commas:
            text = text.where(~comma, text.str.replace(",", ".", regex=False))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        values = pd.to_numeric(text.where(~missing, ""), errors="coerce")
        values = np.asarray(values, dtype=np.float64)
    nan_word = text.str.fullmatch(_NAN_WORD, case=False).to_numpy(dtype=bool)
    bad = np.isnan(values) & ~missing & ~nan_word
    return values, missing | nan_word, bad, decimal_commas


def _numeric_names(table: _Table) -> list[str]:
    """Columns where at least one value and at least half of the non-missing ones are numbers."""
    names = []
    for name, cells in table.columns.items():
        _, missing, bad, _ = _to_numbers(cells, table.sep)
        n_values = int((~missing).sum())
        n_numbers = n_values - int(bad.sum())
        if n_numbers > 0 and 2 * n_numbers >= n_values:
            names.append(name)
    return names


def read_columns(source) -> tuple[list[str], list[str]]:
    """The column names of a CSV file, for pickers.

    Parameters
    ----------
    source : str, os.PathLike, bytes or binary file-like object
        As for :func:`load_csv`.

    Returns
    -------
    all_names : list of str
        Every named column, in file order, names stripped of surrounding spaces.
    numeric_names : list of str
        The columns that hold numbers: at least one, and at least half of the
        non-missing values.  The label column is included if it is numeric.

    Raises
    ------
    DataError
        As :func:`load_csv` does for a file that cannot be read as a table.
    """
    table = _read_table(source)
    return list(table.columns), _numeric_names(table)


# ---------------------------------------------------------------------------
# CSV files: table -> Dataset
# ---------------------------------------------------------------------------


def _choose_label(table: _Table, label) -> str:
    names = list(table.columns)
    if label is None:
        return names[-1]
    label = str(label).strip()
    if label not in table.columns:
        raise DataError("no_label_column", label=_show(label), columns=_shown(names))
    return label


def _choose_features(table: _Table, features, label: str) -> list[str]:
    names = list(table.columns)
    if features is None:
        numeric = [name for name in _numeric_names(table) if name != label]
        if len(numeric) in (1, 2):
            return numeric
        if not numeric:
            raise DataError("no_numeric_feature", label=_show(label), columns=_shown(names))
        raise DataError(
            "too_many_numeric", count=len(numeric), label=_show(label), columns=_shown(numeric)
        )
    if isinstance(features, str):
        features = [features]
    chosen = [str(name).strip() for name in features]
    if not chosen:
        raise DataError("no_features")
    for name in chosen:
        if name not in table.columns:
            raise DataError("no_feature_column", name=_show(name), columns=_shown(names))
    if label in chosen:
        raise DataError("label_is_feature", label=_show(label))
    if len(set(chosen)) != len(chosen):
        raise DataError("feature_twice", columns=_shown(chosen))
    return chosen


def _format_number(value: float) -> str:
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value)


def _label_classes(values: np.ndarray, texts: np.ndarray):
    """The distinct label values, in sorted order, and a key per example.

    Numbers compare as numbers (so "1" and "1.0" are one class), true/false
    words as booleans (False < True), anything else as strings.
    Returns (class keys sorted, names of the classes, key of each example).
    """
    if not np.isnan(values).any():
        keys = values
        classes = sorted(set(keys.tolist()))
        return classes, [_format_number(c) for c in classes], keys
    lower = np.char.lower(texts.astype(str))
    if np.all(np.isin(lower, ["true", "false"])):
        keys = lower == "true"
        classes = sorted(set(keys.tolist()))
        return classes, [str(c) for c in classes], keys
    classes = sorted(set(texts.tolist()))
    return classes, classes, texts


def _match_positive(positive, classes, class_names, label: str):
    """The class that ``positive`` names: by its text, or by number for numeric labels."""
    wanted = str(positive).strip()
    try:
        number = float(positive) if isinstance(positive, Real) else float(wanted)
    except ValueError:
        number = None
    for cls, name in zip(classes, class_names, strict=True):
        if wanted == name or (isinstance(cls, bool) and wanted.lower() == name.lower()):
            return cls
        if isinstance(cls, float) and number == cls:
            return cls
    raise DataError(
        "positive_not_found",
        positive=_show(positive),
        label=_show(label),
        values=_shown(class_names),
    )


def _rows_note(count: int, rows: np.ndarray, header_row: int) -> Note:
    listed = ", ".join(str(r) for r in rows[:5]) + (", …" if count > 5 else "")
    return Note("excluded_rows", count=count, rows=listed, header_row=header_row)


def _feature_values(table: _Table, chosen: list[str]):
    """The chosen feature columns as numbers.

    Returns (values of shape (n, rows), NaN where missing; a mask of the rows to
    exclude; the number of decimal commas read).  Raises DataError at the first
    value that is not a number.
    """
    rows, excluded, n_commas = [], np.zeros(len(table.rows), dtype=bool), 0
    for name in chosen:
        values, missing, bad, commas = _to_numbers(table.columns[name], table.sep)
        if bad.any():
            i = int(np.argmax(bad))
            raise DataError(
                "not_a_number",
                column=_show(name),
                row=int(table.rows[i]),
                value=_show(table.columns[name][i]),
            )
        rows.append(values)
        excluded |= missing | ~np.isfinite(values)
        n_commas += commas
    return np.vstack(rows), excluded, n_commas


def _encode_labels(values, texts, label: str, positive, n_excluded: int):
    """Labels as Y of shape (1, m), 0/1, and the class names (negative, positive).

    Raises DataError unless there are exactly two classes with at least 2 examples each.
    """
    classes, class_names, keys = _label_classes(values, texts)
    names = dict(zip(classes, class_names, strict=True))
    # with rows excluded, the codes end in "_after_excluding" and give their number
    after, excluded = ({"excluded": n_excluded}, "_after_excluding") if n_excluded else ({}, "")
    if len(classes) == 0:
        raise DataError("no_rows_left")
    if len(classes) == 1:
        raise DataError(
            "one_class" + excluded,
            label=_show(label),
            value=_show(class_names[0]),
            **after,
        )
    if len(classes) > 2:
        raise DataError(
            "too_many_classes", label=_show(label), count=len(classes), values=_shown(class_names)
        )
    if positive is None:
        negative_class, positive_class = classes
    else:
        positive_class = _match_positive(positive, classes, class_names, label)
        negative_class = classes[0] if positive_class == classes[1] else classes[1]
    Y = (keys == positive_class).astype(np.int64).reshape(1, -1)
    for cls, count in [(negative_class, int((Y == 0).sum())), (positive_class, int(Y.sum()))]:
        if count < 2:
            raise DataError(
                "few_examples" + excluded,
                value=_show(names[cls]),
                label=_show(label),
                count=count,
                **after,
            )
    return Y, (names[negative_class], names[positive_class])


def load_csv(source, *, features=None, label=None, positive=None) -> Dataset:
    """Read a CSV file into a Dataset, or say why it cannot be used.

    Parameters
    ----------
    source : str, os.PathLike, bytes or binary file-like object
        A path, the file's bytes, or an object with ``.read()`` (or
        ``.getvalue()``, read without moving its position), such as a
        Streamlit ``UploadedFile``.
    features : sequence of str, str or None, default None
        Names of the feature columns, one or more.  None means the numeric
        columns other than the label, which must come to one or two.
    label : str or None, default None
        Name of the label column; None means the last column.
    positive : str, number, bool or None, default None
        The label value that becomes y = 1, compared as text after stripping
        spaces (numbers also by value, so ``2`` and ``"2.0"`` both name the
        label 2).  None means the larger value: numbers by value, True over
        False, other text in sorted order (so labels 0/1 map to themselves).

    Returns
    -------
    Dataset
        ``X`` float64 of shape (n, m), ``Y`` int64 of shape (1, m), the chosen
        column names, ``class_names = (negative, positive)`` as text, and
        notes: what was loaded and which rows were excluded.

    Raises
    ------
    DataError
        When the file cannot be used: empty, not a text file, one column, no
        data rows, too big (more than :data:`MAX_ROWS` rows, :data:`MAX_COLUMNS`
        columns, :data:`MAX_CELLS` values or :data:`MAX_BYTES` bytes), ragged
        rows or an open quote, duplicate, missing or unknown column names, a
        value that is not a number in a feature column, a label with one class
        or more than two, fewer than 2 examples of a class, or a constant
        feature.  Its ``code`` names the problem, its ``params`` the column,
        the row and the value.
    TypeError
        If ``source`` is none of the accepted kinds.

    Notes
    -----
    * The first non-blank line is the header; columns may be separated by
      commas, semicolons or tabs (detected).  Text may be UTF-8 (with or
      without a BOM), UTF-16/32 with a BOM, or else Windows-1252/Latin-1.
    * A row is excluded (and listed in the notes) when a used feature or the
      label is missing (empty or one of :data:`MISSING_MARKERS`) or not finite
      (NaN, inf).  Rows are numbered as in a spreadsheet: the header is row 1.
    * With semicolons or tabs as separators, "0,5" is read as 0.5.
    * A column with an empty name and no values (a separator at the end of
      every line) is ignored; blank rows are skipped.
    """
    table = _read_table(source)
    label = _choose_label(table, label)
    chosen = _choose_features(table, features, label)
    values, excluded, n_commas = _feature_values(table, chosen)
    label_values, label_missing, _, _ = _to_numbers(table.columns[label], ",")
    excluded |= label_missing | np.isinf(label_values)
    kept = ~excluded
    n_excluded = int(excluded.sum())
    Y, class_names = _encode_labels(
        label_values[kept], table.columns[label][kept], label, positive, n_excluded
    )
    X = values[:, kept]
    for name, row in zip(chosen, X, strict=True):
        if np.all(row == row[0]):
            raise DataError(
                "constant_feature", column=_show(name), value=_format_number(float(row[0]))
            )

    n = len(chosen)
    features = ", ".join(map(_cut, chosen))
    notes = [
        Note(
            "loaded",
            m=int(Y.shape[1]),
            count=n,
            features=features,
            label=_show(label),
            positive=_show(class_names[1]),
            negative=_show(class_names[0]),
        ),
        *table.notes,
    ]
    if n_excluded:
        notes.append(_rows_note(n_excluded, table.rows[excluded], table.header_row))
    if n_commas:
        notes.append(Note("decimal_commas", count=n_commas))
    for name, row in zip(chosen, X, strict=True):
        largest = float(np.max(np.abs(row)))
        if largest > 1e6:
            notes.append(Note("large_values", column=_show(name), largest=f"{largest:.3g}"))
    return Dataset(X, Y, tuple(chosen), label, class_names, tuple(notes))


# ---------------------------------------------------------------------------
# An example file, and tables for the data editor
# ---------------------------------------------------------------------------


def example_csv_bytes() -> bytes:
    """A small valid CSV file to download and try: 40 students, hours studied and slept, passed.

    Returns
    -------
    bytes
        UTF-8 text with a header ``hours_studied,hours_slept,passed`` and 40
        rows; ``passed`` is 0/1, drawn from a logistic model with a fixed seed,
        so the file is the same every time.
    """
    rng = np.random.default_rng(2024)
    studied = np.round(rng.uniform(0.5, 10.0, 40), 1)
    slept = np.round(rng.uniform(4.0, 9.0, 40), 1)
    z = 1.1 * (studied - 5.0) + 0.9 * (slept - 6.5)
    passed = (rng.random(40) < 1 / (1 + np.exp(-z))).astype(int)
    lines = ["hours_studied,hours_slept,passed"]
    lines += [f"{s:.1f},{h:.1f},{p}" for s, h, p in zip(studied, slept, passed, strict=True)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def dataset_to_frame(ds: Dataset) -> pd.DataFrame:
    """A table for the data editor: one row per example.

    Parameters
    ----------
    ds : Dataset

    Returns
    -------
    pandas.DataFrame of shape (m, n + 1)
        The feature columns (float64) named by ``ds.feature_names``, then the
        label column (int64, 0/1) named ``ds.label_name``.
    """
    table = {name: ds.X[j].copy() for j, name in enumerate(ds.feature_names)}
    table[ds.label_name] = ds.Y[0].copy()
    return pd.DataFrame(table)


def dataset_from_frame(
    df: pd.DataFrame,
    *,
    feature_names: Sequence[str],
    label_name: str,
    class_names: tuple[str, str] = ("0", "1"),
    notes: Sequence[str] = (),
) -> Dataset:
    """Check a table edited on screen and turn it back into a Dataset.

    Parameters
    ----------
    df : pandas.DataFrame
        One row per example, with the feature columns and the label column
        (other columns are ignored).  Rows left entirely empty are skipped.
    feature_names : sequence of str
        The feature columns, in order.
    label_name : str
        The label column; its values must be 0 or 1 (True/False also work).
    class_names : pair of str, default ("0", "1")
        Names of the classes 0 and 1, kept for the Dataset.
    notes : sequence of str, default ()
        Notes for the Dataset.

    Returns
    -------
    Dataset
        ``X`` of shape (len(feature_names), m), ``Y`` of shape (1, m).

    Raises
    ------
    DataError
        For a missing column, a missing, non-numeric or non-finite value, or a
        label other than 0/1 (naming the row, counted from 1), or when a class
        has no example.
    """
    feature_names = [str(name) for name in feature_names]
    if not feature_names:
        raise DataError("table_no_features")
    used = [*feature_names, str(label_name)]
    for name in used:
        if name not in df.columns:
            raise DataError("table_no_column", name=_show(name), columns=_shown(df.columns))
    table = df[used].astype(object)
    empty = table.map(lambda v: v is None or (isinstance(v, str) and not v.strip())) | table.isna()
    position = np.flatnonzero(~empty.all(axis=1).to_numpy())  # blank rows are skipped
    table = table.iloc[position]
    values = np.zeros((len(table), len(used)))
    for j, name in enumerate(used):
        column = table[name]
        as_text = column.map(lambda v: v.strip() if isinstance(v, str) else v)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            numbers = pd.to_numeric(as_text, errors="coerce")
            numbers = np.asarray(numbers, dtype=np.float64)
        if not np.all(np.isfinite(numbers)):
            i = int(np.argmin(np.isfinite(numbers)))  # the first bad row
            cell = column.iloc[i]
            missing = cell is None or pd.isna(cell) or not str(cell).strip()
            row, column = int(position[i] + 1), _show(name)
            if missing:
                raise DataError("table_cell_empty", row=row, column=column)
            raise DataError("table_cell_not_a_number", row=row, column=column, value=_show(cell))
        values[:, j] = numbers
    labels = values[:, -1]
    not_binary = (labels != 0) & (labels != 1)
    if not_binary.any():
        i = int(np.argmax(not_binary))
        raise DataError(
            "table_label_not_binary",
            row=int(position[i] + 1),
            label=_show(label_name),
            value=_format_number(labels[i]),
        )
    Y = labels.astype(np.int64).reshape(1, -1)
    for cls in (0, 1):
        if not np.any(Y == cls):
            raise DataError("table_no_class", cls=cls, name=_show(class_names[cls]))
    return Dataset(
        values[:, :-1].T, Y, tuple(feature_names), str(label_name), tuple(class_names), tuple(notes)
    )
