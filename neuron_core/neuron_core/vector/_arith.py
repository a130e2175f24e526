"""Element-wise arithmetic, math functions, apply/reduce and Python operators.

Transcendental functions go through Python's `math` (the C library NEURON calls), because
numpy's vectorised exp/log/tanh/pow differ from it in the last bit for many arguments.
"""
from __future__ import annotations

import math
from typing import Callable

import numpy as np

from .._engine import lib
from ..errors import NeuronError
from .args import index_range, is_number, nargs, num
from ._storage import VectorStorage, vec_arg
from .hooks import resolve_hoc_function

_scalar_op = lib.nrn_vecops_scalar
_vector_op = lib.nrn_vecops_vector
_ADD, _SUB, _MUL, _DIV = lib.NRN_VECOPS_ADD, lib.NRN_VECOPS_SUB, lib.NRN_VECOPS_MUL, lib.NRN_VECOPS_DIV


def libm(fn: Callable[[float], float], x: np.ndarray) -> np.ndarray:
    """fn applied element by element with the C library's rounding."""
    return np.fromiter(map(fn, x.tolist()), dtype=float, count=len(x))


def _safe_log(fn):
    def f(x: float) -> float:
        if x > 0.0:
            return fn(x)
        if x == 0.0:
            return -math.inf
        return math.nan
    return f


_log = _safe_log(math.log)
_log10 = _safe_log(math.log10)


def _pow(p: float):
    def f(x: float) -> float:
        try:
            return math.pow(x, p)
        except ValueError:
            return math.nan
        except OverflowError:
            return math.copysign(math.inf, x) if p % 2 == 1 else math.inf
    return f


def _callable_for(func, what: str) -> Callable:
    """A Python callable, or the HOC function named by a string."""
    if isinstance(func, str):
        f = resolve_hoc_function(func)
        if f is None:
            raise NeuronError("%s: %s is undefined" % (what, func))
        return f
    if callable(func) and not isinstance(func, VectorStorage):
        return func
    raise NeuronError("%s: first argument must be a HOC string or a Python callable" % what)


def _as_float(r, what: str) -> float:
    if type(r) is float:
        return r
    if is_number(r):
        return float(r)
    raise NeuronError("%s: expected a numeric result from the function, got %s" % (what, type(r).__name__))


def _operand(self, other, what: str):
    """other as an array matching self, a float, or None when not a Vector operand."""
    if isinstance(other, VectorStorage):
        if other._s.size != self._s.size:
            raise NeuronError("Vector argument to %s wrong size" % what)
        return other._view()
    if is_number(other):
        return float(other)
    return None


