"""logreg_core.figures.playground: what each figure draws, its frames and its weight."""

from __future__ import annotations

import json

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from logreg_core.animation import animation_data, data_bounds, data_panel, surface_3d
from logreg_core.data import make_dataset
from logreg_core.figures.playground import (
    POINT_LIMIT,
    SPEEDS,
    model_figure,
    sample_points,
    scatter_figure,
    surface3d_figure,
    training_figure,
)
from logreg_core.figures.style import CLASS_COLORS
from logreg_core.pipeline import prepare, train_prepared
from tests.conftest import decode

SETUP = {
    "kind": "gauss",
    "n_samples": 200,
    "noise": None,
    "balance": 0.5,
    "seed": 0,
    "test_share": 0.2,
    "features": ("x1", "x2"),
    "standardize": True,
    "learning_rate": 0.1,
    "num_iterations": 500,
    "init": "zeros",
    "l2": 0.0,
}


def _run(**changes):
    setup = {**SETUP, **changes}
    prepared = prepare(setup)
    return train_prepared(prepared, setup)


def _figure(run, n_frames=60, spacing="log"):
    p = run.prepared
    anim = animation_data(
        run.history,
        p.X_train,
        p.train.Y,
        p.X_test,
        p.test.Y,
        feature_names=p.feature_names,
        standardizer=p.standardizer,
        box=data_bounds(p.dataset.X),
        n_frames=n_frames,
        spacing=spacing,
    )
    fig = training_figure(
        anim, p.train.X, p.train.Y, p.test.X, p.test.Y, input_names=p.dataset.feature_names
    )
    return anim, fig


def test_scatter_parts_and_classes_have_the_apps_colours():
    ds = make_dataset("moons", 100, seed=1)
    fig = scatter_figure(
        ds.X[:, :80], ds.Y[:, :80], ds.X[:, 80:], ds.Y[:, 80:], input_names=("x1", "x2")
    )
    names = [t.name for t in fig.data]
    assert names == ["train · y = 0", "train · y = 1", "test · y = 0", "test · y = 1"]
    for t, cls in zip(fig.data, (0, 1, 0, 1), strict=True):
        assert t.marker.color == CLASS_COLORS[cls]
    assert fig.data[2].marker.symbol.endswith("-open")  # test examples hollow
    n_train = sum(len(t.x) for t in fig.data[:2])
    assert n_train == 80
    # customdata: the example's index in its part, and the part
    cd = np.asarray(fig.data[1].customdata)
    assert np.all(cd[:, 1] == 0) and np.all(ds.Y[0, cd[:, 0]] == 1)


def test_scatter_of_one_input_puts_the_label_on_the_vertical_axis():
    ds = make_dataset("one_feature", 50, seed=0)
    fig = scatter_figure(ds.X, ds.Y, ds.X[:, :0], ds.Y[:, :0], input_names=("x1",))
    ys = np.concatenate([np.asarray(t.y) for t in fig.data[:2]])
    assert np.all((np.abs(ys) < 0.1) | (np.abs(ys - 1) < 0.1))


def test_large_data_sets_are_thinned():
    assert sample_points(10, 20).size == 10
    idx = sample_points(100_000, POINT_LIMIT)
    assert idx.size == POINT_LIMIT and np.all(np.diff(idx) > 0)
    np.testing.assert_array_equal(idx, sample_points(100_000, POINT_LIMIT))


@pytest.mark.parametrize("n_frames, spacing", [(60, "log"), (17, "uniform"), (120, "log")])
def test_training_figure_has_the_frames_asked_for(n_frames, spacing):
    run = _run()
    anim, fig = _figure(run, n_frames, spacing)
    assert len(fig.frames) == n_frames == anim.n_frames
    assert [f.name for f in fig.frames] == [str(i) for i in range(n_frames)]
    slider = fig.layout.sliders[0]
    assert len(slider.steps) == n_frames
    assert slider.steps[-1].label == f"{run.history.steps[-1]:,}"
    for step in slider.steps:
        assert step.method == "animate" and step.args[1]["frame"]["redraw"] is True
    labels = [b.label for b in fig.layout.updatemenus[0].buttons]
    assert labels == [f"▶ {s}" for s in SPEEDS] + ["❚❚ Pause"]
    for button, ms in zip(fig.layout.updatemenus[0].buttons, SPEEDS.values(), strict=False):
        assert button.args[1]["frame"] == {"duration": ms, "redraw": True}
    # every frame replaces the same moving traces, which exist in the figure
    traces = fig.frames[0].traces
    assert all(0 <= i < len(fig.data) for i in traces)
    assert all(f.traces == traces and len(f.data) == len(traces) for f in fig.frames)


