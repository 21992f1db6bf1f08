"""Builds the corpus of malformed and odd CSV files, in memory, each with its expectation.

Every case is (name, bytes, expectation).  An expectation is either
``Loads(m=..., note=...)`` (loads, with that many examples and, if given, a
note with that code and those params) or ``Fails(code, params)`` (a DataError
with exactly that code and those params).
Files are made by code rather than stored, so the corpus is readable here and
costs nothing in the repository; `python -m tests.csv_corpus.make_corpus DIR`
writes them out for a look by hand or an upload in the browser.
"""

from __future__ import annotations

import io
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Loads:
    m: int
    note: tuple[str, dict] | None = None  # the code and params of a note it must have
    class_names: tuple[str, str] | None = None
    kwargs: tuple = ()  # extra load_csv keyword arguments, as pairs


@dataclass(frozen=True)
class Fails:
    code: str
    params: dict = field(default_factory=dict)
    kwargs: tuple = ()


def rows(header, body, *, sep=",", eol="\n") -> bytes:
    lines = [sep.join(header)] + [sep.join(str(v) for v in r) for r in body]
    return (eol.join(lines) + eol).encode()


GOOD = [(0.5, 1.0, 0), (1.5, 0.2, 1), (2.5, -1.0, 1), (-0.5, 0.3, 0), (0.1, 2.2, 0), (3.0, 0.1, 1)]
H = ("x1", "x2", "y")


def xlsx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(zipfile.ZipInfo("[Content_Types].xml", (2024, 1, 1, 0, 0, 0)), "<Types/>")
        z.writestr(zipfile.ZipInfo("xl/workbook.xml", (2024, 1, 1, 0, 0, 0)), "<workbook/>")
    return buf.getvalue()


