"""Data sets: the one place where examples become ``X`` of shape (n, m) and ``Y`` of shape (1, m).

A :class:`Dataset` comes from :func:`make_dataset` (synthetic, from a seed, or
a real data set kept in ``logreg_core/datasets/``: :func:`load_penguins`),
from a CSV file or from a table edited on screen (:mod:`logreg_core.csv_io`);
:func:`train_test_split` holds out a stratified test part, and
:class:`Standardizer` rescales features with the training part's statistics.
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .checks import real, whole

__all__ = [
    "DATASET_KINDS",
    "DEFAULT_NOISE",
    "KINDS",
    "MAX_ROWS",
    "PENGUINS",
    "DataError",
    "Dataset",
    "Kind",
    "Note",
    "Standardizer",
    "load_penguins",
    "make_dataset",
    "train_test_split",
]


class DataError(ValueError):
    """Data that cannot be used: a code naming the problem, and the values it names.

    The page words it from its catalogue (``errors.<code>``, fields named as
    the params); ``str(err)`` is the code and the params, such as
    ``not_a_number(column="'x'", row=11, value="'abc'")``, for a caller or a log.

    Parameters
    ----------
    code : str
        A stable name of the problem, such as "empty_file" or "not_a_number".
    **params
        The values it names: numbers, texts (a column name or a cell, already
        in quotes), or lists of such texts.
    """

    def __init__(self, code: str, /, **params):
        self.code = str(code)
        self.params = params
        super().__init__(_compact(self.code, params))

    def __reduce__(self):
        return (_rebuild, (type(self), self.code, self.params))


class Note(str):
    """A note on a data set: a code and the values it names, worded by the page.

    A ``str`` in the compact form of :class:`DataError` (``blank_rows(count=2)``), with
    its ``code`` and ``params``; the catalogue keys are ``data.note_<code>`` (a
    loaded file) or ``train.note_<code>`` (a cost surface).
    """

    code: str
    params: dict

    def __new__(cls, code: str, /, **params) -> Note:
        note = super().__new__(cls, _compact(code, params))
        note.code = str(code)
        note.params = params
        return note

    def __reduce__(self):
        return (_rebuild, (type(self), self.code, self.params))


def _compact(code: str, params: dict) -> str:
    return f"{code}({', '.join(f'{name}={value!r}' for name, value in params.items())})"


def _rebuild(cls, code: str, params: dict):
    return cls(code, **params)


@dataclass(frozen=True, eq=False)
class Dataset:
    """Examples in the article's layout: one column per example.

    Parameters
    ----------
    X : array_like of shape (n, m)
        Features, n ≥ 1 rows (features) by m ≥ 0 columns (examples); stored as a
        read-only float64 copy.  Every value must be finite.
    Y : array_like of shape (1, m)
        Labels 0/1; stored as a read-only int64 copy.
    feature_names : sequence of str
        n distinct names, one per row of ``X``; stored as a tuple.
    label_name : str, default "y"
        Name of the label, distinct from the feature names.
    class_names : pair of str, default ("0", "1")
        Names of the negative class (y = 0) and the positive class (y = 1).
    notes : sequence of str, default ()
        Where the data came from and what was done to it: a :class:`Note` or a sentence.

    Raises
    ------
    ValueError
        If a shape, a label value or a name is wrong; the message says which.

    Notes
    -----
    ``m = 0`` is allowed: a test part of share 0.  Equal data sets have equal
    arrays and names.
    """

    X: np.ndarray
    Y: np.ndarray
    feature_names: tuple[str, ...]
    label_name: str = "y"
    class_names: tuple[str, str] = ("0", "1")
    notes: tuple[str, ...] = ()

    def __post_init__(self):
        X = np.array(self.X, dtype=np.float64)
        if X.ndim != 2 or X.shape[0] < 1:
            raise ValueError(f"X must have shape (n, m) with n >= 1, got shape {X.shape}")
        if not np.all(np.isfinite(X)):
            raise ValueError("X must hold finite numbers only, but it holds NaN or inf")
        m = X.shape[1]
        Y_in = np.asarray(self.Y)
        if Y_in.shape != (1, m):
            raise ValueError(f"Y must have shape (1, m) = (1, {m}) to match X, got {Y_in.shape}")
        if not np.all((Y_in == 0) | (Y_in == 1)):
            bad = Y_in[(Y_in != 0) & (Y_in != 1)][0].item()
            raise ValueError(f"Y must hold only the labels 0 and 1, got {bad!r}")
        Y = Y_in.astype(np.int64)
        if isinstance(self.feature_names, str):
            raise ValueError(
                f"feature_names must be a sequence of names, got {self.feature_names!r}"
            )
        names = tuple(str(name) for name in self.feature_names)
        if len(names) != X.shape[0]:
            raise ValueError(
                f"feature_names must have one name per row of X ({X.shape[0]}), got {names!r}"
            )
        if len(set(names)) != len(names):
            raise ValueError(f"feature_names must be distinct, got {names!r}")
        label_name = str(self.label_name)
        if label_name in names:
            raise ValueError(f"label_name {label_name!r} must differ from the feature names")
        class_names = tuple(str(name) for name in self.class_names)
        if len(class_names) != 2 or class_names[0] == class_names[1]:
            raise ValueError(
                f"class_names must be two distinct names (negative, positive), got {class_names!r}"
            )
        X.flags.writeable = False
        Y.flags.writeable = False
        for attr, value in [
            ("X", X),
            ("Y", Y),
            ("feature_names", names),
            ("label_name", label_name),
            ("class_names", class_names),
            ("notes", tuple(n if isinstance(n, str) else str(n) for n in self.notes)),
        ]:
            object.__setattr__(self, attr, value)

    def __eq__(self, other):
        if not isinstance(other, Dataset):
            return NotImplemented
        return (
            np.array_equal(self.X, other.X)
            and np.array_equal(self.Y, other.Y)
            and (self.feature_names, self.label_name, self.class_names, self.notes)
            == (other.feature_names, other.label_name, other.class_names, other.notes)
        )

    __hash__ = None  # arrays are not hashable

    @property
    def n_features(self) -> int:
        """n, the number of features (rows of ``X``)."""
        return self.X.shape[0]

    @property
    def n_samples(self) -> int:
        """m, the number of examples (columns of ``X``)."""
        return self.X.shape[1]

    @property
    def class_counts(self) -> tuple[int, int]:
        """(number of examples with y = 0, number with y = 1)."""
        n_pos = int(self.Y.sum())
        return (self.n_samples - n_pos, n_pos)

    def subset(self, idx) -> Dataset:
        """``X[:, idx]`` and ``Y[:, idx]`` (``idx``: ints, or bools of shape (m,)), same names."""
        idx = np.asarray(idx)
        if idx.size == 0:
            idx = idx.astype(np.intp)
        return replace(self, X=self.X[:, idx], Y=self.Y[:, idx])


#: The most examples a data set may hold: generated, or the rows of a CSV file.
MAX_ROWS = 100_000

#: The direction along which the blobs of "linear" and "gauss" are set apart.
_DIAGONAL = np.array([[1.0], [1.0]]) / math.sqrt(2.0)


def _blobs(rng, n_neg, n_pos, noise, separation):
    """Two round Gaussian blobs, centres ∓ separation/2 along the diagonal (1, 1)/√2."""
    centre = _DIAGONAL * (separation / 2)
    X0 = -centre + noise * rng.standard_normal((2, n_neg))
    X1 = centre + noise * rng.standard_normal((2, n_pos))
    return X0, X1


def _xor(rng, n_neg, n_pos, noise):
    """Clusters at (±1.5, ±1.5); class 1 in quadrants I and III, class 0 in II and IV."""

    def two_clusters(k, signs):
        half = k // 2
        centres = np.repeat(np.array(signs, dtype=float).T, [half, k - half], axis=1)
        return 1.5 * centres + noise * rng.standard_normal((2, k))

    return two_clusters(n_neg, [(-1, 1), (1, -1)]), two_clusters(n_pos, [(1, 1), (-1, -1)])


def _polar(r, theta):
    return np.vstack([r * np.cos(theta), r * np.sin(theta)])


def _circles(rng, n_neg, n_pos, noise):
    """Class 1: a disk of radius 1; class 0: a ring of radii 2 to 3 (uniform by area)."""
    r1 = np.sqrt(rng.uniform(0.0, 1.0, n_pos))
    r0 = np.sqrt(rng.uniform(4.0, 9.0, n_neg))
    X1 = _polar(r1, rng.uniform(0.0, 2 * np.pi, n_pos))
    X0 = _polar(r0, rng.uniform(0.0, 2 * np.pi, n_neg))
    return X0 + noise * rng.standard_normal(X0.shape), X1 + noise * rng.standard_normal(X1.shape)


def _moons(rng, n_neg, n_pos, noise):
    """scikit-learn's two moons, centred and scaled by 2: class 0 the upper, class 1 the lower."""
    t0 = rng.uniform(0.0, np.pi, n_neg)
    t1 = rng.uniform(0.0, np.pi, n_pos)
    X0 = np.vstack([np.cos(t0), np.sin(t0)])
    X1 = np.vstack([1.0 - np.cos(t1), 0.5 - np.sin(t1)])
    shift = np.array([[0.5], [0.25]])
    X0, X1 = 2.0 * (X0 - shift), 2.0 * (X1 - shift)
    return X0 + noise * rng.standard_normal(X0.shape), X1 + noise * rng.standard_normal(X1.shape)


