"""NEURON's Matrix class over a numpy array.

Full (type 1) is the working type.  Sparse (type 2) keeps the same dense values plus the set
of elements that exist (setval creates an element even when the value is 0), which is what
sprowlen/spgetrowval report; every other method treats it as full.  Banded (3) is full.
solv (complete-pivoting LU) and det (partial-pivoting LU) follow NEURON's factorisations step
by step; inverse, exp, pow, svd and eigenvalues use numpy/LAPACK and agree with NEURON to
rounding; symmeig returns ascending eigenvalues.
"""
from __future__ import annotations

import math
import sys

import numpy as np

from neuron_core.errors import NeuronError
from neuron_core.vector import Vector
from neuron_core.vector.filearg import stream
from neuron_core.vector.args import chk, is_number, nargs, num
from neuron_core.vector.textscan import scan_number

from .hocformat import sprintf
from .identity import HocIdentity
from .strings import text_of

MFULL, MSPARSE, MBAND = 1, 2, 3
_EPS = 1e-11


def _vec(x, what: str) -> Vector:
    if not isinstance(x, Vector):
        raise NeuronError("%s: expected a Vector, got %s" % (what, type(x).__name__))
    return x


def _out_vector(args: tuple, k: int, n: int, what: str) -> Vector:
    """args[k] (resized to n) or a new Vector of n zeros."""
    if len(args) > k:
        v = _vec(args[k], what)
        v.resize(n)
        return v
    return Vector(n)


def _expm(a: np.ndarray) -> np.ndarray:
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


def _full_piv_lu(a: np.ndarray):
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


def _full_piv_solve(factor, b: np.ndarray) -> np.ndarray:
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


def _partial_piv_det(a: np.ndarray) -> float:
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


class _Rows:
    """`m.x[i][j]` (and `m.x[i, j]`) element access."""

    __slots__ = ("_m",)

    def __init__(self, m: "Matrix"):
        self._m = m

    def __getitem__(self, ij):
        if isinstance(ij, tuple):
            return self._m.getval(*ij)
        return _Row(self._m, ij)

    def __setitem__(self, ij, value) -> None:
        if not isinstance(ij, tuple):
            raise NeuronError("Matrix.x needs two subscripts")
        self._m.setval(ij[0], ij[1], value)


class _Row:
    __slots__ = ("_m", "_i")

    def __init__(self, m: "Matrix", i):
        self._m, self._i = m, i

    def __getitem__(self, j) -> float:
        return self._m.getval(self._i, j)

    def __setitem__(self, j, value) -> None:
        self._m.setval(self._i, j, value)


