"""Issue 21 · lesson 5's sentences about its data, each recomputed by a second route.

The page (views/lesson_5_descent.py) writes what the engine
(:mod:`logreg_core.lessons.descent`) finds on the page's own data: the minimum
w*, the limits 1/J″(w*) and 2/J″(w*), what a run does over enough steps, the
first-step jump from each start, the minimum with b learned.  Here each claim is
recomputed without the engine: plain Python floats (``math.exp``, the loop
w := w − α·mean(x(σ(wx) − y))), scipy's root finder and optimiser, over every
setting the page offers (each α of its slider × both starts), and the page's
words are rebuilt from those numbers in both languages and compared with what
the page shows.
"""

from __future__ import annotations

import ast
import math
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby, pairwise
from pathlib import Path

import numpy as np
import pytest
from scipy.optimize import brentq, minimize
from streamlit.testing.v1 import AppTest

from logreg_core.formatting import fmt
from logreg_core.lessons import descent
from logreg_core.lessons.shared import ONE_FEATURE
from logreg_core.pipeline import prepare
from logreg_core.presets import PRESETS
from logreg_core.separation import separation
from logreg_core.train import train
from ui.i18n import catalogue
from ui.state import DEFAULTS

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "views" / "lesson_5_descent.py"
TEXTS = {lang: catalogue(lang) for lang in ("en", "zh")}