#: Spiral arms: radius r = 0.5 + 3 t, angle θ = 2π · 1.25 · t (+ π for class 1), t in [0, 1].
_SPIRAL_TURNS = 1.25


def _spiral(rng, n_neg, n_pos, noise):
    """Two interleaved Archimedean arms, the second turned by half a turn."""

    def arm(k, offset):
        t = rng.uniform(0.0, 1.0, k)
        X = _polar(0.5 + 3.0 * t, 2 * np.pi * _SPIRAL_TURNS * t + offset)
        return X + noise * rng.standard_normal(X.shape)

    return arm(n_neg, 0.0), arm(n_pos, np.pi)


def _one_feature(rng, n_neg, n_pos, noise):
    """Two 1-D Gaussians, overlapping: class 0 around -0.5, class 1 around 1.5."""
    X0 = -0.5 + noise * rng.standard_normal((1, n_neg))
    X1 = 1.5 + noise * rng.standard_normal((1, n_pos))
    return X0, X1


#: The Palmer penguins file (CC0; its source and citation in ``datasets/README.md``).
PENGUINS = Path(__file__).resolve().parent / "datasets" / "penguins.csv"
#: The two species the kind "penguins" reads, as (y = 0, y = 1).
_PENGUIN_SPECIES = ("Adelie", "Chinstrap")
#: Its two measurements: the file's column and the feature's name, with its unit.
_PENGUIN_COLUMNS = {"bill_length_mm": "bill length (mm)", "body_mass_g": "body mass (g)"}
#: The addresses its citation names: the R package's site and DOI, the article's DOI.
_PENGUIN_LINKS = (
    ("url", "https://allisonhorst.github.io/palmerpenguins/"),
    ("doi", "https://doi.org/10.5281/zenodo.3960218"),
    ("article", "https://doi.org/10.1371/journal.pone.0090081"),
)


