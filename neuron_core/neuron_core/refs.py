"""References (`_ref_*` pointers): stable names of a location, resolved to a raw address only
when the engine needs one and again after every rebuild of the model."""
from __future__ import annotations

import weakref
from typing import Any, Callable, Optional, Tuple

import numpy as np

from .errors import NeuronError
from .model import model


class Ref:
    """A pointer to a double, usable wherever NEURON takes a `_ref_` (record, play, NetCon...)."""

    __slots__ = ("_locate", "_desc", "_keep", "_owner")

    def __init__(self, locate: Callable[[], Tuple[np.ndarray, int]], desc: str, keep=None):
        self._locate = locate   # -> (array, index) holding the value now
        self._desc = desc
        self._keep = keep       # objects whose lifetime the pointer extends
        self._owner = None      # weak reference to the section or point process it points into

    def owner(self) -> Optional[Any]:
        """The section or point process holding the value (None if gone or not such a pointer)."""
        return self._owner() if self._owner is not None else None

    def _array_index(self) -> Tuple[np.ndarray, int]:
        return self._locate()

    def address(self) -> int:
        """Raw address of the value; the model is rebuilt first if it changed."""
        model.ensure_built()
        return self.current_address()

    def current_address(self) -> int:
        """Address of the value now (changes when the model is rebuilt); identifies it."""
        arr, i = self._locate()
        if arr.ndim != 1:
            raise NeuronError("internal: reference to a multi-dimensional array")
        return arr.ctypes.data + i * arr.strides[0]

    @property
    def value(self) -> float:
        arr, i = self._locate()
        return float(arr[i])

    @value.setter
    def value(self, x: float) -> None:
        arr, i = self._locate()
        arr[i] = x

    def __getitem__(self, k: int) -> float:
        if k != 0:
            raise IndexError("a scalar pointer only has element 0")
        return self.value

    def __setitem__(self, k: int, x: float) -> None:
        if k != 0:
            raise IndexError("a scalar pointer only has element 0")
        self.value = x

    def __float__(self) -> float:
        return self.value

    def __repr__(self) -> str:
        return "<pointer to %s>" % self._desc

    def same_location(self, other: "Ref") -> bool:
        return self.current_address() == other.current_address()


def owned_ref(owner: Any, locate: Callable[[Any], Tuple[np.ndarray, int]], desc: str) -> Ref:
    """A pointer into a section or point process that does not keep it alive: as in NEURON,
    recording or watching a variable does not stop its owner from being deleted; afterwards
    the pointer raises (and records, plays and NetCon sources on it are dropped)."""
    wr = weakref.ref(owner)

    def resolve() -> Tuple[np.ndarray, int]:
        o = wr()
        if o is None or getattr(o, "_deleted", False):
            raise NeuronError("%s: the object holding it no longer exists" % desc)
        return locate(o)
    ref = Ref(resolve, desc)
    ref._owner = wr
    return ref


def array_ref(arr: np.ndarray, index: int, desc: str = "numpy element") -> Ref:
    """A pointer to arr[index] that keeps arr alive (numpy_element_ref, HOC variables)."""
    if arr.dtype != np.float64:
        raise TypeError("only float64 arrays can be referenced")
    if not (0 <= index < arr.shape[0]):
        raise IndexError("index %d out of range" % index)
    return Ref(lambda: (arr, index), desc, keep=arr)


class _Mirror:
    """A double kept outside the engine's arrays (a HOC variable), mirrored in a numpy cell
    that C can address.  The cell takes the variable's value each time the engine is about
    to run; the variable takes the cell's value when the engine changed it (Vector.play)."""

    __slots__ = ("cell", "load", "store", "seen", "__weakref__")

    def __init__(self, load: Callable[[], float], store: Callable[[float], None]):
        self.cell = np.zeros(1)
        self.load, self.store = load, store
        self.seen = self.cell[0] = float(load())

    def pull(self) -> None:
        self.seen = self.cell[0] = float(self.load())

    def push(self) -> None:
        v = float(self.cell[0])
        if v != self.seen:
            self.seen = v
            self.store(v)


_mirrors: "weakref.WeakSet[_Mirror]" = weakref.WeakSet()


def external_ref(load: Callable[[], float], store: Callable[[float], None], desc: str) -> Ref:
    """A pointer to a variable the engine does not own (`load()` reads it, `store(x)` writes
    it): record, play and the other users of raw addresses see it through a mirror cell kept
    in step by `pull_external` (before the engine runs) and `push_external` (after)."""
    m = _Mirror(load, store)
    _mirrors.add(m)
    return Ref(lambda: (m.cell, 0), desc, keep=m)


def pull_external() -> None:
    """The variables behind external references, into their cells (the engine reads next)."""
    if _mirrors:
        for m in list(_mirrors):
            m.pull()


def push_external() -> None:
    """Values the engine wrote into external references' cells, back to their variables."""
    if _mirrors:
        for m in list(_mirrors):
            m.push()


def as_ref(x) -> Optional[Ref]:
    """An engine reference for x: a Ref itself, or what an object offering `_engine_ref()`
    (the HOC interpreter's `&x` pointers) makes of itself; None for anything else."""
    if isinstance(x, Ref):
        return x
    make = getattr(type(x), "_engine_ref", None)
    return make(x) if make is not None else None
