"""csv_io.load_csv and read_table: happy paths, every DataError, and fuzzing with hypothesis."""

import codecs
import io
import re

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from logreg_core.csv_io import example_csv_bytes, load_csv, read_table
from logreg_core.csv_read import MAX_COLUMNS
from logreg_core.data import MAX_ROWS, DataError, Dataset, Note

GOOD = [(0.5, 1.0, 0), (1.5, 0.2, 1), (2.5, -1.0, 1), (-0.5, 0.3, 0), (0.1, 2.2, 0), (3.0, 0.1, 1)]


def csv(rows, header=("x1", "x2", "y"), *, sep=",", eol="\n") -> bytes:
    lines = [sep.join(header)] + [sep.join(str(v) for v in row) for row in rows]
    return (eol.join(lines) + eol).encode()


def relabel(labels) -> bytes:
    """GOOD with its labels 0/1 replaced by labels[0]/labels[1]."""
    return csv([(a, b, labels[y]) for a, b, y in GOOD])


def check_valid(ds):
    """Everything a loaded Dataset promises."""
    assert isinstance(ds, Dataset)
    n, m = ds.X.shape
    assert n >= 1 and ds.X.dtype == np.float64 and np.all(np.isfinite(ds.X))
    assert ds.Y.shape == (1, m) and ds.Y.dtype == np.int64
    assert set(np.unique(ds.Y)) == {0, 1} and min(ds.class_counts) >= 2
    assert len(ds.feature_names) == n and ds.class_names[0] != ds.class_names[1]
    assert (ds.notes[0].code, ds.notes[0].params["m"]) == ("loaded", m)


# ---------------------------------------------------------------------------
# Happy paths
# ---------------------------------------------------------------------------

X_GOOD = np.array([[a for a, _, _ in GOOD], [b for _, b, _ in GOOD]])
Y_GOOD = np.array([[y for _, _, y in GOOD]])


@pytest.mark.parametrize(
    "data",
    [
        csv(GOOD),
        csv(GOOD, sep=";"),
        csv(GOOD, sep="\t"),
        csv(GOOD, eol="\r\n"),
        csv(GOOD, eol="\r"),
        codecs.BOM_UTF8 + csv(GOOD),
        csv(GOOD).decode().encode("utf-16"),
        csv(GOOD).decode().encode("utf-32"),
        csv(GOOD)[:-1],  # no line break at the end
        b"\n\n" + csv(GOOD),  # blank lines before the header
        csv(GOOD).replace(b"\n", b"\n\n"),  # blank lines between rows
        csv(GOOD).replace(b",", b" , "),  # spaces around values
        csv([(f'"{a}"', f'"{b}"', y) for a, b, y in GOOD]),  # quoted numbers
        csv([(a, b, y, "") for a, b, y in GOOD], ("x1", "x2", "y", "")),  # separator at line end
    ],
    ids=[
        "comma",
        "semicolon",
        "tab",
        "crlf",
        "cr",
        "utf8-bom",
        "utf16",
        "utf32",
        "no-final-eol",
        "leading-blank-lines",
        "blank-lines",
        "spaces",
        "quoted",
        "trailing-separator",
    ],
)
def test_reads_the_same_data_in_every_format(data):
    ds = load_csv(data)
    check_valid(ds)
    np.testing.assert_array_equal(ds.X, X_GOOD)
    np.testing.assert_array_equal(ds.Y, Y_GOOD)
    assert (ds.feature_names, ds.label_name, ds.class_names) == (("x1", "x2"), "y", ("0", "1"))
    assert ds.notes[0] == Note(
        "loaded", m=6, count=2, features="x1, x2", label="'y'", positive="'1'", negative="'0'"
    )


def test_notes_name_the_separator_and_blank_rows():
    assert Note("separated_by", sep="semicolons") in load_csv(csv(GOOD, sep=";")).notes
    assert Note("blank_rows", count=6) in load_csv(csv(GOOD).replace(b"\n", b"\n\n")).notes