@functools.cache
def load_penguins() -> Dataset:
    """Adelie and Chinstrap penguins by bill length (mm) and body mass (g), from :data:`PENGUINS`.

    The rows of the two species in the file's order; a row missing either
    measurement (written ``NA``) is dropped and named in a note.  Read once,
    then shared (a :class:`Dataset` is read-only).

    Returns
    -------
    Dataset
        ``X`` of shape (2, 219): row 0 the bill length in mm, row 1 the body
        mass in g, named "bill length (mm)" and "body mass (g)"; ``Y`` of shape
        (1, 219), label "species", classes ("Adelie", "Chinstrap"): 151
        Adelie (y = 0) and 68 Chinstrap (y = 1).  ``notes``: a
        :class:`Note` "penguins" (how many of the file's penguins and of each
        species) and a Note "excluded_rows" (the dropped row, numbered as a
        spreadsheet numbers it: the header is row 1).

    Raises
    ------
    ValueError
        If the file lacks a column it needs or holds a measurement that is not a number.
    """
    columns = ("species", *_PENGUIN_COLUMNS)
    values, labels, dropped, total = [], [], [], 0
    with PENGUINS.open(newline="", encoding="utf-8") as file:
        reader = csv.DictReader(file)
        missing = [c for c in columns if c not in (reader.fieldnames or ())]
        if missing:
            raise ValueError(f"{PENGUINS.name} must have the columns {missing}")
        for row_number, row in enumerate(reader, start=2):  # row 1 is the header
            total += 1
            if row["species"] not in _PENGUIN_SPECIES:
                continue
            cells = [row[c] for c in _PENGUIN_COLUMNS]
            if "NA" in cells:
                dropped.append(row_number)
                continue
            values.append([float(cell) for cell in cells])
            labels.append(_PENGUIN_SPECIES.index(row["species"]))
    X = np.array(values, dtype=np.float64).T
    Y = np.array(labels, dtype=np.int64).reshape(1, -1)
    n_pos = int(Y.sum())
    notes = [
        Note(
            "penguins",
            m=Y.shape[1],
            total=total,
            negative=_PENGUIN_SPECIES[0],
            positive=_PENGUIN_SPECIES[1],
            n_neg=Y.shape[1] - n_pos,
            n_pos=n_pos,
        )
    ]
    if dropped:
        rows = ", ".join(map(str, dropped))
        notes.append(Note("excluded_rows", count=len(dropped), rows=rows, header_row=1))
    return Dataset(
        X, Y, tuple(_PENGUIN_COLUMNS.values()), "species", _PENGUIN_SPECIES, tuple(notes)
    )


