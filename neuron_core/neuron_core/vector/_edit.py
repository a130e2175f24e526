"""Vector methods that size, fill and edit elements, and exchange data with Python and C."""
from __future__ import annotations

import numpy as np

from .._engine import lib
from ..errors import NeuronError
from .args import chk, index_range, is_number, nargs, num
from ._storage import VectorStorage, values_from_iterable

DMAXINT = 9007199254740992.0  # 2**53, the largest count NEURON accepts

_indgen = lib.nrn_vecops_indgen


class EditMixin:
    __slots__ = ()

    # ------------------------------------------------------------------ size

    def size(self) -> int:
        return self._s.size

    def buffer_size(self, *args) -> int:
        """Capacity; with an argument, reserve exactly that much (never below the size)."""
        nargs(args, 0, 1, "Vector.buffer_size")
        if args:
            n = int(chk(args[0], self._s.size, DMAXINT, "Vector.buffer_size"))
            if n > self._s.cap:
                self._realloc(n)
        return self._s.cap

    def resize(self, n) -> "EditMixin":
        self._resize(int(chk(n, 0, DMAXINT, "Vector.resize")))
        return self

    def clear(self) -> "EditMixin":
        self._s.size = 0
        return self

    # ------------------------------------------------------------------ elements

    def get(self, i) -> float:
        return self._arr.item(int(chk(i, 0, self._s.size - 1, "Vector.get")))

    def set(self, i, value) -> "EditMixin":
        self._arr[int(chk(i, 0, self._s.size - 1, "Vector.set"))] = num(value, "Vector.set")
        return self

    def _push(self, x: float) -> None:
        """push_back: grows like std::vector (doubling)."""
        s = self._s
        n = s.size
        if n >= s.cap:
            self._realloc(n + max(n, 1))
        self._arr[n] = x
        s.size = n + 1

    def _extend_exact(self, values: np.ndarray) -> None:
        """Append values after reserving exactly the room needed (NEURON's Vector append)."""
        n = self._s.size
        k = len(values)
        if n + k > self._s.cap:
            self._realloc(n + k)
        self._arr[n : n + k] = values
        self._s.size = n + k

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
        at = int(chk(index, 0, self._s.size, "Vector.insrt"))
        tail = self._view()[at:].copy()
        self._resize(at)
        self._append_args(args, "Vector.insrt")
        if len(tail):
            n = self._s.size
            self._resize(n + len(tail))[n:] = tail
        return self

    def remove(self, start, *args) -> "EditMixin":
        """Remove element `start` or the inclusive range start..end."""
        nargs(args, 0, 1, "Vector.remove")
        n = self._s.size
        s = int(chk(start, 0, n - 1, "Vector.remove"))
        e = int(chk(args[0], s, n - 1, "Vector.remove")) if args else s
        a = self._arr
        k = n - (e + 1)
        a[s : s + k] = a[e + 1 : n].copy()
        self._s.size = s + k
        return self

    def fill(self, value, *args) -> "EditMixin":
        if args:
            nargs(args, 0, 2, "Vector.fill")
        if type(value) is not float:
            value = num(value, "Vector.fill")
        if args:
            s, e = index_range(args, 0, self._s.size - 1, "Vector.fill")
            self._arr[s : e + 1] = value
        else:
            self._arr[: self._s.size] = value
        return self

    def indgen(self, *args) -> "EditMixin":
        """0, 1, 2...; indgen(step); indgen(start, step); indgen(start, stop, step) resizes.
        Element i is i*step + start (so 0*(-1) + 0 is +0.0, as in NEURON)."""
        n = self._s.size
        k = len(args)
        if k == 2 and type(args[0]) is float and type(args[1]) is float and \
                -DMAXINT <= args[1] <= DMAXINT:
            start, step = args  # the common HOC call, checked as below
        else:
            start, step, n = self._indgen_args(args, n)
        if n:
            _indgen(self._ptr(), n, start, step)
        return self

    def _indgen_args(self, args: tuple, n: int):
        """(start, step, size) of an indgen call; the 3-argument form resizes."""
        nargs(args, 0, 3, "Vector.indgen")
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
        return start, step, n

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
