"""Gradient descent's steps compiled (Numba): many steps in one call, the same formulas.

At m = 200 examples a numpy step is a dozen calls on arrays of 200 numbers, and
their overhead, about 1 µs a call, is nearly all its time.  :func:`steps` makes
a run of steps in compiled code instead, each the very step of
:mod:`logreg_core.model` (``Step.forward`` then ``Step.backward``) and
:func:`logreg_core.train.train` (the L2 term, the update): z = wᵀx + b,
e = exp(−|z|), a = σ(z) and L = softplus(z) − y z from that one e, dz = a − y,
then J, dw and db.  It writes what ``train`` records of each step into a
*trace* (w, b, J, the correct predictions, dw, db); ``train`` reads the trace
between calls, runs the stop rules of :mod:`logreg_core.stop_rules` on it,
keeps the records and reports progress.

exp and log1p are written in :mod:`logreg_core.kernel_numba` as polynomials
(exp(r) on |r| ≤ ln 2 / 2 scaled by 2ᵏ; fdlibm's log of 1 + e), so that the
compiler computes several examples at once with the processor's vector
instructions, which a call to the C library's exp would prevent.  Both are
within 2 units in the last place of numpy's, and a run's w, b and J match the
numpy loop's to 1e-12 relative (tests/test_kernel.py).

The numpy form, which lesson 7 teaches, stays the reference: ``train`` runs it
when Numba is not installed, when it fails to compile, or when the
environment variable ``LOGREG_KERNEL`` is ``numpy``.  Compiled code is cached
on disk (``cache=True``: beside this file, or in the user's cache folder when
this folder is read-only, or not at all when neither can be written).
"""

from __future__ import annotations

import logging
import os
import threading

import numpy as np

__all__ = ["BLOCK", "CALL_WORK", "ENV_VAR", "ROWS", "Steps", "compiled", "steps"]

#: Set to "numpy" to train with the numpy reference loop only.
ENV_VAR = "LOGREG_KERNEL"
#: Examples per block: a block's few arrays stay in the processor's fastest cache.
BLOCK = 512
#: Steps of one call at most.
ROWS = 4096
#: Element operations (steps × examples × (features + 2)) of one call at most,
#: about 3 ms: progress is reported, and a closed tab stops its run, as soon as
#: with the numpy loop.
CALL_WORK = 1 << 22

_log = logging.getLogger(__name__)
_lock = threading.Lock()
_kernel: list = []  # [the compiled function or None], filled on first use


def compiled():
    """The compiled :func:`steps` kernel, or None (Numba missing or broken, or switched off).

    Numba is imported, and the kernel compiled or loaded from its cache, on the
    first call only (about a second from the cache, a few without it);
    importing this module is cheap.
    """
    if os.environ.get(ENV_VAR, "").strip().lower() == "numpy":
        return None
    if not _kernel:
        with _lock:
            if not _kernel:
                _kernel.append(_build())
    return _kernel[0]


def _build():
    try:
        from . import kernel_numba
    except ImportError:  # no Numba: the numpy loop it is
        return None
    try:
        _try(kernel_numba.run_steps)
    except Exception as err:  # Numba cannot compile here: the numpy loop, and a line in the log
        _log.warning("training with numpy: the compiled kernel failed (%s)", err)
        return None
    return kernel_numba.run_steps


def _try(fn) -> None:
    """Compile (or load) the kernel on a tiny problem, so that a failure shows here."""
    X = np.array([[0.5, -1.0, 2.0]])
    y = np.array([1.0, 0.0, 1.0])
    trace = _trace(2, 1)
    fn(X, y, np.zeros(1), 0.0, 0.1, 0.0, 2, np.empty((2, BLOCK)), *trace)


def _trace(rows: int, n: int) -> tuple[np.ndarray, ...]:
    """Empty trace arrays: w (rows, n), b, J, hits (int64), dw (rows, n), db."""
    return (
        np.empty((rows, n)),
        np.empty(rows),
        np.empty(rows),
        np.empty(rows, np.int64),
        np.empty((rows, n)),
        np.empty(rows),
    )