@dataclass(frozen=True)
class Kind:
    """One kind of data: drawn by a generator from a seed, or a real data set read from a file.

    Parameters
    ----------
    name : str
        Its key in :data:`KINDS`, in a link (``?kind=moons``) and in its words'
        catalogue keys.
    draw : callable (rng, n_neg, n_pos, noise[, separation]) -> (X0, X1), or None
        The generator: the examples of class 0, of shape (n_inputs, n_neg),
        and of class 1, of shape (n_inputs, n_pos), drawn from the
        ``np.random.Generator`` ``rng`` only; ``separation`` if the kind has one.
        None for real data (``load``).
    noise : float
        Standard deviation of the Gaussian noise when ``noise=None``, ≥ 0; 0 for real data.
    n_inputs : int, default 2
        Rows of ``X``, the inputs x1 (and x2) that the feature maps use: 1 or 2.
    separation : float or None, default None
        Distance between the class centres when ``separation=None``; None: the
        kind has no separation (and ignores the argument).
    load : callable () -> Dataset, or None, default None
        Real data: the data set itself, with ``n_inputs`` features and its
        names, units and class names; the number of examples, the noise, the
        balance and the seed do not change it (the seed still splits it).
        Exactly one of ``draw`` and ``load`` is given.
    links : tuple of (str, str) pairs, default ()
        Real data: the web addresses its citation names, as (field, address)
        pairs that fill the fields of the ``cite_key`` text (an address is
        kept out of the catalogues' words).

    Attributes
    ----------
    generated : bool
        True for a generator (``draw``), False for real data (``load``): the
        controls of the number of examples, the noise and the balance apply
        only to generated kinds.
    label_key, hint_key : str
        The catalogue keys of its words in ``ui/locales/*.toml``:
        ``texts.kind_<name>`` (its label in the kind picker) and
        ``texts.hint_<name>`` (what to try on the Features panel).
    cite_key : str or None
        Real data: the catalogue key of where it comes from, ``texts.cite_<name>``
        (its source, licence and citation); None for generated data.
    """

    name: str
    draw: Callable[..., tuple[np.ndarray, np.ndarray]] | None
    noise: float
    n_inputs: int = 2
    separation: float | None = None
    load: Callable[[], Dataset] | None = None
    links: tuple[tuple[str, str], ...] = ()
    generated: bool = field(init=False)
    label_key: str = field(init=False)
    hint_key: str = field(init=False)
    cite_key: str | None = field(init=False)

    def __post_init__(self):
        if not isinstance(self.name, str) or not self.name.isidentifier():
            raise ValueError(f"name must be a word of letters, digits and _, got {self.name!r}")
        if (self.draw is None) == (self.load is None):
            raise ValueError(
                f"give draw (generated data) or load (real data), not both or neither: "
                f"got draw={self.draw!r}, load={self.load!r}"
            )
        for role, value in (("draw", self.draw), ("load", self.load)):
            if value is not None and not callable(value):
                raise ValueError(f"{role} must be callable, got {value!r}")
        object.__setattr__(self, "noise", real("noise", self.noise, low=0.0))
        object.__setattr__(self, "n_inputs", whole("n_inputs", self.n_inputs, 1, 2))
        if self.separation is not None:
            separation = real("separation", self.separation, low=0.0)
            object.__setattr__(self, "separation", separation)
        object.__setattr__(self, "generated", self.load is None)
        object.__setattr__(self, "label_key", f"texts.kind_{self.name}")
        object.__setattr__(self, "hint_key", f"texts.hint_{self.name}")
        cite_key = None if self.generated else f"texts.cite_{self.name}"
        object.__setattr__(self, "cite_key", cite_key)
        links = tuple((str(name), str(address)) for name, address in self.links)
        object.__setattr__(self, "links", links)


