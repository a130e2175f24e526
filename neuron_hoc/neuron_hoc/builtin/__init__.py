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
    from . import engine, gui, io, lang, mathfn, morphology, sectionfn, stdrun, system
    for mod in (mathfn, io, lang, system, engine, gui, sectionfn, stdrun, morphology):
        mod.install(interp)
    install_class_modules(interp)


def install_class_modules(interp) -> None:
    """The general-purpose classes of `neuron_hoc.classes` (List, File, Random...), and the
    hooks through which they reach the interpreter."""
    import importlib
    try:
        pkg = importlib.import_module("neuron_hoc.classes")
        hooks = importlib.import_module("neuron_hoc.classes.hooks")
        timer = importlib.import_module("neuron_hoc.classes.timer")
    except ImportError:
        return
    for name, cls in getattr(pkg, "CLASSES", {}).items():
        define_class(interp, name, cls)
    hooks.set_template_instances(interp.template_instances)
    hooks.set_template_lookup(
        lambda name: interp.templates[name].cls if name in interp.templates else None)
    hooks.set_symbol_checker(
        lambda name: interp.top.get(name) is not None or interp.builtins.get(name) is not None)
    hooks.set_reference_finder(interp.reference_names)
    timer.set_statement_runner(lambda stmt: interp.execute(stmt, echo=False))
    interp.process_timers = timer.process_timers
