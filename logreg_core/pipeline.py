"""From a setup (plain values) to a trained model: generate, split, map, standardize, train.

The one path every consumer follows (the pages through ``ui``, the presets,
the exports, the tests), so a setup always means the same run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

import numpy as np

from .budget import MAX_WORK, Work, check_work, run_work
from .data import Dataset, Standardizer, make_dataset, train_test_split
from .features import apply_features
from .model import accuracy
from .setup import Setup
from .train import History, init_params, train

__all__ = ["Prepared", "Run", "prepare", "run_setup", "train_prepared", "work_of"]


@dataclass(frozen=True)
class Prepared:
    """The data ready for training.

    Attributes
    ----------
    dataset : Dataset
        All examples, raw inputs.
    train, test : Dataset
        The stratified split (``test`` may hold 0 examples).
    feature_names : tuple of str, length n
    X_train, X_test : ndarray of shape (n, m_train) and (n, m_test)
        Features after the maps and, with a ``standardizer``, standardized.
    standardizer : Standardizer or None
        Fitted on the training part only.
    """

    dataset: Dataset
    train: Dataset
    test: Dataset
    feature_names: tuple[str, ...]
    X_train: np.ndarray
    X_test: np.ndarray
    standardizer: Standardizer | None


@dataclass(frozen=True)
class Run:
    """A prepared data set and the History of training on it."""

    prepared: Prepared
    history: History
    w0: np.ndarray
    b0: float

    @property
    def test_accuracy(self) -> float:
        """Accuracy on the test part at the final parameters (nan with no test examples)."""
        p = self.prepared
        Z = self.history.final_w.T @ p.X_test + self.history.final_b
        return accuracy(Z, p.test.Y)


def prepare(
    setup: Setup | Mapping[str, object],
    dataset: Dataset | None = None,
    *,
    keep_training: int = 0,
) -> Prepared:
    """Split, map and standardize the data a setup describes.

    Parameters
    ----------
    setup : Setup or mapping
        A mapping is read with :meth:`Setup.from_mapping`.  Used: the
        generator's fields (when ``dataset`` is None), ``seed``,
        ``test_share``, ``features`` and ``standardize``.
    dataset : Dataset, optional
        Raw inputs with 1 or 2 features (an upload or an edited table); None
        generates them from the setup.
    keep_training : int, default 0
        The last ``keep_training`` examples of ``dataset`` (points added with a
        click) all go to the training part (:func:`.data.train_test_split`).

    Returns
    -------
    Prepared
    """
    s = Setup.from_mapping(setup)
    if dataset is None:
        dataset = make_dataset(s.kind, s.n_samples, noise=s.noise, balance=s.balance, seed=s.seed)
    train_ds, test_ds = train_test_split(
        dataset, test_share=s.test_share, seed=s.seed, keep_training=keep_training
    )
    X_train, names = apply_features(train_ds.X, s.features)
    X_test, _ = apply_features(test_ds.X, names)
    scaler = None
    if s.standardize:
        scaler = Standardizer.fit(X_train)
        X_train, X_test = scaler.transform(X_train), scaler.transform(X_test)
    return Prepared(dataset, train_ds, test_ds, names, X_train, X_test, scaler)


def work_of(
    prepared: Prepared, setup: Setup | Mapping[str, object], *, animated: bool = True
) -> Work:
    """The work of training on ``prepared`` with ``setup`` (and animating it), counted before.

    Parameters
    ----------
    prepared : Prepared
    setup : Setup or mapping
        Used: ``num_iterations`` and ``n_frames``.
    animated : bool, default True
        Count the animation's frames, evaluated on every example, too.

    Returns
    -------
    Work
        :func:`logreg_core.budget.run_work` of those counts.
    """
    s = Setup.from_mapping(setup)
    n, m = prepared.X_train.shape
    frames = s.n_frames if animated else 0
    return run_work(m, n, s.num_iterations, frames=frames, m_all=m + prepared.X_test.shape[1])


def train_prepared(
    prepared: Prepared,
    setup: Setup | Mapping[str, object],
    *,
    on_progress: Callable[[int, int], None] | None = None,
    max_work: int = MAX_WORK,
) -> Run:
    """Train on prepared data with the setup's training options, if the work is within budget.

    Parameters
    ----------
    prepared : Prepared
    setup : Setup or mapping
        Used: the training fields (:meth:`Setup.train_key`); ``w1`` and ``w2``
        are the first two features' explicit weights, further ones start at 0.
    on_progress : callable (step, total) -> None, optional
    max_work : int, default MAX_WORK
        The most element operations the run may take (:func:`work_of`);
        checked before any step is made.

    Returns
    -------
    Run

    Raises
    ------
    DataError
        From :func:`logreg_core.budget.check_work` when the run asks for
        more work than ``max_work``; nothing is trained.
    """
    s = Setup.from_mapping(setup)
    check_work(work_of(prepared, s, animated=False), max_work)
    n = prepared.X_train.shape[0]
    if s.init == "explicit":
        explicit = [s.w1, s.w2][:n] + [0.0] * max(0, n - 2)
        w0, b0 = init_params(n, method="explicit", w=explicit, b=s.b0)
    else:
        w0, b0 = init_params(n, method=s.init, seed=s.init_seed, scale=0.01)
    history = train(
        prepared.X_train,
        prepared.train.Y,
        learning_rate=s.learning_rate,
        num_iterations=s.num_iterations,
        w0=w0,
        b0=b0,
        l2=s.l2,
        tol=s.tol,
        patience=s.patience,
        on_progress=on_progress,
    )
    return Run(prepared, history, w0, b0)


def run_setup(
    setup: Setup | Mapping[str, object],
    dataset: Dataset | None = None,
    *,
    max_work: int = MAX_WORK,
) -> Run:
    """:func:`prepare` then :func:`train_prepared`: a setup's whole run, within ``max_work``."""
    return train_prepared(prepare(setup, dataset), setup, max_work=max_work)
