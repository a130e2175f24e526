"""Vector methods that build, copy, reorder and resize (NEURON's argument rules)."""
from __future__ import annotations

import numpy as np

from ..errors import NeuronError
from .args import chk, index_range, is_number, nargs, num
from ._storage import VectorStorage, values_from_iterable, vec_arg
from .hooks import float_epsilon

DMAXINT = 9007199254740992.0  # 2**53, the largest count NEURON accepts


def _cdiv(a: int, b: int) -> int:
    """C integer division (truncates toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _trunc_indices(values: np.ndarray) -> np.ndarray:
    """C's int(double) on index values (toward zero); huge values map out of range."""
    v = np.trunc(values)
    v = np.where(np.isfinite(v) & (np.abs(v) < 2.0 ** 62), v, -1.0)
    return v.astype(np.int64)


class EditMixin:
    __slots__ = ()

    # ------------------------------------------------------------------ size

    def size(self) -> int:
        return self._cv.size

    def buffer_size(self, *args) -> int:
        """Capacity; with an argument, reserve exactly that much (never below the size)."""
        nargs(args, 0, 1, "Vector.buffer_size")
        if args:
            n = int(chk(args[0], self._cv.size, DMAXINT, "Vector.buffer_size"))
            if n > self._cv.cap:
                self._realloc(n)
        return self._cv.cap

    def resize(self, n) -> "EditMixin":
        self._resize(int(chk(n, 0, DMAXINT, "Vector.resize")))
        return self

    def clear(self) -> "EditMixin":
        self._cv.size = 0
        return self

    # ------------------------------------------------------------------ elements

    def get(self, i) -> float:
        return self._arr.item(int(chk(i, 0, self._cv.size - 1, "Vector.get")))

    def set(self, i, value) -> "EditMixin":
        self._arr[int(chk(i, 0, self._cv.size - 1, "Vector.set"))] = num(value, "Vector.set")
        return self

    def _push(self, x: float) -> None:
        """push_back: grows like std::vector (doubling)."""
        cv = self._cv
        n = cv.size
        if n >= cv.cap:
            self._realloc(n + max(n, 1))
        self._arr[n] = x
        cv.size = n + 1

    def _extend_exact(self, values: np.ndarray) -> None:
        """Append values after reserving exactly the room needed (NEURON's Vector append)."""
        n = self._cv.size
        k = len(values)
        if n + k > self._cv.cap:
            self._realloc(n + k)
        self._arr[n : n + k] = values
        self._cv.size = n + k

    def _append_args(self, args: tuple, what: str) -> None:
        for a in args:
            if is_number(a):
                self._push(float(a))
            elif isinstance(a, VectorStorage):
                if a is self:
                    raise NeuronError("%s: argument needs to be copied first" % what)
                self._extend_exact(a._view())
            else:
                raise NeuronError("%s: arguments must be numbers or Vectors, got %s"
                                  % (what, type(a).__name__))

    def append(self, *args) -> "EditMixin":
        """Concatenate numbers and Vectors onto the end."""
        self._append_args(args, "Vector.append")
        return self

    def insrt(self, index, *args) -> "EditMixin":
        """Insert numbers and Vectors before element `index`."""
        at = int(chk(index, 0, self._cv.size, "Vector.insrt"))
        tail = self._view()[at:].copy()
        self._resize(at)
        self._append_args(args, "Vector.insrt")
        if len(tail):
            n = self._cv.size
            self._resize(n + len(tail))[n:] = tail
        return self

    def remove(self, start, *args) -> "EditMixin":
        """Remove element `start` or the inclusive range start..end."""
        nargs(args, 0, 1, "Vector.remove")
        n = self._cv.size
        s = int(chk(start, 0, n - 1, "Vector.remove"))
        e = int(chk(args[0], s, n - 1, "Vector.remove")) if args else s
        a = self._arr
        k = n - (e + 1)
        a[s : s + k] = a[e + 1 : n].copy()
        self._cv.size = s + k
        return self

    def fill(self, value, *args) -> "EditMixin":
        nargs(args, 0, 2, "Vector.fill")
        v = num(value, "Vector.fill")
        if args:
            s, e = index_range(args, 0, self._cv.size - 1, "Vector.fill")
            self._arr[s : e + 1] = v
        else:
            self._view()[:] = v
        return self

    def indgen(self, *args) -> "EditMixin":
        """0, 1, 2...; indgen(step); indgen(start, step); indgen(start, stop, step) resizes."""
        nargs(args, 0, 3, "Vector.indgen")
        n = self._cv.size
        start, step = 0.0, 1.0
        if len(args) == 3:
            start = num(args[0], "Vector.indgen")
            end = num(args[1], "Vector.indgen")
            span = abs(end - start)
            step = chk(args[2], -span, span, "Vector.indgen")
            if step == 0.0:
                raise NeuronError("Vector.indgen: step must not be 0")
            xn = np.floor((end - start) / step + 1e-9) + 1.0
            if xn > DMAXINT:
                raise NeuronError("Vector.indgen: size too large")
            if xn < 0:
                raise NeuronError("Vector.indgen: empty set")
            n = int(xn)
            self._resize(n)
        elif len(args) == 2:
            start = num(args[0], "Vector.indgen")
            step = chk(args[1], -DMAXINT, DMAXINT, "Vector.indgen")
        elif len(args) == 1:
            step = chk(args[0], -DMAXINT, DMAXINT, "Vector.indgen")
        out = self._arr[:n]
        np.multiply(np.arange(n, dtype=float), step, out=out)
        if start != 0.0:
            out += start
        return self

    # ------------------------------------------------------------------ copies

    def _sub(self, args: tuple, what: str) -> np.ndarray:
        nargs(args, 0, 2, what)
        n = self._cv.size
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
        top = x._cv.size - 1
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
        if self._cv.size < size or (self._cv.size > size and not args):
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
        nx = x._cv.size
        ny = self._cv.size
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
        idx = idx[(idx >= 0) & (idx < self._cv.size)]
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

    # ------------------------------------------------------------------ Python and C data

    def from_python(self, obj) -> "EditMixin":
        self._set_data(values_from_iterable(obj, "Vector.from_python"))
        return self

    def to_python(self, *args):
        """A list of the elements, or fill the given list / numpy array of the same size."""
        nargs(args, 0, 1, "Vector.to_python")
        view = self._view()
        if not args:
            return view.tolist()
        target = args[0]
        if len(target) != len(view):
            raise NeuronError("%s: Python Sequence not same size as Vector" % self.hname())
        if isinstance(target, np.ndarray):
            target[:] = view
        else:
            target[:] = view.tolist()
        return target

    def from_double(self, n, pointer) -> "EditMixin":
        """Copy n doubles starting at a pointer (`_ref_` or `numpy_element_ref`)."""
        count = int(num(n, "Vector.from_double"))
        locate = getattr(pointer, "_array_index", None)
        if locate is not None:
            arr, i = locate()
            flat = arr.reshape(-1) if arr.ndim != 1 else arr
            if i + count > len(flat):
                raise NeuronError("Vector.from_double: %d values requested beyond the array" % count)
            values = flat[i : i + count].copy()
        else:
            values = np.array([pointer[k] for k in range(count)], dtype=float)
        self._set_data(values)
        return self

    def label(self, *args) -> str:
        nargs(args, 0, 1, "Vector.label")
        if args:
            if not isinstance(args[0], str):
                raise NeuronError("Vector.label: expected a string")
            self._label = args[0]
        return self._label or ""

    # ------------------------------------------------------------------ order

    def reverse(self) -> "EditMixin":
        v = self._view()
        v[:] = v[::-1].copy()
        return self

    def sort(self) -> "EditMixin":
        self._view().sort()
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
        n = self._cv.size
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
        f = chk(rate, 0, x._cv.size / 2, "Vector.resample")
        n = int(x._cv.size * f)
        idx = (np.arange(n, dtype=float) / f).astype(np.int64) if n else np.zeros(0, np.int64)
        values = x._arr[idx]
        self._cv.size = 0
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
