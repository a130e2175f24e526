"""Matrix rows, columns and diagonals, and the `m.x[i][j]` element syntax."""
from __future__ import annotations

import numpy as np

from neuron_core.errors import NeuronError
from neuron_core.vector import Vector
from neuron_core.vector.args import chk, is_number


def vector_arg(x, what: str) -> Vector:
    """x if it is a Vector, else a clear error."""
    if not isinstance(x, Vector):
        raise NeuronError("%s: expected a Vector, got %s" % (what, type(x).__name__))
    return x


def out_vector(args: tuple, k: int, n: int, what: str) -> Vector:
    """args[k] (resized to n) or a new Vector of n zeros."""
    if len(args) > k:
        v = vector_arg(args[k], what)
        v.resize(n)
        return v
    return Vector(n)


class Rows:
    """`m.x[i][j]` (and `m.x[i, j]`) element access."""

    __slots__ = ("_m",)

    def __init__(self, m: "Matrix"):
        self._m = m

    def __getitem__(self, ij):
        if isinstance(ij, tuple):
            return self._m.getval(*ij)
        return Row(self._m, ij)

    def __setitem__(self, ij, value) -> None:
        if not isinstance(ij, tuple):
            raise NeuronError("Matrix.x needs two subscripts")
        self._m.setval(ij[0], ij[1], value)


class Row:
    __slots__ = ("_m", "_i")

    def __init__(self, m: "Matrix", i):
        self._m, self._i = m, i

    def __getitem__(self, j) -> float:
        return self._m.getval(self._i, j)

    def __setitem__(self, j, value) -> None:
        self._m.setval(self._i, j, value)


class MatrixLinesMixin:
    __slots__ = ()

    def getrow(self, i, *args) -> Vector:
        k = int(chk(i, 0, self.nrow() - 1, "Matrix.getrow"))
        out = out_vector(args, 0, self.ncol(), "Matrix.getrow")
        out.as_numpy()[:] = self._a[k, :]
        return out

    def getcol(self, j, *args) -> Vector:
        k = int(chk(j, 0, self.ncol() - 1, "Matrix.getcol"))
        out = out_vector(args, 0, self.nrow(), "Matrix.getcol")
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
        out = out_vector(args, 0, self.nrow(), "Matrix.getdiag")
        rows, cols = self._diag_index(d)
        v = out.as_numpy()
        v[:] = 0.0
        v[rows] = self._a[rows, cols]
        return out

    def _set_line(self, what: str, value, size: int, assign) -> "Matrix":
        if is_number(value):
            assign(float(value))
        else:
            v = vector_arg(value, what)
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