#: The kinds of data :func:`make_dataset` makes, by name, in the picker's order
#: (each generator or loader says what it makes).  A new kind is one generator (or
#: loader) above and one entry here (plus its two words in ``ui/locales/*.toml``);
#: everything else reads this.
KINDS: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        Kind("linear", _blobs, noise=0.5, separation=3.0),  # a line separates them (almost)
        Kind("gauss", _blobs, noise=1.0, separation=1.5),  # no line does: a finite optimum
        Kind("xor", _xor, noise=0.5),
        Kind("circles", _circles, noise=0.2),
        Kind("moons", _moons, noise=0.2),
        Kind("spiral", _spiral, noise=0.2),
        Kind("one_feature", _one_feature, noise=1.0, n_inputs=1),
        Kind("penguins", None, noise=0.0, load=load_penguins, links=_PENGUIN_LINKS),  # mm and g
    )
}

#: The names of the kinds, and each one's noise when ``noise=None`` (read from KINDS at import).
DATASET_KINDS: tuple[str, ...] = tuple(KINDS)
DEFAULT_NOISE: dict[str, float] = {name: kind.noise for name, kind in KINDS.items()}


def make_dataset(
    kind: str,
    n_samples: int = 200,
    *,
    noise: float | None = None,
    balance: float = 0.5,
    seed: int = 0,
    separation: float | None = None,
) -> Dataset:
    """Draw a synthetic data set, or read a real one.

    Parameters
    ----------
    kind : str
        A name in :data:`KINDS`: linear, gauss, xor, circles, moons, spiral or
        one_feature (generated), or penguins (real data, :func:`load_penguins`:
        the other parameters are checked but do not change it).
    n_samples : int, default 200
        m, the number of examples, from 2 to 100,000.
    noise : float or None, default None
        Standard deviation of the Gaussian noise added to every coordinate,
        ≥ 0; None: the kind's own (:data:`DEFAULT_NOISE`).
    balance : float, default 0.5
        Share of positive examples, in (0, 1): ``m · balance`` rounded half up,
        kept between 1 and m - 1 so that both classes are present.
    seed : int, default 0
        Seed of the one ``np.random.Generator`` that draws and shuffles the examples.
    separation : float or None, default None
        Distance between the class centres, for linear and gauss only (None
        means 3.0 and 1.5); ignored by the other kinds.

    Returns
    -------
    Dataset
        Generated: ``X`` of shape (n_inputs, m), features ("x1", "x2") or
        ("x1",), label "y", classes ("0", "1"), examples in random order,
        within about [-4, 4] at the default noise.  Real: the kind's own data
        set, its names and notes.

    Raises
    ------
    ValueError
        For an unknown kind or a parameter out of range, naming it and its value.
    """
    spec = KINDS.get(kind) if isinstance(kind, str) else None
    if spec is None:
        raise ValueError(f"kind must be one of {tuple(KINDS)}, got {kind!r}")
    m = whole("n_samples", n_samples, 2, MAX_ROWS)
    noise = real("noise", spec.noise if noise is None else noise, low=0.0)
    balance = real("balance", balance, low=0.0, high=1.0, low_open=True, high_open=True)
    seed = whole("seed", seed, 0)
    if not spec.generated:
        return spec.load()

    n_pos = min(max(math.floor(m * balance + 0.5), 1), m - 1)
    n_neg = m - n_pos
    rng = np.random.default_rng(seed)
    description = f"generated: {kind}, {m} examples ({n_pos} of class 1), noise {noise:g}"
    if spec.separation is None:
        X0, X1 = spec.draw(rng, n_neg, n_pos, noise)
    else:
        separation = real(
            "separation", spec.separation if separation is None else separation, low=0.0
        )
        description += f", separation {separation:g}"
        X0, X1 = spec.draw(rng, n_neg, n_pos, noise, separation)

    X = np.hstack([X0, X1])
    Y = np.concatenate([np.zeros(n_neg, np.int64), np.ones(n_pos, np.int64)]).reshape(1, m)
    order = rng.permutation(m)
    names = tuple(f"x{j}" for j in range(1, spec.n_inputs + 1))
    return Dataset(X[:, order], Y[:, order], names, notes=(f"{description}, seed {seed}",))


