"""export.py: the History CSV, the setup JSON round trip, and the script that repeats a run."""

import csv
import io
import json
import subprocess
import sys

import numpy as np
import pytest

from logreg_core.export import (
    SETUP_FORMAT,
    SetupFileError,
    history_csv,
    parse_setup_json,
    reproduce_script,
    setup_json,
)
from logreg_core.train import train


def run_data(m=40, seed=0):
    rng = np.random.default_rng(seed)
    Y = (rng.random(m) < 0.5).astype(np.int64).reshape(1, m)
    X = rng.normal(size=(2, m)) + 0.9 * (2 * Y - 1)
    return X, Y


def test_history_csv_reads_back_exactly():
    X, Y = run_data()
    h = train(X, Y, learning_rate=0.5, num_iterations=30)
    rows = list(csv.reader(io.StringIO(history_csv(h, ["x1", "x2"]))))
    assert rows[0] == ["step", "w[x1]", "w[x2]", "b", "J", "accuracy", "dw[x1]", "dw[x2]", "db"]
    assert len(rows) == len(h) + 1
    last = rows[-1]
    assert int(last[0]) == h.steps[-1]
    assert [float(v) for v in last[1:3]] == h.w[-1].tolist()
    assert float(last[4]) == h.cost[-1] and float(last[8]) == h.db[-1]


def test_history_csv_rejects_wrong_names():
    X, Y = run_data()
    h = train(X, Y, learning_rate=0.5, num_iterations=3)
    with pytest.raises(ValueError, match="feature_names must hold 2 names, got 1"):
        history_csv(h, ["x1"])


def test_setup_json_round_trip():
    known = {
        "kind": "linear",
        "n_samples": 200,
        "learning_rate": 0.1,
        "features": ("x1", "x2"),
        "tol": None,
        "standardize": True,
    }
    X, Y = run_data()
    h = train(X, Y, learning_rate=0.5, num_iterations=10)
    setup = {
        "kind": "xor",
        "n_samples": 300,
        "learning_rate": 2,
        "features": ("x1", "x1·x2"),
        "tol": 1e-6,
        "standardize": False,
        "bogus": 1,
    }
    text = setup_json(setup, h)
    doc = json.loads(text)
    assert doc["format"] == SETUP_FORMAT and doc["result"]["stop_reason"] == "max_iterations"
    assert doc["result"]["w"] == h.w[-1].tolist()
    back = parse_setup_json(text, known)
    assert back == {
        "kind": "xor",
        "n_samples": 300,
        "learning_rate": 2.0,
        "features": ("x1", "x1·x2"),
        "tol": 1e-6,
        "standardize": False,
    }


def test_parse_setup_json_drops_wrong_types():
    known = {"n_samples": 200, "standardize": True, "kind": "linear"}
    text = json.dumps(
        {"format": SETUP_FORMAT, "setup": {"n_samples": "many", "standardize": 1, "kind": 5}}
    )
    assert parse_setup_json(text, known) == {}


@pytest.mark.parametrize(
    "text,match",
    [
        ("not json", "bad_json"),
        ('{"format": "other"}', "bad_format"),
        (json.dumps({"format": SETUP_FORMAT}), "bad_empty"),
    ],
)
def test_parse_setup_json_errors(text, match):
    with pytest.raises(SetupFileError, match=match) as err:
        parse_setup_json(text, {})
    assert err.value.code == match


@pytest.mark.parametrize("l2", [0.0, 2.0])
def test_exported_script_reproduces_the_run(tmp_path, l2):
    X, Y = run_data(25, seed=3)
    w0 = np.array([[0.3], [-0.7]])
    h = train(X, Y, learning_rate=0.8, num_iterations=200, w0=w0, b0=0.1, l2=l2)
    src = reproduce_script(
        X,
        Y,
        learning_rate=0.8,
        num_iterations=int(h.steps[-1]),
        w0=w0,
        b0=0.1,
        l2=l2,
        feature_names=["x1", "x2"],
    )
    path = tmp_path / "run.py"
    path.write_text(src)
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True)
    values = dict(line.split(" = ", 1) for line in out.stdout.strip().splitlines())
    np.testing.assert_allclose(json.loads(values["w"]), h.w[-1], rtol=1e-12)
    assert float(values["b"]) == pytest.approx(h.b[-1], rel=1e-12)
    assert float(values["J"]) == pytest.approx(h.cost[-1], rel=1e-12)


