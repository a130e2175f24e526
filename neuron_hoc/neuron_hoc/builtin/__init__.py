"""HOC's built-in functions, constants and variables, and the engine's names.

Each module defines one family and an `install(interp)`; `define` registers a function as a
symbol plus a global `_b_<name>` the compiled code calls.  Flags: "pure" (no effects: loops
that call only these keep variables in locals), "str"/"obj"/"any" (result type; default a
number), "intrinsic" (the compiler has a special form, method `i_<name>`).
"""
from __future__ import annotations

from typing import Callable

from ..symbols import Sym, top_key


def define(interp, name: str, fn: Callable, *flags: str) -> Sym:
    sym = Sym(name, "builtin", "B", "_b_" + name, value=fn, flags=frozenset(flags))
    interp.builtins.add(sym)
    interp.G["_b_" + name] = fn
    return sym


def define_var(interp, name: str, value: float) -> Sym:
    """A built-in double stored like a top-level variable (fast to read in compiled code)."""
    sym = Sym(name, "var", "G", top_key(name))
    interp.builtins.add(sym)
    interp.G[sym.key] = float(value)
    return sym


def define_class(interp, name: str, cls) -> Sym:
    sym = Sym(name, "class", "B", "c_" + name, value=cls)
    interp.builtins.add(sym)
    interp.G["c_" + name] = cls
    interp.hoc_classes.add(cls)
    return sym


def install_all(interp) -> None:
    from . import engine, gui, io, lang, mathfn, sectionfn, stdrun, system
    for mod in (mathfn, io, lang, system, gui, engine, sectionfn, stdrun):
        mod.install(interp)
    install_class_modules(interp)


def install_class_modules(interp) -> None:
    """Classes of `neuron_hoc.classes` (List, File, Random...): every class in its modules
    with a `hoc_name` attribute becomes a HOC class of that name."""
    import importlib
    import pkgutil
    try:
        pkg = importlib.import_module("neuron_hoc.classes")
    except ImportError:
        return
    for info in pkgutil.iter_modules(getattr(pkg, "__path__", [])):
        if info.name.startswith("_") or info.name == "tests":
            continue
        try:
            mod = importlib.import_module("neuron_hoc.classes." + info.name)
        except ImportError:
            continue
        for obj in vars(mod).values():
            name = getattr(obj, "hoc_name", None)
            if isinstance(obj, type) and isinstance(name, str) and obj.__module__ == mod.__name__:
                define_class(interp, name, obj)