def test_sources_path_str_bytes_and_file_objects(tmp_path):
    data = csv(GOOD)
    path = tmp_path / "data.csv"
    path.write_bytes(data)

    class ReadOnly:  # a file-like object with nothing but read()
        def read(self):
            return data

    class ReadsText:
        def read(self):
            return data.decode()

    upload = io.BytesIO(data)
    upload.read()  # already read once, as a page may have done: getvalue() still sees it all
    sources = [path, str(path), data, bytearray(data), memoryview(data), upload, ReadOnly()]
    for source in [*sources, ReadsText()]:
        np.testing.assert_array_equal(load_csv(source).X, X_GOOD)
    with path.open("rb") as opened:
        np.testing.assert_array_equal(load_csv(opened).X, X_GOOD)


def test_rejects_a_source_of_the_wrong_type():
    with pytest.raises(TypeError, match="source must be a path, bytes or a binary file object"):
        load_csv(42)


def test_latin1_and_windows_1252_text():
    text = "x1,x2,état\n0.5,1,non\n1.5,0.2,oui\n2.5,-1,oui\n-0.5,0.3,non\n"
    ds = load_csv(text.encode("latin-1"))
    assert ds.label_name == "état" and ds.class_names == ("non", "oui")
    assert Note("not_utf8") in ds.notes
    euro = text.replace("oui", "€uro").encode("cp1252")
    assert load_csv(euro).class_names == ("non", "€uro")


@pytest.mark.parametrize(
    ("labels", "class_names"),
    [
        (("1", "2"), ("1", "2")),
        (("no", "yes"), ("no", "yes")),
        (("False", "True"), ("False", "True")),
        (("false", "TRUE"), ("False", "True")),  # True wins though "TRUE" < "false" as text
        (("0.0", "1.0"), ("0", "1")),
        (("0", "1.0"), ("0", "1")),
        ((" cat ", "dog  "), ("cat", "dog")),
        (("9", "10"), ("9", "10")),  # by value: "10" < "9" as text
        (("-1", "1"), ("-1", "1")),
        (("1.5", "2.25"), ("1.5", "2.25")),
        (("=1+1", "@SUM(A1)"), ("=1+1", "@SUM(A1)")),  # formulas in the label are just text
    ],
)
def test_label_values_and_the_default_positive_class(labels, class_names):
    ds = load_csv(relabel(labels))
    assert ds.class_names == class_names
    np.testing.assert_array_equal(ds.Y, Y_GOOD)


@pytest.mark.parametrize("positive", ["2", 2, 2.0, " 2 ", "2.0", np.int64(2)])
def test_positive_names_a_numeric_label_as_text_or_number(positive):
    ds = load_csv(relabel(("1", "2")), positive=positive)
    assert ds.class_names == ("1", "2")
    np.testing.assert_array_equal(ds.Y, Y_GOOD)


@pytest.mark.parametrize(
    ("labels", "positive"),
    [(("1", "2"), 1), (("no", "yes"), "no"), (("False", "True"), False), (("0", "1"), "0")],
)
def test_positive_can_pick_the_smaller_value(labels, positive):
    ds = load_csv(relabel(labels), positive=positive)
    assert ds.class_names == (labels[1], labels[0])
    np.testing.assert_array_equal(ds.Y, 1 - Y_GOOD)


def test_positive_true_or_false_for_words_in_any_case():
    assert load_csv(relabel(("false", "true")), positive="FALSE").class_names == ("True", "False")
    assert load_csv(relabel(("0", "1")), positive=True).class_names == ("0", "1")


def test_features_and_label_given():
    rows = [(i * 0.3, 2 - i, i * i, i % 2, "t") for i in range(6)]
    data = csv(rows, ("a", "b", "c", "y", "text"))
    ds = load_csv(data, features=["c", "a"], label="y")
    np.testing.assert_array_equal(ds.X, [[i * i for i in range(6)], [i * 0.3 for i in range(6)]])
    assert ds.feature_names == ("c", "a")
    ds = load_csv(data, features="b", label=" y ")
    assert ds.feature_names == ("b",) and ds.label_name == "y"
    ds = load_csv(data, features=("a", "b", "c"), label="y")  # more than two, when asked
    assert ds.n_features == 3


