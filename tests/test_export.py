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
        ("not json", "not a setup file .it is not valid JSON"),
        ('{"format": "other"}', "not a setup file .expected format"),
        (json.dumps({"format": SETUP_FORMAT}), "holds no setup"),
    ],
)
def test_parse_setup_json_errors(text, match):
    with pytest.raises(ValueError, match=match):
        parse_setup_json(text, {})


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
