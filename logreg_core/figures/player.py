"""The Train page's animation as one binary payload for the canvas player (``ui/player_js/``).

Every number, colour, range and size the player draws comes from here, sent
once per run: a JSON header (texts, names, ``style`` from
:func:`.style.player_style`) and the arrays of every frame, each in the
smallest type a picture needs (a and the cost surfaces as bytes; the numbers
a student reads as they are).

Layout: 4 bytes, the header's length N (little-endian uint32); N bytes of
UTF-8 JSON; then each array at the byte offset the header gives (a multiple
of 8), little-endian.  :func:`read_payload` reads it back.

What may change while the run stays the same (the run before it, drawn for
comparison; whether a click on the cost surface starts a run; a run to play
from its first frame) travels in front of the payload, in a small block of the
same layout (:func:`player_data`, :func:`read_data`), so the player keeps the
run it holds when only that block changes.
"""

from __future__ import annotations

import json
import math
import struct
from collections.abc import Mapping, Sequence

import numpy as np

from ..animation import AnimationData, FrameNumbers
from ..data_panel import picture_array
from .playground import _axis_title, drawn_points
from .style import player_style, words

__all__ = [
    "BEFORE_ARRAYS",
    "EXTRAS_MARK",
    "FPS",
    "HAND",
    "PLAYER_TEXTS",
    "SPEEDS",
    "added_points",
    "kept_run",
    "player_data",
    "player_payload",
    "read_data",
    "read_payload",
]

#: Frames a second at 1× (each frame is one record of the run).
FPS = 30
#: Playback speeds: label -> frames a second.  ¼× is slow enough to read the numbers.
SPEEDS = {"1×": FPS, "¼×": FPS / 4}
#: The words the player draws (``texts`` must hold each key).
PLAYER_TEXTS = (
    "play",
    "pause",
    "speed",
    "frame",
    "step",
    "data_title",
    "cost_title",
    "cost_title_exact",
    "curves_title",
    "iteration_axis",
    "accuracy_axis",
    "cost_curve",
    "train_accuracy",
    "test_accuracy",
    "boundary",
    "path",
    "whole_path",
    "current",
    "train",
    "test",
    "label_axis",
    "graph_title",
    "example",
    "forward",
    "backward",
    "means",
    "update",
    "ends_here",
    "start_here",
    "start_keys",
    "added",
    "add_keys",
)
#: The first bytes of the player's data when an extras block comes before the payload
#: (a payload starts with its header's length, which is never this large).
EXTRAS_MARK = b"LRPX"
#: What the comparison keeps of a run: its whole path on the cost surface and its J curve.
BEFORE_ARRAYS = ("path1", "path2", "steps", "cost")
#: How the hand reaches the cost surface: a press that moves farther than ``slop`` CSS
#: pixels is a drag or a scroll, not a tap; the arrow keys move the keyboard's cross by
#: ``step`` of the plot's side (``fine_step`` with Shift).  A point a click added is ringed
#: at ``added_ring`` times a point's radius.  The run before is drawn at
#: ``before_alpha`` with ``before_dash``, in the colours of the path and of the cost curve.
HAND = {
    "slop": 10,
    "step": 0.05,
    "fine_step": 0.01,
    "added_ring": 1.9,
    "before_alpha": 0.55,
    "before_dash": [7, 5],
}

#: The payload's array types, by the code its header gives.
_DTYPES = {"u1": np.uint8, "i4": np.int32, "f4": np.float32, "f8": np.float64}
_CODES = {dtype: code for code, dtype in _DTYPES.items()}


def _bytes_of(a) -> np.ndarray:
    """Values in [0, 1] as 0 … 255."""
    return np.rint(np.clip(np.asarray(a, dtype=np.float64), 0.0, 1.0) * 255).astype(np.uint8)


def _finite(values, fill: float) -> np.ndarray:
    a = np.asarray(values, dtype=np.float64)
    return np.where(np.isfinite(a), a, fill)


def _points(X_train, Y_train, X_test, Y_test) -> dict[str, np.ndarray]:
    """Position, class and part of the drawn points: those of the plotly figures."""
    train, test = drawn_points(X_train, Y_train, 0), drawn_points(X_test, Y_test, 1)
    _, x, y, label = (np.concatenate(pair) for pair in zip(train, test, strict=True))
    return {
        "px": picture_array(x),
        "py": picture_array(y),
        "pclass": label.astype(np.uint8),
        "ppart": np.repeat([0, 1], [train[0].size, test[0].size]).astype(np.uint8),
    }


