"""data.load_csv and read_columns: happy paths, every DataError, and fuzzing with hypothesis."""

import codecs
import io

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from logreg_core.csv_io import MAX_COLUMNS, example_csv_bytes, load_csv, read_columns
from logreg_core.data import MAX_ROWS, DataError, Dataset

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
    assert ds.notes[0].startswith(f"Loaded {m} examples")


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
    assert ds.notes[0] == (
        "Loaded 6 examples, 2 features (x1, x2), label 'y': positive class '1' = 1, '0' = 0."
    )


def test_notes_name_the_separator_and_blank_rows():
    assert "Columns are separated by semicolons." in load_csv(csv(GOOD, sep=";")).notes
    assert "Skipped 6 blank rows." in load_csv(csv(GOOD).replace(b"\n", b"\n\n")).notes


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
    assert any("not UTF-8" in note for note in ds.notes)
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
    assert ds.notes[1] == (
        "Excluded 7 rows with a missing or non-finite value (rows 4, 9, 10, 11, 12, … of the file, "
        "counting as a spreadsheet does: the header is row 1)."
    )
    one = load_csv(csv([*GOOD, ("?", 1, 0)]))
    assert "Excluded 1 row with a missing or non-finite value (row 8 of the file" in one.notes[1]


def test_row_numbers_count_blank_lines_before_the_header():
    ds = load_csv(b"\n\n" + csv([*GOOD, ("", 1, 0)]))
    assert (
        "(row 10 of the file, counting as a spreadsheet does: the header is row 3)" in ds.notes[1]
    )


def test_missing_values_in_unused_columns_do_not_exclude_rows():
    rows = [(a, b, "" if i % 2 else "z", y) for i, (a, b, y) in enumerate(GOOD)]
    ds = load_csv(csv(rows, ("x1", "x2", "note", "y")))
    assert ds.n_samples == 6 and len(ds.notes) == 1


def test_huge_numbers_are_kept_with_a_note():
    ds = load_csv(csv([(a * 1e300, b, y) for a, b, y in GOOD]))
    np.testing.assert_array_equal(ds.X[0], X_GOOD[0] * 1e300)
    assert any("very large values (up to 3e+300)" in note for note in ds.notes)


def test_decimal_commas_with_semicolons():
    data = b"x1;x2;y\n0,5;1;0\n1,5;0,2;1\n2,5;-1;1\n-0,5;0,3;0\n"
    ds = load_csv(data)
    np.testing.assert_array_equal(ds.X, [[0.5, 1.5, 2.5, -0.5], [1.0, 0.2, -1.0, 0.3]])
    assert "Read 6 values with a decimal comma (such as 0,5 = 0.5)." in ds.notes


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


def test_read_columns():
    data = b"id,name,score,maybe,empty,y\n1,ann,3.5,x,,0\n2,bob,,2,,1\n3,cy,4,5,,1\n"
    names, numeric = read_columns(data)
    assert names == ["id", "name", "score", "maybe", "empty", "y"]
    assert numeric == ["id", "score", "maybe", "y"]  # "maybe": 2 numbers of 3 values


def test_read_columns_raises_like_load_csv():
    with pytest.raises(DataError, match="empty"):
        read_columns(b"")


# ---------------------------------------------------------------------------
# Every DataError
# ---------------------------------------------------------------------------


