"""HOC templates and their instances.

A template is a Python class derived from `HocObject`; an instance keeps its fields in its
`__dict__`: public fields under their own name (so Python reads `cell.soma` directly),
public strdefs as `_s_<name>` (Python sees the string through `__getattr__`), private
members as `_p_<name>`.  Methods are class attributes; compiled HOC code calls them directly.
Instances are numbered per template (`Cell[0]`, `Cell[1]`...) as in NEURON.
"""
from __future__ import annotations

import sys
import weakref
from typing import Dict, List, Optional, Tuple

from .errors import HocError, HocQuit
from .symbols import Sym, SymbolTable, field_key
from .values import ArrayPointer, HocArray, HocRef, VarPointer


class HocObject:
    """Base class of every HOC template instance."""

    _hoc_template: "Template" = None  # type: ignore[assignment]

    def __new__(cls, *args, **kwargs):
        """The HOC object is made (and its init run with the arguments) here, so that a
        Python subclass may define its own __init__ (NEURON's hclass)."""
        obj = object.__new__(cls)
        t = cls._hoc_template
        t.interp.call_protected(t.construct, obj, args)
        return obj

    def __init__(self, *args, **kwargs):
        pass

    # ------------------------------------------------------------- identity

    def hname(self) -> str:
        return "%s[%d]" % (self._hoc_template.name, self.__dict__.get("_hoc_index", -1))

    def __repr__(self) -> str:
        return self.hname()

    __str__ = __repr__

    def hocobjptr(self) -> int:
        return id(self)

    def same(self, other) -> bool:
        return self is other

    # ----------------------------------------------------- Python attribute access

    def __getattr__(self, name: str):
        if name.startswith("__"):
            raise AttributeError(name)
        t = type(self)._hoc_template
        sym = t.table.get(name) if t is not None else None
        if sym is not None:
            # from Python every member is reachable, public or not (as in NEURON)
            if sym.kind == "str":
                return self.__dict__[sym.key].v
            if not sym.public and not _called_from_hoc(t):
                d = self.__dict__
                if sym.key in d:
                    return d[sym.key]
                method = getattr(type(self), "_p_" + name, None)
                if method is not None:
                    return method.__get__(self, type(self))
        raise AttributeError("'%s' not a public member of '%s'" % (name, t.name if t else "?"))

    def __setattr__(self, name: str, value) -> None:
        t = type(self)._hoc_template
        sym = t.table.get(name)
        if sym is None or name.startswith("_"):
            object.__setattr__(self, name, value)
            return
        self._hoc_set(name, value, python=True)

    def _hoc_set(self, name: str, v, python: bool = False) -> None:
        """`obj.name = v`, with type checks: from HOC only public data members, from Python
        any data member (NEURON's rules)."""
        t = type(self)._hoc_template
        sym = t.table.get(name)
        if sym is None or not (sym.public or python):
            raise HocError("'%s' not a public member of '%s'" % (name, t.name))
        d = self.__dict__
        kind = sym.kind
        if kind == "var":
            if isinstance(v, bool) or not isinstance(v, (int, float)):
                try:
                    v = float(v)
                except (TypeError, ValueError):
                    raise HocError("assignment to %s.%s needs a number" % (self.hname(), name)) \
                        from None
            cur = d.get(sym.key)
            if type(cur) is HocArray:
                cur[0] = float(v)
            else:
                d[sym.key] = float(v)
        elif kind == "str":
            d[sym.key].v = v if isinstance(v, str) else str(v)
        elif kind == "obj":
            cur = d.get(sym.key)
            if type(cur) is HocArray:
                cur[0] = v
            else:
                d[sym.key] = v
        else:
            raise HocError("%s.%s can not be assigned" % (self.hname(), name))

    def _hoc_pointer(self, name: str, idx, eps: float):
        t = type(self)._hoc_template
        sym = t.table.get(name)
        if sym is None or not sym.public or sym.kind != "var":
            raise HocError("'%s' not a public member of '%s'" % (name, t.name))
        cur = self.__dict__[sym.key]
        if type(cur) is HocArray:
            k = cur.flat_index(idx or (0.0,) * len(cur.dims), eps)
            return ArrayPointer(cur, k, "%s.%s" % (self.hname(), name))
        if idx:
            raise HocError("%s not an array variable" % name)
        return VarPointer(self.__dict__, sym.key, "%s.%s" % (self.hname(), name))

    def __del__(self):
        t = type(self)._hoc_template
        if t is None:
            return
        if t.unref_method is not None and self.__dict__.get("_hoc_index", -1) >= 0 \
                and not sys.is_finalizing():
            # NEURON calls `proc unref()` with the new reference count each time it drops;
            # Python only tells when it reaches 0, and then the object is going away
            held = sys.getrefcount(self)
            t.call_unref(self)
            if sys.getrefcount(self) > held:
                return      # unref() stored `this` somewhere: the object lives on
        try:
            t.destroy(self)
        except Exception:
            pass


