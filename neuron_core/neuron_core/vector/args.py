"""Argument checks with NEURON's rules (chkarg ranges, number vs object arguments); also used
by the HOC built-in classes."""
from __future__ import annotations

import numbers
from typing import Tuple

import numpy as np

from ..errors import NeuronError

_FAST_NUMBERS = (float, int)


_KINDS: dict = {}  # type -> is_number answer, so that objects skip the slow ABC checks


def is_number(x: object) -> bool:
    """True for Python and numpy real numbers (not bool-like objects such as Vectors)."""
    t = type(x)
    if t is float or t is int:
        return True
    r = _KINDS.get(t)
    if r is None:
        r = isinstance(x, (numbers.Real, np.number)) and not isinstance(x, np.complexfloating)
        if x.__class__ is t and len(_KINDS) < 1000:
            _KINDS[t] = r
    return r


def num(x: object, what: str) -> float:
    """x as a float, or a clear error naming the method."""
    if type(x) is float:
        return x
    if is_number(x):
        return float(x)
    raise NeuronError("%s: expected a number, got %s" % (what, type(x).__name__))


def chk(x: object, lo: float, hi: float, what: str) -> float:
    """NEURON's chkarg: the argument must lie in [lo, hi]."""
    v = num(x, what)
    if not (lo <= v <= hi):
        raise NeuronError("%s: argument %g out of range [%g, %g]" % (what, v, lo, hi))
    return v


def index_range(args: tuple, first: int, top: int, what: str) -> Tuple[int, int]:
    """Optional inclusive (start, end) index pair at args[first:first+2]; default 0..top."""
    if len(args) <= first:
        return 0, top
    if len(args) < first + 2:
        raise NeuronError("%s: start given without end" % what)
    start = int(chk(args[first], 0, top, what))
    end = int(chk(args[first + 1], start, top, what))
    return start, end


def nargs(args: tuple, lo: int, hi: int, what: str) -> None:
    """Arity check."""
    if not (lo <= len(args) <= hi):
        if lo == hi:
            raise NeuronError("%s takes %d argument%s, %d given" % (what, lo, "" if lo == 1 else "s", len(args)))
        raise NeuronError("%s takes %d to %d arguments, %d given" % (what, lo, hi, len(args)))
