"""Reading a CSV file is bounded by the file, not by its shape (logreg_core.csv_read).

The files of nasty shapes at the largest upload are made and read in a child
process each (tests/csv_corpus/nasty.py), which measures the read's peak memory
growth and runs under a cap on its address space, so a regression fails here
instead of taking the machine down; the same shapes, small, run here.  Times
are printed by bench/csv_bench.py, never asserted.
"""

from __future__ import annotations

import codecs
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logreg_core import csv_read
from logreg_core.csv_io import Table, dataset_from_table, load_csv, read_table
from logreg_core.csv_read import MAX_COLUMNS, MAX_LINE_CHARS
from logreg_core.data import MAX_ROWS, DataError, Note
from tests.csv_corpus import nasty

ROWS = b"a,b,y\n1,2,0\n2,1,1\n3,4,0\n5,1,1\n"


def raises(code: str, **params):
    """pytest.raises for a DataError with exactly this code and these params."""
    return pytest.raises(DataError, match=f"^{re.escape(str(DataError(code, **params)))}$")


# ---------------------------------------------------------------------------
# The largest files of nasty shapes, each read in a child process
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in nasty.SHAPES if n != "cr_only"])
def test_a_nasty_file_at_the_upload_limit_reads_within_the_memory_bound(name):
    _, _, expected = nasty.SHAPES[name]
    result = nasty.measure(name, timeout=60)
    assert result["outcome"].split(" ")[0] == expected.split(" ")[0], result
    if " " in expected:  # the number of examples too
        assert result["outcome"] == expected
    assert result["bytes"] <= nasty.UPLOAD_BYTES
    assert 0 <= result["growth"] <= nasty.bound(result["bytes"]), result


# ---------------------------------------------------------------------------
# The same shapes, small, read here
# ---------------------------------------------------------------------------


def test_blank_lines_before_the_header_are_counted_not_read():
    for lead in (b"\n" * 5000, b"\r\n" * 5000, b"\r" * 5000, b" \t\r\n  \n\t\r" * 2000):
        table = read_table(lead + ROWS)
        n_lines = lead.count(b"\n") + lead.count(b"\r") - lead.count(b"\r\n")
        assert table.header_row == n_lines + 1
        np.testing.assert_array_equal(table.rows, n_lines + np.arange(2, 6))
        assert load_csv(lead + ROWS).n_samples == 4


def test_blank_lines_at_the_end_are_not_rows():
    ds = load_csv(ROWS + b"\r\n\n\r  \t\n" * 50_000)
    assert ds.n_samples == 4 and not [n for n in ds.notes if n.code == "blank_rows"]


def test_the_wide_header_with_a_line_break_in_a_quoted_name_is_refused_by_its_columns():
    header = b'a,"b\nc",' + b",".join(b"c%d" % j for j in range(MAX_COLUMNS)) + b"\n"
    with raises("too_many_columns", n_columns=MAX_COLUMNS + 2, max_columns=MAX_COLUMNS):
        load_csv(header + b",".join([b"1"] * (MAX_COLUMNS + 2)) + b"\n")
    fits = b'"b\nc",' + b",".join(b"c%d" % j for j in range(MAX_COLUMNS - 1)) + b"\n"
    table = read_table(fits + b",".join([b"1"] * MAX_COLUMNS) + b"\n")
    assert len(table.names) == MAX_COLUMNS and table.names[0] == "b\nc"


def test_old_mac_line_endings_read_like_any_other():
    data = nasty.cr_only()
    ds = load_csv(data)
    assert ds.X.shape == (2, 600) and ds.class_counts == (300, 300)
    assert read_table(data).numeric_names == ("x1", "x2", "y")
    with raises("ragged_row", row=4, saw=4, expected=3, sep="commas"):
        load_csv(b"x1,x2,y\r1,2,0\r3,4,1\r5,6,0,9\r7,8,1\r")


@pytest.mark.parametrize("eol", ["\n", "\r\n", "\r"])
def test_line_breaks_inside_quoted_names_and_values(eol):
    text = eol.join(
        ['"first' + eol + 'input",x2,"the' + eol + eol + 'label"']
        + [f'{a},"{b}",{"yes" if y else "no"}' for a, b, y in [(1, 2, 0), (2, 1, 1), (3, 4, 0)]]
        + ['5,"1",yes', '"bad' + eol + 'cell",1,no']
    )
    table = read_table(text.encode())
    assert table.names == ("first" + eol + "input", "x2", "the" + eol + eol + "label")
    np.testing.assert_array_equal(table.rows, [2, 3, 4, 5, 6])  # rows as a spreadsheet counts
    value = repr("bad" + eol + "cell")
    with raises("not_a_number", column=repr("first" + eol + "input"), row=6, value=value):
        dataset_from_table(table)