def train_test_split(
    ds: Dataset, *, test_share: float = 0.2, seed: int = 0, keep_training: int = 0
) -> tuple[Dataset, Dataset]:
    """Hold out a stratified, seeded share of the examples for testing.

    Parameters
    ----------
    ds : Dataset
    test_share : float, default 0.2
        Share of each class that goes to the test part, in [0, 0.5].  Each
        class sends ``round(k · test_share)`` of its k examples (half up), but
        always keeps at least one in the training part.
    seed : int, default 0
        Seed of the generator that picks the test examples.
    keep_training : int, default 0
        The last ``keep_training`` examples all go to the training part (points
        a student added with a click); the others are split exactly as they
        would be without them, so an added point moves no other example.

    Returns
    -------
    train, test : Dataset, Dataset
        The two parts, in the original order, with the names and notes of
        ``ds`` and one note more; with ``test_share=0``, ``test.X`` has shape (n, 0).

    Raises
    ------
    ValueError
        If ``test_share``, ``seed`` or ``keep_training`` is out of range.
    """
    share = real("test_share", test_share, low=0.0, high=0.5)
    seed = whole("seed", seed, 0)
    kept = whole("keep_training", keep_training, 0, ds.n_samples)
    rng = np.random.default_rng(seed)
    labels = ds.Y[0, : ds.n_samples - kept]
    test = np.zeros(ds.n_samples, dtype=bool)
    for cls in (0, 1):
        members = np.flatnonzero(labels == cls)
        k = members.size
        n_test = min(math.floor(k * share + 0.5), max(k - 1, 0))
        test[rng.choice(members, size=n_test, replace=False)] = True
    m, m_test = ds.n_samples, int(test.sum())
    where = f"test share {share:g}, seed {seed}"
    train_part = ds.subset(~test)
    test_part = ds.subset(test)
    return (
        replace(train_part, notes=(*ds.notes, f"training part: {m - m_test} of {m} ({where})")),
        replace(test_part, notes=(*ds.notes, f"test part: {m_test} of {m} ({where})")),
    )


