"""Vector copies: c/at/cl, copy (ranges, strides, index Vectors), ind and index."""
from __future__ import annotations

import numpy as np

from ..errors import NeuronError
from .args import chk, nargs, num
from ._edit import DMAXINT
from ._storage import VectorStorage, vec_arg
from .hooks import float_epsilon


def _cdiv(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _trunc_indices(values: np.ndarray) -> np.ndarray:
    """C's int(double) on index values (toward zero); huge values map out of range."""
    v = np.trunc(values)
    v = np.where(np.isfinite(v) & (np.abs(v) < 2.0 ** 62), v, -1.0)
    return v.astype(np.int64)


class CopyMixin:
    __slots__ = ()

    def _sub(self, args: tuple, what: str) -> np.ndarray:
        nargs(args, 0, 2, what)
        n = self._s.size
        s = int(chk(args[0], 0, n - 1, what)) if args else 0
        e = int(chk(args[1], s, n - 1, what)) + 1 if len(args) > 1 else n
        return self._arr[s:e]

    def c(self, *args) -> "EditMixin":
        """A new Vector with all or elements start..end (inclusive); label not copied."""
        return self._new_like(self._sub(args, "Vector.c"))

    def at(self, *args) -> "EditMixin":
        return self._new_like(self._sub(args, "Vector.at"))

    def cl(self, *args) -> "EditMixin":
        """Like c() but the label is copied too."""
        out = self._new_like(self._sub(args, "Vector.cl"))
        out._label = self._label
        return out

    def copy(self, src, *args) -> "EditMixin":
        """vdest.copy(vsrc[, dest_start][, src_start, src_end][, dest_inc, src_inc]) and the
        index-vector forms copy(vsrc, vindex) / copy(vsrc, vsrcindex, vdestindex)."""
        x = vec_arg(src, "Vector.copy")
        if args and isinstance(args[0], VectorStorage):
            return self._copy_indexed(x, args)
        nargs(args, 0, 5, "Vector.copy")
        top = x._s.size - 1
        src_start, src_end, src_inc = 0, top, 1
        dest_start, dest_inc = 0, 1
        if len(args) == 1:
            dest_start = int(num(args[0], "Vector.copy"))
        elif len(args) == 2:
            src_start = int(chk(args[0], 0, top, "Vector.copy"))
            src_end = int(chk(args[1], -1, top, "Vector.copy"))
        elif len(args) >= 3:
            dest_start = int(num(args[0], "Vector.copy"))
            src_start = int(chk(args[1], 0, top, "Vector.copy"))
            src_end = int(chk(args[2], -1, top, "Vector.copy"))
            if len(args) == 4:
                raise NeuronError("Vector.copy: dest_inc given without src_inc")
            if len(args) == 5:
                dest_inc = int(chk(args[3], 1, DMAXINT, "Vector.copy"))
                src_inc = int(chk(args[4], 1, DMAXINT, "Vector.copy"))
        if src_end == -1:
            src_end = top
        elif src_end < src_start:
            raise NeuronError("Vector.copy: src_end arg smaller than src_start")
        if dest_start < 0:
            raise NeuronError("Vector.copy: dest_start must not be negative")
        size = _cdiv(src_end - src_start, src_inc) * dest_inc + dest_start + 1
        if self._s.size < size or (self._s.size > size and not args):
            self._resize(size)
        count = len(range(src_start, src_end + 1, src_inc))
        if x is self:
            a = self._arr
            for k in range(count):
                a[dest_start + k * dest_inc] = a[src_start + k * src_inc]
        else:
            dst = self._arr[dest_start : dest_start + (count - 1) * dest_inc + 1 : dest_inc]
            dst[:] = x._arr[src_start : src_end + 1 : src_inc]
        return self

    def _copy_indexed(self, x: VectorStorage, args: tuple) -> "EditMixin":
        nargs(args, 1, 2, "Vector.copy")
        eps = float_epsilon()
        src_idx = _trunc_indices(vec_arg(args[0], "Vector.copy")._view() + eps)
        nx = x._s.size
        ny = self._s.size
        if len(args) == 2:
            dst_idx = _trunc_indices(vec_arg(args[1], "Vector.copy")._view() + eps)
            ns = min(len(src_idx), len(dst_idx))
            src_idx, dst_idx = src_idx[:ns], dst_idx[:ns]
        else:
            nx = min(nx, ny)
            dst_idx = src_idx
        ok = (src_idx >= 0) & (dst_idx >= 0) & (src_idx < nx) & (dst_idx < ny)
        xs = x._arr
        ys = self._arr
        if x is self:
            for i, j in zip(src_idx[ok].tolist(), dst_idx[ok].tolist()):
                ys[j] = xs[i]
        else:
            ys[dst_idx[ok]] = xs[src_idx[ok]]
        return self

    def ind(self, vindex) -> "EditMixin":
        """New Vector of the elements at the (truncated) indices that are in range."""
        idx = _trunc_indices(vec_arg(vindex, "Vector.ind")._view())
        idx = idx[(idx >= 0) & (idx < self._s.size)]
        return self._new_like(self._arr[idx])

    def index(self, *args) -> "EditMixin":
        """vdest.index(vsrc, indices): vdest[i] = vsrc[indices[i]] (0 when out of range)."""
        nargs(args, 1, 2, "Vector.index")
        if len(args) == 2:
            data = vec_arg(args[0], "Vector.index")._view().copy()
            idx = _trunc_indices(vec_arg(args[1], "Vector.index")._view())
        else:
            data = self._view().copy()
            idx = _trunc_indices(vec_arg(args[0], "Vector.index")._view())
        ok = (idx >= 0) & (idx < len(data))
        out = np.zeros(len(idx))
        out[ok] = data[idx[ok]]
        self._set_data(out)
        return self
