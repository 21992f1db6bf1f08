"""CSV files of nasty shapes at the largest size, made by code, and a read measured in a child.

Each shape is a function of a size in bytes that returns a file of about that
size (a shape that needs its own size says so).  :func:`measure` makes one in
a fresh Python process and reads it there with :func:`logreg_core.csv_io.load_csv`,
so that the process's peak memory brackets the read alone; tests/test_csv_bounds.py
asserts the outcome and the memory bound, and bench/csv_bench.py prints the
figures (time included: never asserted).

`python bench/csv_bench.py --all` prints the measurement of every shape.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]

#: The largest upload the app takes (server.maxUploadSize, 20 MB; the engine reads up to 25).
UPLOAD_BYTES = 20_000_000
#: The read may grow the process by at most this many times the file's size, plus BOUND_MB.
BOUND_FACTOR, BOUND_MB = 8, 80
_ROWS = b"a,b,y\n1,2,0\n2,1,1\n3,4,0\n5,1,1\n"


def _repeat(unit: bytes, size: int) -> bytes:
    return unit * max(1, size // len(unit))


def blank_lead(size: int) -> bytes:
    """Twenty million blank lines, then a small valid table: loads, header on the last line."""
    return b"\n" * (size - len(_ROWS)) + _ROWS


def space_lead(size: int) -> bytes:
    """Lines of spaces and tabs ending in CRLF before the header: loads."""
    return _repeat(b" \t \r\n", size - len(_ROWS)) + _ROWS


def blank_tail(size: int) -> bytes:
    """A small valid table, then millions of blank lines (CR, LF, CRLF) after it: loads."""
    return _ROWS + _repeat(b"\r\n\n\r", size - len(_ROWS))


def wide_quoted_header(size: int = 0) -> bytes:
    """``a,"b\\nc",c0,…,c149999`` then 30 rows: 150,002 columns, refused as too many."""
    header = b'a,"b\nc",' + b",".join(b"c%d" % j for j in range(150_000)) + b"\n"
    row = b",".join([b"0.5"] * 150_002) + b"\n"
    return header + row * 30


def cr_only(size: int = 0) -> bytes:
    """600 rows × 3 columns with old-Mac line endings (CR alone): loads as 600 rows."""
    lines = [b"x1,x2,y"] + [b"%d.5,%d,%d" % (i, i % 7, i % 2) for i in range(600)]
    return b"\r".join(lines) + b"\r"


def numeric(size: int) -> bytes:
    """Plain numbers: 9 float columns and a 0/1 label, as many rows as fit (up to 100,000)."""
    header = b",".join([b"c%d" % j for j in range(9)] + [b"y"]) + b"\n"
    rng = np.random.default_rng(0)
    block = b"".join(  # 1,000 rows of 20-character numbers, repeated
        b",".join(b"%.18f" % v for v in rng.random(9)) + b",%d\n" % (i % 2) for i in range(1000)
    )
    row_bytes = len(block) // 1000  # every number has 20 characters: rows are alike
    n_rows = max(1, min(100_000, (size - len(header)) // row_bytes))
    return header + (block * (n_rows // 1000 + 1))[: n_rows * row_bytes]


def tiny_cells(size: int = 0) -> bytes:
    """The most values a file may hold, each a new 2-character string: 10 × 100,000 "10".

    The smallest file for the most Python strings, so the tightest against the bound.
    """
    return (
        b",".join(b"c%d" % j for j in range(9))
        + b",y\n"
        + b"10,10,10,10,10,10,10,10,10,0\n10,11,10,10,10,10,10,10,10,1\n" * 50_000
    )


def tiny_texts(size: int = 0) -> bytes:
    """1,000 columns × 1,000 rows of the text "x1" and two number columns: loads."""
    header = b"a,b," + b",".join(b"t%d" % j for j in range(997)) + b",y\n"
    rows = [b"%d,%d," % (i, i % 7) + b"x1," * 997 + b"%d\n" % (i % 2) for i in range(999)]
    return header + b"".join(rows)


def one_line(size: int) -> bytes:
    """One endless line of short values: refused before the parser splits it."""
    return _repeat(b"12,", size)


def empty_columns(size: int) -> bytes:
    """1,000 columns of which 998 are empty in every row: too many values, refused early."""
    header = b"x1,x2," + b",".join(b"e%d" % j for j in range(998)) + b"\n"
    return header + _repeat(b"1,2" + b"," * 998 + b"\n", size - len(header))


def huge_cells(size: int) -> bytes:
    """Rows with a text cell of 100,000 characters beside two numbers and a label: loads."""
    rows = [b"%d,%d,%s,%d\n" % (i, i % 5, b"x" * 100_000, i % 2) for i in range(size // 100_010)]
    return b"a,b,note,y\n" + b"".join(rows)


def cell_too_long(size: int) -> bytes:
    """A quoted value of 200,000 characters in row 3, beyond the parser's limit: refused."""
    head = b'a,b,y\n1,2,0\n3,4,"' + b"x" * 200_000 + b'"\n'
    return head + _repeat(b"5,6,0\n", size - len(head))