def test_label_column_need_not_be_last():
    ds = load_csv(b"passed,hours\n0,1\n0,2\n1,3\n1,4\n", label="passed")
    assert ds.feature_names == ("hours",)
    np.testing.assert_array_equal(ds.Y, [[0, 0, 1, 1]])


def test_names_are_stripped_of_spaces():
    ds = load_csv(csv(GOOD, (" x1 ", "x2  ", "\ty")), features=[" x1", "x2"])
    assert ds.feature_names == ("x1", "x2") and ds.label_name == "y"


def test_excluded_rows_are_counted_and_numbered_as_in_a_spreadsheet():
    rows = [
        *GOOD[:2],  # rows 2 and 3 of the file: the header is row 1
        ("", 1, 0),  # row 4
        *GOOD[2:6],  # rows 5 to 8
        ("nan", 1, 1),  # row 9
        (1, 2, "NA"),  # row 10: no label
        (2, 1, ""),  # row 11
        (1, "inf", 0),  # row 12
        (1, "-inf", 1),  # row 13
        (4, "1e999", 0),  # row 14: overflows to inf
    ]
    ds = load_csv(csv(rows))
    np.testing.assert_array_equal(ds.X, X_GOOD)
    assert ds.notes[1] == Note("excluded_rows", count=7, rows="4, 9, 10, 11, 12, …", header_row=1)
    one = load_csv(csv([*GOOD, ("?", 1, 0)]))
    assert one.notes[1] == Note("excluded_rows", count=1, rows="8", header_row=1)


def test_row_numbers_count_blank_lines_before_the_header():
    ds = load_csv(b"\n\n" + csv([*GOOD, ("", 1, 0)]))
    assert ds.notes[1] == Note("excluded_rows", count=1, rows="10", header_row=3)


def test_missing_values_in_unused_columns_do_not_exclude_rows():
    rows = [(a, b, "" if i % 2 else "z", y) for i, (a, b, y) in enumerate(GOOD)]
    ds = load_csv(csv(rows, ("x1", "x2", "note", "y")))
    assert ds.n_samples == 6 and len(ds.notes) == 1


def test_huge_numbers_are_kept_with_a_note():
    ds = load_csv(csv([(a * 1e300, b, y) for a, b, y in GOOD]))
    np.testing.assert_array_equal(ds.X[0], X_GOOD[0] * 1e300)
    assert Note("large_values", column="'x1'", largest="3e+300") in ds.notes


def test_decimal_commas_with_semicolons():
    data = b"x1;x2;y\n0,5;1;0\n1,5;0,2;1\n2,5;-1;1\n-0,5;0,3;0\n"
    ds = load_csv(data)
    np.testing.assert_array_equal(ds.X, [[0.5, 1.5, 2.5, -0.5], [1.0, 0.2, -1.0, 0.3]])
    assert Note("decimal_commas", count=6) in ds.notes


def test_one_feature_file():
    ds = load_csv(b"hours,passed\n1,0\n2,0\n3,1\n4,1\n2.5,0\n")
    assert ds.X.shape == (1, 5) and ds.feature_names == ("hours",)


def test_example_csv_loads():
    data = example_csv_bytes()
    assert data == example_csv_bytes()  # the same file every time
    ds = load_csv(data)
    check_valid(ds)
    assert ds.X.shape == (2, 40)
    assert (ds.feature_names, ds.label_name) == (("hours_studied", "hours_slept"), "passed")
    assert ds.class_names == ("0", "1") and min(ds.class_counts) >= 10


