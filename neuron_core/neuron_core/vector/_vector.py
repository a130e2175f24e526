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
from ._storage import VectorStorage, values_from_iterable


class Vector(EditMixin, CopyMixin, OrderMixin, SearchMixin, ArithMixin, StatsMixin, CalculusMixin, HistogramMixin,
             SpectralMixin, FileIOMixin, SimMixin, VectorStorage):
    """NEURON's Vector: Vector(), Vector(n[, fill]), Vector(iterable or numpy array)."""

    __slots__ = ()

    def __init__(self, *args) -> None:
        if not args:
            return
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

    def fit(self, fitted, fcn, indep, *pointers) -> float:
        """data.fit(fitted, "fcn" | callable, indep, &p1, ...): simplex least squares."""
        return _fit.fit(self, fitted, fcn, indep, pointers)