class ArithMixin:
    __slots__ = ()

    # ------------------------------------------------------------------ in place

    def _inplace(self, x, op: int, what: str) -> "ArithMixin":
        """self[i] = self[i] op x for a number or an equally long Vector x."""
        n = self._s.size
        t = type(x)
        if t is float or t is int:
            if n:
                _scalar_op(self._ptr(), n, x, op)
            return self
        if isinstance(x, VectorStorage):
            if x._s.size != n:
                raise NeuronError("Vector argument to %s wrong size" % what)
            if n:
                _vector_op(self._ptr(), x._ptr(), n, op)
            return self
        if is_number(x):
            if n:
                _scalar_op(self._ptr(), n, float(x), op)
            return self
        raise NeuronError("%s: argument must be a number or a Vector, got %s" % (what, type(x).__name__))

    def add(self, x) -> "ArithMixin":
        return self._inplace(x, _ADD, "Vector.add")

    def sub(self, x) -> "ArithMixin":
        return self._inplace(x, _SUB, "Vector.sub")

    def mul(self, x) -> "ArithMixin":
        return self._inplace(x, _MUL, "Vector.mul")

    def div(self, x) -> "ArithMixin":
        if is_number(x) and x == 0:
            raise NeuronError("Vector.div: division by zero")
        return self._inplace(x, _DIV, "Vector.div")

    def scale(self, low, high) -> float:
        """Map the range of the elements onto [low, high]; returns the factor (0 if flat)."""
        a = num(low, "Vector.scale")
        b = num(high, "Vector.scale")
        v = self._view()
        if len(v) == 0:
            return 0.0
        lo, hi = float(v.min()), float(v.max())
        r = hi - lo
        if not r > 0:
            return 0.0
        sf = (b - a) / r
        v -= lo
        v *= sf
        v += a
        return sf

    # ------------------------------------------------------------------ functions of elements

    def _unary(self, args: tuple, what: str, fn) -> "ArithMixin":
        nargs(args, 0, 1, what)
        src = vec_arg(args[0], what)._view().copy() if args else self._view()
        out = fn(src)
        self._resize(len(out))[:] = out
        return self

    def sqrt(self, *args) -> "ArithMixin":
        def f(x):
            if np.any(x < 0):
                raise NeuronError("Vector.sqrt: sqrt argument out of domain")
            return np.sqrt(x)
        return self._unary(args, "Vector.sqrt", f)

    def abs(self, *args) -> "ArithMixin":
        return self._unary(args, "Vector.abs", np.abs)

    def floor(self, *args) -> "ArithMixin":
        return self._unary(args, "Vector.floor", np.floor)

    def log(self, *args) -> "ArithMixin":
        return self._unary(args, "Vector.log", lambda x: libm(_log, x))

    def log10(self, *args) -> "ArithMixin":
        return self._unary(args, "Vector.log10", lambda x: libm(_log10, x))

    def tanh(self, *args) -> "ArithMixin":
        return self._unary(args, "Vector.tanh", lambda x: libm(math.tanh, x))

    def pow(self, *args) -> "ArithMixin":
        """pow([vsrc,] p); p of -1, 0, 0.5, 1, 2 are computed exactly as NEURON special-cases them."""
        nargs(args, 1, 2, "Vector.pow")
        if isinstance(args[0], VectorStorage):
            src = args[0]._view().copy()
            p = num(args[1] if len(args) > 1 else None, "Vector.pow")
        else:
            nargs(args, 1, 1, "Vector.pow")
            src = self._view().copy()
            p = num(args[0], "Vector.pow")
        dest = self._resize(len(src))
        if p == -1:
            if np.any(dest == 0):
                raise NeuronError("Vector.pow: division by zero")
            with np.errstate(divide="ignore"):
                out = 1.0 / src
        elif p == 0:
            out = np.ones(len(src))
        elif p == 0.5:
            if np.any(src < 0):
                raise NeuronError("Vector.pow: sqrt argument out of domain")
            out = np.sqrt(src)
        elif p == 1:
            out = src
        elif p == 2:
            out = src * src
        else:
            out = libm(_pow(p), src)
        self._arr[: len(out)] = out
        return self

    def sin(self, freq, phase, *args) -> "ArithMixin":
        """Fill with sin(2*PI*freq*t/1000 + phase), t = i*dt (dt default 1 ms)."""
        nargs(args, 0, 1, "Vector.sin")
        f = num(freq, "Vector.sin")
        ph = num(phase, "Vector.sin")
        dx = num(args[0], "Vector.sin") if args else 1.0
        period = 2 * math.pi / 1000 * f * dx
        v = self._view()
        v[:] = np.sin(period * np.arange(len(v), dtype=float) + ph)
        return self

    # ------------------------------------------------------------------ user functions

    def apply(self, func, *args) -> "ArithMixin":
        """Replace elements (all or start..end) by func(element); func is a Python callable
        or the name of a HOC function."""
        if len(args) > 2:
            raise NeuronError("Vector.apply: too many parameters to apply method")
        f = _callable_for(func, "Vector.apply")
        s, e = index_range(args, 0, self._s.size - 1, "Vector.apply")
        a = self._arr
        for i in range(s, e + 1):
            a[i] = _as_float(f(a.item(i)), "Vector.apply")
        return self

    def reduce(self, func, *args) -> float:
        """base + sum of func(element) over all elements or start..end."""
        nargs(args, 0, 3, "Vector.reduce")
        f = _callable_for(func, "Vector.reduce")
        base = num(args[0], "Vector.reduce") if args else 0.0
        s, e = index_range(args, 1, self._s.size - 1, "Vector.reduce")
        a = self._arr
        for i in range(s, e + 1):
            base += _as_float(f(a.item(i)), "Vector.reduce")
        return base

    # ------------------------------------------------------------------ random values

    def _random(self, r, args: tuple, add: bool, what: str) -> "ArithMixin":
        nargs(args, 0, 2, what)
        s, e = index_range(args, 0, self._s.size - 1, what)
        fill = getattr(r, "_fill", None)
        if fill is None:
            raise NeuronError("%s: expected a Random object, got %s" % (what, type(r).__name__))
        if e >= s:
            fill(self._arr[s : e + 1], add)
        return self

    def setrand(self, r, *args) -> "ArithMixin":
        """Elements (all or start..end) picked from the Random object's current distribution."""
        return self._random(r, args, False, "Vector.setrand")

    def addrand(self, r, *args) -> "ArithMixin":
        return self._random(r, args, True, "Vector.addrand")

    # ------------------------------------------------------------------ Python operators

    def _binary(self, other, ufunc, what: str, reflected: bool = False):
        y = _operand(self, other, what)
        if y is None:
            return NotImplemented
        x = self._view()
        return self._new_like(ufunc(y, x) if reflected else ufunc(x, y))

    def __add__(self, other):
        return self._binary(other, np.add, "+")

    def __radd__(self, other):
        return self._binary(other, np.add, "+", True)

    def __sub__(self, other):
        return self._binary(other, np.subtract, "-")

    def __rsub__(self, other):
        return self._binary(other, np.subtract, "-", True)

    def __mul__(self, other):
        return self._binary(other, np.multiply, "*")

    def __rmul__(self, other):
        return self._binary(other, np.multiply, "*", True)

    def __truediv__(self, other):
        if is_number(other) and other == 0:
            raise NeuronError("Vector: division by zero")
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._binary(other, np.divide, "/")

    def __rtruediv__(self, other):
        if is_number(other) and np.any(self._view() == 0):
            raise NeuronError("Vector: division by zero")
        with np.errstate(divide="ignore", invalid="ignore"):
            return self._binary(other, np.divide, "/", True)

    def __neg__(self):
        return self._new_like(-self._view())

    def __pos__(self):
        return self._new_like(self._view())

    def __abs__(self):
        return self._new_like(np.abs(self._view()))
