"""The canvas player's payload: every frame carries every layer; its numbers are the engine's."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from logreg_core.animation import animation_data, data_bounds, frame_numbers
from logreg_core.figures import style
from logreg_core.figures.player import PLAYER_TEXTS, player_payload, read_payload
from logreg_core.model import sigmoid
from logreg_core.pipeline import run_setup
from logreg_core.surface import cost_surface
from logreg_core.train import step_detail
from ui.player import player_texts
from ui.state import DEFAULTS

CASES = {
    "default": {},
    "feature maps": {"kind": "xor", "features": ("x1", "x2", "x1·x2")},
    "one feature": {"kind": "one_feature", "features": ("x1",)},
    "l2 and random start": {"l2": 0.5, "init": "random", "init_seed": 3},
}


def _payload(changes: dict, *, example: int = 3, lang: str = "en", presenter: bool = False):
    setup = {**DEFAULTS, **changes}
    run = run_setup(setup)
    p, h = run.prepared, run.history
    anim = animation_data(
        h,
        p.X_train,
        p.train.Y,
        p.X_test,
        p.test.Y,
        feature_names=p.feature_names,
        standardizer=p.standardizer,
        box=data_bounds(p.dataset.X),
        n_frames=setup["n_frames"],
        spacing=setup["frame_spacing"],
    )
    numbers = frame_numbers(h, anim.indices, p.X_train, p.train.Y, example)
    payload = player_payload(
        anim,
        numbers,
        p.train.X,
        p.train.Y,
        p.test.X,
        p.test.Y,
        input_names=p.dataset.feature_names,
        class_names=p.dataset.class_names,
        texts=player_texts(lang),
        l2=h.l2,
        presenter=presenter,
    )
    return run, anim, payload


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_every_frame_carries_every_layer(case):
    run, anim, payload = _payload(CASES[case])
    header, A = read_payload(payload)
    F = header["frames"]
    assert F == anim.n_frames == DEFAULTS["n_frames"]
    # the shaded a = σ(z): one full mesh per frame, and it changes as w, b move
    field = A["field"]
    assert field.shape[0] == F and field[0].size == np.prod(header["field_shape"][1:])
    assert len({field[f].tobytes() for f in range(F)}) > F // 2
    # the boundary of each frame (it crosses the box on every frame after the first)
    starts = A["boundary_start"]
    assert starts.shape == (F + 1,)
    crossing = [starts[f + 1] > starts[f] for f in range(1, F)]
    assert all(crossing)
    # the cost surface: its own per frame where b moves, one exact surface otherwise
    surfaces = A["surface"]
    if header["surface_exact"]:
        assert surfaces.shape[0] == 1
    else:
        assert surfaces.shape[0] == F
        assert np.all(A["surface_hi"] > A["surface_lo"])
        p, h = run.prepared, run.history
        for f in (0, F // 2, F - 1):  # each frame's surface is J at that frame's b
            i = anim.indices[f]
            J = cost_surface(
                p.X_train,
                p.train.Y,
                h.w[i].reshape(-1, 1),
                float(h.b[i]),
                A["sgrid1"].astype(np.float64),
                A["sgrid2"].astype(np.float64),
            )
            J += (
                0.5
                * h.l2
                / p.X_train.shape[1]
                * (
                    np.add.outer(A["sgrid2"].astype(np.float64) ** 2, A["sgrid1"] ** 2.0)
                    + np.sum(h.w[i, 2:] ** 2)
                )
            )
            assert A["surface_lo"][f] == pytest.approx(J.min(), rel=1e-5)
            assert A["surface_hi"][f] == pytest.approx(J.max(), rel=1e-5)
    # path, cursor and curves: one value per frame, the whole run behind them
    for name in ("path1", "path2", "steps", "cost", "acc_train", "acc_test", "z", "a", "dz"):
        assert A[name].shape == (F,), name
    assert A["curve_steps"].size >= 2 and A["curve_cost"].size == A["curve_steps"].size
    assert A["px"].size == run.prepared.train.n_samples + run.prepared.test.n_samples


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_a_frames_numbers_are_the_engines(case):
    run, anim, payload = _payload(CASES[case], example=5)
    header, A = read_payload(payload)
    p, h = run.prepared, run.history
    n = header["n"]
    assert header["example"] == 5 and header["y"] == int(p.train.Y[0, 5])
    np.testing.assert_array_equal(header["x"], p.X_train[:, 5])
    for f, index in enumerate(anim.indices):
        d = step_detail(h, p.X_train, p.train.Y, int(index))
        v = d.values
        assert A["steps"][f] == d.step
        np.testing.assert_allclose(A["w"][f], d.w, rtol=0, atol=0)
        assert A["b"][f] == d.b
        for name, ref in (("z", v.z), ("a", v.a), ("loss", v.loss), ("da", v.da), ("dz", v.dz)):
            assert A[name][f] == pytest.approx(ref[5], rel=1e-9, abs=1e-12), (name, f)
        np.testing.assert_allclose(A["dw_i"][f], v.dw[:, 5], rtol=1e-9, atol=1e-12)
        np.testing.assert_allclose(A["dw"][f], d.dw, rtol=1e-9, atol=1e-12)
        assert A["db"][f] == pytest.approx(d.db, rel=1e-9, abs=1e-12)
        np.testing.assert_allclose(A["next_w"][f], d.next_w, rtol=1e-9, atol=1e-12)
        assert A["next_b"][f] == pytest.approx(d.next_b, rel=1e-9, abs=1e-12)
        assert A["cost"][f] == h.cost[index]
    assert A["w"].shape == (anim.n_frames, n)
    assert header["alpha"] == h.learning_rate


def test_the_shading_is_sigma_of_z_on_the_mesh():
    run, _, payload = _payload({})
    header, A = read_payload(payload)
    p = run.prepared
    f = header["frames"] // 2
    w, b = A["w"][f], A["b"][f]
    g1, g2 = A["grid1"].astype(np.float64), A["grid2"].astype(np.float64)
    u, v = np.meshgrid(g1, g2)
    Z = p.standardizer.transform(np.vstack([u.ravel(), v.ravel()]))
    a = sigmoid(w @ Z + b).reshape(u.shape)
    assert np.max(np.abs(A["field"][f] / 255 - a)) <= 0.5 / 255 + 1e-6


def test_texts_come_from_the_catalogue_in_every_language():
    for lang in ("en", "zh"):
        texts = player_texts(lang)
        assert set(texts) == set(PLAYER_TEXTS) and all(texts.values())
    _, _, payload = _payload({}, lang="zh", presenter=True)
    header, _ = read_payload(payload)
    assert header["texts"]["play"] == "播放" and header["presenter"] is True


def test_payload_errors_name_the_problem():
    run, anim, _ = _payload({})
    p = run.prepared
    numbers = frame_numbers(run.history, anim.indices[:5], p.X_train, p.train.Y, 0)
    kw = {"input_names": ("x1", "x2"), "class_names": ("0", "1"), "texts": player_texts("en")}
    args = (p.train.X, p.train.Y, p.test.X, p.test.Y)
    with pytest.raises(ValueError, match=r"numbers must hold 200 frames, got 5"):
        player_payload(anim, numbers, *args, **kw)
    full = frame_numbers(run.history, anim.indices, p.X_train, p.train.Y, 0)
    with pytest.raises(ValueError, match=r"texts lacks the keys \['play'"):
        player_payload(anim, full, *args, **{**kw, "texts": {}})
    with pytest.raises(ValueError, match=r"example must be between 0 and 159, got 160"):
        frame_numbers(run.history, anim.indices, p.X_train, p.train.Y, 160)
    with pytest.raises(ValueError, match=r"example must be a whole number, got 1.5"):
        frame_numbers(run.history, anim.indices, p.X_train, p.train.Y, 1.5)


def test_default_payload_fits_the_budget():
    _, _, payload = _payload({})
    assert len(payload) < 1_000_000


#: A colour written in CSS: #rgb … #rrggbbaa, or rgb()/rgba()/hsl()/hsla().
COLOR = re.compile(r"#[0-9a-fA-F]{3,8}\b|\b(rgba?|hsla?)\s*\(")
#: CSS colour names a canvas would also take, as a quoted string.
NAMED = re.compile(r"""["'`](white|black|gray|grey|red|green|blue|orange|transparent)["'`]""")


def _strings(node):
    """Every string inside a JSON-like value (dicts, lists)."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _strings(value)


def _is_color(text: str) -> bool:
    return bool(COLOR.fullmatch(text) or re.fullmatch(r"(rgba?|hsla?)\(.*\)", text))


def test_the_player_script_writes_no_colour_of_its_own():
    """Every colour the player draws with comes in the payload's style (from style.py)."""
    from tests.conftest import ROOT
    from ui.player import JS_FILES

    code = "\n".join(path.read_text(encoding="utf-8") for path in JS_FILES)
    assert [m.group(0) for m in COLOR.finditer(code)] == []
    assert [m.group(0) for m in NAMED.finditer(code)] == []
    assert "h.style" in code
    # the controls and the graph: player.css reads style.py's colours as variables
    css = (ROOT / "ui" / "player.css").read_text(encoding="utf-8")
    assert [m.group(0) for m in COLOR.finditer(css)] == []
    from ui.player import _CSS

    for name, color in style.PLAYER_CSS_COLORS.items():
        assert f"--lrp-{name}: {color};" in _CSS
        assert f"var(--lrp-{name})" in css


def test_every_colour_of_the_header_is_style_pys(monkeypatch):
    """The header's style is style.player_style(): each colour one of style.py's constants,
    and one edit there reaches the player."""
    header, _ = read_payload(_payload({})[2])
    assert header["style"] == json.loads(json.dumps(style.player_style()))
    constants = {
        text
        for name, value in vars(style).items()
        if name.isupper()
        for text in _strings(value)
        if _is_color(text)
    }
    colors = [text for text in _strings(header["style"]) if _is_color(text)]
    assert len(colors) >= 20 and set(colors) <= constants
    c = header["style"]["colors"]
    assert c["class"] == list(style.CLASS_COLORS) and c["current"] == style.CURRENT_COLOR
    assert c["accuracy"] == list(style.ACCURACY_COLORS)
    assert header["style"]["a_scale"] == style.PROBABILITY_SCALE
    assert [color for _, color in header["style"]["j_scale"]] == list(style.COST_COLORS[::-1])
    monkeypatch.setattr(style, "CURRENT_COLOR", "#123456")
    monkeypatch.setattr(style, "A_BANDS", 7)
    header, _ = read_payload(_payload({})[2])
    assert header["style"]["colors"]["current"] == "#123456"
    assert header["style"]["a_bands"] == 7