def test_read_table_names_the_columns_and_the_numeric_ones():
    data = b"id,name,score,maybe,empty,y\n1,ann,3.5,x,,0\n2,bob,,2,,1\n3,cy,4,5,,1\n"
    table = read_table(data)
    assert table.names == ("id", "name", "score", "maybe", "empty", "y")
    assert table.numeric_names == ("id", "score", "maybe", "y")  # "maybe": 2 numbers of 3 values


def test_read_table_raises_like_load_csv():
    with raises("empty_file"):
        read_table(b"")


# ---------------------------------------------------------------------------
# Every DataError
# ---------------------------------------------------------------------------


def xlsx_bytes():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", (2024, 1, 1, 0, 0, 0)), "<workbook/>")
    return buffer.getvalue()


def raises(code: str, **params):
    """pytest.raises for a DataError with exactly this code and these params."""
    return pytest.raises(DataError, match=f"^{re.escape(str(DataError(code, **params)))}$")


E = DataError  # an expected error: its code and its params
Y_COLUMNS = ["'x1'", "'x2'", "'y'"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", E("empty_file")),
        (b"  \n\t \r\n  ", E("empty_file")),
        (codecs.BOM_UTF8 + b"\n \n", E("empty_file")),
        (b"\xa0", E("empty_file")),  # a no-break space (cp1252), found by the fuzz test
        ("\u2003\n\u00a0 \n".encode(), E("empty_file")),  # spaces Unicode has, ASCII has not
        (b"x1,x2,y\n", E("no_data_rows")),
        (b"x1,x2,y\n\n,,\n", E("no_data_rows")),
        (b"y\n0\n1\n0\n1\n", E("one_column", header="'y'")),
        (b"y,\n0,\n1,\n", E("one_value_column", columns=["'y'"])),
        (bytes(range(256)) * 4, E("binary_file")),
        (b"x1,x2,y\n1,2,\x00\n", E("binary_file")),
        (b"x1,x2,y\n" + b"\x01\x02\x03,1,0\n" * 3, E("binary_file")),
        (xlsx_bytes(), E("file_xlsx")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, E("file_xls")),
        (b"%PDF-1.7\n...", E("file_pdf")),
        (codecs.BOM_UTF16_LE + b"x\x00,", E("bad_encoding", codec="UTF-16", byte=4)),
        (csv(GOOD, ("x", "x", "y")), E("duplicate_column", name="'x'", row=1)),
        (csv(GOOD, ("x1", "", "y")), E("column_without_name", column=2, row=1)),
        (
            b"x1,x2,y\n1,2,0\n3,4,1,9,9\n5,6,0\n",
            E("ragged_row", row=3, saw=5, expected=3, sep="commas"),
        ),
        (
            b"x1;x2;y\n1;2;0\n3;4;1;9\n5;6;0\n",
            E("ragged_row", row=3, saw=4, expected=3, sep="semicolons"),
        ),
        (b'x1,x2,y\n1,2,0\n1,"2,0\n3,4,1\n', E("open_quote", row=3)),
        (
            b"x1,x2,y\n" + b"1,2,0\n3,5,1\n" * (MAX_ROWS // 2 + 1),
            E("too_many_rows", max_rows=100_000),
        ),
        (
            csv([(1.0, b, y) for _, b, y in GOOD]),
            E("constant_feature", column="'x1'", value="1"),
        ),
        (relabel(("1", "1")), E("one_class", label="'y'", value="'1'")),
        (
            csv([(0.5, 1, 0), (1, 2, 0), (3, "", 1), (4, "", 1)]),
            E("one_class_after_excluding", label="'y'", value="'0'", excluded=2),
        ),
        (
            csv([(a, b, i % 3) for i, (a, b, _) in enumerate(GOOD)]),
            E("too_many_classes", label="'y'", count=3, values=["'0'", "'1'", "'2'"]),
        ),
        (
            csv([(i, i % 5, i) for i in range(12)]),
            E("too_many_classes", label="'y'", count=12, values=[repr(str(i)) for i in range(12)]),
        ),
        (
            csv([*[(a, b, 0) for a, b, _ in GOOD], (1, 2, 1)]),
            E("few_examples", value="'1'", label="'y'", count=1),
        ),
        (
            csv([*[(a, b, 0) for a, b, _ in GOOD], (1, "nan", 1), (2, 3, 1)]),
            E("few_examples_after_excluding", value="'1'", label="'y'", count=1, excluded=1),
        ),
        (csv([(a, b, "") for a, b, _ in GOOD]), E("no_rows_left")),
        (
            b"name,city,y\nann,rome,0\nbob,oslo,1\ncy,lima,0\n",
            E("no_numeric_feature", label="'y'", columns=["'name'", "'city'", "'y'"]),
        ),
        (
            csv([(1, 2, i, i % 2) for i in range(6)], ("a", "b", "c", "y")),
            E("too_many_numeric", count=3, label="'y'", columns=["'a'", "'b'", "'c'"]),
        ),
        (
            csv([*GOOD, ("<script>alert(1)</script>", 1, 0)]),
            E("not_a_number", column="'x1'", row=8, value="'<script>alert(1)</script>'"),
        ),
        (
            csv([*GOOD, ("=cmd|' /C calc'!A0", 1, 0)]),
            E("not_a_number", column="'x1'", row=8, value="\"=cmd|' /C calc'!A0\""),
        ),
        (
            csv([*GOOD, (1, "x" * 100, 0)]),
            E("not_a_number", column="'x2'", row=8, value="'" + "x" * 30 + "…'"),
        ),
    ],
)
def test_data_errors(data, expected):
    with raises(expected.code, **expected.params):
        load_csv(data)


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        ({"label": "zz"}, E("no_label_column", label="'zz'", columns=Y_COLUMNS)),
        ({"features": ["x9"]}, E("no_feature_column", name="'x9'", columns=Y_COLUMNS)),
        ({"features": []}, E("no_features")),
        ({"features": ["x1", "y"]}, E("label_is_feature", label="'y'")),
        ({"features": ["x1", "x1"]}, E("feature_twice", columns=["'x1'", "'x1'"])),
        (
            {"positive": "maybe"},
            E("positive_not_found", positive="'maybe'", label="'y'", values=["'0'", "'1'"]),
        ),
        (
            {"positive": 3},
            E("positive_not_found", positive="'3'", label="'y'", values=["'0'", "'1'"]),
        ),
    ],
)
def test_data_errors_from_arguments(kwargs, expected):
    with raises(expected.code, **expected.params):
        load_csv(csv(GOOD), **kwargs)


