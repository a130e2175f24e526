"""Dense linear algebra for Matrix, following NEURON's (Eigen's) algorithms where the exact
rounding is reproducible: LU with complete pivoting for solv, LU with partial pivoting for
det; the matrix exponential by scaling and squaring of a Pade approximant."""
from __future__ import annotations

import math

import numpy as np


def expm(a: np.ndarray) -> np.ndarray:
    """Matrix exponential by scaling and squaring of a Pade approximant (Higham 2005)."""
    n = a.shape[0]
    ident = np.eye(n)
    norm = float(np.abs(a).sum(axis=0).max()) if n else 0.0
    b = [64764752532480000.0, 32382376266240000.0, 7771770303897600.0, 1187353796428800.0,
         129060195264000.0, 10559470521600.0, 670442572800.0, 33522128640.0, 1323241920.0,
         40840800.0, 960960.0, 16380.0, 182.0, 1.0]
    for deg, bound, coef in ((3, 1.495585217958292e-2, [120.0, 60.0, 12.0, 1.0]),
                             (5, 2.539398330063230e-1, [30240.0, 15120.0, 3360.0, 420.0, 30.0, 1.0]),
                             (7, 9.504178996162932e-1, [17297280.0, 8648640.0, 1995840.0, 277200.0,
                                                        25200.0, 1512.0, 56.0, 1.0]),
                             (9, 2.097847961257068e0, [17643225600.0, 8821612800.0, 2075673600.0,
                                                       302702400.0, 30270240.0, 2162160.0, 110880.0,
                                                       3960.0, 90.0, 1.0])):
        if norm < bound:
            powers = [ident, a @ a]
            while len(powers) < deg // 2 + 1:
                powers.append(powers[-1] @ powers[1])
            u = a @ sum(coef[2 * k + 1] * powers[k] for k in range(deg // 2 + 1))
            v = sum(coef[2 * k] * powers[k] for k in range(deg // 2 + 1))
            return np.linalg.solve(v - u, v + u)
    s = max(0, int(math.ceil(math.log2(norm / 5.371920351148152)))) if norm > 0 else 0
    a = a / (2.0 ** s)
    a2 = a @ a
    a4 = a2 @ a2
    a6 = a4 @ a2
    u = a @ (a6 @ (b[13] * a6 + b[11] * a4 + b[9] * a2) + b[7] * a6 + b[5] * a4 + b[3] * a2 + b[1] * ident)
    v = a6 @ (b[12] * a6 + b[10] * a4 + b[8] * a2) + b[6] * a6 + b[4] * a4 + b[2] * a2 + b[0] * ident
    r = np.linalg.solve(v - u, v + u)
    for _ in range(s):
        r = r @ r
    return r


def full_piv_lu(a: np.ndarray):
    """LU with complete pivoting (the factorisation NEURON's solv uses): returns the packed
    LU, row and column transpositions and the rank."""
    lu = a.astype(float).copy()
    rows, cols = lu.shape
    size = min(rows, cols)
    rt, ct = [], []
    rank = size
    for k in range(size):
        corner = np.abs(lu[k:, k:])
        flat = int(np.argmax(corner.T.ravel()))  # first largest, column by column
        c, r = divmod(flat, corner.shape[0])
        if corner[r, c] == 0.0:
            rank = k
            rt += list(range(k, size))
            ct += list(range(k, size))
            break
        r += k
        c += k
        rt.append(r)
        ct.append(c)
        if r != k:
            lu[[k, r]] = lu[[r, k]]
        if c != k:
            lu[:, [k, c]] = lu[:, [c, k]]
        if k < rows - 1:
            lu[k + 1:, k] /= lu[k, k]
        if k < size - 1:
            lu[k + 1:, k + 1:] -= np.outer(lu[k + 1:, k], lu[k, k + 1:])
    return lu, rt, ct, rank


def _dot(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.cumsum(a * b)[-1]) if len(a) else 0.0


def full_piv_solve(factor, b: np.ndarray) -> np.ndarray:
    lu, rt, ct, rank = factor
    n = lu.shape[0]
    c = b.astype(float).copy()
    for k, r in enumerate(rt):
        c[k], c[r] = c[r], c[k]
    for i in range(1, n):
        c[i] -= _dot(lu[i, :i], c[:i])
    for i in range(rank - 1, -1, -1):
        c[i] -= _dot(lu[i, i + 1 : rank], c[i + 1 : rank])
        c[i] /= lu[i, i]
    q = list(range(n))
    for k, col in enumerate(ct):
        q[k], q[col] = q[col], q[k]
    x = np.zeros(n)
    for i in range(rank):
        x[q[i]] = c[i]
    return x


def partial_piv_det(a: np.ndarray) -> float:
    """Determinant from LU with partial pivoting (sign times the product of the pivots)."""
    lu = a.astype(float).copy()
    n = lu.shape[0]
    sign = 1.0
    for k in range(n):
        p = k + int(np.argmax(np.abs(lu[k:, k])))
        if p != k:
            lu[[k, p]] = lu[[p, k]]
            sign = -sign
        if lu[k, k] != 0.0:
            lu[k + 1:, k] /= lu[k, k]
        lu[k + 1:, k + 1:] -= np.outer(lu[k + 1:, k], lu[k, k + 1:])
    prod = 1.0
    for x in np.diag(lu).tolist():
        prod *= x
    return sign * prod