class Steps:
    """The compiled kernel bound to one data set, with its trace of the steps of one call.

    A call makes at most :data:`ROWS` steps, and at most about
    :data:`CALL_WORK` element operations.

    Parameters
    ----------
    fn : the compiled kernel (from :func:`compiled`)
    X : ndarray of shape (n, m), float64
    Y : ndarray of shape (1, m), labels 0/1

    Attributes
    ----------
    w : ndarray of shape (rows, n)
        Weights at which each step of the last call was evaluated.
    b, J, db : ndarray of shape (rows,)
        b at each step, J (with the L2 term) there, and db.
    hits : ndarray of shape (rows,), int64
        Examples whose predicted class (z ≥ 0) is their label, at each step.
    dw : ndarray of shape (rows, n)
        dw (with the L2 term) at each step.
    """

    def __init__(self, fn, X: np.ndarray, Y: np.ndarray) -> None:
        n, m = X.shape
        rows = min(ROWS, max(1, CALL_WORK // (m * (n + 2))))
        self._fn = fn
        self._X = np.ascontiguousarray(X, dtype=np.float64)
        self._y = np.ascontiguousarray(np.asarray(Y, dtype=np.float64).reshape(m))
        self._work = np.empty((2, min(BLOCK, m)))
        self.w, self.b, self.J, self.hits, self.dw, self.db = _trace(rows, n)

    def run(self, w: np.ndarray, b: float, alpha: float, lam: float, count: int):
        """Make ``count`` steps from (w, b): evaluate, trace, update.

        Parameters
        ----------
        w : ndarray of shape (n,)
            Updated in place: after the call it holds the weights after the
            last traced step's update.
        b : float
        alpha, lam : float
            α and λ.
        count : int
            Steps to make, 1 … the trace's rows.

        Returns
        -------
        done : int
            Steps traced, rows 0 … done − 1: ``count``, or fewer when J or db
            was not finite at step ``done`` (nothing traced or updated there).
        b : float
            The bias after the last traced step's update.
        """
        done, b = self._fn(
            self._X, self._y, w, b, alpha, lam, count, self._work,
            self.w, self.b, self.J, self.hits, self.dw, self.db,
        )  # fmt: skip
        return int(done), float(b)

    def train(self, w, b, alpha, lam, total, *, stop, records, on_progress, every, with_acc):
        """The loop of :func:`logreg_core.train.train`, a call of the kernel at a time.

        After each call, in the numpy loop's order,
        each traced step goes through ``stop(J, acc)``, the scheduled ones into
        ``records`` (``records.traced``), and ``on_progress(t, total)`` is
        called at each t < total that is a multiple of ``every``.

        Returns
        -------
        stop_reason : str
        last : tuple (t, w, b, J, acc, dw, db) or None
            The last step evaluated with a finite J, where training ended.
        """
        rows, inv_m = self.J.shape[0], 1.0 / self._X.shape[1]
        t, last = 0, None
        while True:
            count = min(total - t + 1, rows)
            done, b_next = self.run(w, b, alpha, lam, count)
            J = self.J[:done].tolist()
            acc = (self.hits[:done] * inv_m).tolist() if with_acc else [None] * done
            reason, used = None, done
            for s in range(done):
                reason = stop(J[s], acc[s])
                if reason is not None:
                    used = s + 1
                    break
            records.traced(t, used, self)
            if used:
                last = self._row(t, used - 1, J[used - 1], inv_m)
            reported = used - 1 if reason is not None else done  # progress of rows 0 … reported − 1
            if reason is None and done < count:  # J not finite at step t + done
                reason = "diverged"
            elif reason is None and t + done - 1 == total:
                reason, reported = "max_iterations", done - 1
            if on_progress is not None:
                for tick in range(t + (-t) % every, t + reported, every):
                    on_progress(tick, total)
            if reason is not None:
                return reason, last
            t, b = t + done, b_next

    def _row(self, t: int, s: int, J: float, inv_m: float) -> tuple:
        """Step t + s of the trace as (t, w, b, J, acc, dw, db)."""
        acc = float(self.hits[s]) * inv_m
        w, dw = self.w[s].copy(), self.dw[s].copy()
        return t + s, w, float(self.b[s]), J, acc, dw, float(self.db[s])


def steps(X: np.ndarray, Y: np.ndarray) -> Steps | None:
    """A :class:`Steps` for (X, Y), or None when the compiled kernel is not available."""
    fn = compiled()
    return None if fn is None else Steps(fn, X, Y)
