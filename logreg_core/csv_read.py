"""Reading a CSV file: bytes in, a compact :class:`Table` out, bounded by the file's bytes.

:func:`read_table` reads a file a student uploads, once, or says what is wrong
with it (a :class:`~logreg_core.data.DataError`); :mod:`logreg_core.csv_io`
makes data sets of a table's columns.
"""

from __future__ import annotations

import codecs
import csv
import io
import os
import re
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .data import MAX_ROWS, DataError, Note
from .setup import MAX_TEXT

__all__ = ["MAX_BYTES", "MAX_CELLS", "MAX_COLUMNS", "MAX_LINE_CHARS", "Table", "read_table"]

#: The largest file :func:`read_table` reads, in bytes.
MAX_BYTES = 25_000_000
#: The most columns, and the most values (rows × columns), :func:`read_table` reads:
#: parsed cells are Python strings, and the hosted app has about 690 MB of memory.
MAX_COLUMNS = 1_000
MAX_CELLS = 1_000_000
#: The longest row :func:`read_table` reads, in characters (its line breaks included, and
#: those inside quoted values): the parser holds a whole row, so one endless line, or a
#: stray quote that swallows the rest of the file, is refused before it is split.
MAX_LINE_CHARS = 1_000_000

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
_SAMPLE_LINES = 20
_CHUNK = 1 << 20  # bytes checked, decoded or transcoded at a time
_SPACE = re.compile(rb"[ \t\n\r\f\v]*")  # blank lines (and the spaces before the header)
#: Control characters other than tab, line breaks, \f, \v and ^Z, as UTF-8 bytes
#: (each is one byte, and no byte of a longer character is one of them).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20)])
_NOT_CONTINUATION = bytes([*range(0x00, 0x80), *range(0xC0, 0x100)])


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
                size = os.fstat(f.fileno()).st_size
                data = f.read() if size <= MAX_BYTES else b""  # too big: said before reading
        except (OSError, ValueError) as err:  # ValueError: a NUL character in the path
            reason = getattr(err, "strerror", None) or str(err)
            raise DataError("cannot_open", file=_show(source, 80), reason=reason) from err
        if size > MAX_BYTES:
            raise DataError("file_too_big", mb=round(size / 1e6), max_mb=round(MAX_BYTES / 1e6))
        return data
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


def _chunks(data: bytes, start: int = 0):
    """Views of ``data[start:]``, :data:`_CHUNK` bytes each (no copies)."""
    view = memoryview(data)
    for i in range(start, len(data), _CHUNK):
        yield view[i : i + _CHUNK]


def _transcode(data: bytes, codec: str) -> bytes:
    """A single-byte code page (cp1252, latin-1) as UTF-8, a chunk at a time."""
    return b"".join(bytes(chunk).decode(codec).encode("utf-8") for chunk in _chunks(data))


def _looks_binary(data: bytes, start: int) -> bool:
    """NUL, or over 1 % control characters (not tab, line breaks) in the UTF-8 ``data[start:]``."""
    n_chars = n_controls = 0
    for chunk in _chunks(data, start):
        n_chars += len(chunk) - len(chunk.tobytes().translate(None, _NOT_CONTINUATION))
        n_controls += len(chunk) - len(chunk.tobytes().translate(None, _CONTROL_BYTES))
    return data.find(b"\x00", start) >= 0 or n_controls > 0.01 * n_chars


def _utf8(raw: bytes) -> tuple[bytes, int, list[Note]]:
    """The file as UTF-8 bytes, where its text starts (after a BOM), and notes on its encoding."""
    if _SPACE.match(raw).end() == len(raw):
        raise DataError("empty_file")
    for signature, kind in _SIGNATURES:
        if raw.startswith(signature):
            raise DataError(f"file_{kind}")
    notes = []
    start = 0
    codec = next((codec for bom, codec in _BOMS if raw.startswith(bom)), None)
    if codec is not None:
        try:
            data = raw.decode(codec).encode("utf-8", errors="surrogatepass")
        except UnicodeDecodeError as err:
            raise DataError("bad_encoding", codec=codec.upper(), byte=err.start) from err
    elif b"\x00" in raw:
        raise DataError("binary_file")
    else:
        data = raw
        start = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
        try:  # UTF-8 is checked a chunk at a time, never decoded whole
            decoder = codecs.getincrementaldecoder("utf-8")()
            for chunk in _chunks(raw, start):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            start = 0
            try:
                data = _transcode(raw, "cp1252")
            except UnicodeDecodeError:
                data = _transcode(raw, "latin-1")
            notes.append(Note("not_utf8"))
    if _looks_binary(data, start):
        raise DataError("binary_file")
    return data, start, notes


