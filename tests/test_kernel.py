"""kernel.py: the compiled steps equal the numpy reference loop, run for run.

``train`` runs gradient descent in compiled code (Numba) when it can, and the
numpy step lesson 7 teaches otherwise (``LOGREG_KERNEL=numpy``).  The two
differ only in rounding (the order of the sums, and exp and log1p written as
polynomials), so every run of the app's kinds of data must end the same way,
at the same step, with the same records: w, b and J within 1e-12, relative.

Where gradient descent is stable a rounding difference does not grow.  Where
α is far too large and the run jumps about without diverging, any rounding
difference grows step after step (as between two machines' numpy); the runs
here are of the first kind, or diverge within 60 steps.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from logreg_core import kernel
from logreg_core.data import KINDS, DataError
from logreg_core.pipeline import prepare
from logreg_core.train import train

ROOT = Path(__file__).resolve().parents[1]
#: The largest difference allowed between the compiled run and the numpy one.
RTOL = 1e-12


@pytest.fixture(autouse=True)
def _compiled(monkeypatch):
    """The compiled kernel is on (the environment's LOGREG_KERNEL is set aside) and ready."""
    monkeypatch.delenv(kernel.ENV_VAR, raising=False)
    assert kernel.compiled() is not None, "no compiled kernel: pip install -r requirements.txt"


def _both(X, Y, monkeypatch, **options):
    """The same run, compiled and numpy, each with its progress calls."""
    runs = []
    for switch in (None, "numpy"):
        if switch:
            monkeypatch.setenv(kernel.ENV_VAR, switch)
        calls = []
        history = train(X, Y, on_progress=lambda s, t, calls=calls: calls.append((s, t)), **options)
        runs.append((history, calls))
    monkeypatch.delenv(kernel.ENV_VAR)
    return runs


def _assert_same(fast, ref):
    assert fast.stop_reason == ref.stop_reason
    np.testing.assert_array_equal(fast.steps, ref.steps)
    np.testing.assert_array_equal(fast.accuracy, ref.accuracy)
    # w and b together, relative to the largest of them at each record (0 at w = 0, b = 0)
    theta = np.column_stack([fast.w, fast.b])
    theta_ref = np.column_stack([ref.w, ref.b])
    scale = np.maximum(np.max(np.abs(theta_ref), axis=1, keepdims=True), np.finfo(float).tiny)
    assert np.max(np.abs(theta - theta_ref) / scale) <= RTOL
    assert np.max(np.abs(fast.cost - ref.cost) / np.abs(ref.cost)) <= RTOL
    # the gradient: near the optimum it is tiny, so relative to the run's largest
    grad, grad_ref = np.column_stack([fast.dw, fast.db]), np.column_stack([ref.dw, ref.db])
    assert np.max(np.abs(grad - grad_ref)) <= 1e-9 * np.max(np.abs(grad_ref))
    for name in ("learning_rate", "l2", "num_iterations", "tol", "patience"):
        assert getattr(fast, name) == getattr(ref, name)


def _data(kind: str, m: int = 240):
    maps = ("x1", "x2", "x1·x2") if KINDS[kind].n_inputs == 2 else ("x1", "x1²")
    p = prepare({"kind": kind, "n_samples": m, "test_share": 0.0, "features": maps, "seed": 5})
    return p.X_train, p.train.Y


#: Each stop rule firing, and none: (options, the stop reason they must end with).
CASES = {
    "max_iterations": ({"learning_rate": 1.0, "num_iterations": 3000}, "max_iterations"),
    "l2": ({"learning_rate": 1.0, "num_iterations": 3000, "l2": 2.0}, "max_iterations"),
    "converged": ({"learning_rate": 0.5, "num_iterations": 30_000, "tol": 1e-7}, "converged"),
    "plateau": (
        {"learning_rate": 0.5, "num_iterations": 30_000, "patience": 40, "l2": 0.5},
        "plateau",
    ),
    "diverged": ({"learning_rate": 1000.0, "num_iterations": 3000, "l2": 0.5}, "diverged"),
}


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("kind", KINDS)
def test_the_compiled_run_equals_the_numpy_one(kind, case, monkeypatch):
    X, Y = _data(kind)
    options, reason = CASES[case]
    (fast, fast_calls), (ref, ref_calls) = _both(X, Y, monkeypatch, **options)
    assert ref.stop_reason == reason  # the rule under test fired
    _assert_same(fast, ref)
    assert fast_calls == ref_calls


def test_a_record_of_every_step_and_a_long_run_with_few_records(monkeypatch):
    X, Y = _data("moons", 400)
    for options in (
        {"learning_rate": 0.3, "num_iterations": 2000, "max_records": 5000},
        {"learning_rate": 0.3, "num_iterations": 100_000, "max_records": 50},
    ):
        (fast, fast_calls), (ref, ref_calls) = _both(X, Y, monkeypatch, **options)
        _assert_same(fast, ref)
        assert fast_calls == ref_calls and len(ref_calls) == 201


@pytest.mark.parametrize("total", [0, 1, 2, 399, 401])
def test_short_runs_report_the_same_progress(total, monkeypatch):
    X, Y = _data("gauss", 50)
    (fast, fast_calls), (ref, ref_calls) = _both(
        X, Y, monkeypatch, learning_rate=0.5, num_iterations=total
    )
    _assert_same(fast, ref)
    assert fast_calls == ref_calls and fast_calls[-1] == (total, total)


def test_large_data_in_several_blocks(monkeypatch):
    """More examples than a block (kernel.BLOCK), and a last block that is not full."""
    X, Y = _data("spiral", 3 * kernel.BLOCK + 17)
    (fast, _), (ref, _) = _both(X, Y, monkeypatch, learning_rate=1.0, num_iterations=500, l2=0.1)
    _assert_same(fast, ref)


def test_an_overflow_ends_both_runs_at_the_last_finite_step(monkeypatch):
    X, Y = _data("linear", 60)
    X = X * 1e150
    (fast, _), (ref, _) = _both(X, Y, monkeypatch, learning_rate=1e10, num_iterations=50)
    assert ref.stop_reason == "diverged" and len(ref) >= 1
    _assert_same(fast, ref)
    for switch in (None, "numpy"):  # not finite at the start: a DataError, from both
        if switch:
            monkeypatch.setenv(kernel.ENV_VAR, switch)
        with pytest.raises(DataError, match="initial_cost_not_finite"):
            train(X * 1e150, Y, learning_rate=1.0, num_iterations=5, w0=[1e300] * X.shape[0])


def test_exp_and_log1p_are_numpys_within_an_ulp_or_two():
    from logreg_core import kernel_numba

    rng = np.random.default_rng(0)
    x = np.concatenate([
        -np.abs(rng.normal(scale=4.0, size=200_000)),
        -rng.uniform(0, 750, 200_000),
        [0.0, -0.0, -1e-300, -708.3, -708.4, -745.0, -745.13, -745.2, -746.0, -1e300, -np.inf],
    ])  # fmt: skip
    got = np.empty_like(x)
    kernel_numba.exp_neg(x, got)
    want = np.exp(x)
    normal = want >= np.finfo(float).tiny
    assert np.all(np.abs(got - want)[normal] <= 2 * np.spacing(want[normal]))
    assert np.all(np.abs(got - want)[~normal] <= 2 * np.spacing(0.0))  # subnormals, and 0
    e = np.concatenate([want, rng.uniform(0, 1, 200_000), [np.sqrt(2) - 1, 0.5, 1.0]])
    got = np.empty_like(e)
    kernel_numba.log1p(e, got)
    want = np.log1p(e)
    assert np.all(np.abs(got - want) <= 2 * np.spacing(want))


def test_the_switch_turns_the_compiled_kernel_off(monkeypatch):
    monkeypatch.setenv(kernel.ENV_VAR, "numpy")
    assert kernel.compiled() is None
    assert kernel.steps(np.ones((1, 3)), np.array([[0, 1, 1]])) is None
    monkeypatch.setenv(kernel.ENV_VAR, "numba")
    assert kernel.compiled() is not None


# ----------------------------------------------------------------------------
# installed where nothing can be written
# ----------------------------------------------------------------------------

_TRAIN_IN_CHILD = textwrap.dedent(
    """
    import numpy as np
    from logreg_core import kernel
    from logreg_core.train import train

    try:  # the folder is read-only indeed
        open("logreg_core/probe", "w").close()
        refused = False
    except OSError:
        refused = True
    X = np.array([[-2.0, -1.0, 0.5, 1.5, 2.0]])
    Y = np.array([[0, 0, 1, 0, 1]])
    h = train(X, Y, learning_rate=0.5, num_iterations=300)
    from logreg_core import kernel_numba  # cached on disk, or not ("NullCache")

    cache = type(kernel_numba.run_steps._cache).__name__
    print(refused, kernel.compiled() is not None, h.stop_reason, len(h), cache)
    """
)


def _read_only_copy(tmp_path: Path) -> Path:
    """The engine copied to tmp_path/app, every file and folder without its write bits."""
    app = tmp_path / "app"
    shutil.copytree(ROOT / "logreg_core", app / "logreg_core",
                    ignore=shutil.ignore_patterns("__pycache__"))  # fmt: skip
    for path in [app, *app.rglob("*")]:
        mode = path.stat().st_mode
        path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
    return app


def _run_child(app: Path, env: dict) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", _TRAIN_IN_CHILD]
    if os.geteuid() == 0:  # root writes anywhere: drop that power for the child
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search", *command]
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NUMBA_", "LOGREG_"))}
    return subprocess.run(command, cwd=app, env={**base, "PYTHONPATH": str(app), **env},
                          capture_output=True, text=True, timeout=300)  # fmt: skip


def test_a_read_only_install_caches_in_the_users_folder_or_nowhere(tmp_path):
    app = _read_only_copy(tmp_path)
    try:
        # a writable cache folder of the user's: the compiled code is cached there
        cache = tmp_path / "cache"
        cache.mkdir()
        done = _run_child(app, {"XDG_CACHE_HOME": str(cache), "HOME": str(cache)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["True", "True", "max_iterations", "301", "FunctionCache"]
        assert any(cache.rglob("*.nbi")), "nothing cached in the user's folder"
        assert not (app / "logreg_core" / "__pycache__").exists()
        # nowhere to write at all: compiled for this process only, and the run the same
        nowhere = tmp_path / "nowhere"
        nowhere.mkdir(mode=0o555)
        done = _run_child(app, {"XDG_CACHE_HOME": str(nowhere), "HOME": str(nowhere)})
        assert done.returncode == 0, done.stderr
        assert done.stdout.split() == ["True", "True", "max_iterations", "301", "NullCache"]
    finally:
        for path in [app, *app.rglob("*")]:
            path.chmod(path.stat().st_mode | stat.S_IWUSR)