def _called_from_hoc(t) -> bool:
    """Whether the attribute access two frames up is HOC's (compiled HOC code or the HOC
    runtime's member helpers), where only public members are reachable."""
    from . import runtime
    fname = sys._getframe(2).f_code.co_filename
    return fname in t.interp.units or fname == runtime.install.__code__.co_filename


class HocMethod:
    """A template method on the class: calls through it (from Python, or from HOC on
    another object) turn errors into located HocErrors.  Calls inside the template go to
    the function directly."""
    __slots__ = ("fn", "interp")

    def __init__(self, fn, interp):
        self.fn = fn
        self.interp = interp

    def __get__(self, obj, cls=None):
        if obj is None:
            return self
        return BoundHocMethod(self.fn, obj, self.interp)


class BoundHocMethod:
    __slots__ = ("fn", "obj", "interp")

    def __init__(self, fn, obj, interp):
        self.fn, self.obj, self.interp = fn, obj, interp

    def __call__(self, *args):
        return self.interp.call_protected(self.fn, self.obj, *args)

    def __repr__(self):
        return "<hoc method %s.%s>" % (self.obj.hname(), self.fn.__name__)

    @property
    def __name__(self):
        return self.fn.__name__


class Template:
    """One `begintemplate Name ... endtemplate Name`."""

    def __init__(self, name: str, interp):
        self.name = name
        self.interp = interp
        self.table = SymbolTable()
        self.public: set = set()
        self.externals: Dict[str, Optional[Sym]] = {}
        self.fields: List[Sym] = []
        self.field_dims: Dict[str, Tuple[int, ...]] = {}
        self.next_index = 0
        self.instances: "weakref.WeakValueDictionary[int, HocObject]" = \
            weakref.WeakValueDictionary()
        self.init_method = None
        self.unref_method = None
        # like NEURON's, instances report their type as hoc.HocObject
        self.cls = type("HocObject", (HocObject,), {"_hoc_template": self, "__module__": "hoc",
                                                    "__qualname__": "HocObject"})

    # ------------------------------------------------------------- symbols

    def add_field(self, name: str, kind: str, ndim: int) -> Sym:
        public = name in self.public
        sym = Sym(name, kind, "F", field_key(name, kind, public), ndim, public=public,
                  template=self)
        self.table.add(sym)
        self.fields.append(sym)
        return sym

    def add_method(self, name: str, kind: str, fn) -> Sym:
        public = name in self.public
        gkey = "m_%s_%s" % (self.name, name)
        sym = Sym(name, kind, "F", gkey, public=public, template=self, value=fn)
        self.table.add(sym)
        self.interp.G[gkey] = fn
        setattr(self.cls, name if public else "_p_" + name, HocMethod(fn, self.interp))
        if name == "init":
            self.init_method = fn
        elif name == "unref" and kind == "proc":
            self.unref_method = fn
        return sym

    # ----------------------------------------------------------- instances

    def construct(self, obj: HocObject, args) -> None:
        d = obj.__dict__
        if not self.instances:
            self.next_index = 0     # NEURON numbers from C[0] again once none is left
        k = self.next_index
        self.next_index += 1
        d["_hoc_index"] = k
        self.instances[k] = obj
        for sym in self.fields:
            d[sym.key] = self.initial_value(obj, sym)
        if self.init_method is not None:
            self.init_method(obj, *args)
        elif args:
            raise HocError("%s: no init procedure for the arguments of new %s(...)"
                           % (self.name, self.name))

    def initial_value(self, obj, sym: Sym):
        dims = self.field_dims.get(sym.name)
        kind = sym.kind
        if kind == "str":
            return HocRef("")
        if kind == "sec":
            if dims is None:
                return None
            return self.interp.sections.create(sym.name, dims, obj, None)
        fill = 0.0 if kind == "var" else None
        if sym.ndim:
            return HocArray(dims or (1,) * sym.ndim, fill)
        return fill

    def destroy(self, obj: HocObject) -> None:
        d = obj.__dict__
        for sym in self.fields:
            if sym.kind == "sec":
                self.interp.sections.delete(d.get(sym.key))

    def call_unref(self, obj: HocObject) -> None:
        """`unref(0)` of an instance being freed.  Python can not raise from here: an error
        ends the statement being run once it is done (NEURON ends it at once)."""
        try:
            self.interp.call_protected(self.unref_method, obj, 0.0)
        except HocQuit:
            self.interp.quit_requested = True
        except Exception as e:  # noqa: BLE001 (a HOC error, raised or reported later)
            self.interp.deferred_error(e)

    def live_instances(self) -> List[HocObject]:
        return [self.instances[k] for k in sorted(self.instances.keys())
                if self.instances.get(k) is not None]

    def by_index(self, i: int) -> HocObject:
        obj = self.instances.get(i)
        if obj is None:
            raise HocError("%s[%d] is not an object" % (self.name, i))
        return obj


def member_error(o, name: str) -> HocError:
    if o is None:
        return HocError("'%s' object prefix is nullptr" % name)
    if isinstance(o, HocObject):
        cname = type(o)._hoc_template.name
    else:
        cname = type(o).__name__
    return HocError("'%s' not a public member of '%s'" % (name, cname))
