"""The Palmer penguins: the file and its loader, the kind on the Data page and in a link,
the Train page in millimetres and grams, and the two scenarios that use it.

Every number the loader, the Data page's hint and the scenarios' texts state is
recomputed here by a second route: the file read with the ``csv`` module, gradient
descent and the Hessian of J written out with numpy, thresholds and lines enumerated.
"""

from __future__ import annotations

import csv
import hashlib
import re

import numpy as np
import pytest

from logreg_core.data import (
    KINDS,
    PENGUINS,
    Dataset,
    load_penguins,
    make_dataset,
    train_test_split,
)
from logreg_core.pipeline import prepare, run_setup
from logreg_core.presets import preset
from logreg_core.setup import Setup
from tests.conftest import APP, APP_TIMEOUT, metrics, no_bad_numbers, open_page, player, specs
from tests.test_presets import best_line_accuracy, plain_descent
from ui.i18n import LANGUAGES, catalogue, t
from ui.share import decode, encode
from ui.state import DEFAULTS
from ui.texts import engine_message, fmt, fmt_vector, pct

DATA, TRAIN, SCENARIOS = "views/data.py", "views/train.py", "views/presets.py"
EN = catalogue("en")
SPECIES = ("Adelie", "Chinstrap")


def file_rows() -> list[dict]:
    """Every row of the file as the csv module reads it, with its spreadsheet row number."""
    with PENGUINS.open(newline="", encoding="utf-8") as f:
        return [{**row, "row": n} for n, row in enumerate(csv.DictReader(f), start=2)]


def kept_rows() -> list[dict]:
    """The rows of the two species with both measurements, in the file's order."""
    return [
        r
        for r in file_rows()
        if r["species"] in SPECIES and "NA" not in (r["bill_length_mm"], r["body_mass_g"])
    ]


def setup_of(key: str) -> dict:
    return preset(key).full_setup(DEFAULTS)


def cost(X, Y, w, b) -> float:
    z = np.asarray(w, dtype=float) @ X + b
    y = Y.ravel()
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


# ----------------------------------------------------------------------------
# the file and its loader
# ----------------------------------------------------------------------------


def test_the_file_is_the_packages_copy_with_its_citation_beside_it():
    readme = (PENGUINS.parent / "README.md").read_text(encoding="utf-8")
    digest = hashlib.sha256(PENGUINS.read_bytes()).hexdigest()
    assert digest in readme  # byte for byte the file of palmerpenguins 0.1.6
    for words in (
        "Horst AM, Hill AP, Gorman KB (2020)",
        "R package version 0.1.0",
        "https://allisonhorst.github.io/palmerpenguins/",
        "doi:10.5281/zenodo.3960218",
        "Gorman KB, Williams TD, Fraser WR (2014)",
        "9(3): e90081",
        "CC0",
    ):
        assert words in readme, words
    rows = file_rows()
    assert len(rows) == 344
    assert {s: sum(r["species"] == s for r in rows) for s in (*SPECIES, "Gentoo")} == {
        "Adelie": 152,
        "Chinstrap": 68,
        "Gentoo": 124,
    }


def test_the_loader_reads_two_species_by_two_measurements_in_their_units():
    ds = load_penguins()
    rows = kept_rows()
    assert isinstance(ds, Dataset) and ds.X.shape == (2, 219) == (2, len(rows))
    assert ds.feature_names == ("bill length (mm)", "body mass (g)")
    assert (ds.label_name, ds.class_names) == ("species", ("Adelie", "Chinstrap"))
    expected = np.array([[float(r["bill_length_mm"]), float(r["body_mass_g"])] for r in rows]).T
    np.testing.assert_array_equal(ds.X, expected)  # same values, same order as the file
    labels = [SPECIES.index(r["species"]) for r in rows]
    np.testing.assert_array_equal(ds.Y, [labels])
    assert set(np.unique(ds.Y)) == {0, 1} and ds.class_counts == (151, 68)
    assert np.all(np.isfinite(ds.X))  # no missing value left
    # the units are the file's: millimetres in the tens, grams in the thousands
    assert 30 < ds.X[0].min() < ds.X[0].max() < 60 and 2000 < ds.X[1].min() < ds.X[1].max() < 5000
    assert load_penguins() is ds  # read once, then shared: it is read-only
    with pytest.raises(ValueError, match="read-only"):
        ds.X[0, 0] = 1.0


