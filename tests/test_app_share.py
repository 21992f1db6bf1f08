"""Shareable links (ui.share) and presenter mode (ui.presenter, figures.style.presenter_figure).

A link's parameters reproduce a setup exactly; unusable values (out of range,
wrong type, NaN, inf, huge, unknown, repeated) fall back to the defaults with a
notice that quotes them as plain text; the app keeps the address bar in step
with the controls; presenter mode scales the charts and folds the controls.
"""

from __future__ import annotations

import json
import math
from urllib.parse import parse_qs, urlsplit

import numpy as np
import plotly.graph_objects as go
import pytest

from logreg_core.features import FEATURE_MAPS
from logreg_core.figures.style import presenter_figure, wrap_text
from logreg_core.pipeline import run_setup
from logreg_core.presets import PRESETS
from logreg_core.setup import Setup
from tests.conftest import APP, APP_TIMEOUT, ROOT, player, specs
from ui.i18n import t
from ui.share import FEATURE_CODES, PARAMS, decode, encode, escape_markdown
from ui.state import DEFAULTS
from ui.texts import fmt

BY_KEY = {p.key: p for p in PARAMS}

#: A setup far from the defaults in every control a link carries.
SETUP = {
    "kind": "moons",
    "n_samples": 300,
    "noise": 0.35000000000000003,  # as a slider step can leave it: must survive exactly
    "balance": 0.4,
    "seed": 7,
    "test_share": 0.25,
    "features": ("x1", "x2", "x1·x2"),
    "standardize": False,
    "learning_rate": 0.5,
    "num_iterations": 2000,
    "init": "explicit",
    "init_seed": 3,
    "w1": 1.5,
    "w2": -2.0,
    "b0": 0.25,
    "l2": 0.1,
    "tol": 1e-9,
    "patience": 500,
    "frame_spacing": "uniform",
    "n_frames": 30,
    "surface_axes": (0, 2),
    "inspect_step": 5,
    "inspect_example": 3,
}