def cases():
    good = rows(H, GOOD)
    text = good.decode()
    yield "empty", b"", Fails("empty_file")
    yield "whitespace_only", b"  \n\t \r\n  ", Fails("empty_file")
    yield "header_only", b"x1,x2,y\n", Fails("no_data_rows")
    yield "one_column", b"y\n0\n1\n0\n1\n", Fails("one_column", {"header": "'y'"})
    yield "binary", bytes(range(256)) * 4, Fails("binary_file")
    yield "xlsx_zip", xlsx_bytes(), Fails("file_xlsx")
    yield "xls_ole", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 200, Fails("file_xls")
    yield "utf16_bom", text.encode("utf-16"), Loads(6)
    yield (
        "latin1",
        "x1,x2,état\n0.5,1,non\n1.5,0.2,oui\n2.5,-1,oui\n-0.5,0.3,non\n".encode("latin-1"),
        Loads(4, class_names=("non", "oui")),
    )
    yield "utf8_bom", b"\xef\xbb\xbf" + good, Loads(6)
    yield "crlf", rows(H, GOOD, eol="\r\n"), Loads(6)
    yield "semicolon", rows(H, GOOD, sep=";"), Loads(6)
    yield "tab", rows(H, GOOD, sep="\t"), Loads(6)
    ragged = b"x1,x2,y\n1,2,0\n3,4,1,9,9\n5,6,0\n7,8,1\n"
    yield (
        "ragged_rows",
        ragged,
        Fails("ragged_row", {"row": 3, "saw": 5, "expected": 3, "sep": "commas"}),
    )
    yield "unbalanced_quotes", b'x1,x2,y\n1,"2,0\n3,4,1\n5,6,0\n', Fails("open_quote", {"row": 2})
    yield (
        "five_mb_single_line",  # a header row of 5 MB: refused before the parser splits it
        b"x1," + b"1" * (5 * 2**20) + b"\n",
        Fails("line_too_long", {"row": 1, "max_chars": 1_000_000}),
    )
    yield (
        "nan_inf_empty_cells",
        rows(H, [*GOOD, ("nan", 1, 0), ("inf", 1, 1), ("", 2, 0), (1, "-inf", 1)]),
        Loads(6, note=("excluded_rows", {"count": 4, "rows": "8, 9, 10, 11", "header_row": 1})),
    )
    yield (
        "constant_feature",
        rows(H, [(1.0, x2, y) for _, x2, y in GOOD]),
        Fails("constant_feature", {"column": "'x1'", "value": "1"}),
    )
    yield (
        "one_class",
        rows(H, [(a, b, 1) for a, b, _ in GOOD]),
        Fails("one_class", {"label": "'y'", "value": "'1'"}),
    )
    yield (
        "three_classes",
        rows(H, [(a, b, i % 3) for i, (a, b, _) in enumerate(GOOD)]),
        Fails("too_many_classes", {"label": "'y'", "count": 3, "values": ["'0'", "'1'", "'2'"]}),
    )
    one_two = rows(H, [(a, b, y + 1) for a, b, y in GOOD])
    yield "labels_1_2", one_two, Loads(6, class_names=("1", "2"))
    yield (
        "labels_yes_no",
        rows(H, [(a, b, "yes" if y else "no") for a, b, y in GOOD]),
        Loads(6, class_names=("no", "yes")),
    )
    yield (
        "labels_true_false",
        rows(H, [(a, b, str(bool(y))) for a, b, y in GOOD]),
        Loads(6, class_names=("False", "True")),
    )
    yield "labels_float", rows(H, [(a, b, float(y)) for a, b, y in GOOD]), Loads(6)
    yield "whitespace_names", rows((" x1 ", "x2  ", " y"), GOOD), Loads(6)
    yield (
        "duplicate_names",
        rows(("x", "x", "y"), GOOD),
        Fails("duplicate_column", {"name": "'x'", "row": 1}),
    )
    yield "html_in_names", rows(("<img src=x onerror=alert(1)>", "<b>x2</b>", "y"), GOOD), Loads(6)
    yield (
        "script_in_values",
        rows(H, [*GOOD, ("<script>alert(1)</script>", 1, 0)]),
        Fails("not_a_number", {"column": "'x1'", "row": 8, "value": "'<script>alert(1)</script>'"}),
    )
    yield (
        "formula_cells",
        rows(H, [*GOOD, ("=cmd|' /C calc'!A0", 1, 0)]),
        Fails("not_a_number", {"column": "'x1'", "row": 8, "value": repr("=cmd|' /C calc'!A0")}),
    )
    formula_labels = rows(H, [(a, b, "=1+1" if y else "@SUM(A1)") for a, b, y in GOOD])
    yield "formula_label", formula_labels, Loads(6)
    yield "huge_numbers", rows(H, [(a * 1e300, b, y) for a, b, y in GOOD]), Loads(6)
    yield (
        "too_many_rows",
        b"x1,x2,y\n" + b"1,2,0\n3,5,1\n" * 50_001,
        Fails("too_many_rows", {"max_rows": 100_000}),
    )
    yield (
        "class_too_small_after_exclusion",
        rows(H, [*[(a, b, 0) for a, b, _ in GOOD], (1, "nan", 1), (2, 3, 1)]),
        Fails(
            "few_examples_after_excluding",
            {"value": "'1'", "label": "'y'", "count": 1, "excluded": 1},
        ),
    )
    yield (
        "only_non_numeric_features",
        b"name,city,y\nann,rome,0\nbob,oslo,1\ncy,lima,0\n",
        Fails("no_numeric_feature", {"label": "'y'", "columns": ["'name'", "'city'", "'y'"]}),
    )
    yield (
        "many_numeric_columns",
        rows(("a", "b", "c", "y"), [(1, 2, i, i % 2) for i in range(6)]),
        Fails("too_many_numeric", {"count": 3, "label": "'y'", "columns": ["'a'", "'b'", "'c'"]}),
    )
    yield (
        "many_numeric_with_features",
        rows(("a", "b", "c", "y"), [(i * 0.3, 2 - i, i * i, i % 2) for i in range(6)]),
        Loads(6, kwargs=(("features", ("a", "c")),)),
    )
    yield (
        "unknown_feature",
        good,
        Fails(
            "no_feature_column",
            {"name": "'x9'", "columns": ["'x1'", "'x2'", "'y'"]},
            kwargs=(("features", ("x9",)),),
        ),
    )
    yield (
        "unknown_label",
        good,
        Fails(
            "no_label_column",
            {"label": "'zz'", "columns": ["'x1'", "'x2'", "'y'"]},
            kwargs=(("label", "zz"),),
        ),
    )
    yield (
        "unknown_positive",
        rows(H, [(a, b, "yes" if y else "no") for a, b, y in GOOD]),
        Fails(
            "positive_not_found",
            {"positive": "'maybe'", "label": "'y'", "values": ["'no'", "'yes'"]},
            kwargs=(("positive", "maybe"),),
        ),
    )
    yield (
        "positive_chosen",
        rows(H, [(a, b, "yes" if y else "no") for a, b, y in GOOD]),
        Loads(6, class_names=("yes", "no"), kwargs=(("positive", "no"),)),
    )
    yield "one_feature_column", b"hours,passed\n1,0\n2,0\n3,1\n4,1\n2.5,0\n", Loads(5)
    blank_lines = b"x1,x2,y\n\n0.5,1,0\n\n1.5,0.2,1\n2.5,-1,1\n-0.5,0.3,0\n"
    yield "blank_lines_between", blank_lines, Loads(4)
    quoted = b'x1,x2,y\n"0.5","1",0\n"1.5","0.2",1\n"2.5","-1",1\n"-0.5","0.3",0\n'
    yield "quoted_numbers", quoted, Loads(4)


CASES = list(cases())


def main(out: str) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    for name, data, _ in CASES:
        (folder / f"{name}.csv").write_bytes(data)
    print(f"wrote {len(CASES)} files to {folder}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "csv_corpus_out")