# ----------------------------------------------------------------------------
# user text never becomes code (column names come from an uploaded CSV)
# ----------------------------------------------------------------------------

#: Column names an uploaded CSV may carry: each tries to end a literal, a
#: docstring or a comment, or to start a new line of code.
HOSTILE_NAMES = [
    'q"""; print(\'PWNED\'); """',
    "q'''; print('PWNED'); '''",
    "x\nprint('PWNED')",
    "x\rprint('PWNED')",
    "x\r\nprint('PWNED')",
    "x\u2028print('PWNED')",
    "x\u2029print('PWNED')",
    "\\",
    "x\\",
    '\\"; print("PWNED"); "',
    "\\N{BULLET} \\x41 \\u0041",
    "a\x00b",
    "# print('PWNED')",
    "{num_iterations} {X!r} %s",
    "x1²·√ 特征",
    "'; import os; os.system('echo PWNED'); '",
    "P" * 5000,
]


def _script_names(src: str) -> list[str]:
    """The FEATURE_NAMES list of an exported script, read without running it."""
    import ast

    for node in ast.parse(src).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "FEATURE_NAMES":
            return ast.literal_eval(node.value)
    raise AssertionError("the script has no FEATURE_NAMES")


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_hostile_column_name_stays_text_in_the_script(tmp_path, name):
    X, Y = run_data(12, seed=1)
    h = train(X, Y, learning_rate=0.5, num_iterations=20)
    names = [name, name[::-1] + "2"]
    src = reproduce_script(
        X,
        Y,
        learning_rate=0.5,
        num_iterations=20,
        w0=np.zeros((2, 1)),
        b0=0.0,
        feature_names=names,
    )
    assert _script_names(src) == names, "the names read back intact"
    path = tmp_path / "run.py"
    path.write_bytes(src.encode("utf-8"))
    out = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, check=True)
    lines = out.stdout.strip().splitlines()
    assert [line.split(" = ", 1)[0] for line in lines] == ["w", "b", "J"], out.stdout
    assert "PWNED" not in out.stdout + out.stderr
    assert float(lines[2].split(" = ")[1]) == pytest.approx(h.cost[-1], rel=1e-12)


def test_a_lone_surrogate_in_a_name_still_makes_a_utf8_script():
    X, Y = run_data(6)
    src = reproduce_script(
        X,
        Y,
        learning_rate=0.1,
        num_iterations=1,
        w0=np.zeros((2, 1)),
        b0=0.0,
        feature_names=["a\udcffb", "x2"],
    )
    src.encode("utf-8")
    assert _script_names(src) == ["a\udcffb", "x2"]


def test_the_script_rejects_names_that_do_not_match_the_features():
    X, Y = run_data(6)
    with pytest.raises(ValueError, match="feature_names must hold 2 names, got 1"):
        reproduce_script(
            X,
            Y,
            learning_rate=0.1,
            num_iterations=1,
            w0=np.zeros((2, 1)),
            b0=0.0,
            feature_names=["x1"],
        )


#: A spreadsheet reads a text cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@pytest.mark.parametrize(
    "name",
    ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", *HOSTILE_NAMES[:8]],
)
def test_history_csv_has_no_formula_cell_and_keeps_the_names(name):
    X, Y = run_data(10)
    h = train(X, Y, learning_rate=0.3, num_iterations=5)
    rows = list(csv.reader(io.StringIO(history_csv(h, [name, "x2"]), newline="")))
    header = rows[0]
    assert header[1] == f"w[{name}]" and header[6] == f"dw[{name}]"
    for row in rows:
        for cell in row:
            if cell.startswith(FORMULA_START):
                float(cell)  # only a number may start like a formula


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_setup_json_keeps_hostile_text_as_data(name):
    setup = {"csv_label": name, "csv_features": (name, "b"), "csv_positive": name}
    text = setup_json(setup)
    assert json.loads(text)["setup"]["csv_label"] == name
    back = parse_setup_json(text, {"csv_label": None, "csv_features": None, "csv_positive": None})
    assert back == {"csv_label": name, "csv_features": [name, "b"], "csv_positive": name}