def app_with(params: dict):
    """AppTest of app.py opened with a link's query parameters (one run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.query_params.update(params)
    return at.run()


def state_of(at) -> dict:
    return {key: at.session_state[key] for key in DEFAULTS}


def same(a, b) -> bool:
    """Equal, and floats equal bit for bit (repr), tuples element by element."""
    if isinstance(a, float) or isinstance(b, float):
        return type(a) is type(b) and repr(a) == repr(b)
    if isinstance(a, tuple) and isinstance(b, tuple):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def alerts(at) -> str:
    return "\n".join(w.value for w in list(at.warning) + list(at.info))


# ----------------------------------------------------------------------------
# encode / decode: plain functions
# ----------------------------------------------------------------------------


def test_defaults_make_an_empty_link():
    assert encode(DEFAULTS) == {}
    assert decode({}).setup == {} and decode({}).problems == ()


def test_every_control_that_shapes_a_result_has_a_parameter():
    carried = {p.key for p in PARAMS}
    data_only = {"csv_label", "csv_features", "csv_positive"}  # an uploaded file's columns
    assert carried == set(DEFAULTS) - data_only
    names = [p.name for p in PARAMS]
    assert len(set(names)) == len(names)
    assert set(FEATURE_CODES) == set(FEATURE_MAPS)
    assert all(code.isascii() and code.isalnum() for code in FEATURE_CODES.values())


def test_a_setup_survives_the_link_bit_for_bit():
    params = encode(SETUP)
    assert set(params) == {BY_KEY[k].name for k in SETUP}
    reading = decode(params)
    assert reading.problems == ()
    assert set(reading.setup) == set(SETUP)
    for key, value in SETUP.items():
        assert same(reading.setup[key], value), key


@pytest.mark.parametrize("preset", PRESETS, ids=[p.key for p in PRESETS])
def test_every_preset_survives_the_link(preset):
    full = preset.full_setup(DEFAULTS)
    reading = decode(encode(full))
    assert reading.problems == ()
    back = {**DEFAULTS, **reading.setup}
    for key in DEFAULTS:
        assert same(back[key], full[key]), key


def test_random_setups_survive_the_link():
    rng = np.random.default_rng(20240601)
    codes = list(FEATURE_MAPS)
    for _ in range(200):
        k = int(rng.integers(1, len(codes) + 1))
        setup = {
            "n_samples": int(rng.integers(10, 100_001)),
            "noise": float(rng.uniform(0, 3)),
            "balance": float(rng.uniform(0.05, 0.95)),
            "seed": int(rng.integers(0, 2**31 - 1)),
            "test_share": float(rng.uniform(0, 0.5)),
            "features": tuple(rng.permutation(codes)[:k].tolist()),
            "learning_rate": float(10 ** rng.uniform(-6, 2)),
            "w1": float(rng.uniform(-50, 50)),
            "b0": float(-rng.uniform(0, 50)),
            "l2": float(rng.uniform(0, 1000)),
            "tol": float(10 ** rng.uniform(-15, 0)),
        }
        reading = decode(encode(setup))
        assert reading.problems == (), setup
        canonical = Setup.from_mapping(setup)  # feature maps in FEATURE_MAPS order
        for key in setup:
            value = getattr(canonical, key)
            assert same(reading.setup.get(key, DEFAULTS[key]), value), (key, value)


HOSTILE = [
    ("n", "abc"),
    ("n", "5"),
    ("n", "100001"),
    ("n", "1e3"),
    ("n", "200.0"),
    ("n", "9" * 400),
    ("n", ""),
    ("n", "１２"),  # full-width digits
    ("noise", "nan"),
    ("noise", "inf"),
    ("noise", "-inf"),
    ("noise", "3.5"),
    ("noise", "1e400"),
    ("noise", "0x1p-2"),
    ("balance", "0"),
    ("balance", "NaN"),
    ("seed", "-1"),
    ("seed", "2147483648"),
    ("seed", "1_000"),
    ("test", "0.6"),
    ("test", "20"),
    ("f", "x3"),
    ("f", ""),
    ("f", "x1-x1"),
    ("f", "x1--x2"),
    ("f", "x1²"),
    ("std", "yes"),
    ("alpha", "0"),
    ("alpha", "-0.1"),
    ("alpha", "1e9"),
    ("alpha", "Infinity"),
    ("iters", "0"),
    ("iters", "1000001"),
    ("iters", "1e6"),
    ("init", "ones"),
    ("w1", "51"),
    ("b", "nan"),
    ("l2", "-1"),
    ("tol", "0"),
    ("tol", "2"),
    ("patience", "0"),
    ("spacing", "random"),
    ("frames", "1"),
    ("frames", "401"),
    ("axes", "1-1"),
    ("axes", "0-1"),
    ("axes", "1-2-3"),
    ("axes", "1-99"),
    ("step", "-1"),
    ("step", "1000001"),
    ("ex", "0"),
    ("ex", "100001"),
    ("kind", "<script>alert(1)</script>"),
    ("kind", "LINEAR"),
    ("src", "ftp://x"),
    ("presenter", "maybe"),
]


def test_the_followed_example_is_numbered_from_1_in_the_link():
    # the page and the article number examples i = 1 … m; the session keeps 0 … m−1
    assert encode({"inspect_example": 0}) == {}
    assert encode({"inspect_example": 4}) == {"ex": "5"}
    assert decode({"ex": "5"}).setup == {"inspect_example": 4}
    assert decode({"ex": "100000"}).setup == {"inspect_example": 99_999}


@pytest.mark.parametrize("name,value", HOSTILE)
def test_an_unusable_value_is_left_out_and_reported(name, value):
    reading = decode({name: value})
    assert reading.setup == {}
    assert [(p.reason, p.name, p.value) for p in reading.problems] == [("bad", name, value)]


def test_repeated_and_unknown_parameters_are_reported():
    reading = decode({"n": ["100", "100"], "zzz": "1", "presenter": ["1", "0"], "lang": "zh"})
    got = {(p.reason, p.name, p.count) for p in reading.problems}
    assert got == {("repeated", "n", 2), ("unknown", "zzz", 1), ("repeated", "presenter", 2)}
    assert reading.setup == {} and reading.presenter is None


def test_local_sources_open_generated_data():
    for source in ("uploaded", "edited"):
        reading = decode({"src": source, "kind": "xor"})
        assert reading.local_source == source and reading.problems == ()
        assert reading.setup == {"kind": "xor"}
    assert decode({"src": "generated"}).local_source is None


def test_escape_markdown_shows_the_value_as_typed_and_short():
    text = escape_markdown("**x** <b>$y$</b> :red[z] [a](http://e)\nnext")
    for sign in "*<>$:[]()":
        assert f"\\{sign}" in text
    assert "\n" not in text
    assert escape_markdown("9" * 400).endswith("…") and len(escape_markdown("9" * 400)) == 41


# ----------------------------------------------------------------------------
# the app: a link in, the same run out; the address bar follows the controls
# ----------------------------------------------------------------------------


def test_a_link_reproduces_the_run_of_the_same_setup():
    at = app_with(encode(SETUP))
    assert not at.exception, at.exception
    state = state_of(at)
    for key, value in SETUP.items():
        assert same(state[key], value), key
    assert alerts(at) == ""

    at.switch_page("views/train.py").run()
    assert not at.exception, at.exception
    ref = run_setup({**DEFAULTS, **SETUP})
    h = ref.history
    shown = {m.value for m in at.metric}
    assert fmt(h.cost[-1]) in shown and fmt(h.b[-1]) in shown
    assert f"{int(h.steps[-1]):,}" in shown
    weights = "\n".join(md.value for md in at.markdown)
    for j, value in enumerate(h.w[-1]):
        assert f"w{j + 1}" in weights and fmt(value) in weights

    at.switch_page("views/inspector.py").run()
    assert not at.exception, at.exception
    assert int(at.session_state["inspect_step"]) == SETUP["inspect_step"]
    # shown as i = 1 … m: the link's ex=3 (0-based) is example 4
    assert [n.value for n in at.number_input if n.key == "ctl_inspect_example"] == [4]


def test_the_address_bar_follows_the_controls_and_the_shown_link_reopens_them():
    # (AppTest runs app.py, whose sidebar keeps the address bar, on the first run only;
    # later runs run the page alone.  tests/browser/test_share.py follows a whole visit.)
    from streamlit.testing.v1 import AppTest

    assert dict(AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run().query_params) == {}
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    for key, value in SETUP.items():  # as the controls would have set them
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    assert dict(at.query_params) == encode(SETUP)

    link = at.sidebar.code[0].value
    assert link.startswith("?")
    params = {k: v[0] for k, v in parse_qs(urlsplit(link).query).items()}
    assert params == encode(SETUP)

    again = app_with(params)
    assert not again.exception
    a, b = state_of(at), state_of(again)
    for key in DEFAULTS:
        assert same(a[key], b[key]), key


def test_many_bad_parameters_fall_back_with_one_notice():
    bad = {
        "n": "1e400",
        "noise": "nan",
        "seed": "-5",
        "alpha": "inf",
        "kind": "**bold** <i>x</i>",
        "f": "x1-x7",
        "frames": "99999999999999999999999",
        "axes": "2-2",
        "zzz": ":red[hi]",
    }
    at = app_with(bad)
    assert not at.exception, at.exception
    state = state_of(at)
    for key in ("n_samples", "noise", "seed", "learning_rate", "kind", "features", "n_frames"):
        assert same(state[key], DEFAULTS[key]), key
    warning = at.warning[0].value
    assert t("share.notice_heading") in warning
    for name, value in bad.items():
        assert f"**{escape_markdown(name)}**" in warning, name
        assert escape_markdown(value) in warning, value
    assert "**bold**" not in warning and "<i>" not in warning
    assert at.query_params == {}  # the bad values left the address bar
    assert at.button(key="share_dismiss").label == t("share.dismiss")
    at.switch_page("views/train.py").run()
    assert not at.exception


def _rounds() -> list[dict]:
    """HOSTILE as links: round r holds the r-th bad value of each parameter (ten a link)."""
    rounds: list[dict] = []
    seen: dict[str, int] = {}
    for name, value in HOSTILE:
        r = seen.get(name, 0)
        seen[name] = r + 1
        if r == len(rounds):
            rounds.append({})
        rounds[r][name] = value
    # at most ten to a link, so the notice lists every one of them
    return [dict(list(r.items())[i : i + 10]) for r in rounds for i in range(0, len(r), 10)]


@pytest.mark.parametrize("params", _rounds(), ids=lambda p: "+".join(p))
def test_every_hostile_value_falls_back_in_the_app(params):
    at = app_with(params)
    assert not at.exception, at.exception
    warning = at.warning[0].value
    for name, value in params.items():
        assert f"**{escape_markdown(name)}** = “{escape_markdown(value)}”" in warning, name
        if name in ("src", "presenter"):
            continue
        key = next(p.key for p in PARAMS if p.name == name)
        assert same(at.session_state[key], DEFAULTS[key]), name
    assert at.session_state["source"] == "generated" and not at.session_state["presenter"]
    assert dict(at.query_params) == {}
    assert len(at.get("plotly_chart")) >= 1  # the page drew with the defaults


def test_a_long_list_of_problems_is_cut_short():
    at = app_with({f"p{i}": "x" for i in range(20)})
    assert not at.exception
    warning = at.warning[0].value
    assert warning.count("\n- ") == 10 + 1  # ten listed, then "and 10 more"
    assert t("share.more", count=10) in warning


def test_repeated_parameter_in_the_app():
    at = app_with({"iters": ["10", "20"], "alpha": "0.5"})
    assert not at.exception
    assert at.session_state["num_iterations"] == DEFAULTS["num_iterations"]
    assert at.session_state["learning_rate"] == 0.5
    assert t("share.repeated", name="iters", count=2, default="1000") in at.warning[0].value


def test_a_link_made_with_uploaded_data_opens_generated_data_and_says_so():
    at = app_with({"src": "uploaded", "kind": "xor", "seed": "4"})
    assert not at.exception, at.exception
    assert at.session_state["source"] == "generated"
    assert at.session_state["kind"] == "xor" and at.session_state["seed"] == 4
    assert t("share.local_uploaded") in at.info[0].value
    assert "src" not in at.query_params


def test_the_share_panel_says_when_the_data_cannot_travel():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT).run()
    assert not any(t("share.local_uploaded") in w.value for w in at.sidebar.warning)
    at = AppTest.from_file(str(APP), default_timeout=APP_TIMEOUT)
    at.session_state["source"] = "uploaded"  # the Data page then waits for a file
    at.run()
    assert not at.exception
    assert any(t("share.local_uploaded") in w.value for w in at.sidebar.warning)
    assert at.query_params.get("src") == "uploaded"


# ----------------------------------------------------------------------------
# presenter mode
# ----------------------------------------------------------------------------


def _train_specs(presenter: bool):
    at = app_with({"presenter": "1"} if presenter else {})
    link = at.sidebar.code[0].value
    at.session_state["_show_3d"] = True
    at.switch_page("views/train.py").run()
    assert not at.exception, at.exception
    return at, specs(at), link


def _grew(a: dict, b: dict, part: str, prop: str) -> int:
    """How many traces set ``part.prop`` in ``a``; each must be larger in ``b``."""
    count = 0
    for ta, tb in zip(a["data"], b["data"], strict=True):
        x = (ta.get(part) or {}).get(prop)
        if isinstance(x, (int, float)):
            assert tb[part][prop] > x, (ta.get("name"), part, prop)
            count += 1
    return count


def test_presenter_mode_scales_the_charts_and_folds_the_controls():
    off_at, off, _ = _train_specs(False)
    on_at, on, link = _train_specs(True)
    assert len(on) == len(off) >= 1
    assert player(on_at)[0]["presenter"] and not player(off_at)[0]["presenter"]
    for a, b in zip(off, on, strict=True):
        assert b["layout"]["font"]["size"] > a["layout"]["font"]["size"]
        assert b["layout"]["height"] > a["layout"]["height"]
        assert _grew(a, b, "line", "width") >= 1
        assert _grew(a, b, "marker", "size") >= 1
        assert len(b.get("frames", [])) == len(a.get("frames", []))
    labels_on = {e.label for e in on_at.expander}
    labels_off = {e.label for e in off_at.expander}
    assert t("presenter.controls_training") in labels_on
    assert t("presenter.controls_training") not in labels_off
    assert on_at.query_params.get("presenter") == "1"
    assert "presenter" not in link  # the shared link leaves it out


def test_presenter_mode_on_the_data_page_and_the_inspector():
    for page in ("views/data.py", "views/inspector.py"):
        sizes = []
        for flag in (False, True):
            at = app_with({"presenter": "1"} if flag else {})
            at.switch_page(page).run()
            assert not at.exception, at.exception
            sizes.append([s["layout"]["font"]["size"] for s in specs(at)])
        assert sizes[0] and all(b > a for a, b in zip(*sizes, strict=True)), page


# ----------------------------------------------------------------------------
# presenter_figure: pure
# ----------------------------------------------------------------------------


def _sample_figure() -> go.Figure:
    from plotly.subplots import make_subplots

    titles = ("A title long enough to need a second line", "B", "C")
    grid = [[{}, {}], [{"colspan": 2}, None]]
    fig = make_subplots(rows=2, cols=2, specs=grid, subplot_titles=titles)
    fig.add_trace(go.Scatter(x=[0, 1], y=[0, 1], mode="lines"), row=1, col=1)
    fig.add_trace(go.Scatter(x=[0, 1], y=[1, 0], mode="markers", marker={"size": [4, 8]}), 1, 2)
    fig.add_trace(go.Heatmap(z=[[0, 1]], colorbar={"tickfont": {"size": 10}}), row=2, col=1)
    fig.update_layout(
        height=400,
        margin={"t": 50},
        font={"size": 13},
        legend={"font": {"size": 11}},
        title={"text": "T", "font": {"size": 15}},
        shapes=[{"type": "line", "x0": 0, "x1": 1, "y0": 0, "y1": 1, "line": {"width": 2}}],
    )
    return fig


def test_presenter_figure_scales_text_lines_markers_and_makes_room():
    fig = _sample_figure()
    before = json.loads(fig.to_json())
    out = presenter_figure(fig)
    assert out is fig
    after = json.loads(fig.to_json())
    lay0, lay1 = before["layout"], after["layout"]
    assert lay1["font"]["size"] == pytest.approx(13 * 1.4)
    assert lay1["title"]["font"]["size"] == 20  # capped at PRESENTER_MAX_FONT
    assert lay1["height"] == 440
    assert lay1["legend"]["font"]["size"] == 11  # legends keep their size
    assert lay1["shapes"][0]["line"]["width"] == 4
    assert after["data"][0]["line"]["width"] == 4  # plotly's default 2, doubled
    assert after["data"][1]["marker"]["size"] == [6, 12]
    assert after["data"][2]["colorbar"]["tickfont"]["size"] == 10  # colour bars left alone
    first, second, third = lay1["annotations"]
    assert "<br>" in first["text"] and "<br>" not in third["text"]  # only narrow subplots wrap
    assert all(a["font"]["size"] > b["font"]["size"] for a, b in zip(
        lay1["annotations"], lay0["annotations"], strict=True))  # fmt: skip
    assert lay1["margin"]["t"] > lay0["margin"]["t"]
    # the right-hand panel starts later, and its title moved with it
    x2_0, x2_1 = lay1["xaxis2"]["domain"]
    assert x2_0 > lay0["xaxis2"]["domain"][0] and second["x"] == pytest.approx((x2_0 + x2_1) / 2)
    assert lay1["yaxis3"]["domain"][1] < lay0["yaxis3"]["domain"][1]
    assert third["y"] == pytest.approx(lay1["yaxis3"]["domain"][1])


@pytest.mark.parametrize(
    "kw,match",
    [
        ({"font": 0.5}, "font must be a finite number ≥ 1, got 0.5"),
        ({"line": math.inf}, "line must be a finite number ≥ 1"),
        ({"marker": "2"}, "marker must be a finite number ≥ 1"),
        ({"height": math.nan}, "height must be a finite number ≥ 1"),
        ({"max_font": 0}, "max_font must be a positive number of pixels, got 0"),
        ({"wrap": 0}, "wrap must be a positive whole number of characters, got 0"),
    ],
)
def test_presenter_figure_rejects_bad_factors(kw, match):
    with pytest.raises(ValueError, match=match):
        presenter_figure(go.Figure(), **kw)


def test_wrap_text_breaks_near_the_middle_only_when_long():
    assert wrap_text("short", 10) == "short"
    assert wrap_text("Cost J and accuracy against the iteration", 28) == (
        "Cost J and accuracy<br>against the iteration"
    )
    assert wrap_text("数据，a = σ(z) 着色，决策边界的位置和形状", 10).count("<br>") == 1
    title = "数据、a = σ(z)（底色）和决策边界"
    assert wrap_text(title, 28) == "数据、<br>a = σ(z)（底色）和决策边界"  # not next to "="
    # a Chinese character counts as two letters: 14 of them fit in 28, 16 do not
    fits, long = "一二三四五六、七八九十一二三", "一二三四五六七、八九十一二三四五"
    assert wrap_text(fits, 28) == fits
    assert wrap_text(long, 28) == "一二三四五六七、<br>八九十一二三四五"
    assert wrap_text("nospacesatallinthisverylongword", 10) == "nospacesatallinthisverylongword"
    assert wrap_text("<b>bold</b> text that is rather long", 10).count("<br>") == 0


def _small_text_in_plotly(spec: dict) -> list[str]:
    """What plotly would draw under the figure's font in a figure's JSON: an index or a power
    (``<sub>``, ``<sup>``: 0.7 of the size) or a log axis's 2s and 5s (0.75 of it)."""
    found = []

    def texts(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                texts(value, f"{where}.{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                texts(value, f"{where}[{i}]")
        elif isinstance(node, str) and ("<sub>" in node or "<sup>" in node):
            found.append(f"{where}: {node}")

    texts({"layout": spec["layout"], "data": spec["data"]}, "")
    for name, axis in spec["layout"].items():
        log = isinstance(axis, dict) and axis.get("type") == "log"
        if log and axis.get("dtick") != 1 and "tickvals" not in axis:
            found.append(f"{name}: a log axis with minor labels")
    return found


def test_presenter_mode_scales_every_lesson_figure():
    """Every lesson's figures (and the Step inspector's) grow in presenter mode, and none keeps
    text plotly draws smaller than its font (indices, powers, a log axis's minor labels)."""
    pages = sorted(p.stem for p in (ROOT / "views").glob("lesson_*.py"))
    assert len(pages) == 8
    small_before = 0
    for name in [*pages, "inspector"]:
        sizes = []
        for flag in (False, True):
            at = app_with({"presenter": "1"} if flag else {})
            at.switch_page(f"views/{name}.py").run()
            assert not at.exception, at.exception
            sizes.append([s["layout"]["font"]["size"] for s in specs(at)])
            small = [text for s in specs(at) for text in _small_text_in_plotly(s)]
            if flag:
                assert not small, (name, small[:5])
            else:
                small_before += len(small)
        assert sizes[0] and all(b > a for a, b in zip(*sizes, strict=True)), name
    assert small_before > 10  # without presenter mode they are there: it is the mode that acts


def test_indices_and_powers_are_written_at_full_size():
    from ui.presenter import full_size_scripts

    assert full_size_scripts("w<sub>1</sub>x<sub>12</sub>") == "w₁x₁₂"
    assert full_size_scripts("1.5×10<sup>-91</sup>") == "1.5×10⁻⁹¹"
    assert full_size_scripts("dw<sub>i</sub>") == "dwᵢ"
    # what Unicode cannot write stays as it was; other markup and other values too
    assert full_size_scripts("a<sub>bc</sub> <b>x</b>") == "a<sub>bc</sub> <b>x</b>"
    assert full_size_scripts(None) is None and full_size_scripts(3) == 3


@pytest.mark.parametrize(
    ("span", "dtick", "ticks"),
    [
        ((-4, 1), 1, None),  # five decades: only the decades, all at full size
        ((-0.31, 0.8), None, ["0.5", "1", "2", "5"]),  # about one decade: its 1, 2, 5
        ((0.35, 0.65), None, ["3", "4"]),  # within one decade, where no 1, 2 or 5 falls
        ((0.35, 0.4), None, None),  # too short for two: plotly's own labels, at full size
        (None, 1, None),  # autorange: decades
    ],
)
def test_a_log_axis_labels_only_what_it_draws_at_full_size(span, dtick, ticks):
    import plotly.graph_objects as go

    from ui.presenter import at_least

    fig = go.Figure(go.Scatter(x=[1, 10], y=[1, 2]))
    fig.update_xaxes(type="log", range=span)
    at_least(fig, 20)
    axis = fig.layout.xaxis
    assert axis.dtick == dtick
    assert (list(axis.ticktext) if axis.ticktext is not None else None) == ticks
