"""Words and number formats of the playground pages.

Messages that quote a rule of the engine (how divergence is detected, what a
plateau is) format the engine's own constants, so the text cannot drift from
the code.
"""

from __future__ import annotations

import math

from logreg_core.data import DEFAULT_NOISE
from logreg_core.train import ABOVE_START_RUN, DIVERGENCE_RUN, MAX_ITERATIONS, PLATEAU_REL

__all__ = [
    "FEATURE_HINTS",
    "INIT_LABELS",
    "KIND_LABELS",
    "SOURCE_LABELS",
    "fmt",
    "fmt_vector",
    "help_text",
    "pct",
    "stop_message",
    "tex",
]


def fmt(value, digits: int = 4) -> str:
    """A number as the pages show it: ``digits`` significant digits, readable.

    ``"0.1235"``, ``"-3.142"``, ``"12,346"`` (whole numbers from 10,000 below
    10¹² get thousands separators), ``"1.235e-05"``; ``"—"`` when not finite.
    Never ``"-0"``.
    """
    value = float(value)
    if not math.isfinite(value):
        return "—"
    if 1e4 <= abs(value) < 1e12:
        return f"{value:,.0f}"
    text = f"{value + 0.0:.{digits}g}"
    return "0" if text in ("-0", "0") else text


def fmt_vector(values, digits: int = 4) -> str:
    """Numbers as ``(0.1235, -3.142)``."""
    return "(" + ", ".join(fmt(v, digits) for v in values) + ")"


def pct(share) -> str:
    """A share as a percentage with one decimal, or "—" when there is none."""
    share = float(share)
    return "—" if not math.isfinite(share) else f"{100 * share:.1f} %"


def tex(value, *, paren: bool = False, digits: int = 4) -> str:
    """A number for st.latex: 4 significant digits, 1.5e+91 as 1.5 \\times 10^{91}.

    With ``paren=True`` a negative number is put in parentheses, to be multiplied.
    """
    text = fmt(value, digits)
    if "e" in text:
        mantissa, exponent = text.split("e")
        text = rf"{mantissa} \times 10^{{{int(exponent)}}}"
    text = text.replace(",", "{,}")
    return f"({text})" if paren and text.startswith("-") else text


SOURCE_LABELS = {
    "generated": "Generate",
    "uploaded": "Upload a CSV",
    "edited": "My edited table",
}

KIND_LABELS = {
    "linear": "linear · two separate blobs",
    "gauss": "gauss · two overlapping blobs",
    "xor": "xor · four clusters, opposite corners alike",
    "circles": "circles · a disk inside a ring",
    "moons": "moons · two interleaving half circles",
    "spiral": "spiral · two interleaved arms",
    "one_feature": "1-feature · one input x1",
}

#: What to try on the Features panel for each kind of data.
FEATURE_HINTS = {
    "linear": "A straight line separates these classes: x1 and x2 are enough.",
    "gauss": "The classes overlap: no boundary gets every point right, and J has a true minimum.",
    "xor": "No straight line works here. Add **x1·x2**: its sign is the class.",
    "circles": "No straight line works here. Add **x1²** and **x2²**: a circle is "
    "w1x1² + w2x2² + b = 0.",
    "moons": "A line gets most points right. Try adding **x1²**, **x2²** or **sin x1**.",
    "spiral": "Hard for one neuron: even with every feature map the boundary stays simple.",
    "one_feature": "One input: the boundary is a single point x1 = −b/w, where a = 0.5.",
}

INIT_LABELS = {
    "zeros": "zeros (w = 0, b = 0)",
    "random": "random (small, with a seed)",
    "explicit": "manual (w1, w2, b)",
}


