"""Symbolic rate expressions (`ca * buf`, `rxdmath.exp(-v / 10)`) and reaction schemes.

Expressions are trees of sums (`_Arithmeticed`: term -> integer multiplicity), products,
quotients and functions over species, numbers and the membrane potential `v`.  A tree is
emitted as C source for the compiled rate functions: species references are resolved by an
emission context (see `_codegen`), which knows where each species' value lives.
"""
from __future__ import annotations

import math
from typing import Any, Dict

import numpy

from .rxdException import RxDException

# C function each rxdmath function becomes (helpers prefixed rxd_ are emitted with the code)
_C_NAMES = {
    "acos": "acos", "acosh": "acosh", "asin": "asin", "asinh": "asinh", "atan": "atan",
    "atan2": "atan2", "ceil": "ceil", "copysign": "copysign", "cos": "cos", "cosh": "cosh",
    "degrees": "rxd_degrees", "erf": "erf", "erfc": "erfc", "exp": "exp", "expm1": "expm1",
    "fabs": "fabs", "factorial": "rxd_factorial", "floor": "floor", "fmod": "fmod",
    "gamma": "lgamma", "hypot": "hypot", "ldexp": "rxd_ldexp", "lgamma": "lgamma", "log": "log",
    "log10": "log10", "log1p": "rxd_log1p", "pow": "pow", "radians": "rxd_radians",
    "sin": "sin", "sinh": "sinh", "sqrt": "sqrt", "tan": "tan", "tanh": "tanh",
    "trunc": "trunc", "vtrap": "rxd_vtrap", "-": "-",
}


def _ensure_arithmeticed(other) -> "_Arithmeticed":
    from . import species
    if isinstance(other, _Arithmeticed):
        return other
    if isinstance(other, species._SpeciesMathable):
        return _Arithmeticed(other)
    if isinstance(other, _Reaction):
        raise RxDException("Cannot do arithmetic on a reaction")
    if isinstance(other, (int, float, numpy.number)):
        return _Arithmeticed(other, valid_reaction_term=False)
    if isinstance(other, (_Product, _Quotient, _Function, _Function2)):
        return _Arithmeticed(other, valid_reaction_term=False)
    raise RxDException("%r cannot be used in a rate expression" % (other,))


def _validate_reaction_terms(r1: "_Arithmeticed", r2: "_Arithmeticed") -> None:
    if not (r1._valid_reaction_term or r2._valid_reaction_term):
        raise RxDException("lhs=%r and rhs=%r not valid in a reaction" % (r1, r2))
    if not r1._valid_reaction_term:
        raise RxDException("lhs=%r not valid in a reaction" % (r1,))
    if not r2._valid_reaction_term:
        raise RxDException("rhs=%r not valid in a reaction" % (r2,))


def _emit_item(item, ctx) -> str:
    if isinstance(item, (_Product, _Quotient, _Function, _Function2, _Arithmeticed)):
        return item._emit(ctx)
    if isinstance(item, Vm._Vm):
        return ctx.voltage()
    if isinstance(item, (bool, numpy.bool_)):
        return "1.0" if item else "0.0"
    if isinstance(item, (int, numpy.integer)):
        return "%d.0" % int(item)
    if isinstance(item, (float, numpy.floating)):
        return repr(float(item)) if math.isfinite(item) else ("(1.0/0.0)" if item > 0 else "(-1.0/0.0)")
    return ctx.species(item)


def _collect(item, out: Dict[int, Any]) -> None:
    if isinstance(item, (_Product, _Quotient, _Function, _Function2, _Arithmeticed)):
        item._involved_species(out)
        return
    from . import species
    if isinstance(item, species._SpeciesMathable):
        out[id(item)] = item


def _voltage_dependent(item) -> bool:
    return bool(getattr(item, "_voltage_dependent", False))


class _Function:
    def __init__(self, obj, fname: str):
        self._obj = _ensure_arithmeticed(obj)
        self._fname = fname

    def __repr__(self):
        return "%s(%r)" % (self._fname, self._obj)

    def _short_repr(self):
        return "%s(%s)" % (self._fname, self._obj._short_repr())

    def _emit(self, ctx) -> str:
        return "%s(%s)" % (_C_NAMES[self._fname], self._obj._emit(ctx))

    def _involved_species(self, out) -> None:
        self._obj._involved_species(out)

    @property
    def _voltage_dependent(self) -> bool:
        return _voltage_dependent(self._obj)