def test_the_row_with_missing_values_is_dropped_and_named():
    pairs = [r for r in file_rows() if r["species"] in SPECIES]
    missing = [r["row"] for r in pairs if "NA" in (r["bill_length_mm"], r["body_mass_g"])]
    assert len(pairs) == 220 and missing == [5]  # the fourth Adelie: no measurements at all
    ds = load_penguins()
    loaded, excluded = ds.notes
    assert (loaded.code, excluded.code) == ("penguins", "excluded_rows")
    assert loaded.params == {
        "m": 219,
        "total": 344,
        "negative": "Adelie",
        "positive": "Chinstrap",
        "n_neg": 151,
        "n_pos": 68,
    }
    assert excluded.params == {"count": 1, "rows": "5", "header_row": 1}
    for lang in LANGUAGES:
        text = engine_message(excluded, "data.note_", lang)
        assert "5" in text and "1" in text, lang
        assert "219" in engine_message(loaded, "data.note_", lang), lang
    assert engine_message(excluded, "data.note_", "en").startswith("Excluded 1 row")


def test_the_kind_is_real_data_that_n_noise_balance_and_seed_do_not_change():
    kind = KINDS["penguins"]
    assert not kind.generated and kind.load is load_penguins and kind.draw is None
    assert kind.cite_key == "texts.cite_penguins" and kind.n_inputs == 2
    ds = load_penguins()
    assert make_dataset("penguins") is ds
    assert make_dataset("penguins", 50, noise=2.5, balance=0.2, seed=7) is ds
    # the seed only splits it, stratified: 30 of 151 Adelie and 14 of 68 Chinstrap for testing
    p0, p7 = prepare({"kind": "penguins"}), prepare({"kind": "penguins", "seed": 7})
    assert p0.dataset is p7.dataset is ds
    assert p0.train.class_counts == p7.train.class_counts == (121, 54)
    assert p0.test.class_counts == (30, 14)
    assert not np.array_equal(p0.test.X, p7.test.X)
    assert p0.feature_names == ("x1", "x2")  # the maps' names; the inputs keep their units


def test_the_data_pages_hint_states_the_datas_own_numbers():
    """ "bill length alone 96 %, body mass alone 69 %, hardly more than all Adelie; the best
    line gets all but 2 of the 219 right": thresholds and lines enumerated here."""
    ds = load_penguins()
    y = ds.Y[0] == 1

    def best_threshold(x) -> float:
        best = 0.0
        for cut in np.unique(x):
            for side in (x >= cut, x > cut):
                best = max(best, float(np.mean(side == y)), float(np.mean(side != y)))
        return best

    bill, mass = best_threshold(ds.X[0]), best_threshold(ds.X[1])
    adelie = float(np.mean(~y))
    assert f"{100 * bill:.0f}" == "96" and f"{100 * mass:.0f}" == f"{100 * adelie:.0f}" == "69"
    assert 0 < mass - adelie < 0.01  # hardly more than calling every penguin Adelie
    errors = round((1 - best_line_accuracy(ds.X, ds.Y)) * ds.n_samples)
    assert errors == 2  # all but 2 of the 219: no line separates them, one nearly does
    hint = EN["texts.hint_penguins"]
    for shown in ("96 %", "69 %", "all but 2 of the 219", "mm (tens)", "g (thousands)"):
        assert shown in hint, shown
    assert ds.X[0].max() < 100 <= 1000 <= ds.X[1].min()  # tens of mm, thousands of g


# ----------------------------------------------------------------------------
# a link, the Data page and the Train page
# ----------------------------------------------------------------------------


def test_a_link_carries_the_kind_and_brings_it_back():
    setup = setup_of("penguins_unscaled")
    params = encode(setup)
    assert params["kind"] == "penguins" and "n" not in params and "noise" not in params
    reading = decode(params)
    assert reading.problems == ()
    assert {**DEFAULTS, **reading.setup} == setup
    assert Setup.from_mapping(setup).kind == "penguins"

    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params.update({"kind": "penguins", "test": "0.3"})
    at.run()  # the Data page, the default
    assert not at.exception, at.exception
    assert at.session_state["kind"] == "penguins" and at.session_state["test_share"] == 0.3
    shown = metrics(at)
    train, test = train_test_split(load_penguins(), test_share=0.3, seed=0)
    assert shown["examples m"] == "219"
    assert (shown["training"], shown["test"]) == (f"{train.n_samples}", f"{test.n_samples}")
    assert "kind=penguins" in at.sidebar.code[0].value  # the page's own link carries it on


