"""The run-time values HOC code manipulates besides floats, strings and objects.

* `HocRef` is `h.ref(x)`: one mutable slot.  Every `strdef` variable is a HocRef holding a
  str, so that `$s1` and `sprint(s, ...)` can write into the caller's variable.
* `StrArg` is how a strdef variable travels as an argument: a real `str` (so any Python
  function can use it) that also carries the variable it came from (`set_string` writes back).
* `HocArray` is a `double`/`objref`/`create` array: a flat list plus its dimensions.
* Pointers (`&x`, `&a[i]`, `$&1`) support `p[i]` like NEURON's pointer objects.
"""
from __future__ import annotations

from typing import Sequence, Tuple

from .errors import HocError


class HocRef:
    """`h.ref(value)`: a mutable cell for a number, a string or an object."""
    __slots__ = ("v",)

    def __init__(self, v=0.0):
        self.v = v

    def __getitem__(self, i):
        if i != 0:
            raise IndexError("ref index must be 0")
        return self.v

    def __setitem__(self, i, value):
        if i != 0:
            raise IndexError("ref index must be 0")
        if isinstance(self.v, str):
            value = str(value)
        self.v = value

    def __repr__(self):
        return "<hoc ref %r>" % (self.v,)


class StrArg(str):
    """A string argument that came from a strdef variable (`ref` is that variable)."""
    __slots__ = ("ref",)

    def __new__(cls, ref: HocRef):
        self = str.__new__(cls, ref.v)
        self.ref = ref
        return self


def set_string(target, value: str) -> None:
    """Assign to a string out-argument: a strdef passed from HOC or `h.ref('')` from Python."""
    if isinstance(target, StrArg):
        target.ref.v = str(value)
    elif isinstance(target, HocRef):
        target.v = str(value)
    elif hasattr(target, "__setitem__") and not isinstance(target, str):
        target[0] = str(value)
    else:
        raise HocError("string argument is not a strdef variable")


def string_of(value) -> str:
    """The text of a string argument (str, StrArg or a HocRef holding a string)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, HocRef) and isinstance(value.v, str):
        return value.v
    raise HocError("string argument expected")


class HocArray(list):
    """A HOC array: flat storage in row-major order, `dims` gives the shape."""
    __slots__ = ("dims",)

    def __init__(self, dims: Sequence[int], fill):
        n = 1
        for d in dims:
            n *= d
        if callable(fill):
            super().__init__(fill(i) for i in range(n))
        else:
            super().__init__([fill] * n)
        self.dims: Tuple[int, ...] = tuple(dims)

    def flat_index(self, idx: Sequence[float], eps: float, name: str = "") -> int:
        dims = self.dims
        if len(idx) != len(dims):
            raise HocError("wrong # of subscripts %s" % name)
        k = 0
        for pos, (x, d) in enumerate(zip(idx, dims)):
            i = int(x + eps)
            if i < 0 or i >= d:
                raise HocError("subscript %d index %d of %s out of range %d" % (pos, i, name, d))
            k = k * d + i
        return k

    def __repr__(self):
        return "HocArray(%s, %s)" % (list(self.dims), list.__repr__(self))


class VarPointer:
    """`&x` for a scalar stored in a dict (the top level or an object's fields)."""
    __slots__ = ("d", "key", "name")

    def __init__(self, d: dict, key: str, name: str = ""):
        self.d, self.key, self.name = d, key, name

    def __getitem__(self, i):
        if i != 0:
            raise HocError("subscript out of range")
        return self.d[self.key]

    def __setitem__(self, i, value):
        if i != 0:
            raise HocError("subscript out of range")
        self.d[self.key] = float(value)

    def __repr__(self):
        return "<pointer to %s>" % (self.name or self.key)

    def _engine_ref(self):
        """The engine's reference to this variable (Vector.record(&x), play(&x, ...)): one
        per variable, so that everything given `&x` shares one address, as in NEURON."""
        d, key = self.d, self.key

        def store(v):
            d[key] = v
        return _mirrored((id(d), key), d, lambda: d[key], store, self.name or key)


class ArrayPointer:
    """`&a[i]`: element i of a HOC array; `p[k]` reaches a[i + k] as C pointer arithmetic."""
    __slots__ = ("a", "base", "name")

    def __init__(self, a: list, base: int, name: str = ""):
        self.a, self.base, self.name = a, base, name

    def _index(self, i) -> int:
        k = self.base + int(i)
        if k < 0 or k >= len(self.a):
            raise HocError("subscript out of range")
        return k

    def __getitem__(self, i):
        return self.a[self._index(i)]

    def __setitem__(self, i, value):
        self.a[self._index(i)] = float(value)

    def __repr__(self):
        return "<pointer to %s[%d]>" % (self.name, self.base)

    def _engine_ref(self):
        a, i = self.a, self._index(0)

        def store(v):
            a[i] = v
        return _mirrored((id(a), i), a, lambda: a[i], store, "%s[%d]" % (self.name, i))


_mirrored_refs: dict = {}


def _mirrored(ident, holder, load, store, desc):
    """The engine reference (neuron_core.refs.external_ref) to a HOC variable stored in
    `holder` (a dict of variables or an array), made once and kept with the holder alive:
    the engine reads and writes it through a mirror cell kept in step around each run."""
    hit = _mirrored_refs.get(ident)
    if hit is not None:
        return hit[1]
    from neuron_core.refs import external_ref
    ref = external_ref(load, store, desc)
    _mirrored_refs[ident] = (holder, ref)
    return ref


POINTER_TYPES = (VarPointer, ArrayPointer)
_engine_refs: list = []


def _ref_types() -> tuple:
    if not _engine_refs:
        try:
            from neuron_core.refs import Ref
            _engine_refs.append((Ref,))
        except ImportError:
            _engine_refs.append(())
    return _engine_refs[0]


def is_pointer(value) -> bool:
    """Pointers are ours, `h.ref(number)`, or the engine's `_ref_` references."""
    if isinstance(value, POINTER_TYPES):
        return True
    if isinstance(value, HocRef):
        return not isinstance(value.v, str)
    return isinstance(value, _ref_types())
