"""Pointer(ref | "name"[, "stmt"]): a variable reference HOC code can hold in an object
(NEURON's ivoc/pointer.cpp), with `val`, `assign(x)` and `s`."""
from __future__ import annotations

from typing import Optional

from . import hocnames
from .errors import NeuronError

_counter = [0]


class _Name(str):
    """`ptr.s`: a string in HOC (`print ptr.s`) and a method in Python (`ptr.s()`)."""

    def __call__(self) -> str:
        return str(self)


def is_pointer(x) -> bool:
    """Engine references and the HOC interpreter's pointer values (`&x`, `h.ref(number)`)."""
    from .refs import Ref
    if isinstance(x, Ref):
        return True
    try:
        from neuron_hoc.values import is_pointer as hoc_is_pointer
    except ImportError:
        return False
    return bool(hoc_is_pointer(x))


def as_pointer(x):
    """A pointer from a `_ref_`, an interpreter pointer (`&x`), `h.ref(number)` or a HOC name."""
    if isinstance(x, str):
        return hocnames.pointer_to(x)
    if is_pointer(x):
        return x
    raise NeuronError("a pointer (a _ref_ in Python, &var in HOC) or a variable name is needed, "
                      "not %r" % (x,))


class Pointer:
    """A reference to a variable; `val` reads and writes it."""

    def __init__(self, target, stmt: Optional[str] = None):
        self._name = str(target) if isinstance(target, str) else "unknown"
        self._ptr = as_pointer(target)
        self._stmt = None if stmt is None else str(stmt)
        self._index = _counter[0]
        _counter[0] += 1

    @property
    def val(self) -> float:
        return float(self._ptr[0])

    @val.setter
    def val(self, x: float) -> None:
        self._ptr[0] = float(x)

    @property
    def s(self) -> str:
        return _Name(self._name)

    def assign(self, x: float) -> float:
        """Set the variable to x; then run the statement given at construction, with $1 (or
        a bare variable name) standing for x through hoc_ac_."""
        x = float(x)
        self._ptr[0] = x
        if self._stmt is not None:
            hocnames.set_hoc_ac(x)
            if "$1" in self._stmt:
                hocnames.run(self._stmt.replace("$1", "hoc_ac_"))
            else:
                hocnames.run("%s = hoc_ac_" % self._stmt)
        return x

    def hname(self) -> str:
        return "Pointer[%d]" % self._index

    def __repr__(self) -> str:
        return self.hname()
