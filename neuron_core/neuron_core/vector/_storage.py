"""Vector storage: a numpy float64 buffer, shared with the engine through a `nrn_vec` struct.

`_arr` is the whole buffer (its length is the capacity); `_s` holds the logical `size` and
the `cap`acity.  Until the engine asks for the Vector (`_cv`: recording, play, mechanism
calls), `_s` is a small Python object, so that making and freeing a Vector costs no C
allocation.  The first `_cv` replaces it by a `nrn_vec` struct with the same two fields
plus the buffer address; from then on the engine may append to it from C and, when it
needs room, calls back `_c_grow(n)` through `_cv.handle`.  Growing allocates a new array and
drops the old one; a numpy view handed out earlier keeps the old memory alive, so it never
dangles.

Capacity follows std::vector (what NEURON uses), so `buffer_size()` reports NEURON's numbers.
"""
from __future__ import annotations

import itertools
import operator
import weakref
from collections.abc import Iterator, Mapping
from typing import Iterable

import numpy as np

from .._engine import ffi
from ..errors import NeuronError
from .args import is_number


class _Grower(weakref.ref):
    """What `_cv.handle` points to: forwards the engine's grow requests to the Vector.

    A weak reference, so that Vector -> handle -> Vector is not a reference cycle (a cycle
    would keep large buffers alive until the cyclic garbage collector runs)."""

    __slots__ = ()

    def _c_grow(self, n: int) -> None:
        vec = self()
        if vec is not None:
            vec._c_grow(n)


class _Sizes:
    """Size and capacity of a Vector the engine has not seen (the fields of `nrn_vec`).
    No __init__: setting the two fields after `_Sizes()` is twice as fast."""

    __slots__ = ("size", "cap")


_ids = itertools.count()
_EMPTY = np.empty(0)
_new_cv = ffi.new
_from_buffer = ffi.from_buffer
_new_handle = ffi.new_handle


class VectorStorage:
    """Storage, element access and the Python protocols of Vector."""

    __slots__ = ("_arr", "_s", "_p", "_handle", "_label", "_id", "__weakref__")

    hoc_name = "Vector"

    def _init_empty(self) -> None:
        """Empty storage and a new instance number (Vector.__init__ does the same inline)."""
        self._arr = _EMPTY
        self._s = sz = _Sizes()
        sz.size = sz.cap = 0
        self._p = None
        self._label = None
        self._id = next(_ids)

    # ------------------------------------------------------------- the engine's view

    @property
    def _cv(self):
        """The `nrn_vec*` the engine reads and appends to (made on first use)."""
        s = self._s
        if type(s) is not _Sizes:
            return s
        cv = _new_cv("nrn_vec*")
        if s.cap:
            cv.data = self._ptr()
        cv.cap = s.cap
        cv.size = s.size
        self._handle = h = _new_handle(_Grower(self))
        cv.handle = h
        self._s = cv
        return cv

    def _ptr(self):
        """The buffer as a C `double*` for the loops in `vecops.c` (kept until it changes)."""
        p = self._p
        if p is None:
            p = self._p = _from_buffer("double[]", self._arr)
        return p

    # ------------------------------------------------------------- capacity

    def _adopt(self, arr: np.ndarray, n: int) -> None:
        """Take `arr` (a fresh float64 array) as the buffer, holding n elements."""
        self._arr = arr
        s = self._s
        if type(s) is _Sizes:
            self._p = None
        else:
            s.data = self._p = _from_buffer("double[]", arr)
        s.cap = len(arr)
        s.size = n

    def _realloc(self, cap: int) -> None:
        """Replace the buffer by one of capacity `cap`, keeping the used elements."""
        n = self._s.size
        new = np.empty(cap)
        keep = n if n < cap else cap
        new[:keep] = self._arr[:keep]
        self._adopt(new, keep)

    def _c_grow(self, n: int) -> None:
        """Engine callback: make room for at least n elements."""
        if n > self._s.cap:
            self._realloc(int(n))

    def _resize(self, n: int) -> np.ndarray:
        """Set the logical size (new elements are 0.0); returns the view of the elements."""
        s = self._s
        old = s.size
        if n > s.cap:
            self._realloc(max(2 * old, n))
        if n > old:
            self._arr[old:n] = 0.0
        s.size = n
        return self._arr[:n]

    def _grow_by(self, k: int) -> int:
        """Append k uninitialised slots the way std::vector::insert grows; returns old size."""
        s = self._s
        old = s.size
        n = old + k
        if n > s.cap:
            self._realloc(old + max(old, k))
        s.size = n
        return old

    def _set_data(self, values: np.ndarray) -> None:
        """Replace the contents by `values` (resizing as resize() does)."""
        self._resize(len(values))[:] = values

    def as_numpy(self) -> np.ndarray:
        """Zero-copy view of the elements (valid until the Vector is resized beyond its buffer)."""
        return self._arr[: self._s.size]

    def _view(self) -> np.ndarray:
        return self._arr[: self._s.size]

    def _new_like(self, values) -> "VectorStorage":
        """A new Vector (NEURON's class, not a subclass) holding a copy of `values`."""
        cls = _VECTOR[0]
        if cls is None:
            cls = _vector_class()
        out = cls()
        arr = np.array(values, dtype=float)
        out._adopt(arr, len(arr))
        return out

    # ------------------------------------------------------------- identity

    def hname(self) -> str:
        return "%s[%d]" % (self.hoc_name, self._id)

    def same(self, other) -> bool:
        """True when other is this very object (NEURON's HOC object identity)."""
        return self is other

    def hocobjptr(self) -> int:
        return id(self)

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__

    # ------------------------------------------------------------- Python sequence protocol

    def __len__(self) -> int:
        return self._s.size

    def __iter__(self) -> Iterator[float]:
        return iter(self._arr[: self._s.size].tolist())

    def __getitem__(self, i):
        n = self._s.size
        if type(i) is not int:
            if type(i) is slice:
                return self._new_like(self._arr[:n][i])
            i = operator.index(i)
        if i < 0:
            i += n
        if 0 <= i < n:
            return self._arr.item(i)
        raise IndexError("%s index out of range" % self.hname())

    def __setitem__(self, i, value) -> None:
        n = self._s.size
        if type(i) is slice:
            self._assign_slice(i, value, n)
            return
        if type(i) is not int:
            i = operator.index(i)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("%s index out of range" % self.hname())
        if not is_number(value):
            raise TypeError("%s elements are numbers, got %s" % (self.hname(), type(value).__name__))
        self._arr[i] = value

    def _assign_slice(self, s: slice, value, n: int) -> None:
        count = len(range(*s.indices(n)))
        if is_number(value) or isinstance(value, (str, bytes)):
            raise TypeError("can only assign an iterable")
        if isinstance(value, VectorStorage):
            values = value._view().copy()
        else:
            try:
                values = np.fromiter(value, dtype=float) if not isinstance(value, np.ndarray) \
                    else np.asarray(value, dtype=float).ravel()
            except TypeError:
                raise TypeError("can only assign an iterable") from None
        if len(values) != count:
            raise IndexError("slice of %d elements assigned %d values" % (count, len(values)))
        self._arr[:n][s] = values

    @property
    def x(self) -> "_Elements":
        """The old `vec.x[i]` element syntax."""
        return _Elements(self)

    @property
    def _ref_x(self) -> "_ElementRefs":
        """Pointers to elements: `vec._ref_x[i]`."""
        return _ElementRefs(self)

    # ------------------------------------------------------------- numpy and pickling

    @property
    def __array_interface__(self) -> dict:
        view = self._arr[: self._s.size]
        return {"shape": view.shape, "typestr": view.dtype.str, "version": 3, "data": view}

    def __reduce__(self):
        return (_unpickle, (type(self), self._view().tobytes(), self._label))