def page_constant(name: str):
    """A constant of the page (a Streamlit script, so read with ast, not imported)."""
    for node in ast.parse(PAGE.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", None) == name:
            return ast.literal_eval(node.value)
    raise AssertionError(f"{PAGE.name} has no {name}")


#: The α the page's slider offers, and its two starts.
ALPHAS: list[float] = page_constant("ALPHAS")
STARTS: dict[str, float] = page_constant("STARTS")


# ----------------------------------------------------------------------------
# the second route: plain floats
# ----------------------------------------------------------------------------


def sigma(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Plain:
    """The cross-entropy of a one-feature model, b = 0 unless given, in plain Python."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]

    def slope(self, w: float, b: float = 0.0) -> float:
        pairs = zip(self.xs, self.ys, strict=True)
        return math.fsum(x * (sigma(w * x + b) - y) for x, y in pairs) / len(self.xs)

    def slope_b(self, w: float, b: float) -> float:
        pairs = zip(self.xs, self.ys, strict=True)
        return math.fsum(sigma(w * x + b) - y for x, y in pairs) / len(self.xs)

    def cost(self, w: float, b: float = 0.0) -> float:
        total = 0.0
        for x, y in zip(self.xs, self.ys, strict=True):
            z = w * x + b
            total += max(z, 0.0) + math.log1p(math.exp(-abs(z))) - y * z
        return total / len(self.xs)

    def curvature(self, w: float, b: float = 0.0) -> float:
        return math.fsum(x * x * sigma(w * x + b) * (1 - sigma(w * x + b)) for x in self.xs) / len(
            self.xs
        )

    @cached_property
    def w_star(self) -> float:
        """Where the slope is 0, by scipy's Brent root finder."""
        return brentq(self.slope, -60.0, 60.0, xtol=1e-15, rtol=1e-15)


@dataclass
class Run:
    """A plain descent from w0 with α, run until it settles (|w − w*| < 1e-10) or ``cap`` steps."""

    verdict: str
    first_jump: int | None
    ws: list[float]

    @property
    def kind(self) -> str:
        if self.verdict == "settles":
            return "settles_jumping" if self.first_jump is not None else "settles_one_side"
        return self.verdict


def plain_run(plain: Plain, w0: float, alpha: float, *, cap=16_000, tail=8_000) -> Run:
    """The brief's rule, on its own: settled → "settles"; else J over the tail vs J(w0)."""
    w_star = plain.w_star
    tol = 1e-9 * (1 + abs(w_star))
    ws, first_jump, w = [w0], None, w0
    for t in range(1, cap + 1):
        w = w - alpha * plain.slope(w)
        before, after = ws[-1] - w_star, w - w_star
        ws.append(w)
        if first_jump is None and abs(before) > tol and abs(after) > tol and before * after < 0:
            first_jump = t
        if abs(after) < 1e-10:
            return Run("settles", first_jump, ws)
    mean = math.fsum(plain.cost(v) for v in ws[-tail:]) / tail
    return Run("grows" if mean > plain.cost(w0) else "oscillates", first_jump, ws)


def end_sides(plain: Plain, run: Run) -> list[float]:
    """The signs of w − w* over the last four steps still more than 1e-12 from w*."""
    gaps = [w - plain.w_star for w in run.ws if abs(w - plain.w_star) > 1e-12]
    return [math.copysign(1.0, g) for g in gaps[-4:]]


@pytest.fixture(scope="module")
def data():
    p = prepare(ONE_FEATURE)
    return p.X_train, p.train.Y


@pytest.fixture(scope="module")
def plain(data) -> Plain:
    X, Y = data
    return Plain(tuple(float(v) for v in X[0]), tuple(float(v) for v in Y[0]))


@pytest.fixture(scope="module")
def runs(plain) -> dict[tuple[str, float], Run]:
    """The plain run of every setting of the page: each start × each α."""
    return {
        (case, alpha): plain_run(plain, w0, alpha)
        for case, w0 in STARTS.items()
        for alpha in ALPHAS
    }


@pytest.fixture(scope="module")
def playground_minimum(plain):
    """J(w, b)'s minimum by scipy (BFGS, plain gradient), and the top eigenvalue of J's Hessian."""
    found = minimize(
        lambda p: plain.cost(p[0], p[1]),
        [0.0, 0.0],
        jac=lambda p: np.array([plain.slope(p[0], p[1]), plain.slope_b(p[0], p[1])]),
        method="BFGS",
        options={"gtol": 1e-12},
    )
    w, b = (float(v) for v in found.x)
    m = len(plain.xs)
    s = [sigma(w * x + b) * (1 - sigma(w * x + b)) for x in plain.xs]
    hww = math.fsum(x * x * si for x, si in zip(plain.xs, s, strict=True)) / m
    hwb = math.fsum(x * si for x, si in zip(plain.xs, s, strict=True)) / m
    hbb = math.fsum(s) / m
    top = (hww + hbb) / 2 + math.hypot((hww - hbb) / 2, hwb)  # closed form, 2 × 2 symmetric
    return w, b, plain.cost(w, b), top


# ----------------------------------------------------------------------------
# the engine's numbers against the plain ones
# ----------------------------------------------------------------------------


def test_the_minimum_and_its_curvature_are_the_plain_ones(data, plain):
    """lesson5.fixed_b (w*, J*), lesson5.limits and limits_caption (J″(w*), 1/J″, 2/J″)."""
    lowest = descent.minimum_1d(*data, b=0.0)
    assert lowest.w == pytest.approx(plain.w_star, abs=1e-12)
    assert lowest.cost == pytest.approx(plain.cost(plain.w_star), rel=1e-13)
    k = plain.curvature(plain.w_star)
    assert lowest.limits.curvature == pytest.approx(k, rel=1e-10)
    assert lowest.limits.zigzag == pytest.approx(1 / k, rel=1e-10)
    assert lowest.limits.diverge == pytest.approx(2 / k, rel=1e-10)


def test_every_alpha_on_offer_from_both_starts_does_what_a_plain_loop_does(data, plain, runs):
    """lesson5.verdict_* and word_*: the verdict, the first jump, the tail's numbers."""
    X, Y = data
    for case, w0 in STARTS.items():
        found = dict(zip(ALPHAS, descent.outcomes(X, Y, w0, ALPHAS, b=0.0), strict=True))
        for alpha in ALPHAS:
            o, run = found[alpha], runs[case, alpha]
            assert o.kind == run.kind, (case, alpha)
            assert o.first_jump == run.first_jump, (case, alpha)
            if o.verdict == "settles":
                # "from where the run ends, every further step lands closer to w*"
                gaps = [abs(w - plain.w_star) for w in run.ws[o.steps :]]
                far = [g for g in gaps if g > 1e-12]
                assert all(b < a for a, b in pairwise(far)), (case, alpha)
                continue
            # the tail the text quotes: the same run, plain, over the engine's steps
            w, ws = w0, [w0]
            for _ in range(o.steps):
                w -= alpha * plain.slope(w)
                ws.append(w)
            tail = ws[-o.tail :]
            width = max(tail) - min(tail)
            assert o.w_low == pytest.approx(min(tail), abs=0.02 * width), (case, alpha)
            assert o.w_high == pytest.approx(max(tail), abs=0.02 * width), (case, alpha)
            costs = [plain.cost(v) for v in tail]
            assert o.cost_mean == pytest.approx(math.fsum(costs) / len(costs), rel=0.05)
            assert o.cost_start == pytest.approx(plain.cost(w0), rel=1e-13)
            assert o.w_low < plain.w_star < o.w_high  # "on both sides of the minimum"
            assert o.cost_low >= plain.cost(plain.w_star)


def test_the_page_offers_each_kind_of_run_and_one_start_changes_some_verdicts(runs):
    """lesson5.try_from_start: α = 1 settles from either side; the other start changes some α."""
    kinds = {run.kind for run in runs.values()}
    assert kinds == set(descent.KINDS)
    assert runs["case1", 1.0].kind == runs["case2", 1.0].kind == "settles_one_side"
    assert (
        runs["case1", 1.0].ws[-1] > STARTS["case1"] and runs["case2", 1.0].ws[-1] < STARTS["case2"]
    )
    assert [a for a in ALPHAS if runs["case1", a].kind != runs["case2", a].kind]


def test_far_from_the_minimum_one_step_jumps_past_it_below_1_over_J2(data, plain):
    """lesson5.limits_far, from each start: the α, where it lands, and the bowl fitted there."""
    X, Y = data
    w_star, k_star = plain.w_star, plain.curvature(plain.w_star)
    for w0 in STARTS.values():
        k0 = plain.curvature(w0)
        slope = plain.slope(w0)
        crossing = [
            a for a in ALPHAS if a < 1 / k0 and (w0 - w_star) * (w0 - a * slope - w_star) < 0
        ]
        jump = descent.far_jump(X, Y, w0, ALPHAS, b=0.0)
        assert crossing and jump.learning_rate == min(crossing)
        assert jump.w1 == pytest.approx(w0 - jump.learning_rate * slope, rel=1e-12)
        assert jump.limits.curvature == pytest.approx(k0, rel=1e-10)
        assert jump.limits.zigzag == pytest.approx(1 / k0, rel=1e-10)
        bowl_min = w0 - slope / k0
        assert jump.bowl_min == pytest.approx(bowl_min, rel=1e-10)
        assert k0 < k_star  # "flatter than J near w*"
        assert abs(bowl_min - w_star) > abs(w0 - w_star)  # "far from w*"


def test_the_playground_minimum_and_its_limit_are_scipys(data, plain, playground_minimum):
    """lesson5.fixed_b (w, b, J with b learned) and lesson5.limits_bias (2/κ_max there)."""
    w, b, J, top = playground_minimum
    both = separation(*data)
    assert both.verdict == "minimum"
    assert both.w[0] == pytest.approx(w, abs=1e-6) and both.b == pytest.approx(b, abs=1e-6)
    assert both.cost == pytest.approx(J, rel=1e-12)
    limit = descent.step_limits(data[0], both.w, b=both.b)
    assert limit.diverge == pytest.approx(2 / top, rel=1e-9)
    assert J < plain.cost(plain.w_star) and fmt(w, 3) != fmt(plain.w_star, 3)  # "another point"

    # "with a larger α, its descent cannot settle there": a plain 2-D loop from next to it
    def settles(alpha):  # the gradient vanishes: at the minimum, whatever scipy's last digits
        v, c = w + 1e-4, b - 1e-4
        for _ in range(5_000):
            gw, gb = plain.slope(v, c), plain.slope_b(v, c)
            if math.hypot(gw, gb) < 1e-12:
                return True
            v, c = v - alpha * gw, c - alpha * gb
        return False

    assert settles(0.95 * 2 / top) and not settles(1.05 * 2 / top)


def test_the_case_scenarios_head_for_the_playground_minimum(data, playground_minimum):
    """lesson5.fixed_b: "the point the case scenarios head for" (same data, b learned)."""
    w, b, _, _ = playground_minimum
    for key in ("case_left", "case_right"):
        preset = next(p for p in PRESETS if p.key == key)
        setup = preset.full_setup(DEFAULTS)
        ready = prepare(setup)
        np.testing.assert_array_equal(ready.X_train, data[0])
        np.testing.assert_array_equal(ready.train.Y, data[1])
        start = np.array([setup["w1"], setup["b0"]])
        run = train(
            ready.X_train,
            ready.train.Y,
            learning_rate=setup["learning_rate"],
            num_iterations=setup["num_iterations"],
            w0=np.array([[setup["w1"]]]),
            b0=setup["b0"],
        )
        end = np.array([run.w[-1, 0], run.b[-1]])
        target = np.array([w, b])
        assert np.linalg.norm(end - target) < 0.5 * np.linalg.norm(start - target), key


# ----------------------------------------------------------------------------
# the α figure: every band agrees with plain runs from both starts
# ----------------------------------------------------------------------------


def band_key(label: str) -> str:
    for texts in TEXTS.values():
        for key in ("alpha_one_side", "alpha_zigzag", "alpha_unsettled"):
            if texts[f"figures_lessons.{key}"] == label:
                return key
    raise AssertionError(f"no band has the label {label!r}")


def test_every_band_of_the_alpha_figure_agrees_with_plain_runs_from_both_starts(data, plain):
    """The bands (figures_lessons.alpha_*), lesson5.limits and limits_caption, sampled inside."""
    lowest = descent.minimum_1d(*data, b=0.0)
    words = {k: TEXTS["en"][f"figures_lessons.{k}"] for k in descent.TEXTS}
    fig = descent.alpha_limits_figure(
        ALPHAS, 1.0, zigzag=lowest.limits.zigzag, diverge=lowest.limits.diverge, texts=words
    )
    labels = {round(a.x, 9): a.text for a in fig.layout.annotations if a.yanchor == "top"}
    bands = [(s.x0, s.x1) for s in fig.layout.shapes if s.type == "rect"]
    assert len(bands) == len(labels) == 3
    seen = set()
    for x0, x1 in bands:
        left, right = math.log10(x0), math.log10(x1)
        key = band_key(labels[round((left + right) / 2, 9)])
        seen.add(key)
        for share in (0.1, 0.5, 0.9):
            alpha = 10 ** (left + share * (right - left))
            for w0 in STARTS.values():
                run = plain_run(plain, w0, alpha, cap=12_000, tail=2_000)
                where = (key, alpha, w0)
                if key == "alpha_unsettled":
                    assert run.verdict != "settles", where
                    continue
                assert run.verdict == "settles", where
                sides = end_sides(plain, run)
                if key == "alpha_one_side":  # the last steps come in from one side
                    assert len(set(sides)) == 1, where
                else:  # the last steps zigzag in
                    assert all(a != b for a, b in pairwise(sides)), where
    assert seen == {"alpha_one_side", "alpha_zigzag", "alpha_unsettled"}


# ----------------------------------------------------------------------------
# the page's words, rebuilt from the plain numbers, in both languages
# ----------------------------------------------------------------------------


def open_lesson(lang: str) -> AppTest:
    at = AppTest.from_file(str(PAGE), default_timeout=60)
    at.session_state["lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> list[str]:
    return [md.value for md in at.markdown] + [c.value for c in at.caption]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_page_writes_the_plain_numbers(lang, plain, playground_minimum, runs):
    """fixed_b, limits, limits_caption, limits_far, limits_bias, try_from_start: word for word."""
    texts = TEXTS[lang]

    def t(key, **values):
        return texts[f"lesson5.{key}"].format(**values)

    w, b, J, top = playground_minimum
    k = plain.curvature(plain.w_star)
    at = open_lesson(lang)
    for case, w0 in STARTS.items():
        at.radio(key="l5_start").set_value(case).run()
        page = shown(at)
        expected = [
            t(
                "fixed_b",
                m=len(plain.xs),
                w_star=fmt(plain.w_star, 3),
                J_star=fmt(plain.cost(plain.w_star)),
                w_wb=fmt(w, 3),
                b_wb=fmt(b, 3),
                J_wb=fmt(J),
            ),
            t("limits", k_star=fmt(k), zigzag_star=fmt(1 / k), diverge_star=fmt(2 / k)),
            t("limits_caption", w_star=fmt(plain.w_star, 3), zigzag=fmt(1 / k), diverge=fmt(2 / k)),
            t("limits_bias", diverge_wb=fmt(2 / top)),
        ]
        k0, slope = plain.curvature(w0), plain.slope(w0)
        alpha = min(
            a
            for a in ALPHAS
            if a < 1 / k0 and (w0 - plain.w_star) * (w0 - a * slope - plain.w_star) < 0
        )
        expected.append(
            t(
                "limits_far",
                w0=fmt(w0),
                k0=fmt(k0),
                zigzag0=fmt(1 / k0),
                alpha=fmt(alpha),
                w1=fmt(w0 - alpha * slope),
                k_star=fmt(k),
                bowl_min=fmt(w0 - slope / k0, 3),
                w_star=fmt(plain.w_star, 3),
            )
        )
        groups = [
            t(
                "try_group",
                alphas=t("alpha_sep").join(fmt(a) for a in group),
                word=t(f"word_{kind}"),
            )
            for kind, group in groupby(ALPHAS, key=lambda a, case=case: runs[case, a].kind)
        ]
        other = "case2" if case == "case1" else "case1"
        differ = [a for a in ALPHAS if runs[case, a].kind != runs[other, a].kind]
        tried = t(
            "try_from_start",
            steps=f"{descent.LONG_RUN:,}",
            verdicts=t("try_sep").join(groups),
            differ=t("alpha_sep").join(fmt(a) for a in differ),
        )
        expected.append(texts["lessons.what_to_try"].format(text=tried))
        for text in expected:
            assert text in page, (lang, case, text)


#: How the page shows each kind of run.
BOXES = {
    "settles_one_side": "success",
    "settles_jumping": "success",
    "oscillates": "warning",
    "grows": "error",
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_verdict_of_every_setting_is_the_plain_loops(lang, plain, runs):
    """lesson5.verdict_*: each start and each α, after one step: the box of the plain verdict."""
    texts = TEXTS[lang]
    at = open_lesson(lang)
    assert at.info[0].value == texts["lesson5.verdict_start"]  # no step taken yet
    for case in STARTS:
        at.radio(key="l5_start").set_value(case).run()
        for alpha in ALPHAS:
            at.select_slider(key="l5_alpha").set_value(alpha).run()
            at.button(key="l5_one").click().run()
            run = runs[case, alpha]
            boxes = getattr(at, BOXES[run.kind])
            assert len(boxes) == 1, (case, alpha)
            text = boxes[0].value
            heading = texts[f"lesson5.verdict_{run.kind}"].split("**")[1]
            assert text.startswith(f"**{heading}**"), (case, alpha, text)
            assert f"w∗ = {fmt(plain.w_star, 3)}" in text
            assert f"{descent.LONG_RUN:,}" in text
            if run.kind == "settles_jumping":  # "step 1 takes w past", "第 1 步让 w 越过"
                assert f" {run.first_jump} " in text, (case, alpha, text)
            if run.kind == "grows":
                assert fmt(plain.cost(STARTS[case])) in text