def test_error_for_a_missing_file(tmp_path):
    for source in (tmp_path / "nope.csv", tmp_path, "a\x00b.csv"):  # missing, a folder, a NUL
        with pytest.raises(DataError) as err:
            load_csv(source)
        assert (err.value.code, err.value.params["file"]) == ("cannot_open", repr(str(source)))
        assert err.value.params["reason"]
    assert err.value.params["reason"] == "embedded null byte"


def test_size_limits(monkeypatch):
    wide = (",".join(f"c{j}" for j in range(MAX_COLUMNS + 1)) + "\n").encode() * 2
    with raises("too_many_columns", n_columns=1_001, max_columns=1_000):
        load_csv(wide)
    monkeypatch.setattr("logreg_core.csv_read.MAX_CELLS", 20)
    with raises("too_many_values", n_columns=3, n_rows=7, max_cells=20):
        load_csv(csv([*GOOD, GOOD[0]]))
    load_csv(csv(GOOD[:5]))  # 3 × 5 is fine
    monkeypatch.setattr("logreg_core.csv_read.MAX_BYTES", 50)
    with raises("file_too_big", mb=0, max_mb=0):
        load_csv(csv(GOOD))


def test_any_other_parse_failure_becomes_a_data_error(monkeypatch):
    import csv as csv_module

    def broken(*args, **kwargs):
        raise csv_module.Error("something new")

    monkeypatch.setattr("logreg_core.csv_read.csv.reader", broken)
    with raises("parse_failed", sep="commas", detail="something new"):
        load_csv(csv(GOOD))


