"""Helpers that compiled HOC code calls, installed in the interpreter's global dict.

They close over one interpreter (its global dict, output stream and `float_epsilon`), so
the generated code can call them as plain globals.  Each does one small job; the compiler
inlines everything cheaper than a call (arithmetic, comparisons, variable access).
"""
from __future__ import annotations

import math
from typing import Any

from .errors import HocError, HocStop
from .objects import HocObject, member_error
from .values import ArrayPointer, HocArray, HocRef, StrArg, VarPointer, set_string

_floor = math.floor
_EPS_KEY = "h_float_epsilon"


def install(interp) -> None:
    G = interp.G

    def eps() -> float:
        return G[_EPS_KEY]

    # ------------------------------------------------------------- numbers

    def _ix(a, x, name=""):
        i = int(x + G[_EPS_KEY])
        if i < 0 or i >= len(a):
            raise HocError("subscript 0 index %d of %s out of range %d" % (i, name, len(a)))
        return i

    def _dim(x):
        n = int(x + G[_EPS_KEY])
        if n < 1:
            raise HocError("subscript < 1")
        return n

    def _mkarr(dims, fill):
        return HocArray(dims, fill)

    def _mod(a, b):
        if b <= 0.0:
            raise HocError("a%b, b<=0")
        r = a
        if r >= b:
            r = a - _floor(a / b) * b
        elif r <= -b:
            r = a + _floor(-a / b) * b
        if r > b:
            r = r - b
        if r < 0.0:
            r = r + b
        return float(r)

    def _pow(a, b):
        try:
            return math.pow(a, b)
        except ValueError:
            raise HocError("exponentiation argument out of domain") from None
        except OverflowError:
            interp.warning("exponentiation result out of range")
            return math.inf
        except ZeroDivisionError:
            interp.warning("exponentiation result out of range")
            return math.inf

    def _feq(a, b):
        e = G[_EPS_KEY]
        return b - e <= a <= b + e

    def _eq(a, b):
        if _isnum(a) and _isnum(b):
            e = G[_EPS_KEY]
            return b - e <= a <= b + e
        if isinstance(a, str) and isinstance(b, str):
            return a == b
        if a is b:
            return True
        if a is None or b is None or _isnum(a) or _isnum(b):
            return False
        try:
            return bool(a == b)
        except Exception:
            return False

    def _ne(a, b):
        return not _eq(a, b)

    def _and(a, b):
        return bool(a) and bool(b)

    def _or(a, b):
        return bool(a) or bool(b)

    def _num(v):
        t = type(v)
        if t is float:
            return v
        if t is int or t is bool:
            return float(v)
        if v is None or isinstance(v, str) or not hasattr(v, "__float__"):
            raise HocError("bad stack access: expecting (double); really (%s)" % _typename(v))
        return float(v)

    def _str(v):
        if isinstance(v, str):
            return str(v)
        if isinstance(v, HocRef) and isinstance(v.v, str):
            return v.v
        raise HocError("string assignment: both sides need to be a string")

    def _sv(x):
        if isinstance(x, str):
            return x
        if isinstance(x, HocRef) and isinstance(x.v, str):
            return x.v
        raise HocError("Expecting string argument")

    def _setsarg(a, k, v):
        cur = a[k]
        v = str(v)
        if isinstance(cur, StrArg):
            cur.ref.v = v
            a[k] = StrArg(cur.ref)
        elif isinstance(cur, HocRef):
            cur.v = v
        else:
            a[k] = v
        return v

    def _setv(ref, v):
        ref.v = v
        return v

    def _seti(a, i, v):
        a[i] = v
        return v

    def _seta(o, name, v):
        setattr(o, name, v)
        return v

    # ------------------------------------------------------------- objects

    def _gm(o, name):
        try:
            v = getattr(o, name)
        except AttributeError:
            raise member_error(o, name) from None
        t = type(v)
        if t is HocArray:
            return v[0]
        if t is float:
            return v
        if interp.is_hoc_object(o):
            if callable(v) and not interp.is_class(v):
                if not _is_section(v):
                    return v()       # HOC allows obj.method without parentheses
            elif _is_array(v):
                return v[0]          # an array member without index is its element 0
        return v

    def _is_array(v):
        """An engine array member (NetCon.weight, VClamp.dur...), not an object HOC knows."""
        t = type(v)
        return (hasattr(t, "__getitem__") and not isinstance(v, (str, bytes, dict)) and
                t not in interp.hoc_classes and not isinstance(v, HocObject) and
                not _is_section(v))

    def _sm(o, name, v):
        if isinstance(o, HocObject):
            o._hoc_set(name, v)
            return v
        if o is None:
            raise HocError("'%s' object prefix is nullptr" % name)
        try:
            cur = getattr(o, name)
        except AttributeError:
            raise member_error(o, name) from None
        if _isnum(v) and not _isnum(cur) and hasattr(cur, "__setitem__") and \
                not isinstance(cur, (str, HocObject)):
            cur[0] = v
        else:
            setattr(o, name, v)
        return v

    def _elem(o, name, idx):
        try:
            a = getattr(o, name)
        except AttributeError:
            raise member_error(o, name) from None
        if type(a) is HocArray:
            return a, a.flat_index(idx, G[_EPS_KEY])
        if len(idx) != 1:
            raise HocError("wrong # of subscripts")
        i = int(idx[0] + G[_EPS_KEY])
        if i < 0:
            raise HocError("subscript out of range")
        return a, i

    def _gmi(o, name, idx):
        a, i = _elem(o, name, idx)
        try:
            return a[i]
        except IndexError:
            raise HocError("subscript out of range %s" % name) from None

    def _gm1(o, name, x):
        """o.name[x], the common one-index case of _gmi."""
        try:
            a = getattr(o, name)
        except AttributeError:
            raise member_error(o, name) from None
        i = int(x + G[_EPS_KEY])
        if type(a) is HocArray:
            if len(a.dims) != 1:
                raise HocError("wrong # of subscripts %s" % name)
            if i < 0 or i >= len(a):
                raise HocError("subscript 0 index %d of %s out of range %d" % (i, name, len(a)))
        elif i < 0:
            raise HocError("subscript out of range %s" % name)
        try:
            return a[i]
        except IndexError:
            raise HocError("subscript out of range %s" % name) from None

    def _smi(o, name, idx, v):
        a, i = _elem(o, name, idx)
        try:
            a[i] = v
        except IndexError:
            raise HocError("subscript out of range %s" % name) from None
        return v

    def _mc(o, name, *args):
        if _is_section(o):
            return interp.sections.rv(o, name, args[0] if args else 0.5)
        try:
            f = getattr(o, name)
        except AttributeError:
            raise member_error(o, name) from None
        if type(f) is HocArray:
            f = f[0]                 # cell.dend(0): element 0 of a section array
        return f(*args)

    plain_types = set()   # types whose methods can not reassign object-variable arguments
    out_methods = {}      # type -> names of its Python methods that take `_out`

    def _mcw(o, name, out, *args):
        """A method call whose object-variable arguments the method may reassign: template
        methods (`$o1 = ...`) and engine methods that accept `_out` (MechanismType.make),
        which store the final arguments into `out`.  Calls on other objects are _mc's,
        done inline once _PT knows their type."""
        t = type(o)
        if t in plain_types:
            try:
                f = getattr(o, name)
            except AttributeError:
                raise member_error(o, name) from None
            if type(f) is HocArray:
                f = f[0]
            return f(*args)
        if isinstance(o, HocObject):
            sym = t._hoc_template.table.get(name)
            if sym is not None and sym.public and sym.value is not None and \
                    sym.kind in ("proc", "func", "obfunc", "iter"):
                return interp.call_protected(sym.value, o, *args, _out=out)
        elif not _is_section(o):
            names = out_methods.get(t)
            if names is None:
                names = out_methods[t] = _out_method_names(t)
                if not names:
                    plain_types.add(t)
            if name in names:
                return getattr(o, name)(*args, _out=out)
        return _mc(o, name, *args)

    def _mci(o, name, idx, args):
        a, i = _elem(o, name, idx)
        return a[i](*args)

    def _smx(o, name, args, v):
        if _is_section(o):
            interp.sections.rv_set(o, name, args[0] if args else 0.5, v)
            return v
        raise HocError("%s(...) can not be assigned" % name)

    def _mref(o, name, idx, x):
        if _is_section(o):
            return interp.sections.rvref(o, name, 0.5 if x is None else x)
        if isinstance(o, HocObject):
            return o._hoc_pointer(name, idx, G[_EPS_KEY])
        if o is None:
            raise HocError("'%s' object prefix is nullptr" % name)
        try:
            ref = getattr(o, "_ref_" + name)
        except AttributeError:
            raise HocError("can not take the address of %s.%s" % (interp.hname(o), name)) \
                from None
        if idx is not None:
            ref = ref[int(idx[0] + G[_EPS_KEY])]
        return ref

    def _shift(p, k):
        if k == 0:
            return p
        if isinstance(p, ArrayPointer):
            return ArrayPointer(p.a, p.base + k, p.name)
        raise HocError("pointer arithmetic on a scalar")

    def _tobj(name, i):
        return interp.object_by_index(name, int(i + G[_EPS_KEY]))

    def _undef(name):
        raise HocError("undefined variable %s" % name)

    def _rtcall(name, *args, _out=None):
        f = G.get("_b_" + name) or G.get("h_" + name)
        if f is None or not callable(f):
            raise HocError("%s undefined function" % name)
        if _out is not None:
            return _callw(f, _out, *args)
        return f(*args)

    def _callw(f, out, *args):
        """A call of a function unknown when the caller was compiled, with objref
        arguments: a HOC procedure receives `out` for them."""
        if _takes_out(f):
            return f(*args, _out=out)
        return f(*args)

    def _err(msg):
        return HocError(msg)

    # -------------------------------------------------------------- output

    def _prv(v):
        if isinstance(v, str):
            interp.write(v + "\n")
        elif _isnum(v):
            interp.write("\t%.8g \n" % v)
        else:
            interp.write("\t%s \n" % interp.hname(v))

    def _prvm(o, v):
        """Top-level print of a method call: a HOC class's method that returns nothing
        returns 0 in NEURON."""
        if v is None and interp.is_hoc_object(o) and not isinstance(o, HocObject):
            v = 0.0
        _prv(v)

    def _prs(s):
        interp.write(str(s) + "\n")

    def _pv(v):
        if _isnum(v):
            return "%.8g " % v
        if isinstance(v, str):
            return v + " "
        return interp.hname(v) + " "

    def _print(*parts):
        interp.write("".join(parts) + "\n")

    def _pw(part):
        interp.write(part)

    def _pysec(name):
        sec = interp.sections.python_section(name)
        if sec is None:
            raise HocError("_pysec.%s is not a section" % name)
        return sec

    # ---------------------------------------------------------------- loops

    def _frange(b, e):
        if b == int(b) and -2.0 ** 52 < b and e < 2.0 ** 52:
            return map(float, range(int(b), _floor(e) + 1))
        return _fgen(b, e)

    def _delete_symbol(name):
        interp.delete_top(name)

    def _is_section(o):
        return isinstance(o, interp.section_types)

    G.update({
        "_INF": math.inf, "_NAN": math.nan, "_G": G, "_NA": _NoArg(),
        "_ix": _ix, "_dim": _dim, "_mkarr": _mkarr, "_mod": _mod, "_pow": _pow,
        "_feq": _feq, "_eq": _eq, "_ne": _ne, "_and": _and, "_or": _or,
        "_num": _num, "_str": _str, "_sv": _sv, "_SA": StrArg, "_setsarg": _setsarg,
        "_setv": _setv, "_seti": _seti, "_seta": _seta,
        "_gm": _gm, "_sm": _sm, "_gmi": _gmi, "_gm1": _gm1, "_smi": _smi, "_mc": _mc,
        "_mci": _mci, "_mcw": _mcw, "_PT": plain_types,
        "_smx": _smx, "_mref": _mref, "_shift": _shift, "_VP": VarPointer, "_AP": ArrayPointer,
        "_tobj": _tobj, "_undef": _undef, "_pw": _pw, "_pysec": _pysec, "_rtcall": _rtcall, "_callw": _callw, "_err": _err, "_Stop": HocStop,
        "_prv": _prv, "_prvm": _prvm, "_prs": _prs, "_pv": _pv, "_print": _print,
        "_frange": _frange, "_delete_symbol": _delete_symbol, "_set_string": set_string,
    })