def _body(data: bytes, start: int) -> tuple[int, int, int]:
    """Where the table is in ``data``, blank lines around it left out: (start, end, header row)."""
    first = _SPACE.match(data, start).end()
    if first == len(data):
        raise DataError("empty_file")
    lead = max(data.rfind(b"\n", start, first), data.rfind(b"\r", start, first), start - 1) + 1
    end = len(data)
    while True:  # strip the end a piece at a time: no copy of the whole file
        piece = data[max(first, end - 65_536) : end]
        kept = piece.rstrip()
        end += len(kept) - len(piece)
        if kept:
            return lead, end, _line_count(data, start, lead)


def _line_count(data: bytes, lo: int, hi: int) -> int:
    """Lines of text in ``data[lo:hi]``, with any line break."""
    n_breaks = data.count(b"\n", lo, hi) + data.count(b"\r", lo, hi) - data.count(b"\r\n", lo, hi)
    return n_breaks + 1


def _sample_lines(text: str) -> list[str]:
    lines = re.split(r"\r\n|\r|\n", text, maxsplit=4 * _SAMPLE_LINES)[: 4 * _SAMPLE_LINES]
    return [line for line in lines if line.strip()][:_SAMPLE_LINES]


def _detect_separator(text: str) -> str:
    """Comma, semicolon or tab: the one whose count in the header (quotes left out) repeats most."""
    lines = _sample_lines(re.sub(r'"[^"]*"', '""', text))
    if not lines:  # only spaces that are not ASCII (a no-break space): nothing to read
        raise DataError("empty_file")
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
        raise DataError("one_column", header=_show(_sample_lines(text)[0].strip()))
    return best


class _Slice(io.RawIOBase):
    """A read-only stream over a memoryview: ``data[lo:hi]`` read without copying it whole."""

    def __init__(self, view: memoryview):
        self._view, self._pos = view, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        n = min(len(buffer), len(self._view) - self._pos)
        buffer[:n] = self._view[self._pos : self._pos + n]
        self._pos += n
        return n


class _LongRow(Exception):
    """A row grew past MAX_LINE_CHARS before the parser ended it."""


class _Lines:
    """A text stream's lines for ``csv.reader``; :class:`_LongRow` once a row passes the limit."""

    def __init__(self, stream):
        self._readline = stream.readline
        self.row: list[str] = []  # the lines of the row being read
        self.chars = 0
        self.ended = False

    def start_row(self) -> None:
        self.row.clear()
        self.chars = 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self._readline(MAX_LINE_CHARS + 1)
        if not line:
            self.ended = True
            raise StopIteration
        self.row.append(line)
        self.chars += len(line)
        if self.chars > MAX_LINE_CHARS:
            raise _LongRow
        if line[-1] not in "\r\n":  # the last line: the parser then ends its row here
            line += "\n"
        return line


def _open_quote(lines: list[str]) -> bool:
    """Does a row cut short run over several lines with an odd number of double quotes?"""
    return len(lines) > 1 and sum(line.count('"') for line in lines) % 2 == 1


def _long_row_error(lines: list[str], row: int, sep: str) -> DataError:
    """What most likely made a row longer than MAX_LINE_CHARS: a stray quote, many columns."""
    if _open_quote(lines):
        return DataError("open_quote", row=row)
    text = "".join(lines)
    n_columns = re.sub(r'"[^"]*"', "", text).count(sep) + 1  # separators outside quotes
    if n_columns > MAX_COLUMNS:
        return DataError("too_many_columns", n_columns=n_columns, max_columns=MAX_COLUMNS)
    return DataError("line_too_long", row=row, max_chars=MAX_LINE_CHARS)


def _csv_error(err: csv.Error, lines: list[str], row: int, sep: str) -> DataError:
    """An error of the csv module as a DataError; ``row`` is the row being read, from ``lines``."""
    message = str(err)
    field = re.search(r"field larger than field limit \((\d+)\)", message)
    if field and _open_quote(lines):
        return DataError("open_quote", row=row)
    if field:
        return DataError("cell_too_long", row=row, max_chars=int(field.group(1)))
    return DataError("parse_failed", sep=_SEPARATORS[sep], detail=message.strip()[:200])