class _Elements:
    """`vec.x`: indexable like the Vector itself."""

    __slots__ = ("_vec",)

    def __init__(self, vec: VectorStorage):
        self._vec = vec

    def __getitem__(self, i):
        vec = self._vec
        if type(i) is int and 0 <= i < vec._s.size:
            return vec._arr.item(i)
        return vec[i]

    def __setitem__(self, i, value) -> None:
        self._vec[i] = value

    def __len__(self) -> int:
        return len(self._vec)

    def __repr__(self) -> str:
        return "%s.x[?]" % self._vec.hname()


class _ElementRefs:
    """`vec._ref_x`: element i as a pointer that follows the Vector's buffer."""

    __slots__ = ("_vec",)

    def __init__(self, vec: VectorStorage):
        self._vec = vec

    def __getitem__(self, i: int):
        from ..refs import Ref

        vec = self._vec
        i = operator.index(i)
        if not 0 <= i < len(vec):
            raise IndexError("%s.x[%d] out of range" % (vec.hname(), i))
        return Ref(lambda: (vec._arr, i), "%s.x[%d]" % (vec.hname(), i), keep=vec)


def _unpickle(cls, data: bytes, label) -> VectorStorage:
    v = cls()
    values = np.frombuffer(data, dtype=float).copy()
    v._adopt(values, len(values))
    v._label = label
    return v


def vec_arg(x: object, what: str) -> VectorStorage:
    """x if it is a Vector, else a clear error."""
    if isinstance(x, VectorStorage):
        return x
    raise NeuronError("%s: expected a Vector, got %s" % (what, type(x).__name__))


_VECTOR = [None]


def _vector_class():
    from ._vector import Vector

    _VECTOR[0] = Vector
    return Vector


def values_from_iterable(obj: Iterable, what: str) -> np.ndarray:
    """Float64 copy of a Python iterable or numpy array, with NEURON's complaints."""
    if isinstance(obj, VectorStorage):
        return obj._view().copy()
    if isinstance(obj, np.ndarray):
        return np.array(obj, dtype=float).ravel()
    if isinstance(obj, (str, bytes)):
        raise NeuronError("%s: a string is not a sequence of numbers" % what)
    if not isinstance(obj, Iterator) and (isinstance(obj, Mapping) or not hasattr(type(obj), "__getitem__")):
        raise NeuronError("%s: %s does not support the Python Sequence or Iterator protocol"
                          % (what, type(obj).__name__))
    if type(obj) is range:
        return np.arange(obj.start, obj.stop, obj.step, dtype=float)
    items = obj if isinstance(obj, (list, tuple)) else list(obj)
    try:
        arr = np.array(items)
    except (TypeError, ValueError):
        arr = None
    if arr is not None and arr.ndim == 1 and arr.dtype.kind in "biuf":
        return arr.astype(float)
    for k, item in enumerate(items):
        if not is_number(item):
            raise NeuronError("%s: item %d is not a valid number" % (what, k))
    return np.array(items, dtype=float)