def open_quote(size: int) -> bytes:
    """A quote opened in row 3 and never closed, then rows of numbers: refused, naming row 3."""
    return b'a,b,y\n1,2,0\n3,"4,1\n' + _repeat(b"5,6,0\n", size - 20)


def utf16(size: int) -> bytes:
    """The numeric file in UTF-16 with a BOM (half as many rows for the bytes): loads."""
    return numeric(size // 2).decode("ascii").encode("utf-16")


def cp1252(size: int) -> bytes:
    """The numeric file with its labels in Windows-1252 ("été", "€uro"), not UTF-8: loads."""
    data = numeric(size - 300_000)
    return data.replace(b",0\n", b",\xe9t\xe9\n").replace(b",1\n", b",\x80uro\n")


def emoji(size: int) -> bytes:
    """The numeric file with one 4-byte emoji in its header (a str of it takes 4 bytes a char)."""
    data = numeric(size - 4)
    return data.replace(b"c8", "c8\U0001f600".encode(), 1)


def random_table(size: int, seed: int) -> bytes:
    """A valid table of a random shape (seeded) as large as fits: loads.

    Columns ``c0``, ``c1`` (numbers), more columns of numbers, some quoted, and a
    0/1 label ``y``; separator, line ending, blank lines before the header and
    between rows, a quoted name holding a line break: each drawn from ``seed``.
    """
    rng = np.random.default_rng(seed)
    sep = [b",", b";", b"\t"][rng.integers(3)]
    eol = [b"\n", b"\r\n", b"\r"][rng.integers(3)]
    n_cols = int(rng.choice([4, 10, 100, 1000]))
    names = [b"c%d" % j for j in range(n_cols - 2)] + [b'"odd' + eol + b'name"', b"y"]
    header = eol * int(rng.integers(0, 5)) + sep.join(names) + eol
    values = rng.integers(0, 10**6, size=(64, n_cols - 1))
    quoted = rng.random(n_cols - 1) < 0.3
    rows = []
    for r in range(64):
        cells = [(b'"%d"' if q else b"%d") % v for v, q in zip(values[r], quoted, strict=True)]
        rows.append(sep.join([*cells, b"%d" % (r % 2)]) + eol * int(1 + (r % 7 == 0)))
    block = b"".join(rows)  # 64 rows, of which 10 are followed by a blank line
    n_blocks = min((size - len(header)) // len(block), 100_000 // 74, 1_000_000 // (74 * n_cols))
    return header + block * max(1, n_blocks)


#: name -> (maker, load_csv keyword arguments, expected outcome: "loaded <m>" or an error code)
SHAPES = {
    "blank_lead": (blank_lead, {}, "loaded 4"),
    "space_lead": (space_lead, {}, "loaded 4"),
    "blank_tail": (blank_tail, {}, "loaded 4"),
    "wide_quoted_header": (wide_quoted_header, {}, "too_many_columns"),
    "cr_only": (cr_only, {}, "loaded 600"),
    "numeric": (numeric, {"features": ["c0", "c1"], "label": "y"}, "loaded"),
    "tiny_cells": (tiny_cells, {"features": ["c1"], "label": "y"}, "loaded 100000"),
    "tiny_texts": (tiny_texts, {"features": ["a", "b"], "label": "y"}, "loaded 999"),
    "one_line": (one_line, {}, "too_many_columns"),
    "empty_columns": (empty_columns, {}, "too_many_values"),
    "huge_cells": (huge_cells, {"features": ["a", "b"]}, "loaded"),
    "cell_too_long": (cell_too_long, {}, "cell_too_long"),
    "open_quote": (open_quote, {}, "open_quote"),
    "utf16": (utf16, {"features": ["c0", "c1"], "label": "y"}, "loaded"),
    "cp1252": (cp1252, {"features": ["c0", "c1"], "label": "y"}, "loaded"),
    "emoji": (emoji, {"features": ["c0", "c1"], "label": "y"}, "loaded"),
    **{
        f"random_{seed}": (
            functools.partial(random_table, seed=seed),
            {"features": ["c0", "c1"], "label": "y"},
            "loaded",
        )
        for seed in range(3)
    },
}

_CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from tests.csv_corpus import nasty
cap = int(sys.argv[4])
if cap:
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
from logreg_core.csv_io import load_csv
from logreg_core.data import DataError

maker, kwargs, _ = nasty.SHAPES[sys.argv[2]]
data = maker(int(sys.argv[3]))

def status_kb(field):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))

