"""What the engine (`neuron_core.builtins.lookup`) publishes, as HOC symbols on demand:
functions, classes (Section, NetCon, point processes...), variables (t, dt, celsius,
GLOBALs like gnabar_hh), mechanism names and range variables (v, diam, gnabar_hh...)."""
from __future__ import annotations

import sys

from ..errors import HocError
from ..symbols import Sym
from . import define_class

# range variables every section has (the engine's Segment attributes)
CORE_RANGE = ("v", "diam", "cm", "i_cap", "i_membrane_", "i_membrane", "vext", "area_")
# engine functions whose result HOC treats as a string
STRING_FUNCTIONS = ("secname", "nrnversion")


class VarBox:
    """An engine variable as `box.v`, which compiled code reads and assigns."""
    __slots__ = ("var",)

    def __init__(self, var):
        self.var = var

    @property
    def v(self) -> float:
        return self.var.get()

    @v.setter
    def v(self, value) -> None:
        if self.var.set is None:
            raise HocError("variable is read only")
        self.var.set(float(value))

    def ref(self):
        return self.var.ref()


def _wrap(fn):
    """HOC functions return a number: the engine's None becomes 0, booleans 1/0."""
    def call(*args, **kwargs):
        r = fn(*args, **kwargs)
        if r is None:
            return 0.0
        if r is True or r is False:
            return 1.0 if r else 0.0
        return r
    call.__name__ = getattr(fn, "__name__", "builtin")
    call._engine = fn
    return call


def install(interp) -> None:
    define_class(interp, "PythonObject", _python_object)
    try:
        from neuron_core import builtins as eb
        from neuron_core.mechtype import MechType
    except ImportError:
        return
    G = interp.G

    def lookup(name: str):
        try:
            obj = eb.lookup(name)
        except Exception:
            obj = None
        if obj is None:
            if name in CORE_RANGE or eb.range_variable(name) is not None:
                return Sym(name, "rangevar", "B")
            return None
        if isinstance(obj, eb.Variable):
            box = VarBox(obj)
            G["_bo_" + name] = box
            return Sym(name, "bvar", "B", value=(box, "v"))
        if isinstance(obj, type):
            G["c_" + name] = obj
            interp.hoc_classes.add(obj)
            return Sym(name, "class", "B", value=obj)
        if isinstance(obj, MechType):
            return Sym(name, "mech", "B", value=obj)
        if callable(obj):
            G["_b_" + name] = _wrap(obj)
            flags = frozenset(("str",)) if name in STRING_FUNCTIONS else frozenset(("any",))
            return Sym(name, "builtin", "B", value=obj, flags=flags)
        return None

    interp.builtins.engine_lookup = lookup
    _register_vector_hooks(interp)
    try:
        eb.set_hoc_executor(lambda stmt: interp.execute(stmt, None, echo=False))
    except AttributeError:
        pass


def _python_object(*args):
    """`new PythonObject()`: Python's __main__ module, whose names HOC can reach."""
    if args:
        raise HocError("PythonObject takes no arguments")
    return sys.modules["__main__"]


def _register_vector_hooks(interp) -> None:
    """Vector.apply("name")/reduce/fit call HOC functions; where/eq use float_epsilon."""
    try:
        from neuron_core.vector import hooks
    except ImportError:
        return
    G = interp.G

    def resolve(name: str):
        sym = interp.top.get(name) or interp.builtins.get(name)
        if sym is None:
            return None
        if sym.kind in ("func", "proc", "obfunc") and sym.store == "G":
            fn = G[sym.key]
            return lambda *args: interp.call_protected(fn, *args)
        if sym.kind == "builtin":
            return G["_b_" + name]
        return None

    hooks.set_hoc_function_resolver(resolve)
    hooks.set_float_epsilon_getter(lambda: G["h_float_epsilon"])