# ---------------------------------------------------------------------------
# Fuzzing: a valid Dataset or a DataError, nothing else, and no warning
# ---------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_data_error(data, **kwargs):
    try:
        ds = load_csv(data, **kwargs)
    except DataError as err:
        assert 0 < len(str(err)) < 600  # its code and values, not a dump
        return None
    check_valid(ds)
    return ds


@pytest.mark.filterwarnings("error")
@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes_load_or_raise_data_error(data):
    load_or_data_error(data)


ODD_CELLS = (
    *("-0", "yes", "no", "True", "false", "x", "é", "", " ", "\ufeff", "\x0b"),
    *("nan", "NA", "?", "inf", "-inf", "1e300", "1e999", "0,5", "1_0", "=1+1"),
    *('"', '"1,2"', "'"),
)
NUMBERS = st.one_of(st.floats(-1e6, 1e6).map(repr), st.integers(-5, 5).map(str))
ODD = st.one_of(st.sampled_from(ODD_CELLS), st.floats().map(repr), st.text(max_size=5))
LABEL_PAIRS = [("0", "1"), ("no", "yes"), ("1", "2"), ("True", "false"), ("0.0", "1")]


@st.composite
def csv_like(draw):
    """A valid table of numbers and labels, then up to 3 odd edits, written out in some dialect."""
    n_features = draw(st.sampled_from([0, 1, 2, 2, 3]))
    labels = draw(st.sampled_from(LABEL_PAIRS))
    table = [[*["x1", "x2", "a"][:n_features], "y"]]
    for _ in range(draw(st.integers(0, 12))):
        features = draw(st.lists(NUMBERS, min_size=n_features, max_size=n_features))
        table.append([*features, draw(st.sampled_from(labels))])
    for _ in range(draw(st.integers(0, 3))):
        row = table[draw(st.integers(0, len(table) - 1))]
        edit = draw(st.sampled_from(["replace", "drop", "append"]))
        if edit == "replace":
            row[draw(st.integers(0, len(row) - 1))] = draw(ODD)
        elif edit == "drop" and len(row) > 1:
            row.pop(draw(st.integers(0, len(row) - 1)))
        else:
            row.append(draw(ODD))
    sep = draw(st.sampled_from([",", ",", ";", "\t", "|"]))
    eol = draw(st.sampled_from(["\n", "\r\n", "\r"]))
    text = eol.join(sep.join(row) for row in table) + draw(st.sampled_from(["", eol]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


@pytest.mark.filterwarnings("error")
@FUZZ
@given(
    csv_like(),
    st.sampled_from([None, None, None, ["x1"], ["x1", "x2"], "a"]),
    st.sampled_from([None, None, None, "y", "x2"]),
    st.sampled_from([None, None, "1", "yes", 2]),
)
def test_csv_like_text_loads_or_raises_data_error(data, features, label, positive):
    load_or_data_error(data, features=features, label=label, positive=positive)


@pytest.mark.filterwarnings("error")
@FUZZ
@given(
    st.lists(
        st.tuples(
            st.floats(allow_nan=False, allow_infinity=False),
            st.floats(allow_nan=False, allow_infinity=False),
            st.booleans(),
        ),
        min_size=4,
        max_size=30,
    ),
    st.sampled_from([",", ";", "\t"]),
)
def test_valid_files_round_trip_exactly(rows, sep):
    labels = [y for _, _, y in rows]
    assume(labels.count(True) >= 2 and labels.count(False) >= 2)
    assume(len({a for a, _, _ in rows}) > 1 and len({b for _, b, _ in rows}) > 1)
    ds = load_csv(csv([(repr(a), repr(b), int(y)) for a, b, y in rows], sep=sep))
    check_valid(ds)
    np.testing.assert_array_equal(ds.X, [[a for a, _, _ in rows], [b for _, b, _ in rows]])
    np.testing.assert_array_equal(ds.Y, [labels])
