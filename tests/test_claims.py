"""Issue 21: every sentence about the data is registered, with the test that checks it.

``ui/locales/claims.toml`` lists every catalogue key whose text holds a field
or a verdict word (:data:`VERDICT_EN`, :data:`VERDICT_ZH`), with its kind: an
echo of an input, a number the engine computes (checked by a named test by a
second route), a statement that holds for every setting (checked by a named
test), or a definition.  These tests keep the registry and the catalogues in
step: a new sentence with a number or a verdict fails here until it is
registered with its check.
"""

from __future__ import annotations

import ast
import functools
import re
import string
import tomllib
from pathlib import Path

import numpy as np
import pytest

from ui.i18n import catalogue

ROOT = Path(__file__).resolve().parents[1]
CLAIMS = ROOT / "ui" / "locales" / "claims.toml"
EN, ZH = catalogue("en"), catalogue("zh")

#: Verdict words of the English catalogue (case-insensitive).
VERDICT_EN = re.compile(
    r"overshoot|diverg|converg|separab|minimum|minima|lowest|settl|zigzag|convex|plateau"
    r"|stopped falling|stops falling|rises|grows",
    re.IGNORECASE,
)
#: Verdict words of the Chinese catalogue.
VERDICT_ZH = re.compile(r"收敛|发散|可分|最小|最低|凸|平台|震荡|振荡|越过|冲过|上升|增长")
KINDS = {"echo", "computed", "general", "definition"}
#: The kinds whose entry names the test that checks the claim.
CHECKED = {"computed", "general"}