def test_the_data_page_with_the_kind_chosen():
    at = open_page(DATA)
    at.selectbox(key="ctl_kind").set_value("penguins").run()
    no_bad_numbers(at)
    assert at.session_state["kind"] == "penguins"
    # no control that would do nothing: the page says so instead
    keys = {w.key for w in (*at.number_input, *at.slider, *at.button) if w.key}
    assert not keys & {"ctl_n_samples", "ctl_noise", "ctl_balance"}, keys
    assert not [b for b in at.button if b.label.endswith("New seed")]
    assert [i.value for i in at.info] == [t("data.real_kind")]
    assert at.number_input(key="ctl_seed").label == t("controls.split_seed")
    assert at.slider(key="ctl_test_share").value == 20
    shown = metrics(at)
    assert shown["examples m"] == "219"
    assert shown["class 0 (Adelie)"] == "151" and shown["class 1 (Chinstrap)"] == "68"
    assert (shown["training"], shown["test"]) == ("175", "44")
    (scatter,) = specs(at)
    assert scatter["layout"]["xaxis"]["title"]["text"] == "bill length (mm)"
    assert scatter["layout"]["yaxis"]["title"]["text"] == "body mass (g)"
    assert "scaleanchor" not in scatter["layout"]["yaxis"]  # mm and g: a scale each
    captions = [c.value for c in at.caption]
    assert EN["texts.hint_penguins"] in captions
    (cite,) = [c for c in captions if c.startswith("Data: the Palmer penguins")]
    for _, address in KINDS["penguins"].links:
        assert f"]({address})" in cite
    assert any("219 penguins" in c for c in captions)  # the notes: what was read …
    assert any("Excluded 1 row" in c and "row 5" in c for c in captions)  # … and left out
    (preview, *_) = at.dataframe
    assert list(preview.value.columns) == ["bill length (mm)", "body mass (g)", "species"]
    assert "real data · penguins · split seed 0" in " ".join(m.value for m in at.sidebar.markdown)
    # the seed chooses the test penguins, and nothing else
    before = specs(at)[0]
    at.number_input(key="ctl_seed").set_value(7).run()
    assert metrics(at) == shown and specs(at)[0] != before
    # back to generated data: its own controls again
    at.selectbox(key="ctl_kind").set_value("linear").run()
    assert at.number_input(key="ctl_n_samples").value == 200 and not at.info
    assert specs(at)[0]["layout"]["yaxis"]["scaleanchor"] == "x"  # x1 and x2: one scale


@pytest.mark.parametrize("key", ["penguins_unscaled", "penguins_standardized"])
def test_the_train_page_states_the_run_in_millimetres_and_grams(key):
    at = open_page(SCENARIOS)
    at.button(key=f"preset_{key}").click().run()
    assert not at.exception, at.exception
    no_bad_numbers(at)
    run = run_setup(setup_of(key))
    h, p = run.history, run.prepared
    header, _ = player(at)
    assert header["input_names"] == ["bill length (mm)", "body mass (g)"]  # the data's axes
    markdown = " ".join(m.value for m in at.markdown)
    assert r"x1 = bill length \(mm\), x2 = body mass \(g\)" in markdown  # the weights line
    assert f"w2 (x2) = **{fmt(h.w[-1][1])}**" in markdown
    shown = metrics(at)
    assert shown["cost J"] == fmt(h.cost[-1]) and shown["train accuracy"] == pct(h.accuracy[-1])
    captions = " ".join(c.value for c in at.caption)
    if p.standardizer is None:
        assert "original units" not in captions
    else:  # the boundary in mm and g, as the scenario's text says
        w_orig, b_orig = p.standardizer.params_to_original(h.w[-1], h.b[-1])
        assert fmt_vector(np.ravel(w_orig)) in captions and fmt(b_orig) in captions
    assert t(preset(key).title_key) in " ".join(i.value for i in at.info)  # still the scenario


# ----------------------------------------------------------------------------
# the scenarios: every sentence, by a second route
# ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def unscaled():
    return run_setup(setup_of("penguins_unscaled"))


@pytest.fixture(scope="module")
def standardized():
    return run_setup(setup_of("penguins_standardized"))