def rss_kb():
    return status_kb("VmRSS")

def peak_kb():
    # VmHWM, the peak of this process's own memory, which clear_refs resets below.
    # Not getrusage's ru_maxrss: it also keeps the peak of the parent's memory that
    # the child had as a fork before its exec (a large pytest process shows there).
    try:
        return status_kb("VmHWM")
    except (OSError, StopIteration):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

try:  # hand back what making the file freed, so the read cannot hide in it
    import ctypes

    ctypes.CDLL("libc.so.6").malloc_trim(0)
except (OSError, AttributeError):
    pass
try:  # Linux >= 4.0: the peak starts again from here, so it brackets the read alone
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")
    before = rss_kb()
except OSError:
    before = peak_kb()
t0 = time.perf_counter()
try:
    ds = load_csv(data, **kwargs)
    outcome = f"loaded {ds.n_samples}"
except DataError as err:
    outcome = err.code
seconds = time.perf_counter() - t0
growth = max(0, peak_kb() - before) * 1024
print(json.dumps({"outcome": outcome, "bytes": len(data), "growth": growth, "seconds": seconds}))
"""


def bound(n_bytes: int) -> int:
    """The most a read of a file of ``n_bytes`` may grow the process by, in bytes."""
    return BOUND_FACTOR * n_bytes + BOUND_MB * 1_000_000


def measure(
    name: str,
    size: int = UPLOAD_BYTES,
    *,
    root: str | os.PathLike = ROOT,
    cap: int | None = None,
    timeout: float = 120,
) -> dict:
    """Make the file ``name`` of ``size`` bytes in a child process and read it there.

    Returns ``{"outcome": "loaded <m>" or the DataError's code, "bytes": the
    file's size, "growth": the peak memory growth of the read in bytes,
    "seconds": the read's time}``.  The child's address space is capped (at
    twice the bound, plus room for Python and its libraries), so a read that
    breaks the bound fails there instead of taking the machine down; ``root``
    is the checkout whose ``logreg_core`` is measured; ``cap=0`` lifts the cap
    (to measure a reader that breaks the bound).
    """
    if cap is None:
        cap = 2 * bound(max(size, UPLOAD_BYTES)) + 1_500_000_000
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}
    proc = subprocess.run(
        [sys.executable, "-c", _CHILD, str(root), name, str(size), str(cap)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env=env,
    )
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-3:]
        return {"outcome": "crashed: " + " | ".join(tail), "bytes": size, "growth": 0, "seconds": 0}
    return json.loads(proc.stdout.strip().splitlines()[-1])
