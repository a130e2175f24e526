"""`h`: the HOC top level as a Python object.

`h.x` reads and writes HOC variables, `h.f(...)` calls HOC procedures (errors raise a
located HocError), `h.Cell(...)` makes template instances, `h('stmt')` runs HOC and returns
1 or 0, and every name the engine publishes (classes, functions, variables, mechanisms) is
reachable the same way.
"""
from __future__ import annotations

import os
from typing import Optional

from .errors import HocError, HocQuit
from .interpreter import Interpreter
from .objects import HocObject
from .values import HocRef, StrArg, VarPointer

LIB_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib", "hoc")


def to_hoc_args(args) -> tuple:
    """Python values as HOC receives them: `h.ref('')` becomes a strdef argument."""
    out = []
    for a in args:
        if isinstance(a, HocRef) and isinstance(a.v, str):
            a = StrArg(a)
        elif a is True or a is False:
            a = 1.0 if a else 0.0
        out.append(a)
    return tuple(out)


def _quit_stops_here(fn, interp):
    """A built-in that runs HOC, called from Python: quit() ends the HOC being run (the
    interpreter notes it) but never the Python program."""
    def call(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except HocQuit:
            interp.quit_requested = True
            return 0.0
    call.__name__ = getattr(fn, "__name__", "builtin")
    return call


def _math_errors_as_hoc(fn, name: str):
    """A math built-in called from Python: a domain error is HOC's ("sqrt argument out of
    domain"), a RuntimeError as in NEURON, not Python's ValueError."""
    def call(*args):
        try:
            return fn(*args)
        except ValueError:
            raise HocError("%s argument out of domain" % name) from None
    call.__name__ = name
    return call


class HocFunction:
    """A HOC procedure as seen from Python: errors come back as located HocErrors."""
    __slots__ = ("fn", "interp", "name")

    def __init__(self, fn, interp, name: str):
        self.fn, self.interp, self.name = fn, interp, name

    def __call__(self, *args, sec=None):
        """`sec=` runs the procedure with that section as the currently accessed one."""
        return self.interp.sections.call_with_section(sec, self._call, args)

    def _call(self, args):
        # h.ref(obj) arguments are objref variables the procedure may reassign ($o1 = ...)
        refs = [(k, a) for k, a in enumerate(args) if isinstance(a, HocRef) and
                not isinstance(a.v, (str, int, float))]
        hargs = list(to_hoc_args(args))
        for k, a in refs:
            hargs[k] = a.v
        try:
            if not refs:
                return self.interp.call_protected(self.fn, *hargs)
            out: list = []
            result = self.interp.call_protected(self.fn, *hargs, _out=out)
            for k, a in refs:
                if out:
                    a.v = out[k]
            return result
        except HocQuit:
            self.interp.quit_requested = True
            return 0.0

    def __repr__(self):
        return "<hoc function %s>" % self.name

    def hname(self) -> str:
        return self.name


class HocTop:
    """The object `from neuron import h` gives."""

    def __init__(self, interp: Interpreter):
        object.__setattr__(self, "_interp", interp)

    # ---------------------------------------------------------------- running

    def __call__(self, code: str) -> bool:
        """Run HOC code: True on success, False (error printed) on failure, as NEURON."""
        interp = self._interp
        try:
            return interp.execute(str(code), None, report=True)
        except HocQuit:
            interp.quit_requested = True
            return True

    # ---------------------------------------------------------------- reading

    def __getattr__(self, name: str):
        interp = self._interp
        sym = interp.top.get(name) or interp.builtins.get(name)
        if sym is None:
            if name.startswith("_ref_"):
                return self._pointer(name[5:])
            raise AttributeError("'hoc.HocObject' object has no attribute '%s'" % name)
        G = interp.G
        kind = sym.kind
        if kind == "var":
            v = G[sym.key]
            return v
        if kind == "str":
            return G[sym.key].v
        if kind in ("obj", "sec"):
            return G.get(sym.key)
        if kind in ("proc", "func", "obfunc", "iter"):
            return HocFunction(G[sym.key], interp, name)
        if kind == "template":
            return sym.value.cls
        if kind == "builtin":
            fn = G["_b_" + name]
            if "runs" in sym.flags:
                return _quit_stops_here(fn, interp)
            return _math_errors_as_hoc(fn, name) if "pure" in sym.flags else fn
        if kind == "class":
            return sym.value
        if kind == "bvar":
            return sym.value[0].v
        if kind == "mech":
            return sym.value
        if kind == "rangevar":
            return interp.sections.rv(None, name, 0.5)
        if kind == "secprop":
            return getattr(interp.sections.cas(), name)
        raise AttributeError(name)

    def _pointer(self, name: str):
        interp = self._interp
        sym = interp.top.get(name) or interp.builtins.get(name)
        if sym is None:
            raise AttributeError("'hoc.HocObject' object has no attribute '_ref_%s'" % name)
        if sym.kind == "var" and sym.store == "G" and not sym.ndim:
            return VarPointer(interp.G, sym.key, name)
        if sym.kind == "bvar":
            return sym.value[0].ref()
        if sym.kind == "rangevar":
            return interp.sections.rvref(None, name, 0.5)
        if sym.kind == "var" and sym.ndim:
            return interp.G[sym.key]
        raise AttributeError("can not take a pointer to %s" % name)

    # ---------------------------------------------------------------- writing

    def __setattr__(self, name: str, value) -> None:
        interp = self._interp
        sym = interp.top.get(name) or interp.builtins.get(name)
        if sym is None:
            raise LookupError("'%s' is not a defined hoc variable name." % name)
        G = interp.G
        kind = sym.kind
        if kind == "var" and not sym.ndim:
            try:
                G[sym.key] = float(value)
            except (TypeError, ValueError):
                raise TypeError("%s is a number; can not assign %r" % (name, value)) from None
        elif kind == "str":
            G[sym.key].v = value.v if isinstance(value, HocRef) else str(value)
        elif kind == "obj" and not sym.ndim:
            G[sym.key] = value
        elif kind == "bvar":
            sym.value[0].v = value
        elif kind == "secprop":
            setattr(interp.sections.cas(), name, value)
        elif kind == "rangevar":
            interp.sections.rv_all(None, name, value)
        else:
            raise TypeError("h.%s can not be assigned" % name)

    # ------------------------------------------------------------------ misc

    def ref(self, value=0.0) -> HocRef:
        """`h.ref(x)`: a mutable cell passed where HOC takes `&x`, `$s` or `$o` by reference."""
        return HocRef(value)

    def __dir__(self):
        interp = self._interp
        names = set(interp.top.syms) | set(interp.builtins.syms)
        try:
            from neuron_core import builtins as engine
        except ImportError:
            return sorted(names)
        return sorted(names | set(engine.names()))

    def __repr__(self) -> str:
        return "<TopLevelHocInterpreter>"

    def hname(self) -> str:
        return "TopLevelHocInterpreter"


_h: Optional[HocTop] = None


def get_h() -> HocTop:
    """The one interpreter of the process (created on first use)."""
    global _h
    if _h is None:
        interp = Interpreter()
        interp.library_paths.extend(_library_folders())
        _h = HocTop(interp)
        interp.h = _h
    return _h


def _library_folders() -> list:
    folders = []
    try:
        from neuron import _plugins
        _plugins.get_plugin_manager().hook.neuron_register_hoc_library(
            register=lambda d: folders.append(d))
    except Exception:
        pass
    if LIB_DIR not in folders:
        folders.append(LIB_DIR)
    return folders


def hclass(c):
    """NEURON's `hclass(h.Name)`: a Python class to derive from (templates and the engine's
    classes already are Python classes)."""
    if isinstance(c, type):
        return c
    raise TypeError("hclass() needs a HOC template or class, got %r" % (c,))


__all__ = ["HocTop", "HocFunction", "get_h", "hclass", "to_hoc_args", "HocObject"]
