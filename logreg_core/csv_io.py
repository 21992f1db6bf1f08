"""CSV files and edited tables: a :class:`~logreg_core.csv_read.Table` or a table in, a Dataset out.

:func:`load_csv` reads a file (:func:`~logreg_core.csv_read.read_table`) and
makes a Dataset of the chosen columns (:func:`dataset_from_table`);
:func:`dataset_to_frame` and :func:`dataset_from_frame` carry a data set to
the table editor and back.  With :mod:`logreg_core.csv_read`, the only
modules of the engine that import pandas.
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Real

import numpy as np
import pandas as pd

from .csv_read import MAX_BYTES, Table, _cut, _floats, _show, _shown, read_table
from .data import DataError, Dataset, Note
from .setup import MAX_TEXT

# MAX_BYTES, Table and read_table are the reader's, named here for the pages' imports.
__all__ = [
    "MAX_BYTES",
    "Table",
    "dataset_from_frame",
    "dataset_from_table",
    "dataset_to_frame",
    "example_csv_bytes",
    "load_csv",
    "read_table",
]


def _choose_label(table: Table, label) -> str:
    if label is None:
        return table.names[-1]
    label = str(label).strip()
    if label not in table.columns:
        raise DataError("no_label_column", label=_show(label), columns=_shown(table.names))
    return label


def _choose_features(table: Table, features, label: str) -> list[str]:
    names = table.names
    if features is None:
        numeric = [name for name in table.numeric_names if name != label]
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
    """(sorted class keys, their names, each example's key): numbers, else booleans, else text."""
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


def _feature_values(table: Table, chosen: list[str]):
    """(values of shape (n, rows), rows to exclude, decimal commas read) of the chosen columns."""
    rows, excluded, n_commas = [], np.zeros(table.n_rows, dtype=bool), 0
    for name in chosen:
        column = table.columns[name]
        if column.bad.any():
            i = int(np.argmax(column.bad))
            raise DataError(
                "not_a_number",
                column=_show(name),
                row=int(table.rows[i]),
                value=_show(column.texts(i)),
            )
        rows.append(column.values)
        excluded |= column.missing | ~np.isfinite(column.values)
        n_commas += int(column.comma.sum())
    return np.vstack(rows), excluded, n_commas


def _encode_labels(values, texts, label: str, positive, n_excluded: int):
    """Y of shape (1, m) and the class names (negative, positive): two classes, 2 examples each."""
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
    for name in class_names:
        if len(name) > MAX_TEXT:  # the positive class is a setup value: at most this long
            raise DataError("long_class_name", label=_show(label), value=_show(name), max=MAX_TEXT)
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
        When the file cannot be read as a table
        (:func:`~logreg_core.csv_read.read_table`), or for an unknown or
        repeated column, a value that is not a number in a feature column, a
        label with one class or more than two, fewer than 2 examples of a
        class, or a constant feature.  Its ``code`` names the problem, its
        ``params`` the column, the row and the value.
    TypeError
        If ``source`` is none of the accepted kinds.

    Notes
    -----
    * The first non-blank line is the header; columns may be separated by
      commas, semicolons or tabs (detected).  Text may be UTF-8 (with or
      without a BOM), UTF-16/32 with a BOM, or else Windows-1252/Latin-1.
    * A row is excluded (and listed in the notes) when a used feature or the
      label is missing (empty or one of
      :data:`~logreg_core.csv_read.MISSING_MARKERS`) or not finite (NaN,
      inf).  Rows are numbered as in a spreadsheet: the header is row 1.
    * With semicolons or tabs as separators, "0,5" is read as 0.5 (in feature columns).
    * A column with an empty name and no values (a separator at the end of
      every line) is ignored; blank rows are skipped.
    """
    return dataset_from_table(read_table(source), features=features, label=label, positive=positive)


def dataset_from_table(table: Table, *, features=None, label=None, positive=None) -> Dataset:
    """The Dataset of the chosen columns of a table: :func:`load_csv` after the file is read.

    ``features``, ``label`` and ``positive`` are those of :func:`load_csv`,
    and so are the Dataset and the DataError.
    """
    label = _choose_label(table, label)
    chosen = _choose_features(table, features, label)
    values, excluded, n_commas = _feature_values(table, chosen)
    column = table.columns[label]
    label_values = np.where(column.comma, np.nan, column.values)  # "0,5" is a text label
    excluded |= column.missing | np.isinf(label_values)
    kept = ~excluded
    n_excluded = int(excluded.sum())
    label_texts = column.texts(kept) if column.codes is not None else None
    Y, class_names = _encode_labels(label_values[kept], label_texts, label, positive, n_excluded)
    X = values[:, kept]
    for name, row in zip(chosen, X, strict=True):
        if np.all(row == row[0]):
            raise DataError(
                "constant_feature", column=_show(name), value=_format_number(float(row[0]))
            )

    notes = [
        Note(
            "loaded",
            m=int(Y.shape[1]),
            count=len(chosen),
            features=", ".join(map(_cut, chosen)),
            label=_show(label),
            positive=_show(class_names[1]),
            negative=_show(class_names[0]),
        ),
        *table.notes,
    ]
    if n_excluded:
        listed = ", ".join(map(str, table.rows[excluded][:5])) + (", …" if n_excluded > 5 else "")
        notes.append(
            Note("excluded_rows", count=n_excluded, rows=listed, header_row=table.header_row)
        )
    if n_commas:
        notes.append(Note("decimal_commas", count=n_commas))
    for name, row in zip(chosen, X, strict=True):
        largest = float(np.max(np.abs(row)))
        if largest > 1e6:
            notes.append(Note("large_values", column=_show(name), largest=f"{largest:.3g}"))
    return Dataset(X, Y, tuple(chosen), label, class_names, tuple(notes))


def example_csv_bytes() -> bytes:
    """A small valid CSV file to download and try: 40 students, hours studied and slept, passed.

    ``passed`` is 0/1, drawn from a logistic model with a fixed seed, so the
    UTF-8 bytes are the same every time.
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
    """A table for the data editor, of shape (m, n + 1): the features (float64), then the label.

    The columns are named by ``ds.feature_names`` and ``ds.label_name``.
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
    class_names, notes
        Kept for the Dataset (see :class:`~logreg_core.data.Dataset`).

    Returns
    -------
    Dataset
        ``X`` of shape (len(feature_names), m), ``Y`` of shape (1, m).

    Raises
    ------
    DataError
        For a missing column, a missing, non-numeric or non-finite value or a
        label other than 0/1 (naming the row, from 1), or a class with no example.
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
        numbers = _floats(column.map(lambda v: v.strip() if isinstance(v, str) else v))
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