def hessian_w(X, Y, w, b):
    """∂²J/∂w² at (w, b) by central differences of J, written here (not the engine's)."""
    n = X.shape[0]
    h = 1e-4 * np.maximum(1.0, np.abs(np.asarray(w, dtype=float)))
    H = np.empty((n, n))
    for i in range(n):
        for j in range(n):
            ei, ej = np.eye(n)[i] * h[i], np.eye(n)[j] * h[j]
            f = [cost(X, Y, w + si * ei + sj * ej, b) for si, sj in ((1, 1), (1, -1), (-1, 1))]
            f.append(cost(X, Y, w - ei - ej, b))
            H[i, j] = (f[0] - f[1] - f[2] + f[3]) / (4 * h[i] * h[j])
    return H


def test_unscaled_sentence_1_ranges_and_a_long_narrow_valley(unscaled):
    """ "by bill length (32.1 to 58 mm) and body mass (2,700 to 4,800 g), not standardized:
    the bowl over (w1, w2) is a long, narrow valley, steep along w2 (the grams) and almost
    flat along w1 (the millimetres)." """
    rows = kept_rows()
    bill = [float(r["bill_length_mm"]) for r in rows]
    mass = [float(r["body_mass_g"]) for r in rows]
    assert (min(bill), max(bill), min(mass), max(mass)) == (32.1, 58.0, 2700.0, 4800.0)
    assert {r["species"] for r in rows} == set(SPECIES)
    assert setup_of("penguins_unscaled")["standardize"] is False
    assert unscaled.prepared.standardizer is None
    X, Y = unscaled.prepared.X_train, unscaled.prepared.train.Y
    curvature, axes = np.linalg.eigh(hessian_w(X, Y, np.zeros(2), 0.0))  # at the start
    assert curvature[1] / curvature[0] > 1e5  # long and narrow
    steep, flat = axes[:, 1], axes[:, 0]
    assert abs(steep[1]) > np.cos(np.radians(1)) and abs(flat[0]) > np.cos(np.radians(1))
    for lang in LANGUAGES:
        text = catalogue(lang)["presets.penguins_unscaled.watch"]
        for number in ("32.1", "58", "2,700", "4,800"):
            assert number in text, (lang, number)


def test_unscaled_sentence_2_a_tiny_alpha_drops_then_crawls(unscaled):
    """ "α must be tiny for the steep side: 10⁻⁶ already makes J jump and the run stops as
    diverged, while with α = 5 × 10⁻⁷ J drops from 0.693 to 0.623 in two steps and then
    crawls along the flat floor." """
    X, Y = unscaled.prepared.X_train, unscaled.prepared.train.Y
    assert setup_of("penguins_unscaled")["learning_rate"] == 5e-7
    # the steep side's limit 2/λ_max at the start lies between the two α
    a = np.full(X.shape[1], 0.5)
    lam = np.linalg.eigvalsh((X * (a * (1 - a))) @ X.T / X.shape[1])[-1]
    assert 5e-7 < 2 / lam < 1e-6
    J_big, _, _ = plain_descent(X, Y, 1e-6, 100)
    assert np.any(np.diff(J_big) > 0) and J_big[1] > J_big[0]  # J jumps up at once
    big = run_setup({**setup_of("penguins_unscaled"), "learning_rate": 1e-6}).history
    assert big.stop_reason == "diverged"
    np.testing.assert_allclose(big.cost, J_big[: len(big.cost)], rtol=1e-9)
    J, _, _ = plain_descent(X, Y, 5e-7, 1000)
    np.testing.assert_allclose(unscaled.history.cost, J, rtol=1e-9)  # the run is plain descent
    assert [f"{v:.3f}" for v in J[:3]] == ["0.693", "0.646", "0.623"]
    assert np.all(np.diff(J) <= 0)  # J never rises at this α
    assert J[2] - J[1000] < (J[0] - J[2]) / 10  # 998 steps do not a tenth of two's work
    for lang in LANGUAGES:
        text = catalogue(lang)["presets.penguins_unscaled.watch"]
        for number in ("10⁻⁶", "5 × 10⁻⁷", "0.693", "0.623"):
            assert number in text, (lang, number)


