"""logreg_core.animation: frames, meshes, boundaries and cost surfaces, against references."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from logreg_core.animation import MAX_FRAMES, animation_data, frame_indices
from logreg_core.cost_panel import SURFACE_BUDGET, cost_panel, surface_3d
from logreg_core.data import Note, Standardizer, make_dataset
from logreg_core.data_panel import (
    boundary_crossings,
    boundary_segment,
    contour_segments,
    data_bounds,
    data_panel,
)
from logreg_core.features import apply_features
from logreg_core.model import accuracy, cost, sigmoid
from logreg_core.train import train

# ----------------------------------------------------------------------------
# frames
# ----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    k=st.integers(1, 3000),
    n=st.integers(2, MAX_FRAMES),
    spacing=st.sampled_from(["log", "uniform"]),
    stride=st.integers(1, 50),
)
def test_frames_are_distinct_increasing_with_first_and_last(k, n, spacing, stride):
    steps = np.arange(k) * stride
    idx = frame_indices(steps, n, spacing)
    assert idx.size == min(k, n)
    assert idx[0] == 0 and idx[-1] == k - 1
    assert np.all(np.diff(idx) > 0)


def test_log_spacing_puts_more_frames_at_the_start_than_uniform():
    steps = np.arange(1001)
    log = frame_indices(steps, 60, "log")
    uniform = frame_indices(steps, 60, "uniform")
    assert np.sum(steps[log] < 100) > 20
    assert np.sum(steps[uniform] < 100) <= 6
    np.testing.assert_array_equal(log[:10], np.arange(10))  # the first steps one by one


def test_frames_follow_a_sparse_history():
    h = train(*_blobs(), learning_rate=0.5, num_iterations=30_000, max_records=300)
    idx = frame_indices(h.steps, 120, "log")
    assert idx.size == 120 and h.steps[idx[-1]] == h.steps[-1]


@pytest.mark.parametrize(
    "kw, match",
    [
        ({"n_frames": 1}, "n_frames must be between 2"),
        ({"n_frames": MAX_FRAMES + 1}, "n_frames must be between 2"),
        ({"n_frames": 2.5}, "n_frames must be a whole number, got 2.5"),
        ({"spacing": "cubic"}, "spacing must be one of"),
    ],
)
def test_frame_arguments_are_checked(kw, match):
    with pytest.raises(ValueError, match=match):
        frame_indices(np.arange(10), **kw)


def test_frames_need_steps():
    with pytest.raises(ValueError, match="non-empty 1-D"):
        frame_indices(np.array([]))


# ----------------------------------------------------------------------------
# panel 1: boundaries
# ----------------------------------------------------------------------------

BOX = ((-3.0, 3.0), (-2.0, 2.0))


@settings(max_examples=200, deadline=None)
@given(
    w1=st.floats(-5, 5),
    w2=st.floats(-5, 5),
    b=st.floats(-8, 8),
)
def test_boundary_segment_lies_on_the_line_inside_the_box(w1, w2, b):
    seg = boundary_segment((w1, w2), b, BOX)
    assert seg.shape == (2, 2)
    if np.all(np.isnan(seg)):
        # no boundary inside: w = 0, or one sign of z over the whole box
        corners = np.array([[x, y] for x in BOX[0] for y in BOX[1]])
        z = corners @ np.array([w1, w2]) + b
        assert (w1 == 0 and w2 == 0) or np.all(z >= -1e-9) or np.all(z <= 1e-9)
        return
    x, y = seg
    scale = max(abs(w1), abs(w2))
    np.testing.assert_allclose((w1 * x + w2 * y + b) / scale, 0, atol=1e-9)
    assert np.all((x >= BOX[0][0] - 1e-9) & (x <= BOX[0][1] + 1e-9))
    assert np.all((y >= BOX[1][0] - 1e-9) & (y <= BOX[1][1] + 1e-9))


def test_vertical_boundary_when_w2_is_zero():
    seg = boundary_segment((2.0, 0.0), -1.0, BOX)
    np.testing.assert_allclose(seg[0], [0.5, 0.5])
    np.testing.assert_allclose(sorted(seg[1]), [-2.0, 2.0])


def test_no_boundary_for_zero_weights_or_a_line_outside():
    assert np.all(np.isnan(boundary_segment((0.0, 0.0), 1.0, BOX)))
    assert np.all(np.isnan(boundary_segment((1.0, 0.0), -10.0, BOX)))


def test_crossings_of_a_linear_z_are_exact():
    grid = np.linspace(-3, 3, 7)
    np.testing.assert_allclose(boundary_crossings(grid, 2.0 * grid - 1.3), [0.65])
    assert boundary_crossings(grid, grid * 0 + 1.0).size == 0
    np.testing.assert_allclose(boundary_crossings(grid, grid**2 - 1.0), [-1.0, 1.0], atol=0.1)


def test_contour_segments_of_a_circle():
    g = np.linspace(-2, 2, 81)
    U, V = np.meshgrid(g, g)
    seg = contour_segments(g, g, U**2 + V**2 - 1.0)
    assert seg.shape[0] == 2 and seg.shape[1] % 3 == 0
    pts = seg[:, ~np.isnan(seg[0])]
    np.testing.assert_allclose(np.hypot(*pts), 1.0, atol=2e-3)
    assert np.all(np.isnan(seg[:, 2::3]))  # a NaN after every segment


@pytest.mark.parametrize("shift", [0.0, 0.013, 0.05])
def test_contour_segments_pair_saddles_correctly(shift):
    g = np.linspace(-2, 2, 41) + shift
    U, V = np.meshgrid(g, g)
    seg = contour_segments(g, g, U * V)
    mid = (seg[:, 0::3] + seg[:, 1::3]) / 2  # midpoints stay on the axes
    assert np.abs(mid[0] * mid[1]).max() < 3e-3


def test_contour_segments_empty_when_the_level_is_missed():
    g = np.linspace(0, 1, 5)
    assert contour_segments(g, g, np.ones((5, 5))).shape == (2, 0)


# ----------------------------------------------------------------------------
# panel 1: the mesh
# ----------------------------------------------------------------------------


def _blobs(m=120, seed=0, kind="gauss"):
    ds = make_dataset(kind, m, seed=seed)
    return ds.X, ds.Y


def test_probability_mesh_follows_the_example_path():
    ds = make_dataset("circles", 150, seed=2)
    names = ("x1", "x2", "x1²", "x2²")
    F, _ = apply_features(ds.X, names)
    scaler = Standardizer.fit(F)
    W = np.array([[0.3, -0.2, 1.0, 0.8], [0.0, 0.0, 0.0, 0.0]])
    B = np.array([-0.5, 0.0])
    box = data_bounds(ds.X)
    panel = data_panel(W, B, names, scaler, box, mesh=25)
    assert panel.a.shape == (2, 25, 25) and panel.a.dtype == np.float32
    # reference: one mesh point through features, standardizing, z, σ
    j, i = 7, 18
    x = np.array([[panel.grid1[i]], [panel.grid2[j]]], dtype=np.float64)
    f = scaler.transform(apply_features(x, names)[0])
    a = sigmoid(W[0] @ f + B[0])
    np.testing.assert_allclose(panel.a[0, j, i], a[0], rtol=1e-5)
    np.testing.assert_allclose(panel.a[1], 0.5)  # w = 0, b = 0: a = 1/2 everywhere
    assert panel.boundary[1].shape == (2, 0)  # and no boundary
    pts = panel.boundary[0][:, ~np.isnan(panel.boundary[0][0])]
    assert pts.shape[1] > 10
    z = W[0] @ scaler.transform(apply_features(pts, names)[0]) + B[0]
    assert np.abs(z).max() < 0.05  # the contour is where z = 0


def test_plain_features_give_the_exact_line_in_original_units():
    X, Y = _blobs()
    scaler = Standardizer.fit(X)
    h = train(scaler.transform(X), Y, learning_rate=0.5, num_iterations=50)
    box = data_bounds(X)
    panel = data_panel(h.w[-1:], h.b[-1:], ("x1", "x2"), scaler, box)
    seg = panel.boundary[0]
    z = h.w[-1] @ scaler.transform(seg) + h.b[-1]
    np.testing.assert_allclose(z, 0, atol=1e-9)


def test_one_input_boundary_is_the_point_where_a_is_half():
    ds = make_dataset("one_feature", 80, seed=1)
    box = data_bounds(ds.X)
    panel = data_panel(np.array([[2.0]]), np.array([-1.0]), ("x1",), None, box)
    assert panel.a.shape == (1, 200) and panel.grid2.size == 0
    np.testing.assert_allclose(panel.boundary[0], [0.5])


def test_data_bounds_pad_and_handle_constant_inputs():
    box = data_bounds(np.array([[0.0, 10.0], [5.0, 5.0]]))
    assert box[0] == (-1.0, 11.0)
    lo, hi = box[1]
    assert lo < 5.0 < hi
    with pytest.raises(ValueError, match="m ≥ 1"):
        data_bounds(np.empty((2, 0)))


# ----------------------------------------------------------------------------
# panel 2: the cost surface
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("l2", [0.0, 3.0])
def test_cost_panel_is_J_at_each_frames_bias(l2):
    X, Y = _blobs(90, seed=3)
    X3 = np.vstack([X, X[0] * X[1]])
    h = train(X3, Y, learning_rate=0.3, num_iterations=40, l2=l2)
    idx = frame_indices(h.steps, 8, "uniform")
    panel = cost_panel(h, idx, X3, Y, grid=11)
    assert panel.J.shape == (8, 11, 11) and panel.J.dtype == np.float32
    assert not panel.exact and panel.axis_names == ("w1", "w2")
    m = X3.shape[1]
    for f in (0, 5):
        i = idx[f]
        for r, c in ((0, 0), (4, 9), (10, 3)):
            w = h.w[i].copy()
            w[0], w[1] = panel.grid1[c], panel.grid2[r]
            ref = cost(w.reshape(-1, 1), h.b[i], X3, Y) + 0.5 * l2 / m * np.sum(w**2)
            np.testing.assert_allclose(panel.J[f, r, c], ref, rtol=2e-6)
    # the path stays inside the grid, and its point of each frame is the run's J
    assert panel.grid1[0] < panel.path1.min() and panel.path1.max() < panel.grid1[-1]
    assert panel.grid2[0] < panel.path2.min() and panel.path2.max() < panel.grid2[-1]
    np.testing.assert_allclose(panel.path1, h.w[idx, 0])
    assert np.all(np.isfinite(panel.J))


def test_one_weight_surface_is_the_exact_J_of_w_and_b():
    ds = make_dataset("one_feature", 60, seed=0)
    h = train(ds.X, ds.Y, learning_rate=1.0, num_iterations=30)
    idx = frame_indices(h.steps, 10)
    panel = cost_panel(h, idx, ds.X, ds.Y, grid=15)
    assert panel.exact and panel.axis_names == ("w1", "b") and panel.J.shape == (1, 15, 15)
    for r, c in ((0, 0), (7, 12)):
        ref = cost(np.array([[panel.grid1[c]]], dtype=float), float(panel.grid2[r]), ds.X, ds.Y)
        np.testing.assert_allclose(panel.J[0, r, c], ref, rtol=2e-6)
    np.testing.assert_allclose(panel.path2, h.b[idx])


def test_a_huge_data_set_uses_a_subset_for_the_contours_and_says_so():
    X, Y = _blobs(200, seed=4)
    h = train(X, Y, learning_rate=0.1, num_iterations=5)
    idx = frame_indices(h.steps, 6)
    m_big = SURFACE_BUDGET // (21 * 21 * 6) + 1000
    rng = np.random.default_rng(0)
    Xb = rng.normal(size=(2, m_big))
    Yb = (rng.random((1, m_big)) < 0.5).astype(int)
    panel = cost_panel(h, idx, Xb, Yb)
    assert panel.grid1.size == 21
    keep = SURFACE_BUDGET // (21 * 21 * 6)  # the examples the surfaces are computed on
    assert panel.notes == (Note("surface_subset", keep=keep, m=m_big),)


# ----------------------------------------------------------------------------
# the whole figure's data, and the 3-D view
# ----------------------------------------------------------------------------


def test_animation_data_shapes_and_accuracies():
    ds = make_dataset("gauss", 150, seed=5)
    Xtr, Ytr, Xte, Yte = ds.X[:, :120], ds.Y[:, :120], ds.X[:, 120:], ds.Y[:, 120:]
    h = train(Xtr, Ytr, learning_rate=0.2, num_iterations=300)
    anim = animation_data(
        h,
        Xtr,
        Ytr,
        Xte,
        Yte,
        feature_names=("x1", "x2"),
        standardizer=None,
        box=data_bounds(ds.X),
        n_frames=25,
    )
    assert anim.n_frames == 25
    assert anim.steps[0] == 0 and anim.steps[-1] == 300
    np.testing.assert_allclose(anim.cost, h.cost[anim.indices])
    f = 7
    w, b = h.w[anim.indices[f]].reshape(-1, 1), h.b[anim.indices[f]]
    assert anim.test_accuracy[f] == accuracy(w.T @ Xte + b, Yte)
    assert anim.train_accuracy[f] == h.accuracy[anim.indices[f]]
    assert anim.curve_cost.dtype == np.float32 and anim.data.a.dtype == np.float32


def test_no_test_examples_means_nan_test_accuracy():
    X, Y = _blobs(60)
    h = train(X, Y, learning_rate=0.2, num_iterations=20)
    anim = animation_data(
        h, X, Y, X[:, :0], Y[:, :0], feature_names=("x1", "x2"), standardizer=None,
        box=data_bounds(X), n_frames=5,
    )  # fmt: skip
    assert np.all(np.isnan(anim.test_accuracy)) and np.all(np.isnan(anim.curve_test_accuracy))


def test_3d_path_lies_on_the_surface():
    X, Y = _blobs(100, seed=6)
    h = train(X, Y, learning_rate=0.3, num_iterations=60, l2=1.0)
    s = surface_3d(h, X, Y, grid=9)
    assert s.J.shape == (9, 9) and s.b_fixed == h.final_b and not s.exact
    m = X.shape[1]
    for t in (0, 30, -1):
        w = np.array([[s.path1[t]], [s.path2[t]]], dtype=np.float64)
        ref = cost(w, h.final_b, X, Y) + 0.5 / m * float(np.sum(w**2))
        np.testing.assert_allclose(s.pathJ[t], ref, rtol=1e-5)
    ds = make_dataset("one_feature", 50, seed=1)
    h1 = train(ds.X, ds.Y, learning_rate=0.5, num_iterations=40)
    s1 = surface_3d(h1, ds.X, ds.Y, grid=9)
    assert s1.exact and s1.b_fixed is None
    np.testing.assert_allclose(s1.pathJ, h1.cost.astype(np.float32))


def test_cost_panel_can_sweep_any_two_weights():
    X, Y = _blobs(80, seed=7)
    X4 = np.vstack([X, X[0] ** 2, X[1] ** 2])
    h = train(X4, Y, learning_rate=0.3, num_iterations=20, l2=1.0)
    idx = frame_indices(h.steps, 4, "uniform")
    panel = cost_panel(h, idx, X4, Y, axes=(2, 3), grid=7)
    assert panel.axis_names == ("w3", "w4")
    np.testing.assert_allclose(panel.path2, h.w[idx, 3])
    i, m = idx[2], X4.shape[1]
    w = h.w[i].copy()
    w[2], w[3] = panel.grid1[5], panel.grid2[1]
    ref = cost(w.reshape(-1, 1), h.b[i], X4, Y) + 0.5 / m * float(np.sum(w**2))
    np.testing.assert_allclose(panel.J[2, 1, 5], ref, rtol=2e-6)
    s = surface_3d(h, X4, Y, axes=(1, 3), grid=7)
    assert s.axis_names == ("w2", "w4")
    w = h.final_w.copy()
    w[1, 0], w[3, 0] = s.path1[4], s.path2[4]
    ref = cost(w, h.final_b, X4, Y) + 0.5 / m * float(np.sum(w**2))
    np.testing.assert_allclose(s.pathJ[4], ref, rtol=1e-5)


@pytest.mark.parametrize("axes", [(0, 0), (0, 4), (-1, 1), "ab", None])
def test_cost_panel_axes_are_checked(axes):
    X, Y = _blobs(20)
    h = train(X, Y, learning_rate=0.1, num_iterations=2)
    with pytest.raises(ValueError, match="axes must be two"):
        cost_panel(h, np.array([0, 1]), X, Y, axes=axes)


def test_the_cost_panels_box_holds_an_earlier_runs_path_too():
    """A run drawn beside this one (its extent) stays on the surface: the grids cover both."""
    X, Y = _blobs(90, seed=3)
    slow = train(X, Y, learning_rate=0.1, num_iterations=50)
    fast = train(X, Y, learning_rate=3.0, num_iterations=50)
    idx = frame_indices(slow.steps, 8, "uniform")
    alone = cost_panel(slow, idx, X, Y, grid=11)
    extent = tuple((float(fast.w[:, j].min()), float(fast.w[:, j].max())) for j in (0, 1))
    beside = cost_panel(slow, idx, X, Y, grid=11, extent=extent)
    for grid, solo, (lo, hi), path in (
        (beside.grid1, alone.grid1, extent[0], slow.w[:, 0]),
        (beside.grid2, alone.grid2, extent[1], slow.w[:, 1]),
    ):
        assert grid[0] <= min(lo, path.min()) and grid[-1] >= max(hi, path.max())
        assert grid[-1] - grid[0] > solo[-1] - solo[0]  # the fast run went farther