def _boundaries(anim: AnimationData) -> tuple[np.ndarray, np.ndarray]:
    """Every frame's boundary as one float32 run of (x, y) pairs, and each frame's start.

    Two inputs: polylines with NaN pairs between pieces.  One input: the
    crossings along x1 as (x, NaN) pairs (drawn as vertical lines).
    """
    pieces, starts = [], [0]
    for bd in anim.data.boundary:
        bd = np.asarray(bd, dtype=np.float64)
        one = anim.data.n_inputs == 1
        pieces.append(np.column_stack([bd.ravel(), np.full(bd.size, np.nan)]) if one else bd.T)
        starts.append(starts[-1] + len(pieces[-1]))
    return picture_array(np.concatenate(pieces)).ravel(), np.asarray(starts, dtype=np.int32)


def _cost_bytes(J) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each surface as bytes on a log scale of its own range, with that range (float64).

    J spans orders of magnitude over a surface (on separable data it falls
    towards 0 along a whole valley), so equal steps of log J, not of J, get
    the colour bands: the bowl's shape shows at every frame.
    """
    J = np.asarray(J, dtype=np.float64)
    flat = J.reshape(len(J), -1)
    lo, hi = flat.min(axis=1), flat.max(axis=1)
    floor = np.maximum(lo, 1e-12 * np.maximum(hi, 1e-300))[:, None, None]
    logs = np.log(np.maximum(J, floor))
    llo, lhi = np.log(floor), np.log(np.maximum(hi[:, None, None], floor))
    scaled = (logs - llo) / np.maximum(lhi - llo, 1e-12)
    return _bytes_of(scaled), lo, hi


def player_payload(
    anim: AnimationData,
    numbers: FrameNumbers,
    X_train,
    Y_train,
    X_test,
    Y_test,
    *,
    input_names: Sequence[str],
    class_names: Sequence[str],
    texts: Mapping[str, str],
    l2: float = 0.0,
    presenter: bool = False,
) -> bytes:
    """Everything the canvas player draws, for every frame, as bytes.

    Parameters
    ----------
    anim : AnimationData
        The frames and panel arrays (:func:`logreg_core.animation.animation_data`).
    numbers : FrameNumbers
        The same frames' numbers for one example (:func:`.animation.frame_numbers`).
    X_train, Y_train, X_test, Y_test : ndarrays
        Raw inputs (n_inputs, m) and labels (1, m) of each part.
    input_names : sequence of str
        Names of the raw inputs (drawn as text, never as markup).
    class_names : (str, str)
    texts : mapping of str to str
        The words of :data:`PLAYER_TEXTS`, in the page's language.
    l2 : float, default 0.0
        λ of the run (the means and the update include (λ/m)·w when λ > 0).
    presenter : bool, default False
        Larger text and lines, for a projector.

    Returns
    -------
    bytes
        The header and arrays described in the module's docstring.

    Raises
    ------
    ValueError
        If ``numbers`` has another count of frames than ``anim``, or ``texts`` lacks a key.
    """
    F = anim.n_frames
    if numbers.w.shape[0] != F:
        raise ValueError(f"numbers must hold {F} frames, got {numbers.w.shape[0]}")
    panel, s = anim.data, anim.surface
    bx, bstart = _boundaries(anim)
    jbytes, jlo, jhi = _cost_bytes(s.J)
    arrays: dict[str, np.ndarray] = {
        "steps": anim.steps.astype(np.int32),
        "cost": anim.cost.astype(np.float64),
        "acc_train": anim.train_accuracy.astype(np.float64),
        "acc_test": _finite(anim.test_accuracy, -1.0),
        "field": _bytes_of(panel.a),
        "grid1": picture_array(panel.grid1),
        "grid2": picture_array(panel.grid2),
        "boundary": bx,
        "boundary_start": bstart,
        "surface": jbytes,
        "surface_lo": jlo,
        "surface_hi": jhi,
        "sgrid1": picture_array(s.grid1),
        "sgrid2": picture_array(s.grid2),
        "path1": s.path1.astype(np.float64),
        "path2": s.path2.astype(np.float64),
        "full1": picture_array(s.full1),
        "full2": picture_array(s.full2),
        "curve_steps": picture_array(anim.curve_steps),
        "curve_cost": picture_array(anim.curve_cost),
        "curve_train": picture_array(_finite(anim.curve_train_accuracy, -1.0)),
        "curve_test": picture_array(_finite(anim.curve_test_accuracy, -1.0)),
        "w": numbers.w,
        "b": numbers.b,
        **{name: getattr(numbers.values, name) for name in ("z", "a", "loss", "da", "dz")},
        "dw_i": numbers.values.dw.T,
        **{name: getattr(numbers, name) for name in ("dw", "db", "next_w", "next_b")},
        **_points(X_train, Y_train, X_test, Y_test),
    }
    has_test = bool(np.any(np.isfinite(anim.test_accuracy)))
    u, v = s.axis_names
    texts = words(texts, PLAYER_TEXTS)
    header = {
        "version": 1,
        "frames": F,
        "start": F - 1,  # the last frame, until Play is pressed
        "speeds": [[label, fps] for label, fps in SPEEDS.items()],
        "inputs": panel.n_inputs,
        "n": int(numbers.w.shape[1]),
        "field_shape": [F, max(panel.grid2.size, 1), panel.grid1.size],
        "surface_shape": list(s.J.shape),
        "box": [list(b) for b in panel.box],
        "surface_exact": bool(s.exact),
        "surface_axes": [u, v],
        "surface_titles": [_axis_title(u, anim.feature_names), _axis_title(v, anim.feature_names)],
        "has_test": has_test,
        "feature_names": list(anim.feature_names),
        "input_names": [str(n) for n in input_names],
        "class_names": [str(c) for c in class_names],
        "example": numbers.example,
        "x": numbers.x.tolist(),
        "y": numbers.y,
        "alpha": numbers.alpha,
        "l2": float(l2),
        "presenter": bool(presenter),
        "style": player_style(),
        "texts": texts,
    }
    return _pack(header, arrays)


def _pack(header: dict, arrays: Mapping[str, np.ndarray]) -> bytes:
    """The header's length, the header (each array's place added as ``"arrays"``), the arrays."""
    header["arrays"] = {}
    blobs, offset = [], 0
    for name, a in arrays.items():
        a = np.ascontiguousarray(a)
        code = _CODES.get(a.dtype.type)
        if code is None:
            raise ValueError(f"array {name!r} has an unsupported dtype {a.dtype}")
        raw = a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes()
        header["arrays"][name] = [offset, code, list(a.shape)]
        pad = (-len(raw)) % 8
        blobs.append(raw + b"\0" * pad)
        offset += len(raw) + pad
    text = json.dumps(header, ensure_ascii=False, allow_nan=False).encode("utf-8")
    text += b" " * ((-(4 + len(text))) % 8)
    return struct.pack("<I", len(text)) + text + b"".join(blobs)


def read_payload(payload: bytes) -> tuple[dict, dict[str, np.ndarray]]:
    """The header and the arrays of a :func:`player_payload` (as the browser reads them).

    The player's data (:func:`player_data`) is read too: its payload, past the extras.

    Returns
    -------
    header : dict
    arrays : dict of str to ndarray
        Each with its shape and dtype.
    """
    if payload.startswith(EXTRAS_MARK):
        payload = read_data(payload)[2]
    (n,) = struct.unpack_from("<I", payload, 0)
    header = json.loads(payload[4 : 4 + n].decode("utf-8"))
    base = 4 + n
    arrays = {}
    for name, (offset, code, shape) in header["arrays"].items():
        dtype = np.dtype(_DTYPES[code]).newbyteorder("<")
        count = math.prod(shape)
        arrays[name] = np.frombuffer(payload, dtype=dtype, count=count, offset=base + offset)
        arrays[name] = arrays[name].reshape(shape)
    return header, arrays


def kept_run(anim: AnimationData) -> dict[str, np.ndarray]:
    """What the comparison keeps of a run: its whole path and its J curve, float32.

    Returns
    -------
    dict of str to ndarray of shape (c,), float32
        ``path1``, ``path2``: the two parameters the cost panel sweeps, at (at
        most MAX_CURVE_POINTS of) the run's records; ``steps``, ``cost``: J
        against the update count at the same records.
    """
    s = anim.surface
    arrays = (s.full1, s.full2, anim.curve_steps, anim.curve_cost)
    return {
        name: np.asarray(a, dtype=np.float32) for name, a in zip(BEFORE_ARRAYS, arrays, strict=True)
    }


def added_points(X_train, Y_train, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Where the player draws the last ``k`` training examples (the points clicks added).

    Parameters
    ----------
    X_train : ndarray of shape (n_inputs, m)
        Raw inputs of the training part (1 or 2 rows); its last ``k`` columns
        are the added points.
    Y_train : ndarray of shape (1, m)
    k : int
        0 ≤ k ≤ m.

    Returns
    -------
    x, y, label : ndarrays of shape (k,)
        Their positions as :func:`.playground.drawn_points` draws every
        training point (one input: the label jittered the same way), and their class.
    """
    m = np.asarray(Y_train).shape[1]
    _, x, y, label = drawn_points(X_train, Y_train, 0, limit=max(m, 1))
    return x[m - k :], y[m - k :], label[m - k :]