def test_unscaled_sentence_3_after_1000_steps_every_penguin_is_called_adelie(unscaled):
    """ "After 1,000 steps J is still 0.618 and every penguin is called Adelie: 69.1 % of
    the training penguins are right, the share of Adelie among them." """
    h, p = unscaled.history, unscaled.prepared
    assert int(h.steps[-1]) == 1000 and h.stop_reason == "max_iterations"
    assert f"{h.cost[-1]:.3f}" == "0.618"
    w, b = h.w[-1], h.b[-1]
    for X in (p.X_train, p.X_test):  # every penguin, training and test
        assert np.all(w @ X + b < 0)
    adelie = float(np.mean(p.train.Y == 0))
    assert pct(adelie) == pct(h.accuracy[-1]) == "69.1 %"
    for lang in LANGUAGES:
        text = catalogue(lang)["presets.penguins_unscaled.watch"]
        assert "1,000" in text and "0.618" in text and "69.1 %" in text, lang


def test_standardized_sentence_1_same_penguins_round_bowl_and_a_large_alpha(unscaled, standardized):
    """ "The same penguins and 1,000 steps with standardizing on: bill length and body mass
    both have mean 0 and spread 1, so the bowl is nearly round and α = 1, two million
    times larger, lowers J at every step." """
    raw, std = setup_of("penguins_unscaled"), setup_of("penguins_standardized")
    assert {k for k in raw if raw[k] != std[k]} == {"standardize", "learning_rate"}
    assert std["num_iterations"] == 1000 and std["standardize"] is True
    assert std["learning_rate"] / raw["learning_rate"] == pytest.approx(2e6)
    p = standardized.prepared
    np.testing.assert_array_equal(p.train.X, unscaled.prepared.train.X)  # the same penguins
    assert np.allclose(p.X_train.mean(axis=1), 0, atol=1e-12)
    assert np.allclose(p.X_train.std(axis=1), 1)
    curvature = np.linalg.eigvalsh(hessian_w(p.X_train, p.train.Y, np.zeros(2), 0.0))
    assert curvature[1] / curvature[0] < 2  # nearly round
    J, _, _ = plain_descent(p.X_train, p.train.Y, 1.0, 1000)
    np.testing.assert_allclose(standardized.history.cost, J, rtol=1e-9)
    assert np.all(np.diff(J) < 0)  # lower at every step


def test_standardized_sentence_2_cost_and_accuracies(standardized):
    """ "J falls to 0.036, and 98.9 % of the training penguins and 95.5 % of the test
    penguins are classified right." """
    h, p = standardized.history, standardized.prepared
    assert f"{h.cost[-1]:.3f}" == "0.036"
    w, b = h.w[-1], h.b[-1]
    parts = ((p.X_train, p.train.Y), (p.X_test, p.test.Y))
    right = [float(np.mean((w @ X + b >= 0) == (Y[0] == 1))) for X, Y in parts]
    assert [pct(r) for r in right] == ["98.9 %", "95.5 %"]
    assert pct(h.accuracy[-1]) == "98.9 %" and pct(standardized.test_accuracy) == "95.5 %"
    for lang in LANGUAGES:
        text = catalogue(lang)["presets.penguins_standardized.watch"]
        assert all(n in text for n in ("1,000", "0.036", "98.9 %", "95.5 %")), lang


def test_standardized_sentence_3_the_boundary_in_mm_and_g_leans_with_the_mass(standardized):
    """ "Under the result the boundary is turned back into millimetres and grams: w2 is
    negative there, so at the same bill length a heavier penguin is more likely an Adelie." """
    h, p = standardized.history, standardized.prepared
    raw = p.train.X
    mean, spread = raw.mean(axis=1), raw.std(axis=1)  # the training part's, computed here
    w = h.w[-1] / spread
    b = h.b[-1] - float(np.sum(w * mean))
    np.testing.assert_allclose(w @ raw + b, h.w[-1] @ p.X_train + h.b[-1], atol=1e-9)
    w_app, b_app = p.standardizer.params_to_original(h.w[-1], h.b[-1])  # what the page shows
    np.testing.assert_allclose(np.ravel(w_app), w, rtol=1e-12)
    assert b_app == pytest.approx(b, rel=1e-12)
    assert w[1] < 0 < w[0]
    a = 1 / (1 + np.exp(-(w @ np.array([[45.0, 45.0], [3500.0, 4500.0]]) + b)))
    assert a[1] < a[0]  # heavier, same bill: a lower chance of Chinstrap (y = 1)


def test_both_scenarios_are_a_pair_and_say_what_they_compare():
    raw, std = preset("penguins_unscaled"), preset("penguins_standardized")
    assert (raw.partner, std.partner) == (std.key, raw.key)
    for p in (raw, std):
        assert re.search(r"\bpenguins\b", EN[p.watch_key]), p.key