def xlsx_bytes():
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("xl/workbook.xml", (2024, 1, 1, 0, 0, 0)), "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "match"),
    [
        (b"", r"^The file is empty\."),
        (b"  \n\t \r\n  ", r"^The file is empty\."),
        (codecs.BOM_UTF8 + b"\n \n", r"^The file is empty\."),
        (b"x1,x2,y\n", r"header row but no data rows"),
        (b"x1,x2,y\n\n,,\n", r"header row but no data rows"),
        (b"y\n0\n1\n0\n1\n", r"only one column \('y' in the header row\)"),
        (b"y,\n0,\n1,\n", r"only one column with values \('y'\)"),
        (bytes(range(256)) * 4, r"not look like a CSV text file: it holds binary data"),
        (b"x1,x2,y\n1,2,\x00\n", r"binary data"),
        (b"x1,x2,y\n" + b"\x01\x02\x03,1,0\n" * 3, r"binary data"),
        (xlsx_bytes(), r"spreadsheet .* File > Save As > CSV"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, r"old Excel spreadsheet \(\.xls\)"),
        (b"%PDF-1.7\n...", r"looks like a PDF document"),
        (codecs.BOM_UTF16_LE + b"x\x00,", r"not valid UTF-16 \(at byte 4\)"),
        (csv(GOOD, ("x", "x", "y")), r"Duplicate column name 'x'"),
        (csv(GOOD, ("x1", "", "y")), r"Column 2 has no name in the header row \(row 1\)"),
        (b"x1,x2,y\n1,2,0\n3,4,1,9,9\n5,6,0\n", r"Row 3 has 5 values but the header row has 3"),
        (b"x1;x2;y\n1;2;0\n3;4;1;9\n5;6;0\n", r"Row 3 has 4 values .* extra semicolon"),
        (b'x1,x2,y\n1,2,0\n1,"2,0\n3,4,1\n', r"double quote \(\"\) opened in row 3 is never"),
        (b"x1,x2,y\n" + b"1,2,0\n3,5,1\n" * (MAX_ROWS // 2 + 1), r"more than 100,000 rows"),
        (csv([(1.0, b, y) for _, b, y in GOOD]), r"feature column 'x1' is constant"),
        (relabel(("1", "1")), r"label column 'y' has only one class \('1'\)\. "),
        (
            csv([(0.5, 1, 0), (1, 2, 0), (3, "", 1), (4, "", 1)]),
            r"only one class \('0'\) \(after excluding 2 rows with missing values\)",
        ),
        (csv([(a, b, i % 3) for i, (a, b, _) in enumerate(GOOD)]), r"has 3 classes, more than two"),
        (
            csv([(i, i % 5, i) for i in range(12)]),
            r"has 12 classes, more than two: '0', '1', .*, '9' and 2 more\.",
        ),
        (
            csv([*[(a, b, 0) for a, b, _ in GOOD], (1, 2, 1)]),
            r"class '1' of the label 'y' has only 1 example; .* at least 2 examples of each class",
        ),
        (
            csv([*[(a, b, 0) for a, b, _ in GOOD], (1, "nan", 1), (2, 3, 1)]),
            r"only 1 example \(after excluding 1 row with missing values\); .* at least 2",
        ),
        (csv([(a, b, "") for a, b, _ in GOOD]), r"No row has a value in every used column"),
        (b"name,city,y\nann,rome,0\nbob,oslo,1\ncy,lima,0\n", r"no numeric feature"),
        (
            csv([(1, 2, i, i % 2) for i in range(6)], ("a", "b", "c", "y")),
            r"3 numeric columns besides the label 'y': 'a', 'b', 'c'\. Pick one or two",
        ),
        (
            csv([*GOOD, ("<script>alert(1)</script>", 1, 0)]),
            r"column 'x1' should hold numbers, but row 8 holds '<script>alert\(1\)</script>', "
            r"which is not a number",
        ),
        (
            csv([*GOOD, ("=cmd|' /C calc'!A0", 1, 0)]),
            r"row 8 holds \"=cmd\|' /C calc'!A0\", which is not a number",
        ),
        (
            csv([*GOOD, (1, "x" * 100, 0)]),
            r"column 'x2' should hold numbers, but row 8 holds 'x{30}…', which",
        ),
    ],
)
def test_data_errors(data, match):
    with pytest.raises(DataError, match=match):
        load_csv(data)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"label": "zz"}, r"no column named 'zz' to use as the label\. The columns are: 'x1'"),
        ({"features": ["x9"]}, r"no column named 'x9' to use as a feature\. The columns are"),
        ({"features": []}, r"list of features is empty"),
        ({"features": ["x1", "y"]}, r"'y' is the label, so it cannot also be a feature"),
        ({"features": ["x1", "x1"]}, r"feature column is picked twice"),
        ({"positive": "maybe"}, r"positive='maybe' is not a value .* its two values are '0', '1'"),
        ({"positive": 3}, r"positive='3' is not a value"),
    ],
)
def test_data_errors_from_arguments(kwargs, match):
    with pytest.raises(DataError, match=match):
        load_csv(csv(GOOD), **kwargs)


def test_error_for_a_missing_file(tmp_path):
    with pytest.raises(DataError, match=r"Could not open the file .*nope\.csv"):
        load_csv(tmp_path / "nope.csv")
    with pytest.raises(DataError, match=r"Could not open the file"):
        load_csv(tmp_path)  # a folder
    with pytest.raises(DataError, match=r"Could not open the file .*null"):
        load_csv("a\x00b.csv")


def test_size_limits(monkeypatch):
    wide = (",".join(f"c{j}" for j in range(MAX_COLUMNS + 1)) + "\n").encode() * 2
    with pytest.raises(
        DataError, match=r"about 1,001 columns; this playground reads at most 1,000"
    ):
        load_csv(wide)
    monkeypatch.setattr("logreg_core.csv_io.MAX_CELLS", 20)
    with pytest.raises(DataError, match=r"too big .* 3 columns × 7 rows is more than 20 values"):
        load_csv(csv([*GOOD, GOOD[0]]))
    load_csv(csv(GOOD[:5]))  # 3 × 5 is fine
    monkeypatch.setattr("logreg_core.csv_io.MAX_BYTES", 50)
    with pytest.raises(DataError, match=r"reads CSV files of up to 0 MB"):
        load_csv(csv(GOOD))


def test_any_other_parse_failure_becomes_a_data_error(monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("Error tokenizing data. C error: something new")

    monkeypatch.setattr("logreg_core.csv_io.pd.read_csv", broken)
    with pytest.raises(DataError, match=r"could not be read as a table .*something new"):
        load_csv(csv(GOOD))


# ---------------------------------------------------------------------------
# Fuzzing: a valid Dataset or a DataError, nothing else, and no warning
# ---------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def load_or_data_error(data, **kwargs):
    try:
        ds = load_csv(data, **kwargs)
    except DataError as err:
        assert 0 < len(str(err)) < 600  # a message to read, not a dump
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