def test_frames_carry_the_runs_numbers():
    run = _run()
    anim, fig = _figure(run, 30)
    spec = json.loads(pio.to_json(fig))
    f = 12
    frame = spec["frames"][f]
    assert f"step {anim.steps[f]:,}" in frame["layout"]["title"]["text"]
    marker = frame["data"][-1]
    np.testing.assert_array_equal(decode(marker["x"]), [anim.steps[f]])
    np.testing.assert_allclose(decode(marker["y"]), [run.history.cost[anim.indices[f]]])
    path, point = frame["data"][-4], frame["data"][-3]  # (w1, w2) so far, and now
    np.testing.assert_allclose(decode(point["x"]), [run.history.w[anim.indices[f], 0]])
    np.testing.assert_allclose(
        decode(path["x"]), run.history.w[anim.indices[: f + 1], 0], rtol=1e-6
    )
    # the shaded a = σ(z), in whole percents
    field = decode(frame["data"][0]["z"])
    np.testing.assert_allclose(field, np.rint(anim.data.a[f] * 100), atol=0)


def test_pictures_are_sent_in_small_dtypes_and_stay_light():
    run = _run()
    _, fig = _figure(run, 60)
    text = pio.to_json(fig, validate=False)
    spec = json.loads(text)
    assert spec["frames"][5]["data"][0]["z"]["dtype"] == "u1"
    cost_z = next(d for d in spec["frames"][5]["data"] if d.get("type") == "contour")["z"]
    assert cost_z["dtype"] == "f4"
    assert len(text) < 1_200_000


def test_one_input_figure_has_a_static_exact_surface():
    run = _run(kind="one_feature", features=("x1",), n_samples=80)
    anim, fig = _figure(run, 20)
    assert anim.surface.exact
    assert not any(d.type == "contour" for f in fig.frames for d in f.data)
    assert fig.layout.xaxis2.title.text == "w1 (x1)" and fig.layout.yaxis2.title.text == "b"


def test_model_figure_circles_the_example():
    run = _run()
    p = run.prepared
    h = run.history
    panel = data_panel(
        h.w[-1:], h.b[-1:], p.feature_names, p.standardizer, data_bounds(p.dataset.X)
    )
    fig = model_figure(
        panel, p.train.X, p.train.Y, p.test.X, p.test.Y, input_names=("x1", "x2"), highlight=4
    )
    ring = [t for t in fig.data if t.name == "example 4"]
    assert ring and ring[0].x[0] == p.train.X[0, 4]


def test_surface3d_figure():
    run = _run()
    s = surface_3d(run.history, run.prepared.X_train, run.prepared.train.Y)
    fig = surface3d_figure(s)
    assert isinstance(fig.data[0], go.Surface) and fig.data[1].name == "descent path"
    assert fig.layout.scene.xaxis.title.text == "w1"
    assert len(pio.to_json(fig)) < 100_000


def test_the_default_speed_asks_for_at_least_20_frames_a_second():
    durations = list(SPEEDS.values())
    # the first button is the default Play: 1000 / (ms per frame) ≥ 20 frames a second
    assert 1000 / durations[0] >= 20
    # and a slower choice exists, for explaining step by step
    assert max(durations) >= 4 * durations[0]
    fig = _figure(_run(), 10)[1]
    first = fig.layout.updatemenus[0].buttons[0]
    assert first.args[1]["frame"]["duration"] == durations[0]