def player_data(
    payload: bytes,
    *,
    before: Mapping[str, np.ndarray] | None = None,
    before_label: str = "",
    clickable: bool = False,
    addable: bool = False,
    added=None,
    add_class: int = 1,
    play: int = 0,
    answered: int = 0,
) -> bytes:
    """The player's data: a small block of what changes without a new run, then the payload.

    Parameters
    ----------
    payload : bytes
        A :func:`player_payload`.
    before : mapping of str to ndarray of shape (c,), optional
        :func:`kept_run` of the run before, drawn faint under this one.
    before_label : str, default ""
        What changed since that run, in the page's language ("before: α = 0.1").
    clickable : bool, default False
        A click (a tap, the keyboard's Enter) on the cost surface starts a run there.
    addable : bool, default False
        A click (a tap) on the data panel adds a training example there, of
        class ``add_class``; one on a point a click added removes it.
    added : (x, y, label) of ndarrays of shape (k,), optional
        Where the points that clicks added are drawn (:func:`.playground.drawn_points`
        of the last k training examples), and their class: drawn ringed.
    add_class : {0, 1}, default 1
        The class a click adds (its marker shows where the point will be).
    play : int, default 0
        Not 0: play the run from its first frame, once for this number.
    answered : int, default 0
        Clicks the page has read: when it changes, the player drops the mark
        of a click still waiting for its run (a click that started none).

    Returns
    -------
    bytes
        :data:`EXTRAS_MARK`, the block's length (uint32), the block (the
        payload's layout: a JSON header ``{"clickable", "addable",
        "add_class", "play", "answered", "hand", "before"}``, the arrays of
        ``before`` and ``added_x``, ``added_y``, ``added_class``), then ``payload``.

    Raises
    ------
    ValueError
        If ``before`` lacks one of :data:`BEFORE_ARRAYS`.
    """
    header = {
        "clickable": bool(clickable),
        "addable": bool(addable),
        "add_class": 1 if add_class == 1 else 0,
        "play": int(play),
        "answered": int(answered),
        "hand": HAND,
        "before": None,
    }
    arrays: dict[str, np.ndarray] = {}
    if before is not None:
        missing = [name for name in BEFORE_ARRAYS if name not in before]
        if missing:
            raise ValueError(f"before lacks the arrays {missing}")
        header["before"] = {"label": str(before_label)}
        arrays = {name: _finite(before[name], np.nan).astype(np.float32) for name in BEFORE_ARRAYS}
    if added is not None and len(added[0]):
        x, y, label = added
        arrays["added_x"], arrays["added_y"] = picture_array(x), picture_array(y)
        arrays["added_class"] = np.asarray(label).astype(np.uint8)
    block = _pack(header, arrays)
    return EXTRAS_MARK + struct.pack("<I", len(block)) + block + payload


def read_data(data: bytes) -> tuple[dict | None, dict[str, np.ndarray], bytes]:
    """The extras block's header and arrays (None and {} without a block), and the payload."""
    if not data.startswith(EXTRAS_MARK):
        return None, {}, data
    (n,) = struct.unpack_from("<I", data, len(EXTRAS_MARK))
    start = len(EXTRAS_MARK) + 4
    header, arrays = read_payload(data[start : start + n])  # the block has the payload's layout
    return header, arrays, data[start + n :]