def fields(text: str) -> set[str]:
    """The ``str.format`` fields of ``text`` ({m}, {step:,}); ``{{`` is a brace, not a field."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def is_claim(key: str) -> bool:
    """Whether catalogue ``key`` holds a field or a verdict word in either language."""
    en, zh = EN[key], ZH.get(key, "")
    return bool(fields(en) or fields(zh) or VERDICT_EN.search(en) or VERDICT_ZH.search(zh))


@functools.cache
def registry() -> dict[str, dict]:
    with open(CLAIMS, "rb") as f:
        return tomllib.load(f)


@functools.cache
def functions_of(path: str) -> frozenset[str]:
    """The names of the module-level ``test_*`` functions of a test file (read with ast)."""
    tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
    return frozenset(
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    )


def test_every_key_with_a_field_or_a_verdict_word_is_registered():
    missing = sorted(key for key in EN if is_claim(key) and key not in registry())
    assert not missing, (
        f"{len(missing)} catalogue keys hold a field or a verdict word but are not in "
        f"ui/locales/claims.toml (add each with its kind and check): {missing}"
    )


def test_every_registered_key_is_in_both_catalogues():
    stale = sorted(key for key in registry() if key not in EN or key not in ZH)
    assert not stale, f"ui/locales/claims.toml lists keys no catalogue has: {stale}"


def test_every_entry_has_a_known_kind_and_only_known_fields():
    bad = {}
    for key, entry in registry().items():
        if not isinstance(entry, dict) or entry.get("kind") not in KINDS:
            bad[key] = f"kind must be one of {sorted(KINDS)}"
        elif set(entry) - {"kind", "check", "why", "note"}:
            bad[key] = f"unknown fields {sorted(set(entry) - {'kind', 'check', 'why', 'note'})}"
        elif entry["kind"] in CHECKED and not entry.get("check"):
            bad[key] = f"a {entry['kind']} claim needs check = 'tests/file.py::test_name' or a list"
        elif entry["kind"] == "definition" and not str(entry.get("why", "")).strip():
            bad[key] = "a definition needs why = the identity it states"
        elif entry["kind"] == "echo" and "check" in entry:
            bad[key] = "an echo claims nothing, so it has no check"
    assert not bad, bad


def test_every_check_names_an_existing_test_function():
    bad = {}
    for key, entry in registry().items():
        checks = entry.get("check", [])
        for check in [checks] if isinstance(checks, str) else checks:
            path, sep, name = str(check).partition("::")
            if not (sep and path.startswith("tests/") and path.endswith(".py")):
                bad[key] = f"{check!r} is not 'tests/path.py::test_name'"
            elif not (ROOT / path).is_file():
                bad[key] = f"{path} does not exist"
            elif name not in functions_of(path):
                bad[key] = f"{path} has no function {name}"
    assert not bad, bad


def test_the_rule_finds_fields_and_verdicts_and_ignores_plain_text():
    """The detector itself: a field, a word of each list, and a text with neither."""
    assert fields("m = {m:,} examples") == {"m"} and fields("{{not a field}}") == set()
    assert VERDICT_EN.search("J Rises again") and VERDICT_EN.search("separable classes")
    assert VERDICT_ZH.search("梯度下降发散了") and not VERDICT_ZH.search("样本")
    assert not VERDICT_EN.search("the examples of class 0")


# ---------------------------------------------------------------------------
# claims checked here: the Train page's verdict on the lowest point of J
# ---------------------------------------------------------------------------

#: Every generated kind with two inputs, at its default noise, on three seeds.
KIND_SETUPS = [
    {"kind": kind, "seed": seed}
    for kind in ("linear", "gauss", "xor", "circles", "moons", "spiral")
    for seed in (0, 1, 2)
]


@pytest.mark.parametrize("change", KIND_SETUPS, ids=lambda c: f"{c['kind']}-{c['seed']}")
def test_the_train_pages_lowest_point_verdict_by_enumerating_every_line(change):
    """train.lowest_separable / lowest_minimum: the verdict, recomputed by a second route.

    Separable: some straight line gets every training example right, found by
    enumerating every line through two examples (tests/test_presets.py).  A
    minimum: no line does, and the slopes of J, written out here, vanish at the
    engine's (w, b).
    """
    from logreg_core.pipeline import prepare
    from logreg_core.separation import separation
    from tests.test_presets import best_line_accuracy
    from ui.state import DEFAULTS

    p = prepare({**DEFAULTS, **change})
    X, Y = p.X_train, p.train.Y
    verdict = separation(X, Y)
    separable = best_line_accuracy(X, Y) == 1.0
    assert verdict.verdict == ("separable" if separable else "minimum"), change
    if not separable:
        y = Y.ravel()
        a = 1 / (1 + np.exp(-(verdict.w @ X + verdict.b)))
        slopes = np.append(X @ (a - y), np.sum(a - y)) / X.shape[1]
        assert np.max(np.abs(slopes)) < 1e-6


def penalised_newton(Xa, y, penalty, theta, *, steps=200):
    """The minimiser of J + ½θᵀ·penalty·θ by damped Newton steps from ``theta``, and its slopes."""
    m = Xa.shape[1]

    def J(th):
        z = th @ Xa
        return np.mean(np.logaddexp(0, z) - y * z) + 0.5 * th @ penalty @ th

    for _ in range(steps):
        a = 0.5 * (1 + np.tanh(theta @ Xa / 2))  # σ, without overflow
        grad = Xa @ (a - y) / m + penalty @ theta
        hess = (Xa * (a * (1 - a))) @ Xa.T / m + penalty
        step = np.linalg.lstsq(hess, grad, rcond=None)[0]  # σ′ may round to 0 far out
        t = 1.0  # halved until J does not rise: far out a full Newton step can overshoot
        while J(theta - t * step) > J(theta) and t > 1e-12:
            t /= 2
        theta = theta - t * step
    a = 0.5 * (1 + np.tanh(theta @ Xa / 2))  # σ, without overflow
    return theta, Xa @ (a - y) / m + penalty @ theta


@pytest.mark.parametrize("l2", [0.01, 0.1, 1.0, 10.0])
def test_with_an_l2_penalty_every_start_reaches_the_same_minimum(l2):
    """train.lowest_l2 and texts.help_l2: with λ > 0 one minimum, the same from every start.

    Newton's method on J + (λ/2m)‖w‖², written out here, from three starts, on
    separable data (where λ = 0 has no minimum) and on overlapping data.
    """
    from logreg_core.pipeline import prepare
    from ui.state import DEFAULTS

    for kind in ("linear", "gauss"):
        p = prepare({**DEFAULTS, "kind": kind})
        X, y = p.X_train, p.train.Y.ravel()
        n, m = X.shape
        Xa = np.vstack([X, np.ones(m)])
        penalty = np.diag([l2 / m] * n + [0.0])  # b is not penalised
        ends = []
        for start in (np.zeros(n + 1), np.full(n + 1, 5.0), np.array([-8.0] * n + [3.0])):
            theta, slopes = penalised_newton(Xa, y, penalty, start)
            assert np.max(np.abs(slopes)) < 1e-9, (kind, start)
            ends.append(theta)
        assert np.allclose(ends[0], ends[1], atol=1e-6) and np.allclose(ends[0], ends[2], atol=1e-6)
        assert np.linalg.norm(ends[0][:n]) <= np.sqrt(2 * m * np.log(2) / l2)