class _Function2:
    def __init__(self, obj1, obj2, fname: str):
        self._obj1 = _ensure_arithmeticed(obj1)
        self._obj2 = _ensure_arithmeticed(obj2)
        self._fname = fname

    def __repr__(self):
        return "%s(%r, %r)" % (self._fname, self._obj1, self._obj2)

    def _short_repr(self):
        return "%s(%s, %s)" % (self._fname, self._obj1._short_repr(), self._obj2._short_repr())

    def _emit(self, ctx) -> str:
        return "%s(%s, %s)" % (_C_NAMES[self._fname], self._obj1._emit(ctx), self._obj2._emit(ctx))

    def _involved_species(self, out) -> None:
        self._obj1._involved_species(out)
        self._obj2._involved_species(out)

    @property
    def _voltage_dependent(self) -> bool:
        return _voltage_dependent(self._obj1) or _voltage_dependent(self._obj2)


class _Product:
    def __init__(self, a, b):
        self._a, self._b = a, b

    def __repr__(self):
        return "(%r)*(%r)" % (self._a, self._b)

    def _short_repr(self):
        return "(%s)*(%s)" % (self._a._short_repr(), self._b._short_repr())

    def _emit(self, ctx) -> str:
        return "(%s)*(%s)" % (self._a._emit(ctx), self._b._emit(ctx))

    def _involved_species(self, out) -> None:
        self._a._involved_species(out)
        self._b._involved_species(out)

    @property
    def _voltage_dependent(self) -> bool:
        return _voltage_dependent(self._a) or _voltage_dependent(self._b)


class _Quotient(_Product):
    def __repr__(self):
        return "(%r)/(%r)" % (self._a, self._b)

    def _short_repr(self):
        return "(%s)/(%s)" % (self._a._short_repr(), self._b._short_repr())

    def _emit(self, ctx) -> str:
        return "(%s)/(%s)" % (self._a._emit(ctx), self._b._emit(ctx))


class _Reaction:
    """A reaction scheme `lhs > rhs`, `lhs < rhs` or `lhs != rhs` (bidirectional)."""

    def __init__(self, lhs: "_Arithmeticed", rhs: "_Arithmeticed", direction: str):
        self._lhs, self._rhs, self._dir = lhs, rhs, direction

    def __repr__(self):
        return "%s%s%s" % (self._lhs, self._dir, self._rhs)

    def __bool__(self):
        return False

    @property
    def _voltage_dependent(self) -> bool:
        return _voltage_dependent(self._lhs) or _voltage_dependent(self._rhs)


def _format_sum(pairs) -> str:
    out = ""
    for text, count in pairs:
        if out and count > 0:
            out += "+"
        if count == -1:
            out += "-(%s)" % text
        elif count != 1:
            out += "%d*(%s)" % (count, text)
        else:
            out += text
    return out or "0"


