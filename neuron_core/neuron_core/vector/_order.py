"""Vector reordering and resampling: reverse, sort, sortindex, rotate, resample, rebin."""
from __future__ import annotations

import numpy as np

from .._engine import ffi, lib
from ..errors import NeuronError
from .args import chk, nargs, num
from ._storage import VectorStorage, vec_arg

_sort = lib.nrn_vecops_sort


def sorted_copy(x: np.ndarray) -> np.ndarray:
    """A float64 copy of x sorted as NEURON's std::sort orders it."""
    out = np.array(x, dtype=float)
    if len(out) > 1:
        _sort(ffi.from_buffer("double[]", out), len(out))
    return out


class OrderMixin:
    __slots__ = ()

    def reverse(self) -> "EditMixin":
        v = self._view()
        v[:] = v[::-1].copy()
        return self

    def sort(self) -> "EditMixin":
        """Ascending, equal elements (-0.0, 0.0) and NaNs placed exactly as by std::sort."""
        n = self._s.size
        if n > 1:
            _sort(self._ptr(), n)
        return self

    def sortindex(self, *args) -> "EditMixin":
        """Indices that sort the elements (ties keep their order), in a new or given Vector."""
        nargs(args, 0, 1, "Vector.sortindex")
        dest = vec_arg(args[0], "Vector.sortindex") if args else self._new_like(())
        dest._set_data(np.argsort(self._view(), kind="stable").astype(float))
        return dest

    def rotate(self, r, *args) -> "EditMixin":
        """Shift right (r > 0) or left (r < 0) with wrap-around, or zero fill when a second
        argument is given."""
        nargs(args, 0, 1, "Vector.rotate")
        n = self._s.size
        k = int(num(r, "Vector.rotate"))
        if n == 0:
            return self
        wrap = not args
        rev = False
        if k > n:
            k = k % n
        if k < 0:
            k = n - (abs(k) % n)
            rev = True
        if k > 0:
            a = self._arr[:n]
            rc = n - k
            hold = np.zeros(n)
            if wrap:
                hold[k:] = a[:rc]
                hold[:k] = a[rc:]
            elif not rev:
                hold[k:] = a[:rc]
            else:
                hold[:k] = a[rc:]
            a[:] = hold
        return self

    # ------------------------------------------------------------------ resampling

    def resample(self, src, rate) -> "EditMixin":
        """Each source element repeated `rate` times (fractional rates pick by truncation)."""
        x = vec_arg(src, "Vector.resample")
        f = chk(rate, 0, x._s.size / 2, "Vector.resample")
        n = int(x._s.size * f)
        idx = (np.arange(n, dtype=float) / f).astype(np.int64) if n else np.zeros(0, np.int64)
        values = x._arr[idx]
        self._s.size = 0
        self._realloc(n)
        self._set_data(values)
        return self

    def rebin(self, *args) -> "EditMixin":
        """Sum consecutive groups of `factor` elements (remainder dropped)."""
        nargs(args, 1, 2, "Vector.rebin")
        if isinstance(args[0], VectorStorage):
            src, f = args[0]._view().copy(), args[1] if len(args) > 1 else None
            if f is None:
                raise NeuronError("Vector.rebin: factor missing")
        else:
            src, f = self._view().copy(), args[0]
        f = int(num(f, "Vector.rebin"))
        if f <= 0:
            raise NeuronError("Vector.rebin: factor must be positive")
        n = len(src) // f
        blocks = src[: n * f].reshape(n, f)
        out = np.zeros(n)
        for j in range(f):
            out += blocks[:, j]
        self._set_data(out)
        return self
