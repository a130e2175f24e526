"""PtrVector(n): n pointers to scatter a Vector into, or gather a Vector from, in one call
(NEURON's ivoc/ptrvector.cpp; LFPy gathers i_membrane_ with it).

Engine references are resolved to raw addresses once per model build, so a gather or scatter
is a single C loop; pointers to interpreter variables (`&x` in HOC) are copied from Python.
Unset entries point at a private dummy variable, as NEURON's do.  The arrays the addresses
point into are kept alive, so a pointer whose owner reallocated (a Vector resized after pset)
reads a stale value rather than freed memory.
"""
from __future__ import annotations

import weakref
from typing import Any, List, Optional

import numpy as np

from .engine import ffi, lib
from .errors import NeuronError
from .model import model
from .pointer import as_pointer
from .refs import Ref

_live: "weakref.WeakSet" = weakref.WeakSet()
_counter = [0]


def _after_rebuild() -> None:
    for pv in list(_live):
        pv._resolved_version = -1
        cb = pv._callback
        if cb is not None:
            pv._run_callback()


model.on_rebuild.append(_after_rebuild)


class PtrVector:
    """A fixed number of pointers (all to a dummy variable at first)."""

    def __init__(self, n):
        self._index = _counter[0]
        _counter[0] += 1
        self._label = ""
        self._callback = None
        self._dummy = np.zeros(1)
        self._alloc(_size(n))
        _live.add(self)

    def _alloc(self, n: int) -> None:
        self._ptrs: List[Any] = [None] * n
        self._addr = np.full(n, self._dummy.ctypes.data, dtype=np.uintp)
        self._resolved_version = -1
        self._slow = False

    # ------------------------------------------------------------ pointers

    def size(self) -> int:
        return len(self._ptrs)

    def __len__(self) -> int:
        return len(self._ptrs)

    def resize(self, n) -> int:
        """A new set of n dummy pointers (the old ones are kept when n is unchanged)."""
        n = _size(n)
        if n != len(self._ptrs):
            self._alloc(n)
        return n

    def pset(self, i, ref) -> float:
        """Make pointer i refer to `ref` (a `_ref_` in Python, `&var` in HOC)."""
        i = self._check(i)
        self._ptrs[i] = as_pointer(ref)
        self._resolved_version = -1
        return 0.0

    def _check(self, i) -> int:
        i = int(i)
        if not 0 <= i < len(self._ptrs):
            raise NeuronError("PtrVector index %d out of range [0, %d)" % (i, len(self._ptrs)))
        return i

    def _resolve(self) -> None:
        model.ensure_built()
        if self._resolved_version == model.version:
            return
        slow = False
        keep = {}
        for i, p in enumerate(self._ptrs):
            if p is None:
                self._addr[i] = self._dummy.ctypes.data
            elif isinstance(p, Ref):
                arr, k = p._array_index()
                keep[id(arr)] = arr     # the memory stays valid while we hold the array
                self._addr[i] = p.current_address()
            else:
                slow = True
        self._keep = list(keep.values())
        self._slow = slow
        self._resolved_version = model.version

    # --------------------------------------------------------- transfers

    def getval(self, i) -> float:
        i = self._check(i)
        p = self._ptrs[i]
        return float(self._dummy[0] if p is None else p[0])

    def setval(self, i, x) -> float:
        i = self._check(i)
        p = self._ptrs[i]
        if p is None:
            self._dummy[0] = float(x)
        else:
            p[0] = float(x)
        return 0.0

    def scatter(self, src) -> float:
        """Copy the elements of `src` (a Vector or array of this size) to the variables."""
        a = self._array(src, "scatter")
        self._resolve()
        if self._slow:
            for i in range(len(a)):
                self.setval(i, a[i])
        else:
            lib.nrn_ptrvec_scatter(_pp(self._addr), len(a), ffi.cast("double*", a.ctypes.data))
        return 0.0

    def gather(self, dest) -> float:
        """Copy the variables' values into `dest` (a Vector or array of this size)."""
        a = self._array(dest, "gather")
        self._resolve()
        if self._slow:
            for i in range(len(a)):
                a[i] = self.getval(i)
        else:
            lib.nrn_ptrvec_gather(_pp(self._addr), len(a), ffi.cast("double*", a.ctypes.data))
        return 0.0

    def _array(self, v, method: str) -> np.ndarray:
        a = v.as_numpy() if hasattr(v, "as_numpy") else v
        if not isinstance(a, np.ndarray) or a.dtype != np.float64 or a.ndim != 1 \
                or not a.flags.c_contiguous:
            raise NeuronError("PtrVector.%s needs a Vector (or a contiguous float64 array)" % method)
        if len(a) != len(self._ptrs):
            raise NeuronError("PtrVector.%s: Vector size %d differs from PtrVector size %d"
                              % (method, len(a), len(self._ptrs)))
        return a

    # ------------------------------------------------------------- misc

    def label(self, text: Optional[str] = None) -> str:
        if text is not None:
            self._label = str(text)
        return self._label

    def plot(self, *args) -> float:
        """Drawing needs a Graph on a screen; without one there is nothing to draw."""
        return 0.0

    def ptr_update_callback(self, cb=None, obj=None) -> float:
        """A Python callable or HOC statement run whenever the model's arrays are reallocated
        (every rebuild), e.g. to pset the pointers again."""
        self._callback = None if cb is None else (cb, obj)
        return 0.0

    def _run_callback(self) -> None:
        cb, obj = self._callback
        if callable(cb):
            cb()
        else:
            from .builtins import execute_hoc
            execute_hoc(str(cb))

    def hname(self) -> str:
        return "PtrVector[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()


def _size(n) -> int:
    n = int(n)
    if n < 1:
        raise NeuronError("PtrVector size must be an integer greater than 0")
    return n


def _pp(addr: np.ndarray):
    return ffi.cast("double**", addr.ctypes.data)