class _Arithmeticed:
    """A sum of terms with integer multiplicities; valid as a reaction side when it holds
    only species (with positive counts)."""

    def __init__(self, item, valid_reaction_term: bool = True):
        if isinstance(item, dict):
            self._items = dict(item)
        elif isinstance(item, _Reaction):
            raise RxDException("Cannot do arithmetic on a reaction")
        else:
            self._items = {item: 1}
        self._valid_reaction_term = valid_reaction_term

    # ---------------------------------------------------------------- display

    def __repr__(self):
        from . import species
        return _format_sum((str(i) if isinstance(i, species._SpeciesMathable) else repr(i), c)
                           for i, c in self._items.items() if c)

    def _short_repr(self):
        def short(i):
            f = getattr(i, "_short_repr", None)
            return f() if f is not None else repr(i)
        return _format_sum((short(i), c) for i, c in self._items.items() if c)

    # ------------------------------------------------------------- compilation

    def _emit(self, ctx) -> str:
        return "(%s)" % _format_sum((_emit_item(i, ctx), c) for i, c in self._items.items() if c)

    def _involved_species(self, out) -> None:
        for item, count in self._items.items():
            if count:
                _collect(item, out)

    @property
    def _voltage_dependent(self) -> bool:
        return any(_voltage_dependent(i) for i in self._items)

    # -------------------------------------------------------------- arithmetic

    def _do_mul(self, other):
        if isinstance(other, int) and not isinstance(other, bool):
            return _Arithmeticed({i: c * other for i, c in self._items.items()},
                                 self._valid_reaction_term)
        return _Arithmeticed(_Product(self, _ensure_arithmeticed(other)), False)

    def __mul__(self, other):
        return self._do_mul(other)

    def __rmul__(self, other):
        return self._do_mul(other)

    def __truediv__(self, other):
        return _Arithmeticed(_Quotient(self, _ensure_arithmeticed(other)), False)

    def __rtruediv__(self, other):
        return _ensure_arithmeticed(other) / self

    __div__ = __truediv__
    __rdiv__ = __rtruediv__

    def __pow__(self, other):
        return pow(self, other)

    def __rpow__(self, other):
        return pow(other, self)

    def __abs__(self):
        return _Arithmeticed(_Function(self, "fabs"), valid_reaction_term=False)

    def __pos__(self):
        return self

    def __neg__(self):
        return _Arithmeticed(_Function(self, "-"), valid_reaction_term=False)

    def __add__(self, other):
        other = _ensure_arithmeticed(other)
        items = dict(self._items)
        for k, c in other._items.items():
            items[k] = items.get(k, 0) + c
        return _Arithmeticed(items, self._valid_reaction_term and other._valid_reaction_term)

    def __radd__(self, other):
        return self + other

    def __sub__(self, other):
        other = _ensure_arithmeticed(other)
        items = dict(self._items)
        for k, c in other._items.items():
            items[k] = items.get(k, 0) - c
        return _Arithmeticed(items, False)

    def __rsub__(self, other):
        return _ensure_arithmeticed(other) - self

    # ----------------------------------------------------------- reaction schemes

    def __ne__(self, other):
        other = _ensure_arithmeticed(other)
        _validate_reaction_terms(self, other)
        return _Reaction(self, other, "<>")

    def __gt__(self, other):
        other = _ensure_arithmeticed(other)
        _validate_reaction_terms(self, other)
        return _Reaction(self, other, ">")

    def __lt__(self, other):
        other = _ensure_arithmeticed(other)
        _validate_reaction_terms(self, other)
        return _Reaction(self, other, "<")

    __hash__ = object.__hash__


class Vm(_Arithmeticed):
    """The local membrane potential (mV) in rates and reactions."""

    class _Vm:
        def __repr__(self):
            return "v"

        _voltage_dependent = True

    def __init__(self):
        super().__init__(Vm._Vm(), valid_reaction_term=True)


v = Vm()


def _unary(name: str):
    def fn(obj):
        return _Arithmeticed(_Function(obj, name), valid_reaction_term=False)
    fn.__name__ = name
    fn.__doc__ = "%s of an rxd expression" % name
    return fn


def _binary(name: str):
    def fn(obj1, obj2):
        return _Arithmeticed(_Function2(obj1, obj2, name), valid_reaction_term=False)
    fn.__name__ = name
    fn.__doc__ = "%s of two rxd expressions" % name
    return fn


acos, acosh, asin, asinh, atan = (_unary(n) for n in ("acos", "acosh", "asin", "asinh", "atan"))
ceil, cos, cosh, degrees, erf = (_unary(n) for n in ("ceil", "cos", "cosh", "degrees", "erf"))
erfc, exp, expm1, fabs = (_unary(n) for n in ("erfc", "exp", "expm1", "fabs"))
factorial, floor, gamma, lgamma = (_unary(n) for n in ("factorial", "floor", "gamma", "lgamma"))
log, log10, log1p, radians = (_unary(n) for n in ("log", "log10", "log1p", "radians"))
sin, sinh, sqrt, tan, tanh, trunc = (_unary(n) for n in ("sin", "sinh", "sqrt", "tan", "tanh", "trunc"))
atan2, copysign, fmod, hypot = (_binary(n) for n in ("atan2", "copysign", "fmod", "hypot"))
ldexp, pow, vtrap = (_binary(n) for n in ("ldexp", "pow", "vtrap"))


def _unsupported(name: str):
    def fn(*args):
        raise RxDException("%s not supported in this context" % name)
    fn.__name__ = name
    return fn


frexp, fsum, isinf, isnan, modf = (_unsupported(n) for n in ("frexp", "fsum", "isinf", "isnan", "modf"))


def analyze_reaction(r) -> None:
    """Print the sides and direction of a reaction scheme."""
    if not isinstance(r, _Reaction):
        print("%r is not a reaction" % (r,))
        return
    print("%r is a reaction:" % (r,))
    print("   lhs: ", ", ".join("%s[%d]" % (sp, c) for sp, c in r._lhs._items.items()))
    print("   rhs: ", ", ".join("%s[%d]" % (sp, c) for sp, c in r._rhs._items.items()))
    print("   dir: ", r._dir)
