"""The Vector class: storage plus the method groups, each in its own module."""
from __future__ import annotations

import numpy as np

from ..errors import NeuronError
from . import _fit
from .args import chk, is_number, num
from ._arith import ArithMixin
from ._calculus import CalculusMixin
from ._copy import CopyMixin
from ._edit import DMAXINT, EditMixin
from ._fileio import FileIOMixin
from ._histogram import HistogramMixin
from ._order import OrderMixin
from ._search import SearchMixin
from ._sim import SimMixin
from ._spectral import SpectralMixin
from ._stats import StatsMixin
from ._storage import _EMPTY, VectorStorage, _ids, _Sizes, values_from_iterable

_zeros = np.zeros


def _subclass_new(cls, *args, **kwargs):
    self = object.__new__(cls)
    self._init_empty()
    return self


class Vector(EditMixin, CopyMixin, OrderMixin, SearchMixin, ArithMixin, StatsMixin, CalculusMixin, HistogramMixin,
             SpectralMixin, FileIOMixin, SimMixin, VectorStorage):
    """NEURON's Vector: Vector(), Vector(n[, fill]), Vector(iterable or numpy array)."""

    __slots__ = ()

    def __init__(self, *args) -> None:
        # The storage is made here, not in __new__: a class with a Python __new__ is twice as
        # slow to instantiate, and HOC code makes many Vectors.  (A subclass's instances get
        # theirs in __new__ too, see __init_subclass__.)
        self._p = None
        self._label = None
        if type(self) is Vector:
            self._id = next(_ids)
        if args:
            first = args[0]
            t = type(first)
            if (t is float or t is int) and len(args) == 1 and 0.0 <= first <= DMAXINT:
                n = int(first)  # new Vector(n): the common case first
                self._arr = _zeros(n)
                self._s = sz = _Sizes()
                sz.size = sz.cap = n
                return
        self._arr = _EMPTY
        self._s = sz = _Sizes()
        sz.size = sz.cap = 0
        if args:
            self._init_from(args)

    def _init_from(self, args: tuple) -> None:
        """Vector(n[, fill]) or Vector(iterable or numpy array)."""
        first = args[0]
        if is_number(first):
            if len(args) > 2:
                raise NeuronError("Vector(n, fill) takes at most 2 arguments")
            n = int(chk(first, 0, DMAXINT, "Vector"))
            if len(args) > 1:
                arr = np.full(n, num(args[1], "Vector"))
            else:
                arr = np.zeros(n)
            self._adopt(arr, n)
            return
        if len(args) > 1:
            raise NeuronError("Vector(iterable) takes one argument")
        values = values_from_iterable(first, "Vector")
        self._adopt(values, len(values))

    def __init_subclass__(cls, **kwargs) -> None:
        """Instances of a Python subclass get empty storage in __new__, so that the subclass
        may define an __init__ that does not call Vector's."""
        super().__init_subclass__(**kwargs)
        cls.__new__ = staticmethod(_subclass_new)

    def fit(self, fitted, fcn, indep, *pointers) -> float:
        """data.fit(fitted, "fcn" | callable, indep, &p1, ...): simplex least squares."""
        return _fit.fit(self, fitted, fcn, indep, pointers)
