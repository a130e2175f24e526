"""Comparisons with HOC's float_epsilon tolerance: where, indwhere, indvwhere, contains, eq."""
from __future__ import annotations

import numpy as np

from ..errors import NeuronError
from .args import nargs, num
from ._storage import VectorStorage, vec_arg
from .hooks import float_epsilon

_ONE_VALUE = ("==", "!=", ">", "<", ">=", "<=")
_TWO_VALUES = ("()", "[]", "[)", "(]")


def match_mask(x: np.ndarray, op: str, values: tuple, what: str) -> np.ndarray:
    """Elements of x satisfying `op` against values, each comparison widened by epsilon."""
    if op in _ONE_VALUE:
        if len(values) != 1:
            raise NeuronError("%s: operator %r takes one value" % (what, op))
    elif op in _TWO_VALUES:
        if len(values) != 2:
            raise NeuronError("%s: operator %r takes two values" % (what, op))
    else:
        raise NeuronError("%s: invalid comparator %r" % (what, op))
    e = float_epsilon()
    v = num(values[0], what)
    if op == "==":
        return np.abs(x - v) <= e
    if op == "!=":
        return ~(np.abs(x - v) <= e)
    if op == ">":
        return x > v + e
    if op == "<":
        return x < v - e
    if op == ">=":
        return x >= v - e
    if op == "<=":
        return x <= v + e
    w = num(values[1], what)
    lower = x > v + e if op[0] == "(" else x >= v - e
    upper = x < w - e if op[1] == ")" else x <= w + e
    return lower & upper


def _source_and_rest(self, args: tuple, what: str):
    """vdest.f(vsrc, op, ...) or vsrcdest.f(op, ...)."""
    if args and isinstance(args[0], VectorStorage):
        return args[0]._view().copy(), args[1:]
    return self._view().copy(), args


def _op(args: tuple, what: str) -> str:
    if not args or not isinstance(args[0], str):
        raise NeuronError("%s: expected an operator string" % what)
    nargs(args, 2, 3, what)
    return args[0]


class SearchMixin:
    __slots__ = ()

    def where(self, *args) -> "SearchMixin":
        """Keep the elements (of self or a source Vector) matching the condition."""
        x, rest = _source_and_rest(self, args, "Vector.where")
        op = _op(rest, "Vector.where")
        self._set_data(x[match_mask(x, op, rest[1:], "Vector.where")])
        return self

    def indvwhere(self, *args) -> "SearchMixin":
        """Indices of the elements (of self or a source Vector) matching the condition."""
        x, rest = _source_and_rest(self, args, "Vector.indvwhere")
        op = _op(rest, "Vector.indvwhere")
        self._set_data(np.flatnonzero(match_mask(x, op, rest[1:], "Vector.indvwhere")).astype(float))
        return self

    def indwhere(self, *args) -> int:
        """Index of the first element matching the condition, or -1."""
        op = _op(args, "Vector.indwhere")
        hits = np.flatnonzero(match_mask(self._view(), op, args[1:], "Vector.indwhere"))
        return int(hits[0]) if len(hits) else -1

    def contains(self, value) -> bool:
        x = num(value, "Vector.contains")
        return bool(np.any(np.abs(self._view() - x) <= float_epsilon()))

    def eq(self, other) -> float:
        """1.0 when same size and all elements equal within float_epsilon, else 0.0."""
        y = vec_arg(other, "Vector.eq")
        a, b = self._view(), y._view()
        if len(a) != len(b):
            return 0.0
        return 1.0 if bool(np.all(np.abs(a - b) <= float_epsilon())) else 0.0