def _takes_out(fn) -> bool:
    """A Python function with a parameter `_out`: HOC hands it the list that receives the
    final arguments (the protocol of compiled HOC procedures, for objref out-arguments)."""
    code = getattr(getattr(fn, "__func__", fn), "__code__", None)
    if code is None:
        return False
    return "_out" in code.co_varnames[:code.co_argcount + code.co_kwonlyargcount]


def _out_method_names(t: type) -> frozenset:
    names = set()
    for klass in reversed(t.__mro__):
        for name, v in vars(klass).items():
            if isinstance(v, (staticmethod, classmethod)):
                v = v.__func__
            if callable(v) and _takes_out(v):
                names.add(name)
            else:
                names.discard(name)
    return frozenset(names)


class _NoArg:
    """The value of `$n` when the caller passed fewer arguments."""

    def __repr__(self):
        return "_NoArg"


def _fgen(b, e):
    x = b
    while x <= e:
        yield x
        x = x + 1.0


def _isnum(v) -> bool:
    t = type(v)
    return t is float or t is int or t is bool or (
        isinstance(v, (int, float)) and not isinstance(v, HocObject))


def _typename(v: Any) -> str:
    if v is None:
        return "NULLobject"
    if isinstance(v, str):
        return "string"
    return type(v).__name__

