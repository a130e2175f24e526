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