def help_text(name: str) -> str:
    """The ``help=`` text of a control."""
    return {
        "kind": "The shape of the generated data set. Class 1 and class 0 each get their own "
        "colour and marker everywhere in the app.",
        "n_samples": "m, the number of examples, training and test together.",
        "noise": "Standard deviation of the random spread added to every point. Each kind "
        "has its own default: "
        + ", ".join(f"{k.replace('_', '-')} {v:g}" for k, v in DEFAULT_NOISE.items())
        + ".",
        "balance": "Share of the examples in class 1 (y = 1).",
        "seed": "The same seed always draws the same data set and the same test examples.",
        "test_share": "Share of each class held out for testing. Training never sees these "
        "examples; the test accuracy shows how well the boundary generalises.",
        "features": "What the neuron sees: z = w1·f1 + w2·f2 + … + b over the chosen features. "
        "Products and squares of x1, x2 let a straight line in feature space curve in the "
        "plane.",
        "standardize": "Rescale each feature to mean 0 and standard deviation 1 (using the "
        "training examples only). Gradient descent then takes similar steps in every "
        "direction, so one α suits all weights.",
        "learning_rate": "α, the step size of w := w − α·dw and b := b − α·db. Too small: J "
        "barely moves. Too large: the steps overshoot and J rises.",
        "num_iterations": f"Number of gradient-descent updates, 1 to {MAX_ITERATIONS:,}.",
        "init": "Where gradient descent starts. The cost is convex, so every start reaches "
        "the same minimum; the path differs.",
        "l2": "λ of the L2 penalty (λ/2m)·‖w‖² added to J; it pulls w towards 0. With "
        "separable data it keeps w finite.",
        "tol": "Stop as soon as one step changes J by less than this amount.",
        "patience": "Stop after this many steps in a row in which neither the training "
        f"accuracy rose nor J fell by more than {PLATEAU_REL:g} of itself.",
        "n_frames": "How many recorded steps the animation shows (each frame is sent to your "
        "browser, so more frames load more slowly).",
        "frame_spacing": "Log: frames dense at the start, where J falls fastest. Uniform: "
        "frames evenly spread over the steps.",
    }[name]


def stop_message(history, *, tol=None, patience=None) -> tuple[str, str]:
    """Why training stopped, in words, and how serious it is.

    Parameters
    ----------
    history : History
    tol, patience : the stop rules that were set (None when off)

    Returns
    -------
    level : {"success", "info", "warning", "error"}
    text : str (markdown)
    """
    last = int(history.steps[-1])
    alpha = history.learning_rate
    reason = history.stop_reason
    J0, J1 = float(history.cost[0]), float(history.cost[-1])
    if reason == "diverged":
        return (
            "error",
            f"**Gradient descent diverged** at step {last:,}: J rose instead of falling "
            f"(it rose on {DIVERGENCE_RUN} steps in a row, or stayed above its starting "
            f"value J₀ = {fmt(J0)} for {ABOVE_START_RUN} steps, or overflowed). Each step "
            f"overshoots the bottom of the bowl. **Try a smaller α**, such as "
            f"{fmt(alpha / 10)} instead of {fmt(alpha)}.",
        )
    if reason == "converged":
        return (
            "success",
            f"**Converged** at step {last:,}: one step changed J by less than "
            f"tol = {fmt(tol) if tol is not None else '—'}.",
        )
    if reason == "plateau":
        return (
            "info",
            f"**Stopped on a plateau** at step {last:,}: for {patience} steps in a row "
            f"neither the training accuracy rose nor J fell by more than {PLATEAU_REL:g} "
            "of itself.",
        )
    drop = (J0 - J1) / J0 if J0 > 0 else 0.0
    if last > 0 and drop < 0.01:
        return (
            "warning",
            f"**α = {fmt(alpha)} barely moved the parameters**: in {last:,} "
            f"step{'s' if last != 1 else ''} J fell only "
            f"from {fmt(J0)} to {fmt(J1)} ({100 * drop:.2g} %). Try a larger α (such as "
            f"{fmt(alpha * 10)}) or more iterations.",
        )
    text = f"Ran all {last:,} iterations; J fell from {fmt(J0)} to {fmt(J1)}."
    if float(history.accuracy[-1]) == 1.0 and history.l2 == 0 and drop > 0:
        text += (
            " Every training example is on its right side, and J can still get closer to 0 "
            "by making w larger: on separable data gradient descent never settles. An L2 "
            "penalty λ > 0 keeps w finite."
        )
    return "info", text
