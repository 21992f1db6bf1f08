"""The compiled steps of :mod:`logreg_core.kernel`, in Numba (imported on first use only).

Each step is the numpy step of :class:`logreg_core.model.Step` and
:func:`logreg_core.train.train`, operation for operation where it can be
(σ = (1 if z ≥ 0 else e) / (1 + e), L = (max(z, 0) + log1p(e)) − y z, the sums
scaled by 1/m, the L2 term (0.5 λ (1/m)) ‖w‖², the update w − α dw); what
differs is the order of the sums, a · b + c rounded once (the processor's
fused multiply-add), and exp and log1p, which are the polynomials below.
"""

from __future__ import annotations

from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic

_OPTS = {"error_model": "numpy", "nogil": True}  # "numpy": x / 0 is inf, not an exception


def _jit(**opts):
    """``njit`` with an on-disk cache, or without one where no folder can be written."""

    def wrap(fn):
        try:
            return njit(cache=True, **_OPTS, **opts)(fn)
        except RuntimeError:  # "cannot cache function ...: no locator available"
            return njit(**_OPTS, **opts)(fn)

    return wrap


def _inline(fn):
    return njit(inline="always", **_OPTS)(fn)


@intrinsic
def _bits(typingctx, x):
    """The bits of a float64 as an int64."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.IntType(64))

    return types.int64(types.float64), codegen


@intrinsic
def _float(typingctx, i):
    """The float64 whose bits are the int64 ``i``."""

    def codegen(context, builder, signature, args):
        return builder.bitcast(args[0], ir.DoubleType())

    return types.float64(types.int64), codegen


_INF = float("inf")
_ROUND = 6755399441055744.0  # 1.5 · 2⁵²: x + _ROUND − _ROUND rounds x to an integer
_LOG2E = 1.4426950408889634
_LN2_HI = 6.93147180369123816490e-01  # ln 2 in two parts (fdlibm's): k · _LN2_HI is exact
_LN2_LO = 1.90821492927058770002e-10


@_inline
def _exp_neg(x):
    """exp(x) for x ≤ 0, within 1 ulp (0 below −745.5, and for NaN: the caller's J is NaN).

    x = k ln 2 + r with |r| ≤ ln 2 / 2; exp(r) by its Taylor series to r¹³
    (the next term is below 5e-18); 2ᵏ in two factors, so that a result below
    the smallest normal number is rounded once, as numpy's is.
    """
    x = x if x > -745.5 else -745.5
    t = x * _LOG2E + _ROUND
    kf = t - _ROUND
    r = (x - kf * _LN2_HI) - kf * _LN2_LO
    p = 1.0 / 6227020800.0
    p = p * r + 1.0 / 479001600.0
    p = p * r + 1.0 / 39916800.0
    p = p * r + 1.0 / 3628800.0
    p = p * r + 1.0 / 362880.0
    p = p * r + 1.0 / 40320.0
    p = p * r + 1.0 / 5040.0
    p = p * r + 1.0 / 720.0
    p = p * r + 1.0 / 120.0
    p = p * r + 1.0 / 24.0
    p = p * r + 1.0 / 6.0
    p = p * r + 0.5
    p = p * r + 1.0
    p = p * r + 1.0
    k = _bits(t) - _bits(_ROUND)  # k, from the low bits of t
    k1 = k >> 1
    return p * _float((k1 + 1023) << 52) * _float((k - k1 + 1023) << 52)


#: fdlibm's coefficients of log(1 + f) = 2 atanh(s), s = f / (2 + f) (e_log.c, Lg1 … Lg7).
_LG = (
    6.666666666666735130e-01,
    3.999999999940941908e-01,
    2.857142874366239149e-01,
    2.222219843214978396e-01,
    1.818357216161805012e-01,
    1.531383769920937332e-01,
    1.479819860511658591e-01,
)
_SQRT2_M1 = 0.41421356237309503  # √2 − 1


@_inline
def _log1p(e):
    """log(1 + e) for 0 ≤ e ≤ 1, within 1 ulp: fdlibm's log on 1 + e = 2ᵏ (1 + f).

    k = 1 and f = (e − 1) / 2 when 1 + e > √2, else k = 0 and f = e, so that
    |f| ≤ √2 − 1; then log(1 + f) = f − (f²/2 − s (f²/2 + R(s²))).
    """
    big = e > _SQRT2_M1
    f = (e - 1.0) * 0.5 if big else e
    k = 1.0 if big else 0.0
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    R = z * (_LG[0] + w * (_LG[2] + w * (_LG[4] + w * _LG[6]))) + w * (
        _LG[1] + w * (_LG[3] + w * _LG[5])
    )
    hfsq = 0.5 * f * f
    return k * _LN2_HI - ((hfsq - (s * (hfsq + R) + k * _LN2_LO)) - f)


@_jit(fastmath={"reassoc", "contract"})  # reassociated: sums in several lanes at once
def _sum(a, k):
    s = 0.0
    for i in range(k):
        s += a[i]
    return s


@_jit(fastmath={"reassoc", "contract"})
def _dot(x, a, k):
    s = 0.0
    for i in range(k):
        s += x[i] * a[i]
    return s


@_jit(fastmath={"contract"})
def exp_neg(x, out):
    """out = exp(x) for an array x ≤ 0 (for the tests)."""
    for i in range(x.size):
        out[i] = _exp_neg(x[i])


@_jit(fastmath={"contract"})
def log1p(e, out):
    """out = log1p(e) for an array 0 ≤ e ≤ 1 (for the tests)."""
    for i in range(e.size):
        out[i] = _log1p(e[i])


@_jit(fastmath={"contract"})  # a · b + c in one rounding (FMA)
def run_steps(X, y, w, b, alpha, lam, count, work, tw, tb, tJ, thits, tdw, tdb):
    """``count`` gradient-descent steps from (w, b), each traced in row s of tw … tdb.

    X (n, m) and y (m,) are the data; w (n,) is updated in place; work is
    (2, ≥ min(BLOCK, m)) scratch.  Returns (steps traced, b after them): a
    step whose J or db is not finite is neither traced nor updated from.
    """
    n, m = X.shape
    inv_m = 1.0 / m
    block = work.shape[1]
    zl = work[0]  # z, then the loss L
    dz = work[1]
    dw = w.copy()
    for s in range(count):
        J = 0.0
        db = 0.0
        hits = 0
        for j in range(n):
            dw[j] = 0.0
        for start in range(0, m, block):
            k = min(block, m - start)
            stop = start + k  # slices, not X[j, start + i]: so the loops run in vector lanes
            # forward: z = wᵀx + b
            x = X[0, start:stop]
            w0 = w[0]
            for i in range(k):
                zl[i] = w0 * x[i]
            for j in range(1, n):
                x = X[j, start:stop]
                wj = w[j]
                for i in range(k):
                    zl[i] += wj * x[i]
            # σ and the loss from one e = exp(−|z|); dz = a − y
            yb = y[start:stop]
            for i in range(k):
                z = zl[i] + b
                e = _exp_neg(-abs(z))
                yi = yb[i]
                a = (1.0 if z >= 0.0 else e) / (e + 1.0)
                zl[i] = ((z if z > 0.0 else 0.0) + _log1p(e)) - yi * z
                dz[i] = a - yi
                hits += (z >= 0.0) == (yi == 1.0)
            # backward: the sums of J, db and dw
            J += _sum(zl, k)
            db += _sum(dz, k)
            for j in range(n):
                dw[j] += _dot(X[j, start:stop], dz, k)
        J *= inv_m
        db *= inv_m
        for j in range(n):
            dw[j] *= inv_m
        if lam != 0.0:
            w_sq = 0.0
            for j in range(n):
                w_sq += w[j] * w[j]
            J += 0.5 * lam * inv_m * w_sq
            for j in range(n):
                dw[j] = dw[j] + lam * inv_m * w[j]
        if not (abs(J) < _INF and abs(db) < _INF):  # J or db not finite (or NaN)
            return s, b
        for j in range(n):
            tw[s, j] = w[j]
            tdw[s, j] = dw[j]
        tb[s] = b
        tJ[s] = J
        thits[s] = hits
        tdb[s] = db
        for j in range(n):
            w[j] = w[j] - alpha * dw[j]
        b = b - alpha * db
    return count, b