@dataclass(frozen=True, eq=False)
class Standardizer:
    """Rescale each feature to mean 0 and standard deviation 1: x' = (x - μ) / σ.

    Fit it on the training part only (:meth:`fit`), then apply it to every part.

    Parameters
    ----------
    mean : ndarray of shape (n, 1)
        μ, the mean of each feature over the training examples.
    std : ndarray of shape (n, 1)
        σ, the standard deviation of each feature (population, ``ddof=0``);
        1.0 for a constant feature, so that it is left centred but not divided by 0.
    """

    mean: np.ndarray
    std: np.ndarray

    def __post_init__(self):
        mean = np.array(self.mean, dtype=np.float64)
        std = np.array(self.std, dtype=np.float64)
        if mean.ndim != 2 or mean.shape[1] != 1 or std.shape != mean.shape:
            raise ValueError(
                f"mean and std must both have shape (n, 1), got {mean.shape} and {std.shape}"
            )
        if not (np.all(np.isfinite(mean)) and np.all(np.isfinite(std)) and np.all(std > 0)):
            raise ValueError("mean must be finite and std finite and > 0")
        for name, value in (("mean", mean), ("std", std)):
            value.flags.writeable = False
            object.__setattr__(self, name, value)

    @classmethod
    def fit(cls, X) -> Standardizer:
        """μ and σ of each feature of the training features ``X``, of shape (n, m), m ≥ 1.

        Each row is first divided by its largest magnitude, so values as large
        as 1e300 give a finite μ and σ without overflow.
        """
        X = _as_features(X)
        if X.shape[1] == 0:
            raise ValueError("X must hold at least one example (m >= 1) to fit a Standardizer")
        scale = np.max(np.abs(X), axis=1, keepdims=True)
        scale[scale == 0] = 1.0
        scaled = X / scale
        mean = scale * scaled.mean(axis=1, keepdims=True)
        std = scale * scaled.std(axis=1, keepdims=True)
        std[std == 0] = 1.0
        return cls(mean, std)

    @property
    def n_features(self) -> int:
        """n, the number of features it was fitted on."""
        return self.mean.shape[0]

    def transform(self, X) -> np.ndarray:
        """x' = (x - μ) / σ, float64 of the shape (n, m) of ``X``."""
        X = _as_features(X)
        if X.shape[0] != self.n_features:
            raise ValueError(
                f"X must have {self.n_features} rows (features), as when fitted, got {X.shape}"
            )
        return (X - self.mean) / self.std

    def params_to_original(self, w, b) -> tuple[np.ndarray, float]:
        """Weights learned on standardized features, expressed in the original units.

        Parameters
        ----------
        w : array_like of shape (n, 1) or (n,)
            Weights learned on x' = (x - μ) / σ.
        b : float
            Bias learned on x'.

        Returns
        -------
        w_orig : ndarray of shape (n, 1)
            w / σ.
        b_orig : float
            b - Σ w μ / σ.

        Notes
        -----
        z = wᵀx' + b = Σ wⱼ (xⱼ - μⱼ) / σⱼ + b = (w / σ)ᵀx + (b - Σ wⱼ μⱼ / σⱼ):
        the same z for every example, so the boundary z = 0 can be drawn over the original data.
        """
        w = np.asarray(w, dtype=np.float64).reshape(-1, 1)
        if w.shape[0] != self.n_features:
            raise ValueError(f"w must have {self.n_features} weights, got shape {np.shape(w)}")
        w_orig = w / self.std
        b_orig = float(b) - float(np.sum(w_orig * self.mean))
        return w_orig, b_orig


def _as_features(X) -> np.ndarray:
    X = np.asarray(X, dtype=np.float64)
    if X.ndim != 2:
        raise ValueError(f"X must have shape (n, m), got shape {X.shape}")
    return X