class Matrix(HocIdentity):
    """Matrix([nrow[, ncol[, type]]]): type 1 full (default), 2 sparse, 3 banded."""

    hoc_name = "Matrix"
    __slots__ = ("_a", "_type", "_nz", "_lu", "_id", "__weakref__")

    def __init__(self, *args) -> None:
        nargs(args, 0, 3, "Matrix")
        nrow = int(chk(args[0], 1, 1e9, "Matrix")) if args else 1
        ncol = int(chk(args[1], 1, 1e9, "Matrix")) if len(args) > 1 else 1
        kind = int(chk(args[2], 1, 3, "Matrix")) if len(args) > 2 else MFULL
        self._a = np.zeros((nrow, ncol))
        self._type = kind
        self._nz = [set() for _ in range(nrow)] if kind == MSPARSE else None
        self._lu = None
        self._id = self._number()


    @classmethod
    def _of(cls, a: np.ndarray) -> "Matrix":
        m = cls.__new__(cls)
        m._a = np.array(a, dtype=float)
        m._type = MFULL
        m._nz = None
        m._lu = None
        m._id = m._number()
        return m

    def _touch_all(self) -> None:
        if self._nz is not None:
            cols = set(range(self._a.shape[1]))
            self._nz = [set(cols) for _ in range(self._a.shape[0])]
        self._lu = None

    def _out(self, args: tuple, k: int, shape, what: str, in_place_ok: bool = True) -> "Matrix":
        if len(args) > k:
            out = args[k]
            if not isinstance(out, Matrix):
                raise NeuronError("%s: expected a Matrix, got %s" % (what, type(out).__name__))
            if out is self and not in_place_ok:
                raise NeuronError("%s: matrix operation cannot be done in place" % what)
            if out._a.shape != tuple(shape):
                out.resize(*shape)
            return out
        return Matrix._of(np.zeros(shape))

    # ------------------------------------------------------------------ shape and elements

    def nrow(self) -> int:
        return self._a.shape[0]

    def ncol(self) -> int:
        return self._a.shape[1]

    def _ij(self, i, j, what: str):
        r, c = self._a.shape
        return int(chk(i, 0, r - 1, what)), int(chk(j, 0, c - 1, what))

    def getval(self, i, j) -> float:
        i, j = self._ij(i, j, "Matrix.getval")
        return float(self._a[i, j])

    def setval(self, i, j, value) -> float:
        i, j = self._ij(i, j, "Matrix.setval")
        x = num(value, "Matrix.setval")
        self._a[i, j] = x
        if self._nz is not None:
            self._nz[i].add(j)
        self._lu = None
        return x

    @property
    def x(self) -> _Rows:
        return _Rows(self)

    def set(self, *values) -> "Matrix":
        """All elements, row by row."""
        r, c = self._a.shape
        nargs(values, r * c, r * c, "Matrix.set")
        self._a[:, :] = np.array([num(x, "Matrix.set") for x in values]).reshape(r, c)
        self._touch_all()
        return self

    def resize(self, nrow, ncol) -> "Matrix":
        """New shape keeping the overlapping elements; new elements are 0."""
        r = int(chk(nrow, 1, 1e9, "Matrix.resize") + _EPS)
        c = int(chk(ncol, 1, 1e9, "Matrix.resize") + _EPS)
        old = self._a
        a = np.zeros((r, c))
        rr, cc = min(r, old.shape[0]), min(c, old.shape[1])
        a[:rr, :cc] = old[:rr, :cc]
        self._a = a
        if self._nz is not None:
            self._nz = [{j for j in s if j < c} for s in self._nz[:r]] + [set() for _ in range(r - rr)]
        self._lu = None
        return self

    def zero(self) -> "Matrix":
        self._a[:, :] = 0.0
        self._lu = None
        return self

    def ident(self) -> "Matrix":
        self._a[:, :] = 0.0
        np.fill_diagonal(self._a, 1.0)
        if self._nz is not None:
            for i in range(min(self._a.shape)):
                self._nz[i].add(i)
        self._lu = None
        return self

    # ------------------------------------------------------------------ rows, columns, diagonals

    def getrow(self, i, *args) -> Vector:
        k = int(chk(i, 0, self.nrow() - 1, "Matrix.getrow"))
        out = _out_vector(args, 0, self.ncol(), "Matrix.getrow")
        out.as_numpy()[:] = self._a[k, :]
        return out

    def getcol(self, j, *args) -> Vector:
        k = int(chk(j, 0, self.ncol() - 1, "Matrix.getcol"))
        out = _out_vector(args, 0, self.nrow(), "Matrix.getcol")
        out.as_numpy()[:] = self._a[:, k]
        return out

    def _diag_index(self, k: int):
        r, c = self._a.shape
        rows = np.arange(r)
        cols = rows + k
        ok = (cols >= 0) & (cols < c)
        return rows[ok], cols[ok]

    def getdiag(self, k, *args) -> Vector:
        """Diagonal k in a Vector of nrow: upper diagonals from element 0, lower ones ending
        at element nrow-1, other elements 0."""
        d = int(chk(k, -(self.nrow() - 1), self.ncol() - 1, "Matrix.getdiag"))
        out = _out_vector(args, 0, self.nrow(), "Matrix.getdiag")
        rows, cols = self._diag_index(d)
        v = out.as_numpy()
        v[:] = 0.0
        v[rows] = self._a[rows, cols]
        return out

    def _set_line(self, what: str, value, size: int, assign) -> "Matrix":
        if is_number(value):
            assign(float(value))
        else:
            v = _vec(value, what)
            if len(v) != size:
                raise NeuronError("%s: Vector size %d, needs %d" % (what, len(v), size))
            assign(v.as_numpy().copy())
        self._lu = None
        return self

    def setrow(self, i, value) -> "Matrix":
        k = int(chk(i, 0, self.nrow() - 1, "Matrix.setrow"))
        if self._nz is not None:
            self._nz[k].update(range(self.ncol()))
        return self._set_line("Matrix.setrow", value, self.ncol(), lambda x: self._a.__setitem__((k, slice(None)), x))

    def setcol(self, j, value) -> "Matrix":
        k = int(chk(j, 0, self.ncol() - 1, "Matrix.setcol"))
        if self._nz is not None:
            for s in self._nz:
                s.add(k)
        return self._set_line("Matrix.setcol", value, self.nrow(), lambda x: self._a.__setitem__((slice(None), k), x))

    def setdiag(self, k, value) -> "Matrix":
        d = int(chk(k, -(self.nrow() - 1), self.ncol() - 1, "Matrix.setdiag"))
        rows, cols = self._diag_index(d)
        if self._nz is not None:
            for i, j in zip(rows.tolist(), cols.tolist()):
                self._nz[i].add(j)

        def assign(x):
            self._a[rows, cols] = x if np.isscalar(x) else x[rows]
        return self._set_line("Matrix.setdiag", value, self.nrow(), assign)

    # ------------------------------------------------------------------ sparse structure

    def _sparse_only(self, what: str) -> None:
        if self._nz is None:
            raise NeuronError("%s: Matrix method not implemented for this type matrix" % what)

    def sprowlen(self, i) -> int:
        self._sparse_only("Matrix.sprowlen")
        return len(self._nz[int(chk(i, 0, self.nrow() - 1, "Matrix.sprowlen"))])

    def spgetrowval(self, i, jx, *args) -> float:
        """Value of the jx'th existing element of row i; its column goes to the pointer."""
        self._sparse_only("Matrix.spgetrowval")
        r = int(chk(i, 0, self.nrow() - 1, "Matrix.spgetrowval"))
        cols = sorted(self._nz[r])
        k = int(chk(jx, 0, len(cols) - 1, "Matrix.spgetrowval"))
        if args:
            args[0][0] = float(cols[k])
        return float(self._a[r, cols[k]])

    # ------------------------------------------------------------------ arithmetic

    def mulv(self, vin, *args) -> Vector:
        """Matrix times Vector (vin may be the output Vector when the matrix is square)."""
        v = _vec(vin, "Matrix.mulv")
        if len(v) != self.ncol():
            raise NeuronError("Matrix.mulv: wrong size for Matrix or Vector operation")
        x = v.as_numpy().copy()
        out = _out_vector(args, 0, self.nrow(), "Matrix.mulv")
        out.as_numpy()[:] = self._a @ x
        return out

    def mulm(self, other, *args) -> "Matrix":
        if not isinstance(other, Matrix):
            raise NeuronError("Matrix.mulm: expected a Matrix")
        if self.ncol() != other.nrow():
            raise NeuronError("Matrix.mulm: Matrix index out of range: index=%d  max_index=%d"
                              % (self.ncol(), other.nrow()))
        if args and (args[0] is self or args[0] is other):
            raise NeuronError("Matrix.mulm: matrix multiplication cannot be done in place")
        product = self._a @ other._a
        out = self._out(args, 0, product.shape, "Matrix.mulm")
        out._a[:, :] = product
        out._touch_all()
        return out

    def muls(self, s, *args) -> "Matrix":
        x = num(s, "Matrix.muls")
        out = self._out(args, 0, self._a.shape, "Matrix.muls")
        out._a[:, :] = self._a * x
        out._lu = None
        return out

    def add(self, other, *args) -> "Matrix":
        """self + other, into self (or the output Matrix)."""
        if not isinstance(other, Matrix) or other._a.shape != self._a.shape:
            raise NeuronError("Matrix.add: matrices must have the same shape")
        out = self._out(args, 0, self._a.shape, "Matrix.add") if args else self
        out._a[:, :] = self._a + other._a
        out._lu = None
        return out

    def c(self, *args) -> "Matrix":
        out = self._out(args, 0, self._a.shape, "Matrix.c")
        out._a[:, :] = self._a
        out._touch_all()
        return out

    def transpose(self, *args) -> "Matrix":
        t = self._a.T.copy()
        out = self._out(args, 0, t.shape, "Matrix.transpose", in_place_ok=False)
        out._a[:, :] = t
        out._touch_all()
        return out

    def bcopy(self, i0, j0, n, m, *args) -> "Matrix":
        """Copy the n x m block at (i0, j0) into a new Matrix (or mout) at (i1, j1)."""
        r, c = self._a.shape
        a0 = int(chk(i0, 0, r - 1, "Matrix.bcopy"))
        b0 = int(chk(j0, 0, c - 1, "Matrix.bcopy"))
        rows = int(chk(n, 1, r - a0, "Matrix.bcopy"))
        cols = int(chk(m, 1, c - b0, "Matrix.bcopy"))
        i1 = j1 = 0
        if args and is_number(args[0]):
            nargs(args, 2, 3, "Matrix.bcopy")
            i1 = int(chk(args[0], 0, 1e9, "Matrix.bcopy"))
            j1 = int(chk(args[1], 0, 1e9, "Matrix.bcopy"))
            args = args[2:]
        if args:
            out = args[0]
            if not isinstance(out, Matrix):
                raise NeuronError("Matrix.bcopy: expected a Matrix")
        else:
            out = Matrix._of(np.zeros((rows, cols)))
        need_r, need_c = i1 + rows, j1 + cols
        if out.nrow() < need_r or out.ncol() < need_c:
            out.resize(max(out.nrow(), need_r), max(out.ncol(), need_c))
        out._a[i1:need_r, j1:need_c] = self._a[a0 : a0 + rows, b0 : b0 + cols]
        out._touch_all()
        return out

    def pow(self, k, *args) -> "Matrix":
        p = int(chk(k, 0, 100, "Matrix.pow"))
        self._square("Matrix.pow")
        out = self._out(args, 0, self._a.shape, "Matrix.pow", in_place_ok=False)
        out._a[:, :] = np.linalg.matrix_power(self._a, p)
        out._touch_all()
        return out

    def exp(self, *args) -> "Matrix":
        """e^m."""
        self._square("Matrix.exp")
        out = self._out(args, 0, self._a.shape, "Matrix.exp", in_place_ok=False)
        out._a[:, :] = _expm(self._a)
        out._touch_all()
        return out

    # ------------------------------------------------------------------ linear algebra

    def _square(self, what: str) -> None:
        if self.nrow() != self.ncol():
            raise NeuronError("%s: the Matrix must be square" % what)

    def inverse(self, *args) -> "Matrix":
        self._square("Matrix.inverse")
        out = self._out(args, 0, self._a.shape, "Matrix.inverse")
        try:
            inv = np.linalg.inv(self._a)
        except np.linalg.LinAlgError:
            inv = np.full(self._a.shape, np.inf)
        out._a[:, :] = inv
        out._touch_all()
        return out

    def det(self, exponent) -> float:
        """Determinant as a mantissa (returned, 1 <= |m| < 10) and a base-10 exponent
        (stored through the pointer); the mantissa is scaled by repeated *0.1 or *10."""
        self._square("Matrix.det")
        m = _partial_piv_det(self._a)
        e = 0
        if m != 0.0 and math.isfinite(m):
            while abs(m) >= 10.0:
                m *= 0.1
                e += 1
            while abs(m) < 1.0:
                m *= 10.0
                e -= 1
        exponent[0] = float(e)
        return m

    def solv(self, vin, *args) -> Vector:
        """x with m*x = b by LU factorisation; optional output Vector and, in either order,
        1 to reuse the previous factorisation."""
        self._square("Matrix.solv")
        b = _vec(vin, "Matrix.solv")
        if len(b) != self.ncol():
            raise NeuronError("Matrix.solv: wrong size for Matrix or Vector operation")
        nargs(args, 0, 2, "Matrix.solv")
        vout = None
        reuse = False
        for a in args:
            if isinstance(a, Vector):
                vout = a
            else:
                reuse = bool(int(num(a, "Matrix.solv")))
        rhs = b.as_numpy().copy()
        if not (reuse and self._lu is not None and self._lu[0].shape == self._a.shape):
            self._lu = _full_piv_lu(self._a)
        x = _full_piv_solve(self._lu, rhs)
        out = vout if vout is not None else Vector(self.nrow())
        out.resize(self.ncol())
        out.as_numpy()[:] = x
        return out

    def symmeig(self, vectors) -> Vector:
        """Eigenvalues of a symmetric matrix (ascending); eigenvectors in the columns of the
        given Matrix."""
        self._square("Matrix.symmeig")
        if not isinstance(vectors, Matrix):
            raise NeuronError("Matrix.symmeig: expected a Matrix for the eigenvectors")
        w, q = np.linalg.eigh(self._a)
        vectors.resize(self.nrow(), self.ncol())
        vectors._a[:, :] = q
        vectors._touch_all()
        return Vector(w)

    def svd(self, *args) -> Vector:
        """Singular values (descending); with umat, vmat: ut*diag(d)*v = m."""
        nargs(args, 0, 2, "Matrix.svd")
        if len(args) == 1:
            raise NeuronError("Matrix.svd: needs both umat and vmat")
        u, s, vh = np.linalg.svd(self._a, full_matrices=True)
        if args:
            um, vm = args
            if not isinstance(um, Matrix) or not isinstance(vm, Matrix):
                raise NeuronError("Matrix.svd: expected Matrix arguments")
            um.resize(self.nrow(), self.nrow())
            vm.resize(self.ncol(), self.ncol())
            um._a[:, :] = u.T
            vm._a[:, :] = vh
            um._touch_all()
            vm._touch_all()
        return Vector(s)

    # ------------------------------------------------------------------ vectors

    def to_vector(self, *args) -> Vector:
        """Elements in column order."""
        flat = self._a.flatten(order="F")
        out = _out_vector(args, 0, len(flat), "Matrix.to_vector")
        out.as_numpy()[:] = flat
        return out

    def from_vector(self, vin) -> "Matrix":
        v = _vec(vin, "Matrix.from_vector")
        r, c = self._a.shape
        if len(v) != r * c:
            raise NeuronError("Matrix.from_vector: wrong size for Matrix or Vector operation")
        self._a[:, :] = v.as_numpy().reshape((r, c), order="F")
        self._touch_all()
        return self

    # ------------------------------------------------------------------ text

    def _text(self, fmt: str, rowfmt: str) -> str:
        lines = []
        for row in self._a.tolist():
            lines.append("".join(sprintf(fmt, (x,)) for x in row) + rowfmt)
        return "".join(lines)

    def printf(self, *args) -> float:
        """Print with element format " %-8.3g" and row format "\\n" unless given."""
        nargs(args, 0, 2, "Matrix.printf")
        fmt = text_of(args[0]) if args else " %-8.3g"
        rowfmt = text_of(args[1]) if len(args) > 1 else "\n"
        sys.stdout.write(self._text(fmt, rowfmt))
        return 0.0

    def fprint(self, *args) -> float:
        """fprint([0|1,] file[, element format[, row format]]): "nrow ncol" first unless 0."""
        with_size = True
        if args and is_number(args[0]):
            with_size = int(chk(args[0], 0, 1, "Matrix.fprint")) == 1
            args = args[1:]
        nargs(args, 1, 3, "Matrix.fprint")
        f = stream(args[0], "Matrix.fprint")
        fmt = text_of(args[1]) if len(args) > 1 else " %-8.3g"
        rowfmt = text_of(args[2]) if len(args) > 2 else "\n"
        head = "%d %d\n" % self._a.shape if with_size else ""
        f.write((head + self._text(fmt, rowfmt)).encode())
        return 0.0

    def scanf(self, fileobj, *args) -> float:
        """Read "nrow ncol" (unless given) then the elements row by row."""
        f = stream(fileobj, "Matrix.scanf")
        nargs(args, 0, 2, "Matrix.scanf")
        if args:
            nargs(args, 2, 2, "Matrix.scanf")
            r = int(chk(args[0], 1, 1e9, "Matrix.scanf"))
            c = int(chk(args[1], 1, 1e9, "Matrix.scanf"))
        else:
            r = int(scan_number(f))
            c = int(scan_number(f))
        self.resize(r, c)
        for i in range(r):
            for j in range(c):
                self._a[i, j] = scan_number(f)
        self._touch_all()
        return 0.0
