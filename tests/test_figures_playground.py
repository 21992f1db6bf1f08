"""logreg_core.figures.playground: what each figure draws and its weight."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio

from logreg_core.animation import data_bounds, data_panel, surface_3d
from logreg_core.data import make_dataset
from logreg_core.figures.playground import (
    JITTER,
    POINT_LIMIT,
    drawn_points,
    model_figure,
    scatter_figure,
    surface3d_figure,
)
from logreg_core.figures.style import CLASS_COLORS
from logreg_core.pipeline import prepare, train_prepared
from tests.words import FIGURES

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


def test_scatter_parts_and_classes_have_the_apps_colours():
    ds = make_dataset("moons", 100, seed=1)
    fig = scatter_figure(
        ds.X[:, :80],
        ds.Y[:, :80],
        ds.X[:, 80:],
        ds.Y[:, 80:],
        input_names=("x1", "x2"),
        texts=FIGURES,
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
    assert np.all(cd[:, 2] == cd[:, 0] + 1)  # the hover label's i = 1 … m
    assert "%{customdata[2]}" in fig.data[1].hovertemplate


def test_scatter_of_one_input_puts_the_label_on_the_vertical_axis():
    ds = make_dataset("one_feature", 50, seed=0)
    fig = scatter_figure(ds.X, ds.Y, ds.X[:, :0], ds.Y[:, :0], input_names=("x1",), texts=FIGURES)
    ys = np.concatenate([np.asarray(t.y) for t in fig.data[:2]])
    assert np.all((np.abs(ys) < 0.1) | (np.abs(ys - 1) < 0.1))


def test_large_data_sets_are_thinned_the_same_way_every_time():
    X, Y = np.arange(20.0).reshape(2, 10), np.arange(10).reshape(1, 10) % 2
    index, x, y, label = drawn_points(X, Y, 0, limit=20)
    np.testing.assert_array_equal(index, np.arange(10))
    np.testing.assert_array_equal(np.vstack([x, y]), X)
    np.testing.assert_array_equal(label, Y[0])
    X = np.random.default_rng(0).normal(size=(1, 100_000))
    Y = (X > 0).astype(int)
    for part in (0, 1):
        index, x, y, label = drawn_points(X, Y, part)
        assert index.size == POINT_LIMIT and np.all(np.diff(index) > 0)
        np.testing.assert_array_equal(index, drawn_points(X, Y, part)[0])
        np.testing.assert_array_equal(x, X[0, index])
        np.testing.assert_array_equal(label, Y[0, index])
        assert np.all(np.abs(y - label) <= JITTER)  # one input: the label, jittered
    assert not np.array_equal(drawn_points(X, Y, 0)[0], drawn_points(X, Y, 1)[0])


def test_model_figure_circles_the_example():
    run = _run()
    p = run.prepared
    h = run.history
    panel = data_panel(
        h.w[-1:], h.b[-1:], p.feature_names, p.standardizer, data_bounds(p.dataset.X)
    )
    fig = model_figure(
        panel,
        p.train.X,
        p.train.Y,
        p.test.X,
        p.test.Y,
        input_names=("x1", "x2"),
        highlight=4,
        texts=FIGURES,
    )
    ring = [t for t in fig.data if t.name == "example 5"]
    assert ring and ring[0].x[0] == p.train.X[0, 4]


def test_surface3d_figure():
    run = _run()
    s = surface_3d(run.history, run.prepared.X_train, run.prepared.train.Y)
    fig = surface3d_figure(s, texts=FIGURES)
    assert isinstance(fig.data[0], go.Surface) and fig.data[1].name == "descent path"
    assert fig.layout.scene.xaxis.title.text == "w1"
    assert len(pio.to_json(fig)) < 100_000


def test_the_player_plays_at_30_frames_a_second_and_slower_to_read():
    from logreg_core.figures.player import FPS, SPEEDS

    speeds = list(SPEEDS.values())
    assert speeds[0] == FPS >= 30  # the default Play
    assert min(speeds) <= FPS / 4  # and a slower one, to read the numbers step by step