def _records(data: bytes, lo: int, hi: int, header_row: int, sep: str):
    """(header, cells (rows, columns), their row numbers, blank rows) of ``data[lo:hi]``, stripped.

    Each row is checked against the limits before the next is read, and goes
    into an array sized by the limits, so only the strings grow with the file.
    """
    stream = io.TextIOWrapper(
        io.BufferedReader(_Slice(memoryview(data)[lo:hi])), encoding="utf-8", newline=""
    )
    lines = _Lines(stream)
    n_read = 0  # rows the parser has returned, the header included
    m = 0  # data rows kept
    try:
        reader = csv.reader(lines, delimiter=sep)
        header = list(map(str.strip, next(reader)))
        if lines.ended:
            raise DataError("open_quote", row=header_row)
        n_columns = len(header)
        if n_columns > MAX_COLUMNS:
            raise DataError("too_many_columns", n_columns=n_columns, max_columns=MAX_COLUMNS)
        n_read = 1
        lines.start_row()
        max_rows = min(MAX_ROWS, MAX_CELLS // n_columns)
        padding = [""] * n_columns
        cells = np.empty((max_rows, n_columns), dtype=object)
        numbers = np.empty(max_rows, dtype=np.int64)
        for record in reader:
            row = header_row + n_read
            if lines.ended:
                raise DataError("open_quote", row=row)
            lines.start_row()
            n_read += 1
            if len(record) > n_columns:
                raise DataError(
                    "ragged_row",
                    row=row,
                    saw=len(record),
                    expected=n_columns,
                    sep=_SEPARATORS[sep],
                )
            if n_read - 1 > max_rows:
                if n_read - 1 > MAX_ROWS:
                    raise DataError("too_many_rows", max_rows=MAX_ROWS)
                n_rows = max(n_read - 1, min(_line_count(data, lo, hi) - 1, MAX_ROWS + 1))
                raise DataError(
                    "too_many_values", n_columns=n_columns, n_rows=n_rows, max_cells=MAX_CELLS
                )
            values = list(map(str.strip, record))
            if any(values):
                if len(values) < n_columns:  # a short row: the missing values are empty
                    values += padding[len(values) :]
                cells[m] = values
                numbers[m] = row
                m += 1
    except _LongRow:
        raise _long_row_error(lines.row, header_row + n_read, sep) from None
    except csv.Error as err:
        raise _csv_error(err, lines.row, header_row + n_read, sep) from err
    return header, cells[:m], numbers[:m].copy(), n_read - 1 - m


def _floats(cells) -> np.ndarray:
    """The cells (a sequence or a Series) as float64, NaN where a cell is not a number."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return np.array(pd.to_numeric(cells, errors="coerce"), dtype=np.float64)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.flags.writeable = False
    return array


@dataclass(frozen=True, eq=False)
class _Column:
    """One column of a table: its values as numbers, and its texts where they are needed.

    ``values`` (float64, NaN where there is no number), ``missing`` (a missing
    marker or a NaN word), ``bad`` (not a number) and ``comma`` (read with a
    decimal comma) have one entry per data row.  The texts are kept only for a
    column with a cell that is not a plain number, as ``categories[codes]``.
    """

    values: np.ndarray
    missing: np.ndarray
    bad: np.ndarray
    comma: np.ndarray
    codes: np.ndarray | None
    categories: np.ndarray | None

    @classmethod
    def of(cls, cells: np.ndarray, sep: str) -> _Column:
        """The column of stripped strings ``cells``, read with the separator ``sep``."""
        text = pd.Series(cells, dtype=object)
        values = _floats(text)
        missing = np.zeros(len(values), dtype=bool)
        comma = np.zeros(len(values), dtype=bool)
        odd = np.flatnonzero(np.isnan(values))  # every missing marker is among them
        if len(odd):
            others = text.iloc[odd]
            missing[odd] = others.str.lower().isin(MISSING_MARKERS).to_numpy(
                dtype=bool
            ) | others.str.fullmatch(_NAN_WORD, case=False).to_numpy(dtype=bool)
            if sep != ",":  # with ; or tab, "0,5" is a decimal number, as in much of Europe
                comma[odd] = others.str.fullmatch(_DECIMAL_COMMA).to_numpy(dtype=bool)
                if comma.any():
                    values[comma] = _floats(text[comma].str.replace(",", ".", regex=False))
        bad = np.isnan(values) & ~missing
        codes = categories = None
        if bad.any() or comma.any():
            codes, categories = pd.factorize(text, sort=False)
            codes, categories = _frozen(codes), _frozen(np.asarray(categories, dtype=object))
        return cls(*map(_frozen, (values, missing, bad, comma)), codes, categories)

    def texts(self, where=slice(None)) -> np.ndarray:
        """The stripped cells ``where`` (an index or a mask) as an object array."""
        return self.categories[self.codes[where]]

    @property
    def numeric(self) -> bool:
        """At least one value, and at least half of the non-missing values, are numbers."""
        n_values = int((~self.missing).sum())
        n_numbers = n_values - int(self.bad.sum())
        return n_numbers > 0 and 2 * n_numbers >= n_values


@dataclass(frozen=True, eq=False)
class Table:
    """A CSV file read once: 8 bytes a value and a few flags, plus the texts that are not numbers.

    Attributes
    ----------
    names : tuple of str
        The named columns, in file order, names stripped of surrounding spaces.
    numeric_names : tuple of str
        The columns that hold numbers: at least one, and at least half of the
        non-missing values.
    rows : ndarray of int64, shape (m,)
        The row number in the file of each data row (blank rows left out),
        counted as a spreadsheet does: the header is row ``header_row``.
    header_row : int
        The header's row number: 1 plus the blank lines above it.
    notes : tuple of Note
        The file's encoding, separator and blank rows.
    columns : dict
        Each named column's arrays, by name.
    """

    names: tuple[str, ...]
    numeric_names: tuple[str, ...]
    rows: np.ndarray
    header_row: int
    notes: tuple[Note, ...]
    columns: dict

    @property
    def n_rows(self) -> int:
        """The number of data rows, m."""
        return len(self.rows)


def read_table(source) -> Table:
    """Read a CSV file once, into a :class:`Table`, or say why it cannot be read.

    Parameters
    ----------
    source : str, os.PathLike, bytes or binary file-like object
        As for :func:`~logreg_core.csv_io.load_csv`.

    Returns
    -------
    Table

    Raises
    ------
    DataError
        For a file that cannot be read as a table: empty, not text, one
        column, ragged rows, an open quote, no data rows, names missing or
        twice, or past a limit (the ``MAX_*`` constants above, and the ``csv``
        module's 131,072 characters a value).
    TypeError
        If ``source`` is none of the accepted kinds.

    Notes
    -----
    The work and the memory are bounded by the file's size, whatever its
    shape: the bytes are checked in chunks (never one ``str`` of the whole
    file), blank lines around the table are counted as bytes, and each row the
    parser returns is checked against every limit before the next is read.
    """
    raw = _read_source(source)
    if len(raw) > MAX_BYTES:
        raise DataError("file_too_big", mb=round(len(raw) / 1e6), max_mb=round(MAX_BYTES / 1e6))
    data, start, notes = _utf8(raw)
    del raw  # the transcoded text, if any, replaces it
    lo, hi, header_row = _body(data, start)
    sample = data[lo : min(hi, lo + 2 * MAX_LINE_CHARS)].decode("utf-8", errors="ignore")
    sep = _detect_separator(sample)
    del sample
    header, cells, numbers, n_blank = _records(data, lo, hi, header_row, sep)
    columns = {}
    for j, name in enumerate(header):
        if name == "":
            if not any(cells[:, j]):
                continue  # an empty column, e.g. from a separator at the end of each line
            raise DataError("column_without_name", column=j + 1, row=header_row)
        if name in columns:
            raise DataError("duplicate_column", name=_show(name), row=header_row)
        if len(name) > MAX_TEXT:  # a setup (and so a page's picker) holds at most this
            raise DataError(
                "long_column_name", column=j + 1, row=header_row, name=_show(name), max=MAX_TEXT
            )
        columns[name] = j
    if len(columns) < 2:
        raise DataError("one_value_column", columns=_shown(columns))
    if len(cells) == 0:
        raise DataError("no_data_rows")
    for name, j in columns.items():
        columns[name] = _Column.of(cells[:, j], sep)
        cells[:, j] = None  # let the texts go, a column at a time
    del cells
    if sep != ",":
        notes.append(Note("separated_by", sep=_SEPARATORS[sep]))
    if n_blank:
        notes.append(Note("blank_rows", count=n_blank))
    names = tuple(columns)
    numeric = tuple(name for name in names if columns[name].numeric)
    return Table(names, numeric, _frozen(numbers), header_row, tuple(notes), columns)
