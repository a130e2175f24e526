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

import numpy as np

from neuron_core.errors import NeuronError
from neuron_core.vector import Vector
from neuron_core.vector.args import chk, is_number, nargs, num

from .identity import HocIdentity
from .linalg import expm, full_piv_lu, full_piv_solve, partial_piv_det
from .matrix_io import MatrixIOMixin
from .matrix_lines import MatrixLinesMixin, Rows, out_vector, vector_arg

MFULL, MSPARSE, MBAND = 1, 2, 3
_EPS = 1e-11


class Matrix(MatrixLinesMixin, MatrixIOMixin, HocIdentity):
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
    def x(self) -> Rows:
        return Rows(self)

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
        v = vector_arg(vin, "Matrix.mulv")
        if len(v) != self.ncol():
            raise NeuronError("Matrix.mulv: wrong size for Matrix or Vector operation")
        x = v.as_numpy().copy()
        out = out_vector(args, 0, self.nrow(), "Matrix.mulv")
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
        out._a[:, :] = expm(self._a)
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
        m = partial_piv_det(self._a)
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
        b = vector_arg(vin, "Matrix.solv")
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
            self._lu = full_piv_lu(self._a)
        x = full_piv_solve(self._lu, rhs)
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
        out = out_vector(args, 0, len(flat), "Matrix.to_vector")
        out.as_numpy()[:] = flat
        return out

    def from_vector(self, vin) -> "Matrix":
        v = vector_arg(vin, "Matrix.from_vector")
        r, c = self._a.shape
        if len(v) != r * c:
            raise NeuronError("Matrix.from_vector: wrong size for Matrix or Vector operation")
        self._a[:, :] = v.as_numpy().reshape((r, c), order="F")
        self._touch_all()
        return self