def test_one_endless_line_is_refused_before_it_is_split():
    with raises("too_many_columns", n_columns=MAX_LINE_CHARS // 3 + 1, max_columns=MAX_COLUMNS):
        load_csv(b"12," * (MAX_LINE_CHARS // 3 + 1))
    with raises("line_too_long", row=3, max_chars=MAX_LINE_CHARS):
        load_csv(ROWS[:12] + b"x" * (MAX_LINE_CHARS + 1) + b"\n" + ROWS[12:])


def test_the_row_limit_counts_characters_of_a_row(monkeypatch):
    monkeypatch.setattr(csv_read, "MAX_LINE_CHARS", 20)
    row = b"1," + b"2" * 15 + b",0\n"  # 20 characters with its line break
    ok = ROWS + row
    assert load_csv(ok).n_samples == 5
    with raises("line_too_long", row=7, max_chars=20):
        load_csv(ok + b"1," + b"2" * 16 + b",0\n" + ROWS[6:])
    with raises("line_too_long", row=6, max_chars=20):  # a quoted value's lines count together
        load_csv(ROWS + b'1,"2\n2\n2\n2\n2\n2\n2\n2\n2",0\n' + ROWS[6:])


def test_a_value_past_the_parsers_limit_is_refused_naming_its_row():
    with raises("cell_too_long", row=3, max_chars=131_072):
        load_csv(ROWS[:12] + b'1,"' + b"x" * 200_000 + b'",0\n' + ROWS[12:])


def test_a_quote_never_closed_is_named_whatever_limit_it_meets_first():
    rows = b"5,6,0\n" * 60_000  # the open value passes the parser's field limit
    with raises("open_quote", row=3):
        load_csv(b'a,b,y\n1,2,0\n3,"4,1\n' + rows)
    with raises("open_quote", row=3):
        load_csv(b'a,b,y\n1,2,0\n3,"4,1\n' + b"5,6,0\n" * 10)
    with raises("open_quote", row=1):
        load_csv(b'a,b,"y\n1,2,0\n')


def test_many_empty_columns_are_counted_as_values(monkeypatch):
    monkeypatch.setattr(csv_read, "MAX_CELLS", 5_000)
    header = b"x1,x2," + b",".join(b"e%d" % j for j in range(98)) + b"\n"
    row = b"1,2" + b"," * 98 + b"\n"
    assert read_table(header + row * 50).names == ("x1", "x2", *(f"e{j}" for j in range(98)))
    with raises("too_many_values", n_columns=100, n_rows=60, max_cells=5_000):
        load_csv(header + row * 60)


def test_huge_cells_in_an_unused_column_load():
    rows = b"".join(b"%d,%d,%s,%d\n" % (i, i % 5, b"x" * 100_000, i % 2) for i in range(6))
    ds = load_csv(b"a,b,note,y\n" + rows, features=["a", "b"])
    assert ds.X.shape == (2, 6)


def test_utf16_cp1252_and_an_emoji_read_alike():
    text = 'x1,x2,é\n1.5,2,no\n3,"-1",sí\n4,0.5,no\n2,7,sí\n'
    ds = load_csv(text.encode("utf-16"))
    assert ds.label_name == "é" and ds.class_names == ("no", "sí")
    cp = load_csv(text.replace("é", "€").encode("cp1252"))
    assert cp.label_name == "€" and Note("not_utf8") in cp.notes
    emoji = load_csv(text.replace("é", "y\U0001f600").encode())
    assert emoji.label_name == "y\U0001f600" and emoji.n_samples == 4
    np.testing.assert_array_equal(ds.X, emoji.X)
    np.testing.assert_array_equal(ds.X, cp.X)


def test_a_bad_utf16_file_names_the_byte():
    with raises("bad_encoding", codec="UTF-16", byte=4):
        load_csv(codecs.BOM_UTF16_LE + b"x\x00,")


def test_the_limits_themselves_are_allowed():
    wide = b",".join(b"c%d" % j for j in range(MAX_COLUMNS)) + b"\n"
    table = read_table(wide + (b"1," * (MAX_COLUMNS - 1) + b"0\n") * 1000)
    assert (len(table.names), table.n_rows) == (MAX_COLUMNS, 1000)  # 1,000,000 values
    tall = b"x,y\n" + b"1,0\n2,1\n" * (MAX_ROWS // 2)
    assert read_table(tall).n_rows == MAX_ROWS
    with raises("too_many_rows", max_rows=MAX_ROWS):
        read_table(tall + b"3,0\n")


# ---------------------------------------------------------------------------
# One read serves the pickers and every Dataset
# ---------------------------------------------------------------------------


def test_one_table_serves_every_choice_as_load_csv_would():
    data = b"id,name,x1,x2,y\n" + b"".join(
        b"%d,n%d,%d.5,%d,%s\n" % (i, i, i % 7, i % 3, [b"no", b"yes"][i % 2]) for i in range(20)
    )
    table = read_table(data)
    assert isinstance(table, Table)
    assert (table.names, table.numeric_names) == (
        ("id", "name", "x1", "x2", "y"),
        ("id", "x1", "x2"),
    )
    for kwargs in (
        {"features": ["x1", "x2"]},
        {"features": ["x1"], "positive": "no"},
        {"features": ["id", "x2"], "label": "y", "positive": "yes"},
    ):
        ds, again = dataset_from_table(table, **kwargs), load_csv(data, **kwargs)
        np.testing.assert_array_equal(ds.X, again.X)
        np.testing.assert_array_equal(ds.Y, again.Y)
        assert (ds.class_names, ds.notes) == (again.class_names, again.notes)
    with raises("not_a_number", column="'name'", row=2, value="'n0'"):
        dataset_from_table(table, features=["name"])
    column = table.columns["x1"]
    with pytest.raises(ValueError, match="read-only"):
        column.values[0] = 1.0  # a cached table cannot be changed by a caller


# ---------------------------------------------------------------------------
# Any valid shape within the limits reads with its shape
# ---------------------------------------------------------------------------


@st.composite
def valid_csv(draw):
    """A valid table in a random dialect: (bytes, names, number of data rows)."""
    n_cols = draw(st.integers(3, 8))
    n_rows = draw(st.integers(4, 40))
    sep = draw(st.sampled_from([",", ";", "\t"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    names = [f"c{j}" for j in range(n_cols - 1)] + ["y"]
    if draw(st.booleans()):
        names[1] = "two" + eol + "lines"
    shown = [f'"{n}"' if (eol in n or draw(st.booleans())) else n for n in names]
    lines = [eol * draw(st.integers(0, 3)) + sep.join(shown)]
    for i in range(n_rows):
        cells = [str(i * 3 + j) for j in range(2)]  # the features: never constant
        cells += [str(draw(st.integers(-(10**6), 10**6))) for _ in range(n_cols - 3)]
        cells = [f'"{c}"' if draw(st.booleans()) else c for c in cells]
        lines.append(sep.join([*cells, str(i % 2)]))
        lines += [draw(st.sampled_from(["", " ", "\t"]))] * draw(st.integers(0, 1))
    text = eol.join(lines) + eol * draw(st.integers(0, 3))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    return text.encode(encoding), names, n_rows


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(valid_csv())
def test_a_valid_file_of_any_shape_reads_with_its_shape(case):
    data, names, n_rows = case
    table = read_table(data)
    assert list(table.names) == names and table.n_rows == n_rows
    ds = load_csv(data, features=names[:2], label="y")
    assert ds.X.shape == (2, n_rows) and ds.class_counts == (n_rows - n_rows // 2, n_rows // 2)


def test_a_column_name_longer_than_a_setup_holds_is_refused():
    from logreg_core.setup import MAX_TEXT, check_value

    name = "c" * (MAX_TEXT + 1)
    with pytest.raises(DataError, match="long_column_name") as info:
        load_csv(f"a,{name},y\n1,2,0\n2,1,1\n3,4,0\n5,1,1\n".encode())
    assert info.value.params["column"] == 2 and info.value.params["max"] == MAX_TEXT
    fits = "c" * MAX_TEXT
    ds = load_csv(f"a,{fits},y\n1,2,0\n2,1,1\n3,4,0\n5,1,1\n".encode())
    assert check_value("csv_features", ds.feature_names) == ds.feature_names


def test_a_class_name_longer_than_a_setup_holds_is_refused():
    from logreg_core.setup import MAX_TEXT

    long = "k" * (MAX_TEXT + 1)
    rows = "".join(f"{i},{i % 3},{long if i % 2 else 'short'}\n" for i in range(8))
    with pytest.raises(DataError, match="long_class_name"):
        load_csv(("a,b,y\n" + rows).encode())


def test_a_path_too_big_is_refused_before_it_is_read(tmp_path):
    from logreg_core.csv_io import MAX_BYTES

    path = tmp_path / "huge.csv"
    with open(path, "wb") as f:
        f.truncate(MAX_BYTES + 1_000_000)  # sparse: costs no disk and no read
    with pytest.raises(DataError, match=r"file_too_big\(mb=26, max_mb=25\)"):
        load_csv(path)
